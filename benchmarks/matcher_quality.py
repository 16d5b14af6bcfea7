"""How good the engine's recommendations are, on generated districts with a known hire model.

    PYTHONPATH=. .venv/bin/python benchmarks/matcher_quality.py [--seekers 4000] [--positions 500] [--models a b]

For each hidden hire model of matcher/synth.py ("a" weighs roughly what the default score weighs, "b"
differs in shape), the model is the "truth" the engine does not see: it works on the generated skills before
they were misspelt. A pair it calls infeasible (an essential demand or a required need broken under rules
v2, a workplace beyond the commute) is never hired. Hires are drawn from its probabilities with a fixed seed.

Half the seekers (train) give outcomes: each was shown the engine's top 20 plus 5 allowed positions they
found themselves (drawn at random), and the outcome is drawn from the hire model; the engine learns from
them (weights, and the learning-to-rank model). Every method is scored on the other half (test): NDCG@10
with the hire probabilities as gains, recall@10 of the drawn hires, and the count of recommended pairs that
break an essential demand or a required need. Targets (issue 16): default >= 0.75, learned >= 0.85,
learned - default >= 0.05, no recommended pair breaking a rule.
"""

import argparse
import math
import random
from datetime import date

import numpy as np
from sklearn.metrics import ndcg_score

from matcher import Engine, Outcome, Position, Seeker, learn_weights, synth
from matcher.geo import distance_km
from matcher.learn import learn_ranker, rank_learned

K = 10
SHOWN, FOUND = 20, 5


def run(model: str, n_seekers: int, n_positions: int, seed: int) -> dict:
    seeker_dicts = synth.seekers(n_seekers, seed=seed, truth=True)
    position_dicts = synth.positions(n_positions, seed=seed + 1)
    seekers = [Seeker.from_dict(d) for d in seeker_dicts]
    positions = [Position.from_dict(d) for d in position_dicts]
    engine = Engine.from_records(seekers, positions)
    mapper = engine.mapper
    vocab_ids = {i: mapper.names[i] for i in range(len(mapper.vocabulary))}
    truth_skills = [set(mapper.names[i] for i in mapper.expand([mapper.names.index(t) for t in d["true_skills"]]))
                    for d in seeker_dicts]
    position_skills = [{vocab_ids[i] for i in mapper.map_all(p.skills) if i in vocab_ids} for p in positions]

    def probability(i, j):
        return synth.hire_probability(model, seekers[i], truth_skills[i], positions[j], position_skills[j])

    rng = random.Random(seed + 2)
    half = len(seekers) // 2
    train, test = range(half), range(half, len(seekers))
    prob = np.array([[probability(i, j) for j in range(len(positions))] for i in test])
    hired = np.array([[rng.random() < x for x in row] for row in prob])
    breaks = np.array([[synth.feasible(seekers[i], p)[0] for p in positions] for i in test])

    index = {p.id: j for j, p in enumerate(positions)}
    outcomes = []
    for i in train:
        allowed = [m.position_id for m in engine.rank_positions(seekers[i].id, 1000, explain=False)]
        found = rng.sample(allowed[SHOWN:], min(FOUND, len(allowed[SHOWN:])))
        for pid in allowed[:SHOWN] + found:
            outcomes.append(Outcome(seekers[i].id, pid, synth.draw_outcome(rng, probability(i, index[pid]))))
    weights = learn_weights(engine, outcomes, k=K)
    ranker = learn_ranker(engine, outcomes, trained_on=date.today(), k=K)

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
        "random": [random.Random(seed + 4 + i).sample(range(len(positions)), K) for i in test],
        "distance only": [distance_top(i) for i in test],
        "skills only": [skills_top(i) for i in test],
        "engine, default score": engine_top(None),
        "engine, weights learned from outcomes": engine_top(weights.weights),
    }
    if ranker.learned:
        methods["engine, learned ranking (gradient boosting)"] = [
            [index[m.position_id] for m in rank_learned(engine, ranker.ranker, seekers[i].id, k=K, explain=False)]
            for i in test]
    rows = {}
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
        rows[name] = (float(np.mean(ndcg)), float(np.mean(recall)), recommended, broken)
    return {"rows": rows, "n_test": len(test), "hires": int(hired.sum()), "weights": weights.summary(),
            "ranker": ranker.summary()}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seekers", type=int, default=4000)
    parser.add_argument("--positions", type=int, default=500)
    parser.add_argument("--models", nargs="+", default=["a", "b"], choices=sorted(synth.HIRE_MODELS))
    args = parser.parse_args()
    for n, model in enumerate(args.models):
        result = run(model, args.seekers, args.positions, seed=101 + 10 * n)
        rows = result["rows"]
        print(f"\nhire model {model}: {args.seekers} seekers ({result['n_test']} test), {args.positions} positions; "
              f"hires drawn in test: {result['hires']}\n  weights: {result['weights']}\n  ranker: {result['ranker']}\n")
        print(f"| method | NDCG@{K} | recall@{K} | recommended pairs | breaking an essential demand or required need |")
        print("|---|---|---|---|---|")
        for name, (ndcg, recall, recommended, broken) in rows.items():
            print(f"| {name} | {ndcg:.3f} | {recall:.3f} | {recommended} | {broken} |")
        default = rows["engine, default score"][0]
        learned = rows.get("engine, learned ranking (gradient boosting)", (math.nan,))[0]
        broken = sum(r[3] for name, r in rows.items() if name.startswith("engine"))
        print(f"\ntargets, model {model}: default {default:.3f} >= 0.75 {default >= 0.75}; learned {learned:.3f} >= 0.85 "
              f"{learned >= 0.85}; learned - default {learned - default:+.3f} >= 0.05 {learned - default >= 0.05}; "
              f"rule-breaking recommendations {broken} == 0 {broken == 0}")


if __name__ == "__main__":
    main()
