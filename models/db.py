"""Engines and sessions for either database: SQLite (embedded default) or PostgreSQL (production)."""

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import sessionmaker

#: a single-machine install keeps its embedded database and secret key here, beside the code
INSTANCE = Path(__file__).resolve().parents[1] / "instance"


def database_url(instance: Path = INSTANCE) -> str:
    """DATABASE_URL, or the embedded SQLite database of a single-machine install (web app and scheduler alike)."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{instance / 'ablematch.sqlite3'}"


def make_engine(url: str, **kwargs) -> Engine:
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection, _record) -> None:
    # Foreign keys are off by default in SQLite; WAL lets the web app read while the scheduler writes.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()
    # pysqlite opens transactions late and on its own; let SQLAlchemy emit BEGIN so that transactions and
    # savepoints behave as on PostgreSQL (the recipe in SQLAlchemy's SQLite dialect documentation).
    dbapi_connection.isolation_level = None


def _sqlite_begin(connection) -> None:
    # IMMEDIATE takes the write lock at the start, so two writers queue on busy_timeout instead of one failing
    # with "database is locked" when it upgrades a read transaction to a write.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_session_factory(engine: Engine) -> sessionmaker:
    return sessionmaker(engine, expire_on_commit=False)
