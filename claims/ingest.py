"""Ingest workflow: files -> articles -> statements and claims in the database.

A file is read and checked whole first: a malformed row in a CSV stores nothing
of that file. Then each article is extracted outside any transaction and stored
in its own short one (a CSV of 4,000 rows never holds the write lock for long);
the result line says which articles were stored and why any was not.

Matching is not done here: the claims of each stored file are queued for the match
workers (claims.worker) after its commits; `wait=True` also empties the queue with
every core before returning.
"""
from __future__ import annotations

import hashlib
import json
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence

from sqlalchemy.orm import Session

from claims import accounts, fetch, match_cache, review, settings, worker
from claims.text import checkworthy_model, normalize
from claims.text.claimreview import map_rating
from claims.text.extract import extract_statements
from claims.text.readers import MAX_URL, METADATA_LIMITS, InputError, find_files, fit, html_articles, read_articles, shown
from claims.text.records import Article, ExtractedStatement
from db import queries
from db.engine import Database, DeskBusy, explain

# Limits of one article: the text behind them is not an article (a 10 MB line once became
# 175,439 statements and held the write lock for 37 s). Files are bounded by the readers.
MAX_STATEMENTS = 5_000
MAX_CLAIMS = 1_000


@dataclass
class ArticleResult:
    status: str  # added | duplicate
    source_id: int
    title: str
    statements: int = 0
    claims: int = 0


@dataclass
class FileResult:
    path: str
    # added | duplicate | error | partial (some articles stored, some refused: see message)
    status: str
    message: str = ""
    articles: list[ArticleResult] = field(default_factory=list)


@dataclass
class IngestSummary:
    files: list[FileResult] = field(default_factory=list)
    queued: int = 0  # claims handed to the match queue
    matching: Optional[worker.DrainResult] = None  # when the ingest also waited for the matching
    match_problem: str = ""  # the queue could not be written: claims stay unmatched until a rematch

    def count(self, what: str) -> int:
        arts = [a for f in self.files for a in f.articles]
        if what == "added":
            return sum(a.status == "added" for a in arts)
        if what == "duplicate":
            return sum(a.status == "duplicate" for a in arts)
        if what == "statements":
            return sum(a.statements for a in arts)
        if what == "claims":
            return sum(a.claims for a in arts)
        if what == "errors":
            return sum(f.status in ("error", "partial") for f in self.files)
        raise ValueError(what)

    def line(self) -> str:
        return (
            f"{len(self.files)} files, {self.count('added')} sources added, "
            f"{self.count('duplicate')} duplicates skipped, {self.count('statements')} statements, "
            f"{self.count('claims')} claims, {self.count('errors')} errors"
        )

    def matching_line(self) -> str:
        """What became of the matching: done, failed, or left to the workers."""
        if self.match_problem:
            return f"matching not queued: {self.match_problem}; run `claims rematch --missing`"
        if self.matching is not None:
            failed = self.matching.failed
            return (f"{self.queued} claims matched with {self.matching.processes} process(es)"
                    + (f"; {failed} match jobs failed, run `claims rematch --missing`" if failed else ""))
        return f"{self.queued} claims queued for matching: `claims worker` matches them" if self.queued else ""


def content_hash(text: str) -> str:
    """Whitespace-insensitive: re-wrapped copies of an article are duplicates."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def load_model(session: Session) -> object | None:
    """The newest trained check-worthiness model, if the desk trained one (None: the shipped
    default scores). A stored model that is not JSON data (an old pickle) raises
    checkworthy_model.ModelFormatError, a ValueError with a one-line reason; it is never unpickled."""
    row = queries.training.latest_checkworthy_model(session)
    if row is None:
        return None
    return checkworthy_model.load_model(row.blob)


def _statement_rows(source_id: int, extracted: list[ExtractedStatement], speaker_ids: dict[str, int]) -> list[dict]:
    return [
        {
            "source_id": source_id,
            "seq": i,
            "text": st.text,
            "start": st.start,
            "end": st.end,
            "paragraph": st.paragraph,
            "kind": st.kind,
            "speaker_id": speaker_ids.get(st.speaker) if st.speaker else None,
            "cue": fit(st.cue, 100),
            "stated_on": st.date,
            "date_text": fit(st.date_text, 200),
            "checkworthy": float(st.checkworthy),
            "reasons": json.dumps(st.reasons),
            "claim_text": st.claim_text,
            "claim_start": st.claim_start,
            "claim_end": st.claim_end,
            "context_start": st.context_start,
            "context_end": st.context_end,
            # Matching sees the claim text, never the attribution frame ("he said on May 7").
            "norm_text": normalize.index_text(st.claim_text),
        }
        for i, st in enumerate(extracted)
    ]


@dataclass
class Prepared:
    """An article with its statements extracted: all the slow work, done before any
    write transaction opens, so the write lock is held only to insert rows."""

    article: Article
    content_hash: str
    extracted: list[ExtractedStatement] = field(default_factory=list)
    note: str = ""  # what a limit changed, said in the file's result line


class ArticleTooLarge(ValueError):
    """An article beyond the limits of one article; the message says which and what to do."""


def article_hash(article: Article) -> str:
    # A fact-check's identity includes its publisher and rating: two outlets may
    # check the same sentence.
    key = article.text if article.factcheck is None else (
        f"{article.text}\n{article.outlet}\n{article.url}\n{article.factcheck.rating}")
    return content_hash(key)


def prepare_article(article: Article, *, threshold_value: float, model: object | None = None) -> Prepared:
    """Extract an article's statements (no database) and apply the per-article limits."""
    prepared = Prepared(article, article_hash(article))
    if article.factcheck is not None:
        return prepared
    extracted = extract_statements(article, threshold=threshold_value, model=model)
    if len(extracted) > MAX_STATEMENTS:
        raise ArticleTooLarge(f"{len(extracted):,} statements, more than the {MAX_STATEMENTS:,} one article may "
                              "hold: is it really one article? split it into several files")
    claims = sorted((i for i, st in enumerate(extracted) if st.is_claim),
                    key=lambda i: (-extracted[i].checkworthy, i))
    if len(claims) > MAX_CLAIMS:
        # Queue the most check-worthy; the rest stay statements (searchable, promotable).
        for i in claims[MAX_CLAIMS:]:
            extracted[i].is_claim = False
        prepared.note = f"only the {MAX_CLAIMS:,} most check-worthy of {len(claims):,} claims queued"
    prepared.extracted = extracted
    return prepared


def store_article(
    session: Session, article: Article, *, threshold_value: float, model: object | None = None
) -> ArticleResult:
    """Extract and store one article inside the caller's transaction (a duplicate adds
    nothing). Ingest itself extracts first and stores with store_prepared."""
    return store_prepared(session, prepare_article(article, threshold_value=threshold_value, model=model))


def store_prepared(session: Session, prepared: Prepared) -> ArticleResult:
    """Insert a prepared article inside the caller's (short) transaction."""
    article, h = prepared.article, prepared.content_hash
    existing = queries.sources.source_by_hash(session, h)
    if existing is not None:
        return ArticleResult("duplicate", existing.id, existing.title)
    if article.factcheck is not None:
        return _store_factcheck(session, article, h)
    extracted = prepared.extracted
    title = fit(article.title, METADATA_LIMITS["title"]) or article.text.strip().split("\n", 1)[0][:120]
    source_id = queries.sources.add_source(
        session,
        kind=article.kind,
        title=title,
        outlet=article.outlet,
        url=article.url,
        author=article.author,
        published=article.published,
        text=article.text,
        content_hash=h,
        filename=article.filename,
    )
    speaker_ids: dict[str, int] = {}
    for st in extracted:
        if st.speaker and st.speaker not in speaker_ids:
            speaker_ids[st.speaker] = queries.sources.add_speaker(
                session, source_id, fit(st.speaker, 300), fit(st.speaker_title, 500), st.speaker_kind or "person")
    ids = queries.sources.add_statements(session, _statement_rows(source_id, extracted, speaker_ids))
    n_claims = queries.claims.add_claims(session, [i for i, st in zip(ids, extracted) if st.is_claim])
    return ArticleResult("added", source_id, title, len(ids), n_claims)


def _store_factcheck(session: Session, article: Article, h: str) -> ArticleResult:
    """An imported fact-check: one statement, already a reviewed claim with its verdict."""
    fc = article.factcheck
    assert fc is not None
    labels = [r.label for r in queries.settings.ratings(session)]
    label = map_rating(fc, labels)
    source_id = queries.sources.add_source(
        session, kind="factcheck", title=article.title, outlet=article.outlet, url=article.url,
        author=article.author, published=article.published, text=article.text, content_hash=h,
        filename=article.filename,
    )
    speaker_ids = {}
    if fc.claimant:
        speaker_ids[fc.claimant] = queries.sources.add_speaker(session, source_id, fit(fc.claimant, 300), None, "person")
    statement = ExtractedStatement(
        text=article.text, start=0, end=len(article.text), paragraph=0,
        kind="indirect_quote" if fc.claimant else "narration", speaker=fc.claimant,
        date=article.published, checkworthy=1.0, reasons=[f"fact-checked by {article.outlet or 'a publisher'}"],
    )
    (sid,) = queries.sources.add_statements(session, _statement_rows(source_id, [statement], speaker_ids))
    queries.claims.add_claims(session, [sid], origin="import")
    claim = queries.claims.claim_for_statement(session, sid)
    assert claim is not None
    rationale = f"{article.outlet or 'The publisher'} rated this {fc.rating!r}."
    if article.url:
        rationale += f" {article.url}"
    if fc.review_body:
        # The publisher's own words, cut to what a rationale may hold.
        room = review.MAX_RATIONALE - len(rationale) - 1
        body = fc.review_body.strip()
        rationale += " " + (body if len(body) <= room else body[: room - 1] + "…")
    # Through review's one rule (scale, rationale, compare-and-set, history row);
    # the publisher's verdict closes the claim even where the desk's label is not final.
    review.apply_verdict(
        session, claim.id, verdict=label, rationale=rationale, reviewer_id=None,
        status="reviewed" if label else "in_review", action="import",
        note=f"imported fact-check; publisher's rating {fc.rating!r}" + ("" if label else " has no match on the scale"),
    )
    return ArticleResult("added", source_id, article.title, 1, 1)


def ingest_article(db: Database, article: Article) -> ArticleResult:
    with db.read() as s:
        t, model = settings.threshold(s), load_model(s)
    prepared = prepare_article(article, threshold_value=t, model=model)
    return db.transact(lambda s: store_prepared(s, prepared))


def ingest_paths(
    db: Database,
    paths: Iterable[str | Path],
    *,
    on_file: Optional[Callable[[FileResult], None]] = None,
    wait: bool = True,
    workers: Optional[int] = None,
) -> IngestSummary:
    """Ingest files and folders; each file in its own transaction. Never raises for bad input.

    Each file's claims are queued for matching after its commit; with `wait` (the default
    for callers in-process: the UI upload, tests) the queue is then emptied with `workers`
    processes (default every core), so the desk is fully matched on return."""
    files = list(find_files(list(paths)))
    summary = IngestSummary()
    refused = ""
    with db.read() as s:
        t = settings.threshold(s)
        try:
            model = load_model(s)
        except checkworthy_model.ModelFormatError as exc:  # stored nothing: every file says why
            model, refused = None, str(exc)
    seen_before: list[int] = []
    for path in files:
        result = FileResult(str(path), "error", refused) if refused else _ingest_file(db, path, t, model)
        seen_before += [a.source_id for a in result.articles if a.status == "duplicate"]
        _queue_matching(db, summary, result)
        if on_file:
            on_file(result)
    if seen_before and not summary.match_problem:
        _requeue_unmatched(db, seen_before, summary)
    if wait and summary.queued and not summary.match_problem:
        summary.matching = worker.drain(db, workers=workers)
    return summary


def _requeue_unmatched(db: Database, source_ids: list[int], summary: IngestSummary) -> None:
    """Ingesting an article again adds nothing, but resumes what a crash cut short: its claims
    that were committed and never matched (killed between the commit and the queue, or in
    the middle of a match job) are queued again, so re-running a command completes it."""
    unmatched = set(match_cache.unmatched_claims(db))
    if not unmatched:
        return
    ids = [c for c in match_cache.claims_of_sources(db, sorted(set(source_ids))) if c in unmatched]
    try:
        worker.enqueue(db, ids)
    except worker.QueueError as exc:
        summary.match_problem = str(exc)
        return
    summary.queued += len(ids)


def _queue_matching(db: Database, summary: IngestSummary, result: FileResult) -> None:
    """Add a file's result to the summary and queue the claims of its new sources for matching."""
    summary.files.append(result)
    added = [a.source_id for a in result.articles if a.status == "added"]
    if added and not summary.match_problem:
        try:
            ids = match_cache.claims_of_sources(db, added)
            worker.enqueue(db, ids)
            summary.queued += len(ids)
        except worker.QueueError as exc:
            summary.match_problem = str(exc)  # the claims stay matched_at NULL: "matching..."


def is_url(text: str) -> bool:
    """Whether a command-line argument or a typed value means a web address, not a file."""
    return "://" in text[:16]


def may_add(db: Database, by: Optional[str]) -> None:
    """`by` (the account acting in the UI) may add articles, else accounts.AccountError saying
    why and nothing is read. None is the operator at the desk's own command line."""
    if by is not None:
        accounts.authorize(db, by, "ingest")


def ingest_url(db: Database, url: str, *, wait: bool = True, workers: Optional[int] = None,
               timeout: float = fetch.TIMEOUT, max_bytes: int = fetch.MAX_PAGE_BYTES,
               allow_private: Optional[bool] = None, by: Optional[str] = None) -> IngestSummary:
    """Fetch one news page (http or https, at most `max_bytes`, within `timeout` seconds) and
    ingest its main text as an HTML file is ingested. Never raises for a bad address or page:
    the summary's one result says why in one line, and nothing is stored. `by`: see may_add."""
    may_add(db, by)
    summary = IngestSummary()
    name = shown(url.strip())[:300]
    try:
        page = fetch.fetch(url, timeout=timeout, max_bytes=max_bytes, allow_private=allow_private)
        articles = html_articles(page.html, page.url)
    except fetch.FetchError as exc:
        result = FileResult(name, "error", str(exc))
    except InputError as exc:
        result = FileResult(name, "error", exc.problem)
    else:
        # The address is where the article lives; a page that names its own canonical URL keeps it.
        articles = [replace(a, url=a.url or (page.url if len(page.url) <= MAX_URL else None), filename=None)
                    for a in articles]
        with db.read() as s:
            t, model = settings.threshold(s), load_model(s)
        result = _store_articles(db, name, articles, t, model)
    _queue_matching(db, summary, result)
    if wait and summary.queued and not summary.match_problem:
        summary.matching = worker.drain(db, workers=workers)
    return summary


def source_count(db: Database) -> int:
    with db.read() as s:
        return queries.sources.count_sources(s)


def planned_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files `ingest_paths` will read, for a progress bar's total."""
    return list(find_files(list(paths)))


def _ingest_file(db: Database, path: Path, t: float, model: object | None) -> FileResult:
    """One file: read and check it whole (a malformed file stores nothing), then each
    article is extracted outside any transaction and stored in its own short one."""
    try:
        articles = read_articles(path)
    except InputError as exc:
        return FileResult(shown(path), "error", exc.problem)
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop the batch
        return FileResult(shown(path), "error", f"could not be read ({type(exc).__name__})")
    return _store_articles(db, shown(path), articles, t, model)


def _store_articles(db: Database, name: str, articles: list[Article], t: float, model: object | None) -> FileResult:
    """Each article of one file (or page) extracted outside any transaction, stored in its own."""
    results: list[ArticleResult] = []
    problems: list[str] = []
    notes: list[str] = []
    many = len(articles) > 1
    for n, article in enumerate(articles, start=1):
        where = f"article {n}: " if many else ""
        try:
            prepared = prepare_article(article, threshold_value=t, model=model)
            results.append(db.transact(lambda s, p=prepared: store_prepared(s, p)))  # type: ignore[misc]
            if prepared.note:
                notes.append(where + prepared.note)
        except ArticleTooLarge as exc:
            problems.append(f"{where}not stored: {exc}")
        except DeskBusy as exc:
            problems.append(f"{where}not stored: {exc}")
        except Exception as exc:  # noqa: BLE001 - never the database's own words (SQL, the article's text)
            problems.append(f"{where}not stored: {explain(exc) or f'could not be ingested ({type(exc).__name__})'}")
    added = [r for r in results if r.status == "added"]
    # Matching: ingest_paths queues the claims of the added sources after this returns.
    dup = len(results) - len(added)
    if problems:
        stored = f"{len(results)} of {len(articles)} articles stored" if many else ""
        status = "partial" if results else "error"
        return FileResult(name, status, "; ".join(filter(None, [stored, *problems, *notes])), results)
    msg = f"{len(added)} added" + (f", {dup} duplicate" if dup else "")
    if not added and len(results) == 1:
        msg = f"duplicate of source {results[0].source_id} ({results[0].title})"
    return FileResult(name, "added" if added else "duplicate", "; ".join([msg, *notes]), results)


def bulk_load_factchecks(db: Database, title: str, rows: Sequence[tuple[str, str, Optional[str]]]) -> list[int]:
    """A corpus of fact-checked claims as one source, for evaluations and benchmarks:
    rows of (text, norm_text, speaker). No extraction, no matching; statement ids in order."""
    content_hash = hashlib.sha256(f"corpus:{title}".encode()).hexdigest()
    with db.write() as session:
        return queries.sources.bulk_load_factchecks(session, title=title, content_hash=content_hash, rows=rows)


def _upload_name(name: str, used: set[str]) -> str:
    # Keep the uploaded name (the reader picks the format by its suffix) but never a
    # path: "../../x.md" is written as "x.md" inside the temporary folder.
    base = Path(name.replace("\\", "/")).name or "upload.txt"
    stem, suffix, n = Path(base).stem, Path(base).suffix, 1
    while base in used:
        n += 1
        base = f"{stem}-{n}{suffix}"
    used.add(base)
    return base


def ingest_uploads(db: Database, files: Sequence[tuple[str, bytes]], *,
                   on_file: Optional[Callable[[FileResult], None]] = None, by: Optional[str] = None) -> IngestSummary:
    """Files handed over as (name, content), e.g. by a browser upload: written to a private
    temporary folder under their own base names, ingested like files on disk, then removed.
    Results name the uploaded file, never the temporary path. `by`: see may_add."""
    may_add(db, by)
    # wait: the upload page drains the match queue in this process (or with every core
    # for a large upload), so uploaded claims are matched when the page reports them.
    with tempfile.TemporaryDirectory(prefix="claimdesk-upload-") as tmp:
        used: set[str] = set()
        paths = []
        for name, data in files:
            path = Path(tmp) / _upload_name(name, used)
            path.write_bytes(data)
            paths.append(path)

        def named(r: FileResult) -> None:
            r.path = Path(r.path).name
            if on_file:
                on_file(r)

        return ingest_paths(db, paths, on_file=named)
