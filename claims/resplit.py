"""Resplit workflow: sources stored before sentence-level statements become sentence-level claims.

Migration 0006 adds the claim-text columns and records (settings RESPLIT_UPTO) the last source
stored before them; db/ cannot extract text, so the split happens here, after `claims init`
migrated: each such source is re-extracted and stored in its own short transaction. Every
verdict, evidence link and history row stays on the claim it belonged to.
"""
from __future__ import annotations

import bisect
import json
from dataclasses import dataclass
from typing import Any, Callable, Optional

from sqlalchemy.orm import Session

from claims import match_cache, settings, worker
from claims.ingest import load_model
from claims.text import normalize
from claims.text.extract import extract_statements
from claims.text.readers import fit
from claims.text.records import Article, ExtractedStatement
from db import queries
from db.engine import Database, DeskBusy

RESPLIT_UPTO = "resplit_sources_upto"  # written by migration 0006
RESPLIT_DONE = "resplit_sources_done"  # the last source id re-extracted (an interrupted run resumes)
SPLIT_NOTE = "split from a multi-sentence quote; verdict kept on the first sentence"
SPLIT_NOTE_UNRATED = "split from a multi-sentence quote; the claim is now its first sentence"


@dataclass
class ResplitResult:
    sources: int = 0  # sources re-extracted
    split: int = 0  # old statements split into sentences
    added: int = 0  # statements added (the other sentences of the split ones)
    claims: int = 0  # claims added for those sentences
    queued: int = 0  # claims queued for matching again
    match_problem: str = ""

    def line(self) -> str:
        return (f"{self.sources} sources re-extracted to sentence-level claims: {self.split} multi-sentence "
                f"statements split, {self.added} statements and {self.claims} claims added")


def resplit_pending(db: Database) -> list[int]:
    """Sources stored before sentence-level statements that are not re-extracted yet."""
    with db.read() as s:
        upto = queries.settings.get_setting(s, RESPLIT_UPTO)
        if upto is None:
            return []
        done = int(queries.settings.get_setting(s, RESPLIT_DONE) or 0)
        return queries.sources.article_ids_between(s, done, int(upto))


def resplit_sources(db: Database, *, on_source: Optional[Callable[[int], None]] = None) -> ResplitResult:
    """Re-extract the sources stored before sentence-level statements, one short transaction
    each, keeping every verdict, evidence link and history row where it was.

    An old statement that the extraction now splits into several sentences keeps its row
    (and so its id, its claim, the evidence pointing at it) for the first sentence; the other
    sentences are new rows carrying the old statement's speaker, kind, cue and date. A claim
    on it gets a history row by the system (no reviewer) saying so. Statements the extraction
    no longer finds are kept as they are (history is append-only; nothing is deleted).
    The claims of the desk are then queued for matching on their claim text."""
    result = ResplitResult()
    pending = resplit_pending(db)
    if not pending:
        _resplit_finished(db)
        return result
    with db.read() as s:
        t, model = settings.threshold(s), load_model(s)
    for source_id in pending:
        with db.read() as s:
            src = queries.sources.source(s, source_id)
        if src is not None:
            article = Article(text=src["text"], title=src["title"], outlet=src["outlet"], url=src["url"],
                              author=src["author"], published=src["published"], kind=src["kind"],
                              filename=src["filename"])
            extracted = extract_statements(article, threshold=t, model=model)  # outside the write lock
            split, added, claims = db.transact(lambda s, i=source_id, e=extracted: _resplit_one(s, i, e))  # type: ignore[misc]
            result.sources += 1
            result.split += split
            result.added += added
            result.claims += claims
        else:
            db.transact(lambda s, i=source_id: queries.settings.set_setting(s, RESPLIT_DONE, str(i)))  # type: ignore[misc]
        if on_source:
            on_source(source_id)
    _resplit_finished(db)
    if result.split or result.added:
        # Every cached match was computed on sentences with their frame: match again on claim text.
        try:
            ids = match_cache.all_claims(db)
            worker.enqueue(db, ids)
            result.queued = len(ids)
        except worker.QueueError as exc:
            result.match_problem = str(exc)
    return result


def _resplit_finished(db: Database) -> None:
    def clear(s: Session) -> None:
        if not queries.sources.article_ids_between(
                s, int(queries.settings.get_setting(s, RESPLIT_DONE) or 0),
                int(queries.settings.get_setting(s, RESPLIT_UPTO) or 0)):
            queries.settings.delete_setting(s, RESPLIT_UPTO)
            queries.settings.delete_setting(s, RESPLIT_DONE)

    with db.read() as s:
        if queries.settings.get_setting(s, RESPLIT_UPTO) is None:
            return
    db.transact(clear)


def _resplit_one(session: Session, source_id: int, extracted: list[ExtractedStatement]) -> tuple[int, int, int]:
    """One source inside the caller's transaction: (statements split, statements added, claims added)."""
    old = queries.sources.statements_for_resplit(session, source_id)
    starts = [o.start for o in old]
    groups: dict[int, list[ExtractedStatement]] = {}  # old statement index -> its new sentences
    orphans: list[ExtractedStatement] = []  # sentences no old statement holds
    for st in extracted:
        # the old statement this sentence overlaps most (old boundaries may differ by a quote mark)
        i = bisect.bisect_left(starts, st.end) - 1  # the last old statement starting before it ends
        best, best_overlap = -1, 0
        while i >= 0:
            overlap = min(old[i].end, st.end) - max(old[i].start, st.start)
            if overlap > best_overlap:
                best, best_overlap = i, overlap
            if old[i].start <= st.start:
                break  # the ones before begin (and, not overlapping each other, end) earlier still
            i -= 1
        if best >= 0:
            groups.setdefault(best, []).append(st)
        else:
            orphans.append(st)
    split = added = new_claims = 0

    def fields(st: ExtractedStatement) -> dict[str, Any]:
        return {
            "text": st.text, "start": st.start, "end": st.end, "paragraph": st.paragraph,
            "checkworthy": float(st.checkworthy), "reasons": json.dumps(st.reasons),
            "claim_text": st.claim_text, "claim_start": st.claim_start, "claim_end": st.claim_end,
            "context_start": st.context_start, "context_end": st.context_end,
            "norm_text": normalize.index_text(st.claim_text),
        }

    for i, sentences in groups.items():
        o, first = old[i], sentences[0]
        if len(sentences) == 1:
            if (first.start, first.end) == (o.start, o.end):
                # the same unit: only its claim text and context are new
                values = fields(first)
                for key in ("text", "paragraph", "checkworthy", "reasons"):
                    values.pop(key)
                queries.sources.update_statement(session, o.id, **values)
            continue  # a sentence cut differently from before: the old row stays as it was
        split += 1
        queries.sources.update_statement(session, o.id, **fields(first))
        attribution = {"speaker_id": o.speaker_id, "kind": o.kind, "cue": o.cue,
                       "stated_on": o.stated_on, "date_text": o.date_text}
        for st in sentences[1:]:
            sid = queries.sources.add_statement(session, source_id=source_id, seq=0, **attribution, **fields(st))
            added += 1
            if st.is_claim:
                queries.claims.add_claims(session, [sid])
                new_claims += 1
                if o.claim_id is not None:
                    claim = queries.claims.claim_for_statement(session, sid)
                    assert claim is not None
                    queries.history.add_history(session, claim.id, "split", None,
                                                note=f"split from claim {o.claim_id} (a multi-sentence quote)")
        if o.claim_id is not None:
            note = SPLIT_NOTE if o.verdict is not None else SPLIT_NOTE_UNRATED
            if not queries.claims.update_claim(session, o.claim_id, o.version, matched_at=None):
                raise DeskBusy("a claim changed while its source was re-extracted; run `claims resplit` again")
            queries.history.add_history(
                session, o.claim_id, "split", None, old_verdict=o.verdict, new_verdict=o.verdict,
                old_status=o.status, new_status=o.status, note=f"{note}. The quote was: {o.text}")
    for st in orphans:
        speaker = (queries.sources.speaker_id(session, source_id, fit(st.speaker, 300) or "", fit(st.speaker_title, 500),
                                              st.speaker_kind or "person") if st.speaker else None)
        sid = queries.sources.add_statement(
            session, source_id=source_id, seq=0, speaker_id=speaker, kind=st.kind, cue=fit(st.cue, 100),
            stated_on=st.date, date_text=fit(st.date_text, 200), **fields(st))
        added += 1
        if st.is_claim:
            queries.claims.add_claims(session, [sid])
            new_claims += 1
    if split or added:
        queries.sources.renumber_statements(session, source_id)
    queries.settings.set_setting(session, RESPLIT_DONE, str(source_id))
    return split, added, new_claims
