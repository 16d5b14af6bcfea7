import enum
from datetime import date, datetime
from typing import Optional

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .applications import Application
from .base import Base, str_enum, utcnow


class OfferState(enum.StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"


class Offer(Base):
    """A job offer on an application: its terms, and the person's answer (or staff's on their behalf)."""

    __tablename__ = "offers"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    state: Mapped[OfferState] = mapped_column(str_enum(OfferState, "offer_state"), default=OfferState.PROPOSED,
                                              index=True)
    start_on: Mapped[date]
    #: yuan per month
    monthly_pay: Mapped[int]
    hours_per_week: Mapped[int]
    #: contract length in months; 0 = permanent
    contract_months: Mapped[int]
    #: accommodations the employer will provide (matcher.profile.ACCOMMODATION_KEYS)
    accommodations: Mapped[list] = mapped_column(default=list)
    note: Mapped[str] = mapped_column(Text, default="")
    #: the last day the person can answer; the expire-offers job ends it after that
    answer_by: Mapped[date]
    made_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    made_at: Mapped[datetime] = mapped_column(default=utcnow)
    answered_at: Mapped[Optional[datetime]]
    #: the person, or the staff member who answered for them
    answered_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    answered_by_staff: Mapped[bool] = mapped_column(default=False)
    #: why it was declined or answered by staff (optional for the person, required for staff)
    answer_reason: Mapped[str] = mapped_column(Text, default="")

    application: Mapped[Application] = relationship()
