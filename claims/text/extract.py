"""Statement extraction: an article in, statements with speakers, dates and scores out.

Named steps (each a pure module with its own rule tables):
  segment     paragraphs and sentences with exact offsets        claims/segment.py
  quotes      quoted spans, multi-paragraph quotes, scare quotes   claims/quotes.py
  units       sentences joined so that one quote is one statement
  speakers    attribution cues, names, titles, coreference         claims/speakers.py
  dates       the date of the statement, resolved vs published     claims/dates.py
  score       check-worthiness with reasons                        claims/checkworthy.py
              (or a trained model, claims/checkworthy_model.py)

Statements cover the article text without gaps or overlaps apart from
whitespace, and article.text[s.start:s.end] == s.text for every statement.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any, Optional, Protocol, Sequence

from claims.text import checkworthy
from claims.text.dates import statement_date
from claims.text.quotes import QuoteSpan, find_quotes, quote_role
from claims.text.records import Article, ExtractedStatement
from claims.text.segment import paragraph_spans, sentence_spans
from claims.text.speakers import SpeakerTracker

DEFAULT_THRESHOLD = 0.5
# A quote covering at least this share of a unit's characters makes it a direct
# quote; less is a partial quote inside indirect speech or narration.
DIRECT_QUOTE_SHARE = 0.5
# A quote that opens or closes an attributed unit ('"We will win," said John Smith,
# the party leader.') is direct from this share on: the rest is only the attribution.
EDGE_QUOTE_SHARE = 0.25
# Stands for quoted words in the text the speaker rules see (not a word
# character, not whitespace, never in news text).
MASK = "\x1f"
# A unit longer than this (a runaway unbalanced quote in a giant paragraph) is
# scored on its first sentences only: the score is a triage hint, not a verdict.
MAX_SCORED_SENTENCES = 50


class ScoreModel(Protocol):
    def predict(self, texts: Sequence[str]) -> list[float]: ...


@dataclass
class _Unit:
    start: int
    end: int
    paragraph: int
    sentences: list[tuple[int, int]]
    quotes: list[QuoteSpan]


def _units(text: str) -> list[_Unit]:
    """Sentences, joined where a real quote runs across them."""
    paras = paragraph_spans(text)
    sents: list[tuple[int, int, int]] = []
    for pno, (ps, pe) in enumerate(paras):
        sents.extend((s, e, pno) for s, e in sentence_spans(text, ps, pe))
    if not sents:
        return []
    starts = [s for s, _, _ in sents]
    # group id per sentence; a quote spanning sentences i..j gives them one group
    group = list(range(len(sents)))
    quotes_of: dict[int, list[QuoteSpan]] = {}
    for q in find_quotes(text, paras):
        i = max(0, bisect_right(starts, q.start) - 1)
        if quote_role(text, q, sents[i][0]) != "quote":
            continue
        j = max(i, bisect_right(starts, q.end - 1) - 1)
        root = group[i]
        for k in range(i + 1, j + 1):
            group[k] = root
        quotes_of.setdefault(root, []).append(q)
    units: list[_Unit] = []
    for k, (s, e, pno) in enumerate(sents):
        g = group[k]
        if units and g == group[k - 1]:
            u = units[-1]
            u.end = e
            u.sentences.append((s, e))
        else:
            units.append(_Unit(s, e, pno, [(s, e)], quotes_of.get(g, [])))
    # a quote that continues a group started by an earlier quote belongs to it too
    return units


def _mask(text: str, u: _Unit) -> tuple[str, int]:
    """The unit's text with quoted words masked out, and the number of quoted characters."""
    if not u.quotes:
        return text[u.start:u.end], 0
    parts: list[str] = []
    pos = u.start
    quoted = 0
    for q in u.quotes:
        qs, qe = max(q.start, pos), min(q.end, u.end)
        if qe <= qs:
            continue
        parts.append(text[pos:qs])
        parts.append(MASK * (qe - qs))
        quoted += qe - qs
        pos = qe
    parts.append(text[pos:u.end])
    return "".join(parts), quoted


def _quote_at_edge(masked: str, att: Any) -> bool:
    """The unit opens with the quote ('"...," said X'), or its cue leads straight into a
    closing quote ('X said: "..."'); a partial quote ending indirect speech ('ruled that
    the contract was void, calling it "a breach"') is neither."""
    if masked.lstrip(" \t\r\n").startswith(MASK):
        return True
    rest = masked[att.cue_start + len(att.cue):].lstrip(" \t\r\n,:")
    return rest.startswith(MASK) and not rest.rstrip(" \t\r\n.,;:").strip(MASK)


def _scored_sentences(text: str, u: _Unit) -> list[str]:
    return [text[s:e] for s, e in u.sentences[:MAX_SCORED_SENTENCES]]


def extract_statements(article: Article, *, threshold: float = DEFAULT_THRESHOLD,
                       model: Optional[Any] = None) -> list[ExtractedStatement]:
    """The statements of an article, in order; model (optional) is a trained scorer
    with predict(texts) -> scores in [0, 1] (claims.text.checkworthy_model)."""
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be within [0, 1], got {threshold}")
    text = article.text or ""
    tracker = SpeakerTracker()
    out: list[ExtractedStatement] = []
    scored: list[list[str]] = []
    prev_kind, prev_speaker, prev_para = "narration", None, -2
    for u in _units(text):
        masked, quoted = _mask(text, u)
        nonspace = len("".join(text[u.start:u.end].split())) if quoted else 1
        direct = quoted > 0 and quoted >= DIRECT_QUOTE_SHARE * nonspace
        tracker.note_names(masked)
        att = tracker.attribute(masked)
        entity = att.entity if att is not None else None
        if not direct and quoted and entity is not None and quoted >= EDGE_QUOTE_SHARE * nonspace \
                and _quote_at_edge(masked, att):
            direct = True
        cue = att.cue if att is not None and entity is not None else None
        if direct:
            kind = "direct_quote"
            if entity is None and prev_kind != "narration" and prev_speaker is not None \
                    and u.paragraph - prev_para <= 1:
                # a quote paragraph without attribution continues the last speaker
                entity = prev_speaker
        elif entity is not None:
            kind = "indirect_quote"
        else:
            kind = "narration"
            tracker.note_subject(masked)
        when, when_text = statement_date(masked, article.published)
        st = ExtractedStatement(
            text=text[u.start:u.end], start=u.start, end=u.end, paragraph=u.paragraph, kind=kind,
            speaker=entity.name if entity else None,
            speaker_title=entity.title if entity else None,
            speaker_kind=entity.kind if entity else None,
            cue=cue, date=when, date_text=when_text,
        )
        out.append(st)
        scored.append(_scored_sentences(text, u))
        prev_kind, prev_speaker, prev_para = kind, entity, u.paragraph
    _score(out, scored, model, threshold)
    return out


def _score(statements: list[ExtractedStatement], sentence_lists: list[list[str]], model: Any,
           threshold: float) -> None:
    model_scores: Optional[list[float]] = None
    if model is not None:
        flat = [s for sents in sentence_lists for s in sents]
        model_scores = list(model.predict(flat)) if flat else []
    k = 0
    for st, sents in zip(statements, sentence_lists):
        attributed = st.speaker is not None
        best: Optional[checkworthy.Score] = None
        best_model = -1.0
        for s in sents:
            sc = checkworthy.score_text(s, attributed=attributed)
            if model_scores is not None:
                m = float(model_scores[k])
                k += 1
                if m > best_model:
                    best_model, best = m, sc
            elif best is None or sc.score > best.score:
                best = sc
        assert best is not None
        if model_scores is not None:
            st.checkworthy = round(min(1.0, max(0.0, best_model)), 4)
            st.reasons = [f"model score {best_model:.2f}"] + best.reasons
        else:
            st.checkworthy = round(best.score, 4)
            st.reasons = best.reasons
        st.is_claim = st.checkworthy >= threshold
