"""`claims extract`, `claims eval checkworthy` and `claims train checkworthy` end to end."""
from __future__ import annotations

import json

from claims.cli import main

ARTICLE = ("Port chief Sana Idris said 1,200 containers arrived on Monday.\n\n"
           "“We have never been this busy,” she said.\n")


def _labelled(path, n=12):
    rows = [{"text": f"Exports rose {i} percent in {2000 + i}.", "label": 1} for i in range(n)]
    rows += [{"text": f"We should all try harder, number {i}.", "label": 0} for i in range(n)]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_extract_jsonl(tmp_path, capsys) -> None:
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    assert main(["extract", str(f), "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["speaker"] for r in rows] == ["Sana Idris", "Sana Idris"]
    assert rows[1]["kind"] == "direct_quote" and rows[0]["speaker_title"] == "Port chief"


def test_extract_table_and_missing_file(tmp_path, capsys) -> None:
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    assert main(["extract", str(f)]) == 0
    assert "Sana Idris (Port chief)" in capsys.readouterr().out
    assert main(["extract", str(tmp_path / "missing.txt")]) == 2


def test_eval_and_train(tmp_path, capsys) -> None:
    data = _labelled(tmp_path / "l.jsonl")
    assert main(["eval", "checkworthy", str(data), "--cv", "3"]) == 0
    out = capsys.readouterr().out
    assert "rules:" in out and "3-fold CV" in out and "F1=" in out
    assert "baseline TF-IDF+LR (3-fold CV)" in out and "model / baseline: F1 x" in out
    assert main(["eval", "checkworthy", str(data), "--train", str(data), "--cv", "3"]) == 2
    db = f"sqlite:///{tmp_path / 'desk.db'}"
    assert main(["--db", db, "train", "checkworthy", str(data)]) == 0
    assert "stored" in capsys.readouterr().out
    from claims.text import checkworthy_model
    from db import queries
    from db.engine import open_database

    with open_database(db).read() as s:
        row = queries.training.latest_checkworthy_model(s)
        assert row is not None and row.n_train == 24
        model = checkworthy_model.load_model(row.blob)
    assert model.predict(["Imports rose 3 percent in 2010."])[0] > 0.5
