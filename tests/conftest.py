"""Shared fixtures: a fresh database per test (a real SQLite file, or a reset
PostgreSQL schema when CLAIMS_TEST_DATABASE_URL is set), and the sample data."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from db.engine import Database, open_database

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DATA = ROOT / "sample_data"
SHARED = ROOT.parent / "shared"
SEED_ARTICLE = SHARED / "reference" / "seed_article.txt"
PG_URL = os.environ.get("CLAIMS_TEST_DATABASE_URL")


def _reset_postgres(url: str) -> None:
    eng = create_engine(url, isolation_level="AUTOCOMMIT")
    with eng.connect() as conn:
        conn.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    eng.dispose()


@pytest.fixture(scope="session")
def pg_session_url() -> Iterator[str | None]:
    """A database of this test run's own on the PostgreSQL server, so that two
    runs on one server never reset each other's tables."""
    if not PG_URL:
        yield None
        return
    base = make_url(PG_URL)
    name = f"claimdesk_test_{os.getpid()}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    yield base.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


@pytest.fixture
def db_url(tmp_path: Path, pg_session_url: str | None) -> str:
    """URL of a fresh, empty database for this test."""
    if pg_session_url:
        _reset_postgres(pg_session_url)
        return pg_session_url
    return f"sqlite:///{tmp_path / 'claimdesk.db'}"


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """Always a SQLite file (for tests of SQLite-specific behaviour)."""
    return f"sqlite:///{tmp_path / 'sqlite.db'}"


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def loaded_db(db: Database) -> Database:
    """The database after `make run`'s sample-data load."""
    from claims.ingest import ingest_paths

    summary = ingest_paths(db, [SAMPLE_DATA])
    assert summary.count("errors") == 0, [f.message for f in summary.files if f.status == "error"]
    return db


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Tests that touch the database (the `db_url` fixture) are the ones that run
    # a second time against PostgreSQL (`make test-postgres`).
    for item in items:
        if "db_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.database)


@pytest.fixture
def seed_article() -> Path:
    """../shared/reference/seed_article.txt: read at test time, never copied into the repo.
    CI always has ../shared beside the clone, so there a missing file is a failure."""
    if not SEED_ARTICLE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{SEED_ARTICLE} is missing: CI must run with ../shared beside the clone")
        pytest.skip(f"needs {SEED_ARTICLE} (the shared folder beside the clone)")
    return SEED_ARTICLE
