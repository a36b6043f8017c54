"""Matching off the ingest path: claims are queued (matched_at NULL, shown as matching...),
workers match them through the job queue, concurrent workers neither duplicate nor deadlock,
and a worker killed mid-run is repaired by `claims rematch --missing`.

Every test here takes a database fixture, so it runs again on PostgreSQL (`-m database`)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from sqlalchemy import select, text, update

from claims import match_cache, queue, worker
from claims.ingest import ingest_paths
from claims.text.vocab import CONTRADICTS
from db import queries
from db.engine import Database
from db.models import Claim, ClaimMatch, Statement
from tests.conftest import SAMPLE_DATA

CLAIMS = Path(sys.executable).with_name("claims")


def claims_cli(db: Database, *args: str) -> subprocess.Popen[str]:
    url = db.engine.url.render_as_string(hide_password=False)
    return subprocess.Popen([str(CLAIMS), "--db", url, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def cache_rows(db: Database) -> list[tuple[int, int, str]]:
    with db.read() as s:
        return sorted(s.execute(select(ClaimMatch.claim_id, ClaimMatch.statement_id, ClaimMatch.stance)).all())


def forget_matches(db: Database) -> list[int]:
    """The desk as a crash leaves it: claims stored, none matched."""
    with db.write() as s:
        s.execute(ClaimMatch.__table__.delete())
        s.execute(update(Claim).values(matched_at=None))
    return match_cache.all_claims(db)


def assert_consistent(db: Database) -> None:
    """Every claim matched; each cached row is either one of the claim's own top matches or
    the reverse side of a contradiction the other claim found (never anything else)."""
    assert match_cache.count_unmatched(db) == 0
    rows = cache_rows(db)
    assert len(rows) == len({(c, s) for c, s, _ in rows})
    with db.read() as s:
        statement_of = dict(s.execute(select(Claim.id, Claim.statement_id)).all())
    claim_of = {st: c for c, st in statement_of.items()}
    own = {(c, s) for c, s, _ in rows if not (s in claim_of and (claim_of[s], statement_of[c], CONTRADICTS) in rows)}
    for c, s, _stance in rows:
        if (c, s) in own:
            continue
        # a reverse row: the claim that made this statement contradicts c's statement
        assert (claim_of[s], statement_of[c], CONTRADICTS) in rows


def test_ingest_queues_claims_and_shows_them_as_matching(db: Database) -> None:
    summary = ingest_paths(db, [SAMPLE_DATA], wait=False)
    with db.read() as s:
        stored = s.scalar(text("SELECT count(*) FROM claims"))
    assert stored > 100 and summary.queued == stored  # (the sample's count moves with extraction)
    assert summary.matching_line() == f"{stored} claims queued for matching: `claims worker` matches them"
    assert cache_rows(db) == []
    assert match_cache.count_unmatched(db) == stored
    page = queue.list_claims(db, per_page=1000)
    assert [r["matching"] for r in page.rows] == [True] * stored
    jobs = worker.pending(db)
    assert jobs >= 9  # a job per added file (9 files), more for a file of over 20 claims

    done = worker.drain(db, workers=1)
    assert (done.jobs, done.failed) == (jobs, 0)
    assert worker.pending(db) == 0
    assert match_cache.count_unmatched(db) == 0
    assert [r["matching"] for r in queue.list_claims(db, per_page=1000).rows] == [False] * stored
    assert len(cache_rows(db)) > stored
    assert_consistent(db)


def test_a_job_run_twice_leaves_the_same_rows(loaded_db: Database) -> None:
    ids = match_cache.all_claims(loaded_db)
    match_cache.refresh(loaded_db, ids)
    once = cache_rows(loaded_db)
    worker.enqueue(loaded_db, ids)
    worker.enqueue(loaded_db, ids)
    assert worker.drain(loaded_db, workers=1).failed == 0
    assert cache_rows(loaded_db) == once


def test_two_worker_processes_over_the_same_claims(loaded_db: Database) -> None:
    ids = forget_matches(loaded_db)
    # Every claim queued twice, in small jobs, so both workers take the same claims at once.
    worker.enqueue(loaded_db, ids, job_size=4)
    worker.enqueue(loaded_db, list(reversed(ids)), job_size=4)
    procs = [claims_cli(loaded_db, "worker", "--until-empty", "--workers", "1") for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err
        assert " 0 failed, 0 claims of the desk unmatched" in out, out
    assert sum(int(out.split()[0]) for out, _ in outs) == 2 * -(-len(ids) // 4)  # every job ran once
    assert worker.pending(loaded_db) == 0
    assert_consistent(loaded_db)


def test_crossing_contradictions_written_at_once_never_deadlock(db: Database, tmp_path: Path) -> None:
    """Two writers each replacing one claim's rows and adding the reverse row to the other's:
    without the ordered claim locks, PostgreSQL deadlocks or raises UniqueViolation here."""
    src = tmp_path / "two.md"
    src.write_text("---\ntitle: Two\n---\nThe council closed 12 schools in Varna, the mayor said.\n\n"
                   "The council did not close any schools in Varna, the governor said.\n")
    ingest_paths(db, [src], wait=False)
    with db.read() as s:
        (a, sa), (b, sb) = s.execute(select(Claim.id, Claim.statement_id).order_by(Claim.id)).all()
    errors: list[BaseException] = []

    def writer(own: int, own_statement: int, other: int, other_statement: int) -> None:
        try:
            for _ in range(30):
                with db.write() as s:
                    queries.matches.replace_claim_matches(
                        s, {own: [{"statement_id": other_statement, "score": 80.0, "stance": CONTRADICTS, "reasons": "[]"}]},
                        [{"claim_id": other, "statement_id": own_statement, "score": 80.0, "stance": CONTRADICTS,
                          "reasons": "[]"}])
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(a, sa, b, sb)), threading.Thread(target=writer, args=(b, sb, a, sa))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    assert cache_rows(db) == sorted([(a, sb, CONTRADICTS), (b, sa, CONTRADICTS)])
    assert match_cache.count_unmatched(db) == 0


def test_a_reverse_row_never_duplicates_an_own_match(db: Database, tmp_path: Path) -> None:
    src = tmp_path / "two.md"
    src.write_text("---\ntitle: Two\n---\nThe council closed 12 schools in Varna, the mayor said.\n\n"
                   "The council closed 14 schools in Varna, the governor said.\n")
    ingest_paths(db, [src], wait=False)
    with db.read() as s:
        (a, sa), (b, sb) = s.execute(select(Claim.id, Claim.statement_id).order_by(Claim.id)).all()
    row = {"score": 70.0, "stance": CONTRADICTS, "reasons": "[]"}
    with db.write() as s:
        queries.matches.replace_claim_matches(s, {a: [{"statement_id": sb, **row}], b: [{"statement_id": sa, **row}]},
                                              [{"claim_id": b, "statement_id": sa, **row}, {"claim_id": a, "statement_id": sb, **row}])
    assert cache_rows(db) == sorted([(a, sb, CONTRADICTS), (b, sa, CONTRADICTS)])


def test_killed_worker_then_rematch_missing_completes(loaded_db: Database) -> None:
    ids = forget_matches(loaded_db)
    worker.enqueue(loaded_db, ids, job_size=1)
    p = claims_cli(loaded_db, "worker", "--until-empty", "--workers", "1")
    deadline = time.monotonic() + 120
    while match_cache.count_unmatched(loaded_db) == len(ids) and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(p.pid, signal.SIGKILL)  # mid-run: some claims matched, the rest queued or lost
    p.communicate(timeout=30)
    left = match_cache.count_unmatched(loaded_db)
    assert 0 < left < len(ids)
    with loaded_db.read() as s:
        if loaded_db.engine.dialect.name == "sqlite":
            assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    r = claims_cli(loaded_db, "rematch", "--missing", "--workers", "1")
    out, err = r.communicate(timeout=300)
    assert r.returncode == 0, err
    assert out.startswith(f"{left} claims matched with 1 process(es), 0 jobs failed, 0 claims of the desk still unmatched")
    assert worker.pending(loaded_db) == 0  # the killed worker's leftover jobs were run too
    assert_consistent(loaded_db)


def test_claim_detail_says_matching_until_matched(db: Database, tmp_path: Path) -> None:
    src = tmp_path / "one.md"
    src.write_text("---\ntitle: One\n---\nThe council closed 12 schools in Varna last year, the mayor said.\n")
    ingest_paths(db, [src], wait=False)
    with db.read() as s:
        cid = s.scalar(select(Claim.id).join(Statement).where(Statement.text.like("%12 schools%")))
    assert cid is not None
    assert queue.claim_detail(db, cid)["matching"] is True
    worker.drain(db)
    assert queue.claim_detail(db, cid)["matching"] is False
