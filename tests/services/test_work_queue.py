"""The staff work queue: each kind of work comes onto it when due, leaves it when done, and can be given to a
colleague (calls and check-ins where they are given anyway)."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from models import (Application, ApplicationState, AuditEntry, CheckIn, CheckInState, Course, DeclarationStatus,
                    Employment, EmploymentSource, FollowUpPlan, InterviewState, Offer, OfferState, QuotaDeclaration, Role,
                    SignUp, SignUpState, TrainingSession, WorkAssignment)
from services import employers, insurance, interviews, outreach, work_queue
from services.clock import Clock
from services.work_queue import WorkQueueError
from tests.factories import make_employer, make_position, make_seeker, make_township, make_user

pytestmark = pytest.mark.db

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 3, 9, 0, tzinfo=TZ)
DAY = NOW.date()
CLOCK = Clock(TZ, fixed_now=NOW)


@pytest.fixture
def world(db):
    """One open item of every kind, and one of most kinds that is not due yet."""
    township = make_township(db)
    employer = make_employer(db, township, name="上虞伞业")
    boss = make_user(db, Role.EMPLOYER, employer=employer)
    me, colleague = make_user(db, Role.STAFF, display_name="王芳"), make_user(db, Role.STAFF, display_name="李强")
    seekers = [make_seeker(db, township, name=f"张{n}", phone="13800000000") for n in range(6)]
    seekers[2].user = make_user(db, Role.SEEKER)  # told of the interview in the app, not by a call
    jobs = [make_position(db, employer, f"岗位{n}") for n in range(4)]
    apps = [Application(seeker=s, position=j, state=ApplicationState.APPLIED) for s, j in zip(seekers, jobs)]
    db.add_all(apps)
    rows = {}
    rows["declaration"] = QuotaDeclaration(employer=employer, year=2025, status=DeclarationStatus.SUBMITTED,
                                           staff_by_month=[120] * 12, total_wages=Decimal("9000000"),
                                           submitted_at=NOW - timedelta(days=2))
    rows["offer"] = Offer(application=apps[0], start_on=DAY + timedelta(days=10), monthly_pay=3200, hours_per_week=40,
                          contract_months=12, answer_by=DAY + timedelta(days=3))
    later_offer = Offer(application=apps[1], start_on=DAY + timedelta(days=30), monthly_pay=3200, hours_per_week=40,
                        contract_months=12, answer_by=DAY + timedelta(days=20))
    db.add_all([rows["declaration"], rows["offer"], later_offer])
    proposal = interviews.Proposal([(NOW + timedelta(hours=26), 45)], "二楼会议室", "", "王经理", "0575-1234", [])
    rows["interview"] = interviews.propose(db, apps[2], proposal, by=boss, now=NOW)
    interviews.pick_slot(db, rows["interview"], rows["interview"].slots[0].id, by=boss, now=NOW)
    course = Course(title_zh="面点", title_en="Pastry")
    training = TrainingSession(course=course, starts_on=DAY + timedelta(days=14), ends_on=DAY + timedelta(days=20),
                               place="残疾人之家", capacity=10)
    rows["training_offer"] = SignUp(session=training, seeker=seekers[3], state=SignUpState.OFFERED,
                                    offer_expires_at=NOW + timedelta(hours=20))
    later_sign_up = SignUp(session=training, seeker=seekers[4], state=SignUpState.OFFERED,
                           offer_expires_at=NOW + timedelta(hours=60))
    employment = Employment(seeker=seekers[5], employer=employer, start_on=DAY - timedelta(days=85),
                            source=EmploymentSource.STAFF)
    plan = FollowUpPlan(employment=employment, assigned_to_id=None)
    rows["check_in"] = CheckIn(months=3, due_on=DAY + timedelta(days=5))
    plan.check_ins = [rows["check_in"], CheckIn(months=6, due_on=DAY + timedelta(days=95))]
    db.add_all([course, training, rows["training_offer"], later_sign_up, plan])
    rows["registration"] = employers.register_employer(
        db, credit_code="91330604MA2BCDEF1X"[:17] + "0", name="新注册公司", headcount=40, township_id=township.id,
        industry="C", address=None, contact_phone=None, display_name="赵经理", username="new@test",
        password="a long enough password 1").employer
    outreach.notify_seeker(db, seekers[0], "fair_changed", fair_id=1, fair="专场招聘会", held_on="2026-12-10",
                           venue="残疾人之家")
    rows["call"] = db.scalar(select(outreach.Outreach))
    rows["insurance_file"] = insurance.import_file(db, "bad.csv", b"id_number,credit_code,year\n")
    db.flush()
    return dict(db=db, me=me, colleague=colleague, rows=rows, boss=boss, later_offer=later_offer,
                later_sign_up=later_sign_up)


def ids(db, user, who="everyone"):
    return {g.kind: [i.id for i in g.items] for g in work_queue.queue(db, CLOCK, user.id, who)}


def test_each_kind_of_work_comes_onto_the_queue_when_due(world):
    db, rows = world["db"], world["rows"]
    groups = {g.kind: g for g in work_queue.queue(db, CLOCK, world["me"].id)}
    assert list(groups) == list(work_queue.KINDS)
    for kind, row in rows.items():
        assert groups[kind].total == 1 and [i.id for i in groups[kind].items] == [row.id], kind
    # what is not due yet waits: an offer to answer in 20 days, a place held for 60 hours, a check-in in 3 months
    assert world["later_offer"].id not in ids(db, world["me"])["offer"]
    item = {g.kind: g.items[0] for g in groups.values()}
    assert item["offer"].day == DAY + timedelta(days=3)
    assert item["interview"].day == DAY + timedelta(days=1)
    assert item["check_in"].day == DAY + timedelta(days=5)
    assert (item["offer"].endpoint, item["offer"].args) == ("hiring.offer", {"offer_id": rows["offer"].id})
    assert item["call"].args == {"township": rows["call"].seeker.township_id}
    assert work_queue.open_count(db, CLOCK, world["me"].id) == len(rows)


def test_an_item_leaves_the_queue_when_its_own_service_closes_it(world):
    db, rows, me = world["db"], world["rows"], world["me"]
    rows["declaration"].status = DeclarationStatus.APPROVED
    rows["offer"].state = OfferState.ACCEPTED
    rows["interview"].state = InterviewState.CANCELLED
    rows["training_offer"].state = SignUpState.CONFIRMED
    rows["check_in"].state = CheckInState.DONE
    employers.mark_checked(db, rows["registration"], by_user_id=me.id, now=NOW)
    outreach.record_call(db, rows["call"].id, "done", me.id)
    insurance.settle_rejected(db, rows["insurance_file"].id, by_user_id=me.id, now=NOW)
    db.flush()
    assert all(not items for items in ids(db, me).values())
    assert work_queue.open_count(db, CLOCK, me.id) == 0
    with pytest.raises(employers.RegistrationCheckError):
        employers.mark_checked(db, rows["registration"], by_user_id=me.id, now=NOW)
    with pytest.raises(insurance.SettleError):
        insurance.settle_rejected(db, rows["insurance_file"].id, by_user_id=me.id, now=NOW)


def test_items_are_given_to_colleagues_and_filtered_by_whose(world):
    db, rows, me, colleague = world["db"], world["rows"], world["me"], world["colleague"]
    for kind in work_queue.KINDS:
        work_queue.assign(db, CLOCK, kind, rows[kind].id, colleague.id, by_user_id=me.id)
    assert all(items for items in ids(db, colleague, "mine").values())
    assert not any(ids(db, me, "mine").values()) and not any(ids(db, me, "unassigned").values())
    assert work_queue.open_count(db, CLOCK, me.id) == 0
    assert work_queue.open_count(db, CLOCK, colleague.id) == len(rows)
    # the call and the check-in are given where they always were: the call list, the follow-up plan
    assert rows["call"].assigned_to_id == colleague.id
    assert rows["check_in"].plan.assigned_to_id == colleague.id
    assert db.scalar(select(WorkAssignment.user_id).where(WorkAssignment.kind == "offer")) == colleague.id
    # given to me, then to nobody
    work_queue.assign(db, CLOCK, "offer", rows["offer"].id, me.id, by_user_id=me.id)
    assert ids(db, me, "mine")["offer"] == [rows["offer"].id]
    work_queue.assign(db, CLOCK, "offer", rows["offer"].id, None, by_user_id=me.id)
    assert ids(db, me, "unassigned")["offer"] == [rows["offer"].id]
    assert ids(db, me, "mine_and_open")["offer"] == [rows["offer"].id]
    logged = db.scalars(select(AuditEntry.detail).where(AuditEntry.subject_type == "work_item")).all()
    assert {"kind": "offer", "assigned_to": None} in logged and len(logged) == 8


@pytest.mark.parametrize("kind, item, colleague, code", [
    ("parcel", 1, "colleague", "no_such_kind"),
    ("offer", 999_999, "colleague", "no_such_item"),
    ("offer", "later_offer", "colleague", "no_such_item"),
    ("offer", "offer", "boss", "no_such_colleague"),
    ("call", "call", "inactive", "no_such_colleague"),
])
def test_giving_work_refuses_unknown_kinds_items_and_people_who_are_not_active_staff(world, kind, item, colleague,
                                                                                     code):
    db = world["db"]
    world["inactive"] = make_user(db, Role.STAFF, is_active=False)
    item_id = item if isinstance(item, int) else (world["rows"].get(item) or world[item]).id
    with pytest.raises(WorkQueueError) as refused:
        work_queue.assign(db, CLOCK, kind, item_id, world[colleague].id, by_user_id=world["me"].id)
    assert refused.value.code == code
    assert db.scalar(select(WorkAssignment)) is None
