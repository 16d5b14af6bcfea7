"""Follow-up after placement (就业跟踪) and retention: staff's queue and check-in form, the retention view with
its chart, table and CSV, and the employer's own follow-up items (never a check-in's notes or problems)."""

from datetime import timedelta

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.exceptions import BadRequest

from models import Role
from services import audit, followups, hires, retention
from services.errors import DomainError

from .. import exports
from ..clock import today
from ..dashboards.blueprint import bar_chart
from ..db import get_session
from ..errors import error_text
from ..i18n import current_language
from ..labels import category_label, industry_label
from ..security import role_required
from .forms import SUPPORT_ROWS, CheckInForm, LeftForm

bp = Blueprint("followups", __name__, url_prefix="/follow-up")

GROUP_LABELS = {"employer": _l("Employer"), "township": _l("Township"), "category": _l("Disability category"),
                "trade": _l("Trade")}


@bp.record_once
def _helpers(state):
    state.app.jinja_env.globals.update(
        method_label=lambda key: _(followups.METHODS.get(key, key)),
        problem_label=lambda key: _(followups.PROBLEMS.get(key, key)),
        support_label=lambda key: _(followups.SUPPORTS.get(key, key)),
        end_reason_label=lambda key: _(hires.END_REASONS.get(key, key)))


@bp.route("/")
@role_required(Role.STAFF)
def queue():
    """Check-ins due within 30 days: the reader's (and those nobody is named for), or everyone's."""
    everyone = request.args.get("all") == "1"
    day = today()
    rows = followups.queue(get_session(), None if everyone else current_user.id, day + timedelta(days=30))
    return render_template("followups/queue.html", rows=rows, everyone=everyone, day=day)


@bp.route("/check-ins/<int:check_in_id>", methods=["GET", "POST"])
@role_required(Role.STAFF)
def check_in(check_in_id):
    session = get_session()
    check_in = followups.check_in_for_staff(session, check_in_id)
    if check_in is None:
        abort(404)
    form = CheckInForm()
    if request.method == "GET":
        form.done_on.data = today()
    messages = []
    if form.validate_on_submit():
        record = followups.CheckInRecord(
            done_on=form.done_on.data, method=form.method.data, still_employed=form.still_employed.data == "yes",
            satisfaction_person=form.satisfaction_person.data, satisfaction_employer=form.satisfaction_employer.data,
            problems=form.problems.data, notes=form.notes.data or "", supports=form.supports())
        try:
            followups.record_check_in(session, check_in, record, by=current_user, today=today())
        except DomainError as error:
            messages = [error_text(error)]
        else:
            flash(_("The check-in is recorded."), "success")
            return redirect(url_for(".check_in", check_in_id=check_in.id))
    employment = check_in.plan.employment
    audit.record(session, action="view", subject_type="seeker", subject_id=employment.seeker_id,
                 detail={"view": "check_in", "check_in_id": check_in.id})
    status = 400 if request.method == "POST" else 200
    return render_template("followups/check_in.html", check_in=check_in, employment=employment, form=form,
                           messages=messages, history=followups.plan_check_ins(session, check_in.plan_id),
                           rows=range(1, SUPPORT_ROWS + 1),
                           end_reason=hires.end_reason_key(employment)), status


def _group() -> str:
    group = request.args.get("by", "employer")
    return group if group in retention.GROUPS else ""


def _label(group: str, row: retention.Row) -> str:
    if group == "employer":
        return row.employer.name
    if group == "township":
        return row.seeker.township.name(current_language())
    if group == "category":
        return category_label(row.key)
    return industry_label(row.key) or _("Not chosen yet")


def _bad_group():
    return render_template("errors/error.html", error=BadRequest(), message=_(
        "The field %(field)s must be one of: %(values)s.", field="by", values=", ".join(retention.GROUPS))), 400


@bp.route("/retention", endpoint="retention")
@role_required(Role.STAFF)
def retention_page():
    group = _group()
    if not group:
        return _bad_group()
    rows = retention.retention(get_session(), group, today())
    total = retention.total(rows)
    charts = {months: bar_chart([(_label(group, r), r.share(months) or 0, _percent(r.share(months)))
                                 for r in rows if r.cells[months][1]], width=260)
              for months in retention.HORIZONS}
    return render_template("followups/retention.html", group=group, groups=GROUP_LABELS, rows=rows, total=total,
                           label=lambda r: _label(group, r), percent=_percent, charts=charts,
                           horizons=retention.HORIZONS)


def _percent(share) -> str:
    return "–" if share is None else f"{share * 100:.0f}%"


@bp.route("/retention.csv")
@role_required(Role.STAFF)
def retention_csv():
    group = _group()
    if not group:
        return _bad_group()
    session = get_session()
    rows = retention.retention(session, group, today())
    headers = [str(GROUP_LABELS[group])]
    for months in retention.HORIZONS:
        headers += [_("Placed %(n)s months ago or more", n=months), _("Still employed at %(n)s months", n=months)]
    values = [[_label(group, row), *(n for m in retention.HORIZONS for n in reversed(row.cells[m]))]
              for row in rows]
    audit.record(session, action="export", subject_type="retention", detail={"by": group, "rows": len(rows)})
    return exports.csv_file(headers, values, f"retention-by-{group}.csv")


@bp.route("/employer")
@role_required(Role.EMPLOYER)
def employer_items():
    """What the follow-up asks of the employer, and the people placed with it (to report that one left)."""
    if current_user.employer is None:
        abort(403)
    session = get_session()
    return render_template("followups/employer.html", items=followups.employer_items(session, current_user.employer_id),
                           placements=hires.placements_of_employer(session, current_user.employer_id, today()),
                           form=LeftForm())


@bp.route("/employer/employments/<int:employment_id>/left", methods=["GET", "POST"])
@role_required(Role.EMPLOYER)
def report_left(employment_id):
    if current_user.employer is None:
        abort(403)
    session = get_session()
    employment = next((e for e in hires.placements_of_employer(session, current_user.employer_id, today())
                       if e.id == employment_id), None)
    if employment is None:
        abort(404)
    form = LeftForm()
    messages = []
    if form.validate_on_submit():
        try:
            hires.end_employment(session, employment, form.end_on.data, by_user_id=current_user.id, reason="left",
                                 note=form.note.data or "", today=today())
        except DomainError as error:
            messages = [error_text(error)]
        else:
            flash(_("Thank you: the federation is told and will contact the person."), "success")
            return redirect(url_for(".employer_items"))
    status = 400 if request.method == "POST" else 200
    return render_template("followups/left.html", employment=employment, form=form, messages=messages), status
