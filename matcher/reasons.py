"""Why a pair scores what it scores, and what would raise it, in a structure the web app can render.

`explain` runs the rules of rules.py for one pair and returns a Match whose `reasons` holds
- abilities: {item: {ability, demand, essential, status, ...}} for every demanded item; status is
  - ok, under_use (gap >= 3: a note, never a penalty);
  - accommodated: an offered accommodation lifts the ability to the demand (covered_by, lift {accommodation,
    from, to});
  - shortfall (not essential) or over_demand (essential, rules the pair out), with size slightly_below,
    below or far_below by the effective gap, and the lift that did not suffice if there is one;
  - to_be_checked: not assessed (ability None), counted half met, never ruling the pair out;
  - not_applicable: moot when working from home (walking, climbing, outdoor);
  and gap = ability - demand, effective = the ability after the lift, for assessed items;
- lifts: every lift used, e.g. {"accommodation": "step_free_access", "item": "walking", "from": 1, "to": 3,
  "text": "Step-free access: walking 1 -> 3"}; accommodations_used, needs_unmet, needs_required_unmet;
- to_be_checked: demanded items not assessed (flagged check_essential:<item> for staff when essential);
- distance_km (None when working from home), works_from_home, max_commute_km;
- skills_matched [[seeker's spelling, position's spelling]], skills_missing (position's spellings);
- wage_fit, hours_fit and every fit with its weight (fits, weights); held_down_by: the fit whose shortfall
  costs the score most, and fit_gains: what each fit at 1 would add;
- hints: single changes that raise the score (or make a ruled-out pair possible), with the score they give,
  each addressed to whoever can make it: who "seeker" (an ability, a skill, a wider commute) or "employer"
  (an accommodation, the pay, the hours).
"""

import math
from dataclasses import dataclass, field, replace
from functools import lru_cache

from . import rules
from .profile import ABILITY_BY_KEY, ABILITY_KEYS, ACCOMMODATION_BY_KEY, LIFTS, MOOT_AT_HOME


@dataclass
class Match:
    seeker_id: str
    position_id: str
    rank: int | None
    #: None when the rules rule the pair out
    score: float | None
    flags: tuple[str, ...] = ()
    reasons: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        """The matches.jsonl line (exchange format)."""
        return {"seeker_id": self.seeker_id, "position_id": self.position_id, "rank": self.rank,
                "score": self.score, "flags": list(self.flags), "reasons": self.reasons}


def rounded_score(pair: rules.Pair, weights: rules.Weights) -> float | None:
    if pair.ruled_out:
        return None
    return _rounded(rules.combine(pair.fits, weights))


def _rounded(score: float) -> float:
    return _from_key(rules.score_key(score))


def _from_key(key) -> float:
    return int(key) / 10**rules.SCORE_DECIMALS


def lift_text(accommodation: str, item: str, before: int, after: int) -> str:
    return f"{ACCOMMODATION_BY_KEY[accommodation].en}: {ABILITY_BY_KEY[item].en.lower()} {before} -> {after}"


@lru_cache(maxsize=65536)  # few distinct offers and needs: a batch explains the same ones many times
def _lifter(item: int, offers, needs) -> tuple[int, str | None]:
    """The largest offered lift on an item, naming the accommodation the seeker asked for when one of the
    largest is theirs."""
    levels, first = rules.lift(item, offers)
    mine = next((a for a, n in rules.ITEM_LIFTS[item] if n == levels and a in offers and a in needs), None)
    return levels, mine or first


@lru_cache(maxsize=65536)  # rows repeat: a batch explains the same levels against the same demands many times
def _item(i: int, a, d: int, essential: bool, applies: bool, levels: int, by: str | None
          ) -> tuple[dict, dict | None, tuple]:
    """The row of one demanded item, the lift it uses (None if none) and its flags (shared: copy before use);
    levels: the largest offered lift on the item, by: the accommodation named for it (_lifter) when it helps."""
    row = {"ability": a, "demand": d, "essential": essential}
    key = ABILITY_KEYS[i]
    used = None
    if not applies:
        row["status"] = "not_applicable"
    elif a is None:
        row["status"] = "to_be_checked"
    else:
        reach = rules.effective(a, levels)
        row["gap"], row["effective"] = a - d, reach
        if a >= d:
            row["status"] = "under_use" if a - d >= rules.UNDER_USE_GAP else "ok"
        else:
            if levels:
                used = {"accommodation": by, "item": key, "from": a, "to": reach,
                        "text": lift_text(by, key, a, reach)}
                row["lift"] = {k: used[k] for k in ("accommodation", "from", "to")}
            if reach >= d:
                row["status"] = "accommodated"
                row["covered_by"] = by
            else:
                row["status"] = "over_demand" if essential else "shortfall"
                row["size"] = rules.gap_size(d - reach)
    flags = () if row["status"] in ("ok", "not_applicable") else (f"{row['status']}:{key}",)
    if row["status"] == "to_be_checked" and essential:
        flags += (f"check_essential:{key}",)
    return row, used, flags


@lru_cache(maxsize=16384)
def _demanded(demands: tuple[int, ...], essential: frozenset[str]) -> tuple[tuple[int, str, int, bool], ...]:
    """(index, key, demand, essential) of a position's demanded items."""
    return tuple((i, ABILITY_KEYS[i], d, ABILITY_KEYS[i] in essential) for i, d in enumerate(demands) if d)


#: the decimals of each fit in the reasons, for map(round, fits, _FOURS)
_FOURS = (4,) * len(rules.FEATURES)


@lru_cache(maxsize=64)
def _rounded_weights(weights) -> dict[str, float]:
    return {k: round(v, 4) for k, v in weights.as_dict().items()}


def explain(seeker, position, seeker_skills, position_skills, weights, mapper, hints: bool = True) -> Match:
    """hints=False leaves out the hints, each of which re-runs the rules (lists show no hints)."""
    pair = rules.assess(seeker, position, seeker_skills, position_skills)
    return explain_pair(seeker, position, seeker_skills, position_skills, pair, weights, mapper, hints)


def explain_pair(seeker, position, seeker_skills, position_skills, pair: rules.Pair, weights, mapper,
                 hints: bool = True, scored: tuple[float, dict[str, float]] | None = None) -> Match:
    """explain, for a pair whose rules the caller has assessed; `scored`: the pair's score and its gains
    (gains_of), when the caller has them (the engine computes them for many pairs at once). The skill id sets
    are only read for the hints (None will do without them)."""
    if scored is None:
        score = rounded_score(pair, weights)
        gains = _gains(pair.fits, weights)
    else:
        score, gains = scored
    items, flags, lifts, unknown, under_use, covering = {}, [], [], [], [], set()
    abilities, offers, needs, at_home = seeker.abilities, position.offers, seeker.needs, pair.at_home
    levels = rules.lift_levels(offers)
    moot = rules.MOOT_ITEMS if at_home else ()
    for i, key, d, essential in _demanded(position.demands, position.essential):
        a = abilities[i]
        by = _lifter(i, offers, needs)[1] if levels[i] and a is not None and a < d else None
        row, used, row_flags = _item(i, a, d, essential, i not in moot, levels[i], by)
        if row_flags:
            flags += row_flags
            status = row["status"]
            if used:
                lifts.append(dict(used))
            if status == "to_be_checked":
                unknown.append(key)
            elif status == "under_use":
                under_use.append(key)
            elif status == "accommodated":
                covering.add(row["covered_by"])
        items[key] = dict(row)
    required = seeker.needs_required
    needs_unmet = [n for n in pair.needs_unmet if n not in required]
    flags += [f"need_unmet:{n}" for n in needs_unmet]
    if at_home:
        flags.append("works_from_home")
    matched, missing = _skills(seeker, position, mapper)
    fits = pair.fits
    reasons = {
        "abilities": items,
        "lifts": lifts,
        "to_be_checked": unknown,
        "accommodations_used": sorted(covering | (needs & rules.offered(position, at_home))),
        "needs_unmet": needs_unmet,
        "needs_required_unmet": [n for n in pair.needs_unmet if n in required],
        "distance_km": None if pair.distance_km is None else round(pair.distance_km, 1),
        "works_from_home": at_home,
        "max_commute_km": seeker.max_commute_km,
        "skills_matched": matched,
        "skills_missing": missing,
        "wage_fit": round(fits[4], 3),
        "hours_fit": round(fits[5], 3),
        "under_use": under_use,
        "fits": dict(zip(rules.FEATURES, map(round, fits, _FOURS))),
        "weights": dict(_rounded_weights(weights)),
        "held_down_by": max(gains, key=gains.get) if gains else None,
        "fit_gains": gains,
        "hints": _hints(seeker, position, seeker_skills, position_skills, weights, mapper, pair, score, items,
                        missing) if hints else [],
    }
    if pair.ruled_out:
        reasons["ruled_out"] = list(pair.ruled_out)
        flags = list(pair.ruled_out) + [f for f in flags if f not in pair.ruled_out]
    return Match(seeker.id, position.id, None, score, tuple(flags), reasons)


def _gains(fits, weights) -> dict[str, float]:
    """What the score would gain with each fit at 1, for the fits that would add something; the largest is
    the fit that holds the score down."""
    return _gains_of([rules.score_key(rules.combine(fits, weights))]
                     + [rules.score_key(rules.combine(fits[:i] + (1.0,) + fits[i + 1:], weights))
                        for i in range(len(rules.FEATURES))])


def _gains_of(keys) -> dict[str, float]:
    """_gains from the score keys: the pair's, then with each fit at 1 in turn."""
    now = keys[0]
    return gains_of([key - now for key in keys[1:]])


def gains_of(differences) -> dict[str, float]:
    """What each fit at 1 would add, from the differences of the score keys (with that fit at 1, less the
    pair's), for the fits that would add something."""
    scale = 10**rules.SCORE_DECIMALS
    return {name: d / scale for name, d in zip(rules.FEATURES, differences) if d > 0}


def _skills(seeker, position, mapper) -> tuple[list[list[str]], list[str]]:
    mine = _seeker_skills(mapper, seeker.skills)
    matched, missing = [], []
    for wanted, ids in _position_skills(mapper, position.skills):
        spelling = next((s for s, have in mine if have & ids), None)
        if spelling is None:
            missing.append(wanted)
        else:
            matched.append([spelling, wanted])
    return matched, missing


@lru_cache(maxsize=65536)
def _seeker_skills(mapper, skills: tuple[str, ...]) -> tuple[tuple[str, frozenset[int]], ...]:
    """Each spelling with the skill ids it stands for and implies."""
    return tuple((s, frozenset(mapper.expand(mapper.map(s)))) for s in skills)


@lru_cache(maxsize=16384)
def _position_skills(mapper, skills: tuple[str, ...]) -> tuple[tuple[str, frozenset[int]], ...]:
    return tuple((s, frozenset(mapper.map(s))) for s in skills)


def _hints(seeker, position, s_skills, p_skills, weights, mapper, pair, score, items, missing) -> list[dict]:
    """Each single change that raises the score, with the score it gives; best first. The seeker can change
    an ability, a skill or their commute; the employer an accommodation, the pay or the hours."""
    changes = []  # (hint, seeker, position, seeker skills)
    offers = set()
    for key, row in items.items():
        if row["status"] in ("shortfall", "over_demand"):
            i = ABILITY_KEYS.index(key)
            needed = row["demand"] - rules.lift_levels(position.offers)[i]
            raised = list(seeker.abilities)
            raised[i] = needed
            changes.append(({"who": "seeker", "kind": "ability", "item": key, "to": needed},
                            replace(seeker, abilities=tuple(raised)), position, s_skills))
            offers.update(a for a, lifts in LIFTS.items() if key in lifts and a not in position.offers)
            if key in MOOT_AT_HOME and seeker.remote_ok:
                offers.add("remote_work")
    offers.update(pair.needs_unmet)
    if "too_far" in pair.ruled_out:
        if seeker.remote_ok:
            offers.add("remote_work")
        wider = float(math.ceil(pair.distance_km))
        changes.append(({"who": "seeker", "kind": "commute", "to": wider},
                        replace(seeker, max_commute_km=wider), position, s_skills))
    for a in sorted(offers - position.offers):
        changes.append(({"who": "employer", "kind": "offer", "accommodation": a},
                        seeker, replace(position, offers=position.offers | {a}), s_skills))
    for spelling in missing:
        changes.append(({"who": "seeker", "kind": "skill", "skill": spelling},
                        replace(seeker, skills=seeker.skills + (spelling,)), position,
                        s_skills | set(mapper.expand(mapper.map(spelling)))))
    if position.wage is not None and seeker.desired_wage and position.wage < seeker.desired_wage:
        changes.append(({"who": "employer", "kind": "wage", "to": seeker.desired_wage},
                        seeker, replace(position, wage=seeker.desired_wage), s_skills))
    if position.hours_per_week is not None and seeker.hours_per_week is not None \
            and position.hours_per_week != seeker.hours_per_week:
        changes.append(({"who": "employer", "kind": "hours", "to": seeker.hours_per_week},
                        seeker, replace(position, hours_per_week=seeker.hours_per_week), s_skills))
    hints = []
    for hint, s, p, sk in changes:
        new = rounded_score(rules.assess(s, p, sk, p_skills), weights)
        if new is not None and (score is None or new > score):
            hint["score"] = new
            if score is None:
                hint["makes_possible"] = True
            hints.append(hint)
    hints.sort(key=lambda h: -h["score"])
    return hints
