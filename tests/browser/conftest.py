"""A live AbleMatch on a free local port with its own SQLite database, and Debian's Chromium driven by Playwright."""

import json
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from models import Role, make_engine, make_session_factory
from models.migrate import upgrade

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

PASSWORD = "browser-test-pw"
USERNAMES = {Role.STAFF: "staff@browser", Role.EMPLOYER: "employer@browser", Role.SEEKER: "seeker@browser"}


def populate(session) -> None:
    """A small district: enough rows for every page of the skeleton to show real content."""
    from tests.factories import make_employer, make_position, make_seeker, make_township, make_user

    townships = [make_township(session, f"{i:02d}", name) for i, name in enumerate(["百官街道", "曹娥街道", "东关街道"], 1)]
    employer = make_employer(session, townships[0], name="上虞曹娥江包装有限公司")
    make_position(session, employer, "网店客服", openings=3)
    make_position(session, employer, "包装工", openings=5)
    staff_user = make_user(session, Role.STAFF, USERNAMES[Role.STAFF], PASSWORD, display_name="王老师")
    make_user(session, Role.EMPLOYER, USERNAMES[Role.EMPLOYER], PASSWORD, display_name="李经理", employer=employer)
    seeker_user = make_user(session, Role.SEEKER, USERNAMES[Role.SEEKER], PASSWORD, display_name="张三")
    seeker = make_seeker(session, townships[1], user=seeker_user, name="张三", skills=["电商直播", "Excel表格"],
                         consent_share=True)
    from models import SeekerNeed
    seeker.needs.append(SeekerNeed(key="step_free_access", required=True))
    populate_seeker_journey(session, townships, seeker, staff_user)
    session.commit()


def populate_seeker_journey(session, townships, seeker, staff_user) -> None:
    """For the seeker pages: abilities from two sources, an employer of its own (so that applying in the seeker's
    tests changes nothing the employer tests see) with positions that demand abilities and offer accommodations,
    an invitation and a message."""
    from datetime import date

    from models import Application, ApplicationState, PositionDemand, PositionOffer, SeekerAbility
    from services.notifications import notify
    from tests.factories import make_employer, make_position

    # lifting 1 is stated: an item not assessed is "to be checked" and never rules a position out (rules v2)
    levels = {"sitting": 5, "fine_motor": 4, "vision": 5, "hearing": 2, "walking": 1, "reading": 4, "writing": 4,
              "lifting": 1}
    seeker.abilities += [SeekerAbility(key=key, value=value, source="self", assessed_on=date(2026, 3, 2))
                         for key, value in levels.items()]
    seeker.abilities.append(SeekerAbility(key="hearing", value=1, source="staff", assessed_on=date(2026, 4, 15),
                                          assessed_by_id=staff_user.id))
    seeker.max_commute_km, seeker.desired_wage, seeker.hours_per_week = 20, 3000, 40
    bakery = make_employer(session, townships[1], name="上虞阳光食品有限公司")
    positions = {
        "面点师助理": ({"fine_motor": 3, "standing": 3}, ["step_free_access", "adjustable_workstation"], 3200, ["面点"]),
        "电商客服": ({"hearing": 3, "reading": 3, "writing": 3}, ["step_free_access", "text_communication"], 3000,
                 ["电商直播", "打字"]),
        "仓库理货员": ({"walking": 4, "lifting": 3}, ["step_free_access"], 2800, []),
    }
    made = {}
    for title, (demands, offers, wage, skills) in positions.items():
        position = make_position(session, bakery, title, openings=2, wage=wage, hours_per_week=40, skills=skills,
                                 description="在百官街道的门店工作，有师傅带教。")
        position.demands += [PositionDemand(key=key, level=level) for key, level in demands.items()]
        position.offers += [PositionOffer(key=key) for key in offers]
        made[title] = position
    made["仓库理货员"].demands[-1].essential = True  # lifting: nothing offered covers it, so it does not fit
    invited = Application(seeker=seeker, position=made["仓库理货员"], state=ApplicationState.INVITED)
    session.add(invited)
    notify(session, [seeker.user_id], "application_state", position="仓库理货员", employer=bakery.name,
           state="invited", position_ref=made["仓库理货员"].ref)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    from webapp import create_app

    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'browser.sqlite3'}"
    engine = make_engine(url)
    with engine.begin() as connection:
        upgrade(connection)
    with make_session_factory(engine)() as session:
        populate(session)
    engine.dispose()
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "browser-tests"})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()



@contextmanager
def live_session(tmp_path_factory):
    """A session on the live server's database, for a module's fixture to add the rows its pages need."""
    path = next(tmp_path_factory.getbasetemp().glob("browser*/browser.sqlite3"))
    engine = make_engine(f"sqlite:///{path}")
    try:
        with make_session_factory(engine)() as session:
            yield session
    finally:
        engine.dispose()

@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


def log_in(page, base: str, role: Role) -> None:
    page.goto(f"{base}/login")
    page.fill("#username", USERNAMES[role])
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def axe_violations(page) -> list[dict]:
    page.evaluate(AXE.read_text())
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"], "targets": [n["target"] for n in v["nodes"]]}
            for v in result["violations"]]


def assert_accessible(page, name: str) -> None:
    """No axe-core violation, one h1, a lang attribute; and a screenshot for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)
    assert page.locator("h1").count() == 1
    assert page.get_attribute("html", "lang") in ("zh-CN", "en")


def assert_no_horizontal_scroll(page) -> None:
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"


def submit_with_errors(page, name: str, button: str = "main button[type=submit]") -> None:
    """Send a form holding bad input: the error summary appears, and the page with it is accessible too."""
    page.click(button)
    page.wait_for_selector(".error-summary")
    assert_accessible(page, name)


def assert_fits_200_percent_zoom(page) -> None:
    """At 200% zoom a 1280px window is 640 CSS pixels wide: the page reflows without scrolling sideways."""
    size = page.viewport_size
    page.set_viewport_size({"width": 640, "height": 900})
    assert_no_horizontal_scroll(page)
    page.set_viewport_size(size)
