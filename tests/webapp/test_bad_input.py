"""A NUL character in any input is refused as bad input, naming the field, on every database (no 500)."""

import io

import pytest
from sqlalchemy import select

from models import ApiToken, Position, Role, User
from tests.factories import FAR_FUTURE

pytestmark = pytest.mark.web


def test_a_nul_in_a_form_is_refused_with_the_field_named(client, post_form, accounts, db):
    response = post_form("/login?lang=en", {"username": "seeker\x00@test", "password": "x"})
    assert response.status_code == 400
    assert "The field username contains the NUL character" in response.get_data(as_text=True)
    assert client.get("/?lang=en&q=a\x00b").status_code == 400


def test_a_nul_in_a_json_body_is_a_422_naming_each_field(client, accounts, login, db):
    login(accounts[Role.EMPLOYER])
    page = client.get("/employer/").get_data(as_text=True)
    from tests.conftest import csrf_token

    body = {"title": "客服\x00", "township": "01", "openings": 1, "demands": {"writ\x00ing": 3}, "skills": ["a", "\x00"]}
    response = client.post("/api/v1/positions", json=body, headers={"X-CSRFToken": csrf_token(page)})
    assert response.status_code == 422
    fields = [f["field"] for f in response.get_json()["error"]["fields"]]
    assert fields == ["demands.writ\\0ing", "skills[1]", "title"]
    assert db.scalar(select(Position).where(Position.title.like("客服%"))) is None


def nested(levels: int):
    value = "x"
    for _ in range(levels):
        value = [value]
    return value


@pytest.fixture
def employer_token(db, accounts) -> dict:
    token, secret = ApiToken.issue(accounts[Role.EMPLOYER], "tests", "read write", FAR_FUTURE)
    db.add(token)
    db.commit()
    return {"Authorization": f"Bearer {secret}"}


def test_a_json_body_nested_50000_levels_is_a_400(client, employer_token):
    deep = "[" * 50_000 + "]" * 50_000
    response = client.post("/api/v1/positions?lang=en", data=deep, content_type="application/json",
                           headers=employer_token)
    assert response.status_code == 400
    assert response.get_json()["error"]["fields"][0]["field"] == "(body)"
    assert "nested more than 32 levels" in response.get_json()["error"]["message"]
    # within the parser's reach but deeper than any body of the API
    response = client.post("/api/v1/positions", json={"title": nested(40)},
                           headers=employer_token)
    assert response.status_code == 400
    response = client.post("/?lang=en", data=deep, content_type="application/json")
    assert response.status_code == 400 and "nested more than 32 levels" in response.get_data(as_text=True)


def test_a_body_above_the_limit_is_a_413(client, accounts, employer_token, login):
    big = b"x" * (16 * 1024 * 1024 + 1)
    response = client.post("/api/v1/positions", data=big, content_type="application/json",
                           headers=employer_token)
    assert response.status_code == 413 and response.get_json()["error"]["code"] == "request_entity_too_large"
    login(accounts[Role.STAFF])
    response = client.post("/declarations/staff/insurance?lang=en", data={"file": (io.BytesIO(big), "big.csv")})
    assert response.status_code == 413 and "Something went wrong (413)" in response.get_data(as_text=True)


def test_the_error_page_works_after_a_failed_write(app, client, accounts, login):
    """A write the database refuses leaves the session to be rolled back; the 500 page (which reads the user and
    their notices) still renders, inside the layout."""
    app.config["PROPAGATE_EXCEPTIONS"] = False

    def fail():
        from webapp.db import get_session

        session = get_session()
        session.add(User(username="staff@test", role=Role.STAFF, display_name="twice"))
        session.flush()  # the user name is taken: IntegrityError

    app.add_url_rule("/fail-on-write", "fail_on_write", fail)
    login(accounts[Role.SEEKER])
    response = client.get("/fail-on-write?lang=en")
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    assert "Something went wrong (500)" in text and "My messages" in text
