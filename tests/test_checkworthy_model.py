"""Learned model: fit, JSON round trip, refusal of pickles, the shipped default (tiny invented data)."""
from __future__ import annotations

import json
import pickle

import pytest

from claims.text import checkworthy_model
from claims.text.labelled import Extra, LabelledSentence, cross_val_scores, metrics, text_key
from claims.text.measures import average_precision, f1_at

POS = [f"The city spent {n} million dollars on {w} in {1990 + n}." for n, w in
       zip(range(1, 21), "roads schools bridges parks buses clinics ports wells farms dams "
           "trains ferries libraries markets towers pipes courts prisons stadiums museums".split())]
NEG = [f"I think we should {w} together and hope for the best." for w in
       "work talk meet dream build grow plan share learn care sing walk laugh try wait rest listen vote pray stay".split()]
LABELS = [1] * len(POS) + [0] * len(NEG)
PROBE = ["The state spent 7 million dollars on roads in 2001.", "I think we should sing together."]


@pytest.fixture(scope="module")
def model() -> checkworthy_model.LinearCheckworthy:
    return checkworthy_model.fit(POS + NEG, LABELS)


def test_tokens_fold_digits_and_keep_signs() -> None:
    assert checkworthy_model.tokens("Prices rose 4.1% to $1,234 in 2019, didn\u2019t they?") == \
        ["prices", "rose", "0.0", "%", "to", "$", "0,000", "in", "0000", "didn't", "they"]
    assert checkworthy_model.terms("Taxes rose 5 percent", 2) == \
        ["taxes", "rose", "0", "percent", "taxes rose", "rose 0", "0 percent"]


def test_fit_json_round_trip_predicts_the_same(model) -> None:
    blob = checkworthy_model.dumps(model)
    assert blob.startswith(b"{")
    loaded = checkworthy_model.load_model(blob)
    scores = loaded.predict(PROBE)
    assert scores[0] > 0.5 > scores[1]
    assert scores == pytest.approx(model.predict(PROBE), abs=1e-5)
    assert loaded.predict([]) == []
    assert json.loads(blob)["format"] == "claimdesk.checkworthy.linear"


def test_fit_is_deterministic(model) -> None:
    assert checkworthy_model.fit(POS + NEG, LABELS).to_json() == model.to_json()


def test_fit_rejects_one_class_and_mismatched_lengths() -> None:
    with pytest.raises(ValueError, match="both"):
        checkworthy_model.fit(POS, [1] * len(POS))
    with pytest.raises(ValueError, match="labels"):
        checkworthy_model.fit(POS + NEG, [1])


class _Boom:
    """Unpickling this would create a file: the loader must never unpickle."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):
        return (open, (self.path, "w"))


@pytest.mark.parametrize("protocol", [0, 2, pickle.HIGHEST_PROTOCOL])
def test_old_pickled_model_is_refused_not_executed(tmp_path, protocol) -> None:
    marker = tmp_path / "ran"
    blob = pickle.dumps({"format": 2, "model": _Boom(str(marker))}, protocol=protocol)
    with pytest.raises(checkworthy_model.ModelFormatError, match="pickled model.*train it again"):
        checkworthy_model.load_model(blob)
    assert not marker.exists()


@pytest.mark.parametrize("blob,message", [
    (b"not a model", "not a JSON"),
    (b'{"format": "something else"}', "not a check-worthiness model"),
    (b'{"format": "claimdesk.checkworthy.linear", "version": 99}', "version 99"),
    (b'{"format": "claimdesk.checkworthy.linear", "version": 3, "terms": []}', "damaged"),
    (b"\xff\xfe", "not a JSON"),
])
def test_bad_blobs_are_refused_with_a_reason(blob, message) -> None:
    with pytest.raises(checkworthy_model.ModelFormatError, match=message):
        checkworthy_model.load_model(blob)


def test_stored_model_survives_a_new_rule(model, monkeypatch) -> None:
    from claims.text import checkworthy

    before = model.predict(PROBE)
    extra = checkworthy._rule("extra", r"roads", 5.0, "an added rule")
    monkeypatch.setattr(checkworthy, "RULES", checkworthy.RULES[:3] + (extra,) + checkworthy.RULES[3:])
    assert model.predict(PROBE) == pytest.approx(before)


def test_domains_keep_the_reference_intercept() -> None:
    # the second data set marks almost nothing check-worthy: its own intercept absorbs that
    other = [f"Revenue grew {n} percent last year in region {n}." for n in range(30)]
    texts = POS + NEG + other
    labels = LABELS + [1] * 2 + [0] * 28
    pooled = checkworthy_model.fit(texts, labels)
    split = checkworthy_model.fit(texts, labels, domains=[""] * 40 + ["other"] * 30)
    probe = "Revenue grew 9 percent last year in region 9."
    assert split.predict([probe])[0] > pooled.predict([probe])[0]
    assert split.meta["domain_offsets"]["other"] < 0
    with pytest.raises(ValueError, match="domains"):
        checkworthy_model.fit(texts, labels, domains=[""])


def test_shipped_default_is_small_json_and_scores_invented_sentences() -> None:
    path = checkworthy_model.DEFAULT_MODEL_PATH
    assert path.stat().st_size < 5_000_000
    model = checkworthy_model.default_model()
    assert model is not None and model.meta["trained_on"]
    high, low = model.predict(["Unemployment fell to 4.1 percent in March, down from 5.3 percent a year ago.",
                               "Thank you all so much for being here tonight."])
    assert high > 0.5 > low


def test_metrics_and_cross_validation() -> None:
    assert average_precision([1, 0, 1], [0.9, 0.8, 0.1]) == pytest.approx((1 + 2 / 3) / 2)
    assert f1_at([1, 0, 1, 0], [0.9, 0.2, 0.6, 0.7], 0.5) == pytest.approx((2 / 3, 1.0, 0.8))
    rows = [LabelledSentence(t, 1, None) for t in POS] + [LabelledSentence(t, 0, None) for t in NEG]
    scores = cross_val_scores(rows, checkworthy_model.fit, k=4)
    m = metrics(rows, scores, 0.5)
    assert m["f1"] > 0.9 and m["ap"] > 0.9


def test_cross_validation_leaves_test_sentences_out_of_extra_data() -> None:
    rows = [LabelledSentence(t, y, f"doc{i % 2}") for i, (t, y) in enumerate(zip(POS + NEG, LABELS))]
    # the extra data set holds a copy of one doc0 sentence (other case and punctuation) and one of its own
    copy = LabelledSentence(POS[0].upper().rstrip("."), 1, None)
    own = LabelledSentence("Bridges cost 5 million dollars in 1999.", 1, None)
    seen: list[tuple[set[str], list[str]]] = []

    class Recorder:
        def __init__(self, texts, labels, domains=None) -> None:
            seen.append(({text_key(t) for t in texts}, list(domains or [])))

        def predict(self, texts):
            return [0.5] * len(texts)

    cross_val_scores(rows, Recorder, k=2, also=[Extra("x", [copy, own])], domains=True)
    assert len(seen) == 2
    by_fold = {text_key(POS[0]) in keys: domains for keys, domains in seen}
    # trained without doc0 (POS[0]'s document): the copy is left out, the other extra sentence stays
    assert by_fold[False].count("x") == 1
    # trained with doc0: both extra sentences, each in domain "x"; the fold's own rows in domain ""
    assert by_fold[True].count("x") == 2 and by_fold[True].count("") == 20


def test_fingerprint_names_the_training_file_whatever_the_order_and_case(model) -> None:
    assert checkworthy_model.fingerprint(["Taxes rose.", "We won"]) == checkworthy_model.fingerprint(["we won!", "taxes ROSE"])
    assert checkworthy_model.fingerprint(["Taxes rose."]) != checkworthy_model.fingerprint(["Taxes fell."])
    model.meta["trained_on"] = [{"file": "mine.jsonl", "fingerprint": checkworthy_model.fingerprint(POS + NEG)}]
    try:
        assert checkworthy_model.trained_on(model, list(reversed(POS + NEG))) == "mine.jsonl"
        assert checkworthy_model.trained_on(model, POS) is None
    finally:
        del model.meta["trained_on"]
