"""Employer declaration pages and staff verification, approval, insurance imports, local wages and exports."""

from decimal import Decimal

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from compliance import RULES
from models import DeclarationStatus, Employer, QuotaDeclaration, Role
from services import audit
from services import declarations as ops
from services.insurance import import_file, insurance_imports
from services.wages import local_wages, save_local_wage

from .. import exports
from ..clock import clock, today
from ..db import get_session
from ..errors import error_text
from ..i18n import current_language
from ..pages import page_number, search_form
from ..profile_fields import choices
from ..security import role_required
from . import texts
from .forms import DeclarationForm, InsuranceUploadForm, LocalWageForm, ResolveForm, ReturnForm

bp = Blueprint("declarations", __name__, url_prefix="/declarations")


def _employer() -> Employer:
    if current_user.employer is None:
        abort(403)
    return current_user.employer


def step_text(step: dict) -> str:
    return step.get("en") if current_language() == "en" else step.get("zh")


@bp.record_once
def _helpers(state):
    state.app.jinja_env.globals.update(
        step_text=step_text, money=_money, not_counted_text=lambda code: str(texts.NOT_COUNTED.get(code, code)),
        mismatch_text=lambda code: str(texts.MISMATCH.get(code, code)),
        resolution_text=lambda code: str(texts.RESOLUTION.get(code, code)), resolutions_for=ops.resolutions_for)


def _money(value) -> str:
    return f"{Decimal(value):,.2f}" if value is not None else ""


# -- employer ---------------------------------------------------------------------------------------------

def _form_errors(form: DeclarationForm) -> list[tuple[str, str]]:
    """(field id, "label: message") in page order, employee rows named by their number."""
    out = []
    for field in form.staff_fields():
        where = _("Staff in %(month)s", month=field.label.text)
        out += [(field.id, where + ": " + str(e)) for e in field.errors]
    out += [(form.total_wages.id, form.total_wages.label.text + ": " + str(e)) for e in form.total_wages.errors]
    for number, entry in enumerate(form.employees.entries, 1):
        row = _("Employee %(n)d", n=number)
        for sub in entry.form:
            out += [(sub.id, row + ", " + sub.label.text + ": " + str(e)) for e in sub.errors]
    return out


def _prefill(form: DeclarationForm, figures: dict) -> None:
    for month, value in enumerate(figures["staff_by_month"] or [], 1):
        form[f"staff_{month}"].data = value
    form.total_wages.data = figures["total_wages"]
    while form.employees.entries:
        form.employees.pop_entry()
    for employee in figures["employees"]:
        form.employees.append_entry(employee)


@bp.route("/", methods=["GET", "POST"])
@role_required(Role.EMPLOYER)
def declare():
    employer = _employer()
    session = get_session()
    day = today()
    window = ops.open_window(employer.jurisdiction, day)
    if window is None:
        return render_template("declarations/closed.html", employer=employer,
                               declarations=ops.declarations_of(session, employer.id),
                               next_window=ops.next_window(employer.jurisdiction, day))
    declaration = ops.declaration_for(session, employer, window.year)
    if not ops.editable(declaration):
        return redirect(url_for(".review", year=window.year))
    form = DeclarationForm()
    status = 200
    if request.method == "GET":
        _prefill(form, ops.figures_of(declaration) if declaration is not None
                 else ops.starting_figures(session, employer, window.year))
        if not form.employees.entries:
            form.employees.append_entry()
    else:
        action = request.form.get("action", "save")
        if action == "add":
            form.employees.append_entry()
            return render_template("declarations/form.html", form=form, window=window, employer=employer,
                                   declaration=declaration, errors=[], focus_row=len(form.employees.entries))
        if action.startswith("remove-"):
            index = action.removeprefix("remove-")
            kept = [e.data for i, e in enumerate(form.employees.entries) if str(i) != index]
            while form.employees.entries:
                form.employees.pop_entry()
            for data in kept:
                form.employees.append_entry(data)
            form.employees.last_index = len(kept) - 1
            return render_template("declarations/form.html", form=form, window=window, employer=employer,
                                   declaration=declaration, errors=[], removed=True)
        if form.validate():
            employees = [{k: v for k, v in e.data.items() if k != "csrf_token"} for e in form.employees.entries
                         if any(str(v or "").strip() for v in e.data.values())]
            ops.save_draft(session, employer, window.year, [f.data for f in form.staff_fields()],
                           form.total_wages.data, employees, user=current_user)
            return redirect(url_for(".review", year=window.year))
        status = 400
        if not form.employees.entries:
            form.employees.append_entry()
    return render_template("declarations/form.html", form=form, window=window, employer=employer,
                           declaration=declaration, errors=_form_errors(form)), status


def _render_review(year: int, messages=(), status: int = 200):
    employer = _employer()
    session = get_session()
    declaration = ops.declaration_for(session, employer, year)
    if declaration is None:
        abort(404)
    window = ops.open_window(employer.jurisdiction, today())
    can_submit = ops.editable(declaration) and window is not None and window.year == year
    verified = declaration.status == DeclarationStatus.APPROVED
    result = ops.estimate(session, declaration, verified=verified)
    return render_template("declarations/review.html", employer=employer, declaration=declaration, result=result,
                           can_submit=can_submit, window=window, messages=messages,
                           average_staff=ops.average_staff(declaration.staff_by_month),
                           problem=error_text(result.problem) if result.problem else None), status


@bp.route("/<int:year>")
@role_required(Role.EMPLOYER)
def review(year: int):
    return _render_review(year)


@bp.route("/<int:year>/submit", methods=["POST"])
@role_required(Role.EMPLOYER)
def submit(year: int):
    from flask_wtf import FlaskForm

    employer = _employer()
    session = get_session()
    declaration = ops.declaration_for(session, employer, year)
    if declaration is None:
        abort(404)
    if not FlaskForm().validate_on_submit():
        return _render_review(year, [_("The form has expired. Please send it again.")], 400)
    try:
        ops.submit(session, declaration, user=current_user, today=today())
    except ops.DeclarationError as error:
        session.rollback()
        return _render_review(year, [error_text(error)], 400)
    flash(_("Your declaration for %(year)s has been submitted. Staff will check it and tell you the result.",
            year=year), "success")
    return redirect(url_for(".review", year=year))


# -- staff ----------------------------------------------------------------------------------------------

@bp.route("/staff/")
@role_required(Role.STAFF)
def staff_list():
    session = get_session()
    years = ops.declaration_years(session)
    year = request.args.get("year", type=int) or (years[0] if years else today().year - 1)
    status = request.args.get("status", "")
    chosen = DeclarationStatus(status) if status in {s.value for s in DeclarationStatus} else None
    form = search_form(_("Employer name"))
    if not form.validate():
        return render_template("declarations/staff_list.html", form=form, declarations=None, year=year,
                               years=years, missing=None, window=None, status=status, counts={},
                               statuses=[s.value for s in DeclarationStatus]), 400
    text = form.q.data or ""
    declarations = ops.declarations_in(session, year, chosen, text, page_number())
    missing = ops.undeclared_in(session, year, text, page_number("missing_page"))
    window = next((w for code in {e.jurisdiction for e in missing.items} for w in [ops.open_window(code, today())]
                   if w is not None and w.year == year), None)
    return render_template("declarations/staff_list.html", form=form, declarations=declarations, year=year,
                           years=years, missing=missing, window=window,
                           status=status, counts=ops.status_counts(session, year),
                           statuses=[s.value for s in DeclarationStatus])


def _staff_declaration(declaration_id: int) -> QuotaDeclaration:
    declaration = ops.declaration_by_id(get_session(), declaration_id)
    if declaration is None:
        abort(404)
    return declaration


def _render_detail(declaration, return_form=None, status=200, messages=()):
    session = get_session()
    verified = declaration.status == DeclarationStatus.APPROVED or not ops.unchecked(declaration)
    result = ops.estimate(session, declaration, verified=verified)
    registry = {e.id: ops.registry_seeker(session, e.certificate_number) is not None for e in declaration.employees}
    return render_template(
        "declarations/staff_detail.html", declaration=declaration, result=result, registry=registry,
        return_form=return_form or ReturnForm(), resolve_form=ResolveForm(), messages=messages,
        average_staff=ops.average_staff(declaration.staff_by_month),
        unchecked=ops.unchecked(declaration), mismatches=ops.open_mismatches(declaration),
        problem=error_text(result.problem) if result.problem else None), status


@bp.route("/staff/<int:declaration_id>")
@role_required(Role.STAFF)
def staff_detail(declaration_id: int):
    declaration = _staff_declaration(declaration_id)
    session = get_session()
    audit.record(session, action="view", subject_type="declaration", subject_id=declaration.id)
    return _render_detail(declaration)


def _staff_action(declaration_id: int, action):
    from flask_wtf import FlaskForm

    declaration = _staff_declaration(declaration_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    session = get_session()
    try:
        action(session, declaration)
    except ops.DeclarationError as error:
        session.rollback()
        return _render_detail(_staff_declaration(declaration_id), status=400, messages=[error_text(error)])
    return redirect(url_for(".staff_detail", declaration_id=declaration_id))


@bp.route("/staff/<int:declaration_id>/verify", methods=["POST"])
@role_required(Role.STAFF)
def staff_verify(declaration_id: int):
    def action(session, declaration):
        found = ops.verify(session, declaration, user=current_user)
        flash(_("Checked %(n)d employees: %(m)d mismatches to settle.", n=len(declaration.employees),
                m=sum(found.values())), "success")

    return _staff_action(declaration_id, action)


@bp.route("/staff/<int:declaration_id>/employees/<int:employee_id>/resolve", methods=["POST"])
@role_required(Role.STAFF)
def staff_resolve(declaration_id: int, employee_id: int):
    employee = ops.declared_employee(get_session(), declaration_id, employee_id)
    if employee is None:
        abort(404)
    form = ResolveForm()
    if not form.validate_on_submit():
        return _render_detail(_staff_declaration(declaration_id), status=400,
                              messages=[error_text(ops.DeclarationError("unknown_resolution"))])

    def action(session, declaration):
        ops.resolve(session, employee, form.resolution.data, user=current_user, now=clock().now())

    return _staff_action(declaration_id, action)


@bp.route("/staff/<int:declaration_id>/approve", methods=["POST"])
@role_required(Role.STAFF)
def staff_approve(declaration_id: int):
    def action(session, declaration):
        ops.approve(session, declaration, user=current_user)
        flash(_("The declaration is approved."), "success")

    return _staff_action(declaration_id, action)


@bp.route("/staff/<int:declaration_id>/return", methods=["POST"])
@role_required(Role.STAFF)
def staff_return(declaration_id: int):
    form = ReturnForm()
    if not form.validate_on_submit():
        return _render_detail(_staff_declaration(declaration_id), return_form=form, status=400)

    def action(session, declaration):
        ops.return_to_employer(session, declaration, form.reason.data, user=current_user)
        flash(_("The declaration was returned to the employer."), "success")

    return _staff_action(declaration_id, action)


# -- exports -------------------------------------------------------------------------------------------

def _export(year: int, kind: str):
    session = get_session()
    rows = ops.export_rows(session, year, current_language())
    audit.record(session, action="export", subject_type="declaration",
                 detail={"year": year, "format": kind, "rows": len(rows)})
    headers, values = exports.table(rows, ops.EXPORT_COLUMNS)
    name = f"quota-{year}.{kind}"
    if kind == "csv":
        return exports.csv_file(headers, values, name)
    return exports.xlsx_file(headers, values, name, _("Quota %(year)s", year=year))


@bp.route("/staff/export-<int:year>.csv")
@role_required(Role.STAFF)
def export_csv(year: int):
    return _export(year, "csv")


@bp.route("/staff/export-<int:year>.xlsx")
@role_required(Role.STAFF)
def export_xlsx(year: int):
    return _export(year, "xlsx")


# -- social-insurance data and local wages ---------------------------------------------------------------

@bp.route("/staff/insurance", methods=["GET", "POST"])
@role_required(Role.STAFF)
def insurance():
    session = get_session()
    form = InsuranceUploadForm()
    result, status, errors = None, 200, []
    if request.method == "POST":
        upload = form.file.data
        if not form.validate_on_submit():
            status = 400
        elif upload is None or not upload.filename:
            errors = [_("Choose a CSV or XLSX file to import.")]
            status = 400
        elif not upload.filename.lower().endswith((".csv", ".xlsx")):
            errors = [_("The file must be a CSV or XLSX file.")]
            status = 400
        else:
            result = import_file(session, upload.filename, upload.read(), user_id=current_user.id)
            audit.record(session, action="create", subject_type="insurance_import", subject_id=result.id,
                         detail={"status": result.status, "rows": result.rows})
            status = 400 if result.status == "rejected" else 200
    return render_template("declarations/insurance.html", form=form, result=result,
                           imports=insurance_imports(session), errors=errors, texts=texts), status


@bp.route("/staff/wages", methods=["GET", "POST"])
@role_required(Role.STAFF)
def wages():
    session = get_session()
    form = LocalWageForm()
    form.jurisdiction.choices = choices((code, code) for code in RULES.codes())
    if request.method == "GET":
        form.jurisdiction.data = "CN-ZJ"
    status = 200
    if request.method == "POST":
        if form.validate_on_submit():
            save_local_wage(session, form.jurisdiction.data, form.year.data, form.average_yearly.data,
                            form.minimum_monthly.data)
            flash(_("Saved the wages of %(year)s.", year=form.year.data), "success")
            return redirect(url_for(".wages"))
        status = 400
    return render_template("declarations/wages.html", form=form, rows=local_wages(session)), status
