"""A person's own password: change it; after staff gave a temporary one, nothing else opens until it is changed."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user
from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms.validators import DataRequired, EqualTo, Length

from services.accounts import PasswordError, change_password

from ..db import get_session
from ..errors import error_text
from ..navigation import home_url
from .blueprint import bp

#: what a person with a temporary password may still open
OPEN_WITH_TEMPORARY = {"account.password", "auth.logout", "static"}


class PasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(_l("Enter your current password."))],
                            render_kw={"autocomplete": "current-password"})
    new = PasswordField(_l("New password"), validators=[
        DataRequired(_l("Enter a new password.")),
        Length(min=10, max=200, message=_l("The password must have at least 10 characters."))],
        render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("New password again"), validators=[
        DataRequired(_l("Enter the new password again.")), EqualTo("new", _l("The two passwords differ."))],
        render_kw={"autocomplete": "new-password"})


#: the field each refusal is shown by
FIELDS = {"wrong_current": "current", "same_as_current": "new", "same_as_username": "new"}


@bp.route("/password", methods=["GET", "POST"])
@login_required
def password():
    form = PasswordForm()
    if form.validate_on_submit():
        session = get_session()
        try:
            change_password(session, current_user, form.current.data, form.new.data)
        except PasswordError as error:
            form[FIELDS[error.code]].errors.append(error_text(error))
        else:
            login_user(current_user._get_current_object())  # this session goes on; those elsewhere end
            flash(_("Your password is changed."), "success")
            return redirect(home_url(current_user))
    return render_template("account/password.html", form=form), 400 if form.errors else 200


@bp.before_app_request
def _temporary_password_first():
    # API clients authenticate with tokens, not with the password, so the API stays open to them.
    endpoint = request.endpoint or ""
    if endpoint in OPEN_WITH_TEMPORARY or endpoint.startswith("api."):
        return None
    if current_user.is_authenticated and current_user.must_change_password:
        return redirect(url_for("account.password"))
    return None
