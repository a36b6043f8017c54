"""Golden table of the stance rules: our own sentence pairs, one rule each."""
from __future__ import annotations

import pytest

from claims.stance import CONTRADICTS, RELATED, SUPPORTS, stance

# (claim, match, similarity 0-100, expected label, a phrase the reasons must contain)
CASES = [
    # negation on one side only
    ("The harbour is not a naval base.", "Officials fear a naval presence at the harbour.", 40,
     CONTRADICTS, "negation on one side only"),
    ("The mayor never signed the lease.", "The mayor signed the lease in March.", 80,
     CONTRADICTS, '"never" in the claim'),
    ("The bridge was built in 1990.", "Nobody built a bridge there, the council says.", 40,
     CONTRADICTS, '"nobody" in the match'),
    ("The minister didn't resign.", "The minister resigned on Friday.", 80,
     CONTRADICTS, '"not" in the claim'),
    # both sides negated: no conflict
    ("The plant is not closing.", "The plant will not close this year.", 80, SUPPORTS, "close paraphrase"),
    # "not only" asserts
    ("The fire destroyed not only the mill but the school.", "The fire destroyed the mill.", 75,
     SUPPORTS, "close paraphrase"),
    # denial words
    ("The company dumped waste in the river.", "The company denied dumping waste in the river.", 85,
     CONTRADICTS, '"denied" in the match'),
    ("Reports of a curfew are baseless, police said.", "Police imposed a curfew downtown.", 50,
     CONTRADICTS, "denial on one side only"),
    ("There is no evidence the vote was rigged.", "The vote was rigged, the party claims.", 60,
     CONTRADICTS, "negation on one side only"),
    # antonyms
    ("Unemployment increased in May.", "Unemployment decreased in May.", 90,
     CONTRADICTS, 'antonyms: "increased" in the claim, "decreased" in the match'),
    ("The incumbent won the election.", "The incumbent lost the election.", 90,
     CONTRADICTS, "antonyms"),
    ("The ministry confirmed the outbreak.", "The ministry denied reports of an outbreak.", 70,
     CONTRADICTS, "antonyms"),
    ("Crime rose by 5 percent.", "Crime fell by 5 percent.", 90, CONTRADICTS, '"rose" in the claim'),
    # numbers for the same quantity
    ("The strike killed 16 civilians.", "The strike killed 20 civilians.", 90,
     CONTRADICTS, "different numbers for the same quantity: 16 vs 20 (civilian)"),
    ("The fire displaced 11,300 people.", "Only 3,252 people were displaced by the fire.", 70,
     CONTRADICTS, "11300 vs 3252"),
    ("Nine million people voted.", "9 million people voted.", 95, SUPPORTS, "close paraphrase"),
    ("The fund is worth 2 billion dollars.", "The fund is worth 2 billion dollars, the bank says.", 90,
     SUPPORTS, "close paraphrase"),
    # dates
    ("The treaty was signed in 1997.", "The treaty was signed in 2004.", 85,
     CONTRADICTS, "different dates: 1997 vs 2004"),
    # close paraphrase without conflict, and a loose relation
    ("The council approved the new budget.", "The new budget was approved by the council.", 88,
     SUPPORTS, "close paraphrase"),
    ("The council approved the new budget.", "The council meets on Tuesdays.", 30, RELATED, ""),
    # numbers in unrelated sentences are not a conflict
    ("The council has 12 members.", "The road is 40 km long.", 10, RELATED, ""),
]


@pytest.mark.parametrize("claim,match,similarity,label,reason", CASES)
def test_stance_golden(claim: str, match: str, similarity: float, label: str, reason: str) -> None:
    got = stance(claim, match, similarity=similarity)
    assert got.label == label, got.reasons
    if reason:
        assert any(reason in r for r in got.reasons), got.reasons
    if label == RELATED:
        assert got.reasons == []


def test_stance_is_symmetric_in_label_for_negation() -> None:
    a, b = "The port is not a military base.", "There is a military base at the port."
    assert stance(a, b, similarity=70).label == stance(b, a, similarity=70).label == CONTRADICTS


@pytest.mark.parametrize("text", ["", "!!!", "😀😀", "مرحبا بالعالم", "\u202e\u202d", "x" * 50_000])
def test_stance_never_raises_on_odd_text(text: str) -> None:
    assert stance(text, "The port is a base.", similarity=50).label in (SUPPORTS, CONTRADICTS, RELATED)
