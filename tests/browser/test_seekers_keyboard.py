"""The job seeker's journey by keyboard alone: log in, update the profile, browse matches, open one, apply."""

import re

import pytest

from models import Role

from .conftest import PASSWORD, USERNAMES, assert_accessible
from .test_keyboard import focused, tab_to

pytestmark = pytest.mark.browser


def test_update_profile_browse_matches_open_one_and_apply_by_keyboard(page, live_server):
    page.goto(live_server + "/login?lang=en")
    tab_to(page, lambda e: e["id"] == "username")
    page.keyboard.type(USERNAMES[Role.SEEKER])
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(live_server + "/me/")

    # the profile, from the main menu
    tab_to(page, lambda e: e["text"] == "My profile")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server + "/me/profile")
    tab_to(page, lambda e: e["id"] == "desired_wage", limit=60)
    page.keyboard.press("Control+A")
    page.keyboard.type("3100")
    tab_to(page, lambda e: e["id"] == "ability_writing", limit=80)
    before = page.input_value("#ability_writing")
    page.keyboard.press("ArrowDown")
    after = page.input_value("#ability_writing")
    assert int(after) == int(before) + 1
    element = tab_to(page, lambda e: e["tag"] == "BUTTON" and e["text"] == "Save my profile", limit=120)
    assert element["tag"] == "BUTTON"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/me/matches$"))
    assert "Your profile is saved" in page.locator(".flash").inner_text()

    # the matches: the filters keep their values, then open the first position
    tab_to(page, lambda e: e["id"] == "min_wage", limit=30)
    page.keyboard.type("2900")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*min_wage=2900.*"))
    assert page.input_value("#min_wage") == "2900"
    link = tab_to(page, lambda e: (e["href"] or "").startswith("/me/positions/"), limit=40)
    title = link["text"]
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/me/positions/\w+$"))
    assert page.locator("h1").inner_text() == title

    # apply
    tab_to(page, lambda e: e["tag"] == "BUTTON" and e["text"] in ("Apply for this position", "Apply again"))
    page.keyboard.press("Space")
    page.wait_for_load_state()
    assert f"You have applied for {title}" in page.locator(".flash").inner_text()
    assert "State: Applied" in page.locator("#application-heading + p").inner_text()
    assert focused(page)["tag"] in ("BODY", "MAIN", "A", "BUTTON")
    assert_accessible(page, "seeker-position-applied-en")

    # the home page shows the application's state
    page.goto(live_server + "/me/")
    row = page.locator("tr", has=page.get_by_role("link", name=title))
    assert "Applied" in row.inner_text()
