"""A generated district (seekers and positions as exchange-format dicts) for tests, benchmarks and demos.

Seekers follow a few functional profiles (wheelchair user, blind, low vision, deaf, intellectual,
psycho-social, upper limb) over the district's townships; their skills are spelled the ways people type
them (synonyms, case, spaces, the odd typo). Positions follow entry-level jobs of the seed's trades.
Everything comes from one random.Random: same seed, same district.

Two hidden hire models say how likely a feasible pair ends in a hire, for evaluations the engine must not
see (they use the skills before misspelling): HIRE_MODELS["a"] weighs roughly what the default score
weighs; HIRE_MODELS["b"] differs in shape (distance that matters by trade, an item that matters only in
some trades, skills that count when they come together), for checking that learning holds on a district
no one tuned for. Both call a pair that rules v2 rule out (an essential demand or a required need) or
beyond the commute infeasible: never hired.
"""

import math
import random

from . import geo, rules
from .profile import ABILITY_KEYS, ACCOMMODATION_KEYS
from .skills import load_vocabulary

#: functional profile -> (abilities forced low: item -> (low, high)), needs, share of seekers
PROFILES = {
    "wheelchair": ({"walking": (0, 1), "climbing": (0, 0), "standing": (0, 1), "outdoor": (1, 3)},
                   ["step_free_access", "accessible_toilet", "adjustable_workstation"], 0.22),
    "blind": ({"vision": (0, 1), "reading": (0, 1), "writing": (1, 2)}, ["screen_reader"], 0.12),
    "low_vision": ({"vision": (1, 2), "reading": (1, 3)}, ["magnification"], 0.10),
    "deaf": ({"hearing": (0, 1), "speech": (0, 2)}, ["text_communication", "sign_language"], 0.16),
    "intellectual": ({"learning": (1, 2), "problem_solving": (0, 2), "numeracy": (0, 2), "reading": (1, 2),
                      "writing": (0, 2), "adaptability": (1, 2)}, ["job_coach"], 0.14),
    "psychosocial": ({"time_pressure": (0, 2), "adaptability": (1, 2), "noise": (0, 2), "customer_contact": (1, 3)},
                     ["quiet_space", "flexible_hours"], 0.12),
    "upper_limb": ({"lifting": (0, 1), "fine_motor": (0, 2), "two_hands": (0, 1), "reaching": (1, 2)},
                   ["assistive_tools"], 0.14),
}

#: job -> (demands, essential items, skills, wage, hours, can be remote)
JOBS = {
    "网店客服": ({"sitting": 4, "vision": 3, "reading": 3, "writing": 3, "customer_contact": 3, "concentration": 3},
              ["writing", "reading"], ["电商客服", "打字"], 4000, 40, True),
    "电商主播": ({"speech": 4, "customer_contact": 4, "vision": 2, "sitting": 3, "time_pressure": 3},
             ["speech"], ["电商直播", "普通话"], 5000, 40, False),
    "面点师": ({"standing": 4, "fine_motor": 3, "two_hands": 4, "endurance": 3, "lifting": 2},
            ["two_hands", "standing"], ["面点"], 4200, 44, False),
    "盲人按摩师": ({"fine_motor": 4, "two_hands": 4, "standing": 3, "customer_contact": 3, "endurance": 3},
              ["two_hands"], ["按摩"], 5000, 44, False),
    "数据录入员": ({"sitting": 4, "writing": 4, "vision": 3, "concentration": 4, "reading": 3},
              ["writing"], ["数据录入", "Excel"], 3600, 40, True),
    "装配工": ({"fine_motor": 4, "two_hands": 4, "sitting": 3, "time_pressure": 3, "vision": 3, "noise": 2},
            ["fine_motor", "two_hands"], ["装配"], 4300, 44, False),
    "包装工": ({"standing": 3, "lifting": 2, "two_hands": 3, "time_pressure": 2, "noise": 2},
            ["two_hands"], ["包装"], 3800, 44, False),
    "保洁员": ({"walking": 4, "standing": 4, "lifting": 2, "climbing": 2, "outdoor": 2},
            ["walking"], ["保洁"], 3200, 40, False),
    "仓库管理员": ({"walking": 3, "lifting": 3, "numeracy": 3, "climbing": 2, "reading": 2},
              ["lifting"], ["仓库管理", "Excel"], 4500, 44, False),
    "保安": ({"standing": 3, "walking": 3, "vision": 4, "hearing": 3, "outdoor": 3},
           ["vision", "hearing"], ["保安"], 3800, 48, False),
    "话务员": ({"hearing": 4, "speech": 4, "customer_contact": 4, "sitting": 4, "time_pressure": 3},
            ["hearing", "speech"], ["电话客服", "普通话"], 4000, 40, True),
    "平面设计": ({"vision": 4, "fine_motor": 3, "sitting": 4, "problem_solving": 3, "learning": 3},
             ["vision"], ["Photoshop", "平面设计"], 5500, 40, True),
    "手工编织": ({"fine_motor": 4, "sitting": 3, "concentration": 3, "two_hands": 3},
             ["fine_motor"], ["手工编织"], 3000, 30, True),
    "洗车工": ({"standing": 4, "walking": 3, "outdoor": 4, "lifting": 2, "two_hands": 3},
            [], ["洗车"], 3500, 44, False),
    "餐厅服务员": ({"standing": 4, "walking": 4, "customer_contact": 3, "hearing": 2, "lifting": 2},
              ["walking"], ["餐饮服务"], 3600, 44, False),
    "文员": ({"sitting": 4, "writing": 3, "reading": 3, "numeracy": 2, "vision": 3},
           ["reading"], ["Word", "Excel", "办公软件"], 3800, 40, True),
}


#: share of a seeker's items not assessed (null)
UNASSESSED = 0.03


def _spell(rng: random.Random, skill) -> str:
    """One way a person might type a skill."""
    choices = [skill.zh, skill.en, *skill.synonyms]
    s = rng.choice(choices)
    roll = rng.random()
    if roll < 0.15:
        s = s.upper()
    elif roll < 0.25 and len(s) >= 2:
        cut = rng.randrange(1, len(s))
        s = s[:cut] + " " + s[cut:]
    elif roll < 0.30 and len(s) >= 5 and s.isascii():
        cut = rng.randrange(1, len(s) - 1)
        s = s[:cut] + s[cut + 1:]  # a dropped letter
    return s


def _near(rng: random.Random, centre) -> tuple[float, float]:
    return round(centre[0] + rng.gauss(0, 0.02), 5), round(centre[1] + rng.gauss(0, 0.025), 5)


def seekers(n: int, seed: int = 0, truth: bool = False) -> list[dict]:
    """n seekers; with truth, each also has `true_skills` (vocabulary ids before misspelling), for
    evaluations (not an exchange-format field: parsers ignore it)."""
    rng = random.Random(seed)
    towns = list(geo.townships().items())
    vocab = load_vocabulary()
    profiles = list(PROFILES.values())
    shares = [p[2] for p in profiles]
    out = []
    for i in range(n):
        low, needs, _ = rng.choices(profiles, shares)[0]
        abilities = {k: rng.randint(3, 5) for k in ABILITY_KEYS}
        for k, (lo, hi) in low.items():
            abilities[k] = rng.randint(lo, hi)
        for k in ABILITY_KEYS:  # the odd item nobody has assessed yet
            if rng.random() < UNASSESSED:
                abilities[k] = None
        needed = [a for a in needs if rng.random() < 0.7]
        town, centre = rng.choice(towns)
        skills = rng.sample(vocab, rng.randint(0, 4))
        d = {"id": f"S{i:07d}", "township": town, "abilities": {k: v for k, v in abilities.items() if v != 0},
             "needs": needed, "needs_required": [a for a in needed if rng.random() < 0.4],
             "skills": [_spell(rng, sk) for sk in skills],
             "max_commute_km": rng.choice([5, 8, 10, 15, 20, 30]), "remote_ok": rng.random() < 0.3,
             "desired_wage": rng.randint(25, 60) * 100, "hours_per_week": rng.choice([20, 30, 40, 44])}
        if rng.random() < 0.8:
            d["lat"], d["lon"] = _near(rng, centre)
        if truth:
            d["true_skills"] = [sk.id for sk in skills]
        out.append(d)
    return out


def positions(n: int, seed: int = 1) -> list[dict]:
    rng = random.Random(seed)
    towns = list(geo.townships().items())
    jobs = list(JOBS.items())
    out = []
    for i in range(n):
        title, (demands, essential, skills, wage, hours, can_remote) = rng.choice(jobs)
        town, centre = rng.choice(towns)
        remote = can_remote and rng.random() < 0.15
        d = {"id": f"P{i:06d}", "employer_id": f"E{rng.randrange(max(1, n // 6)):05d}", "title": title,
             "township": town, "remote": remote, "openings": rng.randint(1, 4),
             "demands": {k: min(5, max(1, v + rng.randint(-1, 1))) for k, v in demands.items()},
             "essential": [e for e in essential if rng.random() < 0.8],
             "offers": [a for a in ACCOMMODATION_KEYS if rng.random() < 0.35],
             "skills": [s for s in skills if rng.random() < 0.8],
             "wage": wage + rng.randint(-8, 8) * 100, "hours_per_week": hours}
        if not remote or rng.random() < 0.5:
            d["lat"], d["lon"] = _near(rng, centre)
        out.append(d)
    return out


# -- hidden hire models --------------------------------------------------------------------------------


def feasible(s, p) -> tuple[bool, bool]:
    """(breaks an essential demand or a required need under rules v2, breaks the commute or remote work)."""
    home = rules.works_at_home(s, p)
    essential_break = any(a is not None and rules.applies(i, home) and k in p.essential
                          and rules.effective(a, rules.lift_levels(p.offers)[i]) < p.demands[i]
                          for i, (k, a) in enumerate(zip(ABILITY_KEYS, s.abilities)))
    need_break = bool(s.needs_required - rules.offered(p, home))
    too_far = (p.remote and not s.remote_ok) or (
        not home and p.xyz is not None and geo.distance_km(s.xyz, p.xyz) > s.max_commute_km)
    return essential_break or need_break, too_far


def _common(s, p):
    """Working from home, km, effective shortfall (an item not assessed: half its demand), needs not offered."""
    home = rules.works_at_home(s, p)
    km = 0.0 if home or p.xyz is None else geo.distance_km(s.xyz, p.xyz)
    shortfall = sum(d / 2 if a is None else max(0, d - rules.effective(a, rules.lift_levels(p.offers)[i]))
                    for i, (d, a) in enumerate(zip(p.demands, s.abilities)) if rules.applies(i, home))
    return home, km, shortfall, len(s.needs - rules.offered(p, home))


def _hire_a(s, true_skills: set[str], p, position_skills: set[str]) -> float:
    _, km, shortfall, unmet = _common(s, p)
    overlap = len(true_skills & position_skills) / len(position_skills) if position_skills else 0.5
    logit = (-1.5 + 3.0 * overlap - 0.45 * shortfall - 0.15 * km - 0.6 * unmet
             + (0.8 if p.wage is None or s.desired_wage is None or p.wage >= s.desired_wage else 0.0)
             - 0.03 * abs((p.hours_per_week or 40) - (s.hours_per_week or 40)))
    return 1.0 / (1.0 + math.exp(-logit))


#: model b: per-km cost of the journey by trade (shift and early-morning work), 0.03 elsewhere
KM_COST_BY_TRADE = {"保洁员": 0.5, "餐厅服务员": 0.45, "保安": 0.4, "面点师": 0.4, "洗车工": 0.35, "包装工": 0.3}
#: model b: trades where dealing with customers well matters beyond the demand (and nowhere else)
CUSTOMER_TRADES = frozenset({"电商主播", "话务员", "餐厅服务员", "网店客服"})


def _hire_b(s, true_skills: set[str], p, position_skills: set[str]) -> float:
    _, km, shortfall, unmet = _common(s, p)
    if position_skills:
        share = len(true_skills & position_skills) / len(position_skills)
        skills = 3.0 if share == 1 else 0.5 * share  # a trade's skills count when they come together
    else:
        skills = 1.0
    contact = s.abilities[ABILITY_KEYS.index("customer_contact")]
    item = 1.0 * ((2 if contact is None else contact) - 3) if p.title in CUSTOMER_TRADES else 0.0
    wage = 0.0 if p.wage is None or not s.desired_wage else 2.5 * (min(p.wage / s.desired_wage, 1.3) - 1.0)
    logit = (-2.0 + skills + item + wage - KM_COST_BY_TRADE.get(p.title, 0.03) * km - 0.25 * shortfall
             - 0.4 * unmet - 0.02 * abs((p.hours_per_week or 40) - (s.hours_per_week or 40)))
    return 1.0 / (1.0 + math.exp(-logit))


HIRE_MODELS = {"a": _hire_a, "b": _hire_b}


def hire_probability(model: str, s, true_skills: set[str], p, position_skills: set[str]) -> float:
    """How likely the pair ends in a hire by hidden model "a" or "b" (0 when infeasible); true_skills are the
    seeker's vocabulary skill names before misspelling (with those they imply), position_skills the
    position's."""
    if any(feasible(s, p)):
        return 0.0
    return HIRE_MODELS[model](s, true_skills, p, position_skills)


def draw_outcome(rng: random.Random, probability: float) -> str:
    """How far a shown pair got, drawn from its hire probability."""
    r = rng.random()
    return ("hired" if r < probability else "interviewed" if r < 1.5 * probability
            else "applied" if r < 2 * probability else "shown")
