"""Desk settings: the check-worthiness threshold from which ingested statements join the queue.
(The rating scale is the review workflow's: claims.review.)"""
from __future__ import annotations

from sqlalchemy.orm import Session

from claims import accounts
from claims.text.extract import DEFAULT_THRESHOLD
from db import queries
from db.engine import Database

THRESHOLD_KEY = "checkworthy_threshold"


def threshold(session: Session) -> float:
    """The threshold inside a transaction the caller holds (ingest reads it with the write)."""
    value = queries.settings.get_setting(session, THRESHOLD_KEY)
    return float(value) if value is not None else DEFAULT_THRESHOLD


def get_threshold(db: Database) -> float:
    with db.read() as s:
        return threshold(s)


def set_threshold(db: Database, value: float, *, reviewer: str) -> float:
    """Check-worthiness from which ingested statements join the queue (0..1); an editor's to set."""
    accounts.authorize(db, reviewer, "settings")
    value = float(value)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"the threshold is a score from 0 to 1, not {value}")
    with db.write() as s:
        queries.settings.set_setting(s, THRESHOLD_KEY, f"{value:.3f}")
    return value
