"""Stance precision on the sample data: ingest sample_data into a fresh SQLite file,
print the cached match stances (claim_matches) and a random sample of
"contradicts" pairs with their reasons, for a hand check.

    .venv/bin/python bench/stance_sample.py [--n 30] [--seed 1] [--db /tmp/stance_sample.db]
"""
from __future__ import annotations

import argparse
import json
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--db", default="/tmp/stance_sample.db")
    ap.add_argument("--no-ingest", action="store_true")
    args = ap.parse_args()
    if not args.no_ingest:
        Path(args.db).unlink(missing_ok=True)
        subprocess.run([sys.executable, "-m", "claims.cli.main", "--db", f"sqlite:///{args.db}",
                        "ingest", str(ROOT / "sample_data"), "--quiet", "--wait"], check=True, cwd=ROOT)
    con = sqlite3.connect(args.db)
    counts = con.execute("select stance, count(*) from claim_matches group by stance order by 2 desc").fetchall()
    total = sum(c for _, c in counts)
    print(f"{'stance':<12} {'count':>6} {'share':>6}")
    for st, c in counts:
        print(f"{st:<12} {c:>6} {c / total:>6.1%}")
    rows = con.execute("""
        select cm.claim_id, s1.text, s2.text, cm.score, cm.reasons
        from claim_matches cm join claims c on c.id = cm.claim_id
        join statements s1 on s1.id = c.statement_id join statements s2 on s2.id = cm.statement_id
        where cm.stance = 'contradicts' order by cm.claim_id, cm.statement_id""").fetchall()
    random.Random(args.seed).shuffle(rows)
    for i, (cid, a, b, score, reasons) in enumerate(rows[: args.n], 1):
        print(f"\n#{i} claim {cid} score {score:.0f}\n  A: {a[:220]}\n  B: {b[:220]}\n  -> {json.loads(reasons or '[]')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
