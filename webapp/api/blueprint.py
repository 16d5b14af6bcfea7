"""The JSON API, /api/v1: positions, matches and applications, with the same role rules as the pages."""

from flask import Blueprint, abort, jsonify, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError

from models import ApplicationState, Position, PositionStatus, Role, Seeker
from services import audit, visibility
from services.applications import move, readable_application, readable_applications
from services.employers import readable_position, readable_positions, save_position, set_position_status
from services.errors import DomainError
from services.seekers import seeker_by_ref, townships

from ..clock import today
from ..db import get_session
from ..errors import error_text, json_error
from ..extensions import csrf
from ..matching import matching
from .auth import check_access
from .openapi import openapi_document
from .schemas import BodyError, application_json, position_as_body, position_form, position_json

bp = Blueprint("api", __name__, url_prefix="/api")
csrf.exempt(bp)  # checked in _authenticate instead: tokens need none, session writes do


@bp.before_request
def _authenticate():
    if request.endpoint == "api.openapi":
        return None
    if not current_user.is_authenticated:
        return json_error(401, "unauthorized", _("Log in, or send a valid API token as 'Authorization: Bearer ...'."))
    return check_access()


@bp.errorhandler(CSRFError)
def _csrf_error(error):
    return json_error(400, "csrf", _("Send the CSRF token of your session in the X-CSRFToken header, or use an API token."))


@bp.errorhandler(BodyError)
def _body_error(error: BodyError):
    return json_error(422, "invalid", _("Some fields are wrong."), error.fields)


def _role(*roles: Role) -> None:
    if current_user.role not in roles:
        abort(403)


def _int_arg(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise BodyError([{"field": name, "message": _("Must be a whole number from %(low)d to %(high)d.", low=low,
                                                         high=high)}])
    return value


def _float_arg(name: str, low: float, high: float) -> float | None:
    raw = request.args.get(name)
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise BodyError([{"field": name, "message": _("Must be a number from %(low)s to %(high)s.", low=low,
                                                         high=high)}])
    return value


def _bool_arg(name: str) -> bool:
    raw = request.args.get(name)
    if raw is None:
        return False
    if raw not in ("true", "false"):
        raise BodyError([{"field": name, "message": _("Must be true or false.")}])
    return raw == "true"


def _json_body():
    body = request.get_json(silent=True)
    if body is None:
        raise BodyError([{"field": "(body)", "message": _("Send a JSON object with Content-Type: application/json.")}])
    return body


def _known_fields(body, fields: set[str]) -> None:
    """Refuse a field the document does not name (its bodies allow no other)."""
    unknown = sorted(set(body) - fields) if isinstance(body, dict) else []
    if unknown:
        raise BodyError([{"field": name, "message": _("Unknown field.")} for name in unknown])


def _visible_position(ref: str) -> Position:
    """A position the reader may read (`readable_position`); anything else is not found."""
    position = readable_position(get_session(), current_user, ref)
    if position is None:
        abort(404)
    return position


@bp.get("/openapi.json")
def openapi():
    return jsonify(openapi_document([name for t in townships(get_session()) for name in (t.code, t.name_zh)]))


@bp.get("/v1/positions")
def list_positions():
    limit, offset = _int_arg("limit", 50, 1, 200), _int_arg("offset", 0, 0, 10**9)
    rows = readable_positions(get_session(), current_user, limit=limit, offset=offset)
    return jsonify({"positions": [position_json(p) for p in rows], "limit": limit, "offset": offset})


@bp.post("/v1/positions")
def create_position():
    _role(Role.EMPLOYER)
    form = position_form(_json_body())
    session = get_session()
    position = save_position(session, current_user.employer, None, **form.position_fields(), today=today())
    response = jsonify(position_json(position))
    response.status_code = 201
    response.headers["Location"] = url_for(".get_position", ref=position.ref)
    return response


@bp.get("/v1/positions/<ref>")
def get_position(ref):
    return jsonify(position_json(_visible_position(ref)))


@bp.patch("/v1/positions/<ref>")
def update_position(ref):
    _role(Role.EMPLOYER)
    position = _visible_position(ref)
    body = _json_body()
    if not isinstance(body, dict):
        raise BodyError([{"field": "(body)", "message": _("The request body must be a JSON object.")}])
    status = body.pop("status", None)
    if status is not None and status not in ("open", "paused", "closed"):
        raise BodyError([{"field": "status", "message": _("Must be open, paused or closed.")}])
    form = position_form({**position_as_body(position), **body})
    session = get_session()
    save_position(session, current_user.employer, position, **form.position_fields(), today=today())
    if status is not None:
        set_position_status(position, PositionStatus(status))
    return jsonify(position_json(position))


@bp.get("/v1/positions/<ref>/candidates")
def position_candidates(ref):
    _role(Role.EMPLOYER, Role.STAFF)
    position = _visible_position(ref)
    session = get_session()
    matches = matching().candidates(session, position, _int_arg("limit", 20, 1, 200), hints=True)
    audit.record(session, action="view", subject_type="candidates", subject_id=position.id,
                 detail={"position": position.ref, "shown": [m.seeker_id for m in matches], "via": "api"})
    return jsonify({"position_id": position.ref, "matches": [m.to_dict() for m in matches]})


def _matches_for(seeker: Seeker):
    filters = {"max_distance_km": _float_arg("max_distance_km", 0, 1000),
               "min_wage": _float_arg("min_wage", 0, 1_000_000), "max_hours": _float_arg("max_hours", 0, 168),
               "remote_only": _bool_arg("remote_only")}
    matches = matching().positions_for(get_session(), seeker, _int_arg("limit", 20, 1, 200), **filters)
    return jsonify({"seeker_id": seeker.ref, "matches": [m.to_dict() for m in matches]})


@bp.get("/v1/me/matches")
def my_matches():
    _role(Role.SEEKER)
    if current_user.seeker is None:
        abort(404)
    return _matches_for(current_user.seeker)


@bp.get("/v1/seekers/<ref>/matches")
def seeker_matches(ref):
    _role(Role.STAFF)
    session = get_session()
    seeker = seeker_by_ref(session, ref)
    if seeker is None:
        abort(404)
    audit.record(session, action="view", subject_type="seeker", subject_id=seeker.id,
                 detail={"view": "matches", "via": "api"})
    return _matches_for(seeker)


@bp.get("/v1/applications")
def list_applications():
    session = get_session()
    rows = readable_applications(session, current_user)
    names = _seeker_names(session, rows)
    if current_user.role != Role.SEEKER:  # a seeker reads only their own
        audit.record(session, action="view", subject_type="applications", subject_id=current_user.employer_id,
                     detail={"shown": sorted({a.seeker.ref for a in rows}), "via": "api"})
    return jsonify({"applications": [application_json(a, names[a.seeker_id]) for a in rows]})


def _seeker_names(session, applications) -> dict[int, str | None]:
    """The name of each application's seeker as the reader may know it: an employer only once disclosed."""
    seekers = {a.seeker_id: a.seeker for a in applications}
    if current_user.role != Role.EMPLOYER:
        return {seeker_id: seeker.name for seeker_id, seeker in seekers.items()}
    people = visibility.seekers_for_employer(session, current_user.employer_id, seekers.values())
    return {seeker_id: person.name for seeker_id, person in people.items()}


def _application_error(error: DomainError):
    return json_error(409, error.code, error_text(error))


@bp.post("/v1/applications")
def create_application():
    """A seeker applies for a position; an employer invites a consenting seeker to apply."""
    _role(Role.SEEKER, Role.EMPLOYER)
    body = _json_body()
    _known_fields(body, {"position_id", "seeker_id"})
    if not isinstance(body, dict) or not isinstance(body.get("position_id"), str):
        raise BodyError([{"field": "position_id", "message": _("Give the position's id.")}])
    if "seeker_id" in body and not isinstance(body["seeker_id"], str):  # as the document says, for every role
        raise BodyError([{"field": "seeker_id", "message": _("Give the job seeker's id.")}])
    position = _visible_position(body["position_id"])
    session = get_session()
    if current_user.role == Role.SEEKER:
        seeker, to = current_user.seeker, ApplicationState.APPLIED
        if seeker is None:
            abort(404)
    else:
        if not isinstance(body.get("seeker_id"), str):
            raise BodyError([{"field": "seeker_id", "message": _("Give the job seeker's id.")}])
        seeker = visibility.visible_seeker(session, current_user.employer_id, body["seeker_id"])
        if seeker is None:
            abort(404)
        to = ApplicationState.INVITED
    try:
        application = move(session, seeker, position, to, current_user, today=today())
    except DomainError as error:
        session.rollback()
        return _application_error(error)
    response = jsonify(application_json(application, _seeker_names(session, [application])[seeker.id]))
    response.status_code = 201
    return response


@bp.patch("/v1/applications/<int:application_id>")
def update_application(application_id):
    session = get_session()
    application = readable_application(session, current_user, application_id)
    if application is None:
        abort(404)
    body = _json_body()
    _known_fields(body, {"state"})
    try:
        to = ApplicationState(body.get("state") if isinstance(body, dict) else None)
    except ValueError:
        raise BodyError([{"field": "state", "message": _("Must be one of: %(states)s.",
                                                          states=", ".join(s.value for s in ApplicationState))}])
    try:
        move(session, application.seeker, application.position, to, current_user, today=today())
    except DomainError as error:
        session.rollback()
        return _application_error(error)
    return jsonify(application_json(application, _seeker_names(session, [application])[application.seeker_id]))
