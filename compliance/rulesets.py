"""Rule sets: loading the JSON files in `rules/`, following `inherits`, and resolving the rules of one year.

A rule set file holds dated `periods`; each period changes some parameters from its first month on
(``"from": "2018-01"``). A province that `inherits` a nation adds its own periods: the nation's and the
province's periods are applied in date order, the province's last on the same date, so a province keeps
its choices until the nation changes the same parameter later. `until` is the last month the rules are
known to hold; a year reaching past it has no rules rather than silently reusing old ones.

`dates` says which year the dates of a rule set refer to. "data_year": a period applies to the months of
the year assessed (Japan's July 2026 rate applies from that month of its fiscal year). "collection_year":
the dates are those of the notices, which apply to the levy collected then, i.e. to the data of the year
before: data year Y is assessed under the rules in force in month `collected_in_month` of year Y + 1
(China: the 2019 reform applied to the 2020 collection of 2019 data). `until` is read on the same calendar.
"""

import json
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from . import conditions
from .decimals import plain

RULES_DIR = Path(__file__).with_name("rules")

#: A jurisdiction code names a file: ISO country, optionally a subdivision (CN-ZJ).
CODE = re.compile(r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")

#: Every parameter a year's rules must have once all periods are applied (see README for their meaning).
PARAMS = {
    "method",  # "annual": persons over the year; "monthly": person-months, each month at its own ratio
    "year_start_month",  # 1 for calendar years, 4 for Japan's fiscal year
    "inputs",  # record fields the jurisdiction needs: {"employer": [...], "employee": [...], "employee_one_of": [[...]]}
    "staff_average_over",  # "months_in_operation" (those with a figure), or "year": the other months count 0
    "staff_rounding",  # null, or {"places": 0, "mode": "half_up"} for a province that rounds the average
    "short_time",  # null, or {"weight": 0.5, "hours": {...}}: short-time workers counted as a fraction
    "liability",  # null (every employer liable), or {"when": {...}} on the staff, optionally "min_months"
    "ratio",  # the quota, e.g. 0.015
    "workforce_exclusions",  # [{"when": {"industry": ...}, "rate": 0.1, "label"}]: staff share left out of the quota
    "required_rounding",  # null, or {"each": "month"|"total", "modes": [{"when": {...}, "mode": "down"}, ...]}
    "required_cap",  # [{"when": {...}, "persons": 1}]: small employers' fixed obligation
    "employee_weights",  # [{"when": {...}, "weight": 2}, ..., {"weight": 1}], first match
    "hours_full_time",  # null, or weekly hours of full time: a part-timer counts hours / full time
    "levy_base",  # "fixed", "capped_wage" or "hourly_min_wage"
    "wage_cap_multiple",  # with capped_wage: the employer's wage is capped at this x local average wage (null: none)
    "hourly_min_wage",  # with hourly_min_wage: the hourly minimum wage of the year (France: SMIC at 31 December)
    "deductions",  # [{"id", "input", "share", "caps": [{"when", "share_of_levy"}], "label"}]: amounts off the levy
    "tiers",  # [{"id", "when", "label": {"zh", "en"}, "amount" | "times" | "pay_share"}], first match
    "money_places",  # decimals of the currency
}
LEVY_BASES = {"fixed", "capped_wage", "hourly_min_wage"}
DATES = {"data_year", "collection_year"}


class RulesError(LookupError):
    """No rules for a jurisdiction or year; `field` is the record field at fault."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class YearRules:
    """The rules that apply to one jurisdiction's assessment year."""

    code: str
    year: int
    name: dict
    currency: str
    #: (year, month) of each month of the assessment year, in order
    months: tuple[tuple[int, int], ...]
    #: parameters in force in the year's first month (or at collection, see `rules_month`)
    params: dict
    #: the quota of each month (Japan's rate changes in July 2026, within its fiscal year)
    ratios: tuple[Decimal, ...]
    sources: tuple[str, ...]
    #: where the rule set's dates refer to the collection year: the month (of year + 1) whose rules apply
    rules_month: tuple[int, int] | None = None


def _month(text: str) -> tuple[int, int]:
    year, month = text.split("-")
    return int(year), int(month)


def _months_of(year: int, start_month: int) -> tuple[tuple[int, int], ...]:
    first = year * 12 + start_month - 1
    return tuple((index // 12, index % 12 + 1) for index in range(first, first + 12))


class RuleBook:
    """The rule sets of one directory, loaded on first use and cached."""

    def __init__(self, directory: Path | str = RULES_DIR):
        self.directory = Path(directory)
        self._files: dict[str, dict] = {}
        self._cached_year_rules = lru_cache(maxsize=256)(self._year_rules)

    def codes(self) -> list[str]:
        return sorted(path.stem for path in self.directory.glob("*.json") if CODE.match(path.stem))

    def _file(self, code: str) -> dict:
        if code not in self._files:
            path = self.directory / f"{code}.json"
            if not CODE.match(code) or not path.is_file():
                raise RulesError("jurisdiction", f"unknown jurisdiction {plain(code)} (known: {', '.join(self.codes())})")
            with path.open(encoding="utf-8") as handle:
                data = json.load(handle, parse_float=Decimal)
            if data.get("jurisdiction") != code:
                raise ValueError(f"{path}: its jurisdiction is {data.get('jurisdiction')!r}, not {code!r}")
            self._files[code] = data
        return self._files[code]

    def _chain(self, code: str, seen=()) -> list[dict]:
        """The file and its ancestors, the nation first."""
        if code in seen:
            raise ValueError(f"rule sets inherit in a circle: {' -> '.join(seen + (code,))}")
        data = self._file(code)
        parent = data.get("inherits")
        return (self._chain(parent, seen + (code,)) if parent else []) + [data]

    def _periods(self, code: str) -> list[tuple[tuple[int, int], int, dict]]:
        """All periods of the chain as (first month, depth, period), in the order they apply."""
        chain = self._chain(code)
        periods = [(_month(p["from"]), depth, p) for depth, data in enumerate(chain) for p in data["periods"]]
        return sorted(periods, key=lambda item: (item[0], item[1]))

    def _inherited(self, code: str, key: str):
        return next((data[key] for data in reversed(self._chain(code)) if key in data), None)

    def _params_at(self, periods, month: tuple[int, int]) -> tuple[dict, list[str]]:
        params, sources = {}, []
        for first, _, period in periods:
            if first <= month:
                params.update(period.get("params", {}))
                sources += [s for s in period.get("sources", []) if s not in sources]
        return params, sources

    def year_rules(self, code: str, year: int) -> YearRules:
        """The rules of `code` for the assessment `year`; RulesError if there are none."""
        # Checked before the cache, where 2025.0 and True would pass for 2025 and 1.
        if isinstance(year, bool) or not isinstance(year, int):
            raise RulesError("year", f"year must be a whole number, not {plain(year)}")
        if not isinstance(code, str):
            raise RulesError("jurisdiction", f"unknown jurisdiction {plain(code)}")
        return self._cached_year_rules(code, year)

    def _lookups(self, code: str, year: int, start_month: int) -> tuple[tuple[int, int], ...]:
        """The month of the rules that applies to each month of data `year`."""
        dates = self._inherited(code, "dates")
        if dates["refer_to"] == "collection_year":
            return ((year + 1, dates["collected_in_month"]),) * 12
        return _months_of(year, start_month)

    def _year_rules(self, code: str, year: int) -> YearRules:
        periods = self._periods(code)
        if not periods or not self._inherited(code, "until"):
            raise ValueError(f"rules {code}: a rule set needs periods and an until month")
        dates = self._inherited(code, "dates")
        if not dates or dates.get("refer_to") not in DATES:
            raise ValueError(f"rules {code}: dates.refer_to must be one of {sorted(DATES)}")
        until = _month(self._inherited(code, "until"))
        # The year's start month is a fixed property of the jurisdiction: read it from the latest rules.
        latest, _ = self._params_at(periods, (9999, 12))
        start = latest["year_start_month"]
        lookups = self._lookups(code, year, start)

        def covered(y):
            at = self._lookups(code, y, start)
            return periods[0][0] <= at[0] and at[-1] <= until

        if not covered(year):
            years = [y for y in range(periods[0][0][0] - 2, until[0] + 2) if covered(y)]
            raise RulesError(
                "year", f"no rules for {code} in {year} (its rules cover the years {years[0]} to {years[-1]})")
        params, sources = self._params_at(periods, lookups[0])
        _check(params, f"{code} {year}")
        ratios = tuple(Decimal(self._params_at(periods, month)[0]["ratio"]) for month in lookups)
        return YearRules(code, year, self._inherited(code, "name"), self._inherited(code, "currency"),
                         _months_of(year, start), params, ratios, tuple(sources),
                         lookups[0] if dates["refer_to"] == "collection_year" else None)

    def dates(self, code: str) -> dict:
        """Which year the rule set's dates refer to, and the reading with its sources, as the file says."""
        return self._inherited(code, "dates")

    def windows(self, code: str, year: int) -> dict | None:
        """Declaration and payment windows for the assessment `year` (dates fall in the next year), or None.

        ``{"declaration": (date, date), "payment": (date, date), "status": "confirmed"|"indicative"}``
        """
        entry = (self._inherited(code, "windows") or {}).get(str(year))
        if entry is None:
            return None
        result = {"status": entry.get("status", "confirmed")}
        for kind in ("declaration", "payment"):
            if kind in entry:
                result[kind] = tuple(date.fromisoformat(day) for day in entry[kind])
        return result


def _check(params: dict, where: str) -> None:
    """Catch a rule file that is incomplete or misspelt when it is first used, naming what is wrong."""
    missing, unknown = PARAMS - set(params), set(params) - PARAMS
    if missing or unknown:
        raise ValueError(f"rules {where}: missing {sorted(missing)}, unknown {sorted(unknown)}")
    if params["method"] not in ("annual", "monthly"):
        raise ValueError(f"rules {where}: method must be annual or monthly")
    if params["staff_average_over"] not in ("year", "months_in_operation"):
        raise ValueError(f"rules {where}: staff_average_over must be year or months_in_operation")
    if params["levy_base"] not in LEVY_BASES:
        raise ValueError(f"rules {where}: levy_base must be one of {sorted(LEVY_BASES)}")
    caps = [cap for deduction in params["deductions"] for cap in deduction.get("caps", [])]
    for entry in (params["employee_weights"] + params["tiers"] + params["required_cap"] + caps
                  + params["workforce_exclusions"]
                  + [params["liability"] or {}]):
        conditions.check(entry.get("when"), f"rules {where}")
    if params["levy_base"] == "hourly_min_wage" and params["hourly_min_wage"] is None:
        raise ValueError(f"rules {where}: levy_base hourly_min_wage needs the year's hourly_min_wage")
    for deduction in params["deductions"]:
        if not {"id", "input", "share", "label"} <= set(deduction):
            raise ValueError(f"rules {where}: every deduction needs an id, an input, a share and a label")
    for tier in params["tiers"]:
        if "id" not in tier or "label" not in tier:
            raise ValueError(f"rules {where}: every tier needs an id and a label")
        if (params["levy_base"] == "fixed") != ("amount" in tier):
            raise ValueError(f"rules {where}: tier {tier['id']}: an amount goes with levy_base fixed, and only there")


DEFAULT = RuleBook()
