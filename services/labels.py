"""Names of stored states (applications, sign-ups, positions, declarations) in English, marked N_: the web app
shows them translated for the reader, and notices sent outside the app (services.notice_text) for the person."""

from .i18n import N_

STATES = {
    "invited": N_("Invited to apply"), "applied": N_("Applied"), "interviewing": N_("Interviewing"),
    "offered": N_("Offered"), "hired": N_("Hired"), "rejected": N_("Not selected"), "withdrawn": N_("Withdrawn"),
    "confirmed": N_("Place confirmed"), "waitlisted": N_("On the waiting list"),
    "attended": N_("Attended"), "draft": N_("Draft"), "open": N_("Open"), "paused": N_("Paused"),
    "closed": N_("Closed"), "submitted": N_("Submitted"), "returned": N_("Returned for changes"),
    "approved": N_("Approved"),
    "interviewed": N_("Interviewed"), "declined": N_("Declined"),
    # interviews, offers and follow-up check-ins
    "proposed": N_("Waiting for an answer"), "another_time": N_("Another time asked"),
    "scheduled": N_("Time chosen"), "held": N_("Held"), "cancelled": N_("Cancelled"), "accepted": N_("Accepted"),
    "expired": N_("Expired"), "planned": N_("Planned"), "done": N_("Done"),
}
