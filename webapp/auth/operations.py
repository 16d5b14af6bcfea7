"""Logging in: look up the user, check the password, record the attempt in the audit log."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import User, log_access, utcnow


def authenticate(session: Session, username: str, password: str, ip: str | None) -> User | None:
    user = session.scalar(select(User).where(func.lower(User.username) == username.strip().lower()))
    if user is None or not user.is_active or not user.check_password(password):
        log_access(session, user_id=user.id if user else None, action="login_failed", subject_type="user",
                   subject_id=user.id if user else None, ip=ip)
        session.commit()
        return None
    user.last_login_at = utcnow()
    log_access(session, user_id=user.id, action="login", subject_type="user", subject_id=user.id, ip=ip)
    session.commit()
    return user
