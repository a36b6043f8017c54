"""Evaluation of check-worthiness scoring on labelled sentences (JSON lines).

Input rows: {"id", "doc", "speaker", "text", "label"} with label 1 = check-worthy
(the layout of ../shared/data/checkworthy/*/train.jsonl). Figures:
  f1         F1 of the positive class at the decision threshold
  ap         average precision over all sentences (ranking quality)
  map_doc    mean average precision per document (rank each debate's
             sentences; rows without "doc" form one document)
Pure functions; the CLI (claims/commands/extraction.py) prints them.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional, Sequence


@dataclass(frozen=True, slots=True)
class LabelledSentence:
    text: str
    label: int
    doc: Optional[str] = None


def read_jsonl(path: str | Path) -> list[LabelledSentence]:
    """Labelled sentences of a JSON-lines file; a bad line raises ValueError with its number."""
    out: list[LabelledSentence] = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                out.append(LabelledSentence(str(row["text"]), int(row["label"]),
                                            None if row.get("doc") is None else str(row["doc"])))
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{n}: not a labelled sentence ({exc})") from exc
    return out


def average_precision(labels: Sequence[int], scores: Sequence[float]) -> float:
    """Average precision of a ranking by score (ties broken by input order); 0.0 without positives."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    hits = 0
    total = 0.0
    for rank, i in enumerate(order, start=1):
        if labels[i]:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


def f1_at(labels: Sequence[int], scores: Sequence[float], threshold: float) -> tuple[float, float, float]:
    """(precision, recall, F1) of the positive class for score >= threshold."""
    tp = sum(1 for y, s in zip(labels, scores) if y and s >= threshold)
    fp = sum(1 for y, s in zip(labels, scores) if not y and s >= threshold)
    fn = sum(1 for y, s in zip(labels, scores) if y and s < threshold)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def metrics(rows: Sequence[LabelledSentence], scores: Sequence[float], threshold: float) -> dict[str, float]:
    labels = [r.label for r in rows]
    p, r, f1 = f1_at(labels, scores, threshold)
    by_doc: dict[Optional[str], list[int]] = {}
    for i, row in enumerate(rows):
        by_doc.setdefault(row.doc, []).append(i)
    aps = [average_precision([labels[i] for i in idx], [scores[i] for i in idx])
           for idx in by_doc.values() if any(labels[i] for i in idx)]
    return {
        "n": float(len(rows)), "positives": float(sum(labels)), "threshold": threshold,
        "precision": p, "recall": r, "f1": f1,
        "ap": average_precision(labels, scores),
        "map_doc": sum(aps) / len(aps) if aps else 0.0, "docs": float(len(aps)),
    }


def folds(rows: Sequence[LabelledSentence], k: int, seed: int = 13) -> list[list[int]]:
    """k test folds: whole documents per fold when rows carry documents (no debate
    leaks from training into testing), else stratified by label."""
    import random

    rng = random.Random(seed)
    docs = sorted({r.doc for r in rows if r.doc is not None})
    out: list[list[int]] = [[] for _ in range(k)]
    if len(docs) >= k:
        rng.shuffle(docs)
        fold_of = {d: i % k for i, d in enumerate(docs)}
        for i, r in enumerate(rows):
            out[fold_of[r.doc] if r.doc is not None else i % k].append(i)
        return out
    for label in (0, 1):
        idx = [i for i, r in enumerate(rows) if r.label == label]
        rng.shuffle(idx)
        for j, i in enumerate(idx):
            out[j % k].append(i)
    return out


def cross_val_scores(rows: Sequence[LabelledSentence], train: Callable[[list[str], list[int]], object],
                     k: int = 5, progress: Callable[[int], None] | None = None) -> list[float]:
    """Out-of-fold scores: each sentence scored by a model trained without its fold."""
    scores = [0.0] * len(rows)
    for n, test_idx in enumerate(folds(rows, k)):
        test = set(test_idx)
        tr = [i for i in range(len(rows)) if i not in test]
        model = train([rows[i].text for i in tr], [rows[i].label for i in tr])
        preds = model.predict([rows[i].text for i in test_idx])  # type: ignore[attr-defined]
        for i, s in zip(test_idx, preds):
            scores[i] = float(s)
        if progress:
            progress(n)
    return scores


def format_metrics(name: str, m: dict[str, float]) -> str:
    return (f"{name}: n={int(m['n'])} positives={int(m['positives'])} threshold={m['threshold']:.2f}  "
            f"P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f}  "
            f"AP={m['ap']:.3f}  mean AP per document={m['map_doc']:.3f} ({int(m['docs'])} docs)")
