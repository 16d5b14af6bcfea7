"""Input no text column can hold: a NUL character (PostgreSQL refuses it, SQLite would keep it silently).

One filter for every form, query string and JSON body, before any view runs: the API answers 422 naming each
field, a page 400 naming the field, and nothing is stored.
"""

from flask import Flask, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import BadRequest

from .errors import json_error

NUL = "\x00"


def _json_paths(value, path: str = ""):
    if isinstance(value, str):
        if NUL in value:
            yield path or "(body)"
    elif isinstance(value, dict):
        for key, item in value.items():
            if NUL in str(key):
                yield f"{path}.{key!s}".lstrip(".").replace(NUL, "\\0")
            yield from _json_paths(item, f"{path}.{key}".lstrip("."))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _json_paths(item, f"{path}[{index}]")


def fields_with_nul() -> list[str]:
    fields = [name.replace(NUL, "\\0") for source in (request.args, request.form)
              for name, value in source.items(multi=True) if NUL in name or NUL in value]
    if request.is_json:
        fields += list(_json_paths(request.get_json(silent=True)))
    return sorted(set(fields))


def init_app(app: Flask) -> None:
    @app.before_request
    def _refuse_nul():
        fields = fields_with_nul()
        if not fields:
            return None
        message = _("Must not contain the NUL character (\\0).")
        if request.path.startswith("/api/"):
            return json_error(422, "invalid", _("Some fields are wrong."),
                              [{"field": field, "message": message} for field in fields])
        return render_template("errors/error.html", error=BadRequest(), message=_(
            "The field %(field)s contains the NUL character (\\0), which no text can hold. Remove it and send the "
            "form again.", field=fields[0])), 400
