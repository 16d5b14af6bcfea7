"""One transaction per request, and the audit log's actor and address taken from the request."""

import pytest
from flask import abort
from sqlalchemy import select

from models import AuditEntry, PositionStatus, Role
from services import audit
from tests.factories import make_position, make_user
from webapp.db import get_session

pytestmark = pytest.mark.web


def test_a_request_is_committed_on_success_and_rolled_back_on_an_error(app, db, accounts, login):
    @app.route("/_probe/<int:status>")
    def probe(status):
        audit.record(get_session(), action="view", subject_type="probe", detail={"status": status})
        if status == 500:
            raise RuntimeError("a failure after a change")
        if status >= 400:
            abort(status)
        return "done"

    app.config["PROPAGATE_EXCEPTIONS"] = False
    client = app.test_client()
    for status in (200, 409, 500):
        client.get(f"/_probe/{status}", environ_base={"REMOTE_ADDR": "10.1.2.3"})
    entries = db.scalars(select(AuditEntry).where(AuditEntry.subject_type == "probe")).all()
    assert [(e.detail["status"], e.user_id, e.ip) for e in entries] == [(200, None, "10.1.2.3")]


def test_every_entry_names_the_logged_in_user_and_the_address(client, db, accounts, login):
    employer = accounts[Role.EMPLOYER]
    position = make_position(db, employer.employer, status=PositionStatus.OPEN)
    db.commit()
    login(employer)
    client.get(f"/employer/positions/{position.ref}", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    client.get("/api/v1/positions/{}/candidates".format(position.ref), environ_base={"REMOTE_ADDR": "192.0.2.7"})
    entries = db.scalars(select(AuditEntry).where(AuditEntry.action != "login")).all()
    assert entries and all((e.user_id, e.ip) == (employer.id, "192.0.2.7") for e in entries), \
        [(e.action, e.subject_type, e.user_id, e.ip) for e in entries]


def test_outside_a_request_the_actor_is_the_system_unless_one_is_set(db):
    staff = make_user(db, Role.STAFF)
    audit.record(db, action="update", subject_type="job")
    with audit.acting(staff.id, "198.51.100.1"):
        audit.record(db, action="view", subject_type="seeker", user_id=None)  # an explicit user wins
        audit.record(db, action="view", subject_type="declaration")
    rows = db.execute(select(AuditEntry.subject_type, AuditEntry.user_id, AuditEntry.ip).order_by(AuditEntry.id)).all()
    assert rows == [("job", None, None), ("seeker", None, "198.51.100.1"), ("declaration", staff.id, "198.51.100.1")]
