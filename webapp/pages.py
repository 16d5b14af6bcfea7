"""Long lists in pages: the page number from the query string, and the URL of another page of the same list
(services.pages counts and loads the page; templates/_pager.html shows the pager)."""

from flask import Flask, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.exceptions import BadRequest

#: longer numbers are past any last page; int() of thousands of digits is slow, so they are not converted
MAX_DIGITS = 9


class BadPageNumber(BadRequest):
    pass


def page_number() -> int:
    """?page= as a whole number of 1 or more (1 when absent); a page past the end shows the last page."""
    raw = request.args.get("page", "").strip()
    if not raw:
        return 1
    if not (raw.isascii() and raw.isdigit()) or int(raw[:MAX_DIGITS + 1]) < 1:
        raise BadPageNumber()
    return int(raw) if len(raw) <= MAX_DIGITS else 10 ** MAX_DIGITS


def page_url(number: int) -> str:
    """This list's URL at another page, with its search kept."""
    args = request.args.to_dict(flat=False)
    args["page"] = [str(number)]
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(page_url=page_url)

    @app.errorhandler(BadPageNumber)
    def _bad_page(error):
        return render_template("errors/error.html", error=error, message=_(
            "The page number (page) must be a whole number of 1 or more, such as 2.")), 400
