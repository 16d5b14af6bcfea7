"""The text of a seeker's notifications, in the reader's language, from the kind and params stored."""

from datetime import date, datetime

from flask_babel import format_date, format_datetime
from flask_babel import gettext as _

from models import Notification

from ..i18n import current_language
from ..labels import state_label


def _when(value: str | None, as_date: bool = False) -> str:
    if not value:
        return ""
    try:
        return format_date(date.fromisoformat(value[:10])) if as_date else format_datetime(
            datetime.fromisoformat(value), "short")
    except ValueError:
        return value


def notification_text(note: Notification) -> str:
    p = note.params or {}
    if note.kind == "application_state":
        if p.get("employer"):
            return _("Your application for %(position)s at %(employer)s: %(state)s.", position=p.get("position", ""),
                     employer=p["employer"], state=state_label(p.get("state", "")))
        return _("Your application for %(position)s: %(state)s.", position=p.get("position", ""),
                 state=state_label(p.get("state", "")))
    if note.kind == "training_waitlisted":
        return _("You are on the waiting list of the training %(course)s, number %(place)s in line.",
                 course=p.get("course", ""), place=p.get("place_in_line", "?"))
    if note.kind == "training_offer":
        return _("A place in a training you signed up for is free for you. Confirm it on your page before %(time)s.",
                 time=_when(p.get("expires_at")))
    if note.kind == "training_offer_expired":
        return _("The training place offered to you was not confirmed in time and has gone to the next person "
                 "waiting.")
    if note.kind == "training_changed":
        return _("The training %(course)s has changed: it runs from %(start)s to %(end)s at %(place)s. See what the "
                 "place offers on the training's page.", course=p.get("course_en" if current_language() == "en"
                                                                      else "course_zh", ""),
                 start=_when(p.get("starts_on"), as_date=True), end=_when(p.get("ends_on"), as_date=True),
                 place=p.get("place", ""))
    if note.kind == "fair_reminder":
        return _("Reminder: the job fair %(fair)s is on %(date)s.", fair=p.get("fair", ""),
                 date=_when(p.get("held_on"), as_date=True))
    if note.kind == "fair_changed":
        return _("The job fair %(fair)s has changed: it is on %(date)s at %(venue)s. See what the venue offers on "
                 "the fairs page.", fair=p.get("fair", ""), date=_when(p.get("held_on"), as_date=True),
                 venue=p.get("venue", ""))
    return _("A message about your account. Federation staff can tell you more.")
