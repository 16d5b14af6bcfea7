"""Training pages in Chinese and English: axe-core clean, one h1, screenshots, no sideways scroll at 640px;
and signing up for a training by keyboard alone."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from models import Course, Role, Seeker, TrainingSession, make_engine, make_session_factory, utcnow

from .conftest import assert_accessible, assert_no_horizontal_scroll, log_in, submit_with_errors
from .test_keyboard import tab_to

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def trainings(live_server, tmp_path_factory):
    """Courses and sessions added to the live server's database (found next to it), once per module."""
    from services.trainings import sign_up
    from tests.factories import make_seeker

    path = next(tmp_path_factory.getbasetemp().glob("browser*/browser.sqlite3"))
    engine = make_engine(f"sqlite:///{path}")
    with make_session_factory(engine)() as session:
        existing = session.scalar(select(TrainingSession).where(TrainingSession.place == "上虞区残联培训中心（浏览器测试）"))
        if existing is None:
            start = date.today() + timedelta(days=20)
            live = Course(title_zh="电商直播与创业", title_en="E-commerce livestreaming and start-ups",
                          description="手机直播带货、网店运营、创业基础。", skills=["电商直播", "网店运营"])
            pastry = Course(title_zh="面点制作", title_en="Pastry", mode="order_based", skills=["面点"])
            open_session = TrainingSession(course=live, starts_on=start, ends_on=start + timedelta(days=10),
                                           place="上虞区残联培训中心（浏览器测试）", capacity=30, teacher="陈老师",
                                           accessibility=["step_free_access", "accessible_toilet"])
            full = TrainingSession(course=pastry, starts_on=start + timedelta(days=7),
                                   ends_on=start + timedelta(days=12), place="百官街道残疾人之家", capacity=1,
                                   accessibility=["step_free_access"])
            session.add_all([open_session, full])
            session.flush()
            township = session.scalar(select(Seeker)).township
            for i in range(3):
                sign_up(session, full.id, make_seeker(session, township, name=f"学员{i}").id, utcnow())
            session.commit()
        ids = [t.id for t in session.scalars(select(TrainingSession).order_by(TrainingSession.id))]
    engine.dispose()
    return ids


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_seeker_training_pages(page, live_server, trainings, lang):
    page.goto(f"{live_server}/?lang={lang}")
    log_in(page, live_server, Role.SEEKER)
    page.goto(f"{live_server}/trainings/")
    assert_accessible(page, f"trainings-index-{lang}")
    page.goto(f"{live_server}/trainings/{trainings[-1]}")
    assert_accessible(page, f"trainings-detail-full-{lang}")
    page.set_viewport_size({"width": 640, "height": 900})
    for url in ("/trainings/", f"/trainings/{trainings[-1]}"):
        page.goto(live_server + url)
        assert_no_horizontal_scroll(page)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_staff_training_pages(page, live_server, trainings, lang):
    page.goto(f"{live_server}/?lang={lang}")
    log_in(page, live_server, Role.STAFF)
    page.goto(f"{live_server}/trainings/staff")
    assert_accessible(page, f"trainings-staff-index-{lang}")
    page.goto(f"{live_server}/trainings/staff/new")
    assert_accessible(page, f"trainings-staff-new-{lang}")
    page.click("main button[type=submit]")
    page.wait_for_selector(".error-summary")
    assert_accessible(page, f"trainings-staff-new-errors-{lang}")
    page.goto(f"{live_server}/trainings/staff/{trainings[-1]}")
    assert_accessible(page, f"trainings-staff-detail-{lang}")
    # bad input: the error summary names the fields
    page.click("form[action$='/reorder'] button[type=submit]")
    page.wait_for_selector(".error-summary")
    assert_accessible(page, f"trainings-staff-reorder-errors-{lang}")
    page.goto(f"{live_server}/trainings/staff/{trainings[-1]}/edit")
    assert_accessible(page, f"trainings-staff-edit-{lang}")
    page.fill("#capacity", "0")
    submit_with_errors(page, f"trainings-staff-edit-errors-{lang}")
    page.set_viewport_size({"width": 640, "height": 900})
    for url in ("/trainings/staff", "/trainings/staff/new", f"/trainings/staff/{trainings[-1]}",
                f"/trainings/staff/{trainings[-1]}/edit"):
        page.goto(live_server + url)
        assert_no_horizontal_scroll(page)


def test_sign_up_for_a_training_by_keyboard(page, live_server, trainings):
    page.goto(f"{live_server}/?lang=en")
    log_in(page, live_server, Role.SEEKER)
    page.goto(f"{live_server}/trainings/")
    tab_to(page, lambda e: e["text"] == "E-commerce livestreaming and start-ups")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server}/trainings/{trainings[-2]}")
    tab_to(page, lambda e: e["tag"] == "BUTTON" and e["text"] == "Sign up for this session")
    page.keyboard.press("Enter")
    page.wait_for_selector(".flash")
    assert page.locator(".flash").inner_text() == "You have a place in this training."
    assert "Place confirmed" in page.locator("#my-place-heading + p").inner_text()
    assert_accessible(page, "trainings-signed-up-en")
