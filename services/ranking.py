"""Learning to rank from what happened: fair outcomes and applications, retrained weekly by the scheduler.

`retrain` builds the matcher's pair features for every recorded outcome (matcher.learn_ranker: gradient boosting
over per-item gaps, distance, skills, pay and hours, evaluated on held-out seekers) and keeps the model only
when its NDCG on held-out seekers beats the default score's; otherwise the last good model stays (or none, and
the default score ranks). `current_ranker` gives the web app the newest good model. The rules stay a hard
filter: a learned ranking only reorders pairs the rules allow (matcher.rank_learned).

An application counts as far as it got (its furthest state); an employer's invitation that went no further
counts as shown, a withdrawal as declined. Outcome events (services.outcomes: every step since interviews and
offers) count the same way, each as its exchange-format outcome. A pair with several outcomes (an interview,
then a hire) counts once, by the furthest; a hire that ended within a few months counts only as an offer.
"""

import pickle
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from matcher import Engine
from models import Application, ApplicationState, Position, RankerModel, Seeker
from models.exchange import position_record, seeker_record

from . import outcomes as events
from .fairs import outcomes_history

#: an application's state as an outcome of the exchange format
APPLICATION_OUTCOMES = {
    ApplicationState.INVITED: "shown", ApplicationState.APPLIED: "applied",
    ApplicationState.INTERVIEWING: "interviewed", ApplicationState.OFFERED: "offered",
    ApplicationState.HIRED: "hired", ApplicationState.REJECTED: "rejected", ApplicationState.WITHDRAWN: "declined",
}
K = 10


def recorded_outcomes(session: Session) -> list:
    """One outcome per (seeker, position) pair, the furthest it got, from fairs and applications; by ids
    (matcher.jsonl.Outcome). scikit-learn is loaded here, not when the web app starts."""
    from matcher.jsonl import Outcome
    from matcher.learn import RELEVANCE

    best: dict[tuple[str, str], str] = {}

    def add(seeker_ref: str, position_ref: str, outcome: str) -> None:
        kept = best.get((seeker_ref, position_ref))
        if kept is None or RELEVANCE[outcome] > RELEVANCE[kept]:
            best[(seeker_ref, position_ref)] = outcome

    for row in outcomes_history(session):
        if row["outcome"] in RELEVANCE:
            add(row["seeker_id"], row["position_id"], row["outcome"])
    applications = session.scalars(select(Application).options(
        selectinload(Application.events), selectinload(Application.seeker), selectinload(Application.position)))
    for application in applications:
        for state in [application.state, *(event.state for event in application.events)]:
            outcome = APPLICATION_OUTCOMES.get(ApplicationState(state))
            if outcome is not None:
                add(application.seeker.ref, application.position.ref, outcome)
    short = set()
    for seeker_ref, position_ref, kind, months in events.events(session):
        if events.EXCHANGE[kind] is not None:
            add(seeker_ref, position_ref, events.EXCHANGE[kind])
        elif months is not None and months < events.SHORT_STAY_MONTHS:
            short.add((seeker_ref, position_ref))
    for pair in short & {pair for pair, outcome in best.items() if outcome == "hired"}:
        best[pair] = "offered"
    return [Outcome(s, p, o) for (s, p), o in sorted(best.items())]


def _engine_for(session: Session, outcomes: list) -> Engine:
    """The seekers and positions of the outcomes as they are now (whatever their state: hired people and filled
    positions are what the outcomes are about)."""
    seeker_refs = {o.seeker_id for o in outcomes}
    position_refs = {o.position_id for o in outcomes}
    seekers = session.scalars(select(Seeker).where(Seeker.ref.in_(seeker_refs)).options(
        selectinload(Seeker.abilities), selectinload(Seeker.needs), selectinload(Seeker.township)))
    positions = session.scalars(select(Position).where(Position.ref.in_(position_refs)).options(
        selectinload(Position.demands), selectinload(Position.offers), selectinload(Position.township),
        selectinload(Position.employer)))
    return Engine.from_records([seeker_record(s) for s in seekers], [position_record(p) for p in positions])


def retrain(session: Session, day: date, seed: int = 0) -> dict:
    """Learn a ranker from the recorded outcomes; keep it only when it beats the default on held-out seekers."""
    import sklearn

    from matcher.learn import learn_ranker

    outcomes = recorded_outcomes(session)
    result = {"outcomes": len(outcomes), "kept": False}
    if not outcomes:
        return result
    report = learn_ranker(_engine_for(session, outcomes), outcomes, trained_on=day, k=K, seed=seed)
    result.update(usable=report.n_outcomes, ndcg_default=report.ndcg_default, ndcg_learned=report.ndcg_learned)
    if (not report.learned or report.ndcg_learned is None or report.ndcg_default is None
            or report.ndcg_learned <= report.ndcg_default):
        return result
    session.add(RankerModel(trained_on=day, n_outcomes=report.n_outcomes, k=K, ndcg_default=report.ndcg_default,
                            ndcg_learned=report.ndcg_learned, sklearn_version=sklearn.__version__,
                            model=pickle.dumps(report.ranker)))
    session.flush()
    result["kept"] = True
    return result


def latest_model_id(session: Session) -> int | None:
    return session.scalar(select(RankerModel.id).order_by(RankerModel.id.desc()).limit(1))


def current_ranker(session: Session) -> tuple | None:
    """(matcher.learn.PairRanker, its RankerModel row) of the newest good model, or None (then the default score
    ranks): also None when it was fitted with another scikit-learn version. The bytes are only ever written by
    `retrain`, in this database."""
    import sklearn

    from matcher.learn import PairRanker

    row = session.scalar(select(RankerModel).order_by(RankerModel.id.desc()).limit(1))
    if row is None or row.sklearn_version != sklearn.__version__:
        return None
    ranker = pickle.loads(row.model)  # noqa: S301 - our own model, written by retrain above
    return (ranker, row) if isinstance(ranker, PairRanker) else None
