"""The employer journey: register, keep the company profile, post positions, see candidates, move applications."""

import re
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from models import (Application, AuditEntry, Employer, Employment, LocalWage, Notification, Position, PositionStatus, Role,
                    User)
from tests.factories import credit_code, make_employer, make_position, make_seeker, make_user

pytestmark = pytest.mark.web

PASSWORD = "correct horse battery"


def register_data(township_id, **overrides):
    data = {"credit_code": credit_code(), "name": "上虞新雨伞有限公司", "headcount": "85", "township_id": str(township_id),
            "industry": "C", "address": "", "contact_phone": "", "display_name": "赵经理",
            "username": "zhao@umbrella.test", "password": "a-long-password", "confirm": "a-long-password"}
    data.update(overrides)
    return data


def test_register_creates_the_company_and_logs_in(client, post_form, accounts, db):
    township = db.scalar(select(Employer)).township
    data = register_data(township.id)
    response = post_form("/employer/register", data)
    assert response.status_code == 302
    employer = db.scalar(select(Employer).where(Employer.credit_code == data["credit_code"]))
    assert employer.name == "上虞新雨伞有限公司" and employer.headcount == 85
    assert (employer.industry, employer.employer_kind) == ("C", "enterprise")  # the kind its 91 code tells
    assert db.scalar(select(User).where(User.username == "zhao@umbrella.test")).employer_id == employer.id
    assert "上虞新雨伞有限公司" in client.get("/employer/").get_data(as_text=True)


@pytest.mark.parametrize("password, message", [
    ("aaaaaaaaaa", "only repeats or counts characters"), ("1234567890", "only repeats or counts characters"),
    ("password12", "one of the most used passwords"), ("short-pw", "at least 10 characters"),
    ("Xy7-" * 50 + "z", "at most 200 characters; this one has 201"),
    ("zhao@umbrella.test", "different from your user name")])
def test_register_refuses_a_weak_password_and_says_why(post_form, accounts, db, password, message):
    township = db.scalar(select(Employer)).township
    response = post_form("/employer/register?lang=en", register_data(township.id, password=password, confirm=password))
    assert response.status_code == 400
    assert '<a href="#password">Password: ' in response.get_data(as_text=True)
    assert message in response.get_data(as_text=True)
    assert db.scalar(select(User).where(User.username == "zhao@umbrella.test")) is None


def test_register_with_a_bad_credit_code_names_it_and_keeps_the_input(post_form, accounts, db):
    township = db.scalar(select(Employer)).township
    good = credit_code()
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    response = post_form("/employer/register?lang=en", register_data(township.id, credit_code=bad))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert '<a href="#credit_code">Unified social credit code: The last character of the unified social credit code' in html
    assert f'value="{bad}"' in html and 'value="上虞新雨伞有限公司"' in html
    assert db.scalar(select(Employer).where(Employer.name == "上虞新雨伞有限公司")) is None


def test_register_refuses_a_code_already_registered_and_bad_fields(post_form, accounts, db):
    existing = db.scalar(select(Employer))
    response = post_form("/employer/register?lang=en", register_data(existing.township_id, credit_code=existing.credit_code))
    assert response.status_code == 400
    assert "This unified social credit code is already registered" in response.get_data(as_text=True)
    response = post_form("/employer/register?lang=en", register_data(
        0, headcount="-3", confirm="different", username="seeker@test"))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    for message in ("The number of staff must be between 1 and 1,000,000.", "The two passwords differ.",
                    "Choose the township or street."):
        assert message in html
    assert db.scalar(select(Employer).where(Employer.name == "上虞新雨伞有限公司")) is None


def test_company_profile_is_saved_and_bad_values_refused(client, post_form, accounts, login, db):
    login(accounts[Role.EMPLOYER])
    employer = accounts[Role.EMPLOYER].employer
    data = {"name": "曹娥江包装股份有限公司", "headcount": "140", "township_id": str(employer.township_id),
            "industry": "C", "employer_kind": "enterprise", "address": "曹娥街道江滨路 1 号",
            "contact_phone": "0575-8200000"}
    assert post_form("/employer/profile", data).status_code == 302
    db.refresh(employer)
    assert (employer.name, employer.headcount) == ("曹娥江包装股份有限公司", 140)
    response = post_form("/employer/profile?lang=en", {**data, "name": "", "headcount": "many"})
    assert response.status_code == 400
    assert "Enter the company name." in response.get_data(as_text=True)
    db.refresh(employer)
    assert employer.name == "曹娥江包装股份有限公司"


def test_register_shows_the_industry_sections_and_the_kinds_in_the_readers_language(client, accounts):
    html = client.get("/employer/register?lang=en").get_data(as_text=True)
    assert '<option value="C">C Manufacturing</option>' in html
    assert '<option value="">As the credit code tells</option>' in html
    assert '<option value="public_institution">Public institution</option>' in html
    assert 'id="employer_kind-hint"' in html and "enterprises only" in html
    html = client.get("/employer/register?lang=zh").get_data(as_text=True)
    assert '<option value="C">C 制造业</option>' in html and "事业单位" in html


def test_register_keeps_a_chosen_kind_and_refuses_an_unknown_industry_or_kind(post_form, accounts, db):
    township = db.scalar(select(Employer)).township
    for field, value, message in (("industry", "伞业", "Industry: Choose the industry from the list."),
                                  ("industry", "", "Industry: Choose the industry."),
                                  ("employer_kind", "charity", "Kind of employer: Choose the kind of employer from "
                                                                "the list.")):
        response = post_form("/employer/register?lang=en", register_data(
            township.id, name="上虞坏数据有限公司", username=f"bad-{field}@test", **{field: value}))
        html = response.get_data(as_text=True)
        assert response.status_code == 400
        assert f'<a href="#{field}">{message}</a>' in html
        assert 'value="上虞坏数据有限公司"' in html  # what was typed stays
        assert db.scalar(select(Employer).where(Employer.name == "上虞坏数据有限公司")) is None

    data = register_data(township.id, credit_code=credit_code(kind="12"), name="上虞区测试幼儿园",
                         industry="P", employer_kind="")
    assert post_form("/employer/register", data).status_code == 302
    school = db.scalar(select(Employer).where(Employer.credit_code == data["credit_code"]))
    assert (school.industry, school.employer_kind) == ("P", "public_institution")


def test_register_in_chinese_names_the_field_in_chinese(post_form, accounts, db):
    township = db.scalar(select(Employer)).township
    response = post_form("/employer/register?lang=zh", register_data(township.id, industry="Z"))
    assert response.status_code == 400
    assert '<a href="#industry">行业：' in response.get_data(as_text=True) or \
        '<a href="#industry">行业: ' in response.get_data(as_text=True)


def test_company_profile_preselects_the_kind_from_the_credit_code_and_asks_for_a_migrated_industry(
        client, post_form, accounts, login, db):
    login(accounts[Role.EMPLOYER])
    employer = accounts[Role.EMPLOYER].employer
    employer.industry, employer.industry_note, employer.employer_kind = None, "伞件加工", None
    employer.credit_code = credit_code(kind="12")
    db.commit()
    html = client.get("/employer/profile?lang=en").get_data(as_text=True)
    assert '<option selected value="public_institution">Public institution</option>' in html
    assert "Your unified social credit code (starting 12) tells: Public institution." in html
    assert 'You wrote "伞件加工" before industries were a list' in html
    assert '<option value="">Choose…</option><option value="A">' in html and "selected value=\"C\"" not in html
    data = {"name": employer.name, "headcount": "25", "township_id": str(employer.township_id), "industry": "",
            "employer_kind": "public_institution", "address": "", "contact_phone": ""}
    response = post_form("/employer/profile?lang=en", data)
    assert response.status_code == 400 and '<a href="#industry">Industry: Choose the industry.</a>' in \
        response.get_data(as_text=True)
    response = post_form("/employer/profile?lang=en", {**data, "industry": "P", "employer_kind": "club"})
    assert response.status_code == 400 and "Kind of employer: Choose the kind of employer from the list." in \
        response.get_data(as_text=True)
    db.refresh(employer)
    assert (employer.industry, employer.industry_note, employer.employer_kind) == (None, "伞件加工", None)
    assert post_form("/employer/profile", {**data, "industry": "P"}).status_code == 302
    db.refresh(employer)
    assert (employer.industry, employer.industry_note, employer.employer_kind) == ("P", None, "public_institution")
    html = client.get("/employer/?lang=en").get_data(as_text=True)
    assert "P Education" in html and "Public institution" in html


def test_the_services_refuse_what_the_forms_would(db, accounts):
    from services.employers import CompanyError, update_company
    employer = accounts[Role.EMPLOYER].employer
    fields = {"name": "x", "headcount": 3, "township_id": employer.township_id, "address": None,
              "contact_phone": None}
    with pytest.raises(CompanyError) as refused:
        update_company(employer, **fields, industry="伞业", employer_kind=None)
    assert refused.value.params == {"field": "industry"}
    with pytest.raises(CompanyError) as refused:
        update_company(employer, **fields, industry="C", employer_kind="charity")
    assert refused.value.params == {"field": "employer_kind"}


def position_data(township_id, **overrides):
    data = {"title": "数据录入员", "description": "把纸质档案录入电脑", "township_id": str(township_id), "openings": "2",
            "wage": "3200", "hours_per_week": "40", "counts_toward_quota": "y", "skills": "打字，Excel\n普通话",
            "offers": ["screen_reader", "step_free_access"], "demand_writing": "3", "essential_writing": "y",
            "demand_sitting": "4", "demand_vision": "2"}
    data.update(overrides)
    return data


@pytest.fixture
def district(db, accounts):
    """Three seekers around the employer: two share their profile, one does not."""
    township = accounts[Role.EMPLOYER].employer.township
    typist = make_seeker(db, township, category=2, grade=2, name="王小明", consent_share=True, skills=["打字", "EXCEL表格"],
                         abilities={"writing": 5, "sitting": 5, "vision": 5, "hearing": 1}, desired_wage=3000,
                         hours_per_week=40, phone="13800000001")
    slow = make_seeker(db, township, name="陈二", consent_share=True, abilities={"writing": 2, "sitting": 4, "vision": 4})
    private = make_seeker(db, township, name="周不公开", consent_share=False,
                          abilities={"writing": 5, "sitting": 5, "vision": 5}, skills=["打字"])
    db.commit()
    return {"typist": typist, "slow": slow, "private": private}


def post_position(post_form, township_id, **overrides) -> str:
    response = post_form("/employer/positions/new", position_data(township_id, **overrides))
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"].rsplit("/", 1)[-1]


def test_post_a_position_and_see_ranked_candidates_without_sensitive_data(client, post_form, accounts, login, district, db):
    login(accounts[Role.EMPLOYER])
    ref = post_position(post_form, accounts[Role.EMPLOYER].employer.township_id)
    position = db.scalar(select(Position).where(Position.ref == ref))
    assert position.skills == ["打字", "Excel", "普通话"]
    assert {(d.key, d.level, d.essential) for d in position.demands} == {
        ("writing", 3, True), ("sitting", 4, False), ("vision", 2, False)}
    assert sorted(o.key for o in position.offers) == ["screen_reader", "step_free_access"]

    html = client.get(f"/employer/positions/{ref}?lang=en").get_data(as_text=True)
    shown = re.findall(r"Candidate (S\d+)</a>", html)
    # the typist fits; the seeker writing at 2 misses an essential demand; the private one is never shown
    assert shown == [district["typist"].ref]
    assert "Skills matched: 打字, Excel" in html
    for secret in ("王小明", district["typist"].certificate_number, "周不公开", district["private"].ref):
        assert secret not in html
    entry = db.scalar(select(AuditEntry).where(AuditEntry.subject_type == "candidates"))
    assert entry.user_id == accounts[Role.EMPLOYER].id and entry.detail["shown"] == shown


def test_candidate_page_explains_and_hides_identity_until_they_apply(client, post_form, accounts, login, district, db):
    login(accounts[Role.EMPLOYER])
    ref = post_position(post_form, accounts[Role.EMPLOYER].employer.township_id, offers=["text_communication"],
                        demand_hearing="3")
    typist = district["typist"]
    html = client.get(f"/employer/positions/{ref}/candidates/{typist.ref}?lang=en").get_data(as_text=True)
    assert "Covered: Text communication lifts Hearing from 1 to 4" in html
    assert "王小明" not in html and "13800000001" not in html and "category" not in html.lower()
    viewed = db.scalars(select(AuditEntry).where(AuditEntry.subject_type == "seeker")).all()
    assert [(e.subject_id, e.action) for e in viewed] == [(typist.id, "view")]


def test_invite_then_the_seeker_applies_and_is_hired(client, post_form, accounts, login, district, db):
    login(accounts[Role.EMPLOYER])
    ref = post_position(post_form, accounts[Role.EMPLOYER].employer.township_id)
    typist = district["typist"]
    typist.user = make_user(db, Role.SEEKER, "typist@test", PASSWORD)
    db.commit()
    page = f"/employer/positions/{ref}/candidates/{typist.ref}"
    assert post_form(f"{page}/state", {"state": "invited"}, page=page).status_code == 302
    application = db.scalar(select(Application).where(Application.seeker_id == typist.id))
    assert application.state.value == "invited"
    assert db.scalar(select(Notification).where(Notification.user_id == typist.user_id)).kind == "application_invited"
    # the employer cannot apply on the seeker's behalf or hire before an offer
    response = post_form(f"{page}/state", {"state": "hired"}, page=page)
    assert response.status_code == 302
    db.refresh(application)
    assert application.state.value == "invited"

    from models import ApplicationState
    from services.applications import move
    move(db, typist, application.position, ApplicationState.APPLIED, typist.user, today=date(2026, 11, 29))
    db.commit()
    html = client.get(f"{page}?lang=en").get_data(as_text=True)
    assert "王小明" in html and "13800000001" in html  # revealed once they applied
    # the old one-click states are gone: an interview and an offer have their own pages
    for state in ("interviewing", "offered", "hired"):
        assert post_form(f"{page}/state", {"state": state}, page=page).status_code == 302
    assert application.state.value == "applied"
    assert f"/hiring/applications/{application.id}/offer" in client.get(page).get_data(as_text=True)
    offer_page = f"/hiring/applications/{application.id}/offer"
    assert post_form(offer_page, {"start_on": "2026-12-14", "monthly_pay": "3200", "hours_per_week": "40",
                                  "contract_months": "12"}, page=offer_page).status_code == 302
    db.refresh(application)
    assert application.state.value == "offered"
    assert db.scalar(select(Employment).where(Employment.seeker_id == typist.id)) is None  # until the person accepts
    from services import offers
    offers.answer(db, offers.open_offer(db, application.id), True, by=typist.user, today=date(2026, 11, 29))
    db.commit()
    assert [e.state.value for e in application.events] == ["invited", "applied", "offered", "hired"]
    employment = db.scalar(select(Employment).where(Employment.seeker_id == typist.id))
    assert employment.employer_id == accounts[Role.EMPLOYER].employer_id and employment.source.value == "application"
    assert employment.start_on == date(2026, 12, 14)
    assert len(db.scalars(select(Notification).where(Notification.user_id == typist.user_id)).all()) == 2


def test_the_candidates_list_kept_between_views_follows_language_applications_and_profiles(
        client, post_form, accounts, login, district, db):
    login(accounts[Role.EMPLOYER])
    ref = post_position(post_form, accounts[Role.EMPLOYER].employer.township_id)
    page = f"/employer/positions/{ref}"
    typist = district["typist"]
    typist.user = make_user(db, Role.SEEKER, "typist@test", PASSWORD)
    db.commit()

    def candidates_list(lang):
        return re.search(r'<ol class="match-list">.*?</ol>', client.get(f"{page}?lang={lang}").get_data(as_text=True),
                         re.S).group(0)

    first = candidates_list("en")
    assert candidates_list("en") == first
    assert f"Candidate {typist.ref}" in first and "Applied" not in first
    assert f"候选人 {typist.ref}" in candidates_list("zh")

    from models import ApplicationState
    from services.applications import move
    move(db, typist, db.scalar(select(Position).where(Position.ref == ref)), ApplicationState.APPLIED, typist.user, today=date(2026, 11, 29))
    db.commit()
    assert '<span class="tag">Applied</span>' in candidates_list("en")

    # changes to the seeker's profile reach the kept list at the next view
    def score():
        html = client.get(page + "?lang=en").get_data(as_text=True)
        return re.search(rf'Candidate {typist.ref}</a>\s*<span class="score">([^<]+)</span>', html).group(1)

    before = score()
    typist.desired_wage = 9000
    db.commit()
    assert score() != before
    typist.consent_share = False
    db.commit()
    assert typist.ref not in client.get(page + "?lang=en").get_data(as_text=True)
    views = db.scalars(select(AuditEntry).where(AuditEntry.subject_type == "candidates")).all()
    assert len(views) == 7  # every view is logged, kept or not


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"demand_writing": "9"}, "demand_writing", "Not a valid choice."),
    ({"demand_writing": "0"}, "essential_writing", "An item can be essential only when the job demands it."),
    ({"lat": "30.0"}, "lon", "Give both latitude and longitude, or neither."),
    ({"lat": "95", "lon": "120"}, "lat", "The latitude must be between -90 and 90."),
    ({"openings": "0"}, "openings", "The number of openings must be between 1 and 999."),
    ({"wage": "-5"}, "wage", "The pay must be between 0 and 1,000,000 yuan."),
    ({"offers": ["teleporter"]}, "offers-0", "is not a valid choice for this field."),
    ({"title": ""}, "title", "Enter the job title."),
])
def test_bad_position_input_is_named_and_nothing_is_stored(client, post_form, accounts, login, db, overrides, field,
                                                            message):
    login(accounts[Role.EMPLOYER])
    response = post_form("/employer/positions/new?lang=en",
                         position_data(accounts[Role.EMPLOYER].employer.township_id, **overrides),
                         page="/employer/positions/new")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f'<a href="#{field}">' in html and message in html
    assert "把纸质档案录入电脑" in html  # what was typed is kept
    assert db.scalar(select(Position).where(Position.title == "数据录入员")) is None


def test_edit_pause_close_and_reopen_keep_candidates_current(client, post_form, accounts, login, district, db):
    login(accounts[Role.EMPLOYER])
    ref = post_position(post_form, accounts[Role.EMPLOYER].employer.township_id)
    page = f"/employer/positions/{ref}"
    assert district["typist"].ref in client.get(page).get_data(as_text=True)

    # the seeker stops sharing: the same worker's engine drops them at the next request
    district["typist"].consent_share = False
    db.commit()
    assert district["typist"].ref not in client.get(page).get_data(as_text=True)
    district["typist"].consent_share = True
    db.commit()

    edit = post_form(f"{page}/edit", position_data(accounts[Role.EMPLOYER].employer.township_id, demand_writing="2",
                                                   essential_writing="y", title="录入员"), page=f"{page}/edit")
    assert edit.status_code == 302
    html = client.get(page + "?lang=en").get_data(as_text=True)
    assert district["slow"].ref in html and "录入员" in html  # writing 2 now meets the lowered essential demand

    assert post_form(f"{page}/status", {"status": "paused"}, page=page).status_code == 302
    assert db.scalar(select(Position).where(Position.ref == ref)).status == PositionStatus.PAUSED
    assert "The position is not open, so no candidates are shown." in client.get(page + "?lang=en").get_data(as_text=True)
    assert post_form(f"{page}/status", {"status": "open"}, page=page).status_code == 302
    assert district["typist"].ref in client.get(page).get_data(as_text=True)
    asked = post_form(f"{page}/status?lang=en", {"status": "closed"}, page=page)  # closing asks first
    assert asked.status_code == 200 and "Close the position 录入员?" in asked.get_data(as_text=True)
    assert db.scalar(select(Position).where(Position.ref == ref)).status == PositionStatus.OPEN
    assert post_form(f"{page}/status", {"status": "closed", "confirmed": "yes"}, page=page).status_code == 302
    assert db.scalar(select(Position).where(Position.ref == ref)).status == PositionStatus.CLOSED
    assert post_form(f"{page}/status", {"status": "deleted"}, page=page).status_code == 400


def test_an_employer_cannot_reach_another_employers_positions(client, post_form, accounts, login, district, db):
    other = make_employer(db, accounts[Role.EMPLOYER].employer.township, name="别家公司")
    theirs = make_position(db, other, "仓库管理员", openings=1)
    db.commit()
    login(accounts[Role.EMPLOYER])
    base = f"/employer/positions/{theirs.ref}"
    for url in (base, f"{base}/edit", f"{base}/candidates/{district['typist'].ref}"):
        assert client.get(url).status_code == 404
    own_page = "/employer/"
    assert post_form(f"{base}/status", {"status": "closed"}, page=own_page).status_code == 404
    assert post_form(f"{base}/candidates/{district['typist'].ref}/state", {"state": "invited"}, page=own_page).status_code == 404
    assert post_form(f"{base}/edit", position_data(other.township_id), page=own_page).status_code == 404
    db.refresh(theirs)
    assert theirs.status == PositionStatus.OPEN and theirs.title == "仓库管理员"
    assert "别家公司" not in client.get("/employer/applications").get_data(as_text=True)


def test_a_seeker_who_does_not_share_cannot_be_viewed_or_invited(client, post_form, accounts, login, district, db):
    login(accounts[Role.EMPLOYER])
    ref = post_position(post_form, accounts[Role.EMPLOYER].employer.township_id)
    private = district["private"]
    page = f"/employer/positions/{ref}/candidates/{private.ref}"
    assert client.get(page).status_code == 404
    assert post_form(f"{page}/state", {"state": "invited"}, page="/employer/").status_code == 404
    assert db.scalar(select(Application).where(Application.seeker_id == private.id)) is None


def test_employer_pages_are_refused_to_seekers_and_visitors(client, accounts, login):
    for url in ("/employer/profile", "/employer/positions/new", "/employer/applications"):
        assert client.get(url).status_code == 302
    login(accounts[Role.SEEKER])
    for url in ("/employer/profile", "/employer/positions/new", "/employer/applications"):
        assert client.get(url).status_code == 403


def test_a_person_hired_at_a_fair_keeps_a_page_for_the_employer_and_a_second_hire_is_refused(
        client, post_form, accounts, login, db):
    """The fair hire moves (or creates) the application, so the employer's applicant page answers, although the
    person no longer looks for work; another employer cannot record them as hired while they work full-time."""
    from datetime import datetime, timezone

    from models import ApplicationState, AttendeeSource
    from services import applications, fairs

    employer = accounts[Role.EMPLOYER].employer
    job = make_position(db, employer, "伞面缝制工", wage=3200, hours_per_week=40)
    person = make_seeker(db, employer.township, name="周小红", consent_share=True)
    fair = fairs.create_fair(db, name="专场", held_on=date(2026, 12, 3), venue="上虞区人力资源市场",
                             venue_accessibility=[])
    fairs.invite_employer(db, fair, employer.id)
    fairs.add_position(db, fair, job.id, 1)
    now = datetime(2026, 12, 3, 2, tzinfo=timezone.utc)
    fairs.register_attendee(db, fair, person.id, AttendeeSource.DOOR, now)
    fairs.set_outcomes(db, fair, person.id, {job.id: {"hired"}}, now, accounts[Role.STAFF].id)
    other = make_employer(db, employer.township, name="曹娥包装")
    other_job = make_position(db, other, "包装工", hours_per_week=40)
    other_boss = make_user(db, Role.EMPLOYER, employer=other)
    applications.move(db, person, other_job, ApplicationState.APPLIED, accounts[Role.STAFF], today=date(2026, 12, 4))
    db.commit()
    assert not person.is_looking

    login(accounts[Role.EMPLOYER])
    page = client.get(f"/employer/positions/{job.ref}/candidates/{person.ref}?lang=en")
    assert page.status_code == 200 and "周小红" in page.get_data(as_text=True)
    assert "Hired" in client.get("/employer/applications?lang=en").get_data(as_text=True)

    client.delete_cookie("session")
    login(other_boss, "correct horse")
    application = applications.find_application(db, person, other_job)
    offer_page = f"/hiring/applications/{application.id}/offer"
    assert post_form(offer_page, {"start_on": "2026-12-14", "monthly_pay": "3000", "hours_per_week": "40",
                                  "contract_months": "12"}, page=offer_page).status_code == 302
    from services import offers
    from services.errors import DomainError
    with pytest.raises(DomainError, match="employed_elsewhere"):
        offers.answer(db, offers.open_offer(db, application.id), True, by=accounts[Role.STAFF], reason="电话确认",
                      today=date(2026, 12, 4))
    assert db.scalar(select(Employment).where(Employment.employer_id == other.id)) is None


def test_the_minimum_wage_comes_from_the_wages_table_and_a_lower_pay_stops_counting(client, post_form, accounts, login,
                                                                                   db):
    db.add_all([LocalWage(jurisdiction="CN-ZJ", year=2025, average_yearly=Decimal(96000),
                          minimum_monthly=Decimal(2490))])
    db.commit()
    login(accounts[Role.EMPLOYER])
    form = client.get("/employer/positions/new?lang=en").get_data(as_text=True)
    assert "The local minimum wage is 2490 yuan a month" in form and "2,010" not in form

    ref = post_position(post_form, accounts[Role.EMPLOYER].employer.township_id, wage="2000")
    position = db.scalar(select(Position).where(Position.ref == ref))
    assert position.wage == 2000 and not position.counts_toward_quota  # kept, but it cannot count
    page = client.get(f"/employer/positions/{ref}?lang=en").get_data(as_text=True)
    assert "The monthly pay of 2000 yuan is below the local minimum wage of 2490 yuan" in page

    post_position(post_form, accounts[Role.EMPLOYER].employer.township_id, wage="2490")
    assert db.scalar(select(Position).where(Position.wage == 2490)).counts_toward_quota


def test_latitude_and_longitude_wait_behind_the_township_until_needed(client, post_form, accounts, login):
    login(accounts[Role.EMPLOYER])
    form = client.get("/employer/positions/new?lang=en").get_data(as_text=True)
    assert '<details class="exact-location">' in form and "More exact location (optional)" in form
    refused = post_form("/employer/positions/new?lang=en",
                        position_data(accounts[Role.EMPLOYER].employer.township_id, lat="30.0"),
                        page="/employer/positions/new").get_data(as_text=True)
    assert '<details class="exact-location" open>' in refused  # the error shows where it is
