"""The report's aggregates on a small desk built row by row, so every expected figure is
written here: two outlets, three speakers, five claims, three verdicts, one contradiction."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from claims import report
from claims.queue import ClaimFilter
from db.engine import Database
from db.models import Claim, ClaimMatch, Rating, Reviewer, Source, Speaker, Statement, VerdictHistory

# (outlet, speaker, published, verdict label or None)
CLAIMS = [
    ("Harbour Herald", "Selina Korr", date(2026, 3, 2), "False"),
    ("Harbour Herald", "Selina Korr", date(2026, 3, 2), "True"),
    ("Harbour Herald", "Tomas Reyk", date(2026, 4, 9), None),
    ("Northline Times", "Selina Korr", date(2026, 4, 10), "False"),
    ("Northline Times", None, None, None),
]


@pytest.fixture
def desk(db: Database) -> Database:
    with db.write() as s:
        ratings = {r.label: r.id for r in s.scalars(select(Rating))}
        # The test accounts (conftest.TEST_ACCOUNTS) every schema database has.
        ana, bea = (s.scalars(select(Reviewer).where(Reviewer.name == n)).one() for n in ("ana", "bea"))
        for i, (outlet, who, published, verdict) in enumerate(CLAIMS):
            src = Source(title=f"article {i}", outlet=outlet, published=published, text=f"Statement {i}.",
                         content_hash=f"report-{i}")
            s.add(src)
            s.flush()
            speaker = Speaker(source_id=src.id, name=who) if who else None
            if speaker:
                s.add(speaker)
                s.flush()
            st = Statement(source_id=src.id, seq=0, text=f"Statement {i}.", start=0, end=12,
                           speaker_id=speaker.id if speaker else None, norm_text=f"statement {i}")
            s.add(st)
            s.flush()
            claim = Claim(statement_id=st.id, status="reviewed" if verdict else "unreviewed",
                          rating_id=ratings[verdict] if verdict else None)
            s.add(claim)
            s.flush()
            if verdict:  # ana set the first two verdicts on 2 March, bea the third on 10 April
                who_set, when = (ana, datetime(2026, 3, 2, 9)) if i < 2 else (bea, datetime(2026, 4, 10, 15))
                s.add(VerdictHistory(claim_id=claim.id, action="verdict", new_verdict=verdict,
                                     reviewer_id=who_set.id, changed_at=when))
        # The last claim is contradicted by the first claim's statement.
        last, first = s.scalars(select(Claim).order_by(Claim.id)).all()[-1], 1
        s.add(ClaimMatch(claim_id=last.id, statement_id=first, score=70.0, stance="contradicts", reasons="[]"))
    return db


def test_verdicts_by_speaker_and_outlet(desk: Database) -> None:
    charts = report.report_charts(desk)
    by_speaker = {(r["speaker"], r["verdict"]): r["claims"] for r in charts["by_speaker"]}
    assert by_speaker == {("Selina Korr", "False"): 2, ("Selina Korr", "True"): 1,
                          ("Tomas Reyk", "(no verdict)"): 1, ("(unknown)", "(no verdict)"): 1}
    by_outlet = {(r["outlet"], r["verdict"]): r["claims"] for r in charts["by_outlet"]}
    assert by_outlet == {("Harbour Herald", "False"): 1, ("Harbour Herald", "True"): 1,
                         ("Harbour Herald", "(no verdict)"): 1, ("Northline Times", "False"): 1,
                         ("Northline Times", "(no verdict)"): 1}


def test_months_contradictions_and_throughput(desk: Database) -> None:
    charts = report.report_charts(desk)
    # Undated claims are left out of the timeline; days fold into months.
    assert sorted((r["month"], r["verdict"], r["claims"]) for r in charts["by_month"]) == [
        ("2026-03", "False", 1), ("2026-03", "True", 1),
        ("2026-04", "(no verdict)", 1), ("2026-04", "False", 1)]
    assert charts["contradictions"] == [{"outlet": "Harbour Herald", "claims": 3, "contradicted": 0},
                                        {"outlet": "Northline Times", "claims": 2, "contradicted": 1}]
    assert sorted((r["reviewer"], r["day"], r["verdicts"]) for r in charts["throughput"]) == [
        ("ana", "2026-03-02", 2), ("bea", "2026-04-10", 1)]


def test_aggregates_follow_the_queue_filters(desk: Database) -> None:
    charts = report.report_charts(desk, ClaimFilter(outlet="Northline Times"))
    assert {(r["speaker"], r["claims"]) for r in charts["by_speaker"]} == {("Selina Korr", 1), ("(unknown)", 1)}
    assert [r["reviewer"] for r in charts["throughput"]] == ["bea"]
    assert report.report_charts(desk, ClaimFilter(speaker="nobody")) == {
        "by_speaker": [], "by_outlet": [], "contradictions": [], "throughput": [], "by_month": []}
