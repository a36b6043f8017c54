"""The CheckThat!-style retrieval corpus in a temporary store, walked query by query: the set-up
the retrieval tuning benches share (tune_retrieval.py, tune_related.py)."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Callable, TypeVar

from tqdm import tqdm

from claims.eval import retrieval as eval_retrieval
from db.engine import Database, open_database

T = TypeVar("T")


def per_query(folder: Path, fn: Callable[[Database, str, dict[int, str]], T],
              splits: tuple[str, ...] = ("train", "dev")) -> dict[str, list[tuple[T, set[str]]]]:
    """For each split, each query's fn(db, query text, statement id -> doc key) beside its relevant doc keys."""
    queries = {str(q["_id"]): q["text"] for q in eval_retrieval._jsonl(folder / "queries.jsonl")}
    docs = list(eval_retrieval._jsonl(folder / "corpus.jsonl"))
    out: dict[str, list[tuple[T, set[str]]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{Path(tmp) / 'tune.db'}")
        id_map = eval_retrieval.load_corpus(db, docs, folder.name)
        for split in splits:
            qrels = eval_retrieval.read_qrels(folder / "qrels" / f"{split}.tsv")
            out[split] = [(fn(db, queries[qid], id_map), rel)
                          for qid, rel in tqdm(qrels.items(), desc=f"{folder.name}/{split}", file=sys.stderr, leave=False)]
        db.dispose()
    return out
