"""Golden table for claims/text/diff.py: the words of a match a reviewer should look at."""
from __future__ import annotations

import pytest

from claims.text.diff import differing_words

DIFF_CASES = [
    # (claim, match, words of the match marked as different)
    ("Police said 800 residents were evacuated", "The mayor said 1,200 residents were evacuated",
     ["mayor", "1,200"]),
    ("Unemployment has fallen to 5.2 percent", "Unemployment did not fall, it rose to 5.8 percent",
     ["not", "rose", "5.8"]),  # negation is marked although it is a stop word
    ("The ships docked at Pier 4", "the ships docked at pier 4", []),  # case and stems do not count
    ("Fire killed three workers", "<script>three</script> workers killed", ["script", "script"]),
]


@pytest.mark.parametrize("claim,match,expected", DIFF_CASES)
def test_differing_words(claim: str, match: str, expected: list[str]) -> None:
    assert [match[a:b] for a, b in differing_words(claim, match)] == expected
