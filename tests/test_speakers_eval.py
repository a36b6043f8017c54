"""Speaker attribution measured on hand-labelled articles: `claims eval speakers`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from claims.cli import main
from claims.eval.speakers import evaluate, name_key, read_gold
from claims.text.extract import extract_statements
from claims.text.records import Article

DATA = Path(__file__).resolve().parent / "data"


def test_sample_articles_gold_accuracy() -> None:
    gold = read_gold(DATA / "speakers_gold.jsonl")
    assert len(gold) == 8
    report = evaluate(gold)
    assert report.total >= 100 and report.missing == 0
    assert report.accuracy >= 0.9, [(m.contains, m.expected, m.got) for m in report.mistakes]


def test_cli_text_rows_and_counts(tmp_path, capsys) -> None:
    f = tmp_path / "g.jsonl"
    f.write_text(json.dumps({
        "text": "Port chief Sana Idris said 1,200 containers arrived.\n\n\u201cWe are busy,\u201d she said.\n",
        "quotes": [{"contains": "1,200 containers", "speaker": "Sana Idris"},
                   {"contains": "We are busy", "speaker": "Someone Else"},
                   {"contains": "not in the text", "speaker": "Sana Idris"}]}) + "\n", encoding="utf-8")
    assert main(["eval", "speakers", str(f)]) == 0
    out = capsys.readouterr().out
    assert "1/3" in out and "accuracy=0.333" in out and "snippet not found 1" in out
    assert main(["eval", "speakers", str(tmp_path / "missing.jsonl")]) == 2


def test_bad_gold_line_names_it(tmp_path) -> None:
    f = tmp_path / "g.jsonl"
    f.write_text('{"quotes": []}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="g.jsonl:1"):
        read_gold(f)


def test_name_key() -> None:
    assert name_key("The Ministry of Defence") == name_key("ministry of defence")
    assert name_key(None) == ""


# Regressions found with the gold files: text, snippet, expected speaker.
CASES = [
    ("Drevna Fire Chief Paulo Brenn said 120 firefighters were sent.", "120 firefighters", "Paulo Brenn"),
    ("Harbour Master Jonas Pell was more cautious. He said his office had handled the paperwork.",
     "his office had handled", "Jonas Pell"),
    ("Defence Minister Tomas Reyk on Friday confirmed that the ships would return.", "ships would return",
     "Tomas Reyk"),
    ("The Askaran embassy in Seravel said in a statement that its navy had no plans.", "its navy",
     "Askaran embassy"),
    ("Mira Osei, director of the Institute for Maritime Security Studies, spoke first. "
     "Warships made 14 visits, according to the institute.", "14 visits", "Institute for Maritime Security Studies"),
    ("Police said 800 people left. A police spokesperson said the figure was lower.", "figure was lower", "Police"),
    ("Corvel Chemicals said the cause was unknown. The company described the smoke as harmless.",
     "described the smoke", "Corvel Chemicals"),
    ("Her account contradicts chief executive Daniel Oster, who said the plant was safe.", "plant was safe",
     "Daniel Oster"),
    ("Finance Minister Selina Korr spoke. Korr dismissed her critics as pessimists.", "dismissed her critics",
     "Selina Korr"),
    ("According to a statement from the Ministry of Health, 20 people died.", "20 people", "Ministry of Health"),
    ("The ministry's spokesperson, Ann Lee, said the figures were wrong. Lee later said they would be fixed. "
     "The spokeswoman added that 12 staff had resigned.", "12 staff", "Ann Lee"),
    ("The mayor, Tom Hale, said 40 homes were flooded. Hale said the city would help.", "city would help",
     "Tom Hale"),
]


@pytest.mark.parametrize("text,snippet,speaker", CASES)
def test_attribution_cases(text: str, snippet: str, speaker: str) -> None:
    statements = extract_statements(Article(text=text))
    hit = next(s for s in statements if snippet in s.text)
    assert name_key(hit.speaker) == name_key(speaker)


@pytest.mark.parametrize("text,kind", [
    ('"We will win the vote," said John Smith, the party leader.', "direct_quote"),
    ('Judge Rina Osk ruled that the contract was void, calling it "a clear breach of trust".', "indirect_quote"),
])
def test_quote_opening_an_attributed_sentence_is_direct(text: str, kind: str) -> None:
    assert extract_statements(Article(text=text))[0].kind == kind


def test_gold_by_offset_finds_the_statement_at_that_place(tmp_path) -> None:
    """Gold for an article that may not be copied names character offsets, not words."""
    from claims.eval.speakers import evaluate, read_gold

    text = "The port opened in May.\n\n\u201cIt is not a base,\u201d Ana Lind, the defence spokesperson, said."
    at = text.index("not a base")
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"text": text, "quotes": [{"at": at, "speaker": "Ana Lind"},
                                                         {"at": 2, "speaker": "Ana Lind"}]}) + "\n")
    report = evaluate(read_gold(gold))
    assert (report.total, report.correct, report.unattributed) == (2, 1, 1)
