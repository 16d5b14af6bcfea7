from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow
from .positions import Position
from .seekers import Seeker


class QuotaSuggestion(Base):
    """A candidate the weekly job suggests to an employer below its quota, for one of its open positions."""

    __tablename__ = "quota_suggestions"
    __table_args__ = (UniqueConstraint("week", "position_id", "seeker_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: ISO week of the run, e.g. 2026-W48
    week: Mapped[str] = mapped_column(String(10), index=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id"), index=True)
    position_id: Mapped[int] = mapped_column(ForeignKey("positions.id", ondelete="CASCADE"))
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seekers.id", ondelete="CASCADE"))
    rank: Mapped[int]
    score: Mapped[float]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    position: Mapped[Position] = relationship()
    seeker: Mapped[Seeker] = relationship()
