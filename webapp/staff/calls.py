"""The call list: notices that could not reach a person in the app, for staff to phone through (services.outreach).
Filter by township and colleague, record each call's outcome, give a call to a colleague, print the list or
download it as CSV. Names and phone numbers shown or exported are written to the audit log."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_timezone
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from models import OutreachState, Role
from services import audit, outreach
from services.errors import DomainError
from services.pages import paginate
from services.seekers import township_choices

from .. import exports
from ..clock import today
from ..db import get_session
from ..errors import error_text
from ..i18n import LANGUAGES, current_language, show_day
from ..pages import page_number
from ..security import role_required
from ..seekers.forms import options
from .blueprint import bp

OUTCOMES = {OutreachState.DONE: _l("Done: the person has been told"), OutreachState.NO_ANSWER: _l("No answer"),
            OutreachState.WRONG_NUMBER: _l("Wrong number")}
STATE_NAMES = {OutreachState.TO_CALL: _l("To call"), OutreachState.NO_ANSWER: _l("No answer: call again"),
               OutreachState.DONE: _l("Done"), OutreachState.WRONG_NUMBER: _l("Wrong number")}


class OutcomeForm(FlaskForm):
    outcome = RadioField(_l("Outcome of the call"), choices=[SelectChoice(k.value, v) for k, v in OUTCOMES.items()],
                         validators=[InputRequired(_l("Choose the outcome of the call."))])


class AssignForm(FlaskForm):
    assigned_to = SelectField(_l("Colleague"), validate_choice=True)


class FilterForm(FlaskForm):
    class Meta:
        csrf = False

    township = SelectField(_l("Township"), coerce=lambda v: int(v) if v not in (None, "") else None)
    assigned = SelectField(_l("Calls of"), default="")
    show = SelectField(_l("Show"), default="open", choices=[SelectChoice("open", _l("Calls still to make")),
                                                                SelectChoice("all", _l("All calls, with those done"))])


def _filters(session):
    form = FilterForm(formdata=request.args if request.args else None)
    form.township.choices = options([("", _("All townships")), *township_choices(session, current_language())])
    form.assigned.choices = options([("", _("Everyone")), ("none", _("Nobody yet")),
                                     *((str(u.id), u.display_name) for u in outreach.staff_colleagues(session))])
    return form


def _query(form):
    assigned = form.assigned.data or ""
    return outreach.calls_query(township_id=form.township.data,
                                assigned_to_id=int(assigned) if assigned.isdigit() else None,
                                unassigned=assigned == "none", open_only=form.show.data != "all")


def _errors(form) -> list[str]:
    """'Label: problem' for each field of a form posted from a line of the list."""
    return [f"{form[name].label.text}: {' '.join(map(str, problems))}" for name, problems in form.errors.items()]


def _shown(session, entries, what: str) -> None:
    if entries:
        audit.record(session, action="view" if what == "view" else "export", subject_type="call_list",
                     detail={"what": what, "seekers": [e.seeker.ref for e in entries]})


def _list_page(messages=(), status=200):
    session = get_session()
    form = _filters(session)
    if request.args and not form.validate():
        return render_template("staff/calls.html", form=form, calls=None, messages=messages,
                               colleagues=[], tz=get_timezone()), 400
    calls = paginate(session, _query(form), page_number())
    _shown(session, calls.items, "view")
    return render_template("staff/calls.html", form=form, calls=calls, messages=messages, tz=get_timezone(),
                           colleagues=outreach.staff_colleagues(session)), status


@bp.route("/calls")
@role_required(Role.STAFF)
def calls():
    return _list_page()


@bp.route("/calls/<int:call_id>/outcome", methods=["POST"])
@role_required(Role.STAFF)
def call_outcome(call_id):
    session = get_session()
    form = OutcomeForm()
    if not form.validate_on_submit():
        return _list_page(_errors(form), 400)
    try:
        entry = outreach.record_call(session, call_id, form.outcome.data, current_user.id)
    except DomainError as error:
        session.rollback()
        return _list_page([error_text(error)], 404 if error.code == "no_such_call" else 400)
    flash(_("Recorded for %(name)s: %(outcome)s.", name=entry.seeker.name, outcome=OUTCOMES[entry.state]), "success")
    return redirect(request.form.get("next") or url_for(".calls"))


@bp.route("/calls/<int:call_id>/assign", methods=["POST"])
@role_required(Role.STAFF)
def call_assign(call_id):
    session = get_session()
    form = AssignForm()
    form.assigned_to.choices = options([("", _("Nobody yet")),
                                        *((str(u.id), u.display_name) for u in outreach.staff_colleagues(session))])
    if not form.validate_on_submit():
        return _list_page(_errors(form), 400)
    try:
        entry = outreach.assign_call(session, call_id, int(form.assigned_to.data) if form.assigned_to.data else None,
                                     current_user.id)
    except DomainError as error:
        session.rollback()
        return _list_page([error_text(error)], 404 if error.code == "no_such_call" else 400)
    flash(_("The call to %(name)s is given to %(colleague)s.", name=entry.seeker.name,
            colleague=entry.assigned_to.display_name) if entry.assigned_to
          else _("The call to %(name)s is given to nobody in particular.", name=entry.seeker.name), "success")
    return redirect(request.form.get("next") or url_for(".calls"))


def _whole_list(what: str):
    """(filter form, every call it selects) for the printed and CSV lists, which are whole, not one page; the
    rows shown are audit-logged. None when a filter is bad (the list page then names it)."""
    session = get_session()
    form = _filters(session)
    if request.args and not form.validate():
        return None, None
    rows = list(session.scalars(_query(form)))
    _shown(session, rows, what)
    return form, rows


@bp.route("/calls/print")
@role_required(Role.STAFF)
def calls_print():
    form, rows = _whole_list("print")
    if form is None:
        return _list_page(status=400)
    township = next((c.label for c in form.township.choices if c.value and c.value == form.township.data), None)
    return render_template("staff/calls_print.html", rows=rows, tz=get_timezone(), township=township,
                           printed_on=show_day(today()))


@bp.route("/calls.csv")
@role_required(Role.STAFF)
def calls_csv():
    form, rows = _whole_list("csv")
    if form is None:
        return _list_page(status=400)
    headers = [_("Name"), _("Number"), _("Phone"), _("Township"), _("Language"), _("What to say"), _("State"),
               _("Calls made"), _("Given to"), _("Why not by SMS")]
    lang = current_language()
    values = [[e.seeker.name, e.seeker.ref, e.seeker.phone or "", e.seeker.township.name(lang),
               LANGUAGES.get(e.language, (e.language,))[0], outreach.text_of(e, get_timezone()),
               str(STATE_NAMES.get(e.state, e.state)), e.attempts,
               e.assigned_to.display_name if e.assigned_to else "", e.sms_error or ""] for e in rows]
    return exports.csv_file(headers, values, f"call-list-{today().isoformat()}.csv")


@bp.app_template_global()
def call_state_name(state) -> str:
    return str(STATE_NAMES.get(state, state))


@bp.app_template_global()
def call_text(entry, tz) -> str:
    return outreach.text_of(entry, tz)
