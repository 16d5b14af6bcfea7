"""Job fairs (招聘会), run by staff: plan, register attendees, record outcomes on the day, report."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from models import AttendeeSource, FairAttendee, FairOutcomeKind, FairPosition, JobFair, Role
from services import audit
from services import fairs as operations
from services.errors import DomainError
from services.fairs import FairError
from services.seekers import seeker_by_ref

from .. import exports
from ..clock import clock, today
from ..confirm import unconfirmed
from ..db import get_session
from ..errors import error_text
from ..i18n import show_day
from ..pages import page_number, search_form
from ..labels import category_label
from ..security import role_required
from .forms import ActionForm, CancelForm, FairForm, InviteForm, OutcomeForm, PositionForm, RegisterForm

bp = Blueprint("fairs", __name__, url_prefix="/fairs")


def _fair_or_404(fair_id: int) -> JobFair:
    fair = operations.get_fair(get_session(), fair_id)
    if fair is None:
        abort(404)
    return fair


def _attendee_or_404(fair: JobFair, attendee_id: int) -> FairAttendee:
    attendee = operations.get_attendee(get_session(), fair, attendee_id)
    if attendee is None:
        abort(404)
    return attendee


@bp.route("/")
@role_required(Role.STAFF)
def index():
    session = get_session()
    form = search_form(_("Name or venue"))
    if not form.validate():
        return render_template("fairs/index.html", form=form, fairs=None, attendees={}, today=today()), 400
    fairs = operations.search_fairs(session, form.q.data or "", page_number())
    return render_template("fairs/index.html", form=form, fairs=fairs, today=today(),
                           attendees=operations.attendee_counts(session, [f.id for f in fairs.items]))


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.STAFF)
def new():
    form = FairForm()
    if form.validate_on_submit():
        session = get_session()
        fair = operations.create_fair(session, name=form.name.data, held_on=form.held_on.data, venue=form.venue.data,
                                      venue_accessibility=form.venue_accessibility.data or [],
                                      notes=form.notes.data or "", user_id=current_user.id)
        flash(_("The fair is created. Now invite the employers and list their positions."), "success")
        return redirect(url_for("fairs.detail", fair_id=fair.id))
    return render_template("fairs/new.html", form=form), 400 if form.errors else 200


@bp.route("/<int:fair_id>/edit", methods=["GET", "POST"])
@role_required(Role.STAFF)
def edit(fair_id):
    fair = _fair_or_404(fair_id)
    form = FairForm(obj=fair)
    if form.validate_on_submit():
        session = get_session()
        try:
            changed, told = operations.update_fair(
                session, fair, name=form.name.data, held_on=form.held_on.data, venue=form.venue.data,
                venue_accessibility=form.venue_accessibility.data or [], notes=form.notes.data or "",
                user_id=current_user.id)
        except DomainError as error:
            form.held_on.errors.append(error_text(error))
        else:
            if not changed:
                flash(_("Nothing was changed."), "success")
            elif told:
                flash(ngettext("The fair is saved. %(num)d job seeker registered for it was told of the change.",
                               "The fair is saved. %(num)d job seekers registered for it were told of the change.",
                               told), "success")
            else:
                flash(_("The fair is saved."), "success")
            return redirect(url_for("fairs.detail", fair_id=fair.id))
    return render_template("fairs/edit.html", form=form, fair=fair), 400 if form.errors else 200


def _invite_choices(fair: JobFair) -> list:
    return [SelectChoice(i, name) for i, name in operations.employers_to_invite(get_session(), fair)]


def _position_choices(fair: JobFair) -> list:
    booth = {e.employer_id: e.booth for e in fair.employers}
    return [SelectChoice(i, f"{title} – {name}" + (f" ({booth[e]})" if booth[e] else "") + f", {openings}")
            for i, title, openings, e, name in operations.positions_to_list(get_session(), fair)]


def _detail(fair: JobFair, invite=None, position=None, messages=(), status=200, cancel=None):
    invite = invite or InviteForm(formdata=None)
    position = position or PositionForm(formdata=None)
    invite.employer_id.choices = _invite_choices(fair)
    position.position_id.choices = _position_choices(fair)
    report = operations.fair_report(get_session(), fair)
    return render_template("fairs/detail.html", fair=fair, invite=invite, position=position, messages=messages,
                           report=report, problem=operations.planning_problem(fair),
                           cancel=cancel or CancelForm(formdata=None), today=today()), status


@bp.route("/<int:fair_id>")
@role_required(Role.STAFF)
def detail(fair_id):
    return _detail(_fair_or_404(fair_id))


@bp.route("/<int:fair_id>/employers", methods=["POST"])
@role_required(Role.STAFF)
def invite(fair_id):
    session = get_session()
    fair = _fair_or_404(fair_id)
    form = InviteForm()
    form.employer_id.choices = _invite_choices(fair)
    if not form.validate_on_submit():
        return _detail(fair, invite=form, status=400)
    try:
        entry = operations.invite_employer(session, fair, form.employer_id.data, form.booth.data)
    except DomainError as error:
        session.rollback()
        target = form.booth if error.code == "booth_taken" else form.employer_id
        target.errors = [error_text(error)]
        return _detail(fair, invite=form, status=400)
    flash(_("%(name)s takes part in the fair.", name=entry.employer.name), "success")
    return redirect(url_for("fairs.detail", fair_id=fair.id) + "#employers-heading")


@bp.route("/<int:fair_id>/positions", methods=["POST"])
@role_required(Role.STAFF)
def add_position(fair_id):
    session = get_session()
    fair = _fair_or_404(fair_id)
    form = PositionForm()
    form.position_id.choices = _position_choices(fair)
    if not form.validate_on_submit():
        return _detail(fair, position=form, status=400)
    try:
        entry = operations.add_position(session, fair, form.position_id.data, form.openings.data)
    except DomainError as error:
        session.rollback()
        (form.openings if error.code == "openings_too_few" else form.position_id).errors = [error_text(error)]
        return _detail(fair, position=form, status=400)
    flash(_("%(title)s is listed for the fair.", title=entry.position.title), "success")
    return redirect(url_for("fairs.detail", fair_id=fair.id) + "#positions-heading")


@bp.route("/<int:fair_id>/cancel", methods=["POST"])
@role_required(Role.STAFF)
def cancel(fair_id):
    session = get_session()
    fair = _fair_or_404(fair_id)
    form = CancelForm()
    if not form.validate_on_submit():
        return _detail(fair, cancel=form, status=400)
    if page := unconfirmed(
            _("Cancel the job fair %(name)s on %(day)s? Everyone registered and every employer taking part is told "
              "why; nobody can register or check in any more. This cannot be undone.",
              name=fair.name, day=show_day(fair.held_on)),
            _("Yes, cancel the fair"), url_for("fairs.detail", fair_id=fair.id)):
        return page
    try:
        seekers, employers = operations.cancel_fair(session, fair, form.reason.data, clock().now(), today(),
                                                    user_id=current_user.id)
    except DomainError as error:
        session.rollback()
        form.reason.errors = [error_text(error)] if error.code == "cancel_reason_missing" else []
        return _detail(_fair_or_404(fair_id), cancel=form, status=400,
                       messages=[] if form.reason.errors else [error_text(error)])
    told = [_("The fair is cancelled."), ngettext("%(num)d job seeker registered was told.",
                                                  "%(num)d job seekers registered were told.", seekers)]
    if employers:
        told.append(ngettext("%(num)d employer taking part was told.", "%(num)d employers taking part were told.",
                             employers))
    flash(" ".join(told), "success")
    return redirect(url_for("fairs.detail", fair_id=fair.id))


# ---- attendees and check-in ----

def _attendees(fair: JobFair, form=None, messages=(), status=200):
    session = get_session()
    fair_day = operations.is_fair_day(fair, clock().now())
    if form is None:
        form = RegisterForm(formdata=None, source="door" if fair_day else "advance")
    attendees = operations.attendees_of(session, fair)
    counts = operations.outcome_counts(session, fair)
    audit.record(session, action="view", subject_type="job_fair", subject_id=fair.id, detail={"list": "attendees"})
    return render_template("fairs/attendees.html", fair=fair, form=form, attendees=attendees, counts=counts,
                           action=ActionForm(), messages=messages, fair_day=fair_day), status


@bp.route("/<int:fair_id>/attendees")
@role_required(Role.STAFF)
def attendees(fair_id):
    return _attendees(_fair_or_404(fair_id))


@bp.route("/<int:fair_id>/attendees", methods=["POST"])
@role_required(Role.STAFF)
def register(fair_id):
    session = get_session()
    fair = _fair_or_404(fair_id)
    form = RegisterForm()
    if not form.validate_on_submit():
        return _attendees(fair, form, status=400)
    ref = form.seeker_ref.data.strip().upper()
    seeker = seeker_by_ref(session, ref)
    try:
        if seeker is None:
            raise FairError("no_such_seeker")
        attendee = operations.register_attendee(session, fair, seeker.id, AttendeeSource(form.source.data), clock().now(),
                                                user_id=current_user.id)
    except DomainError as error:
        session.rollback()
        form.seeker_ref.errors = [error_text(error)]
        return _attendees(fair, form, status=400)
    if attendee.checked_in_at is not None:
        flash(_("%(name)s is registered and checked in.", name=seeker.name), "success")
        return redirect(url_for("fairs.outcomes", fair_id=fair.id, attendee_id=attendee.id))
    flash(_("%(name)s is registered for the fair.", name=seeker.name), "success")
    return redirect(url_for("fairs.attendees", fair_id=fair.id))


@bp.route("/<int:fair_id>/attendees/<int:attendee_id>/check-in", methods=["POST"])
@role_required(Role.STAFF)
def check_in(fair_id, attendee_id):
    session = get_session()
    fair = _fair_or_404(fair_id)
    attendee = _attendee_or_404(fair, attendee_id)
    if not ActionForm().validate_on_submit():
        return _attendees(fair, status=400)
    try:
        operations.check_in(session, attendee, clock().now())
    except DomainError as error:
        session.rollback()
        return _attendees(fair, messages=[error_text(error)], status=400)
    flash(_("%(name)s is checked in.", name=attendee.seeker.name), "success")
    return redirect(url_for("fairs.attendees", fair_id=fair.id) + f"#attendee-{attendee.id}")


# ---- outcomes, one attendee at a time ----

def _positions_at(fair: JobFair) -> list[FairPosition]:
    booth = {e.employer_id: e.booth or "" for e in fair.employers}
    return sorted(fair.positions, key=lambda fp: (booth.get(fp.position.employer_id, ""), fp.position.title))


def _outcomes(fair: JobFair, attendee: FairAttendee, form=None, messages=(), status=200):
    session = get_session()
    form = form or OutcomeForm(formdata=None)
    booth = {e.employer_id: e.booth for e in fair.employers}
    form.position_id.choices = [
        SelectChoice(fp.position_id, (f"{booth[fp.position.employer_id]} " if booth.get(fp.position.employer_id)
                                      else "") + f"{fp.position.title} – {fp.position.employer.name}")
        for fp in _positions_at(fair)]
    recorded = operations.outcomes_recorded(session, fair, attendee.seeker_id)
    following = operations.next_checked_in(session, fair, attendee.id)
    return render_template("fairs/outcomes.html", fair=fair, attendee=attendee, form=form, recorded=recorded,
                           booth=booth, action=ActionForm(), messages=messages, following=following), status


@bp.route("/<int:fair_id>/attendees/<int:attendee_id>/outcomes", methods=["GET", "POST"])
@role_required(Role.STAFF)
def outcomes(fair_id, attendee_id):
    session = get_session()
    fair = _fair_or_404(fair_id)
    attendee = _attendee_or_404(fair, attendee_id)
    if request.method == "GET":
        return _outcomes(fair, attendee)
    form = OutcomeForm()
    form.position_id.choices = [SelectChoice(fp.position_id, "") for fp in fair.positions]
    if not form.validate_on_submit():
        return _outcomes(fair, attendee, form, status=400)
    have = operations.outcomes_of(session, fair, attendee.seeker_id)
    kinds = have.get(form.position_id.data, set()) | {FairOutcomeKind(form.kind.data)}
    try:
        result = operations.set_outcomes(session, fair, attendee.seeker_id, {form.position_id.data: kinds},
                                         clock().now(), current_user.id)
    except DomainError as error:
        session.rollback()
        return _outcomes(fair, attendee, form, [error_text(error)], 400)
    if result["employments"]:
        flash(_("Recorded. The hire is added to the employer's disabled employees for the quota."), "success")
    elif result["added"]:
        flash(_("Recorded."), "success")
    else:
        flash(_("This outcome was already recorded; nothing is counted twice."), "success")
    return redirect(url_for("fairs.outcomes", fair_id=fair.id, attendee_id=attendee.id))


#: removing an outcome removes what depends on it (no hire without an offer, no offer without an interview)
REMOVES = {FairOutcomeKind.INTERVIEWED: set(FairOutcomeKind),
           FairOutcomeKind.OFFERED: {FairOutcomeKind.OFFERED, FairOutcomeKind.HIRED, FairOutcomeKind.DECLINED},
           FairOutcomeKind.HIRED: {FairOutcomeKind.HIRED}, FairOutcomeKind.DECLINED: {FairOutcomeKind.DECLINED}}


@bp.route("/<int:fair_id>/attendees/<int:attendee_id>/outcomes/<int:outcome_id>/remove", methods=["POST"])
@role_required(Role.STAFF)
def remove_outcome(fair_id, attendee_id, outcome_id):
    session = get_session()
    fair = _fair_or_404(fair_id)
    attendee = _attendee_or_404(fair, attendee_id)
    outcome = operations.get_outcome(session, attendee, outcome_id)
    if outcome is None:
        abort(404)
    if not ActionForm().validate_on_submit():
        return _outcomes(fair, attendee, status=400)
    have = operations.outcomes_of(session, fair, attendee.seeker_id)[outcome.position_id]
    name, title = attendee.seeker.name, outcome.position.title
    question = (_("Remove this outcome of %(name)s for %(title)s? The hire recorded with it is undone too.",
                  name=name, title=title) if FairOutcomeKind.HIRED in have & REMOVES[outcome.kind] else
                _("Remove this outcome of %(name)s for %(title)s?", name=name, title=title))
    if page := unconfirmed(question, _("Yes, remove it"),
                           url_for("fairs.outcomes", fair_id=fair.id, attendee_id=attendee.id)):
        return page
    operations.set_outcomes(session, fair, attendee.seeker_id, {outcome.position_id: have - REMOVES[outcome.kind]},
                            clock().now(), current_user.id)
    flash(_("The outcome is removed."), "success")
    return redirect(url_for("fairs.outcomes", fair_id=fair.id, attendee_id=attendee.id))


# ---- report ----

@bp.route("/<int:fair_id>/report")
@role_required(Role.STAFF)
def report(fair_id):
    session = get_session()
    fair = _fair_or_404(fair_id)
    data = operations.fair_report(session, fair)
    audit.record(session, action="view", subject_type="job_fair", subject_id=fair.id,
                 detail={"report": "by township and disability category"})
    biggest = max([f.attendees for _, f in data["by_township"]] or [1])
    return render_template("fairs/report.html", fair=fair, report=data, biggest=biggest)


@bp.route("/<int:fair_id>/report.csv")
@role_required(Role.STAFF)
def report_csv(fair_id):
    session = get_session()
    fair = _fair_or_404(fair_id)
    data = operations.fair_report(session, fair)
    lang = request.args.get("lang") or "zh"
    rows = [[str(label()), data[key]] for key, label in FIGURES]
    rows.append([_("Hire rate"), "" if data["hire_rate"] is None else f"{data['hire_rate'] * 100:.1f}%"])
    header = [_("Attendees"), _("Interviewed"), _("Offered"), _("Hired"), _("Hire rate")]
    rows += [[], [_("Township"), *header]]
    rows += [[township.name(lang), *_row(f)] for township, f in data["by_township"]]
    rows += [[], [_("Disability category"), *header]]
    rows += [[category_label(category), *_row(f)] for category, f in data["by_category"]]
    audit.record(session, action="export", subject_type="job_fair", subject_id=fair.id, detail={"report": "csv"})
    return exports.csv_file([_("Figure"), _("Value")], rows, f"fair-{fair.id}-report.csv")


FIGURES = [("employers", lambda: _("Employers")), ("positions", lambda: _("Positions")),
           ("openings", lambda: _("Openings")), ("registered", lambda: _("Registered")),
           ("attendees", lambda: _("Attendees")), ("interviews", lambda: _("Interviews")),
           ("offers", lambda: _("Offers")), ("hires", lambda: _("Hires")),
           ("declined", lambda: _("Offers declined"))]


def _row(f) -> list:
    return [f.attendees, f.interviewed, f.offered, f.hired,
            "" if f.hire_rate is None else f"{f.hire_rate * 100:.1f}%"]


# ---- before the fair: suggested matches and the interview plan ----

@bp.route("/<int:fair_id>/plan")
@role_required(Role.STAFF)
def plan(fair_id):
    session = get_session()
    fair = _fair_or_404(fair_id)
    problem = operations.planning_problem(fair)
    if problem is not None:
        return render_template("fairs/plan.html", fair=fair, problem=error_text(FairError(problem)),
                               plan=None), 409
    from services.fair_planning import make_plan

    result = make_plan(session, fair)
    audit.record(session, action="view", subject_type="job_fair", subject_id=fair.id, detail={"list": "interview plan"})
    return render_template("fairs/plan.html", fair=fair, problem=None, plan=result)


# ---- job seekers: fairs to come, registering in advance ----

def _upcoming(messages=(), status=200):
    session = get_session()
    fairs = operations.upcoming_fairs(session, today(), page_number())
    seeker = current_user.seeker
    mine = operations.registrations_of(session, seeker.id) if seeker is not None else {}
    return render_template("fairs/upcoming.html", fairs=fairs, mine=mine, form=ActionForm(),
                           messages=messages), status


@bp.route("/upcoming")
@role_required(Role.SEEKER)
def upcoming():
    return _upcoming()


@bp.route("/<int:fair_id>/<any('register-me', 'cancel-me'):action>", methods=["POST"])
@role_required(Role.SEEKER)
def register_me(fair_id, action):
    session = get_session()
    fair = _fair_or_404(fair_id)
    if not ActionForm().validate_on_submit():
        return _upcoming(status=400)
    seeker = current_user.seeker
    if seeker is None:
        abort(403)
    if action == "cancel-me" and (page := unconfirmed(
            _("Cancel your registration for %(name)s? You can register again before the fair.", name=fair.name),
            _("Yes, cancel my registration"), url_for("fairs.upcoming"))):
        return page
    try:
        if action == "register-me":
            operations.register_attendee(session, fair, seeker.id, AttendeeSource.ADVANCE, clock().now(),
                                         user_id=current_user.id)
        else:
            operations.cancel_registration(session, fair, seeker.id, user_id=current_user.id)
    except DomainError as error:
        session.rollback()
        return _upcoming([error_text(error)], 400)
    flash(_("You are registered for %(name)s. Show your number at the entrance.", name=fair.name)
          if action == "register-me" else _("Your registration for %(name)s is cancelled.", name=fair.name),
          "success")
    return redirect(url_for("fairs.upcoming"))
