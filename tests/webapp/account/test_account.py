import re

import pytest
from sqlalchemy import select

from models import ApiToken, AuditEntry, Role, User
from tests.conftest import csrf_token
from tests.factories import FAR_FUTURE

from tests.webapp.conftest import PASSWORD

pytestmark = pytest.mark.web


def test_create_use_and_revoke_a_token(client, post_form, accounts, login, db):
    login(accounts[Role.EMPLOYER])
    page = post_form("/account/tokens?lang=en", {"name": "HR system", "scopes": "read", "days": "90",
                                                 "password": PASSWORD}, page="/account/tokens")
    assert page.status_code == 200
    secret = re.search(r'id="new-token" type="text" readonly value="(am_[^"]+)"', page.get_data(as_text=True)).group(1)
    token = db.scalar(select(ApiToken).where(ApiToken.user_id == accounts[Role.EMPLOYER].id))
    assert token.name == "HR system" and secret not in token.token_hash  # only the hash is stored
    assert client.get("/api/v1/positions", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    assert secret not in client.get("/account/tokens").get_data(as_text=True)  # shown once only

    html = client.get("/account/tokens").get_data(as_text=True)
    response = client.post(f"/account/tokens/{token.id}/revoke", data={"csrf_token": csrf_token(html)})
    assert response.status_code == 302
    anonymous = client.application.test_client()
    assert anonymous.get("/api/v1/positions", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    actions = [e.action for e in db.scalars(select(AuditEntry).where(AuditEntry.subject_type == "api_token"))]
    assert actions == ["create", "delete"]


def test_a_token_needs_a_name(post_form, accounts, login, db):
    login(accounts[Role.STAFF])
    response = post_form("/account/tokens?lang=en", {"name": "  ", "password": PASSWORD}, page="/account/tokens")
    assert response.status_code == 400
    assert "Say what the token is for" in response.get_data(as_text=True)
    assert db.scalar(select(ApiToken)) is None


def test_nobody_revokes_another_users_token(client, post_form, accounts, login, db):
    token, _ = ApiToken.issue(accounts[Role.STAFF], "staff script", "read write", FAR_FUTURE)
    db.add(token)
    db.commit()
    login(accounts[Role.EMPLOYER])
    assert post_form(f"/account/tokens/{token.id}/revoke", {}, page="/account/tokens").status_code == 404
    db.refresh(token)
    assert token.revoked_at is None
    assert "staff script" not in client.get("/account/tokens").get_data(as_text=True)


def test_token_page_needs_a_login(client):
    assert client.get("/account/tokens").status_code == 302


def change(post_form, **fields):
    data = {"current": PASSWORD, "new": "a river of tea leaves", "confirm": "a river of tea leaves"}
    data.update(fields)
    return post_form("/account/password?lang=en", data, page="/account/password")


def test_change_your_own_password_and_bad_input(client, post_form, accounts, login, db):
    seeker = accounts[Role.SEEKER]
    elsewhere = client.application.test_client()  # the same person logged in on another device
    elsewhere.post("/login", data={"csrf_token": csrf_token(elsewhere.get("/login").get_data(as_text=True)),
                                   "username": seeker.username, "password": PASSWORD})
    assert elsewhere.get("/me/").status_code == 200
    login(seeker)
    for fields, field, message in (
            ({"current": "guess"}, "current", "The current password is not right."),
            ({"new": "short", "confirm": "short"}, "new", "at least 10 characters"),
            ({"new": "1234567890", "confirm": "1234567890"}, "new", "only repeats or counts characters"),
            ({"new": "password12", "confirm": "password12"}, "new", "one of the most used passwords"),
            ({"new": "Xy7-" * 50 + "z", "confirm": "Xy7-" * 50 + "z"}, "new", "at most 200 characters"),
            ({"confirm": "a river of tea"}, "confirm", "The two passwords differ."),
            ({"new": PASSWORD, "confirm": PASSWORD}, "new", "different from the current one"),
            ({"new": "seeker@test", "confirm": "seeker@test"}, "new", "different from your user name")):
        refused = change(post_form, **fields)
        text = refused.get_data(as_text=True)
        assert refused.status_code == 400 and f'href="#{field}"' in text and message in text, fields
        assert 'value="' + fields.get("new", "a river") not in text  # passwords are never sent back
    db.refresh(seeker)
    assert seeker.check_password(PASSWORD)

    assert elsewhere.get("/me/").status_code == 200  # no change yet
    changed = change(post_form)
    assert changed.status_code == 302
    assert client.get("/me/").status_code == 200  # this session goes on
    assert elsewhere.get("/me/").headers["Location"].startswith("/login")  # the other device is logged out
    db.refresh(seeker)
    assert seeker.check_password("a river of tea leaves") and not seeker.check_password(PASSWORD)
    entry = db.scalar(select(AuditEntry).where(AuditEntry.subject_type == "password"))
    assert (entry.action, entry.user_id, entry.subject_id) == ("update", seeker.id, seeker.id)
    post_form("/logout", {}, page="/me/")
    assert login(seeker).status_code == 400  # the old password is refused
    assert login(seeker, "a river of tea leaves").status_code == 302


def test_staff_give_a_temporary_password_which_must_be_changed_first(client, post_form, accounts, login, db):
    employer = accounts[Role.EMPLOYER]
    elsewhere = client.application.test_client()  # someone logged in as the employer, say on a lost phone
    elsewhere.post("/login", data={"csrf_token": csrf_token(elsewhere.get("/login").get_data(as_text=True)),
                                   "username": employer.username, "password": PASSWORD})
    assert elsewhere.get("/employer/").status_code == 200
    login(accounts[Role.STAFF])
    url = "/staff/accounts/password"
    for username, message in (("", "Enter the user name"), ("nobody@test", "No account has this user name"),
                              ("staff@test", "This is a staff account")):
        refused = post_form(url + "?lang=en", {"username": username}, page=url)
        assert refused.status_code == 400 and message in refused.get_data(as_text=True)
    given = post_form(url + "?lang=en", {"username": " Employer@Test "}, page=url)
    temporary = re.search(r'id="temporary-password" type="text" readonly value="([^"]+)"',
                          given.get_data(as_text=True)).group(1)
    assert re.fullmatch(r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", temporary)
    assert elsewhere.get("/employer/").headers["Location"].startswith("/login")  # old sessions end with the password
    assert temporary not in client.get(url).get_data(as_text=True)  # shown once only
    entry = db.scalar(select(AuditEntry).where(AuditEntry.subject_type == "password"))
    assert (entry.action, entry.user_id, entry.subject_id) == ("reset", accounts[Role.STAFF].id, employer.id)
    post_form("/logout", {}, page="/staff/")

    assert login(employer).status_code == 400  # the old password no longer works
    assert login(employer, temporary).status_code == 302
    # nothing opens before the person chooses their own password
    for page in ("/employer/", "/employer/positions/new", "/account/tokens"):
        response = client.get(page)
        assert response.status_code == 302 and response.headers["Location"] == "/account/password"
    form = client.get("/account/password?lang=en").get_data(as_text=True)
    assert "You logged in with a temporary password" in form
    assert change(post_form, current=temporary).status_code == 302
    db.refresh(employer)
    assert not employer.must_change_password and employer.check_password("a river of tea leaves")
    assert client.get("/employer/").status_code == 200


@pytest.mark.parametrize("role", [Role.SEEKER, Role.EMPLOYER])
def test_only_staff_give_temporary_passwords(client, accounts, login, role, db):
    login(accounts[role])
    assert client.get("/staff/accounts/password").status_code == 403
    assert client.post("/staff/accounts/password", data={"username": "seeker@test"}).status_code in (400, 403)
    assert not db.scalar(select(User.must_change_password).where(User.username == "seeker@test"))


def test_the_password_page_needs_a_login(client):
    response = client.get("/account/password")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
