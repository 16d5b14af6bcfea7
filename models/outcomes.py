import enum
from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, str_enum, utcnow


class OutcomeKind(enum.StrEnum):
    SHOWN = "shown"
    APPLIED = "applied"
    INVITED = "invited"
    INTERVIEWED = "interviewed"
    OFFERED = "offered"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    REJECTED = "rejected"
    HIRED = "hired"
    LEFT = "left"


class OutcomeEvent(Base):
    """One step of a (seeker, position) pair, as it happened: what the matcher's learner reads
    (services.ranking maps the kinds to the exchange format's outcomes)."""

    __tablename__ = "outcome_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seekers.id", ondelete="CASCADE"), index=True)
    position_id: Mapped[int] = mapped_column(ForeignKey("positions.id", ondelete="CASCADE"), index=True)
    kind: Mapped[OutcomeKind] = mapped_column(str_enum(OutcomeKind, "outcome_kind"))
    #: for `left`: whole months the employment lasted
    months: Mapped[Optional[int]]
    at: Mapped[datetime] = mapped_column(default=utcnow)
