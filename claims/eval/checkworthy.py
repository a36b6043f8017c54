"""Evaluation of check-worthiness scoring on labelled sentences (JSON lines).

Input rows: {"id", "doc", "speaker", "text", "label"} with label 1 = check-worthy
(the layout of ../shared/data/checkworthy/*/train.jsonl). Figures:
  f1         F1 of the positive class at the decision threshold
  ap         average precision over all sentences (ranking quality)
  map_doc    mean average precision per document (rank each debate's
             sentences; rows without "doc" form one document)
Scorers, all in the same run (evaluate()): the hand-written rules, the
product's default (the shipped model; in cross-validation its recipe retrained
without each test fold), and a plain TF-IDF + logistic regression baseline.
Pure functions; the CLI (claims/cli/extract.py) prints them.
"""
from __future__ import annotations

import json
import re
import time
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


def text_key(text: str) -> str:
    """Case- and punctuation-blind key: the same sentence in two data sets is one sentence."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


Trainer = Callable[..., object]


@dataclass(frozen=True, slots=True)
class Extra:
    """Extra training sentences from another data set (its own base rate: its own domain)."""

    name: str
    rows: Sequence[LabelledSentence]


def _fit(train: Trainer, rows: Sequence[LabelledSentence], also: Sequence[Extra], domains: bool) -> object:
    """A model on rows plus the extra data sets; the extra sets are domains of their own when
    the trainer takes domains (the evaluated rows are the reference domain "")."""
    texts = [r.text for r in rows] + [r.text for e in also for r in e.rows]
    labels = [r.label for r in rows] + [r.label for e in also for r in e.rows]
    if not domains:
        return train(texts, labels)
    return train(texts, labels, domains=[""] * len(rows) + [e.name for e in also for _ in e.rows])


def cross_val_scores(rows: Sequence[LabelledSentence], train: Trainer, k: int = 5,
                     progress: Callable[[int], None] | None = None, also: Sequence[Extra] = (),
                     domains: bool = False) -> list[float]:
    """Out-of-fold scores: each sentence scored by a model trained without its fold.
    also: extra training data sets for every fold, minus any sentence whose text is in
    the test fold (data sets share sentences: the same debate in two collections)."""
    scores = [0.0] * len(rows)
    for n, test_idx in enumerate(folds(rows, k)):
        test = set(test_idx)
        keys = {text_key(rows[i].text) for i in test_idx}
        extra = [Extra(e.name, [r for r in e.rows if text_key(r.text) not in keys]) for e in also]
        model = _fit(train, [rows[i] for i in range(len(rows)) if i not in test], extra, domains)
        preds = model.predict([rows[i].text for i in test_idx])  # type: ignore[attr-defined]
        for i, s in zip(test_idx, preds):
            scores[i] = float(s)
        if progress:
            progress(n)
    return scores


def evaluate(rows: Sequence[LabelledSentence], *, threshold: float = 0.5, cv: Optional[int] = None,
             train_rows: Optional[Sequence[LabelledSentence]] = None, also: Sequence[Extra] = (),
             progress: Callable[[str, int], None] | None = None) -> dict[str, dict[str, float]]:
    """Figures of every scorer on the same sentences, in one run.

    Without cv or train_rows: the rules and the shipped default as they are (for held-out
    data; the shipped model was trained on the shared training files). With cv=K:
    K-fold cross-validation (whole documents per fold) of the default's recipe and of the
    baseline, each fold's models trained without that fold (the default also on the extra
    data sets, each its own domain; the baseline on FILE alone, and with --also pooled
    in as well). With train_rows: the same, trained on train_rows instead of the folds."""
    from claims.text import checkworthy, checkworthy_model

    texts = [r.text for r in rows]
    out: dict[str, dict[str, float]] = {}
    t0 = time.perf_counter()
    rule_scores = [checkworthy.score_rules(t).score for t in texts]
    rules_rate = len(texts) / max(time.perf_counter() - t0, 1e-9)
    out["rules"] = metrics(rows, rule_scores, threshold) | {"sentences_per_s": rules_rate}
    if cv is None and train_rows is None:
        t0 = time.perf_counter()
        default_scores = [checkworthy.score_text(t).score for t in texts]
        rate = len(texts) / max(time.perf_counter() - t0, 1e-9)
        shipped = "shipped model" if checkworthy_model.default_model() is not None else "rules: no shipped model"
        out[f"default ({shipped})"] = metrics(rows, default_scores, threshold) | {"sentences_per_s": rate}
        return out
    where = "the --train file" if train_rows is not None else f"{cv}-fold CV"
    runs: list[tuple[str, Trainer, Sequence[Extra], bool]] = [
        (f"baseline TF-IDF+LR ({where})", checkworthy_model.train_baseline, (), False)]
    if also:
        runs.append((f"baseline TF-IDF+LR ({where}, + --also pooled)", checkworthy_model.train_baseline, also,
                     False))
    runs.append((f"default ({where}{', + --also' if also else ''})", checkworthy_model.fit_default, also, True))
    for name, trainer, extra, domains in runs:
        if train_rows is not None:
            model = _fit(trainer, train_rows, extra, domains)
            scores = model.predict(texts)  # type: ignore[attr-defined]
        else:
            assert cv is not None
            step = (lambda n, name=name: progress(name, n)) if progress else None
            scores = cross_val_scores(rows, trainer, k=cv, progress=step, also=extra, domains=domains)
        out[name] = metrics(rows, scores, threshold)
    return out


def format_metrics(name: str, m: dict[str, float]) -> str:
    line = (f"{name}: n={int(m['n'])} positives={int(m['positives'])} threshold={m['threshold']:.2f}  "
            f"P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f}  "
            f"AP={m['ap']:.3f}  mean AP per document={m['map_doc']:.3f} ({int(m['docs'])} docs)")
    if "sentences_per_s" in m:
        line += f"  {m['sentences_per_s']:,.0f} sentences/s"
    return line


def format_report(out: dict[str, dict[str, float]]) -> str:
    """One line per scorer, then the default against the baseline and the rules."""
    lines = [format_metrics(name, m) for name, m in out.items()]
    default = next((n for n in out if n.startswith("default")), None)
    for other in [n for n in out if n.startswith("baseline")] + ["rules"]:
        if default and other in out:
            d, o = out[default], out[other]
            lines.append(f"default - {other}: mean AP per document {d['map_doc'] - o['map_doc']:+.3f}, "
                         f"AP {d['ap'] - o['ap']:+.3f}, F1 {d['f1'] - o['f1']:+.3f}")
    return "\n".join(lines)
