"""Staff help with a job seeker's or an employer user's account: a temporary password when they forgot theirs
(the person asks at the township office or by phone, and chooses their own password at the next login), unlocking
an account that too many wrong passwords made wait, and ending its sessions (a lost phone, a shared computer).
Staff accounts are the administrator's (`flask reset-password`)."""

from flask import render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from models import Role, User
from services.accounts import end_sessions_by_staff, reset_password, unlock_account, user_by_username

from ..clock import clock
from ..db import get_session
from ..security import role_required
from .blueprint import bp


class ResetForm(FlaskForm):
    username = StringField(_l("The person's user name"), validators=[
        DataRequired(_l("Enter the user name the person logs in with, such as their phone number.")),
        Length(max=120)], render_kw={"autocomplete": "off"})


def _account(form: ResetForm) -> User | None:
    """The account the form names, if staff may help with it; else None, with the reason on the field."""
    user = user_by_username(get_session(), form.username.data)
    if user is None:
        form.username.errors.append(_("No account has this user name. Check it with the person."))
    elif user.role == Role.STAFF:
        form.username.errors.append(_("This is a staff account: the system administrator resets it."))
    elif not user.is_active:
        form.username.errors.append(_("This account is switched off, so it cannot log in."))
    else:
        return user
    return None


@bp.route("/accounts/password", methods=["GET", "POST"])
@role_required(Role.STAFF)
def reset():
    form = ResetForm(username=request.args.get("username", ""))
    user = temporary = None
    if form.validate_on_submit():
        user = _account(form)
        if user is not None:
            temporary = reset_password(get_session(), user, current_user.id, clock().now())
    return render_template("staff/reset_password.html", form=form, user=user, temporary=temporary), \
        400 if form.errors else 200


@bp.route("/accounts/access", methods=["GET", "POST"])
@role_required(Role.STAFF)
def access():
    """Unlock an account (forget its failed logins) or end all its sessions."""
    form = ResetForm(username=request.args.get("username", ""))
    done = None
    if form.validate_on_submit():
        user = _account(form)
        if user is not None and request.form.get("action") == "end_sessions":
            count = end_sessions_by_staff(get_session(), user, current_user.id, clock().now())
            done = _("%(count)s sessions of %(name)s (%(username)s) have ended: the account is logged out "
                     "everywhere.", count=count, name=user.display_name, username=user.username)
        elif user is not None:
            unlock_account(get_session(), user, current_user.id)
            done = _("%(name)s (%(username)s) can log in again at once.", name=user.display_name,
                     username=user.username)
    return render_template("staff/account_access.html", form=form, done=done), 400 if form.errors else 200
