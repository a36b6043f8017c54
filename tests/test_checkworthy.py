"""Default rule scorer: golden sentences (invented), score range and reasons."""
from __future__ import annotations

import pytest

from claims.checkworthy import RULES, rule_features, score_text

CLAIMS = [
    "Unemployment fell to 4.1 percent in March, the lowest rate since 2019.",
    "This is not a military base.",
    "The ministry spent $2 million on the new bridge.",
    "The senator voted against the 2022 budget bill.",
    "Exports to Vietnam doubled after the trade agreement was signed.",
]
NOT_CLAIMS = [
    "The two leaders should find opportunities to meet more often.",
    "Thank you all for coming this evening.",
    "What will happen to the workers now?",
    "I think we can do better.",
    "We will build a brighter future together.",
]


@pytest.mark.parametrize("text", CLAIMS)
def test_claims_score_high(text: str) -> None:
    s = score_text(text)
    assert s.score >= 0.5 and any(r.startswith("+") for r in s.reasons)


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_non_claims_score_low(text: str) -> None:
    s = score_text(text)
    assert s.score < 0.5 and any(r.startswith("-") for r in s.reasons)


@pytest.mark.parametrize("text", ["", "   ", "?", "x" * 10000, "1" * 500])
def test_score_in_unit_interval(text: str) -> None:
    assert 0.0 <= score_text(text).score <= 1.0


def test_attribution_adds_a_reason() -> None:
    s0, s1 = score_text("Costs rose."), score_text("Costs rose.", attributed=True)
    assert s1.score > s0.score and "+ an attributed assertion" in s1.reasons


def test_rule_features_shape() -> None:
    assert len(rule_features("Prices rose 5 percent.")) == len(RULES) + 2
