"""Accounts: logging in (throttled, and as slow for an unknown user name as for a wrong password), passwords (a
person changes their own; staff hand out a temporary one, which must be changed at the next login), staff
unlocking an account or ending its sessions, and a user's own API tokens."""

import math
import secrets
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from models import ApiToken, User

from . import audit, login_throttle
from .errors import DomainError
from .i18n import N_
from .login_sessions import end_sessions_of
from .passwords import PasswordError, check_new_password

#: letters and digits that cannot be taken for one another when read out on the phone or copied by hand
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
#: what a token may do: read only, or read and change
SCOPES = ("read", "read write")
#: how long a new token may last, in days
TOKEN_DAYS = (30, 90, 365)


class LoginError(DomainError):
    messages = {
        # one answer whether the user name exists or not: user names are phone numbers, and having an account
        # here tells that someone has a disability
        "wrong": N_("The user name or password is wrong. Check them and try again."),
        "throttled": N_("Too many failed logins. Try again in %(minutes)s min (after %(until)s), or ask the "
                        "federation's staff to unlock the account."),
    }


class TokenError(DomainError):
    messages = {
        "scopes": N_("Choose what the token may do."),
        "days": N_("Choose how long the token lasts."),
    }


def user_by_username(session: Session, username: str) -> User | None:
    """The user with this user name, whatever its case and surrounding spaces."""
    return session.scalar(select(User).where(func.lower(User.username) == login_throttle.normalised(username)))


@cache
def _dummy_hash() -> str:
    # made like real hashes, so that checking it takes as long as checking a real one
    return generate_password_hash(secrets.token_hex(16))


def authenticate(session: Session, username: str, password: str, *, ip: str | None, now: datetime,
                 limits: login_throttle.Limits) -> User:
    """The user, or LoginError. Every attempt is in the audit log; the caller keeps a refused one."""
    user = user_by_username(session, username)
    subject = user.id if user else None
    blocked = login_throttle.blocked_until(session, username, ip, now=now, limits=limits)
    if blocked is not None:
        until, by = blocked
        audit.record(session, action="login_throttled", subject_type="user", subject_id=subject, user_id=subject,
                     detail={"by": by, "until": until.isoformat()})
        raise LoginError("throttled", until=until, minutes=math.ceil((until - now) / timedelta(minutes=1)))
    # an unknown user name costs a hash check too, so that the answer's time does not tell who has an account
    right = user.check_password(password) if user is not None else check_password_hash(_dummy_hash(), password)
    if not right or not user.is_active:
        login_throttle.record_failure(session, username, ip, now=now, limits=limits)
        audit.record(session, action="login_failed", subject_type="user", subject_id=subject, user_id=subject)
        raise LoginError("wrong")
    login_throttle.clear_account(session, username)
    user.last_login_at = now
    audit.record(session, action="login", subject_type="user", subject_id=user.id, user_id=user.id)
    return user


def unlock_account(session: Session, user: User, by_user_id: int) -> int:
    """Staff let a throttled person try again at once; returns how many failures were forgotten."""
    cleared = login_throttle.clear_account(session, user.username)
    audit.record(session, action="unlock", subject_type="user", subject_id=user.id, user_id=by_user_id,
                 detail={"failures": cleared})
    return cleared


def end_sessions_by_staff(session: Session, user: User, by_user_id: int, now: datetime) -> int:
    """Staff end every session of a person's account (a lost phone, a shared computer); returns how many."""
    ended = end_sessions_of(session, user.id, "ended_by_staff", now)
    audit.record(session, action="end_sessions", subject_type="user", subject_id=user.id, user_id=by_user_id,
                 detail={"sessions": ended})
    return ended


def change_password(session: Session, user: User, current: str, new: str, *, now: datetime,
                    session_id: int | None) -> None:
    """The person's new password; their other sessions end and their API tokens are revoked."""
    if not user.check_password(current):
        raise PasswordError("wrong_current")
    if new == current:
        raise PasswordError("same_as_current")
    check_new_password(new, username=user.username)
    user.set_password(new)
    user.must_change_password = False
    end_sessions_of(session, user.id, "password_changed", now, keep_id=session_id)
    revoke_tokens_of(session, user.id, "password_changed", now)
    audit.record(session, action="update", subject_type="password", subject_id=user.id, user_id=user.id)


def temporary_password() -> str:
    """Such as 'k7qm-x2ad-9fpt': 12 random characters (about 59 bits), easy to read out."""
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(4)) for _ in range(3))


def reset_password(session: Session, user: User, by_user_id: int | None, now: datetime) -> str:
    """Give the user a temporary password, to be handed over in person or by phone; returns it (shown once).
    Whoever held the old one is out: every session ends and every API token is revoked."""
    password = temporary_password()
    user.set_password(password)
    user.must_change_password = True
    end_sessions_of(session, user.id, "password_reset", now)
    revoke_tokens_of(session, user.id, "password_reset", now)
    login_throttle.clear_account(session, user.username)
    audit.record(session, action="reset", subject_type="password", subject_id=user.id, user_id=by_user_id)
    return password


def tokens_of(session: Session, user_id: int) -> list[ApiToken]:
    """The user's API tokens, newest first, revoked ones included."""
    return list(session.scalars(select(ApiToken).where(ApiToken.user_id == user_id)
                                .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())))


def issue_token(session: Session, user: User, *, name: str, password: str, scopes: str, days: int,
                now: datetime) -> tuple[ApiToken, str]:
    """A new API token of the user's and its secret, which is stored only hashed: show it once. The password is
    asked again, so that a session left open on a shared computer cannot make a token that outlives it."""
    if not user.check_password(password):
        audit.record(session, action="create_refused", subject_type="api_token", subject_id=None)
        raise PasswordError("wrong_password")
    if scopes not in SCOPES:
        raise TokenError("scopes")
    if days not in TOKEN_DAYS:
        raise TokenError("days")
    token, secret = ApiToken.issue(user, name, scopes, now + timedelta(days=days))
    token.created_at = now
    session.add(token)
    session.flush()
    audit.record(session, action="create", subject_type="api_token", subject_id=token.id,
                 detail={"scopes": scopes, "days": days})
    return token, secret


def revoke_token(session: Session, user_id: int, token_id: int, now: datetime) -> ApiToken | None:
    """Revoke one of the user's tokens (again is harmless); None when it is not theirs, so ids reveal nothing."""
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user_id:
        return None
    if token.revoked_at is None:
        token.revoked_at, token.revoked_reason = now, "revoked"
        audit.record(session, action="delete", subject_type="api_token", subject_id=token.id)
    return token


def revoke_tokens_of(session: Session, user_id: int, reason: str, now: datetime) -> int:
    """Revoke every token of the user's still in force (a new password: whoever knew the old one made them)."""
    return session.execute(update(ApiToken).where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
                           .values(revoked_at=now, revoked_reason=reason)
                           .execution_options(synchronize_session=False)).rowcount


def token_in_force(session: Session, secret: str, *, now: datetime) -> ApiToken | None:
    """The token of this secret while in force (not revoked, not expired, its user active), marked used."""
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == ApiToken.hash(secret),
                                                  ApiToken.revoked_at.is_(None)))
    if token is None or token.expires_at <= now or not token.user.is_active:
        return None
    token.last_used_at = now
    return token
