"""Accounts: logging in, passwords (a person changes their own; staff hand out a temporary one, which must be
changed at the next login) and a user's own API tokens."""

import secrets

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import ApiToken, User, utcnow

from . import audit
from .errors import DomainError
from .i18n import N_

#: letters and digits that cannot be taken for one another when read out on the phone or copied by hand
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def user_by_username(session: Session, username: str) -> User | None:
    """The user with this user name, whatever its case and surrounding spaces."""
    return session.scalar(select(User).where(func.lower(User.username) == username.strip().lower()))


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The user, or None; the attempt is in the audit log either way (the caller keeps a failed one)."""
    user = session.scalar(select(User).where(func.lower(User.username) == username.strip().lower()))
    if user is None or not user.is_active or not user.check_password(password):
        audit.record(session, action="login_failed", subject_type="user", subject_id=user.id if user else None,
                     user_id=user.id if user else None)
        return None
    user.last_login_at = utcnow()
    audit.record(session, action="login", subject_type="user", subject_id=user.id, user_id=user.id)
    return user


class PasswordError(DomainError):
    messages = {
        "wrong_current": N_("The current password is not right."),
        "same_as_current": N_("Choose a password different from the current one."),
        "same_as_username": N_("Choose a password different from your user name."),
    }


def change_password(session: Session, user: User, current: str, new: str) -> None:
    if not user.check_password(current):
        raise PasswordError("wrong_current")
    if new == current:
        raise PasswordError("same_as_current")
    if new.strip().lower() == user.username.lower():
        raise PasswordError("same_as_username")
    user.set_password(new)
    user.must_change_password = False
    audit.record(session, action="update", subject_type="password", subject_id=user.id, user_id=user.id)


def temporary_password() -> str:
    """Such as 'k7qm-x2ad-9fpt': 12 random characters (about 59 bits), easy to read out."""
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(4)) for _ in range(3))


def reset_password(session: Session, user: User, by_user_id: int | None) -> str:
    """Give the user a temporary password, to be handed over in person or by phone; returns it (shown once)."""
    password = temporary_password()
    user.set_password(password)
    user.must_change_password = True
    audit.record(session, action="reset", subject_type="password", subject_id=user.id, user_id=by_user_id)
    return password


def tokens_of(session: Session, user_id: int) -> list[ApiToken]:
    """The user's API tokens, newest first, revoked ones included."""
    return list(session.scalars(select(ApiToken).where(ApiToken.user_id == user_id)
                                .order_by(ApiToken.created_at.desc())))


def issue_token(session: Session, user: User, name: str) -> tuple[ApiToken, str]:
    """A new API token of the user's and its secret, which is stored only hashed: show it once."""
    token, secret = ApiToken.issue(user, name)
    session.add(token)
    session.flush()
    audit.record(session, action="create", subject_type="api_token", subject_id=token.id)
    return token, secret


def revoke_token(session: Session, user_id: int, token_id: int) -> ApiToken | None:
    """Revoke one of the user's tokens (again is harmless); None when it is not theirs, so ids reveal nothing."""
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user_id:
        return None
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        audit.record(session, action="delete", subject_type="api_token", subject_id=token.id)
    return token
