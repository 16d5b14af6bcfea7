"""Language: Chinese by default; ?lang=en or ?lang=zh on any URL switches and is remembered. Dates and times
are shown in the one format of each language (services.dates)."""

from datetime import date, datetime

from flask import Flask, g, request, session, url_for
from flask_babel import format_datetime, get_locale, get_translations
from flask_login import current_user

from services import dates

from .clock import clock
from .extensions import babel

LANGUAGES = {"zh": ("中文", "zh-CN"), "en": ("English", "en")}
DEFAULT = "zh"


def select_locale() -> str:
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        return asked
    if session.get("lang") in LANGUAGES:
        return session["lang"]
    if current_user.is_authenticated and current_user.locale in LANGUAGES:
        return current_user.locale
    return DEFAULT


def _remember_choice() -> None:
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        session["lang"] = asked


def current_language() -> str:
    return str(get_locale() or DEFAULT).split("_")[0]


def language_url(code: str) -> str:
    """This page's URL in another language (the query string kept, lang replaced)."""
    args = request.args.to_dict(flat=False)
    args["lang"] = [code]
    if request.endpoint and request.url_rule:
        return url_for(request.endpoint, **(request.view_args or {}), **args)
    return request.path + "?lang=" + code


#: the formats a template may ask for: the one date (or date and time) of the language, or it with the weekday
ONE_FORMAT = {"short": False, "medium": False, "long": False, "full": True}


def show_day(value: date | datetime | None, format: str = "medium") -> str:
    """A day in the reader's language, whatever length a template asks for ("full" adds the weekday); a stored
    time is read as its day in the district."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = clock().local(value).date()
    return dates.day(value, current_language(), weekday=ONE_FORMAT.get(format, False))


def show_moment(value: datetime | None, format: str = "medium") -> str:
    """A stored time in the district's zone and the reader's language ("full" adds the weekday); a pattern such
    as 'HH:mm' is applied as it is."""
    if value is None:
        return ""
    if format not in ONE_FORMAT:
        return format_datetime(clock().local(value), format)
    return dates.moment(value, current_language(), clock().tz, weekday=ONE_FORMAT[format])


def _translations():
    # flask-babel looks the catalogue up anew on each call (about 13 µs); pages make hundreds of calls, and one
    # look-up per request is enough since the language is fixed for the request.
    translations = g.get("_translations")
    if translations is None:
        translations = g._translations = get_translations()
    return translations


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", "translations")
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.install_gettext_callables(lambda s: _translations().ugettext(s),
                                            lambda s, p, n: _translations().ungettext(s, p, n), newstyle=True)
    app.before_request(_remember_choice)
    # in place of flask-babel's filters of the same names, so that every template says dates one way
    app.jinja_env.filters.update(dateformat=show_day, datetimeformat=show_moment)

    @app.context_processor
    def _language_context():
        lang = current_language()
        return {"lang": lang, "html_lang": LANGUAGES[lang][1], "languages": LANGUAGES, "language_url": language_url}
