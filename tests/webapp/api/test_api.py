"""The JSON API: token and session auth, the role rules of the pages, clear errors for bad bodies."""

import pytest
from sqlalchemy import select

from models import ApiToken, Application, AuditEntry, Position, Role, utcnow
from tests.conftest import csrf_token
from tests.factories import FAR_FUTURE, make_employer, make_position, make_seeker, make_user

pytestmark = pytest.mark.web


def auth(tokens, role):
    return {"Authorization": f"Bearer {tokens[role]}"}


BODY = {"title": "电商客服", "township": "01", "openings": 2, "wage": 3500, "hours_per_week": 40,
        "skills": ["打字", "电商客服"], "offers": ["text_communication"], "demands": {"writing": 3, "hearing": 3},
        "essential": ["writing"]}


@pytest.fixture
def seekers(db, accounts):
    township = accounts[Role.EMPLOYER].employer.township
    fits = make_seeker(db, township, name="孙听障", consent_share=True, skills=["打字"],
                       abilities={"writing": 4, "hearing": 0})
    hidden = make_seeker(db, township, name="钱保密", consent_share=False, abilities={"writing": 5, "hearing": 5})
    db.commit()
    return {"fits": fits, "hidden": hidden}


def test_no_credentials_no_access(client):
    response = client.get("/api/v1/positions")
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"
    assert client.get("/api/v1/positions", headers={"Authorization": "Bearer am_wrong"}).status_code == 401


def test_revoked_token_is_refused(client, db, tokens, accounts):
    from models import utcnow
    row = db.scalar(select(ApiToken).where(ApiToken.user_id == accounts[Role.EMPLOYER].id))
    row.revoked_at = utcnow()
    db.commit()
    assert client.get("/api/v1/positions", headers=auth(tokens, Role.EMPLOYER)).status_code == 401


def test_employer_posts_a_position_and_gets_consenting_candidates(client, tokens, seekers, db, accounts):
    response = client.post("/api/v1/positions", json=BODY, headers=auth(tokens, Role.EMPLOYER))
    assert response.status_code == 201, response.get_json()
    created = response.get_json()
    assert created["demands"] == {"hearing": 3, "writing": 3} and created["essential"] == ["writing"]
    assert response.headers["Location"] == f"/api/v1/positions/{created['id']}"

    matches = client.get(f"/api/v1/positions/{created['id']}/candidates", headers=auth(tokens, Role.EMPLOYER)).get_json()
    assert [m["seeker_id"] for m in matches["matches"]] == [seekers["fits"].ref]
    reasons = matches["matches"][0]["reasons"]
    assert reasons["abilities"]["hearing"]["covered_by"] == "text_communication"
    # an item nobody assessed is null and to be checked, never 0 ("not able")
    seekers["fits"].abilities = [a for a in seekers["fits"].abilities if a.key != "hearing"]
    seekers["fits"].updated_at = utcnow()
    db.commit()
    matches = client.get(f"/api/v1/positions/{created['id']}/candidates", headers=auth(tokens, Role.EMPLOYER)).get_json()
    row = matches["matches"][0]["reasons"]["abilities"]["hearing"]
    assert row["ability"] is None and row["status"] == "to_be_checked"
    text = response.get_data(as_text=True) + str(matches)
    assert "孙听障" not in text and seekers["fits"].certificate_number not in text and "category" not in text
    assert db.scalar(select(AuditEntry).where(AuditEntry.subject_type == "candidates")).detail["via"] == "api"


def test_patch_changes_only_what_is_sent(client, tokens, accounts, db):
    ref = client.post("/api/v1/positions", json=BODY, headers=auth(tokens, Role.EMPLOYER)).get_json()["id"]
    response = client.patch(f"/api/v1/positions/{ref}", json={"openings": 5, "status": "paused"},
                            headers=auth(tokens, Role.EMPLOYER))
    assert response.status_code == 200
    data = response.get_json()
    assert (data["openings"], data["status"], data["title"], data["demands"]) == (5, "paused", "电商客服",
                                                                                  {"hearing": 3, "writing": 3})


def test_an_accommodation_offered_twice_is_stored_once(client, tokens):
    body = {**BODY, "offers": ["job_coach", "job_coach"]}  # found by schemathesis: it gave a 500
    response = client.post("/api/v1/positions", json=body, headers=auth(tokens, Role.EMPLOYER))
    assert response.status_code == 201 and response.get_json()["offers"] == ["job_coach"]


@pytest.mark.parametrize(("body", "field"), [
    ({**BODY, "demands": {"writing": 7}}, "demands.writing"),
    ({**BODY, "demands": {"telepathy": 3}}, "demands.telepathy"),
    ({**BODY, "offers": ["jetpack"]}, "offers"),
    ({**BODY, "demands": {"writing": None}}, "demands.writing"),  # only a person's item may be null (not assessed)
    ({**BODY, "essential": ["vision"]}, "essential"),
    ({**BODY, "openings": 0}, "openings"),
    ({**BODY, "openings": "many"}, "openings"),
    ({**BODY, "township": "火星"}, "township"),
    ({**BODY, "lat": 30.1}, "lon"),
    ({**BODY, "salary": 3}, "salary"),
    ({k: v for k, v in BODY.items() if k != "title"}, "title"),
    ([1, 2], "(body)"),
])
def test_bad_position_bodies_name_the_field_and_store_nothing(client, tokens, db, body, field):
    response = client.post("/api/v1/positions", json=body, headers=auth(tokens, Role.EMPLOYER))
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "invalid" and error["fields"][0]["field"] == field and error["fields"][0]["message"]
    assert db.scalar(select(Position).where(Position.title == "电商客服")) is None


def test_bad_query_values_are_named(client, tokens):
    response = client.get("/api/v1/positions?limit=0", headers=auth(tokens, Role.EMPLOYER))
    assert response.status_code == 422 and response.get_json()["error"]["fields"][0]["field"] == "limit"
    response = client.get("/api/v1/me/matches?max_distance_km=far", headers=auth(tokens, Role.SEEKER))
    assert response.status_code == 422 and response.get_json()["error"]["fields"][0]["field"] == "max_distance_km"


def test_not_json_is_refused_clearly(client, tokens):
    response = client.post("/api/v1/positions", data="title=x", headers=auth(tokens, Role.EMPLOYER))
    assert response.status_code == 422
    assert "application/json" in response.get_json()["error"]["fields"][0]["message"]


def test_roles_and_ownership(client, tokens, accounts, db, seekers):
    other = make_employer(db, accounts[Role.EMPLOYER].employer.township, name="别家")
    theirs = make_position(db, other, "保洁员")
    db.commit()
    headers = auth(tokens, Role.EMPLOYER)
    assert client.get(f"/api/v1/positions/{theirs.ref}", headers=headers).status_code == 404
    assert client.patch(f"/api/v1/positions/{theirs.ref}", json={"openings": 9}, headers=headers).status_code == 404
    assert client.get(f"/api/v1/positions/{theirs.ref}/candidates", headers=headers).status_code == 404
    assert [p["id"] for p in client.get("/api/v1/positions", headers=headers).get_json()["positions"]] == []
    # seekers cannot post or see candidates; staff see everything but cannot post for an employer
    assert client.post("/api/v1/positions", json=BODY, headers=auth(tokens, Role.SEEKER)).status_code == 403
    assert client.get(f"/api/v1/positions/{theirs.ref}/candidates", headers=auth(tokens, Role.SEEKER)).status_code == 403
    assert client.post("/api/v1/positions", json=BODY, headers=auth(tokens, Role.STAFF)).status_code == 403
    assert client.get(f"/api/v1/positions/{theirs.ref}/candidates", headers=auth(tokens, Role.STAFF)).status_code == 200
    assert client.get(f"/api/v1/seekers/{seekers['fits'].ref}/matches", headers=headers).status_code == 403
    # an employer cannot invite a seeker who does not share
    response = client.post("/api/v1/applications", json={"position_id": theirs.ref, "seeker_id": seekers["hidden"].ref},
                           headers=headers)
    assert response.status_code == 404


def test_seeker_applies_employer_moves_and_others_cannot_see(client, tokens, accounts, db):
    employer_headers, seeker_headers = auth(tokens, Role.EMPLOYER), auth(tokens, Role.SEEKER)
    ref = client.post("/api/v1/positions", json=BODY, headers=employer_headers).get_json()["id"]
    created = client.post("/api/v1/applications", json={"position_id": ref}, headers=seeker_headers)
    assert created.status_code == 201
    application = created.get_json()
    assert application["state"] == "applied"
    # applying twice is refused as a conflict, nothing duplicated
    again = client.post("/api/v1/applications", json={"position_id": ref}, headers=seeker_headers)
    assert again.status_code == 409
    assert len(db.scalars(select(Application)).all()) == 1
    # the employer sees the name once applied and moves it on; a seeker cannot hire themself
    listed = client.get("/api/v1/applications", headers=employer_headers).get_json()["applications"]
    assert listed[0]["seeker_name"] == accounts[Role.SEEKER].seeker.name
    url = f"/api/v1/applications/{application['id']}"
    assert client.patch(url, json={"state": "hired"}, headers=seeker_headers).status_code == 409
    # an interview and an offer carry their details (the hiring pages), so the API moves only to "not selected"
    assert client.patch(url, json={"state": "interviewing"}, headers=employer_headers).status_code == 409
    assert client.patch(url, json={"state": "rejected"}, headers=employer_headers).get_json()["state"] == "rejected"
    assert client.patch(url, json={"state": "sideways"}, headers=employer_headers).status_code == 422
    # another seeker and another employer see nothing of it
    other_user = make_user(db, Role.SEEKER, "other@test", "pw-other-123")
    make_seeker(db, accounts[Role.SEEKER].seeker.township, user=other_user)
    other_employer = make_user(db, Role.EMPLOYER, "boss@test", "pw-boss-1234",
                               employer=make_employer(db, accounts[Role.SEEKER].seeker.township, name="别家"))
    others = {}
    for user in (other_user, other_employer):
        token, others[user.id] = ApiToken.issue(user, "t", "read write", FAR_FUTURE)
        db.add(token)
    db.commit()
    for user in (other_user, other_employer):
        headers = {"Authorization": f"Bearer {others[user.id]}"}
        assert client.get("/api/v1/applications", headers=headers).get_json()["applications"] == []
        assert client.patch(url, json={"state": "withdrawn"}, headers=headers).status_code == 404


def test_session_auth_needs_the_csrf_header_for_writes(client, accounts, login):
    login(accounts[Role.EMPLOYER])
    assert client.get("/api/v1/positions").status_code == 200
    response = client.post("/api/v1/positions", json=BODY)
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "csrf"
    token = csrf_token(client.get("/employer/").get_data(as_text=True))
    assert client.post("/api/v1/positions", json=BODY, headers={"X-CSRFToken": token}).status_code == 201


def test_seeker_matches_include_positions_even_without_consent(client, tokens, accounts, db):
    client.post("/api/v1/positions", json={**BODY, "demands": {}, "essential": []}, headers=auth(tokens, Role.EMPLOYER))
    seeker = accounts[Role.SEEKER].seeker
    assert not seeker.consent_share
    matches = client.get("/api/v1/me/matches", headers=auth(tokens, Role.SEEKER)).get_json()["matches"]
    assert [m["seeker_id"] for m in matches] == [seeker.ref]
    # and they still never appear among an employer's candidates
    position_id = matches[0]["position_id"]
    candidates = client.get(f"/api/v1/positions/{position_id}/candidates", headers=auth(tokens, Role.EMPLOYER)).get_json()
    assert seeker.ref not in [m["seeker_id"] for m in candidates["matches"]]


def test_unknown_api_urls_answer_in_json(client, tokens):
    response = client.get("/api/v1/nothing", headers=auth(tokens, Role.STAFF))
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"


def test_the_application_body_is_what_the_document_says(client, accounts, tokens, db):
    """A seeker's `seeker_id: {}` and a field the document does not name are refused; a position's township is one
    of the document's (not "")."""
    position = make_position(db, accounts[Role.EMPLOYER].employer, "网店客服", openings=1)
    db.commit()
    headers = {"Authorization": f"Bearer {tokens[Role.SEEKER]}"}
    for body, field in (({"position_id": position.ref, "seeker_id": {}}, "seeker_id"),
                        ({"position_id": position.ref, "note": "x"}, "note")):
        response = client.post("/api/v1/applications", json=body, headers=headers)
        assert response.status_code == 422 and response.get_json()["error"]["fields"][0]["field"] == field
    schemas = client.get("/api/openapi.json").get_json()["components"]["schemas"]
    assert schemas["PositionInput"]["properties"]["township"]["enum"] == ["01", "百官街道"]
