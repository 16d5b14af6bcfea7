"""Fair pages, staff only: create, invite, list positions, register and check in, record outcomes, report, CSV, plan."""

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from models import AuditEntry, Employment, FairAttendee, FairOutcome, JobFair, Notification, Role
from tests.factories import make_employer, make_position, make_seeker

pytestmark = pytest.mark.web


@pytest.fixture
def staff(accounts, login):
    login(accounts[Role.STAFF])
    return accounts[Role.STAFF]


def create(post_form, follow_redirects=False, **fields):
    data = {"name": "国际残疾人日专场招聘会", "held_on": "2026-12-03", "venue": "上虞区人力资源市场",
            "venue_accessibility": ["step_free_access", "sign_language"], "notes": ""}
    data.update(fields)
    return post_form("/fairs/new?lang=en", data, page="/fairs/new", follow_redirects=follow_redirects)


def test_create_a_fair_and_bad_input(client, db, staff, post_form):
    bad = create(post_form, name="", held_on="3 December", venue="")
    text = bad.get_data(as_text=True)
    assert bad.status_code == 400
    for field in ("name", "held_on", "venue"):
        assert f'href="#{field}"' in text
    assert 'value="3 December"' in text  # what was typed is kept
    assert db.scalar(select(func.count()).select_from(JobFair)) == 0
    ok = create(post_form, follow_redirects=True)
    assert "The fair is created" in ok.get_data(as_text=True)
    fair = db.scalar(select(JobFair))
    assert fair.venue_accessibility == ["step_free_access", "sign_language"] and fair.held_on == date(2026, 12, 3)
    plan = client.get(f"/fairs/{fair.id}/plan?lang=en")
    assert plan.status_code == 409
    assert "This fair has no employers yet. Invite at least one employer before planning it." in \
        plan.get_data(as_text=True)


@pytest.fixture
def fair(client, db, staff, post_form, accounts):
    create(post_form)
    fair = db.scalar(select(JobFair))
    employer = accounts[Role.EMPLOYER].employer
    position = make_position(db, employer, "伞面缝制工", openings=4, wage=3300)
    db.commit()
    url = f"/fairs/{fair.id}"
    post_form(f"{url}/employers", {"employer_id": employer.id, "booth": "A01"}, page=url)
    post_form(f"{url}/positions", {"position_id": position.id, "openings": "3"}, page=url)
    db.refresh(fair)
    return fair


def test_invite_and_list_positions(client, db, fair, post_form, accounts):
    url = f"/fairs/{fair.id}"
    assert len(fair.employers) == 1 and fair.positions[0].openings == 3
    other = make_employer(db, accounts[Role.SEEKER].seeker.township, name="上虞食品公司")
    stray = make_position(db, other, "面点师")
    db.commit()
    taken = post_form(f"{url}/employers?lang=en", {"employer_id": other.id, "booth": "A01"}, page=url)
    assert taken.status_code == 400 and "Booth A01 is already given" in taken.get_data(as_text=True)
    not_invited = post_form(f"{url}/positions?lang=en", {"position_id": stray.id, "openings": "2"}, page=url)
    assert not_invited.status_code == 400
    post_form(f"{url}/employers", {"employer_id": other.id, "booth": "A02"}, page=url)
    zero = post_form(f"{url}/positions?lang=en", {"position_id": stray.id, "openings": "0"}, page=url)
    assert zero.status_code == 400 and "from 1 to 999" in zero.get_data(as_text=True)
    word = post_form(f"{url}/positions?lang=en", {"position_id": stray.id, "openings": "three"}, page=url)
    assert word.status_code == 400 and 'value="three"' in word.get_data(as_text=True)
    page = client.get(url + "?lang=en").get_data(as_text=True)
    assert "Booth A01" in page and "伞面缝制工" in page
    stray.openings = 6
    db.commit()
    assert post_form(f"{url}/positions", {"position_id": stray.id, "openings": ""}, page=url).status_code == 302
    db.refresh(fair)
    assert {entry.position_id: entry.openings for entry in fair.positions}[stray.id] == 6  # what it posted


def test_without_script_the_employer_choice_is_a_plain_select(client, db, fair, post_form, accounts):
    """The searchable choice is drawn by script over a <select> that the page sends as it is."""
    url = f"/fairs/{fair.id}"
    other = make_employer(db, accounts[Role.SEEKER].seeker.township, name="上虞星河纸业有限公司")
    db.commit()
    page = client.get(url + "?lang=en").get_data(as_text=True)
    wrapper = page[page.index("<div data-combobox"):]
    select = re.search(r'<select[^>]*name="employer_id"[^>]*>(.*?)</select>', wrapper, re.S)
    assert select and f'<option value="{other.id}">上虞星河纸业有限公司</option>' in select.group(1)
    assert 'data-count-many="{count} employers match.' in wrapper
    for bad, error in (({}, "Choose an employer."), ({"employer_id": "star"}, "could not coerce"),
                       ({"employer_id": str(other.id + 999)}, "Not a valid choice")):
        refused = post_form(f"{url}/employers?lang=en", {"booth": "B07", **bad}, page=url)
        text = refused.get_data(as_text=True)
        assert refused.status_code == 400 and 'href="#employer_id"' in text and error in text
    sent = post_form(f"{url}/employers?lang=en", {"employer_id": str(other.id), "booth": "B07"}, page=url,
                     follow_redirects=True)
    assert "上虞星河纸业有限公司 takes part in the fair." in sent.get_data(as_text=True)
    db.refresh(fair)
    assert {(entry.employer.name, entry.booth) for entry in fair.employers} >= {("上虞星河纸业有限公司", "B07")}


def move_clock(app, client, login, accounts, day: str) -> None:
    """The district's clock on another day; staff log in again, as their login session ends within 12 hours."""
    app.config["ABLEMATCH_TODAY"] = day
    client.delete_cookie("session")
    login(accounts[Role.STAFF])


@pytest.fixture
def fair_day(app, client, fair, login, accounts):
    """The district's clock on the day of the fair the tests create: check-ins happen only then."""
    move_clock(app, client, login, accounts, "2026-12-03")


def test_before_the_fair_people_are_registered_in_advance_not_checked_in(client, db, fair, post_form, accounts, app,
                                                                         login):
    move_clock(app, client, login, accounts, "2026-11-29")
    url = f"/fairs/{fair.id}/attendees"
    page = client.get(url + "?lang=en").get_data(as_text=True)
    assert 'value="door"' not in page and "People are checked in on the day of the fair." in page
    seeker = accounts[Role.SEEKER].seeker
    door = post_form(url + "?lang=en", {"seeker_ref": seeker.ref, "source": "door"}, page=url)
    assert door.status_code == 400 and "People are checked in on the day of the fair only." in door.get_data(
        as_text=True)
    assert post_form(url, {"seeker_ref": seeker.ref, "source": "advance"}, page=url).status_code == 302
    attendee = db.scalar(select(FairAttendee).where(FairAttendee.seeker_id == seeker.id))
    assert "/check-in" not in client.get(url).get_data(as_text=True)
    refused = post_form(f"{url}/{attendee.id}/check-in", {}, page=url)
    assert refused.status_code == 400
    db.refresh(attendee)
    assert attendee.checked_in_at is None

    move_clock(app, client, login, accounts, "2026-12-03")
    page = client.get(url).get_data(as_text=True)
    door_choice = re.search(r'<input[^>]*value="door"[^>]*>', page).group(0)
    assert "checked" in door_choice  # on the day, people come to the door


def test_register_check_in_and_record_outcomes(client, db, fair, post_form, accounts, fair_day):
    seeker = accounts[Role.SEEKER].seeker
    late = make_seeker(db, seeker.township, name="李四")
    db.commit()
    url = f"/fairs/{fair.id}/attendees"
    unknown = post_form(url + "?lang=en", {"seeker_ref": "S99999", "source": "door"}, page=url)
    assert unknown.status_code == 400 and "No job seeker has this number" in unknown.get_data(as_text=True)
    empty = post_form(url + "?lang=en", {"seeker_ref": "", "source": "door"}, page=url)
    assert empty.status_code == 400 and 'href="#seeker_ref"' in empty.get_data(as_text=True)
    post_form(url, {"seeker_ref": late.ref, "source": "advance"}, page=url)
    again = post_form(url + "?lang=en", {"seeker_ref": late.ref, "source": "door"}, page=url)
    assert again.status_code == 400 and "already registered" in again.get_data(as_text=True)
    door = post_form(url, {"seeker_ref": seeker.ref.lower(), "source": "door"}, page=url)
    attendee = db.scalar(select(FairAttendee).where(FairAttendee.seeker_id == seeker.id))
    assert door.headers["Location"].endswith(f"/fairs/{fair.id}/attendees/{attendee.id}/outcomes")

    # outcomes for a person who did not attend (registered, not checked in) are refused
    absent = db.scalar(select(FairAttendee).where(FairAttendee.seeker_id == late.id))
    position_id = fair.positions[0].position_id
    page = f"/fairs/{fair.id}/attendees/{absent.id}/outcomes"
    refused = post_form(page + "?lang=en", {"position_id": position_id, "kind": "interviewed"}, page=page)
    assert refused.status_code == 400 and "has not been checked in" in refused.get_data(as_text=True)

    page = f"/fairs/{fair.id}/attendees/{attendee.id}/outcomes"
    missing = post_form(page + "?lang=en", {"position_id": position_id}, page=page)
    assert missing.status_code == 400 and 'href="#kind-0"' in missing.get_data(as_text=True)
    hired = post_form(page + "?lang=en", {"position_id": position_id, "kind": "hired"}, page=page,
                      follow_redirects=True)
    assert "The hire is added to the employer" in hired.get_data(as_text=True)
    twice = post_form(page + "?lang=en", {"position_id": position_id, "kind": "hired"}, page=page,
                      follow_redirects=True)
    assert "nothing is counted twice" in twice.get_data(as_text=True)
    assert db.scalar(select(func.count()).select_from(Employment).where(Employment.seeker_id == seeker.id)) == 1
    assert db.scalar(select(func.count()).select_from(FairOutcome).where(FairOutcome.seeker_id == seeker.id)) == 3

    # check in the other one from the list
    checked = post_form(f"{url}/{absent.id}/check-in?lang=en", {}, page=url, follow_redirects=True)
    assert "李四 is checked in." in checked.get_data(as_text=True)
    twice_in = post_form(f"{url}/{absent.id}/check-in?lang=en", {}, page=url)
    assert twice_in.status_code == 400

    report = client.get(f"/fairs/{fair.id}/report?lang=en").get_data(as_text=True)
    assert "By disability category" in report and "50.0%" in report and "<svg" in report
    csv = client.get(f"/fairs/{fair.id}/report.csv?lang=en")
    assert csv.mimetype == "text/csv"
    lines = csv.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert "Employers,1" in lines and "Hires,1" in lines and "Hire rate,50.0%" in lines

    # undo the hire: the employment goes with it
    outcome = db.scalar(select(FairOutcome).where(FairOutcome.seeker_id == seeker.id, FairOutcome.kind == "hired"))
    asked = post_form(f"{page}/{outcome.id}/remove?lang=en", {}, page=page).get_data(as_text=True)
    assert "The hire recorded with it is undone too." in asked
    assert db.scalar(select(func.count()).select_from(Employment).where(Employment.seeker_id == seeker.id)) == 1
    post_form(f"{page}/{outcome.id}/remove", {"confirmed": "yes"}, page=page)
    assert db.scalar(select(func.count()).select_from(Employment).where(Employment.seeker_id == seeker.id)) == 0

    plan = client.get(f"/fairs/{fair.id}/plan?lang=en")
    assert plan.status_code == 200 and "Plan per booth" in plan.get_data(as_text=True)


def test_change_a_fair_and_the_registered_job_seekers_are_told(client, db, fair, post_form, accounts, login, app):
    seeker = accounts[Role.SEEKER].seeker
    walk_in = make_seeker(db, seeker.township, name="王五")  # registered by staff, no account to tell
    db.commit()
    url = f"/fairs/{fair.id}/attendees"
    for ref in (seeker.ref, walk_in.ref):
        post_form(url, {"seeker_ref": ref, "source": "advance"}, page=url)
    edit = f"/fairs/{fair.id}/edit"
    form = client.get(edit + "?lang=en").get_data(as_text=True)
    assert 'value="上虞区人力资源市场"' in form and 'value="2026-12-03"' in form
    assert 'checked id="venue_accessibility-5" name="venue_accessibility" type="checkbox" value="sign_language"' in form

    fields = {"name": fair.name, "held_on": "2026-12-10", "venue": "上虞区残疾人之家",
              "venue_accessibility": ["step_free_access", "accessible_toilet"], "notes": "电梯在东门"}
    bad = post_form(edit + "?lang=en", {**fields, "name": "", "held_on": "next Friday"}, page=edit)
    text = bad.get_data(as_text=True)
    assert bad.status_code == 400 and 'href="#name"' in text and 'href="#held_on"' in text
    assert 'value="next Friday"' in text and 'value="上虞区残疾人之家"' in text  # what was typed is kept
    db.refresh(fair)
    assert fair.venue == "上虞区人力资源市场" and fair.held_on == date(2026, 12, 3)
    assert db.scalar(select(func.count()).select_from(Notification)) == 0

    saved = post_form(edit + "?lang=en", fields, page=edit, follow_redirects=True)
    assert "1 job seeker registered for it was told of the change." in saved.get_data(as_text=True)
    db.refresh(fair)
    assert (fair.held_on, fair.venue, fair.notes) == (date(2026, 12, 10), "上虞区残疾人之家", "电梯在东门")
    assert fair.venue_accessibility == ["step_free_access", "accessible_toilet"]
    entry = db.scalar(select(AuditEntry).where(AuditEntry.subject_type == "job_fair", AuditEntry.action == "update"))
    assert entry.detail == {"changed": ["held_on", "venue", "venue_accessibility", "notes"]}
    assert "Nothing was changed." in post_form(edit + "?lang=en", fields, page=edit,
                                                follow_redirects=True).get_data(as_text=True)

    # once someone is checked in, the fair took place: its date stays, other details may still be corrected
    attendee = db.scalar(select(FairAttendee).where(FairAttendee.seeker_id == walk_in.id))
    move_clock(app, client, login, accounts, "2026-12-10")
    assert post_form(f"{url}/{attendee.id}/check-in", {}, page=url).status_code == 302
    moved = post_form(edit + "?lang=en", {**fields, "held_on": "2026-12-17"}, page=edit)
    assert moved.status_code == 400 and "the date cannot change" in moved.get_data(as_text=True)
    renamed = post_form(edit, {**fields, "name": "国际残疾人日专场招聘会（第二场）"}, page=edit)
    assert renamed.status_code == 302
    db.refresh(fair)
    assert fair.held_on == date(2026, 12, 10) and fair.name.endswith("（第二场）")

    post_form("/logout", {}, page="/staff/")
    login(accounts[Role.SEEKER])
    for lang, told in (("en", "The job fair 国际残疾人日专场招聘会 has changed: it is on Dec 10, 2026 at 上虞区残疾人之家."),
                       ("zh", "招聘会“国际残疾人日专场招聘会”有变动：现于 2026年12月10日 在 上虞区残疾人之家 举行。")):
        assert told in client.get(f"/account/notifications?lang={lang}").get_data(as_text=True)
    assert client.get(edit).status_code == 403


@pytest.mark.parametrize("role", [Role.SEEKER, Role.EMPLOYER])
def test_staff_only(client, accounts, login, role):
    assert client.get("/fairs/").status_code == 302
    login(accounts[role])
    for url in ("/fairs/", "/fairs/new", "/fairs/1/edit", "/fairs/1/report", "/fairs/1/report.csv", "/fairs/1/plan"):
        assert client.get(url).status_code == 403


def test_seekers_register_in_advance_and_cancel(client, db, accounts, login, post_form):
    from datetime import timedelta

    from services.fairs import create_fair

    fair = create_fair(db, name="国际残疾人日专场", held_on=date.today() + timedelta(days=5), venue="人力资源市场",
                       venue_accessibility=["sign_language"])
    past = create_fair(db, name="去年的招聘会", held_on=date.today() - timedelta(days=300), venue="人力资源市场",
                       venue_accessibility=[])
    db.commit()
    login(accounts[Role.SEEKER])
    page = client.get("/fairs/upcoming?lang=en").get_data(as_text=True)
    assert "国际残疾人日专场" in page and "Sign language" in page and "去年的招聘会" not in page
    done = post_form(f"/fairs/{fair.id}/register-me?lang=en", {}, page="/fairs/upcoming", follow_redirects=True)
    assert "You are registered for 国际残疾人日专场" in done.get_data(as_text=True)
    twice = post_form(f"/fairs/{fair.id}/register-me?lang=en", {}, page="/fairs/upcoming")
    assert twice.status_code == 400 and "already registered" in twice.get_data(as_text=True)
    late = post_form(f"/fairs/{past.id}/register-me?lang=en", {}, page="/fairs/upcoming")
    assert late.status_code == 400 and "This fair is over" in late.get_data(as_text=True)
    attendee = db.scalar(select(FairAttendee).where(FairAttendee.fair_id == fair.id))
    assert attendee.source == "advance" and attendee.checked_in_at is None
    asked = post_form(f"/fairs/{fair.id}/cancel-me?lang=en", {}, page="/fairs/upcoming").get_data(as_text=True)
    assert "Cancel your registration for" in asked and 'href="/fairs/upcoming"' in asked
    assert db.scalar(select(FairAttendee).where(FairAttendee.fair_id == fair.id)) is not None
    post_form(f"/fairs/{fair.id}/cancel-me", {"confirmed": "yes"}, page="/fairs/upcoming")
    assert db.scalar(select(FairAttendee).where(FairAttendee.fair_id == fair.id)) is None
    assert client.get("/fairs/").status_code == 403
