"""Where a notice to a job seeker goes (app, SMS, call list), the SMS outbox against a stand-in Aliyun server,
and the call list's outcomes and assignment."""

from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from models import Channel, Notification, Outreach, OutreachState, Role
from services import outreach
from services.outreach import OutreachError, notify_seeker, record_call, send_outbox
from services.pages import paginate
from services.sms import AliyunSms, SmsError, gateway_from_env
from tests.factories import make_seeker, make_township, make_user
from tests.services.sms_standin import SECRET, StandIn

pytestmark = pytest.mark.db
TZ = ZoneInfo("Asia/Shanghai")
SMS_ENV = {"ABLEMATCH_SMS_PROVIDER": "aliyun", "ABLEMATCH_SMS_ACCESS_KEY_ID": "LTAI-test",
           "ABLEMATCH_SMS_ACCESS_KEY_SECRET": SECRET, "ABLEMATCH_SMS_SIGN_NAME": "上虞区残联",
           "ABLEMATCH_SMS_TEMPLATE": "SMS_000001"}
FAIR = {"fair_id": 1, "fair": "国际残疾人日专场招聘会", "held_on": "2026-12-10", "venue": "上虞区残疾人之家"}


@pytest.fixture
def sms_configured(monkeypatch):
    for name, value in SMS_ENV.items():
        monkeypatch.setenv(name, value)


@pytest.fixture
def township(db):
    return make_township(db)


def test_a_person_with_a_login_is_told_in_the_app_only(db, township):
    user = make_user(db, Role.SEEKER)
    seeker = make_seeker(db, township, user=user, phone="13800000001")
    assert notify_seeker(db, seeker, "fair_changed", **FAIR) == ["app"]
    assert db.scalars(select(Notification.user_id)).all() == [user.id]
    assert db.scalar(select(Outreach.id)) is None


def test_a_person_without_a_login_goes_on_the_call_list(db, township):
    seeker = make_seeker(db, township, phone="13800000002")
    assert notify_seeker(db, seeker, "fair_changed", **FAIR) == ["call"]
    entry = db.scalar(select(Outreach))
    assert (entry.channel, entry.state, entry.language) == (Channel.CALL, OutreachState.TO_CALL, "zh")
    assert outreach.text_of(entry, TZ) == ("招聘会“国际残疾人日专场招聘会”有变动：现于 2026年12月10日 在 上虞区残疾人之家 举行。"
                                           "场地提供哪些无障碍设施，请在招聘会页面查看。")


def test_the_text_is_in_the_persons_language(db, township):
    seeker = make_seeker(db, township, language="en")
    notify_seeker(db, seeker, "fair_changed", **FAIR)
    entry = db.scalar(select(Outreach))
    assert outreach.text_of(entry, TZ) == ("The job fair 国际残疾人日专场招聘会 has changed: it is on Dec 10, 2026 at "
                                           "上虞区残疾人之家. See what the venue offers on the fairs page.")


def test_a_disabled_login_does_not_count_as_reaching_the_person(db, township):
    seeker = make_seeker(db, township, user=make_user(db, Role.SEEKER, is_active=False))
    assert notify_seeker(db, seeker, "fair_changed", **FAIR) == ["call"]


def test_sms_is_chosen_only_with_a_phone_and_a_configured_gateway(db, township, monkeypatch):
    chose = make_seeker(db, township, phone="13800000003", notify_by_sms=True)
    assert notify_seeker(db, chose, "fair_changed", **FAIR) == ["call"]  # no gateway configured
    for name, value in SMS_ENV.items():
        monkeypatch.setenv(name, value)
    assert notify_seeker(db, chose, "fair_changed", **FAIR) == ["sms"]
    no_phone = make_seeker(db, township, notify_by_sms=True)
    assert notify_seeker(db, no_phone, "fair_changed", **FAIR) == ["call"]
    with_login = make_seeker(db, township, phone="13800000004", notify_by_sms=True, user=make_user(db, Role.SEEKER))
    assert notify_seeker(db, with_login, "fair_changed", **FAIR) == ["app", "sms"]


def test_a_half_configured_gateway_is_no_gateway():
    assert gateway_from_env({**SMS_ENV, "ABLEMATCH_SMS_TEMPLATE": ""}) is None
    assert gateway_from_env({}) is None
    assert isinstance(gateway_from_env(SMS_ENV), AliyunSms)


def test_the_outbox_sends_through_the_gateway_and_failures_go_to_the_call_list(db, township, sms_configured):
    sent_to = make_seeker(db, township, phone="13800000005", notify_by_sms=True, language="en")
    refused = make_seeker(db, township, phone="12345", notify_by_sms=True)
    refused_with_login = make_seeker(db, township, phone="54321", notify_by_sms=True, user=make_user(db, Role.SEEKER))
    for seeker in (sent_to, refused, refused_with_login):
        notify_seeker(db, seeker, "fair_changed", **FAIR)
    with StandIn() as server:
        server.refuse = {"12345", "54321"}
        gateway = AliyunSms("LTAI-test", SECRET, "上虞区残联", "SMS_000001", endpoint=server.url)
        assert send_outbox(db, TZ, gateway) == {"sent": 1, "failed": 2}
        first = server.received[0]
    assert (first["Action"], first["PhoneNumbers"], first["SignName"], first["TemplateCode"]) == (
        "SendSms", "13800000005", "上虞区残联", "SMS_000001")
    assert "The job fair 国际残疾人日专场招聘会 has changed" in first["TemplateParam"]
    rows = {row.seeker_id: row for row in db.scalars(select(Outreach))}
    assert (rows[sent_to.id].state, rows[sent_to.id].sms_ref) == (OutreachState.SENT, "biz1")
    assert (rows[refused.id].channel, rows[refused.id].state) == (Channel.CALL, OutreachState.TO_CALL)
    assert rows[refused.id].sms_error == "isv.MOBILE_NUMBER_ILLEGAL: 非法手机号"
    assert rows[refused_with_login.id].state == OutreachState.FAILED  # the app told them
    assert send_outbox(db, TZ, gateway) == {"sent": 0, "failed": 0}  # nothing is sent twice


def test_a_wrong_secret_or_no_server_is_a_clear_failure(sms_configured):
    with StandIn() as server:
        with pytest.raises(SmsError, match="SignatureDoesNotMatch"):
            AliyunSms("LTAI-test", "wrong", "上虞区残联", "SMS_000001", endpoint=server.url).send("13800000006", "测试")
        url = server.url
    with pytest.raises(SmsError):
        AliyunSms("LTAI-test", SECRET, "上虞区残联", "SMS_000001", endpoint=url, timeout=2).send("13800000006", "测试")


def test_without_a_gateway_the_outbox_moves_to_the_call_list(db, township, sms_configured):
    seeker = make_seeker(db, township, phone="13800000007", notify_by_sms=True)
    notify_seeker(db, seeker, "fair_changed", **FAIR)
    assert send_outbox(db, TZ, None) == {"sent": 0, "failed": 1}
    entry = db.scalar(select(Outreach))
    assert (entry.channel, entry.state, entry.sms_error) == (Channel.CALL, OutreachState.TO_CALL,
                                                             "no SMS gateway is configured")


def test_call_outcomes_no_answer_stays_done_closes(db, township):
    staff = make_user(db, Role.STAFF)
    seeker = make_seeker(db, township, phone="13800000008")
    notify_seeker(db, seeker, "fair_changed", **FAIR)
    entry = db.scalar(select(Outreach))
    record_call(db, entry.id, "no_answer", staff.id)
    assert paginate(db, outreach.calls_query()).total == 1 and entry.attempts == 1
    record_call(db, entry.id, "done", staff.id)
    assert paginate(db, outreach.calls_query()).total == 0
    assert paginate(db, outreach.calls_query(open_only=False)).total == 1
    assert (entry.state, entry.attempts, entry.handled_by_id) == (OutreachState.DONE, 2, staff.id)
    with pytest.raises(OutreachError, match="call_closed"):
        record_call(db, entry.id, "no_answer", staff.id)
    with pytest.raises(OutreachError, match="no_such_outcome"):
        record_call(db, entry.id, "sent", staff.id)
    with pytest.raises(OutreachError, match="no_such_call"):
        record_call(db, entry.id + 1000, "done", staff.id)


def test_calls_are_given_to_active_staff_only_and_filtered_by_township_and_colleague(db, township):
    other_township = make_township(db, "02", "曹娥街道")
    staff, employer = make_user(db, Role.STAFF), make_user(db, Role.EMPLOYER)
    here, there = make_seeker(db, township), make_seeker(db, other_township)
    for seeker in (here, there):
        notify_seeker(db, seeker, "fair_changed", **FAIR)
    entry = db.scalar(select(Outreach).where(Outreach.seeker_id == here.id))
    outreach.assign_call(db, entry.id, staff.id, staff.id)
    with pytest.raises(OutreachError, match="no_such_colleague"):
        outreach.assign_call(db, entry.id, employer.id, staff.id)
    assert [e.seeker_id for e in paginate(db, outreach.calls_query(township_id=other_township.id)).items] == [there.id]
    assert [e.seeker_id for e in paginate(db, outreach.calls_query(assigned_to_id=staff.id)).items] == [here.id]
    assert [e.seeker_id for e in paginate(db, outreach.calls_query(unassigned=True)).items] == [there.id]
    assert outreach.open_call_count(db) == 2
