"""Retention of placements: of the people placed (every hire but a declared one) whose start lies at least
3, 6 or 12 months back, the share still employed then, by employer, township, disability category (for staff
only) or trade (the employer's GB/T 4754 section). Still employed at N months: the employment had not ended
N months after its start."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from models import Employer, Employment, EmploymentSource, Seeker

from .followups import add_months

HORIZONS = (3, 6, 12)
GROUPS = ("employer", "township", "category", "trade")


@dataclass
class Row:
    #: employer id, township id, category 1-7 or industry section (None: not chosen)
    key: object
    employer: Employer | None = None
    seeker: Seeker | None = None
    #: months -> [still employed, placements old enough]
    cells: dict = field(default_factory=lambda: {h: [0, 0] for h in HORIZONS})

    def share(self, months: int) -> float | None:
        kept, total = self.cells[months]
        return kept / total if total else None


def _key(group: str, employment: Employment):
    return {"employer": employment.employer_id, "township": employment.seeker.township_id,
            "category": employment.seeker.category, "trade": employment.employer.industry}[group]


def retention(session: Session, group: str, today: date) -> list[Row]:
    """One row per value of the group that has placements, in the order of the key (a trade not chosen last)."""
    if group not in GROUPS:
        raise ValueError(group)
    rows: dict = {}
    for employment in session.scalars(
            select(Employment).where(Employment.source != EmploymentSource.DECLARATION)
            .options(joinedload(Employment.seeker).joinedload(Seeker.township), joinedload(Employment.employer))):
        key = _key(group, employment)
        row = rows.setdefault(key, Row(key, employment.employer, employment.seeker))
        for months in HORIZONS:
            at = add_months(employment.start_on, months)
            if at <= today:
                row.cells[months][1] += 1
                row.cells[months][0] += employment.end_on is None or employment.end_on >= at
    return sorted(rows.values(), key=lambda r: (r.key is None, str(r.key)))


def total(rows: list[Row]) -> Row:
    out = Row("total")
    for row in rows:
        for months in HORIZONS:
            out.cells[months][0] += row.cells[months][0]
            out.cells[months][1] += row.cells[months][1]
    return out
