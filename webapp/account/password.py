"""A person's own password: change it; after staff gave a temporary one, nothing else opens until it is changed,
neither the pages nor the API."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms.validators import DataRequired, EqualTo

from services.accounts import change_password
from services.passwords import MAX_LENGTH, MIN_LENGTH, PasswordError

from ..clock import clock
from ..db import get_session
from ..errors import error_text, json_error
from ..login import current_login_session
from ..navigation import home_url
from .blueprint import bp

#: what a person with a temporary password may still open
OPEN_WITH_TEMPORARY = {"account.password", "auth.logout", "static", "api.openapi"}


class PasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(_l("Enter your current password."))],
                            render_kw={"autocomplete": "current-password"})
    new = PasswordField(_l("New password"), validators=[DataRequired(_l("Enter a new password."))],
                        render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("New password again"), validators=[
        DataRequired(_l("Enter the new password again.")), EqualTo("new", _l("The two passwords differ."))],
        render_kw={"autocomplete": "new-password"})


@bp.app_template_global()
def password_hint() -> str:
    """What every form that sets a password says about the policy."""
    return _("From %(min)s to %(max)s characters, not one of the most used passwords and not repeated or counted "
             "characters (such as aaaa or 1234).", min=MIN_LENGTH, max=MAX_LENGTH)


@bp.route("/password", methods=["GET", "POST"])
@login_required
def password():
    form = PasswordForm()
    if form.validate_on_submit():
        session = get_session()
        try:
            change_password(session, current_user, form.current.data, form.new.data, now=clock().now(),
                            session_id=current_login_session().id)
        except PasswordError as error:
            # the policy's refusals are about the new password; only a wrong current one is about the other field
            form["current" if error.code == "wrong_current" else "new"].errors.append(error_text(error))
        else:
            flash(_("Your password is changed. Your other sessions have ended and your API tokens are revoked."),
                  "success")
            return redirect(home_url(current_user))
    return render_template("account/password.html", form=form), 400 if form.errors else 200


@bp.before_app_request
def _temporary_password_first():
    endpoint = request.endpoint or ""
    if endpoint in OPEN_WITH_TEMPORARY or not current_user.is_authenticated or not current_user.must_change_password:
        return None
    if endpoint.startswith("api."):
        return json_error(403, "password_change_required",
                          _("This account has a temporary password: log in on the web pages and choose your own "
                            "password first."))
    return redirect(url_for("account.password"))
