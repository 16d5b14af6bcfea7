"""The levy calculation: one sequence of generic steps, each driven by the parameters of the year's rules.

staff -> liability -> required -> counted -> shortfall -> tier -> price per unit -> levy -> rounding.

The only fork is `method`: "annual" rules (China, France) count persons over the year, "monthly" rules
(Japan, Germany) count person-months, because there the quota applies month by month (Japan's rate
changes in July 2026, inside its April-March year) and the levy is priced per month short.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from . import steps as wording
from .conditions import first_match, matches, names
from .decimals import context, round_to, shown, snap
from .records import Employer, RecordError, parse
from .rulesets import DEFAULT, RuleBook

ZERO = Decimal(0)


@dataclass(frozen=True)
class Assessment:
    """One employer's result. Counts are persons ("annual" rules) or person-months ("monthly" rules),
    shown to 4 decimals; the levy is computed from the unrounded counts and rounded once, to the currency's
    decimals, before any deductions (amounts in the currency) are taken off it as `levy_due`.
    `staff` (the yearly average used) and `unit` ("persons" or "person-months") are for the database and
    dashboards; `to_dict()` gives the exchange fields of the issue, which the JSON Lines output writes."""

    employer_id: str
    jurisdiction: str
    year: int
    staff: Decimal
    required: Decimal
    counted: Decimal
    shortfall: Decimal
    exempt: bool
    tier: str | None
    #: the levy before the rules' deductions (France's contribution brute); None where there are none
    levy_before_deductions: Decimal | None
    levy_due: Decimal
    currency: str
    steps: tuple[dict, ...]
    unit: str = "persons"

    def to_dict(self) -> dict:
        return {"employer_id": self.employer_id, "jurisdiction": self.jurisdiction, "year": self.year,
                "required": self.required, "counted": self.counted, "shortfall": self.shortfall,
                "exempt": self.exempt, "tier": self.tier, "levy_before_deductions": self.levy_before_deductions,
                "levy_due": self.levy_due, "currency": self.currency,
                "steps": [dict(step) for step in self.steps]}


def assess(record: dict, rulebook: RuleBook | None = None) -> Assessment:
    """Assess one employer record (see README for its fields); raise RecordError if it cannot be."""
    with context():
        return _assess(parse(record, rulebook or DEFAULT))


def assess_many(records: Iterable[dict], rulebook: RuleBook | None = None) -> Iterator[Assessment | RecordError]:
    """Assess records in order, yielding an Assessment, or the RecordError (its `line` the record's number from 1)."""
    for number, record in enumerate(records, 1):
        try:
            yield assess(record, rulebook)
        except RecordError as error:
            error.line = number
            yield error


def _assess(employer: Employer) -> Assessment:
    rules = employer.rules
    params = rules.params
    monthly = params["method"] == "monthly"
    currency, places = rules.currency, params["money_places"]
    steps = [wording.rules(rules.code, rules.name, rules.year, rules.months, rules.sources, rules.rules_month)]

    # Staff: short-time workers count at their weight. The average is over the months in operation (those
    # listed with a figure), or over the whole year where the other months count as none (China: like
    # part-year employees, months / 12). Annual rules count the disabled employees on the same basis.
    short_weight = params["short_time"]["weight"] if params["short_time"] else ZERO
    workers = [full + short_weight * short for full, short in zip(employer.staff_by_month,
                                                                   employer.short_time_by_month)]
    divisor = 12 if params["staff_average_over"] == "year" else sum(employer.in_operation)
    staff = sum(workers) / divisor
    rounded = None
    if params["staff_rounding"]:
        rounded = staff = round_to(staff, params["staff_rounding"]["places"], params["staff_rounding"]["mode"])
    steps.append(wording.staff(
        rules.months, [w if open_ else None for w, open_ in zip(workers, employer.in_operation)], divisor, staff,
        rounded=rounded, given=employer.staff_given,
        short_time=(short_weight, employer.staff_by_month, employer.short_time_by_month)
        if params["short_time"] else None))

    # Liability: on the average, or (Japan) on the number of months over the threshold.
    liable, liability = True, params["liability"]
    if liability:
        if "min_months" in liability:
            months_over = sum(matches(liability["when"], {"staff": snap(w)}) for w in workers)
            liable = months_over >= liability["min_months"]
            steps.append(wording.liability(liability["label"], liable, staff, months_over))
        else:
            liable = matches(liability["when"], {"staff": snap(staff), "employer_kind": employer.employer_kind})
            kind = ((employer.employer_kind, employer.kind_from, employer.employer_id[:2])
                    if "employer_kind" in names(liability["when"]) else None)
            steps.append(wording.liability(liability["label"], liable, staff, kind=kind))

    required = _required(params, rules, _after_exclusion(params, employer, workers, steps), staff, monthly, steps)
    counted = _counted(params, employer, monthly, divisor, steps)

    # Compare snapped (see decimals.SNAP_PLACES) but keep the unsnapped value for the arithmetic.
    shortfall = required - counted if snap(required - counted) > 0 else ZERO
    steps.append(wording.shortfall(required, counted, shortfall, monthly))

    tier, levy_due = None, round_to(ZERO, places, "half_up")
    # the contribution before the deductions, where the rules have deductions
    before_deductions = levy_due if params["deductions"] else None
    if not liable:
        steps.append(wording.exempt_nothing_due(currency, places))
    elif shortfall > 0:
        basis = sum(workers) if monthly else staff
        ratio = counted / basis
        steps.append(wording.ratio(counted, basis, ratio, monthly))
        facts = {"staff": snap(staff), "ratio": snap(ratio), "counted": snap(counted),
                 "avg_counted": snap(counted / sum(employer.in_operation) if monthly else counted),
                 "no_action_years": employer.no_action_years}
        chosen = first_match(params["tiers"], facts)
        if chosen is None:
            raise ValueError(f"rules {rules.code} {rules.year}: no tier matches {facts}")
        tier = chosen["id"]
        steps.append(wording.tier(chosen["label"]))
        price = _unit_price(params, chosen, employer, steps)
        gross = shortfall * price
        pay_share = Decimal(chosen.get("pay_share", 1))
        levy = gross * pay_share
        steps.append(wording.levy(shortfall, price, gross, pay_share, levy, currency, places))
        levy_due = round_to(levy, places, "half_up")
        if params["deductions"]:
            before_deductions = levy_due
            levy_due = _deduct(params["deductions"], employer, levy_due, {"ratio": snap(ratio)}, steps)
        steps.append(wording.due(levy_due, currency, places))

    return Assessment(
        employer_id=employer.employer_id, jurisdiction=rules.code, year=rules.year, staff=shown(staff),
        required=shown(required), counted=shown(counted), shortfall=shown(shortfall), exempt=not liable,
        tier=tier, levy_before_deductions=before_deductions, levy_due=levy_due, currency=currency,
        steps=tuple(steps),
        unit="person-months" if monthly else "persons")


def _after_exclusion(params, employer: Employer, workers, steps) -> list:
    """The monthly workers the quota applies to: less the industry's exclusion share, fractions of the
    excluded dropped (Japan's 除外率), where the rules have one for the employer's industry."""
    entry = first_match(params["workforce_exclusions"], {"industry": employer.industry})
    if entry is None:
        return workers
    rate = Decimal(entry["rate"])
    kept = [w - round_to(w * rate, 0, "down") for w in workers]
    steps.append(wording.exclusion(entry["label"], rate, employer.rules.months, workers, kept))
    return kept


def _required(params, rules, workers, staff, monthly, steps) -> Decimal:
    ratios = rules.ratios[:len(workers)]
    rounding = params["required_rounding"]
    mode = first_match(rounding["modes"], {"staff": snap(staff)})["mode"] if rounding else None
    if not monthly:
        raw = staff * ratios[0]
        required = round_to(raw, 0, mode) if mode else raw
        steps.append(wording.required_annual(staff, ratios[0], raw, mode, required))
    elif rounding and rounding["each"] == "month":
        per_month = [round_to(w * r, 0, mode) for w, r in zip(workers, ratios)]
        required = sum(per_month)
        steps.append(wording.required_monthly(rules.months, workers, ratios, per_month, mode, required))
    else:
        raw = sum(w * r for w, r in zip(workers, ratios))
        required = round_to(raw, 0, mode) if mode else raw
        steps.append(wording.required_monthly(rules.months, workers, ratios, None, mode, required))
    cap = first_match(params["required_cap"], {"staff": snap(staff)})
    if cap is not None:
        limit = Decimal(cap["persons"]) * (len(workers) if monthly else 1)
        if required > limit:
            required = limit
            steps.append(wording.required_cap(cap["persons"], limit, monthly))
    return required


def _counted(params, employer: Employer, monthly: bool, divisor: int, steps) -> Decimal:
    """Weighted months of the disabled employees; for annual rules divided once, at the end, by the months
    the staff is averaged over (12, or the months in operation)."""
    full_time = params["hours_full_time"]
    groups: dict[tuple, int] = {}
    weighted_months = ZERO
    for employee in employer.employees:
        entry = first_match(params["employee_weights"], employee.facts())
        weight = Decimal(entry["weight"])
        factor = None
        if full_time:
            factor = min(Decimal(1), employee.hours_per_week / Decimal(full_time))
        weighted_months += weight * employee.months * (1 if factor is None else factor)
        key = (entry["label"]["zh"], entry["label"]["en"], weight, employee.months, factor)
        groups[key] = groups.get(key, 0) + 1
    counted = weighted_months if monthly else weighted_months / divisor
    steps.append(wording.counted(
        [({"zh": zh, "en": en}, weight, months, factor, persons)
         for (zh, en, weight, months, factor), persons in groups.items()],
        counted, monthly, full_time, divisor))
    return counted


def _unit_price(params, tier: dict, employer: Employer, steps) -> Decimal:
    """Money per unit short: a fixed amount, a multiple of the hourly minimum wage, or the capped wage."""
    currency, places = employer.rules.currency, params["money_places"]
    base = params["levy_base"]
    if base == "fixed":
        return Decimal(tier["amount"])
    times = Decimal(tier.get("times", 1))
    if base == "hourly_min_wage":
        hourly = Decimal(params["hourly_min_wage"])
        price = times * hourly
        steps.append(wording.unit_price(times, hourly, price, currency, places))
        return price
    if params["wage_cap_multiple"] is None:
        steps.append(wording.uncapped_wage(employer.avg_wage, currency, places))
        return times * employer.avg_wage
    multiple = Decimal(params["wage_cap_multiple"])
    cap = multiple * employer.local_avg_wage
    used = min(employer.avg_wage, cap)
    steps.append(wording.capped_wage(employer.avg_wage, employer.local_avg_wage, multiple, cap, used,
                                     currency, places))
    return times * used


def _deduct(deductions, employer: Employer, levy: Decimal, facts: dict, steps) -> Decimal:
    """Take the rules' deductions off the levy, each at its share of the amount given and within its cap
    (a share of the levy before deductions); never below zero."""
    currency, places = employer.rules.currency, employer.rules.params["money_places"]
    remaining = levy
    for deduction in deductions:
        given = employer.deduction_inputs[deduction["input"]]
        if not given:
            continue
        amount = given * Decimal(deduction["share"])
        cap = first_match(deduction.get("caps", []), facts)
        limit = levy * Decimal(cap["share_of_levy"]) if cap else None
        taken = min(amount, remaining if limit is None else min(limit, remaining))
        taken = round_to(taken, places, "half_up")
        steps.append(wording.deduction(deduction["label"], amount, cap and Decimal(cap["share_of_levy"]), limit,
                                       taken, currency, places))
        remaining -= taken
    return remaining
