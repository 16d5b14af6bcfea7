from datetime import datetime
from typing import TYPE_CHECKING, Optional

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow
from .townships import Township

if TYPE_CHECKING:
    from .positions import Position
    from .users import User


class Employer(Base):
    """An employer (用人单位) that posts positions and files the yearly quota declaration."""

    __tablename__ = "employers"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: 统一社会信用代码, GB 32100-2015
    credit_code: Mapped[str] = mapped_column(String(18), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    #: current number of staff (the quota uses the declared monthly figures, not this)
    headcount: Mapped[int]
    township_id: Mapped[int] = mapped_column(ForeignKey("townships.id"), index=True)
    #: the GB/T 4754-2017 section (A-T, services.industries); None until chosen (free text migrated from before
    #: the list whose section was not clear: its text is in industry_note)
    industry: Mapped[Optional[str]] = mapped_column(String(1))
    #: the industry as typed before sections were a list, kept until someone chooses the section
    industry_note: Mapped[Optional[str]] = mapped_column(String(60))
    #: what kind of body it is (compliance.EMPLOYER_KINDS); None: the one its credit code tells
    employer_kind: Mapped[Optional[str]] = mapped_column(String(30))
    address: Mapped[Optional[str]] = mapped_column(String(200))
    lat: Mapped[Optional[float]]
    lon: Mapped[Optional[float]]
    contact_phone: Mapped[Optional[str]] = mapped_column(String(30))
    #: the rule set its quota is assessed under (compliance/rules)
    jurisdiction: Mapped[str] = mapped_column(String(10), default="CN-ZJ")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: when staff checked the registration; None for an employer that registered itself and is not checked yet
    #: (employers entered any other way count as checked when made). Who checked it is in the audit log.
    checked_at: Mapped[Optional[datetime]] = mapped_column(default=utcnow)

    township: Mapped[Township] = relationship()
    users: Mapped[list["User"]] = relationship(back_populates="employer")
    positions: Mapped[list["Position"]] = relationship(back_populates="employer", order_by="Position.id")
