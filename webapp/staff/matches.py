"""Staff pages for match details: a seeker's ranked positions, a position's ranked candidates, and one pair with
every reason (item by item, lifts, what holds the fit down, items to check, the rules that rule it out, the hints
for the person and for the employer), and whether the learned model or the default score ranks.

Staff only; every page is written to the audit log with the seekers it shows.
"""

from collections import Counter

from flask import abort, render_template
from flask_login import current_user

from models import PositionStatus, Role
from services import audit
from services.employers import positions_by_ref, readable_position
from services.seekers import seeker_by_ref, seekers_by_ref

from ..db import get_session
from ..matching import matching
from ..security import role_required
from .blueprint import bp

#: matches listed on a staff page
SHOWN = 20


def _seeker(ref: str):
    seeker = seeker_by_ref(get_session(), ref)
    if seeker is None:
        abort(404)
    return seeker


def _position(ref: str):
    position = readable_position(get_session(), current_user, ref)
    if position is None:
        abort(404)
    return position


@bp.route("/seekers/<ref>/matches")
@role_required(Role.STAFF)
def seeker_matches(ref):
    """The positions the seeker is ranked for, and a tally of the open positions the rules rule out (by rule)."""
    session = get_session()
    seeker = _seeker(ref)
    service = matching()
    found = service.positions_for(session, seeker, SHOWN)
    excluded = service.exclusions(session, seeker)
    tally = Counter(code for e in excluded for code in e.codes)
    positions = positions_by_ref(session, [m.position_id for m in found] + [e.position_id for e in excluded])
    audit.record(session, action="view", subject_type="seeker", subject_id=seeker.id,
                 detail={"view": "staff_matches", "shown": [m.position_id for m in found]})
    return render_template("staff/seeker_matches.html", seeker=seeker, matches=found, positions=positions,
                           excluded=excluded, tally=sorted(tally.items(), key=lambda kv: (-kv[1], kv[0])),
                           model=service.model)


@bp.route("/positions/<ref>/candidates")
@role_required(Role.STAFF)
def position_candidates(ref):
    """The position's ranked candidates among the seekers who share their profile (those employers may see)."""
    session = get_session()
    position = _position(ref)
    service = matching()
    found = service.candidates(session, position, SHOWN, hints=True)
    seekers = seekers_by_ref(session, [m.seeker_id for m in found])
    audit.record(session, action="view", subject_type="candidates", subject_id=position.id,
                 detail={"position": position.ref, "view": "staff_candidates", "shown": [m.seeker_id for m in found]})
    return render_template("staff/position_candidates.html", position=position, matches=found, seekers=seekers,
                           model=service.model, is_open=position.status == PositionStatus.OPEN)


@bp.route("/seekers/<ref>/positions/<position_ref>")
@role_required(Role.STAFF)
def match_detail(ref, position_ref):
    """One pair with every reason, also when the rules rule it out or the position is not open."""
    session = get_session()
    seeker = _seeker(ref)
    position = _position(position_ref)
    service = matching()
    match = service.explain_for_staff(session, seeker, position)
    audit.record(session, action="view", subject_type="seeker", subject_id=seeker.id,
                 detail={"view": "staff_match", "position": position.ref})
    return render_template("staff/match.html", seeker=seeker, position=position, match=match, model=service.model)
