"""The call list as staff use it: who, phone, what to say in the person's language, outcomes, assignment, the
printable list and the CSV; bad input answers 400 naming the field; every list shown is in the audit log."""

import csv
import io

import pytest
from sqlalchemy import select

from models import AuditEntry, Outreach, OutreachState, Role, Seeker
from services.outreach import notify_seeker
from tests.factories import make_seeker, make_township, make_user

pytestmark = pytest.mark.web

FAIR = {"fair_id": 1, "fair": "国际残疾人日专场招聘会", "held_on": "2026-12-10", "venue": "上虞区残疾人之家"}


@pytest.fixture
def staff(accounts, login):
    login(accounts[Role.STAFF])
    return accounts[Role.STAFF]


@pytest.fixture
def calls(db, accounts):
    township = db.scalar(select(Seeker)).township
    people = [make_seeker(db, township, name="陈阿姨", phone="13900000001"),
              make_seeker(db, township, name="Ann Lee", phone="13900000002", language="en"),
              make_seeker(db, make_township(db, "02", "曹娥街道"), name="王伯伯")]
    for person in people:
        notify_seeker(db, person, "fair_changed", **FAIR)
    db.commit()
    return {p.name: db.scalar(select(Outreach).where(Outreach.seeker_id == p.id)) for p in people}


def test_the_list_shows_who_to_call_and_what_to_say_in_their_language(client, staff, calls, db):
    assert '<h2 id="calls-heading">3 calls</h2>' in client.get("/staff/calls?lang=en").get_data(as_text=True)
    page = client.get("/staff/calls?lang=zh").get_data(as_text=True)
    assert "陈阿姨" in page and 'href="tel:13900000001"' in page
    assert "招聘会“国际残疾人日专场招聘会”有变动" in page  # the Chinese reader's text
    assert '<dd lang="en">The job fair 国际残疾人日专场招聘会 has changed' in page  # Ann's own language
    assert "王伯伯" in page and "没有登记电话号码" in page
    entry = db.scalars(select(AuditEntry).where(AuditEntry.subject_type == "call_list")).all()[-1]
    assert sorted(entry.detail["seekers"]) == sorted(c.seeker.ref for c in calls.values())


def test_recording_outcomes_and_a_retry_after_no_answer(client, staff, calls, post_form, db):
    call = calls["陈阿姨"]
    answer = post_form(f"/staff/calls/{call.id}/outcome", {"outcome": "no_answer"}, page="/staff/calls?lang=en",
                       follow_redirects=True)
    assert "Recorded for 陈阿姨: No answer." in answer.get_data(as_text=True)
    db.refresh(call)
    assert (call.state, call.attempts) == (OutreachState.NO_ANSWER, 1)
    assert "陈阿姨" in client.get("/staff/calls").get_data(as_text=True)  # still to call again
    post_form(f"/staff/calls/{call.id}/outcome", {"outcome": "done"}, page="/staff/calls", follow_redirects=True)
    db.refresh(call)
    assert (call.state, call.attempts, call.handled_by_id) == (OutreachState.DONE, 2, staff.id)
    assert "陈阿姨" not in client.get("/staff/calls").get_data(as_text=True)
    assert "陈阿姨" in client.get("/staff/calls?show=all").get_data(as_text=True)
    again = post_form(f"/staff/calls/{call.id}/outcome", {"outcome": "done"}, page="/staff/calls?lang=en")
    assert again.status_code == 400
    assert "already recorded" in again.get_data(as_text=True)


@pytest.mark.parametrize("data, status, message", [
    ({}, 400, "Outcome of the call: Choose the outcome of the call."),
    ({"outcome": "sent"}, 400, "Outcome of the call: Not a valid choice"),
    ({"outcome": "done", "call": "x"}, 404, None),
])
def test_a_bad_outcome_is_refused_naming_the_field(client, staff, calls, post_form, data, status, message):
    call_id = calls["陈阿姨"].id + (1000 if status == 404 else 0)
    answer = post_form(f"/staff/calls/{call_id}/outcome", data, page="/staff/calls?lang=en")
    assert answer.status_code == status
    if message:
        assert message in answer.get_data(as_text=True)


def test_giving_a_call_to_a_colleague_and_filtering_by_colleague(client, staff, calls, post_form, db):
    colleague = make_user(db, Role.STAFF, display_name="赵老师")
    db.commit()
    call = calls["王伯伯"]
    post_form(f"/staff/calls/{call.id}/assign", {"assigned_to": str(colleague.id)}, page="/staff/calls")
    db.refresh(call)
    assert call.assigned_to_id == colleague.id
    mine = client.get(f"/staff/calls?assigned={colleague.id}").get_data(as_text=True)
    assert "王伯伯" in mine and "陈阿姨" not in mine
    refused = post_form(f"/staff/calls/{call.id}/assign", {"assigned_to": "99999"}, page="/staff/calls?lang=en")
    assert refused.status_code == 400 and "Colleague: Not a valid choice" in refused.get_data(as_text=True)


def test_print_and_csv_hold_the_whole_list(client, staff, calls, accounts, db):
    printed = client.get("/staff/calls/print?lang=en").get_data(as_text=True)
    assert "Printed on" in printed and "Federation" in printed and printed.count("<tr>") == 1 + 3
    answer = client.get("/staff/calls.csv?lang=en")
    assert answer.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(answer.get_data().decode("utf-8-sig"))))
    assert rows[0][:3] == ["Name", "Number", "Phone"]
    assert {r[0] for r in rows[1:]} == {"陈阿姨", "Ann Lee", "王伯伯"}
    ann = next(r for r in rows if r[0] == "Ann Lee")
    assert ann[5].startswith("The job fair 国际残疾人日专场招聘会 has changed")
    assert {e.detail["what"] for e in db.scalars(select(AuditEntry).where(AuditEntry.subject_type == "call_list"))} \
        >= {"print", "csv"}


@pytest.mark.parametrize("query", ["page=abc", "page=-1", "page=0", "page=1.5", "township=abc", "show=everything"])
def test_bad_filters_answer_400_naming_the_field(client, staff, calls, query):
    answer = client.get(f"/staff/calls?lang=en&{query}")
    assert answer.status_code == 400
    text = answer.get_data(as_text=True)
    assert "(page)" in text or "Township" in text or "Show" in text


def test_a_page_past_the_end_shows_the_last_page(client, staff, calls):
    answer = client.get("/staff/calls?page=" + "1" + "0" * 30)
    assert answer.status_code == 200 and "陈阿姨" in answer.get_data(as_text=True)


def test_only_staff_reach_the_call_list(client, accounts, login):
    login(accounts[Role.EMPLOYER])
    assert client.get("/staff/calls").status_code == 403
