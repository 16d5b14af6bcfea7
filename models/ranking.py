from datetime import date, datetime

from sqlalchemy import LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class RankerModel(Base):
    """A ranker learned from recorded outcomes (matcher.learn_ranker) that beat the default score on held-out
    seekers; the newest row is the one in use (services/ranking.py). Rows are kept as the history of models."""

    __tablename__ = "ranker_models"

    id: Mapped[int] = mapped_column(primary_key=True)
    trained_on: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: usable outcomes it learned from, and NDCG@k of the default and the learned ranking on held-out seekers
    n_outcomes: Mapped[int]
    k: Mapped[int]
    ndcg_default: Mapped[float]
    ndcg_learned: Mapped[float]
    #: the scikit-learn version it was fitted with: another version does not load it (the default is used)
    sklearn_version: Mapped[str] = mapped_column(String(20))
    #: the pickled matcher.learn.PairRanker, written only by the scheduler's retrain-ranker job
    model: Mapped[bytes] = mapped_column(LargeBinary)
