"""API tokens: for /api/v1 alone, within their scopes and until they expire; made with a logged-in session and the
password again; revoked by a new password or a staff reset. A temporary password closes the API too."""

import re
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from models import ApiToken, Application, AuditEntry, Role
from tests.conftest import csrf_token
from tests.factories import make_position
from tests.webapp.conftest import PASSWORD

pytestmark = pytest.mark.web


def bearer(secret):
    return {"Authorization": f"Bearer {secret}"}


def issue(db, user, scopes="read write", expires_at=datetime(2100, 1, 1, tzinfo=timezone.utc)):
    token, secret = ApiToken.issue(user, "tests", scopes, expires_at)
    db.add(token)
    db.commit()
    return secret


@pytest.mark.parametrize("url", ["/staff/", "/staff/seekers/S00001", "/account/tokens", "/account/sessions",
                                 "/account/password", "/employer/", "/me/"])
def test_a_token_opens_no_page(client, accounts, db, url):
    for role in Role:
        response = client.get(url, headers=bearer(issue(db, accounts[role])))
        assert response.status_code == 302 and response.headers["Location"].startswith("/login"), (role, url)


def test_a_token_cannot_make_a_token(client, accounts, db):
    secret = issue(db, accounts[Role.EMPLOYER])
    client.post("/account/tokens", data={"name": "copy", "password": PASSWORD}, headers=bearer(secret))
    assert len(db.scalars(select(ApiToken)).all()) == 1


def make_token_on_the_page(post_form, **fields):
    data = {"name": "HR system", "scopes": "read", "days": "30", "password": PASSWORD, **fields}
    return post_form("/account/tokens?lang=en", data, page="/account/tokens")


def test_making_a_token_needs_the_password_again(client, post_form, accounts, login, db):
    login(accounts[Role.EMPLOYER])
    refused = make_token_on_the_page(post_form, password="not my password")
    text = refused.get_data(as_text=True)
    assert refused.status_code == 400 and '<a href="#password">Your password: The password is not right.</a>' in text
    assert db.scalar(select(ApiToken)) is None
    for fields, message in (({"password": ""}, "Enter your password again."),
                            ({"scopes": "admin"}, "Not a valid choice"), ({"days": "10000"}, "Not a valid choice")):
        refused = make_token_on_the_page(post_form, **fields)
        assert refused.status_code == 400 and message in refused.get_data(as_text=True), fields
    assert db.scalar(select(AuditEntry).where(AuditEntry.action == "create_refused")) is not None

    made = make_token_on_the_page(post_form)
    assert made.status_code == 200
    secret = re.search(r'id="new-token" type="text" readonly value="(am_[^"]+)"', made.get_data(as_text=True)).group(1)
    token = db.scalar(select(ApiToken))
    assert token.scopes == "read" and token.expires_at - token.created_at == timedelta(days=30)
    page = client.get("/account/tokens?lang=en").get_data(as_text=True)
    assert "Read only" in page and "revokes all your tokens" in page
    assert client.application.test_client().get("/api/v1/positions", headers=bearer(secret)).status_code == 200


def test_a_read_token_reads_but_changes_nothing(client, accounts, db):
    employer = accounts[Role.EMPLOYER]
    position = make_position(db, employer.employer, title="仓库管理员")
    db.commit()
    read = issue(db, employer, scopes="read")
    assert client.get("/api/v1/positions", headers=bearer(read)).status_code == 200
    for method, url, body in (("post", "/api/v1/positions", {"title": "x"}),
                              ("patch", f"/api/v1/positions/{position.ref}", {"title": "改名"}),
                              ("post", "/api/v1/applications", {"position_id": position.ref, "seeker_id": "S1"}),
                              ("patch", "/api/v1/applications/1", {"state": "hired"})):
        response = getattr(client, method)(url, json=body, headers=bearer(read))
        assert response.status_code == 403 and response.get_json()["error"]["code"] == "insufficient_scope", url
    db.refresh(position)
    assert position.title == "仓库管理员"
    write = issue(db, employer, scopes="read write")
    assert client.patch(f"/api/v1/positions/{position.ref}", json={"title": "改名"},
                        headers=bearer(write)).status_code == 200


def test_an_expired_token_is_refused(client, accounts, db):
    secret = issue(db, accounts[Role.STAFF], expires_at=datetime.now(timezone.utc) - timedelta(seconds=1))
    assert client.get("/api/v1/positions", headers=bearer(secret)).status_code == 401


def test_a_new_password_revokes_the_tokens(client, post_form, accounts, login, db):
    secret = issue(db, accounts[Role.EMPLOYER])
    login(accounts[Role.EMPLOYER])
    changed = post_form("/account/password", {"current": PASSWORD, "new": "a river of tea leaves",
                                              "confirm": "a river of tea leaves"})
    assert changed.status_code == 302
    assert client.application.test_client().get("/api/v1/positions", headers=bearer(secret)).status_code == 401
    assert "Revoked by a new password" in client.get("/account/tokens?lang=en").get_data(as_text=True)


def test_a_staff_reset_revokes_the_tokens_and_the_temporary_password_closes_the_api(client, post_form, accounts,
                                                                                   login, db):
    seeker = accounts[Role.SEEKER]
    secret = issue(db, seeker)
    position = make_position(db, accounts[Role.EMPLOYER].employer)
    db.commit()
    login(accounts[Role.STAFF])
    given = post_form("/staff/accounts/password", {"username": "seeker@test"})
    temporary = re.search(r'id="temporary-password" type="text" readonly value="([^"]+)"',
                          given.get_data(as_text=True)).group(1)
    post_form("/logout", {}, page="/staff/")
    assert client.get("/api/v1/positions", headers=bearer(secret)).status_code == 401

    assert login(seeker, temporary).status_code == 302
    token = csrf_token(client.get("/account/password").get_data(as_text=True))
    applied = client.post("/api/v1/applications", json={"position_id": position.ref},
                          headers={"X-CSRFToken": token})
    assert applied.status_code == 403 and applied.get_json()["error"]["code"] == "password_change_required"
    assert client.get("/api/v1/me/matches").status_code == 403
    assert db.scalar(select(Application)) is None
    assert client.get("/api/openapi.json").status_code == 200  # the description stays public


def test_a_token_of_an_account_with_a_temporary_password_does_nothing(client, accounts, db):
    """A token made before the reset is revoked; this covers one the administrator's command made afterwards."""
    seeker = accounts[Role.SEEKER]
    seeker.must_change_password = True
    db.commit()
    response = client.get("/api/v1/me/matches", headers=bearer(issue(db, seeker)))
    assert response.status_code == 403 and response.get_json()["error"]["code"] == "password_change_required"


def test_a_session_with_a_bearer_header_still_needs_the_csrf_token(client, accounts, login, db):
    login(accounts[Role.EMPLOYER])
    response = client.post("/api/v1/positions", json={"title": "x"}, headers=bearer("am_not_a_real_token"))
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "csrf"
