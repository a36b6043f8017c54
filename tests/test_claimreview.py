"""ClaimReview import: parsing JSON-LD and mapping publishers' ratings onto the desk's scale."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from claims.text.claimreview import find_reviews, map_rating, to_article
from claims.text.readers import InputError, read_articles
from claims.text.records import FactCheck

SCALE = ["True", "Mostly true", "Half true", "Mostly false", "False", "Unverifiable", "Needs context"]

CASES = [
    (FactCheck("Pants on Fire!"), "False"),
    (FactCheck("mostly-true"), "Mostly true"),
    (FactCheck("Mixture"), "Half true"),
    (FactCheck("Missing context"), "Needs context"),
    (FactCheck("TRUE"), "True"),
    (FactCheck("Three Pinocchios", rating_value=2, best_rating=5, worst_rating=1), "Mostly false"),
    (FactCheck("Correct-ish", rating_value=5, best_rating=5, worst_rating=1), "True"),
    (FactCheck("Something odd"), None),
]


@pytest.mark.parametrize("fc,expected", CASES, ids=[c[0].rating for c in CASES])
def test_map_rating(fc: FactCheck, expected: str | None) -> None:
    assert map_rating(fc, SCALE) == expected


def test_a_desk_label_wins_over_aliases() -> None:
    assert map_rating(FactCheck("Misleading"), SCALE + ["Misleading"]) == "Misleading"


def test_find_reviews_in_graph_and_lists() -> None:
    doc = {"@graph": [{"@type": "WebPage"}, {"@type": ["ClaimReview"], "claimReviewed": "x"}]}
    assert [r["claimReviewed"] for r in find_reviews([doc, {"@type": "ClaimReview", "claimReviewed": "y"}])] == ["x", "y"]


def test_to_article() -> None:
    art = to_article({
        "@type": "ClaimReview", "claimReviewed": "Crime fell 20%.", "url": "https://example.org/c",
        "author": {"name": "Check Desk"}, "itemReviewed": {"author": {"name": "Mayor Ruth Ames"}},
        "reviewRating": {"alternateName": "False", "ratingValue": "1", "bestRating": "5", "worstRating": "1"},
    })
    assert (art.kind, art.text, art.outlet, art.url) == ("factcheck", "Crime fell 20%.", "Check Desk", "https://example.org/c")
    assert art.factcheck and art.factcheck.claimant == "Mayor Ruth Ames" and art.factcheck.rating_value == 1.0


@pytest.mark.parametrize("data,problem", [
    ("{not json", "invalid JSON"),
    (json.dumps({"@type": "WebPage"}), "no ClaimReview"),
    (json.dumps({"@type": "ClaimReview", "reviewRating": {"alternateName": "False"}}), "ClaimReview 1: a ClaimReview without claimReviewed"),
    (json.dumps({"@type": "ClaimReview", "claimReviewed": "x"}), "no reviewRating"),
    (json.dumps({"@type": "ClaimReview", "claimReviewed": "x", "datePublished": "soon",
                 "reviewRating": {"alternateName": "False"}}), "datePublished"),
])
def test_bad_claimreview_files(tmp_path: Path, data: str, problem: str) -> None:
    p = tmp_path / "fc.json"
    p.write_text(data)
    with pytest.raises(InputError, match=problem) as exc:
        read_articles(p)
    assert str(p) in str(exc.value)
