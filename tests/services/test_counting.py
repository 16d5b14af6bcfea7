"""What the quota counts, once: the dashboard, a declaration, the nightly snapshot and the exports agree."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from models import DeclarationStatus, Employer, QuotaAssessment, QuotaDeclaration
from services import counting, declarations, standing
from services.recompute import recompute_snapshots

pytestmark = pytest.mark.db

DAY = date(2026, 11, 29)
FIGURES = ("required", "counted", "shortfall", "exempt", "levy_due")


def figures(a) -> tuple:
    return tuple(Decimal(str(round(Decimal(getattr(a, name)), 4))) if name != "exempt" else getattr(a, name)
                 for name in FIGURES)


@pytest.mark.parametrize(("start", "end", "year", "months"), [
    (date(2025, 3, 9), None, 2026, 12),          # current for the whole year
    (date(2026, 11, 29), None, 2026, 2),         # hired in November: November and December
    (date(2026, 1, 1), date(2026, 1, 31), 2026, 1),
    (date(2024, 6, 1), date(2026, 3, 2), 2026, 3),
    (date(2027, 1, 1), None, 2026, 0),           # starts later
    (date(2020, 1, 1), date(2025, 12, 31), 2026, 0),
])
def test_months_of_a_year_an_employment_covers(start, end, year, months):
    assert counting.months_in_year(start, end, year) == months


def test_who_counts_at_the_edges():
    minimum = Decimal("2490")
    assert counting.not_counted_reason(12, 2490, 12, minimum) is None
    assert counting.not_counted_reason(0, 5000, 12, minimum) is None  # permanent
    assert counting.not_counted_reason(11, 5000, 12, minimum) == "short_contract"
    assert counting.not_counted_reason(12, Decimal("2489.99"), 12, minimum) == "below_minimum_wage"
    assert counting.not_counted_reason(12, 5000, 0, minimum) == "no_insurance"


def test_dashboard_declaration_snapshot_and_export_agree_for_every_demo_employer_and_year(demo):
    session, _summary = demo
    declarations.assess_unassessed(session)
    employers = session.scalars(select(Employer).order_by(Employer.id)).all()
    recompute_snapshots(session, DAY)  # the set-based path
    snapshots = {a.employer_id: a for a in session.scalars(
        select(QuotaAssessment).where(QuotaAssessment.kind == "snapshot", QuotaAssessment.year == DAY.year))}

    # this year: the dashboard's projection, the nightly snapshot, and a declaration that starts with what the
    # system knows (today's headcount, the recorded employments with their months)
    with_hires = unknown_wages = 0
    for employer in employers:
        dashboard = standing.employer_compliance(session, employer, DAY).assessment
        draft = QuotaDeclaration(employer_id=employer.id, year=DAY.year, status=DeclarationStatus.DRAFT)
        start = declarations.starting_figures(session, employer, DAY.year)
        assert figures(dashboard) == figures(snapshots[employer.id]), employer.name
        if start["total_wages"] is None:
            # registered this year, never declared: no wages to start a declaration from (the form asks for them)
            assert not session.scalar(select(func.count()).select_from(QuotaDeclaration)
                                      .where(QuotaDeclaration.employer_id == employer.id)), employer.name
            unknown_wages += 1
            continue
        declarations.fill_declaration(draft, start["staff_by_month"], start["total_wages"], start["employees"])
        estimate = declarations.estimate(session, draft).assessment
        assert figures(dashboard) == figures(estimate), employer.name
        with_hires += dashboard.counted > 0
    assert with_hires > 50  # the comparison covers employers that employ disabled people
    assert unknown_wages <= 2  # the two demo employers that registered themselves

    # declared years: the district dashboard, the export and the declaration's own estimate
    years = standing.declared_years(session)
    assert years
    for year in years:
        statuses = {row["employer"].id: row for row in standing.district_figures(session, year)["rows"]}
        exported = {row["credit_code"]: row for row in declarations.export_rows(session, year)}
        for declaration, stored in declarations.assessed_declarations(session, year):
            verified = declaration.status == DeclarationStatus.APPROVED
            estimate = declarations.estimate(session, declaration, verified=verified).assessment
            row = exported[declaration.employer.credit_code]
            assert figures(stored) == figures(estimate) == figures(statuses[declaration.employer_id]["assessment"])
            assert (Decimal(row["counted"]), Decimal(row["levy_due"])) == (stored.counted, stored.levy_due)
