"""Re-weighing the six fits from past outcomes (applied, interviewed, hired, ...).

`OutcomeWeights` is a scikit-learn regressor: a linear model with non-negative coefficients (a fit
that helps can only add to a score) over the pairs' fits, target = how far the pair got. Its normalised
coefficients are the engine's weights, so learning changes the order of allowed pairs only: the rules
run before any weight is applied, and a learned model never brings back a pair they rule out.
`learn_weights` fits it on outcomes, reports NDCG@k on held-out seekers against the default weights,
and returns the weights to use.
"""

from dataclasses import dataclass

import numpy as np
from scipy.optimize import nnls
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.metrics import ndcg_score
from sklearn.model_selection import GroupShuffleSplit
from sklearn.utils.validation import check_is_fitted, validate_data

from . import rules

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
