from datetime import datetime
from typing import Optional

from sqlalchemy import Column, Float, LargeBinary, String, Table, Unicode, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class SchedulerRun(Base):
    """A scheduled job's run for one period (a day, week, month or hour), written in the same transaction
    as the job's effects: a period with a row is done and never runs again; a killed run leaves no row."""

    __tablename__ = "scheduler_runs"
    __table_args__ = (UniqueConstraint("job_id", "run_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the stable kebab-case job id, e.g. nightly-recompute
    job_id: Mapped[str] = mapped_column(String(40))
    #: the period the run is for: 2026-11-28, 2026-W48, 2026-11 or 2026-11-28T15
    run_key: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: what the run did, e.g. {"employers": 685}
    detail: Mapped[dict] = mapped_column(default=dict)
    #: who ran it by hand (None: the scheduler)
    note: Mapped[Optional[str]] = mapped_column(String(200))


#: APScheduler 3's SQLAlchemyJobStore table, declared here exactly as it defines it, so that the migrations
#: create it and the store's own create-if-missing finds it there.
apscheduler_jobs = Table(
    "apscheduler_jobs", Base.metadata,
    Column("id", Unicode(191), primary_key=True),
    Column("next_run_time", Float(25), index=True),
    Column("job_state", LargeBinary, nullable=False),
)
