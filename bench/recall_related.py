"""Found when worded differently: how often a search of a claim finds the article that
agrees with it, disputes it or discusses it, on real news (FNC-1 headline/body pairs).

    .venv/bin/python bench/recall_related.py [../shared/data/stance/fnc1] [--split dev] [--k 10]

Ingests the split's bodies through the product's ingest into a temporary SQLite store, then
searches each related pair's headline (agree, disagree, discuss; each headline-body pair once)
with `claims.search.search` and counts the pairs whose body has a statement among the top k.
Printed beside the same search in plain score order (`per_article=None`), run on the same
store: the ratio is what one-statement-per-article ordering gains. Several bodies of a split
tell the same story, so the top k is contested, as on a desk with many outlets.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import select
from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims import search  # noqa: E402
from claims.eval.stance import ingest_bodies, load  # noqa: E402
from db.engine import open_database  # noqa: E402
from db.models import Source, Statement  # noqa: E402

KINDS = ("agree", "disagree", "discuss")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", default=str(ROOT.parent / "shared" / "data" / "stance" / "fnc1"))
    ap.add_argument("--split", default="dev")
    ap.add_argument("--k", type=int, default=10)
    args = ap.parse_args()
    bodies, pairs = load(Path(args.folder), args.split)
    related = list({(p["claim"], str(p["body_id"])): p["stance"] for p in pairs if p["stance"] in KINDS}.items())
    ids = sorted({str(p["body_id"]) for p in pairs})
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="claims-recall-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'recall.db'}"
        with tqdm(total=len(ids), desc="ingesting bodies", unit="body") as bar:
            ingest_bodies(bodies, ids, url, bar.update)
        db = open_database(url)
        try:
            with db.read() as s:  # ingest_bodies titles each source "body <id>"
                body_of = {sid: title.split(" ", 1)[1] for sid, title in s.execute(
                    select(Statement.id, Source.title).join(Source, Source.id == Statement.source_id))}
            found = {name: Counter() for name in ("one per article", "plain score order")}
            for (claim, body), kind in tqdm(related, desc="searching", unit="pair"):
                for name, per in (("one per article", search.PER_ARTICLE), ("plain score order", None)):
                    try:
                        hits = search.search(db, claim, limit=args.k, per_article=per)
                    except search.SearchError:
                        hits = []
                    found[name][kind, any(body_of.get(h.statement_id) == body for h in hits)] += 1
        finally:
            db.dispose()
    print(f"FNC-1 {args.split}: {len(related)} related headline-body pairs, {len(ids)} bodies "
          f"({time.perf_counter() - t0:.0f} s); share with the body in the top {args.k}")
    print(f"{'order':<20}" + "".join(f"{k:>10}" for k in (*KINDS, "all")))
    share = {}
    for name, c in found.items():
        row = [c[k, True] / max(1, c[k, True] + c[k, False]) for k in KINDS]
        share[name] = sum(c[k, True] for k in KINDS) / max(1, len(related))
        print(f"{name:<20}" + "".join(f"{v:>10.3f}" for v in (*row, share[name])))
    print(f"ratio (one per article / plain): {share['one per article'] / max(share['plain score order'], 1e-9):.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
