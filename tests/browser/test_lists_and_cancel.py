"""A paged, searched list, cancelling a fair or a training session, and settled insurance mismatches in a real
browser, in Chinese and English: axe-core clean, no sideways scroll at 200% zoom, pages turned and the
cancellation confirmed by keyboard alone."""

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import select

from models import (Course, DeclarationStatus, FairAttendee, JobFair, QuotaDeclaration, Role, SignUp, SignUpState,
                    TrainingSession, User)

from .conftest import assert_accessible, assert_fits_200_percent_zoom, live_session, log_in
from .test_keyboard import tab_to

pytestmark = pytest.mark.browser

#: past fairs, found by their name: two pages of the staff's list
PAST = "往届分页招聘会"
PAST_COUNT = 30
CANCELLED = {"zh": "残疾人就业援助月招聘会", "en": "Employment Assistance Month job fair"}
COURSE = {"zh": "盲人按摩（取消测试）", "en": "Massage for blind people (cancel test)"}
SETTLED_EMPLOYER = "盖北葡萄专业合作社"


@pytest.fixture(scope="module")
def fairs(live_server, tmp_path_factory):
    """Thirty fairs of 2024, and for each language a fair to come with a person without a login registered (in a
    township of its own, 12): {lang: fair id}."""
    from tests.factories import district_today, make_seeker, make_township

    with live_session(tmp_path_factory) as session:
        if session.scalar(select(JobFair).where(JobFair.name == CANCELLED["zh"])) is None:
            session.add_all(JobFair(name=f"{PAST}{n:02d}", held_on=date(2024, 1, 1) + timedelta(days=n),
                                    venue="上虞区人力资源市场") for n in range(PAST_COUNT))
            township = make_township(session, "12", "盖北镇")
            for lang, name in CANCELLED.items():
                fair = JobFair(name=name, held_on=district_today() + timedelta(days=40), venue="盖北镇文化礼堂")
                session.add(fair)
                session.flush()
                person = make_seeker(session, township, name=f"取消通知{lang}", phone="13900001200")
                session.add(FairAttendee(fair_id=fair.id, seeker_id=person.id, source="advance"))
            session.commit()
        return {lang: session.scalar(select(JobFair.id).where(JobFair.name == name))
                for lang, name in CANCELLED.items()}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_staff_fair_list_in_pages(page, live_server, fairs, lang):
    page.goto(f"{live_server}/?lang={lang}")
    log_in(page, live_server, Role.STAFF)
    page.goto(f"{live_server}/fairs/?q={PAST}&page=2")
    found = {"zh": f"找到 {PAST_COUNT} 场招聘会", "en": f"{PAST_COUNT} fairs found"}[lang]
    assert page.locator("#results-heading").inner_text() == found
    assert page.locator("nav.pager [aria-current=page]").inner_text() == "2"
    assert page.locator(".session-list li").count() == PAST_COUNT - 25
    assert page.input_value("#q") == PAST  # the search stays with the page
    assert_accessible(page, f"fairs-index-paged-{lang}")
    assert_fits_200_percent_zoom(page)


def test_search_and_turn_pages_by_keyboard(page, live_server, fairs):
    page.goto(f"{live_server}/?lang=en")
    log_in(page, live_server, Role.STAFF)
    page.goto(f"{live_server}/fairs/")
    tab_to(page, lambda e: e["id"] == "q", limit=60)
    page.keyboard.type(PAST)
    page.keyboard.press("Enter")
    page.wait_for_url("**q=*")
    assert page.locator("#results-heading").inner_text() == f"{PAST_COUNT} fairs found"
    link = tab_to(page, lambda e: e["text"] == "Next page", limit=200)
    assert "page=2" in link["href"] and "q=" in link["href"]
    page.keyboard.press("Enter")
    page.wait_for_url("**page=2")
    assert page.locator("nav.pager [aria-current=page]").get_attribute("aria-label") == "Page 2"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cancel_a_fair_by_keyboard(page, live_server, fairs, lang):
    page.goto(f"{live_server}/?lang={lang}")
    log_in(page, live_server, Role.STAFF)
    page.goto(f"{live_server}/fairs/{fairs[lang]}")
    # without a reason the form names the field
    page.click("#cancel-heading + form button[type=submit]")
    page.wait_for_selector(".error-summary")
    assert page.locator(".error-summary a[href='#reason']").count() == 1
    assert_accessible(page, f"fairs-cancel-no-reason-{lang}")
    reason = {"zh": "场地临时维修", "en": "The hall is closed for repairs"}[lang]
    page.fill("#reason", reason)
    page.focus("#reason")
    tab_to(page, lambda e: e["tag"] == "BUTTON", limit=3)
    page.keyboard.press("Enter")
    page.wait_for_selector("main .lead")
    assert CANCELLED[lang] in page.locator("main .lead").inner_text()
    assert_accessible(page, f"fairs-cancel-confirm-{lang}")
    assert_fits_200_percent_zoom(page)
    yes = {"zh": "是，取消招聘会", "en": "Yes, cancel the fair"}[lang]
    tab_to(page, lambda e: e["text"] == yes, limit=60)
    page.keyboard.press("Enter")
    page.wait_for_selector(".flash")
    told = {"zh": "已通知 1 位已登记的求职者", "en": "1 job seeker registered was told"}[lang]
    assert told in page.locator(".flash").inner_text()
    cancelled = {"zh": f"已取消：{reason}", "en": f"Cancelled: {reason}"}[lang]
    assert cancelled in page.locator("main").inner_text()
    assert page.locator("#cancel-heading").count() == 0
    assert_accessible(page, f"fairs-cancelled-{lang}")
    assert_fits_200_percent_zoom(page)


@pytest.fixture(scope="module")
def sessions(live_server, fairs, tmp_path_factory):
    """For each language a training session to come, with a person of township 12 holding a place: {lang: id}."""
    from tests.factories import district_today, make_seeker

    with live_session(tmp_path_factory) as session:
        if session.scalar(select(Course).where(Course.title_zh == COURSE["zh"])) is None:
            township = session.scalar(select(FairAttendee).where(FairAttendee.fair_id == fairs["zh"])).seeker.township
            for lang in CANCELLED:
                # one person for each notice, so that each has one line on the shared call list
                person = make_seeker(session, township, name=f"培训取消通知{lang}", phone="13900001201")
                course = Course(title_zh=f"{COURSE['zh']}{lang}", title_en=f"{COURSE['en']} {lang}")
                start = district_today() + timedelta(days=30)
                training = TrainingSession(course=course, starts_on=start, ends_on=start + timedelta(days=5),
                                           place="盖北镇残疾人之家", capacity=10)
                session.add(training)
                session.flush()
                session.add(SignUp(session_id=training.id, seeker_id=person.id, state=SignUpState.CONFIRMED))
            session.add(Course(title_zh=COURSE["zh"], title_en=COURSE["en"]))
            session.commit()
        return {lang: session.scalar(select(TrainingSession.id).join(Course).where(
            Course.title_zh == f"{COURSE['zh']}{lang}")) for lang in CANCELLED}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cancel_a_training_session(page, live_server, sessions, lang):
    page.goto(f"{live_server}/?lang={lang}")
    log_in(page, live_server, Role.STAFF)
    page.goto(f"{live_server}/trainings/staff/{sessions[lang]}")
    assert_accessible(page, f"trainings-staff-detail-cancel-{lang}")
    page.fill("#reason", {"zh": "老师生病", "en": "The teacher is ill"}[lang])
    page.click("#cancel-heading + form button[type=submit]")
    page.wait_for_selector("main .lead")
    assert_accessible(page, f"trainings-cancel-confirm-{lang}")
    page.click("main form button[type=submit]")
    page.wait_for_selector(".flash")
    assert {"zh": "已通知 1 位报名的人", "en": "1 person signed up was told"}[lang] in page.locator(".flash").inner_text()
    assert page.locator("#cancel-heading").count() == 0 and page.locator("#enrol-heading").count() == 0
    assert_accessible(page, f"trainings-cancelled-{lang}")
    assert_fits_200_percent_zoom(page)
    page.goto(f"{live_server}/trainings/staff?q={COURSE['zh']}")
    assert page.locator(".session-list li").count() == 2
    assert_accessible(page, f"trainings-staff-index-searched-{lang}")
    assert_fits_200_percent_zoom(page)


@pytest.fixture(scope="module")
def settled(live_server, fairs, tmp_path_factory):
    """A submitted declaration of 2025 with one mismatch settled by 王老师 and one open for an unknown certificate."""
    from services import declarations as ops
    from tests.factories import certificate_number, make_employer

    with live_session(tmp_path_factory) as session:
        declaration = session.scalar(select(QuotaDeclaration).join(QuotaDeclaration.employer).where(
            QuotaDeclaration.employer.has(name=SETTLED_EMPLOYER)))
        if declaration is None:
            township = session.scalar(select(FairAttendee).where(FairAttendee.fair_id == fairs["zh"])).seeker.township
            declaration = QuotaDeclaration(employer=make_employer(session, township, name=SETTLED_EMPLOYER), year=2025,
                                           status=DeclarationStatus.SUBMITTED, staff_by_month=[60] * 12,
                                           total_wages=Decimal(60 * 60000))
            ops.fill_declaration(declaration, [60] * 12, Decimal(60 * 60000), [
                {"name": name, "certificate_number": certificate_number(4, 3, serial), "months_employed": 12,
                 "contract_months": 0, "monthly_wage": 4000, "social_insurance_months": 12}
                for name, serial in (("周明", 901), ("吴芳", 902))])
            session.add(declaration)
            session.flush()
            done, open_ = declaration.employees
            staff = session.scalar(select(User).where(User.role == Role.STAFF).order_by(User.id))
            done.verified_insurance_months, done.resolution, done.resolved_mismatch = 0, "not_counted", \
                "unknown_certificate"
            done.resolved_by_id, done.resolved_at = staff.id, datetime(2026, 4, 20, 2, tzinfo=timezone.utc)
            open_.verified_insurance_months, open_.mismatch = 6, "unknown_certificate"
            session.commit()
        return declaration.id


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_settled_mismatch_says_how_and_an_unknown_certificate_has_no_bureau_choice(page, live_server, settled, lang):
    page.goto(f"{live_server}/?lang={lang}")
    log_in(page, live_server, Role.STAFF)
    page.goto(f"{live_server}/declarations/staff/{settled}")
    finding = page.locator("tbody tr", has_text="周明").locator("td").last.inner_text()
    assert {"zh": "已处理：不计入该职工。", "en": "Settled: Do not count this employee."}[lang] in finding
    assert "王老师" in finding
    assert page.locator("select[name=resolution] option[value=use_bureau]").count() == 0
    assert_accessible(page, f"declarations-staff-detail-settled-{lang}")
    assert_fits_200_percent_zoom(page)
