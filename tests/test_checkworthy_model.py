"""Trained model: train, serialise, load, predict (tiny invented data)."""
from __future__ import annotations

import pytest

from claims.text import checkworthy_model
from claims.text.labelled import LabelledSentence, cross_val_scores, metrics
from claims.text.measures import average_precision, f1_at

POS = [f"The city spent {n} million dollars on {w} in {1990 + n}." for n, w in
       zip(range(1, 21), "roads schools bridges parks buses clinics ports wells farms dams "
           "trains ferries libraries markets towers pipes courts prisons stadiums museums".split())]
NEG = [f"I think we should {w} together and hope for the best." for w in
       "work talk meet dream build grow plan share learn care sing walk laugh try wait rest listen vote pray stay".split()]


def test_train_dump_load_predict() -> None:
    model = checkworthy_model.train(POS + NEG, [1] * len(POS) + [0] * len(NEG))
    loaded = checkworthy_model.load_model(checkworthy_model.dumps(model))
    scores = loaded.predict(["The state spent 7 million dollars on roads in 2001.", "I think we should sing together."])
    assert scores[0] > 0.5 > scores[1]
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert loaded.predict([]) == []


def test_train_rejects_one_class_and_bad_blob() -> None:
    with pytest.raises(ValueError):
        checkworthy_model.train(POS, [1] * len(POS))
    with pytest.raises(Exception):  # noqa: B017 -- pickle raises several types; replaced with JSON storage
        checkworthy_model.load_model(b"not a model")


def test_metrics_and_cross_validation() -> None:
    assert average_precision([1, 0, 1], [0.9, 0.8, 0.1]) == pytest.approx((1 + 2 / 3) / 2)
    assert f1_at([1, 0, 1, 0], [0.9, 0.2, 0.6, 0.7], 0.5) == pytest.approx((2 / 3, 1.0, 0.8))
    rows = [LabelledSentence(t, 1, None) for t in POS] + [LabelledSentence(t, 0, None) for t in NEG]
    scores = cross_val_scores(rows, checkworthy_model.train, k=4)
    m = metrics(rows, scores, 0.5)
    assert m["f1"] > 0.9 and m["ap"] > 0.9


def test_stored_model_survives_a_new_rule(monkeypatch) -> None:
    from claims.text import checkworthy

    model = checkworthy_model.load_model(checkworthy_model.dumps(
        checkworthy_model.train(POS + NEG, [1] * len(POS) + [0] * len(NEG))))
    before = model.predict(["The state spent 7 million dollars on roads in 2001."])
    extra = checkworthy._rule("extra", r"roads", 5.0, "an added rule")
    monkeypatch.setattr(checkworthy, "RULES", checkworthy.RULES[:3] + (extra,) + checkworthy.RULES[3:])
    assert model.predict(["The state spent 7 million dollars on roads in 2001."]) == pytest.approx(before)


def test_nb_ratio_favours_words_of_the_positive_class() -> None:
    import numpy as np
    from scipy import sparse

    x = sparse.csr_matrix(np.array([[1, 0], [1, 0], [0, 1], [0, 1], [1, 1]]))
    r = checkworthy_model.nb_log_ratio(x, np.array([1, 1, 0, 0, 0]))
    assert r[0] > 0 > r[1]


def test_format_1_model_still_loads() -> None:
    import io
    import pickle

    model = checkworthy_model.train(POS + NEG, [1] * len(POS) + [0] * len(NEG))
    # a format-1 model: no NB weights, and the 26 rule columns + 2 length columns of its day
    names = checkworthy_model.V1_RULE_NAMES
    model.nb_ratio = None
    x = checkworthy_model.sparse.hstack([model.word.transform(POS + NEG), model.char.transform(POS + NEG),
                                         checkworthy_model._rule_matrix(POS + NEG, names)], format="csr")
    model.clf.fit(x, [1] * len(POS) + [0] * len(NEG))
    del model.__dict__["nb_ratio"], model.__dict__["rule_names"]
    buf = io.BytesIO()
    pickle.dump({"format": 1, "model": model}, buf)
    loaded = checkworthy_model.load_model(buf.getvalue())
    scores = loaded.predict(["The state spent 7 million dollars on roads in 2001.", "I think we should sing together."])
    assert scores[0] > 0.5 > scores[1]
