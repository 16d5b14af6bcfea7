"""Every employer's current compliance, as a snapshot row in quota_assessments (kind "snapshot").

"Current" is the year of the run day, projected as if today's staff and today's disabled employees stayed
the whole year: staff = the employer's headcount; counted = the employments active on the day that the
quota counts (contract of a year or more or permanent, social insurance paid, wage at least the minimum),
each at its weight; a hire counts as soon as it is recorded. The average wage is the employer's declared
one (total wages / average staff of its latest assessed declaration), else the local average wage.

`recompute_snapshots` does it for all employers of a jurisdiction in one INSERT ... SELECT whose CASE
expressions are compiled from the jurisdiction's rule data (compliance/rules), so the rules stay data; a
rule set using something the SQL form does not express (monthly method, rounding, caps, short-time work)
is done by `recompute_loop`, one employer at a time through the compliance engine, which gives the same
figures (tests check both against each other) and the steps in words.
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Numeric, and_, case, cast, false, func, insert, literal, or_, select, true
from sqlalchemy.orm import Session

from compliance import CREDIT_CODE_KINDS, RULES, assess
from models import Employer, QuotaAssessment, Seeker, utcnow

from .counting import counted_weight_sql, declared_average_wage_sql, projected_record
from .wages import local_wage

NUM = Numeric(18, 6)


class Unsupported(Exception):
    """The rule set needs the per-employer loop."""


def _condition(when: dict | None, facts: dict):
    if not when:
        return true()
    parts = []
    for name, test in when.items():
        if name == "any":
            parts.append(or_(*(_condition(clause, facts) for clause in test)))
            continue
        if name not in facts:
            raise Unsupported(name)
        expr = facts[name]
        if expr is None:  # a fact the data never has: like a null fact, it fails every test
            parts.append(false())
            continue
        if not isinstance(test, dict):
            parts.append(expr == test)
            continue
        for op, operand in test.items():
            value = [int(v) if isinstance(v, int) else v for v in operand] if op == "in" else operand
            parts.append({"lt": lambda: expr < value, "lte": lambda: expr <= value, "gt": lambda: expr > value,
                          "gte": lambda: expr >= value, "eq": lambda: expr == value, "ne": lambda: expr != value,
                          "in": lambda: expr.in_(value)}[op]())
    return and_(*parts)


def _first(entries: list[dict], facts: dict, key: str):
    """CASE over entries in order (first match wins), giving entry[key]."""
    whens, fallback = [], None
    for entry in entries:
        cond = entry.get("when")
        if not cond:
            fallback = entry[key]
            break
        whens.append((_condition(cond, facts), entry[key]))
    if not whens:
        return literal(fallback)
    return case(*whens, else_=literal(fallback))


def _sql_params(jurisdiction: str, year: int) -> dict:
    rules = RULES.year_rules(jurisdiction, year)
    p = rules.params
    if (p["method"] != "annual" or p["staff_rounding"] or p["short_time"] or p["required_rounding"]
            or p["required_cap"] or p["hours_full_time"] or p["levy_base"] != "capped_wage"
            or p["wage_cap_multiple"] is None or p["deductions"] or p["workforce_exclusions"]
            or p.get("staff_average_over", "year") != "year" or len(set(rules.ratios)) != 1):
        raise Unsupported(jurisdiction)
    return {"rules": rules, "params": p}


HALF_UP_NUDGE = Decimal("0.000000001")


def employer_kind_sql():
    """services.industries.kind_of in SQL: the stored kind, else compliance.kind_from_credit_code's (the kind
    from the credit code's first two characters)."""
    code = Employer.credit_code
    known = case(*((func.substr(code, 1, 2) == prefix, kind) for prefix, kind in CREDIT_CODE_KINDS.items()),
                 else_="other")
    return func.coalesce(Employer.employer_kind, case((func.length(code) == 18, known), else_="unknown"))


def recompute_snapshots(session: Session, day: date, computed_at: datetime | None = None) -> dict:
    """Insert one snapshot per employer for `day`; returns {"sql": n, "loop": n, "jurisdictions": [...]}."""
    computed_at = computed_at or utcnow()
    done = {"sql": 0, "loop": 0, "jurisdictions": []}
    for jurisdiction in session.scalars(select(Employer.jurisdiction).distinct().order_by(Employer.jurisdiction)):
        try:
            done["sql"] += _recompute_sql(session, jurisdiction, day, computed_at)
        except Unsupported:
            ids = session.scalars(select(Employer.id).where(Employer.jurisdiction == jurisdiction)).all()
            done["loop"] += recompute_loop(session, day, ids, computed_at)
        done["jurisdictions"].append(jurisdiction)
    return done


def _recompute_sql(session: Session, jurisdiction: str, day: date, computed_at: datetime) -> int:
    year = day.year
    try:
        given = _sql_params(jurisdiction, year)
    except LookupError:
        return 0  # no rules for this year: nothing to assess
    rules, p = given["rules"], given["params"]
    wage = local_wage(session, jurisdiction, year) or local_wage(session, jurisdiction, year - 1)
    if wage is None:
        return 0  # without the local average wage the levy cannot be computed; the dashboard says so
    local_avg = Decimal(wage.average_yearly)
    grade = Seeker.grade
    weight = _first(p["employee_weights"], {"grade": grade, "severe": grade <= 2, "veteran_grade": None}, "weight")
    counted_q = counted_weight_sql(year, wage.minimum_monthly, weight)
    wages_q = declared_average_wage_sql()

    staff = cast(Employer.headcount, NUM)
    counted = func.coalesce(counted_q.c.counted, 0)
    ratio = Decimal(rules.ratios[0])
    required = staff * literal(ratio, NUM)
    short = required - counted
    shortfall = case((short > 0, short), else_=literal(0, NUM))
    liability = p["liability"]
    facts = {"staff": staff, "employer_kind": employer_kind_sql()}
    liable = _condition(liability["when"], facts) if liability else true()
    share_ratio = counted / func.nullif(staff, 0)
    facts = {"staff": staff, "ratio": share_ratio, "counted": counted, "avg_counted": counted,
             "no_action_years": None}
    tier = _first(p["tiers"], facts, "id")
    pay_share = _first([{**t, "pay_share": Decimal(t.get("pay_share", 1)) * Decimal(t.get("times", 1))}
                        for t in p["tiers"]], facts, "pay_share")
    cap = literal(Decimal(p["wage_cap_multiple"]) * local_avg, NUM)
    avg_wage = func.coalesce(wages_q.c.avg_wage, literal(local_avg, NUM))
    used_wage = case((avg_wage < cap, avg_wage), else_=cap)
    owes = and_(liable, short > 0)
    # Half up, as the engine rounds: SQLite holds numbers as binary floats, where 149.115 is 149.11499999...,
    # so a nudge far below the 8 places kept lifts an exact half cent over the line (PostgreSQL's numeric is
    # exact, and the nudge never changes its result: the amount has at most 8 places).
    levy = case((owes, func.round(cast(shortfall * used_wage * cast(pay_share, NUM), Numeric(24, 8))
                                  + literal(HALF_UP_NUDGE, Numeric(24, 10)), p["money_places"])),
                else_=literal(0, NUM))

    query = (select(Employer.id, literal(year), literal("snapshot"), literal(jurisdiction), staff,
                    func.round(required, 4), func.round(counted, 4), func.round(shortfall, 4),
                    case((liable, False), else_=True), case((owes, tier), else_=None), levy,
                    literal(rules.currency), literal([], type_=JSON),
                    literal(computed_at, type_=QuotaAssessment.__table__.c.computed_at.type))
             .select_from(Employer)
             .outerjoin(counted_q, counted_q.c.employer_id == Employer.id)
             .outerjoin(wages_q, wages_q.c.employer_id == Employer.id)
             .where(Employer.jurisdiction == jurisdiction))
    table = QuotaAssessment.__table__
    columns = ["employer_id", "year", "kind", "jurisdiction", "staff", "required", "counted", "shortfall",
               "exempt", "tier", "levy_due", "currency", "steps", "computed_at"]
    session.execute(insert(table).from_select([table.c[c] for c in columns], query))
    return session.scalar(select(func.count()).select_from(Employer).where(Employer.jurisdiction == jurisdiction))


# -- the same, one employer at a time, through the compliance engine -------------------------------------

def recompute_loop(session: Session, day: date, employer_ids=None, computed_at: datetime | None = None) -> int:
    """The per-employer path: one query and one engine assessment per employer (with its steps)."""
    computed_at = computed_at or utcnow()
    query = select(Employer).order_by(Employer.id)
    if employer_ids is not None:
        query = query.where(Employer.id.in_(list(employer_ids)))
    count = 0
    for employer in session.scalars(query):
        record = projected_record(session, employer, day.year)
        if record is None:
            continue
        try:
            a = assess(record)
        except (LookupError, ValueError):
            continue
        session.add(QuotaAssessment(
            employer_id=employer.id, year=day.year, kind="snapshot", jurisdiction=a.jurisdiction,
            staff=Decimal(employer.headcount), required=a.required, counted=a.counted, shortfall=a.shortfall,
            exempt=a.exempt, tier=a.tier, levy_due=a.levy_due, currency=a.currency,
            steps=[dict(s) for s in a.steps], computed_at=computed_at))
        count += 1
    session.flush()
    return count
