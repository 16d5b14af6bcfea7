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


@pytest.mark.parametrize("age, counted, levy", [
    # 49: counts 1; (6 - 1) x 4,752 = 23,760
    (49, "1", "23760.00"),
    # 50: counts 1.5 (2020 reform); (6 - 1.5) x 4,752 = 21,384
    (50, "1.5", "21384.00"),
])
def test_beneficiaries_aged_50_or_more_count_one_and_a_half(employer, age, counted, levy):
    result = assess(employer("FR", staff=100, disabled_employees=[{**beneficiary(), "age": age}]))
    assert (result.counted, result.levy_due) == (D(counted), D(levy))


@pytest.mark.parametrize("year, smic", [(2020, "10.15"), (2021, "10.48"), (2022, "11.07"), (2023, "11.52"),
                                        (2024, "11.88"), (2025, "11.88"), (2026, "12.02")])
def test_the_hourly_smic_is_rule_data_at_31_december(employer, year, smic):
    result = assess(employer("FR", year=year, staff=100))
    # 6 missing x 400 x the SMIC of that year
    assert result.levy_due == 6 * 400 * D(smic)


def test_a_record_cannot_set_the_smic(employer):
    # the engine reads it from the rules; a caller's figure is not used
    assert assess(employer("FR", staff=100, hourly_min_wage="20")).levy_due == D("28512.00")


def test_without_deductions_the_contribution_is_the_levy(employer):
    result = assess(employer("FR", staff=100))
    assert result.levy_before_deductions == result.levy_due == D("28512.00")
    assert assess(employer("CN")).levy_before_deductions is None  # no deductions in China's rules


@pytest.mark.parametrize("beneficiaries, contracts, taken", [
    # direct rate 0%: capped at 50% of 28,512 = 14,256
    (0, "20000", "14256.00"),
    # below the cap: taken in full
    (0, "10000", "10000.00"),
    # 3 beneficiaries of 100 = 3%: cap 75%; contribution (6 - 3) x 4,752 = 14,256; cap 10,692
    (3, "20000", "10692.00"),
])
def test_contracts_with_ea_esat_tih_are_capped_by_the_direct_rate(employer, beneficiaries, contracts, taken):
    result = assess(employer("FR", staff=100, contracts_deduction=contracts,
                             disabled_employees=[beneficiary()] * beneficiaries))
    assert result.levy_due == result.levy_before_deductions - D(taken)
    assert any(step["en"].startswith("Deduction (contracts") for step in result.steps)


def test_deductible_spending_is_capped_at_10_percent(employer):
    result = assess(employer("FR", staff=100, deductible_spending="5000"))
    # 10% of 28,512 = 2,851.20
    assert (result.levy_before_deductions, result.levy_due) == (D("28512.00"), D("25660.80"))


def test_deductions_never_take_the_levy_below_zero(employer):
    result = assess(employer("FR", staff=100, ecap_deduction="20000", contracts_deduction="20000",
                             deductible_spending="5000"))
    # ECAP 20,000 (no cap), then contracts within the 14,256 cap but only 8,512 left, then nothing
    assert (result.levy_before_deductions, result.levy_due) == (D("28512.00"), D(0))
