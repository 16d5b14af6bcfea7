"""Every page of the skeleton, in Chinese and English: axe-core clean, one h1, no sideways scrolling at 200% zoom."""

import pytest

from models import Role

from .conftest import (assert_accessible, assert_fits_200_percent_zoom, assert_no_horizontal_scroll, log_in,
                       submit_with_errors)

pytestmark = pytest.mark.browser

PUBLIC_PAGES = {"index": "/", "login": "/login", "not-found": "/no-such-page"}
ROLE_HOMES = {Role.SEEKER: "/me/", Role.EMPLOYER: "/employer/", Role.STAFF: "/staff/queue"}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(PUBLIC_PAGES))
def test_public_pages(page, live_server, name, lang):
    page.goto(f"{live_server}{PUBLIC_PAGES[name]}?lang={lang}")
    assert_accessible(page, f"{name}-{lang}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_login_with_errors(page, live_server, lang):
    page.goto(f"{live_server}/login?lang={lang}")
    page.click("main button[type=submit]")
    page.wait_for_selector(".error-summary")
    assert page.evaluate("() => document.activeElement.classList.contains('error-summary')")
    assert page.locator(".error-summary a").count() == 2
    assert_accessible(page, f"login-errors-{lang}")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("role", list(Role))
def test_role_home_pages(page, live_server, role, lang):
    page.goto(f"{live_server}/?lang={lang}")
    log_in(page, live_server, role)
    assert page.url == f"{live_server}{ROLE_HOMES[role]}"
    assert_accessible(page, f"home-{role.value}-{lang}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_forbidden_page(page, live_server, lang):
    page.goto(f"{live_server}/?lang={lang}")
    log_in(page, live_server, Role.SEEKER)
    response = page.goto(f"{live_server}/staff/")
    assert response.status == 403
    assert_accessible(page, f"forbidden-{lang}")


@pytest.mark.parametrize("role", list(Role))
def test_pages_fit_a_640px_viewport(browser, live_server, role):
    """200% zoom of a 1280px window: the layout reflows into 640 CSS pixels without scrolling sideways."""
    context = browser.new_context(viewport={"width": 640, "height": 800})
    page = context.new_page()
    for url in ("/", "/login"):
        page.goto(live_server + url)
        assert_no_horizontal_scroll(page)
    log_in(page, live_server, role)
    assert_no_horizontal_scroll(page)
    page.screenshot(path=f"test-artifacts/screenshots/narrow-{role.value}.png", full_page=True)
    context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_password_pages(page, live_server, lang):
    """Changing one's password, and staff giving a temporary one: shown with their errors, nobody's password changed
    (the other browser tests log in with these accounts)."""
    page.goto(f"{live_server}/?lang={lang}")
    log_in(page, live_server, Role.STAFF)
    for name, url, fill in (("password", "/account/password", None),
                            ("staff-reset-password", "/staff/accounts/password", ("#username", "nobody@demo"))):
        page.goto(live_server + url)
        assert_accessible(page, f"{name}-{lang}")
        if fill:
            page.fill(*fill)
        submit_with_errors(page, f"{name}-errors-{lang}")
        assert_fits_200_percent_zoom(page)
