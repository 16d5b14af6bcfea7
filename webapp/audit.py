"""The actor of each request for the audit log (services.audit): the logged-in user and the client's address,
set once before the view runs, so that every entry the request writes names both."""

from flask import Flask, g, request
from flask_login import current_user

from services import audit


def init_app(app: Flask) -> None:
    @app.before_request
    def _set_actor():
        user_id = current_user.id if current_user.is_authenticated else None
        g.audit_actor = audit.set_actor(user_id, request.remote_addr)

    @app.teardown_request
    def _reset_actor(_exc):
        token = g.pop("audit_actor", None)
        if token is not None:
            audit.reset_actor(token)
