"""The staff work queue in a real browser, in Chinese and English: staff land on it, the menu entry's name says
how much is to do, axe-core clean, no sideways scroll at 640px (200% zoom); giving an item to a colleague and
checking a registration by keyboard alone."""

import re

import pytest
from sqlalchemy import select

from models import Employer, Role

from .conftest import PASSWORD, assert_accessible, assert_fits_200_percent_zoom, live_session, log_in
from .test_keyboard import tab_to

pytestmark = pytest.mark.browser

COMPANY = "上虞队列测试有限公司"
COLLEAGUE = "队列同事"


@pytest.fixture(scope="module")
def work(live_server, tmp_path_factory):
    """On the live server's database, once: a colleague, an employer that registered itself and a person without
    a login to phone, in a township of their own (17). Returns the employer's id."""
    from services import insurance
    from services.employers import register_employer
    from services.outreach import notify_seeker
    from tests.factories import credit_code, make_seeker, make_township, make_user

    with live_session(tmp_path_factory) as session:
        if session.scalar(select(Employer).where(Employer.name == COMPANY)) is None:
            township = make_township(session, "17", "长塘镇")
            make_user(session, Role.STAFF, "colleague@browser", PASSWORD, display_name=COLLEAGUE)
            register_employer(session, credit_code=credit_code(9017), name=COMPANY, headcount=35,
                              township_id=township.id, industry="C", address="长塘镇工业路1号",
                              contact_phone="0575-82000017", display_name="吴经理", username="queue-co@browser",
                              password="a long enough password 17")
            notify_seeker(session, make_seeker(session, township, name="队列阿姨", phone="13900017000"),
                          "fair_reminder", fair_id=1, fair="国际残疾人日专场招聘会", held_on="2026-12-03")
            insurance.import_file(session, "队列测试.csv", b"id_number,credit_code,year\n")
            session.commit()
        return session.scalar(select(Employer.id).where(Employer.name == COMPANY))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_work_queue_pages(page, live_server, work, lang):
    page.goto(f"{live_server}/?lang={lang}")
    log_in(page, live_server, Role.STAFF)
    assert page.url == f"{live_server}/staff/queue"
    to_do = {"zh": r"^工作队列，\d+ 项待办$", "en": r"^Work queue, \d+ to do$"}[lang]
    assert page.get_by_role("link", name=re.compile(to_do)).count() == 1
    page.goto(f"{live_server}/staff/queue?who=everyone")
    assert page.get_by_role("link", name=re.compile(COMPANY)).count() == 1
    assert page.get_by_role("link", name=re.compile("队列阿姨")).count() == 1
    assert_accessible(page, f"staff-queue-{lang}")
    assert_fits_200_percent_zoom(page)
    page.goto(f"{live_server}/staff/registrations/{work}")
    assert_accessible(page, f"staff-registration-{lang}")
    assert_fits_200_percent_zoom(page)
    page.goto(f"{live_server}/staff/queue?who=boss")
    assert page.locator(".error-summary").count() == 1
    assert_accessible(page, f"staff-queue-bad-filter-{lang}")


def test_the_queue_fits_a_640px_viewport(browser, live_server, work):
    context = browser.new_context(viewport={"width": 640, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server}/?lang=en")
    log_in(page, live_server, Role.STAFF)
    page.goto(f"{live_server}/staff/queue?who=everyone")
    assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert_accessible(page, "staff-queue-640-en")
    context.close()


def test_give_an_item_and_check_a_registration_by_keyboard(page, live_server, work):
    page.goto(f"{live_server}/?lang=en")
    log_in(page, live_server, Role.STAFF)
    page.goto(f"{live_server}/staff/queue?who=everyone")
    # the choice's name says which item it gives
    select = tab_to(page, lambda e: e["tag"] == "SELECT" and e["id"] == f"assign-registration-{work}", limit=400)
    assert COMPANY in page.locator(f"label[for={select['id']}]").inner_text()
    while page.locator(f"#{select['id']} option:checked").inner_text() != COLLEAGUE:
        page.keyboard.press("ArrowDown")
    tab_to(page, lambda e: e["tag"] == "BUTTON" and e["text"] == "Give", limit=3)
    page.keyboard.press("Enter")
    page.wait_for_selector(".flash")
    assert page.locator(".flash").inner_text() == f"Given to {COLLEAGUE}."
    item = page.locator("li.queue-item", has=page.get_by_role("link", name=re.compile(COMPANY)))
    assert f"Given to\n{COLLEAGUE}" in item.inner_text()
    # open the registration by its link, then check it, confirming
    link = tab_to(page, lambda e: e["tag"] == "A" and COMPANY in e["text"], limit=400)
    assert link["href"].endswith(f"/staff/registrations/{work}")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/staff/registrations/{work}")
    tab_to(page, lambda e: e["tag"] == "BUTTON" and e["text"] == "The registration is checked", limit=80)
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Please confirm")
    assert_accessible(page, "staff-registration-confirm-en")
    tab_to(page, lambda e: e["tag"] == "BUTTON" and e["text"] == "Yes, it is checked", limit=80)
    page.keyboard.press("Enter")
    page.wait_for_url("**/staff/queue")
    assert page.locator(".flash").inner_text() == f"The registration of {COMPANY} is checked."
    page.goto(f"{live_server}/staff/queue?who=everyone")
    assert page.get_by_role("link", name=re.compile(COMPANY)).count() == 0
