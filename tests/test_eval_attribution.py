"""`claims eval attribution`: alignment, name matching and the figures, on invented gold."""
from __future__ import annotations

import json

import pytest

from claims.cli import main
from claims.eval.attribution import (
    Predicted,
    baseline_statements,
    is_speech_cue,
    read_docs,
    score,
    speaker_match,
)
from claims.text.records import Article


@pytest.mark.parametrize("predicted,gold,expected", [
    ("Pat Vell", "longtime Democratic pollster Pat Vell", True),
    ("Vell", "Pat Vell's", True),
    ("Bo Vell", "Pat Vell", False),                          # a different first name
    ("Kira Osk", "Kira Osk, chairman of the Harbour Board,", True),  # the appositive is not the name
    ("HBA", "the Harbour Bridge Authority", True),          # acronym vs full name
    ("Harbour Bridge Authority", "HBA", True),
    ("Pat Vell", "the source", False),
    (None, "Pat Vell", False),
    ("Jo Ash", "Sen. Jo Ash (D-Ore.)", True),
    ("Lou Weiran", "Mr. Lou", True),                         # family name first
    ("Lou Weiran", "Lou", False),                            # only with an honorific
    ("Tam Ode IV", "Ode", True),
    ("Valnews", "Valnews.com", True),
    ("Tam Ode", "Sen. Tam Ode of Wisconsin", True),             # the place after the name
    ("Bo Crane", "Purple PAC's Crane", True),                  # "PAC" is no first name
    ("Mira Kade", "Secretary of State Lo Kade", False),
    # a place before a title with "of" is no name: the person after the title is the speaker
    ("Lo Kade", "Ohio Secretary of State Lo Kade", True),
    ("Ohio Secretary", "Ohio Secretary of State Lo Kade", False),
    # a description, then the person's name in apposition: the name is the speaker
    ("Kira Osk", "The leader of the Harbour League, Kira Osk,", True),
    ("Ann Lee", "a spokeswoman, Ann Lee,", True),
    ("Bo Crane", "The port's campaign chairman, Bo Crane, a former pilot,", True),
    ("Harbour League", "The leader of the Harbour League, Kira Osk,", False),
    # a title or a name particle is no given name
    ("Tam Vell", "Chief Vell", True),
    ("Lo de Vasco", "De Vasco", True),
    ("Tam Vell", "Judge Bo Vell", False),
    # a day or a month after a poll's name is no name; a name that is a month stays one
    ("Harbour Times poll", "a Harbour Times poll released Monday", True),
    ("Harbour Times poll", "a Harbour Times poll conducted in February.", True),
    ("Ann May", "Tam May", False),
    # the acronym inside a source: "HBA filings" are the Harbour Bridge Authority's
    ("Harbour Bridge Authority", "HBA filings", True),
    ("Harbour Bridge Authority", "HBA chief Kira Osk", False),
    # a body's short name against its name with "for"/"of"
    ("Vell Center", "Vell Center for Justice", True),
    ("Pat Vell", "Pat Vell Wins Harbour Race", False),
    # descriptions without a name: the same words, determiners aside
    ("Republican nominee", "the Republican nominee", True),
    ("Republican", "Republican senators", False),
    ("the source", "the source", True),
    # a party label cut by the source span
    ("Jo Ash", "Sen. Jo Ash (D-Ore.", True),
    # an owner's name before the description, a party label or a place after the apposed name
    ("Al Reyes", "Mr. Vell's campaign chairman, Al Reyes,", True),
    ("Vell", "Mr. Vell's campaign chairman, Al Reyes,", False),
    ("Jo Ash", "Another Harbour lawmaker, Sen. Jo Ash (I-Ore.),", True),
    ("Kira Osk", "Another pollster, Kira Osk of Vell University,", True),
])
def test_speaker_match(predicted, gold, expected) -> None:
    assert speaker_match(predicted, gold) is expected


def test_speech_cues() -> None:
    assert is_speech_cue("told reporters") and is_speech_cue("According to") and is_speech_cue("said:")
    assert not is_speech_cue("criticized") and not is_speech_cue("wants")


TEXT = ("Harbour chief Kira Osk said the pier would reopen in May.\n\n"
        "Ships waited offshore.\n\n"
        "“It is safe now,” Osk said.")


def _doc(tmp_path):
    say1 = TEXT.index("said")
    content1 = (TEXT.index("the pier"), TEXT.index("in May.") + 6)
    q = TEXT.index("“It is")
    rows = [{"id": "a1", "published": "2024-05-09", "text": TEXT, "attributions": [
        {"source": [TEXT.index("Kira"), TEXT.index("Kira") + 8], "cue": [say1, say1 + 4], "cue_text": "said",
         "content": [list(content1)], "direct": False, "speaker": "Kira Osk", "speaker_kind": "named"},
        {"source": [TEXT.index("Osk said"), TEXT.index("Osk said") + 3], "cue": [TEXT.rindex("said"), TEXT.rindex("said") + 4],
         "cue_text": "said", "content": [[q, TEXT.index("now,”") + 5]], "direct": True, "speaker": "Osk",
         "speaker_kind": "named"}]}]
    f = tmp_path / "gold.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return f


def test_score_counts_each_figure(tmp_path) -> None:
    docs = read_docs(_doc(tmp_path))

    def fixed(article: Article) -> list[Predicted]:
        # right speaker for the first, none for the quote, a speaker on the narration line
        return [Predicted(0, 58, "Kira Osk", False), Predicted(60, 82, "Kira Osk", False),
                Predicted(84, len(TEXT), None, True)]

    f = score(docs, fixed).as_dict()
    assert (f["n_speech"], f["speaker_accuracy_speech"]) == (2, 0.5)
    assert f["attribution_recall"] == 0.5 and f["direct_quote_recall"] == 1.0
    assert (f["n_narration"], f["narration_clean"]) == (1, 0.0)


def test_product_beats_baseline_on_invented_article(tmp_path) -> None:
    from claims.eval.attribution import product_statements

    docs = read_docs(_doc(tmp_path))
    product = score(docs, product_statements).as_dict()
    assert product["speaker_accuracy_named"] == 1.0 and product["narration_clean"] == 1.0
    assert [p.speaker for p in baseline_statements(docs[0].article)] == ["Kira Osk", None, "Osk"]


def test_cli_prints_definitions_and_both_systems(tmp_path, capsys) -> None:
    assert main(["eval", "attribution", str(_doc(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert "alignment:" in out and "speaker match:" in out
    assert "product" in out and "baseline" in out and "direct-quote recall" in out
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x"}\n', encoding="utf-8")
    assert main(["eval", "attribution", str(bad)]) == 2
    assert main(["eval", "attribution", str(tmp_path / "missing.jsonl")]) == 2


def test_claim_text_f1_rewards_leaving_the_frame_out() -> None:
    from claims.eval.attribution import Predicted, claim_text_f1

    text = '"The bridge is safe," the mayor said on Monday.'
    content = [(1, 19)]  # The bridge is safe,
    claim = Predicted(0, len(text), "mayor", True, 1, 19)
    whole = Predicted(0, len(text), "mayor", True)
    assert claim_text_f1(text, claim, content) == 1.0
    f_whole = claim_text_f1(text, whole, content)
    assert f_whole is not None and 0.5 < f_whole < 1.0  # 4 of 9 words: precision 0.44, recall 1
    assert claim_text_f1(text, Predicted(0, len(text), None, False, 21, 47), content) == 0.0
    assert claim_text_f1(text, claim, [(60, 70)]) is None  # no gold content inside the statement
