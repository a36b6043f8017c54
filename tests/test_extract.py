"""Extraction invariants, bad input, and the seed article targets."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.text.extract import DEFAULT_THRESHOLD, extract_statements
from claims.text.records import Article


def assert_covers(text: str, stmts: list) -> None:
    """Statements cover the text in order, exact offsets, no gaps or overlaps but whitespace."""
    pos = 0
    for s in stmts:
        assert text[s.start:s.end] == s.text
        assert s.start >= pos, "overlap"
        assert text[pos:s.start].strip() == "", f"gap: {text[pos:s.start]!r}"
        assert 0.0 <= s.checkworthy <= 1.0
        pos = s.end
    assert text[pos:].strip() == ""


BAD_INPUTS = [
    ("empty", ""),
    ("whitespace", "  \n\n \t "),
    ("unbalanced open", "“This never closes, he said.\n\nThe next paragraph is narration."),
    ("unbalanced continues", "“First part.\n\n“Second part never closes either"),
    ("stray close", "The minister left.” Then nothing happened."),
    ("straight quotes", 'He said "no" and "this is a longer sentence in straight quotes," she said.'),
    ("no speaker quote", "“Somebody said something important about 40 percent of voters.”"),
    ("nested marks", "“He told me “stop” twice,” Ana Bell said."),
    ("no punctuation", "word " * 5000),
    ("giant paragraph", ("Officials said 12 schools closed. “It is bad,” he said. " * 3000).strip()),
    ("only marks", "“”“”\"\"\"”"),
    ("single quotes", "‘We will win,’ said Jo Park, the coach. The team’s fans’ mood was high."),
]


@pytest.mark.parametrize("name,text", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_never_crashes_or_drops_text(name: str, text: str) -> None:
    stmts = extract_statements(Article(text=text))
    assert_covers(text, stmts)
    assert bool(stmts) == bool(text.strip())


def test_large_article_finishes_and_covers() -> None:
    para = ("Dr. Lin Oba, head of the N.W. Ports Authority, said cargo rose 4.5 percent on Monday. "
            "“We moved 1,200 containers,” she said. Oba added that costs fell.\n\n")
    text = para * 4000  # ~1 MB here; the bench runs 5 MB
    stmts = extract_statements(Article(text=text, published=date(2024, 3, 6)))
    assert_covers(text, stmts)
    assert sum(1 for s in stmts if s.speaker == "Lin Oba") == 3 * 4000


def test_threshold_validated_and_applied() -> None:
    art = Article(text="The plant employs 3,000 people. We should celebrate.")
    with pytest.raises(ValueError):
        extract_statements(art, threshold=1.5)
    strict = extract_statements(art, threshold=1.0)
    assert not any(s.is_claim for s in strict)
    default = extract_statements(art, threshold=DEFAULT_THRESHOLD)
    assert [s.is_claim for s in default] == [True, False]


def test_model_scores_used_when_given() -> None:
    class Fixed:
        def predict(self, texts):
            return [0.9 if "3,000" in t else 0.1 for t in texts]

    stmts = extract_statements(Article(text="The plant employs 3,000 people. It is sunny."), model=Fixed())
    assert [s.checkworthy for s in stmts] == [0.9, 0.1]
    assert stmts[0].reasons[0].startswith("model score")


def test_dates_resolved_against_published() -> None:
    text = ("On Sunday, Mayor Ivo Pell said the dam was safe.\n\n"
            "Pell repeated in a May 5 statement that repairs were done.")
    stmts = extract_statements(Article(text=text, published=date(2024, 5, 8)))  # a Wednesday
    assert stmts[0].date == date(2024, 5, 5) and stmts[0].date_text == "Sunday"
    assert stmts[1].date == date(2024, 5, 5)


def _seed(path: Path) -> tuple[str, list]:
    text = path.read_text(encoding="utf-8")
    return text, extract_statements(Article(text=text, published=date(2024, 5, 9)))


def _one(stmts: list, needle: str):
    found = [s for s in stmts if needle in s.text]
    assert len(found) == 1, needle
    return found[0]


SEED_QUOTES = [
    ("should find opportunities to meet", "Kin Phea"),
    ("Second, high-level exchanges", "Kin Phea"),
    ("Neither side should take", "Kin Phea"),
    ("I’m proud of our friendship", "W. Patrick Murphy"),
    ("strong reliance on China", "Ro Vannak"),
    ("pursuing soft diplomacy", "Ro Vannak"),
    ("should reconsider the possibility", "Ro Vannak"),
    ("entry of the Chinese ships", "Chhum Socheat"),
]


def test_seed_article_quotes_speakers_and_scores(seed_article: Path) -> None:
    text, stmts = _seed(seed_article)
    assert_covers(text, stmts)
    for needle, speaker in SEED_QUOTES:
        s = _one(stmts, needle)
        assert (s.kind, s.speaker) == ("direct_quote", speaker), needle
    # a multi-sentence quote: one statement per sentence, the whole quote as context
    multi = _one(stmts, "Neither side should take")
    rest = _one(stmts, "We must respect")
    assert rest is not multi and rest.speaker == multi.speaker == "Kin Phea"
    assert (rest.context_start, rest.context_end) == (multi.context_start, multi.context_end)
    assert text[multi.context_start:multi.context_end].rstrip().endswith("Phea said.")
    assert multi.start == multi.context_start and rest.end < multi.context_end
    base = _one(stmts, "This is not a Chinese military base in Cambodia")
    assert base.is_claim and base.checkworthy >= 0.7 and base.date == date(2024, 5, 7)
    assert base.claim_text == "This is not a Chinese military base in Cambodia"
    assert text[base.claim_start:base.claim_end] == base.claim_text
    assert (base.kind, base.cue) == ("direct_quote", "said")
    assert (base.speaker, base.speaker_title) == ("Chhum Socheat", "Ministry of National Defence spokesperson")
    for stmt in stmts:
        assert text[stmt.claim_start:stmt.claim_end] == stmt.claim_text
        assert stmt.context_start <= stmt.start < stmt.end <= stmt.context_end
    assert not _one(stmts, "should find opportunities to meet").is_claim
    assert _one(stmts, "Chhum Socheat explained").speaker_title == "Ministry of National Defence spokesperson"
    assert _one(stmts, "Murphy took to social media").speaker_title == "outgoing US ambassador to Cambodia"
    assert _one(stmts, "Vannak added").speaker == "Ro Vannak"
    assert _one(stmts, "He noted that in Cambodia").speaker == "In Dara"
    assert _one(stmts, "Golden Dragon").kind == "narration"
    assert not any(re.fullmatch(r"[“”\"]?\w+[“”\"]?", s.text) for s in stmts)


ARTICLE_PIECES = st.sampled_from([
    "The port handled 1,200 ships.", " ", "\n\n", "“We will not sell,” Ana Bell said.", "he said", ",", ".",
    "“", "”", '"', "Dr. Lin Oba, the harbour master, said", "that prices rose 4.5 percent", "According to police,",
    "on Monday", "WALLACE:", "—", "It is false.", "\n",
])


@given(st.lists(ARTICLE_PIECES, max_size=30).map("".join))
def test_statements_cover_any_article_without_gaps(text: str) -> None:
    assert_covers(text, extract_statements(Article(text=text)))


def test_attributed_denial_is_a_claim_though_the_model_alone_says_no() -> None:
    # debates taught the model that "There is no ..." is rhetoric; the rules' score stands for a denial
    text = ('The navy ship left the harbour on Sunday.\n\n"There is no foreign base at Dunmore, and there '
            'will not be one," Defence spokeswoman Ilsa Varn told reporters on Monday.')
    stmts = extract_statements(Article(text=text))
    denial = _one(stmts, "no foreign base at Dunmore")
    assert denial.speaker == "Ilsa Varn" and denial.is_claim
    assert not _one(stmts, "navy ship left").is_claim


def test_dateline_lead_keeps_both_clauses_around_its_frame() -> None:
    text = ("ORSK, May 4 (Valdor Wire) - A fire at the Orsk paper mill injured 6 workers on Monday, regional "
            "safety officials said, and smoke from the mill drifted into the Kell school before it was evacuated.\n\n"
            "The mill's owner, Tomas Vell, denied that any smoke had reached the school.")
    lead, denial = extract_statements(Article(text=text, published=date(2026, 5, 5)))
    assert lead.text.startswith("ORSK, May 4") and lead.speaker == "officials"
    assert lead.claim_text.startswith("A fire at the Orsk paper mill injured 6 workers")
    assert lead.claim_text.endswith("smoke from the mill drifted into the Kell school before it was evacuated.")
    assert "regional safety officials said" in lead.claim_text
    assert denial.claim_text == "denied that any smoke had reached the school."
    for s in (lead, denial):
        assert text[s.claim_start:s.claim_end] == s.claim_text
