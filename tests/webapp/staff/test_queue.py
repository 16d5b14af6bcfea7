"""The work queue as staff use it: they land on it, the menu counts it, items link to where they are done and are
given to colleagues; a new registration is checked and a rejected insurance file settled after a confirmation.
Bad input answers with a message naming the field; other roles are refused."""

import re

import pytest
from sqlalchemy import select

from models import AuditEntry, Employer, Outreach, Role, Seeker, WorkAssignment
from services import insurance
from services.employers import register_employer
from services.outreach import notify_seeker
from tests.factories import credit_code, make_seeker, make_user

pytestmark = pytest.mark.web

FAIR = {"fair_id": 1, "fair": "国际残疾人日专场招聘会", "held_on": "2026-12-10", "venue": "上虞区残疾人之家"}


@pytest.fixture
def work(db, accounts):
    """A call to make, a new registration to check and a rejected insurance file."""
    township = db.scalar(select(Seeker)).township
    notify_seeker(db, make_seeker(db, township, name="陈阿姨", phone="13900000001"), "fair_changed", **FAIR)
    employer = register_employer(
        db, credit_code=credit_code(4321), name="新注册伞业有限公司", headcount=40, township_id=township.id,
        industry="C", address="上虞区百官街道1号", contact_phone="0575-8000", display_name="赵经理",
        username="newco@test", password="a long enough password 1").employer
    rejected = insurance.import_file(db, "社保2026-11.csv", b"id_number,credit_code,year\n")
    db.commit()
    return {"call": db.scalar(select(Outreach)), "registration": employer, "insurance_file": rejected}


@pytest.fixture
def staff(accounts, login):
    login(accounts[Role.STAFF])
    return accounts[Role.STAFF]


def text(response) -> str:
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


def test_staff_land_on_the_queue_and_the_menu_counts_it(client, accounts, login, work):
    assert login(accounts[Role.STAFF]).headers["Location"] == "/staff/queue"
    page = text(client.get("/staff/queue?lang=en"))
    assert ('aria-label="Work queue, 3 to do">Work queue <span class="nav-count" aria-hidden="true">3</span>'
            in page)
    assert "<h2 id=\"kinds-heading\">3 items to do</h2>" in page
    assert f"新注册伞业有限公司 ({work['registration'].credit_code}) registered itself" in page
    assert 'href="/staff/registrations/%d"' % work["registration"].id in page
    assert 'href="/staff/calls?township=%d"' % work["call"].seeker.township_id in page
    assert "File 社保2026-11.csv: 1 problem" in page and 'href="/declarations/staff/insurance"' in page
    assert '<h2 id="kind-call" tabindex="-1">People to call (1)</h2>' in page
    assert '<h2 id="kind-declaration" tabindex="-1">Declarations to verify (0)</h2>' in page
    zh = text(client.get("/staff/queue?lang=zh"))
    assert "工作队列" in zh and "，3 项待办" in zh


def test_giving_an_item_to_a_colleague_and_filtering_by_whose(client, staff, work, post_form, db):
    colleague = make_user(db, Role.STAFF, display_name="赵老师")
    db.commit()
    item = work["registration"]
    answer = post_form(f"/staff/queue/registration/{item.id}/assign", {"assigned_to": str(colleague.id)},
                       page="/staff/queue?lang=en", follow_redirects=True)
    assert "Given to 赵老师." in text(answer)
    assert db.scalar(select(WorkAssignment.user_id).where(WorkAssignment.item_id == item.id)) == colleague.id
    assert "新注册伞业有限公司" not in text(client.get("/staff/queue"))  # mine and nobody's: no longer mine
    assert "新注册伞业有限公司" in text(client.get("/staff/queue?who=everyone"))
    assert "新注册伞业有限公司" not in text(client.get("/staff/queue?who=unassigned"))
    assert "nav-count\" aria-hidden=\"true\">2<" in text(client.get("/staff/queue"))
    # the call is given on the call list's own assignment
    post_form(f"/staff/queue/call/{work['call'].id}/assign", {"assigned_to": str(staff.id)}, page="/staff/queue")
    db.refresh(work["call"])
    assert work["call"].assigned_to_id == staff.id
    assert "陈阿姨" in text(client.get("/staff/queue?who=mine"))
    logged = db.scalars(select(AuditEntry.detail).where(AuditEntry.subject_type == "work_item")).all()
    assert logged == [{"kind": "registration", "assigned_to": colleague.id}]
    # back to the list it was sent from, and nowhere else
    for who, back in (("everyone", "/staff/queue?who=everyone"), ("https://example.com/", "/staff/queue")):
        answer = post_form(f"/staff/queue/registration/{item.id}/assign", {"assigned_to": "", "who": who},
                           page="/staff/queue")
        assert answer.headers["Location"] == back


@pytest.mark.parametrize("url, data, status, message", [
    ("/staff/queue/registration/{id}/assign", {"assigned_to": "99999"}, 400, "Colleague: Not a valid choice"),
    ("/staff/queue/registration/{id}/assign", {"assigned_to": "x"}, 400, "Colleague: Not a valid choice"),
    ("/staff/queue/registration/999999/assign", {"assigned_to": ""}, 404,
     "This item is not on the work queue any more"),
    ("/staff/queue/offer/{id}/assign", {"assigned_to": ""}, 404, "This item is not on the work queue any more"),
])
def test_bad_assignments_are_refused_with_a_clear_message(client, staff, work, post_form, url, data, status,
                                                         message):
    answer = post_form(url.format(id=work["registration"].id), data, page="/staff/queue?lang=en")
    assert answer.status_code == status
    assert message in text(answer)


def test_the_seeker_of_another_role_cannot_be_given_work(client, staff, work, post_form, accounts):
    answer = post_form(f"/staff/queue/registration/{work['registration'].id}/assign",
                       {"assigned_to": str(accounts[Role.EMPLOYER].id)}, page="/staff/queue?lang=en")
    assert answer.status_code == 400 and "Colleague: Not a valid choice" in text(answer)


def test_a_bad_filter_names_the_field(client, staff, work):
    answer = client.get("/staff/queue?who=boss&lang=en")
    assert answer.status_code == 400
    assert "Whose work: Not a valid choice" in text(answer)


def test_posting_without_the_csrf_token_is_refused(client, staff, work, db):
    answer = client.post(f"/staff/queue/registration/{work['registration'].id}/assign", data={"assigned_to": ""})
    assert answer.status_code == 400
    assert db.scalar(select(WorkAssignment)) is None


def test_a_registration_is_checked_after_a_confirmation(client, staff, work, post_form, db):
    employer = work["registration"]
    page = text(client.get(f"/staff/registrations/{employer.id}?lang=en"))
    assert "Registration of 新注册伞业有限公司" in page and "赵经理 (newco@test)" in page and "Not yet" in page
    page = f"/staff/registrations/{employer.id}?lang=en"
    asked = post_form(f"/staff/registrations/{employer.id}/checked", {}, page=page)
    assert "Mark the registration of 新注册伞业有限公司 as checked?" in text(asked)
    db.refresh(employer)
    assert employer.checked_at is None
    done = post_form(f"/staff/registrations/{employer.id}/checked", {"confirmed": "yes"},
                     page=f"/staff/registrations/{employer.id}?lang=en", follow_redirects=True)
    assert "The registration of 新注册伞业有限公司 is checked." in text(done)
    db.refresh(employer)
    assert employer.checked_at is not None
    checked = db.scalars(select(AuditEntry).where(AuditEntry.subject_type == "employer")).all()[-1]
    assert (checked.user_id, checked.detail) == (staff.id, {"registration": "checked"})
    assert "新注册伞业有限公司" not in text(client.get("/staff/queue?who=everyone"))
    again = post_form(f"/staff/registrations/{employer.id}/checked", {"confirmed": "yes"},
                      page=f"/staff/registrations/{employer.id}?lang=en")
    assert again.status_code == 400 and "already been checked" in text(again)
    assert client.get("/staff/registrations/999999").status_code == 404


def test_a_rejected_insurance_file_is_settled_after_a_confirmation(client, staff, work, post_form, db):
    record = work["insurance_file"]
    asked = post_form(f"/staff/insurance-files/{record.id}/settled", {}, page="/staff/queue?lang=en")
    assert "Mark the rejected insurance file as settled?" in text(asked)
    done = post_form(f"/staff/insurance-files/{record.id}/settled", {"confirmed": "yes"}, page="/staff/queue?lang=en",
                     follow_redirects=True)
    assert "The rejected file 社保2026-11.csv is settled." in text(done)
    db.refresh(record)
    assert record.settled_by_id == staff.id
    assert "社保2026-11.csv" not in text(client.get("/staff/queue?who=everyone"))
    again = post_form(f"/staff/insurance-files/{record.id}/settled", {"confirmed": "yes"}, page="/staff/queue?lang=en")
    assert again.status_code == 404 and "Only a rejected file that is not settled yet" in text(again)


@pytest.mark.parametrize("role", [Role.SEEKER, Role.EMPLOYER])
def test_other_roles_are_refused(client, accounts, login, work, post_form, role, db):
    login(accounts[role])
    employer_id = work["registration"].id
    for url in ("/staff/queue", f"/staff/registrations/{employer_id}"):
        assert client.get(url).status_code == 403
    page = "/me/" if role == Role.SEEKER else "/employer/"
    for url in (f"/staff/queue/registration/{employer_id}/assign", f"/staff/registrations/{employer_id}/checked",
                f"/staff/insurance-files/{work['insurance_file'].id}/settled"):
        assert post_form(url, {"assigned_to": "", "confirmed": "yes"}, page=page).status_code == 403
    assert db.scalar(select(WorkAssignment)) is None
    assert db.get(Employer, employer_id).checked_at is None


def test_anonymous_visitors_are_sent_to_log_in(client, work):
    assert client.get("/staff/queue").status_code == 302
