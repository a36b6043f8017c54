"""Read input files into Articles: .txt/.md (with front matter), .html, .csv, .jsonl.

Every problem becomes an InputError whose message names the file and says what
is wrong, so one bad file in a batch is reported in one line and skipped.
"""
from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Iterator

from claims.text.records import Article

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
TABLE_SUFFIXES = (".csv", ".jsonl", ".ndjson")
CLAIMREVIEW_SUFFIXES = (".json",)  # published fact-checks as ClaimReview JSON-LD
SUPPORTED = TEXT_SUFFIXES + HTML_SUFFIXES + TABLE_SUFFIXES + CLAIMREVIEW_SUFFIXES
# One article file above this is almost certainly not an article; tables may be larger.
MAX_ARTICLE_BYTES = 20 * 1024 * 1024
MAX_TABLE_BYTES = 500 * 1024 * 1024
METADATA_KEYS = ("title", "outlet", "url", "author", "published")
# Folder walks skip the files a folder of articles usually also holds.
_SKIP_IN_FOLDERS = re.compile(r"^(readme|license|licence|changelog)(\.|$)", re.I)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%d/%m/%Y", "%Y/%m/%d", "%b %d, %Y")


class InputError(Exception):
    """A file that cannot be ingested; str() is one line naming the file and the problem."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


def find_files(paths: list[str | Path]) -> Iterator[Path]:
    """Expand folders (recursively, sorted) into supported files; yield files as given.

    A missing path or an explicitly named unsupported file is yielded too, so that
    read_articles reports it as an error instead of it vanishing silently.
    """
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                if (
                    child.is_file()
                    and child.suffix.lower() in SUPPORTED
                    and not child.name.startswith(".")
                    and not _SKIP_IN_FOLDERS.match(child.name)
                ):
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
    size = path.stat().st_size
    if size > limit:
        raise InputError(path, f"too large ({size / 1e6:.1f} MB; the limit is {limit / 1e6:.0f} MB)")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror})") from exc


def decode(data: bytes, path: str | Path) -> str:
    """Strict UTF-8 (a BOM is allowed); binary and other encodings are refused with a reason."""
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
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
    return text


def _article(fields: dict[str, object], text: str, path: Path, where: str = "") -> Article:
    meta = {k: (str(v).strip() if v is not None and str(v).strip() else None) for k, v in fields.items()}
    return Article(
        text=_require_text(text, path, where),
        title=meta.get("title") or "",
        outlet=meta.get("outlet"),
        url=meta.get("url"),
        author=meta.get("author"),
        published=parse_date(meta.get("published"), path=path, field=f"{where}published"),
        filename=str(path),
    )


def parse_front_matter(text: str, path: str | Path) -> tuple[dict[str, str], str]:
    """`---` / `key: value` lines / `---` at the top of a text file; returns (meta, body)."""
    m = _FRONT_MATTER.match(text)
    if not m:
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


def _read_text_file(path: Path) -> list[Article]:
    text = decode(_read_bytes(path, MAX_ARTICLE_BYTES), path)
    meta, body = parse_front_matter(text, path)
    body = body.strip("\n")
    if not meta.get("title"):
        # A markdown heading or the first line stands in for a missing title.
        first = body.lstrip().split("\n", 1)[0].strip()
        if first.startswith("#"):
            meta["title"] = first.lstrip("#").strip()
            body = body.lstrip().split("\n", 1)[1].strip("\n") if "\n" in body.strip() else ""
        else:
            meta["title"] = path.stem.replace("_", " ").replace("-", " ")
    return [_article({k: meta.get(k) for k in METADATA_KEYS}, body, path)]


def _read_html(path: Path) -> list[Article]:
    import trafilatura  # imported here: slow to import and only needed for HTML

    html = decode(_read_bytes(path, MAX_ARTICLE_BYTES), path)
    if "<" not in html:
        raise InputError(path, "not HTML (no tags)")
    parsed = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
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
        "published": doc.get("date"),
    }
    try:
        return [_article(fields, "\n\n".join(lines), path)]
    except InputError as exc:
        if "published" in exc.problem:  # a page's odd date must not lose its text
            fields["published"] = None
            return [_article(fields, "\n\n".join(lines), path)]
        raise


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
    except json.JSONDecodeError as exc:
        raise InputError(path, f"invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from exc
    reviews = list(find_reviews(data))
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
