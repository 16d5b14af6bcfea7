"""The main menu of each role; features add their pages here, and a count of what waits there."""

from flask import Flask, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from models import Role
from services import work_queue

from .clock import clock
from .db import get_session

MENU = {
    Role.SEEKER: [("seekers.home", _l("My page")), ("seekers.matches", _l("Jobs for me")),
                  ("hiring.mine", _l("Interviews and offers")), ("seekers.profile", _l("My profile")),
                  ("account.notifications", _l("My messages")),
                  ("trainings.index", _l("Trainings")), ("fairs.upcoming", _l("Job fairs"))],
    Role.EMPLOYER: [("employers.home", _l("My company")), ("employers.new_position", _l("Post a position")),
                    ("employers.applications", _l("Applications received")), ("hiring.mine", _l("Interviews and offers")),
                    ("followups.employer_items", _l("Follow-up")), ("dashboards.employer", _l("Quota compliance"))],
    Role.STAFF: [("staff.queue", _l("Work queue")), ("staff.home", _l("District overview")),
                 ("staff.seekers", _l("Job seekers")),
                 ("staff.calls", _l("Call list")),
                 ("declarations.staff_list", _l("Quota declarations")),
                 ("dashboards.district", _l("Quota across the district")),
                 ("hiring.week", _l("Interviews this week")), ("followups.queue", _l("Follow-up")),
                 ("followups.retention", _l("Retention")),
                 ("trainings.staff_index", _l("Trainings")), ("fairs.index", _l("Job fairs"))],
}


def home_url(user) -> str:
    """A user's own home page: the first item of their menu."""
    return url_for(MENU[user.role][0][0])


#: how many things wait on a menu entry's page for the reader (shown next to it)
COUNTS = {"staff.queue": lambda: work_queue.open_count(get_session(), clock(), current_user.id)}


def nav_items():
    """(endpoint, label, count or None) of the reader's menu."""
    if not current_user.is_authenticated:
        return []
    return [(endpoint, label, COUNTS[endpoint]() if endpoint in COUNTS else None)
            for endpoint, label in MENU[current_user.role]]


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(nav_items=nav_items, home_url=home_url)
