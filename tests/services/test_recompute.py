"""The nightly snapshot: set-based SQL against the per-employer loop through the compliance engine."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import delete, func, select

from models import Employment, EmploymentSource, QuotaAssessment
from services.recompute import recompute_loop, recompute_snapshots
from tests.factories import credit_code, make_employer, make_seeker

pytestmark = pytest.mark.db

DAY = date(2026, 11, 28)
FIELDS = ("staff", "required", "counted", "shortfall", "exempt", "tier", "levy_due", "currency")


def snapshots(db):
    rows = db.scalars(select(QuotaAssessment).where(QuotaAssessment.kind == "snapshot")).all()
    return {r.employer_id: tuple(Decimal(str(getattr(r, f))).quantize(Decimal("0.0001"))
                                 if isinstance(getattr(r, f), (Decimal, float, int)) and not isinstance(
                                     getattr(r, f), bool) else getattr(r, f) for f in FIELDS) for r in rows}


def test_sql_and_loop_give_the_same_figures(db, district):
    done = recompute_snapshots(db, DAY)
    assert done["sql"] == len(district) and done["loop"] == 0
    by_sql = snapshots(db)
    db.execute(delete(QuotaAssessment))
    assert recompute_loop(db, DAY) == len(district)
    by_loop = snapshots(db)
    assert by_sql == by_loop
    levies = {e.headcount: by_sql[e.id][6] for e in district if not by_sql[e.id][4]}
    assert by_sql[district[0].id][4] is True and by_sql[district[1].id][4] is True  # 25 and 30 staff: exempt
    assert by_sql[district[-1].id][4] is False and levies[25] > 0  # but not a public institution of 25
    assert any(v > 0 for v in levies.values())


def test_the_odd_employments_do_not_count_and_a_new_hire_counts_for_the_rest_of_the_year(db, district):
    recompute_snapshots(db, DAY)
    odd = district[3]  # 100 staff, one ordinary hire + five odd ones
    first = db.scalar(select(QuotaAssessment).where(QuotaAssessment.employer_id == odd.id))
    hires = db.scalar(select(func.count()).select_from(Employment).where(Employment.employer_id == odd.id))
    # the ordinary hire counts 1 (2 when severe); of the odd ones only the employment that ended on 31 January
    # counts, for its one month (grade 1 counts twice): 2/12
    assert hires == 6 and first.counted - Decimal("0.1667") in (1, 2)
    db.add(Employment(seeker=make_seeker(db, odd.township, grade=3), employer=odd, start_on=DAY,
                      contract_months=12, source=EmploymentSource.FAIR))
    db.flush()
    recompute_snapshots(db, DAY)
    history = db.scalars(select(QuotaAssessment).where(QuotaAssessment.employer_id == odd.id)
                         .order_by(QuotaAssessment.id)).all()
    # hired on 28 November: November and December, 2/12 of a person for the year (as the declaration will say)
    assert len(history) == 2 and abs(history[1].counted - history[0].counted - Decimal(2) / 12) < Decimal("0.0002")


def test_a_stored_kind_wins_over_the_credit_code_in_both_paths(db, district):
    """The kind the employer chose is what the engine gets, in SQL and in the loop; else the code's."""
    township = district[0].township
    charity = make_employer(db, township, name="测试助残服务中心", headcount=20, employer_kind="social_organisation")
    school = make_employer(db, township, name="测试幼儿园", headcount=25, credit_code=credit_code(kind="12"),
                           employer_kind="enterprise")  # a wrong code or a converted body: the stored kind wins
    db.flush()
    recompute_snapshots(db, DAY)
    by_sql = snapshots(db)
    db.execute(delete(QuotaAssessment))
    recompute_loop(db, DAY)
    assert snapshots(db) == by_sql
    assert by_sql[charity.id][4] is False  # a 91 code, but a social organisation: liable at 20 staff
    assert by_sql[school.id][4] is True  # a 12 code, but stored as an enterprise: exempt at 25
