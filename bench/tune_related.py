"""Tune how much related terms count: the `related` re-rank bonus (claims.text.ranking.Weights)
and the discount on statements found only through related terms (claims.search.EXPANSION_DISCOUNT).

    .venv/bin/python bench/tune_related.py [--data ../shared/data] [--fnc-train 1500]

Candidates and features come from the product's own stage one and features, collected once per
query; each grid point then only re-sorts. Prints, per grid point, CheckThat! MAP@5 (train and
dev of 2020-2a, 2022-2a, 2021-2b; words alone, without the debate context) and, on FNC-1
agree/disagree pairs, the share whose body is among the first 10 articles (one statement per
article), for all pairs and for those worded differently (bench/recall_paraphrase.py's rule).
Choose on train; dev is the check.
"""
from __future__ import annotations

import argparse
import pickle
import random
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from sqlalchemy import select
from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import recall_paraphrase  # noqa: E402
from retrieval_store import per_query  # noqa: E402

from claims import search as matching  # noqa: E402
from claims.eval.stance import ingest_bodies, load  # noqa: E402
from claims.text import measures, ranking, related  # noqa: E402
from db.engine import Database, open_database  # noqa: E402
from db.models import Source, Statement  # noqa: E402

RETRIEVAL = ("checkthat2020-2a-en", "checkthat2022-2a-en", "checkthat2021-2b-en")
# (doc key, found only by expansion, bm25 share, features, the candidate's terms)
Row = tuple[str, bool, float, ranking.Features, frozenset[str]]
# Per query: its IDF weights, and its candidates.
Query = tuple[dict[str, float], list[Row]]


def query_rows(db: Database, text: str, key: dict[int, str]) -> Query:
    try:
        norm, terms = matching.prepare_query(text)
    except matching.SearchError:
        return {}, []
    old = matching.EXPANSION_TERMS
    try:
        matching.EXPANSION_TERMS = 0
        _q, own, _k = matching.candidate_stage(db, terms)
        matching.EXPANSION_TERMS = old
        matching.EXPANSION_DISCOUNT, discount = 1.0, matching.EXPANSION_DISCOUNT
        try:
            q_idf, hits, _k = matching.candidate_stage(db, terms)
        finally:
            matching.EXPANSION_DISCOUNT = discount
    finally:
        matching.EXPANSION_TERMS = old
    first = {h[0] for h in own}
    best = max((h[1] for h in own), default=1.0) or 1.0
    return q_idf, [(key[i], i not in first, max(bm, 0.0) / best,
                    ranking.features(norm, q_idf, t, max(bm, 0.0) / best), frozenset(t.split()))
                   for i, bm, t in hits if i in key]


def ordered(query: Query, w: ranking.Weights, discount: float, table: related.Table | None = None) -> list[str]:
    """Doc keys best first; a negative discount drops what only related terms found (words alone).
    With a table, the related feature is recomputed from it (a variant of the product's)."""
    q_idf, rows = query
    if discount < 0:
        rows = [r for r in rows if not r[1]]
    scored = []
    for _d, exp, bm, f, terms in rows:
        if exp:
            f = replace(f, bm25=bm * discount)
        if table is not None:
            f = replace(f, related=related.related_share(q_idf, terms, table) if f.related or f.overlap < 1 else 0.0)
        scored.append(f.fused(w))
    return [rows[k][0] for k in sorted(range(len(rows)), key=lambda k: -scored[k])]


def collect_retrieval(folder: Path) -> dict[str, list[tuple[Query, set[str]]]]:
    return per_query(folder, query_rows)


def collect_fnc(folder: Path, split: str, sample: int) -> list[tuple[Query, str, bool]]:
    bodies, pairs = load(folder, split)
    related = sorted({(p["claim"], str(p["body_id"])) for p in pairs if p["stance"] in recall_paraphrase.KINDS})
    if sample and len(related) > sample:
        related = random.Random(12).sample(related, sample)
    ids = sorted({str(p["body_id"]) for p in pairs})
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'fnc.db'}"
        texts = ingest_bodies(bodies, ids, url)
        db = open_database(url)
        with db.read() as s:
            body_of = {sid: t.split(" ", 1)[1] for sid, t in s.execute(
                select(Statement.id, Source.title).join(Source, Source.id == Statement.source_id))}
        for claim, body in tqdm(related, desc=f"fnc1/{split}", leave=False):
            wd = recall_paraphrase.best_share(claim, texts[body]) < recall_paraphrase.WORDED_DIFFERENTLY
            out.append((query_rows(db, claim, body_of), body, wd))
        db.dispose()
    return out


def fnc_recall(data: list[tuple[Query, str, bool]], w: ranking.Weights, discount: float,
               table: related.Table | None = None, k: int = 10) -> tuple[float, float]:
    hit = {True: 0, False: 0}
    n = {True: 0, False: 0}
    for rows, body, wd in data:
        arts = list(dict.fromkeys(ordered(rows, w, discount, table)))[:k]  # one statement per article first
        n[wd] += 1
        hit[wd] += body in arts
    return (hit[True] + hit[False]) / max(1, n[True] + n[False]), hit[True] / max(1, n[True])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--fnc-train", type=int, default=1500, help="agree/disagree train pairs sampled")
    ap.add_argument("--related", default="0,0.1,0.2,0.3,0.5,0.8")
    ap.add_argument("--discount", default="-1,0.3,0.5,0.8")
    ap.add_argument("--min-link", type=float, default=0.0, help="drop learned links weaker than this")
    ap.add_argument("--cache", help="a pickle of the collected candidates (written if absent)")
    args = ap.parse_args()
    data = Path(args.data)
    if args.cache and Path(args.cache).exists():
        ret, fnc = pickle.loads(Path(args.cache).read_bytes())
    else:
        ret = {name: collect_retrieval(data / "retrieval" / name) for name in RETRIEVAL}
        fnc = {split: collect_fnc(data / "stance" / "fnc1", split, args.fnc_train if split == "train" else 0)
               for split in ("train", "dev")}
        if args.cache:
            Path(args.cache).write_bytes(pickle.dumps((ret, fnc)))
    table = None
    if args.min_link:
        table = {a: {b: v for b, v in row.items() if v >= args.min_link} for a, row in related.table().items()}
    print(f"{'related':>8}{'disc.':>6} | MAP@5 train {' '.join(n[10:17] for n in RETRIEVAL)} | dev      "
          "| FNC train all/worded-diff | dev all/worded-diff")
    for r in (float(x) for x in args.related.split(",")):
        for d in (float(x) for x in args.discount.split(",")):
            w = replace(ranking.DEFAULT_WEIGHTS, related=r)
            maps = {s: [sum(measures.average_precision_at(ordered(q, w, d, table), rel, 5) for q, rel in v[s])
                        / max(1, len(v[s])) for v in ret.values()] for s in ("train", "dev")}
            ft, fd = fnc_recall(fnc["train"], w, d, table), fnc_recall(fnc["dev"], w, d, table)
            print(f"{r:>8.2f}{d:>6.2f} | {' '.join(f'{x:.4f}' for x in maps['train'])} | "
                  f"{' '.join(f'{x:.4f}' for x in maps['dev'])} | {ft[0]:.3f} {ft[1]:.3f} | {fd[0]:.3f} {fd[1]:.3f}",
                  flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
