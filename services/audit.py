"""The audit log (PIPL): who viewed or changed sensitive data, and from where. One helper, `record`.

The actor and the client's address come from the context the front end sets once for the request or the job
(`acting`): the web app sets the logged-in user and the request's address before each request, the scheduler
sets "the system". No call can forget the address, and a service records its own steps without being handed
the request. A service may still name the user explicitly (staff acting on someone's behalf are the actor).
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from sqlalchemy.orm import Session

from models import log_access


@dataclass(frozen=True)
class Actor:
    #: None for the system (scheduler, loader) and for anonymous visitors
    user_id: int | None
    ip: str | None


SYSTEM = Actor(None, None)
_actor: ContextVar[Actor] = ContextVar("audit_actor", default=SYSTEM)

_UNSET = object()


def set_actor(user_id: int | None, ip: str | None):
    """Make this user at this address the actor of what follows; returns the token for `reset_actor`."""
    return _actor.set(Actor(user_id, ip))


def reset_actor(token) -> None:
    _actor.reset(token)


@contextmanager
def acting(user_id: int | None, ip: str | None = None):
    token = set_actor(user_id, ip)
    try:
        yield
    finally:
        reset_actor(token)


def actor() -> Actor:
    return _actor.get()


def record(session: Session, *, action: str, subject_type: str, subject_id: int | None = None,
           detail: dict | None = None, user_id=_UNSET) -> None:
    """Write an audit entry in the session's transaction, by the context's actor unless `user_id` is given."""
    current = _actor.get()
    log_access(session, user_id=current.user_id if user_id is _UNSET else user_id, action=action,
               subject_type=subject_type, subject_id=subject_id, detail=detail, ip=current.ip)
