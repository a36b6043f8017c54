"""Drafts: what a reviewer typed on a claim and has not saved (verdict, rationale, evidence notes).

Kept in the database per claim and per account, so a reload, another page or another browser
finds them again; cleared when the change they belong to is saved."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Optional, Sequence

from claims import accounts
from db import queries
from db.engine import Database

VERDICT, RATIONALE = "verdict", "rationale"
MAX_DRAFT = 20_000  # a rationale's worth; a pasted file is not a draft


def note_field(statement_id: int) -> str:
    return f"note:{int(statement_id)}"


def _account_id(db: Database, reviewer: str) -> int:
    return accounts.authorize(db, reviewer, "read").id


def load(db: Database, claim_id: int, *, reviewer: str) -> dict[str, str]:
    account_id = _account_id(db, reviewer)
    with db.read() as s:
        return queries.accounts.drafts(s, account_id, claim_id)


def save(db: Database, claim_id: int, field: str, value: Optional[str], *, reviewer: str) -> None:
    """Keep one field's unsaved text; an empty value drops the draft of that field."""
    if field not in (VERDICT, RATIONALE) and not field.startswith("note:"):
        raise ValueError(f"no draft field {field!r}")
    value = (value or "")[:MAX_DRAFT]
    account_id = _account_id(db, reviewer)
    with db.write() as s:
        if not queries.accounts.claim_exists(s, claim_id):
            return  # the claim was dismissed meanwhile: nothing to keep the text for
        if value.strip():
            now = datetime.now(timezone.utc).replace(tzinfo=None)
            queries.accounts.set_draft(s, account_id, claim_id, field, value, now)
        else:
            queries.accounts.clear_drafts(s, account_id, claim_id, [field])


def clear(db: Database, claim_id: int, *, reviewer: str, fields: Optional[Sequence[str]] = None) -> None:
    account_id = _account_id(db, reviewer)
    with db.write() as s:
        queries.accounts.clear_drafts(s, account_id, claim_id, list(fields) if fields is not None else None)
