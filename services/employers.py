"""Employers and their positions: registration, company profile, posting and changing positions."""

import secrets
from datetime import date, datetime

from sqlalchemy import Select, bindparam, null, select
from sqlalchemy.orm import Session, joinedload, selectinload

from models import Employer, Position, PositionDemand, PositionOffer, PositionStatus, Role, User, utcnow

from . import audit
from .errors import DomainError
from .i18n import N_
from .industries import EMPLOYER_KINDS, SECTION_CODES, derived_kind
from .passwords import check_new_password
from .wages import minimum_monthly_wage

#: the position of the candidates page, built once (see "Speed of the candidates page" in the README)
POSITION = select(Position).where(Position.ref == bindparam("ref")).options(
    joinedload(Position.township), joinedload(Position.offers))


class RegistrationError(DomainError):
    messages = {
        "credit_code_taken": N_("This unified social credit code is already registered. Ask the federation staff "
                                "for access to its account."),
        "username_taken": N_("This user name is taken. Choose another."),
    }


class RegistrationCheckError(DomainError):
    messages = {"checked": N_("This registration has already been checked.")}


class CompanyError(DomainError):
    """What the company fields refuse; `field` names the field, for the form to show the text next to it."""
    messages = {
        "unknown_industry": N_("Choose the industry from the list."),
        "unknown_kind": N_("Choose the kind of employer from the list."),
    }


def check_company(*, industry: str, employer_kind: str | None) -> None:
    """The industry must be a GB/T 4754 section; the kind one of the compliance engine's (None: derive it)."""
    if industry not in SECTION_CODES:
        raise CompanyError("unknown_industry", field="industry")
    if employer_kind is not None and employer_kind not in EMPLOYER_KINDS:
        raise CompanyError("unknown_kind", field="employer_kind")


def register_employer(session: Session, *, credit_code: str, name: str, headcount: int, township_id: int,
                      industry: str, address: str | None, contact_phone: str | None, display_name: str,
                      username: str, password: str, employer_kind: str | None = None) -> User:
    """A new employer and its first user. `employer_kind` None: the kind its credit code tells, stored."""
    employer_kind = employer_kind or None
    check_company(industry=industry, employer_kind=employer_kind)
    if session.scalar(select(Employer.id).where(Employer.credit_code == credit_code)):
        raise RegistrationError("credit_code_taken")
    username = username.strip().lower()
    check_new_password(password, username=username)
    if session.scalar(select(User.id).where(User.username == username)):
        raise RegistrationError("username_taken")
    employer = Employer(credit_code=credit_code, name=name, headcount=headcount, township_id=township_id,
                        industry=industry, address=address or None, contact_phone=contact_phone or None,
                        employer_kind=employer_kind or derived_kind(credit_code),
                        checked_at=null())  # not checked yet (null(): the column's default is 'checked')
    user = User(username=username, role=Role.EMPLOYER, display_name=display_name, employer=employer)
    user.set_password(password)
    session.add_all([employer, user])
    session.flush()
    return user


def registrations_to_check() -> Select:
    """Employers that registered themselves and that staff have not checked yet, the oldest first."""
    return (select(Employer).where(Employer.checked_at.is_(None)).options(joinedload(Employer.township))
            .order_by(Employer.created_at, Employer.id))


def registration(session: Session, employer_id: int) -> Employer | None:
    return session.scalar(select(Employer).where(Employer.id == employer_id)
                          .options(joinedload(Employer.township), selectinload(Employer.users)))


def mark_checked(session: Session, employer: Employer, *, by_user_id: int, now: datetime) -> None:
    """Staff have checked a new registration (the company exists, the person may act for it)."""
    if employer.checked_at is not None:
        raise RegistrationCheckError("checked")
    employer.checked_at = now
    audit.record(session, action="update", subject_type="employer", subject_id=employer.id,
                 detail={"registration": "checked"}, user_id=by_user_id)
    session.flush()


def update_company(employer: Employer, **fields) -> None:
    """Save the company profile. Choosing a section clears the free text migrated from before the list."""
    kind = fields.get("employer_kind") or None
    check_company(industry=fields["industry"], employer_kind=kind)
    for name in ("name", "headcount", "township_id", "industry", "address", "contact_phone"):
        setattr(employer, name, fields[name] or (None if name in ("address", "contact_phone") else fields[name]))
    if "employer_kind" in fields:
        employer.employer_kind = kind
    employer.industry_note = None


def own_position(session: Session, employer_id: int, ref: str) -> Position | None:
    """A position of this employer; anyone else's is None ('not found'), so that ids reveal nothing."""
    position = session.scalar(POSITION, {"ref": ref})
    if position is None or position.employer_id != employer_id:
        return None
    return position


def readable_position(session: Session, reader: User, ref: str) -> Position | None:
    """Employers read their own positions, staff all, seekers the open ones; anything else is None."""
    position = session.scalar(select(Position).where(Position.ref == ref))
    if position is None:
        return None
    if reader.role == Role.EMPLOYER and position.employer_id != reader.employer_id:
        return None
    if reader.role == Role.SEEKER and position.status != PositionStatus.OPEN:
        return None
    return position


def readable_positions(session: Session, reader: User, *, limit: int, offset: int) -> list[Position]:
    """A page of the positions `reader` may read (as `readable_position`), by id."""
    query = select(Position).order_by(Position.id)
    if reader.role == Role.EMPLOYER:
        query = query.where(Position.employer_id == reader.employer_id)
    elif reader.role == Role.SEEKER:
        query = query.where(Position.status == PositionStatus.OPEN)
    return list(session.scalars(query.limit(limit).offset(offset)))


def positions_by_ref(session: Session, refs) -> dict[str, Position]:
    """These positions with their employer and township, by ref, for a list of matches."""
    return {p.ref: p for p in session.scalars(
        select(Position).where(Position.ref.in_(list(refs)))
        .options(selectinload(Position.employer), selectinload(Position.township)))}


def new_position_ref() -> str:
    """A public id for exchange files; random so that positions posted at the same time never collide."""
    return "P" + secrets.token_hex(4).upper()


def save_position(session: Session, employer: Employer, position: Position | None, *, title: str,
                  description: str, township_id: int, lat: float | None, lon: float | None, remote: bool,
                  openings: int, wage: int | None, hours_per_week: int | None, counts_toward_quota: bool,
                  skills: list[str], offers: list[str], demands: dict[str, tuple[int, bool]], today: date) -> Position:
    """Create (position None) or update a position of this employer, demands and offers included. A pay below the
    local minimum wage is kept but cannot count toward the quota (services.counting), so the position stops
    saying it does; the caller warns."""
    minimum = minimum_monthly_wage(session, employer.jurisdiction, today.year)
    if wage is not None and minimum is not None and wage < minimum:
        counts_toward_quota = False
    if position is None:
        position = Position(ref=new_position_ref(), employer=employer, status=PositionStatus.OPEN)
        session.add(position)
    position.title, position.description = title, description or ""
    position.township_id, position.lat, position.lon = township_id, lat, lon
    position.remote, position.openings, position.wage = remote, openings, wage
    position.hours_per_week, position.counts_toward_quota, position.skills = hours_per_week, counts_toward_quota, skills
    # Update rows in place: replacing them would insert before deleting and trip the unique (position, key).
    existing = {d.key: d for d in position.demands}
    for key, (level, essential) in demands.items():
        row = existing.get(key)
        if not level:
            if row is not None:
                position.demands.remove(row)
        elif row is None:
            position.demands.append(PositionDemand(key=key, level=level, essential=essential))
        else:
            row.level, row.essential = level, essential
    kept = set(offers)
    position.offers = [o for o in position.offers if o.key in kept]
    present = {o.key for o in position.offers}
    position.offers += [PositionOffer(key=key) for key in dict.fromkeys(offers) if key not in present]
    position.updated_at = utcnow()  # demands and offers are other tables: tell the matching engines explicitly
    session.flush()
    return position


def set_position_status(position: Position, status: PositionStatus) -> None:
    position.status = status
    position.updated_at = utcnow()
