"""Error pages in the user's language, inside the accessible layout; JSON errors under /api/."""

from datetime import date, datetime

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext
from werkzeug.exceptions import HTTPException

from services.errors import DomainError

from .clock import clock
from .db import get_session
from .i18n import show_day, show_moment
from .labels import ability_name, category_label, state_label

#: how a refusal's parameter reads in the reader's language, by its name; the others are shown as they are
SHOWN = {
    "state": state_label,
    "ability": ability_name,
    "categories": lambda codes: ", ".join(category_label(code) for code in codes),
    "reasons": lambda reasons: " ".join(error_text(reason) for reason in reasons),
    "until": lambda moment: clock().local(moment).strftime("%H:%M"),
    # days and times, sent as ISO text or as dates: in the one format of the reader's language
    **dict.fromkeys(("day", "today", "start", "starts_on"),
                    lambda day: show_day(date.fromisoformat(day) if isinstance(day, str) else day)),
    "time": lambda moment: show_moment(datetime.fromisoformat(moment) if isinstance(moment, str) else moment),
}


def error_text(error: DomainError) -> str:
    """What a refusal of the domain says, in the reader's language (its text is declared with the error)."""
    return gettext(error.message, **{name: SHOWN.get(name, str)(value) for name, value in error.params.items()})


def json_error(status: int, code: str, message: str, fields: list[dict] | None = None):
    body = {"error": {"code": code, "message": message}}
    if fields:
        body["error"]["fields"] = fields
    return jsonify(body), status


def init_app(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        # Keep what the error says in its headers (Allow on a 405, WWW-Authenticate), whatever the body.
        headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
        if error.code >= 500:
            # What failed may have left the transaction broken (a refused flush, an aborted PostgreSQL
            # transaction): end it before the page reads anything (the user, the unread notices).
            get_session().rollback()
        if request.path.startswith("/api/"):
            response, status = json_error(error.code, error.name.lower().replace(" ", "_"), error.description)
            response.headers.extend(headers)
            return response, status
        return render_template("errors/error.html", error=error), error.code, headers
