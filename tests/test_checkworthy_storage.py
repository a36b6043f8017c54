"""A check-worthiness model in the database is JSON data: an old pickled one is refused, never run."""
from __future__ import annotations

import pickle
from pathlib import Path

from claims.cli import main
from claims.ingest import ingest_paths
from claims.text import checkworthy_model
from db import queries
from db.engine import Database

ARTICLE = "Harbour fees rose 12 percent in 2023, the port authority said.\n"


class _Boom:
    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):
        return (open, (self.path, "w"))


def test_ingest_with_an_old_pickled_model_stores_nothing_and_runs_nothing(db: Database, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    with db.write() as s:
        queries.training.save_checkworthy_model(s, pickle.dumps({"format": 2, "model": _Boom(str(marker))}), 10, "{}")
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    summary = ingest_paths(db, [f])
    assert [r.status for r in summary.files] == ["error"]
    assert "old pickled model" in summary.files[0].message and "claims train checkworthy" in summary.files[0].message
    assert summary.count("added") == 0
    assert not marker.exists()


def test_a_json_model_in_the_database_scores_ingest(db: Database, tmp_path: Path) -> None:
    texts = [f"Harbour fees rose {n} percent in {2000 + n}." for n in range(12)]
    texts += [f"We should all work together, friend number {n}." for n in range(12)]
    model = checkworthy_model.fit(texts, [1] * 12 + [0] * 12)
    with db.write() as s:
        queries.training.save_checkworthy_model(s, checkworthy_model.dumps(model), 24, "{}")
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    summary = ingest_paths(db, [f])
    assert [r.status for r in summary.files] == ["added"] and summary.count("claims") == 1


def test_cli_ingest_says_why_and_exits_non_zero(tmp_path: Path, capsys) -> None:
    url = f"sqlite:///{tmp_path / 'desk.db'}"
    assert main(["--db", url, "init"]) == 0
    from db.engine import open_database

    with open_database(url).write() as s:
        queries.training.save_checkworthy_model(s, pickle.dumps({"format": 2}), 10, "{}")
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    capsys.readouterr()
    assert main(["--db", url, "ingest", str(f), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "old pickled model" in err and "Traceback" not in err
