import pytest
from sqlalchemy import select

from models import AuditEntry, Role

pytestmark = pytest.mark.web

HOMES = {Role.SEEKER: "/me/", Role.EMPLOYER: "/employer/", Role.STAFF: "/staff/queue"}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_logs_in_to_its_home_page(client, accounts, login, role):
    response = login(accounts[role])
    assert response.status_code == 302
    assert response.headers["Location"] == HOMES[role]
    page = client.get(HOMES[role])
    assert page.status_code == 200
    assert accounts[role].display_name in page.get_data(as_text=True)


def test_wrong_password_is_refused_with_a_message_and_keeps_the_user_name(client, accounts, login, db):
    response = login(accounts[Role.SEEKER], password="wrong")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "用户名或密码不正确" in html
    assert 'value="seeker@test"' in html
    assert client.get("/me/").status_code == 302  # still not logged in
    failed = db.scalars(select(AuditEntry).where(AuditEntry.action == "login_failed")).all()
    assert [entry.user_id for entry in failed] == [accounts[Role.SEEKER].id]


def test_unknown_user_gets_the_same_message(post_form, accounts):
    response = post_form("/login", {"username": "nobody@test", "password": "whatever"})
    assert response.status_code == 400
    assert "用户名或密码不正确" in response.get_data(as_text=True)


def test_missing_fields_are_listed_in_the_error_summary_with_links(post_form, accounts):
    response = post_form("/login?lang=en", {"username": "", "password": ""})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'class="error-summary"' in html
    assert '<a href="#username">User name: Enter your user name.</a>' in html
    assert '<a href="#password">Password: Enter your password.</a>' in html
    assert 'aria-describedby="username-hint username-error"' in html
    assert 'aria-invalid="true"' in html


def test_login_without_csrf_token_is_refused(client, accounts):
    response = client.post("/login", data={"username": "seeker@test", "password": "correct horse battery"})
    assert response.status_code == 400
    assert client.get("/me/").status_code == 302


def test_user_names_are_case_insensitive(post_form, accounts):
    assert post_form("/login", {"username": "  SEEKER@test ", "password": "correct horse battery"}).status_code == 302


def test_inactive_user_cannot_log_in(post_form, accounts, db):
    accounts[Role.SEEKER].is_active = False
    db.commit()
    assert post_form("/login", {"username": "seeker@test", "password": "correct horse battery"}).status_code == 400


def test_login_follows_a_local_next_but_never_another_site(client, accounts, post_form):
    response = post_form("/login?next=/me/", {"username": "seeker@test", "password": "correct horse battery"})
    assert response.headers["Location"] == "/me/"
    client.post("/logout", data={"csrf_token": "x"})  # refused without a valid token; log out properly below
    from tests.conftest import csrf_token
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/me/").get_data(as_text=True))})
    for target in ("https://evil.example/", "//evil.example/", "evil.example"):
        response = post_form(f"/login?next={target}", {"username": "seeker@test", "password": "correct horse battery"},
                             page="/login")
        assert response.headers["Location"] == "/me/"
        client.post("/logout", data={"csrf_token": csrf_token(client.get("/me/").get_data(as_text=True))})


def test_logout_needs_a_post_with_csrf_and_ends_the_session(client, accounts, login):
    from tests.conftest import csrf_token

    login(accounts[Role.STAFF])
    assert client.get("/logout").status_code == 405
    token = csrf_token(client.get("/staff/").get_data(as_text=True))
    response = client.post("/logout", data={"csrf_token": token})
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 302


def test_passwords_are_stored_hashed(accounts):
    user = accounts[Role.SEEKER]
    assert "correct horse" not in user.password_hash
    assert user.password_hash.startswith(("scrypt:", "pbkdf2:"))
