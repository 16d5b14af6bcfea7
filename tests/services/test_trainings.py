"""Training sign-ups as plain functions: places, the waiting list, offers, reordering, attendance, the year report."""

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import delete, select

from models import AuditEntry, Course, Notification, Outreach, Role, SignUp, SignUpState, TrainingSession
from services.trainings import (SignUpError, accept_offer, cancel_session, check_eligibility, decline_offer,
                                expire_offers, move_in_waiting_list, places_left, record_attendance, record_completion,
                                sign_up, upcoming_sessions, waiting_list, withdraw, year_report)
from tests.factories import make_seeker, make_township, make_user

pytestmark = pytest.mark.db

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def township(db):
    return make_township(db)


@pytest.fixture
def training(db):
    def make(capacity=2, starts_on=date(2026, 4, 1), **fields):
        course = Course(title_zh="面点", title_en="Pastry")
        session = TrainingSession(course=course, starts_on=starts_on, ends_on=starts_on + timedelta(days=5),
                                  place="上虞区残联", capacity=capacity, **fields)
        db.add(session)
        db.flush()
        return session
    return make


def people(db, township, n):
    return [make_seeker(db, township, user=make_user(db, Role.SEEKER)) for _ in range(n)]


def test_places_then_waiting_list_in_arrival_order(db, township, training):
    session = training(capacity=2)
    a, b, c, d = people(db, township, 4)
    states = [sign_up(db, session.id, s.id, NOW).state for s in (a, b, c, d)]
    assert states == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    assert places_left(db, session) == 0
    assert [e.seeker_id for e in waiting_list(db, session.id)] == [c.id, d.id]


def test_no_limit_confirms_everyone(db, township, training):
    session = training(capacity=None)
    assert {sign_up(db, session.id, s.id, NOW).state for s in people(db, township, 5)} == {SignUpState.CONFIRMED}
    assert places_left(db, session) is None


def test_refusals_name_the_reason(db, township, training):
    session = training(capacity=1)
    (a,) = people(db, township, 1)
    entry = sign_up(db, session.id, a.id, NOW)
    with pytest.raises(SignUpError) as twice:
        sign_up(db, session.id, a.id, NOW)
    assert twice.value.code == "already_signed_up"
    past = training(starts_on=date(2026, 2, 1))
    with pytest.raises(SignUpError) as late:
        sign_up(db, past.id, a.id, NOW)
    assert late.value.code == "session_started"
    with pytest.raises(SignUpError) as missing:
        sign_up(db, 999999, a.id, NOW)
    assert missing.value.code == "no_such_session"


def test_a_person_who_withdrew_can_sign_up_again_as_a_new_arrival(db, township, training):
    session = training(capacity=1)
    a, b = people(db, township, 2)
    first = sign_up(db, session.id, a.id, NOW)
    withdraw(db, first.id, NOW)  # nobody waits: the place is simply free again
    again = sign_up(db, session.id, a.id, NOW + timedelta(hours=1))
    assert (again.id, again.state) == (first.id, SignUpState.CONFIRMED)
    withdraw(db, again.id, NOW + timedelta(hours=2))
    taken = sign_up(db, session.id, b.id, NOW + timedelta(hours=3))
    assert taken.state == SignUpState.CONFIRMED
    behind = sign_up(db, session.id, a.id, NOW + timedelta(hours=4))
    assert behind.state == SignUpState.WAITLISTED  # the place went to b meanwhile: a joins the line


def test_eligibility_by_category_and_ability(db, township, training):
    session = training(eligibility={"categories": [2], "min_abilities": {"fine_motor": 3}})
    hearing = make_seeker(db, township, category=2, abilities={"fine_motor": 4})
    physical = make_seeker(db, township, category=4, abilities={"fine_motor": 1})
    assert check_eligibility(session, hearing).eligible
    result = check_eligibility(session, physical)
    assert not result.eligible and result.categories == [2] and result.abilities == {"fine_motor": (3, 1)}
    with pytest.raises(SignUpError) as refused:
        sign_up(db, session.id, physical.id, NOW)
    assert refused.value.code == "not_eligible"
    assert sign_up(db, session.id, hearing.id, NOW).state == "confirmed"
    # an item not assessed is to be checked by staff, never read as "cannot"
    unassessed = make_seeker(db, township, category=2, abilities={})
    assert check_eligibility(session, unassessed).eligible


def test_a_freed_place_is_offered_to_the_next_in_line_who_accepts(db, township, training):
    session = training(capacity=1, offer_hours=48)
    a, b, c = people(db, township, 3)
    first = sign_up(db, session.id, a.id, NOW)
    second = sign_up(db, session.id, b.id, NOW)
    third = sign_up(db, session.id, c.id, NOW)
    withdraw(db, first.id, NOW)
    assert second.state == "offered" and second.offer_expires_at == NOW + timedelta(hours=48)
    assert third.state == "waitlisted"
    assert db.scalar(select(Notification).where(Notification.kind == "training_offer")).user_id == b.user_id
    accept_offer(db, second.id, NOW + timedelta(hours=47))
    assert second.state == "confirmed" and second.offer_expires_at is None
    with pytest.raises(SignUpError) as no_offer:
        accept_offer(db, second.id, NOW)
    assert no_offer.value.code == "no_offer"


def test_declined_and_expired_offers_pass_on(db, township, training):
    session = training(capacity=1, offer_hours=24)
    a, b, c, d = people(db, township, 4)
    entries = [sign_up(db, session.id, s.id, NOW) for s in (a, b, c, d)]
    withdraw(db, entries[0].id, NOW)
    decline_offer(db, entries[1].id, NOW)
    assert entries[1].state == "withdrawn" and entries[2].state == "offered"
    assert expire_offers(db, NOW + timedelta(hours=23)) == 0
    assert expire_offers(db, NOW + timedelta(hours=24)) == 1
    assert entries[2].state == "withdrawn" and entries[3].state == "offered"
    assert expire_offers(db, NOW + timedelta(hours=24)) == 0  # safe to run twice
    # accepting too late is refused and changes nothing; the hourly expiry passes the place on
    with pytest.raises(SignUpError) as late:
        accept_offer(db, entries[3].id, NOW + timedelta(hours=72))
    assert late.value.code == "offer_expired" and entries[3].state == "offered"
    assert expire_offers(db, NOW + timedelta(hours=72)) == 1
    assert entries[3].state == "withdrawn" and places_left(db, session) == 1


def test_staff_reorder_the_waiting_list_with_a_reason_logged(db, township, training):
    session = training(capacity=1)
    staff = make_user(db, Role.STAFF)
    entries = [sign_up(db, session.id, s.id, NOW) for s in people(db, township, 4)]
    with pytest.raises(SignUpError) as no_reason:
        move_in_waiting_list(db, entries[3].id, 1, "  ", staff.id, NOW)
    assert no_reason.value.code == "reason_missing"
    with pytest.raises(SignUpError) as bad:
        move_in_waiting_list(db, entries[3].id, 9, "urgent", staff.id, NOW)
    assert bad.value.code == "bad_position" and bad.value.params == {"last": 3}
    move_in_waiting_list(db, entries[3].id, 1, "订单式培训的用人单位已面试", staff.id, NOW)
    assert [e.id for e in waiting_list(db, session.id)] == [entries[3].id, entries[1].id, entries[2].id]
    late = sign_up(db, session.id, make_seeker(db, township).id, NOW)
    assert waiting_list(db, session.id)[-1].id == late.id  # later arrivals still join at the end
    log = db.scalars(select(AuditEntry).where(AuditEntry.subject_id == entries[3].id,
                                              AuditEntry.subject_type == "sign_up")).all()
    assert log[-1].user_id == staff.id and log[-1].detail["reason"] == "订单式培训的用人单位已面试"
    assert log[-1].detail["from_position"] == 3 and log[-1].detail["to_position"] == 1
    withdraw(db, entries[0].id, NOW)
    assert entries[3].state == "offered"
    with pytest.raises(SignUpError) as not_waiting:
        move_in_waiting_list(db, entries[3].id, 1, "x", staff.id, NOW)
    assert not_waiting.value.code == "not_waiting"


def test_attendance_completion_and_the_year_report(db, township, training):
    s2025 = training(capacity=5, starts_on=date(2025, 5, 1))
    s2026 = training(capacity=5, starts_on=date(2026, 5, 1))
    people_ = people(db, township, 3)
    early = datetime(2025, 1, 1, tzinfo=timezone.utc)
    entries = [sign_up(db, s2025.id, s.id, early) for s in people_] + [sign_up(db, s2026.id, people_[0].id, NOW)]
    with pytest.raises(SignUpError) as premature:
        record_completion(db, entries[0].id, True, None)
    assert premature.value.code == "completion_needs_attendance"
    for entry in entries[:2] + entries[3:]:
        record_attendance(db, entry.id, True, None)
    record_completion(db, entries[0].id, True, None)
    withdraw(db, entries[2].id, NOW)
    with pytest.raises(SignUpError) as withdrawn:
        record_attendance(db, entries[2].id, True, None)
    assert withdrawn.value.code == "not_confirmed"
    with pytest.raises(SignUpError):
        withdraw(db, entries[0].id, NOW)  # attended: cannot withdraw any more
    assert year_report(db) == [
        {"year": 2025, "person_times": 2, "completed": 1, "people": 2, "sessions": 1},
        {"year": 2026, "person_times": 1, "completed": 0, "people": 1, "sessions": 1},
    ]
    record_attendance(db, entries[0].id, False, None)
    assert entries[0].state == "confirmed" and not entries[0].completed


def test_newcomers_join_the_end_of_a_line_with_priorities(db, township, training):
    """Lines loaded with priorities 1..n (as the demo's) still put a newcomer last."""
    session = training(capacity=1)
    entries = [sign_up(db, session.id, s.id, NOW) for s in people(db, township, 3)]
    for n, entry in enumerate(entries[1:], start=1):
        entry.priority = n
    db.flush()
    late = sign_up(db, session.id, make_seeker(db, township).id, NOW + timedelta(hours=1))
    assert [e.id for e in waiting_list(db, session.id)] == [entries[1].id, entries[2].id, late.id]


def test_cancelling_a_session_tells_everyone_signed_up_and_offers_nothing_more(db, township, training):
    session = training(capacity=2)
    staff = make_user(db, Role.STAFF)
    a, b, c, d = people(db, township, 4)
    no_login = make_seeker(db, township, name="没有账号")
    for seeker in (a, b, c, d):
        sign_up(db, session.id, seeker.id, NOW)
    withdraw(db, db.scalar(select(SignUp.id).where(SignUp.seeker_id == b.id)), NOW)  # c is offered b's place
    sign_up(db, session.id, no_login.id, NOW)  # in line behind d
    db.execute(delete(Notification))
    for reason in ("", "  "):
        with pytest.raises(SignUpError) as refused:
            cancel_session(db, session.id, reason, NOW, NOW.date(), user_id=staff.id)
        assert refused.value.code == "cancel_reason_missing"
    assert cancel_session(db, session.id, "老师生病", NOW, NOW.date(), user_id=staff.id) == 4  # a, c, d, no_login
    assert session.cancelled_at is not None and session.cancel_reason == "老师生病"
    told = db.scalars(select(Notification).where(Notification.kind == "training_cancelled")).all()
    assert sorted(n.user_id for n in told) == sorted(s.user_id for s in (a, c, d))
    assert told[0].params == {"session_id": session.id, "course": {"zh": "面点", "en": "Pastry"},
                              "starts_on": "2026-04-01", "reason": "老师生病"}
    call = db.scalar(select(Outreach).where(Outreach.kind == "training_cancelled"))
    assert call.seeker_id == no_login.id and call.state == "to_call"
    assert db.scalar(select(AuditEntry).where(AuditEntry.action == "cancel")).detail == {"reason": "老师生病"}
    # the offer no longer runs out (nobody is told it went to the next), and cannot be taken
    offered = db.scalar(select(SignUp).where(SignUp.seeker_id == c.id))
    assert offered.offer_expires_at is None and expire_offers(db, NOW + timedelta(days=5)) == 0
    with pytest.raises(SignUpError) as closed:
        accept_offer(db, offered.id, NOW)
    assert closed.value.code == "session_cancelled"
    withdraw(db, db.scalar(select(SignUp.id).where(SignUp.seeker_id == a.id)), NOW)  # frees a place: offered to nobody
    assert db.scalar(select(SignUp.state).where(SignUp.seeker_id == d.id)) == SignUpState.WAITLISTED
    with pytest.raises(SignUpError) as closed:
        sign_up(db, session.id, people(db, township, 1)[0].id, NOW)
    assert closed.value.code == "session_cancelled"
    with pytest.raises(SignUpError) as twice:
        cancel_session(db, session.id, "再次", NOW, NOW.date())
    assert twice.value.code == "already_cancelled"
    assert session not in upcoming_sessions(db, NOW.date()).items


def test_a_session_that_started_cannot_be_cancelled(db, training):
    session = training(starts_on=date(2026, 2, 27))
    with pytest.raises(SignUpError) as started:
        cancel_session(db, session.id, "太晚了", NOW, NOW.date())
    assert started.value.code == "cancel_started" and session.cancelled_at is None
