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


def ability_counts(reasons: dict) -> tuple[int, int, int]:
    """(demands met, demands in all, met with an accommodation) of a match's per-item table, for the lists."""
    statuses = [row["status"] for row in reasons["abilities"].values()]
    return len(statuses) - statuses.count("shortfall") - statuses.count("over_demand"), len(statuses), \
        statuses.count("accommodated")


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(state_label=state_label, category_label=category_label, ability_name=ability_name,
                                 accommodation_name=accommodation_name, ability_counts=ability_counts,
                                 kind_label=kind_label, industry_label=industry_label,
                                 derived_kind=derived_kind)
    app.jinja_env.filters.update(ability_name=ability_name, accommodation_name=accommodation_name)
