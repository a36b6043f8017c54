"""Check-worthiness models and the reviewers' labels they learn from.

Every function takes a session first and never commits: the workflow owns the transaction."""
from __future__ import annotations

from typing import Optional

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.models import (
    CheckworthyModel,
    Statement,
)


def save_checkworthy_model(session: Session, blob: bytes, n_train: int, metrics_json: str) -> int:
    m = CheckworthyModel(blob=blob, n_train=n_train, metrics=metrics_json)
    session.add(m)
    session.flush()
    return m.id


def latest_checkworthy_model(session: Session) -> Optional[CheckworthyModel]:
    return session.scalar(select(CheckworthyModel).order_by(CheckworthyModel.id.desc()).limit(1))


def reviewer_labels(session: Session) -> list[tuple[str, bool]]:
    """Statements a reviewer marked as claim / not a claim: training data from the desk."""
    q = select(Statement.text, Statement.reviewer_label).where(Statement.reviewer_label.is_not(None))
    return [(t, bool(label)) for t, label in session.execute(q).all()]


def set_reviewer_label(session: Session, statement_id: int, label: Optional[bool]) -> None:
    session.execute(update(Statement).where(Statement.id == statement_id).values(reviewer_label=label))
