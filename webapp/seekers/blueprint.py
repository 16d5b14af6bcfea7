from flask import Blueprint, render_template
from flask_login import current_user
from sqlalchemy import select

from models import Application, Notification, Role, SignUp

from ..db import get_session
from ..security import role_required

bp = Blueprint("seekers", __name__, url_prefix="/me")


@bp.route("/")
@role_required(Role.SEEKER)
def home():
    session = get_session()
    seeker = current_user.seeker
    applications = sign_ups = []
    if seeker is not None:
        applications = session.scalars(
            select(Application).where(Application.seeker_id == seeker.id).order_by(Application.updated_at.desc())).all()
        sign_ups = session.scalars(
            select(SignUp).where(SignUp.seeker_id == seeker.id).order_by(SignUp.created_at.desc())).all()
    notifications = session.scalars(
        select(Notification).where(Notification.user_id == current_user.id, Notification.read_at.is_(None))
        .order_by(Notification.created_at.desc()).limit(10)).all()
    return render_template("seekers/home.html", seeker=seeker, applications=applications, sign_ups=sign_ups,
                           notifications=notifications)
