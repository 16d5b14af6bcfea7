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


def test_free_text_industries_become_sections_and_the_unknown_ones_wait_in_a_note(empty_connection):
    """0006: known words map to their GB/T 4754 section; other text stays in industry_note, the section empty;
    the downgrade gives each section's Chinese name back (or the note)."""
    upgrade(empty_connection, "0004")
    empty_connection.execute(text("INSERT INTO townships (id, code, name_zh, name_en, kind, lat, lon) "
                                  "VALUES (1, '01', '百官街道', 'Baiguan', 'street', 30.0, 120.8)"))
    words = {1: "伞业", 2: "化工", 3: "物流", 4: "制造业", 5: "电子商务", 6: "非遗竹编", 7: "C"}
    for id_, word in words.items():
        empty_connection.execute(text(
            "INSERT INTO employers (id, credit_code, name, headcount, township_id, industry, jurisdiction, created_at) "
            "VALUES (:id, :code, :name, 50, 1, :industry, 'CN-ZJ', '2026-01-01 00:00:00')"),
            {"id": id_, "code": f"91330604MA{id_:07d}X"[:18], "name": f"单位{id_}", "industry": word})
    upgrade(empty_connection, "0006")
    rows = dict((r[0], (r[1], r[2], r[3])) for r in empty_connection.execute(text(
        "SELECT id, industry, industry_note, employer_kind FROM employers")))
    assert rows == {1: ("C", None, None), 2: ("C", None, None), 3: ("G", None, None), 4: ("C", None, None),
                    5: ("F", None, None), 6: (None, "非遗竹编", None), 7: ("C", None, None)}
    downgrade(empty_connection, "0004")
    rows = dict(empty_connection.execute(text("SELECT id, industry FROM employers")).all())
    assert rows == {1: "制造业", 2: "制造业", 3: "交通运输、仓储和邮政业", 4: "制造业", 5: "批发和零售业",
                    6: "非遗竹编", 7: "制造业"}
