import enum
from datetime import date, datetime
from typing import Optional

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, str_enum, utcnow
from .employments import Employment


class CheckInState(enum.StrEnum):
    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"  # the employment ended before it was due


class FollowUpPlan(Base):
    """Follow-up after placement (就业跟踪) of one employment: its check-ins, with the staff member in charge."""

    __tablename__ = "follow_up_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    employment_id: Mapped[int] = mapped_column(ForeignKey("employments.id", ondelete="CASCADE"), unique=True)
    #: the staff member of the person's township (None: nobody is named for it; every staff member sees it)
    assigned_to_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    employment: Mapped[Employment] = relationship()
    check_ins: Mapped[list["CheckIn"]] = relationship(back_populates="plan", cascade="all, delete-orphan",
                                                      order_by="CheckIn.due_on")


class CheckIn(Base):
    """One check-in of a follow-up plan: planned at a month after the start (or within a week of leaving),
    then recorded. `notes` may hold health information: staff only, never shown to the employer."""

    __tablename__ = "check_ins"
    __table_args__ = (
        CheckConstraint("satisfaction_person BETWEEN 1 AND 5", name="satisfaction_person_range"),
        CheckConstraint("satisfaction_employer BETWEEN 1 AND 5", name="satisfaction_employer_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("follow_up_plans.id", ondelete="CASCADE"), index=True)
    #: months after the start it is planned at; None for the check-in after the person left
    months: Mapped[Optional[int]]
    due_on: Mapped[date] = mapped_column(index=True)
    state: Mapped[CheckInState] = mapped_column(str_enum(CheckInState, "check_in_state"),
                                                default=CheckInState.PLANNED)
    done_on: Mapped[Optional[date]]
    done_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    #: phone, visit or message (services.followups.METHODS)
    method: Mapped[Optional[str]] = mapped_column(String(20))
    still_employed: Mapped[Optional[bool]]
    #: 1 (very unhappy) to 5 (very happy)
    satisfaction_person: Mapped[Optional[int]]
    satisfaction_employer: Mapped[Optional[int]]
    #: keys of services.followups.PROBLEMS
    problems: Mapped[list] = mapped_column(default=list)
    notes: Mapped[str] = mapped_column(Text, default="")

    plan: Mapped[FollowUpPlan] = relationship(back_populates="check_ins")
    supports: Mapped[list["Support"]] = relationship(back_populates="check_in", cascade="all, delete-orphan",
                                                     order_by="Support.due_on")


class Support(Base):
    """A support agreed at a check-in, with its due date; one that asks something of the employer is shown to
    it (its kind, due date and `employer_note` only)."""

    __tablename__ = "supports"

    id: Mapped[int] = mapped_column(primary_key=True)
    check_in_id: Mapped[int] = mapped_column(ForeignKey("check_ins.id", ondelete="CASCADE"), index=True)
    #: job_coach, accommodation, training, move, meeting (services.followups.SUPPORTS)
    kind: Mapped[str] = mapped_column(String(20))
    due_on: Mapped[date]
    #: what the employer is asked to do, in words it may read; empty when it asks nothing of the employer
    employer_note: Mapped[str] = mapped_column(Text, default="")
    done_on: Mapped[Optional[date]]

    check_in: Mapped[CheckIn] = relationship(back_populates="supports")
