"""Backup and restore: a consistent online copy (WAL content included), a round
trip that keeps every table, refusals with one-line reasons."""
from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect, text

from claims import backup, queue, review
from db.engine import Database, open_database
from db.queries.claims import ClaimFilter
from tests.conftest import _Templates, add_test_accounts


def snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (the full-text index's own tables aside), sorted."""
    engine = create_engine(url)
    try:
        with engine.connect() as c:
            names = [t for t in inspect(c).get_table_names() if not t.startswith("statements_fts")]
            return {t: sorted((tuple(map(str, r)) for r in c.execute(text(f"SELECT * FROM {t}"))))
                    for t in names}
    finally:
        engine.dispose()


def some_saves(db: Database, n: int) -> list[int]:
    ids = [r["claim_id"] for r in queue.list_claims(db, ClaimFilter(status="unreviewed"), per_page=n).rows]
    for i, cid in enumerate(ids):
        review.set_verdict(db, cid, verdict="False", rationale=f"checked {i}", reviewer="ana")
    return ids


def test_round_trip_with_a_writer_open_keeps_every_table(
        sample_url: str, loaded_db: Database, _templates: _Templates, tmp_path: Path) -> None:
    some_saves(loaded_db, 5)  # committed; loaded_db's pool keeps its connection (and on SQLite, the WAL) open
    if loaded_db.engine.dialect.name == "sqlite":
        wal = Path(loaded_db.engine.url.database + "-wal")
        assert wal.stat().st_size > 0  # the saves are in the WAL, not yet in the main file
    before = snapshot(sample_url)
    result = backup.backup(sample_url, tmp_path / "desk.backup")
    assert result.path.stat().st_size == result.size > 0
    target = _templates.fresh(None)  # a new, empty database of the same kind
    rows = backup.restore(target, tmp_path / "desk.backup")
    after = snapshot(target)
    assert after == before
    assert len(after["verdict_history"]) == 5 + 3  # five saves and the sample data's three imports
    assert rows["verdict_history"] == 8
    # The restored desk works: one more save lands on top of the restored history.
    restored = open_database(target)
    cid = queue.list_claims(restored, ClaimFilter(status="unreviewed"), per_page=1).rows[0]["claim_id"]
    review.set_verdict(restored, cid, verdict="True", rationale="fine", reviewer="ben")
    assert len(snapshot(target)["verdict_history"]) == 9
    restored.dispose()


def test_a_plain_file_copy_misses_the_wal_and_the_backup_does_not(sqlite_url: str, tmp_path: Path) -> None:
    """Why the command exists: copying claimdesk.db while the desk runs loses work."""
    db = open_database(sqlite_url)
    add_test_accounts(db)
    db.dispose()  # closed: the seven default ratings (and the accounts) are in the main file
    db = open_database(sqlite_url)
    for label in ("Misleading", "Satire", "Outdated", "Cherry-picked", "Exaggerated"):
        review.add_rating(db, label, reviewer="editor")  # committed, in the WAL while db stays open
    path = Path(str(db.engine.url.database))
    shutil.copyfile(path, tmp_path / "naive.db")
    backup.backup(sqlite_url, tmp_path / "real.db")
    counts = []
    for name in ("naive.db", "real.db"):
        with sqlite3.connect(tmp_path / name) as c:
            counts.append(c.execute("SELECT count(*) FROM ratings").fetchone()[0])
    db.dispose()
    assert counts == [7, 12]


def test_backup_during_saves_is_one_consistent_snapshot(
        sample_url: str, loaded_db: Database, _templates: _Templates, tmp_path: Path) -> None:
    ids = [r["claim_id"] for r in queue.list_claims(loaded_db, ClaimFilter(status="unreviewed"), per_page=4).rows]
    stop = threading.Event()
    saved: list[int] = []

    def writer() -> None:
        d = open_database(sample_url, migrate_schema=False)
        i = 0
        while not stop.is_set() and i < 400:
            cid = ids[i % len(ids)]
            review.set_verdict(d, cid, verdict="Unverifiable", rationale=f"pass {i}", reviewer="r0")
            saved.append(cid)
            i += 1
        d.dispose()

    t = threading.Thread(target=writer)
    t.start()
    while len(saved) < 20:
        stop.wait(0.01)
    try:
        backup.backup(sample_url, tmp_path / "during.backup")
    finally:
        stop.set()
        t.join()
    target = _templates.fresh(None)
    backup.restore(target, tmp_path / "during.backup")
    copy = open_database(target)
    # Every save is one version bump and one history row, committed together: a
    # torn copy would show a version without its row or the other way round.
    for cid in ids:
        assert review.claim_state(copy, cid).version == len(review.history(copy, cid)) + 1
    copied_saves = sum(len(review.history(copy, cid)) for cid in ids)
    assert 20 <= copied_saves <= len(saved)
    copy.dispose()


def test_restore_refuses_a_desk_with_work_unless_forced(
        sample_url: str, loaded_db: Database, _templates: _Templates, tmp_path: Path) -> None:
    empty = _templates.fresh("migrated")
    backup.backup(empty, tmp_path / "empty.backup")
    with pytest.raises(backup.BackupError, match="not empty .* pass --force"):
        backup.restore(sample_url, tmp_path / "empty.backup")
    assert len(snapshot(sample_url)["sources"]) == 11  # untouched
    loaded_db.dispose()
    backup.restore(sample_url, tmp_path / "empty.backup", force=True)
    assert snapshot(sample_url)["sources"] == []
    # An initialised but empty desk (`claims init`, the default scale) needs no --force.
    # (The "migrated" template holds the test accounts: accounts are work, so a new file here.)
    initialised = _templates.fresh(None)
    open_database(initialised).dispose()
    backup.restore(initialised, tmp_path / "empty.backup")


@pytest.mark.parametrize("content,problem", [
    (b"hello, not a backup", "is not a Claimdesk backup"),
    (b"", "is not a Claimdesk backup"),
])
def test_restore_refuses_what_is_not_a_backup(sqlite_url: str, tmp_path: Path, content: bytes, problem: str) -> None:
    bad = tmp_path / "bad.backup"
    bad.write_bytes(content)
    with pytest.raises(backup.BackupError, match=problem):
        backup.restore(sqlite_url, bad)


def test_restore_refuses_a_backup_of_another_kind_or_a_newer_version(sqlite_url: str, tmp_path: Path) -> None:
    pg = tmp_path / "pg.backup"
    pg.write_bytes(b"PGDMP\x01\x0e\x00")
    with pytest.raises(backup.BackupError, match="is a postgresql backup; restore it into a postgresql database"):
        backup.restore(sqlite_url, pg)
    newer = tmp_path / "newer.db"
    open_database(f"sqlite:///{newer}").dispose()
    with sqlite3.connect(newer) as c:
        c.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(backup.BackupError, match="revision '9999', unknown to this version"):
        backup.restore(sqlite_url, newer)


def test_backup_refusals(sqlite_url: str, tmp_path: Path) -> None:
    with pytest.raises(backup.BackupError, match="no database at"):
        backup.backup(sqlite_url, tmp_path / "x.backup")
    open_database(sqlite_url).dispose()
    (tmp_path / "x.backup").write_text("old")
    with pytest.raises(backup.BackupError, match="exists; pass --force"):
        backup.backup(sqlite_url, tmp_path / "x.backup")
    with pytest.raises(backup.BackupError, match="is a folder"):
        backup.backup(sqlite_url, tmp_path)
    with pytest.raises(backup.BackupError, match="not mysql"):
        backup.backup("mysql://localhost/desk", tmp_path / "y.backup")
    backup.backup(sqlite_url, tmp_path / "x.backup", force=True)
    assert (tmp_path / "x.backup").read_bytes()[:16] == backup.SQLITE_MAGIC


def test_cli_backup_and_restore(sample_url: str, loaded_db: Database, _templates: _Templates, tmp_path: Path) -> None:
    from tests.test_cli import run

    out = run(sample_url, "backup", str(tmp_path / "desk.backup")).stdout
    assert out.startswith(f"backup written: {tmp_path / 'desk.backup'}")
    refused = run(sample_url, "restore", str(tmp_path / "desk.backup"), ok=False)
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1 and "--force" in refused.stderr
    target = _templates.fresh(None)
    assert "restored" in run(target, "restore", str(tmp_path / "desk.backup")).stdout
    assert snapshot(target) == snapshot(sample_url)
