"""The employer's quota dashboard and the staff's district dashboard."""

import csv
import io
import re
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from models import (AuditEntry, DeclarationStatus, Employment, EmploymentSource, LocalWage, QuotaDeclaration,
                    QuotaSuggestion, Role)
from services import declarations as ops
from tests.factories import make_employer, make_position, make_seeker

pytestmark = pytest.mark.web


@pytest.fixture
def quota(app, db, accounts):
    app.config["ABLEMATCH_TODAY"] = "2026-11-28"
    db.add_all([LocalWage(jurisdiction="CN-ZJ", year=2026, average_yearly=Decimal("100000"),
                          minimum_monthly=Decimal("2490")),
                LocalWage(jurisdiction="CN-ZJ", year=2025, average_yearly=Decimal("96000"),
                          minimum_monthly=Decimal("2280"))])
    employer = accounts[Role.EMPLOYER].employer  # 120 staff
    township = employer.township
    db.add(Employment(seeker=make_seeker(db, township, grade=3), employer=employer, start_on=date(2024, 5, 1),
                      contract_months=0, monthly_wage=4000, source=EmploymentSource.FAIR))
    # 2025 declarations of three more employers: compliant, below, exempt; one employer never declares
    others = [make_employer(db, township, name=f"单位{i}", headcount=h, industry=ind)
              for i, (h, ind) in enumerate([(100, "C"), (300, "C"), (20, "G"), (80, None)])]
    for employer_, staff, employees in ((others[0], 100, [(1, 12)]), (others[1], 300, [(3, 12)]),
                                        (others[2], 20, [])):
        declaration = QuotaDeclaration(employer=employer_, year=2025, status=DeclarationStatus.SUBMITTED,
                                       staff_by_month=[staff] * 12, total_wages=Decimal(staff * 60000))
        ops.fill_declaration(declaration, [staff] * 12, Decimal(staff * 60000), [
            {"name": "某", "certificate_number": make_seeker(db, township, grade=g).certificate_number,
             "months_employed": m, "contract_months": 0, "monthly_wage": 4000, "social_insurance_months": m}
            for g, m in employees])
        db.add(declaration)
        db.flush()
        ops.store_assessment(db, declaration, ops.estimate(db, declaration))
    db.commit()
    return others


def test_employer_sees_status_steps_what_if_and_suggestions(quota, client, login, accounts, db):
    employer = accounts[Role.EMPLOYER].employer
    position = make_position(db, employer, "网店客服")
    candidate = make_seeker(db, employer.township, consent_share=True, name="候选人甲")
    db.add(QuotaSuggestion(week="2026-W48", employer_id=employer.id, position_id=position.id,
                           seeker_id=candidate.id, rank=1, score=0.83))
    db.commit()
    login(accounts[Role.EMPLOYER])
    page = client.get("/dashboards/employer?lang=en").get_data(as_text=True)
    # 120 staff x 1.5% = 1.8 required; 1 counted; below the quota; the local average wage stands in for a
    # declared one: 0.8 x 100,000 x 50% (ratio 1/120 < 1%: 90%) -> 0.8 x 100,000 x 0.9 = 72,000
    assert "Below the quota" in page and "72,000.00" in page
    assert "a ratio below 1% pays 90%" in page
    assert "What one more hire would change" in page and "counts twice" in page
    # by reference only: the person has not applied, so the employer may not know who they are
    assert f"Candidate {candidate.ref}" in page and "83%" in page
    assert "候选人甲" not in page
    assert certificate_number_hidden(page, candidate)
    assert db.scalar(select(AuditEntry).where(AuditEntry.subject_type == "seeker",
                                              AuditEntry.user_id == accounts[Role.EMPLOYER].id)) is not None
    client.delete_cookie("session")
    login(accounts[Role.STAFF])
    assert "候选人甲" in client.get("/dashboards/district?lang=en").get_data(as_text=True)  # staff see them too
    candidate.consent_share = False  # withdrawn after the weekly run: no longer shown
    db.commit()
    assert "候选人甲" not in client.get("/dashboards/district?lang=en").get_data(as_text=True)
    client.delete_cookie("session")
    login(accounts[Role.EMPLOYER])
    assert "候选人甲" not in client.get("/dashboards/employer?lang=en").get_data(as_text=True)


def certificate_number_hidden(page: str, seeker) -> bool:
    return seeker.certificate_number not in page and seeker.certificate_number[:18] not in page


def test_district_dashboard_counts_statuses_with_chart_table_and_csv(quota, client, login, accounts, db):
    login(accounts[Role.STAFF])
    page = client.get("/dashboards/district?lang=en").get_data(as_text=True)
    assert "Quota across the district, 2025" in page
    assert '<svg role="img"' in page and "<caption>Employers by quota status, 2025</caption>" in page
    assert "By township" in page and "By industry" in page
    industries = re.search(r'<section aria-labelledby="by_industry-heading">.*?</section>', page, re.S).group(0)
    # one row per section, named in the reader's language; an employer without a section has its own row
    assert industries.count("Manufacturing") == 1 and "Transport, storage and postal services" in industries
    assert "Not chosen yet" in industries
    assert "制造业" in client.get("/dashboards/district?lang=zh").get_data(as_text=True)
    response = client.get("/dashboards/district-2025.csv?lang=en")
    rows = list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    statuses = {r["Employer"]: r["Status (code)"] for r in rows}
    assert statuses["单位0"] == "compliant" and statuses["单位1"] == "below" and statuses["单位2"] == "exempt"
    assert statuses["单位3"] == "not_declared"
    row = next(r for r in rows if r["Employer"] == "单位1")
    assert Decimal(row["Levy due"]) > 0 and row["Status"] == "Below the quota" and row["Exempt"] == "No"
    assert (row["Industry section (GB/T 4754-2017)"], row["Industry"]) == ("C", "Manufacturing")
    assert next(r for r in rows if r["Employer"] == "单位2")["Exempt"] == "Yes"
    assert next(r for r in rows if r["Employer"] == "单位3")["Exempt"] == ""
    rows = list(csv.DictReader(io.StringIO(client.get("/dashboards/district-2025.csv?lang=zh").get_data()
                                           .decode("utf-8-sig"))))
    row = next(r for r in rows if r["用人单位"] == "单位1")
    assert (row["状态"], row["行业"], row["免征"]) == ("未达到规定比例", "制造业", "否")
    assert db.scalar(select(AuditEntry).where(AuditEntry.subject_type == "quota_district")) is not None


def test_dashboards_are_role_checked(quota, client, login, accounts):
    login(accounts[Role.SEEKER])
    assert client.get("/dashboards/employer").status_code == 403
    assert client.get("/dashboards/district").status_code == 403
    assert client.get("/dashboards/district-2025.csv").status_code == 403


def test_quota_messages_are_shown_in_the_readers_language(quota, client, login, accounts, db):
    from services.notifications import notify

    notify(db, [accounts[Role.EMPLOYER].id], "declaration_reminder", year=2026, closes="2027-06-30")
    notify(db, [accounts[Role.STAFF].id], "insurance_import", imported=["a.csv"], rejected=[], stopped=[3, 4])
    db.commit()
    login(accounts[Role.EMPLOYER])
    assert ('<a href="/declarations/">Please submit your quota declaration for 2026 by Jun 30, 2027.</a>'
            in client.get("/dashboards/employer?lang=en").get_data(as_text=True))
    client.delete_cookie("session")
    login(accounts[Role.STAFF])
    html = client.get("/dashboards/district?lang=en").get_data(as_text=True)
    assert '<a href="/declarations/staff/insurance">' in html and "Insurance stopped for 2 people in current employment." in html
