import numpy as np
import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks

from matcher import Engine, Outcome, OutcomeWeights, Position, Seeker, learn_weights, synth
from matcher.learn import RELEVANCE
from matcher.rules import FEATURES

_CHECKS = parametrize_with_checks([OutcomeWeights(), OutcomeWeights(fit_intercept=False)])
#: the only checks that need what this project does not install (pandas, SCIPY_ARRAY_API): they would skip
NEEDS_OPTIONAL = {"check_array_api_input", "check_regressor_data_not_an_array"}


@pytest.mark.parametrize(_CHECKS.args[0], [c for c in _CHECKS.args[1] if getattr(c[1], "func", c[1]).__name__
                                           not in NEEDS_OPTIONAL], ids=_CHECKS.kwargs["ids"])
def test_sklearn_conventions(estimator, check):
    check(estimator)


def test_weights_are_non_negative_and_sum_to_one():
    rng = np.random.default_rng(0)
    X = rng.random((200, 6))
    y = 3 * X[:, 3] + X[:, 0] - 2 * X[:, 1] + rng.normal(0, 0.01, 200)
    model = OutcomeWeights().fit(X, y)
    assert model.coef_[1] == 0 and np.all(model.coef_ >= 0)
    assert np.isclose(model.weights_.sum(), 1) and model.weights_.argmax() == 3


def district_with_history(n_seekers=300, n_positions=60):
    """Outcomes from a hidden hire model that cares only about skills (learning must find that), over
    pairs the rules allow, plus one hire the rules rule out for every tenth seeker."""
    seekers = [Seeker.from_dict(d) for d in synth.seekers(n_seekers, seed=21)]
    positions = [Position.from_dict(d) for d in synth.positions(n_positions, seed=22)]
    engine = Engine.from_records(seekers, positions)
    outcomes = []
    for i, s in enumerate(seekers):
        allowed = {m.position_id for m in engine.rank_positions(s.id, 1000, explain=False)}
        for pid in sorted(allowed)[:8]:
            skills = engine.assess(s.id, pid).fits[FEATURES.index("skills")]
            outcomes.append(Outcome(s.id, pid, "hired" if skills > 0.7 else "interviewed" if skills > 0.3 else "shown"))
        if i % 10 == 0:
            outcomes.append(Outcome(s.id, next(p.id for p in positions if p.id not in allowed), "hired"))
    return engine, outcomes


def test_learning_from_outcomes_beats_the_defaults_on_held_out_seekers():
    engine, outcomes = district_with_history()
    report = learn_weights(engine, outcomes, k=10)
    assert report.learned and report.n_ruled_out > 0
    assert report.ndcg_learned > report.ndcg_default
    assert max(report.weights.as_dict(), key=report.weights.as_dict().get) == "skills"
    assert "NDCG@10" in report.summary()


def test_learned_weights_never_bring_back_a_ruled_out_pair():
    engine, outcomes = district_with_history()
    allowed = {(m.seeker_id, m.position_id) for p in engine.position_ids() for m in engine.rank_candidates(p, 1000, explain=False)}
    engine.weights = learn_weights(engine, outcomes).weights
    for o in outcomes:
        if o.outcome == "hired" and engine.assess(o.seeker_id, o.position_id).ruled_out:
            assert o.position_id not in {m.position_id for m in engine.rank_positions(o.seeker_id, 1000, explain=False)}
    after = {(m.seeker_id, m.position_id) for p in engine.position_ids() for m in engine.rank_candidates(p, 1000, explain=False)}
    assert after == allowed


def test_too_few_outcomes_keep_the_defaults():
    engine, outcomes = district_with_history(40, 10)
    report = learn_weights(engine, outcomes[:10])
    assert not report.learned and tuple(report.weights) == tuple(engine.weights)
    assert "default weights kept" in report.summary()


def test_relevance_covers_every_outcome():
    from matcher.profile import OUTCOMES
    assert set(RELEVANCE) == set(OUTCOMES)
