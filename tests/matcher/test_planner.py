from collections import Counter

import numpy as np
import pytest

from matcher import plan_fair, synth
from matcher.planner import _edge_colouring


@pytest.fixture(scope="module")
def fair():
    seekers, positions = synth.seekers(120, seed=31), synth.positions(25, seed=32)
    plan = plan_fair(seekers, positions, hours=2, slots_per_hour=3, tables_per_booth=2, per_seeker=3, per_opening=2)
    return seekers, positions, plan


def test_no_one_in_two_places_at_once(fair):
    _, _, plan = fair
    assert plan.interviews
    assert max(Counter((i.seeker_id, i.slot) for i in plan.interviews).values()) == 1
    assert max(Counter((i.booth, i.table, i.slot) for i in plan.interviews).values()) == 1
    assert {i.slot for i in plan.interviews} <= set(range(6)) and {i.table for i in plan.interviews} <= {1, 2}


def test_capacities_hold(fair):
    _, positions, plan = fair
    openings = {p["id"]: p["openings"] for p in positions}
    assert max(Counter(i.seeker_id for i in plan.interviews).values()) <= 3
    assert all(n <= 2 * openings[p] for p, n in Counter(i.position_id for i in plan.interviews).items())
    assert max(Counter(i.booth for i in plan.interviews).values()) <= 6 * 2
    assert len({(i.seeker_id, i.position_id) for i in plan.interviews}) == len(plan.interviews)


def test_plan_maximises_the_sum_of_scores(make_seeker, make_position):
    # one slot: the planner must give the one interview to the better pair, not the first seeker by id
    seekers = [make_seeker(id="S1", skills=[]), make_seeker(id="S2", skills=["面点"])]
    positions = [make_position(id="P1", skills=["面点"], employer_id="E1")]
    plan = plan_fair(seekers, positions, hours=1, slots_per_hour=1)
    assert [(i.seeker_id, i.start, i.end) for i in plan.interviews] == [("S2", "09:00", "10:00")]
    assert "Booth E1" in plan.by_booth() and "Seeker S2" in plan.by_seeker()


def test_plans_are_reproducible(fair):
    seekers, positions, plan = fair
    again = plan_fair(seekers, positions, hours=2, slots_per_hour=3, tables_per_booth=2, per_seeker=3, per_opening=2)
    assert again.interviews == plan.interviews


@pytest.mark.parametrize("seed", range(5))
def test_edge_colouring_uses_no_more_colours_than_the_largest_degree(seed):
    rng = np.random.default_rng(seed)
    edges = [(("s", int(a)), ("t", int(b))) for a, b in rng.integers(0, 12, (150, 2))]
    colour = _edge_colouring(edges)
    degree = max(Counter(e for pair in edges for e in pair).values())
    assert max(colour) < degree
    for end in (0, 1):
        assert len({(e[end], c) for e, c in zip(edges, colour)}) == len(edges)


def test_people_already_hired_for_a_position_get_no_interview_there(fair):
    seekers, positions, plan = fair
    hired = {(i.seeker_id, i.position_id) for i in plan.interviews[::2]}
    again = plan_fair(seekers, positions, hours=2, slots_per_hour=3, tables_per_booth=2, per_seeker=3, per_opening=2,
                      exclude=hired)
    assert again.interviews and not hired & {(i.seeker_id, i.position_id) for i in again.interviews}
