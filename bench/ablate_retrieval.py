"""Ablation table for re-ranking ideas on the CheckThat! retrieval sets (train and dev).

    python bench/ablate_retrieval.py ../shared/data/retrieval [--candidates 200]

Stage one runs once per query through the workbench code (claims.search.
candidate_stage over a fresh database loaded by claims.eval.retrieval); each
variant then re-scores the same candidates, so the table isolates re-ranking
(stance is not involved: it never changes the order). Columns: MAP@5 on
2020 train/dev, 2022 train/dev, 2021-2b train/dev; "train-mean" decides, dev
confirms. Variants (measured 2026-11, none kept: all within +-0.005 of base):
  bigram      share of the query's adjacent content-term pairs found adjacent
  filler      debate filler words ("well", "really", "believe"...) dropped from the query
  prf         RM3-style feedback on the candidate set: top-k candidates' terms
              (tf/len x IDF, weighted by their score) as an extra overlap feature
  bm25 k1/b   BM25 recomputed in Python over the whole query with other k1/b
  field       extra overlap with the title or the claim text alone (2021-2b)
Not in the table (needs a second full-text query): RM3 as a second pass, the
query plus the top 5 feedback terms of the top 3 re-ranked hits, re-ranked with
the second pass's bm25: Recall@50 +0.01 on 2021-2b train, but MAP@5 falls on
every split (2020 dev 0.82 -> 0.74, 2022 dev 0.91 -> 0.84, 2021-2b dev 0.40 -> 0.40).
The 2021-2b misses are mostly out of lexical reach: for ~30% of its dev queries
the relevant claim is not in the full-text top 400 at all ("Ten times.").
Learned re-rankers (bench/learn_rerank.py, 2026-11, not kept): 19 features per
(query, candidate) (bm25 share/rank/z-score, IDF coverage and its share of the
best, candidate coverage, five rapidfuzz scores, number match/clash, length
ratio, longest common run, bigram share), fitted on the pooled train qrels,
hyper-parameters by 5-fold query-grouped CV on train. Pointwise and pairwise
logistic regression and HistGradientBoosting (also with the three sets weighed
equally) all land within -0.005..+0.003 of the current fusion on the dev mean
MAP@5 (0.7101); CV on train gains at most +0.011 (trees), which does not carry
to dev. The features cost ~6.4 ms a query against ~3.7 ms for the current
re-ranking. In 2021-2b train, the relevant claim is top-1 for 49% of queries,
ranks 2-5 for 12%, 6-100 for 17%, absent for 22%; the misranked ones are mostly
near-duplicate fact-checks of the same quote by another checker or speaker, which
word-level features cannot separate (the debate's speaker is not in the query).
What did move 2021-2b is a signal outside the query's words: the claim's context
(the debate lines near it and its speaker), claims.search.ClaimContext, tuned by
bench/tune_context.py: dev MAP@5 0.40 -> 0.46.
"""
from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tqdm import tqdm  # noqa: E402

from claims import search as matching  # noqa: E402
from claims.eval import retrieval as er
from claims.text import measures, normalize, ranking
from db import fts  # noqa: E402
from db.engine import open_database  # noqa: E402

NAMES = ["checkthat2020-2a-en", "checkthat2022-2a-en", "checkthat2021-2b-en"]
FILLER = frozenset(normalize.stem(w) for w in (
    "well really believe think know going gonna want lot look tell okay yes actually "
    "frankly let very much many folks").split())


def collect(folder: Path, candidates: int) -> dict:  # type: ignore[type-arg]
    """Per split: (query norm, terms, IDF, [(doc id, bm25, norm, base Features)], relevant, doc fields)."""
    queries = {str(q["_id"]): q["text"] for q in er._jsonl(folder / "queries.jsonl")}
    docs = list(er._jsonl(folder / "corpus.jsonl"))
    fields = {str(d["_id"]): d for d in docs}
    out: dict = {"fields": fields}
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{Path(tmp) / 'ablate.db'}")
        id_map = er.load_corpus(db, docs, folder.name)
        vocab: set[str] = set()
        for split in ("train", "dev"):
            rows = []
            qrels = er.read_qrels(folder / "qrels" / f"{split}.tsv")
            for qid, rel in tqdm(qrels.items(), desc=f"{folder.name}/{split}", file=sys.stderr, leave=False):
                try:
                    norm, terms = matching.prepare_query(queries[qid])
                except matching.SearchError:
                    rows.append(("", [], {}, [], rel))
                    continue
                q_idf, hits, _known = matching.candidate_stage(db, terms, candidates=candidates)
                best = max((h[1] for h in hits), default=1.0) or 1.0
                feats = [(id_map[i], bm, t, ranking.features(norm, q_idf, t, max(bm, 0.0) / best))
                         for i, bm, t in hits]
                for h in hits:
                    vocab.update(h[2].split())
                rows.append((norm, terms, q_idf, feats, rel))
            out[split] = rows
        with db.read() as s:
            out["n"] = fts.doc_count(s)
            vl = sorted(vocab)
            out["dfs"] = {}
            for i in range(0, len(vl), 60):
                out["dfs"].update(fts.doc_freqs(s, vl[i:i + 60]))
        db.dispose()
    return out


Scorer = Callable[[tuple, dict], list[float]]  # type: ignore[type-arg]


def _idf(d: dict, t: str) -> float:  # type: ignore[type-arg]
    return ranking.idf(d["dfs"].get(t, 0), d["n"])


def base(row: tuple, d: dict) -> list[float]:  # type: ignore[type-arg]
    return [h[3].fused() for h in row[3]]


def bigram(alpha: float, filler: bool = False) -> Scorer:
    def f(row: tuple, d: dict) -> list[float]:  # type: ignore[type-arg]
        ct = [t for t in row[0].split() if not normalize.is_stop(t) and not (filler and t in FILLER)]
        pairs = {(a, b) for a, b in zip(ct, ct[1:]) if a != b}
        out = []
        for h in row[3]:
            cc = [t for t in h[2].split() if not normalize.is_stop(t)]
            share = len(pairs & set(zip(cc, cc[1:]))) / len(pairs) if pairs else 0.0
            out.append(h[3].fused() + alpha * 100 * share)
        return out
    return f


def prf(k: int, m: int, alpha: float) -> Scorer:
    def f(row: tuple, d: dict) -> list[float]:  # type: ignore[type-arg]
        b = base(row, d)
        order = sorted(range(len(b)), key=lambda i: -b[i])[:k]
        top = b[order[0]] or 1.0
        acc: Counter[str] = Counter()
        for i in order:
            toks = [t for t in row[3][i][2].split() if not normalize.is_stop(t) and len(t) > 1]
            for t, tf in Counter(toks).items():
                if t not in row[2]:
                    acc[t] += (b[i] / top) * tf / len(toks) * _idf(d, t)
        exp = dict(acc.most_common(m))
        tot = sum(exp.values()) or 1.0
        return [s + alpha * 100 * sum(v for t, v in exp.items() if t in set(h[2].split())) / tot
                for s, h in zip(b, row[3])]
    return f


def bm25(k1: float, b: float, filler: bool = False) -> Scorer:
    def f(row: tuple, d: dict) -> list[float]:  # type: ignore[type-arg]
        qt = [t for t in row[1] if d["dfs"].get(t, 0) > 0 and not (filler and t in FILLER)]
        lens = [len(h[2].split()) for h in row[3]]
        avg = sum(lens) / len(lens)
        raw = []
        for h, n in zip(row[3], lens):
            c = Counter(h[2].split())
            raw.append(sum(_idf(d, t) * c[t] * (k1 + 1) / (c[t] + k1 * (1 - b + b * n / avg))
                           for t in qt if c[t]))
        best = max(raw) or 1.0
        return [ranking.Features(r / best, h[3].overlap, h[3].token_set, h[3].partial).fused()
                for r, h in zip(raw, row[3])]
    return f


def field(name: str, beta: float) -> Scorer:
    def f(row: tuple, d: dict) -> list[float]:  # type: ignore[type-arg]
        tot = sum(row[2].values()) or 1.0
        out = []
        for s, h in zip(base(row, d), row[3]):
            words = set(normalize.index_text(d["fields"][h[0]].get(name) or "").split())
            out.append(s + beta * 100 * sum(v for t, v in row[2].items() if t in words) / tot)
        return out
    return f


def evaluate(data: dict, label: str, score: Scorer) -> None:  # type: ignore[type-arg]
    res = []
    for d in data.values():
        for split in ("train", "dev"):
            total = 0.0
            for row in d[split]:
                if row[3]:
                    ranked = [h[0] for _s, h in sorted(zip(score(row, d), row[3]), key=lambda x: -x[0])]
                    total += measures.average_precision_at(ranked, row[4], 5)
            res.append(total / len(d[split]))
    print(f"{label:28s} train-mean {sum(res[::2]) / len(data):.4f} | "
          + " ".join(f"{x:.4f}" for x in res), flush=True)


VARIANTS: list[tuple[str, Scorer]] = [
    ("base", base),
    ("bigram 0.1", bigram(0.1)), ("bigram 0.2 + filler", bigram(0.2, True)),
    ("prf k=3 m=10 a=0.2", prf(3, 10, 0.2)), ("prf k=10 m=20 a=0.3", prf(10, 20, 0.3)),
    ("bm25 1.2/0.75", bm25(1.2, 0.75)), ("bm25 1.2/0.75 filler", bm25(1.2, 0.75, True)),
    ("bm25 0.9/0.4", bm25(0.9, 0.4)), ("bm25 2.0/0.75", bm25(2.0, 0.75)),
    ("field title +0.1", field("title", 0.1)), ("field text +0.1", field("text", 0.1)),
]


def main(argv: list[str]) -> None:
    root = Path(argv[0]) if argv else ROOT.parent / "shared" / "data" / "retrieval"
    candidates = int(argv[2]) if len(argv) > 2 and argv[1] == "--candidates" else matching.CANDIDATES
    data = {n: collect(root / n, candidates) for n in NAMES}
    print("MAP@5: 2020 train dev | 2022 train dev | 2021-2b train dev")
    for label, score in VARIANTS:
        evaluate(data, label, score)


if __name__ == "__main__":
    main(sys.argv[1:])
