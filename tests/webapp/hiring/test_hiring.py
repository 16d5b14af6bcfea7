"""Interview and offer pages for the three roles: the journey, bad input naming the field, and who may see what."""

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from models import ApplicationState, Employment, Role
from services import applications, interviews, offers
from services.placement_settings import PlacementSettings
from tests.factories import make_employer, make_position, make_user

pytestmark = pytest.mark.web

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=timezone(timedelta(hours=8)))


@pytest.fixture
def app(app):
    app.config["ABLEMATCH_NOW"] = NOW.isoformat()
    return app


@pytest.fixture
def applied(db, accounts):
    employer = accounts[Role.EMPLOYER].employer
    seeker = accounts[Role.SEEKER].seeker
    seeker.consent_share = True
    job = make_position(db, employer, "网店客服", wage=3600, hours_per_week=40)
    application = applications.move(db, seeker, job, ApplicationState.APPLIED, seeker.user, today=NOW.date())
    db.commit()
    return application


def logout(post_form):
    post_form("/logout", {}, page="/account/password")


def propose(db, application, by):
    interview = interviews.propose(db, application, interviews.Proposal(
        [(NOW + timedelta(days=1), 45), (NOW + timedelta(days=2), 45)], "曹娥街道人民路1号", "", "李经理", "", []),
        by=by, now=NOW)
    db.commit()
    return interview


def test_the_employer_proposes_interview_times_and_the_seeker_picks_one_and_downloads_the_ics(
        db, client, accounts, applied, login, post_form):
    login(accounts[Role.EMPLOYER])
    page = f"/hiring/applications/{applied.id}/interview"
    sent = post_form(page + "?lang=en", {"slot_1": "2026-12-04T10:00", "slot_2": "2026-12-05T14:30", "minutes": "45",
                                         "place": "曹娥街道人民路1号", "contact_name": "李经理",
                                         "place_offers": ["step_free_access", "quiet_room"]}, page=page)
    assert sent.status_code == 302
    interview = interviews.open_interview(db, applied.id)
    assert [s.starts_at for s in interview.slots] == [datetime(2026, 12, 4, 2, tzinfo=timezone.utc),
                                                      datetime(2026, 12, 5, 6, 30, tzinfo=timezone.utc)]
    logout(post_form)
    login(accounts[Role.SEEKER])
    shown = client.get(f"/hiring/interviews/{interview.id}?lang=zh").get_data(as_text=True)
    assert "曹娥街道人民路1号" in shown and "无障碍通道" in shown and "安静的房间" in shown
    picked = post_form(f"/hiring/interviews/{interview.id}/pick", {"slot": str(interview.slots[1].id)},
                       page=f"/hiring/interviews/{interview.id}")
    db.expire_all()
    assert picked.status_code == 302 and interview.state == "scheduled"
    ics = client.get(f"/hiring/interviews/{interview.id}.ics")
    assert ics.status_code == 200 and ics.mimetype == "text/calendar"
    assert b"DTSTART:20261205T063000Z" in ics.data


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"slot_1": ""}, "slot_1", "Enter the date and time"),
    ({"slot_1": "tomorrow"}, "slot_1", "Not a valid datetime value"),
    ({"slot_1": "2026-12-01T10:00"}, "slot_1", "This time has passed"),
    ({"minutes": "5"}, "minutes", "from 15 to 240"),
    ({"place": ""}, "place", "Give the address of the interview or the link"),
    ({"place": "", "online_link": "meet.example.com/x"}, "online_link", "starts with https://"),
    ({"contact_name": " "}, "contact_name", "Enter the name of the person"),
    ({"place_offers": ["a_pony"]}, "place_offers", "is not a valid choice"),
])
def test_bad_interview_times_name_the_field(client, accounts, applied, login, post_form, data, field, message):
    login(accounts[Role.EMPLOYER])
    page = f"/hiring/applications/{applied.id}/interview"
    good = {"slot_1": "2026-12-04T10:00", "minutes": "45", "place": "人民路1号", "contact_name": "李经理"}
    answer = post_form(page + "?lang=en", {**good, **data}, page=page)
    html = answer.get_data(as_text=True)
    assert answer.status_code == 400 and f'href="#{field}' in html and message in html


def test_the_seeker_asks_for_another_time_and_support_and_bad_input_names_the_field(
        db, client, accounts, applied, login, post_form):
    interview = propose(db, applied, accounts[Role.EMPLOYER])
    login(accounts[Role.SEEKER])
    page = f"/hiring/interviews/{interview.id}"
    empty = post_form(page + "/support?lang=en", {}, page=page)
    assert empty.status_code == 400 and 'href="#requested-0"' in empty.get_data(as_text=True)
    blank = post_form(page + "/another-time?lang=en", {"note": ""}, page=page)
    assert blank.status_code == 400 and "Write which days and times suit you." in blank.get_data(as_text=True)
    wrong = post_form(page + "/pick?lang=en", {"slot": "999999"}, page=page)
    assert wrong.status_code == 400 and 'href="#slot-0"' in wrong.get_data(as_text=True)
    assert post_form(page + "/support", {"requested": ["sign_language"]}, page=page).status_code == 302
    assert post_form(page + "/another-time", {"note": "下周上午"}, page=page).status_code == 302
    db.expire_all()
    assert interview.requested == ["sign_language"] and interview.state == "another_time"


def test_the_offer_is_made_then_accepted_by_the_seeker_and_the_hire_is_recorded(
        db, client, accounts, applied, login, post_form):
    login(accounts[Role.EMPLOYER])
    page = f"/hiring/applications/{applied.id}/offer"
    form = client.get(page).get_data(as_text=True)
    assert 'value="3600"' in form  # the position's pay to start from
    made = post_form(page, {"start_on": "2026-12-14", "monthly_pay": "3600", "hours_per_week": "40",
                            "contract_months": "12", "accommodations": ["step_free_access"]}, page=page)
    assert made.status_code == 302
    offer = offers.open_offer(db, applied.id)
    # the employer sees the offer but cannot answer it
    assert client.get(f"/hiring/offers/{offer.id}").status_code == 200
    assert post_form(f"/hiring/offers/{offer.id}", {"answer": "accept"}, page=f"/hiring/offers/{offer.id}"
                     ).status_code == 403
    logout(post_form)
    login(accounts[Role.SEEKER])
    bad = post_form(f"/hiring/offers/{offer.id}?lang=en", {}, page=f"/hiring/offers/{offer.id}")
    assert bad.status_code == 400 and 'href="#answer-0"' in bad.get_data(as_text=True)
    assert post_form(f"/hiring/offers/{offer.id}", {"answer": "accept"}, page=f"/hiring/offers/{offer.id}"
                     ).status_code == 302
    db.expire_all()
    employment = db.scalar(select(Employment).where(Employment.seeker_id == applied.seeker_id))
    assert employment.start_on == date(2026, 12, 14) and applied.state == ApplicationState.HIRED


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"start_on": ""}, "start_on", "Enter the start date"),
    ({"start_on": "2026-11-30"}, "start_on", "cannot be before today"),
    ({"monthly_pay": "abc"}, "monthly_pay", "Enter the monthly pay"),
    ({"monthly_pay": "0"}, "monthly_pay", "from 1 to 1,000,000"),
    ({"hours_per_week": "80"}, "hours_per_week", "from 1 to 60"),
    ({"contract_months": "-3"}, "contract_months", "from 0 (permanent) to 120"),
    ({"accommodations": ["a_pony"]}, "accommodations", "is not a valid choice"),
])
def test_bad_offers_name_the_field(client, accounts, applied, login, post_form, data, field, message):
    login(accounts[Role.EMPLOYER])
    page = f"/hiring/applications/{applied.id}/offer"
    good = {"start_on": "2026-12-14", "monthly_pay": "3600", "hours_per_week": "40", "contract_months": "12"}
    answer = post_form(page + "?lang=en", {**good, **data}, page=page)
    html = answer.get_data(as_text=True)
    assert answer.status_code == 400 and f'href="#{field}' in html and message in html


def test_staff_answer_an_offer_for_a_person_only_with_a_reason(db, client, accounts, applied, login, post_form):
    offer = offers.make_offer(db, applied, start_on=date(2026, 12, 14), monthly_pay=3600, hours_per_week=40,
                              contract_months=12, accommodations=[], note="", by=accounts[Role.EMPLOYER],
                              today=NOW.date(), settings=PlacementSettings())
    db.commit()
    login(accounts[Role.STAFF])
    page = f"/hiring/offers/{offer.id}"
    missing = post_form(page + "?lang=en", {"answer": "decline", "reason": ""}, page=page)
    assert missing.status_code == 400 and 'href="#reason"' in missing.get_data(as_text=True)
    assert post_form(page, {"answer": "decline", "reason": "电话里说太远"}, page=page).status_code == 302
    db.expire_all()
    assert (offer.state, offer.answered_by_staff) == ("declined", True)
    week = client.get("/hiring/week?start=2026-11-30&lang=en")
    assert week.status_code == 200
    bad = client.get("/hiring/week?start=next-week&lang=en")
    assert bad.status_code == 400 and "start" in bad.get_data(as_text=True)


def test_nobody_else_sees_an_interview_or_an_offer(db, client, accounts, applied, login, post_form):
    interview = propose(db, applied, accounts[Role.EMPLOYER])
    offer = offers.make_offer(db, applied, start_on=date(2026, 12, 14), monthly_pay=3600, hours_per_week=40,
                              contract_months=12, accommodations=[], note="", by=accounts[Role.EMPLOYER],
                              today=NOW.date(), settings=PlacementSettings())
    other = make_user(db, Role.EMPLOYER, "other@test", "correct horse battery",
                      employer=make_employer(db, accounts[Role.EMPLOYER].employer.township, name="别家公司"))
    db.commit()
    login(other)
    for url in (f"/hiring/interviews/{interview.id}", f"/hiring/offers/{offer.id}",
                f"/hiring/applications/{applied.id}/interview", f"/hiring/applications/{applied.id}/offer"):
        assert client.get(url).status_code == 404, url
    assert "网店客服" not in client.get("/hiring/mine").get_data(as_text=True)
    logout(post_form)
    login(accounts[Role.SEEKER])
    assert client.get("/hiring/week").status_code == 403
    assert client.get(f"/hiring/applications/{applied.id}/offer").status_code == 403
