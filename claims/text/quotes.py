"""Direct quotes: find quoted spans and tell real quotes from scare quotes and titles.

News conventions followed here:
- straight (") and curly (“ ”, „, « ») double quotes; single quotes (‘ ’) only in
  texts that use no double quotes at all (British style), since "’" is also
  the apostrophe;
- a paragraph that opens a quote without closing it continues in the next
  paragraph when that one opens with a quote mark (the multi-paragraph quote);
  otherwise the quote is unbalanced and ends with its paragraph;
- a one- or two-word quoted phrase ("the “active” role"), or the quoted name of
  an exercise, campaign or theme, is a scare quote or a title, not a quote.

Pure functions over str; spans are offsets into the text given.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# --- rule tables -----------------------------------------------------------

OPENING_MARKS = "\u201c\u201e\u00ab"          # “ „ «
CLOSING_MARKS = "\u201d\u00bb"                 # ” »
SINGLE_OPENING = "\u2018"                      # ‘

# Words that introduce a name or title in quotes, not somebody's words:
# 'under the theme “...”', 'an exercise dubbed “...”'.
TITLE_CUES: frozenset[str] = frozenset(
    """theme themed titled entitled called dubbed named nicknamed codenamed code-named slogan
    motto hashtag banner campaign exercise operation programme program initiative project
    book film song album series show headline term label brand""".split()
)
# Verbs after which a short quoted sentence is somebody's words ('shouted “No!”').
SHOUT_CUES: frozenset[str] = frozenset(
    "yelled shouted shout shouting yelling screamed exclaimed chanted chanting cried said saying asked".split())
# A quote this short is a scare quote unless it stands as the whole sentence.
MAX_SCARE_WORDS = 2
# Words before a title that ends with the sentence's comma inside its marks ('in “The Long Night,”').
_TITLE_LEAD_INS = frozenset("in of on from the a an by at with".split())
# Words before a quoted name used as a modifier ('the “Medicare for all” plan').
_DETERMINERS = frozenset("the a an its his her their our this that".split())
_NOUN_AFTER = re.compile(r"\s+[a-z]")
# Up to this many title-cased words in mid-sentence is a title ("“Golden Dragon”").
MAX_TITLE_WORDS = 5

# Two apostrophes stand for a straight double quote in some wire and archive copy
# (''We will win,'' he said).
DOUBLED_APOSTROPHES = "''"
_DOUBLE = re.compile("''|[\"\u201c\u201d\u201e\u00ab\u00bb]")
_SINGLE = re.compile("['\u2018\u2019]")
_PREV_WORD = re.compile(r"([A-Za-z-]+)\W*$")
_WORD = re.compile(r"\S+")
_TITLE_WORD = re.compile(r"^[\W]*(?:[A-Z0-9]|of$|and$|the$|for$|in$|on$|to$|a$)")
_OPENING_CONTEXT = " \t\n([{\u2014\u2013-/:"


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quoted span: start at the opening mark, end after the closing mark.

    An unbalanced quote (no closing mark) ends at the end of its last paragraph.
    """

    start: int
    end: int
    closed: bool = True
    paragraphs: int = 1


def _mark_role(text: str, i: int, ch: str, single: bool) -> str | None:
    """'open' or 'close' for the mark at text[i], None for an apostrophe."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + len(ch)] if i + len(ch) < len(text) else " "
    if not single:
        if ch in OPENING_MARKS:
            # an opening mark typed where a quote closes ('“It is unusual,“ said Lee')
            return "close" if prev in ",.?!" and nxt.isspace() else "open"
        if ch in CLOSING_MARKS:
            if i == 0 or prev == "\n":
                return "open"  # nothing to close at a paragraph's start: '” … what I learned'
            # a closing mark typed where a quote opens ("”Isis declares ...")
            return "open" if (prev in _OPENING_CONTEXT or prev == "\u202a") and nxt.isalnum() else "close"
        # straight quote (or two apostrophes): decide by its neighbours
        if prev in _OPENING_CONTEXT or prev in OPENING_MARKS:
            return "open" if not nxt.isspace() else "close"
        return "close"
    # single quotes: an apostrophe sits between letters ("don’t") or after a
    # plural ("countries’"); only marks at a word edge count.
    if ch == SINGLE_OPENING or (ch == "'" and (prev in _OPENING_CONTEXT)):
        return "open" if nxt.isalnum() or nxt in "\"\u201c" else None
    if prev.isalnum() and nxt.isalpha():
        return None  # don’t, Kingdom’s
    if not prev.isspace() and (nxt.isspace() or nxt in ".,;:!?)\u2014-" or i + 1 == len(text)):
        return "close"
    return None


def uses_single_quotes(text: str) -> bool:
    """True for a text quoted with ‘ ’ only (no double quote marks at all)."""
    return _DOUBLE.search(text) is None and SINGLE_OPENING in text


def find_quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[QuoteSpan]:
    """All quoted spans of a text split into paragraphs (paragraph spans in order)."""
    single = uses_single_quotes(text)
    marks = _SINGLE if single else _DOUBLE
    out: list[QuoteSpan] = []
    open_at: int | None = None
    done_paras = 0      # paragraphs the open quote has already run through
    pending = False     # an open quote carried over, waiting for a continuation mark
    prev_end = 0
    for ps, pe in paragraphs:
        first = True
        for m in marks.finditer(text, ps, pe):
            i = m.start()
            role = _mark_role(text, i, m.group(), single)
            if role is None:
                continue
            at_start, first = first and i == ps, False
            if pending:
                pending = False
                if at_start and role == "open":
                    continue  # the quote continues in this paragraph
                # the previous paragraph left a quote open and this one does not
                # continue it: unbalanced, it ends with its paragraph
                out.append(QuoteSpan(open_at, prev_end, False, done_paras))
                open_at = None
            if role == "open":
                if open_at is not None:  # a second opening mark: the first never closed
                    out.append(QuoteSpan(open_at, _rstrip(text, open_at, i), False, done_paras + 1))
                open_at, done_paras = i, 0
            elif open_at is not None:
                out.append(QuoteSpan(open_at, m.end(), True, done_paras + 1))
                open_at = None
            # a closing mark with nothing open is a stray mark: ignored
        if pending:  # a paragraph without any mark: the open quote did not continue
            out.append(QuoteSpan(open_at, prev_end, False, done_paras))
            open_at, pending = None, False
        if open_at is not None:
            done_paras += 1
            pending = True
        prev_end = pe
    if open_at is not None:
        out.append(QuoteSpan(open_at, prev_end, False, max(done_paras, 1)))
    if not single and ("\u2018" in text or ": '" in text):
        out = _colon_single_quotes(text, paragraphs, out)
    return out


# A headline's single-quoted words after a colon, to the end of its paragraph:
# "Mayor Vell: ‘The Bridge Is Safe.’" (in a text whose quotes are double).
_COLON_SINGLE = re.compile(r":\s+([\u2018'][^\u2018\u2019'\n]*(?:['\u2019][a-z][^\u2018\u2019'\n]*)*['\u2019])[;.]?[ \t]*$")


def _colon_single_quotes(text: str, paragraphs: list[tuple[int, int]], found: list[QuoteSpan]) -> list[QuoteSpan]:
    added = []
    for ps, pe in paragraphs:
        m = _COLON_SINGLE.search(text, ps, pe)
        if m is not None and not any(q.start < m.end(1) and m.start(1) < q.end for q in found):
            added.append(QuoteSpan(m.start(1), m.end(1)))
    return sorted(found + added, key=lambda q: q.start) if added else found


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


def quote_content(text: str, q: QuoteSpan) -> str:
    """The quoted words without their marks."""
    opening = 2 if text.startswith(DOUBLED_APOSTROPHES, q.start) else 1
    closing = (2 if text.startswith(DOUBLED_APOSTROPHES, q.end - 2) else 1) if q.closed else 0
    return text[q.start + opening:q.end - closing]


def quote_role(text: str, q: QuoteSpan, sentence_start: int) -> str:
    """'quote' for somebody's words, 'scare' for a scare quote, 'title' for a name or title."""
    if q.paragraphs > 1 or not q.closed:
        return "quote"
    content = quote_content(text, q)
    words = _WORD.findall(content)
    before = text[max(sentence_start, q.start - 40):q.start]
    at_sentence_start = not before.strip(" \t\n([\u2014\u2013-")
    ends_clause = content.rstrip()[-1:] in ",.?!;:\u2014\u2026"
    if at_sentence_start and ends_clause:
        return "quote"  # “Absolutely not,” he said.
    if ends_clause and content.lstrip()[:1].isupper() and before.rstrip().endswith((",", ":")):
        return "quote"  # 'Lee then asked, “With what?”', 'Fox: “We Will Win.”': a sentence of its own
    prev = _PREV_WORD.search(before)
    prev_word = prev.group(1).lower() if prev else ""
    if prev_word in TITLE_CUES and len(words) <= 12:
        return "title"
    if prev_word in SHOUT_CUES and content.lstrip()[:1].isupper() and content.rstrip()[-1:] in ".?!":
        return "quote"  # 'a man yelled “Stay there!”': a sentence of its own, however short
    if len(words) <= MAX_SCARE_WORDS:
        return "scare"
    if (len(words) <= MAX_TITLE_WORDS and content.rstrip()[-1:] == "," and prev_word in _TITLE_LEAD_INS
            and all(_TITLE_WORD.match(w) for w in words)):
        return "title"  # 'famous in “The Long Night,” Vell noted': the comma is the sentence's
    if (len(words) <= MAX_TITLE_WORDS and not ends_clause
            and all(_TITLE_WORD.match(w) for w in words)):
        return "title"
    if (len(words) <= MAX_TITLE_WORDS and not ends_clause and prev_word in _DETERMINERS
            and _NOUN_AFTER.match(text, q.end)):
        return "title"  # 'the “Medicare for all” document': a name in front of its noun
    return "quote"
