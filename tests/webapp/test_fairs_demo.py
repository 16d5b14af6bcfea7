"""The demo district's figures through the fair and training reports: the 2020 fair as reported (7 employers,
42 positions, 113 openings, 102 attendees, 16 hired) and more than 310 person-times trained in 2020."""

from datetime import date

import pytest
from sqlalchemy import select

from models import JobFair

pytestmark = pytest.mark.db


@pytest.fixture
def demo(db):
    from fixtures import load_demo

    load_demo(db)
    db.flush()
    return db


def test_the_2020_fair_reports_the_seed_figures(demo):
    from webapp.fairs.operations import fair_report, outcomes_history

    fair = demo.scalar(select(JobFair).where(JobFair.held_on.between(date(2020, 1, 1), date(2020, 12, 31))))
    report = fair_report(demo, fair)
    assert (report["employers"], report["positions"], report["openings"], report["attendees"],
            report["people"].hired) == (7, 42, 113, 102, 16)
    assert report["hires"] == 16
    assert round(report["hire_rate"] * 100, 1) == 15.7
    assert sum(f.attendees for _, f in report["by_township"]) == 102
    assert sum(f.hired for _, f in report["by_category"]) == 16
    history = outcomes_history(demo)
    assert sum(1 for h in history if h["outcome"] == "hired") == 16
    assert set(history[0]) >= {"seeker_id", "position_id", "outcome"}


def test_more_than_310_person_times_trained_in_2020(demo):
    from webapp.trainings.operations import year_report

    by_year = {row["year"]: row for row in year_report(demo)}
    assert by_year[2020]["person_times"] > 310
