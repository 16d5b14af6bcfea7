"""One SQLAlchemy session per request, from the plain models package."""

from flask import Flask, current_app
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

    @app.teardown_appcontext
    def _remove_session(_exc):
        app.extensions["db_session"].remove()


def get_session() -> Session:
    return current_app.extensions["db_session"]()
