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


def test_the_exchange_record_sends_none_for_every_item_not_assessed(db):
    from matcher.profile import ABILITY_KEYS
    from models.exchange import seeker_record

    seeker = make_seeker(db, make_township(db), abilities={"vision": 0, "walking": 3})
    record = seeker_record(seeker)["abilities"]
    assert list(record) == list(ABILITY_KEYS)
    assert record["vision"] == 0 and record["walking"] == 3  # 0 is "not able", and is kept
    assert all(record[key] is None for key in ABILITY_KEYS if key not in ("vision", "walking"))


def test_a_seeker_with_no_ability_rows_is_not_assessed_and_never_ruled_out_by_it(db):
    from matcher import Engine
    from models.exchange import seeker_record

    township = make_township(db)
    seeker = make_seeker(db, township, consent_share=True, max_commute_km=50)
    position = {"id": "P1", "lat": township.lat, "lon": township.lon, "demands": {"two_hands": 3, "standing": 3},
                "essential": ["two_hands"]}
    match = Engine.from_records([seeker_record(seeker)], [position]).explain(seeker.ref, "P1")
    assert match.score is not None
    assert {row["status"] for row in match.reasons["abilities"].values()} == {"to_be_checked"}
