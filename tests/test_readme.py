"""The README's `claims` examples, run in order against a fresh desk loaded with sample_data/, as a
reader would type them: every one must succeed, and the ones that name a claim or a statement must
show what the README says they show. A README edit that breaks an example fails here."""
from __future__ import annotations

import csv
import io
import json
import re
import shlex
import shutil
import sys
from pathlib import Path
from typing import Callable

import pytest

from claims.cli.main import main
from db.engine import open_database
from tests.conftest import ROOT, SAMPLE_DATA

README = ROOT / "README.md"
PASSWORD = "a long password for the readme"
# Examples not run here, and why.
SKIPPED = {
    "claims worker": "serves the queue until stopped; `ingest --wait` and `rematch` drain the same queue here",
    "claims eval": "needs the public data sets of ../shared and minutes; tests/test_eval_* run the evaluations",
}


def examples() -> list[str]:
    """Every `claims ...` line of the README's ```sh blocks, in order (a `printf ... |` prefix kept)."""
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S):
        for line in block.splitlines():
            command = line.split("|", 1)[1].strip() if line.startswith("printf") else line.strip()
            if command.startswith("claims ") and not command.startswith(tuple(SKIPPED)):
                lines.append(line.strip())
    return lines


def run_line(line: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    """One example, in this process (a subprocess each would take ~1 s more)."""
    stdin = ""
    if line.startswith("printf"):  # printf '%s\n' "$PW" | claims ...: the password on standard input
        line = line.split("|", 1)[1]
        stdin = PASSWORD + "\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    argv = shlex.split(line, comments=True)
    assert argv[0] == "claims"
    try:
        code = main(argv[1:])
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _claim_26_lease_evidence(url: str) -> None:
    from claims import queue

    db = open_database(url)
    try:
        detail = queue.claim_detail(db, 26)
        assert detail is not None and detail["speaker"] == "Aren Tal" and "no lease had been signed" in detail["text"]
        [ev] = detail["evidence"]
        assert ev["statement_id"] == 28 and "25-year lease for Pier 4" in ev["text"] and ev["stance"] == "contradicts"
    finally:
        db.dispose()


def _files(cwd: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((cwd / "evidence.csv").read_text(encoding="utf-8").removeprefix("\ufeff"))))
    assert (cwd / "evidence.csv").read_text(encoding="utf-8").startswith("\ufeff")
    mine = [r for r in rows if r["claim_id"] == "26"]
    assert [(r["evidence_statement_id"], r["evidence_stance"]) for r in mine] == [("28", "contradicts")]
    report = list(csv.DictReader(io.StringIO((cwd / "report.csv").read_text(encoding="utf-8"))))
    assert next(r for r in report if r["claim_id"] == "26")["evidence"].startswith("contradicts: \u201cLidia Varga")
    reviews = json.loads((cwd / "claimreview.json").read_text(encoding="utf-8"))
    assert [r["url"] for r in reviews] == ["https://news.example/fact-checks/26"]
    assert reviews[0]["author"]["name"] == "Valdoria Fact Desk"


# What an example must print (beyond succeeding), by the start of its README line: the ids the
# README names must be the claims and statements its words describe.
EXPECT: dict[str, Callable[[str], bool]] = {
    "claims list --status unreviewed --speaker Tal": lambda out: (
        len(out.splitlines()) > 2 and all("Aren Tal" in row for row in out.splitlines()[1:])),
    'claims search "not a foreign base"': lambda out: "contradicts" in out and out != "no matches\n",
    'claims search "unemployment fell" --by Korr': lambda out: "Selina Korr" in out,
    'claims search "And now it is lower': lambda out: "Selina Korr" in out,
    "claims matches 26": lambda out: out.startswith("matches of claim 26: no lease had been signed"),
    "claims review 26": lambda out: out == "claim 26: Unverifiable (reviewed), version 2, by ana\n",
    "claims evidence 26 28": lambda out: out == "claim 26: statement 28 linked as contradicts\n",
    "claims history 26": lambda out: "Unverifiable" in out and "evidence" in out,
    "claims extract sample_data/": lambda out: "Selina Korr" in out,
}


def test_readme_examples_hold_on_the_sample_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = examples()
    for prefix in EXPECT:  # an expectation whose example left the README would check nothing
        assert any(line.startswith(prefix) for line in lines), f"no README example starts with {prefix!r}"
    shutil.copytree(SAMPLE_DATA, tmp_path / "sample_data")
    monkeypatch.chdir(tmp_path)
    url = f"sqlite:///{tmp_path / 'claimdesk.db'}"
    monkeypatch.setenv("CLAIMS_DATABASE_URL", url)
    # The admin that the one-time link of "Signing in and roles" creates.
    assert run_line("printf '%s\\n' \"$PW\" | claims user add admin --role admin --password-stdin", capsys,
                    monkeypatch)[0] == 0
    seen = set()
    for line in lines:
        code, out, err = run_line(line, capsys, monkeypatch)
        assert code == 0, f"{line}\n{err}"
        for prefix, check in EXPECT.items():
            if line.startswith(prefix):
                assert check(out), f"{line}\nprinted:\n{out}"
                seen.add(prefix)
    assert seen == set(EXPECT)
    _claim_26_lease_evidence(url)
    _files(tmp_path)
