from math import ceil

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from models import ApplicationState, Position, PositionStatus, Role
from services import audit, outcomes, visibility
from services.applications import (allowed_moves, applicants_by_position, application_states, applications_of_employer,
                                   find_application, move)
from services.declarations import declarations_of
from services.employers import (CompanyError, RegistrationError, own_position, register_employer, save_position,
                                set_position_status, update_company)
from services.errors import DomainError
from services.industries import derived_kind, kind_of
from services.pages import PER_PAGE, Page
from services.seekers import township_choices
from services.wages import minimum_monthly_wage

from ..clock import today
from ..confirm import unconfirmed
from ..db import get_session
from ..errors import error_text
from ..i18n import current_language
from ..login import log_in
from ..labels import state_label
from ..matching import matching
from ..pages import page_number
from ..profile_fields import choices
from ..security import role_required
from .forms import ApplicationFilterForm, CompanyForm, PositionForm, RegisterForm

bp = Blueprint("employers", __name__, url_prefix="/employer")


def _employer():
    if current_user.employer is None:
        abort(403)
    return current_user.employer


def _own_position(ref: str) -> Position:
    """A position of the logged-in employer; anyone else's is 'not found', so that ids reveal nothing."""
    position = own_position(get_session(), _employer().id, ref)
    if position is None:
        abort(404)
    return position


@bp.route("/")
@role_required(Role.EMPLOYER)
def home():
    employer = _employer()
    session = get_session()
    return render_template("employers/home.html", employer=employer,
                           applicants=applicants_by_position(session, employer.id),
                           declarations=declarations_of(session, employer.id))


@bp.route("/register", methods=["GET", "POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("public.index"))
    form = RegisterForm()
    form.township_id.choices = choices([(0, _("Choose…")), *township_choices(get_session(), current_language())])
    if form.validate_on_submit():
        session = get_session()
        try:
            user = register_employer(session, **form.company_fields(), **{name: form[name].data for name in (
                "credit_code", "display_name", "username", "password")})
        except RegistrationError as error:
            session.rollback()
            field = form.credit_code if error.code == "credit_code_taken" else form.username
            field.errors.append(error_text(error))
        except CompanyError as error:
            session.rollback()
            form[error.params["field"]].errors.append(error_text(error))
        else:
            log_in(user)
            flash(_("Your company is registered. You can now post positions."), "success")
            return redirect(url_for(".home"))
    status = 400 if request.method == "POST" else 200
    return render_template("employers/register.html", form=form,
                           derived=derived_kind(form.credit_code.data)), status


@bp.route("/profile", methods=["GET", "POST"])
@role_required(Role.EMPLOYER)
def profile():
    employer = _employer()
    form = CompanyForm(obj=employer)
    form.township_id.choices = choices([(0, _("Choose…")), *township_choices(get_session(), current_language())])
    if request.method == "GET":
        form.employer_kind.data = kind_of(employer)  # preselected from the credit code until someone chooses
    if form.validate_on_submit():
        try:
            update_company(employer, **form.company_fields())
        except CompanyError as error:
            form[error.params["field"]].errors.append(error_text(error))
        else:
            flash(_("The company profile is saved."), "success")
            return redirect(url_for(".home"))
    return render_template("employers/profile.html", form=form, employer=employer,
                           derived=derived_kind(employer.credit_code)), 400 if request.method == "POST" else 200


@bp.route("/positions/new", methods=["GET", "POST"])
@role_required(Role.EMPLOYER)
def new_position():
    employer = _employer()
    form = PositionForm(townships=township_choices(get_session(), current_language()))
    if request.method == "GET":
        form.township_id.data = employer.township_id
    if form.validate_on_submit():
        position = save_position(get_session(), employer, None, **form.position_fields(), today=today())
        flash(_("The position is posted. Here are the candidates who fit it best."), "success")
        _warn_below_minimum(form, position)
        return redirect(url_for(".position", ref=position.ref))
    return _position_form(form, None)


@bp.route("/positions/<ref>/edit", methods=["GET", "POST"])
@role_required(Role.EMPLOYER)
def edit_position(ref):
    position = _own_position(ref)
    form = PositionForm(townships=township_choices(get_session(), current_language()), obj=position)
    if request.method == "GET":
        form.skills.data = "\n".join(position.skills or [])
        form.offers.data = [o.key for o in position.offers]
        for demand in position.demands:
            form[f"demand_{demand.key}"].data = demand.level
            form[f"essential_{demand.key}"].data = demand.essential
    if form.validate_on_submit():
        save_position(get_session(), _employer(), position, **form.position_fields(), today=today())
        flash(_("The position is saved."), "success")
        _warn_below_minimum(form, position)
        return redirect(url_for(".position", ref=position.ref))
    return _position_form(form, position)


def _position_form(form, position):
    minimum = minimum_monthly_wage(get_session(), _employer().jurisdiction, today().year)
    return render_template("employers/position_form.html", form=form, position=position, minimum_wage=minimum), \
        400 if request.method == "POST" else 200


def _warn_below_minimum(form, position):
    if form.counts_toward_quota.data and not position.counts_toward_quota:
        minimum = minimum_monthly_wage(get_session(), position.employer.jurisdiction, today().year)
        flash(_("The monthly pay of %(wage)s yuan is below the local minimum wage of %(minimum)s yuan, so the "
                "position cannot count toward the quota: \u201ccounts toward the quota\u201d is now unticked.",
                wage=position.wage, minimum=int(minimum)), "warning")


@bp.route("/positions/<ref>/status", methods=["POST"])
@role_required(Role.EMPLOYER)
def position_status(ref):
    position = _own_position(ref)
    try:
        status = PositionStatus(request.form.get("status", ""))
    except ValueError:
        abort(400)
    if status == PositionStatus.DRAFT:
        abort(400)
    if status == PositionStatus.CLOSED and (page := unconfirmed(
            _("Close the position %(title)s? Job seekers no longer see it and nobody can apply; you can open it "
              "again later.", title=position.title), _("Yes, close the position"), url_for(".position", ref=ref))):
        return page
    set_position_status(position, status)
    flash(_("The position is now: %(state)s.", state=state_label(status)), "success")
    return redirect(url_for(".position", ref=ref))


@bp.route("/positions/<ref>")
@role_required(Role.EMPLOYER)
def position(ref):
    position = _own_position(ref)
    session = get_session()
    # candidates are ranked down to the end of the page asked for; the first page's ranking (kept, as most
    # visits stop there) tells how many there are, so that a page past the end shows the last one
    total = matching().ranking(session, position, PER_PAGE).total
    number = min(page_number(), max(1, ceil(total / PER_PAGE)))
    ranking = matching().ranking(session, position, number * PER_PAGE)
    candidates = Page(list(ranking.matches[(number - 1) * PER_PAGE:]), total, number, PER_PAGE)
    states = {}
    if position.status == PositionStatus.OPEN:
        # the state of each candidate's application, by seeker ref
        states = application_states(session, position.id)
        audit.record(session, action="view", subject_type="candidates", subject_id=position.id,
                     detail={"position": position.ref, "shown": [m.seeker_id for m in candidates.items]})
    # The list is rendered once for a ranking, page, language and set of application states, then kept.
    list_key = "/".join([position.ref, str(number), ranking.version, current_language(),
                         *(f"{m.seeker_id}={states[m.seeker_id].value}" for m in candidates.items
                           if m.seeker_id in states)])
    return render_template("employers/position.html", position=position, candidates=candidates, states=states,
                           list_key=list_key, learned_on=matching().learned_on)


@bp.route("/positions/<ref>/candidates/<seeker_ref>")
@role_required(Role.EMPLOYER)
def candidate(ref, seeker_ref):
    position = _own_position(ref)
    session = get_session()
    seeker = visibility.visible_seeker(session, position.employer_id, seeker_ref)
    if seeker is None:
        abort(404)
    match = matching().explain(session, seeker, position)
    application = find_application(session, seeker, position)
    person = visibility.seeker_for_employer(session, position.employer_id, seeker)
    audit.record(session, action="view", subject_type="seeker", subject_id=seeker.id,
                 detail={"position": position.ref, "view": "candidate"})
    outcomes.record_shown(session, seeker.id, position.id)
    return render_template("employers/candidate.html", position=position, person=person, match=match,
                           application=application, moves=allowed_moves(Role.EMPLOYER, application and application.state))


@bp.route("/positions/<ref>/candidates/<seeker_ref>/state", methods=["POST"])
@role_required(Role.EMPLOYER)
def candidate_state(ref, seeker_ref):
    position = _own_position(ref)
    session = get_session()
    seeker = visibility.visible_seeker(session, position.employer_id, seeker_ref)
    if seeker is None:
        abort(404)
    try:
        to = ApplicationState(request.form.get("state", ""))
    except ValueError:
        abort(400)
    try:
        move(session, seeker, position, to, current_user, today=today(), note=request.form.get("note", "")[:500])
    except DomainError as error:
        session.rollback()
        flash(error_text(error), "error")
    else:
        flash(_("Done: %(state)s. The job seeker is told.", state=state_label(to)), "success")
    return redirect(url_for(".candidate", ref=ref, seeker_ref=seeker_ref))


@bp.route("/applications")
@role_required(Role.EMPLOYER)
def applications():
    employer = _employer()
    session = get_session()
    form = ApplicationFilterForm(formdata=request.args)
    if not form.validate():
        return render_template("employers/applications.html", form=form, applications=None, people={}), 400
    state = ApplicationState(form.state.data) if form.state.data else None
    rows = applications_of_employer(session, employer.id, state, page_number())
    people = visibility.seekers_for_employer(session, employer.id, {a.seeker_id: a.seeker for a in rows.items}.values())
    audit.record(session, action="view", subject_type="applications", subject_id=employer.id,
                 detail={"shown": sorted({a.seeker.ref for a in rows.items})})
    return render_template("employers/applications.html", form=form, applications=rows, people=people)
