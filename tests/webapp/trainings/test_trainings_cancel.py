"""Staff cancel a training session that has not started, giving the reason: everyone signed up or waiting is
told (people without a login through the call list); the session shows as cancelled and takes nobody more."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from models import AuditEntry, Course, Role, SignUp, SignUpState, TrainingSession
from tests.factories import district_today, make_seeker

pytestmark = pytest.mark.web


@pytest.fixture
def training(db, accounts):
    """A session in ten days: the account seeker holds a place, 陈阿姨 (no login) waits in line."""
    start = district_today() + timedelta(days=10)
    training = TrainingSession(course=Course(title_zh="电商直播", title_en="E-commerce livestreaming"),
                               starts_on=start, ends_on=start + timedelta(days=3), place="上虞区残联培训中心",
                               capacity=1)
    auntie = make_seeker(db, accounts[Role.SEEKER].seeker.township, name="陈阿姨", phone="13900000001")
    db.add(training)
    db.flush()
    db.add_all([SignUp(session_id=training.id, seeker_id=accounts[Role.SEEKER].seeker.id, state=SignUpState.CONFIRMED),
                SignUp(session_id=training.id, seeker_id=auntie.id, state=SignUpState.WAITLISTED, priority=1)])
    db.commit()
    return training


def test_staff_cancel_a_session_after_confirming_and_everyone_is_told(client, db, accounts, login, post_form,
                                                                      training):
    login(accounts[Role.STAFF])
    url = f"/trainings/staff/{training.id}"
    asked = post_form(f"{url}/cancel?lang=en", {"reason": "老师生病"}, page=url).get_data(as_text=True)
    assert "Please confirm" in asked and "Cancel the training E-commerce livestreaming from" in asked
    db.refresh(training)
    assert training.cancelled_at is None
    done = post_form(f"{url}/cancel?lang=en", {"reason": "老师生病", "confirmed": "yes"}, page=url,
                     follow_redirects=True).get_data(as_text=True)
    assert "The session is cancelled. 2 people signed up were told." in done
    assert "Cancelled: 老师生病" in done and "Cancel the session" not in done
    assert "已取消：老师生病" in client.get("/trainings/staff?lang=zh").get_data(as_text=True)
    assert db.scalar(select(AuditEntry).where(AuditEntry.action == "cancel")).detail == {"reason": "老师生病"}
    day = training.starts_on
    calls = client.get("/staff/calls?lang=zh").get_data(as_text=True)
    assert "陈阿姨" in calls and f"培训班“电商直播”（{day.year}年{day.month}月{day.day}日开班）已取消：老师生病" in calls

    client.delete_cookie("session")
    login(accounts[Role.SEEKER])
    assert "E-commerce livestreaming" not in client.get("/trainings/?lang=en").get_data(as_text=True)
    page = client.get(f"/trainings/{training.id}?lang=en").get_data(as_text=True)
    assert "Cancelled: 老师生病" in page and "Withdraw from this session" not in page
    told = client.get("/account/notifications?lang=en").get_data(as_text=True)
    assert "The training E-commerce livestreaming from " in told and "is cancelled: 老师生病." in told


def test_cancelling_needs_a_reason_and_a_session_not_started(client, db, accounts, login, post_form, training):
    login(accounts[Role.STAFF])
    url = f"/trainings/staff/{training.id}"
    refused = post_form(f"{url}/cancel?lang=en", {"reason": "", "confirmed": "yes"}, page=url)
    assert refused.status_code == 400 and '<a href="#reason">Reason for cancelling: Give the reason' in \
        refused.get_data(as_text=True)
    post_form(f"{url}/cancel", {"reason": "老师生病", "confirmed": "yes"}, page=url)
    again = post_form(f"{url}/cancel?lang=en", {"reason": "再次", "confirmed": "yes"}, page=url)
    assert again.status_code == 400 and "This training session is already cancelled." in again.get_data(as_text=True)
    enrol = post_form(f"{url}/sign-up?lang=en", {"seeker_ref": accounts[Role.SEEKER].seeker.ref}, page=url)
    assert enrol.status_code == 400 and "This training session is cancelled" in enrol.get_data(as_text=True)
    started = TrainingSession(course=training.course, starts_on=district_today() - timedelta(days=1),
                              ends_on=district_today() + timedelta(days=2), place="百官", capacity=5)
    db.add(started)
    db.commit()
    url = f"/trainings/staff/{started.id}"
    assert "Cancel the session" not in client.get(url + "?lang=en").get_data(as_text=True)
    late = post_form(f"{url}/cancel?lang=en", {"reason": "太晚", "confirmed": "yes"}, page=url)
    assert late.status_code == 400 and "This session has already started, so it can no longer be cancelled." in \
        late.get_data(as_text=True)


@pytest.mark.parametrize("role", [Role.SEEKER, Role.EMPLOYER])
def test_only_staff_cancel_a_session(client, db, accounts, login, post_form, training, role):
    login(accounts[role])
    answer = post_form(f"/trainings/staff/{training.id}/cancel", {"reason": "x", "confirmed": "yes"},
                       page="/account/notifications")
    assert answer.status_code in (302, 403)
    db.refresh(training)
    assert training.cancelled_at is None
