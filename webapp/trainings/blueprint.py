"""Trainings (培训班): seekers browse sessions and sign up; staff see the lists, reorder the line, record attendance."""


from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from models import Role, SignUp, SignUpState, TrainingSession
from services import audit
from services import trainings as operations
from services.seekers import seeker_by_ref
from services.trainings import SignUpError, StaffSignUpError

from ..clock import clock, today
from ..confirm import unconfirmed
from ..db import get_session
from ..errors import error_text
from ..i18n import current_language, show_day
from ..pages import page_number, search_form
from ..security import role_required
from .forms import ActionForm, CancelForm, EnrolForm, ReorderForm, SessionForm

bp = Blueprint("trainings", __name__, url_prefix="/trainings")


def _training_or_404(session_id: int) -> TrainingSession:
    training = operations.get_training(get_session(), session_id)
    if training is None:
        abort(404)
    return training


def _my_sign_up(training: TrainingSession) -> SignUp | None:
    seeker = current_user.seeker
    if seeker is None:
        return None
    return operations.sign_up_of(get_session(), training.id, seeker.id)


@bp.route("/")
@role_required(Role.SEEKER, Role.STAFF)
def index():
    session = get_session()
    trainings = operations.upcoming_sessions(session, today(), page_number())
    mine, barred = {}, {}
    seeker = current_user.seeker if current_user.role == Role.SEEKER else None
    if seeker is not None:
        mine = operations.sign_ups_of(session, seeker.id)
        barred = {t.id: _why_not(t, seeker) for t in trainings.items}
    left = {t.id: operations.places_left(session, t) for t in trainings.items}
    return render_template("trainings/index.html", trainings=trainings, mine=mine, left=left, barred=barred)


def _why_not(training: TrainingSession, seeker) -> list[str]:
    """Why the seeker may not join the session, in their words (empty: they may)."""
    return [error_text(reason) for reason in operations.check_eligibility(training, seeker).reasons()]


def _detail(training: TrainingSession, messages=(), status: int = 200):
    session = get_session()
    sign_up = _my_sign_up(training) if current_user.role == Role.SEEKER else None
    barred = []
    if current_user.role == Role.SEEKER and current_user.seeker is not None:
        barred = _why_not(training, current_user.seeker)
    line_position = None
    if sign_up is not None and sign_up.state == SignUpState.WAITLISTED:
        line_position = [s.id for s in operations.waiting_list(session, training.id)].index(sign_up.id) + 1
    return render_template("trainings/detail.html", training=training, sign_up=sign_up, form=ActionForm(),
                           left=operations.places_left(session, training), messages=messages,
                           barred=barred, line_position=line_position,
                           past=training.starts_on < today()), status


@bp.route("/<int:session_id>")
@role_required(Role.SEEKER, Role.STAFF)
def detail(session_id):
    return _detail(_training_or_404(session_id))


ACTIONS = {"sign-up": None, "withdraw": operations.withdraw, "accept": operations.accept_offer,
           "decline": operations.decline_offer}
DONE = {"withdraw": _l("You have withdrawn. Your place goes to the next person in line."),
        "accept": _l("You have accepted the place. See you at the training."),
        "decline": _l("You have declined the place. It goes to the next person in line.")}


def _confirm(training: TrainingSession, action: str):
    course = training.course.title(current_language())
    if action == "withdraw":
        question = _("Withdraw from the training %(course)s? Your place goes to the next person in line; you can "
                     "sign up again while places are free, or join the waiting list.", course=course)
        return unconfirmed(question, _("Yes, withdraw"), url_for("trainings.detail", session_id=training.id))
    question = _("Decline the place in the training %(course)s? It goes to the next person in line.", course=course)
    return unconfirmed(question, _("Yes, decline the place"), url_for("trainings.detail", session_id=training.id))


@bp.route("/<int:session_id>/<any('sign-up', 'withdraw', 'accept', 'decline'):action>", methods=["POST"])
@role_required(Role.SEEKER)
def act(session_id, action):
    session = get_session()
    training = _training_or_404(session_id)
    form = ActionForm()
    if not form.validate_on_submit():
        return _detail(training, [], 400)
    seeker = current_user.seeker
    if seeker is None:
        abort(403)
    if action in ("withdraw", "decline") and (page := _confirm(training, action)):
        return page
    try:
        if action == "sign-up":
            entry = operations.sign_up(session, training.id, seeker.id, clock().now(), user_id=current_user.id)
        else:
            entry = _my_sign_up(training)
            if entry is None:
                raise SignUpError("no_offer" if action in ("accept", "decline") else "already_withdrawn")
            entry = ACTIONS[action](session, entry.id, clock().now(), user_id=current_user.id)
    except SignUpError as error:
        session.rollback()
        return _detail(training, [error_text(error)], 400)
    if action == "sign-up":
        flash(_("You have a place in this training.") if entry.state == SignUpState.CONFIRMED else
              _("The session is full, so you are on the waiting list. We will tell you when a place frees."),
              "success")
    else:
        flash(str(DONE[action]), "success")
    return redirect(url_for("trainings.detail", session_id=training.id))


# ---- staff ----

@bp.route("/staff")
@role_required(Role.STAFF)
def staff_index():
    session = get_session()
    form = search_form(_("Course or place"))
    status = 200 if form.validate() else 400
    trainings = operations.search_sessions(session, form.q.data or "", page_number()) if status == 200 else None
    counts = operations.sign_up_counts(session, operations.HOLDING)
    waiting = operations.sign_up_counts(session, (SignUpState.WAITLISTED,))
    return render_template("trainings/staff_index.html", form=form, trainings=trainings, counts=counts,
                           waiting=waiting, report=operations.year_report(session)), status


def _staff_detail(training: TrainingSession, reorder: ReorderForm | None = None, messages=(), status=200,
                  enrol: EnrolForm | None = None, cancel: CancelForm | None = None):
    session = get_session()
    sign_ups = operations.places_held(session, training.id)
    line = operations.waiting_list(session, training.id)
    withdrawn = operations.withdrawn_from(session, training.id)
    reorder = reorder or ReorderForm(formdata=None)
    reorder.sign_up_id.choices = [SelectChoice(s.id, f"{i}. {s.seeker.name}") for i, s in enumerate(line, 1)]
    audit.record(session, action="view", subject_type="training_session", subject_id=training.id,
                 detail={"list": "participants"})
    return render_template("trainings/staff_detail.html", training=training, sign_ups=sign_ups, line=line,
                           withdrawn=withdrawn, reorder=reorder, form=ActionForm(), messages=messages,
                           enrol=enrol or EnrolForm(formdata=None), cancel=cancel or CancelForm(formdata=None),
                           left=operations.places_left(session, training), today=today()), status


@bp.route("/staff/<int:session_id>")
@role_required(Role.STAFF)
def staff_detail(session_id):
    return _staff_detail(_training_or_404(session_id))


@bp.route("/staff/<int:session_id>/cancel", methods=["POST"])
@role_required(Role.STAFF)
def cancel(session_id):
    session = get_session()
    training = _training_or_404(session_id)
    form = CancelForm()
    if not form.validate_on_submit():
        return _staff_detail(training, cancel=form, status=400)
    if page := unconfirmed(
            _("Cancel the training %(course)s from %(day)s? Everyone signed up or waiting is told why; nobody can "
              "sign up or take a place any more. This cannot be undone.",
              course=training.course.title(current_language()), day=show_day(training.starts_on)),
            _("Yes, cancel the session"), url_for("trainings.staff_detail", session_id=training.id)):
        return page
    try:
        told = operations.cancel_session(session, training.id, form.reason.data, clock().now(), today(),
                                         user_id=current_user.id)
    except SignUpError as error:
        session.rollback()
        form.reason.errors = [error_text(error)] if error.code == "cancel_reason_missing" else []
        return _staff_detail(_training_or_404(session_id), cancel=form, status=400,
                             messages=[] if form.reason.errors else [error_text(error)])
    flash(_("The session is cancelled.") + " " + ngettext("%(num)d person signed up was told.",
                                                          "%(num)d people signed up were told.", told), "success")
    return redirect(url_for("trainings.staff_detail", session_id=training.id))


@bp.route("/staff/<int:session_id>/reorder", methods=["POST"])
@role_required(Role.STAFF)
def reorder(session_id):
    session = get_session()
    training = _training_or_404(session_id)
    form = ReorderForm()
    form.sign_up_id.choices = [SelectChoice(s.id, s.seeker.name)
                               for s in operations.waiting_list(session, training.id)]
    if not form.validate_on_submit():
        return _staff_detail(training, form, [], 400)
    try:
        operations.move_in_waiting_list(session, form.sign_up_id.data, form.position.data, form.reason.data,
                                        current_user.id, clock().now())
    except SignUpError as error:
        session.rollback()
        if error.code == "bad_position":
            form.position.errors.append(error_text(error))
            return _staff_detail(training, form, [], 400)
        return _staff_detail(training, form, [error_text(error)], 400)
    flash(_("The waiting list is in its new order; the reason is recorded."), "success")
    return redirect(url_for("trainings.staff_detail", session_id=training.id) + "#waiting-heading")


@bp.route("/staff/<int:session_id>/sign-ups/<int:sign_up_id>/<any('attended', 'absent', 'completed', "
          "'not-completed'):what>", methods=["POST"])
@role_required(Role.STAFF)
def attendance(session_id, sign_up_id, what):
    session = get_session()
    training = _training_or_404(session_id)
    entry = operations.get_sign_up(session, training, sign_up_id)
    if entry is None:
        abort(404)
    if not ActionForm().validate_on_submit():
        return _staff_detail(training, None, [], 400)
    back = url_for("trainings.staff_detail", session_id=training.id) + f"#sign-up-{entry.id}"
    name, was_completed = entry.seeker.name, entry.completed
    if what == "absent" and entry.state == SignUpState.ATTENDED:
        question = (_("Undo the attendance of %(name)s? Their completion record is removed too.", name=name)
                    if was_completed else _("Undo the attendance of %(name)s?", name=name))
        if page := unconfirmed(question, _("Yes, undo the attendance"), back):
            return page
    if what == "not-completed" and was_completed and (page := unconfirmed(
            _("Undo the completion of %(name)s?", name=name), _("Yes, undo the completion"), back)):
        return page
    try:
        if what in ("attended", "absent"):
            operations.record_attendance(session, entry.id, what == "attended", current_user.id)
        else:
            operations.record_completion(session, entry.id, what == "completed", current_user.id)
    except SignUpError as error:
        session.rollback()
        return _staff_detail(training, None, [error_text(error)], 400)
    if what == "absent":
        flash(_("The attendance of %(name)s is undone; their completion record is removed too.", name=name)
              if was_completed else _("The attendance of %(name)s is undone.", name=name), "success")
    elif what == "not-completed":
        flash(_("The completion of %(name)s is undone.", name=name), "success")
    else:
        flash(_("Recorded for %(name)s.", name=name), "success")
    return redirect(back)


@bp.route("/staff/new", methods=["GET", "POST"])
@role_required(Role.STAFF)
def new_session():
    session = get_session()
    form = SessionForm()
    form.course_id.choices = [SelectChoice(c.id, c.title(current_language()))
                              for c in operations.courses(session)]
    if form.validate_on_submit():
        training = operations.create_session(
            session, course_id=form.course_id.data, starts_on=form.starts_on.data, ends_on=form.ends_on.data,
            place=form.place.data, capacity=form.capacity.data, accessibility=form.accessibility.data or [],
            categories=form.categories.data or [], teacher=form.teacher.data or "", offer_hours=form.offer_hours.data,
            user_id=current_user.id)
        flash(_("The session is open for sign-ups."), "success")
        return redirect(url_for("trainings.staff_detail", session_id=training.id))
    return render_template("trainings/new_session.html", form=form), 400 if form.errors else 200


@bp.route("/staff/<int:session_id>/edit", methods=["GET", "POST"])
@role_required(Role.STAFF)
def edit_session(session_id):
    training = _training_or_404(session_id)
    form = SessionForm(obj=training, categories=training.eligibility.get("categories", []))
    del form.course_id  # a session stays a session of its course
    if form.validate_on_submit():
        session = get_session()
        try:
            changed, offered, told = operations.update_session(
                session, training.id, starts_on=form.starts_on.data, ends_on=form.ends_on.data, place=form.place.data,
                capacity=form.capacity.data, accessibility=form.accessibility.data or [],
                categories=form.categories.data or [], teacher=form.teacher.data or "",
                offer_hours=form.offer_hours.data, now=clock().now(), user_id=current_user.id)
        except SignUpError as error:
            session.rollback()
            form.capacity.errors.append(error_text(error))
        else:
            messages = [_("The session is saved.") if changed else _("Nothing was changed.")]
            if told:
                messages.append(ngettext("%(num)d person signed up was told of the change.",
                                         "%(num)d people signed up were told of the change.", told))
            if offered:
                messages.append(ngettext("%(num)d new place was offered to the waiting list.",
                                         "%(num)d new places were offered to the waiting list.", offered))
            flash(" ".join(messages), "success")
            return redirect(url_for("trainings.staff_detail", session_id=training.id))
    return render_template("trainings/edit_session.html", form=form, training=training), 400 if form.errors else 200


@bp.route("/staff/<int:session_id>/sign-up", methods=["POST"])
@role_required(Role.STAFF)
def staff_sign_up(session_id):
    """Staff sign up a person they are helping (by phone or at the township office)."""
    session = get_session()
    training = _training_or_404(session_id)
    form = EnrolForm()
    if not form.validate_on_submit():
        return _staff_detail(training, status=400, enrol=form)
    seeker = seeker_by_ref(session, form.seeker_ref.data.strip().upper())
    try:
        if seeker is None:
            raise SignUpError("no_such_seeker")
        entry = operations.sign_up(session, training.id, seeker.id, clock().now(), user_id=current_user.id)
    except SignUpError as error:
        session.rollback()
        form.seeker_ref.errors = [error_text(StaffSignUpError(error.code, **error.params))]
        return _staff_detail(training, status=400, enrol=form)
    flash(_("%(name)s has a place.", name=seeker.name) if entry.state == SignUpState.CONFIRMED else
          _("%(name)s is on the waiting list.", name=seeker.name), "success")
    return redirect(url_for("trainings.staff_detail", session_id=training.id))
