from datetime import date

import pytest
from sqlalchemy.exc import IntegrityError

from models import Role, SeekerAbility
from tests.factories import make_seeker, make_township, make_user

pytestmark = pytest.mark.db


def test_effective_abilities_prefer_tested_then_staff_then_self(db):
    staff = make_user(db, Role.STAFF)
    seeker = make_seeker(db, make_township(db), abilities={"walking": 4, "vision": 5, "lifting": 2})
    seeker.abilities += [
        SeekerAbility(key="walking", value=1, source="staff", assessed_on=date(2026, 3, 1), assessed_by_id=staff.id),
        SeekerAbility(key="lifting", value=3, source="staff", assessed_on=date(2026, 3, 1), assessed_by_id=staff.id),
        SeekerAbility(key="lifting", value=1, source="tested", assessed_on=date(2026, 4, 1), assessed_by_id=staff.id),
    ]
    db.flush()
    assert seeker.effective_abilities() == {"walking": 1, "vision": 5, "lifting": 1}


def test_ability_values_outside_the_scale_are_refused_by_the_database(db):
    seeker = make_seeker(db, make_township(db))
    db.add(SeekerAbility(seeker_id=seeker.id, key="vision", value=6, source="self", assessed_on=date(2026, 1, 1)))
    with pytest.raises(IntegrityError):
        db.flush()


def test_one_value_per_item_and_source(db):
    seeker = make_seeker(db, make_township(db), abilities={"vision": 3})
    db.add(SeekerAbility(seeker_id=seeker.id, key="vision", value=4, source="self", assessed_on=date(2026, 1, 1)))
    with pytest.raises(IntegrityError):
        db.flush()


def test_timestamps_come_back_timezone_aware(db):
    user = make_user(db, Role.SEEKER)
    db.expire_all()
    assert db.get(type(user), user.id).created_at.tzinfo is not None
