"""What a refused application move says, in the reader's language (the employer's pages and the API)."""

from flask_babel import gettext as _

from services.applications import ApplicationError


def application_error_message(error: ApplicationError) -> str:
    if error.code == "not_open":
        return _("The position is not open, so nobody can apply or be invited.")
    if error.code == "not_consented":
        return _("This job seeker does not share their profile with employers.")
    return _("This change is not possible from the application's present state.")
