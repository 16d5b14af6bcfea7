"""Learning to rank from recorded outcomes: which outcomes count, when a model is kept, and that the web app orders
lists with it while the rules still decide what is shown."""

from datetime import date

import numpy as np
import pytest
from sqlalchemy import select

from matcher.learn import PairRanker, RankerReport
from models import (Application, ApplicationEvent, ApplicationState, PositionDemand, RankerModel)
from services import ranking
from tests.factories import make_employer, make_position, make_seeker, make_township

pytestmark = pytest.mark.db


class ReversedModel:
    """Stands for a fitted model: scores a pair by how far down the default ranking it is."""

    def predict(self, X):
        return 1.0 - np.asarray(X, float)[:, -1]  # the last pair feature is the default score


def pairs(db, n_positions=3):
    township = make_township(db)
    employer = make_employer(db, township)
    seeker = make_seeker(db, township, consent_share=True, max_commute_km=50, abilities={"vision": 4},
                         desired_wage=3600)
    positions = [make_position(db, employer, f"岗位{i}", wage=3000 + 300 * i, hours_per_week=40, skills=[])
                 for i in range(n_positions)]
    return seeker, positions


def test_each_pair_counts_once_as_far_as_it_got(db):
    seeker, (p1, p2, p3) = pairs(db)
    a1 = Application(seeker=seeker, position=p1, state=ApplicationState.REJECTED)
    a1.events += [ApplicationEvent(state=ApplicationState.APPLIED), ApplicationEvent(state=ApplicationState.INTERVIEWING),
                  ApplicationEvent(state=ApplicationState.REJECTED)]
    a2 = Application(seeker=seeker, position=p2, state=ApplicationState.WITHDRAWN)
    a2.events += [ApplicationEvent(state=ApplicationState.WITHDRAWN)]
    db.add_all([a1, a2])
    db.flush()
    found = {(o.position_id, o.outcome) for o in ranking.recorded_outcomes(db)}
    assert found == {(p1.ref, "interviewed"), (p2.ref, "declined")}


@pytest.mark.parametrize("learned, kept", [(0.9, True), (0.7, False), (None, False)])
def test_a_model_is_kept_only_when_it_beats_the_default(db, monkeypatch, learned, kept):
    seeker, (p1, *_) = pairs(db)
    db.add(Application(seeker=seeker, position=p1, state=ApplicationState.HIRED))
    db.flush()
    report = RankerReport(PairRanker(ReversedModel()) if learned else None, 40, 0, 10, 0.8, learned, 5,
                          trained_on=date(2026, 11, 29))
    monkeypatch.setattr("matcher.learn.learn_ranker", lambda *args, **kwargs: report)
    result = ranking.retrain(db, date(2026, 11, 29))
    assert result["kept"] is kept
    rows = db.scalars(select(RankerModel)).all()
    assert len(rows) == int(kept)
    if kept:
        assert (rows[0].trained_on, rows[0].ndcg_learned, rows[0].ndcg_default) == (date(2026, 11, 29), 0.9, 0.8)
        ranker, row = ranking.current_ranker(db)
        assert isinstance(ranker, PairRanker) and row.id == rows[0].id


def test_too_few_outcomes_keep_the_default(db):
    seeker, (p1, *_) = pairs(db)
    db.add(Application(seeker=seeker, position=p1, state=ApplicationState.HIRED))
    db.flush()
    assert ranking.retrain(db, date(2026, 11, 29))["kept"] is False
    assert ranking.current_ranker(db) is None


def test_the_web_app_orders_by_the_kept_model_shows_the_rules_fit_and_never_a_ruled_out_pair(db, app):
    from webapp.matching import MatchingService

    seeker, positions = pairs(db, 4)
    ruled_out = positions[3]
    ruled_out.demands.append(PositionDemand(key="vision", level=5, essential=True))
    db.flush()
    service = MatchingService()
    with app.test_request_context():
        default = service.positions_for(db, seeker, 10)
    assert ruled_out.ref not in [m.position_id for m in default] and len({m.score for m in default}) == 3
    import pickle
    db.add(RankerModel(trained_on=date(2026, 11, 29), n_outcomes=40, k=10, ndcg_default=0.8, ndcg_learned=0.9,
                       sklearn_version=__import__("sklearn").__version__,
                       model=pickle.dumps(PairRanker(ReversedModel()))))
    db.flush()
    service = MatchingService()
    with app.test_request_context():
        learned = service.positions_for(db, seeker, 10)
    assert [m.position_id for m in learned] == [m.position_id for m in reversed(default)]
    assert [m.score for m in learned] == [m.score for m in reversed(default)]  # the rules' fit is shown
    assert all("learned_score" in m.reasons for m in learned) and service.learned_on == date(2026, 11, 29)
