"""Labelled sentences (check-worthy or not): reading them, folds that keep a debate in one
fold, out-of-fold scores, and the figures of a scoring. Used by training (claims.train) and
by the evaluation (claims.eval.checkworthy). Pure: files in, numbers out."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional, Protocol, Sequence

from claims.text.measures import average_precision, f1_at


class Scorer(Protocol):
    def predict(self, texts: Sequence[str]) -> Sequence[float]: ...


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


def text_key(text: str) -> str:
    """Case- and punctuation-blind key: the same sentence in two data sets is one sentence."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


@dataclass(frozen=True, slots=True)
class Extra:
    """Extra training sentences from another data set (with its own base rate: its own domain)."""

    name: str
    rows: Sequence[LabelledSentence]


def fit_rows(train: Callable[..., Scorer], rows: Sequence[LabelledSentence], also: Sequence[Extra] = (),
             domains: bool = False) -> Scorer:
    """A model on rows plus the extra data sets; with domains, each extra set is a domain of
    its own for a trainer that takes domains (rows are the reference domain "")."""
    texts = [r.text for r in rows] + [r.text for e in also for r in e.rows]
    labels = [r.label for r in rows] + [r.label for e in also for r in e.rows]
    if not domains:
        return train(texts, labels)
    return train(texts, labels, domains=[""] * len(rows) + [e.name for e in also for _ in e.rows])


def cross_val_scores(rows: Sequence[LabelledSentence], train: Callable[..., Scorer],
                     k: int = 5, progress: Callable[[int], None] | None = None, also: Sequence[Extra] = (),
                     domains: bool = False) -> list[float]:
    """Out-of-fold scores: each sentence scored by a model trained without its fold.
    also: extra training data sets for every fold, minus any sentence whose text is in the
    test fold (data sets share sentences: the same debate in two collections)."""
    scores = [0.0] * len(rows)
    for n, test_idx in enumerate(folds(rows, k)):
        test = set(test_idx)
        keys = {text_key(rows[i].text) for i in test_idx}
        extra = [Extra(e.name, [r for r in e.rows if text_key(r.text) not in keys]) for e in also]
        model = fit_rows(train, [rows[i] for i in range(len(rows)) if i not in test], extra, domains)
        preds = model.predict([rows[i].text for i in test_idx])
        for i, s in zip(test_idx, preds):
            scores[i] = float(s)
        if progress:
            progress(n)
    return scores
