"""API authentication: a bearer token (Authorization: Bearer am_...) or the browser session.

A token opens /api/v1 and nothing else (no page, not the token page), within its scopes: "read" for GET, "write"
for anything that changes. Token requests carry no cookie, so they need no CSRF token; session requests that
change something must send the page's CSRF token in the X-CSRFToken header, as the forms do.
"""

from flask import g, request
from flask_babel import gettext as _

from services.accounts import token_in_force

from ..clock import clock
from ..db import get_session
from ..errors import json_error
from ..extensions import csrf, login_manager

#: methods that only read; any other needs the "write" scope
READING = ("GET", "HEAD", "OPTIONS")


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _sep, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


@login_manager.request_loader
def _load_user_from_token(req):
    secret = bearer_token()
    if secret is None or not req.path.startswith("/api/v1/"):
        return None
    token = token_in_force(get_session(), secret, now=clock().now())
    if token is None:
        return None
    g.api_token = token
    return token.user


def check_access():
    """A refusal for a token outside its scope, or for a session write without its CSRF token; else None."""
    token = g.get("api_token")
    if token is None:
        if request.method not in READING:
            csrf.protect()  # raises CSRFError, answered as a JSON 400 by the API's error handler
        return None
    needed = "read" if request.method in READING else "write"
    if not token.allows(needed):
        return json_error(403, "insufficient_scope",
                          _("This token may only read. Make a token that may read and change, on the API tokens "
                            "page."))
    return None

