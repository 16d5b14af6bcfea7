"""Learning from past outcomes (applied, interviewed, hired, ...), in two ways.

`learn_ranker` (learning to rank): a gradient-boosted model (scikit-learn's HistGradientBoostingRegressor)
over pair features (PAIR_FEATURES: per-item effective gaps and demands, distance and commute ratio,
working from home, skill overlap both ways, pay and hours ratios, needs met, the fits and the default
score), target = how far the pair got. It can learn shapes the default score lacks: how fast distance
matters, which items matter for which trade, how skills combine. The rules stay a hard filter:
`rank_learned` only reorders a shortlist of the pairs the rules allow, so a learned score never lets a
ruled-out pair in. With too few outcomes it keeps the default score.

`learn_weights` only re-weighs the six fits: `OutcomeWeights` is a linear model with non-negative
coefficients over the fits, whose normalised coefficients are the engine's weights.

Both report NDCG@k on held-out seekers (GroupShuffleSplit by seeker) against the default score.
"""

from dataclasses import dataclass, field
from datetime import date

import numpy as np
from scipy.optimize import nnls
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import ndcg_score
from sklearn.model_selection import GroupShuffleSplit
from sklearn.utils.validation import check_is_fitted, validate_data
from threadpoolctl import threadpool_limits

from . import rules
from .profile import ABILITY_KEYS
from .reasons import Match

#: how far a pair got, as graded relevance (a rejection or a declined offer counts as nothing gained)
RELEVANCE = {"shown": 0, "rejected": 0, "declined": 0, "applied": 1, "interviewed": 2, "offered": 3, "hired": 4}
#: fewer usable outcomes than this and the defaults stay: a handful of hires says little
MIN_OUTCOMES = 30


class OutcomeWeights(RegressorMixin, BaseEstimator):
    """Non-negative least squares of relevance on the fits, with an intercept.

    `weights_` are the coefficients scaled to sum to 1 (uniform if none is positive).
    """

    def __init__(self, fit_intercept: bool = True):
        self.fit_intercept = fit_intercept

    def fit(self, X, y):
        X, y = validate_data(self, X, y, y_numeric=True)
        x_mean = X.mean(axis=0) if self.fit_intercept else np.zeros(X.shape[1])
        y_mean = float(y.mean()) if self.fit_intercept else 0.0
        self.coef_, _ = nnls(X - x_mean, y - y_mean)
        self.intercept_ = y_mean - float(x_mean @ self.coef_)
        total = self.coef_.sum()
        self.weights_ = self.coef_ / total if total > 0 else np.full(X.shape[1], 1.0 / X.shape[1])
        return self

    def predict(self, X):
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        return X @ self.coef_ + self.intercept_

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        # a ranking model whose coefficients may not go negative: it is not meant to fit arbitrary targets
        tags.regressor_tags.poor_score = True
        return tags


@dataclass
class LearnReport:
    weights: rules.Weights
    learned: bool
    n_outcomes: int
    n_ruled_out: int
    k: int
    ndcg_default: float | None = None
    ndcg_learned: float | None = None
    n_test_seekers: int = 0

    def summary(self) -> str:
        if not self.learned:
            return f"outcomes: {self.n_outcomes} usable (fewer than {MIN_OUTCOMES}); default weights kept"
        return (f"outcomes: {self.n_outcomes} usable, {self.n_ruled_out} of pairs the rules rule out left aside; "
                f"NDCG@{self.k} on {self.n_test_seekers} held-out seekers: default {_fmt(self.ndcg_default)}, "
                f"learned {_fmt(self.ndcg_learned)}; weights "
                + ", ".join(f"{k} {v:.2f}" for k, v in self.weights.as_dict().items()))


def _fmt(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.3f}"


def outcome_matrix(engine, outcomes) -> tuple[np.ndarray, np.ndarray, list[str], int]:
    """Fits (X), relevance (y) and seeker ids of the outcomes whose pair the rules allow; and how many
    were left aside because the rules rule the pair out or an id is unknown to the engine."""
    X, y, groups, left = [], [], [], 0
    for o in outcomes:
        try:
            pair = engine.assess(o.seeker_id, o.position_id)
        except KeyError:
            left += 1
            continue
        if pair.ruled_out:
            left += 1
            continue
        X.append(pair.fits)
        y.append(RELEVANCE[o.outcome])
        groups.append(o.seeker_id)
    return np.array(X, float).reshape(-1, len(rules.FEATURES)), np.array(y, float), groups, left


def grouped_ndcg(y, scores, groups, k: int) -> float | None:
    """Mean NDCG@k over the seekers with at least two pairs and something relevant among them."""
    by = {}
    for i, g in enumerate(groups):
        by.setdefault(g, []).append(i)
    values = [ndcg_score([y[idx]], [scores[idx]], k=k) for idx in by.values() if len(idx) > 1 and y[idx].any()]
    return float(np.mean(values)) if values else None


def learn_weights(engine, outcomes, k: int = 10, test_size: float = 0.3, seed: int = 0) -> LearnReport:
    """Weights learned from outcomes (or the defaults when there are too few), with NDCG@k on held-out
    seekers for the default and the learned weights."""
    X, y, groups, left = outcome_matrix(engine, outcomes)
    report = LearnReport(rules.Weights(), False, len(y), left, k)
    if len(y) < MIN_OUTCOMES or len(set(groups)) < 4 or not y.any():
        return report
    train, test = next(GroupShuffleSplit(n_splits=1, test_size=test_size, random_state=seed).split(X, y, groups))
    model = OutcomeWeights().fit(X[train], y[train])
    test_groups = [groups[i] for i in test]
    report.ndcg_default = grouped_ndcg(y[test], X[test] @ np.array(rules.DEFAULT_WEIGHTS), test_groups, k)
    report.ndcg_learned = grouped_ndcg(y[test], model.predict(X[test]), test_groups, k)
    report.n_test_seekers = len(set(test_groups))
    final = OutcomeWeights().fit(X, y)
    report.weights = rules.Weights(final.weights_)
    report.learned = True
    return report


# -- learning to rank -------------------------------------------------------------------------------------

PAIR_FEATURES: tuple[str, ...] = (
    tuple(f"gap:{k}" for k in ABILITY_KEYS) + tuple(f"demand:{k}" for k in ABILITY_KEYS)
    + ("distance_km", "commute_ratio", "works_from_home", "skills_share_of_position", "skills_share_of_seeker",
       "skills_wanted", "wage_ratio", "hours_ratio", "needs_unmet", "needs", "not_assessed")
    + tuple(f"fit:{f}" for f in rules.FEATURES) + ("default_score",)
)
#: the pairs by default score that a learned model reorders (the rules allow them all)
SHORTLIST = 100
#: OpenMP threads for gradient boosting: its batches here are small, and on a busy machine its threads'
#: waiting made one fit 100 times slower (11 s against 0.12 s for 12,000 pairs on 2 shared cores)
THREADS = 1
NAN = float("nan")


def pair_features(seeker, position, seeker_skills, position_skills, weights: rules.Weights = rules.Weights()
                  ) -> list[float] | None:
    """The PAIR_FEATURES of one pair, None when the rules rule it out. An item not assessed has no gap (nan,
    which gradient boosting handles as missing); an item that does not apply (not demanded, moot at home)
    has gap and demand 0."""
    pair = rules.assess(seeker, position, seeker_skills, position_skills)
    if pair.ruled_out:
        return None
    gaps, demands, unknown = [], [], 0
    for i, (a, d) in enumerate(zip(seeker.abilities, position.demands)):
        if not d or not rules.applies(i, pair.at_home):
            gaps.append(0.0)
            demands.append(0.0)
            continue
        demands.append(float(d))
        if a is None:
            gaps.append(NAN)
            unknown += 1
        else:
            gaps.append(float(rules.effective(a, rules.lift_levels(position.offers)[i]) - d))
    km = pair.distance_km or 0.0
    return gaps + demands + [
        km, km / max(seeker.max_commute_km, 1.0), float(pair.at_home),
        pair.fits[3], pair.skills_matched / len(seeker_skills) if seeker_skills else 0.0, float(pair.skills_wanted),
        _ratio(position.wage, seeker.desired_wage), _ratio(position.hours_per_week, seeker.hours_per_week),
        float(len(pair.needs_unmet)), float(len(seeker.needs)), float(unknown),
        *pair.fits, rules.combine(pair.fits, weights),
    ]


def _ratio(have, wished) -> float:
    return NAN if have is None or not wished else have / wished


class _Pairs:
    """Records and skill sets read back from the engine once per id, for many pairs' features."""

    def __init__(self, engine):
        self.engine = engine
        self._seekers, self._positions = {}, {}

    def features(self, seeker_id: str, position_id: str) -> list[float] | None:
        s = self._seekers.get(seeker_id)
        if s is None:
            s = self._seekers[seeker_id] = (self.engine.seeker(seeker_id), self.engine.seeker_skills(seeker_id))
        p = self._positions.get(position_id)
        if p is None:
            p = self._positions[position_id] = (self.engine.position(position_id),
                                                self.engine.position_skills(position_id))
        return pair_features(s[0], p[0], s[1], p[1], self.engine.weights)


class PairRanker:
    """A fitted model that scores allowed pairs in [0, 1] (its estimate of how far a pair gets)."""

    def __init__(self, model: HistGradientBoostingRegressor):
        self.model = model

    def score(self, X) -> np.ndarray:
        with threadpool_limits(THREADS, "openmp"):
            return np.clip(self.model.predict(np.asarray(X, float)), 0.0, 1.0)


def _fit(X, y, seed: int) -> PairRanker:
    model = HistGradientBoostingRegressor(max_iter=300, learning_rate=0.05, max_leaf_nodes=15, min_samples_leaf=40,
                                          l2_regularization=1.0, early_stopping=True, n_iter_no_change=20,
                                          random_state=seed)
    with threadpool_limits(THREADS, "openmp"):
        return PairRanker(model.fit(X, y))


@dataclass
class RankerReport:
    ranker: PairRanker | None
    n_outcomes: int
    n_ruled_out: int
    k: int
    ndcg_default: float | None = None
    ndcg_learned: float | None = None
    n_test_seekers: int = 0
    #: the day it was learned: the caller's today (the web app's clock), not the machine's
    trained_on: date = field(kw_only=True)

    @property
    def learned(self) -> bool:
        return self.ranker is not None

    def summary(self) -> str:
        if not self.learned:
            return f"outcomes: {self.n_outcomes} usable (fewer than {MIN_OUTCOMES}); the default score is kept"
        return (f"outcomes: {self.n_outcomes} usable, {self.n_ruled_out} of pairs the rules rule out left aside; "
                f"NDCG@{self.k} on {self.n_test_seekers} held-out seekers: default {_fmt(self.ndcg_default)}, "
                f"learned {_fmt(self.ndcg_learned)}")


def learn_ranker(engine, outcomes, *, trained_on: date, k: int = 10, test_size: float = 0.3, seed: int = 0
                 ) -> RankerReport:
    """A PairRanker fitted on all usable outcomes (None when there are too few), with NDCG@k of the default
    score and of a model fitted without them on held-out seekers. Outcomes of pairs the rules rule out (or of
    unknown ids) are left aside: the rules are not for learning away."""
    pairs = _Pairs(engine)
    X, y, groups, left = [], [], [], 0
    for o in outcomes:
        try:
            f = pairs.features(o.seeker_id, o.position_id)
        except KeyError:
            f = None
        if f is None:
            left += 1
            continue
        X.append(f)
        y.append(RELEVANCE[o.outcome] / max(RELEVANCE.values()))
        groups.append(o.seeker_id)
    X, y = np.array(X, float).reshape(-1, len(PAIR_FEATURES)), np.array(y)
    report = RankerReport(None, len(y), left, k, trained_on=trained_on)
    if len(y) < MIN_OUTCOMES or len(set(groups)) < 4 or not y.any():
        return report
    train, test = next(GroupShuffleSplit(n_splits=1, test_size=test_size, random_state=seed).split(X, y, groups))
    held_out = _fit(X[train], y[train], seed)
    test_groups = [groups[i] for i in test]
    report.ndcg_default = grouped_ndcg(y[test], X[test, PAIR_FEATURES.index("default_score")], test_groups, k)
    report.ndcg_learned = grouped_ndcg(y[test], held_out.score(X[test]), test_groups, k)
    report.n_test_seekers = len(set(test_groups))
    report.ranker = _fit(X, y, seed)
    return report


def rank_learned(engine, ranker: PairRanker, owner_id: str, direction: str = "positions", k: int = 10,
                 shortlist: int = SHORTLIST, explain: bool = True, hints: bool = False, **filters) -> list[Match]:
    """The best k positions for a seeker (direction "positions") or seekers for a position ("candidates")
    by the learned score: the `shortlist` best pairs by the default score, which the rules allow, reordered;
    equal learned scores by id. Reasons are the rules' (with the default score in reasons["default_score"])."""
    if direction == "positions":
        found = engine.rank_positions(owner_id, max(k, shortlist), explain=False, **filters)
        ids = [(owner_id, m.position_id) for m in found]
    else:
        found = engine.rank_candidates(owner_id, max(k, shortlist), explain=False, **filters)
        ids = [(m.seeker_id, owner_id) for m in found]
    if not ids:
        return []
    pairs = _Pairs(engine)
    scores = ranker.score([pairs.features(s, p) for s, p in ids])
    keys = np.rint(scores * 10**rules.SCORE_DECIMALS).astype(np.int64)
    other = 1 if direction == "positions" else 0
    order = sorted(range(len(ids)), key=lambda i: (-keys[i], ids[i][other]))[:k]
    out = []
    for rank, i in enumerate(order, 1):
        sid, pid = ids[i]
        score = int(keys[i]) / 10**rules.SCORE_DECIMALS
        if explain:
            m = engine.explain(sid, pid, hints=hints)
            m.reasons["default_score"] = m.score
            m.rank, m.score = rank, score
        else:
            m = Match(sid, pid, rank, score)
        out.append(m)
    return out

