"""Server-side login sessions: logout, a new password and staff end them; so do an idle timeout and a maximum age;
a person sees their sessions and ends the others."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from models import AuditEntry, LoginSession, Role
from tests.conftest import csrf_token
from tests.webapp.conftest import PASSWORD

pytestmark = pytest.mark.web

START = datetime(2026, 11, 30, 9, 0)


def at(app, moment: datetime) -> None:
    """Set the district's clock (services.clock reads the app's config on each call)."""
    app.config["ABLEMATCH_NOW"] = moment.isoformat()


def another_device(app, user, agent="Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile"):
    device = app.test_client()
    device.post("/login", data={"csrf_token": csrf_token(device.get("/login").get_data(as_text=True)),
                                "username": user.username, "password": PASSWORD}, headers={"User-Agent": agent})
    return device


def test_a_saved_session_cookie_opens_nothing_after_logout(client, accounts, login):
    login(accounts[Role.SEEKER])
    assert client.get("/me/").status_code == 200
    saved = client.get_cookie("session").value
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/me/").get_data(as_text=True))})
    client.set_cookie("session", saved)  # the cookie as it was before logout, replayed
    response = client.get("/me/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_the_session_ends_after_the_idle_time_and_at_the_maximum_age(app, client, accounts, login, db):
    at(app, START)
    login(accounts[Role.SEEKER])
    for minutes in (29, 58, 87):  # used every 29 minutes: never idle for 30
        at(app, START + timedelta(minutes=minutes))
        assert client.get("/me/").status_code == 200
    at(app, START + timedelta(minutes=87 + 31))
    assert client.get("/me/").status_code == 302  # idle for 31 minutes
    row = db.scalar(select(LoginSession))
    assert row.end_reason == "idle"

    login(accounts[Role.SEEKER])
    start = START + timedelta(minutes=87 + 31)
    moment = start
    while moment < start + timedelta(hours=12):
        at(app, moment)
        assert client.get("/me/").status_code == 200, moment
        moment += timedelta(minutes=25)
    at(app, moment)
    assert client.get("/me/").status_code == 302  # busy all day, but 12 hours after the login it ends
    assert db.scalars(select(LoginSession.end_reason).order_by(LoginSession.id)).all() == ["idle", "expired"]


def test_the_lifetimes_come_from_the_configuration(app, client, accounts, login):
    app.config["SESSION_IDLE"] = timedelta(minutes=5)
    at(app, START)
    login(accounts[Role.SEEKER])
    at(app, START + timedelta(minutes=6))
    assert client.get("/me/").status_code == 302


def test_last_seen_is_written_at_most_once_a_minute(app, client, accounts, login, db):
    at(app, START)
    login(accounts[Role.SEEKER])
    at(app, START + timedelta(seconds=50))
    client.get("/me/")
    row = db.scalar(select(LoginSession))
    db.refresh(row)
    assert row.last_seen_at == row.created_at  # within the minute: no write
    at(app, START + timedelta(seconds=70))
    client.get("/me/")
    db.refresh(row)
    assert row.last_seen_at - row.created_at == timedelta(seconds=70)


def test_a_person_sees_their_sessions_and_ends_the_others(app, client, accounts, login, db):
    seeker = accounts[Role.SEEKER]
    phone = another_device(app, seeker)
    office = another_device(app, seeker, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/133.0")
    login(seeker)
    page = client.get("/account/sessions?lang=en").get_data(as_text=True)
    assert "Chrome on Android" in page and "Firefox on Windows" in page and "(this session)" in page
    assert page.count("End the session on") == 2

    one = db.scalar(select(LoginSession).where(LoginSession.user_agent.contains("Windows")))
    token = csrf_token(page)
    assert client.post(f"/account/sessions/{one.id}/end", data={"csrf_token": token}).status_code == 302
    assert office.get("/me/").status_code == 302 and phone.get("/me/").status_code == 200
    client.post("/account/sessions/end-others", data={"csrf_token": token})
    assert phone.get("/me/").status_code == 302
    assert client.get("/me/").status_code == 200  # this one goes on
    assert "End the session on" not in client.get("/account/sessions?lang=en").get_data(as_text=True)
    assert [e.action for e in db.scalars(select(AuditEntry).where(AuditEntry.subject_type == "login_session"))] \
        == ["delete", "delete"]


def test_nobody_ends_another_persons_session(app, client, accounts, login, db, post_form):
    employer_device = another_device(app, accounts[Role.EMPLOYER])
    row = db.scalar(select(LoginSession).where(LoginSession.user_id == accounts[Role.EMPLOYER].id))
    login(accounts[Role.SEEKER])
    assert post_form(f"/account/sessions/{row.id}/end", {}, page="/account/sessions").status_code == 404
    assert employer_device.get("/employer/").status_code == 200


def test_staff_end_all_sessions_of_an_account_and_unlock_it(app, client, accounts, login, post_form, db):
    employer = accounts[Role.EMPLOYER]
    lost_phone = another_device(app, employer)
    assert lost_phone.get("/employer/").status_code == 200
    login(accounts[Role.STAFF])
    url = "/staff/accounts/access"
    done = post_form(url + "?lang=en", {"username": "employer@test", "action": "end_sessions"}, page=url)
    assert done.status_code == 200 and "1 sessions of 李经理 (employer@test) have ended" in done.get_data(as_text=True)
    assert lost_phone.get("/employer/").status_code == 302
    for username, message in (("", "Enter the user name"), ("nobody@test", "No account has this user name"),
                              ("staff@test", "This is a staff account")):
        refused = post_form(url + "?lang=en", {"username": username, "action": "end_sessions"}, page=url)
        assert refused.status_code == 400 and message in refused.get_data(as_text=True)
    entry = db.scalar(select(AuditEntry).where(AuditEntry.action == "end_sessions"))
    assert (entry.user_id, entry.subject_id, entry.detail) == (accounts[Role.STAFF].id, employer.id, {"sessions": 1})


@pytest.mark.parametrize("role", [Role.SEEKER, Role.EMPLOYER])
def test_only_staff_end_other_peoples_sessions(client, accounts, login, role):
    login(accounts[role])
    assert client.get("/staff/accounts/access").status_code == 403


def test_the_sessions_page_needs_a_login(client):
    assert client.get("/account/sessions").headers["Location"].startswith("/login")
