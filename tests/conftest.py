"""Shared fixtures: one migrated database per test run (SQLite file, or PostgreSQL when DATABASE_URL says so),
each test inside a transaction that is rolled back; the Flask app and its test client on that transaction."""

import os
import re

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from fixtures.demo import load_demo
from models import Base, make_engine
from models.migrate import upgrade


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    return os.environ.get("DATABASE_URL") or f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


def reset_schema(connection) -> None:
    """Start PostgreSQL runs from an empty schema, so that a run left half-done cannot leak into this one."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))


@pytest.fixture(scope="session")
def engine(database_url):
    engine = make_engine(database_url)
    with engine.begin() as connection:
        reset_schema(connection)
        upgrade(connection)
    yield engine
    engine.dispose()


@pytest.fixture
def connection(engine):
    with engine.connect() as connection:
        outer = connection.begin()
        yield connection
        outer.rollback()


@pytest.fixture
def db(connection) -> Session:
    """A session whose commits are savepoints inside the test's transaction."""
    with Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False) as session:
        yield session


@pytest.fixture
def app(connection, database_url):
    from webapp import create_app

    return create_app({"TESTING": True, "SECRET_KEY": "test-secret", "DATABASE_URL": database_url,
                       "DB_CONNECTION": connection})


@pytest.fixture
def client(app):
    return app.test_client()


CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


def csrf_token(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "the page has no CSRF token"
    return match.group(1) or match.group(2)


@pytest.fixture
def post_form(client):
    """POST a form the way a browser does: fetch the page first and send its CSRF token."""

    def post(url: str, data: dict, page: str | None = None, **kwargs):
        token = csrf_token(client.get(page or url).get_data(as_text=True))
        return client.post(url, data={"csrf_token": token, **data}, **kwargs)

    return post


def restart_ids(connection) -> None:
    """On PostgreSQL, start every id sequence at 1 again: a rolled-back insert still uses up its ids, so without this
    the demo's ids (and the digest that compares them with a fresh load) would depend on which tests ran before."""
    if connection.dialect.name != "postgresql":
        return
    for table in Base.metadata.sorted_tables:
        for column in table.primary_key.columns:
            if column.autoincrement is True or (column.autoincrement == "auto" and column.type.python_type is int):
                connection.execute(text("SELECT setval(pg_get_serial_sequence(:t, :c), 1, false) "
                                        "WHERE pg_get_serial_sequence(:t, :c) IS NOT NULL"),
                                   {"t": table.name, "c": column.name})


@pytest.fixture(scope="module")
def demo(engine):
    """(session, summary) for the demo district with the default seed."""
    with engine.connect() as connection:
        outer = connection.begin()
        restart_ids(connection)
        with Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False) as session:
            summary = load_demo(session)
            session.commit()
            yield session, summary
        outer.rollback()
