"""A user's own account: API tokens (the secret is shown once, with when each was last used, revoke) and,
in password.py, the password."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from services.accounts import issue_token, revoke_token, tokens_of

from ..db import get_session

bp = Blueprint("account", __name__, url_prefix="/account")


class TokenForm(FlaskForm):
    name = StringField(_l("What the token is for"), validators=[
        DataRequired(_l("Say what the token is for, such as the name of your HR system.")), Length(max=100)])


@bp.route("/tokens", methods=["GET", "POST"])
@login_required
def tokens():
    form = TokenForm()
    secret = None
    if form.validate_on_submit():
        secret = issue_token(get_session(), current_user, form.name.data.strip())[1]
        form = TokenForm(formdata=None)
    status = 400 if request.method == "POST" and secret is None else 200
    return render_template("account/tokens.html", form=form, tokens=tokens_of(get_session(), current_user.id),
                           secret=secret), status


@bp.route("/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke(token_id):
    token = revoke_token(get_session(), current_user.id, token_id)
    if token is None:
        abort(404)
    flash(_("The token “%(name)s” is revoked: it no longer works.", name=token.name), "success")
    return redirect(url_for(".tokens"))


from . import (  # noqa: E402
    notifications,  # noqa: F401  (everyone's messages, on this blueprint)
    password,  # noqa: F401  (the password page, on this blueprint)
)
