"""The scheduler is its own process: the web app never starts it; the job store holds each job under its id."""

import subprocess
import sys
from pathlib import Path

import pytest

from scheduler import jobs
from scheduler.runner import build_scheduler

pytestmark = pytest.mark.db

ROOT = Path(__file__).resolve().parents[2]


def test_creating_the_web_app_does_not_load_the_scheduler(tmp_path):
    code = ("import sys; from webapp import create_app; "
            f"create_app({{'DATABASE_URL': 'sqlite:///{tmp_path}/x.sqlite3', 'SECRET_KEY': 'x'}}); "
            "print(sorted(m for m in sys.modules if m.startswith(('apscheduler', 'scheduler.runner', 'scheduler.jobs'))))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_scheduler_has_every_job_under_its_stable_id(tmp_path):
    from models import make_engine
    from models.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'jobs.sqlite3'}"
    with make_engine(url).begin() as connection:
        upgrade(connection)
    scheduler = build_scheduler(url, run_now=["nightly-recompute"])
    pending = {job.id: job for job in scheduler.get_jobs()}
    assert sorted(pending) == sorted(jobs.SPECS)
    assert all(job.func.__module__ == "scheduler.jobs" for job in pending.values())
    assert pending["nightly-recompute"].next_run_time is not None
