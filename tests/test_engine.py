"""Engine and schema: SQLite pragmas, migrations that are safe to repeat, refusals."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from db.engine import DatabaseError, database_url, open_database


def test_sqlite_pragmas(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLAIMS_BUSY_TIMEOUT", raising=False)
    db = open_database(sqlite_url)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        # 5 s an attempt; Database.transact retries twice more before "the desk is busy"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    db.dispose()


def test_migrations_are_idempotent_and_keep_data(empty_url: str) -> None:
    db = open_database(empty_url)
    with db.write() as s:
        s.execute(text("INSERT INTO settings (key, value) VALUES ('k', 'v')"))
    db.dispose()
    db = open_database(empty_url)  # a second start migrates nothing and loses nothing
    with db.read() as s:
        assert s.execute(text("SELECT value FROM settings WHERE key='k'")).scalar() == "v"
        assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
    names = set(inspect(db.engine).get_table_names())
    assert {"sources", "statements", "speakers", "claims", "ratings", "verdict_history", "evidence"} <= names
    db.dispose()


def head_revision() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from db.engine import MIGRATIONS

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return str(ScriptDirectory.from_config(cfg).get_current_head())


def test_upgrade_from_the_first_schema_keeps_data(empty_url: str) -> None:
    """A desk on an old version upgrades in place: never asked to delete its database."""
    from alembic import command
    from alembic.config import Config

    from db.engine import MIGRATIONS, make_engine

    engine = make_engine(empty_url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO sources (title, text, content_hash) VALUES ('old', 'Old text.', 'h1')"))
    engine.dispose()
    db = open_database(empty_url)
    with db.read() as s:
        assert s.execute(text("SELECT title FROM sources")).scalar() == "old"
        assert s.execute(text("SELECT count(*) FROM claim_matches")).scalar() == 0
    db.dispose()


def test_default_scale(empty_url: str) -> None:
    from claims.review import scale

    db = open_database(empty_url)
    assert [r["label"] for r in scale(db)] == [
        "True", "Mostly true", "Half true", "Mostly false", "False", "Unverifiable", "Needs context"]
    db.dispose()


def test_write_transaction_rolls_back_on_error(empty_url: str) -> None:
    db = open_database(empty_url)
    with pytest.raises(RuntimeError):
        with db.write() as s:
            s.execute(text("INSERT INTO settings (key, value) VALUES ('gone', '1')"))
            raise RuntimeError("boom")
    with db.read() as s:
        assert s.execute(text("SELECT count(*) FROM settings WHERE key='gone'")).scalar() == 0
    db.dispose()


@pytest.mark.parametrize("url,problem", [
    ("sqlite:///:memory:", "in-memory"),
    ("sqlite://", "in-memory"),
    ("sqlite:////no/such/folder/x.db", "does not exist"),
])
def test_refused_urls(url: str, problem: str) -> None:
    with pytest.raises(DatabaseError, match=problem):
        open_database(url)


def test_url_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CLAIMS_DATABASE_URL", raising=False)
    assert database_url() == "sqlite:///claimdesk.db"
    monkeypatch.setenv("CLAIMS_DATABASE_URL", "sqlite:///env.db")
    assert database_url() == "sqlite:///env.db"
    assert database_url("sqlite:///flag.db") == "sqlite:///flag.db"


def test_the_migrations_build_what_the_models_declare(schema_url: str) -> None:
    """Every table, column and index the models declare is what the migrations create: a model
    change without its migration (or the reverse) fails here, not on a desk's upgrade."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    from db.models import Base

    engine = create_engine(schema_url)
    try:
        with engine.connect() as conn:
            diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": False}), Base.metadata)
    finally:
        engine.dispose()
    # the full-text index's own tables and triggers are the migrations' (db/fts.py), not models
    ours = {t.name for t in Base.metadata.sorted_tables}
    relevant = [d for d in diffs if not (isinstance(d, tuple) and (
        (d[0] == "remove_table" and d[1].name not in ours)
        or (d[0] == "remove_index" and "fts" in (d[1].name or ""))))]
    assert relevant == []
