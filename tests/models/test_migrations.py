"""The migrations create the whole model and remove it again, on SQLite and on PostgreSQL."""

import pytest
from sqlalchemy import inspect, text

from models import Base, make_engine
from models.migrate import downgrade, upgrade

pytestmark = pytest.mark.db


@pytest.fixture
def empty_connection(database_url, tmp_path):
    """A connection to an empty place: a fresh SQLite file, or a scratch PostgreSQL schema."""
    if database_url.startswith("postgresql"):
        engine = make_engine(database_url)
        with engine.connect() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS migration_check CASCADE"))
            connection.execute(text("CREATE SCHEMA migration_check"))
            connection.execute(text("SET search_path TO migration_check"))
            connection.commit()
            yield connection
            connection.rollback()
            connection.execute(text("DROP SCHEMA migration_check CASCADE"))
            connection.commit()
        engine.dispose()
    else:
        engine = make_engine(f"sqlite:///{tmp_path / 'migrations.sqlite3'}")
        with engine.connect() as connection:
            yield connection
        engine.dispose()


def table_names(connection) -> set[str]:
    return set(inspect(connection).get_table_names()) - {"alembic_version"}


def test_upgrade_creates_every_table_and_downgrade_removes_them(empty_connection):
    upgrade(empty_connection)
    empty_connection.commit()
    assert table_names(empty_connection) == set(Base.metadata.tables)

    downgrade(empty_connection, "base")
    empty_connection.commit()
    assert table_names(empty_connection) == set()

    upgrade(empty_connection)  # and up again: the downgrade left nothing behind that blocks it
    empty_connection.commit()
    assert table_names(empty_connection) == set(Base.metadata.tables)


def test_migrations_match_the_models(engine):
    """Alembic finds nothing to add: every model change came with its migration."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []
