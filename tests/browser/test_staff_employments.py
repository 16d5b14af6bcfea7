"""The staff page of a job seeker's employments in Chinese and English: axe-core clean, screenshots, no sideways
scroll at 640px (200% zoom); bad input shows the error summary; and ending an employment by keyboard alone, from
the link on the seeker's page."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from models import Employment, EmploymentSource, Role, Seeker, make_engine, make_session_factory
from services.dates import day as shown_day

from .conftest import SCREENSHOTS, assert_accessible, assert_fits_200_percent_zoom, log_in, submit_with_errors
from .test_keyboard import focused, tab_to

pytestmark = pytest.mark.browser

NAME = "赵六"  # a person of their own, so that their employments change nothing other browser tests see
STARTED = date.today() - timedelta(days=90)


@pytest.fixture(scope="module")
def seeker_ref(live_server, tmp_path_factory):
    """赵六 with one ended employment and two current ones (a full-time and a part-time job), at employers of
    their own, added to the live server's database once."""
    from tests.factories import make_employer, make_position, make_seeker

    path = next(tmp_path_factory.getbasetemp().glob("browser*/browser.sqlite3"))
    engine = make_engine(f"sqlite:///{path}")
    with make_session_factory(engine)() as session:
        seeker = session.scalar(select(Seeker).where(Seeker.name == NAME))
        if seeker is None:
            township = session.scalar(select(Seeker).where(Seeker.name == "张三")).township
            seeker = make_seeker(session, township, name=NAME, category=2)
            garden = make_employer(session, township, name="上虞绿源园艺有限公司")
            laundry = make_employer(session, township, name="上虞洁净洗衣服务有限公司")
            gardener = make_position(session, garden, "园艺助理", openings=2, wage=3100, hours_per_week=40)
            folder = make_position(session, laundry, "衣物整理员", openings=1, wage=1600, hours_per_week=20)
            session.add_all([
                Employment(seeker=seeker, employer=laundry, start_on=date(2024, 3, 1), end_on=date(2025, 2, 28),
                           source=EmploymentSource.STAFF, social_insurance=True),
                Employment(seeker=seeker, employer=garden, position=gardener, start_on=STARTED,
                           source=EmploymentSource.STAFF, social_insurance=True),
                Employment(seeker=seeker, employer=laundry, position=folder, start_on=STARTED + timedelta(days=30),
                           source=EmploymentSource.STAFF, social_insurance=False),
            ])
            session.commit()
        ref = seeker.ref
    engine.dispose()
    return ref


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_employments_page(page, live_server, seeker_ref, lang):
    page.goto(f"{live_server}/?lang={lang}")
    log_in(page, live_server, Role.STAFF)
    url = f"{live_server}/staff/seekers/{seeker_ref}/employments"
    page.goto(url)
    assert page.locator("table caption").count() == 1
    assert page.locator("tbody tr").count() == 3
    assert_accessible(page, f"staff-seeker-employments-{lang}")
    assert_fits_200_percent_zoom(page)

    # bad input: no date, a day before the employment started, a day in the future
    submit_with_errors(page, f"staff-seeker-employments-no-date-{lang}")
    assert page.locator(".error-summary a[href='#end_on']").count() == 1
    assert_fits_200_percent_zoom(page)
    for name, day in (("before-start", date(2024, 1, 2)), ("future", date.today() + timedelta(days=3))):
        page.goto(url)
        page.select_option("#employment_id", label="上虞绿源园艺有限公司: 园艺助理")
        page.fill("#end_on", day.isoformat())
        submit_with_errors(page, f"staff-seeker-employments-{name}-{lang}")
        assert page.evaluate("() => document.activeElement.classList.contains('error-summary')")
        summary = page.locator(".error-summary")
        if name == "before-start":  # the start day is named
            assert shown_day(STARTED, lang) in summary.inner_text()
        else:  # the date field's own error, linked from the summary
            assert summary.locator("a[href='#end_on']").count() == 1
    # nothing was ended by the bad input
    assert page.locator("tbody tr", has_text="园艺助理").locator("td").last.inner_text() in ("在职", "current")


def test_end_an_employment_by_keyboard(page, live_server, seeker_ref):
    page.goto(f"{live_server}/?lang=en")
    log_in(page, live_server, Role.STAFF)
    page.goto(f"{live_server}/staff/seekers/{seeker_ref}")
    tab_to(page, lambda e: e["text"] == f"Employments of {NAME}", limit=250)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server}/staff/seekers/{seeker_ref}/employments")
    assert page.locator("h1").inner_text() == f"Employments of {NAME}"

    # sent empty: the error summary takes focus and its link leads to the date field
    tab_to(page, lambda e: e["id"] == "employment_id")
    chosen = page.evaluate("() => document.activeElement.selectedOptions[0].textContent")
    employer, position = chosen.split(": ")
    tab_to_submit(page)
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    page.wait_for_function("() => document.activeElement.classList.contains('error-summary')")
    link = tab_to(page, lambda e: e["href"] == "#end_on", limit=3)
    assert "Last day of work" in link["text"]
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "end_on"
    assert page.get_attribute("#end_on", "aria-invalid") == "true"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "staff-seeker-employments-keyboard-errors-en.png"), full_page=True)

    # a valid last day: Debian's Chromium orders the date field's parts by its own locale (month, day, year),
    # whatever the page's language; a two-digit month and day move on to the next part by themselves
    last_day = date.today() - timedelta(days=1)
    page.keyboard.type(last_day.strftime("%m%d%Y"))
    assert page.input_value("#end_on") == last_day.isoformat()
    tab_to_submit(page)
    page.keyboard.press("Enter")
    page.wait_for_selector(".flash")
    assert page.locator(".error-summary").count() == 0
    flash = page.locator(".flash").inner_text()
    assert f"The employment of {NAME} at {employer} ended on" in flash and str(last_day.year) in flash
    shown = shown_day(last_day, "en")  # the one date format of English, such as Nov 28, 2026
    row = page.locator("tbody tr", has=page.locator("th", has_text=employer)).filter(has_text=position)
    assert row.locator("td").last.inner_text() == shown
    # the ended employment is no longer offered for ending; the other current one still is
    assert chosen not in page.locator("#employment_id").inner_text()
    assert page.locator("#employment_id option").count() == 1
    assert_accessible(page, "staff-seeker-employments-ended-en")


def tab_to_submit(page, limit: int = 8) -> None:
    """Tab from the form's fields to its button, focus visible on every stop. The date field's parts each take a
    Tab, and so does Chromium's calendar button inside it: while that has focus the input itself is not :focus,
    so its outline cannot be measured (it shows Chromium's own thin ring around the calendar icon)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        if element["tag"] == "BUTTON" and element["text"] == "End this employment":
            assert element["outline"] != "none" or element["shadow"] != "none", f"focus is invisible on {element}"
            return
        calendar_button = element["id"] == "end_on" and not page.evaluate(
            "() => document.activeElement.matches(':focus')")
        assert calendar_button or element["outline"] != "none" or element["shadow"] != "none", \
            f"focus is invisible on {element}"
    raise AssertionError("never reached the button by Tab")
