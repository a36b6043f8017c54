"""Article stance from statement stances (claims.text.stance_body) and its shipped model."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from claims.text import stance_body
from claims.text.stance import CONTRADICTS, RELATED, SUPPORTS

STATEMENTS = ["Officials denied that the Varn dam collapsed.", "The water authority said the structure was intact."]
IDF = stance_body.idf_table(STATEMENTS + ["A bakery opened in Telmar.", "The dam holds the Varn river."])


@pytest.mark.parametrize("statements,label", [
    (["The Varn dam collapsed on Sunday night."], SUPPORTS),
    (STATEMENTS, CONTRADICTS),
    (["The Varn dam reportedly collapsed, according to unverified posts."], RELATED),
    (["A new bakery opened in Telmar on Friday."], stance_body.NONE),
    ([], stance_body.NONE),
])
def test_rules_decide_from_the_statements(statements: list[str], label: str) -> None:
    got = stance_body.body_stance("The Varn dam collapsed", statements, IDF)
    assert got.label == label
    assert got.reasons  # every label says why


def test_the_contradiction_reason_is_the_statement_rule() -> None:
    got = stance_body.body_stance("The Varn dam collapsed", STATEMENTS, IDF)
    assert got.reasons == ['denial on one side only: "denied" in the match, about "Varn, dam, collapsed"']


def test_shipped_model_is_json_trees_and_predicts_a_product_label() -> None:
    model = stance_body.load_model()
    assert model is not None and stance_body.MODEL_PATH.stat().st_size < 2_000_000
    assert set(model.classes) == {SUPPORTS, CONTRADICTS, RELATED, stance_body.NONE}
    assert model.topics is not None  # its topic features are measured in the space it ships with
    feats = stance_body.body_stance("The Varn dam collapsed", STATEMENTS, IDF, model=model).features
    assert set(model.names) == set(feats)
    unrelated = stance_body.body_stance("The Varn dam collapsed", ["A new bakery opened in Telmar on Friday."], IDF,
                                        model=model)
    assert unrelated.label == stance_body.NONE


# A made-up topic space: "dam" and "reservoir" share a topic, "bakery" has its own.
SPACE = stance_body.TopicSpace.from_json({"terms": ["dam", "reservoir", "bakery"], "idf": [1.0, 2.0, 1.5],
                                          "vectors": [[900, 10], [800, -20], [0, 1000]]})


def test_topic_features_relate_a_claim_to_other_words_for_its_story() -> None:
    claim = "The dam failed"
    body = ["A bakery opened in Telmar.", "Engineers inspected the reservoir overnight."]
    f = stance_body.topic_features(claim, body, SPACE)
    assert stance_body.similarity_features(claim, body, BODY_IDF)["cos_max"] == 0.0  # no shared word
    assert f["topic_max"] > 0.99 and f["topic_top3"] == pytest.approx(f["topic_max"] / 3, abs=0.01)
    assert 0.0 < f["topic_body"] < f["topic_max"]
    assert stance_body.topic_features("A bakery opened", body[1:], SPACE)["topic_max"] < 0.05
    assert set(stance_body.topic_features(claim, [], SPACE).values()) == {0.0}


def test_a_model_keeps_its_topic_space_through_json(tmp_path: Path) -> None:
    tree = stance_body.Tree(feature=(0,), threshold=(0.0,), left=(-1,), right=(-1,), value=(0.0,))
    model = stance_body.StanceModel(("topic_max",), (RELATED,), (0.0,), ((tree,),), SPACE)
    path = tmp_path / "model.json"
    path.write_text(json.dumps(model.to_json()), encoding="utf-8")
    loaded = stance_body.load_model(path)
    assert loaded is not None and loaded.topics is not None and loaded.topics.to_json() == SPACE.to_json()
    assert loaded.features("The dam failed", ["The reservoir burst."], {"best": 0.1})["topic_max"] > 0.99
    broken = model.to_json()
    broken["topics"] = {"terms": ["dam"], "idf": [1.0, 2.0], "vectors": [[1]]}
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(ValueError, match="not a stance model"):
        stance_body.load_model(path)


def test_a_tree_walks_left_on_less_or_equal() -> None:
    tree = stance_body.Tree(feature=(0, -1, -1), threshold=(0.5, 0.0, 0.0), left=(1, -1, -1),
                            right=(2, -1, -1), value=(0.0, -1.0, 2.0))
    assert (tree([0.5]), tree([0.7])) == (-1.0, 2.0)


def test_a_broken_model_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "model.json"
    bad.write_text(json.dumps({"features": ["best"]}), encoding="utf-8")
    with pytest.raises(ValueError, match="not a stance model"):
        stance_body.load_model(bad)


BODY = ["The Orlin museum opened a new wing on Monday.",
        "Critics called reports that the Orlin museum sold its Varga painting a hoax.",
        "The museum said the Varga painting was never for sale."]
BODY_IDF = stance_body.idf_table(BODY + ["Rain is expected in Telmar.", "A ferry left the port of Dask."])


def test_similarity_features_find_the_statement_nearest_the_claim() -> None:
    near = stance_body.similarity_features("The Orlin museum sold the Varga painting", BODY, BODY_IDF)
    far = stance_body.similarity_features("A ferry left the port of Dask", BODY, BODY_IDF)
    assert near["cos_max"] > 0.5 > far["cos_max"] == 0.0
    assert near["cos_max"] > near["cos_lede"] - 1e-9 and near["cos_max"] >= near["cos_top3"]
    assert near["cover"] == 1.0 and far["cover"] == 0.0


def test_stance_words_are_counted_near_the_claim_not_named_after_it() -> None:
    a = stance_body.similarity_features("The Orlin museum sold the Varga painting", BODY, BODY_IDF)
    b = stance_body.similarity_features("Rain is expected in Telmar", BODY, BODY_IDF)
    # the same feature names whatever the claim: the model cannot learn a headline
    assert set(a) == set(b)
    assert a["n_hoax"] == 1.0 and a["n_never"] == 1.0 and a["c_hoax"] == 0.0
    assert a["w_hoax"] > 0.0 and a["pol_claim"] == 0.0
    assert stance_body.similarity_features("The painting was not sold?", BODY, BODY_IDF)["pol_claim"] == 1.0


def test_similarity_features_of_an_empty_body_are_zero() -> None:
    f = stance_body.similarity_features("The Orlin museum sold the Varga painting", [], BODY_IDF)
    assert f["cos_max"] == f["cos_body"] == f["cover"] == 0.0


def test_disagreement_features_look_at_the_statements_nearest_the_claim() -> None:
    claim = "The Orlin museum sold the Varga painting"
    body = ["The Orlin museum opened a new wing on Monday.", "Tickets cost less this year.",
            "The museum said the claim that it sold the Varga painting is not true and a hoax."]
    f = stance_body.similarity_features(claim, body, BODY_IDF)
    assert f["top1_refute"] == 1.0 and f["top1_negation"] == 1.0  # the nearest statement disputes
    assert f["denial_pairs"] == f["denial_pairs_near"] == 2.0  # "not true", "a hoax"
    assert f["neg_mismatch1"] == 1.0  # the claim has no negation, its nearest statement has one
    assert f["first_refute"] == 2 / 3 and f["first_confirm"] == 1.0  # none confirms
    calm = stance_body.similarity_features(claim, body[:2], BODY_IDF)
    assert calm["top1_refute"] == calm["rate_refute"] == calm["neg_mismatch1"] == 0.0
    assert set(calm) == set(f)


def test_disagreement_features_of_an_empty_body_are_neutral() -> None:
    f = stance_body.disagreement_features("The Orlin museum sold the Varga painting", [], [])
    assert f["top3_refute_rate"] == f["denial_pairs"] == f["neg_mismatch1"] == f["best_len"] == 0.0
