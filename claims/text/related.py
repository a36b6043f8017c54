"""Related terms: the words a statement may use for the claim's (died / killed, denied / rejected,
civilians / villagers), so that a search finds what was said in other words.

The table (data/related_terms.json) is learned by bench/build_related_terms.py from the shared
training texts, plus a short hand-written list; it maps a stem (as claims.text.normalize makes
it) to its related stems, each with a weight in (0, 1]. Pure: no database, loaded once.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Mapping, Sequence

_PATH = Path(__file__).parent / "data" / "related_terms.json"

Table = Mapping[str, Mapping[str, float]]


@lru_cache(maxsize=1)
def table() -> Table:
    """stem -> {related stem: weight}."""
    return json.loads(_PATH.read_text(encoding="utf-8"))["terms"]


def expansions(terms: Sequence[str], weights: Mapping[str, float], *, limit: int,
               related: Table | None = None) -> list[str]:
    """The related stems most worth searching for too, best first: a related stem inherits its
    source term's weight (its IDF) times the link's weight; the query's own terms are never added."""
    related = table() if related is None else related
    own = set(terms)
    best: dict[str, float] = {}
    for t in terms:
        w = weights.get(t, 0.0)
        for r, link in related.get(t, {}).items():
            if r not in own and w * link > best.get(r, 0.0):
                best[r] = w * link
    return sorted(best, key=lambda r: (-best[r], r))[:limit]


def related_share(query_idf: Mapping[str, float], cand_terms: set[str] | frozenset[str],
                  related: Table | None = None) -> float:
    """The share of the query's IDF weight whose term the candidate lacks but says with a related
    term (weighted by the link): 0 for a candidate that repeats every word, or shares none."""
    related = table() if related is None else related
    total = sum(query_idf.values())
    if not total:
        return 0.0
    got = 0.0
    for t, w in query_idf.items():
        if t in cand_terms:
            continue
        links = related.get(t)
        if links:
            got += w * max((v for r, v in links.items() if r in cand_terms), default=0.0)
    return got / total
