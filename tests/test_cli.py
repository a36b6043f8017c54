"""The `claims` command line, run as a user runs it: the installed entry point in a subprocess."""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claims.cli.main import build_parser, main
from tests.conftest import SAMPLE_DATA

CLAIMS = Path(sys.executable).with_name("claims")


def run(url: str, *args: str, ok: bool = True, cwd: Path | None = None, stdin: str | None = None
        ) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CLAIMS_DATABASE_URL": url}
    p = subprocess.run([str(CLAIMS), *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=120, input=stdin)
    if ok:
        assert p.returncode == 0, p.stderr
    return p


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every runnable command of the real parser, nested ones included (eval retrieval, train checkworthy)."""
    found = []
    for action in parser._actions:  # noqa: SLF001 - argparse keeps subparsers here, nowhere public
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for name, sub in action.choices.items():
                nested = _commands(sub, (*path, name))
                found.extend(nested or [(*path, name)])
    return found


def _help(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    with pytest.raises(SystemExit) as done:
        main([*args, "--help"])
    assert done.value.code == 0
    return capsys.readouterr().out


def test_every_command_has_help_with_an_example(empty_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    commands = _commands(build_parser())
    # The walk sees the whole tree, not a list kept by hand.
    assert {("init",), ("ingest",), ("review",), ("eval", "retrieval"), ("train", "checkworthy")} <= set(commands)
    top = run(empty_url, "--help").stdout  # the installed entry point, once
    for cmd in {c[0] for c in commands}:
        assert cmd in top, f"claims --help does not list {cmd}"
    for cmd in commands:  # each command's own help, in process (a subprocess each would take ~20 s)
        out = _help(capsys, *cmd)
        assert "example" in out and f"claims {' '.join(cmd)}" in out, f"claims {' '.join(cmd)} --help has no example"


def test_ingest_review_export_roundtrip(empty_url: str, tmp_path: Path) -> None:
    out = run(empty_url, "ingest", str(SAMPLE_DATA)).stdout
    assert "11 sources added" in out and "0 errors" in out  # 8 articles and 3 fact-checks
    again = run(empty_url, "ingest", str(SAMPLE_DATA)).stdout
    assert "0 sources added, 11 duplicates skipped" in again

    listing = run(empty_url, "list", "--status", "unreviewed", "--limit", "3").stdout.splitlines()
    claim_id = listing[1].split()[0]
    nobody = run(empty_url, "review", claim_id, "--verdict", "False", "--rationale", "x", "--reviewer", "ana", ok=False)
    assert nobody.returncode == 1 and "no account named 'ana'" in nobody.stderr
    run(empty_url, "user", "add", "boss", "--role", "admin", "--password-stdin", stdin="a long password\n")
    for name, role in (("ana", "reviewer"), ("ben", "editor")):
        run(empty_url, "user", "add", name, "--role", role, "--password-stdin", "--reviewer", "boss", stdin="a long password\n")
    bad = run(empty_url, "review", claim_id, "--verdict", "Nope", "--reviewer", "ana", ok=False)
    assert bad.returncode == 1 and "allowed: True, Mostly true" in bad.stderr
    run(empty_url, "review", claim_id, "--verdict", "False", "--rationale", "Records show 5 dead", "--reviewer", "ana")
    stale = run(empty_url, "review", claim_id, "--verdict", "True", "--rationale", "x", "--reviewer", "ben",
                "--version", "1", ok=False)
    assert stale.returncode == 1 and "changed by ana" in stale.stderr
    assert "False" in run(empty_url, "history", claim_id).stdout

    report = tmp_path / "report.csv"
    run(empty_url, "export", "--format", "csv", "--out", str(report))
    rows = list(csv.DictReader(io.StringIO(report.read_text())))
    assert {r["claim_id"]: r["verdict"] for r in rows}[claim_id] == "False"
    run(empty_url, "settings", "--newsroom", "Desk", "--fact-check-url", "https://news.example/{claim_id}",
        "--reviewer", "ben")
    reviews = json.loads(run(empty_url, "export", "--format", "claimreview").stdout)
    mine = [r for r in reviews if r.get("reviewBody") == "Records show 5 dead"]
    assert len(mine) == 1 and mine[0]["reviewRating"]["alternateName"] == "False"
    # reviewed: this claim and the three imported fact-checks of sample_data/
    reviewed = list(csv.DictReader(io.StringIO(run(empty_url, "export", "--status", "reviewed").stdout)))
    assert len(reviewed) == 4 and claim_id in [r["claim_id"] for r in reviewed]
    assert len(reviews) == 1  # imported fact-checks are not re-published as ours


def test_ingest_reports_bad_files_and_exits_nonzero(empty_url: str, tmp_path: Path) -> None:
    (tmp_path / "ok.md").write_text("The council said 40 homes were flooded on Monday.")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\x00binary")
    p = run(empty_url, "ingest", str(tmp_path), ok=False)
    assert p.returncode == 1
    assert f"{tmp_path / 'bad.txt'}: binary file" in p.stderr
    assert "1 sources added" in p.stdout and "1 errors" in p.stdout


def test_in_memory_database_is_refused(tmp_path: Path) -> None:
    p = run("sqlite:///:memory:", "init", ok=False)
    assert p.returncode == 2 and "in-memory" in p.stderr


def test_seed_article_report(empty_url: str, seed_article: Path) -> None:
    run(empty_url, "ingest", str(seed_article))
    rows = list(csv.DictReader(io.StringIO(run(empty_url, "export", "--format", "csv").stdout)))
    assert rows and all(r["source_title"] for r in rows)
    assert "0 sources added" in run(empty_url, "ingest", str(seed_article)).stdout


def test_if_empty_loads_only_into_an_empty_database(empty_url: str, tmp_path: Path) -> None:
    own = tmp_path / "own.md"
    own.write_text("The council said 40 homes were flooded on Monday.")
    run(empty_url, "ingest", str(own))
    out = run(empty_url, "ingest", str(SAMPLE_DATA), "--if-empty").stdout
    assert "nothing ingested" in out
    rows = list(csv.DictReader(io.StringIO(run(empty_url, "export").stdout)))
    assert {r["source_title"] for r in rows} == {"own"}
