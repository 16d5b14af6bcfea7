"""Germany (SGB IX §§154-160): yearly sums of place-months, the 0.5 rounding rule, tiers by fill rate."""

from decimal import Decimal as D

import pytest

from compliance import RecordError, assess


def severe(months=12, hours=38):
    return {"months": months, "hours_per_week": hours}


@pytest.mark.parametrize("filled_months, tier, levy", [
    # 100 workplaces: 1,200 place-months, required 5% = 60
    ([], "rate-0", "48900.00"),  # rate 0%: 60 x 815
    ([12], "rate-below2", "19440.00"),  # 12 / 1,200 = 1%: 48 x 405
    ([12, 11], "rate-below2", "14985.00"),  # 23 / 1,200 = 1.92%: 37 x 405
    ([12, 12], "rate-below3", "9900.00"),  # 24 / 1,200 = 2%: 36 x 275
    ([12, 12, 12], "rate-below5", "3720.00"),  # 36 / 1,200 = 3%: 24 x 155
    ([12] * 5, None, "0"),  # 60 / 1,200 = 5%: met
])
def test_tier_by_fill_rate_from_2025(employer, filled_months, tier, levy):
    result = assess(employer("DE", staff=100, disabled_employees=[severe(m) for m in filled_months]))
    assert result.required == D(60)
    assert (result.tier, result.levy_due, result.currency) == (tier, D(levy), "EUR")


def test_2024_amounts(employer):
    # rate 0% in 2024: 60 x 720 = 43,200
    assert assess(employer("DE", year=2024, staff=100)).levy_due == D("43200.00")


def test_half_place_rounds_up_at_sixty_workplaces_or_more(employer):
    result = assess(employer("DE", staff_by_month=[100] * 2 + [101] * 10))
    # 200 + 1,010 = 1,210 place-months; 5% = 60.5, rounded up to 61; 61 x 815 = 49,715
    assert (result.required, result.levy_due) == (D(61), D("49715.00"))
    # 1,209 x 5% = 60.45: rounded down to 60
    assert assess(employer("DE", staff_by_month=[100] * 3 + [101] * 9)).required == D(60)


def test_below_sixty_workplaces_fractions_go_down_and_two_places_suffice(employer):
    result = assess(employer("DE", staff=59))
    # 59 x 12 = 708; 5% = 35.4, rounded down to 35; below 60 only 2 a month are owed: 24
    # none employed, under 60: 24 x 465 = 11,160
    assert (result.required, result.tier, result.levy_due) == (D(24), "small60-none", D("11160.00"))
    assert "fractions dropped: 35" in result.steps[3]["en"]
    assert "rounded half up" in assess(employer("DE", staff=60)).steps[3]["en"]


@pytest.mark.parametrize("staff, employees, tier, levy", [
    (39, [], "small40-none", "2820.00"),  # 12 x 235
    (39, [severe(6)], "small40-below1", "930.00"),  # average 0.5 < 1: (12 - 6) x 155
    (50, [severe(6)], "small60-below1", "4950.00"),  # (24 - 6) x 275
    (50, [severe(12), severe(6)], "small60-below2", "930.00"),  # average 1.5 < 2: (24 - 18) x 155
])
def test_small_employer_tiers(employer, staff, employees, tier, levy):
    result = assess(employer("DE", staff=staff, disabled_employees=employees))
    assert (result.tier, result.levy_due) == (tier, D(levy))


@pytest.mark.parametrize("staff, exempt", [(19, True), ("19.99", True), (20, False)])
def test_twenty_workplaces_on_average_make_an_employer_liable(employer, staff, exempt):
    result = assess(employer("DE", staff=staff))
    assert result.exempt is exempt
    # 20 x 12 x 5% = 12 place-months, none filled, under 40: 12 x 235 = 2,820
    assert result.levy_due == (D(0) if exempt else D("2820.00"))


def test_part_timers_under_eighteen_hours_do_not_count(employer):
    result = assess(employer("DE", staff=100, disabled_employees=[severe(hours=17), severe(hours=18)]))
    assert result.counted == D(12)


def test_part_year_averages_over_the_months_worked(employer):
    result = assess(employer("DE", staff_by_month=[100] * 6))
    # average 600 / 6 = 100 (not a small employer); required 5% x 600 = 30; none: 30 x 815 = 24,450
    assert (result.staff, result.required, result.levy_due) == (D(100), D(30), D("24450.00"))


@pytest.mark.parametrize("extra, counted", [
    ({}, 12),
    # §159(2): a severely disabled trainee counts on 2 places
    ({"trainee": True}, 24),
    # with the agency's approval: 3 for a trainee, 2 or 3 for others (§159(1))
    ({"trainee": True, "approved_places": 3}, 36),
    ({"approved_places": 2}, 24),
    ({"approved_places": 3}, 36),
    ({"approved_places": 1}, 12),
    # still under 18 h/week: not counted
    ({"trainee": True, "hours_per_week": 15}, 0),
])
def test_multiple_counting(employer, extra, counted):
    result = assess(employer("DE", staff=100, disabled_employees=[{**severe(), **extra}]))
    assert result.counted == D(counted)  # place-months


@pytest.mark.parametrize("field, value", [("approved_places", 4), ("approved_places", 0), ("trainee", "yes")])
def test_multiple_counting_fields_are_checked(employer, field, value):
    with pytest.raises(RecordError) as caught:
        assess(employer("DE", disabled_employees=[{**severe(), field: value}]))
    assert caught.value.field == f"disabled_employees[0].{field}"


@pytest.mark.parametrize("labour, due", [
    # 60 x 815 = 48,900; half of the 10,000.01 labour share of workshop invoices (§223): 5,000.01 (half up)
    ("10000.01", "43899.99"),
    # half of 120,000 is more than the levy: nothing left to pay
    ("120000", "0.00"),
])
def test_half_the_labour_share_of_workshop_orders_comes_off(employer, labour, due):
    result = assess(employer("DE", staff=100, workshop_labour=labour))
    assert (result.levy_before_deductions, result.levy_due) == (D("48900.00"), D(due))
