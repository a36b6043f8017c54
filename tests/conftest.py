"""Shared fixtures: a database of each test's own (a real SQLite file, or a
PostgreSQL database when CLAIMS_TEST_DATABASE_URL is set), and the sample data."""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Callable, Iterator

import pytest
from hypothesis import settings
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from db.engine import Database, open_database

# CI runs the property tests with a fixed seed, so a red run can be repeated;
# developers' runs keep exploring new examples.
settings.register_profile("ci", derandomize=True, deadline=None)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DATA = ROOT / "sample_data"
SHARED = ROOT.parent / "shared"
SEED_ARTICLE = SHARED / "reference" / "seed_article.txt"
PG_URL = os.environ.get("CLAIMS_TEST_DATABASE_URL")

# The accounts every schema/sample database has (the names the tests act as). ana signs in
# with PASSWORD in the UI tests; rita and vic are the roles below editor.
PASSWORD = "correct horse battery"
TEST_ACCOUNTS: dict[str, str] = {
    "adam": "admin", "ana": "editor", "ben": "editor", "bea": "editor", "editor": "editor",
    "rita": "reviewer", "vic": "viewer", **{f"r{i}": "editor" for i in range(8)},
}


def add_test_accounts(database: Database) -> None:
    """TEST_ACCOUNTS into a migrated database. adam, the admin, is added as the CLI adds one;
    the others share his password hash (an argon2 hash takes ~0.3 s here, 15 of them 5 s)."""
    from claims import accounts
    from db import queries

    accounts.add_user(database, "adam", "admin", PASSWORD, by=None)
    with database.write() as s:
        pw_hash = queries.accounts.by_name(s, "adam").password_hash
        for name, role in TEST_ACCOUNTS.items():
            if name != "adam":
                queries.accounts.add(s, name, role, pw_hash)


class _Templates:
    """Databases built once per test run and copied for each test: migrating and
    loading the sample data (which also matches every claim) takes seconds, a
    copy milliseconds. SQLite copies the file; PostgreSQL uses CREATE DATABASE
    ... TEMPLATE. Every test still gets a database of its own."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.pg = make_url(PG_URL) if PG_URL else None
        # A name of this run's own, so two runs on one server never collide.
        self.prefix = f"claimdesk_t{os.getpid()}"
        self.counter = 0
        self.built: dict[str, str] = {}
        self.made: list[str] = []
        self.admin = create_engine(self.pg, isolation_level="AUTOCOMMIT") if self.pg else None

    def _sql(self, stmt: str) -> None:
        assert self.admin is not None
        with self.admin.connect() as conn:
            conn.exec_driver_sql(stmt)

    def _new(self, template: str | None) -> str:
        """URL of a new database: empty, or a copy of a template (by name)."""
        self.counter += 1
        if self.pg:
            name = f"{self.prefix}_{self.counter}"
            self._sql(f'DROP DATABASE IF EXISTS "{name}"')
            self._sql(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
            self.made.append(name)
            return self.pg.set(database=name).render_as_string(hide_password=False)
        path = self.workdir / f"db{self.counter}.db"
        if template:
            shutil.copyfile(template, path)
        return f"sqlite:///{path}"

    def _name(self, url: str) -> str:
        u = make_url(url)
        return str(u.database)

    def template(self, kind: str) -> str:
        """'migrated' (empty schema) or 'loaded' (schema and sample data)."""
        if kind not in self.built:
            url = self._new(None)
            database = open_database(url)
            add_test_accounts(database)
            if kind == "loaded":
                from claims.ingest import ingest_paths

                summary = ingest_paths(database, [SAMPLE_DATA])
                assert summary.count("errors") == 0, [f.message for f in summary.files if f.status == "error"]
                # Every test starts from a fully matched desk: a match job that a heavily loaded
                # machine timed out on (and the desk would show as "matching...") is done here.
                from claims import match_cache

                left = match_cache.unmatched_claims(database)
                if left:
                    match_cache.refresh(database, left)
                assert not match_cache.unmatched_claims(database)
            database.dispose()  # closes every connection: SQLite folds its WAL back into the file
            self.built[kind] = self._name(url)
        return self.built[kind]

    def fresh(self, kind: str | None) -> str:
        return self._new(self.template(kind) if kind else None)

    def close(self) -> None:
        if self.admin is not None:
            for name in self.made:
                self._sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            self.admin.dispose()


@pytest.fixture(scope="session")
def _templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Templates]:
    t = _Templates(tmp_path_factory.mktemp("databases"))
    yield t
    t.close()


# The data a test gets is named by the fixture it asks for, nothing else:
#   empty_url   a database with nothing in it (not even the schema)
#   schema_url  migrated, no rows but the default rating scale and TEST_ACCOUNTS -> `db` opens it
#   sample_url  what `make run` loads: sample_data/, matched       -> `loaded_db` opens it
# Each is a database of the test's own; `make_db` makes more when a test needs two.
DATA_KINDS = {"empty": None, "schema": "migrated", "sample": "loaded"}
URL_FIXTURES = ("empty_url", "schema_url", "sample_url", "make_db")


@pytest.fixture
def make_db(_templates: _Templates) -> Iterator[Callable[[str], Database]]:
    """make_db("sample" | "schema" | "empty") -> a new database of this test's own."""
    opened: list[Database] = []

    def make(data: str = "schema") -> Database:
        if data not in DATA_KINDS:
            raise ValueError(f"make_db: data is one of {', '.join(DATA_KINDS)}, not {data!r}")
        database = open_database(_templates.fresh(DATA_KINDS[data]), migrate_schema=data != "empty")
        opened.append(database)
        return database

    yield make
    for database in opened:
        database.dispose()


@pytest.fixture
def empty_url(_templates: _Templates) -> str:
    return _templates.fresh(None)


@pytest.fixture
def schema_url(_templates: _Templates) -> str:
    return _templates.fresh("migrated")


@pytest.fixture
def sample_url(_templates: _Templates) -> str:
    return _templates.fresh("loaded")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """Always a SQLite file (for tests of SQLite-specific behaviour)."""
    return f"sqlite:///{tmp_path / 'sqlite.db'}"


@pytest.fixture
def db(schema_url: str) -> Iterator[Database]:
    database = open_database(schema_url)
    yield database
    database.dispose()


@pytest.fixture
def loaded_db(sample_url: str) -> Iterator[Database]:
    """The database after `make run`'s sample-data load (a copy of it: see _Templates)."""
    database = open_database(sample_url)
    yield database
    database.dispose()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Tests that touch the database are the ones that run a second time against
    # PostgreSQL (`make test-postgres`).
    for item in items:
        if set(URL_FIXTURES) & set(getattr(item, "fixturenames", ())):
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
