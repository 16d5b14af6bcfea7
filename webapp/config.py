"""Configuration from the environment, with safe defaults for a single-machine install."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

from flask import Flask

from models.db import database_url
from services import placement_settings
from services.clock import DEFAULT_TIMEZONE, SETTINGS


def load_config(app: Flask, test_config: dict | None) -> None:
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(
        DATABASE_URL=database_url(instance),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        # Behind TLS in production; set ABLEMATCH_SECURE_COOKIES=0 only for plain-http local use.
        SESSION_COOKIE_SECURE=os.environ.get("ABLEMATCH_SECURE_COOKIES", "0") == "1",
        REMEMBER_COOKIE_HTTPONLY=True,
        WTF_CSRF_TIME_LIMIT=None,  # tied to the session instead: a slow form-filler must not lose their work
        # the largest request body (an insurance file); larger ones are refused with 413
        MAX_CONTENT_LENGTH=16 * 1024 * 1024,
        # How many reverse proxies (nginx) stand before the app, trusted for the client's address, which the login
        # throttle and the audit log need (webapp/proxies.py). 0: the app faces the clients itself.
        ABLEMATCH_PROXIES=_number("ABLEMATCH_PROXIES", 0),
        # Times are stored in UTC and shown in the district's zone.
        BABEL_DEFAULT_TIMEZONE=os.environ.get("ABLEMATCH_TIMEZONE") or DEFAULT_TIMEZONE,
        # Rendered fragments, kept in each worker's memory: their keys name that worker's matching engine state.
        CACHE_TYPE="SimpleCache",
        # Login sessions (server-side, services.login_sessions): ended after this long unused, and this long
        # after the login whatever happens.
        SESSION_IDLE=timedelta(minutes=_number("ABLEMATCH_SESSION_IDLE_MINUTES", 30)),
        SESSION_LIFETIME=timedelta(hours=_number("ABLEMATCH_SESSION_LIFETIME_HOURS", 12)),
        # Password guessing (services.login_throttle): failures within the window before logins wait.
        LOGIN_FAILURES_PER_ACCOUNT=_number("ABLEMATCH_LOGIN_FAILURES_PER_ACCOUNT", 5),
        LOGIN_FAILURES_PER_CLIENT=_number("ABLEMATCH_LOGIN_FAILURES_PER_CLIENT", 20),
        LOGIN_FAILURE_WINDOW=timedelta(minutes=_number("ABLEMATCH_LOGIN_FAILURE_WINDOW_MINUTES", 15)),
    )
    # The district's clock (services.clock): its zone, and a fixed now or today for demonstrations; how long an
    # offer waits for an answer and when follow-up check-ins fall (services.placement_settings).
    app.config.from_mapping({name: os.environ[name] for name in SETTINGS + placement_settings.SETTINGS
                             if os.environ.get(name)})
    if test_config is not None:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY") or _instance_secret(instance / "secret_key")


def _number(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def _instance_secret(path: Path) -> str:
    """A random key generated once into the instance folder, so sessions survive restarts and no key is in the repo."""
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
