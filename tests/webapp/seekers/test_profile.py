"""The seeker's own profile page: abilities beside staff and tested values, needs, wishes, consent; bad input."""

from datetime import date

import pytest
from sqlalchemy import select

from matcher.profile import ABILITY_KEYS
from models import AbilitySource, AuditEntry, Role, SeekerAbility, SeekerNeed
from tests.factories import district_today

pytestmark = pytest.mark.web

PAY_RANGE = "Wished monthly pay (yuan): The pay must be between 0 and 1,000,000 yuan."


def profile_data(seeker, **overrides):
    data = {"phone": "13800000000", "township_id": str(seeker.township_id), "lat": "", "lon": "",
            "max_commute_km": "15", "remote_ok": "y", "skills": "电商直播\nExcel，打字", "desired_wage": "3000",
            "hours_per_week": "40", "is_looking": "y", "needs": ["text_communication", "flexible_hours"],
            "needs_required": ["text_communication"]}
    data.update({f"ability_{key}": "3" for key in ABILITY_KEYS})
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def seeker(accounts, login):
    login(accounts[Role.SEEKER])
    return accounts[Role.SEEKER].seeker


def test_profile_shows_own_values_and_staff_and_tested_values_beside_them(client, seeker, accounts, db):
    staff = accounts[Role.STAFF]
    seeker.abilities += [
        SeekerAbility(key="hearing", value=4, source=AbilitySource.SELF, assessed_on=date(2026, 3, 1)),
        SeekerAbility(key="hearing", value=1, source=AbilitySource.STAFF, assessed_on=date(2026, 5, 12),
                      assessed_by_id=staff.id),
        SeekerAbility(key="lifting", value=2, source=AbilitySource.TESTED, assessed_on=date(2026, 6, 2),
                      assessed_by_id=staff.id)]
    db.commit()
    html = client.get("/me/profile?lang=en").get_data(as_text=True)
    assert '<option selected value="4">4 – well</option>' in html
    assert "Staff assessment: 1, on May 12, 2026" in html
    assert "Tested: 2, on Jun 2, 2026" in html
    assert "a tested value first, then the staff assessment, then your own view" in html
    assert "<legend>Senses and communication</legend>" in html and "感官与沟通" not in html
    assert "Staff assessment: 1, on May 12, 2026 (used for matching)" in html
    # the seeker's own page never presents the disability category, grade or certificate as shared
    assert seeker.certificate_number not in html
    assert "Employers never see your disability category, grade or certificate number." in html


def test_saving_the_profile_stores_everything_and_bumps_updated_at(client, post_form, seeker, db):
    before = seeker.updated_at
    response = post_form("/me/profile", profile_data(seeker, ability_hearing="1", consent_share="y"))
    assert response.status_code == 302 and response.headers["Location"].endswith("/me/matches")
    db.refresh(seeker)
    assert seeker.phone == "13800000000" and seeker.max_commute_km == 15 and seeker.remote_ok
    assert seeker.skills == ["电商直播", "Excel", "打字"]
    assert (seeker.desired_wage, seeker.hours_per_week, seeker.is_looking) == (3000, 40, True)
    assert {(n.key, n.required) for n in seeker.needs} == {("text_communication", True), ("flexible_hours", False)}
    own = {row.key: row for row in seeker.abilities if row.source == AbilitySource.SELF}
    assert own["hearing"].value == 1 and own["sitting"].value == 3 and own["hearing"].assessed_on == district_today()
    assert own["hearing"].assessed_by_id is None
    assert seeker.updated_at > before
    assert seeker.consent_share and seeker.consent_changed_at is not None


def test_a_changed_need_alone_bumps_updated_at(client, post_form, seeker, db):
    post_form("/me/profile", profile_data(seeker))
    db.refresh(seeker)
    stamp = seeker.updated_at
    post_form("/me/profile", profile_data(seeker, needs=["text_communication"], needs_required=[]))
    db.refresh(seeker)
    assert seeker.updated_at > stamp
    assert [(n.key, n.required) for n in seeker.needs] == [("text_communication", False)]


def test_consent_changes_are_audit_logged(client, post_form, seeker, accounts, db):
    post_form("/me/profile", profile_data(seeker, consent_share="y"))
    post_form("/me/profile", profile_data(seeker))  # unticked: withdrawn
    entries = db.scalars(select(AuditEntry).where(AuditEntry.action == "consent",
                                                  AuditEntry.subject_id == seeker.id).order_by(AuditEntry.id)).all()
    assert [e.detail["consent_share"] for e in entries] == [True, False]
    assert all(e.user_id == accounts[Role.SEEKER].id and e.subject_type == "seeker" for e in entries)
    db.refresh(seeker)
    assert not seeker.consent_share


BAD_INPUT = [
    ({"ability_hearing": "7"}, "ability_hearing", "Hearing: Choose a level from 0 to 5."),
    ({"ability_vision": "-1"}, "ability_vision", "Vision: Choose a level from 0 to 5."),
    ({"ability_vision": "many"}, "ability_vision", "Vision: Choose a level from 0 to 5."),
    ({"needs": ["text_communication", "jetpack"]}, "needs-0",
     "Accommodations I need: Choose only from the accommodations listed."),
    ({"needs": ["flexible_hours"], "needs_required": ["text_communication"]}, "needs_required-0",
     "Accommodations I cannot work without: An accommodation can be marked"),
    ({"desired_wage": "-200"}, "desired_wage", PAY_RANGE),
    ({"desired_wage": "lots"}, "desired_wage", "Wished monthly pay (yuan): Not a valid integer value."),
    ({"hours_per_week": "120"}, "hours_per_week", "Wished hours a week: The hours must be between 1 and 80 a week."),
    ({"max_commute_km": "-5"}, "max_commute_km", 
     "Longest journey to work (km): The journey must be between 0 and 200 km."),
    ({"township_id": None}, "township_id", "Township or street where you live: Choose the township or street."),
    ({"lat": "30.1"}, "lon", "Home longitude: Give both latitude and longitude, or neither."),
]


@pytest.mark.parametrize("bad, field_id, message", BAD_INPUT)
def test_bad_input_is_refused_named_and_kept(client, post_form, seeker, db, bad, field_id, message):
    post_form("/me/profile", profile_data(seeker))
    db.refresh(seeker)
    stored = (seeker.desired_wage, seeker.hours_per_week, sorted(n.key for n in seeker.needs),
              {r.key: r.value for r in seeker.abilities}, seeker.updated_at)
    response = post_form("/me/profile?lang=en", profile_data(seeker, phone="13912345678", skills="叉车", **bad))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f'<a href="#{field_id}">{message}' in html
    assert 'value="13912345678"' in html and "叉车</textarea>" in html  # what was typed is kept
    db.refresh(seeker)
    assert (seeker.desired_wage, seeker.hours_per_week, sorted(n.key for n in seeker.needs),
            {r.key: r.value for r in seeker.abilities}, seeker.updated_at) == stored
    assert seeker.phone == "13800000000"


def test_bad_input_is_explained_in_chinese_too(client, post_form, seeker):
    response = post_form("/me/profile", profile_data(seeker, ability_hearing="9", desired_wage="-1"))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "听力: 请选择 0 到 5 之间的等级。" in html


def test_missing_csrf_token_is_refused(client, seeker, db):
    response = client.post("/me/profile", data=profile_data(seeker))
    assert response.status_code == 400


def test_the_profile_page_of_a_seeker_user_without_a_profile_is_not_found(client, db, post_form):
    from tests.factories import make_user

    make_user(db, Role.SEEKER, "nobody@test", "pw-nobody-12")
    db.commit()
    post_form("/login", {"username": "nobody@test", "password": "pw-nobody-12"})
    assert client.get("/me/profile").status_code == 404
    assert client.get("/me/matches").status_code == 404
    assert client.get("/me/").status_code == 200


@pytest.mark.parametrize("role", [Role.EMPLOYER, Role.STAFF, None])
def test_other_roles_cannot_reach_seeker_pages(client, accounts, login, role):
    if role is not None:
        login(accounts[role])
    for url in ("/me/profile", "/me/matches"):
        assert client.get(url).status_code == (403 if role else 302)  # anonymous visitors: to the login page


def test_needs_are_rows_with_the_required_flag(client, post_form, seeker, db):
    post_form("/me/profile", profile_data(seeker))
    rows = db.scalars(select(SeekerNeed).where(SeekerNeed.seeker_id == seeker.id).order_by(SeekerNeed.key)).all()
    assert [(r.key, r.required) for r in rows] == [("flexible_hours", False), ("text_communication", True)]



def test_a_new_profile_starts_not_assessed_and_saved_untouched_gives_to_be_checked_never_cannot(
        client, post_form, seeker, accounts, db):
    from models import PositionDemand
    from tests.factories import make_position

    html = client.get("/me/profile?lang=en").get_data(as_text=True)
    for key in ABILITY_KEYS:
        select_html = html.split(f'id="ability_{key}"')[1].split("</select>")[0]
        assert '<option selected value="">Not assessed</option>' in select_html
    response = post_form("/me/profile", profile_data(seeker, needs=[], needs_required=[],
                                                       **{f"ability_{key}": "" for key in ABILITY_KEYS}))
    assert response.status_code == 302
    db.refresh(seeker)
    assert seeker.abilities == [] and seeker.effective_abilities() == {}
    packer = make_position(db, accounts[Role.EMPLOYER].employer, "包装工", wage=3600, hours_per_week=40)
    packer.demands += [PositionDemand(key="two_hands", level=3, essential=True),
                       PositionDemand(key="standing", level=3), PositionDemand(key="endurance", level=3)]
    db.commit()
    html = client.get(f"/me/positions/{packer.ref}?lang=en").get_data(as_text=True)
    assert html.count("To be checked: not assessed yet, counted as half met") == 3
    assert html.count(">not assessed</td>") == 3
    assert "essential: federation staff check it before an interview" in html
    assert "not fit your profile" not in html and "below what the job" not in html.lower()
    html = client.get("/me/matches?lang=en").get_data(as_text=True)
    assert "Abilities: 0 of 3 demands met; 3 to be checked (not assessed yet)" in html


def test_zero_is_kept_as_not_able(client, post_form, seeker, db):
    post_form("/me/profile", profile_data(seeker, ability_vision="0", ability_hearing=""))
    db.refresh(seeker)
    assert seeker.effective_abilities()["vision"] == 0 and "hearing" not in seeker.effective_abilities()
    html = client.get("/me/profile?lang=en").get_data(as_text=True)
    assert '<option selected value="0">0 – not able</option>' in html.split('id="ability_vision"')[1].split("</select>")[0]
    assert '<option selected value="">Not assessed</option>' in html.split('id="ability_hearing"')[1].split("</select>")[0]
