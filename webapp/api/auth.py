"""API authentication: a bearer token (Authorization: Bearer am_...) or the browser session.

Token requests carry no cookie, so they need no CSRF token; session requests that change something must send
the page's CSRF token in the X-CSRFToken header, as the forms do.
"""

from flask import request
from flask_wtf.csrf import CSRFError
from sqlalchemy import select

from models import ApiToken, utcnow

from ..db import get_session
from ..extensions import csrf, login_manager


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


@login_manager.request_loader
def _load_user_from_token(req):
    token = bearer_token()
    if token is None:
        return None
    session = get_session()
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == ApiToken.hash(token),
                                                ApiToken.revoked_at.is_(None)))
    if row is None or not row.user.is_active:
        return None
    row.last_used_at = utcnow()
    return row.user


def protect_session_writes() -> None:
    if request.method in ("POST", "PUT", "PATCH", "DELETE") and bearer_token() is None:
        csrf.protect()  # raises CSRFError, answered as a JSON 400 by the API's error handler


__all__ = ["CSRFError", "bearer_token", "protect_session_writes"]
