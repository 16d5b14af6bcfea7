"""The local wages (average and minimum) that the levy and the counting rules need, per rule set and year."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import LocalWage


def local_wage(session: Session, jurisdiction: str, year: int) -> LocalWage | None:
    """The jurisdiction's figures, or its parent's (CN-ZJ falls back to CN) when it has none of its own."""
    for code in (jurisdiction, jurisdiction.split("-")[0]):
        row = session.scalar(select(LocalWage).where(LocalWage.jurisdiction == code, LocalWage.year == year))
        if row is not None:
            return row
    return None
