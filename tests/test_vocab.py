"""The one vocabulary: every layer takes its statuses, stances and sort orders from claims/text/vocab.py."""
from __future__ import annotations

import argparse

import pytest

from claims.cli.main import build_parser
from claims.text import vocab
from claims.text.vocab import speaker_label
from db import models
from db.queries import claims as claim_queries


def test_db_allows_exactly_the_vocabulary() -> None:
    assert models.CLAIM_STATUSES is vocab.CLAIM_STATUSES
    assert models.STANCES is vocab.STANCES
    # Every sort order the UI and CLI offer has an ORDER BY, and no other exists.
    assert set(claim_queries.SORTS) == set(vocab.SORTS)
    assert set(vocab.STANCE_ORDER) == set(vocab.STANCES)


def _choices(*command: str) -> dict[str, tuple[str, ...]]:
    parser = build_parser()
    for name in command:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))  # noqa: SLF001
        parser = sub.choices[name]
    return {a.dest: tuple(a.choices) for a in parser._actions if a.choices and not isinstance(a.choices, dict)}  # noqa: SLF001


def test_cli_choices_come_from_the_vocabulary() -> None:
    # The queue's statuses, then "dismissed" (not a claim), which is listed only when asked for.
    assert _choices("list")["status"] == vocab.ALL_CLAIM_STATUSES == (*vocab.CLAIM_STATUSES, "dismissed")
    assert _choices("list")["sort"] == vocab.SORTS
    assert _choices("evidence")["stance"] == vocab.STANCES
    assert _choices("search")["stance"] == vocab.STANCES


@pytest.mark.parametrize("name,title,unknown,expected", [
    ("Selina Korr", "Finance Minister", "", "Selina Korr (Finance Minister)"),
    ("Selina Korr", None, "", "Selina Korr"),
    (None, "spokesperson", "Speaker unknown", "Speaker unknown"),
    ("", None, "-", "-"),
])
def test_speaker_label(name: str | None, title: str | None, unknown: str, expected: str) -> None:
    assert speaker_label(name, title, unknown=unknown) == expected


def test_month_and_weekday_tables_agree() -> None:
    assert [vocab.MONTHS[m.lower()] for m in vocab.MONTH_NAMES] == list(range(1, 13))
    assert vocab.WEEKDAYS["monday"] == 0 and vocab.WEEKDAYS["sunday"] == 6
    assert "may" in vocab.CALENDAR_WORDS and "friday" in vocab.CALENDAR_WORDS
