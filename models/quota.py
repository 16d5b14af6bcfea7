import enum
from datetime import datetime
from decimal import Decimal
from typing import Optional

from sqlalchemy import ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, str_enum, utcnow
from .employers import Employer
from .users import User

Money = Numeric(14, 2)


class DeclarationStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"  # sent back to the employer by staff, with a reason
    APPROVED = "approved"


class QuotaDeclaration(Base):
    """An employer's yearly quota declaration (按比例就业 申报) for the previous year."""

    __tablename__ = "quota_declarations"
    __table_args__ = (UniqueConstraint("employer_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id"), index=True)
    #: the year declared (staff and wages of that year)
    year: Mapped[int]
    status: Mapped[DeclarationStatus] = mapped_column(
        str_enum(DeclarationStatus, "declaration_status"), default=DeclarationStatus.DRAFT)
    #: staff on the payroll in each month, January first
    staff_by_month: Mapped[list] = mapped_column(default=list)
    total_wages: Mapped[Decimal] = mapped_column(Money)
    submitted_at: Mapped[Optional[datetime]]
    reviewed_at: Mapped[Optional[datetime]]
    reviewed_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    return_reason: Mapped[str] = mapped_column(Text, default="")

    employer: Mapped[Employer] = relationship()
    employees: Mapped[list["DeclaredEmployee"]] = relationship(
        back_populates="declaration", cascade="all, delete-orphan", order_by="DeclaredEmployee.id")


class DeclaredEmployee(Base):
    """A disabled employee listed in a declaration, with what staff found when verifying it."""

    __tablename__ = "declared_employees"
    __table_args__ = (UniqueConstraint("declaration_id", "certificate_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    declaration_id: Mapped[int] = mapped_column(ForeignKey("quota_declarations.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    certificate_number: Mapped[str] = mapped_column(String(20))
    months_employed: Mapped[int]
    #: contract length in months; 0 = permanent
    contract_months: Mapped[int]
    monthly_wage: Mapped[Decimal] = mapped_column(Money)
    social_insurance_months: Mapped[int]
    #: months of social insurance found in the imported bureau data; None until checked
    verified_insurance_months: Mapped[Optional[int]]
    #: what staff found: empty when it matches; otherwise a code such as "unknown_certificate"
    mismatch: Mapped[str] = mapped_column(String(40), default="")
    #: how staff settled a mismatch (use_bureau, accept_declared, not_counted), the mismatch it settled, who
    #: settled it and when; all empty until then, and again after a new check
    resolution: Mapped[str] = mapped_column(String(40), default="")
    resolved_mismatch: Mapped[str] = mapped_column(String(40), default="")
    resolved_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    resolved_at: Mapped[Optional[datetime]]

    declaration: Mapped[QuotaDeclaration] = relationship(back_populates="employees")
    resolved_by: Mapped[Optional[User]] = relationship()


class QuotaAssessment(Base):
    """A computed quota result: from a declaration, or a nightly snapshot of current compliance."""

    __tablename__ = "quota_assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id"), index=True)
    year: Mapped[int]
    declaration_id: Mapped[Optional[int]] = mapped_column(ForeignKey("quota_declarations.id"))
    #: declaration or snapshot
    kind: Mapped[str] = mapped_column(String(20))
    jurisdiction: Mapped[str] = mapped_column(String(10))
    staff: Mapped[Decimal] = mapped_column(Numeric(12, 4))
    required: Mapped[Decimal] = mapped_column(Numeric(12, 4))
    counted: Mapped[Decimal] = mapped_column(Numeric(12, 4))
    shortfall: Mapped[Decimal] = mapped_column(Numeric(12, 4))
    exempt: Mapped[bool]
    tier: Mapped[Optional[str]] = mapped_column(String(40))
    levy_due: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3))
    #: the calculation in words, [{"zh": ..., "en": ...}, ...]
    steps: Mapped[list] = mapped_column(default=list)
    computed_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    employer: Mapped[Employer] = relationship()
