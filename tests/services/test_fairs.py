"""Fairs as plain functions: planning, registration and check-in, outcomes and the Employment a hire creates."""

from datetime import date, datetime, timezone

import pytest
from sqlalchemy import func, select

from models import AttendeeSource, Employment, FairOutcome, Role
from services.fairs import (FairError, add_position, check_in, create_fair, fair_report, invite_employer,
                            outcomes_history, planning_problem, register_attendee, set_outcomes)
from tests.factories import make_employer, make_position, make_seeker, make_township, make_user

pytestmark = pytest.mark.db

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def setting(db):
    township = make_township(db)
    other_township = make_township(db, "02", "曹娥街道")
    employer = make_employer(db, township, name="上虞伞业")
    position = make_position(db, employer, "伞面缝制工", openings=3, wage=3200)
    outsider = make_position(db, make_employer(db, township, name="未受邀公司"), "包装工")
    fair = create_fair(db, name="国际残疾人日专场", held_on=date(2026, 12, 3), venue="上虞区人力资源市场",
                       venue_accessibility=["step_free_access"])
    seekers = [make_seeker(db, township, category=4), make_seeker(db, other_township, category=2),
               make_seeker(db, township, category=2)]
    return dict(db=db, fair=fair, employer=employer, position=position, outsider=outsider, seekers=seekers,
                staff=make_user(db, Role.STAFF))


def test_planning_needs_employers_positions_and_attendees(setting):
    db, fair = setting["db"], setting["fair"]
    assert planning_problem(fair) == "no_employers"
    invite_employer(db, fair, setting["employer"].id, "A01")
    db.refresh(fair)
    assert planning_problem(fair) == "no_positions"
    with pytest.raises(FairError) as twice:
        invite_employer(db, fair, setting["employer"].id)
    assert twice.value.code == "already_invited"
    with pytest.raises(FairError) as not_invited:
        add_position(db, fair, setting["outsider"].id, 2)
    assert not_invited.value.code == "employer_not_invited"
    with pytest.raises(FairError) as none:
        add_position(db, fair, setting["position"].id, 0)
    assert none.value.code == "openings_too_few"
    add_position(db, fair, setting["position"].id, 2)
    register_attendee(db, fair, setting["seekers"][0].id, AttendeeSource.ADVANCE, NOW)
    db.refresh(fair)
    assert planning_problem(fair) is None


def test_outcomes_only_for_attendees_and_a_hire_counts_once(setting):
    db, fair, position = setting["db"], setting["fair"], setting["position"]
    invite_employer(db, fair, setting["employer"].id, "A01")
    add_position(db, fair, position.id, 2)
    early, door, absent = setting["seekers"]
    registered = register_attendee(db, fair, early.id, AttendeeSource.ADVANCE, NOW)
    at_door = register_attendee(db, fair, door.id, AttendeeSource.DOOR, NOW)
    assert at_door.checked_in_at == NOW and registered.checked_in_at is None
    with pytest.raises(FairError) as twice:
        register_attendee(db, fair, door.id, AttendeeSource.DOOR, NOW)
    assert twice.value.code == "already_registered_checked_in"
    with pytest.raises(FairError) as not_yet:
        set_outcomes(db, fair, early.id, {position.id: {"interviewed"}}, NOW)
    assert not_yet.value.code == "did_not_attend"
    with pytest.raises(FairError) as stranger:
        set_outcomes(db, fair, absent.id, {position.id: {"interviewed"}}, NOW)
    assert stranger.value.code == "not_registered"
    check_in(db, registered, NOW)
    with pytest.raises(FairError):
        check_in(db, registered, NOW)
    with pytest.raises(FairError) as both:
        set_outcomes(db, fair, early.id, {position.id: {"hired", "declined"}}, NOW)
    assert both.value.code == "hired_and_declined"
    with pytest.raises(FairError) as elsewhere:
        set_outcomes(db, fair, early.id, {setting["outsider"].id: {"interviewed"}}, NOW)
    assert elsewhere.value.code == "position_not_at_fair"

    staff = setting["staff"]
    first = set_outcomes(db, fair, early.id, {position.id: {"hired"}}, NOW, staff.id)
    assert first == {"added": 3, "removed": 0, "employments": 1}  # interviewed and offered implied
    again = set_outcomes(db, fair, early.id, {position.id: {"interviewed", "offered", "hired"}}, NOW, staff.id)
    assert again == {"added": 0, "removed": 0, "employments": 0}
    employments = db.scalars(select(Employment).where(Employment.seeker_id == early.id)).all()
    assert len(employments) == 1 and employments[0].source == "fair" and employments[0].employer_id == \
        setting["employer"].id and employments[0].start_on == date(2026, 12, 3)
    assert not early.is_looking
    set_outcomes(db, fair, door.id, {position.id: {"declined"}}, NOW, staff.id)

    report = fair_report(db, fair)
    assert (report["employers"], report["positions"], report["openings"], report["registered"],
            report["attendees"]) == (1, 1, 2, 2, 2)
    assert (report["interviews"], report["offers"], report["hires"], report["declined"]) == (2, 2, 1, 1)
    assert report["hire_rate"] == 0.5
    assert [(t.code, f.attendees, f.hired) for t, f in report["by_township"]] == [("01", 1, 1), ("02", 1, 0)]
    assert [(c, f.attendees, f.hired) for c, f in report["by_category"]] == [(2, 1, 0), (4, 1, 1)]
    history = outcomes_history(db)
    assert {"seeker_id": early.ref, "position_id": position.ref, "outcome": "hired"}.items() <= history[-1].items() \
        or any(h["seeker_id"] == early.ref and h["outcome"] == "hired" for h in history)

    # undoing the hire removes its employment record: nothing counted that did not happen
    set_outcomes(db, fair, early.id, {position.id: {"interviewed"}}, NOW, staff.id)
    assert db.scalar(select(func.count()).select_from(Employment).where(Employment.seeker_id == early.id)) == 0
    assert db.scalar(select(func.count()).select_from(FairOutcome).where(FairOutcome.seeker_id == early.id)) == 1
