"""Golden table for quote spans and roles (invented sentences)."""
from __future__ import annotations

import pytest

from claims.text.quotes import find_quotes, quote_content, quote_role
from claims.text.segment import paragraph_spans

ROLES = [
    ("“We will rebuild the port by June,” she said.", "quote"),
    ("“No,” he said.", "quote"),
    ("The minister praised the “active” role of donors.", "scare"),
    ("They held the “Silver Lotus” drill.", "scare"),
    ("It ran under the theme “Safe roads for every child in town”.", "title"),
    ("The report called it “Harbour Vision Plan”, a draft.", "title"),
    ("She denied the workers were jailed “for speaking out against low pay”.", "quote"),
    ('He said "this is a straight quote with several words," and left.', "quote"),
]


@pytest.mark.parametrize("text,role", ROLES)
def test_roles(text: str, role: str) -> None:
    qs = find_quotes(text, paragraph_spans(text))
    assert len(qs) == 1
    assert quote_role(text, qs[0], 0) == role


def test_multi_paragraph_quote_is_one_span() -> None:
    t = "“First paragraph of the quote.\n\n“Second paragraph,” she said.\n\nNarration."
    (q,) = find_quotes(t, paragraph_spans(t))
    assert q.closed and q.paragraphs == 2 and t[q.start:q.end].endswith("paragraph,”")


def test_unbalanced_quote_ends_with_its_paragraph() -> None:
    t = "“Never closed here.\n\nNarration follows."
    (q,) = find_quotes(t, paragraph_spans(t))
    assert not q.closed and t[q.start:q.end] == "“Never closed here."


def test_single_quotes_only_without_double_marks() -> None:
    t = "‘We won’t stop,’ said the coach. The players’ mood was good."
    (q,) = find_quotes(t, paragraph_spans(t))
    assert quote_content(t, q) == "We won’t stop,"


def test_an_opening_mark_typed_where_a_quote_closes() -> None:
    text = "“It is unusual,“ said Ana Rusk. “It is hard.”"
    spans = [(q.start, q.end, q.closed) for q in find_quotes(text, [(0, len(text))])]
    assert spans[0] == (0, text.index(" said"), True)


def test_single_quoted_headline_after_a_colon_in_a_double_quoted_text() -> None:
    text = "Mayor Vell: ‘The Bridge Is Safe.’\n\nShe said “it is fine” on Monday."
    paras = [(0, text.index("\n")), (text.index("She"), len(text))]
    quotes = find_quotes(text, paras)
    assert (quotes[0].start, quotes[0].end) == (text.index("‘"), text.index("’") + 1)
    # an apostrophe inside a headline is not a quote
    text = "Vell's Plan: Port Opens In May"
    assert find_quotes(text, [(0, len(text))]) == []


def test_a_short_shouted_sentence_is_a_quote() -> None:
    text = "When the mayor said it was great to be home, a man yelled “Stay there!”"
    q = find_quotes(text, [(0, len(text))])[0]
    assert quote_role(text, q, 0) == "quote"
    text = "The mayor called it “safe enough” on Monday."
    assert quote_role(text, find_quotes(text, [(0, len(text))])[0], 0) == "scare"


def test_a_closing_mark_opening_a_paragraph_opens_the_quote() -> None:
    text = "Vell spoke at length.\n\n” … what I learned from the families is that the port matters,” she said."
    quotes = find_quotes(text, paragraph_spans(text))
    assert [(q.start, q.end) for q in quotes] == [(text.index("”"), text.rindex("”") + 1)]
