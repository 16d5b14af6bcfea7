"""A notice's text in a given language, without Flask: the one renderer of notification kinds, used by the web
app for the reader, by the SMS outbox for the person written to and by the call list for what staff read out.

The catalogue is the web app's (webapp/translations, compiled by `pybabel compile`): one set of texts."""

from datetime import date, datetime, tzinfo
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

from . import dates
from .i18n import N_
from .labels import STATES
from .notifications import COUNTED, KINDS

CATALOGUE = Path(__file__).resolve().parent.parent / "webapp" / "translations"
LANGUAGES = ("zh", "en")
#: shown when a stored notice's kind is unknown or its parameters no longer fit (rows older than their kind)
FALLBACK = N_("A message about your account. Federation staff can tell you more.")
#: an ISO week ("2026-W48") in a sentence
WEEK = N_("week %(number)s of %(year)s")


@lru_cache(maxsize=None)
def translations(language: str) -> NullTranslations:
    if language == "en":
        return NullTranslations()
    return Translations.load(str(CATALOGUE), [language])


def _formatters(language: str, tz: tzinfo) -> dict:
    gettext, ngettext = translations(language).gettext, translations(language).ngettext

    def counted(noun: str):
        def shown(value) -> str:
            number = len(value) if isinstance(value, list) else int(value)
            return ngettext(*COUNTED[noun], number) % {"num": number}
        return shown

    return {
        "text": lambda value: value,
        "date": lambda value: dates.day(date.fromisoformat(value), language),
        "datetime": lambda value: dates.moment(datetime.fromisoformat(value), language, tz),
        "state": lambda value: gettext(STATES[value]) if value in STATES else str(value),
        "count": len,
        "money": lambda value: format_decimal(Decimal(value), "#,##0.00", locale=language),
        "bilingual": lambda value: value["en" if language == "en" else "zh"],
        "week": lambda value: gettext(WEEK) % {"year": value[:4], "number": int(value.split("-W")[1])},
        **{noun: counted(noun) for noun in COUNTED},
    }


def notice_text(kind: str, params: dict | None, language: str, tz: tzinfo) -> str:
    """The notice's sentence in `language` (zh or en), its parameters formatted for that language and zone."""
    gettext = translations(language if language in LANGUAGES else "zh").gettext
    registered = KINDS.get(kind)
    params = params or {}
    if registered is None or not set(registered.params) <= set(params):
        return gettext(FALLBACK)
    formatters = _formatters(language, tz)
    values = {name: formatters[fmt](params[name]) for name, fmt in registered.params.items()}
    return gettext(registered.text) % values
