"""Words shown for stored codes (states, ability and accommodation keys), in the reader's language."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from matcher.profile import ABILITY_BY_KEY, ACCOMMODATION_BY_KEY
from services.industries import derived_kind, section_name

from .i18n import current_language

STATES = {
    "invited": _l("Invited to apply"), "applied": _l("Applied"), "interviewing": _l("Interviewing"),
    "offered": _l("Offered"), "hired": _l("Hired"), "rejected": _l("Not selected"), "withdrawn": _l("Withdrawn"),
    "confirmed": _l("Place confirmed"), "waitlisted": _l("On the waiting list"),
    "attended": _l("Attended"), "draft": _l("Draft"), "open": _l("Open"), "paused": _l("Paused"),
    "closed": _l("Closed"), "submitted": _l("Submitted"), "returned": _l("Returned for changes"),
    "approved": _l("Approved"),
    "interviewed": _l("Interviewed"), "declined": _l("Declined"),
    # interviews, offers and follow-up check-ins
    "proposed": _l("Waiting for an answer"), "another_time": _l("Another time asked"),
    "scheduled": _l("Time chosen"), "held": _l("Held"), "cancelled": _l("Cancelled"), "accepted": _l("Accepted"),
    "expired": _l("Expired"), "planned": _l("Planned"), "done": _l("Done"),
}

#: disability categories (第二代残疾人证), for staff pages only: employers never see them
CATEGORIES = {
    1: _l("Vision"), 2: _l("Hearing"), 3: _l("Speech"), 4: _l("Physical"), 5: _l("Intellectual"), 6: _l("Mental"),
    7: _l("Multiple"),
}


#: kinds of employer (compliance.EMPLOYER_KINDS): the small-employer exemption is for enterprises only
EMPLOYER_KINDS = {
    "enterprise": _l("Enterprise"), "government": _l("Government body"),
    "public_institution": _l("Public institution"), "social_organisation": _l("Social organisation"),
    "individual_business": _l("Individual business"), "farmers_cooperative": _l("Farmers' cooperative"),
    "other": _l("Other kind of body"),
}


def kind_label(code) -> str:
    return str(EMPLOYER_KINDS.get(code, code or ""))


def industry_label(code) -> str:
    """The GB/T 4754 section's name in the reader's language ('' when none is chosen)."""
    return section_name(code, current_language())


def category_label(code) -> str:
    return str(CATEGORIES.get(int(code), code))


def state_label(code) -> str:
    return str(STATES.get(str(code), code))


def ability_name(key: str) -> str:
    item = ABILITY_BY_KEY[key]
    return item.en if current_language() == "en" else item.zh


def accommodation_name(key: str) -> str:
    item = ACCOMMODATION_BY_KEY[key]
    return item.en if current_language() == "en" else item.zh


#: statuses of a per-item row that count as a demand met (rules v2)
MET = ("ok", "under_use", "accommodated")

#: the fits of a score, as "what holds the fit down" names them
FITS = {
    "ability": _l("the abilities the job demands"), "needs": _l("accommodations needed but not offered"),
    "distance": _l("the journey"), "skills": _l("the skills the job asks for"), "wage": _l("the pay"),
    "hours": _l("the hours"),
}


def fit_label(name: str) -> str:
    return str(FITS.get(name, name))


def ability_counts(reasons: dict) -> tuple[int, int, int, int]:
    """(demands met, demands that apply, met with an accommodation, to be checked) of a match's per-item table,
    for the lists. Only ok, under_use and accommodated are met; an item not assessed is neither met nor missed
    (to be checked); an item moot when working from home is left out of the total."""
    statuses = [row["status"] for row in reasons["abilities"].values() if row["status"] != "not_applicable"]
    return (sum(status in MET for status in statuses), len(statuses), statuses.count("accommodated"),
            statuses.count("to_be_checked"))


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(state_label=state_label, category_label=category_label, ability_name=ability_name,
                                 accommodation_name=accommodation_name, ability_counts=ability_counts,
                                 kind_label=kind_label, industry_label=industry_label,
                                 derived_kind=derived_kind, fit_label=fit_label)
    app.jinja_env.filters.update(ability_name=ability_name, accommodation_name=accommodation_name)
