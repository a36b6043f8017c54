"""The `claims` command line, run as a user runs it: the installed entry point in a subprocess."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import SAMPLE_DATA

CLAIMS = Path(sys.executable).with_name("claims")


def run(db_url: str, *args: str, ok: bool = True, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CLAIMS_DATABASE_URL": db_url}
    p = subprocess.run([str(CLAIMS), *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=120)
    if ok:
        assert p.returncode == 0, p.stderr
    return p


def test_every_command_has_help_with_an_example(db_url: str) -> None:
    top = run(db_url, "--help").stdout
    for cmd in ("init", "ingest", "extract", "list", "review", "export", "search", "eval"):
        assert cmd in top
    for cmd in ("init", "ingest", "list", "review", "export", "evidence", "history", "scale"):
        out = run(db_url, cmd, "--help").stdout
        assert "example" in out and f"claims {cmd}" in out


def test_ingest_review_export_roundtrip(db_url: str, tmp_path: Path) -> None:
    out = run(db_url, "ingest", str(SAMPLE_DATA)).stdout
    assert "11 sources added" in out and "0 errors" in out  # 8 articles and 3 fact-checks
    again = run(db_url, "ingest", str(SAMPLE_DATA)).stdout
    assert "0 sources added, 11 duplicates skipped" in again

    listing = run(db_url, "list", "--status", "unreviewed", "--limit", "3").stdout.splitlines()
    claim_id = listing[1].split()[0]
    bad = run(db_url, "review", claim_id, "--verdict", "Nope", "--reviewer", "ana", ok=False)
    assert bad.returncode == 1 and "allowed: True, Mostly true" in bad.stderr
    run(db_url, "review", claim_id, "--verdict", "False", "--rationale", "Records show 5 dead", "--reviewer", "ana")
    stale = run(db_url, "review", claim_id, "--verdict", "True", "--rationale", "x", "--reviewer", "ben",
                "--version", "1", ok=False)
    assert stale.returncode == 1 and "changed by ana" in stale.stderr
    assert "False" in run(db_url, "history", claim_id).stdout

    report = tmp_path / "report.csv"
    run(db_url, "export", "--format", "csv", "--out", str(report))
    rows = list(csv.DictReader(io.StringIO(report.read_text())))
    assert {r["claim_id"]: r["verdict"] for r in rows}[claim_id] == "False"
    reviews = json.loads(run(db_url, "export", "--format", "claimreview").stdout)
    mine = [r for r in reviews if r.get("reviewBody") == "Records show 5 dead"]
    assert len(mine) == 1 and mine[0]["reviewRating"]["alternateName"] == "False"
    # reviewed: this claim and the three imported fact-checks of sample_data/
    reviewed = list(csv.DictReader(io.StringIO(run(db_url, "export", "--status", "reviewed").stdout)))
    assert len(reviewed) == 4 and claim_id in [r["claim_id"] for r in reviewed]
    assert len(reviews) == 1  # imported fact-checks are not re-published as ours


def test_ingest_reports_bad_files_and_exits_nonzero(db_url: str, tmp_path: Path) -> None:
    (tmp_path / "ok.md").write_text("The council said 40 homes were flooded on Monday.")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\x00binary")
    p = run(db_url, "ingest", str(tmp_path), ok=False)
    assert p.returncode == 1
    assert f"{tmp_path / 'bad.txt'}: binary file" in p.stderr
    assert "1 sources added" in p.stdout and "1 errors" in p.stdout


def test_in_memory_database_is_refused(tmp_path: Path) -> None:
    p = run("sqlite:///:memory:", "init", ok=False)
    assert p.returncode == 2 and "in-memory" in p.stderr


def test_seed_article_report(db_url: str, seed_article: Path) -> None:
    run(db_url, "ingest", str(seed_article))
    rows = list(csv.DictReader(io.StringIO(run(db_url, "export", "--format", "csv").stdout)))
    assert rows and all(r["source_title"] for r in rows)
    assert "0 sources added" in run(db_url, "ingest", str(seed_article)).stdout


def test_if_empty_loads_only_into_an_empty_database(db_url: str, tmp_path: Path) -> None:
    own = tmp_path / "own.md"
    own.write_text("The council said 40 homes were flooded on Monday.")
    run(db_url, "ingest", str(own))
    out = run(db_url, "ingest", str(SAMPLE_DATA), "--if-empty").stdout
    assert "nothing ingested" in out
    rows = list(csv.DictReader(io.StringIO(run(db_url, "export").stdout)))
    assert {r["source_title"] for r in rows} == {"own"}
