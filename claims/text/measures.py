"""Ranking and classification measures shared by the evaluations and by training.
Pure functions over labels and scores."""
from __future__ import annotations

from typing import Optional, Sequence


def ranking_average_precision(relevant_in_order: Sequence[bool], n_relevant: int, k: Optional[int] = None) -> float:
    """Average precision of a ranking given as relevance flags, best first: the mean of
    precision@i over the relevant ranks within the first k, divided by min(n_relevant, k)
    (the CheckThat! MAP@k denominator; without k, by n_relevant). 0.0 when nothing is relevant."""
    if n_relevant <= 0:
        return 0.0
    flags = relevant_in_order[:k] if k is not None else relevant_in_order
    hits, total = 0, 0.0
    for rank, rel in enumerate(flags, start=1):
        if rel:
            hits += 1
            total += hits / rank
    return total / (min(n_relevant, k) if k is not None else n_relevant)


def average_precision(labels: Sequence[int], scores: Sequence[float]) -> float:
    """Average precision of every item ranked by score (ties broken by input order); 0.0 without positives."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    return ranking_average_precision([bool(labels[i]) for i in order], sum(1 for y in labels if y))


def average_precision_at(ranked: Sequence[str], relevant: set[str], k: int) -> float:
    """AP@k of a ranked list of ids against the relevant ids (CheckThat! MAP@k)."""
    return ranking_average_precision([doc in relevant for doc in ranked], len(relevant), k)


def reciprocal_rank(ranked: Sequence[str], relevant: set[str], k: int = 10) -> float:
    for i, doc in enumerate(ranked[:k], 1):
        if doc in relevant:
            return 1.0 / i
    return 0.0


def recall_at(ranked: Sequence[str], relevant: set[str], k: int = 50) -> float:
    return len(set(ranked[:k]) & relevant) / len(relevant) if relevant else 0.0


def f1_at(labels: Sequence[int], scores: Sequence[float], threshold: float) -> tuple[float, float, float]:
    """(precision, recall, F1) of the positive class for score >= threshold."""
    tp = sum(1 for y, s in zip(labels, scores) if y and s >= threshold)
    fp = sum(1 for y, s in zip(labels, scores) if not y and s >= threshold)
    fn = sum(1 for y, s in zip(labels, scores) if y and s < threshold)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
