"""Japan (JEED levy): rate by month, fractions dropped, >100 workers, weights by severity and hours."""

from decimal import Decimal as D

import pytest

from compliance import RecordError, assess


def person(hours=40, severe=False, months=12):
    return {"months": months, "hours_per_week": hours, "severe": severe}


def test_fiscal_year_2025_at_two_and_a_half_percent(employer):
    result = assess(employer("JP", staff=200))
    # each month 200 x 2.5% = 5; 12 months = 60 person-months short; 60 x 50,000 = 3,000,000 yen
    assert (result.required, result.shortfall, result.levy_due, result.currency) == (D(60), D(60), D(3000000), "JPY")
    assert (result.tier, result.unit) == ("standard", "person-months")


def test_rate_rises_to_two_point_seven_in_july_2026(employer):
    result = assess(employer("JP", year=2026, staff=300))
    # fiscal 2026 runs April 2026 to March 2027
    # Apr-Jun: 300 x 2.5% = 7.5 -> 7, x 3 = 21; Jul-Mar: 300 x 2.7% = 8.1 -> 8, x 9 = 72; 93 x 50,000
    assert (result.required, result.levy_due) == (D(93), D(4650000))
    assert "2026-07 to 2027-03" in result.steps[3]["en"]


def test_monthly_staff_and_part_year_employees(employer):
    result = assess(employer("JP", year=2026, staff_by_month=[150] * 3 + [180] * 9,
                             disabled_employees=[person(months=6)]))
    # Apr-Jun: 150 x 2.5% = 3.75 -> 3, x 3 = 9; Jul-Mar: 180 x 2.7% = 4.86 -> 4, x 9 = 36; required 45
    # counted 1 x 6 months = 6; short 39 person-months x 50,000 = 1,950,000
    assert (result.required, result.counted, result.shortfall, result.levy_due) == (D(45), D(6), D(39), D(1950000))


def test_fractions_of_a_person_are_dropped_each_month(employer):
    # 139 x 2.5% = 3.475 -> 3 a month, 36 a year
    assert assess(employer("JP", staff=139)).required == D(36)


@pytest.mark.parametrize("fields, exempt", [
    ({"staff": 100}, True),
    ({"staff": 101}, False),
    # 95 full-time + 0.5 x 12 short-time = 101 regular workers
    ({"staff": 95, "short_time_staff": 12}, False),
    ({"staff": 95, "short_time_staff": 10}, True),
    # more than 100 in only 4 months, then in 5
    ({"staff_by_month": [101] * 4 + [100] * 8}, True),
    ({"staff_by_month": [101] * 5 + [100] * 7}, False),
])
def test_only_employers_over_one_hundred_workers_pay(employer, fields, exempt):
    result = assess(employer("JP", **fields))
    assert result.exempt is exempt
    if exempt:
        assert result.levy_due == 0
    else:
        # every case here needs 2 a month (100.x x 2.5% = 2.5...): 24 x 50,000
        assert result.levy_due == D(1200000)


def test_weights_by_severity_and_hours(employer):
    employees = [person(40, True), person(25, True), person(25, False), person(40, False), person(15, False),
                 person(15, True), person(8, True)]
    result = assess(employer("JP", staff=400, disabled_employees=employees))
    # severe full-time 2, severe 20-30 h 1, other 20-30 h 0.5, other full-time 1, other 15 h 0,
    # severe 10-20 h 0.5 (from April 2024), under 10 h 0: 5 a month x 12 = 60
    # required 400 x 2.5% = 10 a month = 120; short 60 x 50,000 = 3,000,000
    assert (result.counted, result.shortfall, result.levy_due) == (D(60), D(60), D(3000000))


def test_half_a_person_month_is_half_the_levy(employer):
    result = assess(employer("JP", staff=200, disabled_employees=[person(25, False, months=1)]))
    # counted 0.5 x 1 month = 0.5; short 59.5 x 50,000 = 2,975,000
    assert result.levy_due == D(2975000)


def test_short_time_workers_count_half_in_the_required_number(employer):
    result = assess(employer("JP", staff=200, short_time_staff=40))
    # 200 + 0.5 x 40 = 220; 220 x 2.5% = 5.5 -> 5 a month: 60
    assert result.required == D(60)
    result = assess(employer("JP", staff=200, short_time_staff=80))
    # 200 + 0.5 x 80 = 240; 240 x 2.5% = 6: 72
    assert result.required == D(72)


def test_a_part_year_counts_only_the_months_listed(employer):
    result = assess(employer("JP", staff_by_month=[150] * 6))
    # 6 months over 100: liable; 150 x 2.5% = 3.75 -> 3 a month, x 6 = 18; 18 x 50,000 = 900,000
    assert (result.exempt, result.required, result.levy_due) == (False, D(18), D(900000))


def test_short_time_workers_in_a_month_not_in_operation_are_refused(employer):
    with pytest.raises(RecordError) as caught:
        assess(employer("JP", staff_by_month=[None] + [200] * 11, short_time_staff_by_month=[5] * 12))
    assert caught.value.field == "short_time_staff_by_month[0]"


@pytest.mark.parametrize("hours, disability, counted", [
    # 20-30 h: a mental disability counts 1 (special counting), others 0.5
    (25, "mental", 12), (25, "physical", 6), (25, None, 6),
    # 10-20 h: a mental disability counts 0.5 (from April 2024), a non-severe physical one not at all
    (15, "mental", 6), (15, "intellectual", 0),
    # under 10 h: nobody counts
    (9, "mental", 0),
])
def test_mental_disability_counts_more_in_short_hours(employer, hours, disability, counted):
    result = assess(employer("JP", disabled_employees=[{**person(hours), "disability": disability}]))
    assert result.counted == D(counted)  # person-months over 12 months


def test_an_unknown_disability_kind_is_refused(employer):
    with pytest.raises(RecordError) as caught:
        assess(employer("JP", disabled_employees=[{**person(), "disability": "psychiatric"}]))
    assert caught.value.field == "disabled_employees[0].disability"


@pytest.mark.parametrize("year, industry, staff, required", [
    # no excluded industry: 200 x 2.5% = 5 a month, 60 a year
    (2025, None, 200, 60), (2025, "retail", 200, 60),
    # medical care from April 2025, 20%: 200 - 40 = 160; x 2.5% = 4 a month
    (2025, "medical", 200, 48),
    # fiscal 2024, before the 10-point cut: 30%; 200 - 60 = 140; x 2.5% = 3.5 -> 3
    (2024, "medical", 200, 36),
    # 199 x 20% = 39.8 excluded, dropped to 39: 160 x 2.5% = 4 (rounding it to 40 would leave 159 -> 3)
    (2025, "medical", 199, 48),
])
def test_industry_exclusion_rates(employer, year, industry, staff, required):
    result = assess(employer("JP", year=year, staff=staff, industry=industry))
    assert result.required == D(required)


def test_the_exclusion_does_not_change_who_is_liable(employer):
    # ships, 70%: 110 - 77 = 33 workers count for the quota (0 required), but 110 > 100 makes it liable
    result = assess(employer("JP", staff=110, industry="ship_operation"))
    assert (result.exempt, result.required) == (False, D(0))
    assert any("exclusion rate 70%" in step["en"] for step in result.steps)
