"""Texts of the domain in English, marked with N_ for extraction (`pybabel extract -k N_`); the web app
translates them where they are shown (refusals in services/errors.py, notices in services/notifications.py)."""


def N_(text: str) -> str:
    return text


def ngettext(singular: str, plural: str) -> tuple[str, str]:
    """Marks a text with a singular and a plural form (pybabel's default keyword `ngettext` extracts both); who
    shows it picks the form by its number (services/notice_text.py)."""
    return singular, plural
