"""Every error is one line: each bad input of the issue, run as a user runs it,
ends with one line on stderr that says what is wrong: no traceback, no SQL."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import threading
from pathlib import Path

import pytest

from db.engine import Database
from tests.test_cli import CLAIMS

BIG = "99999999999999999999"

# (name, arguments, what the one line must say). {db} is a desk with the sample
# data, {dir} a folder of the test's own, {text} a text file there.
CASES = [
    ("huge claim id", ["review", BIG, "--verdict", "False", "--reviewer", "ana"], f"no claim with id {BIG}"),
    ("huge statement id", ["evidence", "1", BIG, "--stance", "supports", "--reviewer", "ana"],
     f"no statement with id {BIG}"),
    ("huge promote id", ["promote", BIG, "--reviewer", "ana"], f"no statement with id {BIG}"),
    ("huge history id", ["history", BIG], f"no claim with id {BIG}"),
    ("huge assign id", ["assign", BIG, "--to", "ana", "--reviewer", "editor"], f"no claim with id {BIG}"),
    ("negative claim id", ["review", "-5", "--verdict", "False", "--reviewer", "ana"], "no claim with id -5"),
    ("limit 0", ["list", "--limit", "0"], "--limit is 1..1000"),
    ("limit -1", ["list", "--limit", "-1"], "--limit is 1..1000"),
    ("page 0", ["list", "--page", "0"], "--page starts at 1"),
    ("huge page", ["list", "--page", BIG], "--page"),
    ("export to a folder", ["export", "--out", "{dir}/"], "is a folder"),
    ("export into a missing folder", ["export", "--out", "{dir}/no/such/file.csv"], "folder does not exist"),
    ("rename a non-number", ["scale", "--rename", "abc", "X"], "ID must be a number"),
    ("db not a URL", ["--db", "not a url", "list"], "not a database URL"),
    ("db refused port", ["--db", "postgresql+psycopg://postgres@127.0.0.1:1/desk", "list"],
     "cannot connect to the database"),
    ("db mysql", ["--db", "mysql://user@localhost/desk", "list"], "mysql databases are not supported"),
    ("db unknown driver", ["--db", "postgresql+nosuchdriver://u@h/d", "list"], "not supported"),
    ("db not a database", ["--db", "sqlite:///{text}", "list"], "is not a SQLite database"),
    ("db unwritable folder", ["--db", "sqlite:////proc/claimdesk.db", "list"], "cannot open or create"),
    ("db newer migration", ["--db", "sqlite:///{dir}/newer.db", "list"], "newer Claimdesk"),
]


def one_line(p: subprocess.CompletedProcess[str]) -> str:
    lines = p.stderr.strip().splitlines()
    assert p.returncode != 0, p.stdout
    assert len(lines) == 1, p.stderr
    assert "Traceback" not in p.stderr and "[SQL" not in p.stderr and "sqlalchemy" not in p.stderr.lower()
    return lines[0]


def run(args: list[str], db: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CLAIMS), *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "CLAIMS_DATABASE_URL": db, **env})


@pytest.mark.parametrize("name,args,expected", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_one_line(name: str, args: list[str], expected: str, sample_url: str, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("just some text, not a database\n" * 50)
    newer = tmp_path / "newer.db"
    with sqlite3.connect(newer) as c:  # a desk written by a later version of Claimdesk
        c.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        c.execute("INSERT INTO alembic_version VALUES ('9999_from_the_future')")
    args = [a.format(db=sample_url, dir=tmp_path, text=tmp_path / "notes.txt") for a in args]
    line = one_line(run(args, sample_url))
    assert line.startswith("claims"), line
    assert expected in line, line


def test_a_locked_database_is_one_line_saying_busy(sqlite_url: str) -> None:
    subprocess.run([str(CLAIMS), "--db", sqlite_url, "init"], check=True, capture_output=True)
    holder = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another writer holding the desk
    try:
        p = run(["scale", "--add", "Misleading"], sqlite_url, CLAIMS_BUSY_TIMEOUT="1")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "the desk is busy" in one_line(p)


def test_an_unexpected_error_is_one_line_too(sample_url: str, tmp_path: Path) -> None:
    """The last line of defence: whatever escapes a command is still one line, never SQL."""
    script = tmp_path / "boom.py"
    script.write_text(
        "import sys\n"
        "from claims import review\n"
        "from claims.cli.main import main\n"
        "def boom(*a, **k):\n"
        "    from sqlalchemy.exc import IntegrityError\n"
        "    raise IntegrityError('INSERT INTO secret_table VALUES (1)', {'p': 1}, Exception('constraint x'))\n"
        "review.history = boom\n"
        "sys.exit(main(['history', '1']))\n")
    p = subprocess.run([str(Path(CLAIMS).with_name("python")), str(script)], capture_output=True, text=True,
                       env={**os.environ, "CLAIMS_DATABASE_URL": sample_url}, timeout=60)
    line = one_line(p)
    assert "secret_table" not in line and "INSERT" not in line
    assert "IntegrityError" in line


def test_concurrent_cli_saves_never_print_a_traceback(sample_url: str) -> None:
    ids = subprocess.run([str(CLAIMS), "list", "--status", "unreviewed", "--limit", "2"], capture_output=True,
                         text=True, env={**os.environ, "CLAIMS_DATABASE_URL": sample_url}).stdout.splitlines()[1:]
    outputs: list[subprocess.CompletedProcess[str]] = []

    def save(i: int) -> None:
        outputs.append(run(["review", ids[0].split()[0], "--verdict", "Unverifiable", "--rationale", f"r{i}",
                            "--reviewer", f"r{i}"], sample_url))

    threads = [threading.Thread(target=save, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [p.returncode for p in outputs] == [0, 0, 0, 0], [p.stderr for p in outputs]


# Every command that takes a claim or statement id, given one that does not exist (9999 is past the
# sample data's claims and statements; a real claim 5 beside it must not be changed either).
MISSING_IDS = [
    (["history", "9999"], "no claim with id 9999"),
    (["matches", "9999"], "no claim with id 9999"),
    (["rematch", "5", "9999"], "no claim with id 9999"),
    (["rematch", "9999", "9998", "--no-wait"], "no claim with ids 9999, 9998"),
    (["review", "9999", "--verdict", "False", "--rationale", "x", "--reviewer", "ana"], "no claim with id 9999"),
    (["evidence", "9999", "5", "--stance", "supports", "--reviewer", "ana"], "no claim with id 9999"),
    (["evidence", "5", "9999", "--stance", "supports", "--reviewer", "ana"], "no statement with id 9999"),
    (["reuse", "9999", "--from", "5", "--reviewer", "ana"], "no claim with id 9999"),
    (["reuse", "5", "--from", "9999", "--reviewer", "ana"], "no claim with id 9999"),
    (["assign", "5", "9999", "--to", "rita", "--reviewer", "ana"], "no claim with id 9999"),
    (["promote", "9999", "--reviewer", "ana"], "no statement with id 9999"),
    (["dismiss", "9999", "--reviewer", "ana"], "no claim with id 9999"),
]


def _desk_state(db: Database) -> tuple:
    """Everything these commands could write: claims (versions, statuses, assignments), history,
    evidence, the match cache and the match queue."""
    from sqlalchemy import text

    from claims import worker

    with db.read() as s:
        rows = tuple(tuple(s.execute(text(q)).all()) for q in (
            "SELECT id, version, status, assigned_to_id, rating_id, matched_at FROM claims ORDER BY id",
            "SELECT count(*) FROM verdict_history", "SELECT count(*) FROM evidence",
            "SELECT count(*) FROM claim_matches"))
    return rows, worker.pending(db)


@pytest.mark.parametrize("args,expected", MISSING_IDS, ids=[" ".join(a[:2]) for a, _ in MISSING_IDS])
def test_an_id_that_does_not_exist_is_one_line_and_writes_nothing(
    args: list[str], expected: str, loaded_db: Database, sample_url: str,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    from claims.cli.main import main

    monkeypatch.setenv("CLAIMS_DATABASE_URL", sample_url)
    before = _desk_state(loaded_db)
    try:
        code = main(args)
    except SystemExit as exc:  # call()/fail() end a command this way
        code = exc.code
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err == f"claims: {expected}\n"
    assert _desk_state(loaded_db) == before
