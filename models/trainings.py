import enum
from datetime import date, datetime
from typing import Optional

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, str_enum, utcnow
from .seekers import Seeker


class SignUpState(enum.StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    OFFERED = "offered"  # a freed place offered to the next in line, until offer_expires_at
    WITHDRAWN = "withdrawn"
    ATTENDED = "attended"


class Course(Base):
    """A training course (培训班), such as e-commerce livestreaming or pastry."""

    __tablename__ = "courses"

    id: Mapped[int] = mapped_column(primary_key=True)
    title_zh: Mapped[str] = mapped_column(String(120))
    title_en: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    #: e.g. classroom, master_apprentice (师带徒), order_based (订单式)
    mode: Mapped[str] = mapped_column(String(30), default="classroom")
    #: skills a participant gains, free text (fed to the matcher's vocabulary)
    skills: Mapped[list] = mapped_column(default=list)

    sessions: Mapped[list["TrainingSession"]] = relationship(back_populates="course", order_by="TrainingSession.starts_on")

    def title(self, locale: str) -> str:
        return self.title_en if locale.startswith("en") else self.title_zh


class TrainingSession(Base):
    """One run of a course, with its dates, place and capacity."""

    __tablename__ = "training_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    place: Mapped[str] = mapped_column(String(200))
    #: number of places; None is unlimited (availability is counted from sign-ups, never stored)
    capacity: Mapped[Optional[int]]
    #: accommodations the place offers, as accommodation keys
    accessibility: Mapped[list] = mapped_column(default=list)
    #: who may enrol, e.g. {"min_abilities": {"fine_motor": 3}, "categories": [2, 4]}; empty = everyone
    eligibility: Mapped[dict] = mapped_column(default=dict)
    teacher: Mapped[str] = mapped_column(String(100), default="")
    #: hours a freed place is held for the next in line
    offer_hours: Mapped[int] = mapped_column(default=48)
    #: when staff cancelled the session (None: it goes ahead), and why, as the people signed up were told
    cancelled_at: Mapped[Optional[datetime]]
    cancel_reason: Mapped[str] = mapped_column(Text, default="")

    course: Mapped[Course] = relationship(back_populates="sessions")
    sign_ups: Mapped[list["SignUp"]] = relationship(back_populates="session", order_by="SignUp.id")


class SignUp(Base):
    """A seeker's place, or place in line, for a training session."""

    __tablename__ = "sign_ups"
    __table_args__ = (UniqueConstraint("session_id", "seeker_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seekers.id"), index=True)
    state: Mapped[SignUpState] = mapped_column(str_enum(SignUpState, "sign_up_state"))
    #: order on the waiting list (lower goes first); staff may change it, giving a reason
    priority: Mapped[int] = mapped_column(default=0)
    priority_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    offer_expires_at: Mapped[Optional[datetime]]
    completed: Mapped[bool] = mapped_column(default=False)

    session: Mapped[TrainingSession] = relationship(back_populates="sign_ups")
    seeker: Mapped[Seeker] = relationship()
