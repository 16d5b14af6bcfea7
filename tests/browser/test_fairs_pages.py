"""Fair pages for staff in Chinese and English: axe-core clean, one h1, screenshots, no sideways scroll at 640px;
and recording an outcome at the fair by keyboard alone."""

from datetime import date, datetime, time, timedelta, timezone

import pytest
from sqlalchemy import select

from models import AttendeeSource, Employer, JobFair, Position, Role, Seeker, make_engine, make_session_factory

from .conftest import assert_accessible, assert_no_horizontal_scroll, live_session, log_in
from .test_keyboard import focused, tab_to

pytestmark = pytest.mark.browser

NAME = "上虞区残疾人专场招聘会（浏览器测试）"


@pytest.fixture(scope="module")
def fair_ids(live_server, tmp_path_factory):
    """A fair with two employers, positions and attendees, added to the live server's database once."""
    from services import fairs as operations
    from tests.factories import make_employer, make_position, make_seeker

    path = next(tmp_path_factory.getbasetemp().glob("browser*/browser.sqlite3"))
    engine = make_engine(f"sqlite:///{path}")
    with make_session_factory(engine)() as session:
        fair = session.scalar(select(JobFair).where(JobFair.name == NAME))
        if fair is None:
            fair = operations.create_fair(session, name=NAME, held_on=date.today() + timedelta(days=5),
                                          venue="上虞区人力资源市场", venue_accessibility=["step_free_access"])
            empty = operations.create_fair(session, name="尚无用人单位的招聘会", held_on=date.today() + timedelta(days=40),
                                           venue="百官街道文化中心", venue_accessibility=[])
            first = session.scalar(select(Employer).order_by(Employer.id))
            township = first.township
            second = make_employer(session, township, name="上虞舜禾电子商务有限公司")
            make_position(session, second, "网店客服专员", openings=4, wage=3500)
            make_position(session, second, "直播助理", openings=2, wage=3800)
            operations.invite_employer(session, fair, first.id, "A01")
            operations.invite_employer(session, fair, second.id, "A02")
            for position in session.scalars(select(Position).where(Position.employer_id.in_([first.id, second.id]))
                                            .order_by(Position.id)):
                operations.add_position(session, fair, position.id, max(1, position.openings))
            me = session.scalar(select(Seeker).where(Seeker.name == "张三"))
            # the pages show the fair as staff see it on its day, with people checked in at the door
            on_the_day = datetime.combine(fair.held_on, time(9, 30), timezone(timedelta(hours=8)))
            operations.register_attendee(session, fair, me.id, AttendeeSource.DOOR, on_the_day)
            for i in range(4):
                seeker = make_seeker(session, township, name=f"参会者{i}", category=2 + i % 3)
                operations.register_attendee(session, fair, seeker.id,
                                             AttendeeSource.DOOR if i % 2 else AttendeeSource.ADVANCE, on_the_day)
            session.commit()
            ids = (fair.id, empty.id)
        else:
            ids = (fair.id, session.scalar(select(JobFair.id).where(JobFair.name == "尚无用人单位的招聘会")))
    engine.dispose()
    return ids


def pages(fair_id, empty_id):
    return {"fairs-index": "/fairs/", "fairs-new": "/fairs/new", "fairs-detail": f"/fairs/{fair_id}",
            "fairs-edit": f"/fairs/{fair_id}/edit",
            "fairs-detail-empty": f"/fairs/{empty_id}", "fairs-attendees": f"/fairs/{fair_id}/attendees",
            "fairs-plan": f"/fairs/{fair_id}/plan", "fairs-plan-refused": f"/fairs/{empty_id}/plan",
            "fairs-report": f"/fairs/{fair_id}/report"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_fair_pages(page, live_server, fair_ids, lang):
    page.goto(f"{live_server}/?lang={lang}")
    log_in(page, live_server, Role.STAFF)
    for name, url in pages(*fair_ids).items():
        page.goto(live_server + url)
        assert_accessible(page, f"{name}-{lang}")
    page.goto(f"{live_server}/fairs/{fair_ids[0]}/attendees")
    page.locator(".people-list a").first.click()
    page.wait_for_load_state()
    assert_accessible(page, f"fairs-outcomes-{lang}")
    # bad input: the error summary names the fields
    page.goto(f"{live_server}/fairs/new")
    page.click("main button[type=submit]")
    page.wait_for_selector(".error-summary")
    assert_accessible(page, f"fairs-new-errors-{lang}")
    page.set_viewport_size({"width": 640, "height": 900})
    for url in pages(*fair_ids).values():
        page.goto(live_server + url)
        assert_no_horizontal_scroll(page)


def test_print_plan_has_large_type(page, live_server, fair_ids):
    log_in(page, live_server, Role.STAFF)
    page.goto(f"{live_server}/fairs/{fair_ids[0]}/plan")
    page.emulate_media(media="print")
    size = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.print-sheet')).fontSize)")
    assert size >= 24  # 18pt
    assert page.evaluate("() => getComputedStyle(document.querySelector('.site-header')).display") == "none"


@pytest.mark.parametrize("which", ["plan", "report"])
def test_printed_plan_and_report_say_who_printed_them_and_when(page, live_server, fair_ids, which):
    page.goto(f"{live_server}/?lang=en")
    log_in(page, live_server, Role.STAFF)
    page.goto(f"{live_server}/fairs/{fair_ids[0]}/{which}")
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.get_by_role("button", name="Print this page").click()
    assert page.evaluate("() => window.printed") == 1
    assert not page.locator(".print-header").is_visible()
    page.emulate_media(media="print")
    header = page.locator(".print-header")
    assert header.is_visible() and "Federation" in header.inner_text() and "Printed on" in header.inner_text()
    assert not page.get_by_role("link", name="Download the report as CSV").is_visible()
    assert not page.get_by_role("button", name="Print this page").is_visible()


def test_staff_record_an_outcome_by_keyboard(page, live_server, fair_ids):
    page.goto(f"{live_server}/?lang=en")
    log_in(page, live_server, Role.STAFF)
    page.goto(f"{live_server}/fairs/{fair_ids[0]}/attendees")
    tab_to(page, lambda e: e["text"] == "Outcomes of 张三", limit=80)
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Outcomes of 张三"
    tab_to(page, lambda e: e["id"] == "position_id")
    page.keyboard.press("ArrowDown")  # the second position in booth order
    chosen = page.evaluate("() => document.activeElement.selectedOptions[0].textContent")
    tab_to(page, lambda e: e["id"].startswith("kind-"))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # interviewed -> offered -> hired
    assert focused(page)["id"] == "kind-2"
    tab_to(page, lambda e: e["tag"] == "BUTTON" and e["text"] == "Record the outcome")
    page.keyboard.press("Enter")
    page.wait_for_selector(".flash")
    flash = page.locator(".flash").inner_text()
    assert "Recorded" in flash or "already recorded" in flash
    recorded = page.locator("#recorded-heading + ul").inner_text()
    assert "Hired" in recorded and chosen.split(" ", 1)[1].split(" – ")[0] in recorded
    assert_accessible(page, "fairs-outcome-recorded-en")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_seeker_upcoming_fairs(page, live_server, fair_ids, lang):
    page.goto(f"{live_server}/?lang={lang}")
    log_in(page, live_server, Role.SEEKER)
    page.goto(f"{live_server}/fairs/upcoming")
    assert_accessible(page, f"fairs-upcoming-{lang}")
    page.set_viewport_size({"width": 640, "height": 900})
    assert_no_horizontal_scroll(page)


COMBO_FAIR = "残疾人就业周招聘会（下拉搜索测试）"


@pytest.fixture(scope="module")
def combo_fair(live_server, tmp_path_factory):
    """A fair with no employer yet and forty employers to choose from, two of them with "星河" in the name."""
    from services import fairs as operations
    from tests.factories import make_employer

    with live_session(tmp_path_factory) as session:
        fair = operations.create_fair(session, name=COMBO_FAIR, held_on=date.today() + timedelta(days=20),
                                      venue="曹娥街道社区服务中心", venue_accessibility=[])
        township = session.scalar(select(Employer).order_by(Employer.id)).township
        for i in range(38):
            make_employer(session, township, name=f"绍兴第{i:02d}号测试企业")
        make_employer(session, township, name="上虞星河纸业有限公司")
        make_employer(session, township, name="上虞星河物流有限公司")
        session.commit()
        return fair.id


def open_planning(page, live_server, fair_id, lang="en"):
    page.goto(f"{live_server}/?lang={lang}")
    log_in(page, live_server, Role.STAFF)
    page.goto(f"{live_server}/fairs/{fair_id}")


def test_staff_invite_an_employer_with_the_searchable_choice_by_keyboard(page, live_server, combo_fair):
    open_planning(page, live_server, combo_fair)
    combo = page.get_by_role("combobox", name="Employer")
    assert combo.get_attribute("aria-expanded") == "false"
    assert not page.locator("select[name=employer_id]").is_visible()
    tab_to(page, lambda e: e["id"] == "employer_id", limit=80)
    page.keyboard.type("星河")
    assert combo.get_attribute("aria-expanded") == "true"
    listbox = page.get_by_role("listbox", name="Employer")
    assert listbox.get_by_role("option").all_inner_texts() == ["上虞星河物流有限公司", "上虞星河纸业有限公司"]
    page.wait_for_function("() => document.querySelector('[role=status]').textContent.startsWith('2 employers match')")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowDown")
    second = listbox.get_by_role("option", name="上虞星河纸业有限公司")
    assert combo.get_attribute("aria-activedescendant") == second.get_attribute("id")
    assert second.get_attribute("aria-selected") == "true"
    page.keyboard.press("Enter")  # picks the option; does not send the form
    assert combo.input_value() == "上虞星河纸业有限公司" and combo.get_attribute("aria-expanded") == "false"
    assert page.locator("h1").inner_text() == COMBO_FAIR
    page.keyboard.press("Tab")
    page.keyboard.type("B07")
    tab_to(page, lambda e: e["tag"] == "BUTTON" and e["text"] == "Invite the employer")
    page.keyboard.press("Enter")
    page.wait_for_selector(".flash")
    assert page.locator(".flash").inner_text() == "上虞星河纸业有限公司 takes part in the fair."
    assert page.locator("#employers-heading + ul").inner_text() == "Booth B07: 上虞星河纸业有限公司"


def test_searchable_choice_escape_no_match_and_nothing_chosen(page, live_server, combo_fair):
    open_planning(page, live_server, combo_fair)
    combo = page.get_by_role("combobox", name="Employer")
    combo.focus()
    page.keyboard.press("ArrowDown")  # opens the whole list on the first option
    assert combo.get_attribute("aria-expanded") == "true"
    assert page.get_by_role("listbox").get_by_role("option").count() >= 39
    page.keyboard.press("Escape")
    assert combo.get_attribute("aria-expanded") == "false"
    page.keyboard.type("没有这家")
    assert combo.get_attribute("aria-expanded") == "false"
    page.wait_for_function("() => document.querySelector('[role=status]').textContent.startsWith('No employer matches')")
    page.keyboard.press("Escape")  # a closed list: Escape clears what was typed
    assert combo.input_value() == ""
    page.keyboard.type("绍兴第0")  # typed but not chosen: nothing is sent, and the error leads back to the input
    page.keyboard.press("Escape")
    page.keyboard.press("Enter")  # a closed list: Enter sends the form
    page.wait_for_selector(".error-summary")
    page.get_by_role("link", name="Employer: Choose an employer.").click()
    assert focused(page)["id"] == "employer_id"
    assert combo.get_attribute("aria-invalid") == "true"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_open_searchable_choice_is_accessible(page, live_server, combo_fair, lang):
    open_planning(page, live_server, combo_fair, lang)
    page.locator("#employer_id").fill("测试企业")
    page.keyboard.press("ArrowDown")
    assert page.locator("#employer_id").get_attribute("aria-expanded") == "true"
    assert_accessible(page, f"fairs-detail-combobox-{lang}")
    page.set_viewport_size({"width": 640, "height": 900})
    assert_no_horizontal_scroll(page)
