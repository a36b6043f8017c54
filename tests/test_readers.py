"""Readers: every supported format, and one clear line for every kind of bad file."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from claims.text.readers import InputError, find_files, parse_front_matter, read_article, read_articles

ARTICLE = (
    "---\ntitle: Port talks stall\noutlet: Harbour Herald\nurl: https://example.org/a\n"
    "author: J. Doe\npublished: 2026-03-04\n---\n"
    "Ships docked on Tuesday, officials said.\n\n\u201cIt is not a base,\u201d he said.\n"
)


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p


def test_markdown_front_matter(tmp_path: Path) -> None:
    a = read_article(write(tmp_path, "a.md", ARTICLE))
    assert (a.title, a.outlet, a.url, a.author) == ("Port talks stall", "Harbour Herald", "https://example.org/a", "J. Doe")
    assert a.published == date(2026, 3, 4)
    assert a.text.startswith("Ships docked") and a.text.endswith("he said.")


def test_plain_text_title_from_heading_or_name(tmp_path: Path) -> None:
    assert read_article(write(tmp_path, "x.md", "# Big fire\n\nThe fire spread.")).title == "Big fire"
    a = read_article(write(tmp_path, "river_report.txt", "The river rose 2 metres."))
    assert a.title == "river report" and a.text == "The river rose 2 metres."


def test_headline_line_is_the_title_not_a_statement(tmp_path: Path) -> None:
    # front matter without a title, the headline as the first line of the body
    a = read_article(write(tmp_path, "orsk-wells.txt", "---\noutlet: Valdor Post\npublished: 2026-05-02\n---\n"
                           "Orsk denies wells were tainted as clinic count rises to 12\n\n"
                           "The Orsk water board denied on Monday that any well was tainted.\n"))
    assert a.title == "Orsk denies wells were tainted as clinic count rises to 12"
    assert a.text == "The Orsk water board denied on Monday that any well was tainted." and a.outlet == "Valdor Post"


@pytest.mark.parametrize("body", [
    "The river rose 2 metres on Monday.\n\nThe road was closed.",  # a sentence, not a headline
    "Ships are turned away\nat the port of Vell.\n\nThe road was closed.",  # more than one line
    "By Ana Vell\n\nThe road was closed.",  # a byline
    "Did the river rise?\n\nThe road was closed.",  # a question ends like a sentence
    "Ships are turned away at the port",  # nothing after it
])
def test_first_line_that_is_no_headline_stays_in_the_text(tmp_path: Path, body: str) -> None:
    a = read_article(write(tmp_path, "vell_port.txt", body))
    assert a.title == "vell port" and a.text == body


def test_crlf_is_normalised(tmp_path: Path) -> None:
    a = read_article(write(tmp_path, "w.txt", "One.\r\n\r\nTwo."))
    assert a.text == "One.\n\nTwo."


def test_csv_rows_are_articles(tmp_path: Path) -> None:
    p = write(tmp_path, "f.csv", 'title,outlet,published,text\nA,Herald,2026-01-02,"First.\n\nSecond."\nB,,,"Other text."\n')
    arts = read_articles(p)
    assert [a.title for a in arts] == ["A", "B"]
    assert arts[0].text == "First.\n\nSecond." and arts[0].published == date(2026, 1, 2)
    assert arts[1].outlet is None


def test_jsonl_lines_are_articles(tmp_path: Path) -> None:
    lines = [json.dumps({"title": "A", "text": "Alpha."}), "", json.dumps({"title": "B", "text": "Beta.", "published": "2026-05-07"})]
    arts = read_articles(write(tmp_path, "f.jsonl", "\n".join(lines)))
    assert [a.text for a in arts] == ["Alpha.", "Beta."] and arts[1].published == date(2026, 5, 7)


def test_html_main_text_without_boilerplate(tmp_path: Path) -> None:
    html = """<html><head><title>Fire | Herald</title>
    <meta property="og:title" content="Fire at the plant">
    <meta property="og:site_name" content="Valdoria Herald">
    <meta property="article:published_time" content="2026-04-02T09:00:00Z"></head>
    <body><nav><a href="/">Home</a> | <a href="/world">World</a> | Subscribe now</nav>
    <article><h1>Fire at the plant</h1>
    <p>Three people died in the fire at the Orlov chemical plant on Tuesday, the fire service said.</p>
    <p>"We evacuated 1,200 residents within two hours," said fire chief Lena Varga, speaking at the scene.</p>
    </article><footer>Copyright Valdoria Herald. All rights reserved. Cookie policy.</footer></body></html>"""
    a = read_article(write(tmp_path, "page.html", html))
    assert a.title == "Fire at the plant" and a.outlet == "Valdoria Herald"
    assert a.published == date(2026, 4, 2)
    assert "Three people died" in a.text and "1,200 residents" in a.text
    assert "Subscribe" not in a.text and "Cookie" not in a.text


BAD = [
    ("empty.txt", b"", "empty"),
    ("blank.md", b"  \n\n ", "empty"),
    ("bin.txt", b"\x00\x01\x02PNG\x00", "binary"),
    ("cp1252.txt", "Caf\u00e9 \u201cquoted\u201d".encode("cp1252"), "not valid UTF-8"),
    ("bad.csv", b"title,body\nA,B\n", "no 'text' column"),
    ("ragged.csv", b'title,text\nA,"x",extra\n', "more cells"),
    ("header_only.csv", b"title,text\n", "no rows"),
    ("bad.jsonl", b'{"text": "ok"}\n{"text": \n', "line 2: invalid JSON"),
    ("list.jsonl", b"[1, 2]\n", "expected a JSON object"),
    ("nodate.md", b"---\npublished: someday\n---\nText.", "not a date"),
    ("page.html", b"just words, no markup at all", "not HTML"),
    ("data.pdf", b"%PDF-1.4", "unsupported file type"),
]


@pytest.mark.parametrize("name,data,problem", BAD, ids=[b[0] for b in BAD])
def test_bad_files_name_the_file_and_the_problem(tmp_path: Path, name: str, data: bytes, problem: str) -> None:
    p = write(tmp_path, name, data)
    with pytest.raises(InputError) as exc:
        read_articles(p)
    assert str(p) in str(exc.value) and problem in str(exc.value)
    assert "\n" not in str(exc.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_articles(tmp_path / "gone.md")


def test_huge_file_is_refused_without_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import claims.text.readers as readers

    monkeypatch.setattr(readers, "MAX_ARTICLE_BYTES", 1000)
    with pytest.raises(InputError, match="too large"):
        read_articles(write(tmp_path, "big.txt", "word " * 1000))


def test_cp1252_error_suggests_conversion(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="iconv"):
        read_articles(write(tmp_path, "w.txt", "na\u00efve \u2013 dash".encode("cp1252")))


def test_front_matter_line_without_colon(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="line 2"):
        parse_front_matter("---\ntitle\n---\nbody", tmp_path / "x.md")


def test_folders_expand_to_supported_files_sorted(tmp_path: Path) -> None:
    for name in ("b.md", "a.txt", "README.md", "notes.docx", ".hidden.md", "sub/c.csv"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in find_files([tmp_path])]
    assert found == ["a.txt", "b.md", "sub/c.csv"]
