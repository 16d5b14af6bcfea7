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
    from services.fairs import fair_report, outcomes_history

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
    from matcher.jsonl import Outcome

    parsed = [Outcome.from_dict(h) for h in history]  # the matcher's own reader accepts every record
    assert len(parsed) == len(history) and parsed[0].seeker_id.startswith("S")


def test_more_than_310_person_times_trained_in_2020(demo):
    from services.trainings import year_report

    by_year = {row["year"]: row for row in year_report(demo)}
    assert by_year[2020]["person_times"] > 310


def test_the_demo_waiting_lists_work(demo):
    """The demo's full session: a newcomer joins the end; a withdrawal offers the place to the first in line;
    the pastry session's pending offer expires and passes on."""
    from datetime import datetime, timezone

    from models import SignUp, SignUpState, TrainingSession
    from services.trainings import expire_offers, places_left, sign_up, waiting_list, withdraw

    now = datetime(2026, 11, 28, 10, 0, tzinfo=timezone.utc)
    full = next(s for s in demo.scalars(select(TrainingSession).where(TrainingSession.starts_on > date(2026, 12, 1)))
                if s.capacity and places_left(demo, s) == 0 and waiting_list(demo, s.id))
    line = waiting_list(demo, full.id)
    taken = {s.seeker_id for s in full.sign_ups}
    from models import Seeker
    newcomer = next(s for s in demo.scalars(select(Seeker).order_by(Seeker.id)) if s.id not in taken
                    and not full.eligibility)
    entry = sign_up(demo, full.id, newcomer.id, now)
    assert entry.state == SignUpState.WAITLISTED
    assert waiting_list(demo, full.id)[-1].id == entry.id
    confirmed = demo.scalar(select(SignUp).where(SignUp.session_id == full.id, SignUp.state == SignUpState.CONFIRMED))
    withdraw(demo, confirmed.id, now)
    assert line[0].state == SignUpState.OFFERED
    assert expire_offers(demo, datetime(2026, 12, 1, tzinfo=timezone.utc)) >= 1


def test_the_coming_demo_fair_gets_an_interview_plan(demo):
    """The 2026 fair: suggestions per attendee and a plan where nobody is in two places at once."""
    from collections import Counter

    from services.fair_planning import PER_SEEKER, make_plan

    fair = demo.scalar(select(JobFair).where(JobFair.held_on == date(2026, 12, 3)))
    plan = make_plan(demo, fair)
    assert plan["interviews"] > 0 and len(plan["seekers"]) == 28
    rows = [row for rows in plan["by_seeker"].values() for row in rows]
    assert len(rows) == plan["interviews"]
    assert max(Counter(r["seeker"].ref for r in rows).values()) <= PER_SEEKER
    assert len({(r["seeker"].ref, r["start"]) for r in rows}) == len(rows)  # one place at a time per person
    booth_rows = [(booth, r["table"], r["start"]) for booth, rs in plan["by_booth"].items() for r in rs]
    assert len(set(booth_rows)) == len(booth_rows)  # one interview at a time per table
    assert all(len(s) <= 3 for s in plan["suggestions"].values())


def test_a_person_hired_for_a_position_is_neither_scheduled_nor_suggested_for_it_at_the_fair(demo):
    from models import Employment, EmploymentSource
    from services.fair_planning import make_plan

    fair = demo.scalar(select(JobFair).where(JobFair.held_on == date(2026, 12, 3)))
    plan = make_plan(demo, fair)
    row = next(r for rows in plan["by_seeker"].values() for r in rows)
    seeker, position = row["seeker"], row["position"]
    demo.add(Employment(seeker_id=seeker.id, employer_id=position.employer_id, position_id=position.id,
                        start_on=date(2026, 11, 20), source=EmploymentSource.STAFF))
    demo.flush()
    plan = make_plan(demo, fair)
    pairs = {(r["seeker"].ref, r["position"].ref) for rows in plan["by_seeker"].values() for r in rows}
    assert (seeker.ref, position.ref) not in pairs and pairs
    assert position.ref not in [p.ref for p, _score in plan["suggestions"][seeker.ref]]
