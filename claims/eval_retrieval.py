"""`claims eval retrieval DIR --split dev`: claim-matching quality on a BEIR folder.

The corpus is loaded into a fresh temporary SQLite database through the same
normalisation, full-text index and search code the workbench uses, then every
query of the split is searched and scored: MAP@k (the CheckThat! measure,
k=5), MRR@10, Recall@50 and queries per second.
"""
from __future__ import annotations

import hashlib
import json
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Optional, Sequence

from sqlalchemy import select

from claims import matching, normalize
from db import fts, search_queries
from db.engine import Database, open_database
from db.models import Source, Statement

DEPTH = 50  # results fetched per query (Recall@50)


class EvalDataError(ValueError):
    """A BEIR folder that cannot be read, with the reason."""


@dataclass
class RetrievalReport:
    name: str
    split: str
    k: int
    queries: int
    corpus: int
    map_k: float
    mrr_10: float
    recall_50: float
    queries_per_s: float
    load_s: float

    def lines(self) -> list[str]:
        return [
            f"{self.name} [{self.split}]: {self.queries} queries, {self.corpus} documents "
            f"(loaded and indexed in {self.load_s:.1f} s)",
            f"MAP@{self.k}      {self.map_k:.4f}",
            f"MRR@10     {self.mrr_10:.4f}",
            f"Recall@50  {self.recall_50:.4f}",
            f"queries/s  {self.queries_per_s:.1f}",
        ]


# --- pure measures --------------------------------------------------------------

def average_precision(ranked: Sequence[str], relevant: set[str], k: int) -> float:
    """AP@k with the CheckThat! denominator min(|relevant|, k)."""
    if not relevant:
        return 0.0
    hits, total = 0, 0.0
    for i, doc in enumerate(ranked[:k], 1):
        if doc in relevant:
            hits += 1
            total += hits / i
    return total / min(len(relevant), k)


def reciprocal_rank(ranked: Sequence[str], relevant: set[str], k: int = 10) -> float:
    for i, doc in enumerate(ranked[:k], 1):
        if doc in relevant:
            return 1.0 / i
    return 0.0


def recall(ranked: Sequence[str], relevant: set[str], k: int = 50) -> float:
    return len(set(ranked[:k]) & relevant) / len(relevant) if relevant else 0.0


# --- BEIR folder --------------------------------------------------------------------

def _jsonl(path: Path) -> Iterator[dict]:
    if not path.is_file():
        raise EvalDataError(f"missing file: {path}")
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise EvalDataError(f"{path}:{n}: not JSON ({exc.msg})") from exc


def read_qrels(path: Path) -> dict[str, set[str]]:
    if not path.is_file():
        raise EvalDataError(f"missing file: {path}")
    out: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) >= 3 and parts[2].strip() not in ("", "0"):
            out.setdefault(parts[0], set()).add(parts[1])
    return out


def doc_index_text(doc: Mapping[str, str]) -> str:
    """What a fact-check is indexed by: its title and its claim."""
    return normalize.index_text(f"{doc.get('title') or ''} {doc.get('text') or ''}")


def load_corpus(db: Database, docs: Iterable[Mapping[str, str]], name: str,
                progress: Optional[Callable[[int], None]] = None) -> dict[int, str]:
    """Bulk-load documents as statements of one fact-check source; statement id -> doc id."""
    docs = list(docs)
    with db.write() as session:
        src = Source(kind="factcheck", title=name, text="",
                     content_hash=hashlib.sha256(f"eval:{name}".encode()).hexdigest())
        session.add(src)
        session.flush()
        fts.drop_triggers(session.connection())
        batch: list[dict] = []
        for doc in docs:
            batch.append({"text": doc.get("text") or doc.get("title") or "",
                          "norm_text": doc_index_text(doc)})
            if progress:
                progress(1)
        search_queries.bulk_add_statements(session, src.id, batch)
        fts.rebuild(session)
        ids = session.scalars(select(Statement.id).where(Statement.source_id == src.id)
                              .order_by(Statement.seq)).all()
    return {sid: str(doc["_id"]) for sid, doc in zip(ids, docs)}


def evaluate(
    folder: Path, split: str, *, k: int = 5, db_url: Optional[str] = None,
    progress_factory: Optional[Callable[..., object]] = None,
    search: Callable[..., list[matching.Match]] = matching.search,
) -> RetrievalReport:
    """Load the folder's corpus into a fresh database and score the split's queries."""
    folder = Path(folder)
    qrels = read_qrels(folder / "qrels" / f"{split}.tsv")
    if not qrels:
        raise EvalDataError(f"no relevance judgements in {folder / 'qrels' / (split + '.tsv')}")
    queries = {str(q["_id"]): q["text"] for q in _jsonl(folder / "queries.jsonl")}
    docs = list(_jsonl(folder / "corpus.jsonl"))
    missing = [q for q in qrels if q not in queries]
    if missing:
        raise EvalDataError(f"{len(missing)} judged queries missing from queries.jsonl, e.g. {missing[0]}")
    bar = progress_factory or (lambda **kw: _NoBar())
    with tempfile.TemporaryDirectory(prefix="claims-eval-") as tmp:
        db = open_database(db_url or f"sqlite:///{Path(tmp) / 'eval.db'}")
        try:
            t0 = time.perf_counter()
            with bar(total=len(docs), desc="indexing", unit="doc") as pb:  # type: ignore[attr-defined]
                id_map = load_corpus(db, docs, folder.name, progress=pb.update)  # type: ignore[attr-defined]
            load_s = time.perf_counter() - t0
            aps, rrs, recs = [], [], []
            spent = 0.0
            with bar(total=len(qrels), desc="searching", unit="query") as pb:  # type: ignore[attr-defined]
                for qid, relevant in qrels.items():
                    t = time.perf_counter()
                    try:
                        hits = search(db, queries[qid], limit=DEPTH)
                    except matching.SearchError:
                        hits = []
                    spent += time.perf_counter() - t
                    ranked = [id_map[h.statement_id] for h in hits if h.statement_id in id_map]
                    aps.append(average_precision(ranked, relevant, k))
                    rrs.append(reciprocal_rank(ranked, relevant, 10))
                    recs.append(recall(ranked, relevant, 50))
                    pb.update(1)  # type: ignore[attr-defined]
        finally:
            db.dispose()
    n = len(qrels)
    return RetrievalReport(
        name=folder.name, split=split, k=k, queries=n, corpus=len(docs),
        map_k=sum(aps) / n, mrr_10=sum(rrs) / n, recall_50=sum(recs) / n,
        queries_per_s=n / spent if spent else 0.0, load_s=load_s,
    )


class _NoBar:
    def __enter__(self) -> "_NoBar":
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, n: int = 1) -> None:
        return None
