"""The declaration journey by keyboard alone, and the quota pages axe-clean in Chinese and English."""

import threading
from decimal import Decimal

import pytest
from werkzeug.serving import make_server

from models import LocalWage, Role, make_engine, make_session_factory
from models.migrate import upgrade

from .conftest import assert_accessible, assert_no_horizontal_scroll, log_in, populate
from .test_keyboard import focused, tab_to

pytestmark = pytest.mark.browser

IN_WINDOW = "2026-04-15"


@pytest.fixture(scope="module")
def quota_server(tmp_path_factory):
    """A live app of its own, on a date inside the CN-ZJ window for 2025, with the 2025 local wages."""
    from webapp import create_app

    url = f"sqlite:///{tmp_path_factory.mktemp('quota-browser') / 'quota.sqlite3'}"
    engine = make_engine(url)
    with engine.begin() as connection:
        upgrade(connection)
    with make_session_factory(engine)() as session:
        populate(session)
        session.add(LocalWage(jurisdiction="CN-ZJ", year=2025, average_yearly=Decimal("100000"),
                              minimum_monthly=Decimal("2280")))
        session.commit()
    engine.dispose()
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "quota-browser", "ABLEMATCH_TODAY": IN_WINDOW})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def type_into(page, field_id: str, text: str) -> None:
    tab_to(page, lambda e: e["id"] == field_id, limit=80)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def test_add_an_employee_row_by_keyboard_moves_focus_to_it(page, quota_server):
    log_in(page, quota_server, Role.EMPLOYER)
    page.goto(quota_server + "/declarations/?lang=en")
    tab_to(page, lambda e: e["tag"] == "BUTTON" and e["text"] == "Add another employee", limit=120)
    page.keyboard.press("Enter")
    page.wait_for_selector("#employee-2")
    assert focused(page)["id"] == "employee-2"
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "employees-1-name"


def test_declaration_journey_by_keyboard_alone(page, quota_server):
    from tests.factories import certificate_number

    base = quota_server
    log_in(page, base, Role.EMPLOYER)
    page.goto(base + "/declarations/?lang=en")
    assert page.locator("h1").inner_text() == "Quota declaration for 2025"
    assert_accessible(page, "quota-declaration-form-en")

    # the form starts with what the system knows: today's headcount (120) in every month
    assert [page.input_value(f"#staff_{month}") for month in range(1, 13)] == ["120"] * 12

    # a mistake first (a month emptied, the wages not given): the error summary takes focus, its links lead on
    tab_to(page, lambda e: e["id"] == "staff_2", limit=80)
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    tab_to(page, lambda e: e["tag"] == "BUTTON" and e["text"] == "Save and see the assessment", limit=80)
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert "error-summary" in page.evaluate("() => document.activeElement.className")
    assert_accessible(page, "quota-declaration-errors-en")
    tab_to(page, lambda e: e["href"] == "#staff_2")
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "staff_2"
    assert page.input_value("#staff_1") == "120"  # what was there is kept
    page.keyboard.type("120")
    type_into(page, "total_wages", "9600000")
    type_into(page, "employees-0-name", "陈明")
    page.keyboard.press("Tab")
    page.keyboard.type(certificate_number(4, 2))
    for value in ("12", "0", "4500", "12"):
        page.keyboard.press("Tab")
        page.keyboard.press("Control+A")
        page.keyboard.type(value)
    tab_to(page, lambda e: e["tag"] == "BUTTON" and e["text"] == "Save and see the assessment")
    page.keyboard.press("Enter")
    page.wait_for_url("**/declarations/2025*")

    # the estimate and its steps, before submitting: 120 x 1.5% = 1.8 required, grade 2 counts 2: compliant
    assert "0.00 CNY" in page.locator(".quota-summary").inner_text()
    assert page.locator(".quota-steps li").count() >= 4
    assert_accessible(page, "quota-declaration-review-en")
    page.goto(base + "/declarations/2025?lang=zh")
    assert_accessible(page, "quota-declaration-review-zh")
    tab_to(page, lambda e: e["tag"] == "BUTTON" and e["text"] == "提交申报")
    page.keyboard.press("Enter")
    page.wait_for_selector(".flash-success")
    assert page.locator(".tag").first.inner_text() == "已提交"
    assert page.locator("text=提交申报").count() == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_staff_quota_pages_are_accessible(page, quota_server, lang):
    log_in(page, quota_server, Role.STAFF)
    for name, url in (("list", "/declarations/staff/"), ("insurance", "/declarations/staff/insurance"),
                      ("wages", "/declarations/staff/wages")):
        page.goto(f"{quota_server}{url}?lang={lang}")
        assert_accessible(page, f"quota-staff-{name}-{lang}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_employer_declaration_form_is_accessible_and_reflows(browser, quota_server, lang):
    context = browser.new_context(viewport={"width": 640, "height": 900})
    page = context.new_page()
    log_in(page, quota_server, Role.EMPLOYER)
    page.goto(f"{quota_server}/declarations/?lang={lang}")
    assert_no_horizontal_scroll(page)
    assert_accessible(page, f"quota-declaration-narrow-{lang}")
    context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_dashboards_are_accessible(page, quota_server, lang):
    log_in(page, quota_server, Role.EMPLOYER)
    page.goto(f"{quota_server}/dashboards/employer?lang={lang}")
    assert page.locator(".quota-steps li").count() >= 4
    assert_accessible(page, f"quota-dashboard-employer-{lang}")
    page.goto(f"{quota_server}/logout")
    page.context.clear_cookies()
    log_in(page, quota_server, Role.STAFF)
    page.goto(f"{quota_server}/dashboards/district?lang={lang}")
    assert page.locator("svg[role=img]").count() == 2
    assert_accessible(page, f"quota-dashboard-district-{lang}")


def test_district_dashboard_reflows_at_640px(browser, quota_server):
    context = browser.new_context(viewport={"width": 640, "height": 900})
    page = context.new_page()
    log_in(page, quota_server, Role.STAFF)
    page.goto(f"{quota_server}/dashboards/district?lang=en")
    assert_no_horizontal_scroll(page)
    context.close()


def test_staff_check_settle_and_approve_by_keyboard(page, quota_server):
    """After the employer's journey above: staff check the declaration, settle the mismatch, approve."""
    log_in(page, quota_server, Role.STAFF)
    page.goto(f"{quota_server}/declarations/staff/?year=2025&lang=en")
    link = page.locator("table a").first
    # pytest runs a module's tests in file order: the employer's journey above submitted this declaration
    assert link.count(), "run the whole module: the declaration comes from test_declaration_journey_by_keyboard_alone"
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page, "quota-staff-detail-en")
    tab_to(page, lambda e: e["text"] == "Check against the registry and the social-insurance data", limit=80)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector("#mismatch-heading")
    assert "not in the district's registry" in page.locator("#mismatch-heading + form legend").inner_text()
    page.goto(page.url.split("?")[0] + "?lang=zh")
    assert_accessible(page, "quota-staff-mismatch-zh")
    page.goto(page.url.split("?")[0] + "?lang=en")
    tab_to(page, lambda e: e["tag"] == "SELECT" and e["id"].startswith("resolution-"), limit=80)
    page.keyboard.press("ArrowDown")  # accept the declared months (proof seen)
    tab_to(page, lambda e: e["tag"] == "BUTTON" and e["text"] == "Settle")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, lambda e: e["tag"] == "BUTTON" and e["text"] == "Approve the declaration", limit=80)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector(".flash-success")
    assert page.locator(".tag").first.inner_text() == "Approved"
    assert_accessible(page, "quota-staff-approved-en")
