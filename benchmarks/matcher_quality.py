"""How good the engine's recommendations are, on a generated district with a known hire model.

    .venv/bin/python benchmarks/matcher_quality.py [--seekers 4000] [--positions 500]

The hire model below is the "truth" the engine does not see: it works on the generated skills before
they were misspelt, and weighs things its own way. A pair it calls infeasible (an essential demand above
the ability with no offered accommodation covering it, a required need not offered, a workplace beyond
the seeker's commute) is never hired. Hires are drawn from its probabilities with a fixed seed.

Half the seekers (train) give outcomes: each was shown the engine's top 20 and the outcome is drawn from
the hire model; the engine learns weights from them. Every method is scored on the other half (test):
NDCG@10 with the hire probabilities as gains, recall@10 of the drawn hires, and the count of
recommended pairs that break an essential demand or a required need.
"""

import argparse
import math
import random

import numpy as np
from sklearn.metrics import ndcg_score

from matcher import Engine, Outcome, Position, Seeker, learn_weights, synth
from matcher.geo import distance_km
from matcher import rules
from matcher.profile import ABILITY_KEYS

K = 10


def feasible(s: Seeker, p: Position) -> tuple[bool, bool]:
    """(breaks an essential demand or a required need, breaks the commute) by the hire model (rules v2: an
    item not assessed breaks nothing, an offered accommodation lifts by at most its levels)."""
    home = rules.works_at_home(s, p)
    offers = rules.offered(p, home)
    essential_break = any(a is not None and rules.applies(i, home) and k in p.essential
                          and rules.effective(a, rules.lift(i, p.offers)[0]) < p.demands[i]
                          for i, (k, a) in enumerate(zip(ABILITY_KEYS, s.abilities)))
    need_break = bool(s.needs_required - offers)
    too_far = (p.remote and not s.remote_ok) or (not home and p.xyz is not None and distance_km(s.xyz, p.xyz) > s.max_commute_km)
    return essential_break or need_break, too_far


def hire_probability(s: Seeker, true_skills: set[str], p: Position, position_skills: set[str]) -> float:
    rule_break, too_far = feasible(s, p)
    if rule_break or too_far:
        return 0.0
    home = rules.works_at_home(s, p)
    # an item not assessed: the truth the engine does not see is taken as half the demand short
    shortfall = sum(d / 2 if a is None else max(0, d - rules.effective(a, rules.lift(i, p.offers)[0]))
                    for i, (d, a) in enumerate(zip(p.demands, s.abilities)) if rules.applies(i, home))
    km = 0.0 if home or p.xyz is None else distance_km(s.xyz, p.xyz)
    overlap = len(true_skills & position_skills) / len(position_skills) if position_skills else 0.5
    logit = (-1.5 + 3.0 * overlap - 0.45 * shortfall - 0.15 * km - 0.6 * len(s.needs - p.offers)
             + (0.8 if p.wage is None or s.desired_wage is None or p.wage >= s.desired_wage else 0.0)
             - 0.03 * abs((p.hours_per_week or 40) - (s.hours_per_week or 40)))
    return 1.0 / (1.0 + math.exp(-logit))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seekers", type=int, default=4000)
    parser.add_argument("--positions", type=int, default=500)
    args = parser.parse_args()
    seeker_dicts = synth.seekers(args.seekers, seed=101, truth=True)
    position_dicts = synth.positions(args.positions, seed=102)
    seekers = [Seeker.from_dict(d) for d in seeker_dicts]
    positions = [Position.from_dict(d) for d in position_dicts]
    engine = Engine.from_records(seekers, positions)
    mapper = engine.mapper
    vocab_ids = {i: mapper.names[i] for i in range(len(mapper.vocabulary))}
    truth_skills = [set(mapper.names[i] for i in mapper.expand([mapper.names.index(t) for t in d["true_skills"]]))
                    for d in seeker_dicts]
    position_skills = [{vocab_ids[i] for i in mapper.map_all(p.skills) if i in vocab_ids} for p in positions]

    rng = random.Random(103)
    half = len(seekers) // 2
    train, test = range(half), range(half, len(seekers))
    prob = np.array([[hire_probability(seekers[i], truth_skills[i], p, position_skills[j])
                      for j, p in enumerate(positions)] for i in test])
    hired = np.array([[rng.random() < x for x in row] for row in prob])
    breaks = np.array([[feasible(seekers[i], p)[0] for p in positions] for i in test])

    index = {p.id: j for j, p in enumerate(positions)}
    # outcomes of the train half: shown the engine's top 20, outcome drawn from the hire model
    outcomes = []
    for i in train:
        for m in engine.rank_positions(seekers[i].id, 20, explain=False):
            j = index[m.position_id]
            x = hire_probability(seekers[i], truth_skills[i], positions[j], position_skills[j])
            r = rng.random()
            outcome = "hired" if r < x else "interviewed" if r < 1.5 * x else "applied" if r < 2 * x else "shown"
            outcomes.append(Outcome(seekers[i].id, m.position_id, outcome))
    report = learn_weights(engine, outcomes, k=K)

    def engine_top(weights):
        e = Engine.from_records(seekers, positions, weights=weights)
        return [[index[m.position_id] for m in e.rank_positions(seekers[i].id, K, explain=False)] for i in test]

    def distance_top(i):
        s = seekers[i]
        def km(p):
            if "remote_work" in p.offers and s.remote_ok:
                return 0.0
            return math.inf if p.xyz is None else distance_km(s.xyz, p.xyz)
        return sorted(range(len(positions)), key=lambda j: (km(positions[j]), positions[j].id))[:K]

    def skills_top(i):
        mine = set(mapper.names[x] for x in mapper.expand(mapper.map_all(seekers[i].skills)))
        share = lambda j: len(mine & position_skills[j]) / len(position_skills[j]) if position_skills[j] else 0  # noqa: E731
        return sorted(range(len(positions)), key=lambda j: (-share(j), positions[j].id))[:K]

    methods = {
        "random": [random.Random(104 + i).sample(range(len(positions)), K) for i in test],
        "distance only": [distance_top(i) for i in test],
        "skills only": [skills_top(i) for i in test],
        "engine, default weights": engine_top(None),
        "engine, weights learned from outcomes": engine_top(report.weights),
    }
    print(f"district: {len(seekers)} seekers ({len(test)} test), {len(positions)} positions; "
          f"hires drawn in test: {int(hired.sum())}; {report.summary()}\n")
    print(f"| method | NDCG@{K} | recall@{K} | recommended pairs | breaking an essential demand or required need |")
    print("|---|---|---|---|---|")
    for name, tops in methods.items():
        ndcg, recall, recommended, broken = [], [], 0, 0
        for row, top in enumerate(tops):
            score = np.zeros(len(positions))
            score[top] = np.arange(len(top), 0, -1)
            if prob[row].any():
                ndcg.append(ndcg_score(prob[row][None], score[None], k=K))
            if hired[row].any():
                recall.append(hired[row][top].sum() / hired[row].sum())
            recommended += len(top)
            broken += int(breaks[row][top].sum())
        print(f"| {name} | {np.mean(ndcg):.3f} | {np.mean(recall):.3f} | {recommended} | {broken} |")


if __name__ == "__main__":
    main()
