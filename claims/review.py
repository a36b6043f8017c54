"""Review workflow: verdicts, evidence, assignment, promotion, the rating scale.

Every change is one transaction that also appends to the claim's history.
Saves are compare-and-set on the claim's version: when another reviewer saved
first, StaleClaimError carries their change and nothing is overwritten.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Optional, Sequence

from sqlalchemy import func
from sqlalchemy.orm import Session

from claims import accounts, match_cache
from claims.text.vocab import ALL_CLAIM_STATUSES, DISMISSED, STANCES
from db import queries
from db.engine import Database, DatabaseError
from db.models import Claim, Rating, Statement

# Verdict labels that mean "no verdict" in a form.
NO_VERDICT = ("", "none", "-")
# Free text a reviewer types: long enough for any real rationale, short enough
# that a pasted file (50 MB was once accepted) is refused.
MAX_RATIONALE = 20_000
MAX_NOTE = 2_000
# Ids are 64-bit integers in both databases; a bigger number is no claim (not an overflow).
MAX_ID = 2**63 - 1

log = logging.getLogger(__name__)


class ReviewError(ValueError):
    """A review action that cannot be done; the message says why."""


class UnknownVerdict(ReviewError):
    def __init__(self, verdict: str, allowed: Sequence[str]) -> None:
        self.allowed = list(allowed)
        super().__init__(f"unknown verdict {verdict!r}; allowed: {', '.join(allowed)}")


class StaleClaimError(ReviewError):
    """Another reviewer saved the claim after this one loaded it."""

    def __init__(self, claim_id: int, current: "ClaimState") -> None:
        self.claim_id = claim_id
        self.current = current
        who = current.reviewer or "someone"
        super().__init__(
            f"claim {claim_id} was changed by {who} (now version {current.version}, "
            f"verdict {current.verdict or 'none'}, status {current.status}); "
            "reload it and apply your change again"
        )


@dataclass
class ClaimState:
    claim_id: int
    version: int
    status: str
    verdict: Optional[str]
    rationale: Optional[str]
    reviewer: Optional[str]
    updated_at: Optional[datetime]


def _state(claim: Claim) -> ClaimState:
    return ClaimState(
        claim.id, claim.version, claim.status,
        claim.rating.label if claim.rating else None, claim.rationale,
        claim.reviewer.name if claim.reviewer else None, claim.updated_at,
    )


def _claim(session: Session, claim_id: int, *, lock: bool = False) -> Claim:
    """The claim; with lock=True its row is locked for this write transaction
    (SELECT ... FOR UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE already
    serialises writers), so the version read here is the one the update compares."""
    claim = queries.claims.get_claim(session, claim_id, lock=lock) if 1 <= claim_id <= MAX_ID else None
    if claim is None:
        raise ReviewError(f"no claim with id {claim_id}")
    return claim


def _change(session: Session, claim: Claim, expected_version: Optional[int], **values: Any) -> None:
    """The one way a claim row changes: compare-and-set on its version (which it bumps).

    `expected_version=None` means "whatever is current": the row is locked
    (see _claim), so that can never be refused as stale."""
    version = claim.version if expected_version is None else expected_version
    if not queries.claims.update_claim(session, claim.id, version, **values):
        session.expire(claim)
        raise StaleClaimError(claim.id, _state(_claim(session, claim.id)))
    session.expire(claim)


def _reviewer_name(name: Optional[str]) -> str:
    name = (name or "").strip()
    if not name:
        raise ReviewError("a reviewer name is required")
    if len(name) > 200:
        raise ReviewError("the reviewer name is longer than 200 characters")
    return name


def _acting(db: Database, name: Optional[str], action: str) -> str:
    """The permission check at every write's entry: NAME is an active account whose role
    allows ACTION (claims/accounts.py); else a ReviewError saying why, and nothing is written."""
    try:
        return accounts.authorize(db, name, action).name
    except accounts.AccountError as exc:
        raise ReviewError(str(exc)) from exc


def claim_state(db: Database, claim_id: int) -> ClaimState:
    with db.read() as s:
        return _state(_claim(s, claim_id))


def resolve_rating(session: Session, verdict: str) -> Rating:
    rating = queries.settings.rating_by_label(session, verdict)
    if rating is None:
        raise UnknownVerdict(verdict, [r.label for r in queries.settings.ratings(session)])
    return rating


def set_verdict(
    db: Database,
    claim_id: int,
    *,
    verdict: Optional[str],
    rationale: Optional[str],
    reviewer: str,
    expected_version: Optional[int] = None,
    status: Optional[str] = None,
    action: str = "verdict",
    note: Optional[str] = None,
) -> ClaimState:
    """Set (or clear) a claim's verdict. `expected_version=None` means "the current one"
    (for scripts); the UI always passes the version it showed."""
    now = claim_state(db, claim_id)
    if expected_version is not None and now.version != expected_version:
        # Someone saved meanwhile: say that first (who, what), before whether this reviewer may
        # change what they saved; the save below checks it again under the row lock.
        _acting(db, reviewer, "verdict")
        raise StaleClaimError(claim_id, now)
    reviewer = _acting(db, reviewer, "final_verdict" if now.status == "reviewed" else "verdict")

    def save(s: Session) -> ClaimState:
        who = queries.reviewers.reviewer(s, reviewer)
        return apply_verdict(s, claim_id, verdict=verdict, rationale=rationale, reviewer_id=who.id,
                             expected_version=expected_version, status=status, action=action, note=note)

    state = db.transact(save)  # a busy desk is retried, then "the desk is busy, try again"
    _relabel_matches(db, claim_id)
    return state


def _relabel_matches(db: Database, claim_id: int) -> None:
    """The verdict is saved; the cached labels of the claims that list this one follow it. They
    are derived data: if this fails, the verdict stands and the next rematch mends them."""
    try:
        match_cache.relabel_checked(db, claim_id)
    except DatabaseError:
        log.warning("claim %s: cached match labels not updated after its verdict", claim_id, exc_info=True)


def apply_verdict(
    session: Session,
    claim_id: int,
    *,
    verdict: Optional[str],
    rationale: Optional[str],
    reviewer_id: Optional[int],
    expected_version: Optional[int] = None,
    status: Optional[str] = None,
    action: str = "verdict",
    note: Optional[str] = None,
) -> ClaimState:
    """The one rule for setting a verdict, inside the caller's write transaction
    (reviewers through set_verdict, imported fact-checks through ingest): the
    verdict is on the scale, a final one has a rationale, the status follows,
    the row changes by compare-and-set and the change is a history row."""
    rationale = (rationale or "").strip() or None
    if rationale is not None and len(rationale) > MAX_RATIONALE:
        raise ReviewError(f"the rationale is longer than {MAX_RATIONALE:,} characters")
    if note is not None and len(note) > MAX_NOTE:
        raise ReviewError(f"the note is longer than {MAX_NOTE:,} characters")
    if status is not None and status not in ALL_CLAIM_STATUSES:
        raise ReviewError(f"unknown status {status!r}; allowed: {', '.join(ALL_CLAIM_STATUSES)}")
    claim = _claim(session, claim_id, lock=True)
    before = _state(claim)
    rating = None
    if verdict is not None and verdict.strip().lower() not in NO_VERDICT:
        rating = resolve_rating(session, verdict)
    if rating is not None and rating.final and not rationale:
        raise ReviewError(f"a rationale is required for the final verdict {rating.label!r}")
    new_status = status or ("reviewed" if rating is not None and rating.final else "in_review")
    if (claim.rating_id, claim.rationale, claim.status) == (rating.id if rating else None, rationale, new_status):
        return before  # saving what is already there changes nothing: no new version, no history row
    _change(
        session, claim, expected_version,
        rating_id=rating.id if rating else None,
        rationale=rationale,
        status=new_status,
        reviewer_id=reviewer_id,
        reviewed_at=func.now() if new_status == "reviewed" else None,
    )
    queries.history.add_history(
        session, claim_id, action, reviewer_id,
        old_verdict=before.verdict, new_verdict=rating.label if rating else None,
        old_status=before.status, new_status=new_status, rationale=rationale, note=note,
    )
    return _state(_claim(session, claim_id))


def reuse_verdict(
    db: Database, claim_id: int, *, from_claim_id: int, reviewer: str, expected_version: Optional[int] = None
) -> ClaimState:
    """Copy a reviewed claim's verdict onto a near-identical claim, with a link in the history."""
    with db.read() as s:
        _claim(s, claim_id)  # the claim to change first: "no claim 9999" says more than "claim 5 has no verdict"
        src = _claim(s, from_claim_id)
        if src.rating is None:
            raise ReviewError(f"claim {from_claim_id} has no verdict to reuse")
        label, rationale = src.rating.label, src.rationale
    return set_verdict(
        db, claim_id, verdict=label,
        rationale=f"Same as claim {from_claim_id}: {rationale or ''}".strip(),
        reviewer=reviewer, expected_version=expected_version, action="reuse",
        note=f"verdict reused from claim {from_claim_id}",
    )


def attach_evidence(
    db: Database,
    claim_id: int,
    statement_id: int,
    *,
    stance: str,
    reviewer: str,
    note: Optional[str] = None,
    score: Optional[float] = None,
    reasons: Optional[Sequence[str]] = None,
) -> int:
    """Link a statement to a claim as evidence (updates the stance if already linked).
    Evidence is never unlinked: a change of mind is a new stance, in the history."""
    if stance not in STANCES:
        raise ReviewError(f"unknown stance {stance!r}; allowed: {', '.join(STANCES)}")
    reviewer = _acting(db, reviewer, "evidence")
    note = (note or "").strip() or None
    if note is not None and len(note) > MAX_NOTE:
        raise ReviewError(f"the note is longer than {MAX_NOTE:,} characters")
    with db.write() as s:
        claim = _claim(s, claim_id, lock=True)
        if claim.statement_id == statement_id:
            raise ReviewError("a claim cannot be evidence for itself")
        _statement(s, statement_id)
        who = queries.reviewers.reviewer(s, reviewer)
        ev = queries.evidence.evidence_for(s, claim_id, statement_id)
        if ev is None:
            ev = queries.evidence.add_evidence(
                s, claim_id=claim_id, statement_id=statement_id, stance=stance, note=note,
                score=score, reasons=json.dumps(list(reasons or [])), reviewer_id=who.id,
            )
            change = f"statement {statement_id} linked as {stance}"
        elif (ev.stance, ev.note) == (stance, note):
            return ev.id  # already linked just so: nothing to record
        else:
            change = f"statement {statement_id} changed from {ev.stance} to {stance}"
            ev.stance, ev.note, ev.reviewer_id = stance, note, who.id
        queries.history.add_history(s, claim_id, "evidence", who.id, note=change + (f": {note}" if note else ""))
        return ev.id


def promote_statement(db: Database, statement_id: int, *, reviewer: str) -> int:
    """Put any statement on the review queue (and remember it as a positive label).
    A dismissed claim of that statement comes back to the queue, with a history row."""
    reviewer = _acting(db, reviewer, "claims")
    with db.write() as s:
        _statement(s, statement_id)
        existing = queries.claims.claim_for_statement(s, statement_id)
        if existing is not None and existing.status != DISMISSED:
            return existing.id
        queries.training.set_reviewer_label(s, statement_id, True)
        who = queries.reviewers.reviewer(s, reviewer)
        if existing is not None:
            claim = _claim(s, existing.id, lock=True)
            _change(s, claim, None, status="unreviewed", reviewer_id=who.id)
            queries.history.add_history(s, claim.id, "promote", who.id, old_status=DISMISSED,
                                        new_status="unreviewed", note=f"statement {statement_id} back on the queue")
            return claim.id
        queries.claims.add_claims(s, [statement_id], origin="reviewer")
        claim = queries.claims.claim_for_statement(s, statement_id)
        assert claim is not None
        queries.history.add_history(s, claim.id, "promote", who.id, new_status="unreviewed",
                                    note=f"statement {statement_id} promoted to a claim")
        return claim.id


def mark_not_claim(db: Database, claim_id: int, *, reviewer: str, expected_version: Optional[int] = None) -> ClaimState:
    """A queued statement that is not a claim: it leaves the queue (status
    "dismissed"; never deleted, so its history and evidence stay) and the label
    is kept for training. `claims promote` brings it back."""
    reviewer = _acting(db, reviewer, "claims")
    with db.write() as s:
        claim = _claim(s, claim_id, lock=True)
        if expected_version is not None and claim.version != expected_version:
            raise StaleClaimError(claim_id, _state(claim))
        if claim.rating_id is not None:
            raise ReviewError(f"claim {claim_id} has a verdict ({claim.rating.label}); clear it first")
        if claim.status == DISMISSED:
            return _state(claim)
        who = queries.reviewers.reviewer(s, reviewer)
        old_status = claim.status
        queries.training.set_reviewer_label(s, claim.statement_id, False)
        _change(s, claim, expected_version, status=DISMISSED, reviewer_id=who.id)
        queries.history.add_history(s, claim_id, "dismiss", who.id, old_status=old_status, new_status=DISMISSED,
                                    note="not a claim")
        return _state(_claim(s, claim_id))


def assign(db: Database, claim_ids: Sequence[int], *, to: Optional[str], reviewer: str) -> int:
    """Assign claims to a reviewer (None unassigns); returns how many changed."""
    reviewer = _acting(db, reviewer, "claims")
    if to:
        to = _acting(db, to, "verdict")  # only to an active account that can review
    with db.write() as s:
        who = queries.reviewers.reviewer(s, reviewer)
        target = queries.reviewers.reviewer(s, _reviewer_name(to)) if to else None
        n = 0
        for cid in claim_ids:
            claim = _claim(s, cid, lock=True)
            if claim.assigned_to_id == (target.id if target else None):
                continue  # already so: no new version, no history row
            # An assignment is a change another reviewer must see: a new version.
            _change(s, claim, None, assigned_to_id=target.id if target else None)
            queries.history.add_history(s, cid, "assign", who.id, note=f"assigned to {to}" if to else "unassigned")
            n += 1
        return n


def _statement(session: Session, statement_id: int) -> Statement:
    st = session.get(Statement, statement_id) if 1 <= statement_id <= MAX_ID else None
    if st is None:
        raise ReviewError(f"no statement with id {statement_id}")
    return st


def history(db: Database, claim_id: int) -> list[dict[str, Any]]:
    with db.read() as s:
        _claim(s, claim_id)
        return [dict(r._mapping) for r in queries.history.claim_history(s, claim_id)]


# ---------------------------------------------------------------- rating scale


def scale(db: Database) -> list[dict[str, Any]]:
    with db.read() as s:
        return [
            {"id": r.id, "label": r.label, "position": r.position, "final": r.final,
             "score": r.score, "description": r.description, "in_use": queries.settings.rating_in_use(s, r.id)}
            for r in queries.settings.ratings(s)
        ]


def _check_label(label: str) -> str:
    label = (label or "").strip()
    if not label:
        raise ReviewError("a verdict label cannot be empty")
    if len(label) > 100:
        raise ReviewError("a verdict label is at most 100 characters")
    return label


def add_rating(db: Database, label: str, *, reviewer: str, final: bool = True, score: Optional[int] = None,
               description: Optional[str] = None) -> int:
    _acting(db, reviewer, "scale")
    label = _check_label(label)
    with db.write() as s:
        if queries.settings.rating_by_label(s, label):
            raise ReviewError(f"the verdict {label!r} already exists")
        pos = max((r.position for r in queries.settings.ratings(s)), default=0) + 1
        r = Rating(label=label, position=pos, final=final, score=score, description=description)
        s.add(r)
        s.flush()
        return r.id


def rename_rating(db: Database, rating_id: int, label: str, *, reviewer: str) -> int:
    """Rename a verdict of the scale. Claims keep pointing at the same rating; each
    claim that uses it gets a new version and a history row showing the old and the
    new label, so a rename can never silently change a published verdict's wording.
    Returns how many claims were relabelled."""
    reviewer = _acting(db, reviewer, "scale")
    label = _check_label(label)
    with db.write() as s:
        r = s.get(Rating, rating_id)
        if r is None:
            raise ReviewError(f"no verdict with id {rating_id}")
        other = queries.settings.rating_by_label(s, label)
        if other is not None and other.id != rating_id:
            raise ReviewError(f"the verdict {label!r} already exists")
        old = r.label
        if old == label:
            return 0
        who = queries.reviewers.reviewer(s, reviewer).id
        r.label = label
        s.flush()
        ids = queries.settings.claims_with_rating(s, rating_id)
        for cid in ids:
            claim = _claim(s, cid, lock=True)
            _change(s, claim, None)
            queries.history.add_history(
                s, cid, "relabel", who, old_verdict=old, new_verdict=label,
                old_status=claim.status, new_status=claim.status,
                note=f"verdict label renamed on the scale: {old!r} -> {label!r}",
            )
        return len(ids)


def reorder_ratings(db: Database, ordered_ids: Sequence[int], *, reviewer: str) -> None:
    _acting(db, reviewer, "scale")
    with db.write() as s:
        current = {r.id: r for r in queries.settings.ratings(s)}
        if sorted(ordered_ids) != sorted(current):
            raise ReviewError("the new order must list every verdict exactly once")
        for pos, rid in enumerate(ordered_ids, start=1):
            current[rid].position = pos


def delete_rating(db: Database, rating_id: int, *, reviewer: str) -> None:
    _acting(db, reviewer, "scale")
    with db.write() as s:
        r = s.get(Rating, rating_id)
        if r is None:
            raise ReviewError(f"no verdict with id {rating_id}")
        n = queries.settings.rating_in_use(s, rating_id)
        if n:
            raise ReviewError(f"the verdict {r.label!r} is used by {n} claims and cannot be deleted")
        s.delete(r)


# ---------------------------------------------------------------- repeats: one verdict for a group


@dataclass
class BulkResult:
    """What a bulk verdict did, claim by claim: saved, skipped as stale (someone changed it after
    it was listed), or refused (with the reason: a role that may not change a final verdict...)."""

    saved: list[ClaimState]
    stale: list[StaleClaimError]
    refused: dict[int, str]

    def line(self) -> str:
        parts = [f"{len(self.saved)} saved"]
        if self.stale:
            parts.append(f"{len(self.stale)} skipped as changed meanwhile "
                         f"(claims {', '.join(str(e.claim_id) for e in self.stale)})")
        if self.refused:
            parts.append(f"{len(self.refused)} refused ("
                         + "; ".join(f"claim {cid}: {why}" for cid, why in self.refused.items()) + ")")
        return ", ".join(parts)


def repeats(db: Database, claim_id: int, *, limit: int = 60) -> list[ClaimState]:
    """The other claims that repeat this one: matched statements near-identical to it (a reprint,
    a wire copy: the rapidfuzz ratio of the normalised texts the claim page folds reprints by)
    that are claims on the desk, not contradicting it and not dismissed. Ordered by claim id."""
    from claims import search  # the matching engine: imported only by what matches

    with db.read() as s:
        _claim(s, claim_id)
    try:
        found = search.matches_for_claim(db, claim_id, limit=limit)
    except search.SearchError as exc:
        raise ReviewError(str(exc)) from exc
    return repeats_among(db, claim_id, found)


def repeats_among(db: Database, claim_id: int, matches: Sequence[Any]) -> list[ClaimState]:
    """`repeats` of a claim from its matches already found (the claim page has them)."""
    from rapidfuzz import fuzz

    from claims import search
    from claims.text import normalize

    with db.read() as s:
        own = normalize.index_text(_claim(s, claim_id).statement.text)
    ids = sorted({m.claim_id for m in matches
                  if m.claim_id and m.claim_id != claim_id and m.stance != "contradicts"
                  and fuzz.ratio(own, normalize.index_text(m.text)) >= search.NEAR_IDENTICAL})
    if not ids:
        return []
    with db.read() as s:
        states = [_state(_claim(s, cid)) for cid in ids]
    return [st for st in states if st.status != DISMISSED]


def bulk_verdict(
    db: Database,
    claim_id: int,
    *,
    verdict: Optional[str],
    rationale: Optional[str],
    reviewer: str,
    versions: Optional[dict[int, int]] = None,
) -> BulkResult:
    """One verdict for a claim and its repeats (see `repeats`): each claim is its own
    compare-and-set and its own history row (noting the claim the verdict was given on), so a
    claim someone changed after it was listed is skipped as stale, never overwritten.
    `versions` maps the claims to save (this claim and those of its repeats the reviewer saw) to
    the versions shown; None saves this claim and every current repeat at its current version.
    Claims in `versions` that are not repeats of this claim are refused."""
    group = {st.claim_id: st for st in [claim_state(db, claim_id), *repeats(db, claim_id)]}
    wanted = versions if versions is not None else {cid: st.version for cid, st in group.items()}
    # What is wrong for every claim (an unknown verdict, no rationale) stops before anything is saved.
    with db.read() as s:
        rating = None if verdict is None or verdict.strip().lower() in NO_VERDICT else resolve_rating(s, verdict)
    if rating is not None and rating.final and not (rationale or "").strip():
        raise ReviewError(f"a rationale is required for the final verdict {rating.label!r}")
    result = BulkResult([], [], {})
    allowed: dict[str, Optional[str]] = {}  # action -> why not (None: allowed)
    for cid in sorted(wanted, key=lambda c: (c != claim_id, c)):
        if cid not in group:
            result.refused[cid] = f"not a repeat of claim {claim_id}"
            continue
        action = "final_verdict" if group[cid].status == "reviewed" else "verdict"
        if action not in allowed:
            try:
                _acting(db, reviewer, action)
                allowed[action] = None
            except ReviewError as exc:
                allowed[action] = str(exc)
        if allowed[action]:
            result.refused[cid] = str(allowed[action])
            continue
        note = None if cid == claim_id else f"same verdict as its repeat, claim {claim_id}"

        def save(s: Session, cid: int = cid, note: Optional[str] = note) -> ClaimState:
            who = queries.reviewers.reviewer(s, reviewer)
            return apply_verdict(s, cid, verdict=verdict, rationale=rationale, reviewer_id=who.id,
                                 expected_version=wanted[cid], note=note)

        try:
            result.saved.append(db.transact(save))
            _relabel_matches(db, cid)
        except StaleClaimError as exc:
            result.stale.append(exc)
        except ReviewError as exc:
            result.refused[cid] = str(exc)
    return result
