"""One verdict for a claim and its repeats (reprints, wire copies): per claim a compare-and-set and
a history row; stale repeats skipped and named; roles checked per claim. Workflow and CLI."""
from __future__ import annotations

from pathlib import Path

import pytest

from claims import review
from claims.ingest import ingest_paths
from claims.queue import ClaimFilter, list_claims
from db.engine import Database
from tests.test_cli import run

QUOTE = '"The new Drevna bridge cost 40 million euros, twice the first estimate," said Finance Minister Selina Korr'
OUTLETS = ("Harbour Herald", "Northline Times", "Seravel Post")


def write_repeats(folder: Path) -> Path:
    """Three outlets printing the same quote, and one contradicting it (not a repeat)."""
    folder.mkdir(parents=True, exist_ok=True)
    for n, outlet in enumerate(OUTLETS, start=1):
        (folder / f"bridge{n}.md").write_text(
            f"---\ntitle: Bridge costs\noutlet: {outlet}\npublished: 2026-06-0{n}\n---\n"
            f"The council met on Tuesday in the town hall of {outlet}.\n\n{QUOTE} at the session.\n\n"
            "Residents asked about the timetable for repairs.\n", encoding="utf-8")
    (folder / "voss.md").write_text(
        "---\ntitle: Bridge figures questioned\noutlet: Valdoria Daily Ledger\npublished: 2026-06-09\n---\n"
        "The opposition disputed the figures on Wednesday.\n\n"
        '"The new Drevna bridge cost 25 million euros, not 40 million," said opposition leader Marek Voss.\n',
        encoding="utf-8")
    return folder


def load_repeats(db: Database, folder: Path) -> tuple[list[int], int]:
    """(the three repeated claims, the contradicting claim)."""
    summary = ingest_paths(db, [write_repeats(folder)])
    assert summary.count("errors") == 0
    quoted = sorted(r["claim_id"] for r in list_claims(db, ClaimFilter(text="bridge cost 40 million")).rows)
    voss = list_claims(db, ClaimFilter(text="25 million euros")).rows
    assert len(quoted) == 3 and len(voss) == 1
    return quoted, voss[0]["claim_id"]


def test_repeats_are_the_near_identical_claims_only(db: Database, tmp_path: Path) -> None:
    (a, b, c), voss = load_repeats(db, tmp_path / "articles")
    assert [r.claim_id for r in review.repeats(db, a)] == [b, c]
    assert [r.claim_id for r in review.repeats(db, c)] == [a, b]
    assert review.repeats(db, voss) == []  # contradicting the quote is no repeat of it


def test_bulk_verdict_saves_each_claim_with_its_own_history_row(db: Database, tmp_path: Path) -> None:
    (a, b, c), voss = load_repeats(db, tmp_path / "articles")
    res = review.bulk_verdict(db, b, verdict="False", rationale="Budget office: 22 million", reviewer="rita")
    assert [s.claim_id for s in res.saved] == [b, a, c]  # the claim itself first
    assert res.stale == [] and res.refused == {}
    for cid in (a, b, c):
        state = review.claim_state(db, cid)
        assert (state.verdict, state.status, state.reviewer, state.version) == ("False", "reviewed", "rita", 2)
        rows = [h for h in review.history(db, cid) if h["action"] == "verdict"]
        assert len(rows) == 1 and rows[0]["new_verdict"] == "False"
        assert rows[0]["note"] == (None if cid == b else f"same verdict as its repeat, claim {b}")
    assert review.claim_state(db, voss).verdict is None
    assert "3 saved" == res.line()


def test_a_repeat_changed_meanwhile_is_skipped_as_stale(db: Database, tmp_path: Path) -> None:
    (a, b, c), _ = load_repeats(db, tmp_path / "articles")
    shown = {s.claim_id: s.version for s in [review.claim_state(db, a), *review.repeats(db, a)]}
    # Someone else reviews c after the reviewer saw the group.
    review.set_verdict(db, c, verdict="True", rationale="Their reading", reviewer="ben")
    res = review.bulk_verdict(db, a, verdict="False", rationale="Mine", reviewer="ana", versions=shown)
    assert [s.claim_id for s in res.saved] == [a, b]
    assert [e.claim_id for e in res.stale] == [c] and res.stale[0].current.verdict == "True"
    assert review.claim_state(db, c).verdict == "True"  # never overwritten
    assert [h["action"] for h in review.history(db, c)] == ["verdict"]
    assert res.line() == f"2 saved, 1 skipped as changed meanwhile (claims {c})"


def test_roles_are_checked_per_claim(db: Database, tmp_path: Path) -> None:
    (a, b, c), voss = load_repeats(db, tmp_path / "articles")
    with pytest.raises(review.ReviewError, match="unknown verdict"):
        review.bulk_verdict(db, a, verdict="Nope", rationale="x", reviewer="rita")
    with pytest.raises(review.ReviewError, match="rationale is required"):
        review.bulk_verdict(db, a, verdict="False", rationale=" ", reviewer="rita")
    res = review.bulk_verdict(db, a, verdict="False", rationale="x", reviewer="vic")
    assert res.saved == [] and set(res.refused) == {a, b, c} and "vic is a viewer" in res.refused[a]
    # A reviewer may give a first final verdict, not change one: c already has an editor's.
    review.set_verdict(db, c, verdict="True", rationale="editor's", reviewer="ben")
    res = review.bulk_verdict(db, a, verdict="False", rationale="x", reviewer="rita")
    assert [s.claim_id for s in res.saved] == [a, b] and list(res.refused) == [c]
    assert review.claim_state(db, c).verdict == "True"
    # A claim that is no repeat is refused even when the caller lists it.
    res = review.bulk_verdict(db, a, verdict="Half true", rationale="y", reviewer="ana",
                              versions={a: review.claim_state(db, a).version, voss: 1})
    assert [s.claim_id for s in res.saved] == [a] and res.refused == {voss: f"not a repeat of claim {a}"}
    assert review.claim_state(db, voss).verdict is None


def test_cli_review_also_repeats(schema_url: str, db: Database, tmp_path: Path) -> None:
    (a, b, c), _ = load_repeats(db, tmp_path / "articles")
    listed = run(schema_url, "repeats", str(a)).stdout.split()
    assert str(b) in listed and str(c) in listed
    viewer = run(schema_url, "review", str(a), "--verdict", "False", "--rationale", "x", "--reviewer", "vic",
                 "--also-repeats", ok=False)
    assert viewer.returncode == 1 and "3 refused" in viewer.stderr and "Traceback" not in viewer.stderr
    out = run(schema_url, "review", str(a), "--verdict", "False", "--rationale", "Budget office: 22 million",
              "--reviewer", "rita", "--also-repeats").stdout
    assert f"claim {a} and its repeats: 3 saved" in out
    assert all(review.claim_state(db, cid).verdict == "False" for cid in (a, b, c))
    assert [h["note"] for h in review.history(db, c)] == [f"same verdict as its repeat, claim {a}"]
    # Again with a stale --version: the claim itself is skipped and named, exit 1.
    stale = run(schema_url, "review", str(a), "--verdict", "True", "--rationale", "z", "--reviewer", "ana",
                "--version", "1", "--also-repeats", ok=False)
    assert stale.returncode == 1 and f"skipped as changed meanwhile (claims {a})" in stale.stderr
