"""The `when` clauses of rule data: which tier, weight or rounding applies to the facts at hand.

A clause maps a fact's name to a literal (equality) or to comparisons, all of which must hold:
``{"ratio": {"gte": 0.01}, "severe": true}``. A fact that is missing or null fails every test, so that
``{"veteran_grade": {"lte": 3}}`` never matches a person without a veteran grade. No clause matches always.
``{"any": [clause, ...]}`` holds when one of its clauses does (China: liable with more than 30 staff, or
when not an enterprise).
"""

import operator

OPERATORS = {
    "lt": operator.lt,
    "lte": operator.le,
    "gt": operator.gt,
    "gte": operator.ge,
    "eq": operator.eq,
    "ne": operator.ne,
    "in": lambda value, options: value in options,
}


def matches(when: dict | None, facts: dict) -> bool:
    for name, test in (when or {}).items():
        if name == "any":
            if not any(matches(clause, facts) for clause in test):
                return False
            continue
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


def names(when: dict | None) -> set[str]:
    """The facts a clause tests."""
    found = set()
    for name, test in (when or {}).items():
        found |= set().union(*map(names, test)) if name == "any" else {name}
    return found


def check(when: dict | None, where: str) -> None:
    """Reject a clause with an unknown operator when the rule data is loaded, not when an employer hits it."""
    for name, test in (when or {}).items():
        if name == "any":
            if not isinstance(test, list) or not test:
                raise ValueError(f"{where}: 'any' takes a non-empty list of clauses")
            for clause in test:
                check(clause, where)
        elif isinstance(test, dict):
            unknown = set(test) - set(OPERATORS)
            if unknown:
                raise ValueError(f"{where}: unknown operator {sorted(unknown)} for {name!r}")
