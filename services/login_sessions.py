"""Login sessions, kept on the server: started at login, looked up on every request by the key in the signed
cookie, and ended on logout, after a time idle or a maximum age, when the password changes, by the person from
their sessions page, or by staff. A saved cookie of an ended session opens nothing."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session, joinedload

from models import LoginSession, User

from . import audit

#: the last-seen time is written at most this often: most requests write nothing (the candidates page is measured)
TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class Lifetime:
    #: a session unused this long ends (the person left the computer at the township office)
    idle: timedelta = timedelta(minutes=30)
    #: and any session ends this long after the login, however busy
    absolute: timedelta = timedelta(hours=12)


#: the session with its user and the user's employer or seeker, which nearly every page needs; built once, as it
#: runs on every request
BY_KEY = (select(LoginSession).where(LoginSession.key_hash == bindparam("key_hash"))
          .options(joinedload(LoginSession.user).joinedload(User.employer),
                   joinedload(LoginSession.user).joinedload(User.seeker)))


def start_session(session: Session, user: User, *, now: datetime, ip: str | None, user_agent: str | None) -> str:
    """A new session of the user's; returns its key, for the cookie (only its hash is stored)."""
    key = LoginSession.new_key()
    session.add(LoginSession(key_hash=LoginSession.hash(key), user=user, created_at=now, last_seen_at=now,
                             ip=ip, user_agent=(user_agent or "")[:255] or None))
    session.flush()
    return key


def _expiry(row: LoginSession, now: datetime, lifetime: Lifetime) -> str | None:
    if now - row.last_seen_at > lifetime.idle:
        return "idle"
    if now - row.created_at > lifetime.absolute:
        return "expired"
    return None


def live_session(session: Session, key: str, *, now: datetime, lifetime: Lifetime) -> LoginSession | None:
    """The session of this key if it is still going (marking it seen), else None; one that just ran out is ended."""
    row = session.scalar(BY_KEY, {"key_hash": LoginSession.hash(key)})
    if row is None or row.ended_at is not None:
        return None
    reason = _expiry(row, now, lifetime)
    if reason is not None:
        end_session(row, reason, now)
        return None
    if now - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = now
    return row


def end_session(row: LoginSession, reason: str, now: datetime) -> None:
    if row.ended_at is None:
        row.ended_at, row.end_reason = now, reason


def end_sessions_of(session: Session, user_id: int, reason: str, now: datetime, *,
                    keep_id: int | None = None) -> int:
    """End every going session of the user's but `keep_id`; returns how many ended."""
    statement = (update(LoginSession).where(LoginSession.user_id == user_id, LoginSession.ended_at.is_(None))
                 .values(ended_at=now, end_reason=reason).execution_options(synchronize_session=False))
    if keep_id is not None:
        statement = statement.where(LoginSession.id != keep_id)
    return session.execute(statement).rowcount


def sessions_of(session: Session, user_id: int, *, now: datetime, lifetime: Lifetime) -> list[LoginSession]:
    """The user's going sessions, the most recently used first."""
    rows = session.scalars(select(LoginSession).where(LoginSession.user_id == user_id, LoginSession.ended_at.is_(None))
                           .order_by(LoginSession.last_seen_at.desc(), LoginSession.id.desc()))
    return [row for row in rows if _expiry(row, now, lifetime) is None]


def end_own_session(session: Session, user_id: int, session_id: int, now: datetime) -> LoginSession | None:
    """The person ends one of their sessions (say, on a computer they forgot to log out of); None when it is not
    theirs, so that ids reveal nothing."""
    row = session.get(LoginSession, session_id)
    if row is None or row.user_id != user_id:
        return None
    if row.ended_at is None:
        end_session(row, "ended_by_user", now)
        audit.record(session, action="delete", subject_type="login_session", subject_id=row.id)
    return row


def end_other_sessions(session: Session, user_id: int, current_id: int, now: datetime) -> int:
    """The person ends all their sessions but the one they are using."""
    ended = end_sessions_of(session, user_id, "ended_by_user", now, keep_id=current_id)
    if ended:
        audit.record(session, action="delete", subject_type="login_session", detail={"others": ended})
    return ended
