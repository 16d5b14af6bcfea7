"""A user's own account: API tokens (the password again to make one; the secret is shown once, with what each may
do, until when, when it was last used, revoke), in password.py the password, in sessions.py the sessions."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import PasswordField, RadioField, StringField
from wtforms.validators import DataRequired, InputRequired, Length

from services.accounts import TOKEN_DAYS, TokenError, issue_token, revoke_token, tokens_of
from services.passwords import PasswordError

from ..clock import clock
from ..db import get_session, keep_changes
from ..errors import error_text
from ..profile_fields import choices

bp = Blueprint("account", __name__, url_prefix="/account")


class TokenForm(FlaskForm):
    name = StringField(_l("What the token is for"), validators=[
        DataRequired(_l("Say what the token is for, such as the name of your HR system.")), Length(max=100)])
    scopes = RadioField(_l("What the token may do"), default="read", choices=choices([
        ("read", _l("Read only")), ("read write", _l("Read and change (post positions, move applications)"))]),
        validators=[InputRequired(_l("Choose what the token may do."))])
    days = RadioField(_l("How long it lasts"), coerce=int, default=90,
                      choices=choices([(days, _l("%(days)s days", days=days)) for days in TOKEN_DAYS]),
                      validators=[InputRequired(_l("Choose how long the token lasts."))])
    password = PasswordField(_l("Your password"), validators=[DataRequired(_l("Enter your password again."))],
                             render_kw={"autocomplete": "current-password"})


@bp.route("/tokens", methods=["GET", "POST"])
@login_required
def tokens():
    form = TokenForm()
    secret = None
    if form.validate_on_submit():
        session = get_session()
        try:
            secret = issue_token(session, current_user, name=form.name.data.strip(), password=form.password.data,
                                 scopes=form.scopes.data, days=form.days.data, now=clock().now())[1]
        except (PasswordError, TokenError) as error:
            keep_changes()  # a wrong password stays in the audit log
            field = {"wrong_password": "password"}.get(error.code, error.code)
            form[field].errors.append(error_text(error))
        else:
            form = TokenForm(formdata=None)
    status = 400 if request.method == "POST" and secret is None else 200
    return render_template("account/tokens.html", form=form, tokens=tokens_of(get_session(), current_user.id),
                           secret=secret, now=clock().now()), status


@bp.route("/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke(token_id):
    token = revoke_token(get_session(), current_user.id, token_id, clock().now())
    if token is None:
        abort(404)
    flash(_("The token “%(name)s” is revoked: it no longer works.", name=token.name), "success")
    return redirect(url_for(".tokens"))


from . import (  # noqa: E402
    notifications,  # noqa: F401  (everyone's messages, on this blueprint)
    password,  # noqa: F401  (the password page, on this blueprint)
    sessions,  # noqa: F401  (the sessions page, on this blueprint)
)
