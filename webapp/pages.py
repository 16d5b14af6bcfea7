"""Long lists in pages: the page number from the query string, and the URL of another page of the same list
(services.pages counts and loads the page; templates/_pager.html shows the pager)."""

from flask import Flask, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.exceptions import BadRequest
from wtforms import StringField
from wtforms.validators import Length, Optional

#: longer numbers are past any last page; int() of thousands of digits is slow, so they are not converted
MAX_DIGITS = 9


class BadPageNumber(BadRequest):
    def __init__(self, arg: str = "page"):
        super().__init__()
        self.arg = arg


class SearchForm(FlaskForm):
    """The search box over a long list: a GET form that changes nothing, so it carries no CSRF token. Each list
    names the box for what it searches (`form.q.label.text`)."""

    class Meta:
        csrf = False

    q = StringField(_l("Search"), validators=[Optional(), Length(max=100, message=_l("At most 100 characters."))])


def search_form(label: str, form_class: type[SearchForm] = SearchForm) -> SearchForm:
    """The list's search form filled from the query string (page numbers and other lists' arguments ignored)."""
    form = form_class(formdata=request.args)
    form.q.label.text = label
    return form


def page_number(arg: str = "page") -> int:
    """?page= (or another argument, for a second list on the page) as a whole number of 1 or more (1 when
    absent); a page past the end shows the last page."""
    raw = request.args.get(arg, "").strip()
    if not raw:
        return 1
    if not (raw.isascii() and raw.isdigit()) or int(raw[:MAX_DIGITS + 1]) < 1:
        raise BadPageNumber(arg)
    return int(raw) if len(raw) <= MAX_DIGITS else 10 ** MAX_DIGITS


def page_url(number: int, arg: str = "page") -> str:
    """This list's URL at another page, with its search (and the page of any other list) kept."""
    args = request.args.to_dict(flat=False)
    args[arg] = [str(number)]
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(page_url=page_url)

    @app.errorhandler(BadPageNumber)
    def _bad_page(error):
        return render_template("errors/error.html", error=error, message=_(
            "The page number (%(arg)s) must be a whole number of 1 or more, such as 2.", arg=error.arg)), 400
