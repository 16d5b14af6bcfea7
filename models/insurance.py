from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class InsuranceImport(Base):
    """One social-insurance data file from the human-resources and social-security bureau, imported once."""

    __tablename__ = "insurance_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(255))
    #: SHA-256 of the file's bytes: the same file is never imported twice
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    #: imported, or rejected (then nothing of it was stored; `errors` says why)
    status: Mapped[str] = mapped_column(String(20))
    rows: Mapped[int] = mapped_column(default=0)
    errors: Mapped[list] = mapped_column(default=list)
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: None when the scheduler imported it from the inbox folder
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    #: a rejected file that staff have dealt with (asked the bureau again, imported a corrected file)
    settled_at: Mapped[Optional[datetime]]
    settled_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))


class InsurancePayment(Base):
    """One month of social insurance paid for a person by an employer, as the bureau reported it."""

    __tablename__ = "insurance_payments"
    __table_args__ = (UniqueConstraint("citizen_id", "credit_code", "year", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the person's 18-character citizen ID (the first 18 characters of the disability certificate number)
    citizen_id: Mapped[str] = mapped_column(String(18), index=True)
    #: the paying employer's unified social credit code
    credit_code: Mapped[str] = mapped_column(String(18), index=True)
    year: Mapped[int]
    month: Mapped[int]
    import_id: Mapped[int] = mapped_column(ForeignKey("insurance_imports.id"), index=True)
