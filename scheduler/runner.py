"""The scheduler process: a BlockingScheduler with its job store in the app's database.

On start, every job whose latest period is due and not done (missed while the process was stopped, or
killed half-way: its effects were rolled back with its run record) is set to run at once, in order; then
each job follows its trigger. Exactly one scheduler runs per install (APScheduler's job stores are not shared
between processes); the web workers never start it.
"""

import logging
from datetime import datetime, timedelta

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.blocking import BlockingScheduler

from models import make_engine
from services import clock

from . import jobs

log = logging.getLogger("ablematch.scheduler")


def build_scheduler(database_url: str, run_now=()) -> BlockingScheduler:
    store = SQLAlchemyJobStore(engine=make_engine(database_url))
    scheduler = BlockingScheduler(
        jobstores={"default": store}, executors={"default": ThreadPoolExecutor(1)}, timezone=jobs.TZ,
        # a fire missed by a busy process runs once when possible; runs of a job never overlap
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600})
    start = datetime.now(jobs.TZ)  # the real time: APScheduler fires on it, whatever ABLEMATCH_NOW says
    for index, (job_id, spec) in enumerate(jobs.SPECS.items()):
        extra = {"next_run_time": start + timedelta(seconds=index)} if job_id in run_now else {}
        scheduler.add_job(jobs.FUNCTIONS[job_id], spec.trigger, id=job_id, name=spec.description,
                          replace_existing=True, **extra)
    return scheduler


def run(database_url: str, insurance_inbox=None, echo=print) -> None:
    jobs.configure(database_url, insurance_inbox)
    due = jobs.pending()
    started = clock.from_env().now().isoformat(timespec="seconds")
    echo(f"Scheduler started at {started}; due now: {', '.join(due) or 'nothing'}")
    scheduler = build_scheduler(database_url, due)

    def report(event):
        outcome = "failed: " + repr(event.exception) if event.exception else event.retval
        echo(f"{event.job_id}: {outcome}")

    scheduler.add_listener(report, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass
