"""Each matching rule on small hand-made cases, through the engine (the vectorised code) and through the
per-pair rules, which must agree."""

from matcher import Engine, Position, Seeker
from matcher.reasons import explain
from matcher.rules import Weights, score_pair

WHEELCHAIR = {"walking": 0, "climbing": 0, "standing": 1}
STAIRS_JOB = {"climbing": 3, "walking": 2, "sitting": 4}


def both_ways(seeker: dict, position: dict):
    """The pair's score from rank_candidates, rank_positions and the per-pair rules (None = ruled out)."""
    engine = Engine.from_records([seeker], [position])
    cand = engine.rank_candidates(position["id"])
    pos = engine.rank_positions(seeker["id"])
    s, p = engine.seeker(seeker["id"]), engine.position(position["id"])
    ref = score_pair(s, p, *engine.skill_sets(s.id, p.id))
    got = {m.score for m in cand} | {m.score for m in pos}
    assert len(cand) == len(pos) <= 1
    if ref is None:
        assert not cand and not pos
        return None, engine.explain(s.id, p.id)
    assert got == {round(ref, 4)}
    return cand[0], engine.explain(s.id, p.id)


def test_wheelchair_user_ruled_out_of_essential_stairs(make_seeker, make_position):
    match, why = both_ways(make_seeker(abilities=WHEELCHAIR),
                           make_position(demands=STAIRS_JOB, essential=["climbing"]))
    assert match is None
    assert why.score is None
    assert why.reasons["ruled_out"] == ["over_demand:climbing"]
    assert why.reasons["abilities"]["climbing"]["status"] == "over_demand"
    assert {"who": "position", "kind": "offer", "accommodation": "step_free_access"} == {
        k: v for k, v in why.reasons["hints"][0].items() if k in ("who", "kind", "accommodation")}
    assert why.reasons["hints"][0]["makes_possible"] is True


def test_wheelchair_user_accommodated_by_step_free_access(make_seeker, make_position):
    match, _ = both_ways(make_seeker(abilities=WHEELCHAIR, needs=["step_free_access"]),
                         make_position(demands=STAIRS_JOB, essential=["climbing", "walking"], offers=["step_free_access"]))
    assert match is not None
    items = match.reasons["abilities"]
    assert items["climbing"] == {"ability": 0, "demand": 3, "gap": -3, "essential": True,
                                 "status": "accommodated", "covered_by": "step_free_access"}
    assert items["walking"]["covered_by"] == "step_free_access"
    assert "accommodated:climbing" in match.flags
    assert match.reasons["accommodations_used"] == ["step_free_access"]


def test_deaf_seeker_and_phone_job_needs_text_communication(make_seeker, make_position):
    deaf = make_seeker(abilities={"hearing": 0, "speech": 2})
    phone = {"hearing": 4, "speech": 4, "customer_contact": 3}
    without, why = both_ways(deaf, make_position(demands=phone, essential=["hearing", "speech"]))
    assert without is None
    assert why.reasons["ruled_out"] == ["over_demand:hearing", "over_demand:speech"]
    with_text, _ = both_ways(deaf, make_position(demands=phone, essential=["hearing", "speech"],
                                                 offers=["text_communication"]))
    assert with_text.reasons["abilities"]["hearing"]["covered_by"] == "text_communication"
    assert with_text.reasons["abilities"]["speech"]["status"] == "accommodated"


def test_non_essential_shortfall_lowers_the_score_in_proportion(make_seeker, make_position):
    scores = []
    for standing in (4, 3, 1):
        match, _ = both_ways(make_seeker(abilities={"standing": standing}), make_position(demands={"standing": 4}))
        scores.append(match.score)
        assert ("shortfall:standing" in match.flags) == (standing < 4)
    assert scores[0] > scores[1] > scores[2]


def test_remote_job_for_someone_who_cannot_commute(make_seeker, make_position):
    housebound = make_seeker(max_commute_km=0, remote_ok=True, abilities={"walking": 0, "outdoor": 0})
    office, _ = both_ways(housebound, make_position(demands={"sitting": 3}))
    assert office is None
    remote, _ = both_ways(housebound, make_position(demands={"sitting": 3, "walking": 2}, essential=["walking"],
                                                    remote=True, lat=None, lon=None))
    assert remote is not None
    assert remote.reasons["works_from_home"] is True
    assert remote.reasons["distance_km"] is None
    assert remote.reasons["abilities"]["walking"]["covered_by"] == "remote_work"
    # a workplace that allows working from home covers the commute only for those who can
    hybrid = make_position(demands={"sitting": 3}, offers=["remote_work"], lat=30.5, lon=121.5)
    assert both_ways(housebound, hybrid)[0] is not None
    assert both_ways(make_seeker(max_commute_km=0, remote_ok=False), hybrid)[0] is None


def test_remote_position_needs_a_seeker_who_can_work_from_home(make_seeker, make_position):
    remote = make_position(remote=True, lat=None, lon=None)
    match, why = both_ways(make_seeker(remote_ok=False), remote)
    assert match is None and why.reasons["ruled_out"] == ["remote_not_ok"]


def test_workplace_beyond_the_maximum_commute_is_ruled_out(make_seeker, make_position):
    assert both_ways(make_seeker(max_commute_km=2), make_position(lat=30.1))[0] is None  # about 7.8 km north
    near, _ = both_ways(make_seeker(max_commute_km=10), make_position(lat=30.1))
    assert 7 < near.reasons["distance_km"] < 9


def test_required_need_is_a_conflict_other_needs_a_penalty(make_seeker, make_position):
    quiet = make_seeker(needs=["quiet_space"], needs_required=["quiet_space"])
    match, why = both_ways(quiet, make_position())
    assert match is None and why.reasons["ruled_out"] == ["need_required:quiet_space"]
    wish, _ = both_ways(make_seeker(needs=["quiet_space"]), make_position())
    met, _ = both_ways(make_seeker(needs=["quiet_space"]), make_position(offers=["quiet_space"]))
    assert wish.reasons["needs_unmet"] == ["quiet_space"] and "need_unmet:quiet_space" in wish.flags
    assert met.score > wish.score
    assert met.reasons["accommodations_used"] == ["quiet_space"]


def test_under_use_is_a_note_never_a_penalty(make_seeker, make_position):
    exact, _ = both_ways(make_seeker(abilities={"lifting": 2}), make_position(demands={"lifting": 2}))
    strong, _ = both_ways(make_seeker(abilities={"lifting": 5}), make_position(demands={"lifting": 2}))
    assert strong.reasons["under_use"] == ["lifting"] and "under_use:lifting" in strong.flags
    assert exact.reasons["under_use"] == []
    assert strong.score == exact.score


def test_typoed_skills_still_match(make_seeker, make_position):
    match, _ = both_ways(make_seeker(skills=["exel", "电商 直播", "Photshop"]),
                         make_position(skills=["EXCEL表格", "电商直播", "Photoshop/PS"]))
    assert match.reasons["skills_matched"] == [["exel", "EXCEL表格"], ["电商 直播", "电商直播"], ["Photshop", "Photoshop/PS"]]
    assert match.reasons["fits"]["skills"] == 1.0


def test_implied_skills_count_for_the_seeker_only(make_seeker, make_position):
    general, _ = both_ways(make_seeker(skills=["网店客服"]), make_position(skills=["客服"]))
    assert general.reasons["skills_matched"] == [["网店客服", "客服"]]
    specific, _ = both_ways(make_seeker(skills=["客服"]), make_position(skills=["网店客服"]))
    assert specific.reasons["skills_missing"] == ["网店客服"]
    assert specific.reasons["hints"][0] == {"who": "seeker", "kind": "skill", "skill": "网店客服",
                                             "score": general.score}


def test_wage_and_hours_fit(make_seeker, make_position):
    match, _ = both_ways(make_seeker(desired_wage=4000, hours_per_week=30),
                         make_position(wage=3000, hours_per_week=40))
    assert match.reasons["wage_fit"] == 0.5
    assert match.reasons["hours_fit"] == 0.5
    assert {"who": "position", "kind": "wage", "to": 4000.0} == {
        k: v for k, v in match.reasons["hints"][0].items() if k != "score"}


def test_equal_scores_are_ordered_by_id(make_seeker, make_position):
    seekers = [make_seeker(id=i) for i in ("S3", "S10", "S2", "S1")]
    positions = [make_position(id=i) for i in ("P9", "P10", "P1")]
    engine = Engine.from_records(seekers, positions)
    ranked = engine.rank_candidates("P1", k=3)
    assert [m.seeker_id for m in ranked] == ["S1", "S10", "S2"]
    assert [m.rank for m in ranked] == [1, 2, 3]
    assert len({m.score for m in ranked}) == 1
    assert [m.position_id for m in engine.rank_positions("S2")] == ["P1", "P10", "P9"]
    positions_all, candidates_all = engine.rank_all(k=2)
    assert [s for s, _ in candidates_all["P9"]] == ["S1", "S10"]
    assert [p for p, _ in positions_all["S3"]] == ["P1", "P10"]


def test_score_combines_the_fits_with_the_weights(make_seeker, make_position):
    s = Seeker.from_dict(make_seeker(skills=["面点"]))
    p = Position.from_dict(make_position(skills=["面点", "烘焙"]))
    engine = Engine.from_records([s], [p], weights=(0, 0, 0, 1, 0, 0))
    assert engine.rank_candidates("P1")[0].score == 0.5
    only_skills = explain(s, p, *engine.skill_sets("S1", "P1"), Weights((0, 0, 0, 1, 0, 0)), engine.mapper)
    assert only_skills.reasons["fits"]["skills"] == 0.5


def test_premises_needs_do_not_count_against_working_from_home(make_seeker, make_position):
    wheelchair = make_seeker(abilities=WHEELCHAIR, remote_ok=True, needs=["step_free_access", "accessible_toilet"],
                             needs_required=["step_free_access"])
    remote, _ = both_ways(wheelchair, make_position(remote=True, lat=None, lon=None))
    assert remote.reasons["needs_unmet"] == [] and remote.reasons["fits"]["needs"] == 1.0
    hybrid = make_position(offers=["remote_work"])
    assert both_ways(wheelchair, hybrid)[0].reasons["needs_unmet"] == []
    at_office = dict(wheelchair, remote_ok=False)
    assert both_ways(at_office, hybrid)[1].reasons["ruled_out"] == ["need_required:step_free_access"]
