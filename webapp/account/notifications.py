"""Everyone's messages (job seekers, employers, staff): each links to the item it is about; mark one or all read.
The header's link says how many are unread (webapp/notifications.py)."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from services.notifications import mark_read as mark_notifications_read
from services.notifications import notifications_of, unread_count

from ..db import get_session
from ..pages import page_number
from .blueprint import bp


@bp.route("/notifications")
@login_required
def notifications():
    session = get_session()
    return render_template("account/notifications.html",
                           notifications=notifications_of(session, current_user.id, page_number()),
                           unread=unread_count(session, current_user.id))


@bp.route("/notifications/read", methods=["POST"])
@login_required
def mark_read():
    """Mark one message (id in the form) or all of them (no id) as read; only the reader's own."""
    note_id = request.form.get("id")
    if note_id is not None and not (note_id.isascii() and note_id.isdigit() and len(note_id) < 19):
        abort(400)
    marked = mark_notifications_read(get_session(), current_user.id, None if note_id is None else int(note_id))
    if note_id is not None and not marked:
        abort(404)  # someone else's message, or none: the same answer
    flash(_("Marked as read.") if note_id else _("All messages are marked as read."), "success")
    return redirect(url_for(".notifications"))
