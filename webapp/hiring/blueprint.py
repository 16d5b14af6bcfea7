"""Interviews and offers for employers, job seekers and staff: thin adapters over services.interviews and
services.offers. One page per interview and per offer serves every role that may see it."""

from datetime import date, timedelta

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import BadRequest
from wtforms.fields.choices import SelectChoice

from models import Interview, InterviewState, Offer, Role
from services import audit, calendar, interviews, offers, visibility
from services.applications import readable_application
from services.errors import DomainError
from services.placement_settings import PlacementSettings

from ..clock import clock, today
from ..db import get_session
from ..errors import error_text
from ..i18n import show_day, show_moment
from ..security import role_required
from .forms import ActionForm, AnotherTimeForm, AnswerForm, InterviewForm, OfferForm, PickForm, StaffAnswerForm, SupportForm

bp = Blueprint("hiring", __name__, url_prefix="/hiring")

#: which form field a refusal of the services belongs to
INTERVIEW_FIELDS = {"no_slots": "slot_1", "too_many_slots": "slot_1", "slot_past": "slot_1", "place_or_link": "place",
                    "unknown_offer": "place_offers"}
OFFER_FIELDS = {"start_past": "start_on", "pay": "monthly_pay", "hours": "hours_per_week",
                "contract": "contract_months", "unknown_accommodation": "accommodations"}


@bp.record_once
def _helpers(state):
    state.app.jinja_env.globals.update(place_offer_label=lambda key: _(interviews.PLACE_OFFERS.get(key, key)),
                                       request_label=lambda key: _(interviews.REQUESTS.get(key, key)))


def _settings() -> PlacementSettings:
    return PlacementSettings.from_settings(current_app.config)


def _proposer_application(application_id: int):
    """An application the employer (its own positions') or staff may propose an interview or an offer for."""
    application = readable_application(get_session(), current_user, application_id)
    if application is None:
        abort(404)
    return application


def _interview(interview_id: int) -> Interview:
    interview = interviews.readable_interview(get_session(), current_user, interview_id)
    if interview is None:
        abort(404)
    return interview


def _offer(offer_id: int) -> Offer:
    offer = offers.readable_offer(get_session(), current_user, offer_id)
    if offer is None:
        abort(404)
    return offer


def _person(application):
    """The person as the reader may see them: employers get services.visibility's view, never the Seeker row."""
    if current_user.role == Role.EMPLOYER:
        return visibility.seeker_for_employer(get_session(), application.position.employer_id, application.seeker)
    return application.seeker


def _refuse(form, error: DomainError, fields: dict) -> list[str]:
    """Put a refusal on its field when it has one; else return it for the error summary."""
    name = fields.get(error.code)
    if name is not None:
        form[name].errors = [*form[name].errors, error_text(error)]
        return []
    return [error_text(error)]


@bp.route("/applications/<int:application_id>/interview", methods=["GET", "POST"])
@role_required(Role.EMPLOYER, Role.STAFF)
def propose_interview(application_id):
    application = _proposer_application(application_id)
    session = get_session()
    current = interviews.open_interview(session, application.id)
    form = InterviewForm(obj=current if request.method == "GET" else None)
    messages = []
    if form.validate_on_submit():
        proposal = interviews.Proposal(form.slots(), form.place.data or "", form.online_link.data or "",
                                       form.contact_name.data, form.contact_phone.data or "", form.place_offers.data)
        try:
            interview = interviews.propose(session, application, proposal, by=current_user, now=clock().now())
        except DomainError as error:
            messages = _refuse(form, error, INTERVIEW_FIELDS)
        else:
            flash(_("The interview times are sent. The job seeker is told and chooses one."), "success")
            return redirect(url_for(".interview", interview_id=interview.id))
    status = 400 if request.method == "POST" else 200
    return render_template("hiring/propose.html", form=form, application=application,
                           person=_person(application), messages=messages, current=current), status


@bp.route("/interviews/<int:interview_id>")
@role_required(Role.SEEKER, Role.EMPLOYER, Role.STAFF)
def interview(interview_id):
    interview = _interview(interview_id)
    return _interview_page(interview, PickForm(), AnotherTimeForm(), SupportForm(obj=None), 200)


def _interview_page(interview: Interview, pick, another, support, status, messages=()):
    application = interview.application
    pick.slot.choices = [SelectChoice(s.id, show_moment(s.starts_at, "full"))
                         for s in interview.slots]
    if request.method == "GET":
        support.requested.data = interview.requested
    if current_user.role == Role.STAFF:
        audit.record(get_session(), action="view", subject_type="interview", subject_id=interview.id)
    return render_template("hiring/interview.html", interview=interview, application=application,
                           person=_person(application), pick=pick, another=another, support=support,
                           attend=ActionForm(), answerable=interview.state in interviews.ACTIVE,
                           messages=list(messages)), status


def _seeker_action(interview_id: int, form, act):
    """A step of the person (or staff for them) on an interview: run `act` when the form is valid."""
    interview = _interview(interview_id)
    forms = {"pick": PickForm(), "another": AnotherTimeForm(), "support": SupportForm()}
    form = forms[form]
    if form is forms["pick"]:
        form.slot.choices = [SelectChoice(s.id, "") for s in interview.slots]
    if form.validate_on_submit():
        try:
            act(interview, form)
        except DomainError as error:
            return _interview_page(interview, forms["pick"], forms["another"], forms["support"], 400,
                                   [error_text(error)])
        return redirect(url_for(".interview", interview_id=interview.id))
    return _interview_page(interview, forms["pick"], forms["another"], forms["support"], 400)


@bp.route("/interviews/<int:interview_id>/pick", methods=["POST"])
@role_required(Role.SEEKER, Role.STAFF)
def pick(interview_id):
    def act(interview, form):
        interviews.pick_slot(get_session(), interview, form.slot.data, by=current_user, now=clock().now())
        flash(_("The time is chosen. The employer is told, and you are reminded the day before."), "success")
    return _seeker_action(interview_id, "pick", act)


@bp.route("/interviews/<int:interview_id>/another-time", methods=["POST"])
@role_required(Role.SEEKER, Role.STAFF)
def another_time(interview_id):
    def act(interview, form):
        interviews.ask_another_time(get_session(), interview, form.note.data, by=current_user)
        flash(_("Your request for another time is sent to the employer."), "success")
    return _seeker_action(interview_id, "another", act)


@bp.route("/interviews/<int:interview_id>/support", methods=["POST"])
@role_required(Role.SEEKER, Role.STAFF)
def support(interview_id):
    def act(interview, form):
        interviews.ask_support(get_session(), interview, form.requested.data, form.support_note.data or "",
                               by=current_user)
        flash(_("Your request for support at the interview is sent to the employer."), "success")
    return _seeker_action(interview_id, "support", act)


@bp.route("/interviews/<int:interview_id>/attend", methods=["POST"])
@role_required(Role.STAFF)
def attend(interview_id):
    interview = _interview(interview_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    attending = interview.attending_staff_id != current_user.id
    interviews.set_attending(get_session(), interview, current_user, attending)
    flash(_("You will attend this interview.") if attending else _("You no longer attend this interview."), "success")
    return redirect(url_for(".interview", interview_id=interview.id))


@bp.route("/interviews/<int:interview_id>.ics")
@role_required(Role.SEEKER, Role.EMPLOYER, Role.STAFF)
def interview_ics(interview_id):
    interview = _interview(interview_id)
    slot = interview.chosen_slot
    if slot is None or interview.state != InterviewState.SCHEDULED:
        abort(404)
    position = interview.application.position
    place = interview.place or interview.online_link
    body = calendar.event(
        uid=f"interview-{interview.id}@ablematch", starts_at=slot.starts_at, minutes=slot.minutes,
        summary=_("Interview: %(position)s, %(employer)s", position=position.title, employer=position.employer.name),
        location=place, description=_("Contact: %(name)s %(phone)s", name=interview.contact_name,
                                      phone=interview.contact_phone),
        url=url_for(".interview", interview_id=interview.id, _external=True), stamp=clock().now())
    return Response(body, mimetype="text/calendar", headers={
        "Content-Disposition": f"attachment; filename=interview-{interview.id}.ics"})


@bp.route("/applications/<int:application_id>/offer", methods=["GET", "POST"])
@role_required(Role.EMPLOYER, Role.STAFF)
def make_offer(application_id):
    application = _proposer_application(application_id)
    position = application.position
    form = OfferForm()
    if request.method == "GET":
        form.monthly_pay.data, form.hours_per_week.data = position.wage, position.hours_per_week
        form.accommodations.data = [o.key for o in position.offers]
    messages = []
    if form.validate_on_submit():
        try:
            offer = offers.make_offer(
                get_session(), application, start_on=form.start_on.data, monthly_pay=form.monthly_pay.data,
                hours_per_week=form.hours_per_week.data, contract_months=form.contract_months.data,
                accommodations=form.accommodations.data, note=form.note.data or "", by=current_user, today=today(),
                settings=_settings())
        except DomainError as error:
            messages = _refuse(form, error, OFFER_FIELDS)
        else:
            flash(_("The offer is sent. The job seeker is asked to answer by %(day)s.",
                    day=show_day(offer.answer_by)), "success")
            return redirect(url_for(".offer", offer_id=offer.id))
    status = 400 if request.method == "POST" else 200
    return render_template("hiring/make_offer.html", form=form, application=application,
                           person=_person(application), messages=messages), status


@bp.route("/offers/<int:offer_id>", methods=["GET", "POST"])
@role_required(Role.SEEKER, Role.EMPLOYER, Role.STAFF)
def offer(offer_id):
    offer = _offer(offer_id)
    form = StaffAnswerForm() if current_user.role == Role.STAFF else AnswerForm()
    messages = []
    if request.method == "POST":
        if current_user.role == Role.EMPLOYER:
            abort(403)
        if form.validate_on_submit():
            try:
                offers.answer(get_session(), offer, form.answer.data == "accept", by=current_user,
                              reason=form.reason.data or "", today=today())
            except DomainError as error:
                messages = _refuse(form, error, {"reason_required": "reason"})
            else:
                flash(_("The offer is accepted: the hire is recorded, and the employer is told.")
                      if form.answer.data == "accept" else _("The offer is declined, and the employer is told."),
                      "success")
                return redirect(url_for(".offer", offer_id=offer.id))
    if current_user.role == Role.STAFF:
        audit.record(get_session(), action="view", subject_type="offer", subject_id=offer.id)
    status = 400 if request.method == "POST" else 200
    return render_template("hiring/offer.html", offer=offer, application=offer.application,
                           person=_person(offer.application), form=form, messages=messages,
                           answerable=offer.state == "proposed" and current_user.role != Role.EMPLOYER), status


@bp.route("/mine")
@role_required(Role.SEEKER, Role.EMPLOYER)
def mine():
    """The reader's interviews and offers: a person's own, or those for the employer's positions."""
    session = get_session()
    if current_user.role == Role.SEEKER:
        if current_user.seeker is None:
            abort(404)
        rows_i = interviews.interviews_of_seeker(session, current_user.seeker.id)
        rows_o = offers.offers_of_seeker(session, current_user.seeker.id)
    else:
        if current_user.employer is None:
            abort(403)
        rows_i = interviews.interviews_of_employer(session, current_user.employer_id)
        rows_o = offers.offers_of_employer(session, current_user.employer_id)
    return render_template("hiring/mine.html", interviews=rows_i, offers=rows_o)


@bp.route("/week")
@role_required(Role.STAFF)
def week():
    """Every interview in the district in a week, who, where and what support is asked; offers waiting."""
    start = request.args.get("start", "")
    try:
        first = date.fromisoformat(start) if start else today() - timedelta(days=today().weekday())
    except ValueError:
        return render_template("errors/error.html", error=BadRequest(), message=_(
            "The field %(field)s must be a date as year-month-day, such as 2026-12-07.", field="start")), 400
    session = get_session()
    rows = interviews.week_interviews(session, clock().start_of(first))
    waiting = offers.waiting_offers(session)
    audit.record(session, action="view", subject_type="interview", detail={"week": first.isoformat(),
                                                                            "rows": len(rows)})
    return render_template("hiring/week.html", rows=rows, first=first, last=first + timedelta(days=6),
                           previous=first - timedelta(days=7), next=first + timedelta(days=7), waiting=waiting)
