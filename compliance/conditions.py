"""The `when` clauses of rule data: which tier, weight or rounding applies to the facts at hand.

A clause maps a fact's name to a literal (equality) or to comparisons, all of which must hold:
``{"ratio": {"gte": 0.01}, "severe": true}``. A fact that is missing or null fails every test, so that
``{"veteran_grade": {"lte": 3}}`` never matches a person without a veteran grade. No clause matches always.
"""

import operator

OPERATORS = {
    "lt": operator.lt,
    "lte": operator.le,
    "gt": operator.gt,
    "gte": operator.ge,
    "eq": operator.eq,
    "in": lambda value, options: value in options,
}


def matches(when: dict | None, facts: dict) -> bool:
    for name, test in (when or {}).items():
        value = facts.get(name)
        if value is None:
            return False
        if isinstance(test, dict):
            if not all(OPERATORS[op](value, operand) for op, operand in test.items()):
                return False
        elif value != test:
            return False
    return True


def first_match(entries: list[dict], facts: dict) -> dict | None:
    """The first entry whose `when` holds (entries are ordered from the most specific to the fallback)."""
    return next((entry for entry in entries if matches(entry.get("when"), facts)), None)


def check(when: dict | None, where: str) -> None:
    """Reject a clause with an unknown operator when the rule data is loaded, not when an employer hits it."""
    for name, test in (when or {}).items():
        if isinstance(test, dict):
            unknown = set(test) - set(OPERATORS)
            if unknown:
                raise ValueError(f"{where}: unknown operator {sorted(unknown)} for {name!r}")
