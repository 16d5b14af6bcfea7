
from flask import Blueprint, render_template
from sqlalchemy import func, select

from models import Employer, JobFair, Position, PositionStatus, Role, Seeker, Township, TrainingSession

from ..clock import today as district_today
from ..db import get_session
from ..security import role_required

bp = Blueprint("staff", __name__, url_prefix="/staff")


@bp.route("/")
@role_required(Role.STAFF)
def home():
    session = get_session()
    today = district_today()
    figures = {
        "seekers": session.scalar(select(func.count()).select_from(Seeker)),
        "looking": session.scalar(select(func.count()).where(Seeker.is_looking)),
        "consented": session.scalar(select(func.count()).where(Seeker.consent_share)),
        "employers": session.scalar(select(func.count()).select_from(Employer)),
        "open_positions": session.scalar(select(func.count()).where(Position.status == PositionStatus.OPEN)),
        "openings": session.scalar(
            select(func.coalesce(func.sum(Position.openings), 0)).where(Position.status == PositionStatus.OPEN)),
        "upcoming_fairs": session.scalar(select(func.count()).where(JobFair.held_on >= today)),
        "upcoming_sessions": session.scalar(select(func.count()).where(TrainingSession.starts_on >= today)),
    }
    by_township = session.execute(
        select(Township, func.count(Seeker.id), func.count(Seeker.id).filter(Seeker.is_looking))
        .outerjoin(Seeker, Seeker.township_id == Township.id).group_by(Township.id).order_by(Township.code)).all()
    return render_template("staff/home.html", figures=figures, by_township=by_township)


from . import (
    accounts,  # noqa: E402,F401  (temporary passwords, on this blueprint)
    seekers,  # noqa: E402,F401  (the seeker-profile pages, on this blueprint)
)
