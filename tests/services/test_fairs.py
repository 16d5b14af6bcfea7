"""Fairs as plain functions: planning, registration and check-in, outcomes and the Employment a hire creates."""

from datetime import date, datetime, timezone

import pytest
from sqlalchemy import func, select

from models import AttendeeSource, AuditEntry, Employment, FairOutcome, Notification, Outreach, Role
from services.fairs import (FairError, add_position, cancel_fair, check_in, create_fair, fair_report, invite_employer,
                            outcomes_history, planning_problem, register_attendee, set_outcomes, upcoming_fairs)
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


def test_cancelling_a_fair_tells_everyone_registered_and_the_employers(setting):
    db, fair, staff = setting["db"], setting["fair"], setting["staff"]
    with_login = setting["seekers"][0]
    with_login.user = make_user(db, Role.SEEKER)
    employer_user = make_user(db, Role.EMPLOYER, employer=setting["employer"])
    invite_employer(db, fair, setting["employer"].id, "A01")
    for seeker in setting["seekers"][:2]:
        register_attendee(db, fair, seeker.id, AttendeeSource.ADVANCE, NOW.replace(day=1))
    db.refresh(fair)
    for reason in ("", "   "):
        with pytest.raises(FairError) as refused:
            cancel_fair(db, fair, reason, NOW, date(2026, 12, 1), user_id=staff.id)
        assert refused.value.code == "cancel_reason_missing"
    assert cancel_fair(db, fair, "场地检修", NOW, date(2026, 12, 1), user_id=staff.id) == (2, 1)
    assert fair.cancelled_at is not None and fair.cancel_reason == "场地检修"
    told = {"fair_id": fair.id, "fair": "国际残疾人日专场", "held_on": "2026-12-03", "reason": "场地检修"}
    in_app = db.scalars(select(Notification).where(Notification.kind.like("fair_cancelled%"))).all()
    assert {(n.user_id, n.kind) for n in in_app} == {(with_login.user_id, "fair_cancelled"),
                                                     (employer_user.id, "fair_cancelled_employer")}
    assert all(n.params == told for n in in_app)
    # the person without a login is on their township's call list, with the same words to read out
    call = db.scalar(select(Outreach).where(Outreach.kind == "fair_cancelled"))
    assert call.seeker_id == setting["seekers"][1].id and call.state == "to_call" and call.params == told
    entry = db.scalar(select(AuditEntry).where(AuditEntry.action == "cancel"))
    assert (entry.subject_id, entry.user_id, entry.detail) == (fair.id, staff.id, {"reason": "场地检修"})
    with pytest.raises(FairError) as twice:
        cancel_fair(db, fair, "再次", NOW, date(2026, 12, 1))
    assert twice.value.code == "already_cancelled"
    # nobody registers or checks in any more, and the fair leaves the fairs to come
    for source, now in ((AttendeeSource.ADVANCE, NOW.replace(day=1)), (AttendeeSource.DOOR, NOW)):
        with pytest.raises(FairError) as closed:
            register_attendee(db, fair, setting["seekers"][2].id, source, now)
        assert closed.value.code == "fair_cancelled"
    with pytest.raises(FairError) as closed:
        check_in(db, fair.attendees[0], NOW)
    assert closed.value.code == "fair_cancelled"
    for plan in (lambda: invite_employer(db, fair, setting["outsider"].employer_id),
                 lambda: add_position(db, fair, setting["position"].id, 1)):
        with pytest.raises(FairError) as closed:
            plan()
        assert closed.value.code == "fair_cancelled_plan"
    assert fair not in upcoming_fairs(db, date(2026, 12, 1)).items


def test_a_fair_past_or_held_cannot_be_cancelled(setting):
    db, fair = setting["db"], setting["fair"]
    with pytest.raises(FairError) as past:
        cancel_fair(db, fair, "太晚了", NOW, date(2026, 12, 4))
    assert past.value.code == "cancel_over"
    register_attendee(db, fair, setting["seekers"][0].id, AttendeeSource.DOOR, NOW)
    db.refresh(fair)
    with pytest.raises(FairError) as held:
        cancel_fair(db, fair, "下雨", NOW, date(2026, 12, 3))
    assert held.value.code == "cancel_held" and fair.cancelled_at is None
