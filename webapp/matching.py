"""The matching engine of this worker: built once from the database, then kept current.

Each gunicorn worker holds one engine with the seekers employers may see (looking for work, consenting) and
the open positions. Before answering, it re-reads the seekers and positions changed since its last look (an
indexed updated_at query), so that a change made through any worker shows everywhere at the next request,
without a rebuild. The look-back overlaps by a margin so that a transaction that committed late with an earlier
timestamp is not missed; rows seen in the overlap with the same timestamp are not loaded again.

A seeker who does not share their profile still sees their own matches: they are put in the engine for the
length of the call only, under the lock, so that they never appear in an employer's candidates.

When the scheduler has kept a learned ranker (services/ranking.py: it beat the default score on held-out
seekers), lists are ordered by it: the rules still decide which pairs are shown (matcher.rank_learned reorders
only allowed pairs), and the score shown stays the rules' fit (the learned one is in reasons["learned_score"]).
Each worker looks for a newer model every RANKER_CHECK.

Rankings of candidates are kept until the engine next changes: an employer's candidates page is opened far
more often than the seekers and positions behind it change. Each ranking carries the version of the engine's
state it holds for, so that a page can keep what it renders from it as long as the version lasts.
"""

import threading
import uuid
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import NamedTuple

from flask import Flask, current_app
from sqlalchemy import bindparam, literal, select, union_all
from sqlalchemy.orm import Session, selectinload

from matcher import Engine, rank_learned, rules
from matcher.reasons import Match
from models import Position, PositionStatus, Seeker, utcnow
from models.exchange import matchable_seekers, open_positions, position_record, seeker_record
from services.hires import held_positions
from services.ranking import current_ranker, latest_model_id

from .clock import today

OVERLAP = timedelta(minutes=2)
#: seekers and positions changed since a time: built once, as it runs before every answer
CHANGED = union_all(
    select(literal("seeker"), Seeker.ref, Seeker.updated_at).where(Seeker.updated_at >= bindparam("since")),
    select(literal("position"), Position.ref, Position.updated_at).where(Position.updated_at >= bindparam("since")))
#: rankings kept at most; beyond it they are all dropped (a district has hundreds of open positions)
RANKINGS_KEPT = 2000
#: how often a worker looks for a newer learned ranker (the scheduler retrains weekly)
RANKER_CHECK = timedelta(minutes=10)


class Ranking(NamedTuple):
    version: str
    matches: tuple[Match, ...]
    #: candidates the rules allow in all (the matches are the best k of them)
    total: int


class ModelInfo(NamedTuple):
    """The learned ranker in use, as staff see it: the day it learned, from how many outcomes, and NDCG@k of the
    default and of the learned ranking on held-out seekers."""

    trained_on: object
    n_outcomes: int
    k: int
    ndcg_default: float
    ndcg_learned: float


class Exclusion(NamedTuple):
    """An open position the rules rule out for a seeker, and the rules that do (matcher codes)."""

    position_id: str
    codes: tuple[str, ...]


class MatchingService:
    def __init__(self):
        self._engine: Engine | None = None
        self._synced_at: datetime | None = None
        #: (kind, ref) -> updated_at already applied, for rows changed within the overlap
        self._applied: dict[tuple[str, str], datetime] = {}
        self._lock = threading.RLock()
        #: (position ref, k, hints) -> candidates, computed since the engine last changed
        self._rankings: dict[tuple[str, int, bool], Ranking] = {}
        #: unique to this engine and its state: changes whenever a seeker or position is applied
        self._version = ""
        #: the learned ranker in use (None: the default score ranks), its model row id, and when last looked for
        self._ranker = None
        self._ranker_id: int | None = None
        self.learned_on = None
        #: ModelInfo of the learned ranker in use (None: the default score ranks)
        self.model: ModelInfo | None = None
        self._ranker_checked_at: datetime | None = None

    @contextmanager
    def _current(self, session: Session):
        with self._lock:
            now = utcnow()
            if self._engine is None:
                self._engine = Engine.from_records((seeker_record(s) for s in matchable_seekers(session)),
                                                   (position_record(p) for p in open_positions(session)))
                self._version = uuid.uuid4().hex
            elif self._apply_changes(session, self._synced_at - OVERLAP):
                self._rankings.clear()
                self._version = uuid.uuid4().hex
            self._synced_at = now
            if self._ranker_checked_at is None or now - self._ranker_checked_at >= RANKER_CHECK:
                self._ranker_checked_at = now
                self._load_ranker(session)
            yield self._engine

    def _load_ranker(self, session: Session) -> None:
        latest = latest_model_id(session)
        if latest == self._ranker_id:
            return
        found = current_ranker(session) if latest is not None else None
        self._ranker, self._ranker_id = (found[0], latest) if found else (None, latest)
        self.learned_on = found[1].trained_on if found else None
        self.model = ModelInfo(found[1].trained_on, found[1].n_outcomes, found[1].k, found[1].ndcg_default,
                               found[1].ndcg_learned) if found else None
        self._rankings.clear()
        self._version = uuid.uuid4().hex

    def _ranked(self, engine: Engine, owner: str, direction: str, k: int, hints: bool, **filters) -> list[Match]:
        """The default ranking, or the learned one when a ranker is kept, showing the rules' fit as the score."""
        if self._ranker is None:
            rank = engine.rank_positions if direction == "positions" else engine.rank_candidates
            return rank(owner, k, hints=hints, **filters)
        matches = rank_learned(engine, self._ranker, owner, direction, k, hints=hints, **filters)
        for match in matches:
            match.reasons["learned_score"] = match.score
            match.score = match.reasons["default_score"]
        return matches

    @contextmanager
    def _with_seeker(self, session: Session, seeker: Seeker):
        with self._current(session) as engine:
            if seeker.listed:
                yield engine
                return
            engine.upsert_seeker(seeker_record(seeker))
            try:
                yield engine
            finally:
                engine.remove_seeker(seeker.ref)

    def candidates(self, session: Session, position: Position, k: int, hints: bool = False) -> list[Match]:
        """Ranked candidates; hints (what would raise each score) only when asked, as lists do not show them."""
        return list(self.ranking(session, position, k, hints).matches)

    def ranking(self, session: Session, position: Position, k: int, hints: bool = False) -> Ranking:
        """Ranked candidates with the engine version they hold for; the matches are shared, not to be changed."""
        if position.status != PositionStatus.OPEN:
            return Ranking("", (), 0)
        key = (position.ref, k, hints)
        with self._current(session) as engine:
            ranking = self._rankings.get(key)
            if ranking is None:
                if len(self._rankings) >= RANKINGS_KEPT:
                    self._rankings.clear()
                ranking = self._rankings[key] = Ranking(self._version, tuple(
                    self._ranked(engine, position.ref, "candidates", k, hints)),
                    engine.count_candidates(position.ref))
            return ranking

    def positions_for(self, session: Session, seeker: Seeker, k: int, **filters) -> list[Match]:
        """The seeker's best positions, without those they already hold (a current employment there)."""
        held = held_positions(session, seeker.id, today())
        with self._with_seeker(session, seeker) as engine:
            return self._ranked(engine, seeker.ref, "positions", k, True, exclude=held, **filters)

    def explain(self, session: Session, seeker: Seeker, position: Position) -> Match:
        """Reasons for one pair, also for a position that is not open (then it is added for the call)."""
        with self._with_seeker(session, seeker) as engine:
            if position.status == PositionStatus.OPEN:
                return engine.explain(seeker.ref, position.ref)
            engine.upsert_position(position_record(position))
            try:
                return engine.explain(seeker.ref, position.ref)
            finally:
                engine.remove_position(position.ref)

    def explain_for_staff(self, session: Session, seeker: Seeker, position: Position) -> Match:
        """explain, with the learned score of the pair (reasons["learned_score"]) when a learned ranker is in use
        and the rules allow the pair: the score by which it would be ranked."""
        with self._with_seeker(session, seeker) as engine:
            added = position.status != PositionStatus.OPEN
            if added:
                engine.upsert_position(position_record(position))
            try:
                match = engine.explain(seeker.ref, position.ref)
                if self._ranker is not None and match.score is not None:
                    from matcher.learn import pair_features  # scikit-learn is loaded already with the ranker

                    features = pair_features(engine.seeker(seeker.ref), engine.position(position.ref),
                                             *engine.skill_sets(seeker.ref, position.ref), engine.weights)
                    match.reasons["learned_score"] = round(float(self._ranker.score([features])[0]), 4)
                return match
            finally:
                if added:
                    engine.remove_position(position.ref)

    def exclusions(self, session: Session, seeker: Seeker) -> list[Exclusion]:
        """The open positions the rules rule out for the seeker, with the rules that do, by position id."""
        with self._with_seeker(session, seeker) as engine:
            s = engine.seeker(seeker.ref)
            s_skills = engine.seeker_skills(seeker.ref)
            out = []
            for position_id in engine.position_ids():
                pair = rules.assess(s, engine.position(position_id), s_skills, engine.position_skills(position_id))
                if pair.ruled_out:
                    out.append(Exclusion(position_id, pair.ruled_out))
            return out

    def _changed(self, session: Session, since: datetime) -> tuple[list[str], list[str]]:
        """Refs of seekers and positions changed since `since` that this engine has not applied yet, in one
        cheap query (two columns of an index each)."""
        self._applied = {key: at for key, at in self._applied.items() if at >= since}
        rows = session.connection().execute(CHANGED, {"since": since})
        changed = {"seeker": [], "position": []}
        for kind, ref, at in rows:
            if self._applied.get((kind, ref)) != at:
                self._applied[(kind, ref)] = at
                changed[kind].append(ref)
        return changed["seeker"], changed["position"]

    def _apply_changes(self, session: Session, since: datetime) -> bool:
        """Whether anything changed."""
        seeker_refs, position_refs = self._changed(session, since)
        if seeker_refs:
            seekers = session.scalars(select(Seeker).where(Seeker.ref.in_(seeker_refs)).options(
                selectinload(Seeker.abilities), selectinload(Seeker.needs), selectinload(Seeker.township)))
            for seeker in seekers:
                if seeker.listed:
                    self._engine.upsert_seeker(seeker_record(seeker))
                else:
                    self._engine.remove_seeker(seeker.ref)
        if position_refs:
            positions = session.scalars(select(Position).where(Position.ref.in_(position_refs)).options(
                selectinload(Position.demands), selectinload(Position.offers), selectinload(Position.township),
                selectinload(Position.employer)))
            for position in positions:
                if position.status == PositionStatus.OPEN:
                    self._engine.upsert_position(position_record(position))
                else:
                    self._engine.remove_position(position.ref)
        return bool(seeker_refs or position_refs)


def init_app(app: Flask) -> None:
    app.extensions["matching"] = MatchingService()
    # the pay fit a position has when it pays what the seeker wishes (the reasons say "meets the wished pay")
    app.add_template_global(rules.AT_WISH, "wage_fit_at_wish")


def matching() -> MatchingService:
    return current_app.extensions["matching"]
