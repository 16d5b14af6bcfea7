"""Security headers and role checks for every route."""

from functools import wraps

from flask import Flask, abort, request
from flask_login import current_user, login_required

from models import Role

# No inline script or style anywhere: everything comes from /static.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'self'; form-action 'self'; frame-ancestors 'none'")

#: what holds nobody's data and may be cached: the static files and the API's description
PUBLIC_FILES = ("static", "api.openapi")


def init_app(app: Flask) -> None:
    @app.after_request
    def _headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if app.config.get("SESSION_COOKIE_SECURE"):
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        if request.endpoint not in PUBLIC_FILES:
            # Pages, API answers and exports may hold personal data: never keep them in any cache (send_file's
            # "no-cache" on an export would still let the browser store it).
            response.headers["Cache-Control"] = "no-store"
        return response


def role_required(*roles: Role):
    """Only logged-in users of these roles; others get 403 (anonymous users go to the login page)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator
