import hmac
from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from models import User
from services.accounts import authenticate

from ..db import get_session, keep_changes
from ..extensions import login_manager
from ..navigation import home_url
from .forms import LoginForm

bp = Blueprint("auth", __name__)

login_manager.login_view = "auth.login"
login_manager.login_message = None  # the login page itself says why


#: a user with their employer or seeker, which nearly every page of theirs needs. Built once, as it runs on
#: every request: a statement built anew costs SQLAlchemy its cache key each time.
USER = select(User).where(User.id == bindparam("id")).options(joinedload(User.employer), joinedload(User.seeker))


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    # user_id is User.get_id(): the id and a stamp of the password, so a session ends when the password changes
    id_, _, stamp = user_id.partition(":")
    user = get_session().scalar(USER, {"id": int(id_)})
    if user is None or not user.is_active or not hmac.compare_digest(stamp, user.session_stamp()):
        return None
    return user


def _safe_next(target: str | None) -> str | None:
    """Only same-site paths, so a crafted link cannot send someone elsewhere after logging in."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(home_url(current_user))
    form = LoginForm()
    failed = False
    if form.validate_on_submit():
        user = authenticate(get_session(), form.username.data, form.password.data)
        if user is not None:
            lang = session.get("lang")
            session.clear()  # a fresh session on login
            if lang:
                session["lang"] = lang
            login_user(user)
            return redirect(_safe_next(request.args.get("next")) or home_url(user))
        failed = True
        keep_changes()  # the failed attempt stays in the audit log
    return render_template("auth/login.html", form=form, failed=failed), 200 if not form.errors and not failed else 400


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    lang = session.get("lang")
    logout_user()
    session.clear()
    if lang:
        session["lang"] = lang
    flash(_("You have logged out."), "success")
    return redirect(url_for("public.index"))
