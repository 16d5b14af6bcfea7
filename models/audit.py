from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, String, insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from .base import Base, utcnow


class AuditEntry(Base):
    """Who viewed or changed sensitive data (PIPL): append-only."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    #: None for the system (scheduler, loader)
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"), index=True)
    #: view, create, update, delete, export, login, login_failed, consent, reset (a temporary password)
    action: Mapped[str] = mapped_column(String(20))
    #: the kind of record, e.g. seeker, declaration
    subject_type: Mapped[str] = mapped_column(String(30))
    subject_id: Mapped[Optional[int]]
    #: what changed or why, without the sensitive values themselves
    detail: Mapped[dict] = mapped_column(default=dict)
    ip: Mapped[Optional[str]] = mapped_column(String(45))


def log_access(session: Session, *, user_id: int | None, action: str, subject_type: str,
               subject_id: int | None = None, detail: dict | None = None, ip: str | None = None) -> None:
    # A plain insert in the session's transaction, as nothing reads the entry back: an ORM object would cost
    # a unit-of-work flush on every page view that is logged, and inline() leaves out the RETURNING of its id.
    session.execute(insert(AuditEntry.__table__).inline(), [
        {"at": utcnow(), "user_id": user_id, "action": action, "subject_type": subject_type,
         "subject_id": subject_id, "detail": detail or {}, "ip": ip}])
