"""The rules as a plain per-pair Python loop: the yardstick the engine's rankings and speed are checked against."""

from . import rules
from .skills import SkillMapper


def rank_by_loop(seekers, positions, k: int, direction: str = "candidates", weights=None,
                 mapper: SkillMapper | None = None, exclude=frozenset()) -> dict[str, list[tuple[str, float]]]:
    """Top k per position (direction "candidates") or per seeker ("positions"), as
    {id: [(other id, score)]}, best first, equal scores by id; every pair goes through rules.score_pair,
    except the (seeker id, position id) pairs in `exclude`."""
    weights = rules.Weights(rules.DEFAULT_WEIGHTS if weights is None else weights)
    mapper = mapper or SkillMapper()
    s_skills = [set(mapper.expand(mapper.map_all(s.skills))) for s in seekers]
    p_skills = [set(mapper.map_all(p.skills)) for p in positions]
    found = {}
    for i, s in enumerate(seekers):
        for j, p in enumerate(positions):
            if (s.id, p.id) in exclude:
                continue
            score = rules.score_pair(s, p, s_skills[i], p_skills[j], weights)
            if score is not None:
                key = rules.score_key(score)
                if direction == "candidates":
                    found.setdefault(p.id, []).append((-key, s.id))
                else:
                    found.setdefault(s.id, []).append((-key, p.id))
    scale = 10**rules.SCORE_DECIMALS
    return {owner: [(other, -key / scale) for key, other in sorted(pairs)[:k]] for owner, pairs in found.items()}
