"""JSON in and out of the API. Positions are checked by the same form as the pages, so messages are the same."""

from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from matcher.profile import ABILITY_KEYS
from models import Application, Position, Township
from services.seekers import township_choices

from ..db import get_session
from ..employers.forms import PositionForm

POSITION_FIELDS = {"title", "description", "township", "lat", "lon", "remote", "openings", "wage", "hours_per_week",
                   "counts_toward_quota", "skills", "offers", "demands", "essential"}
#: the skills of a position through the API (the form holds 2,000 characters of them)
MAX_SKILLS, MAX_SKILL_LENGTH = 30, 50
#: form field -> JSON field, for error messages
FORM_TO_JSON = {"township_id": "township", **{f"demand_{k}": f"demands.{k}" for k in ABILITY_KEYS},
                **{f"essential_{k}": "essential" for k in ABILITY_KEYS}}


class BodyError(Exception):
    def __init__(self, fields: list[dict]):
        super().__init__(fields)
        self.fields = fields


def position_json(position: Position) -> dict:
    return {
        "id": position.ref, "employer": {"name": position.employer.name}, "title": position.title,
        "description": position.description, "township": position.township.code,
        "township_name": position.township.name_zh, "lat": position.lat, "lon": position.lon,
        "remote": position.remote, "openings": position.openings, "wage": position.wage,
        "hours_per_week": position.hours_per_week, "counts_toward_quota": position.counts_toward_quota,
        "skills": list(position.skills or []), "offers": [o.key for o in position.offers],
        "demands": {d.key: d.level for d in position.demands}, "essential": [d.key for d in position.demands if d.essential],
        "status": position.status.value, "updated_at": position.updated_at.isoformat(),
    }


def position_as_body(position: Position) -> dict:
    """A stored position in the shape of a request body, so that PATCH can merge changes into it."""
    data = position_json(position)
    return {key: data[key] for key in POSITION_FIELDS}


def application_json(application: Application, seeker_name: str | None) -> dict:
    """`seeker_name`: None where the reader may not know who the person is (services.visibility)."""
    seeker = application.seeker
    data = {"id": application.id, "seeker_id": seeker.ref, "position_id": application.position.ref,
            "position_title": application.position.title, "state": application.state.value,
            "updated_at": application.updated_at.isoformat(),
            "events": [{"state": e.state.value, "at": e.at.isoformat()} for e in application.events]}
    if seeker_name is not None:
        data["seeker_name"] = seeker_name
    return data


def _fail(field: str, message: str):
    raise BodyError([{"field": field, "message": message}])


def position_form(body) -> PositionForm:
    """Validate a position body; raise BodyError naming each wrong field."""
    if not isinstance(body, dict):
        _fail("(body)", _("The request body must be a JSON object."))
    unknown = sorted(set(body) - POSITION_FIELDS)
    if unknown:
        _fail(unknown[0], _("Unknown field."))
    # a field given must have the document's type: null only where it says so (lat, lon, wage, hours_per_week)
    demands = body.get("demands", {})
    if not isinstance(demands, dict):
        _fail("demands", _("Must be an object of ability keys and levels 0-5."))
    for key, level in demands.items():
        if key not in ABILITY_KEYS:
            _fail(f"demands.{key}", _("Unknown ability key."))
        if not isinstance(level, int) or isinstance(level, bool):
            _fail(f"demands.{key}", _("Must be a whole number from 0 to 5."))
    for name in ("skills", "offers", "essential"):
        value = body.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            _fail(name, _("Must be a list of texts."))
    skills = body.get("skills", [])
    if len(skills) > MAX_SKILLS or any(len(skill) > MAX_SKILL_LENGTH for skill in skills):
        _fail("skills", _("At most %(count)d skills of at most %(length)d characters each.", count=MAX_SKILLS,
                          length=MAX_SKILL_LENGTH))
    for key in body.get("essential") or []:
        if key not in ABILITY_KEYS:
            _fail("essential", _("Unknown ability key: %(key)s.", key=key))
    for name in ("remote", "counts_toward_quota"):
        if name in body and not isinstance(body[name], bool):
            _fail(name, _("Must be true or false."))
    for name in ("title", "description", "township"):
        if name in body and not isinstance(body[name], str):
            _fail(name, _("Must be a text."))
    for name in ("lat", "lon", "openings", "wage", "hours_per_week"):
        value = body.get(name)
        if (name in body and value is None and name == "openings") or (
                value is not None and (isinstance(value, bool) or not isinstance(value, (int, float)))):
            _fail(name, _("Must be a number."))

    township = None
    if body.get("township"):
        township = get_session().scalar(select(Township).where(
            (Township.code == body["township"]) | (Township.name_zh == body["township"])))
        if township is None:
            _fail("township", _("Unknown township: give its code or Chinese name."))
    data = MultiDict()
    for name in ("title", "description", "lat", "lon", "openings", "wage", "hours_per_week"):
        if body.get(name) is not None:
            data[name] = str(body[name])
    data["township_id"] = str(township.id) if township else "0"
    for name in ("remote", "counts_toward_quota"):
        if body.get(name):
            data[name] = "y"
    data["skills"] = "\n".join(body.get("skills") or [])
    for key in body.get("offers") or []:
        data.add("offers", key)
    for key, level in demands.items():
        data[f"demand_{key}"] = str(level)
    for key in body.get("essential") or []:
        data[f"essential_{key}"] = "y"
    form = PositionForm(formdata=data, townships=township_choices(get_session(), "zh"), meta={"csrf": False})
    if not form.validate():
        raise BodyError([{"field": FORM_TO_JSON.get(name, name), "message": str(message)}
                         for name, messages in form.errors.items() for message in messages])
    return form
