
from flask import Blueprint, render_template

from models import Role
from services.district import district_figures, seekers_by_township

from ..clock import today
from ..db import get_session
from ..security import role_required

bp = Blueprint("staff", __name__, url_prefix="/staff")


@bp.route("/")
@role_required(Role.STAFF)
def home():
    session = get_session()
    return render_template("staff/home.html", figures=district_figures(session, today()),
                           by_township=seekers_by_township(session))


from . import (
    accounts,  # noqa: E402,F401  (temporary passwords, on this blueprint)
    calls,  # noqa: E402,F401  (the call list, on this blueprint)
    matches,  # noqa: E402,F401  (match details for staff, on this blueprint)
    queue,  # noqa: E402,F401  (the work queue, on this blueprint)
    seekers,  # noqa: E402,F401  (the seeker-profile pages, on this blueprint)
)
