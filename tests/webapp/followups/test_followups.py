"""Follow-up pages: staff's queue and check-in form, the employer's items and report that a person left, the
retention view and its CSV; bad input names the field; the employer never sees a check-in's notes."""

from datetime import date, timedelta

import pytest

from models import EmploymentSource, Role, TownshipStaff
from services import followups, hires
from services.placement_settings import PlacementSettings
from tests.factories import make_employer, make_position, make_seeker, make_user

pytestmark = pytest.mark.web

TODAY = date(2026, 12, 3)


@pytest.fixture
def app(app):
    app.config["ABLEMATCH_TODAY"] = TODAY.isoformat()
    return app


@pytest.fixture
def placed(db, accounts):
    employer = accounts[Role.EMPLOYER].employer
    db.add(TownshipStaff(township_id=employer.township_id, user_id=accounts[Role.STAFF].id))
    person = make_seeker(db, employer.township, name="李四", phone="13800000000")
    job = make_position(db, employer, "包装工")
    employment = hires.record_hire(db, person, employer_id=employer.id, position=job, start_on=date(2026, 10, 20),
                                   source=EmploymentSource.STAFF, by_user_id=None,
                                   settings=PlacementSettings()).employment
    db.commit()
    return employment


GOOD = {"done_on": "2026-12-01", "method": "visit", "still_employed": "yes", "satisfaction_person": "4",
        "satisfaction_employer": "5", "problems": ["health"], "notes": "复查后腰痛好转",
        "support_kind_1": "accommodation", "support_due_1": "2026-12-20", "support_employer_1": "请加装扶手"}


def test_staff_record_a_check_in_and_the_employer_sees_only_what_is_asked_of_it(
        db, client, accounts, placed, login, post_form):
    login(accounts[Role.STAFF])
    queue = client.get("/follow-up/?lang=zh").get_data(as_text=True)
    first = followups.plan_of(db, placed.id).check_ins[0]
    assert f"/follow-up/check-ins/{first.id}" in queue and "李四" in queue
    page = f"/follow-up/check-ins/{first.id}"
    assert post_form(page, GOOD, page=page).status_code == 302
    db.expire_all()
    assert first.state == "done" and first.notes == "复查后腰痛好转"
    post_form("/logout", {}, page="/account/password")
    login(accounts[Role.EMPLOYER])
    html = client.get("/follow-up/employer?lang=en").get_data(as_text=True)
    assert "请加装扶手" in html and "李四" in html
    assert "腰痛" not in html and "Health" not in html
    assert client.get(page).status_code == 403


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"done_on": ""}, "done_on", "Enter the date"),
    ({"done_on": "2026-12-09"}, "done_on", "cannot be after today"),
    ({"method": ""}, "method", "Choose how the check-in was done."),
    ({"still_employed": ""}, "still_employed", "Say whether the person is still employed."),
    ({"satisfaction_person": "9"}, "satisfaction_person", "Not a valid choice"),
    ({"problems": ["weather"]}, "problems", "is not a valid choice"),
    ({"support_due_1": ""}, "support_due_1", "Enter the due date of this support."),
    ({"support_due_1": "2026-11-01"}, "support_due_1", "cannot be before the check-in"),
    ({"support_kind_1": "massage"}, "support_kind_1", "Not a valid choice"),
    ({"notes": "x" * 4001}, "notes", "At most 4000 characters."),
])
def test_bad_check_ins_name_the_field(db, client, accounts, placed, login, post_form, data, field, message):
    login(accounts[Role.STAFF])
    page = f"/follow-up/check-ins/{followups.plan_of(db, placed.id).check_ins[0].id}"
    answer = post_form(page + "?lang=en", {**GOOD, **data}, page=page)
    html = answer.get_data(as_text=True)
    assert answer.status_code == 400 and f'href="#{field}' in html and message in html


def test_the_employer_reports_that_a_person_left_and_a_check_in_opens_within_a_week(
        db, client, accounts, placed, login, post_form):
    login(accounts[Role.EMPLOYER])
    page = f"/follow-up/employer/employments/{placed.id}/left"
    future = post_form(page + "?lang=en", {"end_on": "2026-12-09"}, page=page)
    assert future.status_code == 400 and 'href="#end_on"' in future.get_data(as_text=True)
    before = post_form(page + "?lang=en", {"end_on": "2026-10-01"}, page=page)
    assert before.status_code == 400 and "cannot end before it started" in before.get_data(as_text=True)
    assert post_form(page, {"end_on": "2026-11-28", "note": "回老家了"}, page=page).status_code == 302
    db.expire_all()
    assert placed.end_on == date(2026, 11, 28) and placed.end_reason == "left: 回老家了" and placed.seeker.is_looking
    after = [c for c in followups.plan_of(db, placed.id).check_ins if c.months is None]
    assert [c.due_on for c in after] == [TODAY + timedelta(days=7)]
    assert client.get(page).status_code == 404  # ended: no longer among its placements


def test_an_employer_cannot_report_on_another_employers_placement(db, client, accounts, placed, login):
    other = make_user(db, Role.EMPLOYER, "other@test", "correct horse battery",
                      employer=make_employer(db, placed.employer.township, name="别家公司"))
    db.commit()
    login(other)
    assert client.get(f"/follow-up/employer/employments/{placed.id}/left").status_code == 404
    assert "李四" not in client.get("/follow-up/employer").get_data(as_text=True)


def test_the_retention_view_has_a_chart_a_table_and_a_csv_whose_cells_are_never_formulas(
        db, client, accounts, placed, login):
    placed.start_on = date(2025, 10, 1)
    db.commit()
    login(accounts[Role.STAFF])
    for group in ("employer", "township", "category", "trade"):
        html = client.get(f"/follow-up/retention?by={group}&lang=en").get_data(as_text=True)
        assert "<svg" in html and "<table>" in html and "100%" in html, group
    csv = client.get("/follow-up/retention.csv?by=trade&lang=en")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    bad = client.get("/follow-up/retention?by=hobby&lang=en")
    assert bad.status_code == 400 and "by" in bad.get_data(as_text=True)
    employer_csv = client.get("/follow-up/retention.csv?by=employer").data.decode("utf-8-sig")
    assert employer_csv.splitlines()[1].startswith(accounts[Role.EMPLOYER].employer.name)


def test_a_name_that_would_be_a_formula_leaves_as_text(db, client, accounts, placed, login):
    placed.start_on = date(2025, 10, 1)
    accounts[Role.EMPLOYER].employer.name = '=HYPERLINK("http://evil.example","x")'
    db.commit()
    login(accounts[Role.STAFF])
    employer_csv = client.get("/follow-up/retention.csv?by=employer").data.decode("utf-8-sig")
    assert employer_csv.splitlines()[1].startswith('"\'=HYPERLINK(')


def test_only_staff_see_the_queue_and_the_retention(client, accounts, login):
    login(accounts[Role.EMPLOYER])
    for url in ("/follow-up/", "/follow-up/retention", "/follow-up/retention.csv"):
        assert client.get(url).status_code == 403
