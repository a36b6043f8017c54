"""Plain records passed between the text modules and the workflows.

These dataclasses are the contract: extraction returns them, ingest stores them,
`claims extract` prints them. No database, no Streamlit.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Optional


@dataclass
class FactCheck:
    """A published fact-check (from ClaimReview): the reviewed claim's verdict."""

    rating: str  # the publisher's own label, e.g. "Pants on Fire"
    claimant: Optional[str] = None
    rating_value: Optional[float] = None
    best_rating: Optional[float] = None
    worst_rating: Optional[float] = None
    review_body: Optional[str] = None


@dataclass
class Article:
    """One parsed input document, before storage."""

    text: str
    title: str = ""
    outlet: Optional[str] = None
    url: Optional[str] = None
    author: Optional[str] = None
    published: Optional[date] = None
    kind: str = "article"  # article | factcheck
    filename: Optional[str] = None
    factcheck: Optional[FactCheck] = None  # set for imported fact-checks


@dataclass
class ExtractedStatement:
    """One sentence with exact offsets into the article text.

    A quote running over several sentences gives one statement per sentence, each
    with the quote's speaker, kind and date; context_start/context_end span the
    whole quote (or the sentence itself). claim_text is the checkable part of the
    sentence without its attribution frame ('"X," he said on May 7' -> 'X'):
    article.text[claim_start:claim_end] == claim_text, as for start/end.
    """

    text: str
    start: int
    end: int
    paragraph: int
    kind: str = "narration"  # direct_quote | indirect_quote | narration
    speaker: Optional[str] = None
    speaker_title: Optional[str] = None
    speaker_kind: Optional[str] = None  # person | institution
    cue: Optional[str] = None
    date: Optional[date] = None
    date_text: Optional[str] = None
    checkworthy: float = 0.0
    reasons: list[str] = field(default_factory=list)
    is_claim: bool = False
    claim_text: str = ""
    claim_start: int = 0
    claim_end: int = 0
    context_start: int = 0
    context_end: int = 0

    def __post_init__(self) -> None:
        if not self.claim_text and self.claim_end <= self.claim_start:
            # a statement built without a claim span is its own claim
            self.claim_text, self.claim_start, self.claim_end = self.text, self.start, self.end
        if self.context_end <= self.context_start:
            self.context_start, self.context_end = self.start, self.end

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["date"] = self.date.isoformat() if self.date else None
        return d
