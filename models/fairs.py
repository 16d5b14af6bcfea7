import enum
from datetime import date, datetime
from typing import Optional

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, str_enum, utcnow
from .employers import Employer
from .positions import Position
from .seekers import Seeker


class FairOutcomeKind(enum.StrEnum):
    INTERVIEWED = "interviewed"
    OFFERED = "offered"
    HIRED = "hired"
    DECLINED = "declined"


class AttendeeSource(enum.StrEnum):
    ADVANCE = "advance"  # registered before the fair
    DOOR = "door"  # registered by staff at the door


class JobFair(Base):
    """A job fair (招聘会) run by the federation."""

    __tablename__ = "job_fairs"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date]
    venue: Mapped[str] = mapped_column(String(200))
    #: what the venue offers, as accommodation keys (step_free_access, accessible_toilet, sign_language, ...)
    venue_accessibility: Mapped[list] = mapped_column(default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: when staff cancelled the fair (None: it goes ahead), and why, as the people registered were told
    cancelled_at: Mapped[Optional[datetime]]
    cancel_reason: Mapped[str] = mapped_column(Text, default="")

    employers: Mapped[list["FairEmployer"]] = relationship(back_populates="fair", cascade="all, delete-orphan")
    positions: Mapped[list["FairPosition"]] = relationship(back_populates="fair", cascade="all, delete-orphan")
    attendees: Mapped[list["FairAttendee"]] = relationship(back_populates="fair", cascade="all, delete-orphan")
    outcomes: Mapped[list["FairOutcome"]] = relationship(back_populates="fair", cascade="all, delete-orphan")


class FairEmployer(Base):
    """An employer taking part in a fair (with a booth)."""

    __tablename__ = "fair_employers"
    __table_args__ = (UniqueConstraint("fair_id", "employer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    fair_id: Mapped[int] = mapped_column(ForeignKey("job_fairs.id", ondelete="CASCADE"), index=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id"))
    booth: Mapped[Optional[str]] = mapped_column(String(20))

    fair: Mapped[JobFair] = relationship(back_populates="employers")
    employer: Mapped[Employer] = relationship()


class FairPosition(Base):
    """A position an employer brings to a fair, with the openings offered there."""

    __tablename__ = "fair_positions"
    __table_args__ = (UniqueConstraint("fair_id", "position_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    fair_id: Mapped[int] = mapped_column(ForeignKey("job_fairs.id", ondelete="CASCADE"), index=True)
    position_id: Mapped[int] = mapped_column(ForeignKey("positions.id"))
    openings: Mapped[int]

    fair: Mapped[JobFair] = relationship(back_populates="positions")
    position: Mapped[Position] = relationship()


class FairAttendee(Base):
    """A job seeker registered for a fair; checked_in_at is set when they arrive."""

    __tablename__ = "fair_attendees"
    __table_args__ = (UniqueConstraint("fair_id", "seeker_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    fair_id: Mapped[int] = mapped_column(ForeignKey("job_fairs.id", ondelete="CASCADE"), index=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seekers.id"), index=True)
    source: Mapped[AttendeeSource] = mapped_column(str_enum(AttendeeSource, "attendee_source"))
    registered_at: Mapped[datetime] = mapped_column(default=utcnow)
    checked_in_at: Mapped[Optional[datetime]]

    fair: Mapped[JobFair] = relationship(back_populates="attendees")
    seeker: Mapped[Seeker] = relationship()


class FairOutcome(Base):
    """What came of a meeting at a fair; one row per seeker, position and outcome kind."""

    __tablename__ = "fair_outcomes"
    __table_args__ = (UniqueConstraint("fair_id", "seeker_id", "position_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    fair_id: Mapped[int] = mapped_column(ForeignKey("job_fairs.id", ondelete="CASCADE"), index=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seekers.id"), index=True)
    position_id: Mapped[int] = mapped_column(ForeignKey("positions.id"))
    kind: Mapped[FairOutcomeKind] = mapped_column(str_enum(FairOutcomeKind, "fair_outcome_kind"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    recorded_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))

    fair: Mapped[JobFair] = relationship(back_populates="outcomes")
    seeker: Mapped[Seeker] = relationship()
    position: Mapped[Position] = relationship()
