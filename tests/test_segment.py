"""Golden table for the sentence splitter (invented sentences)."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.text.extract import extract_statements
from claims.text.records import Article
from claims.text.segment import MAX_SENTENCE_CHARS, paragraph_spans, segment, sentence_spans

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


def _pieces(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in spans]


def test_a_run_without_any_punctuation_or_space_is_cut_at_the_limit() -> None:
    text = "x" * 20_000
    spans = sentence_spans(text)
    assert [e - s for s, e in spans] == [MAX_SENTENCE_CHARS] * 13 + [20_000 - 13 * MAX_SENTENCE_CHARS]
    assert "".join(_pieces(text, spans)) == text


def test_a_line_of_comma_clauses_is_cut_after_a_comma() -> None:
    text = ", ".join(f"the council said clause {i} was fine" for i in range(600))
    spans = sentence_spans(text)
    assert 15 <= len(spans) <= 31
    pieces = _pieces(text, spans)
    assert all(MAX_SENTENCE_CHARS // 2 <= len(p) <= MAX_SENTENCE_CHARS for p in pieces[:-1])
    assert all(p.endswith(",") for p in pieces[:-1]), "cut inside a clause"
    assert " ".join(pieces) == text  # nothing lost but the spaces at the cuts


def test_words_without_punctuation_are_cut_at_a_space() -> None:
    text = " ".join(["word"] * 5_000) + ". Next sentence here."
    pieces = _pieces(text, sentence_spans(text))
    assert pieces[-1] == "Next sentence here."
    assert all(len(p) <= MAX_SENTENCE_CHARS and p.startswith("word") and p.endswith("word") for p in pieces[:-2])
    assert pieces[-2].endswith("word.")
    assert " ".join(pieces) == text


def test_sentences_under_the_limit_are_untouched() -> None:
    text = "A" + " long" * 290 + ". " + "B" + " short" * 10 + "."  # 1,452 and 62 characters
    assert _pieces(text, sentence_spans(text)) == [text[:1452], text[1453:]]


@given(st.lists(PIECES, max_size=60).map("".join), st.integers(2, 40))
def test_no_span_is_longer_than_the_limit_and_none_drops_text(text: str, limit: int) -> None:
    spans = sentence_spans(text, max_chars=limit)
    pos = 0
    for s, e in spans:
        assert 0 < e - s <= limit
        assert text[pos:s].strip() == "" and text[s:e] == text[s:e].strip()
        pos = e
    assert text[pos:].strip() == ""


def test_a_long_one_line_article_becomes_bounded_statements_with_exact_offsets() -> None:
    text = "The minister said " + ", ".join(f"the budget for district {i} rose by {i} percent" for i in range(500))
    statements = extract_statements(Article(title="One line", text=text))
    assert len(statements) >= len(text) // MAX_SENTENCE_CHARS
    assert all(len(s.text) <= MAX_SENTENCE_CHARS and text[s.start:s.end] == s.text for s in statements)
    assert all(text[s.claim_start:s.claim_end] == s.claim_text for s in statements)
    assert " ".join(s.text for s in statements) == text


def test_a_quote_ending_in_an_exclamation_keeps_its_frame() -> None:
    text = "“We will not close the port!” Mayor Ann Vell said on Monday. The council met later."
    assert _pieces(text, sentence_spans(text)) == [
        "“We will not close the port!” Mayor Ann Vell said on Monday.", "The council met later."]
    asked = "''Who pays for it?'' Mr. Osk wrote on his blog. Nobody answered."
    assert _pieces(asked, sentence_spans(asked))[0] == "''Who pays for it?'' Mr. Osk wrote on his blog."
    # a name followed by a clause of its own starts a new sentence
    own = "“Why not?” Vell said he would run again."
    assert _pieces(own, sentence_spans(own)) == ["“Why not?”", "Vell said he would run again."]
    plain = "It was over! Vell said nothing more."
    assert len(sentence_spans(plain)) == 2


def test_the_quote_before_its_frame_gets_the_speaker() -> None:
    text = "The harbour closed on Friday.\n\n“We will not close the port!” Mayor Ann Vell said on Monday."
    quote = extract_statements(Article(title="Port", text=text))[1]
    assert (quote.kind, quote.speaker, quote.claim_text) == ("direct_quote", "Ann Vell", "We will not close the port!")


def test_single_line_breaks_end_paragraphs_in_text_that_mostly_uses_blank_lines() -> None:
    text = ("Port deal signed\n\nThe mayor spoke first.\nThe council voted. It went on\nafter lunch.\n"
            "“We will fight.\nWe will win,” Vell said.\n\nThe end.")
    assert [text[s:e] for s, e in paragraph_spans(text)] == [
        "Port deal signed", "The mayor spoke first.", "The council voted. It went on\nafter lunch.",
        "“We will fight.\nWe will win,” Vell said.", "The end."]
