"""Declarations as plain functions on a session: windows, the levy estimate, submitting, verifying against the
district registry and the social-insurance data, resolving mismatches, approving or returning, exports.

The web pages, the scheduler and the tests all use these; texts shown to people are made from the codes
returned here by the web layer, in the reader's language.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from compliance import RULES, RecordError, assess
from models import (DeclarationStatus, DeclaredEmployee, Employer, EmploymentSource, InsurancePayment, QuotaAssessment,
                    QuotaDeclaration, Role, Seeker, User, utcnow)
from models.identifiers import IdentifierError, validate_certificate

from . import audit, counting, hires
from .errors import DomainError
from .i18n import N_
from .industries import kind_of, section_name
from .mail import Mailer
from .notifications import notify_employer, notify_staff
from .pages import PER_PAGE, Page, paginate
from .wages import local_wage

MONTHS = 12
#: why a declared employee is left out of the count (codes; the web layer words them)
NOT_COUNTED = ("short_contract", "below_minimum_wage", "no_insurance")
#: what verification can find
MISMATCHES = ("unknown_certificate", "no_insurance_data", "insurance_months")
RESOLUTIONS = ("use_bureau", "accept_declared", "not_counted")


class DeclarationError(DomainError):
    """A step that is not allowed now (e.g. submitting outside the window), or why a levy cannot be estimated."""

    messages = {
        "window_closed": N_("The declaration window for this year is not open."),
        "not_editable": N_("This declaration has been submitted and can no longer be changed."),
        "not_submitted": N_("Only a submitted declaration can be approved or returned."),
        "not_verified": N_("Check the declaration against the registry and the social-insurance data first."),
        "open_mismatches": N_("Settle every mismatch before approving."),
        "reason_required": N_("Say what the employer must correct."),
        "no_local_wage": N_("The local average wage of this year has not been entered yet, so the levy cannot be "
                            "estimated. Staff enter it under Local wages."),
        "unknown_resolution": N_("Choose how to settle the mismatch."),
        "no_bureau_months": N_("The district's registry does not know this certificate number, so the bureau's "
                               "months cannot simply be taken: accept the declared months once you have seen "
                               "proof, or do not count the person."),
        # the compliance rules refused the record; their reason names the field, for staff to correct the data
        "not_assessable": N_("The levy cannot be estimated from these figures: %(reason)s"),
    }


@dataclass(frozen=True)
class Window:
    year: int
    opens: date
    closes: date
    status: str

    def is_open(self, day: date) -> bool:
        return self.opens <= day <= self.closes


def windows(jurisdiction: str) -> list[Window]:
    """Every declaration window the rule data knows for a jurisdiction, earliest first."""
    found = []
    for year in range(2000, 2100):
        try:
            entry = RULES.windows(jurisdiction, year)
        except Exception:  # an unknown jurisdiction has no windows
            return []
        if entry and "declaration" in entry:
            opens, closes = entry["declaration"]
            found.append(Window(year, opens, closes, entry["status"]))
    return found


def open_window(jurisdiction: str, day: date) -> Window | None:
    return next((w for w in windows(jurisdiction) if w.is_open(day)), None)


def next_window(jurisdiction: str, day: date) -> Window | None:
    return next((w for w in windows(jurisdiction) if w.opens > day), None)


def average_staff(staff_by_month) -> Decimal:
    values = [Decimal(v) for v in staff_by_month or []]
    return sum(values) / len(values) if values else Decimal(0)


def average_wage(declaration: QuotaDeclaration) -> Decimal:
    staff = average_staff(declaration.staff_by_month)
    return (Decimal(declaration.total_wages) / staff).quantize(Decimal("0.01")) if staff else Decimal(0)


def grade_of(certificate_number: str) -> int | None:
    tail = (certificate_number or "")[-1:]
    return int(tail) if tail.isdigit() and 1 <= int(tail) <= 4 else None


def counted_months(employee: DeclaredEmployee, verified: bool) -> int:
    if verified and employee.verified_insurance_months is not None:
        return employee.verified_insurance_months
    return employee.social_insurance_months


def not_counted_reason(employee: DeclaredEmployee, minimum_monthly: Decimal | None, verified: bool) -> str | None:
    return counting.not_counted_reason(employee.contract_months, employee.monthly_wage,
                                       counted_months(employee, verified), minimum_monthly)


@dataclass
class Estimate:
    """The levy estimate of a declaration: the compliance Assessment, or why there is none."""

    assessment: object | None = None
    #: [(row number from 1, employee name, reason code)]
    not_counted: list = field(default_factory=list)
    #: why there is no assessment: no local wage, or a record the rules cannot assess
    problem: DeclarationError | None = None
    avg_wage: Decimal | None = None
    local_avg_wage: Decimal | None = None


def estimate(session: Session, declaration: QuotaDeclaration, *, verified: bool = False) -> Estimate:
    """Assess a declaration (saved or not) under its employer's rule set; `verified` uses what staff checked."""
    employer = declaration.employer or session.get(Employer, declaration.employer_id)
    wage = local_wage(session, employer.jurisdiction, declaration.year)
    result = Estimate(avg_wage=average_wage(declaration))
    if wage is None:
        result.problem = DeclarationError("no_local_wage")
        return result
    result.local_avg_wage = Decimal(wage.average_yearly)
    disabled = []
    for number, employee in enumerate(declaration.employees, 1):
        reason = not_counted_reason(employee, wage.minimum_monthly, verified)
        if reason:
            result.not_counted.append((number, employee.name, reason))
            continue
        disabled.append({"grade": grade_of(employee.certificate_number), "months": counted_months(employee, verified)})
    record = {"employer_id": employer.credit_code, "jurisdiction": employer.jurisdiction, "year": declaration.year,
              "staff_by_month": list(declaration.staff_by_month), "avg_wage": result.avg_wage,
              "local_avg_wage": result.local_avg_wage, "disabled_employees": disabled}
    if employer.employer_kind:  # else the engine reads it from the credit code, and its steps say so
        record["employer_kind"] = employer.employer_kind
    try:
        result.assessment = assess(record)
    except RecordError as error:
        result.problem = DeclarationError("not_assessable", reason=str(error))
    return result


def store_assessment(session: Session, declaration: QuotaDeclaration, result: Estimate) -> QuotaAssessment | None:
    """Keep a declaration's assessment (a new row each time: the history stays)."""
    a = result.assessment
    if a is None:
        return None
    row = QuotaAssessment(
        employer_id=declaration.employer_id, year=declaration.year, declaration_id=declaration.id,
        kind="declaration", jurisdiction=a.jurisdiction, staff=average_staff(declaration.staff_by_month).quantize(
            Decimal("0.0001")), required=a.required, counted=a.counted, shortfall=a.shortfall, exempt=a.exempt,
        tier=a.tier, levy_due=a.levy_due, currency=a.currency, steps=[dict(s) for s in a.steps])
    session.add(row)
    return row


#: declarations that stand for their year: filed, and not sent back
FILED = (DeclarationStatus.SUBMITTED, DeclarationStatus.APPROVED)


def latest_assessment(session: Session, declaration_id: int) -> QuotaAssessment | None:
    return session.scalar(select(QuotaAssessment).where(QuotaAssessment.declaration_id == declaration_id)
                          .order_by(QuotaAssessment.id.desc()).limit(1))


# -- the employer's side -------------------------------------------------------------------------------------

def declaration_for(session: Session, employer: Employer, year: int) -> QuotaDeclaration | None:
    return session.scalar(select(QuotaDeclaration).where(QuotaDeclaration.employer_id == employer.id,
                                                         QuotaDeclaration.year == year)
                          .options(selectinload(QuotaDeclaration.employees)))


def declarations_of(session: Session, employer_id: int) -> list[QuotaDeclaration]:
    """The employer's declarations, newest year first (its home page, and its declaration page when no window is
    open)."""
    return list(session.scalars(select(QuotaDeclaration).where(QuotaDeclaration.employer_id == employer_id)
                                .order_by(QuotaDeclaration.year.desc())))


def figures_of(declaration: QuotaDeclaration) -> dict:
    """A declaration's figures in the shape of its form."""
    return {"staff_by_month": list(declaration.staff_by_month or []), "total_wages": declaration.total_wages,
            "employees": [{"name": e.name, "certificate_number": e.certificate_number,
                           "months_employed": e.months_employed, "contract_months": e.contract_months,
                           "monthly_wage": e.monthly_wage, "social_insurance_months": e.social_insurance_months}
                          for e in declaration.employees]}


def starting_figures(session: Session, employer: Employer, year: int) -> dict:
    """What a new declaration starts with, for the employer to confirm or correct: today's headcount in every
    month, the wages at the average of its last declaration, and every disabled employee the system recorded
    for the year (hires at fairs, through applications, by staff), with the months the quota counts."""
    employees = []
    for row in counting.employments_in_year(session, employer.id, year, None):
        employment, seeker = row.employment, row.employment.seeker
        employees.append({"name": seeker.name, "certificate_number": seeker.certificate_number,
                          "months_employed": row.months, "contract_months": employment.contract_months,
                          "monthly_wage": employment.monthly_wage,
                          "social_insurance_months": row.months if employment.social_insurance else 0})
    # today's headcount and the wages at the last declared average: the figures the dashboard projects
    average = counting.declared_average_wage(session, employer.id)
    return {"staff_by_month": [employer.headcount] * 12,
            "total_wages": average * employer.headcount if average is not None else None, "employees": employees}


def editable(declaration: QuotaDeclaration | None) -> bool:
    return declaration is None or declaration.status in (DeclarationStatus.DRAFT, DeclarationStatus.RETURNED)


def fill_declaration(declaration: QuotaDeclaration, staff_by_month: list[int], total_wages: Decimal,
                     employees: list[dict]) -> QuotaDeclaration:
    """Put the form's figures into a declaration (new or draft), replacing its employees."""
    declaration.staff_by_month = [int(v) for v in staff_by_month]
    declaration.total_wages = Decimal(total_wages)
    declaration.employees = [DeclaredEmployee(
        name=e["name"], certificate_number=e["certificate_number"], months_employed=e["months_employed"],
        contract_months=e["contract_months"], monthly_wage=Decimal(e["monthly_wage"]),
        social_insurance_months=e["social_insurance_months"], verified_insurance_months=None, mismatch="")
        for e in employees]
    return declaration


def save_draft(session: Session, employer: Employer, year: int, staff_by_month, total_wages, employees, *,
               user: User) -> QuotaDeclaration:
    declaration = declaration_for(session, employer, year)
    if not editable(declaration):
        raise DeclarationError("not_editable")
    created = declaration is None
    if created:
        declaration = QuotaDeclaration(employer=employer, employer_id=employer.id, year=year,
                                       status=DeclarationStatus.DRAFT)
        session.add(declaration)
    fill_declaration(declaration, staff_by_month, total_wages, employees)
    session.flush()
    audit.record(session, action="create" if created else "update", subject_type="declaration",
                 subject_id=declaration.id, detail={"year": year, "employees": len(employees)}, user_id=user.id)
    return declaration


def submit(session: Session, declaration: QuotaDeclaration, *, user: User, today: date) -> QuotaAssessment | None:
    window = open_window(declaration.employer.jurisdiction, today)
    if window is None or window.year != declaration.year:
        raise DeclarationError("window_closed")
    if not editable(declaration):
        raise DeclarationError("not_editable")
    declaration.status = DeclarationStatus.SUBMITTED
    declaration.submitted_at = utcnow()
    declaration.return_reason = ""
    row = store_assessment(session, declaration, estimate(session, declaration))
    audit.record(session, action="update", subject_type="declaration", subject_id=declaration.id,
                 detail={"status": "submitted", "year": declaration.year}, user_id=user.id)
    return row


# -- the staff's side ---------------------------------------------------------------------------------------

def verify(session: Session, declaration: QuotaDeclaration, *, user: User | None) -> dict:
    """Check every declared employee against the registry and the imported social-insurance months.

    Sets `verified_insurance_months` and `mismatch` on each; returns {mismatch code: count}.
    """
    credit_code = declaration.employer.credit_code
    found: dict[str, int] = {}
    for employee in declaration.employees:
        number = employee.certificate_number
        seeker = session.scalar(select(Seeker).where(Seeker.certificate_number == number))
        months = session.scalar(select(func.count(func.distinct(InsurancePayment.month))).where(
            InsurancePayment.citizen_id == number[:18], InsurancePayment.credit_code == credit_code,
            InsurancePayment.year == declaration.year))
        employee.verified_insurance_months = months
        if seeker is None:
            employee.mismatch = "unknown_certificate"
        elif months == 0 and employee.social_insurance_months > 0:
            employee.mismatch = "no_insurance_data"
        elif months < employee.social_insurance_months:
            employee.mismatch = "insurance_months"
        else:
            employee.mismatch = ""
            employee.verified_insurance_months = min(months, employee.social_insurance_months)
        # a new check replaces any earlier settlement: what is still wrong is settled again
        employee.resolution, employee.resolved_mismatch = "", ""
        employee.resolved_by_id, employee.resolved_at = None, None
        if employee.mismatch:
            found[employee.mismatch] = found.get(employee.mismatch, 0) + 1
    audit.record(session, action="update", subject_type="declaration", subject_id=declaration.id,
                 detail={"step": "verify", "mismatches": found}, user_id=user.id if user else None)
    return found


def resolutions_for(mismatch: str) -> tuple[str, ...]:
    """The ways to settle a mismatch: the bureau's months do not settle a certificate the registry does not know
    (they say the employer paid insurance, not that the person is disabled)."""
    return tuple(r for r in RESOLUTIONS if not (mismatch == "unknown_certificate" and r == "use_bureau"))


def resolve(session: Session, employee: DeclaredEmployee, resolution: str, *, user: User, now: datetime) -> None:
    """Staff settle one mismatch: take the bureau's months, accept the declared ones, or leave the person out.
    The choice, who made it and when stay on the employee, for the declaration's page."""
    if resolution not in RESOLUTIONS:
        raise DeclarationError("unknown_resolution")
    if resolution not in resolutions_for(employee.mismatch):
        raise DeclarationError("no_bureau_months")
    before = {"mismatch": employee.mismatch, "verified": employee.verified_insurance_months}
    if resolution == "use_bureau":
        employee.verified_insurance_months = employee.verified_insurance_months or 0
    elif resolution == "accept_declared":
        employee.verified_insurance_months = employee.social_insurance_months
    else:
        employee.verified_insurance_months = 0
    employee.resolution, employee.resolved_mismatch = resolution, employee.mismatch
    employee.resolved_by_id, employee.resolved_at = user.id, now
    employee.mismatch = ""
    audit.record(session, action="update", subject_type="declaration", subject_id=employee.declaration_id,
                 detail={"step": "resolve", "employee_id": employee.id, "resolution": resolution, "before": before,
                         "verified_months": employee.verified_insurance_months}, user_id=user.id)


def open_mismatches(declaration: QuotaDeclaration) -> list[DeclaredEmployee]:
    return [e for e in declaration.employees if e.mismatch]


def unchecked(declaration: QuotaDeclaration) -> list[DeclaredEmployee]:
    return [e for e in declaration.employees if e.verified_insurance_months is None]


def approve(session: Session, declaration: QuotaDeclaration, *, user: User) -> QuotaAssessment:
    if declaration.status != DeclarationStatus.SUBMITTED:
        raise DeclarationError("not_submitted")
    if unchecked(declaration):
        raise DeclarationError("not_verified")
    if open_mismatches(declaration):
        raise DeclarationError("open_mismatches", count=len(open_mismatches(declaration)))
    result = estimate(session, declaration, verified=True)
    if result.assessment is None:
        raise result.problem
    declaration.status = DeclarationStatus.APPROVED
    declaration.reviewed_at = utcnow()
    declaration.reviewed_by_id = user.id
    row = store_assessment(session, declaration, result)
    recorded = record_employments(session, declaration, user.id)
    audit.record(session, action="update", subject_type="declaration", subject_id=declaration.id,
                 detail={"status": "approved", "levy_due": str(row.levy_due), "employments_recorded": recorded},
                 user_id=user.id)
    notify_employer(session, declaration.employer_id, "declaration_approved",
                    {"year": declaration.year, "levy_due": str(row.levy_due)})
    return row


def record_employments(session: Session, declaration: QuotaDeclaration, by_user_id: int | None) -> int:
    """After approval: each declared person of the registry who worked to the end of the year is recorded as
    employed by the employer (`hires.record_hire`, source "declaration"), so that the nightly compliance counts
    them between declarations. Someone recorded as working full-time elsewhere now is left as they are."""
    recorded = 0
    for employee in declaration.employees:
        seeker = registry_seeker(session, employee.certificate_number)
        if seeker is None or counted_months(employee, True) <= 0:
            continue
        try:
            hire = hires.record_hire(
                session, seeker, employer_id=declaration.employer_id, source=EmploymentSource.DECLARATION,
                start_on=date(declaration.year, MONTHS - employee.months_employed + 1, 1), by_user_id=by_user_id,
                keep_looking=True, contract_months=employee.contract_months, monthly_wage=int(employee.monthly_wage),
                social_insurance=True)
        except hires.HireError:
            continue
        recorded += hire.created
    return recorded


def return_to_employer(session: Session, declaration: QuotaDeclaration, reason: str, *, user: User) -> None:
    if declaration.status != DeclarationStatus.SUBMITTED:
        raise DeclarationError("not_submitted")
    reason = (reason or "").strip()
    if not reason:
        raise DeclarationError("reason_required")
    declaration.status = DeclarationStatus.RETURNED
    declaration.return_reason = reason
    declaration.reviewed_at = utcnow()
    declaration.reviewed_by_id = user.id
    audit.record(session, action="update", subject_type="declaration", subject_id=declaration.id,
                 detail={"status": "returned"}, user_id=user.id)
    notify_employer(session, declaration.employer_id, "declaration_returned",
                    {"year": declaration.year})


#: reminders go out on the day the window opens and these many days before it closes
REMINDER_DAYS_BEFORE_CLOSE = (30, 7, 1)


def send_declaration_reminders(session: Session, day: date, mailer: Mailer | None = None) -> dict:
    """On reminder days of an open window: every employer that has not submitted is told, in the app (and by
    e-mail when SMTP is configured and the login is an address); staff get the list's size."""
    reminded, mailed, windows = 0, 0, []
    for jurisdiction in session.scalars(select(Employer.jurisdiction).distinct()):
        window = open_window(jurisdiction, day)
        if window is None or not (day == window.opens or (window.closes - day).days in REMINDER_DAYS_BEFORE_CLOSE):
            continue
        windows.append(f"{jurisdiction}:{window.year}")
        employer_ids = undeclared_employers(session, jurisdiction, window.year)
        params = {"year": window.year, "closes": window.closes.isoformat()}
        for employer_id in employer_ids:
            if notify_employer(session, employer_id, "declaration_reminder", params):
                reminded += 1
        if mailer is not None and employer_ids:
            addresses = session.scalars(select(User.username).where(
                User.employer_id.in_(employer_ids), User.role == Role.EMPLOYER, User.is_active,
                User.username.contains("@"))).all()
            mailed += mailer.send(list(addresses), f"按比例就业申报提醒 / Quota declaration reminder {window.year}",
                                  f"请在 {window.closes} 前提交 {window.year} 年度按比例安排残疾人就业申报。\n"
                                  f"Please submit your quota declaration for {window.year} by {window.closes}.\n")
        notify_staff(session, "declarations_missing", {**params, "jurisdiction": jurisdiction,
                                                        "count": len(employer_ids)})
    return {"windows": windows, "employers_reminded": reminded, "emails": mailed}


def undeclared_employers(session: Session, jurisdiction: str, year: int) -> list[int]:
    declared = select(QuotaDeclaration.employer_id).where(
        QuotaDeclaration.year == year,
        QuotaDeclaration.status.in_(FILED))
    return list(session.scalars(select(Employer.id).where(Employer.jurisdiction == jurisdiction,
                                                          Employer.id.not_in(declared)).order_by(Employer.id)))


# -- the staff's side ---------------------------------------------------------------------------------------

def declaration_years(session: Session) -> list[int]:
    """Every year with a declaration in any state, newest first (the staff list's year choice)."""
    return list(session.scalars(select(QuotaDeclaration.year).distinct().order_by(QuotaDeclaration.year.desc())))


def declarations_in(session: Session, year: int, status: DeclarationStatus | None = None, text: str = "",
                    page: int = 1, per_page: int = PER_PAGE) -> Page[QuotaDeclaration]:
    """One page of the year's declarations (only those in `status`, of employers whose name contains `text`, when
    given) with employer and employees loaded, by status then employer, with how many match in all."""
    query = (select(QuotaDeclaration).join(QuotaDeclaration.employer).where(QuotaDeclaration.year == year)
             .options(selectinload(QuotaDeclaration.employer), selectinload(QuotaDeclaration.employees))
             .order_by(QuotaDeclaration.status, Employer.name, QuotaDeclaration.id))
    if status is not None:
        query = query.where(QuotaDeclaration.status == status)
    if text := text.strip():
        query = query.where(Employer.name.contains(text, autoescape=True))
    return paginate(session, query, page, per_page)


def status_counts(session: Session, year: int) -> dict[str, int]:
    """The year's declarations counted per status code; a status without any is absent."""
    return {str(status): count for status, count in session.execute(
        select(QuotaDeclaration.status, func.count()).where(QuotaDeclaration.year == year)
        .group_by(QuotaDeclaration.status)).all()}


def undeclared_in(session: Session, year: int, text: str = "", page: int = 1,
                  per_page: int = PER_PAGE) -> Page[Employer]:
    """Employers (any jurisdiction) with no filed declaration for `year` (whose name contains `text` when given):
    whom staff still wait for, one page by name, township loaded."""
    declared = select(QuotaDeclaration.employer_id).where(QuotaDeclaration.year == year,
                                                          QuotaDeclaration.status.in_(FILED))
    query = (select(Employer).where(Employer.id.not_in(declared))
             .options(selectinload(Employer.township)).order_by(Employer.name, Employer.id))
    if text := text.strip():
        query = query.where(Employer.name.contains(text, autoescape=True))
    return paginate(session, query, page, per_page)


def declaration_by_id(session: Session, declaration_id: int) -> QuotaDeclaration | None:
    """A declaration with its employees and employer loaded, for the staff's pages; None when there is none."""
    return session.scalar(select(QuotaDeclaration).where(QuotaDeclaration.id == declaration_id)
                          .options(selectinload(QuotaDeclaration.employees), selectinload(QuotaDeclaration.employer)))


def declared_employee(session: Session, declaration_id: int, employee_id: int) -> DeclaredEmployee | None:
    """The employee row, only when it belongs to that declaration (an address cannot reach another's row)."""
    employee = session.get(DeclaredEmployee, employee_id)
    return employee if employee is not None and employee.declaration_id == declaration_id else None


def registry_seeker(session: Session, certificate_number: str) -> Seeker | None:
    return session.scalar(select(Seeker).where(Seeker.certificate_number == certificate_number))


def check_certificate(number: str) -> str | None:
    """The identifier problem code, or None when the number is well formed."""
    try:
        validate_certificate(number)
    except IdentifierError as error:
        return error.code
    return None


# -- exports ------------------------------------------------------------------------------------------------

#: the export's columns, in order: codes stay stable whatever the reader's language (the web app names them)
EXPORT_COLUMNS = ("credit_code", "employer", "township_code", "township", "industry_code", "industry",
                  "employer_kind", "year", "status", "staff", "avg_wage", "required", "counted", "shortfall", "exempt",
                  "tier", "levy_due", "currency", "assessed_at")


def assessed_declarations(session: Session, year: int,
                          statuses=FILED) -> list[tuple[QuotaDeclaration, QuotaAssessment]]:
    """Each employer's declaration for `year` in one of `statuses`, with its latest assessment (approved ones:
    the verified figures): what the district dashboard, its CSV and the exports show for the year."""
    latest = (select(QuotaAssessment.declaration_id, func.max(QuotaAssessment.id).label("id"))
              .where(QuotaAssessment.kind == "declaration", QuotaAssessment.year == year)
              .group_by(QuotaAssessment.declaration_id).subquery())
    return list(session.execute(
        select(QuotaDeclaration, QuotaAssessment)
        .join(latest, latest.c.declaration_id == QuotaDeclaration.id)
        .join(QuotaAssessment, QuotaAssessment.id == latest.c.id)
        .where(QuotaDeclaration.year == year, QuotaDeclaration.status.in_(statuses))
        .options(selectinload(QuotaDeclaration.employer).selectinload(Employer.township))
        .order_by(QuotaDeclaration.employer_id)).tuples())


def export_rows(session: Session, year: int, lang: str = "zh") -> list[dict]:
    """Per employer with a submitted, returned or approved declaration for `year`: its latest assessment.
    Codes as stored (status, employer_kind, industry_code, township_code; exempt a bool; assessed_at in UTC) and
    the names of the township and of the industry's section in `lang`."""
    rows = assessed_declarations(session, year, (DeclarationStatus.SUBMITTED, DeclarationStatus.RETURNED,
                                                 DeclarationStatus.APPROVED))
    out = []
    for declaration, a in rows:
        employer = declaration.employer
        out.append({"credit_code": employer.credit_code, "employer": employer.name,
                    "township_code": employer.township.code, "township": employer.township.name(lang),
                    "industry_code": employer.industry or "", "industry": section_name(employer.industry, lang),
                    "employer_kind": kind_of(employer) or "", "year": year,
                    "status": declaration.status.value, "staff": a.staff, "avg_wage": average_wage(declaration),
                    "required": a.required, "counted": a.counted, "shortfall": a.shortfall, "exempt": a.exempt,
                    "tier": a.tier or "", "levy_due": a.levy_due, "currency": a.currency,
                    "assessed_at": a.computed_at})
    return out


def assess_unassessed(session: Session) -> int:
    """Store the assessment of every submitted or approved declaration that has none yet (declarations loaded
    from elsewhere, or filed before the year's local wages were entered). Safe to run again."""
    assessed = select(QuotaAssessment.declaration_id).where(QuotaAssessment.declaration_id.is_not(None))
    declarations = session.scalars(
        select(QuotaDeclaration).where(QuotaDeclaration.status.in_(FILED),
                                       QuotaDeclaration.id.not_in(assessed))
        .options(selectinload(QuotaDeclaration.employees), selectinload(QuotaDeclaration.employer))).all()
    stored = 0
    for declaration in declarations:
        verified = declaration.status == DeclarationStatus.APPROVED
        if store_assessment(session, declaration, estimate(session, declaration, verified=verified)) is not None:
            stored += 1
    session.flush()
    return stored
