"""AbleMatch matching engine: seekers and positions compared item by item on one ability profile.

    from matcher import Engine, Seeker, Position
    engine = Engine.from_records(seeker_dicts, position_dicts)   # exchange-format dicts, validated
    engine.rank_candidates("P0042", k=50)                        # best seekers for a position
    engine.rank_positions("S00017", k=20, max_distance_km=10)    # best positions for a seeker
    engine.upsert_seeker(d); engine.remove_position("P0042")     # keep it current, no rebuild

Every result is a Match whose `reasons` say why (see reasons.py) and what would raise the score.
learn_ranker(engine, outcomes) learns a ranking from past outcomes; rank_learned(engine, report.ranker, id)
reorders the pairs the rules allow by it (learn.py).
"""

from .engine import Engine
from .jsonl import LineError, Outcome
from .learn import LearnReport, OutcomeWeights, PairRanker, RankerReport, learn_ranker, learn_weights, rank_learned
from .planner import FairPlan, Interview, plan_fair
from .reasons import Match
from .records import Position, RecordError, Seeker
from .rules import DEFAULT_WEIGHTS, FEATURES, Weights
from .skills import SkillMapper


def rank_candidates(position, seekers, k: int = 50, weights=None) -> list[Match]:
    """The best k of these seekers for one position (objects or exchange-format dicts), with reasons."""
    engine = Engine.from_records(seekers, [position], weights=weights)
    return engine.rank_candidates(engine.position_ids()[0], k)


def rank_positions(seeker, positions, k: int = 50, weights=None, **filters) -> list[Match]:
    """The best k of these positions for one seeker, with reasons; filters as Engine.rank_positions."""
    engine = Engine.from_records([seeker], positions, weights=weights)
    return engine.rank_positions(engine.seeker_ids()[0], k, **filters)


__all__ = [
    "DEFAULT_WEIGHTS", "FEATURES", "Engine", "FairPlan", "Interview", "LearnReport", "LineError", "Match",
    "Outcome", "OutcomeWeights", "PairRanker", "Position", "RankerReport", "RecordError", "Seeker", "SkillMapper",
    "Weights", "learn_ranker", "learn_weights", "plan_fair", "rank_candidates", "rank_learned", "rank_positions",
]
