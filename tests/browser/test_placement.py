"""From match to follow-up in a real browser, in Chinese and English: the employer proposes interview times
and makes an offer, the person picks a time by keyboard alone and accepts the offer, staff see the week's
interviews, record a check-in by keyboard and read the retention view. Every page is axe-core clean, fits 200%
zoom, and is saved as a screenshot; each form's errors are shown first."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from models import ApplicationState, EmploymentSource, PositionOffer, Role, Seeker, TownshipStaff, User
from models import make_engine, make_session_factory

from .conftest import PASSWORD, assert_accessible, assert_fits_200_percent_zoom, submit_with_errors
from .test_keyboard import tab_to

pytestmark = pytest.mark.browser

EMPLOYER = "hiring@browser"
DAY = date.today() + timedelta(days=7)


@pytest.fixture(scope="module")
def journey(live_server, tmp_path_factory):
    """An employer of its own with a position; per language an applicant who applied and a person placed five
    months ago whose first check-ins are due; the staff user serves their township. Added once."""
    from services import applications, hires
    from services.placement_settings import PlacementSettings
    from tests.factories import make_employer, make_position, make_seeker, make_township, make_user

    path = next(tmp_path_factory.getbasetemp().glob("browser*/browser.sqlite3"))
    engine = make_engine(f"sqlite:///{path}")
    with make_session_factory(engine)() as session:
        if session.scalar(select(User).where(User.username == EMPLOYER)) is None:
            staff = session.scalar(select(User).where(User.role == Role.STAFF))
            township = make_township(session, "11", "驿亭镇")  # 09 is the call list's
            session.add(TownshipStaff(township_id=township.id, user_id=staff.id))
            shop = make_employer(session, township, name="上虞舜禾电子商务有限公司")
            make_user(session, Role.EMPLOYER, EMPLOYER, PASSWORD, display_name="陈经理", employer=shop)
            job = make_position(session, shop, "网店客服", wage=3600, hours_per_week=40)
            job.ref = "PHIRING"
            job.offers.append(PositionOffer(key="step_free_access"))
            for lang, name in (("zh", "刘芳"), ("en", "赵磊")):
                user = make_user(session, Role.SEEKER, f"applicant-{lang}@browser", PASSWORD, display_name=name)
                applicant = make_seeker(session, township, user=user, name=name, consent_share=True)
                applicant.ref = f"SHIRE{lang.upper()}"
                applications.move(session, applicant, job, ApplicationState.APPLIED, user, today=date.today())
                placed = make_seeker(session, township, name=f"{name}的同事", phone="13900000000")
                placed.ref = f"SPLACE{lang.upper()}"
                hires.record_hire(session, placed, employer_id=shop.id, position=job,
                                  start_on=date.today() - timedelta(days=150), source=EmploymentSource.STAFF,
                                  by_user_id=staff.id, settings=PlacementSettings())
            session.commit()
        refs = {s.ref: s.name for s in session.scalars(select(Seeker).where(Seeker.ref.like("S%E__")))}
    engine.dispose()
    return refs


def log_in_as(page, base: str, username: str, lang: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/login?lang={lang}")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def check(page, name: str) -> None:
    assert_accessible(page, name)
    assert_fits_200_percent_zoom(page)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_interview_and_offer_journey(page, live_server, journey, lang):
    seeker_ref = f"SHIRE{lang.upper()}"
    # the employer proposes two times, after an empty form shows what is missing
    log_in_as(page, live_server, EMPLOYER, lang)
    page.goto(f"{live_server}/employer/positions/PHIRING/candidates/{seeker_ref}")
    page.click("a[href*='/interview']")
    submit_with_errors(page, f"placement-propose-errors-{lang}")
    page.fill("#slot_1", f"{DAY.isoformat()}T10:00")
    page.fill("#slot_2", f"{(DAY + timedelta(days=1)).isoformat()}T14:30")
    page.fill("#place", "上虞区驿亭镇工业路8号二楼")
    page.fill("#contact_name", "陈经理")
    page.check("#place_offers-0")
    check(page, f"placement-propose-{lang}")
    page.click("main button[type=submit]")
    page.wait_for_selector(".flash-success")
    check(page, f"placement-interview-employer-{lang}")
    interview_url = page.url

    # the person picks the second time by keyboard alone and asks for an interpreter
    log_in_as(page, live_server, f"applicant-{lang}@browser", lang)
    page.goto(f"{live_server}/hiring/mine")
    check(page, f"placement-mine-seeker-{lang}")
    page.goto(interview_url)
    check(page, f"placement-interview-seeker-{lang}")
    tab_to(page, lambda e: e["id"] == "slot-0")
    page.keyboard.press("ArrowDown")  # the second time, in the radio group
    tab_to(page, lambda e: e["tag"] == "BUTTON")
    page.keyboard.press("Enter")
    page.wait_for_selector(".flash-success")
    assert page.locator("a[href$='.ics']").count() == 1
    with page.expect_download() as download:
        page.click("a[href$='.ics']")
    assert download.value.suggested_filename.endswith(".ics")

    # the employer makes an offer (the start date is checked first)
    log_in_as(page, live_server, EMPLOYER, lang)
    page.goto(interview_url)
    page.click("a[href*='/offer']")
    page.fill("#start_on", (date.today() - timedelta(days=3)).isoformat())
    submit_with_errors(page, f"placement-offer-errors-{lang}")
    page.fill("#start_on", (DAY + timedelta(days=10)).isoformat())
    page.click("main button[type=submit]")
    page.wait_for_selector(".flash-success")
    check(page, f"placement-offer-employer-{lang}")
    offer_url = page.url

    # the person accepts it by keyboard: the hire is recorded
    log_in_as(page, live_server, f"applicant-{lang}@browser", lang)
    page.goto(offer_url)
    submit_with_errors(page, f"placement-offer-answer-errors-{lang}")
    tab_to(page, lambda e: e["id"] == "answer-0")
    page.keyboard.press("Space")
    tab_to(page, lambda e: e["tag"] == "BUTTON" and e["text"] != "")
    page.keyboard.press("Enter")
    page.wait_for_selector(".flash-success")
    check(page, f"placement-offer-accepted-{lang}")
    assert page.locator(".summary-list").first.inner_text().count("\n") > 3


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_staff_follow_up_journey(page, live_server, journey, lang):
    log_in_as(page, live_server, "staff@browser", lang)
    page.goto(f"{live_server}/hiring/week?start={(DAY + timedelta(days=1)).isoformat()}")  # the time picked
    check(page, f"placement-week-{lang}")
    page.goto(f"{live_server}/follow-up/")
    check(page, f"placement-queue-{lang}")
    row = page.locator("tbody tr", has_text=journey[f"SPLACE{lang.upper()}"]).first
    row.locator("a").click()
    page.fill("#done_on", "")
    submit_with_errors(page, f"placement-check-in-errors-{lang}")
    page.fill("#done_on", date.today().isoformat())
    page.focus("#method-0")  # a date field keeps Tab among its year, month and day parts
    page.keyboard.press("Space")
    tab_to(page, lambda e: e["id"] == "still_employed-0")
    page.keyboard.press("Space")
    page.select_option("#support_kind_1", "accommodation")
    page.fill("#support_due_1", (date.today() + timedelta(days=14)).isoformat())
    page.fill("#support_employer_1", "请在工位旁加装扶手")
    check(page, f"placement-check-in-{lang}")
    page.locator("main form button[type=submit]").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".flash-success")
    check(page, f"placement-check-in-done-{lang}")
    page.goto(f"{live_server}/follow-up/retention?by=township")
    check(page, f"placement-retention-{lang}")
    # the employer sees what is asked of it, and not the notes
    log_in_as(page, live_server, EMPLOYER, lang)
    page.goto(f"{live_server}/follow-up/employer")
    check(page, f"placement-employer-items-{lang}")
    assert "请在工位旁加装扶手" in page.inner_text("main")
