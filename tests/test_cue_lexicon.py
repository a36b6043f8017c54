"""The learned tables in claims/text/data (built by bench/build_cue_lexicon.py) are data, sane and small."""
from __future__ import annotations

import json
from pathlib import Path

from claims.text import speaker_rules, speakers

DATA = Path(speakers.__file__).parent / "data"


def test_tables_are_plain_json_and_small() -> None:
    for name in ("cue_lexicon.json", "common_words.json"):
        path = DATA / name
        assert path.stat().st_size < 5_000_000
        json.loads(path.read_text(encoding="utf-8"))


def test_learned_cues_hold_speech_verbs_and_no_function_words() -> None:
    assert {"said", "told", "according", "tweeted", "blasted"} <= speaker_rules.LEARNED_CUES
    assert not {"the", "to", "has", "is", "that"} & speaker_rules.LEARNED_CUES
    assert {"defended", "argued"} <= speakers.SUBJECT_VERBS
    assert not {"went", "ran", "shows", "states"} & (speakers.SUBJECT_VERBS | speakers.CUE_VERBS)
    # stems pool the forms of a learned verb; actions stay out
    assert {speakers.verb_stem(w) for w in ("pledged", "proposed", "defended")} <= speakers.SUBJECT_STEMS
    assert not {speakers.verb_stem(w) for w in ("went", "ran", "voted")} & speakers.SUBJECT_STEMS


def test_common_words_are_lower_case_words_not_names() -> None:
    assert {"earlier", "recently", "minutes", "after"} <= speakers.COMMON_WORDS
    assert not {"washington", "trump", "aren", "republican"} & speakers.COMMON_WORDS


def test_first_names_tell_gender_and_hold_no_common_words() -> None:
    data = json.loads((DATA / "first_names.json").read_text(encoding="utf-8"))
    assert set(data["m"]).isdisjoint(data["f"])
    assert not {"prime", "team", "the", "president", "house", "senate"} & (set(data["m"]) | set(data["f"]))
    assert speakers.name_gender("Hillary Rowe") == "f" and speakers.name_gender("Donald Oakes") == "m"
    assert speakers.name_gender("Clinton") is None  # one word: a surname, no given name
