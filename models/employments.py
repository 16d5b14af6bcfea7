import enum
from datetime import date, datetime
from typing import Optional

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, str_enum, utcnow
from .employers import Employer
from .positions import Position
from .seekers import Seeker


class EmploymentSource(enum.StrEnum):
    FAIR = "fair"
    APPLICATION = "application"
    DECLARATION = "declaration"
    STAFF = "staff"


class Employment(Base):
    """A disabled person employed by an employer: what the quota counts between declarations."""

    __tablename__ = "employments"

    id: Mapped[int] = mapped_column(primary_key=True)
    seeker_id: Mapped[int] = mapped_column(ForeignKey("seekers.id"), index=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id"), index=True)
    position_id: Mapped[Optional[int]] = mapped_column(ForeignKey("positions.id"))
    start_on: Mapped[date]
    end_on: Mapped[Optional[date]]
    #: why it ended (services.hires.END_REASONS: left, insurance_stopped, ...), with staff's words after a colon
    end_reason: Mapped[Optional[str]] = mapped_column(String(300))
    #: contract length in months; the quota counts contracts of at least 12 months (0 = permanent)
    contract_months: Mapped[int] = mapped_column(default=12)
    monthly_wage: Mapped[Optional[int]]
    social_insurance: Mapped[bool] = mapped_column(default=True)
    source: Mapped[EmploymentSource] = mapped_column(str_enum(EmploymentSource, "employment_source"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    seeker: Mapped[Seeker] = relationship()
    employer: Mapped[Employer] = relationship()
    position: Mapped[Optional[Position]] = relationship()
