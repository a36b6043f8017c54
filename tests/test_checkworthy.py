"""Rule scorer and the product's default scorer: golden sentences (invented), score range and reasons."""
from __future__ import annotations

import pytest

from claims.text import checkworthy, checkworthy_model
from claims.text.checkworthy import RULES, rule_features, score_rules, score_text

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
def test_rules_score_claims_high(text: str) -> None:
    s = score_rules(text)
    assert s.score >= 0.5 and any(r.startswith("+") for r in s.reasons)


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_rules_score_non_claims_low(text: str) -> None:
    s = score_rules(text)
    assert s.score < 0.5 and any(r.startswith("-") for r in s.reasons)


@pytest.mark.parametrize("text", ["", "   ", "?", "x" * 10000, "1" * 500])
def test_score_in_unit_interval(text: str) -> None:
    assert 0.0 <= score_text(text).score <= 1.0
    assert 0.0 <= score_rules(text).score <= 1.0


@pytest.mark.parametrize("scorer", [score_rules, score_text])
def test_attribution_adds_a_reason(scorer) -> None:
    s0, s1 = scorer("Costs rose."), scorer("Costs rose.", attributed=True)
    assert s1.score > s0.score and "+ an attributed assertion" in s1.reasons


def test_rule_features_shape() -> None:
    assert len(rule_features("Prices rose 5 percent.")) == len(RULES) + 2


# Each newer rule, with the reason the reviewer reads.
REASON_CASES = [
    ("If we cut taxes the budget would balance itself.", "- a hypothetical (if ...)"),
    ("There are a lot of things we could talk about here.", "- vague: no specific amount or referent"),
    ("I've met people who struggled with this for years.", "- a personal anecdote"),
    ("The governor has said the plant closed in 2019.", "+ reports what somebody else said"),
    ("We gave the ambassador written instructions.", "+ reports what someone did"),
    ("Exports are higher than they were in the spring.", "+ an explicit comparison (... than ...)"),
    ("According to the census, the town has grown.", "+ cites a source"),
    ("And I will fix the roads in this county.", "- the speaker's own promise"),
]


@pytest.mark.parametrize("text,reason", REASON_CASES)
def test_rule_reasons(text: str, reason: str) -> None:
    assert reason in score_rules(text).reasons


# The default (shipped model) on sentences of a news desk's kind, written for this test.
DEFAULT_CLAIMS = [
    "Unemployment fell to 4.1 percent in March, the lowest rate since 2019.",
    "The ministry spent $2 million on the new bridge.",
    "The senator voted against the 2022 budget bill.",
    "Crime in the city has dropped by a third since 2015.",
]
DEFAULT_NOT_CLAIMS = [
    "Thank you all for coming this evening.",
    "What will happen to the workers now?",
    "I think we can do better.",
    "We will build a brighter future together.",
]


@pytest.mark.parametrize("text", DEFAULT_CLAIMS)
def test_default_scores_claims_high_with_reasons(text: str) -> None:
    s = score_text(text)
    assert s.score >= 0.5 and any(r.startswith("+") for r in s.reasons)


@pytest.mark.parametrize("text", DEFAULT_NOT_CLAIMS)
def test_default_scores_non_claims_low_with_reasons(text: str) -> None:
    s = score_text(text)
    assert s.score < 0.5 and any(r.startswith("-") for r in s.reasons)


def test_default_shows_only_reasons_the_model_agrees_with() -> None:
    s = score_text("I think we can do better.")
    assert "- opinion or belief" in s.reasons
    assert not any(r.startswith("+ wording") for r in s.reasons)


def test_default_falls_back_to_the_rules_without_a_model_file(monkeypatch) -> None:
    monkeypatch.setattr(checkworthy_model, "default_model", lambda: None)
    text = "The ministry spent $2 million on the new bridge."
    assert score_text(text) == score_rules(text)


def test_default_keeps_a_denial_the_rules_call_a_claim() -> None:
    # debates taught the model that "This is not ..." is mostly rhetoric; a news desk checks it
    text = "This is not a military base."
    model_alone = checkworthy_model.default_model().predict([text])[0]
    assert model_alone < 0.5 <= score_rules(text).score
    assert score_text(text) == score_rules(text)


def test_default_keeps_a_figure_the_rules_call_a_claim() -> None:
    # a bare figure is small talk in a debate more often than in a news report
    text = "The plant employs 3,000 people."
    model_alone = checkworthy_model.default_model().predict([text])[0]
    assert model_alone < 0.5 <= score_rules(text).score
    assert score_text(text) == score_rules(text)


def test_default_keeps_the_rules_score_of_a_there_is_no_denial() -> None:
    text = "There are no soldiers at the depot."
    assert checkworthy_model.default_model().predict([text])[0] < score_rules(text).score
    assert score_text(text) == score_rules(text)


# Sentences with neither a denial nor a figure, where the rules score higher than the model:
# the model's score stands (the rules' everywhere cost ClaimBuster F1, README).
MODEL_STANDS = [
    "The council approved the harbour plan after a long debate.",
    "The mayor opened the new library and hired more teachers.",
]


@pytest.mark.parametrize("text", MODEL_STANDS)
def test_default_is_the_model_where_no_overriding_rule_fires(text: str) -> None:
    model_alone = checkworthy_model.default_model().predict([text])[0]
    assert score_rules(text).score > model_alone
    assert checkworthy.overriding_score(text) == 0.0
    assert score_text(text).score == model_alone
    assert score_text(text) != score_rules(text)


@pytest.mark.parametrize("text,overrides", [
    ("This is not a military base.", True),
    ("There are no soldiers at the depot.", True),
    ("The plant employs 3,000 people.", True),
    ("The council approved the harbour plan after a long debate.", False),
    ("Doors open at 7 o'clock.", False),  # a time of day is not a figure (the number rule says so)
])
def test_overriding_rules(text: str, overrides: bool) -> None:
    assert (checkworthy.overriding_score(text) > 0.0) is overrides
    if overrides:
        assert checkworthy.overriding_score(text) == score_rules(text).score


def test_default_scorer_for_evaluation_matches_the_product() -> None:
    texts = ["This is not a military base.", "Unemployment fell to 4.1 percent in March, the lowest rate since 2019.",
             *MODEL_STANDS, "The plant employs 3,000 people.", "Thank you all for coming this evening."]
    model = checkworthy_model.default_model()
    scorer = checkworthy_model.DefaultScorer(model)
    assert scorer.predict(texts) == [score_text(t).score for t in texts]
    assert scorer.predict(texts) == [max(m, checkworthy.overriding_score(t)) for m, t in zip(model.predict(texts), texts)]
