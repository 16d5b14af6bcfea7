import pytest

from matcher import Engine, Position, Seeker, synth
from matcher.reference import rank_by_loop
from matcher.rules import Weights


@pytest.fixture(scope="module")
def district():
    seekers = [Seeker.from_dict(d) for d in synth.seekers(400, seed=11)]
    positions = [Position.from_dict(d) for d in synth.positions(60, seed=12)]
    return seekers, positions, Engine.from_records(seekers, positions)


def ranked(matches, other):
    return [(getattr(m, other), m.score) for m in matches]


@pytest.mark.parametrize("weights", [None, (0.1, 0.3, 0.05, 0.4, 0.1, 0.05)])
def test_engine_ranks_exactly_as_the_per_pair_loop(district, weights):
    seekers, positions, _ = district
    engine = Engine.from_records(seekers, positions, weights=weights)
    by_position = rank_by_loop(seekers, positions, 10, "candidates", weights)
    by_seeker = rank_by_loop(seekers, positions, 10, "positions", weights)
    assert sum(map(len, by_position.values())) > 300  # enough allowed pairs to compare
    for p in positions:
        assert ranked(engine.rank_candidates(p.id, 10, explain=False), "seeker_id") == by_position.get(p.id, [])
    for s in seekers:
        assert ranked(engine.rank_positions(s.id, 10, explain=False), "position_id") == by_seeker.get(s.id, [])
    all_positions, all_candidates = engine.rank_all(10)
    assert all_candidates == {p.id: by_position.get(p.id, []) for p in positions}
    assert all_positions == {s.id: by_seeker.get(s.id, []) for s in seekers}


def test_reasons_score_agrees_with_the_ranking(district):
    _, positions, engine = district
    for p in positions[:10]:
        fast = engine.rank_candidates(p.id, 5, explain=False)
        explained = engine.rank_candidates(p.id, 5)
        assert ranked(fast, "seeker_id") == ranked(explained, "seeker_id")
        for m in explained:
            assert m.rank and not m.reasons.get("ruled_out")
            assert all(h["score"] > m.score for h in m.reasons["hints"])


def test_the_count_of_candidates_is_the_length_of_the_whole_ranking(district):
    seekers, positions, engine = district
    for p in positions[:10]:
        assert engine.count_candidates(p.id) == len(engine.rank_candidates(p.id, len(seekers), explain=False))


def test_stored_records_read_back_unchanged(district):
    seekers, positions, engine = district
    assert all(engine.seeker(s.id) == s for s in seekers)
    assert all(engine.position(p.id) == p for p in positions)


def test_upsert_and_remove_without_rebuild(district, make_seeker, make_position):
    seekers, positions, _ = district
    engine = Engine.from_records(seekers[:50], positions[:10])
    before = engine.rank_candidates(positions[0].id, 400, explain=False)
    engine.upsert_seeker(make_seeker(id="S-new", lat=positions[0].lat, lon=positions[0].lon,
                                     skills=list(positions[0].skills)))
    assert engine.rank_candidates(positions[0].id, 1)[0].seeker_id == "S-new"
    # a changed profile replaces the old one in the same row
    engine.upsert_seeker(make_seeker(id="S-new", abilities={k: 0 for k in ("sitting", "standing", "walking")},
                                     skills=["x"] * 7))
    assert engine.seeker("S-new").skills == ("x",) * 7
    assert engine.remove_seeker("S-new") and not engine.remove_seeker("S-new")
    assert engine.rank_candidates(positions[0].id, 400, explain=False) == before
    assert engine.n_seekers == 50
    engine.remove_position(positions[1].id)
    with pytest.raises(KeyError):
        engine.rank_candidates(positions[1].id)
    assert positions[1].id not in {m.position_id for s in seekers[:50] for m in engine.rank_positions(s.id, explain=False)}
    engine.upsert_position(make_position(id="P-new", skills=["新的技能"] * 6))
    assert engine.n_positions == 10 and engine.position("P-new").skills == ("新的技能",) * 6


def test_growing_past_capacity_keeps_rows(make_seeker, make_position):
    engine = Engine(capacity=4)
    for i in range(40):
        engine.upsert_seeker(make_seeker(id=f"S{i:02d}", abilities={"sitting": i % 6}))
    engine.upsert_position(make_position())
    assert engine.n_seekers == 40
    assert [engine.seeker(f"S{i:02d}").abilities[0] for i in range(40)] == [i % 6 for i in range(40)]
    assert len(engine.rank_candidates("P1", 100, explain=False)) == 40


def test_a_batch_of_known_and_new_ids_keeps_the_rows_of_the_known(make_seeker):
    engine = Engine(capacity=4)
    engine.add_seekers([make_seeker(id=f"S{i}", max_commute_km=i) for i in range(10)])
    rows = dict(engine._s.row)
    engine.add_seekers([make_seeker(id=f"S{i}", max_commute_km=i + 100) for i in range(5, 15)]
                       + [make_seeker(id="S14", max_commute_km=1)])  # the later record of an id wins
    assert engine.n_seekers == 15 and all(engine._s.row[id_] == r for id_, r in rows.items())
    assert sorted(engine._s.row.values()) == list(range(15))
    assert [engine.seeker(f"S{i}").max_commute_km for i in range(15)] == [*range(5), *range(105, 114), 1]


def test_position_filters(make_seeker, make_position):
    engine = Engine.from_records([make_seeker(remote_ok=True, max_commute_km=50)], [
        make_position(id="near", wage=3000, hours_per_week=40),
        make_position(id="far", lat=30.2, wage=5000, hours_per_week=30),  # about 19 km north
        make_position(id="home", remote=True, lat=None, lon=None, wage=4000, hours_per_week=20),
        make_position(id="unknown-pay"),
    ])
    ids = lambda **f: sorted(m.position_id for m in engine.rank_positions("S1", explain=False, **f))  # noqa: E731
    assert ids() == ["far", "home", "near", "unknown-pay"]
    assert ids(max_distance_km=10) == ["home", "near", "unknown-pay"]
    assert ids(remote_only=True) == ["home"]
    assert ids(min_wage=4000) == ["far", "home"]
    assert ids(max_hours=30) == ["far", "home"]


def test_same_input_same_output(district):
    seekers, positions, engine = district
    again = Engine.from_records(list(reversed(seekers)), list(reversed(positions)))
    for p in positions[:20]:
        assert [m.to_dict() for m in engine.rank_candidates(p.id, 5)] == [m.to_dict() for m in again.rank_candidates(p.id, 5)]


def test_weights_are_checked():
    with pytest.raises(ValueError):
        Weights((1, 2, 3))
    with pytest.raises(ValueError):
        Weights((0, 0, 0, 0, 0, -1))


def test_module_level_rankings(make_seeker, make_position):
    from matcher import rank_candidates, rank_positions
    seekers = [make_seeker(id="S1", skills=["面点"]), make_seeker(id="S2")]
    positions = [make_position(id="P1", skills=["面点"]), make_position(id="P2", skills=["保安"])]
    assert [m.seeker_id for m in rank_candidates(positions[0], seekers)] == ["S1", "S2"]
    assert [m.position_id for m in rank_positions(seekers[0], positions, k=1)] == ["P1"]
    assert rank_positions(seekers[1], positions, remote_only=True) == []


def test_rankings_among_given_ids(district):
    seekers, positions, engine = district
    p = positions[0].id
    everyone = engine.rank_candidates(p, 1000, explain=False)
    consenting = [m.seeker_id for m in everyone[1::2]] + ["S-unknown"]
    assert [m.seeker_id for m in engine.rank_candidates(p, 1000, among=consenting, explain=False)] == consenting[:-1]
    assert engine.rank_candidates(p, among=[]) == []
    s = everyone[0].seeker_id
    allowed = [m.position_id for m in engine.rank_positions(s, 1000, explain=False)]
    fair = allowed[-2:] + [positions[-1].id]
    assert [m.position_id for m in engine.rank_positions(s, among=fair, explain=False)] == [
        i for i in allowed if i in fair]


def edge_case_district(rng):
    """Extreme but valid records: commutes of 0, no coordinates, wages and hours of 0, unknown skills; items
    not assessed, many offers (lifts), remote positions and hybrid ones (working from home)."""
    from matcher.profile import ABILITY_KEYS, ACCOMMODATION_KEYS
    seekers, positions = [], []
    for i in range(300):
        needs = [a for a in ACCOMMODATION_KEYS if rng.random() < 0.2]
        d = {"id": f"S{i}", "township": "百官街道", "needs": needs,
             "abilities": {k: rng.choice([0, 1, 2, 3, 4, 5, None]) for k in ABILITY_KEYS if rng.random() < 0.9},
             "needs_required": [n for n in needs if rng.random() < 0.5],
             "max_commute_km": rng.choice([0, 0.5, 3, 10, 50]), "remote_ok": rng.random() < 0.5,
             "skills": rng.sample(["excel", "面点", "保安", "手语", "新技能", "weird skill", "打字"], rng.randint(0, 3)),
             "desired_wage": rng.choice([None, 0, 3000, 5000]), "hours_per_week": rng.choice([None, 0, 20, 40, 168])}
        if rng.random() < 0.7:
            d["lat"], d["lon"] = 30.03 + rng.uniform(-0.1, 0.1), 120.87 + rng.uniform(-0.1, 0.1)
        seekers.append(Seeker.from_dict(d))
    for i in range(80):
        remote = rng.random() < 0.3
        d = {"id": f"P{i}", "remote": remote, "essential": rng.sample(ABILITY_KEYS, rng.randint(0, 4)),
             "demands": {k: rng.randint(0, 5) for k in ABILITY_KEYS if rng.random() < 0.4},
             "offers": [a for a in ACCOMMODATION_KEYS if rng.random() < 0.4],
             "skills": rng.sample(["Excel表格", "面点师", "保安", "新技能", "weird skill", "typing"], rng.randint(0, 3)),
             "wage": rng.choice([None, 0, 2000, 4000, 6000]), "hours_per_week": rng.choice([None, 0, 20, 40, 60])}
        if not remote or rng.random() < 0.5:
            d["lat"], d["lon"] = 30.03 + rng.uniform(-0.1, 0.1), 120.87 + rng.uniform(-0.1, 0.1)
        positions.append(Position.from_dict(d))
    return seekers, positions


def test_engine_agrees_with_the_loop_on_edge_cases():
    import random
    rng = random.Random(1)
    seekers, positions = edge_case_district(rng)
    engine = Engine.from_records(seekers, positions)
    # positions a seeker holds, people hired for a position: left out both ways
    exclude = {(s.id, p.id) for s in seekers for p in positions if rng.random() < 0.05}
    by_position = rank_by_loop(seekers, positions, 15, "candidates", exclude=exclude)
    by_seeker = rank_by_loop(seekers, positions, 15, "positions", exclude=exclude)
    assert sum(map(len, by_position.values())) > 500
    for p in positions:
        hired = [s for s, q in exclude if q == p.id]
        assert ranked(engine.rank_candidates(p.id, 15, exclude=hired, explain=False), "seeker_id") == \
            by_position.get(p.id, [])
    for s in seekers:
        held = [p for t, p in exclude if t == s.id]
        assert ranked(engine.rank_positions(s.id, 15, exclude=held, explain=False), "position_id") == \
            by_seeker.get(s.id, [])
    # the district exercises what rules v2 changed, on pairs the rules allow
    allowed = [engine.explain(s, p, hints=False) for p, ms in by_position.items() for s, _ in ms]
    statuses = {r["status"] for m in allowed for r in m.reasons["abilities"].values()}
    assert {"to_be_checked", "accommodated", "not_applicable", "shortfall"} <= statuses
    assert any(m.reasons["works_from_home"] for m in allowed) and any(m.reasons["lifts"] for m in allowed)


def test_stored_records_with_items_not_assessed_read_back_unchanged():
    import random
    seekers, positions = edge_case_district(random.Random(2))
    engine = Engine.from_records(seekers, positions)
    assert any(None in s.abilities for s in seekers)
    assert all(engine.seeker(s.id) == s for s in seekers)
    assert all(engine.position(p.id) == p for p in positions)


def test_exclusions_leave_out_only_those_pairs(district):
    _, positions, engine = district
    p = positions[0].id
    everyone = [m.seeker_id for m in engine.rank_candidates(p, 1000, explain=False)]
    hired = everyone[:2] + ["S-unknown"]
    assert [m.seeker_id for m in engine.rank_candidates(p, 1000, exclude=hired, explain=False)] == everyone[2:]
    s = everyone[0]
    held = [m.position_id for m in engine.rank_positions(s, 1000, explain=False)]
    assert [m.position_id for m in engine.rank_positions(s, 1000, exclude=held[:1], explain=False)] == held[1:]


def test_lists_can_leave_the_hints_out_and_keep_everything_else():
    from matcher import Engine

    seekers = [{"id": "S1", "lat": 30.0, "lon": 120.8, "abilities": {"writing": 2, "sitting": 5}, "skills": ["打字"],
                "desired_wage": 4000}]
    positions = [{"id": "P1", "lat": 30.0, "lon": 120.8, "demands": {"writing": 3, "sitting": 3}, "skills": ["打字", "Excel"],
                  "wage": 3000}]
    engine = Engine.from_records(seekers, positions)
    full, = engine.rank_candidates("P1", 5)
    lean, = engine.rank_candidates("P1", 5, hints=False)
    assert full.reasons["hints"] and lean.reasons["hints"] == []
    assert {k: v for k, v in full.reasons.items() if k != "hints"} == {k: v for k, v in lean.reasons.items() if k != "hints"}
    assert (lean.score, lean.rank, lean.flags) == (full.score, full.rank, full.flags)


@pytest.mark.parametrize("block", [7, 256])
def test_positions_for_all_is_each_seekers_list_with_the_same_reasons(block):
    import random
    rng = random.Random(3)
    seekers, positions = edge_case_district(rng)
    engine = Engine.from_records(seekers, positions)
    held = {(s.id, p.id) for s in seekers for p in positions if rng.random() < 0.05}
    by_seeker = rank_by_loop(seekers, positions, 12, "positions", exclude=held)
    batch = list(engine.positions_for_all(12, hints=True, exclude=held, block=block))
    assert len(batch) == len(seekers) and sum(map(len, batch)) > 1000
    for s, found in zip(sorted(seekers, key=lambda s: s.id), batch):
        assert ranked(found, "position_id") == by_seeker.get(s.id, [])
        alone = engine.rank_positions(s.id, 12, exclude=[p for t, p in held if t == s.id])
        assert [m.to_dict() for m in found] == [m.to_dict() for m in alone]
    lean = list(engine.positions_for_all(12, explain=False, exclude=held, block=block))
    assert [[(m.position_id, m.score, m.rank) for m in ms] for ms in lean] == [
        [(m.position_id, m.score, m.rank) for m in ms] for ms in batch]


@pytest.fixture(scope="module")
def crowd():
    seekers = [Seeker.from_dict(d) for d in synth.seekers(5_000, seed=21)]
    positions = [Position.from_dict(d) for d in synth.positions(30, seed=22)]
    return seekers, positions


@pytest.mark.parametrize("weights, split", [(None, False), ((0.05, 0.4, 0.05, 0.1, 0.3, 0.1), False), (None, True)])
def test_the_best_few_of_a_crowd_are_the_head_of_its_whole_ranking(crowd, weights, split, monkeypatch):
    from matcher import engine as engine_module

    monkeypatch.setattr(engine_module, "_PRUNE_FROM", 300)  # most positions' candidate lists go through the bound
    if split:  # the rows in one slice per core, in threads, as for a million seekers
        monkeypatch.setattr(engine_module, "_SPLIT_FROM", 1000)
        monkeypatch.setattr(engine_module, "CORES", 3)
    seekers, positions = crowd
    engine = Engine.from_records(seekers, positions, weights=weights)
    by_loop = rank_by_loop(seekers, positions, 10, "candidates", weights)
    pruned = 0
    for p in positions:
        whole = engine.rank_candidates(p.id, len(seekers), explain=False)
        pruned += len(whole) > engine_module._PRUNE_FROM
        for k in (1, 10, 60):
            assert ranked(engine.rank_candidates(p.id, k, explain=False), "seeker_id") == ranked(whole[:k], "seeker_id")
        assert ranked(engine.rank_candidates(p.id, 10, explain=False), "seeker_id") == by_loop.get(p.id, [])
        consenting = [m.seeker_id for m in whole[::3]]
        hired = [m.seeker_id for m in whole[:4]]
        chosen = [m for m in whole if m.seeker_id in set(consenting) - set(hired)]
        assert ranked(engine.rank_candidates(p.id, 20, among=consenting, exclude=hired, explain=False), "seeker_id") \
            == ranked(chosen[:20], "seeker_id")
        assert engine.count_candidates(p.id) == len(whole)
    assert pruned >= 20


def test_equal_scores_at_the_cut_of_a_crowd_go_by_id(make_seeker, make_position):
    from matcher import engine as engine_module

    seekers = [make_seeker(f"S{i:05d}") for i in range(engine_module._PRUNE_FROM * 2, 0, -1)]
    engine = Engine.from_records(seekers, [make_position("P1")])
    best = engine.rank_candidates("P1", 7, explain=False)
    assert len({m.score for m in best}) == 1
    assert [m.seeker_id for m in best] == [f"S{i:05d}" for i in range(1, 8)]
