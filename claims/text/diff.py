"""Which words of a matched statement the claim does not have: what a reviewer's eye
should go to when two statements look alike (a changed figure, an added "not")."""
from __future__ import annotations

import re

from claims.text.normalize import is_stop, stem, tokens
from claims.text.vocab import NEGATION_WORDS

# A word as a reader sees it: "1,200", "5.2", "don't", "well-known".
WORD_RE = re.compile(r"\w(?:[\w’'.,-]*\w)?")


def _word_keys(word: str) -> list[str]:
    return [stem(t) for t in tokens(word)]


def differing_words(claim: str, match: str) -> list[tuple[int, int]]:
    """Character spans of `match` whose words the claim does not have (stems compared).

    Stop words are not differences worth a reader's eye, except negations:
    "not" on one side only is often the whole contradiction.
    """
    have = {k for w in WORD_RE.findall(claim) for k in _word_keys(w)}
    spans: list[tuple[int, int]] = []
    for m in WORD_RE.finditer(match):
        keys = _word_keys(m.group(0))
        raw = m.group(0).lower()
        if any(k not in have and (not is_stop(k) or raw in NEGATION_WORDS) for k in keys):
            spans.append((m.start(), m.end()))
    return spans
