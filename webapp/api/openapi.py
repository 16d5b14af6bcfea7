"""The OpenAPI 3 description of /api/v1; tests/webapp/test_api_schema.py checks the API against it."""

from matcher.profile import ABILITY_KEYS, ACCOMMODATION_KEYS
from models import ApplicationState

from ..converters import MAX_INT
from .schemas import MAX_SKILL_LENGTH, MAX_SKILLS

#: any text but the NUL character, which no text column holds (webapp/bad_input.py refuses it everywhere)
TEXT = {"type": "string", "pattern": "^[^\\x00]*$"}
ID = {**TEXT, "minLength": 1, "maxLength": 64}
NULLABLE_INT = {"type": ["integer", "null"]}
NULLABLE_NUMBER = {"type": ["number", "null"]}
LEVEL = {"type": "integer", "minimum": 0, "maximum": 5}
TEXTS = {"type": "array", "items": {"type": "string"}}
SKILLS = {"type": "array", "maxItems": MAX_SKILLS, "items": {**TEXT, "maxLength": MAX_SKILL_LENGTH}}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERRORS = {
    "409": _json(_ref("Error"), "Not possible from the application's present state"),
    "400": _json(_ref("Error"), "Bad request, or a missing CSRF token on a session write"),
    "401": _json(_ref("Error"), "Not logged in and no valid API token"),
    "403": _json(_ref("Error"), "The user's role may not do this"),
    "404": _json(_ref("Error"), "Not found, or not visible to this user"),
    "422": _json(_ref("Error"), "A field is wrong: error.fields names each one"),
}


def _responses(ok_code: str, ok: dict, *codes: str) -> dict:
    return {ok_code: ok, **{c: ERRORS[c] for c in ("401", "422", *codes)}}


def _limit(default: int) -> dict:
    return {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200,
                                                        "default": default}}


def _position_body(townships: list[str]) -> dict:
    """What the position form accepts. Its two rules across fields are said in words: a JSON Schema `if`/`then`
    holds them, but schemathesis cannot generate requests from one."""
    return {
        "type": "object", "additionalProperties": False,
        "description": "latitude and longitude go together; an essential item must be demanded (level 1 or more)",
        "properties": {
            "title": {**TEXT, "pattern": "^[^\\x00]*\\S[^\\x00]*$", "maxLength": 120},
            "description": {**TEXT, "maxLength": 5000},
            "township": {"enum": townships, "description": "a township's code or Chinese name"},
            "lat": {"type": ["number", "null"], "minimum": -90, "maximum": 90},
            "lon": {"type": ["number", "null"], "minimum": -180, "maximum": 180},
            "remote": {"type": "boolean"},
            "openings": {"type": "integer", "minimum": 1, "maximum": 999},
            "wage": {"type": ["integer", "null"], "minimum": 0, "maximum": 1000000},
            "hours_per_week": {"type": ["integer", "null"], "minimum": 1, "maximum": 80},
            "counts_toward_quota": {"type": "boolean"},
            "skills": SKILLS,
            "offers": {"type": "array", "items": {"enum": list(ACCOMMODATION_KEYS)}},
            "demands": {"type": "object", "properties": {k: LEVEL for k in ABILITY_KEYS},
                        "additionalProperties": False},
            "essential": {"type": "array", "items": {"enum": list(ABILITY_KEYS)},
                          "description": "items whose shortfall rules a candidate out unless an offer covers it; "
                                         "each must be demanded (level 1 or more)"},
        },
    }


SCHEMAS = {
    "Error": {"type": "object", "required": ["error"], "properties": {"error": {
        "type": "object", "required": ["code", "message"],
        "properties": {"code": {"type": "string"}, "message": {"type": "string"},
                       "fields": {"type": "array", "items": {
                           "type": "object", "required": ["field", "message"],
                           "properties": {"field": {"type": "string"}, "message": {"type": "string"}}}}}}}},
    "Position": {"type": "object", "required": ["id", "title", "status", "demands", "offers", "essential"],
                 "properties": {
                     "id": ID, "employer": {"type": "object", "properties": {"name": {"type": "string"}}},
                     "title": {"type": "string"}, "description": {"type": "string"}, "township": {"type": "string"},
                     "township_name": {"type": "string"}, "lat": NULLABLE_NUMBER, "lon": NULLABLE_NUMBER,
                     "remote": {"type": "boolean"}, "openings": {"type": "integer"}, "wage": NULLABLE_INT,
                     "hours_per_week": NULLABLE_INT, "counts_toward_quota": {"type": "boolean"}, "skills": TEXTS,
                     "offers": TEXTS, "demands": {"type": "object", "additionalProperties": LEVEL},
                     "essential": TEXTS, "status": {"enum": ["draft", "open", "paused", "closed"]},
                     "updated_at": {"type": "string", "format": "date-time"}}},
    "Match": {"type": "object", "required": ["seeker_id", "position_id", "rank", "score", "flags", "reasons"],
              "description": "a matches.jsonl line of the exchange format; reasons as the matcher gives them (rules "
                             "v2: an item the person has not assessed has ability null and status to_be_checked)",
              "properties": {"seeker_id": ID, "position_id": ID, "rank": {"type": "integer", "minimum": 1},
                             "score": {"type": "number", "minimum": 0, "maximum": 1}, "flags": TEXTS,
                             "reasons": {"type": "object"}}},
    "Application": {"type": "object", "required": ["id", "seeker_id", "position_id", "state", "events"],
                    "properties": {
                        "id": {"type": "integer"}, "seeker_id": ID, "position_id": ID,
                        "position_title": {"type": "string"},
                        "seeker_name": {"type": "string", "description": "shown to employers once the seeker applied"},
                        "state": {"enum": [s.value for s in ApplicationState]},
                        "updated_at": {"type": "string", "format": "date-time"},
                        "events": {"type": "array", "items": {"type": "object", "properties": {
                            "state": {"type": "string"}, "at": {"type": "string", "format": "date-time"}}}}}},
}


def openapi_document(townships: list[str]) -> dict:
    """The document; `townships`: the codes and Chinese names a position's township may be given by."""
    body = _position_body(townships)
    schemas = {**SCHEMAS, "PositionInput": {**body, "required": ["title", "township", "openings"]},
               "PositionPatch": {**body, "properties": {**body["properties"],
                                                        "status": {"enum": ["open", "paused", "closed"]}}}}
    position_id = {"name": "ref", "in": "path", "required": True, "schema": ID}
    matches = {"type": "object", "required": ["matches"], "properties": {"matches": {"type": "array", "items": _ref("Match")}}}
    filters = [_limit(20),
               {"name": "max_distance_km", "in": "query", "schema": {"type": "number", "minimum": 0, "maximum": 1000}},
               {"name": "min_wage", "in": "query", "schema": {"type": "number", "minimum": 0, "maximum": 1000000}},
               {"name": "max_hours", "in": "query", "schema": {"type": "number", "minimum": 0, "maximum": 168}},
               {"name": "remote_only", "in": "query", "schema": {"type": "boolean"}}]
    return {
        "openapi": "3.1.0",
        "info": {"title": "AbleMatch API", "version": "1",
                 "description": "Positions, matches and applications. Authenticate with 'Authorization: Bearer "
                                "<token>' or a browser session (then send X-CSRFToken on writes). Employers see "
                                "only their own positions and consenting candidates, never disability data."},
        "servers": [{"url": "/"}],
        "components": {"schemas": schemas,
                       "securitySchemes": {"token": {"type": "http", "scheme": "bearer"},
                                           "session": {"type": "apiKey", "in": "cookie", "name": "session"}}},
        "security": [{"token": []}, {"session": []}],
        "paths": {
            "/api/v1/positions": {
                "get": {"summary": "Positions: an employer's own, all for staff, open ones for seekers",
                        "parameters": [_limit(50), {"name": "offset", "in": "query",
                                                    "schema": {"type": "integer", "minimum": 0, "maximum": 10**9, "default": 0}}],
                        "responses": _responses("200", _json({"type": "object", "required": ["positions"], "properties": {
                            "positions": {"type": "array", "items": _ref("Position")},
                            "limit": {"type": "integer"}, "offset": {"type": "integer"}}}, "A page of positions"))},
                "post": {"summary": "Post a position (employers)",
                         "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("PositionInput")}}},
                         "responses": _responses("201", _json(_ref("Position"), "The new position"), "400", "403")},
            },
            "/api/v1/positions/{ref}": {
                "parameters": [position_id],
                "get": {"summary": "One position", "responses": _responses("200", _json(_ref("Position"), "The position"), "404")},
                "patch": {"summary": "Change an own position (employers); fields left out stay as they are",
                          "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("PositionPatch")}}},
                          "responses": _responses("200", _json(_ref("Position"), "The changed position"), "400", "403", "404")},
            },
            "/api/v1/positions/{ref}/candidates": {
                "parameters": [position_id],
                "get": {"summary": "Ranked consenting candidates for an own position (employers, staff)",
                        "parameters": [_limit(20)],
                        "responses": _responses("200", _json(matches, "Best first, equal scores by id"), "403", "404")},
            },
            "/api/v1/me/matches": {
                "get": {"summary": "The logged-in seeker's ranked positions", "parameters": filters,
                        "responses": _responses("200", _json(matches, "Best first"), "403", "404")},
            },
            "/api/v1/seekers/{ref}/matches": {
                "parameters": [{"name": "ref", "in": "path", "required": True, "schema": ID}],
                "get": {"summary": "A seeker's ranked positions (staff)", "parameters": filters,
                        "responses": _responses("200", _json(matches, "Best first"), "403", "404")},
            },
            "/api/v1/applications": {
                "get": {"summary": "Applications: a seeker's own, those to an employer's positions, all for staff",
                        "responses": _responses("200", _json({"type": "object", "required": ["applications"], "properties": {
                            "applications": {"type": "array", "items": _ref("Application")}}}, "Applications"))},
                "post": {"summary": "A seeker applies; an employer invites a consenting seeker (seeker_id)",
                         "description": "seeker_id is required of employers (422 without it) and not read for a "
                                        "seeker, who applies for themself; a rule by role, beyond a schema",
                         "requestBody": {"required": True, "content": {"application/json": {"schema": {
                             "type": "object", "required": ["position_id"], "additionalProperties": False,
                             "properties": {"position_id": ID, "seeker_id": ID}}}}},
                         "responses": _responses("201", _json(_ref("Application"), "The application"), "400", "403", "404",
                                                 "409")},
            },
            "/api/v1/applications/{application_id}": {
                "parameters": [{"name": "application_id", "in": "path", "required": True,
                                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_INT}}],
                "patch": {"summary": "Move an application to another state, as the user's role allows",
                          "requestBody": {"required": True, "content": {"application/json": {"schema": {
                              "type": "object", "required": ["state"], "additionalProperties": False,
                              "properties": {"state": {"enum": [s.value for s in ApplicationState]}}}}}},
                          "responses": _responses("200", _json(_ref("Application"), "The application"), "400", "403",
                                                  "404", "409")},
            },
        },
    }
