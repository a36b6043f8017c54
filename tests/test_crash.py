"""kill -9 at each step of the desk's writes: mid-ingest (inside an article's transaction), right
after an article's commit (before its claims are queued), mid-match (inside a match job's
transaction, the job already off the queue) and mid-save (inside a verdict's transaction).

After each crash: the database is intact (SQLite's integrity check), nothing half-written is
visible, every committed claim is either matched, or shown as "matching..." and repaired by
`claims rematch --missing`; and re-running the killed command completes the work with the same
sources, statements and claims as a run that was never killed (no duplicates).

The process is killed by tests/crashpoint.py, which runs the real command line and sends
SIGKILL to itself at the exact step. (A worker killed from outside at a moment picked by the
clock is tests/test_worker.py::test_killed_worker_then_rematch_missing_completes.)
Every test takes a database fixture, so it runs on PostgreSQL too (`-m database`)."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest
from sqlalchemy import func, select, text

from claims import match_cache, queue, review
from claims.ingest import ingest_paths
from db.engine import Database
from db.models import Claim, ClaimMatch, Source, Statement, VerdictHistory
from tests.conftest import ROOT

ARTICLES = [
    ("Varna schools", "The council closed 12 schools in Varna last year, the mayor said on Monday. "
     "Parents said the buses now take an hour longer. The ministry said four schools would reopen."),
    ("Varna schools, again", "The council closed 14 schools in Varna last year, the governor said. "
     "Teachers said classes now hold 40 pupils. The ministry denied that any school would reopen."),
    ("Port fees", "The Port Kestrel authority said on Tuesday that berthing fees would double from July. "
     "Shipping firms said the rise would cost them 3 million euros a year."),
    ("Port fees, the reply", "The Port Kestrel authority said berthing fees would not change this year. "
     "The harbour master said 40 ships docked in May."),
]


def feed(folder: Path) -> list[Path]:
    """Two files: a JSONL of three articles and one Markdown article."""
    folder.mkdir(exist_ok=True)
    jsonl = folder / "a-feed.jsonl"
    jsonl.write_text("".join(json.dumps({"title": t, "text": body}) + "\n" for t, body in ARTICLES[:3]))
    md = folder / "b-reply.md"
    md.write_text(f"---\ntitle: {ARTICLES[3][0]}\n---\n{ARTICLES[3][1]}\n")
    return [jsonl, md]


def url_of(db: Database) -> str:
    return db.engine.url.render_as_string(hide_password=False)


def run(db: Database, *args: str, crash: tuple[str, int] | None = None) -> subprocess.CompletedProcess[str]:
    """`claims --db URL ARGS`, killed at the crash point when one is given."""
    prefix = ["-m", "tests.crashpoint", crash[0], str(crash[1])] if crash else ["-m", "claims.cli.main"]
    return subprocess.run([sys.executable, *prefix, "--db", url_of(db), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def killed(p: subprocess.CompletedProcess[str]) -> None:
    assert p.returncode == -signal.SIGKILL, (p.returncode, p.stdout, p.stderr)


def counts(db: Database) -> dict[str, int]:
    with db.read() as s:
        return {name: s.scalar(select(func.count()).select_from(model)) or 0
                for name, model in (("sources", Source), ("statements", Statement), ("claims", Claim))}


def intact(db: Database) -> None:
    """The database is whole, and the counts hold: no duplicate article, statement or claim."""
    with db.read() as s:
        if db.engine.dialect.name == "sqlite":
            assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert s.scalar(select(func.count()).select_from(Source)) == \
            s.scalar(select(func.count(func.distinct(Source.content_hash))))
        assert s.scalar(select(func.count()).select_from(Statement)) == \
            s.scalar(select(func.count()).select_from(select(Statement.source_id, Statement.seq).distinct().subquery()))
        assert s.scalar(select(func.count()).select_from(Claim)) == \
            s.scalar(select(func.count(func.distinct(Claim.statement_id))))
        # every source stored has all its statements (an article is one transaction)
        per_source = dict(s.execute(select(Statement.source_id, func.count()).group_by(Statement.source_id)).all())
        assert all(n > 0 for n in per_source.values()) and set(per_source) == set(s.scalars(select(Source.id)))
        rows = s.execute(select(ClaimMatch.claim_id, ClaimMatch.statement_id)).all()
        assert len(rows) == len(set(rows))


def unmatched_show_matching(db: Database) -> list[int]:
    """Every committed claim without cached matches is shown as "matching..." (never silently empty)."""
    ids = match_cache.unmatched_claims(db)
    for cid in ids:
        assert queue.claim_detail(db, cid)["matching"] is True
    return ids


def repaired_by_rematch(db: Database, expected: int) -> None:
    p = run(db, "rematch", "--missing", "--workers", "1")
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith(f"{expected} claims matched with 1 process(es), 0 jobs failed, "
                               "0 claims of the desk still unmatched"), p.stdout
    assert match_cache.count_unmatched(db) == 0


@pytest.fixture
def reference(make_db: Callable[[str], Database], tmp_path: Path) -> dict[str, int]:
    """The counts of the same files ingested by a run that was never killed."""
    ref = make_db("schema")
    summary = ingest_paths(ref, feed(tmp_path / "ref"), wait=False)
    assert summary.count("errors") == 0 and summary.count("added") == 4
    return counts(ref)


@pytest.mark.parametrize("point, nth", [("mid-ingest", 2), ("after-commit", 1), ("mid-match", 2)])
@pytest.mark.parametrize("resume", ["rematch", "ingest again"])
def test_ingest_killed_at_each_step_then_resumed(db: Database, tmp_path: Path, reference: dict[str, int],
                                                 point: str, nth: int, resume: str) -> None:
    files = [str(p) for p in feed(tmp_path / "in")]
    killed(run(db, "ingest", *files, "--wait", "--workers", "1", crash=(point, nth)))
    intact(db)
    after = counts(db)
    if point == "mid-ingest":
        # the second article's transaction died: only the first article is stored, whole
        assert after["sources"] == 1
    elif point == "after-commit":
        assert after["sources"] == 3  # the JSONL's three articles, committed, none queued
    else:
        assert after == reference  # everything stored; the second match job died unwritten
    stale = unmatched_show_matching(db)
    if point == "mid-match":
        assert 0 < len(stale) < after["claims"]  # the first job's claims are matched
    else:
        assert len(stale) == after["claims"] > 0  # stored, never queued
    if resume == "rematch":
        repaired_by_rematch(db, len(stale))
    p = run(db, "ingest", *files, "--wait", "--workers", "1")
    assert p.returncode == 0, p.stderr
    assert counts(db) == reference
    assert match_cache.count_unmatched(db) == 0  # re-running the command finished the matching too
    intact(db)
    # and once more: nothing added, nothing queued
    p = run(db, "ingest", *files, "--wait", "--workers", "1")
    assert p.returncode == 0 and counts(db) == reference and "0 sources added" in p.stdout, p.stdout


def test_save_killed_mid_transaction_leaves_nothing_and_the_retry_saves_once(db: Database, tmp_path: Path) -> None:
    ingest_paths(db, feed(tmp_path / "in"), wait=True, workers=1)
    cid = match_cache.all_claims(db)[0]
    before = review.claim_state(db, cid)
    args = ("review", str(cid), "--verdict", "False", "--rationale", "Port records show 12.", "--reviewer", "ana")
    killed(run(db, *args, crash=("mid-save", 1)))
    intact(db)
    assert review.claim_state(db, cid) == before  # the claim row's change died with its history row
    assert review.history(db, cid) == []
    p = run(db, *args)
    assert p.returncode == 0, p.stderr
    state = review.claim_state(db, cid)
    assert (state.verdict, state.rationale, state.reviewer, state.version) == (
        "False", "Port records show 12.", "ana", before.version + 1)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(VerdictHistory).where(VerdictHistory.claim_id == cid)) == 1
