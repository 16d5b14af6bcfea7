"""The registry of notification kinds, and notify's refusals."""

import re
from datetime import date

import pytest
from sqlalchemy import select

from models import ApplicationState, Notification, Role
from services.applications import move
from services.notifications import FORMATS, KINDS, notify, notify_employer
from tests.factories import make_employer, make_position, make_seeker, make_township, make_user

pytestmark = pytest.mark.db


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_declares_what_its_text_and_link_use(kind):
    declared = KINDS[kind]
    assert set(declared.params.values()) <= set(FORMATS)
    assert set(re.findall(r"%\((\w+)\)s", declared.text)) <= set(declared.params)
    assert set(declared.link_args.values()) <= set(declared.params)
    assert declared.text.endswith(".") and "%(" in declared.text


def test_notify_refuses_an_unregistered_kind(db):
    with pytest.raises(ValueError, match="fair_invitation"):
        notify(db, [1], "fair_invitation", fair_id=1)


def test_notify_refuses_missing_or_unknown_params_and_names_them(db):
    with pytest.raises(ValueError, match=r"missing params \['closes'\], unknown params \['close'\]"):
        notify(db, [1], "declaration_reminder", year=2026, close="2027-06-30")
    assert db.scalar(select(Notification.id)) is None


def test_notify_employer_tells_the_active_logins_of_that_employer_only(db):
    township = make_township(db)
    employer, other = make_employer(db, township), make_employer(db, township, name="别家单位")
    told = make_user(db, Role.EMPLOYER, employer=employer)
    make_user(db, Role.EMPLOYER, employer=employer, is_active=False)
    make_user(db, Role.EMPLOYER, employer=other)
    assert notify_employer(db, employer.id, "quota_suggestions", {"week": "2026-W48", "count": 3}) == 1
    db.flush()
    assert db.scalars(select(Notification.user_id)).all() == [told.id]


def test_an_application_tells_the_employer_and_a_move_by_the_employer_tells_the_seeker(db):
    township = make_township(db)
    employer = make_employer(db, township)
    boss = make_user(db, Role.EMPLOYER, employer=employer)
    seeker = make_seeker(db, township, user=make_user(db, Role.SEEKER))
    position = make_position(db, employer)
    move(db, seeker, position, ApplicationState.APPLIED, seeker.user, today=date(2026, 11, 29))
    move(db, seeker, position, ApplicationState.REJECTED, boss, today=date(2026, 11, 29))
    notes = db.scalars(select(Notification).order_by(Notification.id)).all()
    assert [(n.user_id, n.kind, n.params) for n in notes] == [
        (boss.id, "application_received", {"position": position.title, "position_ref": position.ref,
                                           "seeker_ref": seeker.ref}),
        (seeker.user_id, "application_rejected", {"position": position.title, "employer": employer.name,
                                                  "position_ref": position.ref})]
