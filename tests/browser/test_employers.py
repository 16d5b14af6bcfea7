"""The employer journey in Chromium: post a position and open its candidates by keyboard alone; every page
axe-clean in Chinese and English and usable in a 640px viewport."""

import time

import pytest

from models import Role

from .conftest import PASSWORD, assert_accessible, assert_no_horizontal_scroll, log_in
from .test_keyboard import tab_to

pytestmark = pytest.mark.browser


def wait_until(condition, seconds: float = 5) -> None:
    """Poll from Python: Playwright's wait_for_function evaluates a string, which the pages' CSP forbids."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the condition never became true"
        time.sleep(0.05)


def test_post_a_position_and_open_its_candidates_by_keyboard(page, live_server):
    page.goto(live_server + "/login?lang=en")
    tab_to(page, lambda e: e["id"] == "username")
    page.keyboard.type("employer@browser")
    page.keyboard.press("Tab")
    page.keyboard.type("browser-test-pw")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server + "/employer/")

    tab_to(page, lambda e: e["text"] == "Post a position" and e["tag"] == "A")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server + "/employer/positions/new")
    tab_to(page, lambda e: e["id"] == "title")
    page.keyboard.type("包装质检员")
    tab_to(page, lambda e: e["id"] == "openings")
    page.keyboard.press("Control+A")
    page.keyboard.type("2")
    page.keyboard.press("Tab")
    page.keyboard.type("3000")
    page.keyboard.press("Tab")
    page.keyboard.type("40")
    tab_to(page, lambda e: e["id"] == "offers-0")  # step-free access, the first accommodation
    page.keyboard.press("Space")
    tab_to(page, lambda e: e["id"] == "demand_sitting")
    page.keyboard.type("3")  # picks "3 – moderately"
    assert page.eval_on_selector("#demand_sitting", "el => el.value") == "3"
    tab_to(page, lambda e: e["tag"] == "BUTTON" and e["text"] == "Post the position", limit=80)
    page.keyboard.press("Enter")
    page.wait_for_selector(".match-list")
    assert page.locator("h1").inner_text() == "包装质检员"

    link = tab_to(page, lambda e: (e["href"] or "").startswith("/employer/positions/") and "/candidates/" in e["href"])
    page.keyboard.press("Enter")
    page.wait_for_url(live_server + link["href"] + "*")
    assert page.locator("h1").inner_text().startswith("Candidate S")
    assert "张三" not in page.content()  # not revealed before they apply


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_employer_pages_are_accessible(page, live_server, lang):
    page.goto(f"{live_server}/employer/register?lang={lang}")
    assert_accessible(page, f"employer-register-{lang}")
    page.click("main button[type=submit]")
    page.wait_for_selector(".error-summary")
    assert_accessible(page, f"employer-register-errors-{lang}")

    log_in(page, live_server, Role.EMPLOYER)
    for name, url in (("profile", "/employer/profile"), ("position-form", "/employer/positions/new"),
                      ("applications", "/employer/applications")):
        page.goto(live_server + url)
        assert_accessible(page, f"employer-{name}-{lang}")
    page.goto(live_server + "/employer/positions/new")
    page.select_option("#demand_vision", "0")
    page.check("#essential_vision")
    page.click("main button[type=submit]")
    page.wait_for_selector(".error-summary")
    # the summary takes focus, so that a screen reader reads it first
    wait_until(lambda: page.evaluate("() => document.activeElement.classList.contains('error-summary')"))
    assert_accessible(page, f"employer-position-errors-{lang}")

    page.fill("#title", "包装工")
    page.uncheck("#essential_vision")
    page.select_option("#demand_sitting", "2")
    page.check("#offers-0")
    page.click("main button[type=submit]")
    page.wait_for_selector(".match-list")
    assert_accessible(page, f"employer-position-{lang}")
    page.click(".match-list a")
    page.wait_for_selector(".reasons-table")
    assert_accessible(page, f"employer-candidate-{lang}")


def test_employer_pages_fit_640px(browser, live_server):
    context = browser.new_context(viewport={"width": 640, "height": 900})
    page = context.new_page()
    log_in(page, live_server, Role.EMPLOYER)
    page.goto(live_server + "/employer/positions/new")
    assert_no_horizontal_scroll(page)
    page.screenshot(path="test-artifacts/screenshots/narrow-employer-position-form.png", full_page=True)
    page.fill("#title", "包装工")
    page.select_option("#demand_sitting", "2")
    page.check("#offers-0")
    page.click("main button[type=submit]")
    page.wait_for_selector(".match-list")
    assert_no_horizontal_scroll(page)
    page.click(".match-list a")
    page.wait_for_selector(".reasons-table")
    assert_no_horizontal_scroll(page)
    page.screenshot(path="test-artifacts/screenshots/narrow-employer-candidate.png", full_page=True)
    context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_token_page_is_accessible(page, live_server, lang):
    page.goto(f"{live_server}/?lang={lang}")
    log_in(page, live_server, Role.EMPLOYER)
    page.goto(f"{live_server}/account/tokens")
    page.click("main button[type=submit]")
    page.wait_for_selector(".error-summary")
    assert_accessible(page, f"account-tokens-errors-{lang}")
    page.fill("#name", "HR")
    page.fill("#password", PASSWORD)  # the password again: a token is made only by whoever knows it
    page.click("main button[type=submit]")
    page.wait_for_selector("#new-token")
    assert_accessible(page, f"account-tokens-{lang}")
