"""The command line's stricter reading of a record: every field known, numbers written as JSON numbers.

The engine (`assess`) takes what Python callers give it (numeric strings, extra keys the web app and the
scheduler carry); a file is checked first, so that a misspelt or unsupported field is an error naming it
rather than something silently ignored.
"""

from decimal import Decimal

from .decimals import plain
from .records import RecordError

#: field -> kind of value; null is always allowed here (the engine says when a field is required)
FIELDS = {
    "employer_id": "text", "jurisdiction": "text", "year": "whole", "employer_kind": "text",
    "staff": "number", "staff_by_month": "monthly", "short_time_staff": "number",
    "short_time_staff_by_month": "monthly", "avg_wage": "number", "local_avg_wage": "number",
    "no_action_years": "whole", "ecap_deduction": "number", "contracts_deduction": "number",
    "deductible_spending": "number", "workshop_labour": "number", "industry": "text", "disabled_employees": "employees",
}
EMPLOYEE_FIELDS = {"months": "number", "grade": "whole", "veteran_grade": "whole", "severe": "flag",
                   "hours_per_week": "number", "age": "whole", "disability": "text", "trainee": "flag",
                   "approved_places": "whole"}
#: former inputs that are rule data now
RULE_DATA = {"hourly_min_wage": "is rule data now (France: the SMIC at 31 December of the year, in rules/FR.json)"}
#: fields of the web declaration that decide who counts there; the engine counts whoever it is given
DECLARATION_ONLY = ("contract_months", "monthly_wage", "insurance_months")
DECLARATION_HINT = ("is not an input: the engine counts every employee it is given. Leave out those the "
                    "declaration would not count (a contract of 1 to 11 months, a wage below the local minimum, "
                    "no social insurance) and give the months of social insurance as months")
KINDS = {"text": "a text", "number": "a number", "whole": "a whole number", "flag": "true or false"}


def _value(value, kind: str, field: str, employer_id) -> None:
    if value is None:
        return
    if kind == "text":
        ok = isinstance(value, str)
    elif kind == "flag":
        ok = isinstance(value, bool)
    elif kind == "whole":
        # parse_float gives Decimal for anything written with a point or exponent: 2025.0 is not 2025 here
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, (int, Decimal)) and not isinstance(value, bool)
    if not ok:
        text = f"the text {plain(value)}" if isinstance(value, str) else plain(value)
        raise RecordError(field, f"must be {KINDS[kind]}, not {text}", employer_id)


def check(record) -> None:
    """Raise RecordError for an unknown field or a value of the wrong JSON type."""
    if not isinstance(record, dict):
        raise RecordError(None, "each line must be a JSON object")
    employer_id = record.get("employer_id") if isinstance(record.get("employer_id"), str) else None
    for field, value in record.items():
        if field in RULE_DATA:
            if value is not None:
                raise RecordError(field, RULE_DATA[field], employer_id)
            continue
        kind = FIELDS.get(field)
        if kind is None:
            raise RecordError(field, "is not a known field", employer_id)
        if kind == "monthly":
            if isinstance(value, list):
                for index, figure in enumerate(value):
                    _value(figure, "number", f"{field}[{index}]", employer_id)
        elif kind == "employees":
            for index, employee in enumerate(value if isinstance(value, list) else []):
                for name, figure in (employee.items() if isinstance(employee, dict) else ()):
                    where = f"disabled_employees[{index}].{name}"
                    if name in DECLARATION_ONLY:
                        raise RecordError(where, DECLARATION_HINT, employer_id)
                    if name not in EMPLOYEE_FIELDS:
                        raise RecordError(where, "is not a known field", employer_id)
                    _value(figure, EMPLOYEE_FIELDS[name], where, employer_id)
        else:
            _value(value, kind, field, employer_id)
