"""Suggested candidates for employers below their quota: the matcher's best consenting candidates per open
position, renewed each week by the scheduler and shown on the employer's dashboard."""

from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from matcher import Engine
from models import Position, PositionStatus, QuotaAssessment, QuotaSuggestion
from models.exchange import matchable_seekers, position_record, seeker_record

from . import clock
from .hires import employed_by
from .notifications import notify_employer, notify_staff

SUGGESTIONS_PER_POSITION = 5


def below_quota_employers(session: Session) -> list[int]:
    """Employers whose latest snapshot is short and not exempt."""
    latest = (select(func.max(QuotaAssessment.id)).where(QuotaAssessment.kind == "snapshot")
              .group_by(QuotaAssessment.employer_id))
    return list(session.scalars(select(QuotaAssessment.employer_id).where(
        QuotaAssessment.id.in_(latest), QuotaAssessment.shortfall > 0, QuotaAssessment.exempt.is_(False))))


def suggest_candidates(session: Session, week: str, per_position: int = SUGGESTIONS_PER_POSITION,
                       day: date | None = None) -> dict:
    """For each employer below its quota with open positions, the best consenting candidates per position,
    leaving out the people the employer already employs on `day` (today by default)."""
    short = below_quota_employers(session)
    positions = session.scalars(select(Position).where(Position.employer_id.in_(short),
                                                       Position.status == PositionStatus.OPEN)
                                .order_by(Position.id)).all() if short else []
    session.execute(delete(QuotaSuggestion).where(QuotaSuggestion.week == week))
    if not positions:
        return {"employers": 0, "suggestions": 0}
    seekers = list(matchable_seekers(session))
    seeker_ids = {s.ref: s.id for s in seekers}
    engine = Engine.from_records([seeker_record(s) for s in seekers], [position_record(p) for p in positions])
    employed = employed_by(session, short, day or clock.from_env().today())
    per_employer: dict[int, int] = {}
    for position in positions:
        for match in engine.rank_candidates(position.ref, k=per_position, explain=False,
                                            exclude=employed.get(position.employer_id, ())):
            if match.score is None:
                continue
            session.add(QuotaSuggestion(week=week, employer_id=position.employer_id, position_id=position.id,
                                        seeker_id=seeker_ids[match.seeker_id], rank=match.rank,
                                        score=float(match.score)))
            per_employer[position.employer_id] = per_employer.get(position.employer_id, 0) + 1
    for employer_id, count in per_employer.items():
        notify_employer(session, employer_id, "quota_suggestions", {"week": week, "count": count})
    total = sum(per_employer.values())
    notify_staff(session, "quota_suggestions_staff", {"week": week, "employers": len(per_employer),
                                                       "count": total})
    return {"employers": len(per_employer), "suggestions": total}
