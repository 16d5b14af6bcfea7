"""Outcome events: every step of a (seeker, position) pair, recorded as it happens, for the matcher's learner.

Kinds beyond the exchange format's outcomes (`../shared/exchange-format.md`) are read as the nearest one
there (`EXCHANGE`); `left` carries the months the employment lasted, and a hire that ended within
`SHORT_STAY_MONTHS` counts only as far as the offer (services.ranking): it did not last.
"""

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import OutcomeEvent, OutcomeKind

#: each kind as an outcome of the exchange format (None: `left`, which changes a hire's weight instead)
EXCHANGE = {
    OutcomeKind.SHOWN: "shown", OutcomeKind.INVITED: "shown", OutcomeKind.APPLIED: "applied",
    OutcomeKind.INTERVIEWED: "interviewed", OutcomeKind.OFFERED: "offered", OutcomeKind.ACCEPTED: "offered",
    OutcomeKind.DECLINED: "declined", OutcomeKind.REJECTED: "rejected", OutcomeKind.HIRED: "hired",
    OutcomeKind.LEFT: None,
}
#: a hire that ended before this many months is read as an offer, not a hire
SHORT_STAY_MONTHS = 3


def record(session: Session, seeker_id: int, position_id: int, kind: OutcomeKind, *, months: int | None = None,
           at: datetime | None = None) -> None:
    session.add(OutcomeEvent(seeker_id=seeker_id, position_id=position_id, kind=kind, months=months,
                             **({"at": at} if at is not None else {})))


def record_shown(session: Session, seeker_id: int, position_id: int) -> None:
    """The pair was shown (a candidate's page opened): recorded once per pair."""
    if session.scalar(select(OutcomeEvent.id).where(OutcomeEvent.seeker_id == seeker_id,
                                                    OutcomeEvent.position_id == position_id).limit(1)) is None:
        record(session, seeker_id, position_id, OutcomeKind.SHOWN)


def months_between(start: date, end: date) -> int:
    """Whole months from `start` to `end` (a month counts once its day of the month is reached)."""
    return max(0, (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day))


def events(session: Session) -> list[tuple[str, str, OutcomeKind, int | None]]:
    """(seeker ref, position ref, kind, months) of every recorded event, oldest first."""
    from models import Position, Seeker

    return list(session.execute(
        select(Seeker.ref, Position.ref, OutcomeEvent.kind, OutcomeEvent.months)
        .join(Seeker, Seeker.id == OutcomeEvent.seeker_id).join(Position, Position.id == OutcomeEvent.position_id)
        .order_by(OutcomeEvent.id)).tuples())
