"""The employer's quota dashboard and the staff's district dashboard (with a chart, a table and a CSV)."""

from flask import Blueprint, abort, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from models import Role
from services import audit
from services import standing as ops
from services.declarations import next_window, open_window

from .. import exports
from ..clock import today
from ..db import get_session
from ..errors import error_text
from ..i18n import current_language
from ..notifications import recent
from ..security import role_required

bp = Blueprint("dashboards", __name__, url_prefix="/dashboards")

STATUS_LABELS = {"compliant": _l("Meets the quota"), "below": _l("Below the quota"), "exempt": _l("Exempt"),
                 "not_declared": _l("Not declared")}


def quota_status_label(code: str) -> str:
    return str(STATUS_LABELS.get(code, code))


@bp.record_once
def _helpers(state):
    state.app.jinja_env.globals.update(quota_status_label=quota_status_label)


@bp.route("/employer")
@role_required(Role.EMPLOYER)
def employer():
    employer = current_user.employer
    if employer is None:
        abort(403)
    session = get_session()
    day = today()
    compliance = ops.employer_compliance(session, employer, day)
    suggestions = ops.latest_suggestions(session, employer.id)
    if suggestions:
        audit.record(session, action="view", subject_type="seeker",
                     detail={"quota_suggestions": [s.seeker_id for s, _person in suggestions]})
    return render_template(
        "dashboards/employer.html", employer=employer, compliance=compliance, suggestions=suggestions, day=day,
        status=ops.status_of(compliance.assessment) if compliance.assessment else None,
        problem=error_text(compliance.problem) if compliance.problem else None,
        window=open_window(employer.jurisdiction, day), next_window=next_window(employer.jurisdiction, day),
        notices=recent(session, current_user.id))


def _year(session) -> tuple[int, list[int]]:
    years = ops.declared_years(session)
    year = request.args.get("year", type=int)
    if year is None or (years and year not in years):
        year = years[-1] if years else today().year - 1
    return year, years


def bar_chart(items: list[tuple[str, float, str]], width: int = 320, bar: int = 28, gap: int = 12) -> dict:
    """Geometry of a horizontal bar chart: [(label, value, shown text)] -> bars with x, y, width."""
    top = max((v for _, v, _ in items), default=0) or 1
    bars = []
    for index, (label, value, shown) in enumerate(items):
        bars.append({"label": label, "shown": shown, "y": index * (bar + gap),
                     "width": max(2, round(width * value / top)) if value else 0})
    return {"bars": bars, "height": len(items) * (bar + gap), "bar": bar, "width": width}


@bp.route("/district")
@role_required(Role.STAFF)
def district():
    session = get_session()
    year, years = _year(session)
    figures = ops.district_figures(session, year, current_language())
    history = ops.trend(session)
    status_chart = bar_chart([(str(STATUS_LABELS[s]), figures["totals"][s], str(figures["totals"][s]))
                              for s in ops.STATUSES])
    levy_chart = bar_chart([(str(row["year"]), float(row["levy"]), f"{row['levy']:,.2f}") for row in history])
    suggestions = ops.week_suggestions(session)
    if suggestions:
        audit.record(session, action="view", subject_type="seeker",
                     detail={"quota_suggestions": sorted({s.seeker_id for s in suggestions})})
    return render_template("dashboards/district.html", figures=figures, year=year, years=years, history=history,
                           status_chart=status_chart, levy_chart=levy_chart, statuses=ops.STATUSES,
                           notices=recent(session, current_user.id), suggestions=suggestions)


@bp.route("/district-<int:year>.csv")
@role_required(Role.STAFF)
def district_csv(year: int):
    session = get_session()
    rows = ops.district_rows(session, year, current_language())
    audit.record(session, action="export", subject_type="quota_district", detail={"year": year, "rows": len(rows)})
    headers, values = exports.table(rows, ops.DISTRICT_COLUMNS, quota_status_label)
    return exports.csv_file(headers, values, f"quota-district-{year}.csv")
