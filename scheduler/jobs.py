"""The jobs: stable kebab-case ids, when each fires, and `execute`, which runs a job's period at most once.

A job's period is named by its run key (the day of the nightly run, the ISO week, the month, the hour). The
job's effects and its SchedulerRun row are committed in one transaction, so:
- a run killed half-way leaves nothing, and the period is still to do (the runner catches it up on start);
- a period with a row is never run again (a second process, a restart or a catch-up just skips it; the
  unique (job_id, run_key) settles a race).
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from models import SchedulerRun, make_engine, make_session_factory, utcnow
from services import clock, declarations, insurance, interviews, offers, outreach, ranking, suggestions, trainings
from services.mail import mailer_from_env
from services.recompute import recompute_snapshots
from services.sms import gateway_from_env

#: the district's zone, in which the jobs fire (services.clock)
TZ = clock.from_env().tz
log = logging.getLogger("ablematch.scheduler")


@dataclass
class Settings:
    database_url: str | None = None
    insurance_inbox: Path | None = None


SETTINGS = Settings()
_factories: dict = {}


def configure(database_url: str, insurance_inbox: str | Path | None = None) -> None:
    SETTINGS.database_url = database_url
    SETTINGS.insurance_inbox = Path(insurance_inbox) if insurance_inbox else None


def _session():
    url = SETTINGS.database_url
    if url not in _factories:
        _factories[url] = make_session_factory(make_engine(url))
    return _factories[url]()


@dataclass(frozen=True)
class JobSpec:
    id: str
    trigger: CronTrigger
    #: strftime of the fire time that names the period (%G-W%V: ISO week)
    key_format: str
    #: how far back to look for the latest fire time (more than one period)
    lookback: timedelta
    description: str


def _cron(**fields) -> CronTrigger:
    return CronTrigger(timezone=TZ, **fields)


SPECS = {spec.id: spec for spec in (
    JobSpec("nightly-recompute", _cron(hour=2, minute=0), "%Y-%m-%d", timedelta(days=2),
            "every employer's current compliance, as a snapshot"),
    JobSpec("declaration-reminders", _cron(hour=9, minute=0), "%Y-%m-%d", timedelta(days=2),
            "reminders to employers that have not declared, in the declaration window"),
    JobSpec("weekly-suggestions", _cron(day_of_week="mon", hour=3, minute=0), "%G-W%V", timedelta(days=8),
            "suggested candidates for employers below quota with open positions"),
    JobSpec("insurance-inbox", _cron(day=1, hour=4, minute=0), "%Y-%m", timedelta(days=32),
            "import social-insurance files from the inbox, flag insurance that stopped"),
    JobSpec("expire-training-offers", _cron(minute=5), "%Y-%m-%dT%H", timedelta(hours=2),
            "expire training offers not accepted in time"),
    JobSpec("interview-reminders", _cron(hour=8, minute=0), "%Y-%m-%d", timedelta(days=2),
            "remind both sides of tomorrow's interviews; interviews whose time has passed are held"),
    JobSpec("expire-job-offers", _cron(hour=0, minute=10), "%Y-%m-%d", timedelta(days=2),
            "expire job offers not answered by their last day, and tell both sides"),
    JobSpec("retrain-ranker", _cron(day_of_week="sun", hour=4, minute=0), "%G-W%V", timedelta(days=8),
            "learn a ranker from recorded outcomes; keep it only when it beats the default score"),
    JobSpec("send-sms", _cron(minute="*/5"), "%Y-%m-%dT%H:%M", timedelta(minutes=15),
            "send the SMS outbox; a message that cannot go moves to the call list"),
)}


def last_fire(job_id: str, now: datetime) -> datetime | None:
    """The latest time at or before `now` at which the job's trigger fires."""
    spec = SPECS[job_id]
    fire, latest = spec.trigger.get_next_fire_time(None, now - spec.lookback), None
    while fire is not None and fire <= now:
        latest = fire
        fire = spec.trigger.get_next_fire_time(fire, fire + timedelta(seconds=1))
    return latest


def run_key(job_id: str, fire: datetime) -> str:
    return fire.astimezone(TZ).strftime(SPECS[job_id].key_format)


def _body(job_id: str, session, fire: datetime, now: datetime) -> dict:
    if job_id == "nightly-recompute":
        assessed = declarations.assess_unassessed(session)  # first: their declared wages feed the snapshots
        return {**recompute_snapshots(session, fire.astimezone(TZ).date()), "declarations_assessed": assessed}
    if job_id == "declaration-reminders":
        return declarations.send_declaration_reminders(session, fire.astimezone(TZ).date(), mailer_from_env())
    if job_id == "weekly-suggestions":
        return suggestions.suggest_candidates(session, run_key(job_id, fire), day=fire.astimezone(TZ).date())
    if job_id == "insurance-inbox":
        return insurance.import_insurance_inbox(session, SETTINGS.insurance_inbox)
    if job_id == "expire-training-offers":
        return {"expired": trainings.expire_offers(session, now)}
    if job_id == "interview-reminders":
        return interviews.send_reminders(session, now.astimezone(TZ))
    if job_id == "expire-job-offers":
        return {"expired": offers.expire_offers(session, fire.astimezone(TZ).date())}
    if job_id == "retrain-ranker":
        return ranking.retrain(session, fire.astimezone(TZ).date())
    if job_id == "send-sms":
        return outreach.send_outbox(session, TZ, gateway_from_env())
    raise KeyError(job_id)


def execute(job_id: str, now: datetime | None = None, session=None) -> str:
    """Run the job's latest due period unless it is done: "ran", "done-before" or "not-due".

    `session`: run inside the caller's session (tests); by default a session of its own.
    """
    if session is None:
        with _session() as own:
            return _execute(job_id, now or clock.from_env().now(), own)
    return _execute(job_id, now or clock.from_env().now(), session)


def _execute(job_id: str, now: datetime, session) -> str:
    fire = last_fire(job_id, now)
    if fire is None:
        return "not-due"
    key = run_key(job_id, fire)
    if session.scalar(select(SchedulerRun.id).where(SchedulerRun.job_id == job_id, SchedulerRun.run_key == key)):
        return "done-before"
    started = utcnow()
    log.info("%s %s: starting", job_id, key)
    detail = _body(job_id, session, fire, now)
    session.add(SchedulerRun(job_id=job_id, run_key=key, started_at=started, detail=detail))
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return "done-before"
    log.info("%s %s: done %s", job_id, key, detail)
    return "ran"


def pending(now: datetime | None = None, session=None) -> list[str]:
    """Jobs whose latest period is due and not done (missed while stopped, or killed half-way), in SPECS order."""
    now = now or clock.from_env().now()

    def find(s):
        out = []
        for job_id in SPECS:
            fire = last_fire(job_id, now)
            if fire is not None and not s.scalar(select(SchedulerRun.id).where(
                    SchedulerRun.job_id == job_id, SchedulerRun.run_key == run_key(job_id, fire))):
                out.append(job_id)
        return out

    if session is None:
        with _session() as own:
            return find(own)
    return find(session)


def catch_up(now: datetime | None = None, session=None) -> dict[str, str]:
    """Run every job's latest period that is due and not done, one after the other: each isolated, so that one
    that fails ("failed: ...", logged with its traceback; its effects rolled back) never stops the others."""
    outcomes = {}
    for job_id in SPECS:
        try:
            outcomes[job_id] = execute(job_id, now, session)
        except Exception as error:  # noqa: BLE001 - reported in the outcome and the log
            log.exception("%s: failed", job_id)
            if session is not None:
                session.rollback()
            outcomes[job_id] = f"failed: {error!r}"
    return outcomes


def failed(outcomes: dict[str, str]) -> list[str]:
    """The jobs of a catch-up that failed."""
    return [job_id for job_id, outcome in outcomes.items() if outcome.startswith("failed")]


# The functions APScheduler calls (module-level, referenced by name in the job store).

def nightly_recompute():
    return execute("nightly-recompute")


def declaration_reminders():
    return execute("declaration-reminders")


def weekly_suggestions():
    return execute("weekly-suggestions")


def insurance_inbox():
    return execute("insurance-inbox")


def expire_training_offers():
    return execute("expire-training-offers")


def interview_reminders():
    return execute("interview-reminders")


def expire_job_offers():
    return execute("expire-job-offers")


def retrain_ranker():
    return execute("retrain-ranker")


def send_sms():
    return execute("send-sms")


FUNCTIONS = {"nightly-recompute": nightly_recompute, "declaration-reminders": declaration_reminders,
             "weekly-suggestions": weekly_suggestions, "insurance-inbox": insurance_inbox,
             "expire-training-offers": expire_training_offers, "interview-reminders": interview_reminders,
             "expire-job-offers": expire_job_offers, "retrain-ranker": retrain_ranker, "send-sms": send_sms}
