"""Staff give a job seeker or an employer's user a temporary password, when they forgot theirs: the person asks at
the township office or by phone, and chooses their own password at the next login. Staff accounts are reset by the
administrator (`flask reset-password`)."""

from flask import render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from models import Role
from services.accounts import reset_password, user_by_username

from ..db import get_session
from ..security import role_required
from .blueprint import bp


class ResetForm(FlaskForm):
    username = StringField(_l("The person's user name"), validators=[
        DataRequired(_l("Enter the user name the person logs in with, such as their phone number.")),
        Length(max=120)], render_kw={"autocomplete": "off"})


@bp.route("/accounts/password", methods=["GET", "POST"])
@role_required(Role.STAFF)
def reset():
    form = ResetForm(username=request.args.get("username", ""))
    user = temporary = None
    if form.validate_on_submit():
        session = get_session()
        user = user_by_username(session, form.username.data)
        if user is None:
            form.username.errors.append(_("No account has this user name. Check it with the person."))
        elif user.role == Role.STAFF:
            form.username.errors.append(_("This is a staff account: the system administrator resets it."))
        elif not user.is_active:
            form.username.errors.append(_("This account is switched off, so it cannot log in."))
        else:
            temporary = reset_password(session, user, current_user.id)
    return render_template("staff/reset_password.html", form=form, user=user, temporary=temporary), \
        400 if form.errors else 200
