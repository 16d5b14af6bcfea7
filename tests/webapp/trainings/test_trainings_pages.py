"""Training pages: seekers browse, sign up, withdraw, accept an offer; staff see the lists, reorder, record attendance."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from models import (AbilitySource, AuditEntry, Course, Notification, Role, SeekerAbility, SignUp, SignUpState,
                    TrainingSession, utcnow)
from tests.factories import make_seeker

pytestmark = pytest.mark.web

FUTURE = date.today() + timedelta(days=30)


@pytest.fixture
def training(db):
    def make(capacity=2, starts_on=FUTURE, **fields):
        course = Course(title_zh="电商直播", title_en="E-commerce livestreaming", skills=["直播"])
        session = TrainingSession(course=course, starts_on=starts_on, ends_on=starts_on + timedelta(days=3),
                                  place="上虞区残联培训中心", capacity=capacity,
                                  accessibility=["step_free_access"], teacher="陈老师", **fields)
        db.add(session)
        db.commit()
        return session
    return make


def me(accounts):
    return accounts[Role.SEEKER].seeker


def test_seeker_browses_and_signs_up(client, accounts, login, training, post_form, db):
    session = training(capacity=1)
    login(accounts[Role.SEEKER])
    page = client.get("/trainings/?lang=en").get_data(as_text=True)
    assert "E-commerce livestreaming" in page and "1 place left of 1" in page and "Step-free access" in page
    url = f"/trainings/{session.id}"
    response = post_form(f"{url}/sign-up", {}, page=url, follow_redirects=True)
    assert response.status_code == 200
    assert "你已获得本期培训的名额" in response.get_data(as_text=True) or \
        db.scalar(select(SignUp.state).where(SignUp.seeker_id == me(accounts).id)) == SignUpState.CONFIRMED
    page = client.get("/trainings/?lang=en").get_data(as_text=True)
    assert "Full: new sign-ups join the waiting list" in page and "Place confirmed" in page


def test_sign_up_twice_past_and_after_withdrawal_are_refused_with_a_message(client, accounts, login, training,
                                                                           post_form, db):
    session = training()
    login(accounts[Role.SEEKER])
    url = f"/trainings/{session.id}"
    post_form(f"{url}/sign-up", {}, page=url)
    twice = post_form(f"{url}/sign-up?lang=en", {}, page=url)
    assert twice.status_code == 400
    assert "You have already signed up for this session (Place confirmed)." in twice.get_data(as_text=True)
    asked = post_form(f"{url}/withdraw?lang=en", {}, page=url).get_data(as_text=True)  # withdrawing asks first
    assert "Please confirm" in asked and 'name="confirmed" value="yes"' in asked and f'href="{url}"' in asked
    state = select(SignUp.state).where(SignUp.seeker_id == me(accounts).id, SignUp.session_id == session.id)
    assert db.scalar(state) == SignUpState.CONFIRMED
    post_form(f"{url}/withdraw", {"confirmed": "yes"}, page=url)
    assert db.scalar(state) == SignUpState.WITHDRAWN
    again = post_form(f"{url}/sign-up?lang=en", {}, page=url)  # a change of mind is allowed
    assert again.status_code == 302 and db.scalar(state) == SignUpState.CONFIRMED
    past = training(starts_on=date.today() - timedelta(days=1))
    late = post_form(f"/trainings/{past.id}/sign-up?lang=en", {}, page=f"/trainings/{past.id}")
    assert late.status_code == 400 and "already started" in late.get_data(as_text=True)


def test_ineligible_seeker_is_told_why(client, accounts, login, training, post_form, db):
    session = training(eligibility={"categories": [2], "min_abilities": {"hearing": 4}})
    me(accounts).abilities.append(SeekerAbility(key="hearing", value=1, source=AbilitySource.SELF,
                                                assessed_on=date(2026, 11, 1)))
    db.commit()
    login(accounts[Role.SEEKER])
    url = f"/trainings/{session.id}"
    page = client.get(url + "?lang=en").get_data(as_text=True)
    assert ("You cannot sign up for this session. This session is for people with these disabilities: Hearing. "
            "It needs Hearing of at least 4; your profile says 1.") in page
    listed = client.get("/trainings/?lang=en").get_data(as_text=True)  # the list says so before anyone clicks
    assert "<dt>Can you join?</dt><dd><strong>No.</strong> This session is for people with these disabilities" in listed
    refused = post_form(f"{url}/sign-up?lang=en", {}, page=url)
    text = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert ("You cannot sign up for this session. This session is for people with these disabilities: Hearing. "
            "It needs Hearing of at least 4; your profile says 1. Federation staff can suggest another course.") in text
    chinese = post_form(f"{url}/sign-up?lang=zh", {}, page=url).get_data(as_text=True)
    assert "您不能报名本期培训。本期培训面向以下类别的残疾人：听力残疾。" in chinese


def test_what_a_seeker_did_is_confirmed_in_chinese(client, accounts, login, training, post_form):
    """The confirmations of withdrawing, accepting and declining are extracted and translated like every text."""
    session = training()
    login(accounts[Role.SEEKER])
    url = f"/trainings/{session.id}"
    post_form(f"{url}/sign-up?lang=zh", {}, page=url)
    withdrawn = post_form(f"{url}/withdraw?lang=zh", {"confirmed": "yes"}, page=url,
                          follow_redirects=True).get_data(as_text=True)
    assert "您已退出。您的名额将顺延给下一位候补者。" in withdrawn and "You have withdrawn" not in withdrawn


def test_missing_csrf_token_is_refused(client, accounts, login, training):
    session = training()
    login(accounts[Role.SEEKER])
    assert client.post(f"/trainings/{session.id}/sign-up").status_code == 400


def test_waiting_then_offer_then_accept(client, accounts, login, training, post_form, db):
    session = training(capacity=1)
    other = make_seeker(db, accounts[Role.SEEKER].seeker.township)
    from models import utcnow
    from services.trainings import sign_up, withdraw
    first = sign_up(db, session.id, other.id, utcnow())
    db.commit()
    login(accounts[Role.SEEKER])
    url = f"/trainings/{session.id}"
    response = post_form(f"{url}/sign-up?lang=en", {}, page=url, follow_redirects=True)
    assert "you are on the waiting list" in response.get_data(as_text=True)
    assert "number 1 in line" in client.get(url + "?lang=en").get_data(as_text=True)
    withdraw(db, first.id, utcnow())
    db.commit()
    page = client.get(url + "?lang=en").get_data(as_text=True)
    assert "A place has become free for you" in page
    accepted = post_form(f"{url}/accept?lang=en", {}, page=url, follow_redirects=True)
    assert "You have accepted the place" in accepted.get_data(as_text=True)
    again = post_form(f"{url}/accept?lang=en", {}, page=url)
    assert again.status_code == 400 and "There is no place on offer for you" in again.get_data(as_text=True)


def test_staff_reorder_with_reason_and_record_attendance(client, accounts, login, training, post_form, db):
    session = training(capacity=1)
    township = accounts[Role.SEEKER].seeker.township
    from models import utcnow
    from services.trainings import sign_up
    entries = [sign_up(db, session.id, make_seeker(db, township, name=f"学员{i}").id, utcnow()) for i in range(3)]
    db.commit()
    login(accounts[Role.STAFF])
    url = f"/trainings/staff/{session.id}"
    page = client.get(url + "?lang=en").get_data(as_text=True)
    assert "学员0" in page and "Waiting list" in page
    # bad input: no reason, a place out of range, not a number; what was typed is kept
    bad = post_form(f"{url}/reorder?lang=en", {"sign_up_id": entries[2].id, "position": "", "reason": ""}, page=url)
    text = bad.get_data(as_text=True)
    assert bad.status_code == 400
    assert 'href="#position"' in text and 'href="#reason"' in text
    far = post_form(f"{url}/reorder?lang=en", {"sign_up_id": entries[2].id, "position": "7", "reason": "急需"},
                    page=url)
    assert far.status_code == 400 and "between 1 and 2" in far.get_data(as_text=True) and "急需" in far.get_data(as_text=True)
    word = post_form(f"{url}/reorder?lang=en", {"sign_up_id": entries[2].id, "position": "first", "reason": "x"},
                     page=url)
    assert word.status_code == 400
    ok = post_form(f"{url}/reorder?lang=en", {"sign_up_id": entries[2].id, "position": "1",
                                             "reason": "用人单位订单式培训"}, page=url, follow_redirects=True)
    assert "The waiting list is in its new order" in ok.get_data(as_text=True)
    entry = db.scalars(select(AuditEntry).where(AuditEntry.subject_id == entries[2].id,
                                                AuditEntry.subject_type == "sign_up")).all()[-1]
    assert entry.user_id == accounts[Role.STAFF].id and entry.detail["reason"] == "用人单位订单式培训"
    # attendance: a waiting person cannot be marked
    refused = post_form(f"{url}/sign-ups/{entries[1].id}/attended?lang=en", {}, page=url)
    assert refused.status_code == 400 and "Only people with a confirmed place" in refused.get_data(as_text=True)
    early = post_form(f"{url}/sign-ups/{entries[0].id}/completed?lang=en", {}, page=url)
    assert early.status_code == 400 and "Mark the person as attended before" in early.get_data(as_text=True)
    post_form(f"{url}/sign-ups/{entries[0].id}/attended", {}, page=url)
    post_form(f"{url}/sign-ups/{entries[0].id}/completed", {}, page=url)
    db.refresh(entries[0])
    assert entries[0].state == SignUpState.ATTENDED and entries[0].completed
    # undoing attendance asks first, and says that the completion goes with it
    undo = f"{url}/sign-ups/{entries[0].id}/absent"
    asked = post_form(undo + "?lang=en", {}, page=url).get_data(as_text=True)
    assert "Undo the attendance of 学员0? Their completion record is removed too." in asked
    db.refresh(entries[0])
    assert entries[0].state == SignUpState.ATTENDED
    done = post_form(undo + "?lang=en", {"confirmed": "yes"}, page=url, follow_redirects=True).get_data(as_text=True)
    assert "The attendance of 学员0 is undone; their completion record is removed too." in done
    assert "Recorded for" not in done
    db.refresh(entries[0])
    assert (entries[0].state, entries[0].completed) == (SignUpState.CONFIRMED, False)
    post_form(f"{url}/sign-ups/{entries[0].id}/attended", {}, page=url)
    post_form(f"{url}/sign-ups/{entries[0].id}/completed", {}, page=url)
    report = client.get("/trainings/staff?lang=en").get_data(as_text=True)
    assert "Person-times trained per year" in report and f"<th scope=\"row\">{FUTURE.year}</th>" in report


def test_roles(client, accounts, login, training, post_form):
    session = training()
    assert client.get("/trainings/").status_code == 302
    login(accounts[Role.EMPLOYER])
    assert client.get("/trainings/").status_code == 403
    assert client.get(f"/trainings/staff/{session.id}").status_code == 403
    post_form("/logout", {}, page="/employer/")
    login(accounts[Role.SEEKER])
    assert client.get(f"/trainings/staff/{session.id}").status_code == 403
    assert client.get("/trainings/9999").status_code == 404


def test_staff_open_a_session_and_bad_input(client, accounts, login, post_form, db):
    course = Course(title_zh="盲人保健按摩", title_en="Health massage for blind people")
    db.add(course)
    db.commit()
    login(accounts[Role.STAFF])
    url = "/trainings/staff/new"
    bad = post_form(url + "?lang=en", {"course_id": course.id, "starts_on": "next week", "ends_on": "2027-03-01",
                                       "place": "", "capacity": "0", "offer_hours": ""}, page=url)
    text = bad.get_data(as_text=True)
    assert bad.status_code == 400
    for name in ("starts_on", "place", "capacity", "offer_hours"):
        assert f'href="#{name}"' in text
    assert 'value="next week"' in text
    backwards = post_form(url + "?lang=en", {"course_id": course.id, "starts_on": "2027-03-08",
                                             "ends_on": "2027-03-01", "place": "盲人按摩指导中心",
                                             "offer_hours": "48"}, page=url)
    assert backwards.status_code == 400 and "The last day cannot be before the first day." in \
        backwards.get_data(as_text=True)
    assert db.scalar(select(TrainingSession).where(TrainingSession.course_id == course.id)) is None
    ok = post_form(url, {"course_id": course.id, "starts_on": "2027-03-08", "ends_on": "2027-03-28",
                         "place": "盲人按摩指导中心", "capacity": "", "accessibility": ["step_free_access"],
                         "categories": ["1"], "teacher": "沈老师", "offer_hours": "24"}, page=url)
    assert ok.status_code == 302
    training = db.scalar(select(TrainingSession).where(TrainingSession.course_id == course.id))
    assert training.capacity is None and training.eligibility == {"categories": [1]} and training.offer_hours == 24
    assert client.get("/trainings/staff?lang=en").status_code == 200


def test_staff_sign_up_a_person_they_help(client, accounts, login, training, post_form, db):
    session = training(capacity=1, eligibility={"categories": [4]})
    township = accounts[Role.SEEKER].seeker.township
    first, second = make_seeker(db, township, name="王五"), make_seeker(db, township, name="赵六")
    hearing = make_seeker(db, township, category=2, name="钱七")
    db.commit()
    login(accounts[Role.STAFF])
    url = f"/trainings/staff/{session.id}"
    for data, message in (({"seeker_ref": ""}, 'href="#seeker_ref"'),
                          ({"seeker_ref": "S99999"}, "No job seeker has this number"),
                          ({"seeker_ref": hearing.ref}, "This person cannot sign up for this session.")):
        refused = post_form(f"{url}/sign-up?lang=en", data, page=url)
        assert refused.status_code == 400 and message in refused.get_data(as_text=True)
    placed = post_form(f"{url}/sign-up?lang=en", {"seeker_ref": first.ref}, page=url, follow_redirects=True)
    assert "王五 has a place." in placed.get_data(as_text=True)
    waiting = post_form(f"{url}/sign-up?lang=en", {"seeker_ref": second.ref.lower()}, page=url,
                        follow_redirects=True)
    assert "赵六 is on the waiting list." in waiting.get_data(as_text=True)
    twice = post_form(f"{url}/sign-up?lang=en", {"seeker_ref": first.ref}, page=url)
    assert twice.status_code == 400 and "This person has already signed up" in twice.get_data(as_text=True)


def test_staff_change_a_session_and_the_people_signed_up_are_told(client, accounts, login, training, post_form, db):
    from services.trainings import sign_up
    session = training(capacity=2)
    township = me(accounts).township
    first, second, last = (make_seeker(db, township, name=name) for name in ("王五", "赵六", "钱七"))
    for seeker in (first, second, me(accounts), last):  # two places, then two waiting: me first in line
        sign_up(db, session.id, seeker.id, utcnow())
    session.eligibility = {"min_abilities": {"fine_motor": 2}}  # kept when staff change the categories
    db.commit()
    login(accounts[Role.STAFF])
    url = f"/trainings/staff/{session.id}/edit"
    form = client.get(url + "?lang=en").get_data(as_text=True)
    assert 'value="上虞区残联培训中心"' in form and 'name="capacity" type="number" value="2"' in form
    assert 'name="course_id"' not in form  # a session stays a session of its course

    start = FUTURE + timedelta(days=7)
    fields = {"starts_on": start.isoformat(), "ends_on": (start + timedelta(days=3)).isoformat(),
              "place": "百官街道残疾人之家", "capacity": "3", "accessibility": ["step_free_access", "sign_language"],
              "categories": ["2"], "teacher": "陈老师", "offer_hours": "48"}
    bad = post_form(url + "?lang=en", {**fields, "ends_on": FUTURE.isoformat(), "capacity": "none"}, page=url)
    text = bad.get_data(as_text=True)
    assert bad.status_code == 400 and 'href="#ends_on"' in text and 'href="#capacity"' in text
    assert 'value="none"' in text and 'value="百官街道残疾人之家"' in text
    fewer = post_form(url + "?lang=en", {**fields, "capacity": "1"}, page=url)
    assert fewer.status_code == 400
    assert "2 people hold a place in this session, so it cannot have fewer places than that." in \
        fewer.get_data(as_text=True)
    db.refresh(session)
    assert (session.place, session.capacity) == ("上虞区残联培训中心", 2)
    assert db.scalar(select(Notification).where(Notification.kind == "training_changed")) is None

    saved = post_form(url + "?lang=en", fields, page=url, follow_redirects=True).get_data(as_text=True)
    assert "1 person signed up was told of the change. 1 new place was offered to the waiting list." in saved
    db.refresh(session)
    assert (session.starts_on, session.place, session.capacity) == (start, "百官街道残疾人之家", 3)
    assert session.eligibility == {"min_abilities": {"fine_motor": 2}, "categories": [2]}
    states = dict(db.execute(select(SignUp.seeker_id, SignUp.state).where(SignUp.session_id == session.id)).all())
    assert states[me(accounts).id] == SignUpState.OFFERED and states[last.id] == SignUpState.WAITLISTED
    entry = db.scalar(select(AuditEntry).where(AuditEntry.subject_type == "training_session",
                                               AuditEntry.action == "update"))
    assert entry.user_id == accounts[Role.STAFF].id
    assert entry.detail["changed"] == ["starts_on", "ends_on", "place", "capacity", "accessibility", "eligibility"]

    post_form("/logout", {}, page="/staff/")
    login(accounts[Role.SEEKER])
    when = {"en": f"runs from {start:%b} {start.day}, {start.year}", "zh": f"现于 {start.year}年{start.month}月{start.day}日"}
    for lang, told in (("en", "The training E-commerce livestreaming has changed: "),
                       ("zh", "培训班“电商直播”有变动：")):
        page = client.get(f"/account/notifications?lang={lang}").get_data(as_text=True)
        assert told in page and when[lang] in page and "百官街道残疾人之家" in page
    assert client.get(url).status_code == 403
