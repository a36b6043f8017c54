"""Backup and restore workflow: a consistent copy of a running desk, and back.

SQLite: the online backup API copies one consistent snapshot, WAL content
included, while reviewers keep saving (a plain file copy of claimdesk.db misses
whatever is still in claimdesk.db-wal). The copy is a single self-contained
file (journal mode DELETE), checked with PRAGMA integrity_check before it
replaces FILE.

PostgreSQL: pg_dump --format=custom (one snapshot transaction) and pg_restore.
Without the PostgreSQL client tools on PATH, the error says what to run.

A restore never lands on a desk that holds work unless told to (--force), and
upgrades an older backup's schema to this version's.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from sqlalchemy import inspect, text
from sqlalchemy.engine import URL, make_url

from db.engine import DatabaseError, make_engine, migrate

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
# Tables whose rows are a desk's work: a restore over any of them needs --force. Accounts
# alone are not (a new desk has its first admin before anything is restored into it).
WORK_TABLES = ("sources", "claims", "verdict_history", "evidence")


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why in one line."""


@dataclass
class BackupResult:
    path: Path
    kind: str  # sqlite | postgresql
    size: int
    rows: dict[str, int] = field(default_factory=dict)  # per table of the copy (SQLite)


def _url(url: str) -> URL:
    try:
        return make_url(url)
    except Exception as exc:  # noqa: BLE001 - any unparsable URL is the user's input
        raise BackupError(f"not a database URL: {url!r}") from exc


def _kind(u: URL) -> str:
    name = u.get_backend_name()
    if name not in ("sqlite", "postgresql"):
        raise BackupError(f"backups are made of SQLite or PostgreSQL desks, not {name}")
    return name


def _sqlite_path(u: URL) -> Path:
    if not u.database or u.database == ":memory:":
        raise BackupError("an in-memory SQLite database has nothing to back up")
    return Path(u.database).expanduser()


def _libpq(u: URL) -> tuple[str, dict[str, str]]:
    """A libpq URL for pg_dump/pg_restore, and the environment carrying the password
    (never on the command line, where `ps` shows it)."""
    env = dict(os.environ)
    if u.password:
        env["PGPASSWORD"] = str(u.password)
    plain = u.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _check_target(dest: Path, force: bool) -> None:
    if dest.is_dir():
        raise BackupError(f"{dest} is a folder; name the backup file")
    if not dest.parent.is_dir():
        raise BackupError(f"folder for the backup does not exist: {dest.parent}")
    if dest.exists() and not force:
        raise BackupError(f"{dest} exists; pass --force to replace it")


def _sqlite_rows(conn: sqlite3.Connection) -> dict[str, int]:
    names = [n for (n,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'statements_fts%' ORDER BY name")]
    return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def _connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    try:
        if readonly:
            return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
        return sqlite3.connect(path, timeout=30)
    except sqlite3.Error as exc:
        raise BackupError(f"{path}: cannot be opened ({exc})") from exc


def backup(url: str, dest: str | Path, *, force: bool = False) -> BackupResult:
    """A consistent copy of the desk at `url` in the file `dest`, taken while it runs."""
    u = _url(url)
    dest = Path(dest)
    _check_target(dest, force)
    if _kind(u) == "postgresql":
        return _pg_backup(u, dest)
    src_path = _sqlite_path(u)
    if not src_path.is_file():
        raise BackupError(f"no database at {src_path}")
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)
    src = _connect(src_path)
    try:
        dst = _connect(partial)
        try:
            # One step (pages=-1): a single read transaction, so one snapshot; in WAL
            # mode writers go on meanwhile and readers see the WAL's committed pages.
            src.backup(dst, pages=-1)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            if dst.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError("the copy failed its integrity check; nothing was replaced")
            rows = _sqlite_rows(dst)
        finally:
            dst.close()
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"backup of {src_path} failed: {exc}") from exc
    except BackupError:
        partial.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    with open(partial, "rb") as f:
        os.fsync(f.fileno())
    os.replace(partial, dest)  # FILE is either the old one or a whole new copy
    return BackupResult(dest, "sqlite", dest.stat().st_size, rows)


def _tool(name: str, what: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} is not on PATH: install the PostgreSQL client tools "
            f"(apt-get install postgresql-client, the same major version as the server) or run: {what}")
    return found


def _run(cmd: list[str], env: dict[str, str], what: str) -> None:
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if p.returncode != 0:
        lines = [ln for ln in p.stderr.strip().splitlines() if ln.strip()]
        raise BackupError(f"{what} failed: {lines[-1] if lines else f'exit code {p.returncode}'}")


def _pg_backup(u: URL, dest: Path) -> BackupResult:
    conn, env = _libpq(u)
    exe = _tool("pg_dump", f"pg_dump --format=custom --no-owner --file {dest} '{u.set(drivername='postgresql').render_as_string()}'")
    partial = dest.with_name(dest.name + ".partial")
    try:
        _run([exe, "--format=custom", "--no-owner", "--no-privileges", "--file", str(partial), conn], env, "pg_dump")
    except BackupError:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, dest)
    return BackupResult(dest, "postgresql", dest.stat().st_size)


def _known_revision(revision: Optional[str]) -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from db.engine import MIGRATIONS

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    try:
        found = revision is not None and ScriptDirectory.from_config(cfg).get_revision(revision) is not None
    except Exception:  # noqa: BLE001 - alembic raises several kinds for an unknown id
        found = False
    if not found:
        raise BackupError(f"the backup is at schema revision {revision!r}, unknown to this version of "
                          "Claimdesk (made by a newer one?): upgrade Claimdesk first")


def _work_rows(url: str) -> int:
    """Rows of work in the target (0 for a new, empty or merely initialised desk)."""
    try:
        engine = make_engine(url)
    except DatabaseError as exc:
        raise BackupError(str(exc)) from exc
    try:
        with engine.connect() as conn:
            present = set(inspect(conn).get_table_names())
            return sum(conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() or 0
                       for t in WORK_TABLES if t in present)
    finally:
        engine.dispose()


def _refuse_overwrite(url: str, force: bool) -> None:
    n = _work_rows(url)
    if n and not force:
        raise BackupError(f"the target database is not empty ({n} rows of sources, claims, history "
                          "and evidence); pass --force to replace it")


def restore(url: str, src: str | Path, *, force: bool = False) -> dict[str, int]:
    """Replace the desk at `url` with the backup `src`; returns rows per table restored."""
    u = _url(url)
    src = Path(src)
    if not src.is_file():
        raise BackupError(f"no backup file at {src}")
    with open(src, "rb") as f:
        head = f.read(16)
    kind = _kind(u)
    made_by = "sqlite" if head == SQLITE_MAGIC else "postgresql" if head.startswith(PG_DUMP_MAGIC) else None
    if made_by is None:
        raise BackupError(f"{src} is not a Claimdesk backup (neither a SQLite file nor a pg_dump archive)")
    if made_by != kind:
        raise BackupError(f"{src} is a {made_by} backup; restore it into a {made_by} database")
    if kind == "sqlite":
        _sqlite_restore(u, src, force)
    else:
        _refuse_overwrite(url, force)
        conn, env = _libpq(u)
        exe = _tool("pg_restore", f"pg_restore --clean --if-exists --no-owner -d '{conn}' {src}")
        _run([exe, "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
              "--exit-on-error", "-d", conn, str(src)], env, "pg_restore")
    # An older backup comes up to this version's schema.
    engine = make_engine(url)
    try:
        migrate(engine)
        with engine.connect() as c:
            return {t: c.execute(text(f"SELECT count(*) FROM {t}")).scalar() or 0
                    for t in sorted(inspect(c).get_table_names()) if not t.startswith("statements_fts")}
    finally:
        engine.dispose()


def _sqlite_restore(u: URL, src: Path, force: bool) -> None:
    target = _sqlite_path(u)
    if not target.parent.is_dir():
        raise BackupError(f"folder for the database does not exist: {target.parent}")
    source = _connect(src, readonly=True)
    try:
        try:
            if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"{src} fails its integrity check; it cannot be restored")
            row = source.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"{src} is not a Claimdesk backup ({exc})") from exc
        _known_revision(row[0] if row else None)
        if target.exists():
            _refuse_overwrite(str(u), force)
        dst = _connect(target)
        try:
            # Page by page into the live file, under its write lock: other connections
            # see the old desk or the restored one, never a mix.
            source.backup(dst, pages=-1)
        except sqlite3.Error as exc:
            raise BackupError(f"restore into {target} failed: {exc}") from exc
        finally:
            dst.close()
    finally:
        source.close()
