"""Golden table for the sentence splitter (invented sentences)."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.text.segment import paragraph_spans, segment, sentence_spans

CASES = [
    ("Dr. Kim arrived. She spoke.", ["Dr. Kim arrived.", "She spoke."]),
    ("Outgoing envoy W. Patrick Moore left. Talks resumed.", ["Outgoing envoy W. Patrick Moore left.", "Talks resumed."]),
    ("He moved to the U.S. embassy. It was late.", ["He moved to the U.S. embassy.", "It was late."]),
    ("She lives in the U.S. The talks ended.", ["She lives in the U.S.", "The talks ended."]),
    ("It opened on Jan. 5 at 3 p.m. with No. 7 in line.", ["It opened on Jan. 5 at 3 p.m. with No. 7 in line."]),
    ("“Is it over?” he asked. “Yes.” Then he left.", ["“Is it over?” he asked.", "“Yes.”", "Then he left."]),
    ("Prices rose 4.5 percent. Wages did not!", ["Prices rose 4.5 percent.", "Wages did not!"]),
    ("Gen. Tea Sok and Sen. Ana Ruiz met. Nothing changed.", ["Gen. Tea Sok and Sen. Ana Ruiz met.", "Nothing changed."]),
    ("The firm, Acme Inc., grew. It hired 40 staff.", ["The firm, Acme Inc., grew.", "It hired 40 staff."]),
    ("No full stop at the end", ["No full stop at the end"]),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_sentences(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in sentence_spans(text)] == expected


def test_paragraphs_blank_lines_and_single_newlines() -> None:
    t = "A one.\nstill A.\n\n  B two.  \n\n\nC."
    assert [t[s:e] for s, e in paragraph_spans(t)] == ["A one.\nstill A.", "B two.", "C."]
    t2 = "Line one.\nLine two."
    assert [t2[s:e] for s, e in paragraph_spans(t2)] == ["Line one.", "Line two."]


def test_segment_offsets_exact() -> None:
    t = "First. Second one here.\n\nThird."
    assert [(t[s:e], p) for s, e, p in segment(t)] == [("First.", 0), ("Second one here.", 0), ("Third.", 1)]


# Text a newsroom pastes: words, sentence marks, quotes of both kinds, abbreviations, numbers, newlines.
PIECES = st.sampled_from(["He said", " ", "  ", ".", "!", "?", "\n", "\n\n", "“", "”", '"', "'", "Dr.", "U.S.",
                          "5.2", "1,200", "Mr. Oba", "ok", "—", "(", ")", ";", "e.g.", "Jan.", "\t", "A", "z"])


@given(st.lists(PIECES, max_size=40).map("".join))
def test_sentences_cover_every_paragraph_without_gaps(text: str) -> None:
    covered = 0
    for p_start, p_end in paragraph_spans(text):
        assert text[covered:p_start].strip() == "", "text between paragraphs was dropped"
        pos = p_start
        for s, e in sentence_spans(text, p_start, p_end):
            assert p_start <= s < e <= p_end
            assert text[pos:s].strip() == "", f"gap {text[pos:s]!r}"
            assert text[s:e] == text[s:e].strip(), "a sentence starts or ends with whitespace"
            pos = e
        assert text[pos:p_end].strip() == ""
        covered = p_end
    assert text[covered:].strip() == ""
