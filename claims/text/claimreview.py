"""Import side of ClaimReview (schema.org): published fact-checks as Articles.

Pure: parses JSON-LD already loaded with json, maps a publisher's rating onto
the desk's scale. A fact-check is stored as a one-statement source whose claim
is already reviewed, so every new claim is matched against it.
"""
from __future__ import annotations

import re
from typing import Any, Iterator, Mapping, Optional, Sequence

from claims.text.records import Article, FactCheck

# Publishers' labels -> the default scale. Rules as data; lower-cased, punctuation-free keys.
RATING_ALIASES: dict[str, str] = {
    "true": "True", "correct": "True", "accurate": "True", "verdadero": "True",
    "mostly true": "Mostly true", "mostly correct": "Mostly true", "largely accurate": "Mostly true",
    "half true": "Half true", "mixture": "Half true", "mixed": "Half true", "partly true": "Half true",
    "partially true": "Half true", "partly false": "Mostly false", "partially false": "Mostly false",
    "mostly false": "Mostly false", "largely false": "Mostly false",
    "false": "False", "pants on fire": "False", "incorrect": "False", "fake": "False",
    "four pinocchios": "False", "wrong": "False", "falso": "False", "inaccurate": "False",
    "unproven": "Unverifiable", "unverified": "Unverifiable", "unsupported": "Unverifiable",
    "no evidence": "Unverifiable", "unverifiable": "Unverifiable", "research in progress": "Unverifiable",
    "misleading": "Needs context", "missing context": "Needs context", "out of context": "Needs context",
    "needs context": "Needs context", "miscaptioned": "Needs context", "lacks context": "Needs context",
}
# A numeric rating as a share of the way from worst to best -> a label.
_BY_SHARE: Sequence[tuple[float, str]] = (
    (0.1, "False"), (0.35, "Mostly false"), (0.65, "Half true"), (0.9, "Mostly true"), (1.01, "True"),
)


class ClaimReviewError(ValueError):
    """JSON that holds no usable ClaimReview; the message says what is missing."""


def _types(obj: Mapping[str, Any]) -> set[str]:
    t = obj.get("@type")
    return {t} if isinstance(t, str) else set(t or [])


def find_reviews(data: Any) -> Iterator[Mapping[str, Any]]:
    """Every ClaimReview object in a document: one object, a list, or an @graph."""
    if isinstance(data, list):
        for item in data:
            yield from find_reviews(item)
    elif isinstance(data, Mapping):
        if "ClaimReview" in _types(data):
            yield data
        elif "@graph" in data:
            yield from find_reviews(data["@graph"])


def _name(value: Any) -> Optional[str]:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, Mapping):
        value = value.get("name")
    return str(value).strip() if value else None


def _number(value: Any) -> Optional[float]:
    try:
        return float(value) if value is not None and str(value).strip() != "" else None
    except (TypeError, ValueError):
        return None


def to_article(review: Mapping[str, Any], *, filename: Optional[str] = None) -> Article:
    claim = (review.get("claimReviewed") or "").strip()
    if not claim:
        raise ClaimReviewError("a ClaimReview without claimReviewed")
    rating = review.get("reviewRating") or {}
    if isinstance(rating, list):
        rating = rating[0] if rating else {}
    label = (rating.get("alternateName") or rating.get("name") or "").strip()
    if not label:
        raise ClaimReviewError(f"no reviewRating.alternateName for {claim[:60]!r}")
    item = review.get("itemReviewed") or {}
    published = review.get("datePublished") or (item.get("datePublished") if isinstance(item, Mapping) else None)
    return Article(
        text=claim,
        title=(review.get("headline") or review.get("name") or claim)[:1000],
        outlet=_name(review.get("author")) or _name(review.get("publisher")),
        url=review.get("url"),
        author=None,
        published=published,  # parsed by the reader, which knows the file name
        kind="factcheck",
        filename=filename,
        factcheck=FactCheck(
            rating=label,
            claimant=_name(item.get("author")) if isinstance(item, Mapping) else None,
            rating_value=_number(rating.get("ratingValue")),
            best_rating=_number(rating.get("bestRating")),
            worst_rating=_number(rating.get("worstRating")),
            review_body=review.get("reviewBody"),
        ),
    )


def map_rating(fc: FactCheck, labels: Sequence[str]) -> Optional[str]:
    """The desk's label for a publisher's rating, or None when it cannot be mapped.

    An exact label of the desk's scale wins; then the alias table; then the
    numeric rating's position between worst and best.
    """
    by_lower = {label.lower(): label for label in labels}
    key = " ".join(re.sub(r"[^a-z]+", " ", fc.rating.lower()).split())
    if fc.rating.lower().strip() in by_lower:
        return by_lower[fc.rating.lower().strip()]
    alias = RATING_ALIASES.get(key)
    if alias and alias.lower() in by_lower:
        return by_lower[alias.lower()]
    if None not in (fc.rating_value, fc.best_rating, fc.worst_rating) and fc.best_rating != fc.worst_rating:
        share = (fc.rating_value - fc.worst_rating) / (fc.best_rating - fc.worst_rating)  # type: ignore[operator]
        for bound, label in _BY_SHARE:
            if share < bound and label.lower() in by_lower:
                return by_lower[label.lower()]
    return None
