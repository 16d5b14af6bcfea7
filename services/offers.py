"""Offers: the employer states the terms; the person accepts or declines (or staff do for a person they help,
with the reason recorded). Accepting records the hire (services.hires) from the offer's start date: a hire
from an application needs an accepted offer. An offer not answered in time expires, and both are told."""

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from matcher.profile import ACCOMMODATION_KEYS
from models import (Application, ApplicationEvent, ApplicationState, EmploymentSource, Offer, OfferState,
                    OutcomeKind, Position, Role, User, utcnow)

from . import audit, hires, outcomes
from .applications import readable_application
from .errors import DomainError
from .i18n import N_
from .notifications import notify, notify_employer
from .outreach import notify_seeker
from .placement_settings import PlacementSettings

#: application states from which an offer can be made
OFFER_STATES = (ApplicationState.APPLIED, ApplicationState.INTERVIEWING, ApplicationState.OFFERED)
MAX_PAY = 1_000_000


class OfferError(DomainError):
    messages = {
        "not_applied": N_("An offer can be made only to a person who has applied and not been hired, declined or "
                          "withdrawn."),
        "open_offer": N_("An offer to this person for this position is waiting for an answer."),
        "start_past": N_("The start date cannot be before today (%(today)s)."),
        "pay": N_("Enter the monthly pay in yuan, from 1 to 1,000,000."),
        "hours": N_("Enter the hours a week, from 1 to 60."),
        "contract": N_("Enter the contract length in months, from 0 (permanent) to 120."),
        "unknown_accommodation": N_("Choose the accommodations from the list."),
        "answered": N_("This offer has already been answered or has expired."),
        "reason_required": N_("Staff answering for a person must give the reason (for example, what the person "
                              "said on the phone)."),
        "not_yours": N_("Only the person offered the job, or federation staff for them, can answer the offer."),
    }


def make_offer(session: Session, application: Application, *, start_on: date, monthly_pay: int, hours_per_week: int,
               contract_months: int, accommodations: list[str], note: str, by: User, today: date,
               settings: PlacementSettings) -> Offer:
    if application.state not in OFFER_STATES:
        raise OfferError("not_applied")
    if open_offer(session, application.id) is not None:
        raise OfferError("open_offer")
    if start_on < today:
        raise OfferError("start_past", today=today.isoformat())
    if not 1 <= monthly_pay <= MAX_PAY:
        raise OfferError("pay")
    if not 1 <= hours_per_week <= 60:
        raise OfferError("hours")
    if not 0 <= contract_months <= 120:
        raise OfferError("contract")
    if set(accommodations) - set(ACCOMMODATION_KEYS):
        raise OfferError("unknown_accommodation")
    offer = Offer(application=application, start_on=start_on, monthly_pay=monthly_pay, hours_per_week=hours_per_week,
                  contract_months=contract_months, accommodations=sorted(set(accommodations)), note=note.strip(),
                  answer_by=today + timedelta(days=settings.offer_days), made_by_id=by.id)
    session.add(offer)
    if application.state != ApplicationState.OFFERED:
        application.state = ApplicationState.OFFERED
        application.updated_at = utcnow()
        application.events.append(ApplicationEvent(state=ApplicationState.OFFERED, by_user_id=by.id))
    session.flush()
    position = application.position
    outcomes.record(session, application.seeker_id, position.id, OutcomeKind.OFFERED)
    notify_seeker(session, application.seeker, "offer_made", offer_id=str(offer.id),
                  employer=position.employer.name, position=position.title, start_on=start_on.isoformat(),
                  answer_by=offer.answer_by.isoformat())
    audit.record(session, action="create", subject_type="offer", subject_id=offer.id,
                 detail={"application_id": application.id, "start_on": start_on.isoformat()}, user_id=by.id)
    return offer


def answer(session: Session, offer: Offer, accept: bool, *, by: User, reason: str = "", today: date) -> Offer:
    """The person's answer, or staff's for them (with the reason). Accepting records the hire; declining
    withdraws the application. The employer is told; a person answered for by staff is told too."""
    application = offer.application
    seeker, position = application.seeker, application.position
    by_staff = by.role == Role.STAFF
    if not by_staff and (by.role != Role.SEEKER or seeker.user_id != by.id):
        raise OfferError("not_yours")
    if offer.state != OfferState.PROPOSED or offer.answer_by < today:
        raise OfferError("answered")
    if by_staff and not reason.strip():
        raise OfferError("reason_required")
    state = OfferState.ACCEPTED if accept else OfferState.DECLINED
    note = f"offer {offer.id} {state.value}" + (f" by staff: {reason.strip()}" if by_staff else "")
    outcomes.record(session, seeker.id, position.id, OutcomeKind.ACCEPTED if accept else OutcomeKind.DECLINED)
    if accept:  # first: a refused hire (employed elsewhere) leaves the offer open
        hires.record_hire(session, seeker, employer_id=position.employer_id, position=position, start_on=offer.start_on,
                          source=EmploymentSource.APPLICATION, by_user_id=by.id, contract_months=offer.contract_months,
                          monthly_wage=offer.monthly_pay, note=note)
    offer.state, offer.answered_at, offer.answered_by_id = state, utcnow(), by.id
    offer.answered_by_staff, offer.answer_reason = by_staff, reason.strip()
    if accept:
        notify_employer(session, position.employer_id, "offer_accepted", {
            "offer_id": str(offer.id), "seeker": seeker.ref, "position": position.title,
            "start_on": offer.start_on.isoformat()})
    else:
        application.state = ApplicationState.WITHDRAWN
        application.updated_at = utcnow()
        application.events.append(ApplicationEvent(state=ApplicationState.WITHDRAWN, by_user_id=by.id, note=note))
        notify_employer(session, position.employer_id, "offer_declined", {
            "offer_id": str(offer.id), "seeker": seeker.ref, "position": position.title})
    if by_staff and seeker.user_id is not None:
        notify(session, [seeker.user_id], "offer_answered_by_staff", offer_id=str(offer.id),
               employer=position.employer.name, position=position.title, state=offer.state.value)
    audit.record(session, action="update", subject_type="offer", subject_id=offer.id,
                 detail={"state": offer.state.value, "by_staff": by_staff}, user_id=by.id)
    session.flush()
    return offer


def expire_offers(session: Session, today: date) -> int:
    """Offers not answered by their last day expire; the person and the employer are told. Safe to run twice."""
    late = session.scalars(select(Offer).where(Offer.state == OfferState.PROPOSED, Offer.answer_by < today)
                           .order_by(Offer.id)).all()
    for offer in late:
        offer.state = OfferState.EXPIRED
        application = offer.application
        seeker, position = application.seeker, application.position
        outcomes.record(session, seeker.id, position.id, OutcomeKind.DECLINED)
        notify_seeker(session, seeker, "offer_expired_seeker", offer_id=str(offer.id),
                      employer=position.employer.name, position=position.title,
                      answer_by=offer.answer_by.isoformat())
        notify_employer(session, position.employer_id, "offer_expired_employer", {
            "offer_id": str(offer.id), "seeker": seeker.ref, "position": position.title,
            "answer_by": offer.answer_by.isoformat()})
        audit.record(session, action="update", subject_type="offer", subject_id=offer.id,
                     detail={"state": "expired"}, user_id=None)
    session.flush()
    return len(late)


def open_offer(session: Session, application_id: int) -> Offer | None:
    return session.scalar(select(Offer).where(Offer.application_id == application_id,
                                              Offer.state == OfferState.PROPOSED).limit(1))


def readable_offer(session: Session, reader: User, offer_id: int) -> Offer | None:
    """The offer if `reader` may read its application (services.applications.readable_application)."""
    offer = session.get(Offer, offer_id)
    if offer is None or readable_application(session, reader, offer.application_id) is None:
        return None
    return offer


def offers_of_seeker(session: Session, seeker_id: int) -> list[Offer]:
    return list(session.scalars(
        select(Offer).join(Application).where(Application.seeker_id == seeker_id)
        .options(joinedload(Offer.application).joinedload(Application.position).joinedload(Position.employer))
        .order_by(Offer.id.desc())))


def offers_of_employer(session: Session, employer_id: int) -> list[Offer]:
    return list(session.scalars(
        select(Offer).join(Application).join(Position).where(Position.employer_id == employer_id)
        .options(joinedload(Offer.application).joinedload(Application.position),
                 joinedload(Offer.application).joinedload(Application.seeker))
        .order_by(Offer.id.desc())))


def waiting_offers(session: Session) -> list[Offer]:
    """Offers in the district waiting for an answer, the nearest last day first: staff can answer for a person."""
    return list(session.scalars(
        select(Offer).where(Offer.state == OfferState.PROPOSED)
        .options(joinedload(Offer.application).joinedload(Application.position).joinedload(Position.employer),
                 joinedload(Offer.application).joinedload(Application.seeker))
        .order_by(Offer.answer_by, Offer.id)))
