"""Logging in and out of the web pages, on server-side sessions (services.login_sessions): the signed cookie holds
the session's random key, and the user loader opens a page only while that session is going."""

from flask import Flask, current_app, g, request, session
from flask_login import login_user, logout_user

from models import LoginSession, User
from services.login_sessions import Lifetime, end_session, live_session, start_session
from services.login_throttle import Limits

from .clock import clock
from .db import get_session
from .extensions import login_manager

#: where the cookie keeps the login session's key
KEY = "login_session"


def lifetime() -> Lifetime:
    config = current_app.config
    return Lifetime(idle=config["SESSION_IDLE"], absolute=config["SESSION_LIFETIME"])


def login_limits() -> Limits:
    config = current_app.config
    return Limits(per_account=config["LOGIN_FAILURES_PER_ACCOUNT"], per_client=config["LOGIN_FAILURES_PER_CLIENT"],
                  window=config["LOGIN_FAILURE_WINDOW"])


def _load_user(user_id: str) -> User | None:
    key = session.get(KEY)
    if not isinstance(key, str):
        return None  # a cookie from before server-side sessions, or none
    row = live_session(get_session(), key, now=clock().now(), lifetime=lifetime())
    if row is None or str(row.user_id) != user_id or not row.user.is_active:
        return None
    g.login_session = row
    return row.user


def current_login_session() -> LoginSession | None:
    """The session of this request's page login (None for an API token or an anonymous visitor)."""
    return g.get("login_session")


def _fresh_cookie() -> None:
    """A new cookie on login and logout (nothing carried across but the chosen language)."""
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang


def log_in(user: User) -> None:
    _fresh_cookie()
    session[KEY] = start_session(get_session(), user, now=clock().now(), ip=request.remote_addr,
                                 user_agent=request.user_agent.string)
    login_user(user)


def log_out() -> None:
    row = current_login_session()
    if row is not None:
        end_session(row, "logout", clock().now())
    logout_user()
    _fresh_cookie()


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.user_loader(_load_user)
