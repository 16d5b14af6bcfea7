from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow
from .users import User


class WorkAssignment(Base):
    """Which colleague is to handle an item of the staff work queue (services.work_queue), for the kinds of item
    that have no assignee of their own: the call list and the follow-up plans keep theirs."""

    __tablename__ = "work_assignments"
    __table_args__ = (UniqueConstraint("kind", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: a kind of services.work_queue.KINDS; item_id is the id of a row of that kind's table
    kind: Mapped[str] = mapped_column(String(30))
    item_id: Mapped[int]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    assigned_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    assigned_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(foreign_keys=[user_id])
