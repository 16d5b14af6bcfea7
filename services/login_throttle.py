"""Throttling password guesses, by user name and by client address, in the database so that every web worker
(and SQLite or PostgreSQL alike, with no other service) counts the same failures.

A user name is counted as typed, whether or not such a user exists, so that being throttled tells nothing about
who has an account. Attempts refused while throttled are not counted: they would only lengthen the wait of the
person whose name is being guessed.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from models import LoginFailure


@dataclass(frozen=True)
class Limits:
    #: failures of one user name within the window, after which its logins wait
    per_account: int = 5
    #: failures from one client address (any user names) within the window; several people may share an office's
    per_client: int = 20
    window: timedelta = timedelta(minutes=15)


def normalised(username: str) -> str:
    return username.strip().lower()


def _nth_latest(session: Session, column, value, n: int, since: datetime) -> datetime | None:
    return session.scalar(select(LoginFailure.at).where(column == value, LoginFailure.at > since)
                          .order_by(LoginFailure.at.desc()).offset(n - 1).limit(1))


def blocked_until(session: Session, username: str, ip: str | None, *, now: datetime,
                  limits: Limits) -> tuple[datetime, str] | None:
    """(when logins may be tried again, "account" or "client"), or None when they may be tried now.

    When the n-th latest failure leaves the window, fewer than n remain in it: that is the moment to wait for.
    """
    since = now - limits.window
    waits = []
    account = _nth_latest(session, LoginFailure.username, normalised(username), limits.per_account, since)
    if account is not None:
        waits.append((account + limits.window, "account"))
    if ip is not None:
        client = _nth_latest(session, LoginFailure.ip, ip, limits.per_client, since)
        if client is not None:
            waits.append((client + limits.window, "client"))
    return max(waits) if waits else None


def record_failure(session: Session, username: str, ip: str | None, *, now: datetime, limits: Limits) -> None:
    # failures older than the window count for nothing any more: drop them, so the table stays small
    session.execute(delete(LoginFailure).where(LoginFailure.at <= now - limits.window))
    session.add(LoginFailure(username=normalised(username)[:120], ip=ip, at=now))


def clear_account(session: Session, username: str) -> int:
    """Forget the user name's failures: after a successful login, or when staff unlock the account."""
    return session.execute(delete(LoginFailure).where(LoginFailure.username == normalised(username))).rowcount
