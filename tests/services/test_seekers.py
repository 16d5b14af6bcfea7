from datetime import date

import pytest

from models import AbilitySource, Role
from services.seekers import create_seeker, set_abilities
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


def test_new_seekers_get_the_next_readable_number(db):
    township = make_township(db)
    staff = make_user(db, Role.STAFF)
    old_style = make_seeker(db, township)
    old_style.ref = "SBB74EE5C"  # an id of the earlier random form does not count
    highest = make_seeker(db, township)
    highest.ref = "S00041"
    db.flush()
    fields = {"name": "陈小梅", "certificate_number": "33068219900101102243", "category": 2, "grade": 3,
              "township_id": township.id}
    first = create_seeker(db, staff, fields=fields, abilities={}, staff_abilities={}, needs=[], required=[],
                          consent_share=False, today=date(2026, 11, 29))
    second = create_seeker(db, staff, fields={**fields, "certificate_number": "33068219900101102344", "name": "李四"},
                           abilities={}, staff_abilities={}, needs=[], required=[], consent_share=False,
                           today=date(2026, 11, 29))
    assert (first.ref, second.ref) == ("S00042", "S00043")
