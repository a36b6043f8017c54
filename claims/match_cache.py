"""Match cache workflow: after ingest, each new claim is matched against every
stored statement and its top matches are kept, so the queue can show and filter
"has contradictions" at once. The claim page still searches live.
"""
from __future__ import annotations

import json
from typing import Callable, Optional, Sequence

from claims import search as matching
from claims.text.vocab import CONTRADICTS
from db import queries
from db.engine import Database

TOP = 10  # matches kept per claim
MIN_SCORE = 35.0  # below this a "match" is noise for the queue's purposes


def refresh(
    db: Database, claim_ids: Sequence[int], *, on_claim: Optional[Callable[[int], None]] = None
) -> int:
    """Recompute the cached matches of these claims; returns how many contradictions were found.

    A contradiction is recorded on both sides when the matched statement is itself
    a claim, so an older claim learns that a new article contradicts it.
    """
    found = 0
    memo = matching.SearchMemo()  # claims of one source are each other's context
    for cid in claim_ids:
        try:
            # more than TOP: the context may rank a low scorer in, and those are dropped
            hits = matching.matches_for_claim(db, cid, limit=2 * TOP, memo=memo)
        except matching.SearchError:
            hits = []  # a claim of only stop words has no matches; nothing to cache
        hits = [h for h in hits if h.score >= MIN_SCORE][:TOP]
        with db.write() as s:
            claim = queries.claims.get_claim(s, cid)
            if claim is None:
                continue  # deleted meanwhile
            own_statement, own_text = claim.statement.id, claim.statement.text
            queries.matches.replace_claim_matches(s, cid, [
                {"statement_id": h.statement_id, "score": h.score, "stance": h.stance,
                 "reasons": json.dumps(h.reasons)} for h in hits
            ])
            for h in hits:
                if h.stance == CONTRADICTS:
                    found += 1
                    if h.claim_id is not None and h.claim_id != cid:
                        # Seen from the other claim: its reasons say "in the claim" of the other side.
                        back = matching.label(h.text, own_text, h.score)
                        queries.matches.add_claim_match(s, h.claim_id, own_statement, h.score, back.label, json.dumps(back.reasons))
        if on_claim:
            on_claim(cid)
    return found


def refresh_sources(db: Database, source_ids: Sequence[int]) -> int:
    with db.read() as s:
        ids = queries.claims.claim_ids_of_sources(s, source_ids)
    return refresh(db, ids)


def all_claims(db: Database) -> list[int]:
    with db.read() as s:
        return queries.claims.all_claim_ids(s)
