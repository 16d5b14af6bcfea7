from flask import Blueprint, abort, render_template
from flask_login import current_user
from sqlalchemy import func, select

from models import Application, Position, QuotaDeclaration, Role

from ..db import get_session
from ..security import role_required

bp = Blueprint("employers", __name__, url_prefix="/employer")


@bp.route("/")
@role_required(Role.EMPLOYER)
def home():
    employer = current_user.employer
    if employer is None:
        abort(403)
    session = get_session()
    applicants = dict(session.execute(
        select(Application.position_id, func.count()).join(Position)
        .where(Position.employer_id == employer.id).group_by(Application.position_id)).all())
    declarations = session.scalars(
        select(QuotaDeclaration).where(QuotaDeclaration.employer_id == employer.id)
        .order_by(QuotaDeclaration.year.desc())).all()
    return render_template("employers/home.html", employer=employer, applicants=applicants,
                           declarations=declarations)
