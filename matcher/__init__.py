"""AbleMatch matching engine: seekers and positions compared item by item on one ability profile.

    from matcher import Engine, Seeker, Position
    engine = Engine.from_records(seeker_dicts, position_dicts)   # exchange-format dicts, validated
    engine.rank_candidates("P0042", k=50)                        # best seekers for a position
    engine.rank_positions("S00017", k=20, max_distance_km=10)    # best positions for a seeker
    engine.upsert_seeker(d); engine.remove_position("P0042")     # keep it current, no rebuild

Every result is a Match whose `reasons` say why (see reasons.py) and what would raise the score.
learn_ranker(engine, outcomes, trained_on=day) learns a ranking from past outcomes; rank_learned(engine, report.ranker, id)
reorders the pairs the rules allow by it (learn.py).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .reasons import Match

# The engine's names load on first use (PEP 562), so that `import matcher.profile`, the vocabulary that the
# data model shares, costs no numpy, scipy or scikit-learn.
_EXPORTS = {
    "Engine": "engine", "LineError": "jsonl", "Outcome": "jsonl", "LearnReport": "learn", "OutcomeWeights": "learn",
    "learn_weights": "learn", "PairRanker": "learn", "RankerReport": "learn", "learn_ranker": "learn",
    "rank_learned": "learn", "FairPlan": "planner", "Interview": "planner", "plan_fair": "planner",
    "Match": "reasons", "Position": "records", "RecordError": "records", "Seeker": "records",
    "DEFAULT_WEIGHTS": "rules", "FEATURES": "rules", "Weights": "rules", "SkillMapper": "skills",
}


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'matcher' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    globals()[name] = value
    return value


def rank_candidates(position, seekers, k: int = 50, weights=None) -> list[Match]:
    """The best k of these seekers for one position (objects or exchange-format dicts), with reasons."""
    engine = __getattr__("Engine").from_records(seekers, [position], weights=weights)
    return engine.rank_candidates(engine.position_ids()[0], k)


def rank_positions(seeker, positions, k: int = 50, weights=None, **filters) -> list[Match]:
    """The best k of these positions for one seeker, with reasons; filters as Engine.rank_positions."""
    engine = __getattr__("Engine").from_records([seeker], positions, weights=weights)
    return engine.rank_positions(engine.seeker_ids()[0], k, **filters)


__all__ = [
    "DEFAULT_WEIGHTS", "FEATURES", "Engine", "FairPlan", "Interview", "LearnReport", "LineError", "Match",
    "Outcome", "OutcomeWeights", "PairRanker", "Position", "RankerReport", "RecordError", "Seeker", "SkillMapper",
    "Weights", "learn_ranker", "learn_weights", "plan_fair", "rank_candidates", "rank_learned", "rank_positions",
]
