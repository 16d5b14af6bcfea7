"""Applications: who may move one from which state to which, with history, notification, audit and outcome.

An interview (services.interviews), an offer (services.offers) and a hire (the person accepts the offer) each
have their own step with their details; `move` covers applying, inviting, declining and withdrawing.
"""

from datetime import date

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from models import Application, ApplicationEvent, OutcomeKind, Position, PositionStatus, Role, Seeker, User, utcnow
from models import ApplicationState as S

from . import audit, outcomes, visibility
from .errors import DomainError
from .i18n import N_
from .notifications import notify_employer
from .outreach import notify_seeker
from .pages import PER_PAGE, Page, paginate

#: state -> states the seeker may move it to (an offer is accepted or declined on its own page)
SEEKER_MOVES = {
    None: {S.APPLIED},
    S.INVITED: {S.APPLIED, S.WITHDRAWN},
    S.APPLIED: {S.WITHDRAWN},
    S.INTERVIEWING: {S.WITHDRAWN},
    S.WITHDRAWN: {S.APPLIED},
}
#: state -> states the employer may move it to (interviews and offers are proposed with their details)
EMPLOYER_MOVES = {
    None: {S.INVITED},
    S.APPLIED: {S.REJECTED},
    S.INTERVIEWING: {S.REJECTED},
    S.OFFERED: {S.REJECTED},
}
#: the outcome event of each move
OUTCOMES = {S.INVITED: OutcomeKind.INVITED, S.APPLIED: OutcomeKind.APPLIED, S.REJECTED: OutcomeKind.REJECTED,
            S.WITHDRAWN: OutcomeKind.DECLINED}
#: notifications to the seeker that read as a sentence of their own; other moves use "application_state"
SEEKER_NOTICES = {S.INVITED: "application_invited", S.REJECTED: "application_rejected"}

#: the application states of the candidates page, built once (see "Speed of the candidates page" in the README)
APPLICATION_STATES = select(Seeker.ref, Application.state).join(Application.seeker).where(
    Application.position_id == bindparam("position_id"))


class ApplicationError(DomainError):
    messages = {
        "not_open": N_("The position is not open, so nobody can apply or be invited."),
        "not_consented": N_("This job seeker does not share their profile with employers."),
        "not_allowed": N_("This change is not possible from the application's present state."),
    }


def allowed_moves(role: Role, state: S | None) -> set[S]:
    if role == Role.STAFF:  # staff record on someone's behalf
        return SEEKER_MOVES.get(state, set()) | EMPLOYER_MOVES.get(state, set())
    moves = SEEKER_MOVES if role == Role.SEEKER else EMPLOYER_MOVES
    return moves.get(state, set())


def find_application(session: Session, seeker: Seeker, position: Position) -> Application | None:
    return session.scalar(select(Application).where(Application.seeker_id == seeker.id,
                                                    Application.position_id == position.id))


def application_states(session: Session, position_id: int) -> dict[str, S]:
    """The state of each candidate's application for the position, by seeker ref."""
    return dict(session.execute(APPLICATION_STATES, {"position_id": position_id}).all())


def applicants_by_position(session: Session, employer_id: int) -> dict[int, int]:
    """How many applied (invitations not counted) for each of the employer's positions, by position id."""
    return dict(session.execute(
        select(Application.position_id, func.count()).join(Position)
        .where(Position.employer_id == employer_id, Application.state != S.INVITED)
        .group_by(Application.position_id)).all())


def applications_of_employer(session: Session, employer_id: int, state: S | None = None, page: int = 1,
                             per_page: int = PER_PAGE) -> Page[Application]:
    """One page of the applications for the employer's positions (in `state` when given), latest change first,
    seekers and needs loaded, with how many there are in all."""
    query = (select(Application).join(Position).where(Position.employer_id == employer_id)
             .options(joinedload(Application.seeker).selectinload(Seeker.needs), joinedload(Application.position))
             .order_by(Application.updated_at.desc(), Application.id.desc()))
    if state is not None:
        query = query.where(Application.state == state)
    return paginate(session, query, page, per_page)


def readable_applications(session: Session, reader: User) -> list[Application]:
    """The applications `reader` may read, by id: a seeker's own, an employer's positions', staff all."""
    query = select(Application).join(Position).order_by(Application.id)
    if reader.role == Role.SEEKER:
        query = query.where(Application.seeker_id == (reader.seeker.id if reader.seeker else -1))
    elif reader.role == Role.EMPLOYER:
        query = query.where(Position.employer_id == reader.employer_id)
    return list(session.scalars(query))


def readable_application(session: Session, reader: User, application_id: int) -> Application | None:
    """One application if `reader` may read it (as `readable_applications`), else None."""
    application = session.get(Application, application_id)
    if application is None or (reader.role == Role.SEEKER and application.seeker.user_id != reader.id) or (
            reader.role == Role.EMPLOYER and application.position.employer_id != reader.employer_id):
        return None
    return application


def applications_of_seeker(session: Session, seeker_id: int) -> list[Application]:
    """The seeker's applications, latest change first."""
    return list(session.scalars(
        select(Application).where(Application.seeker_id == seeker_id).order_by(Application.updated_at.desc())))


def applications_by_position_ref(session: Session, seeker_id: int) -> dict[str, Application]:
    """The seeker's applications by their position's ref, for a list of matches."""
    return {a.position.ref: a for a in session.scalars(
        select(Application).where(Application.seeker_id == seeker_id).options(selectinload(Application.position)))}


def position_for_seeker(session: Session, seeker: Seeker, ref: str) -> tuple[Position, Application | None] | None:
    """An open position, or one the seeker has an application for, with that application; else None."""
    position = session.scalar(select(Position).where(Position.ref == ref))
    if position is None:
        return None
    application = find_application(session, seeker, position)
    if position.status != PositionStatus.OPEN and application is None:
        return None
    return position, application


def move(session: Session, seeker: Seeker, position: Position, to: S, by: User, *, today: date,
         note: str = "") -> Application:
    """Create or move the seeker's application for the position, if `by` may; the seeker is told."""
    application = find_application(session, seeker, position)
    current = application.state if application else None
    if to not in allowed_moves(by.role, current):
        raise ApplicationError("not_allowed")
    if to in (S.APPLIED, S.INVITED) and position.status != PositionStatus.OPEN:
        raise ApplicationError("not_open")
    if to == S.INVITED and not visibility.employer_may_see(session, position.employer_id, seeker.id):
        raise ApplicationError("not_consented")
    if application is None:
        application = Application(seeker=seeker, position=position, state=to)
        session.add(application)
    application.state = to
    application.updated_at = utcnow()
    application.events.append(ApplicationEvent(state=to, by_user_id=by.id, note=note))
    session.flush()
    outcomes.record(session, seeker.id, position.id, OUTCOMES[to])
    if by.id != seeker.user_id:
        kind = SEEKER_NOTICES.get(to, "application_state")
        params = {"position": position.title, "employer": position.employer.name, "position_ref": position.ref}
        notify_seeker(session, seeker, kind, **params, **({} if to in SEEKER_NOTICES else {"state": to.value}))
    if to == S.APPLIED:  # by the seeker, or by staff on their behalf
        notify_employer(session, position.employer_id, "application_received", {
            "position": position.title, "position_ref": position.ref, "seeker_ref": seeker.ref})
    if by.role != Role.SEEKER:
        audit.record(session, action="update", subject_type="application", subject_id=application.id,
                     detail={"seeker": seeker.ref, "position": position.ref, "state": to.value}, user_id=by.id)
    session.flush()
    return application
