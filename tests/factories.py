"""Factories for test data: small, valid records with the fields a test does not care about filled in."""

import itertools
from datetime import datetime, timezone

from stdnum.cn import ric, uscc

from models import Employer, Position, Role, Seeker, SeekerAbility, Township, User

_counter = itertools.count(1)
#: an API token's expiry for tests that are not about expiry
FAR_FUTURE = datetime(2100, 1, 1, tzinfo=timezone.utc)


def certificate_number(category: int = 4, grade: int = 3, serial: int | None = None) -> str:
    serial = next(_counter) if serial is None else serial
    first17 = f"33062219900307{serial % 1000:03d}"
    return first17 + ric.calc_check_digit(first17 + "0") + f"{category}{grade}"


def credit_code(serial: int | None = None, kind: str = "91") -> str:
    """A valid unified social credit code; `kind`, its first two characters: 91 enterprise, 12 public institution."""
    serial = next(_counter) if serial is None else serial
    first17 = f"{kind}330604MA2{serial % 1000000:06d}"
    return first17 + uscc.calc_check_digit(first17)


def make_township(db, code: str = "01", name_zh: str = "百官街道") -> Township:
    township = Township(code=code, name_zh=name_zh, name_en=f"Township {code}", kind="street", lat=30.03, lon=120.87)
    db.add(township)
    db.flush()
    return township


def make_user(db, role: Role, username: str | None = None, password: str = "correct horse", **fields) -> User:
    user = User(username=username or f"{role.value}{next(_counter)}@test", role=role,
                display_name=fields.pop("display_name", "测试用户"), **fields)
    user.set_password(password)
    db.add(user)
    db.flush()
    return user


def make_employer(db, township: Township, name: str = "上虞测试有限公司", **fields) -> Employer:
    employer = Employer(credit_code=fields.pop("credit_code", None) or credit_code(), name=name,
                        headcount=fields.pop("headcount", 120), township=township,
                        industry=fields.pop("industry", "C"), **fields)
    db.add(employer)
    db.flush()
    return employer


def make_seeker(db, township: Township, category: int = 4, grade: int = 3, user: User | None = None,
                abilities: dict | None = None, **fields) -> Seeker:
    from datetime import date

    from services.seekers import new_seeker_ref

    n = next(_counter)
    seeker = Seeker(ref=new_seeker_ref(db), name=fields.pop("name", f"求职者{n}"), user=user,
                    certificate_number=certificate_number(category, grade, n), category=category, grade=grade,
                    township=township, **fields)
    for key, value in (abilities or {}).items():
        seeker.abilities.append(SeekerAbility(key=key, value=value, source="self", assessed_on=date(2026, 1, 5)))
    db.add(seeker)
    db.flush()
    return seeker


def make_position(db, employer: Employer, title: str = "网店客服", **fields) -> Position:
    n = next(_counter)
    position = Position(ref=f"P{n:05d}", employer=employer, title=title, township=employer.township, **fields)
    db.add(position)
    db.flush()
    return position


def district_today():
    """The district's day (UTC+8), which the app stamps on what people record; the machine's date.today() is a
    day behind from 16:00 UTC."""
    from services.clock import Clock

    return Clock.from_settings({}).today()
