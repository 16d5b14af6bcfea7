"""Staff keep seeker profiles on a seeker's behalf: search, register, edit, staff assessments, audit log."""

from datetime import date

import pytest
from sqlalchemy import select

from matcher.profile import ABILITY_KEYS
from models import AbilitySource, AuditEntry, Role, Seeker, SeekerAbility, User
from tests.factories import certificate_number, district_today, make_seeker, make_township

pytestmark = pytest.mark.web

PAY_RANGE = "Wished monthly pay (yuan): The pay must be between 0 and 1,000,000 yuan."


@pytest.fixture
def staff(accounts, login):
    login(accounts[Role.STAFF])
    return accounts[Role.STAFF]


def seeker_data(township_id, **overrides):
    data = {"name": "陈小梅", "certificate_number": certificate_number(2, 3, 777), "category": "2", "grade": "3",
            "phone": "13700000000", "township_id": str(township_id), "lat": "", "lon": "", "max_commute_km": "10",
            "skills": "面点", "desired_wage": "2800", "hours_per_week": "30", "is_looking": "y",
            "needs": ["text_communication"], "needs_required": [], "username": "", "password": "", "confirm": ""}
    data.update({f"ability_{key}": "4" for key in ABILITY_KEYS})
    data.update({f"staff_{key}": "" for key in ABILITY_KEYS})
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def audit(db, **where):
    query = select(AuditEntry).order_by(AuditEntry.id)
    for name, value in where.items():
        query = query.where(getattr(AuditEntry, name) == value)
    return db.scalars(query).all()


def test_search_by_name_certificate_and_township_is_logged(client, staff, accounts, db):
    seeker = accounts[Role.SEEKER].seeker
    other_township = make_township(db, "07", "汤浦镇")
    other = make_seeker(db, other_township, name="王五", category=1, grade=2)
    db.commit()
    html = client.get("/staff/seekers?lang=en&q=张").get_data(as_text=True)
    assert "张三" in html and "王五" not in html and "4 – physical, Grade 3" in html
    html = client.get(f"/staff/seekers?lang=en&q={other.certificate_number[:17]}").get_data(as_text=True)
    assert "王五" in html and "1 – vision, Grade 2 (severe)" in html
    html = client.get(f"/staff/seekers?lang=en&township={other_township.id}").get_data(as_text=True)
    assert "王五" in html and "张三" not in html
    assert 'value="%d" selected' % other_township.id in html or f'selected value="{other_township.id}"' in html
    entries = audit(db, subject_type="seeker_search", user_id=staff.id)
    assert [e.detail["shown"] for e in entries] == [[seeker.ref], [other.ref], [other.ref]]
    assert all(other.certificate_number not in str(e.detail) for e in entries)  # the query itself is not stored


def test_search_with_a_bad_township_is_refused(client, staff):
    assert client.get("/staff/seekers?township=abc").status_code == 400


def test_register_a_seeker_with_a_login_and_staff_assessments(client, post_form, staff, accounts, db):
    township_id = accounts[Role.SEEKER].seeker.township_id
    data = seeker_data(township_id, staff_hearing="1", staff_vision="5", consent_share="y",
                       username="chen@test", password="chen-password-1", confirm="chen-password-1",
                       needs=["text_communication", "flexible_hours"], needs_required=["text_communication"])
    response = post_form("/staff/seekers/new", data)
    assert response.status_code == 302
    seeker = db.scalar(select(Seeker).where(Seeker.name == "陈小梅"))
    assert response.headers["Location"].endswith(f"/staff/seekers/{seeker.ref}")
    assert (seeker.category, seeker.grade, seeker.desired_wage) == (2, 3, 2800)
    assert seeker.consent_share and seeker.consent_changed_at is not None
    staff_rows = {r.key: r for r in seeker.abilities if r.source == AbilitySource.STAFF}
    assert {k: r.value for k, r in staff_rows.items()} == {"hearing": 1, "vision": 5}
    assert all(r.assessed_on == district_today() and r.assessed_by_id == staff.id for r in staff_rows.values())
    assert seeker.effective_abilities()["hearing"] == 1 and seeker.effective_abilities()["sitting"] == 4
    user = db.scalar(select(User).where(User.username == "chen@test"))
    assert user.role == Role.SEEKER and seeker.user_id == user.id and user.check_password("chen-password-1")
    assert [e.action for e in audit(db, subject_type="seeker", subject_id=seeker.id)] == ["consent", "create"]


def test_edit_records_staff_values_and_logs_view_and_update(client, post_form, staff, accounts, db):
    seeker = accounts[Role.SEEKER].seeker
    seeker.abilities.append(SeekerAbility(key="lifting", value=2, source=AbilitySource.STAFF,
                                          assessed_on=date(2025, 5, 1), assessed_by_id=staff.id))
    db.commit()
    html = client.get(f"/staff/seekers/{seeker.ref}?lang=en").get_data(as_text=True)
    assert seeker.certificate_number in html
    assert "Staff assessment: 2, on May 1, 2025, by 王老师 (used for matching)" in html
    assert [e.action for e in audit(db, subject_type="seeker", subject_id=seeker.id)] == ["view"]
    before = seeker.updated_at
    data = seeker_data(seeker.township_id, name="张三", certificate_number=seeker.certificate_number,
                       category=str(seeker.category), grade=str(seeker.grade), staff_lifting="2", staff_walking="3")
    response = post_form(f"/staff/seekers/{seeker.ref}", data)
    assert response.status_code == 302
    db.refresh(seeker)
    rows = {(r.key, r.source): r for r in seeker.abilities}
    assert rows[("walking", "staff")].value == 3 and rows[("walking", "staff")].assessed_on == district_today()
    assert rows[("lifting", "staff")].assessed_on == date(2025, 5, 1)  # unchanged: keeps its date
    assert seeker.updated_at > before
    update = audit(db, subject_type="seeker", subject_id=seeker.id, action="update")
    assert len(update) == 1 and update[0].user_id == staff.id
    assert {"abilities_staff", "abilities_self", "desired_wage"} <= set(update[0].detail["fields"])
    # a value set back to 'not assessed' removes the staff value
    post_form(f"/staff/seekers/{seeker.ref}", {**data, "staff_lifting": ""})
    db.refresh(seeker)
    assert ("lifting", "staff") not in {(r.key, r.source) for r in seeker.abilities}


def test_edit_gives_an_existing_seeker_a_login(client, post_form, staff, accounts, db):
    seeker = make_seeker(db, accounts[Role.SEEKER].seeker.township, name="赵六")
    db.commit()
    data = seeker_data(seeker.township_id, name="赵六", certificate_number=seeker.certificate_number,
                       category="4", grade="3", username="zhao6@test", password="zhao-password-6",
                       confirm="zhao-password-6")
    assert post_form(f"/staff/seekers/{seeker.ref}", data).status_code == 302
    db.refresh(seeker)
    assert seeker.user.username == "zhao6@test"
    assert "login" in audit(db, subject_id=seeker.id, action="update")[-1].detail["fields"]


BAD = [
    ({"certificate_number": "33062219900307001X43"}, "certificate_number",
     "Disability certificate number: The citizen ID in the certificate number"),
    ({"certificate_number": "1234"}, "certificate_number",
     "Disability certificate number: A disability certificate number has 20 characters; this one has 4."),
    ({"category": "4"}, "certificate_number",
     "Disability certificate number: The certificate number says category 2, but category 4 was chosen."),
    ({"grade": "1"}, "certificate_number",
     "Disability certificate number: The certificate number says grade 3, but grade 1 was chosen."),
    ({"category": ""}, "category", "Disability category: Choose the disability category."),
    ({"grade": "9"}, "grade", "Disability grade: "),
    ({"name": ""}, "name", "Name: Enter the name."),
    ({"staff_hearing": "6"}, "staff_hearing", "Hearing: your assessment: Choose a level from 0 to 5."),
    ({"ability_sitting": "-2"}, "ability_sitting", "Sitting: the person&#39;s own view: Choose a level from 0 to 5."),
    ({"needs": ["teleporter"]}, "needs-0", "Accommodations the person needs: Choose only from the accommodations listed."),
    ({"desired_wage": "-1"}, "desired_wage", PAY_RANGE),
    ({"username": "newlogin@test", "password": ""}, "password",
     "Password: Enter a password for the new login, or leave the user name empty."),
    ({"username": "x@test", "password": "long-enough-pw", "confirm": "other-pw-12345"}, "confirm",
     "Password again: The two passwords differ."),
    ({"username": "x@test", "password": "password12", "confirm": "password12"}, "password",
     "Password: This is one of the most used passwords"),
]


@pytest.mark.parametrize("bad, field_id, message", BAD)
def test_register_refuses_bad_input_and_keeps_it(client, post_form, staff, accounts, db, bad, field_id, message):
    township_id = accounts[Role.SEEKER].seeker.township_id
    count = db.scalar(select(Seeker.id).order_by(Seeker.id.desc()))
    response = post_form("/staff/seekers/new?lang=en", seeker_data(township_id, **bad))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f'<a href="#{field_id}">{message}' in html
    assert 'value="13700000000"' in html and "面点</textarea>" in html
    assert db.scalar(select(Seeker.id).order_by(Seeker.id.desc())) == count


def test_register_refuses_a_certificate_or_user_name_already_taken(client, post_form, staff, accounts, db):
    existing = accounts[Role.SEEKER].seeker
    data = seeker_data(existing.township_id, certificate_number=existing.certificate_number,
                       category=str(existing.category), grade=str(existing.grade))
    response = post_form("/staff/seekers/new?lang=en", data)
    assert response.status_code == 400
    assert "A job seeker with this certificate number is already registered" in response.get_data(as_text=True)
    response = post_form("/staff/seekers/new?lang=en", seeker_data(
        existing.township_id, username="seeker@test", password="a-long-password", confirm="a-long-password"))
    assert response.status_code == 400
    assert "This user name is taken. Choose another." in response.get_data(as_text=True)
    assert db.scalar(select(Seeker).where(Seeker.name == "陈小梅")) is None


def test_edit_with_bad_input_loses_nothing_stored(client, post_form, staff, accounts, db):
    seeker = accounts[Role.SEEKER].seeker
    other = make_seeker(db, seeker.township, name="钱七")
    db.commit()
    stored = (seeker.name, seeker.certificate_number, seeker.desired_wage)
    data = seeker_data(seeker.township_id, name="张三改", certificate_number=other.certificate_number,
                       category="4", grade="3", desired_wage="5000")
    response = post_form(f"/staff/seekers/{seeker.ref}?lang=en", data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "A job seeker with this certificate number is already registered" in html and 'value="张三改"' in html
    db.refresh(seeker)
    assert (seeker.name, seeker.certificate_number, seeker.desired_wage) == stored


def test_unknown_seeker_is_not_found(client, staff):
    assert client.get("/staff/seekers/S-NOPE").status_code == 404


@pytest.mark.parametrize("role", [Role.SEEKER, Role.EMPLOYER])
def test_staff_seeker_pages_are_refused_to_others(client, accounts, login, post_form, role, db):
    login(accounts[role])
    ref = accounts[Role.SEEKER].seeker.ref
    for url in ("/staff/seekers", "/staff/seekers/new", f"/staff/seekers/{ref}", f"/staff/seekers/{ref}/tests"):
        assert client.get(url).status_code == 403
    assert client.post(f"/staff/seekers/{ref}", data=seeker_data(1)).status_code in (400, 403)
    assert audit(db, subject_type="seeker", action="update") == []


def test_record_test_results_which_matching_prefers(client, post_form, staff, accounts, db):
    seeker = accounts[Role.SEEKER].seeker
    seeker.abilities.append(SeekerAbility(key="standing", value=2, source=AbilitySource.STAFF,
                                          assessed_on=date(2026, 1, 5)))
    db.commit()
    url = f"/staff/seekers/{seeker.ref}/tests"
    page = client.get(url + "?lang=en").get_data(as_text=True)
    assert "Staff assessment: 2, on Jan 5, 2026" in page  # the other values are shown beside each item
    results = {f"tested_{key}": "" for key in ABILITY_KEYS}
    fields = {"tested_on": "2026-11-20", "test_name": "康复中心职业能力评估", **results,
              "tested_standing": "4", "tested_sitting": "5"}
    for bad, field, message in (({"tested_on": "next week"}, "tested_on", "Not a valid date value"),
                                ({"tested_on": "2099-01-01"}, "tested_on", "cannot be in the future"),
                                ({"test_name": " "}, "test_name", "Name the test or assessment"),
                                ({"tested_standing": "9"}, "tested_standing", "Not a valid choice")):
        refused = post_form(url + "?lang=en", {**fields, **bad}, page=url)
        text = refused.get_data(as_text=True)
        assert refused.status_code == 400 and f'href="#{field}"' in text and message in text, bad
        assert 'value="康复中心职业能力评估"' in text or bad.get("test_name")  # what was typed is kept
    db.refresh(seeker)
    assert not [row for row in seeker.abilities if row.source == AbilitySource.TESTED]

    saved = post_form(url + "?lang=en", fields, page=url, follow_redirects=True)
    assert f"The test results of {seeker.name} are saved." in saved.get_data(as_text=True)
    db.refresh(seeker)
    tested = {row.key: row for row in seeker.abilities if row.source == AbilitySource.TESTED}
    assert {key: row.value for key, row in tested.items()} == {"standing": 4, "sitting": 5}
    assert tested["standing"].assessed_on == date(2026, 11, 20)
    assert tested["standing"].assessed_by_id == staff.id
    assert seeker.effective_abilities()["standing"] == 4  # preferred to the staff assessment of 2
    entry = audit(db, subject_type="seeker", action="update")[-1]
    assert entry.detail == {"tested": ["sitting", "standing"], "tested_on": "2026-11-20", "test": "康复中心职业能力评估"}
    page = client.get(url + "?lang=en").get_data(as_text=True)
    assert 'value="2026-11-20"' in page and "Tested: 4, on Nov 20, 2026" in page

    # an item set back to 'not tested' loses its result, and matching falls back to the staff assessment
    post_form(url, {**fields, "tested_standing": ""}, page=url)
    db.refresh(seeker)
    assert {row.key for row in seeker.abilities if row.source == AbilitySource.TESTED} == {"sitting"}
    assert seeker.effective_abilities()["standing"] == 2


def test_employer_pages_never_show_category_grade_or_certificate(client, accounts, login, db):
    """The employer's candidate page shows abilities and needs only."""
    from models import PositionDemand
    from tests.factories import make_position

    seeker = accounts[Role.SEEKER].seeker
    seeker.consent_share = True
    position = make_position(db, accounts[Role.EMPLOYER].employer)
    position.demands.append(PositionDemand(key="sitting", level=2))
    db.commit()
    login(accounts[Role.EMPLOYER])
    html = client.get(f"/employer/positions/{position.ref}/candidates/{seeker.ref}?lang=en").get_data(as_text=True)
    assert seeker.ref in html
    assert seeker.certificate_number not in html and "physical" not in html and "Grade" not in html


def test_a_certificate_registered_meanwhile_by_another_office_is_refused(client, post_form, staff, accounts, db,
                                                                         monkeypatch):
    """The check before inserting can miss a concurrent registration: the unique constraint still answers."""
    from services import seekers as operations

    existing = accounts[Role.SEEKER].seeker
    monkeypatch.setattr(operations, "_check_certificate_free", lambda *args, **kwargs: None)
    data = seeker_data(existing.township_id, certificate_number=existing.certificate_number,
                       category=str(existing.category), grade=str(existing.grade))
    response = post_form("/staff/seekers/new?lang=en", data)
    assert response.status_code == 400
    assert "A job seeker with this certificate number is already registered" in response.get_data(as_text=True)
    assert db.scalar(select(Seeker).where(Seeker.name == "陈小梅")) is None


def test_staff_end_an_employment_so_that_another_employer_can_hire(client, post_form, staff, accounts, db):
    """The refusal of a second full-time hire tells employers that staff can end the first employment: here."""
    from models import Employment, EmploymentSource
    from services import hires
    from tests.factories import make_employer

    seeker = accounts[Role.SEEKER].seeker
    employer = make_employer(db, seeker.township, name="上虞伞业")
    hire = hires.record_hire(db, seeker, employer_id=employer.id, start_on=date(2026, 3, 2),
                             source=EmploymentSource.STAFF, by_user_id=None)
    db.commit()
    url = f"/staff/seekers/{seeker.ref}/employments?lang=en"
    page = client.get(url).get_data(as_text=True)
    assert "上虞伞业" in page and "current" in page and "End an employment" in page
    # bad input: no date, a day before the start, a day in the future; nothing changes
    for end_on, message in (("", "Enter the last day of work"), ("2026-03-01", "cannot end before it started"),
                            ("2099-01-01", "cannot be in the future")):
        response = post_form(url, {"employment_id": str(hire.employment.id), "end_on": end_on})
        assert response.status_code == 400 and message in response.get_data(as_text=True), end_on
    assert post_form(url, {"employment_id": "999999", "end_on": "2026-11-20"}).status_code == 400  # not theirs
    db.refresh(hire.employment)
    assert hire.employment.end_on is None
    response = post_form(url, {"employment_id": str(hire.employment.id), "end_on": "2026-11-20"},
                         follow_redirects=True)
    assert "ended on Nov 20, 2026" in response.get_data(as_text=True)
    db.refresh(hire.employment)
    assert hire.employment.end_on == date(2026, 11, 20)
    assert audit(db, action="update", subject_type="employment", subject_id=hire.employment.id)
    assert db.get(Employment, hire.employment.id).end_on == date(2026, 11, 20)


def test_a_seeker_registered_with_abilities_untouched_is_not_assessed_never_cannot(client, post_form, staff, accounts,
                                                                                  db):
    from models.exchange import seeker_record

    html = client.get("/staff/seekers/new?lang=en").get_data(as_text=True)
    for prefix in ("ability", "staff"):
        for key in ABILITY_KEYS:
            select_html = html.split(f'id="{prefix}_{key}"')[1].split("</select>")[0]
            assert '<option selected value="">Not assessed</option>' in select_html
    data = seeker_data(accounts[Role.SEEKER].seeker.township_id, **{f"ability_{key}": "" for key in ABILITY_KEYS})
    assert post_form("/staff/seekers/new", data).status_code == 302
    seeker = db.scalar(select(Seeker).where(Seeker.name == "陈小梅"))
    assert seeker.abilities == []
    assert set(seeker_record(seeker)["abilities"].values()) == {None}
