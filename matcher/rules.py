"""The matching rules for one seeker-position pair, in plain Python (rules v2 of shared/ability-profile.md).

This is the statement of the rules that the vectorised engine must agree with, bit for bit: the engine
computes the same integers and the same floating-point operations in the same order for a million pairs at
once. `reasons.py` explains a pair with these functions, and the tests and benchmarks run `score_pair` over
every pair as the reference.

A pair works from home when the position offers remote_work (a remote position always does) and the seeker
can work from home; then the commute, the demands in profile.MOOT_AT_HOME and the premises' accommodations
(profile.PREMISES, counted as offered) do not apply. An offered accommodation lifts the effective ability on
the items it helps with by at most profile.LIFTS levels (the largest lift counts, capped at 5).

A pair is ruled out when
- an essential item is over-demanded: the effective ability of an assessed item is below the demand (an item
  not assessed never rules a pair out);
- the seeker needs an accommodation they mark as required and the position does not offer it;
- the position is remote and the seeker cannot work from home;
- the workplace is further than the seeker's maximum commute, unless the pair works from home.
Otherwise its six fits, each in [0, 1] (FEATURES), are
- ability: the share of the demand met, sum(met) / sum(demand) over the demanded items that apply, where an
  item meets min(effective ability, demand) and one not assessed meets half its demand; 1 if none is demanded;
- needs: 1 / (1 + needs not offered); distance: exp(-km / 8), 1 when working from home;
- skills: the square of the share of the position's skills the seeker has (1 when it asks for none): a
  trade's skills are wanted together, so that half of them is worth a quarter;
- wage: 0.8 at the wish, rising to 1 at a quarter above it (better pay still draws people), falling to 0 at
  half of it; hours: 1 at the wish, falling to 0 at 20 hours more or 40 hours fewer;
and the score is their weighted mean times (ABILITY_FLOOR + (1 - ABILITY_FLOOR) x ability): how much of the
demand is met bounds the score, so that distance, skills, pay and hours cannot carry a pair that meets none of
its demands (it scores at most ABILITY_FLOOR).
"""

import math
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from . import geo
from .profile import ABILITY_KEYS, ACCOMMODATIONS, LIFTS, MOOT_AT_HOME, PREMISES, SCALE_MAX

FEATURES = ("ability", "needs", "distance", "skills", "wage", "hours")
DEFAULT_WEIGHTS = (0.30, 0.10, 0.20, 0.25, 0.10, 0.05)

#: a pair meeting none of its demands scores at most this, whatever the other fits (the issue asks below 0.4)
ABILITY_FLOOR = 0.25
ABILITY_SLOPE = 1.0 - ABILITY_FLOOR
#: the demand met is counted in half levels, so that "not assessed, half met" stays an integer and any order
#: of summing agrees; an essential over-demand counts this, far above any sum of real half levels (24 x 10)
RULED_OUT = 1000
DISTANCE_SCALE_KM = 8.0
#: the wage fit at the seeker's wish, and how far above the wish pay still adds (a share of the wish)
AT_WISH = 0.8
PAY_HEADROOM = 0.25
#: scores are compared (and written) at this many decimals; equal rounded scores are ordered by id
SCORE_DECIMALS = 4
UNDER_USE_GAP = 3
#: gap words by the size of the effective shortfall: 1 level, 2, 3 or more
GAP_SIZES = ("slightly_below", "below", "far_below")

#: item index -> ((accommodation, levels), ...) that lift it, largest lift first, then in profile order
ITEM_LIFTS: tuple[tuple[tuple[str, int], ...], ...] = tuple(
    tuple(sorted(((a.key, LIFTS[a.key][key]) for a in ACCOMMODATIONS if LIFTS[a.key].get(key)),
                 key=lambda al: -al[1]))
    for key in ABILITY_KEYS
)
MAX_LIFT = max(levels for lifts in LIFTS.values() for levels in lifts.values())
MOOT_ITEMS = frozenset(ABILITY_KEYS.index(k) for k in MOOT_AT_HOME)


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
    #: half levels of demand met, and demanded, over the items that apply
    met: int
    demanded: int
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


def applies(item: int, at_home: bool) -> bool:
    return not (at_home and item in MOOT_ITEMS)


def lift(item: int, offers) -> tuple[int, str | None]:
    """The largest lift an offered accommodation gives the item, and the first accommodation that gives it."""
    return next(((levels, a) for a, levels in ITEM_LIFTS[item] if a in offers), (0, None))


@lru_cache(maxsize=4096)
def lift_levels(offers: frozenset[str]) -> tuple[int, ...]:
    """lift(item, offers)[0] for every item: positions share few sets of offers, and a frozenset keeps its hash."""
    return tuple(lift(i, offers)[0] for i in range(len(ABILITY_KEYS)))


def effective(ability: int, levels: int) -> int:
    return min(SCALE_MAX, ability + levels)


def item_met(ability: int | None, demand: int, essential: bool, levels: int) -> int:
    """Half levels of the demand met on one item (RULED_OUT for an essential over-demand)."""
    if ability is None:
        return demand
    reach = effective(ability, levels)
    if reach >= demand:
        return 2 * demand
    return RULED_OUT if essential else 2 * reach


def gap_size(short: int) -> str:
    return GAP_SIZES[min(short, len(GAP_SIZES)) - 1]


def ability_fit(met: int, demanded: int) -> float:
    return 1.0 if demanded == 0 else met / demanded


def needs_fit(unmet: int) -> float:
    return 1.0 / (1.0 + unmet)


def distance_fit(km: float | None) -> float:
    return 1.0 if km is None else math.exp(-km / DISTANCE_SCALE_KM)


def skills_fit(matched: int, wanted: int) -> float:
    """The square of the share of the position's skills: a trade's skills are wanted together, so that half of
    them is worth a quarter."""
    if wanted == 0:
        return 1.0
    share = matched / wanted
    return share * share


def wage_fit(wage: float | None, desired: float | None) -> float:
    """AT_WISH at the seeker's wish, rising to 1 at PAY_HEADROOM above it (better pay draws people), falling to
    0 at half of it."""
    if desired is None or desired == 0:
        return 1.0
    if wage is None:
        return 0.5
    ratio = wage / desired
    if ratio >= 1.0:
        return min(1.0, AT_WISH + (1.0 - AT_WISH) * (ratio - 1.0) / PAY_HEADROOM)
    return max(0.0, AT_WISH * (2.0 * ratio - 1.0))


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
    score = score / weights.total
    return score * (ABILITY_FLOOR + ABILITY_SLOPE * fits[0])


def score_key(score: float) -> int:
    """The integer that ranking compares: the score at SCORE_DECIMALS decimals."""
    return int(np.rint(score * 10**SCORE_DECIMALS))


def assess(seeker, position, seeker_skills, position_skills) -> Pair:
    """The rules for one pair; seeker_skills / position_skills are the skill id sets (seeker's expanded)."""
    at_home = works_at_home(seeker, position)
    out = []
    met = demanded = 0
    levels = lift_levels(position.offers)
    for i, (a, d) in enumerate(zip(seeker.abilities, position.demands)):
        if not d or not applies(i, at_home):
            continue
        demanded += 2 * d
        m = item_met(a, d, ABILITY_KEYS[i] in position.essential, levels[i])
        if m == RULED_OUT:
            out.append(f"over_demand:{ABILITY_KEYS[i]}")
        else:
            met += m
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
        ability_fit(met, demanded),
        needs_fit(len(needs_unmet)),
        distance_fit(km),
        skills_fit(matched, len(position_skills)),
        wage_fit(position.wage, seeker.desired_wage),
        hours_fit(position.hours_per_week, seeker.hours_per_week),
    )
    return Pair(tuple(out), met, demanded, needs_unmet, km, at_home, matched, len(position_skills), fits)


def score_pair(seeker, position, seeker_skills, position_skills, weights: Weights = Weights()) -> float | None:
    """The score of a pair, or None when the rules rule it out."""
    pair = assess(seeker, position, seeker_skills, position_skills)
    return None if pair.ruled_out else combine(pair.fits, weights)
