"""Exact decimal arithmetic: conversion, rounding and display of the numbers in an assessment."""

import json
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, localcontext

#: Working precision: far more digits than any levy needs, so that only divisions (averages, months / 12)
#: are ever inexact.
PRECISION = 50

#: Before any rounding that matters (to cents, or dropping fractions), values are first snapped to this
#: many places. An average or months / 12 that is a repeating decimal is held to 50 digits, so a result
#: whose true value is exactly 0.005 or 6 can come out as 0.00499...9 or 5.99...9; snapping restores it,
#: while real inputs (a few decimal places, divided by at most 12) never lie closer than this to a boundary.
SNAP_PLACES = 20

ROUNDING_MODES = {"half_up": ROUND_HALF_UP, "down": ROUND_DOWN}


def context():
    """The decimal context every calculation runs in."""
    return localcontext(prec=PRECISION, rounding=ROUND_HALF_EVEN)


def to_decimal(value) -> Decimal:
    """A Decimal from an int, a Decimal, a numeric string or a float (through its shortest repr, so 0.1 stays 0.1)."""
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, (int, str)):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(repr(value))
    else:
        raise TypeError(f"{type(value).__name__} is not a number")
    if not result.is_finite():
        raise ValueError("not a finite number")
    return result


#: 1, 0.1, 0.01, ... made once: quantize() is called for every number an assessment shows.
_STEPS = {places: Decimal(1).scaleb(-places) for places in range(0, SNAP_PLACES + 1)}


def snap(value: Decimal) -> Decimal:
    """The value to SNAP_PLACES decimals: use it before comparing against a boundary or rounding."""
    return value.quantize(_STEPS[SNAP_PLACES], rounding=ROUND_HALF_EVEN)


def round_to(value: Decimal, places: int, mode: str) -> Decimal:
    """Round to `places` decimals with a mode named in the rule data ("half_up" or "down")."""
    return snap(value).quantize(_STEPS[places], rounding=ROUNDING_MODES[mode])


def shown(value, places: int = 4) -> Decimal:
    """A count as shown and written out: half-up to `places`, trailing zeros dropped (1.5, 0.5833, 100)."""
    rounded = round_to(to_decimal(value), places, "half_up")
    # normalize() drops trailing zeros but would write 100 as 1E+2, so whole numbers keep 0 places instead.
    return rounded.normalize() if rounded != rounded.to_integral_value() else rounded.quantize(_STEPS[0])


def fmt_count(value: Decimal) -> str:
    """A number of persons, months or workplaces for the steps: 1.5, 0.5833, 1,201."""
    return f"{shown(value):,f}"


def fmt_money(value: Decimal, places: int) -> str:
    """Money for the steps: thousands separated, always `places` decimals (120,000.00; JPY 1,350,000)."""
    return f"{round_to(value, places, 'half_up'):,.{places}f}"


def fmt_percent(value: Decimal) -> str:
    """A rate for the steps: 0.015 -> 1.5%, 0.5 -> 50%."""
    return f"{shown(value * 100, 4):f}%"


def plain(value) -> str:
    """A record's value in a message as written in JSON (2025.0, "100", true, null), never a Python repr."""
    if isinstance(value, Decimal):
        return str(value)
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return type(value).__name__
