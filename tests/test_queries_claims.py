"""db/queries/claims.py: the queue's text filter matches characters, never LIKE wildcards; the speaker
filter matches whole words of a name."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims import queue
from claims.queue import ClaimFilter
from db.engine import Database
from db.models import Claim, Source, Speaker, Statement

TEXTS = [
    "Turnout was 50% in the north",
    "Turnout was 50 percent in the north",
    "The file is named pier_4_plan",
    "The file is named pier 4 plan",
    "A back\\slash and 5% more",
    "Plain words only",
]


@pytest.fixture
def desk(db: Database) -> Database:
    with db.write() as s:
        src = Source(title="t", text=" ".join(TEXTS), content_hash="like")
        s.add(src)
        s.flush()
        for i, t in enumerate(TEXTS):
            st_ = Statement(source_id=src.id, seq=i, text=t, start=0, end=len(t), norm_text=t.lower())
            s.add(st_)
            s.flush()
            s.add(Claim(statement_id=st_.id))
    return db


def texts(db: Database, fragment: str) -> set[str]:
    return {r["text"] for r in queue.list_claims(db, ClaimFilter(text=fragment), per_page=100).rows}


@pytest.mark.parametrize("fragment,expected", [
    ("50%", {"Turnout was 50% in the north"}),
    ("%", {"Turnout was 50% in the north", "A back\\slash and 5% more"}),
    ("pier_4", {"The file is named pier_4_plan"}),
    ("_", {"The file is named pier_4_plan"}),
    ("\\", {"A back\\slash and 5% more"}),
    ("TURNOUT", {"Turnout was 50% in the north", "Turnout was 50 percent in the north"}),
])
def test_wildcards_are_characters(desk: Database, fragment: str, expected: set[str]) -> None:
    assert texts(desk, fragment) == expected


@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet="%_\\ 50abelnopr", min_size=1, max_size=6))
def test_text_filter_is_a_plain_substring(desk: Database, fragment: str) -> None:
    assert texts(desk, fragment) == {t for t in TEXTS if fragment.lower() in t.lower()}


SPEAKERS = ["Aren Tal", "senior doctor at Drevna General Hospital", "Talbot Reyk", "Anne-Marie Tal", "J. Osei",
            "50% Group", "Selina Korr"]


@pytest.fixture
def speakers_desk(db: Database) -> Database:
    with db.write() as s:
        src = Source(title="t", text="x", content_hash="speakers")
        s.add(src)
        s.flush()
        for i, name in enumerate(SPEAKERS):
            sp = Speaker(source_id=src.id, name=name)
            s.add(sp)
            s.flush()
            st_ = Statement(source_id=src.id, seq=i, text=f"claim {i}", start=0, end=1, norm_text="x", speaker_id=sp.id)
            s.add(st_)
            s.flush()
            s.add(Claim(statement_id=st_.id))
    return db


def speakers(db: Database, query: str) -> set[str]:
    return {r["speaker"] for r in queue.list_claims(db, ClaimFilter(speaker=query), per_page=100).rows}


@pytest.mark.parametrize("query,expected", [
    ("Tal", {"Aren Tal", "Anne-Marie Tal"}),  # not "Hospital", not "Talbot"
    ("tal", {"Aren Tal", "Anne-Marie Tal"}),
    ("Aren Tal", {"Aren Tal"}),
    ("  aren   TAL ", {"Aren Tal"}),
    ("Marie", {"Anne-Marie Tal"}),
    ("Anne-Marie", {"Anne-Marie Tal"}),
    ("Osei", {"J. Osei"}),
    ("Drevna General", {"senior doctor at Drevna General Hospital"}),
    ("Hospital", {"senior doctor at Drevna General Hospital"}),
    ("Kor", set()),  # a part of a word is no name
    ("50%", {"50% Group"}),
    ("%", set()),  # LIKE wildcards are characters
    ("_", set()),
])
def test_speaker_filter_matches_whole_words(speakers_desk: Database, query: str, expected: set[str]) -> None:
    assert speakers(speakers_desk, query) == expected
