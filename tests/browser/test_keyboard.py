"""The skeleton by keyboard alone: skip link, logging in, switching language, logging out; focus always visible."""

import pytest

from models import Role

from .conftest import PASSWORD, USERNAMES

pytestmark = pytest.mark.browser


def focused(page) -> dict:
    return page.evaluate("""() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        return {tag: el.tagName, id: el.id, text: (el.innerText || el.value || '').trim(),
                href: el.getAttribute('href'), outline: style.outlineStyle, shadow: style.boxShadow};
    }""")


def tab_to(page, predicate, limit: int = 40) -> dict:
    """Press Tab until the focused element satisfies predicate; fail if it never does (a trap or a missing stop)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        assert element["outline"] != "none" or element["shadow"] != "none", f"focus is invisible on {element}"
        if predicate(element):
            return element
    raise AssertionError("never reached the element by Tab")


def test_skip_link_is_the_first_stop_and_moves_to_main(page, live_server):
    page.goto(live_server + "/")
    page.keyboard.press("Tab")
    assert focused(page)["href"] == "#main"
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"


def test_log_in_switch_language_and_log_out_by_keyboard(page, live_server):
    page.goto(live_server + "/login")
    tab_to(page, lambda e: e["id"] == "username")
    page.keyboard.type(USERNAMES[Role.SEEKER])
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(live_server + "/me/")

    tab_to(page, lambda e: e["text"] == "English")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "en"
    assert page.locator("h1").inner_text() == "My page"

    tab_to(page, lambda e: e["text"] == "Log out")
    page.keyboard.press("Space")
    page.wait_for_url(live_server + "/")
    assert page.get_attribute("html", "lang") == "en"  # the language choice outlives the login
    assert page.locator(".flash").inner_text() == "You have logged out."


def test_error_summary_links_move_focus_to_the_field(page, live_server):
    page.goto(live_server + "/login?lang=en")
    tab_to(page, lambda e: e["tag"] == "BUTTON" and e["text"] == "Log in")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    tab_to(page, lambda e: e["href"] == "#password")
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "password"


def test_error_summary_takes_focus_after_the_skip_link(page, live_server):
    """The skip link leaves #main in the address; a form sent from there must still focus its error summary."""
    page.goto(live_server + "/login?lang=en")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    tab_to(page, lambda e: e["tag"] == "BUTTON" and e["text"] == "Log in")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    page.wait_for_load_state("load")
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
