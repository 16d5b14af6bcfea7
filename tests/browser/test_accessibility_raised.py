"""Beyond axe-core, on a representative page state of every kind for each role, in Chinese and English: reflow at
320 CSS px (400% zoom), controls and focus rings under forced colours (Windows high contrast), WCAG 1.4.12 text
spacing, a name and a role for every control in the accessibility tree; and Chinese headings and labels drawn in
the bold face of a CJK font."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from models import Course, EmploymentSource, Employer, JobFair, Position, Role, Seeker, TrainingSession, User

from .beyond_axe import (fonts_rendering, forced_colours_problems, reflow_problems, text_spacing_problems,
                         unnamed_controls)
from .conftest import SCREENSHOTS, live_session, log_in

pytestmark = pytest.mark.browser

FAIR = "无障碍检查专场招聘会"
SUBMIT = "main form button[type=submit]"

# (name, address, whether to send the form empty first to show its errors); {braces} name the fixture's rows
STATES = {
    "public": [("index", "/", False), ("login", "/login", False), ("login-errors", "/login", True),
               ("register", "/employer/register", False), ("not-found", "/no-such-page", False)],
    Role.SEEKER: [("home", "/me/", False), ("matches", "/me/matches", False),
                  ("matches-errors", "/me/matches?distance=-1&min_wage=abc", False),
                  ("position", "/me/positions/{bakery_job}", False), ("profile", "/me/profile", False),
                  ("trainings", "/trainings/", False), ("training", "/trainings/{training}", False),
                  ("fairs", "/fairs/upcoming", False), ("messages", "/account/notifications", False),
                  ("interviews", "/hiring/mine", False)],
    Role.EMPLOYER: [("home", "/employer/", False), ("profile", "/employer/profile", False),
                    ("position-form", "/employer/positions/new", False),
                    ("position-form-errors", "/employer/positions/new", True),
                    ("position", "/employer/positions/{job}", False),
                    ("candidate", "/employer/positions/{job}/candidates/{seeker}", False),
                    ("applications", "/employer/applications", False), ("declaration", "/declarations/", False),
                    ("dashboard", "/dashboards/employer", False)],
    Role.STAFF: [("home", "/staff/", False), ("seekers", "/staff/seekers?q=张", False),
                 ("seeker", "/staff/seekers/{seeker}", False), ("seeker-new-errors", "/staff/seekers/new", True),
                 ("fairs", "/fairs/", False), ("fair", "/fairs/{fair}", False),
                 ("fair-attendees", "/fairs/{fair}/attendees", False), ("fair-new", "/fairs/new", False),
                 ("declarations", "/declarations/staff/", False), ("calls", "/staff/calls", False),
                 ("follow-up", "/follow-up/", False), ("retention", "/follow-up/retention", False),
                 ("trainings", "/trainings/staff", False), ("dashboard", "/dashboards/district", False)],
}
WHO = [pytest.param(who, id=getattr(who, "value", who)) for who in STATES]


@pytest.fixture(scope="module")
def rows(live_server, tmp_path_factory):
    """A township of its own (code 13) with a fair, a training, a person on the call list and a person placed five
    months ago, added once; and the references the page addresses need."""
    from services import fairs, hires
    from services.outreach import notify_seeker
    from services.placement_settings import PlacementSettings
    from tests.factories import make_seeker, make_township

    with live_session(tmp_path_factory) as session:
        staff = session.scalar(select(User).where(User.role == Role.STAFF))
        employer = session.scalar(select(Employer).join(User, User.employer_id == Employer.id)
                                  .where(User.role == Role.EMPLOYER))
        fair = session.scalar(select(JobFair).where(JobFair.name == FAIR))
        if fair is None:
            township = make_township(session, "13", "无障碍检查街道")
            fair = fairs.create_fair(session, name=FAIR, held_on=date.today() + timedelta(days=12),
                                     venue="上虞区人力资源市场", venue_accessibility=["step_free_access"])
            fairs.invite_employer(session, fair, employer.id, "B01")
            for position in employer.positions:
                fairs.add_position(session, fair, position.id, None)
            start = date.today() + timedelta(days=30)
            session.add(TrainingSession(course=Course(title_zh="办公软件基础", title_en="Office software basics"),
                                        starts_on=start, ends_on=start + timedelta(days=5), place="无障碍检查培训室",
                                        capacity=20, accessibility=["step_free_access"]))
            called = make_seeker(session, township, name="周无障", phone="13900001300")
            notify_seeker(session, called, "fair_changed", fair_id=fair.id, fair=FAIR,
                          held_on=fair.held_on.isoformat(), venue="上虞区残疾人之家")
            placed = make_seeker(session, township, name="吴无障", phone="13900001301")
            hires.record_hire(session, placed, employer_id=employer.id, position=employer.positions[0],
                              start_on=date.today() - timedelta(days=150), source=EmploymentSource.STAFF,
                              by_user_id=staff.id, settings=PlacementSettings())
            session.commit()
        me = session.scalar(select(Seeker).where(Seeker.name == "张三"))
        return {"fair": fair.id, "seeker": me.ref, "job": employer.positions[0].ref,
                "bakery_job": session.scalar(select(Position.ref).where(Position.title == "面点师助理")),
                "training": session.scalar(select(TrainingSession.id)
                                           .where(TrainingSession.place == "无障碍检查培训室"))}


def visit_all(browser, base: str, who, lang: str, rows: dict, check, shots: str = "", **context_options):
    """Open each page state of who in a fresh context made with context_options; check(page) returns the
    problems found on it. One failure lists every page's problems. With shots, each page is saved as a
    screenshot for a person to look at."""
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, "locale": "zh-CN", **context_options})
    page = context.new_page()
    page.goto(f"{base}/?lang={lang}")
    if who != "public":
        log_in(page, base, who)
    found = {}
    try:
        for name, path, with_errors in STATES[who]:
            page.goto(base + path.format(**rows))
            if with_errors:
                page.click(SUBMIT)
                page.wait_for_selector(".error-summary")
            problems = check(page)
            if shots:
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(SCREENSHOTS / f"{shots}-{getattr(who, 'value', who)}-{name}-{lang}.png"),
                                full_page=True)
            if problems:
                found[f"{name} ({page.url})"] = problems
    finally:
        context.close()
    assert not found, "\n".join(f"{name}:\n  " + "\n  ".join(problems) for name, problems in found.items())


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("who", WHO)
def test_pages_reflow_at_320_css_pixels(browser, live_server, rows, who, lang):
    """400% zoom of a 1280px window: 320 CSS pixels wide, and nothing but a wide table scrolls sideways."""
    visit_all(browser, live_server, who, lang, rows, reflow_problems, shots="reflow-320",
              viewport={"width": 320, "height": 800})


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("who", WHO)
def test_controls_and_focus_show_under_forced_colours(browser, live_server, rows, who, lang):
    """Windows high contrast, as Chromium emulates it: the system's colours replace the page's."""
    visit_all(browser, live_server, who, lang, rows, forced_colours_problems, shots="forced-colours",
              forced_colors="active")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("who", WHO)
def test_text_spacing_cuts_no_text(browser, live_server, rows, who, lang):
    """WCAG 1.4.12: a reader's own style sheet may space text out; the page must not cut it off."""
    visit_all(browser, live_server, who, lang, rows, text_spacing_problems, bypass_csp=True)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("who", WHO)
def test_every_control_has_a_name_and_a_role(browser, live_server, rows, who, lang):
    """What a screen reader announces: Playwright's ARIA snapshot of the page, read line by line."""
    visit_all(browser, live_server, who, lang, rows, unnamed_controls)


@pytest.mark.parametrize("selector", ["h1", "h2", "legend", "label.label"])
def test_chinese_headings_and_labels_use_the_bold_face(page, live_server, selector):
    """Chromium draws a missing bold by smearing the regular face; the design asks for the font's real bold."""
    page.goto(f"{live_server}/employer/register?lang=zh")
    page.click(SUBMIT)  # the error summary brings an h2
    page.wait_for_selector(".error-summary")
    rendering = fonts_rendering(page, selector)
    assert rendering["weight"] >= 600
    assert any(face.startswith("NotoSansCJK") and face.endswith("-Bold") for face in rendering["faces"]), rendering


def test_the_checks_find_what_they_look_for(browser, live_server):
    """A check that cannot fail proves nothing: on a page spoilt on purpose each one names the fault."""
    context = browser.new_context(viewport={"width": 320, "height": 800}, forced_colors="active", bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server}/login?lang=en")
    page.evaluate("""() => {
        const main = document.querySelector('main');
        const bare = document.createElement('button');
        bare.id = 'bare';
        Object.assign(bare.style, {border: '0', outline: 'none', width: '3rem', height: '2rem'});
        const fake = document.createElement('div');
        fake.id = 'fake';
        fake.tabIndex = 0;
        fake.textContent = 'Click me';
        const wide = document.createElement('div');
        wide.id = 'wide';
        wide.style.width = '40rem';
        wide.textContent = 'A line too long';
        const boxed = document.createElement('p');
        boxed.id = 'boxed';
        Object.assign(boxed.style, {height: '3em', overflow: 'hidden'});
        boxed.textContent = 'Read me. '.repeat(6);
        main.append(bare, fake, wide, boxed);
    }""")
    assert any(problem.startswith("div#wide ") for problem in reflow_problems(page))
    assert set(unnamed_controls(page)) >= {"no name: - button", 'no role: div#fake "Click me" can take the focus'}
    forced = forced_colours_problems(page)
    assert "button#bare has no visible edge" in forced
    assert any(problem.startswith("button#bare shows no focus ring") for problem in forced)
    assert any(problem.startswith("p#boxed ") for problem in text_spacing_problems(page))
    context.close()
