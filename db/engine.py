"""Engines, sessions and schema migration.

`open_database(url)` is the one entry point: it builds the engine (SQLite
pragmas, or a PostgreSQL pool), applies Alembic migrations, and hands out
read and write sessions.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_URL = "sqlite:///claimdesk.db"
MIGRATIONS = Path(__file__).parent / "migrations"


class DatabaseError(Exception):
    """A database URL or file that cannot be used, with the reason."""


def database_url(explicit: str | None = None) -> str:
    """--db beats CLAIMS_DATABASE_URL beats the default file in the working folder."""
    return explicit or os.environ.get("CLAIMS_DATABASE_URL") or DEFAULT_URL


def make_engine(url: str) -> Engine:
    """An engine with the pragmas a shared SQLite file needs.

    SQLite: WAL (readers never block the writer), foreign keys, synchronous=NORMAL
    (safe with WAL), a busy timeout, and BEGIN IMMEDIATE for write sessions: a
    deferred transaction that reads then writes fails with "database is locked"
    at once under two writers, whatever the timeout.
    """
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        if not u.database or u.database == ":memory:" or "mode=memory" in str(u):
            # One connection per thread: breaks under Streamlit and loses data.
            raise DatabaseError("an in-memory SQLite database is not supported; use a file")
        parent = Path(u.database).expanduser().resolve().parent
        if not parent.is_dir():
            raise DatabaseError(f"folder for the database does not exist: {parent}")
        engine = create_engine(u, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            # Let SQLAlchemy, not pysqlite, decide when a transaction begins.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
            conn.exec_driver_sql(f"BEGIN {mode}")

        return engine
    return create_engine(u, pool_pre_ping=True)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (idempotent)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


class Database:
    """An engine plus its session factories. Workflows own the transactions."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.url = engine.url.render_as_string(hide_password=True)
        self._read = sessionmaker(engine, expire_on_commit=False)
        self._write = sessionmaker(
            engine.execution_options(sqlite_begin="IMMEDIATE"), expire_on_commit=False
        )

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: commits on success, rolls back on any error."""
        with self._write.begin() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str | None = None, *, migrate_schema: bool = True) -> Database:
    engine = make_engine(database_url(url))
    if migrate_schema:
        migrate(engine)
    return Database(engine)
