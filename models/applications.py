import enum
from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, str_enum, utcnow
from .positions import Position
from .seekers import Seeker


class ApplicationState(enum.StrEnum):
    INVITED = "invited"  # the employer asked the seeker to apply
    APPLIED = "applied"
    INTERVIEWING = "interviewing"
    OFFERED = "offered"
    HIRED = "hired"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"  # by the seeker


class Application(Base):
    """A seeker's application to a position; its history is in ApplicationEvent."""

    __tablename__ = "applications"
    __table_args__ = (UniqueConstraint("seeker_id", "position_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seekers.id"), index=True)
    position_id: Mapped[int] = mapped_column(ForeignKey("positions.id"), index=True)
    state: Mapped[ApplicationState] = mapped_column(str_enum(ApplicationState, "application_state"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    seeker: Mapped[Seeker] = relationship()
    position: Mapped[Position] = relationship()
    events: Mapped[list["ApplicationEvent"]] = relationship(
        back_populates="application", cascade="all, delete-orphan", order_by="ApplicationEvent.id")


class ApplicationEvent(Base):
    """One change of an application's state: who, when, why."""

    __tablename__ = "application_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    state: Mapped[ApplicationState] = mapped_column(str_enum(ApplicationState, "application_state"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    by_user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(Text, default="")

    application: Mapped[Application] = relationship(back_populates="events")
