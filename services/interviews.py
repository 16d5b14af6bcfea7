"""Interviews: the employer (or staff for it) proposes times, a place or a link, a contact person and what the
place offers; the person picks a time, asks for another or asks for support at the interview. Both are
reminded the day before, and a chosen time that has passed makes the interview held (an outcome event)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from models import (Application, ApplicationEvent, ApplicationState, Interview, InterviewSlot, InterviewState,
                    OutcomeKind, Position, Seeker, User, utcnow)

from . import audit, outcomes
from .applications import readable_application
from .errors import DomainError
from .i18n import N_
from .notifications import notify_employer
from .outreach import notify_seeker

#: what the place of an interview can offer
PLACE_OFFERS = {
    "step_free_access": N_("Step-free access"), "sign_language": N_("A sign-language interpreter"),
    "written_questions": N_("Questions in writing"), "quiet_room": N_("A quiet room"),
    "accessible_toilet": N_("An accessible toilet"),
}
#: what a person can ask for at the interview itself
REQUESTS = {
    "sign_language": N_("A sign-language interpreter"), "extra_time": N_("Extra time"),
    "support_person": N_("A support person coming along"), "written_questions": N_("Questions in writing"),
    "step_free_access": N_("Step-free access"),
}
MAX_SLOTS = 5
#: application states from which an interview can be proposed
OPEN_STATES = (ApplicationState.APPLIED, ApplicationState.INTERVIEWING)
#: interviews the person still has to answer or attend
ACTIVE = (InterviewState.PROPOSED, InterviewState.ANOTHER_TIME, InterviewState.SCHEDULED)


class InterviewError(DomainError):
    messages = {
        "not_applied": N_("An interview can be proposed only to a person who has applied and not been hired, "
                          "declined or withdrawn."),
        "no_slots": N_("Propose at least one time for the interview."),
        "too_many_slots": N_("Propose at most %(max)s times."),
        "slot_past": N_("The time %(time)s has passed: propose a time in the future."),
        "place_or_link": N_("Give the address of the interview or the link of the online meeting."),
        "unknown_offer": N_("Choose what the place offers from the list."),
        "unknown_request": N_("Choose what you need at the interview from the list."),
        "nothing_asked": N_("Choose at least one kind of support, or write what you need."),
        "slot_unknown": N_("Choose one of the times proposed."),
        "closed": N_("This interview is no longer open to changes."),
    }


@dataclass(frozen=True)
class Proposal:
    slots: list[tuple[datetime, int]]
    place: str
    online_link: str
    contact_name: str
    contact_phone: str
    place_offers: list[str]


def propose(session: Session, application: Application, proposal: Proposal, *, by: User, now: datetime) -> Interview:
    """Propose interview times for the application (new times replace the unchosen ones of an interview still
    open); the application becomes "interviewing" and the person is told."""
    if application.state not in OPEN_STATES:
        raise InterviewError("not_applied")
    if not proposal.slots:
        raise InterviewError("no_slots")
    if len(proposal.slots) > MAX_SLOTS:
        raise InterviewError("too_many_slots", max=MAX_SLOTS)
    for starts_at, _minutes in proposal.slots:
        if starts_at <= now:
            raise InterviewError("slot_past", time=starts_at.isoformat())
    if not proposal.place.strip() and not proposal.online_link.strip():
        raise InterviewError("place_or_link")
    if set(proposal.place_offers) - set(PLACE_OFFERS):
        raise InterviewError("unknown_offer")
    interview = open_interview(session, application.id)
    if interview is None:
        interview = Interview(application=application, created_by_id=by.id)
        session.add(interview)
    interview.slots = [InterviewSlot(starts_at=s, minutes=m) for s, m in sorted(proposal.slots)]
    interview.state = InterviewState.PROPOSED
    interview.place, interview.online_link = proposal.place.strip(), proposal.online_link.strip()
    interview.contact_name, interview.contact_phone = proposal.contact_name.strip(), proposal.contact_phone.strip()
    interview.place_offers = sorted(set(proposal.place_offers))
    interview.reminded_at = None
    if application.state != ApplicationState.INTERVIEWING:
        application.state = ApplicationState.INTERVIEWING
        application.updated_at = utcnow()
        application.events.append(ApplicationEvent(state=ApplicationState.INTERVIEWING, by_user_id=by.id))
    session.flush()
    position = application.position
    notify_seeker(session, application.seeker, "interview_proposed", interview_id=str(interview.id),
                  employer=position.employer.name, position=position.title, times=str(len(interview.slots)))
    audit.record(session, action="create", subject_type="interview", subject_id=interview.id,
                 detail={"application_id": application.id, "slots": len(interview.slots)}, user_id=by.id)
    return interview


def _answerable(interview: Interview) -> None:
    if interview.state not in ACTIVE:
        raise InterviewError("closed")


def _tell_employer(session: Session, interview: Interview, kind: str, **params) -> None:
    application = interview.application
    notify_employer(session, application.position.employer_id, kind, {
        "interview_id": str(interview.id), "seeker": application.seeker.ref, "position": application.position.title,
        **params})


def pick_slot(session: Session, interview: Interview, slot_id: int, *, by: User, now: datetime) -> Interview:
    """The person (or staff for them) chooses one of the proposed times; the employer is told."""
    _answerable(interview)
    slot = next((s for s in interview.slots if s.id == slot_id), None)
    if slot is None:
        raise InterviewError("slot_unknown")
    if slot.starts_at <= now:
        raise InterviewError("slot_past", time=slot.starts_at.isoformat())
    for other in interview.slots:
        other.chosen = other is slot
    interview.state = InterviewState.SCHEDULED
    interview.reminded_at = None
    session.flush()
    _tell_employer(session, interview, "interview_scheduled", starts_at=slot.starts_at.isoformat())
    audit.record(session, action="update", subject_type="interview", subject_id=interview.id,
                 detail={"chosen": slot.starts_at.isoformat()}, user_id=by.id)
    return interview


def ask_another_time(session: Session, interview: Interview, note: str, *, by: User) -> Interview:
    _answerable(interview)
    for slot in interview.slots:
        slot.chosen = False
    interview.state = InterviewState.ANOTHER_TIME
    interview.request_note = note.strip()
    session.flush()
    _tell_employer(session, interview, "interview_another_time")
    audit.record(session, action="update", subject_type="interview", subject_id=interview.id,
                 detail={"asked": "another_time"}, user_id=by.id)
    return interview


def ask_support(session: Session, interview: Interview, requested: list[str], note: str, *, by: User) -> Interview:
    """What the person needs at the interview itself (an interpreter, extra time, a support person)."""
    _answerable(interview)
    if set(requested) - set(REQUESTS):
        raise InterviewError("unknown_request")
    if not requested and not note.strip():
        raise InterviewError("nothing_asked")
    interview.requested = sorted(set(requested))
    interview.request_note = note.strip()
    session.flush()
    _tell_employer(session, interview, "interview_support_asked")
    audit.record(session, action="update", subject_type="interview", subject_id=interview.id,
                 detail={"asked": interview.requested}, user_id=by.id)
    return interview


def set_attending(session: Session, interview: Interview, staff: User, attend: bool) -> Interview:
    """A staff member will attend the interview (or no longer will)."""
    interview.attending_staff_id = staff.id if attend else (
        None if interview.attending_staff_id == staff.id else interview.attending_staff_id)
    audit.record(session, action="update", subject_type="interview", subject_id=interview.id,
                 detail={"attending": attend}, user_id=staff.id)
    return interview


def open_interview(session: Session, application_id: int) -> Interview | None:
    """The application's interview still being arranged or to come, if any."""
    return session.scalar(select(Interview).where(Interview.application_id == application_id,
                                                  Interview.state.in_(ACTIVE)).order_by(Interview.id.desc()).limit(1))


def readable_interview(session: Session, reader: User, interview_id: int) -> Interview | None:
    """The interview if `reader` may read its application (services.applications.readable_application)."""
    interview = session.get(Interview, interview_id)
    if interview is None or readable_application(session, reader, interview.application_id) is None:
        return None
    return interview


def interviews_of_seeker(session: Session, seeker_id: int) -> list[Interview]:
    return list(session.scalars(
        select(Interview).join(Application).where(Application.seeker_id == seeker_id)
        .options(selectinload(Interview.slots), joinedload(Interview.application).joinedload(Application.position))
        .order_by(Interview.id.desc())))


def interviews_of_employer(session: Session, employer_id: int) -> list[Interview]:
    return list(session.scalars(
        select(Interview).join(Application).join(Position).where(Position.employer_id == employer_id)
        .options(selectinload(Interview.slots), joinedload(Interview.application).joinedload(Application.seeker))
        .order_by(Interview.id.desc())))


@dataclass(frozen=True)
class WeekRow:
    interview: Interview
    #: the chosen time, or the first time proposed when none is chosen yet
    starts_at: datetime
    seeker: Seeker
    position: Position


def week_interviews(session: Session, start: datetime, days: int = 7) -> list[WeekRow]:
    """Interviews in the district with a time in [start, start + days): the chosen one, or any proposed while
    none is chosen; by time. For staff: who, where and what support is asked."""
    end = start + timedelta(days=days)
    rows = session.execute(
        select(Interview, InterviewSlot.starts_at).join(InterviewSlot, InterviewSlot.interview_id == Interview.id)
        .where(InterviewSlot.starts_at >= start, InterviewSlot.starts_at < end, Interview.state != InterviewState.CANCELLED,
               or_(InterviewSlot.chosen.is_(True), Interview.state.in_((InterviewState.PROPOSED,
                                                                         InterviewState.ANOTHER_TIME))))
        .options(joinedload(Interview.application).joinedload(Application.seeker).joinedload(Seeker.township),
                 joinedload(Interview.application).joinedload(Application.position).joinedload(Position.employer))
        .order_by(InterviewSlot.starts_at, Interview.id)).all()
    seen, out = set(), []
    for interview, starts_at in rows:
        if interview.id not in seen:
            seen.add(interview.id)
            out.append(WeekRow(interview, starts_at, interview.application.seeker, interview.application.position))
    return out


def send_reminders(session: Session, now: datetime) -> dict:
    """The day before: remind both sides of each interview set for tomorrow (district day of `now`, which is
    aware); an interview whose time has passed becomes held (an outcome). Safe to run twice."""
    tomorrow = now.date() + timedelta(days=1)
    start = datetime.combine(tomorrow, datetime.min.time(), now.tzinfo)
    due = session.scalars(
        select(Interview).join(InterviewSlot, InterviewSlot.interview_id == Interview.id)
        .where(Interview.state == InterviewState.SCHEDULED, InterviewSlot.chosen.is_(True),
               Interview.reminded_at.is_(None), InterviewSlot.starts_at >= start,
               InterviewSlot.starts_at < start + timedelta(days=1))).all()
    for interview in due:
        application, slot = interview.application, interview.chosen_slot
        position = application.position
        notify_seeker(session, application.seeker, "interview_reminder_seeker", interview_id=str(interview.id),
                      employer=position.employer.name, position=position.title,
                      starts_at=slot.starts_at.isoformat())
        _tell_employer(session, interview, "interview_reminder_employer", starts_at=slot.starts_at.isoformat())
        interview.reminded_at = utcnow()
    held = mark_held(session, now)
    return {"reminded": len(due), "held": held}


def mark_held(session: Session, now: datetime) -> int:
    """Scheduled interviews whose chosen time has ended are held: each is an "interviewed" outcome."""
    passed = session.scalars(
        select(Interview).join(InterviewSlot, InterviewSlot.interview_id == Interview.id)
        .where(Interview.state == InterviewState.SCHEDULED, InterviewSlot.chosen.is_(True),
               InterviewSlot.starts_at <= now)).all()
    count = 0
    for interview in passed:
        slot = interview.chosen_slot
        if slot.starts_at + timedelta(minutes=slot.minutes) <= now:
            interview.state = InterviewState.HELD
            outcomes.record(session, interview.application.seeker_id, interview.application.position_id,
                            OutcomeKind.INTERVIEWED)
            count += 1
    session.flush()
    return count
