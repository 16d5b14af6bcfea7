"""Staff pages for seeker profiles: search, register a seeker on their behalf, edit, record staff assessments and
the results of formal ability tests, and end an employment that ended.

Every view and change of a seeker's data is written to the audit log (the search lists the seekers shown).
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from wtforms.fields.choices import SelectChoice

from models import AbilitySource, Role, Seeker
from services import audit, hires
from services.applications import applications_of_seeker
from services.errors import DomainError
from services.seekers import (SeekerError, abilities_by_source, add_login, assessors_of, create_seeker, search_seekers,
                              seeker_by_ref, set_abilities, township_choices, update_profile)

from ..clock import today
from ..db import get_session
from ..errors import error_text
from ..i18n import current_language, show_day
from ..pages import page_number
from ..security import role_required
from ..seekers.forms import options
from .blueprint import bp
from .seeker_forms import CATEGORIES, GRADES, EndEmploymentForm, SeekerSearchForm, StaffSeekerForm, TestResultsForm


@bp.app_template_global()
def category_label(value: int) -> str:
    return str(dict(CATEGORIES).get(value, value))


@bp.app_template_global()
def grade_label(value: int) -> str:
    return str(dict(GRADES).get(value, value))


def _seeker(ref: str) -> Seeker:
    seeker = seeker_by_ref(get_session(), ref)
    if seeker is None:
        abort(404)
    return seeker


@bp.route("/seekers")
@role_required(Role.STAFF)
def seekers():
    session = get_session()
    form = SeekerSearchForm(formdata=request.args if request.args else None)
    form.township.choices = options([("", _("All townships")), *township_choices(session, current_language())])
    searched = bool((form.q.data or "").strip() or form.township.data)
    if request.args and not form.validate():
        return render_template("staff/seekers.html", form=form, results=None, searched=False), 400
    results = search_seekers(session, form.q.data or "", form.township.data, page_number()) if searched else None
    if results and results.items:
        audit.record(session, action="view", subject_type="seeker_search",
                     detail={"shown": [s.ref for s in results.items]})
    return render_template("staff/seekers.html", form=form, results=results, searched=searched)


def _as_seeker_error(error: Exception) -> SeekerError:
    """Two offices registering the same person at the same moment: the database's unique constraint decides."""
    if isinstance(error, SeekerError):
        return error
    return SeekerError("username_taken" if "username" in str(error.orig) else "certificate_taken")


def _seeker_errors(form: StaffSeekerForm, error: SeekerError) -> None:
    # the form checks items and accommodations first: a refusal of those is a safety net, shown by the needs
    field = {"certificate_taken": form.certificate_number, "username_taken": form.username}.get(error.code, form.needs)
    field.errors.append(error_text(error))


@bp.route("/seekers/new", methods=["GET", "POST"])
@role_required(Role.STAFF)
def new_seeker():
    session = get_session()
    form = StaffSeekerForm(townships=township_choices(session, current_language()))
    if request.method == "GET":
        form.is_looking.data = True
    if form.validate_on_submit():
        try:
            seeker = create_seeker(
                session, current_user, fields={**form.profile_fields(), **form.certificate_fields()},
                abilities=form.abilities(), staff_abilities=form.staff_abilities(), needs=form.needs.data or [],
                required=form.needs_required.data or [], consent_share=bool(form.consent_share.data),
                username=(form.username.data or "").strip() or None, password=form.password.data,
                today=today())
        except (SeekerError, IntegrityError) as error:
            session.rollback()
            _seeker_errors(form, _as_seeker_error(error))
        else:
            flash(_("The job seeker %(name)s is registered (%(ref)s).", name=seeker.name, ref=seeker.ref), "success")
            return redirect(url_for(".seeker", ref=seeker.ref))
    return render_template("staff/seeker_form.html", form=form, seeker=None, by_source={}, assessors={}), \
        400 if request.method == "POST" else 200


@bp.route("/seekers/<ref>", methods=["GET", "POST"])
@role_required(Role.STAFF)
def seeker(ref):
    session = get_session()
    seeker = _seeker(ref)
    form = StaffSeekerForm(townships=township_choices(session, current_language()))
    if request.method == "GET":
        form.fill_from(seeker)
    if form.validate_on_submit():
        try:
            changed = update_profile(
                session, seeker, current_user, fields={**form.profile_fields(), **form.certificate_fields()},
                abilities=form.abilities(), staff_abilities=form.staff_abilities(), needs=form.needs.data or [],
                required=form.needs_required.data or [], consent_share=bool(form.consent_share.data),
                today=today())
            username = (form.username.data or "").strip()
            if username and seeker.user is None:
                add_login(session, seeker, current_user, username, form.password.data)
                changed.append("login")
        except (SeekerError, IntegrityError) as error:
            session.rollback()
            _seeker_errors(form, _as_seeker_error(error))
            seeker = _seeker(ref)
        else:
            flash(_("The profile of %(name)s is saved.", name=seeker.name) if changed
                  else _("Nothing was changed."), "success")
            return redirect(url_for(".seeker", ref=seeker.ref))
    audit.record(session, action="view", subject_type="seeker", subject_id=seeker.id, detail={"view": "staff_profile"})
    return render_template("staff/seeker_form.html", form=form, seeker=seeker, by_source=abilities_by_source(seeker),
                           applications=applications_of_seeker(session, seeker.id),
                           assessors=assessors_of(session, seeker)), 400 if request.method == "POST" else 200


@bp.route("/seekers/<ref>/tests", methods=["GET", "POST"])
@role_required(Role.STAFF)
def tests(ref):
    """Results of a formal ability test, dated the day of the test and signed by the staff member who enters them;
    an item set back to 'not tested' loses its tested value."""
    session = get_session()
    seeker = _seeker(ref)
    form = TestResultsForm()
    if request.method == "GET":
        form.fill_from(seeker)
    if form.validate_on_submit():
        changed = set_abilities(seeker, form.results(), AbilitySource.TESTED, current_user, today=form.tested_on.data)
        if changed:
            audit.record(session, action="update", subject_type="seeker", subject_id=seeker.id,
                         detail={"tested": changed, "tested_on": form.tested_on.data.isoformat(),
                                 "test": form.test_name.data.strip()})
        flash(_("The test results of %(name)s are saved.", name=seeker.name) if changed
              else _("Nothing was changed."), "success")
        return redirect(url_for(".seeker", ref=seeker.ref))
    audit.record(session, action="view", subject_type="seeker", subject_id=seeker.id,
                 detail={"view": "test_results"})
    return render_template("staff/seeker_tests.html", form=form, seeker=seeker, by_source=abilities_by_source(seeker)), \
        400 if form.errors else 200


@bp.route("/seekers/<ref>/employments", methods=["GET", "POST"])
@role_required(Role.STAFF)
def employments(ref):
    """The person's employments, and ending one: a person counts in one employer's quota at a time, so a job
    that ended must be closed before another employer can record them as hired."""
    session = get_session()
    seeker = _seeker(ref)
    rows = hires.employments_of_seeker(session, seeker.id)
    form = EndEmploymentForm()
    form.employment_id.choices = [SelectChoice(e.id, e.employer.name + (f": {e.position.title}" if e.position else ""))
                                  for e in rows if e.end_on is None]
    messages, status = [], 200
    if form.validate_on_submit():
        employment = next(e for e in rows if e.id == form.employment_id.data)
        try:
            hires.end_employment(session, employment, form.end_on.data, by_user_id=current_user.id,
                                 reason=form.reason.data, today=today())
        except DomainError as error:
            messages, status = [error_text(error)], 400
        else:
            flash(_("The employment of %(name)s at %(employer)s ended on %(day)s.", name=seeker.name,
                    employer=employment.employer.name, day=show_day(form.end_on.data)), "success")
            return redirect(url_for(".employments", ref=seeker.ref))
    elif request.method == "POST":
        status = 400
    audit.record(session, action="view", subject_type="seeker", subject_id=seeker.id, detail={"view": "employments"})
    return render_template("staff/seeker_employments.html", seeker=seeker, employments=rows, form=form,
                           messages=messages), status
