"""Job fairs (招聘会) run by staff: plain functions taking a SQLAlchemy session (no Flask).

Outcomes are one row per seeker, position and kind (interviewed, offered, hired, declined = the seeker turned
the offer down). A hire implies an offer and an interview, and creates the Employment record the quota counts,
once: recording it again finds the same record.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session, selectinload

from models import (AttendeeSource, Employer, EmploymentSource, FairAttendee, FairEmployer, FairOutcome,
                    FairOutcomeKind, FairPosition, JobFair, Position, PositionStatus, Seeker)

from . import audit, hires
from .errors import DomainError
from .i18n import N_
from .notifications import notify_employer
from .outreach import notify_seeker
from .pages import PER_PAGE, Page, paginate

KINDS = (FairOutcomeKind.INTERVIEWED, FairOutcomeKind.OFFERED, FairOutcomeKind.HIRED, FairOutcomeKind.DECLINED)
#: what a kind implies: a hire was offered and interviewed; a declined offer was offered
IMPLIES = {FairOutcomeKind.HIRED: {FairOutcomeKind.OFFERED, FairOutcomeKind.INTERVIEWED},
           FairOutcomeKind.DECLINED: {FairOutcomeKind.OFFERED, FairOutcomeKind.INTERVIEWED},
           FairOutcomeKind.OFFERED: {FairOutcomeKind.INTERVIEWED}}


class FairError(DomainError):
    messages = {
        "no_such_employer": N_("That employer does not exist."),
        "already_invited": N_("This employer is already taking part in the fair."),
        "booth_taken": N_("Booth %(booth)s is already given to another employer."),
        "no_such_position": N_("That position does not exist."),
        "employer_not_invited": N_("Invite the position's employer to the fair first."),
        "openings_too_few": N_("Enter a number of openings from 1 to 999."),
        "position_already_listed": N_("This position is already listed for the fair."),
        "no_such_seeker": N_("No job seeker has this number. Check it on the person's registration card."),
        "already_checked_in": N_("This person is already checked in."),
        "not_registered": N_("This person is not registered for the fair."),
        "did_not_attend": N_("This person has not been checked in, so no outcome can be recorded for them. "
                             "Check them in first if they are here."),
        "position_not_at_fair": N_("This position is not listed for the fair."),
        "hired_and_declined": N_("A person cannot both be hired and decline the offer for %(position)s."),
        "no_employers": N_("This fair has no employers yet. Invite at least one employer before planning it."),
        "no_positions": N_("No employer has listed a position for this fair yet. Add the positions first."),
        "no_attendees": N_("Nobody is registered for this fair yet. Register job seekers first."),
        "fair_over": N_("This fair is over, so registering in advance is no longer possible."),
        "not_fair_day": N_("People are checked in on the day of the fair only. Until then, register them in advance."),
        "fair_held": N_("People were checked in at this fair, so it took place on its date: the date cannot change."),
        "already_registered": N_("This person is already registered for the fair. Check them in from the list."),
        "already_registered_checked_in": N_("This person is already registered for the fair. They are checked in."),
        "cancel_reason_missing": N_("Give the reason for cancelling: everyone registered is told it."),
        "already_cancelled": N_("This fair is already cancelled."),
        "cancel_over": N_("This fair is over, so it can no longer be cancelled."),
        "cancel_held": N_("People were checked in at this fair, so it took place: it can no longer be cancelled."),
        "fair_cancelled": N_("This fair is cancelled, so nobody can register or check in."),
        "fair_cancelled_plan": N_("This fair is cancelled, so no employer or position can be added."),
    }


# ---- reads for the pages ----

def get_fair(session: Session, fair_id: int) -> JobFair | None:
    return session.get(JobFair, fair_id)


def search_fairs(session: Session, text: str = "", page: int = 1, per_page: int = PER_PAGE) -> Page[JobFair]:
    """Fairs whose name or venue contains the text: one page of them, latest first, with how many match."""
    query = select(JobFair).order_by(JobFair.held_on.desc(), JobFair.id.desc())
    if text := text.strip():
        query = query.where(or_(JobFair.name.contains(text, autoescape=True),
                                JobFair.venue.contains(text, autoescape=True)))
    return paginate(session, query, page, per_page)


def attendee_counts(session: Session, fair_ids: list[int]) -> dict[int, int]:
    """{fair id: people registered} for these fairs (fairs nobody registered for are left out)."""
    return dict(session.execute(select(FairAttendee.fair_id, func.count()).where(FairAttendee.fair_id.in_(fair_ids))
                                .group_by(FairAttendee.fair_id)).all())


def upcoming_fairs(session: Session, today: date, page: int = 1, per_page: int = PER_PAGE) -> Page[JobFair]:
    """Fairs from today on and not cancelled, soonest first: the ones a seeker can still register for, one page."""
    return paginate(session, select(JobFair).where(JobFair.held_on >= today, JobFair.cancelled_at.is_(None))
                    .order_by(JobFair.held_on, JobFair.id), page, per_page)


def registrations_of(session: Session, seeker_id: int) -> dict[int, FairAttendee]:
    """{fair id: registration} of one seeker, past fairs included."""
    return {a.fair_id: a for a in session.scalars(select(FairAttendee).where(FairAttendee.seeker_id == seeker_id))}


def employers_to_invite(session: Session, fair: JobFair) -> list[tuple[int, str]]:
    """(id, name) of the employers not taking part in the fair yet, by name."""
    taken = {e.employer_id for e in fair.employers}
    rows = session.execute(select(Employer.id, Employer.name).order_by(Employer.name)).all()
    return [(i, name) for i, name in rows if i not in taken]


def positions_to_list(session: Session, fair: JobFair) -> list[tuple[int, str, int, int, str]]:
    """(id, title, openings, employer id, employer name) of the open positions of the fair's employers that are
    not listed for it yet, by employer and title: only an invited employer's positions can be listed."""
    listed = {p.position_id for p in fair.positions}
    employer_ids = [e.employer_id for e in fair.employers]
    if not employer_ids:
        return []
    rows = session.execute(
        select(Position.id, Position.title, Position.openings, Position.employer_id, Employer.name)
        .join(Employer, Employer.id == Position.employer_id)
        .where(Position.employer_id.in_(employer_ids), Position.status == PositionStatus.OPEN)
        .order_by(Employer.name, Position.title)).all()
    return [tuple(row) for row in rows if row[0] not in listed]


def attendees_of(session: Session, fair: JobFair) -> list[FairAttendee]:
    """Everyone registered for the fair with their seeker and township loaded: those checked in first, each
    group in the order they registered."""
    return list(session.scalars(select(FairAttendee).where(FairAttendee.fair_id == fair.id)
                                .options(selectinload(FairAttendee.seeker).selectinload(Seeker.township))
                                .order_by(FairAttendee.checked_in_at.is_(None), FairAttendee.registered_at,
                                          FairAttendee.id)))


def outcome_counts(session: Session, fair: JobFair) -> dict[int, int]:
    """{seeker id: outcomes recorded} at the fair; people with none are left out."""
    return dict(session.execute(select(FairOutcome.seeker_id, func.count()).where(FairOutcome.fair_id == fair.id)
                                .group_by(FairOutcome.seeker_id)).all())


def get_attendee(session: Session, fair: JobFair, attendee_id: int) -> FairAttendee | None:
    """The registration, or None when there is none or it belongs to another fair."""
    attendee = session.get(FairAttendee, attendee_id)
    return attendee if attendee is not None and attendee.fair_id == fair.id else None


def get_outcome(session: Session, attendee: FairAttendee, outcome_id: int) -> FairOutcome | None:
    """The outcome, or None when there is none or it is not this attendee's at this fair."""
    outcome = session.get(FairOutcome, outcome_id)
    if outcome is None or outcome.fair_id != attendee.fair_id or outcome.seeker_id != attendee.seeker_id:
        return None
    return outcome


def outcomes_recorded(session: Session, fair: JobFair, seeker_id: int) -> list[FairOutcome]:
    """One person's outcomes at the fair, by position and then in the order of KINDS (an interview before the
    offer before the hire)."""
    recorded = session.scalars(select(FairOutcome).where(FairOutcome.fair_id == fair.id,
                                                         FairOutcome.seeker_id == seeker_id)
                               .order_by(FairOutcome.position_id, FairOutcome.recorded_at)).all()
    return sorted(recorded, key=lambda o: (o.position_id, KINDS.index(o.kind)))


def next_checked_in(session: Session, fair: JobFair, attendee_id: int) -> int | None:
    """The id of the attendee checked in after this one (in the order they came in), so staff can record
    outcomes one person after another; None for the last one, or one not checked in."""
    ids = list(session.scalars(select(FairAttendee.id).where(
        FairAttendee.fair_id == fair.id, FairAttendee.checked_in_at.is_not(None))
        .order_by(FairAttendee.checked_in_at, FairAttendee.id)))
    index = ids.index(attendee_id) if attendee_id in ids else None
    return ids[index + 1] if index is not None and index + 1 < len(ids) else None


# ---- changes ----

def create_fair(session: Session, *, name: str, held_on: date, venue: str, venue_accessibility: list[str],
                notes: str = "", user_id: int | None = None) -> JobFair:
    fair = JobFair(name=name.strip(), held_on=held_on, venue=venue.strip(),
                   venue_accessibility=list(venue_accessibility), notes=(notes or "").strip())
    session.add(fair)
    session.flush()
    audit.record(session, action="create", subject_type="job_fair", subject_id=fair.id, user_id=user_id)
    return fair


#: the details people registered for a fair are told about when they change: when and where, and how accessible
TOLD_OF = ("held_on", "venue", "venue_accessibility")


def update_fair(session: Session, fair: JobFair, *, name: str, held_on: date, venue: str,
                venue_accessibility: list[str], notes: str = "", user_id: int | None = None) -> tuple[list[str], int]:
    """Change a fair's details: the names of the fields changed, and how many registered job seekers were told.

    A fair where people were checked in took place on its date, so the date stays."""
    values = {"name": name.strip(), "held_on": held_on, "venue": venue.strip(),
              "venue_accessibility": list(venue_accessibility), "notes": (notes or "").strip()}
    changed = [key for key, value in values.items() if getattr(fair, key) != value]
    if "held_on" in changed and any(a.checked_in_at is not None for a in fair.attendees):
        raise FairError("fair_held")
    if not changed:
        return [], 0
    for key in changed:
        setattr(fair, key, values[key])
    audit.record(session, action="update", subject_type="job_fair", subject_id=fair.id, detail={"changed": changed},
                 user_id=user_id)
    told = 0
    if set(changed) & set(TOLD_OF):
        for attendee in fair.attendees:
            if attendee.checked_in_at is None:
                routes = notify_seeker(session, attendee.seeker, "fair_changed", fair_id=fair.id, fair=fair.name,
                                       held_on=fair.held_on.isoformat(), venue=fair.venue)
                told += bool({"app", "sms"} & set(routes))
    session.flush()
    return changed, told


def cancel_fair(session: Session, fair: JobFair, reason: str, now: datetime, today: date,
                user_id: int | None = None) -> tuple[int, int]:
    """Cancel a fair to come, saying why: everyone registered is told (in the app, by SMS or on the call list),
    and so are the employers taking part. Returns (job seekers told, employers told)."""
    reason = reason.strip()
    if not reason:
        raise FairError("cancel_reason_missing")
    if fair.cancelled_at is not None:
        raise FairError("already_cancelled")
    if fair.held_on < today:
        raise FairError("cancel_over")
    if any(a.checked_in_at is not None for a in fair.attendees):
        raise FairError("cancel_held")
    fair.cancelled_at, fair.cancel_reason = now, reason
    audit.record(session, action="cancel", subject_type="job_fair", subject_id=fair.id, detail={"reason": reason},
                 user_id=user_id)
    told = {"fair_id": fair.id, "fair": fair.name, "held_on": fair.held_on.isoformat(), "reason": reason}
    for attendee in fair.attendees:
        notify_seeker(session, attendee.seeker, "fair_cancelled", **told)
    for entry in fair.employers:
        notify_employer(session, entry.employer_id, "fair_cancelled_employer", told)
    session.flush()
    return len(fair.attendees), len(fair.employers)


def invite_employer(session: Session, fair: JobFair, employer_id: int, booth: str | None = None) -> FairEmployer:
    if fair.cancelled_at is not None:
        raise FairError("fair_cancelled_plan")
    if session.get(Employer, employer_id) is None:
        raise FairError("no_such_employer")
    if session.scalar(select(FairEmployer).where(FairEmployer.fair_id == fair.id,
                                                 FairEmployer.employer_id == employer_id)):
        raise FairError("already_invited")
    booth = (booth or "").strip() or None
    if booth and session.scalar(select(FairEmployer).where(FairEmployer.fair_id == fair.id,
                                                           FairEmployer.booth == booth)):
        raise FairError("booth_taken", booth=booth)
    entry = FairEmployer(fair_id=fair.id, employer_id=employer_id, booth=booth)
    session.add(entry)
    session.flush()
    return entry


def add_position(session: Session, fair: JobFair, position_id: int, openings: int | None) -> FairPosition:
    """List an invited employer's position for the fair, with its posted openings unless staff give a number."""
    if fair.cancelled_at is not None:
        raise FairError("fair_cancelled_plan")
    position = session.get(Position, position_id)
    if position is None:
        raise FairError("no_such_position")
    invited = session.scalar(select(FairEmployer).where(FairEmployer.fair_id == fair.id,
                                                        FairEmployer.employer_id == position.employer_id))
    if invited is None:
        raise FairError("employer_not_invited")
    if openings is None:
        openings = position.openings
    if openings < 1:
        raise FairError("openings_too_few")
    if session.scalar(select(FairPosition).where(FairPosition.fair_id == fair.id,
                                                 FairPosition.position_id == position_id)):
        raise FairError("position_already_listed")
    entry = FairPosition(fair_id=fair.id, position_id=position_id, openings=openings)
    session.add(entry)
    session.flush()
    return entry


def register_attendee(session: Session, fair: JobFair, seeker_id: int, source: AttendeeSource, now: datetime,
                      user_id: int | None = None) -> FairAttendee:
    """Register a seeker in advance, or at the door (which checks them in at once, so only on the fair's day)."""
    if session.get(Seeker, seeker_id) is None:
        raise FairError("no_such_seeker")
    if fair.cancelled_at is not None:
        raise FairError("fair_cancelled")
    if source == AttendeeSource.DOOR and not is_fair_day(fair, now):
        raise FairError("not_fair_day")
    if source == AttendeeSource.ADVANCE and fair.held_on < now.date():
        raise FairError("fair_over")
    existing = session.scalar(select(FairAttendee).where(FairAttendee.fair_id == fair.id,
                                                         FairAttendee.seeker_id == seeker_id))
    if existing is not None:
        raise FairError("already_registered_checked_in" if existing.checked_in_at else "already_registered")
    attendee = FairAttendee(fair_id=fair.id, seeker_id=seeker_id, source=source, registered_at=now,
                            checked_in_at=now if source == AttendeeSource.DOOR else None)
    session.add(attendee)
    session.flush()
    audit.record(session, action="create", subject_type="fair_attendee", subject_id=attendee.id,
                 detail={"fair_id": fair.id, "source": str(source)}, user_id=user_id)
    return attendee


def cancel_registration(session: Session, fair: JobFair, seeker_id: int, user_id: int | None = None) -> None:
    """A seeker who registered in advance can cancel until they are checked in."""
    attendee = session.scalar(select(FairAttendee).where(FairAttendee.fair_id == fair.id,
                                                         FairAttendee.seeker_id == seeker_id))
    if attendee is None:
        raise FairError("not_registered")
    if attendee.checked_in_at is not None:
        raise FairError("already_checked_in")
    audit.record(session, action="delete", subject_type="fair_attendee", subject_id=attendee.id,
                 detail={"fair_id": fair.id}, user_id=user_id)
    session.delete(attendee)
    session.flush()


def is_fair_day(fair: JobFair, now: datetime) -> bool:
    """Check-ins happen on the fair's day: one made earlier would record attendance that never happened, and
    it freezes the fair's date."""
    return now.date() == fair.held_on


def check_in(session: Session, attendee: FairAttendee, now: datetime) -> FairAttendee:
    if attendee.checked_in_at is not None:
        raise FairError("already_checked_in")
    if attendee.fair.cancelled_at is not None:
        raise FairError("fair_cancelled")
    if not is_fair_day(attendee.fair, now):
        raise FairError("not_fair_day")
    attendee.checked_in_at = now
    return attendee


def outcomes_of(session: Session, fair: JobFair, seeker_id: int) -> dict[int, set[FairOutcomeKind]]:
    """{position id: kinds recorded} for one person at a fair."""
    result: dict[int, set[FairOutcomeKind]] = defaultdict(set)
    for position_id, kind in session.execute(select(FairOutcome.position_id, FairOutcome.kind).where(
            FairOutcome.fair_id == fair.id, FairOutcome.seeker_id == seeker_id)):
        result[position_id].add(kind)
    return result


def set_outcomes(session: Session, fair: JobFair, seeker_id: int, outcomes: dict[int, set], now: datetime,
                 user_id: int | None = None) -> dict:
    """Make the recorded outcomes of one attendee equal `outcomes` ({position id: kinds}); positions left out of
    the dict keep theirs. Returns {"added": n, "removed": n, "employments": n created}.

    Refused for a person who did not attend (never checked in), for a position not at the fair, and for a hire
    together with a declined offer."""
    attendee = session.scalar(select(FairAttendee).where(FairAttendee.fair_id == fair.id,
                                                         FairAttendee.seeker_id == seeker_id))
    if attendee is None:
        raise FairError("not_registered")
    if attendee.checked_in_at is None:
        raise FairError("did_not_attend")
    at_fair = {fp.position_id: fp for fp in session.scalars(
        select(FairPosition).where(FairPosition.fair_id == fair.id).options(selectinload(FairPosition.position)))}
    wanted: dict[int, set[FairOutcomeKind]] = {}
    for position_id, kinds in outcomes.items():
        if position_id not in at_fair:
            raise FairError("position_not_at_fair")
        kinds = {FairOutcomeKind(k) for k in kinds}
        if FairOutcomeKind.HIRED in kinds and FairOutcomeKind.DECLINED in kinds:
            raise FairError("hired_and_declined", position=at_fair[position_id].position.title)
        for kind in list(kinds):
            kinds |= IMPLIES.get(kind, set())
        wanted[position_id] = kinds
    recorded = outcomes_of(session, fair, seeker_id)
    added = removed = created = 0
    for position_id, kinds in wanted.items():
        have = recorded.get(position_id, set())
        for kind in sorted(kinds - have):
            session.add(FairOutcome(fair_id=fair.id, seeker_id=seeker_id, position_id=position_id, kind=kind,
                                    recorded_at=now, recorded_by_id=user_id))
            added += 1
        gone = have - kinds
        if gone:
            session.execute(delete(FairOutcome).where(
                FairOutcome.fair_id == fair.id, FairOutcome.seeker_id == seeker_id,
                FairOutcome.position_id == position_id, FairOutcome.kind.in_(sorted(gone))))
            removed += len(gone)
        position = at_fair[position_id].position
        if FairOutcomeKind.HIRED in kinds:
            created += hires.record_hire(session, attendee.seeker, employer_id=position.employer_id,
                                         position=position, start_on=fair.held_on, source=EmploymentSource.FAIR,
                                         by_user_id=user_id, note=fair.name).created
        elif FairOutcomeKind.HIRED in have:
            hires.undo_fair_hire(session, seeker_id, position, user_id)
    session.flush()
    if added or removed:
        audit.record(session, action="update", subject_type="fair_outcome", subject_id=attendee.id,
                     detail={"fair_id": fair.id, "seeker_id": seeker_id, "added": added, "removed": removed},
                     user_id=user_id)
    return {"added": added, "removed": removed, "employments": created}


def planning_problem(fair: JobFair) -> str | None:
    """Why a fair cannot be planned yet, or None."""
    if not fair.employers:
        return "no_employers"
    if not fair.positions:
        return "no_positions"
    if not fair.attendees:
        return "no_attendees"
    return None


# ---- report ----

@dataclass
class Figures:
    attendees: int = 0
    interviewed: int = 0
    offered: int = 0
    hired: int = 0
    declined: int = 0

    @property
    def hire_rate(self) -> float | None:
        return self.hired / self.attendees if self.attendees else None


def fair_report(session: Session, fair: JobFair) -> dict:
    """Employers, positions, openings, attendees (checked in), interviews, offers, hires and the hire rate;
    people interviewed, offered and hired by township and by disability category (staff only)."""
    employers = session.scalar(select(func.count()).where(FairEmployer.fair_id == fair.id))
    positions, openings = session.execute(select(func.count(), func.coalesce(func.sum(FairPosition.openings), 0))
                                          .where(FairPosition.fair_id == fair.id)).one()
    registered = session.scalar(select(func.count()).where(FairAttendee.fair_id == fair.id))
    attendees = session.execute(select(Seeker).join(FairAttendee, FairAttendee.seeker_id == Seeker.id)
                                .where(FairAttendee.fair_id == fair.id, FairAttendee.checked_in_at.is_not(None))
                                .options(selectinload(Seeker.township))).scalars().all()
    counts = dict(session.execute(select(FairOutcome.kind, func.count()).where(FairOutcome.fair_id == fair.id)
                                  .group_by(FairOutcome.kind)).all())
    people: dict[FairOutcomeKind, set[int]] = defaultdict(set)
    for seeker_id, kind in session.execute(select(FairOutcome.seeker_id, FairOutcome.kind)
                                           .where(FairOutcome.fair_id == fair.id)):
        people[kind].add(seeker_id)

    def figures(group: list[Seeker]) -> Figures:
        ids = {s.id for s in group}
        return Figures(attendees=len(ids), interviewed=len(ids & people[FairOutcomeKind.INTERVIEWED]),
                       offered=len(ids & people[FairOutcomeKind.OFFERED]),
                       hired=len(ids & people[FairOutcomeKind.HIRED]),
                       declined=len(ids & people[FairOutcomeKind.DECLINED]))

    by_township: dict = defaultdict(list)
    by_category: dict = defaultdict(list)
    for seeker in attendees:
        by_township[seeker.township].append(seeker)
        by_category[seeker.category].append(seeker)
    total = figures(list(attendees))
    return {
        "employers": employers, "positions": positions, "openings": int(openings), "registered": registered,
        "attendees": total.attendees,
        "interviews": counts.get(FairOutcomeKind.INTERVIEWED, 0), "offers": counts.get(FairOutcomeKind.OFFERED, 0),
        "hires": counts.get(FairOutcomeKind.HIRED, 0), "declined": counts.get(FairOutcomeKind.DECLINED, 0),
        "people": total,
        "hire_rate": total.hire_rate,
        "by_township": sorted(((t, figures(g)) for t, g in by_township.items()), key=lambda r: r[0].code),
        "by_category": sorted((c, figures(g)) for c, g in by_category.items()),
    }


def outcomes_history(session: Session) -> list[dict]:
    """Every fair outcome in the exchange format, for the matcher's learning:
    {"seeker_id": seeker ref, "position_id": position ref, "outcome": kind, "fair_id", "held_on", "recorded_at"}."""
    rows = session.execute(
        select(Seeker.ref, Position.ref, FairOutcome.kind, FairOutcome.fair_id, JobFair.held_on,
               FairOutcome.recorded_at)
        .join(Seeker, Seeker.id == FairOutcome.seeker_id).join(Position, Position.id == FairOutcome.position_id)
        .join(JobFair, JobFair.id == FairOutcome.fair_id)
        .order_by(JobFair.held_on, FairOutcome.fair_id, Seeker.ref, Position.ref, FairOutcome.kind)).all()
    return [{"seeker_id": s, "position_id": p, "outcome": str(k), "fair_id": f, "held_on": h.isoformat(),
             "recorded_at": r.isoformat() if r else None} for s, p, k, f, h, r in rows]
