from decimal import Decimal as D

import pytest

from compliance.decimals import context, fmt_count, fmt_money, fmt_percent, round_to, shown, to_decimal


@pytest.mark.parametrize("value, places, mode, expected", [
    ("108000.405", 2, "half_up", "108000.41"),
    ("108000.404", 2, "half_up", "108000.40"),
    ("2.5", 0, "half_up", "3"),
    ("6.96", 0, "down", "6"),
    ("60.5", 0, "down", "60"),
])
def test_round_to(value, places, mode, expected):
    assert str(round_to(D(value), places, mode)) == expected


def test_a_repeating_decimal_on_a_boundary_is_snapped_first():
    with context():
        eight = D(1600) / 12 * D("0.06")  # exactly 8, held as 7.99...98
        assert eight < 8 and round_to(eight, 0, "down") == 8
        levy = (D("1.5") - D(5) / 12) * D("80000.20") * D("0.9")  # exactly 78,000.195, held as 78,000.19499...
        assert levy < D("78000.195") and round_to(levy, 2, "half_up") == D("78000.20")


def test_floats_go_through_their_shortest_form():
    assert to_decimal(0.1) == D("0.1")
    assert to_decimal(99502.49) == D("99502.49")
    with pytest.raises(TypeError):
        to_decimal(True)
    with pytest.raises(ValueError):
        to_decimal("NaN")


def test_display():
    assert [str(shown(D(x))) for x in ("1.5000", "100", "0.58333", "1E+2", "0")] == ["1.5", "100", "0.5833", "100", "0"]
    assert fmt_count(D("1201.5")) == "1,201.5"
    assert fmt_money(D("120000"), 2) == "120,000.00"
    assert fmt_money(D("4950000"), 0) == "4,950,000"
    assert (fmt_percent(D("0.015")), fmt_percent(D("0.5"))) == ("1.5%", "50%")
