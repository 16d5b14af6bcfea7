"""Error pages in the user's language, inside the accessible layout."""

from flask import Flask, render_template
from werkzeug.exceptions import HTTPException


def init_app(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        return render_template("errors/error.html", error=error), error.code
