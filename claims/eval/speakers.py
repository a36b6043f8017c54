"""Evaluation of speaker attribution on hand-labelled articles (JSON lines).

One article a line:
  {"text": article text, "published": "YYYY-MM-DD" (optional),
   "quotes": [{"contains": "a distinctive snippet of the statement", "speaker": "Full Name"}, ...]}
or, instead of "text", {"path": "sample_data/..."}: the article is read with
claims.text.readers.read_article (front matter, HTML and CSV included). A gold file can so refer to texts it must not copy. A relative path is looked
up from the gold file's folder and each folder above it, then from the
working directory, so "sample_data/x.md" works from tests/data/.

A gold quote counts as correct when the statement holding its snippet is
attributed to that speaker (names compared without case, leading "the" and
punctuation). Figures: accuracy over all gold quotes, and separately how many
were not attributed at all, attributed to someone else, or whose snippet was
not found (a typo in the gold file, reported so it is fixed, not counted right).
Annotation convention (tests/data/speakers_gold.jsonl, seed_speakers_gold.jsonl):
every direct and indirect quote whose speaker is a named person or a named or
definite institution ("Ministry of Defence", "police", "city government"),
under the name a desk would store (the full name at first mention; "the
ministry" is the ministry's full name). Unnamed groups ("analysts",
"economists", "city officials") and anonymous sources ("a senior doctor ...,
who asked not to be named") are left out: there is no right name to check.
Pure functions; `claims eval speakers` prints them.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Optional

from claims.text.extract import extract_statements
from claims.text.records import Article

_NON_WORD = re.compile(r"[^\w]+")
_WS = re.compile(r"\s+")


def name_key(name: Optional[str]) -> str:
    """'The Ministry of Defence' and 'ministry of defence' compare equal."""
    if not name:
        return ""
    key = _NON_WORD.sub(" ", name.lower()).strip()
    return key[4:] if key.startswith("the ") else key


@dataclass(frozen=True, slots=True)
class GoldQuote:
    contains: str  # a snippet of the statement ("" when located by `at`)
    speaker: str
    # A character offset inside the statement: gold for an article whose text may
    # not be copied (the seed article) names places, not words.
    at: Optional[int] = None


@dataclass
class GoldArticle:
    article: Article
    quotes: list[GoldQuote]
    source: str  # the path, or "line N", for messages


@dataclass
class Mistake:
    source: str
    contains: str
    expected: str
    got: Optional[str]  # None: not attributed; "" with found=False: snippet missing
    found: bool = True


@dataclass
class SpeakerReport:
    total: int = 0
    correct: int = 0
    unattributed: int = 0
    wrong: int = 0
    missing: int = 0
    mistakes: list[Mistake] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


def read_gold(path: str | Path) -> list[GoldArticle]:
    """Gold articles of a JSON-lines file; a bad line raises ValueError naming it."""
    from claims.text.readers import InputError, read_article

    path = Path(path)
    out: list[GoldArticle] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            row = json.loads(line)
            quotes = [GoldQuote(str(q.get("contains", "")), str(q["speaker"]),
                                int(q["at"]) if q.get("at") is not None else None) for q in row["quotes"]]
            if any(not q.contains and q.at is None for q in quotes):
                raise ValueError('every quote needs "contains" or "at"')
            if "text" in row:
                pub = row.get("published")
                article = Article(text=str(row["text"]), published=date.fromisoformat(pub) if pub else None)
                source = f"line {n}"
            elif "path" in row:
                rel = Path(row["path"])
                here = path.resolve().parent
                candidates = [rel] if rel.is_absolute() else \
                    [d / rel for d in (here, *here.parents)] + [Path.cwd() / rel]
                found = next((c for c in candidates if c.exists()), None)
                if found is None:
                    raise ValueError(f"article {row['path']} not found")
                article = read_article(found)
                if row.get("published"):
                    article.published = date.fromisoformat(row["published"])
                source = str(row["path"])
            else:
                raise ValueError('needs "text" or "path"')
        except (ValueError, KeyError, TypeError, InputError) as exc:
            raise ValueError(f"{where}: not a gold article ({exc})") from exc
        out.append(GoldArticle(article, quotes, source))
    return out


def evaluate(gold: list[GoldArticle]) -> SpeakerReport:
    report = SpeakerReport()
    for g in gold:
        statements = extract_statements(g.article)
        flat = [_WS.sub(" ", s.text) for s in statements]
        for q in g.quotes:
            report.total += 1
            if q.at is not None:
                hit = next((i for i, s in enumerate(statements) if s.start <= q.at < s.end), None)
                q = GoldQuote(g.article.text[q.at:q.at + 60], q.speaker, q.at)  # for messages only
            else:
                snippet = _WS.sub(" ", q.contains)
                hit = next((i for i, t in enumerate(flat) if snippet in t), None)
            if hit is None:
                report.missing += 1
                report.mistakes.append(Mistake(g.source, q.contains, q.speaker, None, found=False))
                continue
            got = statements[hit].speaker
            if name_key(got) == name_key(q.speaker):
                report.correct += 1
            elif got is None:
                report.unattributed += 1
                report.mistakes.append(Mistake(g.source, q.contains, q.speaker, None))
            else:
                report.wrong += 1
                report.mistakes.append(Mistake(g.source, q.contains, q.speaker, got))
    return report


def format_report(r: SpeakerReport, *, show_mistakes: bool = True) -> str:
    lines = [f"speakers: {r.correct}/{r.total} attributed statements right, accuracy={r.accuracy:.3f}  "
             f"(wrong speaker {r.wrong}, unattributed {r.unattributed}, snippet not found {r.missing})"]
    if show_mistakes:
        for m in r.mistakes:
            got = "SNIPPET NOT FOUND" if not m.found else (m.got or "(no speaker)")
            lines.append(f"  {m.source}: {m.contains[:60]!r}: expected {m.expected}, got {got}")
    return "\n".join(lines)
