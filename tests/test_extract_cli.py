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
    assert "baseline TF-IDF+LR (3-fold CV)" in out and "default (3-fold CV)" in out
    assert "default - baseline TF-IDF+LR (3-fold CV): mean AP per document" in out
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


def test_eval_checkworthy_shipped_default_and_also(tmp_path, capsys) -> None:
    data = _labelled(tmp_path / "l.jsonl")
    other = tmp_path / "other.jsonl"
    other.write_text("\n".join(json.dumps({"text": t, "label": y}) for t, y in [
        ("Tariffs doubled to 20 percent in 2018.", 1), ("Good evening and welcome, everyone.", 0),
        ("Wages grew 3 percent last year.", 1), ("Let us begin with the first question.", 0)]) + "\n",
        encoding="utf-8")
    # no option: the rules and the shipped default as they are, with their speed
    assert main(["eval", "checkworthy", str(data)]) == 0
    out = capsys.readouterr().out
    assert "rules:" in out and "default (shipped model):" in out and "sentences/s" in out
    assert main(["eval", "checkworthy", str(data), "--cv", "2", "--also", str(other), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert set(figures) == {"rules", "baseline TF-IDF+LR (2-fold CV)", "baseline TF-IDF+LR (2-fold CV, + --also pooled)",
                            "default (2-fold CV, + --also)"}
    assert figures["default (2-fold CV, + --also)"]["n"] == 24.0


def test_eval_checkworthy_bad_input_is_one_line(tmp_path, capsys) -> None:
    data = _labelled(tmp_path / "l.jsonl")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    for argv, message in [
        (["eval", "checkworthy", str(data), "--also", str(data)], "--also needs --cv or --train"),
        (["eval", "checkworthy", str(empty)], "no labelled sentences"),
        (["eval", "checkworthy", str(data), "--cv", "100"], "--cv 100 needs at least 100 sentences"),
        (["eval", "checkworthy", str(data), "--threshold", "2"], "--threshold must be within [0, 1]"),
        (["eval", "checkworthy", str(data), "--cv", "2", "--also", str(tmp_path / "missing.jsonl")], "missing.jsonl"),
    ]:
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_extract_jsonl_claim_text_one_line_per_sentence(tmp_path, capsys) -> None:
    f = tmp_path / "q.txt"
    f.write_text("“The pier is ours. We built it in 1998,” Ivo Marsk said on Friday.\n\n"
                 "Police said that 14 people were arrested.\n", encoding="utf-8")
    assert main(["extract", str(f), "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    text = f.read_text(encoding="utf-8")
    keep = {"text", "start", "end", "kind", "speaker", "speaker_title", "cue", "date", "checkworthy",
            "reasons", "is_claim", "claim_text", "claim_start", "claim_end"}
    assert all(keep <= set(r) for r in rows)
    assert [r["claim_text"] for r in rows] == ["The pier is ours.", "We built it in 1998",
                                               "14 people were arrested."]
    assert [r["speaker"] for r in rows] == ["Ivo Marsk", "Ivo Marsk", "Police"]
    assert rows[0]["kind"] == rows[1]["kind"] == "direct_quote" and rows[1]["cue"] == "said"
    for r in rows:
        assert text[r["claim_start"]:r["claim_end"]] == r["claim_text"]
        assert text[r["start"]:r["end"]] == r["text"]
    # the whole quote is the context of both of its sentences
    assert (rows[0]["context_start"], rows[0]["context_end"]) == (rows[1]["context_start"], rows[1]["context_end"])
    assert text[rows[0]["context_start"]:rows[0]["context_end"]].endswith("on Friday.")
