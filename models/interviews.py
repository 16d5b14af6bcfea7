import enum
from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .applications import Application
from .base import Base, str_enum, utcnow


class InterviewState(enum.StrEnum):
    PROPOSED = "proposed"  # times proposed, the person has not picked one
    ANOTHER_TIME = "another_time"  # the person asked for another time
    SCHEDULED = "scheduled"  # a time is chosen
    HELD = "held"  # the chosen time has passed
    CANCELLED = "cancelled"


class Interview(Base):
    """An interview for an application: the times proposed, the one the person chose, where, with whom, what
    the place offers and what the person asked for."""

    __tablename__ = "interviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    state: Mapped[InterviewState] = mapped_column(str_enum(InterviewState, "interview_state"),
                                                  default=InterviewState.PROPOSED)
    #: the address; empty for an interview held online
    place: Mapped[str] = mapped_column(String(200), default="")
    #: the meeting link of an online interview
    online_link: Mapped[str] = mapped_column(String(300), default="")
    contact_name: Mapped[str] = mapped_column(String(100))
    contact_phone: Mapped[str] = mapped_column(String(30), default="")
    #: what the place offers (keys of services.interviews.PLACE_OFFERS)
    place_offers: Mapped[list] = mapped_column(default=list)
    #: what the person asked for at the interview itself (keys of services.interviews.REQUESTS)
    requested: Mapped[list] = mapped_column(default=list)
    #: the person's words with a request (another time, an accommodation)
    request_note: Mapped[str] = mapped_column(Text, default="")
    #: federation staff member who will attend
    attending_staff_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    reminded_at: Mapped[Optional[datetime]]
    created_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    application: Mapped[Application] = relationship()
    slots: Mapped[list["InterviewSlot"]] = relationship(
        back_populates="interview", cascade="all, delete-orphan", order_by="InterviewSlot.starts_at")

    @property
    def chosen_slot(self) -> Optional["InterviewSlot"]:
        return next((slot for slot in self.slots if slot.chosen), None)


class InterviewSlot(Base):
    """One time proposed for an interview."""

    __tablename__ = "interview_slots"

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime] = mapped_column(index=True)
    minutes: Mapped[int] = mapped_column(default=45)
    #: the time the person picked (one per interview)
    chosen: Mapped[bool] = mapped_column(default=False)

    interview: Mapped[Interview] = relationship(back_populates="slots")
