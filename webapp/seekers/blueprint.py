from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from models import Application, ApplicationState, Position, PositionStatus, Role, Seeker
from services.applications import (allowed_moves, applications_by_position_ref, applications_of_seeker,
                                   find_application, move, position_for_seeker)
from services.employers import positions_by_ref
from services.errors import DomainError
from services.notifications import unread_count, unread_notifications
from services.seekers import abilities_by_source, township_choices, update_profile
from services.trainings import sign_ups_of_seeker

from ..clock import today
from ..confirm import unconfirmed
from ..db import get_session
from ..errors import error_text
from ..i18n import current_language
from ..matching import matching
from ..security import role_required
from .forms import MatchFilterForm, ProfileForm

bp = Blueprint("seekers", __name__, url_prefix="/me")

MATCHES_SHOWN = 30
#: what the seeker may do to their application, by target state, as the button says it
SEEKER_ACTIONS = {ApplicationState.APPLIED, ApplicationState.WITHDRAWN}


def _seeker() -> Seeker:
    """The logged-in user's own profile; a seeker account without one has only its home page."""
    if current_user.seeker is None:
        abort(404)
    return current_user.seeker


@bp.route("/")
@role_required(Role.SEEKER)
def home():
    session = get_session()
    seeker = current_user.seeker
    applications = sign_ups = []
    if seeker is not None:
        applications = applications_of_seeker(session, seeker.id)
        sign_ups = sign_ups_of_seeker(session, seeker.id)
    return render_template("seekers/home.html", seeker=seeker, applications=applications, sign_ups=sign_ups,
                           notifications=unread_notifications(session, current_user.id),
                           unread=unread_count(session, current_user.id))


@bp.route("/profile", methods=["GET", "POST"])
@role_required(Role.SEEKER)
def profile():
    seeker = _seeker()
    session = get_session()
    form = ProfileForm(townships=township_choices(session, current_language()))
    if request.method == "GET":
        form.fill_from(seeker)
    if form.validate_on_submit():
        update_profile(session, seeker, current_user, fields=form.profile_fields(), abilities=form.abilities(),
                       needs=form.needs.data or [], required=form.needs_required.data or [],
                       consent_share=bool(form.consent_share.data), today=today())
        flash(_("Your profile is saved. Your matches below take it into account."), "success")
        return redirect(url_for(".matches"))
    return render_template("seekers/profile.html", form=form, seeker=seeker,
                           by_source=abilities_by_source(seeker)), 400 if request.method == "POST" else 200


@bp.route("/matches")
@role_required(Role.SEEKER)
def matches():
    seeker = _seeker()
    session = get_session()
    form = MatchFilterForm(formdata=request.args if request.args else None)
    if request.args and not form.validate():
        return render_template("seekers/matches.html", form=form, seeker=seeker, matches=[], positions={},
                               applications={}), 400
    found = matching().positions_for(session, seeker, MATCHES_SHOWN, **form.filters())
    positions = positions_by_ref(session, [m.position_id for m in found])
    return render_template("seekers/matches.html", form=form, seeker=seeker, matches=found, positions=positions,
                           applications=applications_by_position_ref(session, seeker.id),
                           learned_on=matching().learned_on)


def _visible_position(seeker: Seeker, ref: str) -> tuple[Position, Application | None]:
    """An open position, or one the seeker has an application for; anything else is 'not found'."""
    found = position_for_seeker(get_session(), seeker, ref)
    if found is None:
        abort(404)
    return found


def _position_page(seeker: Seeker, position: Position, application: Application | None, errors=(), status=200):
    match = matching().explain(get_session(), seeker, position)
    moves = allowed_moves(Role.SEEKER, application.state if application else None) & SEEKER_ACTIONS
    if position.status != PositionStatus.OPEN:
        moves.discard(ApplicationState.APPLIED)
    return render_template("seekers/position.html", seeker=seeker, position=position, match=match,
                           application=application, moves={m.value for m in moves}, errors=errors), status


@bp.route("/positions/<ref>")
@role_required(Role.SEEKER)
def position(ref):
    seeker = _seeker()
    position, application = _visible_position(seeker, ref)
    return _position_page(seeker, position, application)


def _confirm_withdrawal(application, position) -> tuple[str, str]:
    if application.state == ApplicationState.INVITED:
        return (_("Decline the invitation to apply for %(title)s? You can still apply later.", title=position.title),
                _("Yes, decline the invitation"))
    return (_("Withdraw your application for %(title)s? The employer no longer sees your name and phone number; "
              "you can apply again later.", title=position.title), _("Yes, withdraw my application"))


@bp.route("/positions/<ref>/application", methods=["POST"])
@role_required(Role.SEEKER)
def application(ref):
    seeker = _seeker()
    position, application = _visible_position(seeker, ref)
    session = get_session()
    try:
        to = ApplicationState(request.form.get("state", ""))
        if to not in SEEKER_ACTIONS:
            raise ValueError
    except ValueError:
        return _position_page(seeker, position, application, [_("Choose one of the buttons below.")], 400)
    if to == ApplicationState.WITHDRAWN and to in allowed_moves(Role.SEEKER, application and application.state) \
            and (page := unconfirmed(*_confirm_withdrawal(application, position), url_for(".position", ref=ref))):
        return page
    try:
        move(session, seeker, position, to, current_user, today=today())
    except DomainError as error:
        session.rollback()
        return _position_page(seeker, position, find_application(session, seeker, position), [error_text(error)], 400)
    if to == ApplicationState.APPLIED:
        flash(_("You have applied for %(title)s. The employer can now see your name and phone number.",
                title=position.title), "success")
    else:
        flash(_("You have withdrawn your application for %(title)s.", title=position.title), "success")
    return redirect(url_for(".position", ref=ref))
