"""Hostile and odd input files: each is read, or refused with the product's one-line
InputError naming the file; never a raw exception, never a hang, and the same
result on SQLite and PostgreSQL."""
from __future__ import annotations

import codecs
import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from claims.ingest import ingest_paths
from claims.text import readers
from claims.text.readers import InputError, find_files, read_articles
from db.engine import Database
from db.models import Source, Speaker, Statement

ARTICLE = "The minister said the new bridge cost four million euros.\n\nCritics said it cost twice that."


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p


@pytest.mark.parametrize("codec,bom", [
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32-le", codecs.BOM_UTF32_LE), ("utf-8", codecs.BOM_UTF8),
])
def test_text_with_a_byte_order_mark_is_decoded(tmp_path: Path, codec: str, bom: bytes) -> None:
    p = write(tmp_path, "bom.txt", bom + ("---\ntitle: Brücke\n---\r\n" + ARTICLE).encode(codec))
    (art,) = read_articles(p)
    assert (art.title, art.text) == ("Brücke", ARTICLE)


def test_utf16_without_a_bom_is_refused_with_the_reason(tmp_path: Path) -> None:
    p = write(tmp_path, "nobom.txt", ARTICLE.encode("utf-16-le"))
    with pytest.raises(InputError, match="UTF-16 without a byte-order mark"):
        read_articles(p)


def test_nul_bytes_past_the_start_and_in_json_are_dropped(tmp_path: Path) -> None:
    p = write(tmp_path, "nul.txt", ("x" * 9000 + "\n\n" + ARTICLE.replace("bridge", "bri\x00dge")).encode())
    (art,) = read_articles(p)
    assert "\x00" not in art.text and "new bridge cost" in art.text
    j = write(tmp_path, "nul.jsonl", json.dumps({"title": "T\u0000itle", "text": "A\u0000 " + ARTICLE}) + "\n")
    (art,) = read_articles(j)
    assert (art.title, art.text[:4]) == ("Title", "A Th")


def test_metadata_limits_are_the_column_sizes() -> None:
    assert readers.METADATA_LIMITS == {
        "title": Source.__table__.c.title.type.length, "outlet": Source.__table__.c.outlet.type.length,
        "author": Source.__table__.c.author.type.length, "filename": Source.__table__.c.filename.type.length}
    assert readers.MAX_URL == Source.__table__.c.url.type.length


def test_long_metadata_is_cut_or_refused(tmp_path: Path) -> None:
    p = write(tmp_path, "long.jsonl", json.dumps({"title": "T" * 5000, "outlet": "O" * 400, "text": ARTICLE}) + "\n")
    (art,) = read_articles(p)
    assert art.title == "T" * 999 + "…" and art.outlet == "O" * 299 + "…"
    u = write(tmp_path, "url.jsonl", json.dumps({"url": "https://e.org/" + "a" * 2000, "text": ARTICLE}) + "\n")
    with pytest.raises(InputError, match="line 1: url is longer than 2000 characters"):
        read_articles(u)


def test_nul_and_long_titles_are_stored_alike_on_every_database(db: Database, tmp_path: Path) -> None:
    """They crashed PostgreSQL and were stored as they came on SQLite."""
    write(tmp_path, "a.jsonl", json.dumps({"title": "Ti\u0000tle " + "t" * 5000, "author": "A" * 900,
                                          "text": "Tal Norren said the port \u0000has 12 ships."}) + "\n")
    write(tmp_path, "b.txt", "x" * 9000 + "\n\nThe ministry said 40 ships\x00 docked in May.")
    summary = ingest_paths(db, [tmp_path])
    assert summary.count("errors") == 0, [f.message for f in summary.files]
    with db.read() as s:
        titles = sorted(s.scalars(select(Source.title)))
        authors = [a for a in s.scalars(select(Source.author)) if a]
        texts = list(s.scalars(select(Statement.text)))
    assert [len(t) for t in titles] == [1000, 1] and titles[0].startswith("Title ttt") and titles[0].endswith("…")
    assert authors == ["A" * 499 + "…"]
    assert not any("\x00" in t for t in texts + titles)


@pytest.mark.parametrize("review,problem", [
    ({"claimReviewed": {"deep": 1}}, "claimReviewed must be text, not an object"),
    ({"claimReviewed": ["a"]}, "claimReviewed must be text, not a list"),
    ({"author": {"name": {"deep": 1}}}, "author.name must be text, not an object"),
    ({"author": 5}, "author must be a name or an object with a name, not a number"),
    ({"reviewRating": "False"}, "reviewRating must be an object, not str"),
    ({"reviewRating": {"alternateName": ["False"]}}, "reviewRating.alternateName must be text, not a list"),
    ({"itemReviewed": [1]}, "itemReviewed must be an object, not a number"),
    ({"itemReviewed": {"author": True}}, "author must be a name or an object with a name, not true/false"),
    ({"url": {"href": "x"}}, "url must be text, not an object"),
    ({"reviewBody": 3.5j if False else ["a"]}, "reviewBody must be text, not a list"),
    ({"datePublished": {"y": 2026}}, "datePublished must be text, not an object"),
])
def test_wrongly_typed_claimreview_fields_are_named(tmp_path: Path, review: dict[str, Any], problem: str) -> None:
    base = {"@type": "ClaimReview", "claimReviewed": "The port has 12 ships.", "author": {"name": "Checks"},
            "reviewRating": {"alternateName": "False"}}
    p = write(tmp_path, "fc.json", json.dumps({**base, **review}))
    with pytest.raises(InputError) as exc:
        read_articles(p)
    assert str(exc.value) == f"{p}: ClaimReview 1: {problem}"


def test_claimreview_keeps_only_http_urls(tmp_path: Path) -> None:
    base = {"@type": "ClaimReview", "claimReviewed": "The port has 12 ships.",
            "reviewRating": {"alternateName": "False"}}
    p = write(tmp_path, "fc.json", json.dumps([{**base, "url": "javascript:alert(1)"},
                                               {**base, "claimReviewed": "Other.", "url": "https://e.org/1"}]))
    assert [a.url for a in read_articles(p)] == [None, "https://e.org/1"]


def test_unclosed_front_matter_is_refused(tmp_path: Path) -> None:
    p = write(tmp_path, "open.md", "---\ntitle: Never closed\noutlet: Ledger\n\n" + ARTICLE)
    with pytest.raises(InputError, match="front matter opened with --- on line 1 is never closed"):
        read_articles(p)


HTML = ('<html><head><title>Bridge story</title><meta property="article:published_time" content="{date}">'
        '</head><body><article><h1>Bridge story</h1><p>The minister said the bridge cost four million euros '
        'last year, according to the budget office figures released on Tuesday.</p><p>Critics said the real '
        'figure was far higher than what the ministry has claimed in its statement.</p></article></body></html>')


@pytest.mark.parametrize("stated,expected", [
    ("2026-03-04", "2026-03-04"),
    ("2026", None),  # a year alone: the date finder says January 1st, the page never did
    ("32/13/2026", None),
    ("Spring 2026", None),
    ("2026-01-01", "2026-01-01"),  # a real New Year's Day stays
])
def test_html_dates_are_never_made_up(tmp_path: Path, stated: str, expected: str | None) -> None:
    (art,) = read_articles(write(tmp_path, "page.html", HTML.format(date=stated)))
    assert (art.published.isoformat() if art.published else None) == expected


def test_file_names_are_shown_escaped(db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "forged\nerror: other.txt: fake.txt", ARTICLE)
    write(folder, os.fsdecode(b"caf\xe9.txt"), ARTICLE.replace("four", "five"))
    summary = ingest_paths(db, [folder])
    assert summary.count("errors") == 0, [f.message for f in summary.files]
    paths = sorted(f.path for f in summary.files)
    assert paths == [f"{folder}/caf\\xe9.txt", f"{folder}/forged\\nerror: other.txt: fake.txt"]
    with db.read() as s:
        assert sorted(s.scalars(select(Source.filename))) == paths


def test_symlinks_out_of_the_folder_and_fifos_are_skipped_with_a_message(tmp_path: Path) -> None:
    outside = write(tmp_path, "secret.txt", "Outside the folder: " + ARTICLE)
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "real.txt", ARTICLE)
    (folder / "inside-link.txt").symlink_to(folder / "real.txt")
    (folder / "escape.txt").symlink_to(outside)
    os.mkfifo(folder / "pipe.txt")
    found = {p.name: p for p in find_files([folder])}
    assert sorted(found) == ["escape.txt", "inside-link.txt", "pipe.txt", "real.txt"]
    assert read_articles(found["inside-link.txt"])[0].text == ARTICLE
    with pytest.raises(InputError, match="skipped: a symbolic link to a file outside"):
        read_articles(found["escape.txt"])
    with pytest.raises(InputError, match="skipped: not a regular file"):
        read_articles(found["pipe.txt"])


def test_a_fifo_named_on_the_command_line_is_refused_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")
    outcome: list[str] = []

    def read() -> None:
        try:
            read_articles(tmp_path / "pipe.md")
        except InputError as exc:
            outcome.append(exc.problem)

    t = threading.Thread(target=read, daemon=True)
    t.start()
    t.join(5)
    assert not t.is_alive(), "reading a FIFO hangs"
    assert outcome == ["not a regular file (a FIFO, socket or device): skipped"]


# ---------------------------------------------------------------- property tests: any bytes, any JSON shape

SUFFIXES = [".txt", ".md", ".csv", ".jsonl", ".json", ".html"]
CLAIMREVIEW_KEYS = ["@type", "claimReviewed", "reviewRating", "alternateName", "name", "author", "publisher",
                    "itemReviewed", "url", "datePublished", "reviewBody", "headline", "@graph", "ratingValue",
                    "bestRating", "worstRating", "text", "title", "published", "outlet"]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
    | st.sampled_from(["ClaimReview", "False", "2026-05-04", "javascript:x", "\u0000"]),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(CLAIMREVIEW_KEYS) | st.text(max_size=8), children, max_size=6),
    max_leaves=25,
)


def test_every_reader_is_fuzzed() -> None:
    # The suffixes below reach every reader function: a new reader must join them.
    assert {readers._READERS[s] for s in readers.SUPPORTED} == {readers._READERS[s] for s in SUFFIXES}


def only_input_errors(path: Path) -> None:
    try:
        articles = read_articles(path)
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc).startswith(readers.shown(path))
        return
    for a in articles:
        assert a.text.strip() and "\x00" not in a.text + a.title


@pytest.mark.parametrize("suffix", SUFFIXES)
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400))
def test_any_bytes_give_articles_or_one_input_error(tmp_path: Path, suffix: str, data: bytes) -> None:
    only_input_errors(write(tmp_path, "any" + suffix, data))


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=json_values)
def test_any_json_shape_gives_fact_checks_or_one_input_error(tmp_path: Path, value: Any) -> None:
    doc = {"@type": "ClaimReview", **value} if isinstance(value, dict) and value.get("@type") is None else value
    only_input_errors(write(tmp_path, "shape.json", json.dumps(doc)))


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(json_values, min_size=1, max_size=3))
def test_any_json_lines_give_articles_or_one_input_error(tmp_path: Path, lines: list[Any]) -> None:
    only_input_errors(write(tmp_path, "lines.jsonl", "\n".join(json.dumps(v) for v in lines)))


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(st.text(max_size=20), min_size=1, max_size=4), min_size=1, max_size=4))
def test_any_csv_gives_articles_or_one_input_error(tmp_path: Path, rows: list[list[str]]) -> None:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out).writerows([["title", "text", "published"], *rows])
    only_input_errors(write(tmp_path, "rows.csv", out.getvalue()))


def test_speaker_columns_fit_what_extraction_may_produce() -> None:
    # ingest cuts speakers' names and titles to these sizes (claims/ingest.py)
    assert (Speaker.__table__.c.name.type.length, Speaker.__table__.c.title.type.length) == (300, 500)


@pytest.mark.parametrize("name", ["deep.json", "deep.jsonl"])
def test_deeply_nested_json_is_one_input_error(tmp_path: Path, name: str) -> None:
    p = write(tmp_path, name, "[" * 100_000 + "]" * 100_000)
    with pytest.raises(InputError, match="nested too deeply"):
        read_articles(p)


NESTED_PARAS = ("The council said 12 schools closed in Varna last year, the mayor confirmed on Monday.",
                "Parents said the buses took an hour longer, according to the local paper.",
                "The ministry said four schools would reopen in September.")


def nested_page(depth: int, *, shallow_first: bool = False) -> str:
    """A news page whose article sits inside DEPTH nested <div>s (after a shallow first
    paragraph when asked), with a script deep inside that must not become text."""
    paras = "".join(f"<p>{p}</p>" for p in NESTED_PARAS[1 if shallow_first else 0:])
    deep = "<div>" * depth + paras + "<script>var tracking = 'not text';</script>" + "</div>" * depth
    first = f"<p>{NESTED_PARAS[0]}</p>" if shallow_first else ""
    return ("<html><head><title>Varna schools</title></head><body><nav><a href='/'>Home</a></nav><article>"
            + first + deep + "</article></body></html>")


@pytest.mark.parametrize("depth", [300, 500, 5_000])
def test_deeply_nested_html_keeps_its_text(tmp_path: Path, depth: int) -> None:
    (article,) = read_articles(write(tmp_path, "deep.html", nested_page(depth)))
    assert article.title == "Varna schools"
    assert article.text.split("\n\n") == list(NESTED_PARAS)


def test_html_half_shallow_half_deep_loses_nothing(tmp_path: Path) -> None:
    # Before: lxml stopped at 256 levels and the page silently kept only its first paragraph.
    (article,) = read_articles(write(tmp_path, "half.html", nested_page(1_000, shallow_first=True)))
    assert article.text.split("\n\n") == list(NESTED_PARAS)
    assert "tracking" not in article.text


def test_html_of_ordinary_depth_is_not_rewritten() -> None:
    from claims.text import html_nesting

    page = nested_page(20)
    assert html_nesting.shallow(page) is page
    assert html_nesting.nesting_depth(page) == 24  # html, body, article, 20 divs, p
    deep = html_nesting.shallow(nested_page(5_000))
    assert html_nesting.nesting_depth(deep) <= html_nesting.MAX_DEPTH


@settings(max_examples=100)
@given(st.lists(st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<br>", "<b>", "</i>",
                                 "word", " ", "&amp;", "<", ">", "<!-- c -->", "<img src=x>", "</span>"]),
                max_size=80).map(" ".join), st.integers(1, 6))
def test_flattening_keeps_every_word_and_bounds_the_depth(page: str, depth: int) -> None:
    from claims.text import html_nesting

    flat = html_nesting.flatten(page, depth)
    assert html_nesting.nesting_depth(flat) <= depth + 1  # a stray end tag may be kept
    assert flat.count("word") == page.count("word")  # (scripts are left out of the pages: their text goes)
