"""What the quota counts: one home for the rule, used by the dashboard, the declaration (its estimate and the
figures it starts with), the nightly snapshot and the exports, so that they never disagree.

A disabled person counts for an employer with a contract of a year or more (0 = permanent), at least the
local minimum wage and social insurance paid; for the months of the year they are employed (a current
employment is projected to December). The compliance engine turns these months into the yearly average
(months / 12 under China's rules): a hire in November counts 2/12 of a person for that year, on every page.
`counted_weight_sql` is the same rule compiled for the set-based nightly snapshot; a test keeps both equal.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Numeric, and_, case, cast, extract, func, literal, or_, select
from sqlalchemy.orm import Session

from models import Employer, Employment, QuotaAssessment, QuotaDeclaration, Seeker

from .industries import kind_of
from .wages import local_wage

NUM = Numeric(18, 6)
MONTHS = 12
CENT = Decimal("0.01")


def not_counted_reason(contract_months: int, monthly_wage, insurance_months: int,
                       minimum_monthly: Decimal | None) -> str | None:
    """Why a disabled employee does not count, or None when they do (domain rules)."""
    if 0 < contract_months < 12:
        return "short_contract"
    if minimum_monthly is not None and monthly_wage is not None and Decimal(monthly_wage) < Decimal(minimum_monthly):
        return "below_minimum_wage"
    if insurance_months <= 0:
        return "no_insurance"
    return None


def months_in_year(start_on: date, end_on: date | None, year: int) -> int:
    """Calendar months of `year` an employment covers, a current one projected to December."""
    first = max(start_on.year * 12 + start_on.month, year * 12 + 1)
    last = min(end_on.year * 12 + end_on.month, year * 12 + 12) if end_on else year * 12 + 12
    return max(0, last - first + 1)


@dataclass(frozen=True)
class CountedEmployment:
    employment: Employment
    grade: int
    months: int
    #: None when the employment counts
    reason: str | None


def _in_year(year: int):
    """Employments that cover part of `year`."""
    return (Employment.start_on <= date(year, 12, 31),
            or_(Employment.end_on.is_(None), Employment.end_on >= date(year, 1, 1)))


def employments_in_year(session: Session, employer_id: int, year: int,
                        minimum_monthly: Decimal | None) -> list[CountedEmployment]:
    """The employer's employments that cover part of `year`, each with its months and whether it counts."""
    rows = session.execute(
        select(Employment, Seeker.grade).join(Seeker, Seeker.id == Employment.seeker_id)
        .where(Employment.employer_id == employer_id, *_in_year(year))
        .order_by(Employment.start_on, Employment.id)).all()
    out = []
    for employment, grade in rows:
        months = months_in_year(employment.start_on, employment.end_on, year)
        insured = months if employment.social_insurance else 0
        out.append(CountedEmployment(employment, grade, months, not_counted_reason(
            employment.contract_months, employment.monthly_wage, insured, minimum_monthly)))
    return out


def projected_record(session: Session, employer: Employer, year: int) -> dict | None:
    """The compliance record of an employer's year from what the system knows: today's headcount, the
    employments of the year, the wages of its latest declaration (or the local average). None without the
    local wages, as then no levy can be computed."""
    wage = local_wage(session, employer.jurisdiction, year) or local_wage(session, employer.jurisdiction, year - 1)
    if wage is None:
        return None
    disabled = [{"grade": row.grade, "months": row.months}
                for row in employments_in_year(session, employer.id, year, wage.minimum_monthly)
                if row.reason is None and row.months > 0]
    avg_wage = declared_average_wage(session, employer.id) or Decimal(wage.average_yearly)
    return {"employer_id": str(employer.id), "jurisdiction": employer.jurisdiction, "year": year,
            "staff": employer.headcount, "avg_wage": avg_wage, "local_avg_wage": Decimal(wage.average_yearly),
            "employer_kind": kind_of(employer), "disabled_employees": disabled}


def declared_average_wage(session: Session, employer_id: int) -> Decimal | None:
    """Total wages / average staff of the employer's latest assessed declaration, to the cent (None: none yet)."""
    declared = session.execute(
        select(QuotaDeclaration.total_wages, QuotaAssessment.staff)
        .join(QuotaAssessment, QuotaAssessment.declaration_id == QuotaDeclaration.id)
        .where(QuotaAssessment.employer_id == employer_id, QuotaAssessment.kind == "declaration")
        .order_by(QuotaAssessment.id.desc()).limit(1)).first()
    if not declared or not declared[1]:
        return None
    return (Decimal(declared[0]) / Decimal(declared[1])).quantize(CENT)


def declared_average_wage_sql():
    """employer_id, avg_wage: `declared_average_wage` for every employer, in SQL."""
    latest = (select(QuotaAssessment.employer_id, func.max(QuotaAssessment.id).label("id"))
              .where(QuotaAssessment.kind == "declaration").group_by(QuotaAssessment.employer_id).subquery())
    staff = func.nullif(cast(QuotaAssessment.staff, NUM), 0)
    return (select(latest.c.employer_id,
                   func.round(cast(QuotaDeclaration.total_wages, NUM) / staff, 2).label("avg_wage"))
            .join(QuotaAssessment, QuotaAssessment.id == latest.c.id)
            .join(QuotaDeclaration, QuotaDeclaration.id == QuotaAssessment.declaration_id)
            .subquery("wages"))


def _month_number(column):
    return cast(extract("year", column), NUM) * MONTHS + cast(extract("month", column), NUM)


def counted_weight_sql(year: int, minimum_monthly, weight):
    """employer_id, counted: the same rule as `employments_in_year` and the engine's yearly average, in SQL.
    `weight` is the rule set's weight of a person as a SQL expression over Seeker.grade."""
    start = _month_number(Employment.start_on)
    first = case((start > year * MONTHS + 1, start), else_=literal(year * MONTHS + 1, NUM))
    end = _month_number(Employment.end_on)
    last = case((and_(Employment.end_on.is_not(None), end < year * MONTHS + 12), end),
                else_=literal(year * MONTHS + 12, NUM))
    months = last - first + 1
    conditions = [*_in_year(year), or_(Employment.contract_months == 0, Employment.contract_months >= 12),
                  Employment.social_insurance.is_(True)]
    if minimum_monthly is not None:
        conditions.append(or_(Employment.monthly_wage.is_(None), Employment.monthly_wage >= minimum_monthly))
    return (select(Employment.employer_id, (func.sum(cast(weight, NUM) * months) / MONTHS).label("counted"))
            .join(Seeker, Seeker.id == Employment.seeker_id).where(*conditions)
            .group_by(Employment.employer_id).subquery("counted"))
