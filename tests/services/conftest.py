import random
from datetime import date
from decimal import Decimal

import pytest

from models import Employment, EmploymentSource, LocalWage, Role
from tests.factories import credit_code, make_employer, make_position, make_seeker, make_township, make_user


@pytest.fixture
def district(db):
    return populate_district(db)


def populate_district(db):
    """Employers around the quota line: exempt, below, at 1% or more, compliant; hires of every grade."""
    rng = random.Random(6)
    township = make_township(db, "31", "测试街道")
    for year, average in ((2026, "100000"), (2027, "104000")):
        db.add(LocalWage(jurisdiction="CN-ZJ", year=year, average_yearly=Decimal(average),
                         minimum_monthly=Decimal("2490")))
    employers = []
    for i, (headcount, hires) in enumerate([(25, 0), (30, 1), (31, 0), (100, 1), (100, 2), (200, 1), (200, 3),
                                            (67, 1), (1000, 5), (450, 0), (120, 2), (80, 1)]):
        employer = make_employer(db, township, name=f"测试单位{i}", headcount=headcount)
        make_user(db, Role.EMPLOYER, f"boss{i}@test", employer=employer)
        for h in range(hires):
            seeker = make_seeker(db, township, grade=rng.choice([1, 2, 3, 4]))
            db.add(Employment(seeker=seeker, employer=employer, start_on=date(2025, rng.randint(1, 12), 1),
                              contract_months=rng.choice([0, 12, 36]), monthly_wage=rng.choice([3000, 5200, None]),
                              source=EmploymentSource.STAFF))
        employers.append(employer)
    # a public institution is liable however small (the exemption is for enterprises only)
    employers.append(make_employer(db, township, name="测试事业单位", headcount=25, credit_code=credit_code(kind="12")))
    make_user(db, Role.EMPLOYER, "public@test", employer=employers[-1])
    # not counted: ended, short contract, below the minimum wage, no social insurance, starts later
    odd = employers[3]
    for fields in ({"end_on": date(2026, 1, 31)}, {"contract_months": 6}, {"monthly_wage": 1800},
                   {"social_insurance": False}, {"start_on": date(2027, 1, 1)}):
        seeker = make_seeker(db, township, grade=1)
        db.add(Employment(seeker=seeker, employer=odd, source=EmploymentSource.STAFF,
                          **{"start_on": date(2025, 1, 1), **fields}))
    make_position(db, employers[9], "包装工", openings=2)
    make_user(db, Role.STAFF, "staff-s@test")
    db.commit()
    return employers
