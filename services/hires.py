"""Hires: one way to record that a person was hired, whether through an application, at a fair, by staff or
from an approved declaration.

`record_hire` creates the employment the quota counts, moves the person's application for the position to
"hired" (creating it when the hire came first, as at a fair, so that the employer keeps a page for its
applicant), stops or keeps "looking for work" as the person chooses, and is written to the audit log. A
person counts in one employer's quota for a month (the one paying their social insurance), so a hire is
refused while the person holds a current full-time employment with another employer (a part-time job
beside it is recorded without the insurance, so it does not count twice); staff end the other employment
first (`end_employment`). Recording the same hire twice finds the first.

A hire through an application is recorded when the person accepts the offer (services.offers); a hire at a
fair, by staff or from a declaration is recorded as before. Every hire but a declared one (a person already
employed, declared for the quota) starts a follow-up plan (services.followups). Ending an employment says why,
opens a check-in within a week and makes the person matchable again.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload

from models import (Application, ApplicationEvent, ApplicationState, Employment, EmploymentSource, OutcomeKind,
                    Position, Seeker, utcnow)

from . import audit, followups, outcomes, placement_settings
from .errors import DomainError
from .i18n import N_

#: weekly hours from which a job is full-time; a job whose hours are not known is taken as full-time
FULL_TIME_HOURS = 30


class HireError(DomainError):
    messages = {
        "employed_elsewhere": N_("This person is recorded as employed by another employer at present, and a person "
                                 "counts in one employer's quota at a time. Federation staff can end that "
                                 "employment first if it has ended."),
        "ends_before_start": N_("An employment cannot end before it started (%(start)s)."),
        "already_ended": N_("This employment has already ended."),
        "end_reason": N_("Choose why the employment ended."),
        "end_future": N_("An employment cannot end after today (%(today)s)."),
    }


#: why an employment ended
END_REASONS = {
    "left": N_("The person left (reported by the employer)"), "dismissed": N_("The employer ended it"),
    "contract_ended": N_("The contract ended"), "insurance_stopped": N_("Social insurance stopped"),
    "other": N_("Another reason"),
}


@dataclass(frozen=True)
class Hire:
    employment: Employment
    application: Application | None
    #: False when the hire was recorded before and found again
    created: bool


def full_time(position: Position | None) -> bool:
    hours = position.hours_per_week if position is not None else None
    return hours is None or hours >= FULL_TIME_HOURS


def current_elsewhere(session: Session, seeker_id: int, employer_id: int, day: date) -> list[Employment]:
    """The person's employments with other employers that overlap an open-ended one starting on `day` (those
    not ended before it, including one that starts later)."""
    return list(session.scalars(select(Employment).where(
        Employment.seeker_id == seeker_id, Employment.employer_id != employer_id, _current_on(day))))


def _current_on(day: date):
    """Employments not ended before `day` (an open-ended one, or one that ends on it or later)."""
    return or_(Employment.end_on.is_(None), Employment.end_on >= day)


def employments_of_seeker(session: Session, seeker_id: int) -> list[Employment]:
    """The person's employments, latest start first, with employer and position."""
    return list(session.scalars(select(Employment).where(Employment.seeker_id == seeker_id)
                                .options(joinedload(Employment.employer), joinedload(Employment.position))
                                .order_by(Employment.start_on.desc())))


def held_positions(session: Session, seeker_id: int, day: date) -> list[str]:
    """Refs of the positions the person holds on `day`: their list of matches leaves them out."""
    return list(session.scalars(select(Position.ref).join(Employment, Employment.position_id == Position.id)
                                .where(Employment.seeker_id == seeker_id, _current_on(day))
                                .order_by(Position.ref).distinct()))


def hired_for(session: Session, position_ids, day: date) -> list[tuple[str, str]]:
    """(seeker ref, position ref) of the people who hold one of these positions on `day`: a fair's planner
    does not schedule them for it."""
    ids = list(position_ids)
    if not ids:
        return []
    return list(session.execute(
        select(Seeker.ref, Position.ref).join(Employment, Employment.seeker_id == Seeker.id)
        .join(Position, Employment.position_id == Position.id)
        .where(Employment.position_id.in_(ids), _current_on(day)).order_by(Seeker.ref, Position.ref).distinct()
    ).tuples())


def employed_by(session: Session, employer_ids, day: date) -> dict[int, set[str]]:
    """{employer id: refs of the people it employs on `day`}: it is not suggested to hire them again."""
    ids = list(employer_ids)
    out: dict[int, set[str]] = {}
    if not ids:
        return out
    for employer_id, ref in session.execute(
            select(Employment.employer_id, Seeker.ref).join(Seeker, Employment.seeker_id == Seeker.id)
            .where(Employment.employer_id.in_(ids), _current_on(day))):
        out.setdefault(employer_id, set()).add(ref)
    return out


def _move_application(session: Session, seeker: Seeker, position: Position, by_user_id: int | None,
                      note: str) -> Application:
    application = session.scalar(select(Application).where(Application.seeker_id == seeker.id,
                                                           Application.position_id == position.id))
    if application is None:
        application = Application(seeker=seeker, position=position, state=ApplicationState.HIRED)
        session.add(application)
    if application.state != ApplicationState.HIRED or not application.events:
        application.state = ApplicationState.HIRED
        application.updated_at = utcnow()
        application.events.append(ApplicationEvent(state=ApplicationState.HIRED, by_user_id=by_user_id, note=note))
    return application


def record_hire(session: Session, seeker: Seeker, *, employer_id: int, start_on: date, source: EmploymentSource,
                by_user_id: int | None, position: Position | None = None, keep_looking: bool = False,
                contract_months: int = 12, monthly_wage: int | None = None, social_insurance: bool | None = None,
                note: str = "", settings: placement_settings.PlacementSettings | None = None) -> Hire:
    """Record the hire (see the module docstring). `social_insurance` defaults to whether the position counts
    toward the quota (a position that does not is not a quota job)."""
    query = select(Employment).where(Employment.seeker_id == seeker.id, Employment.employer_id == employer_id,
                                     Employment.end_on.is_(None))
    if position is not None:
        query = query.where(Employment.position_id == position.id)
    employment = session.scalar(query.order_by(Employment.id).limit(1))
    created = employment is None
    if created:
        elsewhere = current_elsewhere(session, seeker.id, employer_id, start_on)
        if full_time(position) and any(full_time(other.position) for other in elsewhere):
            raise HireError("employed_elsewhere")
        if social_insurance is None:
            # a part-time job beside another one: the first employer pays the insurance and counts the person
            social_insurance = not elsewhere and (position.counts_toward_quota if position is not None else True)
        employment = Employment(
            seeker=seeker, employer_id=employer_id, position_id=position.id if position else None, start_on=start_on,
            contract_months=contract_months, social_insurance=social_insurance, source=source,
            monthly_wage=monthly_wage if monthly_wage is not None else (position.wage if position else None))
        session.add(employment)
    application = _move_application(session, seeker, position, by_user_id, note) if position is not None else None
    if not keep_looking and seeker.is_looking:
        seeker.is_looking = False
        seeker.updated_at = utcnow()  # the matching engines of every worker drop the person
    session.flush()
    if created:
        audit.record(session, action="create", subject_type="employment", subject_id=employment.id,
                     detail={"seeker": seeker.ref, "employer_id": employer_id, "source": source.value,
                             "position": position.ref if position else None}, user_id=by_user_id)
        if source != EmploymentSource.DECLARATION:
            followups.start_plan(session, employment, settings or placement_settings.from_env())
        if position is not None:
            outcomes.record(session, seeker.id, position.id, OutcomeKind.HIRED)
    return Hire(employment, application, created)


def end_employment(session: Session, employment: Employment, end_on: date, *, by_user_id: int | None,
                   reason: str = "other", note: str = "", today: date | None = None) -> Employment:
    """End the employment on `end_on` for `reason` (a key of END_REASONS, with optional words): a follow-up
    check-in opens within a week, and the person is looking for work again, so that new matches are offered."""
    if employment.end_on is not None:
        raise HireError("already_ended")
    if end_on < employment.start_on:
        raise HireError("ends_before_start", start=employment.start_on.isoformat())
    if reason not in END_REASONS:
        raise HireError("end_reason")
    if today is not None and end_on > today:
        raise HireError("end_future", today=today.isoformat())
    employment.end_on = end_on
    employment.end_reason = f"{reason}: {note.strip()}"[:300] if note.strip() else reason
    seeker = employment.seeker
    if not seeker.is_looking:
        seeker.is_looking = True
        seeker.updated_at = utcnow()  # the matching engines of every worker take the person back
    if employment.position_id is not None:
        outcomes.record(session, seeker.id, employment.position_id, OutcomeKind.LEFT,
                        months=outcomes.months_between(employment.start_on, end_on))
    followups.after_leaving(session, employment, today or end_on)
    audit.record(session, action="update", subject_type="employment", subject_id=employment.id,
                 detail={"end_on": end_on.isoformat(), "reason": reason}, user_id=by_user_id)
    return employment


def end_reason_key(employment: Employment) -> str | None:
    """The END_REASONS key of an ended employment (None while it runs or when none was recorded)."""
    return employment.end_reason.split(":", 1)[0] if employment.end_reason else None


def placements_of_employer(session: Session, employer_id: int, day: date) -> list[Employment]:
    """The employer's current employments of people placed with it (not declared ones), for its follow-up page."""
    return list(session.scalars(
        select(Employment).where(Employment.employer_id == employer_id, _current_on(day),
                                 Employment.source != EmploymentSource.DECLARATION)
        .options(joinedload(Employment.seeker), joinedload(Employment.position)).order_by(Employment.start_on)))


def undo_fair_hire(session: Session, seeker_id: int, position: Position, by_user_id: int | None) -> None:
    """A fair hire recorded by mistake: its employment goes, and the application returns to its state before."""
    employment = session.scalar(select(Employment).where(
        Employment.seeker_id == seeker_id, Employment.position_id == position.id,
        Employment.source == EmploymentSource.FAIR))
    if employment is None:
        return
    session.delete(employment)
    application = session.scalar(select(Application).where(Application.seeker_id == seeker_id,
                                                           Application.position_id == position.id))
    if application is not None and application.state == ApplicationState.HIRED:
        earlier = [e.state for e in application.events if e.state != ApplicationState.HIRED]
        if earlier:
            application.state = earlier[-1]
            application.events.append(ApplicationEvent(state=earlier[-1], by_user_id=by_user_id,
                                                       note="fair hire undone"))
        else:
            session.delete(application)
    audit.record(session, action="delete", subject_type="employment", subject_id=employment.id,
                 detail={"seeker_id": seeker_id, "position": position.ref, "source": "fair"}, user_id=by_user_id)
