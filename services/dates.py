"""Dates and times as people read them, one format per language, for pages, notices, SMS and the call list alike:
Chinese 2026年11月29日 and 2026年11月29日 14:05, English Nov 29, 2026 and Nov 29, 2026, 2:05 PM (CLDR's medium
date and short time). Appointments may add the weekday: 2026年11月29日周日, Sun, Nov 29, 2026.

Machine formats (ISO dates in CSV files, form values and .ics files) are not made here."""

from datetime import date, datetime, timezone, tzinfo

from babel.dates import format_date, format_skeleton, format_time, get_datetime_format

#: the CLDR skeleton of a date with its weekday: the medium date with the short weekday added
WITH_WEEKDAY = "yMMMEd"


def locale_of(language: str) -> str:
    return "en" if language == "en" else "zh"


def day(value: date, language: str, weekday: bool = False) -> str:
    """A calendar day: 2026年11月29日 / Nov 29, 2026 (with the weekday: 2026年11月29日周日 / Sun, Nov 29, 2026)."""
    locale = locale_of(language)
    if weekday:
        return format_skeleton(WITH_WEEKDAY, value, locale=locale)
    return format_date(value, "medium", locale=locale)


def moment(value: datetime, language: str, tz: tzinfo, weekday: bool = False) -> str:
    """A point in time in the zone tz (a naive one is UTC, as stored): the day as `day` says it, then hours and
    minutes: 2026年11月29日 14:05 / Nov 29, 2026, 2:05 PM."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    value = value.astimezone(tz)
    locale = locale_of(language)
    return get_datetime_format("medium", locale=locale).replace("{1}", day(value.date(), language, weekday)).replace(
        "{0}", format_time(value, "short", locale=locale))
