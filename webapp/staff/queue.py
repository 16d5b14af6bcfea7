"""The staff work queue (services.work_queue): what needs doing today, by kind, each item linking to where it is
done and given to a colleague; and the two pages where work with no page of its own is done: checking a new
employer's registration, settling a rejected insurance file."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

from models import Role
from services import audit, employers, insurance, outreach, work_queue
from services.errors import DomainError

from ..clock import clock
from ..confirm import unconfirmed
from ..db import get_session
from ..errors import error_text
from ..security import role_required
from ..seekers.forms import options
from .blueprint import bp

WHO = {"mine_and_open": _l("Mine and nobody's yet"), "mine": _l("Mine"), "unassigned": _l("Nobody's yet"),
       "everyone": _l("Everyone's")}
HEADINGS = {
    "declaration": _l("Declarations to verify"), "interview": _l("Interviews in the next 7 days"),
    "offer": _l("Offers waiting for an answer"), "training_offer": _l("Training places about to expire"),
    "check_in": _l("Follow-up check-ins due"), "registration": _l("New employer registrations to check"),
    "call": _l("People to call"), "insurance_file": _l("Insurance files rejected"),
}
KINDS = "any(" + ", ".join(f"'{kind}'" for kind in work_queue.KINDS) + ")"


class FilterForm(FlaskForm):
    class Meta:
        csrf = False

    who = SelectField(_l("Whose work"), default="mine_and_open",
                      choices=[SelectChoice(key, label) for key, label in WHO.items()])


class AssignForm(FlaskForm):
    assigned_to = SelectField(_l("Colleague"), validate_choice=True)


def _queue_page(messages=(), status=200):
    session = get_session()
    form = FilterForm(formdata=request.args if request.args else None)
    if request.args and not form.validate():
        return render_template("staff/queue.html", form=form, groups=None, messages=messages), 400
    groups = work_queue.queue(session, clock(), current_user.id, form.who.data)
    return render_template("staff/queue.html", form=form, groups=groups, messages=messages, headings=HEADINGS,
                           colleagues=outreach.staff_colleagues(session),
                           everyone=work_queue.colleagues_by_id(session)), status


@bp.route("/queue")
@role_required(Role.STAFF)
def queue():
    return _queue_page()


@bp.route(f"/queue/<{KINDS}:kind>/<int:item_id>/assign", methods=["POST"])
@role_required(Role.STAFF)
def queue_assign(kind, item_id):
    session = get_session()
    form = AssignForm()
    form.assigned_to.choices = options([("", _("Nobody yet")),
                                        *((str(u.id), u.display_name) for u in outreach.staff_colleagues(session))])
    if not form.validate_on_submit():
        return _queue_page([f"{form[name].label.text}: {' '.join(map(str, problems))}"
                            for name, problems in form.errors.items()], 400)
    user_id = int(form.assigned_to.data) if form.assigned_to.data else None
    try:
        work_queue.assign(session, clock(), kind, item_id, user_id, by_user_id=current_user.id)
    except DomainError as error:
        session.rollback()
        return _queue_page([error_text(error)], 404 if error.code == "no_such_item" else 400)
    colleague = work_queue.colleagues_by_id(session).get(user_id)
    flash(_("Given to %(colleague)s.", colleague=colleague.display_name) if colleague
          else _("Given to nobody in particular."), "success")
    who = request.form.get("who")  # back to the list the form was sent from
    return redirect(url_for(".queue", who=who) if who in WHO else url_for(".queue"))


@bp.route("/registrations/<int:employer_id>")
@role_required(Role.STAFF)
def registration(employer_id):
    session = get_session()
    employer = employers.registration(session, employer_id)
    if employer is None:
        abort(404)
    audit.record(session, action="view", subject_type="employer", subject_id=employer.id,
                 detail={"view": "registration"})
    return render_template("staff/registration.html", employer=employer)


@bp.route("/registrations/<int:employer_id>/checked", methods=["POST"])
@role_required(Role.STAFF)
def registration_checked(employer_id):
    session = get_session()
    employer = employers.registration(session, employer_id)
    if employer is None:
        abort(404)
    asked = unconfirmed(_("Mark the registration of %(name)s as checked? It leaves the work queue.", name=employer.name),
                        _("Yes, it is checked"), url_for(".registration", employer_id=employer.id))
    if asked:
        return asked
    try:
        employers.mark_checked(session, employer, by_user_id=current_user.id, now=clock().now())
    except DomainError as error:
        session.rollback()
        return render_template("staff/registration.html", employer=employer, messages=[error_text(error)]), 400
    flash(_("The registration of %(name)s is checked.", name=employer.name), "success")
    return redirect(url_for(".queue"))


@bp.route("/insurance-files/<int:import_id>/settled", methods=["POST"])
@role_required(Role.STAFF)
def insurance_file_settled(import_id):
    session = get_session()
    asked = unconfirmed(_("Mark the rejected insurance file as settled? It leaves the work queue; the file stays in "
                          "the list of imports."), _("Yes, it is settled"), url_for(".queue"))
    if asked:
        return asked
    try:
        record = insurance.settle_rejected(session, import_id, by_user_id=current_user.id, now=clock().now())
    except DomainError as error:
        session.rollback()
        return _queue_page([error_text(error)], 404)
    flash(_("The rejected file %(name)s is settled.", name=record.filename), "success")
    return redirect(url_for(".queue"))
