"""Background matching through a job queue (huey): ingest enqueues, workers match.

The queue lives beside the desk: on SQLite a huey SqliteHuey file next to the
database file (`claimdesk.db.queue`), so the embedded default needs no server; on
PostgreSQL huey's SqlHuey (peewee) tables in the same database (huey_task, ...),
dequeued with FOR UPDATE SKIP LOCKED, so any number of `claims worker` processes on
any number of machines share it. A job is "match these claim ids" (one ingested
source's claims, or a slice of a rematch); it is idempotent, so a job run twice, or
two jobs over the same claims, leave the same rows (see db.queries.matches).

A job lost to a crash (huey removes a job from the queue when a worker takes it) leaves
its claims with matched_at NULL: they show as "matching..." and `claims rematch
--missing` queues them again.
"""
from __future__ import annotations

import logging
import math
import multiprocessing
import os
from dataclasses import dataclass
from typing import Any, Callable, Optional, Sequence

from huey import Huey, SqliteHuey, signals
from sqlalchemy.engine import make_url

from claims import match_cache
from db.engine import Database, open_database

QUEUE_NAME = "claimdesk-match"
QUEUE_SUFFIX = ".queue"  # the SQLite queue file: <desk file>.queue
JOB_SIZE = 20  # claims per job when a rematch queues many claims at once
# Jobs per drain process below which another process is not worth its start-up (~1 s).
JOBS_PER_PROCESS = 8
RETRIES = 2  # a job that fails (e.g. the database was busy past its timeout) runs again

log = logging.getLogger(__name__)


class QueueError(Exception):
    """The job queue cannot be opened or written, with the reason."""


def _url(db: Database | str) -> str:
    return db if isinstance(db, str) else db.engine.url.render_as_string(hide_password=False)


def queue_location(db: Database | str) -> str:
    """Where the queue of this desk lives, for messages."""
    u = make_url(_url(db))
    return f"{u.database}{QUEUE_SUFFIX}" if u.get_backend_name() == "sqlite" else "huey_* tables of the desk's database"


def _pg_storage_class() -> Any:
    from huey.contrib.sql_huey import SqlStorage

    class Storage(SqlStorage):  # type: ignore[misc]
        """huey's SQL storage with its tables named huey_* (not `task`, `kv`) in the desk's database."""

        def create_models(self) -> Any:
            models = super().create_models()
            for m in models:
                m._meta.set_table_name("huey_" + m._meta.table_name)
            task = models[2]
            task._meta.indexes = []  # huey's index on task was bound to the old table name
            task.add_index(task.priority.desc(), task.id)
            return models

    return Storage


def _make_huey(url: str) -> Huey:
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        return SqliteHuey(QUEUE_NAME, filename=f"{u.database}{QUEUE_SUFFIX}", results=False, timeout=30)
    from peewee import PostgresqlDatabase

    pdb = PostgresqlDatabase(u.database, host=u.host, port=u.port, user=u.username, password=u.password,
                             prefer_psycopg3=True)
    return Huey(QUEUE_NAME, storage_class=_pg_storage_class(), database=pdb, results=False)


_HUEYS: dict[tuple[int, str], tuple[Huey, Any]] = {}
_DATABASES: dict[tuple[int, str], Database] = {}


def _database(url: str) -> Database:
    """One Database per process and URL (a forked worker opens its own)."""
    key = (os.getpid(), url)
    if key not in _DATABASES:
        _DATABASES[key] = open_database(url, migrate_schema=False)
    return _DATABASES[key]


def _queue(url: str) -> tuple[Huey, Any]:
    """(huey, the match task) of a desk, made once per process."""
    key = (os.getpid(), url)
    if key not in _HUEYS:
        try:
            huey = _make_huey(url)
        except Exception as exc:  # noqa: BLE001 - any storage error is "cannot open the queue"
            raise QueueError(f"cannot open the match queue at {queue_location(url)}: {exc}") from exc

        # retry_delay=0: a failed job goes straight back on the queue (a drain would miss a
        # delayed retry, which waits on huey's schedule).
        @huey.task(retries=RETRIES, name="match_claims")
        def match_claims(claim_ids: list[int]) -> int:
            return match_cache.refresh(_database(url), claim_ids)

        _HUEYS[key] = (huey, match_claims)
    return _HUEYS[key]


def enqueue(db: Database | str, claim_ids: Sequence[int], *, job_size: int = JOB_SIZE) -> int:
    """Queue these claims for matching, in jobs of `job_size`; returns the number of jobs."""
    ids = [int(i) for i in claim_ids]
    if not ids:
        return 0
    huey, task = _queue(_url(db))
    n = 0
    try:
        for i in range(0, len(ids), job_size):
            task(ids[i:i + job_size])
            n += 1
    except Exception as exc:  # noqa: BLE001
        raise QueueError(f"cannot write the match queue at {queue_location(_url(db))}: {exc}") from exc
    finally:
        huey.storage.close()  # no idle queue connection outlives the call (PostgreSQL: a session)
    return n


def pending(db: Database | str) -> int:
    """Jobs waiting in the queue."""
    huey, _task = _queue(_url(db))
    try:
        return int(huey.pending_count())
    finally:
        huey.storage.close()


@dataclass
class DrainResult:
    jobs: int = 0
    failed: int = 0  # jobs that failed on their last try (their claims stay unmatched)
    processes: int = 1


def _drain_here(url: str) -> tuple[int, int]:
    """Run jobs in this process until the queue is empty: (jobs run, jobs failed for good)."""
    huey, _task = _queue(url)
    failed: list[str] = []
    # A failed job is counted and reported in one line by the caller; huey's own
    # traceback log stays out of the terminal unless logging was configured.
    logging.getLogger("huey").addHandler(logging.NullHandler())

    @huey.signal(signals.SIGNAL_ERROR)
    def _on_error(signal: str, task: Any, exc: Optional[BaseException] = None) -> None:
        if not task.retries:  # the last try
            failed.append(task.id)

    jobs = 0
    try:
        while (task := huey.dequeue()) is not None:
            huey.execute(task)
            jobs += 1
    finally:
        huey.disconnect_signal(_on_error)
        # Close this process's connections: a pool process is terminated, not shut down,
        # and SQLite folds the WAL back into the file only when the last connection closes.
        opened = _DATABASES.pop((os.getpid(), url), None)
        if opened is not None:
            opened.dispose()
        huey.storage.close()
    return jobs, len(failed)


def drain(db: Database | str, *, workers: Optional[int] = None,
          on_progress: Optional[Callable[[int], None]] = None) -> DrainResult:
    """Empty the queue with `workers` processes (default: every core), then return.

    What `claims ingest --wait` and `claims rematch` use, so one command still leaves a
    fully matched desk. A few jobs run in this process (starting one costs ~1 s);
    more are shared by worker processes that each take jobs until none is left.
    """
    url = _url(db)
    n = max(1, workers or os.cpu_count() or 1)
    n = max(1, min(n, math.ceil(pending(url) / JOBS_PER_PROCESS)))
    if n == 1:
        jobs, failed = _drain_here(url)
        return DrainResult(jobs, failed, 1)
    if isinstance(db, Database):
        db.dispose()  # no pooled connection crosses into a child process
    # spawn, not fork: the caller may be a threaded server (streamlit).
    with multiprocessing.get_context("spawn").Pool(n) as pool:
        results = pool.map(_drain_here, [url] * n)
    return DrainResult(sum(r[0] for r in results), sum(r[1] for r in results), n)


def run_worker(db: Database | str, *, workers: Optional[int] = None) -> None:
    """Serve the queue until stopped (Ctrl-C / SIGTERM): huey's consumer with `workers`
    processes (default: every core). On PostgreSQL start as many as you like, anywhere."""
    url = _url(db)
    huey, _task = _queue(url)
    if isinstance(db, Database):
        db.dispose()
    consumer = huey.create_consumer(workers=max(1, workers or os.cpu_count() or 1), worker_type="process",
                                    periodic=False, check_worker_health=True)
    consumer.run()
