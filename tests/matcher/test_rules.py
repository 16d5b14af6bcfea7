"""Each matching rule on small hand-made cases, through the engine (the vectorised code) and through the
per-pair rules, which must agree."""

import pytest

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
    assert {"who": "employer", "kind": "offer", "accommodation": "step_free_access"} == {
        k: v for k, v in why.reasons["hints"][0].items() if k in ("who", "kind", "accommodation")}
    assert why.reasons["hints"][0]["makes_possible"] is True


def test_wheelchair_user_accommodated_by_step_free_access(make_seeker, make_position):
    match, _ = both_ways(make_seeker(abilities=WHEELCHAIR, needs=["step_free_access"]),
                         make_position(demands=STAIRS_JOB, essential=["climbing", "walking"], offers=["step_free_access"]))
    assert match is not None
    items = match.reasons["abilities"]
    assert items["climbing"] == {"ability": 0, "demand": 3, "gap": -3, "effective": 3, "essential": True,
                                 "status": "accommodated", "covered_by": "step_free_access",
                                 "lift": {"accommodation": "step_free_access", "from": 0, "to": 3}}
    assert items["walking"]["covered_by"] == "step_free_access"
    assert [lift["text"] for lift in match.reasons["lifts"]] == ["Step-free access: walking 0 -> 2",
                                                                  "Step-free access: climbing and stairs 0 -> 3"]
    assert "accommodated:climbing" in match.flags
    assert match.reasons["accommodations_used"] == ["step_free_access"]


def test_deaf_seeker_and_phone_job_needs_text_communication(make_seeker, make_position):
    deaf = make_seeker(abilities={"hearing": 0, "speech": 2})
    phone = {"hearing": 4, "speech": 4, "customer_contact": 3}
    without, why = both_ways(deaf, make_position(demands=phone, essential=["hearing", "speech"]))
    assert without is None
    assert why.reasons["ruled_out"] == ["over_demand:hearing", "over_demand:speech"]
    with_text, _ = both_ways(deaf, make_position(demands=phone | {"hearing": 3}, essential=["hearing", "speech"],
                                                 offers=["text_communication"]))
    assert with_text.reasons["abilities"]["hearing"]["covered_by"] == "text_communication"
    assert with_text.reasons["abilities"]["speech"]["status"] == "accommodated"
    # text communication lifts hearing by 3 levels at most: 0 -> 3 does not reach an essential 4
    too_much, why = both_ways(deaf, make_position(demands=phone, essential=["hearing", "speech"],
                                                  offers=["text_communication"]))
    assert too_much is None and why.reasons["ruled_out"] == ["over_demand:hearing"]
    assert why.reasons["abilities"]["hearing"] | {"status": "over_demand", "size": "slightly_below", "effective": 3,
                                                  "lift": {"accommodation": "text_communication", "from": 0, "to": 3}} \
        == why.reasons["abilities"]["hearing"]


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
    assert remote.reasons["abilities"]["walking"]["status"] == "not_applicable"
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
    assert match.reasons["wage_fit"] == 0.4  # three quarters of the wish: 0.8 x (2 x 0.75 - 1)
    assert match.reasons["hours_fit"] == 0.5
    assert {"who": "employer", "kind": "wage", "to": 4000.0} == {
        k: v for k, v in match.reasons["hints"][0].items() if k != "score"}


@pytest.mark.parametrize("wage, fit", [(1000, 0.0), (2000, 0.0), (3000, 0.4), (4000, 0.8), (4500, 0.9), (5000, 1.0),
                                       (9000, 1.0), (None, 0.5)])
def test_pay_counts_as_a_share_of_the_wish_and_above_it(make_seeker, make_position, wage, fit):
    # better pay than wished still draws people, up to a quarter more
    match, _ = both_ways(make_seeker(desired_wage=4000), make_position(wage=wage))
    assert match.reasons["wage_fit"] == fit


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
    # one of the two skills a trade wants together is worth a quarter
    assert engine.rank_candidates("P1")[0].score == 0.25
    only_skills = explain(s, p, *engine.skill_sets("S1", "P1"), Weights((0, 0, 0, 1, 0, 0)), engine.mapper)
    assert only_skills.reasons["fits"]["skills"] == 0.25


def test_premises_needs_do_not_count_against_working_from_home(make_seeker, make_position):
    wheelchair = make_seeker(abilities=WHEELCHAIR, remote_ok=True, needs=["step_free_access", "accessible_toilet"],
                             needs_required=["step_free_access"])
    remote, _ = both_ways(wheelchair, make_position(remote=True, lat=None, lon=None))
    assert remote.reasons["needs_unmet"] == [] and remote.reasons["fits"]["needs"] == 1.0
    hybrid = make_position(offers=["remote_work"])
    assert both_ways(wheelchair, hybrid)[0].reasons["needs_unmet"] == []
    at_office = dict(wheelchair, remote_ok=False)
    assert both_ways(at_office, hybrid)[1].reasons["ruled_out"] == ["need_required:step_free_access"]


# -- rules v2 ------------------------------------------------------------------------------------------

PACKING = {"standing": 3, "endurance": 3, "two_hands": 3}


def test_not_assessed_is_neither_met_nor_missed(make_seeker, make_position):
    job = make_position(demands=PACKING, essential=["two_hands"], skills=["包装"], wage=3600, hours_per_week=40)
    fields = dict(skills=["包装"], desired_wage=3600, hours_per_week=40)
    unknown = dict.fromkeys(PACKING)
    new, why = both_ways(make_seeker(abilities=unknown, **fields), job)
    # an essential item not assessed never rules the pair out: it is to be checked, and flagged for staff
    assert new is not None and why.reasons["to_be_checked"] == ["standing", "two_hands", "endurance"]
    assert why.reasons["abilities"]["two_hands"] == {"ability": None, "demand": 3, "essential": True,
                                                     "status": "to_be_checked"}
    assert "check_essential:two_hands" in new.flags and "check_essential:standing" not in new.flags
    assert new.reasons["fits"]["ability"] == 0.5  # half met
    # not assessed is not 0: 0 on an essential item rules the pair out
    assert both_ways(make_seeker(abilities=dict.fromkeys(PACKING, 0), **fields), job)[0] is None
    able, _ = both_ways(make_seeker(abilities=dict.fromkeys(PACKING, 3), **fields), job)
    cannot, _ = both_ways(make_seeker(abilities=dict.fromkeys(PACKING, 0), **fields),
                          make_position(demands=PACKING, skills=["包装"], wage=3600, hours_per_week=40))
    assert cannot.score < new.score < able.score
    # and it is never "accommodated", whatever is offered
    offered, _ = both_ways(make_seeker(abilities=unknown, **fields), dict(job, offers=["assistive_tools"]))
    assert offered.reasons["abilities"]["two_hands"]["status"] == "to_be_checked" and offered.reasons["lifts"] == []


def test_a_lift_is_bounded_and_lifts_do_not_add_up(make_seeker, make_position):
    hands = make_position(demands={"two_hands": 3}, essential=["two_hands"], offers=["assistive_tools"])
    # assistive tools lift two-handed work by one level: not from 0 to 3
    assert both_ways(make_seeker(abilities={"two_hands": 0}), hands)[0] is None
    match, _ = both_ways(make_seeker(abilities={"two_hands": 2}), hands)
    assert match.reasons["abilities"]["two_hands"]["status"] == "accommodated"
    assert match.reasons["lifts"][0]["text"] == "Assistive tools: using both hands 2 -> 3"
    # screen reader (+3) and magnification (+2) together still lift vision by 3, not 5
    screen = make_position(demands={"vision": 4}, essential=["vision"], offers=["magnification", "screen_reader"])
    assert both_ways(make_seeker(abilities={"vision": 0}), screen)[0] is None
    lifted, _ = both_ways(make_seeker(abilities={"vision": 1}), screen)
    assert lifted.reasons["abilities"]["vision"]["covered_by"] == "screen_reader"
    # the accommodation the seeker asked for is named when it lifts as far as another
    deaf = make_seeker(abilities={"hearing": 0}, needs=["sign_language"])
    both = make_position(demands={"hearing": 3}, offers=["sign_language", "text_communication"])
    assert both_ways(deaf, both)[0].reasons["abilities"]["hearing"]["covered_by"] == "sign_language"


def test_lifts_are_one_table_of_the_spec():
    from matcher.profile import ACCOMMODATION_BY_KEY, LIFTS
    assert LIFTS["step_free_access"] == {"walking": 2, "climbing": 3}
    assert LIFTS["assistive_tools"] == {"lifting": 2, "fine_motor": 1, "two_hands": 1}
    assert all(ACCOMMODATION_BY_KEY[a].covers == tuple(lifts) for a, lifts in LIFTS.items() if a != "remote_work")


@pytest.mark.parametrize("ability, size", [(3, "slightly_below"), (2, "below"), (1, "far_below"), (0, "far_below")])
def test_gaps_are_worded_by_size(make_seeker, make_position, ability, size):
    match, _ = both_ways(make_seeker(abilities={"standing": ability}), make_position(demands={"standing": 4}))
    assert match.reasons["abilities"]["standing"]["size"] == size
    assert match.reasons["abilities"]["standing"]["status"] == "shortfall"


def test_working_from_home_makes_the_premises_moot(make_seeker, make_position):
    housebound = make_seeker(abilities={"walking": 0, "climbing": 0, "outdoor": 0, "sitting": 2}, remote_ok=True,
                             max_commute_km=0, needs=["step_free_access"], needs_required=["step_free_access"])
    demands = {"walking": 3, "climbing": 3, "outdoor": 3, "sitting": 4}
    essential = ["walking", "climbing", "outdoor"]
    at_home, _ = both_ways(housebound, make_position(demands=demands, essential=essential, offers=["remote_work"]))
    assert at_home is not None and at_home.reasons["works_from_home"] is True
    assert {k: r["status"] for k, r in at_home.reasons["abilities"].items()} == {
        "walking": "not_applicable", "climbing": "not_applicable", "outdoor": "not_applicable", "sitting": "shortfall"}
    assert at_home.reasons["fits"]["ability"] == 0.5  # sitting 2 of 4: the moot items count neither way
    assert at_home.reasons["needs_required_unmet"] == []
    # the same seeker, unable to work from home: ruled out by the very items that were moot
    _, away = both_ways(dict(housebound, remote_ok=False, max_commute_km=30),
                        make_position(demands=demands, essential=essential, offers=["remote_work"]))
    assert away.reasons["ruled_out"] == ["over_demand:walking", "over_demand:climbing", "over_demand:outdoor",
                                         "need_required:step_free_access"]
    assert away.flags == tuple(away.reasons["ruled_out"]) + ("shortfall:sitting",)  # each flag once


def test_meeting_none_of_the_demands_scores_below_40_percent(make_seeker, make_position):
    # next door, every skill, better pay than wished, the wished hours: everything but the abilities is perfect
    fields = dict(skills=["包装"], desired_wage=3600, hours_per_week=40)
    job = make_position(demands=PACKING, skills=["包装"], wage=4500, hours_per_week=40,
                        lat=make_seeker()["lat"], lon=make_seeker()["lon"])
    none_met, why = both_ways(make_seeker(abilities=dict.fromkeys(PACKING, 0), **fields), job)
    assert none_met.reasons["fits"] == {"ability": 0.0, "needs": 1.0, "distance": 1.0, "skills": 1.0, "wage": 1.0,
                                        "hours": 1.0}
    assert none_met.score < 0.4
    assert why.reasons["held_down_by"] == "ability"
    # whatever the weights
    engine = Engine.from_records([make_seeker(abilities=dict.fromkeys(PACKING, 0), **fields)], [job],
                                 weights=(0, 0, 0.5, 0.5, 0, 0))
    assert engine.rank_candidates("P1")[0].score < 0.4
    # and raising one item to its demand is worth far more than a point
    one, _ = both_ways(make_seeker(abilities=dict.fromkeys(PACKING, 0) | {"standing": 3}, **fields), job)
    assert one.score - none_met.score > 0.15


def test_reasons_name_the_fit_that_holds_the_score_down(make_seeker, make_position):
    far, _ = both_ways(make_seeker(max_commute_km=30), make_position(lat=30.2))
    assert far.reasons["held_down_by"] == "distance" and set(far.reasons["fit_gains"]) == {"distance"}
    perfect, _ = both_ways(make_seeker(), make_position(lat=make_seeker()["lat"], lon=make_seeker()["lon"]))
    assert perfect.reasons["held_down_by"] is None and perfect.reasons["fit_gains"] == {}


def test_hints_speak_to_whoever_can_act(make_seeker, make_position):
    seeker = make_seeker(abilities={"standing": 2}, skills=[], desired_wage=4000, hours_per_week=30,
                         needs=["quiet_space"])
    job = make_position(demands={"standing": 3}, skills=["面点"], wage=3000, hours_per_week=40)
    _, why = both_ways(seeker, job)
    by_who = {(h["who"], h["kind"]) for h in why.reasons["hints"]}
    assert by_who == {("seeker", "ability"), ("seeker", "skill"), ("employer", "wage"), ("employer", "hours"),
                      ("employer", "offer")}
    offers = {h["accommodation"] for h in why.reasons["hints"] if h["kind"] == "offer"}
    assert offers == {"adjustable_workstation", "quiet_space"}


def test_a_wider_commute_is_a_hint_for_the_seeker(make_seeker, make_position):
    _, why = both_ways(make_seeker(max_commute_km=2), make_position(lat=30.1))  # about 7.8 km
    assert why.reasons["ruled_out"] == ["too_far"]
    assert why.reasons["hints"][0] | {"who": "seeker", "kind": "commute", "to": 8.0, "makes_possible": True} \
        == why.reasons["hints"][0]


def test_callers_passing_0_for_unknown_still_work(make_seeker, make_position):
    # the web app before its migration: 0 for an item nobody assessed, which the rules read as "cannot"
    match, _ = both_ways(make_seeker(abilities={"standing": 0}), make_position(demands={"standing": 2}))
    assert match.reasons["abilities"]["standing"]["status"] == "shortfall"
    assert Seeker.from_dict(make_seeker(abilities={"standing": None})).abilities[1] is None
