"""Every refusal of the domain has its text, in English and in Chinese: the error types are found by walking the
services package, so a new area's DomainError is checked without being listed here."""

import ast
import importlib
import pkgutil
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

import services
from matcher.profile import ABILITY_KEYS
from services.errors import DomainError

ROOT = Path(services.__file__).resolve().parents[1]


def domain_errors() -> list[type[DomainError]]:
    for module in pkgutil.iter_modules(services.__path__):
        importlib.import_module(f"services.{module.name}")
    found, todo = [], [DomainError]
    while todo:
        subclasses = todo.pop().__subclasses__()
        found += subclasses
        todo += subclasses
    return sorted(found, key=lambda error: error.__name__)


ERRORS = domain_errors()
MESSAGES = [(error, code) for error in ERRORS for code in sorted(error.messages)]


def dummy(name: str, error: type[DomainError]):
    """A value for a parameter, of the kind the web app words by its name (webapp.errors.SHOWN)."""
    values = {"state": "confirmed", "ability": sorted(ABILITY_KEYS)[0], "categories": [2],
              "until": datetime(2026, 11, 30, 1, 15, tzinfo=timezone.utc),
              **dict.fromkeys(("day", "today", "start", "starts_on"), "2026-11-30"), "time": "2026-11-30T09:30:00",
              "reasons": [error("category_not_admitted", categories=[2])] if "category_not_admitted" in error.messages
              else []}
    return values.get(name, "7")


def test_every_area_is_found():
    assert {error.__name__ for error in ERRORS} >= {
        "ApplicationError", "DeclarationError", "FairError", "HireError", "PasswordError", "RegistrationError",
        "SeekerError", "SignUpError", "StaffSignUpError"}


def codes_of(node: ast.expr):
    """The codes an argument can be: a string, or either string of `"a" if x else "b"`."""
    if isinstance(node, ast.IfExp):
        yield from codes_of(node.body)
        yield from codes_of(node.orelse)
    elif isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value


def raised_codes(tree: ast.AST, names: set[str]):
    """(error name, code) for each Error("code", ...) written in the code."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, (ast.Name, ast.Attribute)) and node.args:
            name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
            if name in names:
                yield from ((name, code) for code in codes_of(node.args[0]))


def test_every_code_the_code_raises_has_a_message():
    by_name = {error.__name__: error for error in ERRORS}
    files = [*ROOT.joinpath("services").rglob("*.py"), *ROOT.joinpath("webapp").rglob("*.py"),
             *ROOT.joinpath("scheduler").rglob("*.py")]
    raised = {(name, code, path.relative_to(ROOT).as_posix()) for path in files
              for name, code in raised_codes(ast.parse(path.read_text(encoding="utf-8")), set(by_name))}
    assert len(raised) > 50  # the walk sees the raises
    assert {entry for entry in raised if entry[1] not in by_name[entry[0]].messages} == set()


@pytest.mark.parametrize(("error", "code"), MESSAGES, ids=[f"{e.__name__}.{c}" for e, c in MESSAGES])
def test_every_message_has_named_placeholders_only(error, code):
    text = error.messages[code]
    assert re.sub(r"%\(\w+\)s", "", text).count("%") == 0, text


@pytest.mark.db
@pytest.mark.parametrize(("error", "code"), MESSAGES, ids=[f"{e.__name__}.{c}" for e, c in MESSAGES])
def test_every_message_reads_in_english_and_chinese(app, error, code):
    from webapp.errors import error_text

    refusal = error(code, **{name: dummy(name, error) for name in re.findall(r"%\((\w+)\)s", error.messages[code])})
    with app.test_request_context("/?lang=en"):
        english = error_text(refusal)
    with app.test_request_context("/?lang=zh"):
        chinese = error_text(refusal)
    assert "%(" not in english and "%(" not in chinese
    assert chinese != english and re.search(r"[\u4e00-\u9fff]", chinese), chinese


def test_an_unknown_code_is_refused():
    with pytest.raises(KeyError, match="no_such_code"):
        ERRORS[0]("no_such_code")
