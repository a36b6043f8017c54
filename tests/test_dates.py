"""Golden table for date mentions resolved against a published date (a Wednesday)."""
from __future__ import annotations

from datetime import date

import pytest

from claims.text.dates import find_dates, first_date, statement_date

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


STATEMENT_DATES = [
    # (text, published, expected date, expected text)
    ("The pier was extended last year, officials said.", date(2026, 3, 10), None, "last year"),
    ("The ships leave next week.", date(2026, 3, 10), None, "next week"),
    ("In March 2026 the plant closed.", date(2026, 4, 1), None, "March 2026"),
    ("She said on Tuesday that the ships had left.", date(2026, 3, 12), date(2026, 3, 10), "on Tuesday"),
    ("Last year, the minister said on May 2, growth was 3%.", date(2026, 5, 9), date(2026, 5, 2), "May 2"),
    ("The report is due on June 30.", date(2026, 5, 9), None, "June 30"),
]


@pytest.mark.parametrize("text,published,expected,expected_text", STATEMENT_DATES)
def test_statement_date_is_a_day_not_after_publication(text, published, expected, expected_text) -> None:
    from claims.text.dates import statement_date

    assert statement_date(text, published) == (expected, expected_text)


def test_a_weekday_after_a_verb_of_the_future_is_to_come() -> None:
    published = date(2025, 7, 1)  # a Tuesday
    assert [d.date for d in find_dates("The cabinet will meet on Thursday.", published)] == [date(2025, 7, 3)]
    # a plan is no date of the statement; a past "said on Thursday" is
    assert statement_date("She said the cabinet would meet on Thursday as planned.", published) == (None, "on Thursday")
    assert statement_date("The minister said on Thursday that the cabinet would meet.", published)[0] == date(2025, 6, 26)
