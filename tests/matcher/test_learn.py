from datetime import date

import numpy as np
import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks

from matcher import Engine, Outcome, OutcomeWeights, Position, Seeker, learn_weights, synth
from matcher.learn import PAIR_FEATURES, RELEVANCE, learn_ranker, pair_features, rank_learned
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


# -- learning to rank ----------------------------------------------------------------------------------

def history_b(n_seekers=500, n_positions=80, seed=51):
    """A district with outcomes drawn from synth's hire model "b", whose shape the default score lacks;
    seekers shown their default top 20 plus 5 allowed positions at random, and every tenth seeker also
    "hired" at a position the rules rule out."""
    import random
    seeker_dicts = synth.seekers(n_seekers, seed=seed, truth=True)
    positions = [Position.from_dict(d) for d in synth.positions(n_positions, seed=seed + 1)]
    seekers = [Seeker.from_dict(d) for d in seeker_dicts]
    engine = Engine.from_records(seekers, positions)
    m = engine.mapper
    truth = [{m.names[i] for i in m.expand([m.names.index(t) for t in d["true_skills"]])} for d in seeker_dicts]
    wanted = {p.id: {m.names[i] for i in m.map_all(p.skills) if i < len(m.vocabulary)} for p in positions}
    by_id = {p.id: p for p in positions}
    rng = random.Random(seed)
    outcomes = []
    for n, s in enumerate(seekers):
        allowed = [x.position_id for x in engine.rank_positions(s.id, 1000, explain=False)]
        for pid in allowed[:20] + rng.sample(allowed[20:], min(5, len(allowed[20:]))):
            x = synth.hire_probability("b", s, truth[n], by_id[pid], wanted[pid])
            outcomes.append(Outcome(s.id, pid, synth.draw_outcome(rng, x)))
        if n % 10 == 0:
            outcomes.append(Outcome(s.id, next(p.id for p in positions if p.id not in allowed), "hired"))
    return engine, outcomes


@pytest.fixture(scope="module")
def learned_b():
    engine, outcomes = history_b()
    return engine, outcomes, learn_ranker(engine, outcomes, trained_on=date(2026, 11, 29))


def test_the_ranker_learns_a_shape_the_default_score_lacks(learned_b):
    _, _, report = learned_b
    assert report.learned and report.n_ruled_out == 50 and report.trained_on == date(2026, 11, 29)
    assert report.ndcg_learned > report.ndcg_default + 0.05
    assert "learned" in report.summary() and "NDCG@10" in report.summary()


def test_a_learned_score_never_lets_a_ruled_out_pair_in(learned_b):
    engine, outcomes, report = learned_b
    ruled_out = {(o.seeker_id, o.position_id) for o in outcomes if engine.assess(o.seeker_id, o.position_id).ruled_out}
    assert ruled_out
    for sid, _ in ruled_out:
        allowed = {m.position_id for m in engine.rank_positions(sid, 1000, explain=False)}
        learned = rank_learned(engine, report.ranker, sid, k=1000, shortlist=1000, explain=False)
        assert {m.position_id for m in learned} == allowed  # every allowed pair, and only those
    # candidates for a position, too; with reasons from the rules and the default score beside the learned one
    pid = engine.position_ids()[0]
    allowed = {m.seeker_id for m in engine.rank_candidates(pid, 1000, explain=False)}
    learned = rank_learned(engine, report.ranker, pid, "candidates", k=5)
    assert {m.seeker_id for m in learned} <= allowed and [m.rank for m in learned] == list(range(1, len(learned) + 1))
    assert all(0 <= m.score <= 1 and m.reasons["default_score"] is not None for m in learned)
    assert [m.score for m in learned] == sorted((m.score for m in learned), reverse=True)


def test_the_learned_order_differs_from_the_default_within_the_allowed_pairs(learned_b):
    engine, _, report = learned_b
    sid = engine.seeker_ids()[3]
    default = [m.position_id for m in engine.rank_positions(sid, 10, explain=False)]
    learned = [m.position_id for m in rank_learned(engine, report.ranker, sid, k=10, explain=False)]
    assert learned != default


def test_too_few_outcomes_keep_the_default_score(learned_b):
    engine, outcomes, _ = learned_b
    report = learn_ranker(engine, outcomes[:20], trained_on=date(2026, 11, 29))
    assert not report.learned and report.ranker is None
    assert "default score is kept" in report.summary()


def test_pair_features_follow_the_rules(make_seeker, make_position):
    s = Seeker.from_dict(make_seeker(abilities={"vision": None, "walking": 0, "hearing": 1}, remote_ok=True))
    p = Position.from_dict(make_position(demands={"vision": 3, "walking": 4, "hearing": 4},
                                         offers=["remote_work", "text_communication"]))
    f = dict(zip(PAIR_FEATURES, pair_features(s, p, set(), set())))
    assert len(f) == len(PAIR_FEATURES)
    assert np.isnan(f["gap:vision"]) and f["not_assessed"] == 1  # not assessed: missing, not 0
    assert f["gap:walking"] == 0 and f["demand:walking"] == 0  # moot at home
    assert f["gap:hearing"] == 0  # text communication lifts hearing 1 -> 4
    assert f["works_from_home"] == 1 and f["distance_km"] == 0
    assert pair_features(s, Position.from_dict(make_position(demands={"hearing": 4}, essential=["hearing"])),
                         set(), set()) is None
