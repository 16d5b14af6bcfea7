from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from services.accounts import LoginError, authenticate

from ..clock import clock
from ..db import get_session, keep_changes
from ..errors import error_text
from ..extensions import login_manager
from ..login import log_in, log_out, login_limits
from ..navigation import home_url
from .forms import LoginForm

bp = Blueprint("auth", __name__)

login_manager.login_view = "auth.login"
login_manager.login_message = None  # the login page itself says why


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
    refusal = None
    if form.validate_on_submit():
        try:
            user = authenticate(get_session(), form.username.data, form.password.data, ip=request.remote_addr,
                                now=clock().now(), limits=login_limits())
        except LoginError as error:
            refusal = error
            keep_changes()  # the failed attempt counts toward the throttle and stays in the audit log
        else:
            log_in(user)
            return redirect(_safe_next(request.args.get("next")) or home_url(user))
    status = 429 if refusal and refusal.code == "throttled" else 400 if refusal or form.errors else 200
    return render_template("auth/login.html", form=form, refusal=refusal and error_text(refusal)), status


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    log_out()
    flash(_("You have logged out."), "success")
    return redirect(url_for("public.index"))
