"""One SQLAlchemy session and one transaction per request, from the plain models package.

The transaction is committed once, after the view, when the answer is a success (below 400), and rolled back
otherwise: no view commits, and a refusal or an error leaves nothing half-done. A view whose refusal is itself
a fact to keep (a failed login's audit entry) says so with `keep_changes()`.
"""

from flask import Flask, Response, current_app, g
from sqlalchemy.orm import Session, scoped_session, sessionmaker

from models import make_engine


def init_app(app: Flask) -> None:
    connection = app.config.get("DB_CONNECTION")
    if connection is not None:
        # Tests hand in a connection inside an outer transaction; commits become savepoints that they roll back.
        factory = sessionmaker(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    else:
        engine = make_engine(app.config["DATABASE_URL"], pool_pre_ping=True)
        app.extensions["db_engine"] = engine
        factory = sessionmaker(engine, expire_on_commit=False)
    app.extensions["db_session"] = scoped_session(factory)

    @app.after_request
    def _end_transaction(response: Response) -> Response:
        session = app.extensions["db_session"]
        if response.status_code < 400 or g.get("keep_changes"):
            session.commit()
        else:
            session.rollback()
        return response

    @app.teardown_appcontext
    def _remove_session(_exc):
        app.extensions["db_session"].remove()  # rolls back what an exception left open


def keep_changes() -> None:
    """Commit this request's changes although it answers with an error status."""
    g.keep_changes = True


def get_session() -> Session:
    return current_app.extensions["db_session"]()
