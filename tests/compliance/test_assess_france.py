"""France (OETH): 6% of average headcount rounded down, size bands, the 1,500 x rule."""

from decimal import Decimal as D

import pytest

from compliance import assess


def beneficiary(hours=35, months=12):
    return {"months": months, "hours_per_week": hours}


def test_required_is_rounded_down(employer):
    result = assess(employer("FR", staff=116))
    # 116 x 6% = 6.96 -> 6; 6 missing x 400 x 11.88 = 6 x 4,752 = 28,512
    assert (result.required, result.tier, result.levy_due, result.currency) == (D(6), "20-249", D("28512.00"), "EUR")


@pytest.mark.parametrize("staff, tier, times", [
    (249, "20-249", 400), (250, "250-749", 500), (749, "250-749", 500), (750, "750-plus", 600)])
def test_size_bands(employer, staff, tier, times):
    result = assess(employer("FR", staff=staff))
    required = int(D(staff) * D("0.06"))  # rounded down: 14, 15, 44, 45
    assert (result.tier, result.required) == (tier, D(required))
    assert result.levy_due == D(required) * times * D("11.88")


@pytest.mark.parametrize("years, tier", [(3, "20-249"), (4, "no-action")])
def test_nothing_done_for_more_than_three_years_costs_1500_times(employer, years, tier):
    result = assess(employer("FR", staff=100, no_action_years=years))
    # 100 x 6% = 6; 4 years: 6 x 1,500 x 11.88 = 106,920; 3 years: 6 x 400 x 11.88 = 28,512
    assert result.tier == tier
    assert result.levy_due == (D("106920.00") if tier == "no-action" else D("28512.00"))


def test_beneficiaries_count_by_presence_and_working_time(employer):
    result = assess(employer("FR", staff=100, disabled_employees=[beneficiary(), beneficiary(17.5, 6)]))
    # 1 x 12/12 x 35/35 + 1 x 6/12 x 17.5/35 = 1 + 0.25 = 1.25; short 6 - 1.25 = 4.75
    # 4.75 x 400 x 11.88 = 4.75 x 4,752 = 22,572
    assert (result.counted, result.shortfall, result.levy_due) == (D("1.25"), D("4.75"), D("22572.00"))


@pytest.mark.parametrize("staff, exempt", [(19, True), ("19.5", True), (20, False)])
def test_employers_of_twenty_or_more_are_liable(employer, staff, exempt):
    result = assess(employer("FR", staff=staff))
    # 20 x 6% = 1.2 -> 1; 1 x 400 x 11.88 = 4,752
    assert (result.exempt, result.levy_due) == (exempt, D(0) if exempt else D("4752.00"))


def test_the_1500_rule_needs_nothing_done_this_year_either(employer):
    result = assess(employer("FR", staff=100, no_action_years=4, disabled_employees=[beneficiary()]))
    # a beneficiary this year: standard band; (6 - 1) x 400 x 11.88 = 23,760
    assert (result.tier, result.levy_due) == ("20-249", D("23760.00"))


def test_average_headcount_is_over_the_months_with_staff(employer):
    result = assess(employer("FR", staff_by_month=[40] * 6))
    # average 40; 40 x 6% = 2.4 -> 2; 2 x 400 x 11.88 = 9,504
    assert (result.staff, result.required, result.levy_due) == (D(40), D(2), D("9504.00"))


def test_beneficiaries_are_averaged_over_the_same_months_as_the_staff(employer):
    result = assess(employer("FR", staff_by_month=[40] * 6, disabled_employees=[beneficiary(months=6)]))
    # staff 40 over 6 months; the beneficiary 6/6 = 1 (not 6/12); required 2; (2 - 1) x 400 x 11.88 = 4,752
    assert (result.counted, result.levy_due) == (D(1), D("4752.00"))
