"""Import side of ClaimReview (schema.org): published fact-checks as Articles.

Pure: parses JSON-LD already loaded with json, maps a publisher's rating onto
the desk's scale. A fact-check is stored as a one-statement source whose claim
is already reviewed, so every new claim is matched against it.
"""
from __future__ import annotations

import re
from typing import Any, Iterator, Mapping, Optional, Sequence

from claims.text.export import http_url
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
    if isinstance(t, str):
        return {t}
    return {x for x in t if isinstance(x, str)} if isinstance(t, list) else set()


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


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", bool: "true/false", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__)


def _text(obj: Mapping[str, Any], field: str, *, where: str = "") -> Optional[str]:
    """A text field: a string (or a number, written out); anything else is named in the error."""
    value = obj.get(field)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ClaimReviewError(f"{where}{field} must be text, not {_kind(value)}")
    text = str(value).replace("\x00", "").strip()
    return text or None


def _name(obj: Mapping[str, Any], field: str) -> Optional[str]:
    """A person or organisation: a name, an object with a "name", or a list of those (the first)."""
    value = obj.get(field)
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None or isinstance(value, str):
        return _text({field: value}, field)
    if isinstance(value, Mapping):
        return _text(value, "name", where=f"{field}.")
    raise ClaimReviewError(f"{field} must be a name or an object with a name, not {_kind(value)}")


def _object(obj: Mapping[str, Any], field: str) -> Mapping[str, Any]:
    value = obj.get(field)
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ClaimReviewError(f"{field} must be an object, not {_kind(value)}")
    return value


def _number(value: Any) -> Optional[float]:
    if isinstance(value, bool):
        return None
    try:
        return float(value) if value is not None and str(value).strip() != "" else None
    except (TypeError, ValueError, OverflowError):
        return None


def to_article(review: Mapping[str, Any], *, filename: Optional[str] = None) -> Article:
    claim = _text(review, "claimReviewed")
    if not claim:
        raise ClaimReviewError("a ClaimReview without claimReviewed")
    rating = _object(review, "reviewRating")
    label = _text(rating, "alternateName", where="reviewRating.") or _text(rating, "name", where="reviewRating.")
    if not label:
        raise ClaimReviewError(f"no reviewRating.alternateName for {claim[:60]!r}")
    item = _object(review, "itemReviewed")
    published = _text(review, "datePublished") or _text(item, "datePublished", where="itemReviewed.")
    url = _text(review, "url")
    if url is not None and http_url(url) is None:
        url = None  # only http(s) links are kept: a javascript: URL must never become a link
    return Article(
        text=claim,
        title=(_text(review, "headline") or _text(review, "name") or claim)[:1000],
        outlet=_name(review, "author") or _name(review, "publisher"),
        url=url,
        author=None,
        published=published,  # parsed by the reader, which knows the file name
        kind="factcheck",
        filename=filename,
        factcheck=FactCheck(
            rating=label,
            claimant=_name(item, "author"),
            rating_value=_number(rating.get("ratingValue")),
            best_rating=_number(rating.get("bestRating")),
            worst_rating=_number(rating.get("worstRating")),
            review_body=_text(review, "reviewBody"),
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
