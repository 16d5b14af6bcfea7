import re

import pytest
from sqlalchemy import select

from models import ApiToken, AuditEntry, Role
from tests.conftest import csrf_token

pytestmark = pytest.mark.web


def test_create_use_and_revoke_a_token(client, post_form, accounts, login, db):
    login(accounts[Role.EMPLOYER])
    page = post_form("/account/tokens?lang=en", {"name": "HR system"}, page="/account/tokens")
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
    response = post_form("/account/tokens?lang=en", {"name": "  "}, page="/account/tokens")
    assert response.status_code == 400
    assert "Say what the token is for" in response.get_data(as_text=True)
    assert db.scalar(select(ApiToken)) is None


def test_nobody_revokes_another_users_token(client, post_form, accounts, login, db):
    token, _ = ApiToken.issue(accounts[Role.STAFF], "staff script")
    db.add(token)
    db.commit()
    login(accounts[Role.EMPLOYER])
    assert post_form(f"/account/tokens/{token.id}/revoke", {}, page="/account/tokens").status_code == 404
    db.refresh(token)
    assert token.revoked_at is None
    assert "staff script" not in client.get("/account/tokens").get_data(as_text=True)


def test_token_page_needs_a_login(client):
    assert client.get("/account/tokens").status_code == 302
