"""Words for the engine's reasons: the counts in the lists, and what staff see on a match."""

import pytest
from flask import render_template_string

from matcher.reasons import Match
from webapp.labels import ability_counts

pytestmark = pytest.mark.web


def rows(*statuses):
    return {"abilities": {f"item{i}": {"status": s} for i, s in enumerate(statuses)}}


def test_only_ok_under_use_and_accommodated_are_met_and_moot_items_are_left_out():
    assert ability_counts(rows("ok", "under_use", "accommodated", "shortfall", "to_be_checked", "not_applicable",
                               "over_demand")) == (3, 6, 1, 1)
    assert ability_counts(rows("to_be_checked", "to_be_checked")) == (0, 2, 0, 2)
    assert ability_counts(rows()) == (0, 0, 0, 0)


def test_staff_see_the_essential_items_to_check_and_others_do_not(app):
    match = Match("S1", "P1", 1, 0.5, ("to_be_checked:two_hands", "check_essential:two_hands"), {
        "abilities": {"two_hands": {"ability": None, "demand": 3, "essential": True, "status": "to_be_checked"}},
        "hints": [], "skills_matched": [], "skills_missing": [], "needs_unmet": [], "accommodations_used": [],
        "wage_fit": 1, "hours_fit": 1, "works_from_home": False, "distance_km": 2.0, "max_commute_km": 10,
        "under_use": [], "held_down_by": "ability"})
    page = "{% from '_reasons.html' import details %}{{ details(match, viewer, position) }}"
    with app.test_request_context("/?lang=en"):
        staff = render_template_string(page, match=match, viewer="staff", position={"wage": 3000})
        seeker = render_template_string(page, match=match, viewer="seeker", position={"wage": 3000})
    assert "For staff: assess these essential items before an interview: Using both hands" in staff
    assert "For staff" not in seeker
    for html in (staff, seeker):
        assert ">not assessed</td>" in html and "essential: federation staff check it before an interview" in html
        assert "What holds this fit down most: the abilities the job demands." in html
