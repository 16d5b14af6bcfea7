"""The job seeker's pages and staff's seeker pages, in Chinese and English: axe-core clean, one h1, screenshots;
and no sideways scrolling in a 640px viewport (200% zoom)."""

import pytest

from models import Role

from .conftest import (assert_accessible, assert_fits_200_percent_zoom, assert_no_horizontal_scroll, log_in,
                       submit_with_errors)

pytestmark = pytest.mark.browser

SEEKER_PAGES = {
    "seeker-profile": "/me/profile",
    "seeker-matches": "/me/matches",
    "seeker-matches-filtered": "/me/matches?distance=15&min_wage=2900&max_hours=40",
    "seeker-notifications": "/account/notifications",
}
STAFF_PAGES = {
    "staff-seekers": "/staff/seekers",
    "staff-seekers-search": "/staff/seekers?q=张",
    "staff-seeker-new": "/staff/seekers/new",
}


def first_position_url(page, base: str) -> str:
    page.goto(f"{base}/me/matches")
    return page.locator(".match-list h3 a").first.get_attribute("href")


def staff_seeker_url(page, base: str) -> str:
    page.goto(f"{base}/staff/seekers?q=张三")
    return page.locator("table a").first.get_attribute("href")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(SEEKER_PAGES))
def test_seeker_pages(page, live_server, name, lang):
    page.goto(f"{live_server}/?lang={lang}")
    log_in(page, live_server, Role.SEEKER)
    page.goto(live_server + SEEKER_PAGES[name])
    assert_accessible(page, f"{name}-{lang}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_seeker_position_pages(page, live_server, lang):
    page.goto(f"{live_server}/?lang={lang}")
    log_in(page, live_server, Role.SEEKER)
    page.goto(live_server + first_position_url(page, live_server))
    assert page.locator("#abilities-heading").count() == 1
    assert_accessible(page, f"seeker-position-{lang}")
    # a position the seeker is invited to, and one that does not fit (a demand nothing covers)
    page.goto(live_server + "/me/")
    page.get_by_role("link", name="仓库理货员", exact=True).click()  # not the message about it
    page.wait_for_load_state()
    assert page.locator("#ruled-out-heading").count() == 1
    assert_accessible(page, f"seeker-position-invited-{lang}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_seeker_forms_with_errors(page, live_server, lang):
    page.goto(f"{live_server}/?lang={lang}")
    log_in(page, live_server, Role.SEEKER)
    page.goto(f"{live_server}/me/profile")
    page.fill("#desired_wage", "-50")
    page.locator(".exact-location summary").click()  # the coordinates wait behind the township choice
    page.fill("#lat", "30.05")
    page.check("#needs_required-6")  # text communication, not ticked as needed
    page.click("main form button[type=submit]")
    page.wait_for_selector(".error-summary")
    assert page.evaluate("() => document.activeElement.classList.contains('error-summary')")
    assert page.locator(".error-summary a").count() == 3
    assert page.input_value("#desired_wage") == "-50"
    assert_accessible(page, f"seeker-profile-errors-{lang}")
    page.goto(f"{live_server}/me/matches?distance=-1&min_wage=abc")
    assert page.locator(".error-summary a").count() == 2
    assert_accessible(page, f"seeker-matches-errors-{lang}")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(STAFF_PAGES))
def test_staff_seeker_pages(page, live_server, name, lang):
    page.goto(f"{live_server}/?lang={lang}")
    log_in(page, live_server, Role.STAFF)
    page.goto(live_server + STAFF_PAGES[name])
    assert_accessible(page, f"{name}-{lang}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_staff_seeker_profile_and_errors(page, live_server, lang):
    page.goto(f"{live_server}/?lang={lang}")
    log_in(page, live_server, Role.STAFF)
    page.goto(live_server + staff_seeker_url(page, live_server))
    assert page.locator("#certificate_number").input_value()
    assert_accessible(page, f"staff-seeker-edit-{lang}")
    # the test results page, with an error (no test named): nothing is saved
    page.goto(live_server + staff_seeker_url(page, live_server) + "/tests")
    assert_accessible(page, f"staff-seeker-tests-{lang}")
    page.fill("#tested_on", "2026-11-20")
    submit_with_errors(page, f"staff-seeker-tests-errors-{lang}", "main form button[type=submit]")
    assert_fits_200_percent_zoom(page)
    page.goto(f"{live_server}/staff/seekers/new")
    page.fill("#name", "陈小梅")
    page.fill("#certificate_number", "330622199003070011")
    page.select_option("#category", "2")
    page.click("main form button[type=submit]")
    page.wait_for_selector(".error-summary")
    assert page.input_value("#name") == "陈小梅"
    assert_accessible(page, f"staff-seeker-new-errors-{lang}")


@pytest.mark.parametrize("role", [Role.SEEKER, Role.STAFF])
def test_seeker_pages_fit_a_640px_viewport(browser, live_server, role):
    context = browser.new_context(viewport={"width": 640, "height": 800})
    page = context.new_page()
    log_in(page, live_server, role)
    if role == Role.SEEKER:
        urls = [*SEEKER_PAGES.values(), first_position_url(page, live_server), "/me/"]
    else:
        urls = [*STAFF_PAGES.values(), staff_seeker_url(page, live_server)]
    for lang in ("zh", "en"):
        for url in urls:
            page.goto(f"{live_server}{url}{'&' if '?' in url else '?'}lang={lang}")
            assert_no_horizontal_scroll(page)
            name = url.strip("/").replace("/", "-").split("?")[0] or "home"
            page.screenshot(path=f"test-artifacts/screenshots/narrow-{name}-{lang}.png", full_page=True)
    context.close()
