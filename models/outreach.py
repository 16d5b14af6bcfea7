import enum
from datetime import datetime
from typing import TYPE_CHECKING, Optional

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, str_enum, utcnow

if TYPE_CHECKING:
    from .seekers import Seeker
    from .users import User


class Channel(enum.StrEnum):
    """How a notice that cannot reach a person in the app reaches them."""

    SMS = "sms"
    CALL = "call"


class OutreachState(enum.StrEnum):
    #: SMS: waiting in the outbox for the scheduler to send it
    QUEUED = "queued"
    #: SMS: accepted by the gateway
    SENT = "sent"
    #: SMS: refused by the gateway for a person who has a login (the app told them)
    FAILED = "failed"
    #: call list: to call (again, after no answer)
    TO_CALL = "to_call"
    DONE = "done"
    NO_ANSWER = "no_answer"
    WRONG_NUMBER = "wrong_number"


#: the outcomes a staff member records after a call
CALL_OUTCOMES = (OutreachState.DONE, OutreachState.NO_ANSWER, OutreachState.WRONG_NUMBER)
#: the states in which a notice is still on the call list
OPEN_CALLS = (OutreachState.TO_CALL, OutreachState.NO_ANSWER)


class Outreach(Base):
    """A notice for a person who has no login: an SMS in the outbox, or a line on the call list of their township.
    The text is rendered from kind and params in the person's language when it is sent or read out."""

    __tablename__ = "outreach"
    __table_args__ = (Index("ix_outreach_channel_state", "channel", "state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seekers.id", ondelete="CASCADE"), index=True)
    #: a kind of services.notifications.KINDS, with its params
    kind: Mapped[str] = mapped_column(String(40))
    params: Mapped[dict] = mapped_column(default=dict)
    #: zh or en: the person's language when the notice was made
    language: Mapped[str] = mapped_column(String(8), default="zh")
    channel: Mapped[Channel] = mapped_column(str_enum(Channel, "outreach_channel"))
    state: Mapped[OutreachState] = mapped_column(str_enum(OutreachState, "outreach_state"))
    #: SMS sending attempts, or calls made
    attempts: Mapped[int] = mapped_column(default=0)
    #: why an SMS did not go (the gateway's answer), kept when the notice moves to the call list
    sms_error: Mapped[Optional[str]] = mapped_column(String(300))
    #: the gateway's id of a sent SMS
    sms_ref: Mapped[Optional[str]] = mapped_column(String(100))
    #: the colleague who is to make the call
    assigned_to_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"), index=True)
    #: who recorded the last call's outcome
    handled_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    handled_at: Mapped[Optional[datetime]]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    seeker: Mapped["Seeker"] = relationship()
    assigned_to: Mapped[Optional["User"]] = relationship(foreign_keys=[assigned_to_id])
    handled_by: Mapped[Optional["User"]] = relationship(foreign_keys=[handled_by_id])
