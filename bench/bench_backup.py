"""Backup round trip of a working desk, against a plain file copy in the same run.

    .venv/bin/python bench/bench_backup.py [--db URL] [--target URL] [--saves 200]

Loads sample_data/ into the desk (a new SQLite file unless --db is given; a
PostgreSQL --db needs an empty --target database), then while a reviewer process
keeps saving: takes `claims backup`, and on SQLite also copies claimdesk.db by
hand (the baseline). Prints each copy's history rows beside the desk's at that
moment, and whether every claim's version matches its history (a torn copy would
not). Then, with the writer stopped, a second backup is restored into a new
database and every table is compared row for row.
"""
from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, inspect, text  # noqa: E402

from claims import backup, queue, review  # noqa: E402
from claims.ingest import ingest_paths  # noqa: E402
from db.engine import open_database  # noqa: E402
from db.queries.claims import ClaimFilter  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def tables(url: str) -> dict[str, list[tuple[str, ...]]]:
    engine = create_engine(url)
    with engine.connect() as c:
        names = [t for t in inspect(c).get_table_names() if not t.startswith("statements_fts")]
        out = {t: sorted(tuple(map(str, r)) for r in c.execute(text(f"SELECT * FROM {t}"))) for t in names}
    engine.dispose()
    return out


def consistent(url: str) -> tuple[int, int]:
    """(history rows, claims whose version is not 1 + their history rows)."""
    engine = create_engine(url)
    with engine.connect() as c:
        rows = c.execute(text("SELECT count(*) FROM verdict_history")).scalar() or 0
        torn = c.execute(text(
            "SELECT count(*) FROM claims c WHERE c.version <> 1 + (SELECT count(*) FROM verdict_history h "
            "WHERE h.claim_id = c.id AND h.action NOT IN ('evidence', 'promote'))")).scalar() or 0
    engine.dispose()
    return rows, torn


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db")
    ap.add_argument("--target")
    ap.add_argument("--saves", type=int, default=200)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="claimdesk-bench-backup-"))
    url = args.db or f"sqlite:///{work / 'desk.db'}"
    target = args.target or f"sqlite:///{work / 'restored.db'}"
    desk = open_database(url)
    ingest_paths(desk, [ROOT / "sample_data"])
    ids = [r["claim_id"] for r in queue.list_claims(desk, ClaimFilter(status="unreviewed"), per_page=10).rows]
    done = threading.Event()
    saved = [0]

    def writer() -> None:
        d = open_database(url, migrate_schema=False)
        for i in range(args.saves):
            review.set_verdict(d, ids[i % len(ids)], verdict="Unverifiable", rationale=f"pass {i}", reviewer="w")
            saved[0] += 1
        d.dispose()
        done.set()

    t = threading.Thread(target=writer)
    t.start()
    while saved[0] < args.saves // 2:
        time.sleep(0.01)
    began = time.perf_counter()
    result = backup.backup(url, work / "during.backup")
    seconds = time.perf_counter() - began
    at_backup = saved[0]
    naive = None
    if url.startswith("sqlite"):
        shutil.copyfile(url.removeprefix("sqlite:///"), work / "naive.db")
        with sqlite3.connect(work / "naive.db") as c:
            naive = c.execute("SELECT count(*) FROM verdict_history").fetchone()[0]
    t.join()
    during = f"sqlite:///{work / 'during-restored.db'}" if url.startswith("sqlite") else None
    print(f"desk: {url.split('://')[0]}, {args.saves} saves by a writer thread, backup taken after ~{at_backup}")
    print(f"backup: {result.size:,} bytes in {seconds:.2f} s")
    if during:
        backup.restore(during, work / "during.backup")
        rows, torn = consistent(during)
        print(f"backup taken during saves: {rows} history rows (3 imports + saves), {torn} torn claims")
    if naive is not None:
        print(f"baseline, a plain copy of the .db file at the same moment: {naive} history rows")
    backup.backup(url, work / "after.backup")
    began = time.perf_counter()
    backup.restore(target, work / "after.backup")
    restore_seconds = time.perf_counter() - began
    a, b = tables(url), tables(target)
    same = [t for t in a if a[t] == b.get(t)]
    print(f"round trip after the writer stopped: restored in {restore_seconds:.2f} s, "
          f"{len(same)} of {len(a)} tables identical row for row; "
          f"{len(b['verdict_history'])} history rows (desk: {len(a['verdict_history'])})")
    desk.dispose()
    return 0 if len(same) == len(a) else 1


if __name__ == "__main__":
    sys.exit(main())
