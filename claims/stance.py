"""Stance of a matched statement towards a claim: supports, contradicts or related,
with reasons a reviewer can check at a glance.

Rules, each a table below (no if-chains over words):
  - negation on one side only   "is not a military base" / "a military presence"
  - a denial word on one side    "denied", "rejected", "baseless", "no evidence"
  - antonyms across the sides    increased / decreased, won / lost, confirmed / denied
  - different numbers for the same quantity ("16 civilians" / "20 civilians"),
    or different numbers or years in otherwise similar sentences
Any of these makes "contradicts"; otherwise a close paraphrase "supports" and
anything else is "related". Pure functions over str.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from claims.normalize import STOP_WORDS, stem, tokens

SUPPORTS, CONTRADICTS, RELATED = "supports", "contradicts", "related"
STANCES = (SUPPORTS, CONTRADICTS, RELATED)

# Words that negate the clause they are in.
NEGATION_WORDS = frozenset("not no never none nobody nothing neither nor cannot".split())
# "not only X but Y" and the like assert X: (negation, next word) pairs that do not negate.
NOT_NEGATING = frozenset({("not", "only"), ("not", "just"), ("no", "doubt"), ("never", "before")})

# Words that deny or dismiss a claim.  Multi-word cues are tuples of plain words.
DENIAL_CUES: tuple[tuple[str, ...], ...] = (
    ("deny",), ("denied",), ("denies",), ("denial",), ("reject",), ("rejected",), ("rejects",),
    ("refute",), ("refuted",), ("dismiss",), ("dismissed",), ("debunk",), ("debunked",),
    ("baseless",), ("unfounded",), ("untrue",), ("false",), ("falsely",), ("fake",), ("hoax",),
    ("fabricated",), ("myth",), ("misleading",), ("groundless",), ("disputed",), ("rebuff",),
    ("rebuffed",), ("no", "evidence"), ("no", "proof"),
)

# Pairs of opposites; each side of a pair is a few plain words (stemmed at import).
ANTONYMS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("increase", "increased", "rise", "rose", "risen", "grow", "grew", "up", "higher", "more", "gain"),
     ("decrease", "decreased", "fall", "fell", "fallen", "drop", "dropped", "decline", "shrink",
      "down", "lower", "less", "fewer", "loss", "cut")),
    (("win", "won", "victory"), ("lose", "lost", "defeat", "defeated")),
    (("confirm", "confirmed", "admit", "admitted", "acknowledge"), ("deny", "denied", "reject", "rejected")),
    (("true", "accurate", "correct", "real"), ("false", "inaccurate", "incorrect", "fake")),
    (("legal", "lawful", "allowed", "permitted"), ("illegal", "unlawful", "banned", "forbidden", "prohibited")),
    (("guilty", "convicted"), ("innocent", "acquitted", "cleared")),
    (("support", "supported", "favour", "favor"), ("oppose", "opposed", "against")),
    (("accept", "accepted", "approve", "approved"), ("refuse", "refused", "veto", "vetoed")),
    (("alive", "survived"), ("dead", "died", "killed")),
    (("safe", "safety"), ("dangerous", "unsafe", "harmful")),
    (("open", "opened"), ("close", "closed", "shut")),
    (("present", "presence"), ("absent", "absence")),
    (("best", "highest", "most", "largest"), ("worst", "lowest", "least", "smallest")),
    (("before",), ("after",)),
)

# Scale words multiply the number before them; year-like numbers are dates.
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
YEAR_RANGE = (1800, 2100)
# Words that say a number is approximate or a share: not a unit.
NUMBER_SKIP = frozenset(STOP_WORDS | {"percent", "per", "cent", "about", "around", "nearly",
                                       "almost", "over", "more", "than", "least"})
CLOSE_PARAPHRASE = 72.0  # fused score (0-100) from which a match without conflict supports


def _stems(words: Iterable[str]) -> frozenset[str]:
    return frozenset(stem(w) for w in words)


_DENIAL_SINGLE = _stems(c[0] for c in DENIAL_CUES if len(c) == 1)
_DENIAL_MULTI = [tuple(stem(w) for w in c) for c in DENIAL_CUES if len(c) > 1]
_ANTONYM_STEMS = [(_stems(a), _stems(b)) for a, b in ANTONYMS]
_SCALE_STEMS = {stem(k): v for k, v in SCALES.items()}


@dataclass
class Stance:
    label: str
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Side:
    words: list[str]  # tokens, not stemmed
    stems: list[str]
    stem_set: frozenset[str]
    negations: list[str]
    denials: list[str]
    numbers: list[tuple[float, str | None, str]]  # value, unit stem, as written
    years: frozenset[int]


@lru_cache(maxsize=256)  # the claim side is the same for every match of a search
def _side(text: str) -> _Side:
    words = tokens(text)
    stems_ = [stem(w) for w in words]
    negs = [w for i, w in enumerate(words)
            if w in NEGATION_WORDS and (w, words[i + 1] if i + 1 < len(words) else "") not in NOT_NEGATING]
    denials = [words[i] for i, s in enumerate(stems_) if s in _DENIAL_SINGLE]
    for cue in _DENIAL_MULTI:
        n = len(cue)
        if any(tuple(stems_[i:i + n]) == cue for i in range(len(stems_) - n + 1)):
            denials.append(" ".join(cue))
    numbers: list[tuple[float, str | None, str]] = []
    years: set[int] = set()
    for i, w in enumerate(words):
        if not w[0].isdigit():
            continue
        try:
            value = float(w)
        except ValueError:
            continue
        j = i + 1
        shown = w
        if j < len(stems_) and stems_[j] in _SCALE_STEMS:
            value *= _SCALE_STEMS[stems_[j]]
            shown = f"{w} {words[j]}"
            j += 1
        if value.is_integer() and YEAR_RANGE[0] <= value <= YEAR_RANGE[1] and shown == w:
            years.add(int(value))
            continue
        unit = None
        for k in range(j, min(j + 3, len(words))):
            if words[k] not in NUMBER_SKIP and not words[k][0].isdigit():
                unit = stems_[k]
                break
        numbers.append((value, unit, shown))
    return _Side(words, stems_, frozenset(stems_), negs, denials, numbers, frozenset(years))


def _fmt(values: Iterable[str]) -> str:
    return ", ".join(dict.fromkeys(values))


def _negation(q: _Side, m: _Side, similarity: float) -> list[str]:
    if bool(q.negations) == bool(m.negations):
        return []
    side, words = ("the claim", q.negations) if q.negations else ("the match", m.negations)
    return [f"negation on one side only: \"{_fmt(words)}\" in {side}"]


def _denial(q: _Side, m: _Side, similarity: float) -> list[str]:
    if bool(q.denials) == bool(m.denials):
        return []
    side, words = ("the claim", q.denials) if q.denials else ("the match", m.denials)
    return [f"denial on one side only: \"{_fmt(words)}\" in {side}"]


def _antonyms(q: _Side, m: _Side, similarity: float) -> list[str]:
    out = []
    for a, b in _ANTONYM_STEMS:
        for x, y in ((a, b), (b, a)):
            qx = [w for w, s in zip(q.words, q.stems) if s in x]
            my = [w for w, s in zip(m.words, m.stems) if s in y]
            # only a real opposition: the match does not also use the claim's word
            if qx and my and not (m.stem_set & x) and not (q.stem_set & y):
                out.append(f"antonyms: \"{qx[0]}\" in the claim, \"{my[0]}\" in the match")
    return out


def _numbers(q: _Side, m: _Side, similarity: float) -> list[str]:
    out = []
    q_units = {u for _, u, _ in q.numbers if u}
    for unit in sorted(q_units & {u for _, u, _ in m.numbers if u}):
        qv = {v: s for v, u, s in q.numbers if u == unit}
        mv = {v: s for v, u, s in m.numbers if u == unit}
        if not set(qv) & set(mv):
            out.append(f"different numbers for the same quantity: {_fmt(qv.values())} vs {_fmt(mv.values())} ({unit})")
    # Numbers without a shared unit conflict only in near-identical sentences.
    if not out and similarity >= CLOSE_PARAPHRASE and q.numbers and m.numbers:
        qv = {v: s for v, _, s in q.numbers}
        mv = {v: s for v, _, s in m.numbers}
        if not set(qv) & set(mv):
            out.append(f"different numbers: {_fmt(qv.values())} vs {_fmt(mv.values())}")
    if similarity >= CLOSE_PARAPHRASE / 2 and q.years and m.years and not q.years & m.years:
        out.append(f"different dates: {_fmt(map(str, sorted(q.years)))} vs {_fmt(map(str, sorted(m.years)))}")
    return out


# The contradiction rules, in the order their reasons are shown.
RULES = (_negation, _denial, _antonyms, _numbers)


def stance(claim: str, match: str, *, similarity: float) -> Stance:
    """Label `match` relative to `claim`; `similarity` is the fused 0-100 match score."""
    q, m = _side(claim), _side(match)
    reasons = [r for rule in RULES for r in rule(q, m, similarity)]
    if reasons:
        return Stance(CONTRADICTS, reasons)
    if similarity >= CLOSE_PARAPHRASE:
        return Stance(SUPPORTS, [f"close paraphrase (score {similarity:.0f})"])
    return Stance(RELATED, [])
