"""Pure scoring for the two-stage search: which terms to send to the full-text
index, and how to fuse its score with fuzzy scores into one 0-100 figure.

No database here: claims.search fetches document frequencies and candidate
rows, these functions decide.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Mapping, Optional, Sequence

from rapidfuzz import fuzz

from claims.text import related as related_terms

# --- candidate terms ---------------------------------------------------------

# The candidate step reads every posting of every term it sends, so the cost
# of a query is the sum of its terms' document frequencies.  At 1M statements
# an OR of all non-stop words reads ~10^5-10^6 postings (0.6-0.8 s); keeping the
# rarest terms up to a posting budget bounds it.  The budget is absolute: on
# small stores (under ~20k statements) it never binds and every term is sent.
POSTING_BUDGET = 20_000
# Up to MIN_TERMS terms may go past the budget, within HARD_CAP: two rare-ish
# terms find a paraphrase far more reliably than one. Measured at 1M generated
# statements: ~1.1 us per posting, so 40k postings is ~45 ms.
MIN_TERMS = 2
HARD_CAP = 40_000
MAX_TERMS = 32  # a 100 KB query still sends a bounded OR


def select_terms(
    terms: Sequence[str], dfs: Mapping[str, int], *,
    budget: int = POSTING_BUDGET, min_terms: int = MIN_TERMS, hard_cap: int = HARD_CAP,
    max_terms: int = MAX_TERMS,
) -> list[str]:
    """The rarest known terms, while their postings fit the budget (the rarest always)."""
    known = sorted((t for t in terms if dfs.get(t, 0) > 0), key=lambda t: (dfs[t], t))
    chosen: list[str] = []
    total = 0
    for t in known[:max_terms]:
        after = total + dfs[t]
        if chosen and after > budget and not (len(chosen) < min_terms and after <= hard_cap):
            break
        chosen.append(t)
        total = after
    return chosen


def idf(df: int, n_docs: int) -> float:
    """BM25's IDF (never negative)."""
    return math.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))


def known_share(known_idf: Mapping[str, float], unknown: Sequence[str], n_docs: int) -> float:
    """Share of the query's IDF weight carried by terms the store holds. An unknown
    term weighs as much as the query's average known term (a typo or a synonym
    should cost a share, not the whole score); with no known term the share is 0."""
    have = sum(known_idf.values())
    if not have:
        return 0.0
    missing = len(set(unknown)) * have / len(known_idf)
    return have / (have + missing)


# --- re-ranking ---------------------------------------------------------------

@dataclass(frozen=True)
class Weights:
    """Fusion weights, tuned by coordinate ascent on the CheckThat! 2020/2022/2021
    train splits (bench/tune_retrieval.py), checked on dev. The full-text score
    carries most of the signal; fuzzy scores alone rank far worse (MAP@5 0.55 vs
    0.81 on 2020 dev) but break its ties and near-ties."""

    bm25: float = 1.0
    overlap: float = 0.2
    token_set: float = 0.2
    partial: float = 0.2
    # A bonus on top (outside the weighted mean, so a candidate that repeats the claim's words
    # scores as before): the share of the claim said with related terms (claims.text.related).
    related: float = 1.0


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class Features:
    bm25: float  # full-text score divided by the best of this query (0-1)
    overlap: float  # IDF-weighted share of the query's terms found in the candidate (0-1)
    token_set: float  # rapidfuzz token_set_ratio on normalised text (0-1)
    partial: float  # rapidfuzz partial_ratio (0-1): a short claim inside a long text
    # IDF-weighted share of the query's terms said with a related term, times `overlap` (0-1): a
    # related word counts as far as the candidate shares the claim's other words (its story);
    # alone, it lifted generic debate lines on CheckThat! 2021-2b (bench/tune_related.py).
    related: float = 1.0

    def fused(self, w: Weights = DEFAULT_WEIGHTS) -> float:
        total = w.bm25 + w.overlap + w.token_set + w.partial
        s = (w.bm25 * self.bm25 + w.overlap * self.overlap
             + w.token_set * self.token_set + w.partial * self.partial + w.related * self.related)
        return min(100.0, 100.0 * s / total) if total else 0.0


def features(
    query_norm: str,
    query_idf: Mapping[str, float],
    cand_norm: str,
    bm25_norm: float,
) -> Features:
    """Scores of one candidate against the query (both normalised by claims.text.normalize)."""
    cand_terms = set(cand_norm.split())
    total = sum(query_idf.values())
    hit = sum(v for t, v in query_idf.items() if t in cand_terms)
    overlap = hit / total if total else 0.0
    return Features(
        bm25=bm25_norm,
        overlap=overlap,
        token_set=fuzz.token_set_ratio(query_norm, cand_norm) / 100.0,
        partial=fuzz.partial_ratio(query_norm, cand_norm) / 100.0,
        related=related_terms.related_share(query_idf, cand_terms) * overlap if 0 < hit < total else 0.0,
    )


def rerank(
    query_norm: str,
    query_idf: Mapping[str, float],
    candidates: Sequence[tuple[int, float, str]],
    *,
    weights: Weights = DEFAULT_WEIGHTS,
) -> list[tuple[int, float, Features]]:
    """(id, bm25, norm_text) candidates -> (id, score 0-100, features), best first."""
    if not candidates:
        return []
    best = max(c[1] for c in candidates) or 1.0
    out = []
    for cid, bm, norm in candidates:
        f = features(query_norm, query_idf, norm, max(bm, 0.0) / best if best > 0 else 0.0)
        out.append((cid, f.fused(weights), f))
    out.sort(key=lambda r: (-r[1], r[0]))
    return out


# --- what the desk knows beyond the words -------------------------------------------

@dataclass(frozen=True)
class ContextWeights:
    """How a claim's context moves its matches. Tuned on the CheckThat! 2021-2b
    train split (debate sentences vs PolitiFact fact-checks, where a claim's
    neighbours and speaker exist), checked on dev: MAP@5 train 0.51 -> 0.56,
    dev 0.40 -> 0.46 (bench/tune_context.py). The train optimum is flat
    (neighbour 0.2-0.5, speaker 10-30 points all within 0.01)."""

    neighbour: float = 0.3  # share of a nearby claim's score given to its matches
    same_speaker: float = 20.0  # points for a statement by the claim's own speaker


DEFAULT_CONTEXT_WEIGHTS = ContextWeights()

_HONORIFICS = frozenset(
    "mr mrs ms miss dr sen senator rep representative gov governor president pres "
    "prime minister sir dame lord lady hon".split()
)


_GENERATIONAL = frozenset("jr sr ii iii iv".split())


def name_tokens(name: str) -> tuple[str, ...]:
    """A person's name as comparable tokens: case-folded words without honorifics
    or initials; "O'Rourke" and "Ocasio-Cortez" stay one word each."""
    joined = name.casefold().replace("'", "").replace("\u2019", "").replace("-", "")
    words = "".join(c if c.isalnum() else " " for c in joined).split()
    return tuple(w for w in words if w not in _HONORIFICS and len(w) > 1)


def same_person(a: str, b: str) -> bool:
    """True for "Donald Trump" / "President Donald J. Trump" / "Trump", and
    "Selina Korr" / "Finance Minister Selina Korr"; False for "Donald Trump" /
    "Donald Trump Jr." or "Eric Trump" (a surname alone matches a full name;
    two full names must agree, the shorter ending the longer)."""
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    if _GENERATIONAL.intersection(ta) != _GENERATIONAL.intersection(tb):
        return False
    short, long_ = (ta, tb) if len(ta) < len(tb) else (tb, ta)
    if not set(short) - _GENERATIONAL:
        return False  # "Jr." alone names nobody
    return long_[-len(short):] == short


@dataclass(frozen=True)
class Boosted:
    statement_id: int
    score: float  # the candidate's own similarity to the claim, 0-100 (what is shown)
    key: float  # what the ranking sorts by: score plus the context's boosts
    neighbour: float  # points that came from nearby claims' matches
    same_speaker: bool
    moved_up: bool = False  # the context placed it above where its own score would


def with_context(
    own: Mapping[int, float],
    neighbour_scores: Sequence[Mapping[int, float]],
    same_speaker: frozenset[int] | set[int],
    *,
    liftable: Optional[frozenset[int] | set[int]] = None,
    weights: ContextWeights = DEFAULT_CONTEXT_WEIGHTS,
) -> list[Boosted]:
    """Rank candidates by their own score, then let the context reorder the
    liftable ones (None: all) among the places they hold, best first.

    A claim read alone is often a fragment ("And now it's going up very
    substantially."): the claims around it in the same source say what it is
    about, and politicians repeat themselves, so a fact-check of the same
    speaker is likelier to be the one. The context only reorders the liftable
    statements (the checked ones) among themselves: a fact-check about the
    story can pass another fact-check, never the news report that contradicts
    the claim. The shown score stays the candidate's own.
    """
    boosted = []
    for sid, score in own.items():
        lifts = liftable is None or sid in liftable
        nb = weights.neighbour * sum(n.get(sid, 0.0) for n in neighbour_scores) if lifts else 0.0
        same = lifts and sid in same_speaker
        key = score + nb + (weights.same_speaker if same else 0.0)
        boosted.append(Boosted(sid, score, key, nb, same))
    boosted.sort(key=lambda b: (-b.score, b.statement_id))  # own order
    was = {b.statement_id: k for k, b in enumerate(boosted)}
    if liftable is None:
        boosted.sort(key=lambda b: (-b.key, -b.score, b.statement_id))
    else:
        places = [k for k, b in enumerate(boosted) if b.statement_id in liftable]
        lifted = sorted((boosted[k] for k in places), key=lambda b: (-b.key, -b.score, b.statement_id))
        for k, b in zip(places, lifted):
            boosted[k] = b
    return [replace(b, moved_up=k < was[b.statement_id]) for k, b in enumerate(boosted)]
