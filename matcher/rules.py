"""The matching rules for one seeker-position pair, in plain Python.

This is the statement of the rules (shared/ability-profile.md) that the vectorised engine must agree with,
bit for bit: the engine computes the same integers and the same floating-point operations in the same
order for a million pairs at once. `reasons.py` explains a pair with these functions, and the tests and
benchmarks run `score_pair` over every pair as the reference.

A pair is ruled out when
- an essential item is over-demanded (ability < demand) and no offered accommodation covers it;
- the seeker needs an accommodation they mark as required and the position does not offer it (the
  premises' accommodations, such as step-free access, count as offered to someone working from home);
- the position is remote and the seeker cannot work from home;
- the workplace is further than the seeker's maximum commute, unless the pair can work from home
  (the position offers remote_work and the seeker can work from home: remote_work covers the commute).
Otherwise it scores sum(weight x fit) / sum(weights) over six fits, each in [0, 1] (FEATURES):
- ability: 1 / (1 + units / 20), where each point of shortfall costs 5 units, or 1 unit when an offered
  accommodation covers the item (an accommodated shortfall is not quite the same as no shortfall);
- needs: 1 / (1 + needs not offered); distance: exp(-km / 8), 1 when working from home;
- skills: share of the position's skills the seeker has (1 when it asks for none);
- wage: 1 at or above the wish, falling to 0 at half of it; hours: 1 at the wish, falling to 0 at 20
  hours more or 40 hours fewer.
"""

import math
from typing import NamedTuple

import numpy as np

from . import geo
from .profile import ABILITY_KEYS, ACCOMMODATIONS, PREMISES

FEATURES = ("ability", "needs", "distance", "skills", "wage", "hours")
DEFAULT_WEIGHTS = (0.30, 0.10, 0.20, 0.25, 0.10, 0.05)

#: penalty units per point of shortfall on an item; kept integer so that any order of summing agrees
UNITS_SHORTFALL = 5
UNITS_ACCOMMODATED = 1
#: units of an over-demanded essential item that nothing covers: far above any sum of real penalties
RULED_OUT = 1_000_000
#: ability fit is 1 / (1 + units / scale): four points of uncovered shortfall halve it
ABILITY_UNITS_SCALE = 20.0
DISTANCE_SCALE_KM = 8.0
#: scores are compared (and written) at this many decimals; equal rounded scores are ordered by id
SCORE_DECIMALS = 4
UNDER_USE_GAP = 3

#: item index -> accommodations that cover a shortfall on it, in profile order (remote_work only at home)
ITEM_COVERS: tuple[tuple[str, ...], ...] = tuple(
    tuple(a.key for a in ACCOMMODATIONS if key in a.covers) for key in ABILITY_KEYS
)


class Weights(tuple):
    """Six non-negative weights, one per feature in FEATURES order."""

    def __new__(cls, values=DEFAULT_WEIGHTS):
        values = tuple(float(v) for v in values)
        if len(values) != len(FEATURES) or min(values) < 0 or sum(values) <= 0:
            raise ValueError(f"weights: {len(FEATURES)} non-negative numbers, not all zero, in order {FEATURES}")
        return super().__new__(cls, values)

    @property
    def total(self) -> float:
        total = 0.0
        for w in self:
            total += w
        return total

    def as_dict(self) -> dict[str, float]:
        return dict(zip(FEATURES, self))


class Pair(NamedTuple):
    """What the rules say about one pair: why it is ruled out (empty if it is not) and its fits."""

    ruled_out: tuple[str, ...]
    units: int
    needs_unmet: tuple[str, ...]
    distance_km: float | None
    at_home: bool
    skills_matched: int
    skills_wanted: int
    fits: tuple[float, ...]


def works_at_home(seeker, position) -> bool:
    return "remote_work" in position.offers and seeker.remote_ok


def offered(position, at_home: bool) -> frozenset[str]:
    """What the position offers this pair: at home, the premises' accommodations are the seeker's own."""
    return position.offers | frozenset(PREMISES) if at_home else position.offers


def covering(item: int, offers, at_home: bool) -> tuple[str, ...]:
    return tuple(a for a in ITEM_COVERS[item] if a in offers and (a != "remote_work" or at_home))


def item_units(ability: int, demand: int, essential: bool, covered: bool) -> int:
    short = demand - ability
    if short <= 0:
        return 0
    if covered:
        return UNITS_ACCOMMODATED * short
    if essential:
        return RULED_OUT
    return UNITS_SHORTFALL * short


def ability_fit(units: int) -> float:
    return 1.0 / (1.0 + units / ABILITY_UNITS_SCALE)


def needs_fit(unmet: int) -> float:
    return 1.0 / (1.0 + unmet)


def distance_fit(km: float | None) -> float:
    return 1.0 if km is None else math.exp(-km / DISTANCE_SCALE_KM)


def skills_fit(matched: int, wanted: int) -> float:
    return 1.0 if wanted == 0 else matched / wanted


def wage_fit(wage: float | None, desired: float | None) -> float:
    if desired is None or desired == 0:
        return 1.0
    if wage is None:
        return 0.5
    if wage >= desired:
        return 1.0
    return max(0.0, 1.0 - 2.0 * (desired - wage) / desired)


def hours_fit(hours: float | None, wished: float | None) -> float:
    """More hours than wished fall fast (to 0 at 20 hours more), fewer hours slowly (to 0 at 40 fewer)."""
    if hours is None or wished is None:
        return 1.0
    if hours > wished:
        return max(0.0, 1.0 - (hours - wished) / 20.0)
    return max(0.0, 1.0 - (wished - hours) / 40.0)


def combine(fits, weights: Weights) -> float:
    score = 0.0
    for w, f in zip(weights, fits):
        score += w * f
    return score / weights.total


def score_key(score: float) -> int:
    """The integer that ranking compares: the score at SCORE_DECIMALS decimals."""
    return int(np.rint(score * 10**SCORE_DECIMALS))


def assess(seeker, position, seeker_skills, position_skills) -> Pair:
    """The rules for one pair; seeker_skills / position_skills are the skill id sets (seeker's expanded)."""
    at_home = works_at_home(seeker, position)
    out = []
    units = 0
    for i, (a, d) in enumerate(zip(seeker.abilities, position.demands)):
        if d > a:
            essential = ABILITY_KEYS[i] in position.essential
            u = item_units(a, d, essential, bool(covering(i, position.offers, at_home)))
            if u == RULED_OUT:
                out.append(f"over_demand:{ABILITY_KEYS[i]}")
            else:
                units += u
    needs_unmet = tuple(sorted(seeker.needs - offered(position, at_home)))
    out += [f"need_required:{n}" for n in needs_unmet if n in seeker.needs_required]
    if position.remote and not seeker.remote_ok:
        out.append("remote_not_ok")
    km = None
    if not at_home and position.xyz is not None:
        km = geo.distance_km(seeker.xyz, position.xyz)
        if km > seeker.max_commute_km:
            out.append("too_far")
    matched = len(position_skills & seeker_skills)
    fits = (
        ability_fit(units),
        needs_fit(len(needs_unmet)),
        distance_fit(km),
        skills_fit(matched, len(position_skills)),
        wage_fit(position.wage, seeker.desired_wage),
        hours_fit(position.hours_per_week, seeker.hours_per_week),
    )
    return Pair(tuple(out), units, needs_unmet, km, at_home, matched, len(position_skills), fits)


def score_pair(seeker, position, seeker_skills, position_skills, weights: Weights = Weights()) -> float | None:
    """The score of a pair, or None when the rules rule it out."""
    pair = assess(seeker, position, seeker_skills, position_skills)
    return None if pair.ruled_out else combine(pair.fits, weights)
