"""Golden tables for ui/text.py: article text is escaped before any highlight tag is added."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ui import text

ESCAPE_CASES = [
    ("plain", "plain"),
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("[x](javascript:alert(1))", "[x](javascript:alert(1))"),  # inert in HTML: no Markdown here
    ('a "quote" & \'apostrophe\'', "a &quot;quote&quot; &amp; &#x27;apostrophe&#x27;"),
    ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
]


@pytest.mark.parametrize("raw,expected", ESCAPE_CASES)
def test_text_html_escapes(raw: str, expected: str) -> None:
    assert text.text_html(raw) == f'<div class="cd-text">{expected}</div>'


HIGHLIGHT_CASES = [
    ("He said <b>no</b>.", 3, 7, "He <mark>said</mark> &lt;b&gt;no&lt;/b&gt;."),
    ("<i>x</i>", 0, 8, "<mark>&lt;i&gt;x&lt;/i&gt;</mark>"),
    ("abc", -5, 99, "<mark>abc</mark>"),  # offsets clamped
    ("abc", 2, 1, "ab<mark></mark>c"),  # an inverted span marks nothing
]


@pytest.mark.parametrize("raw,start,end,expected", HIGHLIGHT_CASES)
def test_highlight_span(raw: str, start: int, end: int, expected: str) -> None:
    assert text.highlight_span(raw, start, end) == expected


def test_diff_html_escapes_around_marks() -> None:
    html = text.diff_html("b three workers", "<b>five</b> workers")
    assert html == '&lt;b&gt;<mark class="cd-diff">five</mark>&lt;/b&gt; workers'


@pytest.mark.parametrize(
    "url,expected",
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("//evil.example", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_url(url: str | None, expected: str | None) -> None:
    assert text.safe_url(url) == expected


def test_link_html_never_links_unsafe_urls() -> None:
    assert text.link_html("javascript:alert(1)", "<b>t</b>") == "&lt;b&gt;t&lt;/b&gt;"
    assert text.link_html('https://e.org/"x', "t") == (
        '<a href="https://e.org/&quot;x" target="_blank" rel="noopener noreferrer">t</a>'
    )


def test_statements_html_marks_each_statement_with_kind_and_speaker() -> None:
    body = "Intro. <Ana> said yes. End."
    sts = [{"start": 7, "end": 22, "kind": "direct_quote", "speaker": "Ana <x>", "claim_id": 4, "status": "reviewed"}]
    html = text.statements_html(body, sts)
    assert html.startswith('<div class="cd-text">Intro. <span class="cd-stmt"')
    assert 'title="direct_quote · Ana &lt;x&gt; · claim 4 (reviewed)"' in html
    assert "&lt;Ana&gt; said yes.</span> End." in html
    assert text.KIND_COLOURS["direct_quote"] in html


@pytest.mark.parametrize("raw", ["[x](javascript:alert(1))", "**bold** _it_ `code` # h", "a.b-c!"])
def test_md_escape_leaves_no_markdown_syntax(raw: str) -> None:
    out = text.md_escape(raw)
    assert out.replace("\\", "") == raw.replace("\\", "")
    assert all(out[i - 1] == "\\" for i, ch in enumerate(out) if ch in "[]()*_`#!" and i > 0)


@given(st.text(max_size=200), st.integers(-10, 210), st.integers(-10, 210))
def test_highlight_never_lets_markup_through(raw: str, a: int, b: int) -> None:
    html = text.highlight_span(raw, a, b)
    stripped = html.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in stripped and ">" not in stripped
    assert stripped.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace(
        "&#x27;", "'").replace("&amp;", "&") == raw
