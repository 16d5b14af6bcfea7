"""What hiring one more disabled person would change, for the employer's dashboard."""

from dataclasses import dataclass
from decimal import Decimal

from .assess import Assessment, assess
from .conditions import matches
from .decimals import to_decimal
from .records import MAX_MONTHS, RecordError, plain
from .rulesets import DEFAULT, RuleBook


@dataclass(frozen=True)
class HireEffect:
    before: Assessment
    after: Assessment

    @property
    def counted_change(self) -> Decimal:
        return self.after.counted - self.before.counted

    @property
    def levy_change(self) -> Decimal:
        """Negative when the hire lowers the levy."""
        return self.after.levy_due - self.before.levy_due


def what_if_hire(record: dict, employee: dict, rulebook: RuleBook | None = None) -> HireEffect:
    """Assess `record` as it is and with one more disabled employee (e.g. ``{"grade": 2, "months": 6}``).

    The hire also joins the staff, for the last `months` months of the year: a new employee raises the
    quota as well as the count. Under rules that count short-time workers at a fraction (Japan), a hire
    whose weekly hours fall in the short-time band joins those instead.
    """
    book = rulebook or DEFAULT
    before = assess(record, book)
    months = employee.get("months")
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= MAX_MONTHS:
        raise RecordError("employee.months", f"must be a whole number of months from 1 to 12, not {plain(months)}",
                          record.get("employer_id"))
    params = book.year_rules(record["jurisdiction"], record["year"]).params

    changed = {key: value for key, value in record.items() if key not in ("staff", "short_time_staff")}
    # null monthly figures (not in operation) stay null: the hire joins the months in operation only
    staff = [None if v is None else to_decimal(v) for v in record["staff_by_month"]] \
        if record.get("staff_by_month") is not None else [to_decimal(record["staff"])] * MAX_MONTHS
    short_time = params["short_time"]
    if record.get("short_time_staff_by_month") is not None:
        short = [to_decimal(v) for v in record["short_time_staff_by_month"]]
    else:
        short = [to_decimal(record.get("short_time_staff") or 0) if v is not None else 0 for v in staff]
    hours = employee.get("hours_per_week")
    joins_short = bool(short_time) and hours is not None and matches(
        {"hours_per_week": short_time["hours"]}, {"hours_per_week": to_decimal(hours)})
    target = short if joins_short else staff
    for index in [i for i, v in enumerate(staff) if v is not None][-months:]:
        target[index] += 1
    changed["staff_by_month"] = staff
    changed["short_time_staff_by_month"] = short
    changed["disabled_employees"] = list(record.get("disabled_employees") or []) + [employee]
    return HireEffect(before, assess(changed, book))
