"""The district at a glance: how many people, employers, positions, fairs and training sessions, for staff."""

from datetime import date

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from models import Employer, JobFair, Position, PositionStatus, Seeker, Township, TrainingSession


def district_figures(session: Session, today: date) -> dict[str, int]:
    """The staff overview's counts; fairs and training sessions from `today` on, not cancelled, count as upcoming."""
    return {
        "seekers": session.scalar(select(func.count()).select_from(Seeker)),
        "looking": session.scalar(select(func.count()).where(Seeker.is_looking)),
        "consented": session.scalar(select(func.count()).where(Seeker.consent_share)),
        "employers": session.scalar(select(func.count()).select_from(Employer)),
        "open_positions": session.scalar(select(func.count()).where(Position.status == PositionStatus.OPEN)),
        "openings": session.scalar(
            select(func.coalesce(func.sum(Position.openings), 0)).where(Position.status == PositionStatus.OPEN)),
        "upcoming_fairs": session.scalar(select(func.count()).where(JobFair.held_on >= today,
                                                                    JobFair.cancelled_at.is_(None))),
        "upcoming_sessions": session.scalar(select(func.count()).where(TrainingSession.starts_on >= today,
                                                                       TrainingSession.cancelled_at.is_(None))),
    }


def seekers_by_township(session: Session) -> list[Row]:
    """(township, seekers, of them looking for work) for every township, by code; townships without anyone too."""
    return list(session.execute(
        select(Township, func.count(Seeker.id), func.count(Seeker.id).filter(Seeker.is_looking))
        .outerjoin(Seeker, Seeker.township_id == Township.id).group_by(Township.id).order_by(Township.code)))
