"""Review workflow: verdicts, evidence, assignment, promotion, the rating scale.

Every change is one transaction that also appends to the claim's history.
Saves are compare-and-set on the claim's version: when another reviewer saved
first, StaleClaimError carries their change and nothing is overwritten.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Optional, Sequence

from sqlalchemy import func
from sqlalchemy.orm import Session

from claims.text.vocab import CLAIM_STATUSES, STANCES
from db import queries
from db.engine import Database
from db.models import Claim, Rating, Statement

# Verdict labels that mean "no verdict" in a form.
NO_VERDICT = ("", "none", "-")


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


def _claim(session: Session, claim_id: int) -> Claim:
    claim = queries.claims.get_claim(session, claim_id)
    if claim is None:
        raise ReviewError(f"no claim with id {claim_id}")
    return claim


def _reviewer_name(name: Optional[str]) -> str:
    name = (name or "").strip()
    if not name:
        raise ReviewError("a reviewer name is required")
    if len(name) > 200:
        raise ReviewError("the reviewer name is longer than 200 characters")
    return name


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
    reviewer = _reviewer_name(reviewer)
    rationale = (rationale or "").strip() or None
    if status is not None and status not in CLAIM_STATUSES:
        raise ReviewError(f"unknown status {status!r}; allowed: {', '.join(CLAIM_STATUSES)}")
    with db.write() as s:
        claim = _claim(s, claim_id)
        before = _state(claim)
        version = claim.version if expected_version is None else expected_version
        rating = None
        if verdict is not None and verdict.strip().lower() not in NO_VERDICT:
            rating = resolve_rating(s, verdict)
        if rating is not None and rating.final and not rationale:
            raise ReviewError(f"a rationale is required for the final verdict {rating.label!r}")
        new_status = status or ("reviewed" if rating is not None and rating.final else "in_review")
        if (claim.rating_id, claim.rationale, claim.status) == (rating.id if rating else None, rationale, new_status):
            return before  # saving what is already there changes nothing: no new version, no history row
        who = queries.reviewers.reviewer(s, reviewer)
        ok = queries.claims.update_claim(
            s, claim_id, version,
            rating_id=rating.id if rating else None,
            rationale=rationale,
            status=new_status,
            reviewer_id=who.id,
            reviewed_at=func.now() if new_status == "reviewed" else None,
        )
        if not ok:
            s.expire(claim)
            raise StaleClaimError(claim_id, _state(_claim(s, claim_id)))
        queries.history.add_history(
            s, claim_id, action, who.id,
            old_verdict=before.verdict, new_verdict=rating.label if rating else None,
            old_status=before.status, new_status=new_status, rationale=rationale, note=note,
        )
        s.expire(claim)
        return _state(_claim(s, claim_id))


def reuse_verdict(
    db: Database, claim_id: int, *, from_claim_id: int, reviewer: str, expected_version: Optional[int] = None
) -> ClaimState:
    """Copy a reviewed claim's verdict onto a near-identical claim, with a link in the history."""
    with db.read() as s:
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
    """Link a statement to a claim as evidence (updates the stance if already linked)."""
    if stance not in STANCES:
        raise ReviewError(f"unknown stance {stance!r}; allowed: {', '.join(STANCES)}")
    reviewer = _reviewer_name(reviewer)
    with db.write() as s:
        claim = _claim(s, claim_id)
        if claim.statement_id == statement_id:
            raise ReviewError("a claim cannot be evidence for itself")
        if s.get(Statement, statement_id) is None:
            raise ReviewError(f"no statement with id {statement_id}")
        who = queries.reviewers.reviewer(s, reviewer)
        ev = queries.evidence.evidence_for(s, claim_id, statement_id)
        if ev is None:
            ev = queries.evidence.add_evidence(
                s, claim_id=claim_id, statement_id=statement_id, stance=stance, note=note,
                score=score, reasons=json.dumps(list(reasons or [])), reviewer_id=who.id,
            )
        elif (ev.stance, ev.note) == (stance, note):
            return ev.id  # already linked just so: nothing to record
        else:
            ev.stance, ev.note, ev.reviewer_id = stance, note, who.id
        queries.history.add_history(
            s, claim_id, "evidence", who.id,
            note=f"statement {statement_id} linked as {stance}" + (f": {note}" if note else ""),
        )
        return ev.id


def promote_statement(db: Database, statement_id: int, *, reviewer: str) -> int:
    """Put any statement on the review queue (and remember it as a positive label)."""
    reviewer = _reviewer_name(reviewer)
    with db.write() as s:
        if s.get(Statement, statement_id) is None:
            raise ReviewError(f"no statement with id {statement_id}")
        existing = queries.claims.claim_for_statement(s, statement_id)
        if existing is not None:
            return existing.id
        queries.claims.add_claims(s, [statement_id], origin="reviewer")
        queries.training.set_reviewer_label(s, statement_id, True)
        claim = queries.claims.claim_for_statement(s, statement_id)
        assert claim is not None
        who = queries.reviewers.reviewer(s, reviewer)
        queries.history.add_history(s, claim.id, "promote", who.id, new_status="unreviewed",
                            note=f"statement {statement_id} promoted to a claim")
        return claim.id


def mark_not_claim(db: Database, claim_id: int, *, reviewer: str, expected_version: Optional[int] = None) -> None:
    """A queued statement that is not a claim: leave the queue, keep the label for training."""
    reviewer = _reviewer_name(reviewer)
    with db.write() as s:
        claim = _claim(s, claim_id)
        if expected_version is not None and claim.version != expected_version:
            raise StaleClaimError(claim_id, _state(claim))
        if claim.rating_id is not None:
            raise ReviewError(f"claim {claim_id} has a verdict ({claim.rating.label}); clear it first")
        queries.training.set_reviewer_label(s, claim.statement_id, False)
        s.delete(claim)  # history goes with it; the label stays on the statement


def assign(db: Database, claim_ids: Sequence[int], *, to: Optional[str], reviewer: str) -> int:
    """Assign claims to a reviewer (None unassigns); returns how many changed."""
    reviewer = _reviewer_name(reviewer)
    with db.write() as s:
        who = queries.reviewers.reviewer(s, reviewer)
        target = queries.reviewers.reviewer(s, _reviewer_name(to)) if to else None
        n = 0
        for cid in claim_ids:
            claim = _claim(s, cid)
            claim.assigned_to_id = target.id if target else None
            claim.version += 1  # an assignment is a change another reviewer must see
            queries.history.add_history(s, cid, "assign", who.id, note=f"assigned to {to}" if to else "unassigned")
            n += 1
        return n


def history(db: Database, claim_id: int) -> list[dict[str, Any]]:
    with db.read() as s:
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


def add_rating(db: Database, label: str, *, final: bool = True, score: Optional[int] = None,
               description: Optional[str] = None) -> int:
    label = _check_label(label)
    with db.write() as s:
        if queries.settings.rating_by_label(s, label):
            raise ReviewError(f"the verdict {label!r} already exists")
        pos = max((r.position for r in queries.settings.ratings(s)), default=0) + 1
        r = Rating(label=label, position=pos, final=final, score=score, description=description)
        s.add(r)
        s.flush()
        return r.id


def rename_rating(db: Database, rating_id: int, label: str) -> None:
    label = _check_label(label)
    with db.write() as s:
        r = s.get(Rating, rating_id)
        if r is None:
            raise ReviewError(f"no verdict with id {rating_id}")
        other = queries.settings.rating_by_label(s, label)
        if other is not None and other.id != rating_id:
            raise ReviewError(f"the verdict {label!r} already exists")
        r.label = label


def reorder_ratings(db: Database, ordered_ids: Sequence[int]) -> None:
    with db.write() as s:
        current = {r.id: r for r in queries.settings.ratings(s)}
        if sorted(ordered_ids) != sorted(current):
            raise ReviewError("the new order must list every verdict exactly once")
        for pos, rid in enumerate(ordered_ids, start=1):
            current[rid].position = pos


def delete_rating(db: Database, rating_id: int) -> None:
    with db.write() as s:
        r = s.get(Rating, rating_id)
        if r is None:
            raise ReviewError(f"no verdict with id {rating_id}")
        n = queries.settings.rating_in_use(s, rating_id)
        if n:
            raise ReviewError(f"the verdict {r.label!r} is used by {n} claims and cannot be deleted")
        s.delete(r)
