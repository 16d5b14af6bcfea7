"""The call list and the paged seeker search in a real browser, in Chinese and English: axe-core clean, no
sideways scroll at 200% zoom, the header's unread count in the messages link's name; recording a call's outcome
and turning pages by keyboard alone."""

import pytest
from sqlalchemy import select

from models import Outreach, Role, Seeker, make_engine, make_session_factory

from .conftest import assert_accessible, assert_fits_200_percent_zoom, log_in
from .test_keyboard import focused, tab_to

pytestmark = pytest.mark.browser

FAIR = {"fair_id": 1, "fair": "国际残疾人日专场招聘会", "held_on": "2026-12-10", "venue": "上虞区残疾人之家"}
PEOPLE = ("钱小芳", "孙大伟", "李文")


@pytest.fixture(scope="module")
def calls(live_server, tmp_path_factory):
    """A township of its own with 27 people without a login (two pages of the seeker search), three of them told
    of a fair's change: on the call list of the live server, once. Returns the township's id."""
    from services.outreach import notify_seeker
    from tests.factories import make_seeker, make_township

    path = next(tmp_path_factory.getbasetemp().glob("browser*/browser.sqlite3"))
    engine = make_engine(f"sqlite:///{path}")
    with make_session_factory(engine)() as session:
        if session.scalar(select(Seeker).where(Seeker.name == PEOPLE[0])) is None:
            township = make_township(session, "09", "分页测试街道")
            for index, name in enumerate(PEOPLE):
                person = make_seeker(session, township, name=name, phone=f"1390000100{index}",
                                     language="en" if index == 1 else "zh")
                notify_seeker(session, person, "fair_changed", **FAIR)
            for index in range(24):
                make_seeker(session, township, name=f"分页{index:02d}")
            session.commit()
        township_id = session.scalar(select(Seeker).where(Seeker.name == PEOPLE[0])).township_id
        count = len(session.scalars(select(Outreach)).all())
    engine.dispose()
    return township_id, count


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_call_list_pages(page, live_server, calls, lang):
    page.goto(f"{live_server}/?lang={lang}")
    log_in(page, live_server, Role.STAFF)
    page.goto(f"{live_server}/staff/calls")
    assert page.locator("li.call").count() == min(calls[1], 25)
    assert_accessible(page, f"staff-calls-{lang}")
    assert_fits_200_percent_zoom(page)
    page.goto(f"{live_server}/staff/calls/print")
    assert page.locator(".print-header").count() == 1
    assert_accessible(page, f"staff-calls-print-{lang}")
    page.goto(f"{live_server}/staff/seekers?township={calls[0]}&page=2")
    assert page.locator("nav.pager [aria-current=page]").inner_text() == "2"
    assert_accessible(page, f"staff-seekers-paged-{lang}")
    assert_fits_200_percent_zoom(page)


def test_record_a_call_by_keyboard(page, live_server, calls):
    page.goto(f"{live_server}/?lang=en")
    log_in(page, live_server, Role.STAFF)
    page.goto(f"{live_server}/staff/calls")
    name = page.locator("li.call h3 a").first.inner_text()
    # a radio group is one Tab stop; the arrow keys choose within it
    tab_to(page, lambda e: e["tag"] == "INPUT" and e["id"].endswith("-done"), limit=80)
    page.keyboard.press("ArrowDown")
    assert focused(page)["id"].endswith("-no_answer")
    tab_to(page, lambda e: e["tag"] == "BUTTON" and e["text"] == "Record the outcome", limit=5)
    page.keyboard.press("Enter")
    page.wait_for_selector(".flash")
    assert page.locator(".flash").inner_text() == f"Recorded for {name}: No answer."
    card = page.locator("li.call", has=page.locator("h3", has_text=name))
    assert "No answer: call again (1 call made)" in card.inner_text()
    assert_accessible(page, "staff-calls-recorded-en")


def test_turn_pages_of_the_seeker_search_by_keyboard(page, live_server, calls):
    page.goto(f"{live_server}/?lang=en")
    log_in(page, live_server, Role.STAFF)
    page.goto(f"{live_server}/staff/seekers?township={calls[0]}")
    heading = page.locator("#results-heading").inner_text()
    assert heading == "27 job seekers found"
    assert page.locator("nav.pager .pager-status").inner_text() == "Page 1 of 2"
    assert page.locator("nav.pager [aria-current=page]").inner_text() == "1"
    link = tab_to(page, lambda e: e["text"] == "Next page", limit=200)
    assert link["href"].endswith("page=2")
    page.keyboard.press("Enter")
    page.wait_for_url("**page=2")
    assert page.locator("nav.pager [aria-current=page]").get_attribute("aria-label") == "Page 2"
    assert page.locator("#results-heading").inner_text() == heading  # the true total on every page
    assert page.locator("tbody tr").count() == 2
