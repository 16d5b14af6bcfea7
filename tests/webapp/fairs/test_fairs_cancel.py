"""Staff cancel a fair to come, giving the reason: the people registered and the employers taking part are told
(people without a login through the call list), and the fair shows as cancelled and takes nobody more."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from models import AuditEntry, FairAttendee, FairEmployer, JobFair, Role
from tests.factories import district_today, make_seeker

pytestmark = pytest.mark.web


@pytest.fixture
def fair(db, accounts):
    """A fair in ten days: the account seeker (with a login) and 陈阿姨 (without) are registered, the account
    employer takes part."""
    fair = JobFair(name="国际残疾人日专场招聘会", held_on=district_today() + timedelta(days=10), venue="上虞区人力资源市场")
    auntie = make_seeker(db, accounts[Role.SEEKER].seeker.township, name="陈阿姨", phone="13900000001")
    db.add(fair)
    db.flush()
    db.add_all([FairAttendee(fair_id=fair.id, seeker_id=s.id, source="advance")
                for s in (accounts[Role.SEEKER].seeker, auntie)])
    db.add(FairEmployer(fair_id=fair.id, employer_id=accounts[Role.EMPLOYER].employer_id, booth="A01"))
    db.commit()
    return fair


def test_staff_cancel_a_fair_after_confirming_and_everyone_is_told(client, db, accounts, login, post_form, fair):
    login(accounts[Role.STAFF])
    url = f"/fairs/{fair.id}"
    asked = post_form(f"{url}/cancel?lang=en", {"reason": "场地检修"}, page=url)
    text = asked.get_data(as_text=True)
    day = fair.held_on
    assert asked.status_code == 200 and "Please confirm" in text
    assert f"Cancel the job fair 国际残疾人日专场招聘会 on {day.strftime('%b')} {day.day}, {day.year}?" in text
    assert 'name="reason" value="场地检修"' in text and 'name="confirmed" value="yes"' in text
    db.refresh(fair)
    assert fair.cancelled_at is None  # nothing happens before the confirmation
    done = post_form(f"{url}/cancel?lang=en", {"reason": "场地检修", "confirmed": "yes"}, page=url,
                     follow_redirects=True).get_data(as_text=True)
    assert "The fair is cancelled. 2 job seekers registered were told. 1 employer taking part was told." in done
    assert "Invite the employer" not in done
    assert "Cancelled: 场地检修" in done and "Cancel the fair" not in done
    assert "Cancelled: 场地检修" in client.get("/fairs/?lang=en").get_data(as_text=True)
    attendees = client.get(f"{url}/attendees?lang=zh").get_data(as_text=True)
    assert "已取消：场地检修" in attendees and "登记这位求职者" not in attendees
    entry = db.scalar(select(AuditEntry).where(AuditEntry.subject_type == "job_fair", AuditEntry.action == "cancel"))
    assert entry.user_id == accounts[Role.STAFF].id and entry.detail == {"reason": "场地检修"}
    # 陈阿姨 has no login: staff of her township read it out from the call list
    calls = client.get("/staff/calls?lang=zh").get_data(as_text=True)
    assert "陈阿姨" in calls and f"招聘会“国际残疾人日专场招聘会”（{day.year}年{day.month}月{day.day}日）已取消：场地检修" in calls

    client.delete_cookie("session")
    login(accounts[Role.SEEKER])
    assert "国际残疾人日专场招聘会" not in client.get("/fairs/upcoming?lang=en").get_data(as_text=True)
    told = client.get("/account/notifications?lang=en").get_data(as_text=True)
    assert f"The job fair 国际残疾人日专场招聘会 on {day.strftime('%b')} {day.day}, {day.year} is cancelled: 场地检修" in told
    refused = post_form(f"/fairs/{fair.id}/register-me?lang=en", {}, page="/fairs/upcoming")
    assert refused.status_code == 400
    assert "This fair is cancelled, so nobody can register" in refused.get_data(as_text=True)

    client.delete_cookie("session")
    login(accounts[Role.EMPLOYER])
    told = client.get("/account/notifications?lang=zh").get_data(as_text=True)
    assert "您参加的招聘会“国际残疾人日专场招聘会”" in told and "已取消：场地检修" in told


def test_cancelling_needs_a_reason_and_a_fair_to_come(client, db, accounts, login, post_form, fair):
    login(accounts[Role.STAFF])
    url = f"/fairs/{fair.id}"
    for reason in ("", "   "):
        refused = post_form(f"{url}/cancel?lang=en", {"reason": reason, "confirmed": "yes"}, page=url)
        text = refused.get_data(as_text=True)
        assert refused.status_code == 400 and '<a href="#reason">Reason for cancelling: Give the reason' in text
    long = post_form(f"{url}/cancel?lang=en", {"reason": "x" * 501, "confirmed": "yes"}, page=url)
    assert long.status_code == 400 and 'href="#reason"' in long.get_data(as_text=True)
    post_form(f"{url}/cancel", {"reason": "场地检修", "confirmed": "yes"}, page=url)
    again = post_form(f"{url}/cancel?lang=en", {"reason": "再次", "confirmed": "yes"}, page=url)
    assert again.status_code == 400 and "This fair is already cancelled." in again.get_data(as_text=True)
    past = JobFair(name="去年的招聘会", held_on=district_today() - timedelta(days=1), venue="百官")
    db.add(past)
    db.commit()
    page = client.get(f"/fairs/{past.id}?lang=en").get_data(as_text=True)
    assert "Cancel the fair" not in page  # no form for a fair that is over
    over = post_form(f"/fairs/{past.id}/cancel?lang=en", {"reason": "太晚", "confirmed": "yes"}, page=f"/fairs/{past.id}")
    assert over.status_code == 400
    assert "This fair is over, so it can no longer be cancelled." in over.get_data(as_text=True)
    assert db.scalar(select(JobFair.cancelled_at).where(JobFair.id == past.id)) is None
    assert client.post("/fairs/99999/cancel", data={"reason": "x"}).status_code in (400, 404)


@pytest.mark.parametrize("role", [Role.SEEKER, Role.EMPLOYER])
def test_only_staff_cancel_a_fair(client, db, accounts, login, post_form, fair, role):
    login(accounts[role])
    answer = post_form(f"/fairs/{fair.id}/cancel", {"reason": "x", "confirmed": "yes"}, page="/account/notifications")
    assert answer.status_code in (302, 403)
    db.refresh(fair)
    assert fair.cancelled_at is None


def test_without_a_csrf_token_nothing_is_cancelled(client, db, accounts, login, fair):
    login(accounts[Role.STAFF])
    answer = client.post(f"/fairs/{fair.id}/cancel", data={"reason": "场地检修", "confirmed": "yes"})
    assert answer.status_code == 400
    db.refresh(fair)
    assert fair.cancelled_at is None
