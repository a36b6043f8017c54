"""Golden table for date mentions resolved against a published date (a Wednesday)."""
from __future__ import annotations

from datetime import date

import pytest

from claims.dates import find_dates, first_date

PUB = date(2024, 5, 8)
CASES = [
    ("on May 7", date(2024, 5, 7)),
    ("in a May 5 statement", date(2024, 5, 5)),
    ("on 7 May 2023", date(2023, 5, 7)),
    ("on December 28", date(2023, 12, 28)),
    ("on Sunday", date(2024, 5, 5)),
    ("last Wednesday", date(2024, 5, 1)),
    ("on Wednesday", date(2024, 5, 8)),
    ("yesterday", date(2024, 5, 7)),
    ("last week", date(2024, 5, 1)),
    ("this month", date(2024, 5, 1)),
    ("three days ago", date(2024, 5, 5)),
    ("on 2021-02-03", date(2021, 2, 3)),
]


@pytest.mark.parametrize("phrase,expected", CASES)
def test_resolved(phrase: str, expected: date) -> None:
    d = first_date(f"The ministry said {phrase} that it agreed.", PUB)
    assert d is not None and d.date == expected


def test_without_published_date_relative_stays_unresolved() -> None:
    d = first_date("She spoke on May 7.", None)
    assert d is not None and d.text == "May 7" and d.date is None
    assert first_date("It happened on May 7, 2022.", None).date == date(2022, 5, 7)


def test_no_date_and_may_as_verb() -> None:
    assert find_dates("Prices may rise, he said.", PUB) == []
