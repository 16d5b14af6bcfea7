"""Every registered notification kind, rendered in both languages as a link its reader can open, on the demo
district; and the pages that list notifications show them as links."""

import re
from datetime import date

import pytest
from flask_babel import gettext
from sqlalchemy import select

from fixtures.demo import ACCOUNTS
from models import (Application, CheckIn, Interview, JobFair, Notification, Offer, Position, QuotaDeclaration,
                    TrainingSession, User)
from services import offers
from services.notifications import KINDS, notify
from services.placement_settings import PlacementSettings
from tests.conftest import csrf_token

pytestmark = [pytest.mark.web, pytest.mark.db]

PASSWORDS = {username: password for _role, username, password in ACCOUNTS}


@pytest.fixture
def demo(db):
    from fixtures import load_demo

    load_demo(db)
    db.commit()
    return db


def signed_in(app, username: str):
    client = app.test_client()
    token = csrf_token(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"csrf_token": token, "username": username,
                                           "password": PASSWORDS[username]})
    assert response.status_code == 302, username
    return client


def samples(session) -> dict[str, tuple[str, dict]]:
    """kind -> (the demo login it is for, params naming real demo items)."""
    users = {u.username: u for u in session.scalars(select(User).where(User.username.in_(PASSWORDS)))}
    seeker, employer = users["seeker@demo"].seeker, users["employer@demo"].employer
    mine = session.scalars(select(Application).where(Application.seeker_id == seeker.id)).first()
    received = session.scalars(select(Application).join(Position).where(Position.employer_id == employer.id)).first()
    training = session.scalars(select(TrainingSession).order_by(TrainingSession.starts_on.desc())).first()
    course = {"zh": training.course.title_zh, "en": training.course.title_en}
    fair = session.scalars(select(JobFair).order_by(JobFair.held_on.desc())).first()
    year = session.scalars(select(QuotaDeclaration.year).where(QuotaDeclaration.employer_id == employer.id)).first()
    on_training = {"session_id": training.id, "course": course}
    on_fair = {"fair_id": fair.id, "fair": fair.name, "held_on": fair.held_on.isoformat()}
    week = {"week": "2026-W48", "count": 15}
    interview = session.scalars(select(Interview).join(Application).where(Application.seeker_id == seeker.id)).first()
    received_interview = session.scalars(select(Interview).join(Application).join(Position)
                                         .where(Position.employer_id == employer.id)).first()
    # an offer to the demo seeker, so that the seeker's offer notices link to a page the seeker may read
    own_offer = offers.make_offer(session, interview.application, start_on=date(2026, 12, 14), monthly_pay=3600,
                                  hours_per_week=40, contract_months=12, accommodations=[], note="",
                                  by=users["employer@demo"], today=date(2026, 11, 28), settings=PlacementSettings())
    offer = session.scalars(select(Offer).join(Application).join(Position)
                            .where(Position.employer_id == employer.id)).first()
    check_in = session.scalars(select(CheckIn).order_by(CheckIn.id)).first()
    at = "2026-12-02T02:00:00+00:00"
    mine_i = {"interview_id": str(interview.id), "position": interview.application.position.title}
    theirs_i = {"interview_id": str(received_interview.id), "position": received_interview.application.position.title,
                "seeker": received_interview.application.seeker.ref}
    mine_o = {"offer_id": str(own_offer.id), "position": own_offer.application.position.title, "employer": "上虞伞业"}
    theirs_o = {"offer_id": str(offer.id), "position": offer.application.position.title,
                "seeker": offer.application.seeker.ref}
    return {
        "application_invited": ("seeker@demo", {"position": mine.position.title, "employer": mine.position.employer.name,
                                                "position_ref": mine.position.ref}),
        "application_rejected": ("seeker@demo", {"position": mine.position.title,
                                                 "employer": mine.position.employer.name,
                                                 "position_ref": mine.position.ref}),
        "interview_proposed": ("seeker@demo", {**mine_i, "employer": "上虞伞业", "times": "2"}),
        "interview_reminder_seeker": ("seeker@demo", {**mine_i, "employer": "上虞伞业", "starts_at": at}),
        "offer_made": ("seeker@demo", {**mine_o, "start_on": "2026-12-14", "answer_by": "2026-12-05"}),
        "offer_answered_by_staff": ("seeker@demo", {**mine_o, "state": "declined"}),
        "offer_expired_seeker": ("seeker@demo", {**mine_o, "answer_by": "2026-12-05"}),
        "interview_scheduled": ("employer@demo", {**theirs_i, "starts_at": at}),
        "interview_another_time": ("employer@demo", theirs_i),
        "interview_support_asked": ("employer@demo", theirs_i),
        "interview_reminder_employer": ("employer@demo", {**theirs_i, "starts_at": at}),
        "offer_accepted": ("employer@demo", {**theirs_o, "start_on": "2026-12-14"}),
        "offer_declined": ("employer@demo", theirs_o),
        "offer_expired_employer": ("employer@demo", {**theirs_o, "answer_by": "2026-12-05"}),
        "follow_up_request": ("employer@demo", {"position": "包装工", "due_on": "2026-12-20"}),
        "employment_ended": ("staff@demo", {"check_in_id": str(check_in.id), "seeker": "S00017", "employer": "上虞伞业",
                                              "end_on": "2026-11-20", "due_on": "2026-12-04"}),
        "application_state": ("seeker@demo", {"position": mine.position.title, "employer": mine.position.employer.name,
                                              "state": "invited", "position_ref": mine.position.ref}),
        "training_waitlisted": ("seeker@demo", {**on_training, "place_in_line": 2}),
        "training_offer": ("seeker@demo", {**on_training, "expires_at": "2026-11-30T02:00:00+00:00"}),
        "training_offer_expired": ("seeker@demo", on_training),
        "training_changed": ("seeker@demo", {**on_training, "starts_on": "2027-03-01", "ends_on": "2027-03-05",
                                             "place": training.place}),
        "fair_reminder": ("seeker@demo", on_fair),
        "fair_changed": ("seeker@demo", {**on_fair, "venue": fair.venue}),
        "fair_cancelled": ("seeker@demo", {**on_fair, "reason": "场地检修"}),
        "fair_cancelled_employer": ("employer@demo", {**on_fair, "reason": "场地检修"}),
        "training_cancelled": ("seeker@demo", {**on_training, "starts_on": "2027-03-01", "reason": "老师生病"}),
        "application_received": ("employer@demo", {"position": received.position.title,
                                                   "position_ref": received.position.ref,
                                                   "seeker_ref": received.seeker.ref}),
        "declaration_reminder": ("employer@demo", {"year": 2026, "closes": "2027-06-30"}),
        "declaration_returned": ("employer@demo", {"year": year}),
        "declaration_approved": ("employer@demo", {"year": year, "levy_due": "27450.00"}),
        "quota_suggestions": ("employer@demo", week),
        "declarations_missing": ("staff@demo", {"year": year, "closes": "2027-06-30", "jurisdiction": "CN-ZJ",
                                                "count": 12}),
        "quota_suggestions_staff": ("staff@demo", {**week, "employers": 3}),
        "insurance_import": ("staff@demo", {"imported": ["2026-10.csv"], "rejected": [], "stopped": [1, 2]}),
    }


def test_every_kind_renders_in_both_languages_as_a_link_its_reader_can_open(demo, app):
    from webapp.notifications import notice

    cases = samples(demo)
    assert set(cases) == set(KINDS), "a new kind needs a sample here"
    users = {u.username: u for u in demo.scalars(select(User).where(User.username.in_(PASSWORDS)))}
    for kind, (username, params) in cases.items():
        notify(demo, [users[username].id], kind, **params)
    demo.commit()
    notes = demo.scalars(select(Notification).where(Notification.kind.in_(cases))
                         .order_by(Notification.id.desc()).limit(len(cases))).all()
    shown = {}
    for lang in ("zh", "en"):
        with app.test_request_context(f"/?lang={lang}"):
            for note in notes:
                text, url = notice(note)
                assert text and "%(" not in text and url, (note.kind, lang)
                if lang == "zh":
                    assert gettext(KINDS[note.kind].text) != KINDS[note.kind].text, f"{note.kind}: not translated"
                    assert re.search(r"[\u4e00-\u9fff]", text), note.kind
                shown[note.kind, lang] = text, url
    assert shown["application_state", "en"][0].endswith("is now: Invited to apply.")
    assert "27,450.00" in shown["declaration_approved", "zh"][0]
    assert "2027年6月30日" in shown["declaration_reminder", "zh"][0]
    assert "Jun 30, 2027" in shown["declaration_reminder", "en"][0]
    course = cases["training_changed"][1]["course"]
    assert course["zh"] in shown["training_changed", "zh"][0] and course["en"] in shown["training_changed", "en"][0]
    for username in PASSWORDS:
        client = signed_in(app, username)
        for kind, (reader, _params) in cases.items():
            if reader == username:
                response = client.get(shown[kind, "en"][1])
                assert response.status_code in (200, 302, 303), (kind, shown[kind, "en"][1], response.status_code)
                assert "/login" not in response.headers.get("Location", ""), kind


def test_the_demo_accounts_see_their_notices_as_links(demo, app):
    client = signed_in(app, "seeker@demo")
    home = client.get("/me/?lang=en").get_data(as_text=True)
    assert re.search(r'<a href="/me/positions/P\d+">Your application for the position 网店客服 at 绍兴上虞舜禾电子商务有限公司 is '
                     r'now: Interviewing\.</a>', home)
    assert re.search(r'<a href="/trainings/\d+">You are on the waiting list for the training E-commerce', home)
    messages = client.get("/account/notifications?lang=zh").get_data(as_text=True)
    assert '<a href="/fairs/upcoming">提醒您：招聘会“2026年上虞区残疾人专场招聘会（国际残疾人日）”将于' in messages

    client = signed_in(app, "employer@demo")
    html = client.get("/dashboards/employer?lang=en").get_data(as_text=True)
    assert re.search(r'<a href="/employer/positions/P\d+/candidates/S\d+">A job seeker has applied for your position '
                     r'网店客服\.</a>', html)
    assert '<a href="/dashboards/employer">In week 48 of 2026, the federation suggested 15 candidates for your open positions.' in html

    client = signed_in(app, "staff@demo")
    html = client.get("/dashboards/district?lang=en").get_data(as_text=True)
    assert re.search(r'<a href="/dashboards/district">In week 48 of 2026, the matcher suggested \d+ candidates to \d+ employers', html)


def test_a_notice_stored_before_its_kind_was_registered_reads_as_a_general_message(app):
    from webapp.notifications import notice

    with app.test_request_context("/?lang=en"):
        assert notice(Notification(kind="fair_invitation", params={"fair_id": 1})) == (
            "A message about your account. Federation staff can tell you more.", None)
