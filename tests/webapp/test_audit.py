"""Every read of a person's data by someone else is in the audit log with the reader, their address and what
they saw (pages and API alike); answers with personal data are never cached."""

from datetime import date

import pytest
from sqlalchemy import select

from models import ApiToken, ApplicationState, AuditEntry, PositionStatus, Role
from services.applications import move
from tests.factories import FAR_FUTURE, make_position, make_seeker

pytestmark = pytest.mark.web


@pytest.fixture
def applied(db, accounts):
    """The seeker applied to the employer's open position; another person shares their profile and fits it."""
    employer_user, seeker_user = accounts[Role.EMPLOYER], accounts[Role.SEEKER]
    position = make_position(db, employer_user.employer, "网店客服", status=PositionStatus.OPEN, skills=["Excel"],
                             openings=1)
    move(db, seeker_user.seeker, position, ApplicationState.APPLIED, seeker_user, today=date(2026, 3, 1))
    other = make_seeker(db, employer_user.employer.township, name="赵共享", consent_share=True, skills=["Excel"])
    db.commit()
    return position, other


def bearer(db, user) -> dict:
    token, secret = ApiToken.issue(user, "tests", "read write", FAR_FUTURE)
    db.add(token)
    db.commit()
    return {"Authorization": f"Bearer {secret}"}


def views(db) -> list[AuditEntry]:
    return list(db.scalars(select(AuditEntry).where(AuditEntry.action == "view").order_by(AuditEntry.id)))


def test_the_employers_applications_page_is_logged(applied, client, login, accounts, db):
    login(accounts[Role.EMPLOYER])
    page = client.get("/employer/applications?lang=en", environ_base={"REMOTE_ADDR": "203.0.113.7"})
    assert "张三" in page.get_data(as_text=True)
    [entry] = views(db)
    assert (entry.user_id, entry.ip, entry.subject_type) == (accounts[Role.EMPLOYER].id, "203.0.113.7", "applications")
    assert entry.detail["shown"] == [accounts[Role.SEEKER].seeker.ref]


@pytest.mark.parametrize("role", [Role.EMPLOYER, Role.STAFF])
def test_the_api_list_of_applications_is_logged_for_others_not_for_the_seeker_themself(applied, client, accounts, db,
                                                                                         role):
    response = client.get("/api/v1/applications", headers=bearer(db, accounts[role]),
                          environ_base={"REMOTE_ADDR": "203.0.113.8"})
    assert response.get_json()["applications"][0]["seeker_name"] == "张三"
    [entry] = views(db)
    assert (entry.user_id, entry.ip, entry.detail) == (
        accounts[role].id, "203.0.113.8", {"shown": [accounts[Role.SEEKER].seeker.ref], "via": "api"})
    client.get("/api/v1/applications", headers=bearer(db, accounts[Role.SEEKER]))
    assert len(views(db)) == 1


def test_candidate_views_name_the_reader_and_the_address(applied, client, login, accounts, db):
    position, other = applied
    address = {"REMOTE_ADDR": "198.51.100.4"}
    login(accounts[Role.EMPLOYER])
    client.get(f"/employer/positions/{position.ref}", environ_base=address)
    client.get(f"/employer/positions/{position.ref}/candidates/{other.ref}", environ_base=address)
    client.get(f"/api/v1/positions/{position.ref}/candidates", headers=bearer(db, accounts[Role.EMPLOYER]),
               environ_base=address)
    entries = views(db)
    assert [(e.subject_type, e.user_id, e.ip) for e in entries] == [
        ("candidates", accounts[Role.EMPLOYER].id, "198.51.100.4"), ("seeker", accounts[Role.EMPLOYER].id,
                                                                     "198.51.100.4"),
        ("candidates", accounts[Role.EMPLOYER].id, "198.51.100.4")]
    assert other.ref in entries[0].detail["shown"] and entries[1].subject_id == other.id


def test_behind_a_trusted_proxy_the_clients_own_address_is_logged(connection, database_url, applied, accounts, db):
    from tests.conftest import csrf_token
    from tests.webapp.conftest import PASSWORD
    from webapp import create_app

    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "DATABASE_URL": database_url,
                      "DB_CONNECTION": connection, "ABLEMATCH_PROXIES": 1})
    client = app.test_client()
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    forwarded = {"X-Forwarded-For": "203.0.113.9"}
    token = csrf_token(client.get("/login").get_data(as_text=True))
    client.post("/login", data={"csrf_token": token, "username": "employer@test", "password": PASSWORD},
                environ_base=proxy, headers=forwarded)
    position, other = applied
    client.get(f"/employer/positions/{position.ref}/candidates/{other.ref}", environ_base=proxy, headers=forwarded)
    assert views(db)[-1].ip == "203.0.113.9"


def test_api_answers_and_exports_with_personal_data_are_never_cached(applied, client, login, accounts, db):
    headers = bearer(db, accounts[Role.EMPLOYER])
    position, _ = applied
    for url in ("/api/v1/applications", "/api/v1/positions", f"/api/v1/positions/{position.ref}/candidates",
                "/api/v1/positions/P99999"):
        assert client.get(url, headers=headers).headers["Cache-Control"] == "no-store", url
    login(accounts[Role.STAFF])
    assert client.get("/dashboards/district-2025.csv").headers["Cache-Control"] == "no-store"
    assert "no-store" not in client.get("/api/openapi.json").headers.get("Cache-Control", "")
