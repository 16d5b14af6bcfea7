"""From an application to a job that lasts: interviews, offers the person answers, the hire, follow-up
check-ins, leaving, retention and the outcome events the matcher learns from."""

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from models import (ApplicationState, CheckInState, Employment, EmploymentSource, InsurancePayment, Notification,
                    OutcomeEvent, Role, TownshipStaff)
from services import applications, calendar, followups, hires, insurance, interviews, offers, ranking, retention
from services.placement_settings import PlacementSettings
from tests.factories import make_employer, make_position, make_seeker, make_township, make_user

pytestmark = pytest.mark.db

TZ = timezone(timedelta(hours=8))
NOW = datetime(2026, 12, 3, 9, 0, tzinfo=TZ)
DAY = NOW.date()
SETTINGS = PlacementSettings(offer_days=5, follow_up_months=(1, 3, 6, 12))


@pytest.fixture
def world(db):
    township = make_township(db)
    employer = make_employer(db, township, name="上虞伞业", industry="C")
    boss = make_user(db, Role.EMPLOYER, employer=employer)
    staff, officer = make_user(db, Role.STAFF), make_user(db, Role.STAFF)
    db.add(TownshipStaff(township_id=township.id, user_id=officer.id))
    seeker = make_seeker(db, township, consent_share=True, user=make_user(db, Role.SEEKER))
    job = make_position(db, employer, "伞面缝制工", wage=3200, hours_per_week=40)
    application = applications.move(db, seeker, job, ApplicationState.APPLIED, seeker.user, today=DAY)
    return dict(db=db, employer=employer, boss=boss, staff=staff, officer=officer, seeker=seeker, job=job,
                application=application, township=township)


def proposal(*hours_ahead, place="上虞伞业二楼会议室"):
    return interviews.Proposal([(NOW + timedelta(hours=h), 45) for h in hours_ahead], place, "", "王经理", "0575-1234",
                               ["step_free_access", "quiet_room"])


def kinds(db, user):
    return [n.kind for n in db.scalars(select(Notification).where(Notification.user_id == user.id)
                                       .order_by(Notification.id))]


def events(db, seeker):
    return [(e.kind.value, e.months) for e in db.scalars(select(OutcomeEvent).where(OutcomeEvent.seeker_id == seeker.id)
                                                         .order_by(OutcomeEvent.id))]


def test_an_interview_is_proposed_chosen_reminded_and_held(world):
    db, seeker = world["db"], world["seeker"]
    interview = interviews.propose(db, world["application"], proposal(26, 50), by=world["boss"], now=NOW)
    assert world["application"].state == ApplicationState.INTERVIEWING
    assert kinds(db, seeker.user) == ["interview_proposed"]
    interviews.ask_support(db, interview, ["sign_language", "extra_time"], "", by=seeker.user)
    interviews.pick_slot(db, interview, interview.slots[0].id, by=seeker.user, now=NOW)
    assert interview.state == "scheduled" and interview.chosen_slot is interview.slots[0]
    assert kinds(db, world["boss"]) == ["application_received", "interview_support_asked", "interview_scheduled"]
    # the day before: both are reminded, once
    assert interviews.send_reminders(db, NOW) == {"reminded": 1, "held": 0}
    assert interviews.send_reminders(db, NOW) == {"reminded": 0, "held": 0}
    assert kinds(db, seeker.user)[-1] == "interview_reminder_seeker"
    assert kinds(db, world["boss"])[-1] == "interview_reminder_employer"
    # staff see it in the week, with the support asked
    [row] = interviews.week_interviews(db, datetime(2026, 11, 30, tzinfo=TZ))
    assert row.interview is interview and row.interview.requested == ["extra_time", "sign_language"]
    # after its time it is held: an outcome
    assert interviews.mark_held(db, NOW + timedelta(hours=27)) == 1
    assert interview.state == "held" and ("interviewed", None) in events(db, seeker)


def test_interview_proposals_and_answers_are_checked(world):
    db, seeker = world["db"], world["seeker"]
    for bad, code in ((proposal(), "no_slots"), (proposal(-1), "slot_past"), (proposal(*range(1, 7)), "too_many_slots"),
                      (proposal(5, place=""), "place_or_link")):
        with pytest.raises(interviews.InterviewError) as refused:
            interviews.propose(db, world["application"], bad, by=world["boss"], now=NOW)
        assert refused.value.code == code
    interview = interviews.propose(db, world["application"], proposal(5), by=world["boss"], now=NOW)
    with pytest.raises(interviews.InterviewError, match="slot_unknown"):
        interviews.pick_slot(db, interview, -1, by=seeker.user, now=NOW)
    with pytest.raises(interviews.InterviewError, match="nothing_asked"):
        interviews.ask_support(db, interview, [], " ", by=seeker.user)
    interviews.ask_another_time(db, interview, "下周上午", by=seeker.user)
    assert interview.state == "another_time" and kinds(db, world["boss"])[-1] == "interview_another_time"
    # new times replace the old ones on the same interview
    again = interviews.propose(db, world["application"], proposal(30, 54), by=world["boss"], now=NOW)
    assert again is interview and len(again.slots) == 2 and again.state == "proposed"


def test_only_the_people_concerned_read_an_interview(world):
    db = world["db"]
    interview = interviews.propose(db, world["application"], proposal(5), by=world["boss"], now=NOW)
    stranger = make_user(db, Role.SEEKER)
    other_boss = make_user(db, Role.EMPLOYER, employer=make_employer(db, world["township"], name="别家公司"))
    assert interviews.readable_interview(db, world["seeker"].user, interview.id) is interview
    assert interviews.readable_interview(db, world["staff"], interview.id) is interview
    assert interviews.readable_interview(db, stranger, interview.id) is None
    assert interviews.readable_interview(db, other_boss, interview.id) is None


def make_offer(world, **terms):
    fields = dict(start_on=DAY + timedelta(days=11), monthly_pay=3400, hours_per_week=40, contract_months=12,
                  accommodations=["step_free_access"], note="")
    fields.update(terms)
    return offers.make_offer(world["db"], world["application"], by=world["boss"], today=DAY, settings=SETTINGS,
                             **fields)


def test_an_accepted_offer_records_the_hire_and_starts_the_follow_up_plan(world):
    db, seeker = world["db"], world["seeker"]
    offer = make_offer(world)
    assert offer.answer_by == DAY + timedelta(days=5) and kinds(db, seeker.user)[-1] == "offer_made"
    with pytest.raises(offers.OfferError, match="open_offer"):
        make_offer(world)
    offers.answer(db, offer, True, by=seeker.user, today=DAY)
    [employment] = db.scalars(select(Employment).where(Employment.seeker_id == seeker.id)).all()
    assert (employment.start_on, employment.monthly_wage, employment.source) == (offer.start_on, 3400, "application")
    assert world["application"].state == ApplicationState.HIRED and not seeker.is_looking
    assert kinds(db, world["boss"])[-1] == "offer_accepted"
    plan = followups.plan_of(db, employment.id)
    assert plan.assigned_to_id == world["officer"].id
    assert [(c.months, c.due_on) for c in plan.check_ins] == [
        (1, date(2027, 1, 14)), (3, date(2027, 3, 14)), (6, date(2027, 6, 14)), (12, date(2027, 12, 14))]
    assert [k for k, _m in events(db, seeker)] == ["applied", "offered", "accepted", "hired"]
    with pytest.raises(offers.OfferError, match="answered"):
        offers.answer(db, offer, False, by=seeker.user, today=DAY)


def test_staff_answer_for_a_person_with_the_reason_and_others_cannot(world):
    db, seeker = world["db"], world["seeker"]
    offer = make_offer(world)
    with pytest.raises(offers.OfferError, match="reason_required"):
        offers.answer(db, offer, False, by=world["staff"], today=DAY)
    with pytest.raises(offers.OfferError, match="not_yours"):
        offers.answer(db, offer, True, by=world["boss"], today=DAY)
    offers.answer(db, offer, False, by=world["staff"], reason="电话里说路太远", today=DAY)
    assert (offer.state, offer.answered_by_staff, offer.answer_reason) == ("declined", True, "电话里说路太远")
    assert world["application"].state == ApplicationState.WITHDRAWN
    assert kinds(db, seeker.user)[-1] == "offer_answered_by_staff"
    assert kinds(db, world["boss"])[-1] == "offer_declined"


def test_offer_terms_are_checked(world):
    for terms, code in (({"start_on": DAY - timedelta(days=1)}, "start_past"), ({"monthly_pay": 0}, "pay"),
                        ({"hours_per_week": 61}, "hours"), ({"contract_months": -1}, "contract"),
                        ({"accommodations": ["a_pony"]}, "unknown_accommodation")):
        with pytest.raises(offers.OfferError) as refused:
            make_offer(world, **terms)
        assert refused.value.code == code


def test_an_offer_not_answered_in_time_expires_and_both_are_told(world):
    db = world["db"]
    offer = make_offer(world)
    assert offers.expire_offers(db, offer.answer_by) == 0  # the last day is still open
    assert offers.expire_offers(db, offer.answer_by + timedelta(days=1)) == 1
    assert offers.expire_offers(db, offer.answer_by + timedelta(days=2)) == 0
    assert offer.state == "expired"
    assert kinds(db, world["seeker"].user)[-1] == "offer_expired_seeker"
    assert kinds(db, world["boss"])[-1] == "offer_expired_employer"
    with pytest.raises(offers.OfferError, match="answered"):
        offers.answer(db, offer, True, by=world["seeker"].user, today=offer.answer_by + timedelta(days=1))


def test_the_employer_can_no_longer_set_interviewing_offered_or_hired_by_itself(world):
    for state in (ApplicationState.INTERVIEWING, ApplicationState.OFFERED, ApplicationState.HIRED):
        with pytest.raises(applications.ApplicationError):
            applications.move(world["db"], world["seeker"], world["job"], state, world["boss"], today=DAY)


def hired(world, start_on=date(2026, 1, 5)):
    return hires.record_hire(world["db"], world["seeker"], employer_id=world["employer"].id, position=world["job"],
                             start_on=start_on, source=EmploymentSource.STAFF, by_user_id=world["staff"].id,
                             settings=SETTINGS).employment


def test_a_check_in_records_how_it_went_and_asks_the_employer_only_what_concerns_it(world):
    db = world["db"]
    employment = hired(world)
    first = followups.plan_of(db, employment.id).check_ins[0]
    record = followups.CheckInRecord(
        done_on=date(2026, 2, 6), method="visit", still_employed=True, satisfaction_person=4, satisfaction_employer=5,
        problems=["transport", "health"], notes="腰痛复发，已转介康复", supports=[
            ("job_coach", date(2026, 3, 1), ""), ("accommodation", date(2026, 2, 20), "请为工位加装扶手")])
    followups.record_check_in(db, first, record, by=world["officer"], today=DAY)
    assert first.state == CheckInState.DONE and first.problems == ["health", "transport"]
    [item] = followups.employer_items(db, world["employer"].id)
    assert (item.kind, item.due_on, item.note) == ("accommodation", date(2026, 2, 20), "请为工位加装扶手")
    assert "腰痛" not in repr(item) and "health" not in repr(item)
    assert kinds(db, world["boss"])[-1] == "follow_up_request"
    with pytest.raises(followups.CheckInError, match="done"):
        followups.record_check_in(db, first, record, by=world["officer"], today=DAY)
    second = followups.plan_of(db, employment.id).check_ins[1]
    for bad, code in (({"method": "pigeon"}, "method"), ({"still_employed": None}, "still_employed"),
                      ({"satisfaction_person": 6}, "satisfaction"), ({"problems": ["weather"]}, "problem"),
                      ({"supports": [("massage", DAY, "")]}, "support"),
                      ({"supports": [("training", date(2026, 1, 1), "")]}, "support_due"),
                      ({"done_on": DAY + timedelta(days=1)}, "future")):
        with pytest.raises(followups.CheckInError) as refused:
            followups.record_check_in(db, second, record.__class__(**{**record.__dict__, **bad}), by=world["officer"],
                                      today=DAY)
        assert refused.value.code == code


def test_leaving_ends_the_employment_opens_a_check_in_within_a_week_and_the_person_is_matchable_again(world):
    db, seeker = world["db"], world["seeker"]
    employment = hired(world, start_on=date(2026, 6, 1))
    assert not seeker.listed
    with pytest.raises(hires.HireError, match="end_future"):
        hires.end_employment(db, employment, DAY + timedelta(days=1), by_user_id=world["boss"].id, reason="left",
                             today=DAY)
    hires.end_employment(db, employment, date(2026, 11, 30), by_user_id=world["boss"].id, reason="left",
                         note="搬家了", today=DAY)
    assert (employment.end_on, employment.end_reason) == (date(2026, 11, 30), "left: 搬家了")
    assert seeker.listed
    check_ins = followups.plan_of(db, employment.id).check_ins
    assert {c.state for c in check_ins if c.months} == {CheckInState.CANCELLED}
    [after] = [c for c in check_ins if c.months is None]
    assert after.due_on == DAY + timedelta(days=7)
    assert followups.queue(db, world["officer"].id, DAY + timedelta(days=7)) == [after]
    assert kinds(db, world["officer"])[-1] == "employment_ended" and kinds(db, world["staff"]) == []
    assert events(db, seeker)[-1] == ("left", 5)


def test_insurance_stopped_ends_the_employment_on_the_last_month_paid(world, tmp_path):
    db, seeker, employer = world["db"], world["seeker"], world["employer"]
    employment = hired(world, start_on=date(2026, 1, 5))
    citizen = seeker.certificate_number[:18]
    (tmp_path / "2026.csv").write_text(
        "id_number,credit_code,year,months\n" f"{citizen},{employer.credit_code},2026,1-8\n"
        f"110101199003074514,{employer.credit_code},2026,1-10\n", encoding="utf-8")
    result = insurance.import_insurance_inbox(db, tmp_path)
    assert result["stopped"] == 1
    assert (employment.end_on, employment.end_reason) == (date(2026, 8, 31), "insurance_stopped")
    assert seeker.is_looking
    assert db.scalar(select(InsurancePayment.id).limit(1)) is not None


def test_retention_counts_placements_old_enough_and_still_employed_then(world):
    db = world["db"]
    township = world["township"]
    for start, end in ((date(2025, 1, 10), None), (date(2025, 1, 10), date(2025, 5, 1)),
                       (date(2026, 8, 1), None)):
        person = make_seeker(db, township, category=2)
        employment = hires.record_hire(db, person, employer_id=world["employer"].id, start_on=start,
                                       source=EmploymentSource.STAFF, by_user_id=None, settings=SETTINGS).employment
        employment.end_on = end
    declared = make_seeker(db, township)
    hires.record_hire(db, declared, employer_id=world["employer"].id, start_on=date(2025, 1, 1),
                      source=EmploymentSource.DECLARATION, by_user_id=None)
    [row] = retention.retention(db, "category", DAY)
    assert row.key == 2 and row.cells == {3: [3, 3], 6: [1, 2], 12: [1, 2]}
    assert row.share(6) == 0.5
    [trade] = retention.retention(db, "trade", DAY)
    assert trade.key == "C" and retention.total([trade]).cells[3] == [3, 3]


def test_outcome_events_reach_the_learner_and_a_short_stay_counts_as_an_offer(world):
    db, seeker = world["db"], world["seeker"]
    employment = hired(world, start_on=date(2026, 10, 1))
    hires.end_employment(db, employment, date(2026, 11, 15), by_user_id=None, reason="left", today=DAY)
    found = {(o.seeker_id, o.position_id): o.outcome for o in ranking.recorded_outcomes(db)}
    assert found[(seeker.ref, world["job"].ref)] == "offered"


def test_the_calendar_file_is_rfc_5545():
    body = calendar.event(uid="interview-7@ablematch", starts_at=NOW, minutes=45, summary="面试：伞面缝制工, 上虞伞业",
                          location="上虞区; 二楼\n会议室", description="联系人：" + "王" * 40, stamp=NOW)
    lines = body.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-1] == b"" and b"DTSTART:20261203T010000Z" in lines
    assert b"DTEND:20261203T014500Z" in lines
    assert "LOCATION:上虞区\\; 二楼\\n会议室".encode() in lines
    assert all(len(line) <= 75 for line in lines)
    unfolded = body.replace(b"\r\n ", b"").decode("utf-8")
    assert "SUMMARY:面试：伞面缝制工\\, 上虞伞业" in unfolded and "DESCRIPTION:联系人：" + "王" * 40 in unfolded


def test_placement_settings_come_from_configuration():
    assert PlacementSettings.from_settings({}) == PlacementSettings(7, (1, 3, 6, 12))
    assert PlacementSettings.from_settings({"ABLEMATCH_OFFER_DAYS": "10", "ABLEMATCH_FOLLOW_UP_MONTHS": "2, 6"}) == \
        PlacementSettings(10, (2, 6))
    with pytest.raises(ValueError):
        PlacementSettings.from_settings({"ABLEMATCH_OFFER_DAYS": "0"})
