"""Checking one employer record (a dict, as read from a JSON line) against the rules of its jurisdiction.

Every problem raises a RecordError naming the employer and the field, so staff can fix the source data.
Fields a jurisdiction does not use may be absent; those it uses (its rules' `inputs`) must be present.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from .decimals import plain, to_decimal
from .rulesets import RuleBook, RulesError, YearRules

MAX_MONTHS = 12
#: No staff count or wage comes near this; the cap keeps every intermediate within the working precision.
LARGEST = Decimal(10) ** 12


#: Japan: the kind of disability (a mental disability counts more in short hours); severity is `severe`
DISABILITIES = ("physical", "intellectual", "mental")
#: What kind of body the employer is (China: the small-employer exemption is for enterprises only).
EMPLOYER_KINDS = ("enterprise", "government", "public_institution", "social_organisation", "individual_business",
                  "farmers_cooperative", "other")
#: The unified social credit code (GB 32100-2015): 18 characters of this alphabet; the first (registering
#: authority) and second (kind) give the employer's kind.
CREDIT_CODE = re.compile(r"^[0-9A-HJ-NP-RTUW-Y]{18}$")
CREDIT_CODE_KINDS = {"11": "government", "12": "public_institution", "51": "social_organisation",
                     "52": "social_organisation", "53": "social_organisation", "59": "social_organisation",
                     "91": "enterprise", "92": "individual_business", "93": "farmers_cooperative"}


def kind_from_credit_code(code) -> str | None:
    """The employer kind told by a unified social credit code ("other" for the remaining registering
    authorities), or None when `code` is not shaped like one."""
    if not isinstance(code, str) or not CREDIT_CODE.match(code):
        return None
    return CREDIT_CODE_KINDS.get(code[:2], "other")


class RecordError(ValueError):
    """A record that cannot be assessed. `line` is set by whoever knows where the record came from."""

    def __init__(self, field: str | None, message: str, employer_id: str | None = None, line: int | None = None):
        super().__init__(message)
        self.field, self.message, self.employer_id, self.line = field, message, employer_id, line

    def __str__(self):
        where = [f"line {self.line}"] if self.line is not None else []
        where += [f"employer {self.employer_id}"] if self.employer_id else []
        where += [f"field {self.field}"] if self.field else []
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass(frozen=True)
class Employee:
    months: Decimal
    grade: int | None = None
    veteran_grade: int | None = None
    severe: bool | None = None
    hours_per_week: Decimal | None = None
    #: age on the last day of the year (France: 50 or more counts 1.5)
    age: int | None = None
    #: one of DISABILITIES
    disability: str | None = None
    #: Germany (§159): in vocational training; the places the employment agency approved counting on (1-3)
    trainee: bool | None = None
    approved_places: int | None = None

    def facts(self) -> dict:
        """What the rules' employee weights may test."""
        return {"grade": self.grade, "veteran_grade": self.veteran_grade, "severe": self.severe,
                "hours_per_week": self.hours_per_week, "age": self.age, "disability": self.disability,
                "trainee": self.trainee, "approved_places": self.approved_places}


@dataclass(frozen=True)
class Employer:
    employer_id: str
    rules: YearRules
    #: staff of each month listed (a yearly `staff` figure stands for 12 equal months); 0 where not in operation
    staff_by_month: tuple[Decimal, ...]
    #: for each month listed, whether the employer was in operation (a null monthly figure: not)
    in_operation: tuple[bool, ...]
    #: short-time workers of the same months (zeros where the rules do not count them)
    short_time_by_month: tuple[Decimal, ...]
    #: the `staff` figure when `staff_by_month` was given too (then only shown, not used)
    staff_given: Decimal | None
    avg_wage: Decimal | None
    local_avg_wage: Decimal | None
    no_action_years: int | None
    employees: tuple[Employee, ...]
    #: one of EMPLOYER_KINDS, or "unknown" (no employer_kind, and employer_id is not a credit code)
    employer_kind: str = "unknown"
    #: "given" (employer_kind), "credit_code" (derived from employer_id) or None (unknown)
    kind_from: str | None = None
    #: the amount of each of the rules' deductions (by its input field; 0 when not given)
    deduction_inputs: dict | None = None
    #: the employer's industry, as the rules' workforce_exclusions name it (Japan: 除外率設定業種)
    industry: str | None = None


def _number(value, field: str, employer_id, maximum=None, whole=False) -> Decimal:
    try:
        number = to_decimal(value)
    except (TypeError, ValueError, ArithmeticError):
        raise RecordError(field, f"must be a number, not {plain(value)}", employer_id) from None
    if number < 0:
        raise RecordError(field, f"must not be negative ({value})", employer_id)
    if number > (LARGEST if maximum is None else maximum):
        raise RecordError(field, f"{value} is more than {LARGEST if maximum is None else maximum}", employer_id)
    if whole and number != number.to_integral_value():
        raise RecordError(field, f"must be a whole number, not {value}", employer_id)
    return number


def _monthly(value, field: str, employer_id, closed_months=False) -> tuple[Decimal | None, ...]:
    """`closed_months`: null stands for a month the employer was not in operation."""
    if not isinstance(value, list) or not value:
        raise RecordError(field, "must be a list of 1 to 12 monthly figures", employer_id)
    if len(value) > MAX_MONTHS:
        raise RecordError(field, f"{len(value)} months given; a year has at most {MAX_MONTHS}", employer_id)
    if closed_months and all(v is None for v in value):
        raise RecordError(field, "no month in operation (every figure is null)", employer_id)
    return tuple(None if v is None and closed_months else _number(v, f"{field}[{i}]", employer_id)
                 for i, v in enumerate(value))


def _present(record: dict, field: str) -> bool:
    return record.get(field) is not None


def _grade(value, field, employer_id, highest) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= highest:
        raise RecordError(field, f"must be a grade from 1 to {highest} or null, not {plain(value)}", employer_id)
    return value


def _employee(item, index: int, inputs: dict, months_in_year: int, employer_id) -> Employee:
    prefix = f"disabled_employees[{index}]"
    if not isinstance(item, dict):
        raise RecordError(prefix, "must be an object", employer_id)
    for field in inputs.get("employee", []):
        if not _present(item, field):
            raise RecordError(f"{prefix}.{field}", "is required for this jurisdiction", employer_id)
    for group in inputs.get("employee_one_of", []):
        if not any(_present(item, field) for field in group):
            raise RecordError(f"{prefix}.{'|'.join(group)}", f"one of {', '.join(group)} is required", employer_id)
    if not _present(item, "months"):
        raise RecordError(f"{prefix}.months", "is required", employer_id)
    months = _number(item["months"], f"{prefix}.months", employer_id)
    if months > MAX_MONTHS:
        raise RecordError(f"{prefix}.months", f"{months} months; a year has at most {MAX_MONTHS}", employer_id)
    if months > months_in_year:
        raise RecordError(f"{prefix}.months", f"{months} months, but the staff figures cover {months_in_year}"
                          " months in operation", employer_id)
    for flag in ("severe", "trainee"):
        if item.get(flag) is not None and not isinstance(item[flag], bool):
            raise RecordError(f"{prefix}.{flag}", f"must be true, false or null, not {plain(item[flag])}",
                              employer_id)
    hours = item.get("hours_per_week")
    age = item.get("age")
    if age is not None and (isinstance(age, bool) or not isinstance(age, int) or not 14 <= age <= 100):
        raise RecordError(f"{prefix}.age", f"must be a whole number of years from 14 to 100, not {plain(age)}",
                          employer_id)
    disability = item.get("disability")
    if disability is not None and disability not in DISABILITIES:
        raise RecordError(f"{prefix}.disability", f"must be one of {', '.join(DISABILITIES)} or null, not "
                          f"{plain(disability)}", employer_id)
    places = item.get("approved_places")
    if places is not None and (isinstance(places, bool) or places not in (1, 2, 3)):
        raise RecordError(f"{prefix}.approved_places", f"must be 1, 2, 3 or null, not {plain(places)}", employer_id)
    return Employee(
        months=months,
        grade=_grade(item.get("grade"), f"{prefix}.grade", employer_id, 4),
        veteran_grade=_grade(item.get("veteran_grade"), f"{prefix}.veteran_grade", employer_id, 10),
        severe=item.get("severe"),
        hours_per_week=None if hours is None else _number(hours, f"{prefix}.hours_per_week", employer_id, 168),
        age=age,
        disability=disability,
        trainee=item.get("trainee"),
        approved_places=places,
    )


def parse(record, book: RuleBook) -> Employer:
    """Check a record and return it with its rules; raise RecordError on the first problem."""
    if not isinstance(record, dict):
        raise RecordError(None, "each line must be a JSON object")
    employer_id = record.get("employer_id")
    if not isinstance(employer_id, str) or not employer_id.strip():
        raise RecordError("employer_id", "is required (a non-empty string)")
    for field in ("jurisdiction", "year"):
        if not _present(record, field):
            raise RecordError(field, "is required", employer_id)
    try:
        rules = book.year_rules(record["jurisdiction"], record["year"])
    except RulesError as error:
        raise RecordError(error.field, str(error), employer_id) from None
    params, inputs = rules.params, rules.params["inputs"]

    if _present(record, "staff_by_month"):
        staff_by_month = _monthly(record["staff_by_month"], "staff_by_month", employer_id, closed_months=True)
    elif _present(record, "staff"):
        staff_by_month = (_number(record["staff"], "staff", employer_id),) * MAX_MONTHS
    else:
        raise RecordError("staff", "staff or staff_by_month is required", employer_id)
    in_operation = tuple(figure is not None for figure in staff_by_month)
    staff_by_month = tuple(Decimal(0) if figure is None else figure for figure in staff_by_month)
    staff_given = (_number(record["staff"], "staff", employer_id)
                   if _present(record, "staff") and _present(record, "staff_by_month") else None)

    short_time_by_month = (Decimal(0),) * len(staff_by_month)
    if params["short_time"]:
        if _present(record, "short_time_staff_by_month"):
            short_time_by_month = _monthly(record["short_time_staff_by_month"], "short_time_staff_by_month",
                                           employer_id)
            if len(short_time_by_month) != len(staff_by_month):
                raise RecordError("short_time_staff_by_month",
                                  f"has {len(short_time_by_month)} months, staff {len(staff_by_month)}", employer_id)
            for index, (short, open_) in enumerate(zip(short_time_by_month, in_operation)):
                if short and not open_:
                    raise RecordError(f"short_time_staff_by_month[{index}]",
                                      "has workers in a month the employer was not in operation", employer_id)
        elif _present(record, "short_time_staff"):
            short_time = _number(record["short_time_staff"], "short_time_staff", employer_id)
            short_time_by_month = tuple(short_time if open_ else Decimal(0) for open_ in in_operation)

    for field in inputs.get("employer", []):
        # A monthly list stands in for its yearly figure (short_time_staff_by_month for short_time_staff).
        if not _present(record, field) and not _present(record, f"{field}_by_month"):
            raise RecordError(field, "is required for this jurisdiction", employer_id)

    def optional(field, **checks):
        return _number(record[field], field, employer_id, **checks) if _present(record, field) else None

    employees = record.get("disabled_employees") or []
    if not isinstance(employees, list):
        raise RecordError("disabled_employees", "must be a list", employer_id)
    no_action = optional("no_action_years", whole=True)
    industry = record.get("industry")
    if industry is not None and not isinstance(industry, str):
        raise RecordError("industry", f"must be a text, not {plain(industry)}", employer_id)
    kind, kind_from = record.get("employer_kind"), "given"
    if kind is None:
        kind, kind_from = kind_from_credit_code(employer_id), "credit_code"
        if kind is None:
            kind, kind_from = "unknown", None
    elif kind not in EMPLOYER_KINDS:
        raise RecordError("employer_kind", f"must be one of {', '.join(EMPLOYER_KINDS)}, not {plain(kind)}",
                          employer_id)
    return Employer(
        employer_id=employer_id,
        rules=rules,
        staff_by_month=staff_by_month,
        in_operation=in_operation,
        short_time_by_month=short_time_by_month,
        staff_given=staff_given,
        avg_wage=optional("avg_wage"),
        local_avg_wage=optional("local_avg_wage"),
        no_action_years=None if no_action is None else int(no_action),
        employees=tuple(_employee(item, i, inputs, sum(in_operation), employer_id)
                        for i, item in enumerate(employees)),
        employer_kind=kind,
        kind_from=kind_from,
        deduction_inputs={d["input"]: optional(d["input"]) or Decimal(0) for d in params["deductions"]},
        industry=industry,
    )
