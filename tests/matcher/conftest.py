"""Builders for hand-made seekers and positions: everything able and undemanding unless a test says otherwise."""

import pytest

from matcher.profile import ABILITY_KEYS

BAIGUAN = (30.030, 120.872)  # 百官街道 centre


def seeker_dict(id="S1", abilities=None, **fields):
    d = {"id": id, "lat": BAIGUAN[0], "lon": BAIGUAN[1], "max_commute_km": 15,
         "abilities": {k: 5 for k in ABILITY_KEYS} | (abilities or {})}
    d.update(fields)
    return d


def position_dict(id="P1", demands=None, **fields):
    d = {"id": id, "lat": BAIGUAN[0] + 0.01, "lon": BAIGUAN[1], "demands": demands or {"sitting": 3}}
    d.update(fields)
    return d


@pytest.fixture
def make_seeker():
    return seeker_dict


@pytest.fixture
def make_position():
    return position_dict
