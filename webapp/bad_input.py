"""Input no view should ever see, refused in one filter before any view runs:

- a NUL character (PostgreSQL refuses it in text, SQLite would keep it silently) in the path, a query string, a
  form's names and values, an upload's file name, or a JSON body's keys and values;
- a JSON body nested deeper than MAX_DEPTH levels (the API's bodies have three; 50,000 would exhaust the
  parser's recursion).

The API answers 422 naming each field (400 for a body too deeply nested), a page 400 naming the field, and
nothing is stored. A body larger than MAX_CONTENT_LENGTH (webapp/config.py) is refused with 413 as it is read.
"""

from flask import Flask, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import BadRequest

from .errors import json_error

NUL = "\x00"
#: the deepest nesting of a JSON body that is read at all
MAX_DEPTH = 32


class TooDeep(Exception):
    """A JSON body nested deeper than MAX_DEPTH levels."""


def _shown(name: str) -> str:
    return name.replace(NUL, "\\0")


def _json_paths_with_nul(body) -> list[str]:
    """The path of each key and text holding a NUL; walked with a stack of its own, so no nesting can exhaust
    Python's recursion. Raises TooDeep past MAX_DEPTH levels."""
    found, stack = [], [(body, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise TooDeep()
        if isinstance(value, str) and NUL in value:
            found.append(path or "(body)")
        elif isinstance(value, dict):
            for key, item in value.items():
                item_path = f"{path}.{key}".lstrip(".")
                if NUL in key:
                    found.append(item_path)
                stack.append((item, item_path, depth + 1))
        elif isinstance(value, list):
            stack.extend((item, f"{path}[{index}]", depth + 1) for index, item in enumerate(value))
    return found


def _json_body():
    try:
        return request.get_json(silent=True)
    except RecursionError:  # the standard parser's own limit, below any nesting that can matter
        raise TooDeep() from None


def fields_with_nul() -> list[str]:
    """The fields of this request that hold a NUL, named as the client sent them. Raises TooDeep."""
    fields = ["(path)"] if NUL in request.path else []
    fields += [name for source in (request.args, request.form)
               for name, value in source.items(multi=True) if NUL in name or NUL in value]
    fields += [name for name, upload in request.files.items(multi=True)
               if NUL in name or NUL in (upload.filename or "")]
    if request.is_json:
        fields += _json_paths_with_nul(_json_body())
    return sorted({_shown(field) for field in fields})


def init_app(app: Flask) -> None:
    @app.before_request
    def _refuse_bad_input():
        api = request.path.startswith("/api/")
        try:
            fields = fields_with_nul()
        except TooDeep:
            message = _("The JSON body is nested more than %(levels)d levels deep.", levels=MAX_DEPTH)
            if api:
                return json_error(400, "bad_request", message, [{"field": "(body)", "message": message}])
            return render_template("errors/error.html", error=BadRequest(), message=message), 400
        if not fields:
            return None
        message = _("Must not contain the NUL character (\\0).")
        if api:
            return json_error(422, "invalid", _("Some fields are wrong."),
                              [{"field": field, "message": message} for field in fields])
        return render_template("errors/error.html", error=BadRequest(), message=_(
            "The field %(field)s contains the NUL character (\\0), which no text can hold. Remove it and send the "
            "form again.", field=fields[0])), 400
