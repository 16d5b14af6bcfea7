"""A user's own account: API tokens (the secret is shown once, with when each was last used, revoke) and,
in password.py, the password."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from models import ApiToken, utcnow
from services import audit

from ..db import get_session

bp = Blueprint("account", __name__, url_prefix="/account")


class TokenForm(FlaskForm):
    name = StringField(_l("What the token is for"), validators=[
        DataRequired(_l("Say what the token is for, such as the name of your HR system.")), Length(max=100)])


def _tokens():
    return get_session().scalars(select(ApiToken).where(ApiToken.user_id == current_user.id)
                                 .order_by(ApiToken.created_at.desc())).all()


@bp.route("/tokens", methods=["GET", "POST"])
@login_required
def tokens():
    form = TokenForm()
    secret = None
    if form.validate_on_submit():
        session = get_session()
        token, secret = ApiToken.issue(current_user, form.name.data.strip())
        session.add(token)
        session.flush()
        audit.record(session, action="create", subject_type="api_token", subject_id=token.id)
        form = TokenForm(formdata=None)
    status = 400 if request.method == "POST" and secret is None else 200
    return render_template("account/tokens.html", form=form, tokens=_tokens(), secret=secret), status


@bp.route("/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke(token_id):
    session = get_session()
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != current_user.id:
        abort(404)
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        audit.record(session, action="delete", subject_type="api_token", subject_id=token.id)
    flash(_("The token “%(name)s” is revoked: it no longer works.", name=token.name), "success")
    return redirect(url_for(".tokens"))


from . import password  # noqa: E402,F401  (the password page, on this blueprint)
