"""A NUL character in any input is refused as bad input, naming the field, on every database (no 500)."""

import pytest
from sqlalchemy import select

from models import Position, Role

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
