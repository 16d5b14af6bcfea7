"""Password guessing is throttled by user name and by client, in the database (so across workers); the answer and
its time do not tell whether a user name exists; staff unlock an account."""

import re
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from models import AuditEntry, LoginFailure, Role
from tests.webapp.conftest import PASSWORD

pytestmark = pytest.mark.web

START = datetime(2026, 11, 30, 9, 0)


def at(app, moment: datetime) -> None:
    app.config["ABLEMATCH_NOW"] = moment.isoformat()


def attempt(post_form, username, password, lang="en", ip="203.0.113.5"):
    return post_form(f"/login?lang={lang}", {"username": username, "password": password}, page="/login",
                     environ_base={"REMOTE_ADDR": ip})


def test_wrong_passwords_then_the_right_one_waits_with_the_time_to_wait(app, client, accounts, post_form, db):
    at(app, START)
    for n in range(40):
        assert attempt(post_form, "seeker@test", f"guess {n}").status_code in (400, 429)
    refused = attempt(post_form, "seeker@test", PASSWORD)
    text = refused.get_data(as_text=True)
    assert refused.status_code == 429
    assert "Too many failed logins. Try again in 15 min (after 09:15)" in text  # the district's time
    assert "ask the federation&#39;s staff to unlock the account" in text
    assert client.get("/me/").status_code == 302
    chinese = attempt(post_form, "seeker@test", PASSWORD, lang="zh").get_data(as_text=True)
    assert "登录失败次数过多" in chinese and "15 分钟" in chinese and "09:15" in chinese
    # only the 5 failures before the lock count: the refused attempts do not lengthen the wait
    assert len(db.scalars(select(LoginFailure)).all()) == 5
    assert db.scalar(select(AuditEntry).where(AuditEntry.action == "login_throttled")).detail["by"] == "account"

    at(app, START + timedelta(minutes=15, seconds=1))
    assert attempt(post_form, "seeker@test", PASSWORD).status_code == 302


def test_an_unknown_user_name_is_throttled_alike(app, accounts, post_form):
    """Being throttled tells nothing either: a name nobody has waits like a real one."""
    at(app, START)
    answers = {}
    for username in ("seeker@test", "nobody@test"):
        texts = [attempt(post_form, username, f"guess {n}").get_data(as_text=True) for n in range(6)]
        answers[username] = [re.search(r'<div class="error-summary".*?</div>', t, re.S).group(0) for t in texts]
    assert answers["seeker@test"] == answers["nobody@test"]
    assert "Try again in 15 min" in answers["nobody@test"][-1]


def test_one_client_guessing_many_names_is_throttled(app, accounts, post_form):
    at(app, START)
    for n in range(20):
        attempt(post_form, f"someone{n}@test", "guess guess")
    assert attempt(post_form, "seeker@test", PASSWORD).status_code == 429
    assert attempt(post_form, "seeker@test", PASSWORD, ip="198.51.100.7").status_code == 302  # another client


def test_staff_unlock_an_account(app, client, accounts, post_form, login, db):
    at(app, START)
    for n in range(5):
        attempt(post_form, "employer@test", f"guess {n}")
    assert attempt(post_form, "employer@test", PASSWORD).status_code == 429
    login(accounts[Role.STAFF])
    url = "/staff/accounts/access"
    done = post_form(url + "?lang=en", {"username": "Employer@test", "action": "unlock"}, page=url)
    assert done.status_code == 200 and "李经理 (employer@test) can log in again at once" in done.get_data(as_text=True)
    entry = db.scalar(select(AuditEntry).where(AuditEntry.action == "unlock"))
    assert (entry.user_id, entry.subject_id, entry.detail) == (accounts[Role.STAFF].id, accounts[Role.EMPLOYER].id,
                                                               {"failures": 5})
    post_form("/logout", {}, page="/staff/")
    assert attempt(post_form, "employer@test", PASSWORD).status_code == 302


def test_a_successful_login_clears_the_accounts_failures(app, accounts, post_form, db):
    at(app, START)
    for n in range(4):
        attempt(post_form, "seeker@test", f"guess {n}")
    assert attempt(post_form, "seeker@test", PASSWORD).status_code == 302
    assert db.scalars(select(LoginFailure)).all() == []


def test_an_inactive_account_answers_like_a_wrong_password(app, accounts, post_form, db):
    accounts[Role.SEEKER].is_active = False
    db.commit()
    inactive = attempt(post_form, "seeker@test", PASSWORD)
    unknown = attempt(post_form, "nobody@test", PASSWORD)
    assert inactive.status_code == unknown.status_code == 400
    assert "The user name or password is wrong" in inactive.get_data(as_text=True)
