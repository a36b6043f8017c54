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
from pathlib import Path

from retrieval_store import per_query  # bench/ is on the path: run as a script

from claims import search as matching
from claims.text import measures, ranking
from db.engine import Database


def candidate_features(db: Database, text: str, id_map: dict[int, str]):  # type: ignore[no-untyped-def]
    """The product's candidates for one query and their ranking features, by doc key."""
    try:
        norm, terms = matching.prepare_query(text)
    except matching.SearchError:
        return []
    q_idf, hits, _known = matching.candidate_stage(db, terms)
    best = max((h[1] for h in hits), default=1.0) or 1.0
    return [(id_map[i], ranking.features(norm, q_idf, t, max(bm, 0) / best)) for i, bm, t in hits]


def collect(folder: Path, splits: tuple[str, ...] = ("train", "dev")):  # type: ignore[no-untyped-def]
    return per_query(folder, candidate_features, splits)


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
