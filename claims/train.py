"""Training the optional check-worthiness model: labelled sentences from a file plus the
desk's own decisions (statements reviewers marked "not a claim" or promoted), cross-validated,
stored in the database, used by ingest from then on."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from claims.text import checkworthy_model
from claims.text.labelled import LabelledSentence, cross_val_scores, metrics, read_jsonl
from db import queries
from db.engine import Database

CV_FOLDS = 5
# Below this many of either class, a 5-fold estimate says nothing.
MIN_PER_CLASS_FOR_CV = 10


class TrainError(ValueError):
    """Training cannot start: bad file, or labels of one kind only."""


@dataclass
class TrainResult:
    model_id: int
    n_file: int
    n_reviewer: int
    n_positive: int
    figures: dict[str, float] = field(default_factory=dict)  # cross-validated f1, ap, map_doc


def training_rows(db: Database, file: Optional[Path], *, reviewer_labels: bool = True) -> tuple[list[LabelledSentence], int]:
    """The labelled sentences to train on, and how many came from the file."""
    rows: list[LabelledSentence] = []
    if file is not None:
        try:
            rows = read_jsonl(file)
        except (OSError, ValueError) as exc:
            raise TrainError(str(exc)) from exc
    n_file = len(rows)
    if reviewer_labels:
        with db.read() as s:
            rows += [LabelledSentence(t, int(lab), "reviewer") for t, lab in queries.training.reviewer_labels(s)]
    labels = [r.label for r in rows]
    if len(set(labels)) < 2:
        raise TrainError(f"need labelled sentences of both kinds (have {len(rows)}: {sum(labels)} check-worthy)")
    return rows, n_file


def train_checkworthy(db: Database, rows: list[LabelledSentence], n_file: int, *,
                      on_fold: Optional[Callable[[int], None]] = None) -> TrainResult:
    """Cross-validate (when there are enough labels), train on all rows, store the model."""
    labels = [r.label for r in rows]
    figures: dict[str, float] = {}
    if min(sum(labels), len(labels) - sum(labels)) >= MIN_PER_CLASS_FOR_CV:
        scores = cross_val_scores(rows, checkworthy_model.train, k=CV_FOLDS, progress=on_fold)
        figures = metrics(rows, scores, 0.5)
    model = checkworthy_model.train([r.text for r in rows], labels)
    with db.write() as s:
        model_id = queries.training.save_checkworthy_model(s, checkworthy_model.dumps(model), len(rows),
                                                           json.dumps(figures))
    return TrainResult(model_id, n_file, len(rows) - n_file, sum(labels), figures)
