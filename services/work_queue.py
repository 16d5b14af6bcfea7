"""The staff work queue: what needs doing today, gathered from every part of the service, each item with the
page where it is done and the colleague it is given to.

Each kind of item is one open query of the service that owns it (submitted declarations, offers waiting for an
answer, ...), over a window ahead of today where the item has a date. Calls and check-ins keep their own
assignee (the call list's and the follow-up plan's); the other kinds are given to a colleague in
`work_assignments`. Nothing here decides when an item is done: it leaves the queue when its own service closes it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload
from sqlalchemy.sql.elements import ColumnElement

from models import (Application, CheckIn, CheckInState, DeclarationStatus, Employer, Employment, FollowUpPlan,
                    InsuranceImport, Interview, InterviewSlot, InterviewState, Offer, OfferState, Outreach, Position,
                    QuotaDeclaration, SignUp, SignUpState, TrainingSession, User, WorkAssignment)

from . import audit, employers, followups, insurance, outreach
from .clock import Clock
from .errors import DomainError
from .i18n import N_
from .pages import count

#: days ahead from which offers to answer, interviews and check-ins come onto the queue
DAYS_AHEAD = 7
#: hours before its end from which a training place offered from a waiting list comes onto the queue
TRAINING_OFFER_HOURS = 48
#: whose items: the reader's and nobody's (the default and the menu's count), the reader's, nobody's, everyone's
WHO = ("mine_and_open", "mine", "unassigned", "everyone")


class WorkQueueError(DomainError):
    messages = {
        "no_such_kind": N_("There is no such kind of work."),
        "no_such_item": N_("This item is not on the work queue any more: it may have been done already."),
        "no_such_colleague": N_("Choose a colleague from the list."),
    }


@dataclass(frozen=True)
class Item:
    kind: str
    id: int
    #: the row the item is about (a declaration, an offer, a call, ...), for the page to name it
    row: object
    #: the day that matters: submitted, interview, answer by, place held until, due, registered, noted, rejected
    day: date | None
    #: where it is done: an endpoint of the web app and its arguments
    endpoint: str
    args: dict
    assignee_id: int | None


@dataclass(frozen=True)
class Source:
    """One kind of work: its open rows with their assignee column, the earliest first, and how an item is made."""

    query: Callable
    assignee: ColumnElement
    item: Callable


def _given(kind: str, model):
    """The generic assignment of a kind's rows, outer-joined."""
    return WorkAssignment, and_(WorkAssignment.kind == kind, WorkAssignment.item_id == model.id)


def _declarations(clock: Clock):
    return (select(QuotaDeclaration, WorkAssignment.user_id).outerjoin(*_given("declaration", QuotaDeclaration))
            .where(QuotaDeclaration.status == DeclarationStatus.SUBMITTED)
            .options(joinedload(QuotaDeclaration.employer))
            .order_by(QuotaDeclaration.submitted_at, QuotaDeclaration.id))


def _interviews(clock: Clock):
    today = clock.today()
    return (select(Interview, WorkAssignment.user_id).outerjoin(*_given("interview", Interview))
            .join(InterviewSlot, and_(InterviewSlot.interview_id == Interview.id, InterviewSlot.chosen))
            .where(Interview.state == InterviewState.SCHEDULED, InterviewSlot.starts_at >= clock.start_of(today),
                   InterviewSlot.starts_at < clock.start_of(today + timedelta(days=DAYS_AHEAD + 1)))
            .options(joinedload(Interview.application).joinedload(Application.seeker),
                     joinedload(Interview.application).joinedload(Application.position).joinedload(Position.employer),
                     selectinload(Interview.slots))
            .order_by(InterviewSlot.starts_at, Interview.id))


def _offers(clock: Clock):
    return (select(Offer, WorkAssignment.user_id).outerjoin(*_given("offer", Offer))
            .where(Offer.state == OfferState.PROPOSED, Offer.answer_by <= clock.today() + timedelta(days=DAYS_AHEAD))
            .options(joinedload(Offer.application).joinedload(Application.seeker),
                     joinedload(Offer.application).joinedload(Application.position).joinedload(Position.employer))
            .order_by(Offer.answer_by, Offer.id))


def _training_offers(clock: Clock):
    return (select(SignUp, WorkAssignment.user_id).outerjoin(*_given("training_offer", SignUp))
            .where(SignUp.state == SignUpState.OFFERED,
                   SignUp.offer_expires_at <= clock.now() + timedelta(hours=TRAINING_OFFER_HOURS))
            .options(joinedload(SignUp.seeker), joinedload(SignUp.session).joinedload(TrainingSession.course))
            .order_by(SignUp.offer_expires_at, SignUp.id))


def _check_ins(clock: Clock):
    return (select(CheckIn, FollowUpPlan.assigned_to_id).join(FollowUpPlan)
            .where(CheckIn.state == CheckInState.PLANNED, CheckIn.due_on <= clock.today() + timedelta(days=DAYS_AHEAD))
            .options(joinedload(CheckIn.plan).joinedload(FollowUpPlan.employment).joinedload(Employment.seeker),
                     joinedload(CheckIn.plan).joinedload(FollowUpPlan.employment).joinedload(Employment.employer))
            .order_by(CheckIn.due_on, CheckIn.id))


def _registrations(clock: Clock):
    return employers.registrations_to_check().add_columns(WorkAssignment.user_id).outerjoin(
        *_given("registration", Employer))


def _calls(clock: Clock):
    return outreach.calls_query().add_columns(Outreach.assigned_to_id)


def _insurance_files(clock: Clock):
    return insurance.rejected_unsettled().add_columns(WorkAssignment.user_id).outerjoin(
        *_given("insurance_file", InsuranceImport))


def _local_day(clock: Clock, moment: datetime | None) -> date | None:
    return clock.local(moment).date() if moment else None


SOURCES: dict[str, Source] = {
    "declaration": Source(_declarations, WorkAssignment.user_id, lambda c, d: (
        _local_day(c, d.submitted_at), "declarations.staff_detail", {"declaration_id": d.id})),
    "interview": Source(_interviews, WorkAssignment.user_id, lambda c, i: (
        _local_day(c, i.chosen_slot.starts_at), "hiring.interview", {"interview_id": i.id})),
    "offer": Source(_offers, WorkAssignment.user_id, lambda c, o: (o.answer_by, "hiring.offer", {"offer_id": o.id})),
    "training_offer": Source(_training_offers, WorkAssignment.user_id, lambda c, s: (
        _local_day(c, s.offer_expires_at), "trainings.staff_detail", {"session_id": s.session_id})),
    "check_in": Source(_check_ins, FollowUpPlan.assigned_to_id, lambda c, k: (
        k.due_on, "followups.check_in", {"check_in_id": k.id})),
    "registration": Source(_registrations, WorkAssignment.user_id, lambda c, e: (
        _local_day(c, e.created_at), "staff.registration", {"employer_id": e.id})),
    "call": Source(_calls, Outreach.assigned_to_id, lambda c, o: (
        _local_day(c, o.created_at), "staff.calls", {"township": o.seeker.township_id})),
    "insurance_file": Source(_insurance_files, WorkAssignment.user_id, lambda c, f: (
        _local_day(c, f.imported_at), "declarations.insurance", {})),
}
KINDS = tuple(SOURCES)


def _for(query, source: Source, who: str, user_id: int):
    if who == "mine":
        return query.where(source.assignee == user_id)
    if who == "unassigned":
        return query.where(source.assignee.is_(None))
    if who == "mine_and_open":
        return query.where(or_(source.assignee == user_id, source.assignee.is_(None)))
    return query


@dataclass(frozen=True)
class Group:
    kind: str
    #: every item of the kind for the reader's choice, over all pages
    total: int
    #: the first `limit` of them
    items: list[Item]


def queue(session: Session, clock: Clock, user_id: int, who: str = "mine_and_open", limit: int = 25) -> list[Group]:
    """Every kind of work with its true count and its first items, for one staff member's choice of whose."""
    groups = []
    for kind, source in SOURCES.items():
        query = _for(source.query(clock), source, who, user_id)
        rows = session.execute(query.limit(limit)).unique().all()
        items = [Item(kind, row.id, row, *source.item(clock, row), assignee_id) for row, assignee_id in rows]
        groups.append(Group(kind, count(session, query), items))
    return groups


def open_count(session: Session, clock: Clock, user_id: int) -> int:
    """How many items are the reader's or nobody's: the count next to the menu entry."""
    return sum(count(session, _for(source.query(clock), source, "mine_and_open", user_id))
               for source in SOURCES.values())


def _open_item(session: Session, clock: Clock, kind: str, item_id: int):
    source = SOURCES.get(kind)
    if source is None:
        raise WorkQueueError("no_such_kind")
    entity = source.query(clock).column_descriptions[0]["entity"]
    found = session.execute(source.query(clock).where(entity.id == item_id)).unique().first()
    if found is None:
        raise WorkQueueError("no_such_item")
    return found[0]


def assign(session: Session, clock: Clock, kind: str, item_id: int, user_id: int | None, *, by_user_id: int) -> None:
    """Give an item on the queue to a colleague (an active staff member), or to nobody in particular with None.
    Calls and check-ins are given where their own pages give them: on the call list, on the follow-up plan."""
    row = _open_item(session, clock, kind, item_id)
    if user_id is not None and outreach.staff_colleague(session, user_id) is None:
        raise WorkQueueError("no_such_colleague")
    if kind == "call":
        outreach.assign_call(session, item_id, user_id, by_user_id)
        return
    if kind == "check_in":
        followups.assign_plan(session, row.plan, user_id, by_user_id)
        return
    given = session.scalar(select(WorkAssignment).where(WorkAssignment.kind == kind, WorkAssignment.item_id == item_id))
    if user_id is None:
        if given is not None:
            session.delete(given)
    elif given is None:
        session.add(WorkAssignment(kind=kind, item_id=item_id, user_id=user_id, assigned_by_id=by_user_id))
    else:
        given.user_id, given.assigned_by_id, given.assigned_at = user_id, by_user_id, clock.now()
    audit.record(session, action="update", subject_type="work_item", subject_id=item_id,
                 detail={"kind": kind, "assigned_to": user_id}, user_id=by_user_id)
    session.flush()


def colleagues_by_id(session: Session) -> dict[int, User]:
    """Every staff member, active or not (an item may still be given to one who left), by id."""
    return {user.id: user for user in outreach.staff_colleagues(session, active_only=False)}
