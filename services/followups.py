"""Follow-up after placement (就业跟踪): each hire gets a plan of check-ins at months after the start
(services.placement_settings), assigned to the staff member of the person's township; a check-in records how
it went and the supports agreed, each with a due date. When an employment ends, the planned check-ins are
cancelled and one is opened within a week, so that staff reach the person while new matches are offered.

What the employer sees is only `employer_items`: the supports that ask something of it, never the notes,
problems or satisfaction of a check-in (health information can be among them).
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from models import CheckIn, CheckInState, Employment, FollowUpPlan, Position, Seeker, Support, TownshipStaff, User

from . import audit
from .errors import DomainError
from .i18n import N_
from .notifications import notify, notify_employer, notify_staff
from .placement_settings import PlacementSettings

METHODS = {"phone": N_("Phone call"), "visit": N_("Visit"), "message": N_("Message")}
PROBLEMS = {
    "access": N_("Workplace access"), "tasks": N_("Tasks"), "colleagues": N_("Colleagues"), "pay": N_("Pay"),
    "transport": N_("Transport"), "health": N_("Health"),
}
SUPPORTS = {
    "job_coach": N_("Job coach visits"), "accommodation": N_("An accommodation to add"),
    "training": N_("A training"), "move": N_("A move to another position"), "meeting": N_("A meeting"),
}
#: days within which a check-in follows the end of an employment
AFTER_LEAVING_DAYS = 7


class CheckInError(DomainError):
    messages = {
        "done": N_("This check-in is already recorded."),
        "method": N_("Choose how the check-in was done."),
        "still_employed": N_("Say whether the person is still employed."),
        "satisfaction": N_("Give satisfaction from 1 (very unhappy) to 5 (very happy)."),
        "problem": N_("Choose the problems from the list."),
        "support": N_("Choose the kind of support from the list."),
        "support_due": N_("The due date of a support cannot be before the check-in (%(day)s)."),
        "future": N_("A check-in cannot be recorded for a day after today (%(today)s)."),
    }


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def staff_of_township(session: Session, township_id: int) -> int | None:
    return session.scalar(select(TownshipStaff.user_id).where(TownshipStaff.township_id == township_id))


def start_plan(session: Session, employment: Employment, settings: PlacementSettings) -> FollowUpPlan:
    """The employment's follow-up plan with its check-ins (found again when it exists)."""
    plan = plan_of(session, employment.id)
    if plan is not None:
        return plan
    plan = FollowUpPlan(employment=employment,
                        assigned_to_id=staff_of_township(session, employment.seeker.township_id))
    plan.check_ins = [CheckIn(months=m, due_on=add_months(employment.start_on, m)) for m in settings.follow_up_months]
    session.add(plan)
    session.flush()
    return plan


def plan_of(session: Session, employment_id: int) -> FollowUpPlan | None:
    return session.scalar(select(FollowUpPlan).where(FollowUpPlan.employment_id == employment_id))


def after_leaving(session: Session, employment: Employment, today: date) -> CheckIn:
    """The employment ended: planned check-ins are cancelled and one is opened within a week; the staff member
    in charge is told (every staff member when nobody is)."""
    plan = plan_of(session, employment.id) or FollowUpPlan(
        employment=employment, assigned_to_id=staff_of_township(session, employment.seeker.township_id))
    session.add(plan)
    for check_in in plan.check_ins:
        if check_in.state == CheckInState.PLANNED:
            check_in.state = CheckInState.CANCELLED
    due = max(today, employment.end_on) + timedelta(days=AFTER_LEAVING_DAYS)
    check_in = CheckIn(months=None, due_on=due)
    plan.check_ins.append(check_in)
    session.flush()
    params = {"check_in_id": str(check_in.id), "seeker": employment.seeker.ref, "employer": employment.employer.name,
              "end_on": employment.end_on.isoformat(), "due_on": due.isoformat()}
    if plan.assigned_to_id is not None:
        notify(session, [plan.assigned_to_id], "employment_ended", **params)
    else:
        notify_staff(session, "employment_ended", params)
    return check_in


@dataclass(frozen=True)
class CheckInRecord:
    done_on: date
    method: str
    still_employed: bool | None
    satisfaction_person: int | None
    satisfaction_employer: int | None
    problems: list[str]
    notes: str
    #: (kind, due date, what the employer is asked, '' when nothing)
    supports: list[tuple[str, date, str]]


def record_check_in(session: Session, check_in: CheckIn, record: CheckInRecord, *, by: User, today: date) -> CheckIn:
    if check_in.state == CheckInState.DONE:
        raise CheckInError("done")
    if record.method not in METHODS:
        raise CheckInError("method")
    if record.still_employed is None:
        raise CheckInError("still_employed")
    if record.done_on > today:
        raise CheckInError("future", today=today.isoformat())
    for value in (record.satisfaction_person, record.satisfaction_employer):
        if value is not None and not 1 <= value <= 5:
            raise CheckInError("satisfaction")
    if set(record.problems) - set(PROBLEMS):
        raise CheckInError("problem")
    for kind, due_on, _note in record.supports:
        if kind not in SUPPORTS:
            raise CheckInError("support")
        if due_on < record.done_on:
            raise CheckInError("support_due", day=record.done_on.isoformat())
    check_in.state, check_in.done_on, check_in.done_by_id = CheckInState.DONE, record.done_on, by.id
    check_in.method, check_in.still_employed = record.method, record.still_employed
    check_in.satisfaction_person, check_in.satisfaction_employer = record.satisfaction_person, record.satisfaction_employer
    check_in.problems, check_in.notes = sorted(set(record.problems)), record.notes.strip()
    check_in.supports.extend(Support(kind=k, due_on=d, employer_note=n.strip()) for k, d, n in record.supports)
    session.flush()
    employment = check_in.plan.employment
    for support in check_in.supports:
        if support.employer_note:
            notify_employer(session, employment.employer_id, "follow_up_request", {
                "position": employment.position.title if employment.position else employment.employer.name,
                "due_on": support.due_on.isoformat()})
    audit.record(session, action="update", subject_type="check_in", subject_id=check_in.id,
                 detail={"employment_id": employment.id, "supports": len(record.supports)}, user_id=by.id)
    return check_in


def _with_people():
    return (joinedload(CheckIn.plan).joinedload(FollowUpPlan.employment).joinedload(Employment.seeker)
            .joinedload(Seeker.township),
            joinedload(CheckIn.plan).joinedload(FollowUpPlan.employment).joinedload(Employment.employer),
            joinedload(CheckIn.plan).joinedload(FollowUpPlan.employment).joinedload(Employment.position))


def queue(session: Session, staff_id: int | None, until: date) -> list[CheckIn]:
    """Planned check-ins due by `until`, the earliest first: one staff member's (and those nobody is named for),
    or all with staff_id None."""
    query = (select(CheckIn).join(FollowUpPlan).where(CheckIn.state == CheckInState.PLANNED, CheckIn.due_on <= until)
             .options(*_with_people()).order_by(CheckIn.due_on, CheckIn.id))
    if staff_id is not None:
        query = query.where(or_(FollowUpPlan.assigned_to_id == staff_id, FollowUpPlan.assigned_to_id.is_(None)))
    return list(session.scalars(query))


def check_in_for_staff(session: Session, check_in_id: int) -> CheckIn | None:
    return session.scalar(select(CheckIn).where(CheckIn.id == check_in_id)
                          .options(*_with_people(), selectinload(CheckIn.supports)))


def assign_plan(session: Session, plan: FollowUpPlan, user_id: int | None, by_user_id: int) -> None:
    """Give a follow-up plan (all its check-ins) to a colleague, or to nobody in particular with None; the caller
    has made sure it is an active staff member (services.outreach.staff_colleague)."""
    plan.assigned_to_id = user_id
    audit.record(session, action="update", subject_type="follow_up_plan", subject_id=plan.id,
                 detail={"assigned_to": user_id}, user_id=by_user_id)
    session.flush()


def plan_check_ins(session: Session, plan_id: int) -> list[CheckIn]:
    return list(session.scalars(select(CheckIn).where(CheckIn.plan_id == plan_id)
                                .options(selectinload(CheckIn.supports)).order_by(CheckIn.due_on, CheckIn.id)))


@dataclass(frozen=True)
class EmployerItem:
    """A support that asks something of the employer: nothing else of the check-in."""

    kind: str
    due_on: date
    note: str
    done_on: date | None
    position: str | None
    seeker_ref: str
    seeker_name: str


def employer_items(session: Session, employer_id: int) -> list[EmployerItem]:
    """The supports agreed at check-ins of the employer's employments that ask something of it, due first."""
    rows = session.execute(
        select(Support.kind, Support.due_on, Support.employer_note, Support.done_on, Position.title, Seeker.ref,
               Seeker.name)
        .join(CheckIn, CheckIn.id == Support.check_in_id).join(FollowUpPlan, FollowUpPlan.id == CheckIn.plan_id)
        .join(Employment, Employment.id == FollowUpPlan.employment_id).join(Seeker, Seeker.id == Employment.seeker_id)
        .outerjoin(Position, Position.id == Employment.position_id)
        .where(Employment.employer_id == employer_id, Support.employer_note != "")
        .order_by(Support.done_on.is_not(None), Support.due_on, Support.id)).all()
    return [EmployerItem(*row) for row in rows]
