"""`claims eval retrieval DIR --split dev`: claim-matching quality on a BEIR folder.

The corpus is loaded into a fresh temporary SQLite database through the same
normalisation, full-text index and search code the workbench uses, then every
query of the split is searched and scored: MAP@k (the CheckThat! measure,
k=5), MRR@10, Recall@50 and queries per second.

Each query is scored twice in the same run: alone (the baseline), and in
context as the workbench searches a claim, when the folder gives context:
queries that sit in a document (CheckThat! debate ids "<debate>_<line>") get
the queries near them as neighbours and the document's speaker (named by a
"speaker" field, or estimated from the document's own first hits).
"""
from __future__ import annotations

import json
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional, Sequence

from claims import ingest
from claims import search as matching
from claims.eval.progress import NoBar
from claims.text import normalize, ranking
from claims.text.measures import average_precision_at, recall_at, reciprocal_rank
from db.engine import Database, open_database

DEPTH = 50  # results fetched per query (Recall@50)


class EvalDataError(ValueError):
    """A BEIR folder that cannot be read, with the reason."""


@dataclass
class Scores:
    map_k: float
    mrr_10: float
    recall_50: float
    queries_per_s: float


@dataclass
class RetrievalReport:
    name: str
    split: str
    k: int
    queries: int
    corpus: int
    plain: Scores  # each query searched alone: the baseline
    load_s: float
    # Each query with its context (the queries near it in its document, the
    # document's speaker), as the workbench searches a claim; None when the
    # folder gives no query any context.
    in_context: Optional[Scores] = None
    with_neighbours: int = 0  # judged queries that had at least one neighbour
    speakers: str = ""  # where the speakers came from
    note: str = ""  # why there is no in-context pass

    @property
    def best(self) -> Scores:
        return self.in_context or self.plain

    def lines(self) -> list[str]:
        out = [
            f"{self.name} [{self.split}]: {self.queries} queries, {self.corpus} documents "
            f"(loaded and indexed in {self.load_s:.1f} s)",
        ]
        if self.in_context is None:
            p = self.plain
            if self.note:
                out.append(self.note)
            return out + [f"MAP@{self.k}      {p.map_k:.4f}", f"MRR@10     {p.mrr_10:.4f}",
                          f"Recall@50  {p.recall_50:.4f}", f"queries/s  {p.queries_per_s:.1f}"]
        p, c = self.plain, self.in_context
        ratio = c.map_k / p.map_k if p.map_k else float("nan")
        return out + [
            "each query searched alone, and in context as the claim page searches a claim: with",
            f"  neighbours (queries within {NEIGHBOUR_LINES} lines of its document): {self.with_neighbours} "
            f"of {self.queries} queries",
            f"  a speaker: {self.speakers}",
            f"{'':11}{'in context':>11}{'alone':>9}",
            f"MAP@{self.k:<7}{c.map_k:>11.4f}{p.map_k:>9.4f}   (x{ratio:.2f})",
            f"{'MRR@10':<11}{c.mrr_10:>11.4f}{p.mrr_10:>9.4f}",
            f"{'Recall@50':<11}{c.recall_50:>11.4f}{p.recall_50:>9.4f}",
            f"{'queries/s':<11}{c.queries_per_s:>11.1f}{p.queries_per_s:>9.1f}",
        ]



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
    """Bulk-load documents as statements of one fact-check source, with their
    speakers when the corpus names them; statement id -> doc id."""
    docs = list(docs)
    rows = []
    for doc in docs:
        rows.append((doc.get("text") or doc.get("title") or "", doc_index_text(doc), str(doc.get("speaker") or "") or None))
        if progress:
            progress(1)
    ids = ingest.bulk_load_factchecks(db, name, rows)
    return {sid: str(doc["_id"]) for sid, doc in zip(ids, docs)}


# --- query context --------------------------------------------------------------------

# Queries within this many lines of each other in one document are neighbours
# (CheckThat! 2021-2b train: 5-20 lines all within 0.005 MAP@5; the workbench uses
# claims within matching.NEIGHBOUR_WINDOW statements).
NEIGHBOUR_LINES = 10
# "<document>_<line number>": how CheckThat! names a debate sentence.
_DOC_LINE = re.compile(r"^(?P<doc>.+)_(?P<line>\d+)$")


@dataclass(frozen=True)
class QueryPlace:
    document: str
    line: int


def query_place(query: Mapping[str, object]) -> Optional[QueryPlace]:
    """Where a query sits: its "document" and "line" fields, or an id of the
    form <document>_<line> (debate sentences). None for a stand-alone query (a tweet)."""
    doc, line = query.get("document"), query.get("line")
    if doc is not None and isinstance(line, int):
        return QueryPlace(str(doc), line)
    m = _DOC_LINE.match(str(query.get("_id", "")))
    return QueryPlace(m["doc"], int(m["line"])) if m else None


def neighbours(qid: str, places: Mapping[str, QueryPlace], *,
               lines: int = NEIGHBOUR_LINES, limit: int = matching.MAX_NEIGHBOURS) -> list[str]:
    """Ids of the queries near `qid` in its document, nearest first."""
    here = places.get(qid)
    if here is None:
        return []
    near = [(abs(p.line - here.line), p.line, q) for q, p in places.items()
            if q != qid and p.document == here.document and abs(p.line - here.line) <= lines]
    return [q for _d, _l, q in sorted(near)[:limit]]


def document_speakers(places: Mapping[str, QueryPlace],
                      top_hits: Mapping[str, Optional[matching.Match]]) -> dict[str, str]:
    """The likeliest speaker of each query when the data does not name it: the
    speaker whose fact-checks are the best first hits of the *other* queries of
    its document, summed by score (a query's own first hit does not vote for
    itself). A debate transcript names its speakers and the workbench knows a
    claim's speaker; this BEIR layout does not, so the evaluation estimates it
    from its own searches (no judgements used)."""
    votes: dict[str, dict[str, float]] = {}
    for qid, hit in top_hits.items():
        place = places.get(qid)
        if place is None or hit is None or not hit.speaker:
            continue
        doc_votes = votes.setdefault(place.document, {})
        doc_votes[hit.speaker] = doc_votes.get(hit.speaker, 0.0) + hit.score
    out: dict[str, str] = {}
    for qid, place in places.items():
        doc_votes = dict(votes.get(place.document, {}))
        own = top_hits.get(qid)
        if own is not None and own.speaker and own.speaker in doc_votes:
            doc_votes[own.speaker] -= own.score
        doc_votes = {name: v for name, v in doc_votes.items() if v > 1e-9}
        if doc_votes:
            out[qid] = max(sorted(doc_votes), key=lambda name: doc_votes[name])
    return out


# --- evaluation -------------------------------------------------------------------------

def _scores(runs: Sequence[tuple[list[str], set[str]]], k: int, spent: float) -> Scores:
    n = len(runs)
    return Scores(
        map_k=sum(average_precision_at(r, rel, k) for r, rel in runs) / n,
        mrr_10=sum(reciprocal_rank(r, rel, 10) for r, rel in runs) / n,
        recall_50=sum(recall_at(r, rel, 50) for r, rel in runs) / n,
        queries_per_s=n / spent if spent else 0.0,
    )


def evaluate(
    folder: Path, split: str, *, k: int = 5, db_url: Optional[str] = None,
    progress_factory: Optional[Callable[..., Any]] = None,
    use_context: bool = True,
    context_weights: ranking.ContextWeights = ranking.DEFAULT_CONTEXT_WEIGHTS,
) -> RetrievalReport:
    """Load the folder's corpus into a fresh database and score the split's
    queries alone and, where the data gives them one, in context."""
    folder = Path(folder)
    qrels = read_qrels(folder / "qrels" / f"{split}.tsv")
    if not qrels:
        raise EvalDataError(f"no relevance judgements in {folder / 'qrels' / (split + '.tsv')}")
    query_rows = {str(q["_id"]): q for q in _jsonl(folder / "queries.jsonl")}
    queries = {qid: str(q.get("text") or "") for qid, q in query_rows.items()}
    docs = list(_jsonl(folder / "corpus.jsonl"))
    missing = [q for q in qrels if q not in queries]
    if missing:
        raise EvalDataError(f"{len(missing)} judged queries missing from queries.jsonl, e.g. {missing[0]}")
    places = {qid: p for qid, q in query_rows.items() if (p := query_place(q)) is not None}
    bar = progress_factory or (lambda **kw: NoBar())

    def run(db: Database, qids: Iterable[str], desc: str, limit: int,
            context: Callable[[str], Optional[matching.ClaimContext]]) -> tuple[dict[str, list[matching.Match]], float]:
        qids = list(qids)
        found: dict[str, list[matching.Match]] = {}
        spent = 0.0
        with bar(total=len(qids), desc=desc, unit="query") as pb:
            for qid in qids:
                t = time.perf_counter()
                try:
                    found[qid] = matching.search(db, queries[qid], limit=limit, context=context(qid),
                                                 context_weights=context_weights)
                except matching.SearchError:
                    found[qid] = []
                spent += time.perf_counter() - t
                pb.update(1)
        return found, spent

    with tempfile.TemporaryDirectory(prefix="claims-eval-") as tmp:
        db = open_database(db_url or f"sqlite:///{Path(tmp) / 'eval.db'}")
        try:
            t0 = time.perf_counter()
            with bar(total=len(docs), desc="indexing", unit="doc") as pb:
                id_map = load_corpus(db, docs, folder.name, progress=pb.update)
            load_s = time.perf_counter() - t0

            def ranked(hits: list[matching.Match]) -> list[str]:
                return [id_map[h.statement_id] for h in hits if h.statement_id in id_map]

            alone, spent = run(db, qrels, "searching alone", DEPTH, lambda q: None)
            plain = _scores([(ranked(alone[q]), rel) for q, rel in qrels.items()], k, spent)
            report = RetrievalReport(name=folder.name, split=split, k=k, queries=len(qrels),
                                     corpus=len(docs), plain=plain, load_s=load_s)
            judged_docs = {places[q].document for q in qrels if q in places}
            if not use_context:
                report.note = "queries searched alone only (context not asked for)"
                return report
            if not judged_docs:
                report.note = ('no context: the queries stand alone (no "<document>_<line>" ids '
                               'or "document"/"line" fields)')
                return report
            # The other queries of the judged queries' documents: their first hits
            # vote for the document's speaker when the data does not name one.
            given = {qid: str(q["speaker"]) for qid, q in query_rows.items() if q.get("speaker")}
            others = [q for q, p in places.items() if p.document in judged_docs and q not in alone]
            firsts, _ = run(db, others, "reading documents", 1, lambda q: None)
            top = {q: (hits[0] if hits else None) for q, hits in {**alone, **firsts}.items() if q in places}
            estimated = {q: name for q, name in document_speakers(places, top).items() if q not in given}
            near = {q: neighbours(q, places) for q in qrels}

            def context(qid: str) -> matching.ClaimContext:
                return matching.ClaimContext(neighbours=tuple((None, queries[n]) for n in near[qid]),
                                             speaker=given.get(qid) or estimated.get(qid))

            hits, spent = run(db, qrels, "searching in context", DEPTH, context)
            report.in_context = _scores([(ranked(hits[q]), rel) for q, rel in qrels.items()], k, spent)
            report.with_neighbours = sum(1 for q in qrels if near[q])
            named = sum(1 for q in qrels if q in given)
            guessed = sum(1 for q in qrels if q not in given and q in estimated)
            report.speakers = (f"named for {named}, estimated for {guessed} of them (the speaker of the "
                               f"best first hits of the other queries of their document)")
            return report
        finally:
            db.dispose()

