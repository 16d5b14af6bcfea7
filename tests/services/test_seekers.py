from datetime import date

import pytest

from models import AbilitySource, Role
from services.seekers import set_abilities
from tests.factories import make_seeker, make_township, make_user

pytestmark = pytest.mark.db


def test_zero_is_recorded_as_not_able_and_none_removes_the_value(db):
    seeker = make_seeker(db, make_township(db))
    me = make_user(db, Role.SEEKER)
    assert set_abilities(seeker, {"vision": 0, "walking": None}, AbilitySource.SELF, me, date(2026, 11, 1)) == ["vision"]
    db.flush()
    assert seeker.effective_abilities() == {"vision": 0}
    assert set_abilities(seeker, {"vision": None}, AbilitySource.SELF, me, date(2026, 11, 2)) == ["vision"]
    db.flush()
    assert seeker.effective_abilities() == {}
