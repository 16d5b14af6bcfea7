"""Other shapes of the default score, scored as benchmarks/matcher_quality.py scores the engine's default.

    PYTHONPATH=. .venv/bin/python benchmarks/matcher_shapes.py [--seekers 4000] [--positions 500]

The same generated districts, seeds and held-out seekers as matcher_quality.py (hire models "a" and "b"), the
same NDCG@10 with the hire probabilities as gains. Each shape re-scores the pairs the rules allow from the
engine's own fits and pair arrays (Engine.pairs) and takes each seeker's 10 best, equal scores by id; "default"
is the engine's score and must equal matcher_quality's "engine, default score". The last rows take b's hire
model apart (its logit less one term, and the default plus one of its terms): what b rewards beyond the
default. For issue 16's question whether a default shape reaches 0.75 on b without fitting b (README).
"""

import argparse
import math

import numpy as np

from matcher import Engine, Position, Seeker, rules, synth
from matcher.profile import ABILITY_KEYS

K = 10
DISCOUNT = 1 / np.log2(np.arange(2, K + 2))


def district(model: str, n_seekers: int, n_positions: int, seed: int):
    """The held-out seekers' allowed pairs (as arrays) and their hire probabilities (test seekers x positions)."""
    seeker_dicts = synth.seekers(n_seekers, seed=seed, truth=True)
    seekers = [Seeker.from_dict(d) for d in seeker_dicts]
    positions = [Position.from_dict(d) for d in synth.positions(n_positions, seed=seed + 1)]
    engine = Engine.from_records(seekers, positions)
    mapper = engine.mapper
    names = {i: mapper.names[i] for i in range(len(mapper.vocabulary))}
    truth = [set(mapper.names[i] for i in mapper.expand([mapper.names.index(t) for t in d["true_skills"]]))
             for d in seeker_dicts]
    position_skills = [{names[i] for i in mapper.map_all(p.skills) if i in names} for p in positions]
    test = range(len(seekers) // 2, len(seekers))
    prob = np.array([[synth.hire_probability(model, seekers[i], truth[i], p, position_skills[j])
                      for j, p in enumerate(positions)] for i in test])
    S = engine._s
    srows = np.array([S.row[seekers[i].id] for i in test])
    unmet = engine._unmet_matrices()
    parts = []
    for start in range(0, len(srows), 256):
        block = srows[start: start + 256]
        units = engine._unmet_matrix(block, unmet)
        bi, pj = np.nonzero(engine._near_positions(block) & (units < rules.RULED_OUT))
        pairs = engine.pairs(block[bi], pj, units[bi, pj].astype(np.int64))
        parts.append({"seeker": bi[pairs.kept] + start, "prow": pairs.prows, "met": pairs.met,
                      "demanded": pairs.demanded, "km": np.where(pairs.at_home, 0.0, pairs.km),
                      "matched": pairs.skills_matched, "wanted": pairs.skills_wanted,
                      "unmet": np.array([bin(int(m)).count("1") for m in pairs.needs_unmet]),
                      "commute": S["commute"][pairs.srows], "swage": S["wage"][pairs.srows],
                      "pwage": engine._p["wage"][pairs.prows], "shours": S["hours"][pairs.srows],
                      "phours": engine._p["hours"][pairs.prows], "fits": np.column_stack(pairs.fits)})
    f = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    index = {p.id: j for j, p in enumerate(positions)}
    f["pid"] = np.array([index[str(engine._p.ids[r])] for r in f["prow"]])
    f["title"] = np.array([positions[j].title for j in f["pid"]])
    abilities = np.array([[-1 if a is None else a for a in seekers[i].abilities] for i in test])
    f["abilities"], f["demands"] = abilities[f["seeker"]], np.array([p.demands for p in positions])[f["pid"]]
    f["prob"] = prob[f["seeker"], f["pid"]]
    return f, prob


def ndcg(f, prob, score) -> float:
    score = np.rint(score * 10**rules.SCORE_DECIMALS)
    order = np.lexsort((f["pid"], -score, f["seeker"]))
    owner, gain = f["seeker"][order], f["prob"][order]
    starts = np.searchsorted(owner, np.arange(len(prob)))
    ends = np.searchsorted(owner, np.arange(len(prob)), side="right")
    ideal = (-np.sort(-prob, axis=1)[:, :K] * DISCOUNT).sum(axis=1)
    values = [(gain[a: min(b, a + K)] * DISCOUNT[: min(b - a, K)]).sum() / ideal[i]
              for i, (a, b) in enumerate(zip(starts, ends)) if prob[i].any()]
    return float(np.mean(values))


def mean_times_ability(fits, weights=rules.DEFAULT_WEIGHTS):
    w = np.array(weights)
    return fits @ w / w.sum() * (rules.ABILITY_FLOOR + rules.ABILITY_SLOPE * fits[:, 0])


def with_fit(f, i, values):
    fits = f["fits"].copy()
    fits[:, i] = values
    return fits


def shapes(f) -> dict:
    fits = f["fits"]
    share = np.where(f["wanted"] > 0, f["matched"] / np.maximum(f["wanted"], 1), 1.0)
    default = mean_times_ability(fits)

    def factor(i, floor):
        """fit i taken out of the mean and made a factor (floor + (1 - floor) x fit)."""
        weights = list(rules.DEFAULT_WEIGHTS)
        weights[i] = 0.0
        return mean_times_ability(fits, weights) * (floor + (1 - floor) * fits[:, i])

    def product(floor):
        out = rules.ABILITY_FLOOR + rules.ABILITY_SLOPE * fits[:, 0]
        for i in range(1, fits.shape[1]):
            out = out * (floor + (1 - floor) * fits[:, i])
        return out

    known = (f["abilities"] >= 0) & (f["demands"] > 0)
    headroom = np.where(known, np.clip(f["abilities"] - f["demands"], 0, 2), 0)
    spare = (headroom * f["demands"]).sum(1) / np.maximum((2 * f["demands"]).sum(1), 1)
    w = np.array(rules.DEFAULT_WEIGHTS)
    return {
        "default (the engine's score)": default,
        "distance exp(-km / commute)": mean_times_ability(with_fit(f, 2, np.exp(-f["km"] / f["commute"]))),
        "distance linear to the commute": mean_times_ability(with_fit(f, 2, np.maximum(0, 1 - f["km"] / f["commute"]))),
        "distance as a factor (floor 0.5)": factor(2, 0.5),
        "skills linear in the share": mean_times_ability(with_fit(f, 3, share)),
        "skills all or nothing": mean_times_ability(with_fit(f, 3, (share == 1) * 1.0)),
        "pay as a factor (floor 0.3)": factor(4, 0.3),
        "pay as a factor (floor 0.7)": factor(4, 0.7),
        "every fit a factor (floor 0.7 each)": product(0.7),
        "every fit a factor (floor 1 - weight)": product_weighted(fits, w),
        "bonus for ability beyond the demand (+0.05)": default + 0.05 * spare,
        "weighted geometric mean (fits >= 0.1)": np.exp(np.log(np.maximum(fits, 0.1)) @ w / w.sum()),
    }


def product_weighted(fits, w):
    out = rules.ABILITY_FLOOR + rules.ABILITY_SLOPE * fits[:, 0]
    for i in range(1, fits.shape[1]):
        out = out * (1 - w[i] * (1 - fits[:, i]))
    return out


def b_terms(f) -> dict:
    """The terms of hire model b's logit on these pairs (the engine's matched skills stand for the true ones)."""
    share = np.where(f["wanted"] > 0, f["matched"] / np.maximum(f["wanted"], 1), 1.0)
    contact = f["abilities"][:, ABILITY_KEYS.index("customer_contact")].astype(float)
    contact[contact < 0] = 2
    return {
        "skills": np.where(f["wanted"] > 0, np.where(share == 1, 3.0, 0.5 * share), 1.0),
        "customer contact": np.where(np.isin(f["title"], list(synth.CUSTOMER_TRADES)), contact - 3, 0.0),
        "pay": 2.5 * (np.minimum(f["pwage"] / f["swage"], 1.3) - 1.0),
        "distance by trade": -np.array([synth.KM_COST_BY_TRADE.get(t, 0.03) for t in f["title"]]) * f["km"],
        "ability shortfall": -0.25 * (f["demanded"] - f["met"]) / 2,
        "needs": -0.4 * f["unmet"],
        "hours": -0.02 * np.abs(f["phours"] - f["shours"]),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seekers", type=int, default=4000)
    parser.add_argument("--positions", type=int, default=500)
    args = parser.parse_args()
    found = {}
    for n, model in enumerate(("a", "b")):  # the seeds of matcher_quality.py
        f, prob = district(model, args.seekers, args.positions, seed=101 + 10 * n)
        found[model] = {name: ndcg(f, prob, score) for name, score in shapes(f).items()}
        if model == "b":
            terms = b_terms(f)
            logit = sum(terms.values())
            default = shapes(f)["default (the engine's score)"]
            print(f"\nhire model b taken apart (NDCG@{K}): its own logit {ndcg(f, prob, logit):.3f}")
            for name, term in terms.items():
                print(f"  without {name}: {ndcg(f, prob, logit - term):.3f}; the default plus 0.1 x it: "
                      f"{ndcg(f, prob, default + 0.1 * term):.3f}")
    print(f"\n| shape of the default score | NDCG@{K} (a) | NDCG@{K} (b) | b >= 0.75 |\n|---|---|---|---|")
    for name in found["a"]:
        a, b = found["a"][name], found["b"][name]
        print(f"| {name} | {a:.3f} | {b:.3f} | {'yes' if b >= 0.75 else 'no'} |")
    if any(math.isnan(v) for row in found.values() for v in row.values()):
        raise SystemExit("a figure is not a number")


if __name__ == "__main__":
    main()
