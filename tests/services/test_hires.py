"""One way to record a hire: through an application, at a fair or from a declaration, with the same effects."""

from datetime import date, datetime, timezone

import pytest
from sqlalchemy import func, select

from models import Application, ApplicationState, AttendeeSource, Employment, EmploymentSource, Role
from services import applications, fairs, hires, interviews, offers
from services.placement_settings import PlacementSettings
from tests.factories import make_employer, make_position, make_seeker, make_township, make_user

pytestmark = pytest.mark.db

DAY = date(2026, 12, 3)
NOW = datetime(2026, 12, 3, 2, 0, tzinfo=timezone.utc)


@pytest.fixture
def world(db):
    township = make_township(db)
    first, second = make_employer(db, township, name="上虞伞业"), make_employer(db, township, name="曹娥包装")
    return dict(
        db=db, first=first, second=second, township=township,
        job=make_position(db, first, "伞面缝制工", wage=3200, hours_per_week=40),
        other_job=make_position(db, second, "包装工", wage=3000, hours_per_week=40),
        part_time=make_position(db, second, "周末理货员", wage=1200, hours_per_week=12),
        seeker=make_seeker(db, township, consent_share=True),
        boss=make_user(db, Role.EMPLOYER, employer=first), other_boss=make_user(db, Role.EMPLOYER, employer=second),
        staff=make_user(db, Role.STAFF))


def employments(db, seeker):
    return db.scalars(select(Employment).where(Employment.seeker_id == seeker.id).order_by(Employment.id)).all()


def offer(db, seeker, job, boss, start_on=DAY):
    """An offer on the person's application (made by staff for them when there is none)."""
    application = applications.find_application(db, seeker, job) or applications.move(
        db, seeker, job, ApplicationState.APPLIED, make_user(db, Role.STAFF), today=DAY)
    return offers.make_offer(db, application, start_on=start_on, monthly_pay=3300, hours_per_week=40,
                             contract_months=24, accommodations=[], note="", by=boss, today=DAY,
                             settings=PlacementSettings())


def test_a_hire_through_an_application_is_recorded_when_the_person_accepts_the_offer(world):
    db, seeker, job = world["db"], world["seeker"], world["job"]
    made = offer(db, seeker, job, world["boss"], start_on=date(2026, 12, 14))
    assert employments(db, seeker) == [] and seeker.is_looking
    offers.answer(db, made, True, by=world["staff"], reason="她在电话里接受了", today=DAY)
    [employment] = employments(db, seeker)
    assert (employment.employer_id, employment.position_id, employment.start_on, employment.source,
            employment.monthly_wage, employment.contract_months) == (world["first"].id, job.id, date(2026, 12, 14),
                                                                     "application", 3300, 24)
    assert not seeker.is_looking
    application = applications.find_application(db, seeker, job)
    assert application.state == ApplicationState.HIRED and application.events[-1].state == ApplicationState.HIRED


def test_a_second_current_full_time_hire_elsewhere_is_refused_on_every_path(world):
    db, seeker = world["db"], world["seeker"]
    hires.record_hire(db, seeker, employer_id=world["first"].id, position=world["job"], start_on=date(2026, 6, 1),
                      source=EmploymentSource.STAFF, by_user_id=world["staff"].id)
    # through an application: accepting the offer is refused, and the offer stays open
    made = offer(db, seeker, world["other_job"], world["other_boss"])
    with pytest.raises(hires.HireError) as refused:
        offers.answer(db, made, True, by=world["staff"], reason="电话确认", today=DAY)
    assert refused.value.code == "employed_elsewhere" and made.state == "proposed"
    # at a fair
    fair = fairs.create_fair(db, name="专场", held_on=DAY, venue="上虞区人力资源市场", venue_accessibility=[])
    fairs.invite_employer(db, fair, world["second"].id)
    fairs.add_position(db, fair, world["other_job"].id, 1)
    fairs.register_attendee(db, fair, seeker.id, AttendeeSource.DOOR, NOW)
    with pytest.raises(hires.HireError):
        fairs.set_outcomes(db, fair, seeker.id, {world["other_job"].id: {"hired"}}, NOW, world["staff"].id)
    assert len(employments(db, seeker)) == 1
    # a part-time job beside it is possible; once the first employment ended, a full-time one too
    weekend = hires.record_hire(db, seeker, employer_id=world["second"].id, position=world["part_time"], start_on=DAY,
                                source=EmploymentSource.STAFF, by_user_id=world["staff"].id).employment
    assert weekend.social_insurance is False  # the first employer pays it: the person counts once
    hires.end_employment(db, employments(db, seeker)[0], date(2026, 12, 2), by_user_id=world["staff"].id)
    offers.answer(db, made, True, by=world["staff"], reason="电话确认", today=DAY)
    assert len(employments(db, seeker)) == 3


def test_ending_an_employment_is_checked(world):
    db, seeker = world["db"], world["seeker"]
    hire = hires.record_hire(db, seeker, employer_id=world["first"].id, start_on=DAY, source=EmploymentSource.STAFF,
                             by_user_id=world["staff"].id)
    with pytest.raises(hires.HireError) as early:
        hires.end_employment(db, hire.employment, date(2026, 12, 2), by_user_id=None)
    assert early.value.code == "ends_before_start" and early.value.params == {"start": "2026-12-03"}
    hires.end_employment(db, hire.employment, DAY, by_user_id=None)
    with pytest.raises(hires.HireError):
        hires.end_employment(db, hire.employment, DAY, by_user_id=None)


def test_a_fair_hire_moves_the_application_and_undoing_it_moves_it_back(world):
    db, seeker, job = world["db"], world["seeker"], world["job"]
    applications.move(db, seeker, job, ApplicationState.APPLIED, world["staff"], today=DAY)
    interviews.propose(db, applications.find_application(db, seeker, job), interviews.Proposal(
        [(datetime(2026, 12, 5, 2, tzinfo=timezone.utc), 45)], "上虞伞业二楼", "", "王经理", "", []),
        by=world["boss"], now=NOW)
    fair = fairs.create_fair(db, name="专场", held_on=DAY, venue="上虞区人力资源市场", venue_accessibility=[])
    fairs.invite_employer(db, fair, world["first"].id)
    fairs.add_position(db, fair, job.id, 1)
    fairs.register_attendee(db, fair, seeker.id, AttendeeSource.DOOR, NOW)
    fairs.set_outcomes(db, fair, seeker.id, {job.id: {"hired"}}, NOW, world["staff"].id)
    application = applications.find_application(db, seeker, job)
    assert application.state == ApplicationState.HIRED
    assert [e.source for e in employments(db, seeker)] == ["fair"]
    fairs.set_outcomes(db, fair, seeker.id, {job.id: {"interviewed"}}, NOW, world["staff"].id)
    assert application.state == ApplicationState.INTERVIEWING and employments(db, seeker) == []


def test_a_fair_hire_without_an_application_gives_the_employer_an_applicant(world):
    db, seeker, job = world["db"], world["seeker"], world["job"]
    fair = fairs.create_fair(db, name="专场", held_on=DAY, venue="上虞区人力资源市场", venue_accessibility=[])
    fairs.invite_employer(db, fair, world["first"].id)
    fairs.add_position(db, fair, job.id, 1)
    fairs.register_attendee(db, fair, seeker.id, AttendeeSource.DOOR, NOW)
    fairs.set_outcomes(db, fair, seeker.id, {job.id: {"hired"}}, NOW, world["staff"].id)
    fairs.set_outcomes(db, fair, seeker.id, {job.id: {"hired"}}, NOW, world["staff"].id)  # recorded again
    assert db.scalar(select(func.count()).select_from(Application).where(Application.seeker_id == seeker.id)) == 1
    assert applications.find_application(db, seeker, job).state == ApplicationState.HIRED
    assert len(employments(db, seeker)) == 1
