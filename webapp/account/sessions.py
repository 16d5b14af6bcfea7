"""A person's sessions: where they are logged in (device, address, last seen), and ending the others, say on a
computer at the township office they forgot to log out of."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from services.login_sessions import end_other_sessions, end_own_session, sessions_of

from ..clock import clock
from ..db import get_session
from ..login import current_login_session, lifetime
from .blueprint import bp
from .devices import device_name


@bp.get("/sessions")
@login_required
def sessions():
    rows = sessions_of(get_session(), current_user.id, now=clock().now(), lifetime=lifetime())
    return render_template("account/sessions.html", sessions=rows, current=current_login_session(),
                           device_name=device_name, lifetime=lifetime())


@bp.post("/sessions/<int:session_id>/end")
@login_required
def end_session(session_id):
    row = end_own_session(get_session(), current_user.id, session_id, clock().now())
    if row is None:
        abort(404)
    if row.id == current_login_session().id:
        return redirect(url_for("auth.login"))  # ending this one is logging out
    flash(_("The session on %(device)s has ended.", device=device_name(row.user_agent)), "success")
    return redirect(url_for(".sessions"))


@bp.post("/sessions/end-others")
@login_required
def end_others():
    ended = end_other_sessions(get_session(), current_user.id, current_login_session().id, clock().now())
    flash(_("Your other sessions have ended (%(count)s).", count=ended), "success")
    return redirect(url_for(".sessions"))
