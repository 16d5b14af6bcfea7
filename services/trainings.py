"""Training sign-ups that never oversubscribe: plain functions taking a SQLAlchemy session and `now`.

The pattern is pretix's: availability is counted from the sign-up rows (never a stored counter), and every
change that takes or frees a place first locks the session's row in training_sessions. On PostgreSQL that is
SELECT ... FOR UPDATE; on SQLite the engine begins every transaction with BEGIN IMMEDIATE (models/db.py), which
serialises writers, and FOR UPDATE is left out. The caller commits; the lock is held until then.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import extract, func, or_, select
from sqlalchemy.orm import Session

from models import Course, Seeker, SignUp, SignUpState, TrainingSession

from . import audit
from .errors import DomainError
from .i18n import N_
from .outreach import notify_seeker
from .pages import PER_PAGE, Page, paginate

#: states that hold a place (an offer holds it until it is accepted, declined or expires)
HOLDING = (SignUpState.CONFIRMED, SignUpState.OFFERED, SignUpState.ATTENDED)


class SignUpError(DomainError):
    """A refused step, worded for the person signed up. "not_eligible" gives its `reasons`, each a refusal too."""

    messages = {
        "no_such_session": N_("This training session does not exist."),
        "no_such_seeker": N_("No job seeker has this number. Check it on the person's registration card."),
        "no_such_sign_up": N_("This sign-up does not exist."),
        "session_started": N_("This session has already started, so you can no longer sign up for it."),
        "already_signed_up": N_("You have already signed up for this session (%(state)s)."),
        "not_eligible": N_("You cannot sign up for this session. %(reasons)s Federation staff can suggest another "
                           "course."),
        "category_not_admitted": N_("This session is for people with these disabilities: %(categories)s."),
        "ability_too_low": N_("It needs %(ability)s of at least %(needed)s; your profile says %(has)s."),
        "no_offer": N_("There is no place on offer for you in this session."),
        "offer_expired": N_("The time to accept this place has passed, so it was offered to the next person."),
        "already_withdrawn": N_("You have already withdrawn from this session."),
        "already_attended": N_("Attendance is recorded for this sign-up, so it cannot be withdrawn."),
        "reason_missing": N_("Give the reason for the change: it is recorded."),
        "not_waiting": N_("This person is no longer on the waiting list."),
        "bad_position": N_("The new place in line must be between 1 and %(last)s."),
        "not_confirmed": N_("Only people with a confirmed place can be marked as attended."),
        "completion_needs_attendance": N_("Mark the person as attended before recording that they completed the "
                                          "course."),
        "cancel_reason_missing": N_("Give the reason for cancelling: everyone signed up is told it."),
        "already_cancelled": N_("This training session is already cancelled."),
        "cancel_started": N_("This session has already started, so it can no longer be cancelled."),
        "session_cancelled": N_("This training session is cancelled, so nobody can sign up or take a place in it."),
        "capacity_below_taken": N_("%(taken)s people hold a place in this session, so it cannot have fewer places "
                                   "than that."),
    }


class StaffSignUpError(SignUpError):
    """The same refusals worded for staff who sign up a person they help (by phone or at the township office)."""

    messages = {
        **SignUpError.messages,
        "already_signed_up": N_("This person has already signed up for this session (%(state)s)."),
        "not_eligible": N_("This person cannot sign up for this session. %(reasons)s Federation staff can suggest "
                           "another course."),
    }


@dataclass
class EligibilityResult:
    eligible: bool
    #: disability categories allowed, when the session is limited by category and the person is not in one
    categories: list[int] = field(default_factory=list)
    #: {ability key: (needed, has)} for every ability below the session's minimum
    abilities: dict[str, tuple[int, int]] = field(default_factory=dict)

    def reasons(self) -> list[SignUpError]:
        """Why the person may not enrol, each reason a refusal of its own (the web words them together)."""
        found = [SignUpError("category_not_admitted", categories=self.categories)] if self.categories else []
        return found + [SignUpError("ability_too_low", ability=key, needed=needed, has=has)
                        for key, (needed, has) in self.abilities.items()]


def check_eligibility(training_session: TrainingSession, seeker: Seeker) -> EligibilityResult:
    """Who may enrol: {"categories": [...]} and/or {"min_abilities": {key: level}}; empty rules admit everyone."""
    rules = training_session.eligibility or {}
    result = EligibilityResult(eligible=True)
    categories = [int(c) for c in rules.get("categories") or []]
    if categories and seeker.category not in categories:
        result.eligible = False
        result.categories = categories
    if rules.get("min_abilities"):
        has = seeker.effective_abilities()
        for key, needed in rules["min_abilities"].items():
            # an item not assessed is to be checked, not "cannot": it never refuses (matching rules v2)
            if key in has and has[key] < int(needed):
                result.eligible = False
                result.abilities[key] = (int(needed), has[key])
    return result


def sign_ups_of_seeker(session: Session, seeker_id: int) -> list[SignUp]:
    """The seeker's sign-ups, newest first, for their home page."""
    return list(session.scalars(
        select(SignUp).where(SignUp.seeker_id == seeker_id).order_by(SignUp.created_at.desc())))


def lock_training_session(session: Session, training_session_id: int) -> TrainingSession:
    """Load the session's row and hold its lock until commit (FOR UPDATE; SQLite already holds the write lock)."""
    stmt = select(TrainingSession).where(TrainingSession.id == training_session_id)
    if session.get_bind().dialect.name != "sqlite":
        stmt = stmt.with_for_update()
    training_session = session.scalars(stmt.execution_options(populate_existing=True)).one_or_none()
    if training_session is None:
        raise SignUpError("no_such_session")
    return training_session


def places_taken(session: Session, training_session_id: int) -> int:
    return session.scalar(select(func.count()).select_from(SignUp).where(
        SignUp.session_id == training_session_id, SignUp.state.in_(HOLDING)))


def places_left(session: Session, training_session: TrainingSession) -> int | None:
    """Free places now, counted from rows; None when the session has no limit."""
    if training_session.capacity is None:
        return None
    return max(0, training_session.capacity - places_taken(session, training_session.id))


def waiting_list(session: Session, training_session_id: int) -> list[SignUp]:
    """Who waits, in the order places go to them: priority (lower first), then arrival."""
    return list(session.scalars(select(SignUp).where(
        SignUp.session_id == training_session_id, SignUp.state == SignUpState.WAITLISTED)
        .order_by(SignUp.priority, SignUp.created_at, SignUp.id)))


def get_training(session: Session, training_session_id: int) -> TrainingSession | None:
    return session.get(TrainingSession, training_session_id)


def get_sign_up(session: Session, training_session: TrainingSession, sign_up_id: int) -> SignUp | None:
    """The sign-up, or None when there is none or it is for another session."""
    entry = session.get(SignUp, sign_up_id)
    return entry if entry is not None and entry.session_id == training_session.id else None


def sign_up_of(session: Session, training_session_id: int, seeker_id: int) -> SignUp | None:
    """One seeker's sign-up for a session, in whatever state, or None."""
    return session.scalar(select(SignUp).where(SignUp.session_id == training_session_id,
                                               SignUp.seeker_id == seeker_id))


def sign_ups_of(session: Session, seeker_id: int) -> dict[int, SignUp]:
    """{session id: sign-up} of one seeker, past sessions included."""
    return {s.session_id: s for s in session.scalars(select(SignUp).where(SignUp.seeker_id == seeker_id))}


def upcoming_sessions(session: Session, today: date, page: int = 1, per_page: int = PER_PAGE
                      ) -> Page[TrainingSession]:
    """Sessions starting from today on and not cancelled, soonest first: the ones a seeker can still sign up for,
    one page of them."""
    return paginate(session, select(TrainingSession).join(TrainingSession.course)
                    .where(TrainingSession.starts_on >= today, TrainingSession.cancelled_at.is_(None))
                    .order_by(TrainingSession.starts_on, TrainingSession.id), page, per_page)


def search_sessions(session: Session, text: str = "", page: int = 1, per_page: int = PER_PAGE
                    ) -> Page[TrainingSession]:
    """Sessions whose course title (in either language) or place contains the text: one page, latest first."""
    query = (select(TrainingSession).join(TrainingSession.course)
             .order_by(TrainingSession.starts_on.desc(), TrainingSession.id))
    if text := text.strip():
        query = query.where(or_(*(column.contains(text, autoescape=True)
                                  for column in (Course.title_zh, Course.title_en, TrainingSession.place))))
    return paginate(session, query, page, per_page)


def sign_up_counts(session: Session, states: tuple[SignUpState, ...]) -> dict[int, int]:
    """{session id: sign-ups in one of `states`}; sessions with none are left out."""
    return dict(session.execute(select(SignUp.session_id, func.count()).where(SignUp.state.in_(states))
                                .group_by(SignUp.session_id)).all())


def places_held(session: Session, training_session_id: int) -> list[SignUp]:
    """The sign-ups holding a place (confirmed, offered or attended), in the order they came."""
    return list(session.scalars(select(SignUp).where(SignUp.session_id == training_session_id,
                                                     SignUp.state.in_(HOLDING))
                                .order_by(SignUp.created_at, SignUp.id)))


def withdrawn_from(session: Session, training_session_id: int) -> list[SignUp]:
    return list(session.scalars(select(SignUp).where(SignUp.session_id == training_session_id,
                                                     SignUp.state == SignUpState.WITHDRAWN).order_by(SignUp.id)))


def courses(session: Session) -> list[Course]:
    """Every course a session can be opened for, in the order they were added."""
    return list(session.scalars(select(Course).order_by(Course.id)))


def _audit(session: Session, sign_up: SignUp, what: str, user_id: int | None, **detail) -> None:
    audit.record(session, action="update", subject_type="sign_up", subject_id=sign_up.id,
                 detail={"event": what, "session_id": sign_up.session_id, "state": str(sign_up.state), **detail},
                 user_id=user_id)


def _notify(session: Session, sign_up: SignUp, kind: str, **params) -> bool:
    """Tell the person (services.outreach decides how); whether the app or an SMS told them."""
    course = sign_up.session.course
    routes = notify_seeker(session, sign_up.seeker, kind, session_id=sign_up.session_id,
                           course={"zh": course.title_zh, "en": course.title_en}, **params)
    return bool({"app", "sms"} & set(routes))


def sign_up(session: Session, training_session_id: int, seeker_id: int, now: datetime,
            user_id: int | None = None) -> SignUp:
    """Sign a seeker up: a confirmed place while any is free, otherwise the end of the waiting list."""
    training_session = lock_training_session(session, training_session_id)
    seeker = session.get(Seeker, seeker_id)
    if seeker is None:
        raise SignUpError("no_such_seeker")
    if training_session.cancelled_at is not None:
        raise SignUpError("session_cancelled")
    if training_session.starts_on < now.date():
        raise SignUpError("session_started", starts_on=training_session.starts_on)
    existing = session.scalar(select(SignUp).where(SignUp.session_id == training_session_id,
                                                   SignUp.seeker_id == seeker_id))
    if existing is not None and existing.state != SignUpState.WITHDRAWN:
        raise SignUpError("already_signed_up", state=existing.state)
    eligibility = check_eligibility(training_session, seeker)
    if not eligibility.eligible:
        raise SignUpError("not_eligible", reasons=eligibility.reasons())
    # Arrival is the order in which sign-ups pass the lock: `now` was read before this one waited for it, so
    # nobody is recorded as arriving before a person already signed up (who would then be behind them in line).
    latest = session.scalar(select(func.max(SignUp.created_at)).where(SignUp.session_id == training_session_id))
    arrived = now if latest is None else max(now, latest)
    free = places_left(session, training_session)
    state = SignUpState.CONFIRMED if free is None or free > 0 else SignUpState.WAITLISTED
    priority = 0
    if state == SignUpState.WAITLISTED:
        # the end of the line: the largest priority there (arrival order breaks the tie)
        priority = session.scalar(select(func.coalesce(func.max(SignUp.priority), 0)).where(
            SignUp.session_id == training_session_id, SignUp.state == SignUpState.WAITLISTED))
    if existing is None:
        entry = SignUp(session_id=training_session_id, seeker_id=seeker_id, state=state, created_at=arrived,
                       priority=priority)
        session.add(entry)
    else:  # signing up again after withdrawing: the same row, at the back as a new arrival
        entry = existing
        entry.state, entry.created_at, entry.priority, entry.priority_reason = state, arrived, priority, ""
        entry.offer_expires_at, entry.completed = None, False
    session.flush()
    _audit(session, entry, "signed_up" if existing is None else "signed_up_again", user_id)
    return entry


def _load_locked(session: Session, sign_up_id: int) -> tuple[SignUp, TrainingSession]:
    entry = session.get(SignUp, sign_up_id)
    if entry is None:
        raise SignUpError("no_such_sign_up")
    training_session = lock_training_session(session, entry.session_id)
    session.refresh(entry)  # read again under the lock
    return entry, training_session


def offer_free_places(session: Session, training_session: TrainingSession, now: datetime) -> list[SignUp]:
    """Offer each free place to the next in line, for offer_hours (none in a cancelled session). The caller holds
    the session's lock."""
    offered = []
    if training_session.cancelled_at is not None:
        return offered
    if training_session.capacity is None:
        # no limit: nobody should be waiting, but if someone is (capacity raised to none), confirm them
        for entry in waiting_list(session, training_session.id):
            entry.state = SignUpState.CONFIRMED
            _audit(session, entry, "confirmed_no_limit", None)
        return offered
    free = places_left(session, training_session)
    for entry in waiting_list(session, training_session.id)[:free]:
        entry.state = SignUpState.OFFERED
        entry.offer_expires_at = now + timedelta(hours=training_session.offer_hours)
        session.flush()
        _audit(session, entry, "offered", None, expires_at=entry.offer_expires_at.isoformat())
        _notify(session, entry, "training_offer", expires_at=entry.offer_expires_at.isoformat())
        offered.append(entry)
    return offered


def withdraw(session: Session, sign_up_id: int, now: datetime, user_id: int | None = None) -> SignUp:
    """Give up a place or a place in line; a freed place goes to the next in line."""
    entry, training_session = _load_locked(session, sign_up_id)
    if entry.state == SignUpState.WITHDRAWN:
        raise SignUpError("already_withdrawn")
    if entry.state == SignUpState.ATTENDED:
        raise SignUpError("already_attended")
    held = entry.state in HOLDING
    entry.state = SignUpState.WITHDRAWN
    entry.offer_expires_at = None
    session.flush()
    _audit(session, entry, "withdrawn", user_id)
    if held:
        offer_free_places(session, training_session, now)
    return entry


def accept_offer(session: Session, sign_up_id: int, now: datetime, user_id: int | None = None) -> SignUp:
    entry, training_session = _load_locked(session, sign_up_id)
    if training_session.cancelled_at is not None:
        raise SignUpError("session_cancelled")
    if entry.state != SignUpState.OFFERED:
        raise SignUpError("no_offer")
    if entry.offer_expires_at is not None and entry.offer_expires_at <= now:
        raise SignUpError("offer_expired")  # refused without a change: the hourly expiry passes the place on
    entry.state = SignUpState.CONFIRMED
    entry.offer_expires_at = None
    _audit(session, entry, "offer_accepted", user_id)
    return entry


def decline_offer(session: Session, sign_up_id: int, now: datetime, user_id: int | None = None) -> SignUp:
    entry, training_session = _load_locked(session, sign_up_id)
    if entry.state != SignUpState.OFFERED:
        raise SignUpError("no_offer")
    entry.state = SignUpState.WITHDRAWN
    entry.offer_expires_at = None
    session.flush()
    _audit(session, entry, "offer_declined", user_id)
    offer_free_places(session, training_session, now)
    return entry


def _expire(session: Session, entry: SignUp, training_session: TrainingSession, now: datetime) -> None:
    entry.state = SignUpState.WITHDRAWN
    entry.offer_expires_at = None
    session.flush()
    _audit(session, entry, "offer_expired", None)
    _notify(session, entry, "training_offer_expired")
    offer_free_places(session, training_session, now)


def expire_offers(session: Session, now: datetime) -> int:
    """Pass on every offer not accepted in time (run hourly by the scheduler; safe to run twice). Returns how many."""
    session_ids = sorted(set(session.scalars(select(SignUp.session_id).where(
        SignUp.state == SignUpState.OFFERED, SignUp.offer_expires_at <= now))))
    expired = 0
    for training_session_id in session_ids:
        training_session = lock_training_session(session, training_session_id)
        # read again under the lock: another process may have handled them
        for entry in session.scalars(select(SignUp).where(
                SignUp.session_id == training_session_id, SignUp.state == SignUpState.OFFERED,
                SignUp.offer_expires_at <= now).order_by(SignUp.id).execution_options(populate_existing=True)):
            _expire(session, entry, training_session, now)
            expired += 1
    return expired


def move_in_waiting_list(session: Session, sign_up_id: int, position: int, reason: str, user_id: int | None,
                         now: datetime) -> list[SignUp]:
    """Staff put a waiting person at `position` (1 = next in line), giving a reason; the change is audit-logged.

    Waiting entries are renumbered 1 .. n in the new order; people who sign up later get the largest priority
    in the line and a later arrival, so they still join at the end."""
    reason = (reason or "").strip()
    if not reason:
        raise SignUpError("reason_missing")
    entry, training_session = _load_locked(session, sign_up_id)
    if entry.state != SignUpState.WAITLISTED:
        raise SignUpError("not_waiting")
    line = waiting_list(session, training_session.id)
    if not 1 <= position <= len(line):
        raise SignUpError("bad_position", last=len(line))
    old_position = line.index(entry) + 1
    line.remove(entry)
    line.insert(position - 1, entry)
    for index, waiting in enumerate(line):
        waiting.priority = index + 1
    entry.priority_reason = reason
    session.flush()
    _audit(session, entry, "moved", user_id, from_position=old_position, to_position=position, reason=reason)
    return line


def record_attendance(session: Session, sign_up_id: int, attended: bool, user_id: int | None) -> SignUp:
    """Mark a confirmed person as attended (or undo it while the session is being recorded)."""
    entry = session.get(SignUp, sign_up_id)
    if entry is None:
        raise SignUpError("no_such_sign_up")
    if attended:
        if entry.state not in (SignUpState.CONFIRMED, SignUpState.ATTENDED):
            raise SignUpError("not_confirmed", state=entry.state)
        if entry.state == SignUpState.CONFIRMED:
            entry.state = SignUpState.ATTENDED
            _audit(session, entry, "attended", user_id)
    elif entry.state == SignUpState.ATTENDED:
        entry.state = SignUpState.CONFIRMED
        entry.completed = False
        _audit(session, entry, "attendance_undone", user_id)
    return entry


def record_completion(session: Session, sign_up_id: int, completed: bool, user_id: int | None) -> SignUp:
    entry = session.get(SignUp, sign_up_id)
    if entry is None:
        raise SignUpError("no_such_sign_up")
    if completed and entry.state != SignUpState.ATTENDED:
        raise SignUpError("completion_needs_attendance")
    if entry.completed != completed:
        entry.completed = completed
        _audit(session, entry, "completed" if completed else "completion_undone", user_id)
    return entry


def create_session(session: Session, *, course_id: int, starts_on, ends_on, place: str, capacity: int | None,
                   accessibility: list[str], categories: list[int], teacher: str = "", offer_hours: int = 48,
                   user_id: int | None = None) -> TrainingSession:
    """A new session of a course; eligibility by category when categories are given (empty = everyone)."""
    training = TrainingSession(course_id=course_id, starts_on=starts_on, ends_on=ends_on, place=place.strip(),
                               capacity=capacity, accessibility=list(accessibility),
                               eligibility={"categories": sorted(categories)} if categories else {},
                               teacher=teacher.strip(), offer_hours=offer_hours)
    session.add(training)
    session.flush()
    audit.record(session, action="create", subject_type="training_session", subject_id=training.id, user_id=user_id)
    return training


#: the details people signed up for a session are told about when they change: when and where, and how accessible
TOLD_OF = ("starts_on", "ends_on", "place", "accessibility")


def update_session(session: Session, training_session_id: int, *, starts_on, ends_on, place: str,
                   capacity: int | None, accessibility: list[str], categories: list[int], teacher: str = "",
                   offer_hours: int = 48, now: datetime, user_id: int | None = None) -> tuple[list[str], int, int]:
    """Change a session's details: the names of the fields changed, the places offered, and the people told.

    Fewer places than people holding one is refused; new places go to the waiting list at once. People signed up
    (with a place, an offer or in line) are told of new dates, a new place or new accessibility. A change of the
    categories admitted applies to new sign-ups: nobody already signed up is removed."""
    training = lock_training_session(session, training_session_id)
    eligibility = {key: value for key, value in training.eligibility.items() if key != "categories"}
    if categories:
        eligibility["categories"] = sorted(categories)
    values = {"starts_on": starts_on, "ends_on": ends_on, "place": place.strip(), "capacity": capacity,
              "accessibility": list(accessibility), "eligibility": eligibility, "teacher": teacher.strip(),
              "offer_hours": offer_hours}
    changed = [key for key, value in values.items() if getattr(training, key) != value]
    if "capacity" in changed and capacity is not None:
        taken = places_taken(session, training.id)
        if capacity < taken:
            raise SignUpError("capacity_below_taken", taken=taken)
    if not changed:
        return [], 0, 0
    for key in changed:
        setattr(training, key, values[key])
    session.flush()
    audit.record(session, action="update", subject_type="training_session", subject_id=training.id,
                 detail={"changed": changed}, user_id=user_id)
    told = 0
    if set(changed) & set(TOLD_OF):
        for entry in training.sign_ups:
            if entry.state != SignUpState.WITHDRAWN:
                told += _notify(session, entry, "training_changed", starts_on=starts_on.isoformat(),
                                ends_on=ends_on.isoformat(), place=training.place)
    offered = offer_free_places(session, training, now) if "capacity" in changed else []
    session.flush()
    return changed, len(offered), told


def cancel_session(session: Session, training_session_id: int, reason: str, now: datetime, today: date,
                   user_id: int | None = None) -> int:
    """Cancel a session that has not started, saying why: everyone with a place, an offer or a place in line is
    told (in the app, by SMS or on the call list); offers stop running out, and no place is offered again.
    Sign-ups keep their state, as the record of who was signed up. Returns how many were told."""
    training = lock_training_session(session, training_session_id)
    reason = reason.strip()
    if not reason:
        raise SignUpError("cancel_reason_missing")
    if training.cancelled_at is not None:
        raise SignUpError("already_cancelled")
    if training.starts_on < today:
        raise SignUpError("cancel_started")
    training.cancelled_at, training.cancel_reason = now, reason
    audit.record(session, action="cancel", subject_type="training_session", subject_id=training.id,
                 detail={"reason": reason}, user_id=user_id)
    told = 0
    for entry in training.sign_ups:
        if entry.state in (SignUpState.CONFIRMED, SignUpState.OFFERED, SignUpState.WAITLISTED):
            entry.offer_expires_at = None
            _notify(session, entry, "training_cancelled", starts_on=training.starts_on.isoformat(), reason=reason)
            told += 1
    session.flush()
    return told


def year_report(session: Session) -> list[dict]:
    """Person-times trained per year: attended sign-ups, by the year the session starts; completions beside."""
    year = extract("year", TrainingSession.starts_on)
    rows = session.execute(
        select(year, func.count(SignUp.id), func.count(SignUp.id).filter(SignUp.completed),
               func.count(func.distinct(SignUp.seeker_id)), func.count(func.distinct(TrainingSession.id)))
        .join(SignUp.session).where(SignUp.state == SignUpState.ATTENDED).group_by(year).order_by(year)).all()
    return [{"year": int(y), "person_times": n, "completed": c, "people": p, "sessions": s}
            for y, n, c, p, s in rows]


def person_times_by_course(session: Session, year: int) -> dict[int, int]:
    rows = session.execute(
        select(TrainingSession.course_id, func.count(SignUp.id)).join(SignUp.session)
        .where(SignUp.state == SignUpState.ATTENDED, extract("year", TrainingSession.starts_on) == year)
        .group_by(TrainingSession.course_id)).all()
    out: dict[int, int] = defaultdict(int)
    out.update(dict(rows))
    return dict(out)
