"""Logging in: the same time for an unknown user name as for a wrong password (the hash is checked either way)."""

from datetime import datetime, timezone

import pytest

from models import Role
from services import accounts
from services.login_throttle import Limits
from tests.factories import make_user

pytestmark = pytest.mark.db

NOW = datetime(2026, 11, 30, 1, 0, tzinfo=timezone.utc)


def test_an_unknown_user_name_costs_a_password_check(db, monkeypatch):
    make_user(db, Role.SEEKER, "seeker@test", "correct horse battery")
    checked = []
    real = accounts.check_password_hash
    monkeypatch.setattr(accounts, "check_password_hash", lambda h, p: checked.append(h) or real(h, p))
    with pytest.raises(accounts.LoginError) as refused:
        accounts.authenticate(db, "nobody@test", "guess guess", ip=None, now=NOW, limits=Limits())
    assert refused.value.code == "wrong"
    assert checked == [accounts._dummy_hash()]
    assert checked[0].split("$")[0] == make_user(db, Role.SEEKER, password="x").password_hash.split("$")[0]
