"""The local wages (average and minimum) that the levy and the counting rules need, per rule set and year."""

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import LocalWage

from . import audit


def local_wage(session: Session, jurisdiction: str, year: int) -> LocalWage | None:
    """The jurisdiction's figures, or its parent's (CN-ZJ falls back to CN) when it has none of its own."""
    for code in (jurisdiction, jurisdiction.split("-")[0]):
        row = session.scalar(select(LocalWage).where(LocalWage.jurisdiction == code, LocalWage.year == year))
        if row is not None:
            return row
    return None


def minimum_monthly_wage(session: Session, jurisdiction: str, year: int) -> Decimal | None:
    """The monthly minimum wage in force: the year's figure, else the latest earlier one (a new year's figure is
    published months into the year)."""
    for code in (jurisdiction, jurisdiction.split("-")[0]):
        minimum = session.scalar(select(LocalWage.minimum_monthly)
                                 .where(LocalWage.jurisdiction == code, LocalWage.year <= year,
                                        LocalWage.minimum_monthly.is_not(None))
                                 .order_by(LocalWage.year.desc()).limit(1))
        if minimum is not None:
            return minimum
    return None


def local_wages(session: Session) -> list[LocalWage]:
    """Every stored row, by jurisdiction and newest year first (the staff's wages page)."""
    return list(session.scalars(select(LocalWage).order_by(LocalWage.jurisdiction, LocalWage.year.desc())))


def save_local_wage(session: Session, jurisdiction: str, year: int, average_yearly: Decimal,
                    minimum_monthly: Decimal | None) -> LocalWage:
    """Store the jurisdiction's own figures for the year (replacing earlier ones, no fallback to a parent) and
    audit the change."""
    row = session.scalar(select(LocalWage).where(LocalWage.jurisdiction == jurisdiction, LocalWage.year == year))
    if row is None:
        row = LocalWage(jurisdiction=jurisdiction, year=year)
        session.add(row)
    row.average_yearly = average_yearly
    row.minimum_monthly = minimum_monthly
    audit.record(session, action="update", subject_type="local_wage",
                 detail={"jurisdiction": row.jurisdiction, "year": row.year})
    return row
