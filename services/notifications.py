"""Notifications: in-app messages to users, made in one place (`notify`) from a registry of kinds. Each kind
declares once its English text (a msgid the web app translates), the parameters it needs and how each is shown,
and the page of the item it is about; the web app renders text and link in the reader's language."""

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import Notification, Role, User, utcnow

from .i18n import N_, ngettext
from .pages import PER_PAGE, Page, paginate

#: how a parameter is shown: as stored, a date or date-time in the reader's locale, an application state's
#: label, the length of a list, an amount of money, the reader's language of a {"zh": ..., "en": ...} pair, or an
#: ISO week ("2026-W48") as the reader says it ("week 48 of 2026", "2026年第48周"), or a number of things (a number
#: or a list) with their noun in the form the number needs ("1 file", "2 files", "2个文件"), so that sentences agree
COUNTED = {
    "candidates": ngettext("%(num)s candidate", "%(num)s candidates"),
    "employers": ngettext("%(num)s employer", "%(num)s employers"),
    "files": ngettext("%(num)s file", "%(num)s files"),
    "people_employed": ngettext("%(num)s person in current employment", "%(num)s people in current employment"),
    "times": ngettext("%(num)s time", "%(num)s times"),
}
FORMATS = ("text", "date", "datetime", "state", "count", "money", "bilingual", "week", *COUNTED)


@dataclass(frozen=True)
class Kind:
    name: str
    #: English msgid with a %(param)s for each parameter shown
    text: str
    #: parameter -> format (one of FORMATS); all are required
    params: dict[str, str]
    #: the web endpoint of the item the notice is about
    endpoint: str
    #: endpoint argument -> parameter it comes from (arguments the rule does not take become a query string)
    link_args: dict[str, str] = field(default_factory=dict)


KINDS: dict[str, Kind] = {kind.name: kind for kind in (
    # job seekers
    Kind("application_state", N_("Your application for the position %(position)s at %(employer)s is now: "
                                 "%(state)s."),
         {"position": "text", "employer": "text", "state": "state", "position_ref": "text"},
         "seekers.position", {"ref": "position_ref"}),
    Kind("application_invited", N_("%(employer)s invites you to apply for the position %(position)s. See the position "
                                   "and apply if it suits you."),
         {"position": "text", "employer": "text", "position_ref": "text"}, "seekers.position", {"ref": "position_ref"}),
    Kind("application_rejected", N_("%(employer)s has not selected you for the position %(position)s. Your other "
                                    "applications and matches stay as they are."),
         {"position": "text", "employer": "text", "position_ref": "text"}, "seekers.position", {"ref": "position_ref"}),
    Kind("interview_proposed", N_("%(employer)s invites you to an interview for the position %(position)s and "
                                  "offers %(times)s. On the interview's page, choose one, ask for another time or "
                                  "ask for support at the interview."),
         {"interview_id": "text", "employer": "text", "position": "text", "times": "times"},
         "hiring.interview", {"interview_id": "interview_id"}),
    Kind("offer_made", N_("%(employer)s offers you the position %(position)s from %(start_on)s. Read the offer and "
                          "accept or decline it by %(answer_by)s."),
         {"offer_id": "text", "employer": "text", "position": "text", "start_on": "date", "answer_by": "date"},
         "hiring.offer", {"offer_id": "offer_id"}),
    Kind("offer_answered_by_staff", N_("Federation staff recorded your answer to the offer of %(employer)s for the "
                                       "position %(position)s: %(state)s."),
         {"offer_id": "text", "employer": "text", "position": "text", "state": "state"},
         "hiring.offer", {"offer_id": "offer_id"}),
    Kind("offer_expired_seeker", N_("The offer of %(employer)s for the position %(position)s was not answered by "
                                    "%(answer_by)s and has expired."),
         {"offer_id": "text", "employer": "text", "position": "text", "answer_by": "date"},
         "hiring.offer", {"offer_id": "offer_id"}),
    Kind("interview_reminder_seeker", N_("A reminder that your interview for the position %(position)s at %(employer)s "
                                         "is tomorrow, %(starts_at)s. The interview's page says where to go and whom "
                                         "to ask for."),
         {"interview_id": "text", "employer": "text", "position": "text", "starts_at": "datetime"},
         "hiring.interview", {"interview_id": "interview_id"}),
    Kind("training_waitlisted", N_("You are on the waiting list for the training %(course)s, number "
                                   "%(place_in_line)s in line."),
         {"session_id": "text", "course": "bilingual", "place_in_line": "text"},
         "trainings.detail", {"session_id": "session_id"}),
    Kind("training_offer", N_("A place in the training %(course)s is free for you. Confirm it on the training's "
                              "page before %(expires_at)s."),
         {"session_id": "text", "course": "bilingual", "expires_at": "datetime"},
         "trainings.detail", {"session_id": "session_id"}),
    Kind("training_offer_expired", N_("The place offered to you in the training %(course)s was not confirmed in "
                                      "time and has gone to the next person waiting."),
         {"session_id": "text", "course": "bilingual"}, "trainings.detail", {"session_id": "session_id"}),
    Kind("training_changed", N_("The training %(course)s has changed: it runs from %(starts_on)s to %(ends_on)s at "
                                "%(place)s. See what the place offers on the training's page."),
         {"session_id": "text", "course": "bilingual", "starts_on": "date", "ends_on": "date", "place": "text"},
         "trainings.detail", {"session_id": "session_id"}),
    # seekers see fairs on one page, the fairs to come
    Kind("fair_reminder", N_("A reminder that the job fair %(fair)s is on %(held_on)s."),
         {"fair_id": "text", "fair": "text", "held_on": "date"}, "fairs.upcoming"),
    Kind("fair_changed", N_("The job fair %(fair)s has changed: it is on %(held_on)s at %(venue)s. See what the "
                            "venue offers on the fairs page."),
         {"fair_id": "text", "fair": "text", "held_on": "date", "venue": "text"}, "fairs.upcoming"),
    Kind("fair_cancelled", N_("The job fair %(fair)s on %(held_on)s is cancelled: %(reason)s."),
         {"fair_id": "text", "fair": "text", "held_on": "date", "reason": "text"}, "fairs.upcoming"),
    Kind("training_cancelled", N_("The training %(course)s from %(starts_on)s is cancelled: %(reason)s."),
         {"session_id": "text", "course": "bilingual", "starts_on": "date", "reason": "text"},
         "trainings.detail", {"session_id": "session_id"}),
    # employers
    Kind("fair_cancelled_employer", N_("The job fair %(fair)s on %(held_on)s, where you were taking part, is "
                                       "cancelled: %(reason)s."),
         {"fair_id": "text", "fair": "text", "held_on": "date", "reason": "text"}, "employers.home"),
    Kind("application_received", N_("A job seeker has applied for your position %(position)s."),
         {"position": "text", "position_ref": "text", "seeker_ref": "text"},
         "employers.candidate", {"ref": "position_ref", "seeker_ref": "seeker_ref"}),
    Kind("interview_scheduled", N_("Job seeker %(seeker)s chose %(starts_at)s for the interview for your position "
                                   "%(position)s."),
         {"interview_id": "text", "seeker": "text", "position": "text", "starts_at": "datetime"},
         "hiring.interview", {"interview_id": "interview_id"}),
    Kind("interview_another_time", N_("Job seeker %(seeker)s asks for another time for the interview for your "
                                      "position %(position)s. Propose new times on the interview's page."),
         {"interview_id": "text", "seeker": "text", "position": "text"},
         "hiring.interview", {"interview_id": "interview_id"}),
    Kind("interview_support_asked", N_("Job seeker %(seeker)s asks for support at the interview for your position "
                                       "%(position)s. The interview's page says what they need."),
         {"interview_id": "text", "seeker": "text", "position": "text"},
         "hiring.interview", {"interview_id": "interview_id"}),
    Kind("interview_reminder_employer", N_("A reminder that the interview with job seeker %(seeker)s for your "
                                           "position %(position)s is tomorrow, %(starts_at)s."),
         {"interview_id": "text", "seeker": "text", "position": "text", "starts_at": "datetime"},
         "hiring.interview", {"interview_id": "interview_id"}),
    Kind("offer_accepted", N_("Job seeker %(seeker)s accepted your offer for the position %(position)s: the hire is "
                              "recorded from %(start_on)s."),
         {"offer_id": "text", "seeker": "text", "position": "text", "start_on": "date"},
         "hiring.offer", {"offer_id": "offer_id"}),
    Kind("offer_declined", N_("Job seeker %(seeker)s declined your offer for the position %(position)s."),
         {"offer_id": "text", "seeker": "text", "position": "text"}, "hiring.offer", {"offer_id": "offer_id"}),
    Kind("offer_expired_employer", N_("Your offer to job seeker %(seeker)s for the position %(position)s was not "
                                      "answered by %(answer_by)s and has expired."),
         {"offer_id": "text", "seeker": "text", "position": "text", "answer_by": "date"},
         "hiring.offer", {"offer_id": "offer_id"}),
    Kind("follow_up_request", N_("The federation asks you for help with the follow-up of the placement in your "
                                 "position %(position)s by %(due_on)s. Your follow-up items say what is needed."),
         {"position": "text", "due_on": "date"}, "followups.employer_items"),
    Kind("declaration_reminder", N_("Please submit your quota declaration for %(year)s by %(closes)s."),
         {"year": "text", "closes": "date"}, "declarations.declare"),
    Kind("declaration_returned", N_("Staff returned your quota declaration for %(year)s: see the reason and "
                                    "correct it."),
         {"year": "text"}, "declarations.review", {"year": "year"}),
    Kind("declaration_approved", N_("Your quota declaration for %(year)s is approved; the levy due is "
                                    "%(levy_due)s CNY."),
         {"year": "text", "levy_due": "money"}, "declarations.review", {"year": "year"}),
    Kind("quota_suggestions", N_("In %(week)s, the federation suggested %(count)s for your open positions. Your "
                                "dashboard lists them."),
         {"week": "week", "count": "candidates"}, "dashboards.employer"),
    # staff
    Kind("declarations_missing", N_("The quota declaration for %(year)s is still missing from %(count)s. The "
                                    "declaration window closes on %(closes)s."),
         {"year": "text", "closes": "date", "jurisdiction": "text", "count": "employers"},
         "declarations.staff_list", {"year": "year"}),
    Kind("quota_suggestions_staff", N_("In %(week)s, the matcher suggested %(count)s to %(employers)s below the "
                                       "quota."),
         {"week": "week", "count": "candidates", "employers": "employers"}, "dashboards.district"),
    Kind("employment_ended", N_("The employment of %(seeker)s at %(employer)s ended on %(end_on)s. A follow-up "
                                "check-in is due by %(due_on)s."),
         {"check_in_id": "text", "seeker": "text", "employer": "text", "end_on": "date", "due_on": "date"},
         "followups.check_in", {"check_in_id": "check_in_id"}),
    Kind("insurance_import", N_("The social-insurance inbox imported %(imported)s and rejected %(rejected)s. "
                                "Insurance stopped for %(stopped)s."),
         {"imported": "files", "rejected": "files", "stopped": "people_employed"}, "declarations.insurance"),
)}


def check(kind: str, params: dict) -> Kind:
    """The registered kind, if params are exactly what it needs; ValueError naming what is wrong otherwise."""
    registered = KINDS.get(kind)
    if registered is None:
        raise ValueError(f"unregistered notification kind: {kind!r}")
    missing = sorted(set(registered.params) - set(params))
    unknown = sorted(set(params) - set(registered.params))
    if missing or unknown:
        raise ValueError(f"notification {kind!r}: missing params {missing}, unknown params {unknown}")
    return registered


def notify(session: Session, user_ids, kind: str, *, created_at=None, read_at=None, **params) -> int:
    """Tell each of these users; returns how many were told. created_at and read_at are for the demo's history."""
    check(kind, params)
    user_ids = list(user_ids)
    times = {key: value for key, value in (("created_at", created_at), ("read_at", read_at)) if value is not None}
    session.add_all(Notification(user_id=user_id, kind=kind, params=params, **times) for user_id in user_ids)
    return len(user_ids)


def notify_staff(session: Session, kind: str, params: dict) -> int:
    staff = session.scalars(select(User.id).where(User.role == Role.STAFF, User.is_active)).all()
    return notify(session, staff, kind, **params)


def notify_employer(session: Session, employer_id: int, kind: str, params: dict) -> int:
    users = session.scalars(select(User.id).where(User.employer_id == employer_id, User.role == Role.EMPLOYER,
                                                  User.is_active)).all()
    return notify(session, users, kind, **params)


def unread_count(session: Session, user_id: int) -> int:
    return session.scalar(select(func.count()).where(Notification.user_id == user_id, Notification.read_at.is_(None)))


def unread_notifications(session: Session, user_id: int, limit: int = 10) -> list[Notification]:
    """The user's newest unread messages, for their home page."""
    return list(session.scalars(
        select(Notification).where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .order_by(Notification.created_at.desc()).limit(limit)))


def notifications_of(session: Session, user_id: int, page: int = 1, per_page: int = PER_PAGE) -> Page[Notification]:
    """The user's messages, unread first, newest first: one page, with how many there are."""
    return paginate(session, select(Notification).where(Notification.user_id == user_id)
                    .order_by(Notification.read_at.is_not(None), Notification.created_at.desc(),
                              Notification.id.desc()), page, per_page)


def mark_read(session: Session, user_id: int, notification_id: int | None = None) -> int:
    """Mark one of the user's messages (or all, id None) as read; returns how many matched, so that 0 for an id
    means someone else's message or none (the same answer)."""
    query = select(Notification).where(Notification.user_id == user_id)
    if notification_id is not None:
        query = query.where(Notification.id == notification_id)
    rows = session.scalars(query).all()
    now = utcnow()
    for row in rows:
        row.read_at = row.read_at or now
    return len(rows)
