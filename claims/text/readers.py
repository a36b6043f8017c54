"""Read input files into Articles: .txt/.md (with front matter), .html, .csv, .jsonl.

Every problem becomes an InputError whose message names the file and says what
is wrong, so one bad file in a batch is reported in one line and skipped.
"""
from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import stat
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterator, Optional

from claims.text.html_nesting import shallow
from claims.text.records import Article

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
TABLE_SUFFIXES = (".csv", ".jsonl", ".ndjson")
CLAIMREVIEW_SUFFIXES = (".json",)  # published fact-checks as ClaimReview JSON-LD
SUPPORTED = TEXT_SUFFIXES + HTML_SUFFIXES + TABLE_SUFFIXES + CLAIMREVIEW_SUFFIXES
# One article file above this is almost certainly not an article (a long feature is
# 100 KB); tables of many articles may be larger, but no one article in them.
MAX_ARTICLE_BYTES = 2 * 1024 * 1024
MAX_TABLE_BYTES = 500 * 1024 * 1024
MAX_ARTICLE_CHARS = 1_000_000
METADATA_KEYS = ("title", "outlet", "url", "author", "published")
# The longest metadata the desk stores (the column sizes of db/models.py; a test holds
# them equal). Longer names are cut with "…" the same way on SQLite and PostgreSQL
# (PostgreSQL would refuse them, SQLite store them); a cut URL would lead nowhere, so a
# longer one is refused.
METADATA_LIMITS = {"title": 1000, "outlet": 300, "author": 500, "filename": 1000}
MAX_URL = 2000
# Byte-order marks -> codec, longest first (UTF-32 LE starts like UTF-16 LE).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# Folder walks skip the files a folder of articles usually also holds.
_SKIP_IN_FOLDERS = re.compile(r"^(readme|license|licence|changelog)(\.|$)", re.I)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%d/%m/%Y", "%Y/%m/%d", "%b %d, %Y")


def shown(path: str | Path) -> str:
    """A file name as one printable line: a newline in a name cannot forge a log line,
    and a name that is not UTF-8 is shown (and stored) with its bytes escaped."""
    raw = os.fsencode(path) if isinstance(path, Path) else os.fsencode(str(path))
    text = raw.decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def clean_text(value: str) -> str:
    """NUL characters dropped: PostgreSQL cannot store them, so neither database gets them."""
    return value.replace("\x00", "") if "\x00" in value else value


def fit(value: Optional[str], limit: int) -> Optional[str]:
    """At most `limit` characters, a cut marked with an ellipsis."""
    if value is None or len(value) <= limit:
        return value
    return value[: limit - 1].rstrip() + "…"


class InputError(Exception):
    """A file that cannot be ingested; str() is one line naming the file and the problem."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = shown(path)
        self.problem = " ".join(problem.split())  # one line, whatever the file held
        super().__init__(f"{self.path}: {self.problem}")


class SkippedPath(type(Path())):  # type: ignore[misc]
    """A path a folder walk found but will not read (why: `skip_reason`); read_articles
    reports it as an error line, so it never vanishes silently."""

    skip_reason = ""


def _skipped(path: Path, reason: str) -> Path:
    p = SkippedPath(path)
    p.skip_reason = reason
    return p


def _inside(child: Path, root: Path) -> bool:
    try:
        child.resolve().relative_to(root)
        return True
    except (ValueError, OSError, RuntimeError):  # elsewhere, unreadable, or a symlink loop
        return False


def find_files(paths: list[str | Path]) -> Iterator[Path]:
    """Expand folders (recursively, sorted) into supported files; yield files as given.

    A missing path or an explicitly named unsupported file is yielded too, so that
    read_articles reports it as an error instead of it vanishing silently.
    """
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            root = p.resolve()
            for child in sorted(p.rglob("*")):
                if (
                    child.suffix.lower() not in SUPPORTED
                    or child.name.startswith(".")
                    or _SKIP_IN_FOLDERS.match(child.name)
                    or (child.is_dir() and not child.is_symlink())
                ):
                    continue
                if not _inside(child, root):
                    # A link out of the folder: ingesting a folder reads that folder only.
                    yield _skipped(child, f"skipped: a symbolic link to a file outside {shown(p)}")
                elif not child.is_file():
                    yield _skipped(child, "skipped: not a regular file (a FIFO, socket, device or folder)")
                else:
                    yield child
        else:
            yield p


def parse_date(value: object, *, path: str | Path, field: str = "published") -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = str(value).strip()
    try:  # ISO dates and date-times, e.g. 2026-03-04T10:00:00+02:00
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    raise InputError(path, f"{field} {s!r} is not a date (use YYYY-MM-DD)")


def _read_bytes(path: Path, limit: int) -> bytes:
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a folder, not a file")
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer that never comes.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror})") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(path, "not a regular file (a FIFO, socket or device): skipped")
        if info.st_size > limit:
            raise InputError(path, f"too large ({info.st_size / 1e6:.1f} MB; the limit is {limit / 1e6:.0f} MB)")
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read(limit + 1)[:limit]
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror})") from exc
    finally:
        os.close(fd)


def decode(data: bytes, path: str | Path) -> str:
    """Strict UTF-8, or UTF-16/32 announced by a byte-order mark; binary and other
    encodings are refused with a reason. NUL characters past the start are dropped
    (the same on every database)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(path, f"binary file, not text (it starts with a {codec.upper().removesuffix('-SIG')} "
                                       f"byte-order mark but does not decode: byte {exc.start})") from exc
            return clean_text(text.lstrip("\ufeff")).replace("\r\n", "\n").replace("\r", "\n")
    if b"\x00" in data[:8192]:
        hint = "; UTF-16 without a byte-order mark? save it as UTF-8" if data[:2].count(b"\x00") == 1 else ""
        raise InputError(path, f"binary file (contains NUL bytes), not text{hint}")
    try:
        text = clean_text(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        hint = ""
        try:
            data.decode("cp1252")
            hint = "; it looks like Windows-1252: convert it with `iconv -f cp1252 -t utf-8`"
        except UnicodeDecodeError:
            pass
        raise InputError(path, f"not valid UTF-8 (byte {exc.start}){hint}") from exc
    # Normalise line endings so that stored offsets mean the same on every OS.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _require_text(text: str, path: str | Path, where: str = "") -> str:
    if not text.strip():
        raise InputError(path, f"{where}empty: no article text")
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(path, f"{where}article text of {len(text):,} characters; one article is at most "
                               f"{MAX_ARTICLE_CHARS:,}: split it into several")
    return text


def _meta_value(value: Any, key: str, path: Path, where: str) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        raise InputError(path, f"{where}{key} must be text, not a JSON {'object' if isinstance(value, dict) else 'list'}")
    text = " ".join(clean_text(str(value)).split())
    return text or None


def metadata(fields: dict[str, Any], path: Path, where: str = "") -> dict[str, Optional[str]]:
    """Metadata as one-line text within the stored sizes (see METADATA_LIMITS)."""
    meta = {k: _meta_value(v, k, path, where) for k, v in fields.items()}
    for key, limit in METADATA_LIMITS.items():
        if key in meta:
            meta[key] = fit(meta[key], limit)
    if meta.get("url") and len(meta["url"] or "") > MAX_URL:
        raise InputError(path, f"{where}url is longer than {MAX_URL} characters")
    return meta


def _article(fields: dict[str, object], text: str, path: Path, where: str = "") -> Article:
    meta = metadata(fields, path, where)
    return Article(
        text=_require_text(clean_text(text), path, where),
        title=meta.get("title") or "",
        outlet=meta.get("outlet"),
        url=meta.get("url"),
        author=meta.get("author"),
        published=parse_date(meta.get("published"), path=path, field=f"{where}published"),
        filename=fit(shown(path), METADATA_LIMITS["filename"]),
    )


def parse_front_matter(text: str, path: str | Path) -> tuple[dict[str, str], str]:
    """`---` / `key: value` lines / `---` at the top of a text file; returns (meta, body)."""
    m = _FRONT_MATTER.match(text)
    if not m:
        if re.match(r"\A---[ \t]*\n", text):
            raise InputError(path, "front matter opened with --- on line 1 is never closed (add a --- line "
                                   "after the metadata)")
        return {}, text
    meta: dict[str, str] = {}
    for n, line in enumerate(m.group(1).splitlines(), start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        if not sep:
            raise InputError(path, f"front matter line {n} is not `key: value`: {line.strip()[:60]!r}")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        meta[key.strip().lower()] = value
    return meta, text[m.end():]


# A headline line: a few words, no sentence punctuation at its end, a paragraph of its own.
HEADLINE_MAX_WORDS = 20
HEADLINE_MIN_WORDS = 3
_SENTENCE_END = ".!?:;,\u2026\"'\u201d\u2019)]"


def _is_headline_line(body: str) -> bool:
    """The body opens with a headline ("Fenwick denies gas reached homes"): its first paragraph
    is one short line not ended like a sentence, not a byline, with more text after it."""
    first, sep, rest = body.partition("\n\n")
    first = first.strip()
    return (bool(sep) and bool(rest.strip()) and "\n" not in first
            and HEADLINE_MIN_WORDS <= len(first.split()) <= HEADLINE_MAX_WORDS
            and first[-1] not in _SENTENCE_END and not first.lower().startswith("by "))


def _read_text_file(path: Path) -> list[Article]:
    text = decode(_read_bytes(path, MAX_ARTICLE_BYTES), path)
    meta, body = parse_front_matter(text, path)
    body = body.strip("\n")
    if not meta.get("title"):
        # A markdown heading, a headline line or the file name stands in for a missing title.
        first = body.lstrip().split("\n", 1)[0].strip()
        if first.startswith("#"):
            meta["title"] = first.lstrip("#").strip()
            body = body.lstrip().split("\n", 1)[1].strip("\n") if "\n" in body.strip() else ""
        elif _is_headline_line(body.strip()):
            meta["title"], body = first, body.strip().split("\n\n", 1)[1].strip("\n")
        else:
            meta["title"] = shown(path.stem).replace("_", " ").replace("-", " ")
    return [_article({k: meta.get(k) for k in METADATA_KEYS}, body, path)]


def _read_html(path: Path) -> list[Article]:
    return html_articles(decode(_read_bytes(path, MAX_ARTICLE_BYTES), path), path)


def html_articles(html: str, path: str | Path) -> list[Article]:
    """The main text and metadata of a news page (boilerplate dropped by trafilatura);
    `path` names it in errors and as the article's file name."""
    import trafilatura  # imported here: slow to import and only needed for HTML

    path = Path(path)
    if "<" not in html:
        raise InputError(path, "not HTML (no tags)")
    parsed = trafilatura.bare_extraction(
        shallow(html), with_metadata=True, include_comments=False, include_tables=False
    )
    doc = parsed.as_dict() if parsed is not None else None
    if not doc or not (doc.get("text") or "").strip():
        raise InputError(path, "no article text found in the HTML")
    title = (doc.get("title") or "").strip()
    lines = [ln.strip() for ln in doc["text"].split("\n") if ln.strip()]
    if lines and title and lines[0] == title:
        lines = lines[1:]  # the headline is the title, not a statement
    fields = {
        "title": title,
        "outlet": doc.get("sitename"),
        "url": doc.get("url"),
        "author": doc.get("author"),
        "published": _stated_date(doc.get("date"), html),
    }
    try:
        return [_article(fields, "\n\n".join(lines), path)]
    except InputError as exc:
        if "published" in exc.problem:  # a page's odd date must not lose its text
            fields["published"] = None
            return [_article(fields, "\n\n".join(lines), path)]
        raise


def _stated_date(found: Optional[str], html: str) -> Optional[str]:
    """The page's date, unless it is one the date finder made up: a year alone or an
    impossible date comes back as January 1st, which the page itself never states."""
    if not found or not re.fullmatch(r"\d{4}-01-01", found):
        return found
    year = found[:4]
    stated = (rf"{year}-01-01|{year}/01/01|01/01/{year}|1 jan(uary)?,? {year}|jan(uary)? 0?1(st)?,? {year}")
    return found if re.search(stated, html, re.I) else None


def _read_csv(path: Path) -> list[Article]:
    text = decode(_read_bytes(path, MAX_TABLE_BYTES), path)
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
        header = [h.strip().lower() for h in (reader.fieldnames or [])]
        if "text" not in header:
            raise InputError(path, f"CSV has no 'text' column (columns: {', '.join(header) or 'none'})")
        reader.fieldnames = header
        out = []
        for row in reader:
            where = f"row {reader.line_num}: "
            if None in row:
                raise InputError(path, f"{where}more cells than the header has columns")
            out.append(_article({k: row.get(k) for k in METADATA_KEYS}, row.get("text") or "", path, where))
    except csv.Error as exc:
        raise InputError(path, f"malformed CSV: {exc}") from exc
    if not out:
        raise InputError(path, "empty: the CSV has a header but no rows")
    return out


def _read_jsonl(path: Path) -> list[Article]:
    text = decode(_read_bytes(path, MAX_TABLE_BYTES), path)
    out = []
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"line {n}: "
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(path, f"{where}invalid JSON ({exc.msg} at column {exc.colno})") from exc
        except RecursionError as exc:
            raise InputError(path, f"{where}JSON nested too deeply") from exc
        if not isinstance(obj, dict):
            raise InputError(path, f"{where}expected a JSON object, got {type(obj).__name__}")
        body = obj.get("text")
        if not isinstance(body, str):
            raise InputError(path, f"{where}no 'text' string")
        out.append(_article({k: obj.get(k) for k in METADATA_KEYS}, body, path, where))
    if not out:
        raise InputError(path, "empty: no JSON lines")
    return out


def _read_claimreview(path: Path) -> list[Article]:
    from claims.text.claimreview import ClaimReviewError, find_reviews, to_article

    text = decode(_read_bytes(path, MAX_TABLE_BYTES), path)
    try:
        data = json.loads(text)
        reviews = list(find_reviews(data))
    except json.JSONDecodeError as exc:
        raise InputError(path, f"invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from exc
    except RecursionError as exc:
        raise InputError(path, "JSON nested too deeply to be a ClaimReview") from exc
    if not reviews:
        raise InputError(path, "no ClaimReview object found (expected schema.org ClaimReview JSON-LD)")
    out = []
    for n, review in enumerate(reviews, start=1):
        where = f"ClaimReview {n}: "
        try:
            art = to_article(review, filename=str(path))
        except ClaimReviewError as exc:
            raise InputError(path, f"{where}{exc}") from exc
        art.published = parse_date(art.published, path=path, field=f"{where}datePublished")
        meta = metadata({"title": art.title, "outlet": art.outlet, "url": art.url}, path, where)
        art.title, art.outlet, art.url = meta["title"] or "", meta["outlet"], meta["url"]
        art.filename = fit(shown(path), METADATA_LIMITS["filename"])
        out.append(art)
    return out


_READERS = {
    **{s: _read_text_file for s in TEXT_SUFFIXES},
    **{s: _read_html for s in HTML_SUFFIXES},
    ".csv": _read_csv,
    ".jsonl": _read_jsonl,
    ".ndjson": _read_jsonl,
    ".json": _read_claimreview,
}


def read_articles(path: str | Path) -> list[Article]:
    """All articles in one file (one for text and HTML, one per row/line for tables)."""
    if getattr(path, "skip_reason", ""):
        raise InputError(path, path.skip_reason)  # type: ignore[union-attr]
    p = Path(path)
    reader = _READERS.get(p.suffix.lower())
    if reader is None:
        if not p.exists():
            raise InputError(p, "no such file")
        raise InputError(p, f"unsupported file type {p.suffix or '(none)'!r} (use {', '.join(SUPPORTED)})")
    return reader(p)


def read_article(path: str | Path) -> Article:
    """The one article of a file; a table file must hold exactly one."""
    arts = read_articles(path)
    if len(arts) != 1:
        raise InputError(path, f"holds {len(arts)} articles; name one article file")
    return arts[0]
