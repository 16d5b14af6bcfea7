"""Texts of the domain in English, marked with N_ for extraction (`pybabel extract -k N_`); the web app
translates them where they are shown (refusals in services/errors.py, notices in services/notifications.py)."""


def N_(text: str) -> str:
    return text
