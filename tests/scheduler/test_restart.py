"""Killing the scheduler process in the middle of a run and starting it again loses no job and runs none twice.

Real processes against a real database file: the first is killed (SIGKILL) while the declaration-reminders
job is half-way; the second (`python -m scheduler`) catches up; a third starts and finds nothing due.
"""

import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models import Employer, Notification, QuotaAssessment, SchedulerRun, make_engine, make_session_factory
from models.migrate import upgrade
from scheduler import jobs
from tests.services.conftest import populate_district

pytestmark = pytest.mark.db

ROOT = Path(__file__).resolve().parents[2]
NOW = "2027-03-01T10:00:00+08:00"  # the CN-ZJ window for 2026 opens today: reminders are due


@pytest.fixture
def database(tmp_path):
    url = f"sqlite:///{tmp_path / 'scheduler.sqlite3'}"
    engine = make_engine(url)
    with engine.begin() as connection:
        upgrade(connection)
    with make_session_factory(engine)() as session:
        populate_district(session)
    yield url, engine
    engine.dispose()


def counts(engine) -> dict:
    with make_session_factory(engine)() as session:
        return {
            "runs": sorted((r.job_id, r.run_key) for r in session.scalars(select(SchedulerRun))),
            "snapshots": session.scalar(select(func.count()).select_from(QuotaAssessment)),
            "reminders": session.scalar(select(func.count()).select_from(Notification)
                                        .where(Notification.kind == "declaration_reminder")),
            "employers": session.scalar(select(func.count()).select_from(Employer)),
        }


def start(args, url, log: Path) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": url, "ABLEMATCH_NOW": NOW, "PYTHONUNBUFFERED": "1",
           "SECRET_KEY": "scheduler-test"}
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
                            start_new_session=True)


def wait_for(condition, timeout=90, process=None, log=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        if process is not None and process.poll() is not None:
            raise AssertionError(f"the process ended early:\n{log.read_text() if log else ''}")
        time.sleep(0.2)
    raise AssertionError(f"timed out:\n{log.read_text() if log else ''}")


def stop(process: subprocess.Popen, sig=signal.SIGINT) -> None:
    os.killpg(process.pid, sig)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def test_killed_mid_run_then_restarted_loses_nothing_and_repeats_nothing(database, tmp_path):
    url, engine = database
    command = [sys.executable, "-m", "scheduler"]
    now = datetime.fromisoformat(NOW)
    expected = sorted((job_id, jobs.run_key(job_id, jobs.last_fire(job_id, now))) for job_id in jobs.SPECS)

    # 1. killed while declaration-reminders is half-way (after nightly-recompute finished)
    marker = tmp_path / "marker"
    log = tmp_path / "first.log"
    first = start([sys.executable, str(ROOT / "tests/scheduler/slow_runner.py"), url, str(marker)], url, log)
    wait_for(marker.exists, process=first, log=log)
    stop(first, signal.SIGKILL)
    after_kill = counts(engine)
    employers = after_kill["employers"]
    assert after_kill["runs"] == [("nightly-recompute", "2027-03-01")]
    assert after_kill["snapshots"] == employers
    assert after_kill["reminders"] == 0  # the half-done run left nothing behind

    # 2. started again: the interrupted and the never-started jobs run, the finished one does not
    log = tmp_path / "second.log"
    second = start(command, url, log)
    wait_for(lambda: len(counts(engine)["runs"]) == len(jobs.SPECS), process=second, log=log)
    time.sleep(1)
    stop(second)
    after_restart = counts(engine)
    assert after_restart["runs"] == expected
    assert after_restart["snapshots"] == employers  # nightly-recompute did not run again
    assert after_restart["reminders"] == employers  # one reminder per employer user, once

    # 3. a third start finds nothing due and changes nothing
    log = tmp_path / "third.log"
    third = start(command, url, log)
    wait_for(lambda: "due now: nothing" in log.read_text(), process=third, log=log)
    time.sleep(2)
    stop(third)
    assert counts(engine) == after_restart
    with engine.connect() as connection:
        from sqlalchemy import text

        stored = sorted(connection.execute(text("SELECT id FROM apscheduler_jobs")).scalars())
    assert stored == sorted(jobs.SPECS)  # the job store holds each job once, under its stable id


def test_once_runs_every_job_though_one_fails_and_exits_non_zero(database, tmp_path):
    """The insurance inbox cannot set a bad file aside (`rejected` is a file, not a folder): that job fails,
    the others run, and the process says so with its exit status."""
    url, engine = database
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "rejected").write_text("not a folder")
    (inbox / "bad.csv").write_text("id_number,credit_code,year,months\nx,y,2026,13\n")
    log = tmp_path / "once.log"
    process = start([sys.executable, "-m", "scheduler", "--once", "--inbox", str(inbox)], url, log)
    assert process.wait(timeout=300) == 1, log.read_text()
    output = log.read_text()
    assert "insurance-inbox: failed: FileExistsError" in output
    ran = {job_id for job_id, _ in counts(engine)["runs"]}
    assert ran == set(jobs.SPECS) - {"insurance-inbox"} - {j for j in jobs.SPECS if f"{j}: not-due" in output}
    assert "declaration-reminders" in ran
