"""Reaching job seekers: the one place that decides where a notice to a person goes.

- In the app, when they have an active login.
- By SMS as well, when they chose it, have a phone number and a gateway is configured (services.sms). The
  message waits in the outbox (`outreach` rows, channel sms, state queued) until the scheduler's `send-sms`
  job sends it, outside any web request, so that a slow or failing gateway never holds up a page. A message
  the gateway refuses, or finds no gateway at sending time, moves to the call list when the person has no login.
- Otherwise on the call list of their township: staff phone the person, read out the text in the person's
  language and record the outcome (done, no answer, wrong number); a call with no answer stays on the list to
  be tried again. A line can be given to a colleague.
"""

from datetime import datetime, tzinfo

from sqlalchemy import Select, case, select
from sqlalchemy.orm import Session, joinedload, selectinload

from models import CALL_OUTCOMES, OPEN_CALLS, Channel, Outreach, OutreachState, Role, Seeker, User, utcnow

from . import audit
from .errors import DomainError
from .i18n import N_
from .notice_text import notice_text
from .notifications import check, notify
from .pages import count
from .sms import SmsError, SmsGateway, gateway_from_env

#: how many queued messages one run of the outbox sends at most (the rest wait for the next run)
OUTBOX_BATCH = 200


class OutreachError(DomainError):
    messages = {
        "no_such_call": N_("This call is not on the call list."),
        "call_closed": N_("The outcome of this call is already recorded as done or as a wrong number."),
        "no_such_outcome": N_("Choose one of the outcomes: done, no answer or wrong number."),
        "no_such_colleague": N_("Choose a colleague from the list."),
    }


def notify_seeker(session: Session, seeker: Seeker, kind: str, **params) -> list[str]:
    """Tell a job seeker, by every route that applies: the routes taken ("app", "sms", "call")."""
    check(kind, params)
    routes = []
    in_app = seeker.user is not None and seeker.user.is_active
    if in_app:
        notify(session, [seeker.user_id], kind, **params)
        routes.append("app")
    wants_sms = seeker.notify_by_sms and bool((seeker.phone or "").strip()) and gateway_from_env() is not None
    if wants_sms or not in_app:
        channel = Channel.SMS if wants_sms else Channel.CALL
        session.add(Outreach(seeker=seeker, kind=kind, params=params, language=seeker.language or "zh",
                             channel=channel,
                             state=OutreachState.QUEUED if wants_sms else OutreachState.TO_CALL))
        routes.append(channel.value)
    return routes


def text_of(entry: Outreach, tz: tzinfo) -> str:
    """What the notice says, in the person's language: the SMS's text, or what staff read out."""
    return notice_text(entry.kind, entry.params, entry.language, tz)


def send_outbox(session: Session, tz: tzinfo, gateway: SmsGateway | None) -> dict:
    """Send the queued SMS (oldest first, at most OUTBOX_BATCH). Without a gateway, or when the gateway refuses
    a message, the notice goes to the call list if the person has no login (with a login, the app told them)."""
    queued = session.scalars(
        select(Outreach).where(Outreach.channel == Channel.SMS, Outreach.state == OutreachState.QUEUED)
        .options(selectinload(Outreach.seeker).joinedload(Seeker.user))
        # two senders at once (a second scheduler started by mistake) each take other rows
        .order_by(Outreach.id).limit(OUTBOX_BATCH).with_for_update(skip_locked=True, of=Outreach)).all()
    sent = failed = 0
    for entry in queued:
        entry.attempts += 1
        try:
            if gateway is None:
                raise SmsError("no SMS gateway is configured")
            entry.sms_ref = gateway.send(entry.seeker.phone, text_of(entry, tz))
        except SmsError as error:
            failed += 1
            entry.sms_error = str(error)[:300]
            if entry.seeker.user is None or not entry.seeker.user.is_active:
                entry.channel, entry.state = Channel.CALL, OutreachState.TO_CALL
            else:
                entry.state = OutreachState.FAILED
        else:
            sent += 1
            entry.state = OutreachState.SENT
        session.flush()
    return {"sent": sent, "failed": failed}


def calls_query(*, township_id: int | None = None, assigned_to_id: int | None = None, unassigned: bool = False,
                open_only: bool = True) -> Select:
    """The call list, by township and assignee: calls to make first (oldest first), then calls with no answer
    (tried again), then, when asked for, the closed ones."""
    query = (select(Outreach).join(Outreach.seeker).where(Outreach.channel == Channel.CALL)
             .options(joinedload(Outreach.seeker).joinedload(Seeker.township), joinedload(Outreach.assigned_to)))
    if open_only:
        query = query.where(Outreach.state.in_(OPEN_CALLS))
    if township_id is not None:
        query = query.where(Seeker.township_id == township_id)
    if assigned_to_id is not None:
        query = query.where(Outreach.assigned_to_id == assigned_to_id)
    elif unassigned:
        query = query.where(Outreach.assigned_to_id.is_(None))
    order = case({OutreachState.TO_CALL: 0, OutreachState.NO_ANSWER: 1}, value=Outreach.state, else_=2)
    return query.order_by(order, Outreach.created_at, Outreach.id)


def open_call_count(session: Session) -> int:
    return count(session, calls_query())


def _call(session: Session, call_id: int) -> Outreach:
    entry = session.get(Outreach, call_id)
    if entry is None or entry.channel != Channel.CALL:
        raise OutreachError("no_such_call")
    return entry


def record_call(session: Session, call_id: int, outcome: str, by_user_id: int,
                now: datetime | None = None) -> Outreach:
    """The outcome of a call: done and wrong number close the line; no answer keeps it to try again."""
    try:
        outcome = OutreachState(outcome)
    except ValueError:
        raise OutreachError("no_such_outcome") from None
    if outcome not in CALL_OUTCOMES:
        raise OutreachError("no_such_outcome")
    entry = _call(session, call_id)
    if entry.state not in OPEN_CALLS:
        raise OutreachError("call_closed")
    entry.state, entry.attempts = outcome, entry.attempts + 1
    entry.handled_by_id, entry.handled_at = by_user_id, now or utcnow()
    audit.record(session, action="update", subject_type="outreach", subject_id=entry.id,
                 detail={"outcome": outcome.value, "attempt": entry.attempts, "seeker": entry.seeker.ref},
                 user_id=by_user_id)
    session.flush()
    return entry


def staff_colleagues(session: Session, active_only: bool = True) -> list[User]:
    query = select(User).where(User.role == Role.STAFF).order_by(User.display_name, User.id)
    return list(session.scalars(query.where(User.is_active) if active_only else query))


def staff_colleague(session: Session, user_id: int) -> User | None:
    """The active staff member with this id: the only people work can be given to."""
    colleague = session.get(User, user_id)
    return colleague if colleague is not None and colleague.role == Role.STAFF and colleague.is_active else None


def assign_call(session: Session, call_id: int, user_id: int | None, by_user_id: int) -> Outreach:
    """Give the call to a colleague (None: to nobody in particular)."""
    entry = _call(session, call_id)
    if user_id is not None and staff_colleague(session, user_id) is None:
        raise OutreachError("no_such_colleague")
    entry.assigned_to_id = user_id
    audit.record(session, action="update", subject_type="outreach", subject_id=entry.id,
                 detail={"assigned_to": user_id}, user_id=by_user_id)
    session.flush()
    return entry
