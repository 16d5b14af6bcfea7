"""Seekers and positions as exchange-format records (../shared/exchange-format.md), the matcher's input.

The matcher is a pure library; this is the one place that turns database rows into its records, for the web
app's engine, the scheduler's suggestions and batch exports alike.
"""

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from matcher.profile import ABILITY_KEYS

from .positions import Position, PositionStatus
from .seekers import Seeker


def seeker_record(seeker: Seeker) -> dict:
    """The matching view of a seeker: functional abilities and needs only, never category, grade or certificate.

    Every item is sent, None where it is not assessed: the exchange format reads a missing item as 0, which
    says "cannot" and would rule pairs out."""
    has_home = seeker.lat is not None and seeker.lon is not None
    return {
        "id": seeker.ref,
        "township": seeker.township.name_zh,
        "lat": seeker.lat if has_home else seeker.township.lat,
        "lon": seeker.lon if has_home else seeker.township.lon,
        "max_commute_km": seeker.max_commute_km,
        "remote_ok": seeker.remote_ok,
        "abilities": dict.fromkeys(ABILITY_KEYS) | seeker.effective_abilities(),
        "needs": [need.key for need in seeker.needs],
        "needs_required": [need.key for need in seeker.needs if need.required],
        "skills": list(seeker.skills or []),
        "desired_wage": seeker.desired_wage,
        "hours_per_week": seeker.hours_per_week,
    }


def position_record(position: Position) -> dict:
    has_site = position.lat is not None and position.lon is not None
    return {
        "id": position.ref,
        "employer_id": position.employer.credit_code,
        "title": position.title,
        "township": position.township.name_zh,
        "lat": position.lat if has_site else position.township.lat,
        "lon": position.lon if has_site else position.township.lon,
        "remote": position.remote,
        "openings": position.openings,
        "demands": {d.key: d.level for d in position.demands if d.level},
        "essential": [d.key for d in position.demands if d.essential],
        "offers": [offer.key for offer in position.offers],
        "skills": list(position.skills or []),
        "wage": position.wage,
        "hours_per_week": position.hours_per_week,
    }


def matchable_seekers(session: Session) -> Iterator[Seeker]:
    """Seekers employers may be shown: looking for work and consenting to share their profile."""
    yield from session.scalars(
        select(Seeker).where(Seeker.listed)
        .options(selectinload(Seeker.abilities), selectinload(Seeker.needs), selectinload(Seeker.township))
        .order_by(Seeker.id)).yield_per(1000)


def open_positions(session: Session) -> Iterator[Position]:
    yield from session.scalars(
        select(Position).where(Position.status == PositionStatus.OPEN)
        .options(selectinload(Position.demands), selectinload(Position.offers), selectinload(Position.township),
                 selectinload(Position.employer))
        .order_by(Position.id)).yield_per(1000)
