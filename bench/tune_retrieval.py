"""Tune the re-ranking fusion weights on a BEIR folder's train split, check on dev.

    python bench/tune_retrieval.py ../shared/data/retrieval/checkthat2020-2a-en [...more]

Candidates come from the same stage-one code as `claims search` (claims.search.
candidate_stage over a fresh temporary database loaded by claims.eval.retrieval);
the features are claims.text.ranking.features. Prints MAP@5 of the current default
weights and of the best grid point, per split, so a change can be judged on dev.
"""
from __future__ import annotations

import itertools
import sys
import tempfile
from pathlib import Path

from tqdm import tqdm

from claims import search as matching
from claims.eval import retrieval as eval_retrieval
from claims.text import measures, ranking
from db.engine import open_database


def collect(folder: Path, splits: tuple[str, ...] = ("train", "dev")):  # type: ignore[no-untyped-def]
    queries = {str(q["_id"]): q["text"] for q in eval_retrieval._jsonl(folder / "queries.jsonl")}
    docs = list(eval_retrieval._jsonl(folder / "corpus.jsonl"))
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{Path(tmp) / 'tune.db'}")
        id_map = eval_retrieval.load_corpus(db, docs, folder.name)
        for split in splits:
            qrels = eval_retrieval.read_qrels(folder / "qrels" / f"{split}.tsv")
            rows = []
            for qid, rel in tqdm(qrels.items(), desc=f"{folder.name}/{split}", file=sys.stderr, leave=False):
                try:
                    norm, terms = matching.prepare_query(queries[qid])
                except matching.SearchError:
                    rows.append(([], rel))
                    continue
                q_idf, hits, _known = matching.candidate_stage(db, terms)
                best = max((h[1] for h in hits), default=1.0) or 1.0
                feats = [(id_map[i], ranking.features(norm, q_idf, text, max(bm, 0) / best))
                         for i, bm, text in hits]
                rows.append((feats, rel))
            out[split] = rows
        db.dispose()
    return out


def map_at(rows, w: ranking.Weights, k: int = 5) -> float:  # type: ignore[no-untyped-def]
    total = 0.0
    for feats, rel in rows:
        ranked = [d for d, f in sorted(feats, key=lambda x: -x[1].fused(w))]
        total += measures.average_precision_at(ranked, rel, k)
    return total / len(rows) if rows else 0.0


GRID = [0.0, 0.1, 0.2, 0.4]  # weights of the fuzzy features; the full-text score keeps 1.0


def main(folders: list[str]) -> None:
    data = {Path(f).name: collect(Path(f)) for f in folders}
    results = []
    for o, t, p in itertools.product(GRID, repeat=3):
        w = ranking.Weights(1.0, o, t, p)
        train = [map_at(d["train"], w) for d in data.values()]
        results.append((sum(train) / len(train), w, train))
    results.sort(key=lambda r: -r[0])
    default = ranking.DEFAULT_WEIGHTS
    for name, d in data.items():
        print(f"{name}: default {default} train {map_at(d['train'], default):.4f} dev {map_at(d['dev'], default):.4f}")
    for _mean, w, train in results[:5]:
        devs = [map_at(d["dev"], w) for d in data.values()]
        print(f"{w}: train {' '.join(f'{x:.4f}' for x in train)} dev {' '.join(f'{x:.4f}' for x in devs)}")


if __name__ == "__main__":
    main(sys.argv[1:])
