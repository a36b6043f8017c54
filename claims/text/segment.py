"""Paragraphs and sentences with exact character offsets.

A fast rule-based splitter: sentence boundaries are only looked for at
terminal punctuation followed by whitespace and a capital, digit or opening
quote, so the regex engine skips plain text; each candidate is then vetted
against the abbreviation tables below. Measured against pySBD in
bench/bench_extract.py (same boundaries on news prose, several times faster).

Every function returns (start, end) spans into the text it was given, trimmed
of surrounding whitespace; the spans of a paragraph cover it apart from
whitespace, so no character of an article is ever dropped. A "sentence" longer
than MAX_SENTENCE_CHARS (a run without sentence punctuation, a line of comma
clauses) is cut into pieces of at most that length, at a clause mark or a space.
"""
from __future__ import annotations

import re

from claims.text.vocab import CORE_SPEECH_CUES

# --- rule tables -----------------------------------------------------------

# The longest statement a sentence may become. News sentences run to a few hundred
# characters; anything past this is a list, a table flattened to one line or junk, and as
# one statement it would be one unreadable claim matched against everything.
MAX_SENTENCE_CHARS = 1_500

# Abbreviations that never end a sentence when followed by a capital: titles
# and name parts come before a name ("Dr. Kim", "Gen. Tea Banh").
TITLE_ABBREVIATIONS: frozenset[str] = frozenset(
    """mr mrs ms messrs dr prof gen lt col maj capt cmdr adm sgt cpl pvt rev fr sr jr st mt ft
    sen rep gov pres supt insp det hon amb atty brig gens reps sens
    barr engr arc alh pharm""".split()  # (Nigerian press: "Barr. Ada Obi", "Engr. Musa Bello")
)
# Abbreviations that are usually mid-sentence but may end one ("... in Jan. The").
# A boundary after them is accepted only before a common sentence opener.
AMBIGUOUS_ABBREVIATIONS: frozenset[str] = frozenset(
    """jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    no nos vol vols p pp fig figs approx est dept univ assn bros inc ltd co corp plc llc vs v etc
    al e.g i.e cf ca c op art sec ch para ave blvd rd hwy km kg mins min hr hrs yr yrs del
    a.m p.m am pm rs""".split()
)
# Words that commonly open a sentence: after an ambiguous abbreviation or a dotted
# acronym ("U.S.") a boundary is accepted only before one of these.
SENTENCE_OPENERS: frozenset[str] = frozenset(
    """the a an he she it they we i you his her its their our this that these those there here
    but and however meanwhile yet so still also in on at for after before during while when
    if as since although though according last next some many most all no not one two three
    officials police critics analysts asked speaking mr mrs ms dr""".split()
)

# Words that open a sentence after a one-letter word ending the one before ("on X. He said").
_OPENERS_AFTER_LETTER = frozenset("He She They It We The This But".split())
# Blank line(s): the usual paragraph separator. Texts without any blank line are
# split on single newlines instead (one paragraph a line).
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_NEWLINE = re.compile(r"\n\s*")

# A candidate boundary: terminal punctuation, optional closing quotes/brackets,
# whitespace, then something that can open a sentence. Group 1 ends the sentence.
_CANDIDATE = re.compile(
    r"([.!?\u2026]+[\"'\u201d\u2019)\]]*)(\s+)(?=(?:''|[\"'\u201c\u2018(\[]|[\"\u201c][\u2018\u2019'])?[A-Z0-9\u00c0-\u00de])"
)
# The word just before a candidate full stop.
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_NEXT_WORD = re.compile(r"(?:''|[\"'\u201c\u2018(\[])?([A-Za-z]+)")
_INITIAL = re.compile(r"(?:^|[\s(])[A-Z]\.$")
_ACRONYM = re.compile(r"(?:[A-Za-z]\.){2,}$")
# Where an over-long sentence is cut, best first: after a clause mark, else at a space.
_CLAUSE_MARK = re.compile(r"[;:,\u2013\u2014)\]](?=\s)")
_SPACE = re.compile(r"\s")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-empty paragraph, trimmed of whitespace."""
    if not _BLANK_LINE.search(text):
        sep = _NEWLINE
    else:
        sep = _BLANK_LINE
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in sep.finditer(text):
        _add_lines(text, pos, m.start(), spans, sep is _BLANK_LINE)
        pos = m.end()
    _add_lines(text, pos, len(text), spans, sep is _BLANK_LINE)
    return spans


# A single line break that ends a paragraph inside text whose paragraphs are mostly separated
# by blank lines (web copy often mixes both): after a sentence's end, before a capital or a
# quote mark, with no quote left open.
# (and any line break before a list item: "Key points:\n- Calder says ...\n- ...")
_LINE_END = re.compile(r"[.!?\u2026\"\u201d\u2019:)][ \t\xa0]*\n[ \t\xa0]*(?=[A-Z\"\u201c\u2018])"
                       r"|[^\n][ \t\xa0]*\n[ \t\xa0]*(?=[-\u2022*\u2013\u00b7][ \t])")
_OPENS = re.compile("[\u201c\u201d\"]")


def _add_lines(text: str, start: int, end: int, out: list[tuple[int, int]], split_lines: bool) -> None:
    """Add the paragraph text[start:end], cut at single line breaks that end paragraphs."""
    if not split_lines or "\n" not in text[start:end]:
        _add_trimmed(text, start, end, out)
        return
    pos = start
    for m in _LINE_END.finditer(text, start, end):
        piece = text[pos:m.start() + 1]
        if _quote_open(piece):
            continue  # a quote running over the line break: still one paragraph
        _add_trimmed(text, pos, m.start() + 1, out)
        pos = m.end()
    _add_trimmed(text, pos, end, out)


def _quote_open(piece: str) -> bool:
    curly = piece.count("\u201c") - piece.count("\u201d")
    return curly > 0 or (curly == 0 and "\u201c" not in piece and piece.count('"') % 2 == 1)


def _add_trimmed(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


# Verbs of a frame that follows a quote ending in "!" or "?": '“We won!” Ann Fox wrote on Monday.'
FRAME_VERBS: frozenset[str] = CORE_SPEECH_CUES | frozenset(
    """tweeted posted recalled insisted declared continued shouted yelled responded argued warned
    exclaimed answered joked quipped countered notes asks tweets recalls insists declares
    continues responds argues warns answers jokes""".split())
# The frame itself: a capitalised name (titles and initials included), maybe an appositive
# between commas, then the verb, then nothing or an adjunct, never a clause of its own
# ('“Why not?” Fox said he would run.' is two sentences).
_FRAME_AFTER_QUOTE = re.compile(
    r"(?:[A-Z][\w.'\u2019-]*\s+){1,5}(?:,[^,.!?\n]{1,120},\s+)?(?:also\s+)?(?P<verb>[a-z]+)"
    r"(?=[.,;:]|\s+(?:on|in|at|to|during|after|before|as|while|when|with|from|via|last|this|earlier|"
    r"later|late|shortly|in|reporters|the|a|an|his|her|their|[A-Z])\b)")
_CLOSING_QUOTES = "\"'\u201d\u2019"


def _frame_follows(text: str, punct: str, next_pos: int) -> bool:
    """A quote that ends in "!", "?" or "…" and is followed by its frame ('“Never!” Fox wrote
    on Twitter.'): one sentence, so that the quote gets its speaker."""
    if punct.rstrip(_CLOSING_QUOTES) == punct:
        return False  # no closing quote mark: a plain sentence end
    m = _FRAME_AFTER_QUOTE.match(text, next_pos)
    return m is not None and m.group("verb") in FRAME_VERBS


def _is_boundary(text: str, punct_start: int, punct: str, next_pos: int) -> bool:
    """Vet one candidate: abbreviations and initials do not end sentences."""
    if punct[0] != "." or len(punct.rstrip("\"'\u201d\u2019)]")) > 1:
        # "!", "?", "..." end a sentence here, unless the quote they end has its frame after it
        return not _frame_follows(text, punct, next_pos)
    if punct != ".":
        return True  # a full stop inside closing quotes: "... it.” He"
    window = text[max(0, punct_start - 20):punct_start + 1]
    if _INITIAL.search(window):
        # "W. Patrick Murphy", "George W. Bush"; but "... in a post on X. He alleged ..."
        nxt = _NEXT_WORD.match(text, next_pos)
        return nxt is not None and nxt.group(1) in _OPENERS_AFTER_LETTER

    m = _WORD_BEFORE.search(window)
    if not m:
        return True
    word = m.group(1).lower()
    nxt = _NEXT_WORD.match(text, next_pos)
    next_word = nxt.group(1).lower() if nxt else ""
    if word in TITLE_ABBREVIATIONS:
        return False
    if word in AMBIGUOUS_ABBREVIATIONS or _ACRONYM.search(m.group(1) + "."):
        # "No. 5", "Jan. 6", "U.S. officials" stay; "... in the U.S. The next" splits
        return next_word in SENTENCE_OPENERS and next_word not in ("no", "one", "two", "three")
    return True


def _cut(text: str, start: int, end: int, max_chars: int) -> int:
    """Where to end a piece of the over-long span text[start:end]: after the last clause mark
    in the second half of the first max_chars, else at the last space there, else at max_chars."""
    limit = start + max_chars
    lo = start + max_chars // 2
    last = None
    for m in _CLAUSE_MARK.finditer(text, lo, limit):
        last = m.end()
    if last is not None:
        return last
    for m in _SPACE.finditer(text, lo, limit):
        last = m.start()
    return last if last is not None and last > start else limit


def _bounded(text: str, start: int, end: int, out: list[tuple[int, int]], max_chars: int) -> None:
    """Append the trimmed span, cut into pieces of at most max_chars when it is longer."""
    if end - start <= max_chars:  # nearly every sentence
        _add_trimmed(text, start, end, out)
        return
    spans: list[tuple[int, int]] = []
    _add_trimmed(text, start, end, spans)
    if not spans:
        return
    pos, end = spans[0]
    while end - pos > max_chars:
        cut = _cut(text, pos, end, max_chars)
        _add_trimmed(text, pos, cut, out)
        pos = cut
        while pos < end and text[pos].isspace():
            pos += 1
    _add_trimmed(text, pos, end, out)


def sentence_spans(text: str, start: int = 0, end: int | None = None, *,
                   max_chars: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """Sentence spans of text[start:end] (one paragraph), in text coordinates; none longer
    than max_chars."""
    if end is None:
        end = len(text)
    if max_chars < 2:
        raise ValueError(f"max_chars must be at least 2, got {max_chars}")
    spans: list[tuple[int, int]] = []
    pos = start
    for m in _CANDIDATE.finditer(text, start, end):
        if _is_boundary(text, m.start(1), m.group(1), m.end()):
            _bounded(text, pos, m.end(1), spans, max_chars)
            pos = m.end()
    _bounded(text, pos, end, spans, max_chars)
    return spans


def segment(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph number) of every sentence of a text."""
    out: list[tuple[int, int, int]] = []
    for pno, (ps, pe) in enumerate(paragraph_spans(text)):
        out.extend((s, e, pno) for s, e in sentence_spans(text, ps, pe))
    return out
