"""The text of the quota notifications (made by the declaration pages and the scheduler), in the reader's language."""

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Notification

KINDS = ("declaration_reminder", "declaration_returned", "declaration_approved", "quota_suggestions",
         "declarations_missing", "quota_suggestions_staff", "insurance_import")


def notice_text(note: Notification) -> str:
    p = note.params or {}
    if note.kind == "declaration_reminder":
        return _("Please submit your quota declaration for %(year)s by %(closes)s.", year=p.get("year"),
                 closes=p.get("closes"))
    if note.kind == "declaration_returned":
        return _("Staff returned your quota declaration for %(year)s: see the reason and correct it.",
                 year=p.get("year"))
    if note.kind == "declaration_approved":
        return _("Your quota declaration for %(year)s is approved; the levy due is %(levy)s CNY.",
                 year=p.get("year"), levy=p.get("levy_due"))
    if note.kind == "quota_suggestions":
        return _("%(count)s suggested candidates for your open positions this week.", count=p.get("count"))
    if note.kind == "declarations_missing":
        return _("%(count)s employers have not yet submitted their declaration for %(year)s (the window closes "
                 "on %(closes)s).", count=p.get("count"), year=p.get("year"), closes=p.get("closes"))
    if note.kind == "quota_suggestions_staff":
        return _("Week %(week)s: %(count)s candidates suggested to %(employers)s employers below the quota.",
                 week=p.get("week"), count=p.get("count"), employers=p.get("employers"))
    if note.kind == "insurance_import":
        return _("Social-insurance inbox: %(imported)s files imported, %(rejected)s rejected; insurance stopped "
                 "for %(stopped)s people in current employment.", imported=len(p.get("imported", [])),
                 rejected=len(p.get("rejected", [])), stopped=len(p.get("stopped", [])))
    return note.kind


def quota_notices(session: Session, user_id: int, limit: int = 10) -> list[Notification]:
    return list(session.scalars(select(Notification).where(Notification.user_id == user_id,
                                                           Notification.kind.in_(KINDS))
                                .order_by(Notification.id.desc()).limit(limit)))
