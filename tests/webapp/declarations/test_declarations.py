"""The employer's declaration journey and the staff's verification, through the test client."""

import csv
import html
import io
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from models import (AuditEntry, DeclarationStatus, Employment, InsurancePayment, LocalWage, Notification,
                    QuotaAssessment, QuotaDeclaration, Role)
from tests.factories import certificate_number, make_seeker

pytestmark = pytest.mark.web

IN_WINDOW = "2026-04-15"  # CN-ZJ declares 2025 from 2026-03-01 to 2026-06-30


@pytest.fixture
def quota_app(app, db, accounts):
    app.config["ABLEMATCH_TODAY"] = IN_WINDOW
    db.add(LocalWage(jurisdiction="CN-ZJ", year=2025, average_yearly=Decimal("100000"),
                     minimum_monthly=Decimal("2280")))
    db.commit()
    return app


def form_data(staff=100, wages="8000000", employees=()):
    data = {f"staff_{m}": str(staff) for m in range(1, 13)}
    data["total_wages"] = wages
    for i, e in enumerate(employees):
        for key, value in e.items():
            data[f"employees-{i}-{key}"] = str(value)
    return data


def employee(number, name="陈明", months=12, contract=0, wage="4500", insured=12):
    return {"name": name, "certificate_number": number, "months_employed": months, "contract_months": contract,
            "monthly_wage": wage, "social_insurance_months": insured}


def test_employer_declares_sees_the_levy_with_steps_and_submits(quota_app, client, login, post_form, accounts, db):
    login(accounts[Role.EMPLOYER])
    page = client.get("/declarations/?lang=en").get_data(as_text=True)
    assert "Quota declaration for 2025" in page
    number = certificate_number(4, 3)
    response = post_form("/declarations/", form_data(employees=[employee(number)]))
    assert response.status_code == 302 and response.headers["Location"].endswith("/declarations/2025")
    page = client.get("/declarations/2025?lang=en").get_data(as_text=True)
    # 100 staff x 1.5% = 1.5 required, 1 counted, 0.5 short: 0.5 x 80,000 x 50% (ratio 1% or more)
    assert "20,000.00" in page and "a ratio of at least 1% but below the quota pays 50%" in page
    assert "Submit the declaration" in page
    zh = client.get("/declarations/2025?lang=zh").get_data(as_text=True)
    assert "安排比例达到1%（含）以上" in zh
    response = post_form("/declarations/2025/submit", {}, page="/declarations/2025")
    assert response.status_code == 302
    declaration = db.scalar(select(QuotaDeclaration))
    assert declaration.status == DeclarationStatus.SUBMITTED
    assessment = db.scalar(select(QuotaAssessment).where(QuotaAssessment.declaration_id == declaration.id))
    assert assessment.levy_due == Decimal("20000.00") and assessment.steps
    # submitted: the form is closed, the review shows no submit button
    assert client.get("/declarations/").status_code == 302
    assert "Submit the declaration" not in client.get("/declarations/2025?lang=en").get_data(as_text=True)


def test_bad_input_is_named_per_field_and_row_and_kept(quota_app, client, login, post_form, accounts, db):
    login(accounts[Role.EMPLOYER])
    data = form_data(employees=[employee(certificate_number()), employee("33062219900307001X41", months=3,
                                                                          insured=5)])
    data["staff_3"] = "many"
    data["total_wages"] = ""
    response = post_form("/declarations/?lang=en", data, page="/declarations/")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'href="#staff_3"' in page and "Staff in March: Enter a whole number" in page
    assert 'href="#total_wages"' in page
    assert 'href="#employees-1-certificate_number"' in page and "Employee 2, Disability certificate number" in page
    assert "Employee 2, Months of social insurance paid: Social insurance cannot cover more months" in page
    assert 'value="many"' in page and 'value="33062219900307001X41"' in page  # kept as typed
    assert db.scalar(select(QuotaDeclaration)) is None


def test_duplicate_certificate_in_two_rows_is_refused(quota_app, client, login, post_form, accounts):
    login(accounts[Role.EMPLOYER])
    number = certificate_number()
    response = post_form("/declarations/?lang=en", form_data(employees=[employee(number), employee(number)]),
                         page="/declarations/")
    assert response.status_code == 400
    assert "already listed in another row" in response.get_data(as_text=True)


def test_add_and_remove_rows_keep_what_was_typed(quota_app, client, login, post_form, accounts):
    login(accounts[Role.EMPLOYER])
    data = form_data(employees=[employee("ABC", name="甲")])
    page = post_form("/declarations/", {**data, "action": "add"}).get_data(as_text=True)
    assert 'id="employees-1-name"' in page and 'value="甲"' in page and 'value="ABC"' in page
    data = form_data(employees=[employee("A1", name="甲"), employee("B2", name="乙")])
    page = post_form("/declarations/", {**data, "action": "remove-0"}).get_data(as_text=True)
    assert 'value="乙"' in page and 'value="甲"' not in page


def test_outside_the_window_there_is_no_form(app, client, login, accounts):
    app.config["ABLEMATCH_TODAY"] = "2026-11-28"
    login(accounts[Role.EMPLOYER])
    page = client.get("/declarations/?lang=en").get_data(as_text=True)
    assert "The declaration window is closed now." in page and "Mar 1, 2027" in page


def test_submit_after_the_window_closed_is_refused(quota_app, client, login, post_form, accounts, db):
    login(accounts[Role.EMPLOYER])
    post_form("/declarations/", form_data())
    quota_app.config["ABLEMATCH_TODAY"] = "2026-07-01"
    login(accounts[Role.EMPLOYER])  # months later: the login session of the spring has long ended
    response = post_form("/declarations/2025/submit?lang=en", {}, page="/declarations/2025")
    assert response.status_code == 400
    assert "The declaration window for this year is not open." in response.get_data(as_text=True)
    assert db.scalar(select(QuotaDeclaration)).status == DeclarationStatus.DRAFT


def test_missing_local_wage_is_said_not_guessed(app, client, login, post_form, accounts):
    app.config["ABLEMATCH_TODAY"] = IN_WINDOW
    login(accounts[Role.EMPLOYER])
    post_form("/declarations/", form_data())
    page = client.get("/declarations/2025?lang=en").get_data(as_text=True)
    assert "The local average wage of this year has not been entered yet" in page


def test_other_roles_cannot_declare_or_verify(quota_app, client, login, accounts):
    login(accounts[Role.SEEKER])
    assert client.get("/declarations/").status_code == 403
    assert client.get("/declarations/staff/").status_code == 403


# -- staff ------------------------------------------------------------------------------------------------

@pytest.fixture
def submitted(quota_app, client, login, post_form, accounts, db):
    """A submitted declaration with two employees: one in the registry, one not."""
    employer_user = accounts[Role.EMPLOYER]
    seeker = make_seeker(db, employer_user.employer.township, grade=2)
    db.commit()
    stranger = certificate_number(4, 3)
    login(employer_user)
    post_form("/declarations/", form_data(employees=[employee(seeker.certificate_number, name="登记人"),
                                                     employee(stranger, name="陌生人", insured=6, months=6)]))
    post_form("/declarations/2025/submit", {}, page="/declarations/2025")
    client.post("/logout", data={"csrf_token": ""})
    client.delete_cookie("session")
    login(accounts[Role.STAFF])
    declaration = db.scalar(select(QuotaDeclaration))
    return declaration, seeker, stranger


def insurance_csv(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id_number", "credit_code", "year", "months"])
    writer.writerows(rows)
    return buffer.getvalue().encode()


def test_a_settled_mismatch_shows_the_choice_who_and_when_and_an_unknown_certificate_keeps_its_months(
        submitted, client, post_form, accounts, db):
    declaration, seeker, stranger = submitted
    code = declaration.employer.credit_code
    post_form("/declarations/staff/insurance", {"file": (io.BytesIO(insurance_csv([
        [seeker.certificate_number[:18], code, 2025, "1-9"], [stranger[:18], code, 2025, "1-6"]])), "si-2025.csv")},
        content_type="multipart/form-data")
    url = f"/declarations/staff/{declaration.id}"
    post_form(url + "/verify", {}, page=url)
    db.expire_all()
    known, unknown = declaration.employees
    assert (known.mismatch, unknown.mismatch) == ("insurance_months", "unknown_certificate")
    page = client.get(url + "?lang=en").get_data(as_text=True)
    options = dict(re.findall(r'<select id="resolution-(\d+)" name="resolution">(.*?)</select>', page, re.S))
    assert 'value="use_bureau"' in options[str(known.id)]
    # the bureau paid insurance for the stranger, but the registry does not know them as disabled
    unknown_options = options[str(unknown.id)]
    assert 'value="use_bureau"' not in unknown_options and 'value="accept_declared"' in unknown_options
    refused = post_form(f"{url}/employees/{unknown.id}/resolve?lang=en", {"resolution": "use_bureau"}, page=url)
    assert refused.status_code == 400 and "months cannot simply be taken" in refused.get_data(as_text=True)
    db.expire_all()
    assert unknown.mismatch == "unknown_certificate" and unknown.resolution == ""

    post_form(f"{url}/employees/{known.id}/resolve", {"resolution": "use_bureau"}, page=url)
    post_form(f"{url}/employees/{unknown.id}/resolve", {"resolution": "not_counted"}, page=url)
    db.expire_all()
    assert (known.resolution, known.resolved_mismatch, known.resolved_by_id) == (
        "use_bureau", "insurance_months", accounts[Role.STAFF].id)
    day = known.resolved_at
    page = html.unescape(client.get(url + "?lang=en").get_data(as_text=True))
    assert "Matches" not in page  # a settled mismatch is not a match
    assert ("<strong>Settled: Use the months in the bureau's data.</strong> Found: The bureau's data shows fewer "
            "months of social insurance than declared.") in page
    assert "<strong>Settled: Do not count this employee.</strong>" in page
    assert page.count("Settled by 王老师 on ") == 2
    zh = client.get(url + "?lang=zh").get_data(as_text=True)
    assert "已处理：" in zh and "王老师" in zh
    # checking again starts over: what is still wrong is settled again
    post_form(url + "/verify", {}, page=url)
    db.expire_all()
    assert (known.mismatch, known.resolution, known.resolved_at) == ("insurance_months", "", None)
    assert day is not None


def test_staff_verify_resolve_and_approve_with_every_step_logged(submitted, client, post_form, accounts, db):
    declaration, seeker, stranger = submitted
    code = declaration.employer.credit_code
    response = post_form("/declarations/staff/insurance", {
        "file": (io.BytesIO(insurance_csv([[seeker.certificate_number[:18], code, 2025, "1-9"]])), "si-2025.csv")},
        content_type="multipart/form-data")
    assert response.status_code == 200
    assert db.scalar(select(InsurancePayment).limit(1)) is not None

    url = f"/declarations/staff/{declaration.id}"
    assert client.get(url).status_code == 200
    # approving before checking is refused
    response = post_form(url + "/approve?lang=en", {}, page=url)
    assert response.status_code == 400 and "Check the declaration against the registry" in response.get_data(
        as_text=True)
    post_form(url + "/verify", {}, page=url)
    db.expire_all()
    first, second = declaration.employees
    assert (first.verified_insurance_months, first.mismatch) == (9, "insurance_months")
    assert second.mismatch == "unknown_certificate"
    assert post_form(url + "/approve", {}, page=url).status_code == 400
    post_form(f"{url}/employees/{first.id}/resolve", {"resolution": "use_bureau"}, page=url)
    post_form(f"{url}/employees/{second.id}/resolve", {"resolution": "not_counted"}, page=url)
    assert post_form(url + "/approve", {}, page=url).status_code == 302
    db.expire_all()
    assert declaration.status == DeclarationStatus.APPROVED
    final = db.scalars(select(QuotaAssessment).where(QuotaAssessment.declaration_id == declaration.id)
                       .order_by(QuotaAssessment.id.desc())).first()
    # grade 2 counts twice: 2 x 9/12 = 1.5 = the quota of 100 staff
    assert final.counted == Decimal("1.5") and final.levy_due == Decimal("0")
    steps = [e.detail.get("step") or e.detail.get("status") for e in db.scalars(
        select(AuditEntry).where(AuditEntry.subject_type == "declaration").order_by(AuditEntry.id))]
    assert steps[-5:] == ["verify", "resolve", "resolve", "approved"] or "approved" in steps
    assert {"verify", "resolve", "approved", "submitted"} <= set(steps)
    assert db.scalar(select(Notification).where(Notification.kind == "declaration_approved")) is not None
    # the registered person now counts between declarations; the stranger (not in the registry) does not
    employments = db.scalars(select(Employment).where(Employment.employer_id == declaration.employer_id)).all()
    assert [(e.seeker_id, e.source.value, e.start_on.isoformat()) for e in employments] == [
        (seeker.id, "declaration", "2025-01-01")]


def test_return_needs_a_reason_and_reopens_the_form(submitted, client, post_form, accounts, login, db):
    declaration, _, _ = submitted
    url = f"/declarations/staff/{declaration.id}"
    response = post_form(url + "/return?lang=en", {"reason": "  "}, page=url)
    assert response.status_code == 400 and 'href="#reason"' in response.get_data(as_text=True)
    assert post_form(url + "/return", {"reason": "社保月数与申报不符"}, page=url).status_code == 302
    db.expire_all()
    assert declaration.status == DeclarationStatus.RETURNED
    assert db.scalar(select(Notification).where(Notification.kind == "declaration_returned")) is not None
    client.delete_cookie("session")
    login(accounts[Role.EMPLOYER])
    page = client.get("/declarations/").get_data(as_text=True)
    assert "社保月数与申报不符" in page and 'value="陌生人"' in page


def test_a_bad_insurance_row_imports_nothing_and_is_named(submitted, client, post_form, db):
    declaration, seeker, _ = submitted
    code = declaration.employer.credit_code
    data = insurance_csv([[seeker.certificate_number[:18], code, 2025, "1-12"],
                          ["123", code, 2025, "1-12"], [seeker.certificate_number, code, "20x5", "13"]])
    response = post_form("/declarations/staff/insurance?lang=en",
                         {"file": (io.BytesIO(data), "bad.csv")}, content_type="multipart/form-data")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "bad.csv, line 3, column ID number" in page
    assert "bad.csv, line 4, column Year" in page and "bad.csv, line 4, column Months paid" in page
    assert db.scalar(select(InsurancePayment)) is None


def test_digits_of_other_scripts_and_a_range_beyond_the_year_are_named_not_a_500(submitted, client, post_form, db):
    declaration, seeker, _ = submitted
    code = declaration.employer.credit_code
    data = insurance_csv([[seeker.certificate_number, code, "²⁰²⁵", "1-12"],
                          [seeker.certificate_number, code, 2025, "1-10000000"]])
    response = post_form("/declarations/staff/insurance?lang=en",
                         {"file": (io.BytesIO(data), "odd.csv")}, content_type="multipart/form-data")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "odd.csv, line 2, column Year" in page and "odd.csv, line 3, column Months paid" in page
    assert db.scalar(select(InsurancePayment)) is None


def test_xlsx_import_and_no_double_import(submitted, client, post_form, db):
    from openpyxl import Workbook

    declaration, seeker, _ = submitted
    book = Workbook()
    book.active.append(["证件号码", "统一社会信用代码", "年度", "缴费月份"])
    book.active.append([seeker.certificate_number, declaration.employer.credit_code, 2025, "1-6,9"])
    data = io.BytesIO()
    book.save(data)
    for _ in range(2):
        response = post_form("/declarations/staff/insurance", {"file": (io.BytesIO(data.getvalue()), "si.xlsx")},
                             content_type="multipart/form-data")
        assert response.status_code == 200
    assert len(db.scalars(select(InsurancePayment)).all()) == 7


def test_exports_csv_and_xlsx_with_the_levy(submitted, client, db):
    declaration, _, _ = submitted
    response = client.get("/declarations/staff/export-2025.csv?lang=en")
    rows = list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert rows[0]["Unified social credit code"] == declaration.employer.credit_code
    assert (rows[0]["Status (code)"], rows[0]["Status"]) == ("submitted", "Submitted")
    assert Decimal(rows[0]["Levy due"]) >= 0
    response = client.get("/declarations/staff/export-2025.xlsx?lang=en")
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    assert [c.value for c in sheet[1]][:2] == ["Unified social credit code", "Employer"]
    assert sheet.cell(2, 1).value == declaration.employer.credit_code
    assert db.scalar(select(AuditEntry).where(AuditEntry.action == "export")) is not None


def test_exports_speak_the_readers_language_with_codes_kept_and_the_districts_time(submitted, client, db):
    declaration, _, _ = submitted
    employer = declaration.employer
    employer.industry, employer.employer_kind = "C", None  # the kind from its 91 credit code
    db.commit()
    for lang, expected in (("en", {"Township": employer.township.name_en, "Industry": "Manufacturing",
                                   "Kind of employer": "Enterprise", "Status": "Submitted",
                                   "Exempt": "No"}),
                           ("zh", {"乡镇（街道）": employer.township.name_zh, "行业": "制造业",
                                   "单位类型": "企业", "状态": "已提交", "免征": "否"})):
        response = client.get(f"/declarations/staff/export-2025.csv?lang={lang}")
        [row] = list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8-sig"))))
        for header, value in expected.items():
            assert row[header] == value, (lang, header)
        codes = list(row.values())
        assert "C" in codes and "enterprise" in codes and "submitted" in codes and employer.township.code in codes
        [zone_header] = [h for h in row if "Asia/Shanghai" in h]
        assert row[zone_header].endswith("+08:00")  # the district's time, with its offset
    sheet = load_workbook(io.BytesIO(client.get("/declarations/staff/export-2025.xlsx?lang=zh").get_data())).active
    headers = [c.value for c in sheet[1]]
    assert "行业" in headers and sheet.cell(2, headers.index("行业") + 1).value == "制造业"


def test_local_wage_form_names_bad_fields(quota_app, client, login, post_form, accounts, db):
    login(accounts[Role.STAFF])
    response = post_form("/declarations/staff/wages?lang=en", {"jurisdiction": "CN-ZJ", "year": "twenty",
                                                               "average_yearly": "", "minimum_monthly": "2280"},
                         page="/declarations/staff/wages")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'href="#year"' in page and 'href="#average_yearly"' in page and 'value="twenty"' in page
    assert post_form("/declarations/staff/wages", {"jurisdiction": "CN-ZJ", "year": "2026", "average_yearly":
                                                   "105000", "minimum_monthly": "2490"}).status_code == 302
    assert db.scalar(select(LocalWage).where(LocalWage.year == 2026)).average_yearly == Decimal("105000")


def test_staff_list_names_employers_that_have_not_submitted(submitted, client, db):
    from tests.factories import make_employer

    declaration, _, _ = submitted
    make_employer(db, declaration.employer.township, name="迟交有限公司")
    db.commit()
    page = client.get("/declarations/staff/?year=2025&lang=en").get_data(as_text=True)
    assert "Not yet submitted for 2025: 1 employer" in page and "迟交有限公司" in page
    assert declaration.employer.name in page  # in the list of declarations, not among the missing
    assert "The window closes on Jun 30, 2026" in page
