"""Ingest workflow: articles become sources, statements and claims; bad files lose nothing."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from claims.ingest import content_hash, ingest_paths
from db.engine import Database
from db.models import Claim, Source, Speaker, Statement
from tests.conftest import SAMPLE_DATA


def counts(db: Database) -> tuple[int, int, int]:
    with db.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) for m in (Source, Statement, Claim))  # type: ignore[return-value]


def test_sample_data_loads_with_metadata_and_exact_offsets(loaded_db: Database) -> None:
    n_sources, n_statements, n_claims = counts(loaded_db)
    assert n_sources == 11  # 8 articles (md, html, csv) and 3 fact-checks (ClaimReview JSON)
    assert n_statements > 100 and n_claims > 10
    with loaded_db.read() as s:
        for src in s.scalars(select(Source)):
            assert src.title and src.outlet and src.published and src.url, src.filename
            for st in src.statements:
                assert src.text[st.start:st.end] == st.text
                assert st.norm_text


def test_reingest_adds_nothing(loaded_db: Database) -> None:
    before = counts(loaded_db)
    summary = ingest_paths(loaded_db, [SAMPLE_DATA])
    assert summary.count("added") == 0
    assert summary.count("duplicate") == 11
    assert counts(loaded_db) == before
    assert "0 sources added" in summary.line() and "duplicates skipped" in summary.line()


def test_whitespace_variants_are_duplicates() -> None:
    assert content_hash("A  b\n\nc") == content_hash("A b c ")
    assert content_hash("A b c") != content_hash("A b d")


def test_bad_files_are_reported_and_good_ones_still_ingested(db: Database, tmp_path: Path) -> None:
    good = tmp_path / "good.md"
    good.write_text("---\ntitle: Good\n---\nThe mayor said 1,200 people were evacuated on Tuesday.\n")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "latin.txt").write_bytes("Caf\u00e9 owners said prices rose.".encode("cp1252"))
    (tmp_path / "bad.csv").write_text('title,text\nA,"fine"\nB,"broken,\n')
    summary = ingest_paths(db, [tmp_path, tmp_path / "missing.md"])
    by_name = {Path(f.path).name: f for f in summary.files}
    assert by_name["good.md"].status == "added"
    for name in ("empty.txt", "latin.txt", "bad.csv", "missing.md"):
        assert by_name[name].status == "error", name
        assert by_name[name].message
    assert summary.count("errors") == 4
    assert counts(db)[0] == 1  # nothing of the bad CSV's good row either: one file, one transaction


def test_a_failing_file_changes_nothing_stored_before(loaded_db: Database, tmp_path: Path) -> None:
    before = counts(loaded_db)
    bad = tmp_path / "rows.jsonl"
    bad.write_text('{"title": "new", "text": "A brand new article about 7 ships."}\n{"title": oops}\n')
    summary = ingest_paths(loaded_db, [bad])
    assert summary.files[0].status == "error" and "line 2" in summary.files[0].message
    assert counts(loaded_db) == before


def test_speakers_stored_once_per_source(loaded_db: Database) -> None:
    with loaded_db.read() as s:
        rows = s.execute(select(Speaker.source_id, Speaker.name, func.count()).group_by(Speaker.source_id, Speaker.name)).all()
    assert rows and all(n == 1 for _, _, n in rows)


def test_duplicate_rows_inside_one_file(db: Database, tmp_path: Path) -> None:
    p = tmp_path / "twice.jsonl"
    p.write_text('{"title": "a", "text": "Same text here."}\n{"title": "b", "text": "Same  text here."}\n')
    summary = ingest_paths(db, [p])
    assert summary.count("added") == 1 and summary.count("duplicate") == 1


def test_imported_factchecks_are_reviewed_claims_with_mapped_verdicts(loaded_db: Database) -> None:
    from claims.queue import ClaimFilter, list_claims

    with loaded_db.read() as s:
        fc_ids = [i for i, in s.execute(select(Source.id).where(Source.kind == "factcheck")).all()]
    assert len(fc_ids) == 3
    rows = [r for sid in fc_ids for r in list_claims(loaded_db, ClaimFilter(source_id=sid)).rows]
    by_text = {r["text"][:30]: (r["verdict"], r["status"], r["speaker"]) for r in rows}
    assert by_text["Unemployment has fallen to 5.2"] == ("Mostly false", "reviewed", "Selina Korr")
    assert by_text["The Pier 4 extension at Port K"] == ("Unverifiable", "reviewed", "Ministry of Defence")
    assert by_text["Corvel Chemicals has never bee"] == ("False", "reviewed", "Daniel Oster")
    assert all("Valdoria Fact Desk rated this" in r["rationale"] for r in rows)
