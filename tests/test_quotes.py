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
