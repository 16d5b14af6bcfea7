"""What one more hire would change, for the employer's dashboard."""

from decimal import Decimal as D

import pytest

from compliance import RecordError, what_if_hire


def test_a_severe_hire_for_the_whole_year(employer):
    effect = what_if_hire(employer(staff=100), {"grade": 2, "months": 12})
    # staff 100 + 1 = 101, required 1.515; counted 2 x 12/12 = 2 >= 1.515: nothing due (was 108,000)
    assert (effect.after.required, effect.after.counted, effect.after.levy_due) == (D("1.515"), D(2), D(0))
    assert (effect.counted_change, effect.levy_change) == (D(2), D("-108000.00"))


def test_a_hire_for_the_last_six_months(employer):
    effect = what_if_hire(employer(staff_by_month=[100] * 12), {"grade": 3, "months": 6})
    # staff (6 x 100 + 6 x 101) / 12 = 100.5, required 1.5075; counted 6/12 = 0.5; ratio 0.5%: 90%
    # (1.5075 - 0.5) x 80,000 x 90% = 72,540
    assert (effect.after.required, effect.after.levy_due) == (D("1.5075"), D("72540.00"))
    assert effect.levy_change == D("-35460.00")


def test_a_short_time_hire_in_japan_joins_the_short_time_workers(employer):
    effect = what_if_hire(employer("JP", staff=200), {"months": 12, "hours_per_week": 25, "severe": False})
    # workers 200 + 0.5 x 1 = 200.5; x 2.5% = 5.0125 -> 5 a month: 60; counted 0.5 x 12 = 6
    # (60 - 6) x 50,000 = 2,700,000, was 3,000,000
    assert (effect.after.required, effect.after.counted, effect.levy_change) == (D(60), D(6), D(-300000))


@pytest.mark.parametrize("months", [0, 13, 6.5, None])
def test_the_hire_needs_whole_months(employer, months):
    with pytest.raises(RecordError) as caught:
        what_if_hire(employer(), {"grade": 3, "months": months})
    assert caught.value.field == "employee.months"


def test_a_hire_joins_only_the_months_in_operation(employer):
    effect = what_if_hire(employer(staff_by_month=[100] * 6 + [None] * 6), {"grade": 3, "months": 3})
    # closed from July: the hire joins April to June; staff (6 x 100 + 3) / 12 = 50.25
    assert effect.after.staff == D("50.25")
