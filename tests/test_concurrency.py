"""PostgreSQL behaves like SQLite under a busy newsroom: several reviewer processes
saving on the same claims while files ingest, and several `claims init` on a new
database at once."""
from __future__ import annotations

import multiprocessing
import os
import subprocess
import time
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from claims import queue, review
from claims.ingest import ingest_paths
from db.engine import Database, open_database
from db.models import Reviewer
from db.queries.claims import ClaimFilter
from tests.test_cli import CLAIMS

PROCESSES, SAVES = 4, 50


def saver(url: str, worker: int, claim_ids: list[int], start: Any, results: Any) -> None:
    """One reviewer process (account r<worker>): SAVES saves without a version (a script's
    "whatever is current") on claims the other processes save too."""
    db = open_database(url, migrate_schema=False)
    start.wait()
    for j in range(SAVES):
        cid = claim_ids[(worker + j) % len(claim_ids)]
        rationale = f"process {worker} save {j}"
        try:
            st = review.set_verdict(db, cid, verdict="Unverifiable" if j % 2 else "Needs context",
                                    rationale=rationale, reviewer=f"r{worker}")
            results.put(("ok", cid, rationale, st.version))
        except Exception as exc:  # noqa: BLE001 - every failure is counted by the test
            results.put(("error", cid, rationale, f"{type(exc).__name__}: {exc}"))
    db.dispose()


def ingester(url: str, folder: str, start: Any, results: Any) -> None:
    db = open_database(url, migrate_schema=False)
    start.wait()
    summary = ingest_paths(db, [folder])
    results.put(("ingest", summary.count("added"), summary.count("errors"),
                 [f.message for f in summary.files if f.status == "error"]))
    db.dispose()


def test_processes_saving_at_once_lose_nothing_and_never_lock(sample_url: str, loaded_db: Database,
                                                              tmp_path: Path) -> None:
    ids = [r["claim_id"] for r in queue.list_claims(loaded_db, ClaimFilter(status="unreviewed"), per_page=5).rows]
    for i in range(6):  # articles of our own, ingested while the reviewers save
        (tmp_path / f"night-{i}.md").write_text(
            f"---\ntitle: Night report {i}\noutlet: Test Wire\n---\n"
            f"Mayor Lina Sorvik said {40 + i} new homes were finished in district {i} this year.\n\n"
            f"The council said the harbour handled {1000 + i} ships in May.", encoding="utf-8")
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=saver, args=(sample_url, w, ids, start, results)) for w in range(PROCESSES)]
    procs.append(ctx.Process(target=ingester, args=(sample_url, str(tmp_path), start, results)))
    for p in procs:
        p.start()
    time.sleep(1.0)  # every process has opened its database; then all go at once
    began = time.perf_counter()
    start.set()
    outcomes = [results.get(timeout=300) for _ in range(PROCESSES * SAVES + 1)]
    for p in procs:
        p.join(60)
    seconds = time.perf_counter() - began

    saves = [o for o in outcomes if o[0] in ("ok", "error")]
    errors = [o for o in saves if o[0] == "error"]
    acked = [o for o in saves if o[0] == "ok"]
    (ingest,) = [o for o in outcomes if o[0] == "ingest"]
    print(f"\n{loaded_db.engine.dialect.name}: {len(acked)} of {PROCESSES * SAVES} saves acknowledged, "
          f"{len(errors)} errors, ingest added {ingest[1]} sources with {ingest[2]} errors, {seconds:.1f} s")
    assert errors == []
    assert ingest[1:] == (6, 0, [])
    for cid in ids:
        mine = [o for o in acked if o[1] == cid]
        history = review.history(loaded_db, cid)
        state = review.claim_state(loaded_db, cid)
        # Every acknowledged save is exactly one history row and one version...
        assert len(history) == len(mine) == len({o[3] for o in mine})
        assert state.version == 1 + len(mine)
        # ...and the claim holds the last write: the save that got the highest version.
        last = max(mine, key=lambda o: o[3])
        assert (state.rationale, state.version) == (last[2], last[3])
        assert state.reviewer == "r" + last[2].split()[1]  # "process W save J" was saved by account rW
        assert sorted(h["rationale"] for h in history) == sorted(o[2] for o in mine)
    with loaded_db.read() as s:  # saving never makes reviewer rows (accounts are added by an admin)
        assert s.scalar(select(func.count()).select_from(Reviewer).where(Reviewer.name.like("r_"))) == 8


def test_concurrent_init_on_a_new_database_is_safe(empty_url: str) -> None:
    procs = [subprocess.Popen([str(CLAIMS), "--db", empty_url, "init"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=dict(os.environ)) for _ in range(8)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * 8, [err for _, err in outs]
    db = open_database(empty_url, migrate_schema=False)
    assert [r["label"] for r in review.scale(db)] == [
        "True", "Mostly true", "Half true", "Mostly false", "False", "Unverifiable", "Needs context"]
    db.dispose()


def test_two_writers_adding_one_setting_both_succeed(db: Database) -> None:
    """The second of two transactions adding the same new setting (two `claims init` on a new
    PostgreSQL desk) waits for the first and updates the row instead of failing."""
    import threading

    from db.queries.settings import get_setting, set_setting

    errors: list[BaseException] = []

    def second() -> None:
        try:
            with db.write() as s:
                set_setting(s, "desk_probe", "second")
        except BaseException as exc:  # (reported to the test thread below)
            errors.append(exc)

    with db.write() as s:
        set_setting(s, "desk_probe", "first")  # added, not yet committed
        writer = threading.Thread(target=second)
        writer.start()
        time.sleep(0.5)  # the second writer now waits on the key (PostgreSQL) or the write lock (SQLite)
    writer.join(30)
    assert errors == []
    with db.read() as s:
        assert get_setting(s, "desk_probe") == "second"
