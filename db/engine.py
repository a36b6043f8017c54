"""Engines, sessions and schema migration.

`open_database(url)` is the one entry point: it builds the engine (SQLite
pragmas, or a PostgreSQL pool), applies Alembic migrations, and hands out
read and write sessions.
"""
from __future__ import annotations

import os
import re
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, Optional, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_URL = "sqlite:///claimdesk.db"
MIGRATIONS = Path(__file__).parent / "migrations"


SUPPORTED = ("sqlite", "postgresql")
T = TypeVar("T")
# How long one attempt waits for another writer's lock; writes are short (one save, one
# article), so a lock held longer means a stuck writer. CLAIMS_BUSY_TIMEOUT (seconds)
# changes it. Database.transact tries WRITE_ATTEMPTS times, backing off in between,
# before saying "the desk is busy, try again".
DEFAULT_BUSY_TIMEOUT = 5.0
WRITE_ATTEMPTS = 3
BACKOFF_SECONDS = 0.2
# pg_advisory_xact_lock key held while migrating: concurrent `claims init` take turns.
MIGRATION_LOCK = 0x436C61696D64  # "Claimd"


class DatabaseError(Exception):
    """A database URL or file that cannot be used, with the reason."""


class DeskBusy(DatabaseError):
    """Another writer held the database for longer than the busy timeout."""


# What a database failure means for the person who ran the command: (a pattern of the
# driver's message, lower-cased; the one line to show). First match wins. Never the SQL
# or its parameters: those can hold a reviewer's text.
_EXPLANATIONS: tuple[tuple[str, str], ...] = (
    (r"database( table)? is locked|lock timeout|could not obtain lock|deadlock detected"
     r"|canceling statement due to lock",
     "the desk is busy: another writer holds the database; try again in a moment"),
    (r"file is not a database", "{where} is not a SQLite database"),
    (r"unable to open database file|readonly database|read-only file system",
     "cannot open or create the database file {where}: the folder is not writable or the path is not a file"),
    (r"disk i/o error|database or disk is full", "the database at {where} cannot be written: disk error or disk full"),
    (r"database disk image is malformed", "the database at {where} is damaged: restore it from a backup"),
    (r"connection refused|could not connect|connection failed|could not translate host name"
     r"|name or service not known|timeout expired|server closed the connection",
     "cannot connect to the database server at {where}: is it running, and is the address right?"),
    (r"password authentication failed|no password supplied|role \"[^\"]*\" does not exist",
     "the database server refused the login for {where}"),
    (r"database \"[^\"]*\" does not exist",
     "{where}: the database does not exist on the server (create it first: createdb NAME)"),
    (r"can't locate revision identified by",
     "the database is at schema revision {revision}, unknown to this version: it was made by a newer "
     "Claimdesk; upgrade Claimdesk (or restore a backup made by this version)"),
)


def busy_timeout() -> float:
    try:
        value = float(os.environ.get("CLAIMS_BUSY_TIMEOUT", DEFAULT_BUSY_TIMEOUT))
    except ValueError:
        return DEFAULT_BUSY_TIMEOUT
    return value if 0 < value <= 3600 else DEFAULT_BUSY_TIMEOUT


def _where(url: URL | str | None) -> str:
    if url is None:
        return "the database"
    try:
        u = make_url(url) if isinstance(url, str) else url
    except Exception:  # noqa: BLE001 - only for a message
        return "the database"
    if u.get_backend_name() == "sqlite":
        return str(u.database)
    return f"{u.host or 'localhost'}:{u.port or 5432}/{u.database or ''}"


def explain(exc: BaseException, url: URL | str | None = None) -> Optional[str]:
    """One line saying what a database failure means, or None when it is not one we know.

    Looks at the driver's own message (never SQLAlchemy's, which appends the SQL)."""
    seen: list[str] = []
    e: Optional[BaseException] = exc
    while e is not None and len(seen) < 5:
        orig = getattr(e, "orig", None)
        seen.append(str(orig if orig is not None else e).split("\n[SQL:")[0].lower())
        e = e.__cause__ or e.__context__
    text = " | ".join(seen)
    for pattern, message in _EXPLANATIONS:
        if re.search(pattern, text):
            m = re.search(r"can't locate revision identified by '([^']*)'", text)
            return message.format(where=_where(url), revision=repr(m.group(1)) if m else "?")
    return None


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
        timeout = busy_timeout()
        engine = create_engine(u, connect_args={"timeout": timeout})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            # Let SQLAlchemy, not pysqlite, decide when a transaction begins.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
            conn.exec_driver_sql(f"BEGIN {mode}")

        return engine
    # lock_timeout: a writer waiting on another's row lock gives up like SQLite's busy timeout.
    options = f"-c lock_timeout={int(busy_timeout() * 1000)}"
    return create_engine(u, pool_pre_ping=True, connect_args={"options": options, "connect_timeout": 10})


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (idempotent)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    # One migrator at a time: concurrent `claims init` on a new database take turns, and
    # the later ones find the schema at head. SQLite: the transaction begins IMMEDIATE
    # (the write lock); PostgreSQL: an advisory lock released at commit.
    with engine.execution_options(sqlite_begin="IMMEDIATE").begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
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
        """One write transaction: commits on success, rolls back on any error.
        A lock held by another writer past the busy timeout is DeskBusy."""
        try:
            with self._write.begin() as session:
                yield session
        except sa_exc.OperationalError as exc:
            raise self._busy(exc) from exc

    @contextmanager
    def read(self) -> Iterator[Session]:
        try:
            with self._read() as session:
                yield session
        except sa_exc.OperationalError as exc:
            raise self._busy(exc) from exc

    def transact(self, work: Callable[[Session], T], *, attempts: int = WRITE_ATTEMPTS) -> T:
        """Run `work` in one write transaction; when the desk is busy (a lock wait timed
        out, a deadlock was broken) run it again from scratch after a growing pause, and
        after the last attempt raise DeskBusy: never a raw database error."""
        for attempt in range(attempts):
            try:
                with self.write() as session:
                    return work(session)
            except DeskBusy:
                if attempt == attempts - 1:
                    raise DeskBusy("the desk is busy: another writer held the database through "
                                   f"{attempts} tries; try again in a moment") from None
                time.sleep(BACKOFF_SECONDS * 2**attempt)
        raise AssertionError("unreachable")

    def _busy(self, exc: sa_exc.OperationalError) -> Exception:
        message = explain(exc, self.engine.url)
        if message and message.startswith("the desk is busy"):
            return DeskBusy(message)
        return exc

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str | None = None, *, migrate_schema: bool = True) -> Database:
    """The desk at `url`, migrated; any URL or database that cannot be used is a
    DatabaseError whose message is one line without SQL."""
    raw = database_url(url)
    try:
        u = make_url(raw)
    except sa_exc.ArgumentError as exc:
        raise DatabaseError(f"not a database URL: {raw!r} (use sqlite:///FILE or postgresql+psycopg://USER@HOST/DB)") from exc
    if u.get_backend_name() not in SUPPORTED:
        raise DatabaseError(f"{u.get_backend_name()} databases are not supported: "
                            "use sqlite:///FILE or postgresql+psycopg://USER@HOST/DB")
    try:
        engine = make_engine(raw)
    except sa_exc.NoSuchModuleError as exc:
        raise DatabaseError(f"the database driver {u.drivername!r} is not supported: "
                            "use sqlite:///FILE or postgresql+psycopg://USER@HOST/DB") from exc
    try:
        if migrate_schema:
            migrate(engine)
    except Exception as exc:  # noqa: BLE001 - translated below, or re-raised as it was
        engine.dispose()
        message = explain(exc, u)
        if message is None:
            raise
        raise (DeskBusy if message.startswith("the desk is busy") else DatabaseError)(message) from exc
    return Database(engine)
