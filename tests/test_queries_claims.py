"""db/queries/claims.py: the queue's text filter matches characters, never LIKE wildcards."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims import queue
from claims.queue import ClaimFilter
from db.engine import Database
from db.models import Claim, Source, Statement

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
