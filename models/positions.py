import enum
from datetime import datetime
from typing import Optional

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, str_enum, utcnow
from .employers import Employer
from .townships import Township


class PositionStatus(enum.StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    PAUSED = "paused"
    CLOSED = "closed"


class Position(Base):
    """A job an employer offers, with the abilities it demands and the accommodations it offers."""

    __tablename__ = "positions"
    __table_args__ = (CheckConstraint("openings >= 0", name="openings_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: stable public id used in exchange files (P0042)
    ref: Mapped[str] = mapped_column(String(20), unique=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id"), index=True)
    title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    township_id: Mapped[int] = mapped_column(ForeignKey("townships.id"), index=True)
    #: workplace coordinates when known; otherwise the township centre
    lat: Mapped[Optional[float]]
    lon: Mapped[Optional[float]]
    remote: Mapped[bool] = mapped_column(default=False)
    openings: Mapped[int] = mapped_column(default=1)
    wage: Mapped[Optional[int]] = mapped_column(comment="yuan per month")
    hours_per_week: Mapped[Optional[int]]
    #: free-text skills wanted
    skills: Mapped[list] = mapped_column(default=list)
    #: counts toward the employer's quota (按比例就业): contract of at least one year, social insurance paid
    counts_toward_quota: Mapped[bool] = mapped_column(default=True)
    status: Mapped[PositionStatus] = mapped_column(
        str_enum(PositionStatus, "position_status"), default=PositionStatus.OPEN, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: bumped on every change that matching sees; web workers re-read rows changed since their last look
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, index=True)

    employer: Mapped[Employer] = relationship(back_populates="positions")
    township: Mapped[Township] = relationship()
    demands: Mapped[list["PositionDemand"]] = relationship(
        back_populates="position", cascade="all, delete-orphan", order_by="PositionDemand.key")
    offers: Mapped[list["PositionOffer"]] = relationship(
        back_populates="position", cascade="all, delete-orphan", order_by="PositionOffer.key")


class PositionDemand(Base):
    """How much of one ability item the position demands (0-5), and whether it is essential."""

    __tablename__ = "position_demands"
    __table_args__ = (
        UniqueConstraint("position_id", "key"),
        CheckConstraint("level BETWEEN 0 AND 5", name="level_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    position_id: Mapped[int] = mapped_column(ForeignKey("positions.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(30))
    level: Mapped[int]
    #: an over-demand on an essential item rules a candidate out unless an offered accommodation covers it
    essential: Mapped[bool] = mapped_column(default=False)

    position: Mapped[Position] = relationship(back_populates="demands")


class PositionOffer(Base):
    """An accommodation the position offers."""

    __tablename__ = "position_offers"
    __table_args__ = (UniqueConstraint("position_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    position_id: Mapped[int] = mapped_column(ForeignKey("positions.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(30))

    position: Mapped[Position] = relationship(back_populates="offers")
