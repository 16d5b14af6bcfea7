"""The password policy, in one place: every way of setting a password (registration, a person's change, a login
staff create for a seeker) asks `password_problem` or `check_new_password`.

Length alone does not stop the passwords tried first: `aaaaaaaaaa`, `1234567890` and `password12` are long
enough. So a password is also refused when it is on the list of the most common passwords shipped in
services/data (or is one of them with digits or signs added at either end), or when it only repeats or counts
characters.
"""

import string
from functools import cache
from pathlib import Path

from .errors import DomainError
from .i18n import N_

MIN_LENGTH = 10
MAX_LENGTH = 200
COMMON_FILE = Path(__file__).parent / "data" / "common_passwords.txt"
#: what a common password is padded with to pass a length rule ("password12", "!!monkey2020")
PADDING = string.digits + string.punctuation + string.whitespace
#: runs that people type as passwords, forwards or backwards: counting, the alphabet, keyboard rows
RUNS = ("01234567890123456789", string.ascii_lowercase * 2, "qwertyuiopasdfghjklzxcvbnm" * 2)
#: a shorter common word left after the padding is stripped is too short to mean anything ("ab" in "ab7261...")
MIN_CORE = 3
#: fewer different characters than this is a repetition however they are arranged ("xxxxxxxxx7", "aabbaabbab")
MIN_DIFFERENT = 4


class PasswordError(DomainError):
    messages = {
        "too_short": N_("The password must have at least %(min)s characters."),
        "too_long": N_("The password can have at most %(max)s characters; this one has %(length)s."),
        "common": N_("This is one of the most used passwords, which are tried first: choose one that is "
                     "harder to guess."),
        "repeated": N_("This password only repeats or counts characters (such as aaaa, abab or 1234): choose one "
                       "that is harder to guess."),
        "same_as_username": N_("Choose a password different from your user name."),
        "wrong_current": N_("The current password is not right."),
        "same_as_current": N_("Choose a password different from the current one."),
        "wrong_password": N_("The password is not right."),
    }


@cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def _is_common(password: str) -> bool:
    lower = password.lower()
    core = lower.strip(PADDING)
    return lower in common_passwords() or (len(core) >= MIN_CORE and core in common_passwords())


def _is_repeated(password: str) -> bool:
    """A run such as 1234567890 or 9876543210, a unit of at most half the length repeated (aaaa, abcabcab), or
    hardly any different characters."""
    lower = password.lower()
    if len(set(lower)) < MIN_DIFFERENT or any(lower in run or lower in run[::-1] for run in RUNS):
        return True
    return any(lower == (lower[:k] * (len(lower) // k + 1))[:len(lower)] for k in range(1, len(lower) // 2 + 1))


def password_problem(password: str, *, username: str | None = None) -> PasswordError | None:
    """Why this new password is refused, or None when it may be used."""
    if len(password) < MIN_LENGTH:
        return PasswordError("too_short", min=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return PasswordError("too_long", max=MAX_LENGTH, length=len(password))
    if username and password.strip().lower() == username.strip().lower():
        return PasswordError("same_as_username")
    if _is_repeated(password):
        return PasswordError("repeated")
    if _is_common(password):
        return PasswordError("common")
    return None


def check_new_password(password: str, *, username: str | None = None) -> None:
    """Raise the PasswordError of `password_problem`, if any."""
    problem = password_problem(password, username=username)
    if problem is not None:
        raise problem
