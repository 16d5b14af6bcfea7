"""Who may see whom: the one rule for what an employer sees of a job seeker (PIPL, sensitive personal data).

- An employer **may see** a seeker (what matching needs: abilities, needs, skills, township) when the seeker is
  listed (looks for work and consents to share, `Seeker.listed`), or has an application or invitation for one
  of the employer's positions, or is or was employed by it.
- The **name and phone** only once the person applied to the employer (or accepted its invitation by applying)
  or works for it: `identity_disclosed`.
- Never the certificate number, the disability category or the grade: employer pages, API responses,
  dashboards, suggestions and exports get a `SeekerForEmployer`, never the Seeker row.

Each rule is one SQL expression (for lists and joins); the checks for one person run that same expression.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, exists, or_, select
from sqlalchemy.orm import Session, selectinload

from models import Application, Employment, Position, Seeker
from models import ApplicationState as S

#: application states in which the person has applied to the employer, so it may know who they are
DISCLOSED_STATES = (S.APPLIED, S.INTERVIEWING, S.OFFERED, S.HIRED)


def _application_with(employer_id, states=None) -> ColumnElement[bool]:
    query = (select(Application.id).join(Position, Position.id == Application.position_id)
             .where(Application.seeker_id == Seeker.id, Position.employer_id == employer_id))
    if states is not None:
        query = query.where(Application.state.in_(states))
    return exists(query)


def _employed_by(employer_id) -> ColumnElement[bool]:
    return exists(select(Employment.id).where(Employment.seeker_id == Seeker.id,
                                              Employment.employer_id == employer_id))


def may_see(employer_id) -> ColumnElement[bool]:
    """SQL: the employer may see this seeker's profile (for `select(Seeker).where(may_see(id))`)."""
    return or_(Seeker.listed, _application_with(employer_id), _employed_by(employer_id))


def identity_disclosed(employer_id) -> ColumnElement[bool]:
    """SQL: the employer may see this seeker's name and phone."""
    return or_(_application_with(employer_id, DISCLOSED_STATES), _employed_by(employer_id))


def visible_seeker(session: Session, employer_id: int, ref: str) -> Seeker | None:
    """The seeker of this ref if the employer may see them, else None (the page answers 404 either way)."""
    return session.scalar(select(Seeker).where(Seeker.ref == ref, may_see(employer_id)))


def employer_may_see(session: Session, employer_id: int, seeker_id: int) -> bool:
    return session.scalar(select(Seeker.id).where(Seeker.id == seeker_id, may_see(employer_id))) is not None


def disclosed_ids(session: Session, employer_id: int, seeker_ids: Iterable[int]) -> set[int]:
    ids = set(seeker_ids)
    if not ids:
        return set()
    return set(session.scalars(select(Seeker.id).where(Seeker.id.in_(ids), identity_disclosed(employer_id))))


@dataclass(frozen=True)
class SeekerForEmployer:
    """What an employer sees of a job seeker. `name` and `phone` are None until the identity is disclosed."""

    id: int
    ref: str
    township_id: int
    skills: tuple[str, ...]
    #: (accommodation key, required)
    needs: tuple[tuple[str, bool], ...]
    name: str | None
    phone: str | None

    @property
    def disclosed(self) -> bool:
        return self.name is not None


def _view(seeker: Seeker, disclosed: bool) -> SeekerForEmployer:
    return SeekerForEmployer(id=seeker.id, ref=seeker.ref, township_id=seeker.township_id,
                             skills=tuple(seeker.skills or ()), needs=tuple((n.key, n.required) for n in seeker.needs),
                             name=seeker.name if disclosed else None, phone=seeker.phone if disclosed else None)


def seekers_for_employer(session: Session, employer_id: int, seekers: Iterable[Seeker]) -> dict[int, SeekerForEmployer]:
    """Each seeker as the employer sees them, by seeker id (one query for the disclosures)."""
    seekers = list(seekers)
    disclosed = disclosed_ids(session, employer_id, (s.id for s in seekers))
    return {s.id: _view(s, s.id in disclosed) for s in seekers}


def seeker_for_employer(session: Session, employer_id: int, seeker: Seeker) -> SeekerForEmployer:
    return seekers_for_employer(session, employer_id, [seeker])[seeker.id]


def candidate_for_employer(session: Session, employer_id: int, ref: str) -> SeekerForEmployer | None:
    """The seeker of this ref as the employer sees them, or None when the employer may not see them."""
    seeker = session.scalar(select(Seeker).where(Seeker.ref == ref, may_see(employer_id))
                            .options(selectinload(Seeker.needs)))
    return None if seeker is None else seeker_for_employer(session, employer_id, seeker)
