"""Why a pair scores what it scores, and what would raise it, in a structure the web app can render.

`explain` runs the rules of rules.py for one pair and returns a Match whose `reasons` holds
- abilities: {item: {ability, demand, gap, essential, status, covered_by}} for every demanded item;
  status is ok, under_use (gap >= 3: a note, never a penalty), accommodated, shortfall or over_demand;
- accommodations_used, needs_unmet, needs_required_unmet;
- distance_km (None when working from home), works_from_home, max_commute_km;
- skills_matched [[seeker's spelling, position's spelling]], skills_missing (position's spellings);
- wage_fit, hours_fit and every fit with its weight (fits, weights);
- hints: changes that raise the score (or make a ruled-out pair possible), with the score they give,
  each saying who can make it (the seeker: an ability or a skill; the position: an offer or the wage).
"""

from dataclasses import dataclass, field, replace

from . import rules
from .profile import ABILITY_KEYS, ACCOMMODATIONS


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
    return rules.score_key(rules.combine(pair.fits, weights)) / 10**rules.SCORE_DECIMALS


def explain(seeker, position, seeker_skills, position_skills, weights, mapper, hints: bool = True) -> Match:
    """hints=False leaves out the hints, each of which re-runs the rules (lists show no hints)."""
    pair = rules.assess(seeker, position, seeker_skills, position_skills)
    score = rounded_score(pair, weights)
    items, flags = {}, []
    for i, (a, d) in enumerate(zip(seeker.abilities, position.demands)):
        if not d:
            continue
        key = ABILITY_KEYS[i]
        row = {"ability": a, "demand": d, "gap": a - d, "essential": key in position.essential}
        if a >= d:
            row["status"] = "under_use" if a - d >= rules.UNDER_USE_GAP else "ok"
        else:
            covers = rules.covering(i, position.offers, pair.at_home)
            if covers:
                # name the accommodation the seeker asked for, if one of them covers the item
                row["status"] = "accommodated"
                row["covered_by"] = next((c for c in covers if c in seeker.needs), covers[0])
            else:
                row["status"] = "over_demand" if row["essential"] else "shortfall"
        if row["status"] != "ok":
            flags.append(f"{row['status']}:{key}")
        items[key] = row
    used = {r["covered_by"] for r in items.values() if "covered_by" in r} | (seeker.needs & position.offers)
    flags += [f"need_unmet:{n}" for n in pair.needs_unmet if n not in seeker.needs_required]
    if pair.at_home:
        flags.append("works_from_home")
    matched, missing = _skills(seeker, position, mapper)
    fits = dict(zip(rules.FEATURES, pair.fits))
    reasons = {
        "abilities": items,
        "accommodations_used": sorted(used),
        "needs_unmet": [n for n in pair.needs_unmet if n not in seeker.needs_required],
        "needs_required_unmet": [n for n in pair.needs_unmet if n in seeker.needs_required],
        "distance_km": None if pair.distance_km is None else round(pair.distance_km, 1),
        "works_from_home": pair.at_home,
        "max_commute_km": seeker.max_commute_km,
        "skills_matched": matched,
        "skills_missing": missing,
        "wage_fit": round(fits["wage"], 3),
        "hours_fit": round(fits["hours"], 3),
        "under_use": [k for k, r in items.items() if r["status"] == "under_use"],
        "fits": {k: round(v, 4) for k, v in fits.items()},
        "weights": {k: round(v, 4) for k, v in weights.as_dict().items()},
        "hints": _hints(seeker, position, seeker_skills, position_skills, weights, mapper, pair, score, items,
                        missing) if hints else [],
    }
    if pair.ruled_out:
        reasons["ruled_out"] = list(pair.ruled_out)
        flags = list(pair.ruled_out) + flags
    return Match(seeker.id, position.id, None, score, tuple(flags), reasons)


def _skills(seeker, position, mapper) -> tuple[list[list[str]], list[str]]:
    mine = [(s, set(mapper.expand(mapper.map(s)))) for s in seeker.skills]
    matched, missing = [], []
    for wanted in position.skills:
        ids = set(mapper.map(wanted))
        spelling = next((s for s, have in mine if have & ids), None)
        if spelling is None:
            missing.append(wanted)
        else:
            matched.append([spelling, wanted])
    return matched, missing


def _hints(seeker, position, s_skills, p_skills, weights, mapper, pair, score, items, missing) -> list[dict]:
    """Each single change that raises the score, with the score it gives; best first."""
    changes = []  # (hint, seeker, position, seeker skills)
    offers = set()
    for key, row in items.items():
        if row["status"] in ("shortfall", "over_demand"):
            raised = list(seeker.abilities)
            raised[ABILITY_KEYS.index(key)] = row["demand"]
            changes.append(({"who": "seeker", "kind": "ability", "item": key, "to": row["demand"]},
                            replace(seeker, abilities=tuple(raised)), position, s_skills))
            offers.update(a.key for a in ACCOMMODATIONS if key in a.covers and a.key not in position.offers)
    offers.update(pair.needs_unmet)
    if "too_far" in pair.ruled_out and seeker.remote_ok:
        offers.add("remote_work")
    for a in sorted(offers):
        changes.append(({"who": "position", "kind": "offer", "accommodation": a},
                        seeker, replace(position, offers=position.offers | {a}), s_skills))
    for spelling in missing:
        changes.append(({"who": "seeker", "kind": "skill", "skill": spelling},
                        replace(seeker, skills=seeker.skills + (spelling,)), position,
                        s_skills | set(mapper.expand(mapper.map(spelling)))))
    if position.wage is not None and seeker.desired_wage and position.wage < seeker.desired_wage:
        changes.append(({"who": "position", "kind": "wage", "to": seeker.desired_wage},
                        seeker, replace(position, wage=seeker.desired_wage), s_skills))
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
