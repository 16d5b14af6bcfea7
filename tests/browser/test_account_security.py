"""The sessions page (see where you are logged in, end the others), the API token form and the staff page that
unlocks an account: axe-core clean in both languages, usable by keyboard alone and at 200% zoom."""

import pytest

from models import Role

from .conftest import assert_accessible, assert_fits_200_percent_zoom, log_in, submit_with_errors

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_see_your_sessions_and_end_another_by_keyboard(browser, page, live_server, lang):
    other = browser.new_context(locale="zh-CN", user_agent="Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile")
    phone = other.new_page()
    log_in(phone, live_server, Role.EMPLOYER)
    assert phone.url.endswith("/employer/")

    page.goto(f"{live_server}/?lang={lang}")
    log_in(page, live_server, Role.EMPLOYER)
    page.goto(f"{live_server}/account/sessions")
    end_phone = page.locator("form[action*='/end'] button").filter(has_text="Android")
    assert end_phone.count() == 1
    assert_accessible(page, f"account-sessions-{lang}")
    assert_fits_200_percent_zoom(page)

    end_phone.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".flash-success")
    assert "Android" in page.locator(".flash-success").inner_text()
    assert_accessible(page, f"account-sessions-ended-{lang}")
    phone.goto(f"{live_server}/employer/")
    assert "/login" in phone.url  # the phone's session has ended
    other.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_token_form_and_staff_unlock_page_with_their_errors(page, live_server, lang):
    page.goto(f"{live_server}/?lang={lang}")
    log_in(page, live_server, Role.STAFF)
    for name, url in (("account-tokens", "/account/tokens"), ("staff-account-access", "/staff/accounts/access")):
        page.goto(live_server + url)
        assert_accessible(page, f"{name}-{lang}")
        submit_with_errors(page, f"{name}-errors-{lang}")
        assert_fits_200_percent_zoom(page)
