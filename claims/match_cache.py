"""Match cache workflow: each claim is matched against every stored statement and its
top matches are kept, so the queue can show and filter "has contradictions" at once.
The claim page still searches live.

Called by the match workers (claims.worker), never on the ingest path: a claim whose
matches are not written yet has claims.matched_at NULL and shows as "matching...".
A refresh is idempotent: recomputing a claim replaces its own rows.
"""
from __future__ import annotations

import json
from typing import Any, Callable, Optional, Sequence

from claims import search as matching
from claims.text.vocab import CONTRADICTS
from db import queries
from db.engine import Database

TOP = 10  # matches kept per claim
MIN_SCORE = 35.0  # below this a "match" is noise for the queue's purposes
# Claims whose rows are written in one transaction: short enough that a reviewer's save
# never waits long behind it, long enough that commits are not the cost.
WRITE_BATCH = 20


def refresh(
    db: Database, claim_ids: Sequence[int], *, on_claim: Optional[Callable[[int], None]] = None
) -> int:
    """Recompute the cached matches of these claims; returns how many contradictions were found.

    A contradiction is recorded on both sides when the matched statement is itself
    a claim, so an older claim learns that a new article contradicts it.
    """
    found = 0
    memo = matching.SearchMemo()  # claims of one source are each other's context
    for start in range(0, len(claim_ids), WRITE_BATCH):
        batch = claim_ids[start:start + WRITE_BATCH]
        own: dict[int, list[dict[str, Any]]] = {}
        reverse: list[dict[str, Any]] = []
        for cid in batch:
            try:
                # the floor is applied before the limit, so the stance (the costly part) is
                # computed for the TOP kept matches only
                place, hits = matching.claim_and_matches(db, cid, limit=TOP, memo=memo, min_score=MIN_SCORE)
            except matching.ClaimNotFound:
                continue  # deleted meanwhile
            except matching.SearchError:
                own[cid] = []  # a claim of only stop words has no matches; nothing to cache
                continue
            own[cid] = [{"statement_id": h.statement_id, "score": h.score, "stance": h.stance,
                         "reasons": json.dumps(h.reasons)} for h in hits]
            contradictions = [h for h in hits if h.stance == CONTRADICTS]
            found += len(contradictions)
            for h in contradictions:
                if h.claim_id is not None and h.claim_id != cid:
                    # Seen from the other claim: its reasons say "in the claim" of the other side.
                    back = matching.label(h.claim_text, place.text, h.score, cue=h.cue, match_cue=place.cue)
                    reverse.append({"claim_id": h.claim_id, "statement_id": place.statement_id, "score": h.score,
                                    "stance": back.label, "reasons": json.dumps(back.reasons)})
        if own:
            with db.write() as s:
                alive = queries.matches.existing_claim_ids(s, [*own, *(r["claim_id"] for r in reverse)])
                queries.matches.replace_claim_matches(
                    s, {c: rows for c, rows in own.items() if c in alive},
                    [r for r in reverse if r["claim_id"] in alive])
        if on_claim:
            for cid in batch:
                on_claim(cid)
    return found


def relabel_checked(db: Database, claim_id: int) -> int:
    """A claim's verdict changed: every claim whose cached matches list its statement gets that
    match labelled again, since a checked match carries its verdict (a claim repeating one now
    rated false counts it as a contradiction in the queue). Returns how many were labelled."""
    with db.read() as s:
        claim = queries.claims.get_claim(s, claim_id)
        if claim is None:
            return 0
        sid = claim.statement_id
        cached = queries.matches.cached_against(s, sid)
        row = queries.search.candidate_rows(s, [sid]).get(sid)
    if row is None or not cached:
        return 0
    stances = {}
    for cid, score, text, cue in cached:
        st = matching.label(text, row.claim_text, score, rated=row.rated, rating_score=row.rating_score,
                            cue=cue, match_cue=row.cue)
        stances[cid] = (st.label, json.dumps(st.reasons))
    with db.write() as s:
        queries.matches.set_stances(s, sid, stances)
    return len(stances)


def claims_of_sources(db: Database, source_ids: Sequence[int]) -> list[int]:
    with db.read() as s:
        return queries.claims.claim_ids_of_sources(s, source_ids)


def all_claims(db: Database) -> list[int]:
    with db.read() as s:
        return queries.claims.all_claim_ids(s)


def unmatched_claims(db: Database) -> list[int]:
    """Claims with no cached matches written yet: queued, or left by a crash."""
    with db.read() as s:
        return queries.matches.unmatched_claim_ids(s)


def count_unmatched(db: Database) -> int:
    with db.read() as s:
        return queries.matches.count_unmatched(s)
