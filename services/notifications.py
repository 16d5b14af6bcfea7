"""Notifications: in-app messages to users, made in one place (`notify`); their texts are rendered in the
reader's language by the web app from the kind and its parameters."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Notification, Role, User


def notify(session: Session, user_ids, kind: str, **params) -> int:
    """Tell each of these users; returns how many were told."""
    user_ids = list(user_ids)
    session.add_all(Notification(user_id=user_id, kind=kind, params=params) for user_id in user_ids)
    return len(user_ids)


def notify_staff(session: Session, kind: str, params: dict) -> int:
    staff = session.scalars(select(User.id).where(User.role == Role.STAFF, User.is_active)).all()
    return notify(session, staff, kind, **params)


def notify_employer(session: Session, employer_id: int, kind: str, params: dict) -> int:
    users = session.scalars(select(User.id).where(User.employer_id == employer_id, User.role == Role.EMPLOYER,
                                                  User.is_active)).all()
    return notify(session, users, kind, **params)
