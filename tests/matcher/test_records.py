import pytest

from matcher import Position, RecordError, Seeker
from matcher.geo import townships


@pytest.mark.parametrize("change, field", [
    ({"id": None}, "id"),
    ({"id": ""}, "id"),
    ({"id": ["S1"]}, "id"),
    ({"abilities": {"visoin": 3}}, "abilities.visoin"),
    ({"abilities": {"vision": 6}}, "abilities.vision"),
    ({"abilities": {"vision": -1}}, "abilities.vision"),
    ({"abilities": {"vision": 2.5}}, "abilities.vision"),
    ({"abilities": {"vision": "3"}}, "abilities.vision"),
    ({"abilities": {"vision": True}}, "abilities.vision"),
    ({"abilities": [3, 4]}, "abilities"),
    ({"needs": ["ramp"]}, "needs[0]"),
    ({"needs": [["quiet_space"]]}, "needs[0]"),
    ({"needs": "quiet_space"}, "needs"),
    ({"abilities": {"vision": [3]}}, "abilities.vision"),
    ({"township": 7, "lat": None, "lon": None}, "township"),
    ({"needs": ["quiet_space"], "needs_required": ["quiet_space", "ramp"]}, "needs_required[1]"),
    ({"needs": ["quiet_space"], "needs_required": ["quiet_space", "job_coach"]}, "needs_required"),
    ({"needs": [], "needs_required": ["quiet_space"]}, "needs_required"),
    ({"lat": 130.0}, "lat"),
    ({"lon": "east"}, "lon"),
    ({"lat": float("nan")}, "lat"),
    ({"lat": None, "lon": None}, "lat"),
    ({"lat": None}, "lat"),
    ({"lat": None, "lon": None, "township": "火星镇"}, "township"),
    ({"max_commute_km": -1}, "max_commute_km"),
    ({"remote_ok": "yes"}, "remote_ok"),
    ({"skills": "Excel"}, "skills"),
    ({"skills": ["Excel", 3]}, "skills[1]"),
    ({"hours_per_week": 200}, "hours_per_week"),
])
def test_bad_seeker_fields_are_named(make_seeker, change, field):
    d = make_seeker()
    d.update(change)
    if d.get("lat") is None and "lat" in change and "lon" not in change:
        d["lon"] = 120.0
    with pytest.raises(RecordError) as caught:
        Seeker.from_dict(d)
    assert caught.value.field == field
    assert str(caught.value).startswith(field + ": ")


@pytest.mark.parametrize("change, field", [
    ({"demands": {"sitting": 9}}, "demands.sitting"),
    ({"essential": ["flying"]}, "essential[0]"),
    ({"offers": ["lift"]}, "offers[0]"),
    ({"openings": 1.5}, "openings"),
    ({"lat": None, "lon": None}, "lat"),
    ({"remote": 1}, "remote"),
])
def test_bad_position_fields_are_named(make_position, change, field):
    d = make_position()
    d.update(change)
    with pytest.raises(RecordError) as caught:
        Position.from_dict(d)
    assert caught.value.field == field


def test_township_centre_when_no_coordinates(make_seeker):
    s = Seeker.from_dict(make_seeker(lat=None, lon=None, township="汤浦镇") | {"lat": None, "lon": None})
    assert (s.lat, s.lon) == townships()["汤浦镇"]
    assert len(townships()) == 20


def test_items_left_out_are_zero_and_round_trip(make_seeker, make_position):
    s = Seeker.from_dict({"id": 17, "township": "百官街道", "abilities": {"vision": 4}})
    assert s.id == "17" and s.abilities[8] == 4 and sum(s.abilities) == 4
    assert Seeker.from_dict(s.to_dict()) == s
    # null is "not assessed", kept apart from 0 ("cannot") both ways, with every item listed or not
    unknown = Seeker.from_dict({"id": 18, "township": "百官街道", "abilities": {"vision": None, "hearing": 0}})
    assert unknown.abilities[8] is None and unknown.abilities[9] == 0
    assert unknown.to_dict()["abilities"] == {"vision": None} and Seeker.from_dict(unknown.to_dict()) == unknown
    full = Seeker.from_dict(make_seeker(abilities={"vision": None}))
    assert full.abilities[8] is None and full.abilities[9] == 5
    p = Position.from_dict(make_position(remote=True, lat=None, lon=None, essential=["sitting"]))
    assert "remote_work" in p.offers and p.xyz is None
    assert Position.from_dict(p.to_dict()) == p


def test_non_object_record():
    with pytest.raises(RecordError, match=r"\(record\): must be a JSON object"):
        Seeker.from_dict([1, 2])


@pytest.mark.parametrize("side, bad", [("seeker", 7), ("seeker", "3"), ("seeker", 2.5), ("seeker", True),
                                       ("position", None), ("position", 7), ("position", "3")])
def test_every_item_listed_and_one_bad_value_names_the_field(make_seeker, make_position, side, bad):
    # all 24 keys present takes the fast path, which must still name the field when one value is bad
    from matcher.profile import ABILITY_KEYS
    full = dict.fromkeys(ABILITY_KEYS, 3) | {"hearing": bad}
    d = make_seeker(abilities=full) if side == "seeker" else make_position(demands=full)
    field = "abilities.hearing" if side == "seeker" else "demands.hearing"
    with pytest.raises(RecordError) as caught:
        (Seeker if side == "seeker" else Position).from_dict(d)
    assert caught.value.field == field
