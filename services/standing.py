"""Figures for the dashboards, as plain functions on a session."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from compliance import RecordError, assess, what_if_hire
from models import Employer, Position, QuotaAssessment, QuotaDeclaration, QuotaSuggestion, Seeker

from . import declarations, visibility
from .counting import projected_record
from .industries import section_name
from .visibility import SeekerForEmployer

STATUSES = ("compliant", "below", "exempt", "not_declared")


@dataclass
class EmployerCompliance:
    """The employer's compliance now (the nightly rule, computed live so that its steps can be shown)."""

    assessment: object | None = None
    record: dict | None = None
    #: [(label code, HireEffect)] for one more hire of an ordinary and of a severe (grade 1-2) certificate
    what_if: list = field(default_factory=list)
    snapshot: QuotaAssessment | None = None
    problem: declarations.DeclarationError | None = None


def status_of(assessment) -> str:
    if assessment.exempt:
        return "exempt"
    return "below" if assessment.shortfall > 0 else "compliant"


def employer_compliance(session: Session, employer: Employer, day: date) -> EmployerCompliance:
    result = EmployerCompliance()
    result.snapshot = session.scalar(select(QuotaAssessment).where(
        QuotaAssessment.employer_id == employer.id, QuotaAssessment.kind == "snapshot")
        .order_by(QuotaAssessment.id.desc()).limit(1))
    record = projected_record(session, employer, day.year)
    if record is None:
        result.problem = declarations.DeclarationError("no_local_wage")
        return result
    try:
        result.assessment = assess(record)
        result.record = record
        # a hire today counts for the rest of the year, as every page counts it (services.counting)
        months = 12 - day.month + 1
        for code, hire in (("ordinary", {"grade": 3, "months": months}), ("severe", {"grade": 2, "months": months})):
            result.what_if.append((code, what_if_hire(record, hire)))
    except (RecordError, LookupError) as error:
        result.problem = declarations.DeclarationError("not_assessable", reason=str(error))
    return result


def latest_suggestions(session: Session, employer_id: int) -> list[tuple[QuotaSuggestion, SeekerForEmployer]]:
    """The employer's latest week of suggestions, each with the person as the employer may see them: only
    people it may still see (consent can be withdrawn any day), by their reference until they apply."""
    week = session.scalar(select(func.max(QuotaSuggestion.week)).where(QuotaSuggestion.employer_id == employer_id))
    if week is None:
        return []
    rows = list(session.scalars(select(QuotaSuggestion).join(Seeker, Seeker.id == QuotaSuggestion.seeker_id)
                                .where(QuotaSuggestion.employer_id == employer_id, QuotaSuggestion.week == week,
                                       visibility.may_see(employer_id))
                                .options(selectinload(QuotaSuggestion.position),
                                         selectinload(QuotaSuggestion.seeker).selectinload(Seeker.needs))
                                .order_by(QuotaSuggestion.position_id, QuotaSuggestion.rank)))
    people = visibility.seekers_for_employer(session, employer_id, (row.seeker for row in rows))
    return [(row, people[row.seeker_id]) for row in rows]


def declared_years(session: Session) -> list[int]:
    return list(session.scalars(select(QuotaDeclaration.year).distinct().order_by(QuotaDeclaration.year)))


def employer_statuses(session: Session, year: int) -> list[dict]:
    """Every employer with its status for `year` from its declaration (submitted or approved: the latest
    assessment of it); employers without one are "not_declared"."""
    assessed = {a.employer_id: a for _declaration, a in declarations.assessed_declarations(session, year)}
    rows = []
    for employer in session.scalars(select(Employer).options(selectinload(Employer.township)).order_by(Employer.id)):
        a = assessed.get(employer.id)
        rows.append({"employer": employer, "assessment": a, "status": status_of(a) if a else "not_declared",
                     "levy": Decimal(a.levy_due) if a else Decimal(0)})
    return rows


def _group(rows: list[dict], key, label=lambda key: key) -> list[dict]:
    """Rows counted by status per `key(row)`; each group's "code" is the key, its "name" `label(key)`."""
    groups: dict = {}
    for row in rows:
        code = key(row)
        g = groups.get(code)
        if g is None:
            g = groups[code] = {"code": code, "name": label(code), **{s: 0 for s in STATUSES}, "levy": Decimal(0),
                                "total": 0}
        g[row["status"]] += 1
        g["levy"] += row["levy"]
        g["total"] += 1
    return sorted(groups.values(), key=lambda g: (-g["total"], str(g["name"])))


def district_figures(session: Session, year: int, lang: str = "zh") -> dict:
    rows = employer_statuses(session, year)
    totals = {s: sum(1 for r in rows if r["status"] == s) for s in STATUSES}
    return {
        "year": year, "rows": rows, "totals": totals, "levy": sum((r["levy"] for r in rows), Decimal(0)),
        "employers": len(rows),
        "by_township": _group(rows, lambda r: r["employer"].township.name(lang)),
        # by GB/T 4754 section, named in `lang`; employers whose section is not chosen yet have the name ""
        "by_industry": _group(rows, lambda r: r["employer"].industry or "", lambda code: section_name(code, lang)),
    }


#: the district CSV's columns: codes stay stable whatever the reader's language (the web app names them)
DISTRICT_COLUMNS = ("credit_code", "employer", "township_code", "township", "industry_code", "industry", "year",
                    "status", "required", "counted", "shortfall", "exempt", "levy_due")


def district_rows(session: Session, year: int, lang: str = "zh") -> list[dict]:
    """Per employer: its status for `year` and its assessment's figures ("" without one), codes as stored and
    the names of the township and of the industry's section in `lang` (the district CSV's rows)."""
    out = []
    for row in employer_statuses(session, year):
        employer, a = row["employer"], row["assessment"]
        out.append({"credit_code": employer.credit_code, "employer": employer.name,
                    "township_code": employer.township.code, "township": employer.township.name(lang),
                    "industry_code": employer.industry or "", "industry": section_name(employer.industry, lang),
                    "year": year, "status": row["status"], "required": a.required if a else "",
                    "counted": a.counted if a else "", "shortfall": a.shortfall if a else "",
                    "exempt": a.exempt if a else "", "levy_due": a.levy_due if a else ""})
    return out


def trend(session: Session) -> list[dict]:
    """Per declared year: employers by status and the levy expected."""
    out = []
    for year in declared_years(session):
        rows = employer_statuses(session, year)
        out.append({"year": year, **{s: sum(1 for r in rows if r["status"] == s) for s in STATUSES},
                    "levy": sum((r["levy"] for r in rows), Decimal(0))})
    return out


def week_suggestions(session: Session, limit: int = 100) -> list[QuotaSuggestion]:
    """The latest week's suggestions for every employer, for staff: people who are still listed."""
    week = session.scalar(select(func.max(QuotaSuggestion.week)))
    if week is None:
        return []
    return list(session.scalars(select(QuotaSuggestion).join(Seeker, Seeker.id == QuotaSuggestion.seeker_id)
                                .where(QuotaSuggestion.week == week, Seeker.listed)
                                .options(selectinload(QuotaSuggestion.position).selectinload(Position.employer),
                                         selectinload(QuotaSuggestion.seeker))
                                .order_by(QuotaSuggestion.employer_id, QuotaSuggestion.position_id,
                                          QuotaSuggestion.rank).limit(limit)))
