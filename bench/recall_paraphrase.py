"""Found when worded differently: how often a search of an FNC-1 headline finds the body that
agrees with it or disputes it, above all when no sentence of that body repeats the headline's words.

    .venv/bin/python bench/recall_paraphrase.py [../shared/data/stance/fnc1] [--split dev] [--k 10]

Ingests the split's bodies through the product's ingest into a temporary SQLite store, then
searches each agree/disagree headline-body pair's headline with `claims.search.search` (one
statement per article first, as the desk shows it) and counts the pairs whose body has a
statement in the top k.

"Worded differently" is defined apart from the ranking: no statement of the body holds half of
the headline's distinct content terms (stems, stop words dropped). Those are the pairs a search on
shared words finds worst, and the ones related terms are for.

Each pair is searched twice on the same store: with the related terms (`claims.text.related`:
candidate expansion and the `related` re-rank feature) and without (the words alone, as before).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

from sqlalchemy import select
from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims import search  # noqa: E402
from claims.eval.stance import ingest_bodies, load  # noqa: E402
from claims.text import normalize, ranking  # noqa: E402
from db.engine import open_database  # noqa: E402
from db.models import Source, Statement  # noqa: E402

KINDS = ("agree", "disagree")
WORDED_DIFFERENTLY = 0.5


def best_share(headline: str, statements: list[str]) -> float:
    """The largest share of the headline's content terms that one statement holds."""
    h = set(normalize.query_terms(headline))
    if not h:
        return 0.0
    return max((len(h & set(normalize.query_terms(s))) / len(h) for s in statements), default=0.0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", default=str(ROOT.parent / "shared" / "data" / "stance" / "fnc1"))
    ap.add_argument("--split", default="dev")
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--limit", type=int, default=0, help="only the first N pairs (a quick look)")
    args = ap.parse_args()
    bodies, pairs = load(Path(args.folder), args.split)
    related = list({(p["claim"], str(p["body_id"])): p["stance"] for p in pairs if p["stance"] in KINDS}.items())
    if args.limit:
        related = related[: args.limit]
    ids = sorted({str(p["body_id"]) for p in pairs})
    t0 = time.perf_counter()
    plain = replace(ranking.DEFAULT_WEIGHTS, related=0.0)
    runs = {"related terms": (ranking.DEFAULT_WEIGHTS, search.EXPANSION_TERMS), "words alone": (plain, 0)}
    with tempfile.TemporaryDirectory(prefix="claims-para-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'para.db'}"
        with tqdm(total=len(ids), desc="ingesting bodies", unit="body") as bar:
            texts = ingest_bodies(bodies, ids, url, bar.update)
        db = open_database(url)
        try:
            with db.read() as s:  # ingest_bodies titles each source "body <id>"
                body_of = {sid: title.split(" ", 1)[1] for sid, title in s.execute(
                    select(Statement.id, Source.title).join(Source, Source.id == Statement.source_id))}
            found = {name: Counter() for name in runs}
            spent = Counter()
            for (claim, body), kind in tqdm(related, desc="searching", unit="pair"):
                group = "worded differently" if best_share(claim, texts[body]) < WORDED_DIFFERENTLY else "shared words"
                for name, (weights, expand) in runs.items():
                    old, search.EXPANSION_TERMS = search.EXPANSION_TERMS, expand
                    t = time.process_time()
                    try:
                        hits = search.search(db, claim, limit=args.k, weights=weights)
                    except search.SearchError:
                        hits = []
                    finally:
                        search.EXPANSION_TERMS = old
                    spent[name] += time.process_time() - t
                    hit = any(body_of.get(h.statement_id) == body for h in hits)
                    found[name][kind, group, hit] += 1
        finally:
            db.dispose()
    print(f"FNC-1 {args.split}: {len(related)} agree/disagree headline-body pairs, {len(ids)} bodies "
          f"({time.perf_counter() - t0:.0f} s); share with the body in the top {args.k}")
    groups = ("worded differently", "shared words")
    n = Counter((k, g) for (k, g, _h), c in found["words alone"].items() for _ in range(c))
    print("pairs: " + ", ".join(f"{k}/{g} {n[k, g]}" for k in KINDS for g in groups))
    cols = [f"{k}/{g.split()[0]}" for k in KINDS for g in groups] + ["worded diff.", "all"]
    print(f"{'search':<16}" + "".join(f"{c:>16}" for c in cols) + f"{'ms CPU/search':>15}")
    for name, c in found.items():
        row = [c[k, g, True] / max(1, c[k, g, True] + c[k, g, False]) for k in KINDS for g in groups]
        diff = sum(c[k, "worded differently", True] for k in KINDS) / max(1, sum(
            c[k, "worded differently", h] for k in KINDS for h in (True, False)))
        everything = sum(c[k, g, True] for k in KINDS for g in groups) / max(1, len(related))
        print(f"{name:<16}" + "".join(f"{v:>16.3f}" for v in (*row, diff, everything))
              + f"{1000 * spent[name] / max(1, len(related)):>15.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
