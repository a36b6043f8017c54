"""`claims eval stance`: the FNC-1 measures by hand, and the whole run on a tiny FNC-format
folder of our own fictional bodies."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from claims.cli.main import main
from claims.eval import stance as ev

BODIES = {
    "1": "The Varn dam collapsed on Sunday night.\n\nEngineers had warned for weeks that water was rising.",
    "2": "Officials denied that the Varn dam collapsed.\n\nThe water authority said the structure was intact.",
    "3": "A new bakery opened in Telmar on Friday.\n\nIts owner plans to sell rye bread.",
    "4": "The Varn dam reportedly collapsed, according to unverified posts.\n\nOfficials have not commented yet.",
}
CLAIM = "The Varn dam collapsed"
DEV = [("d1", "1", "agree"), ("d2", "2", "disagree"), ("d3", "3", "unrelated"), ("d4", "4", "discuss")]
TRAIN = [("t1", "1", "agree"), ("t2", "2", "disagree"), ("t3", "3", "unrelated"), ("t4", "4", "discuss"),
         ("t5", "3", "unrelated"), ("t6", "1", "agree")]


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "pairs").mkdir()
    (tmp_path / "bodies.jsonl").write_text(
        "".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in BODIES.items()), encoding="utf-8")
    for name, rows in (("dev", DEV), ("train", TRAIN)):
        (tmp_path / "pairs" / f"{name}.jsonl").write_text("".join(
            json.dumps({"id": i, "claim": CLAIM, "body_id": b, "stance": s}) + "\n" for i, b, s in rows),
            encoding="utf-8")
    return tmp_path


def test_fnc_score_follows_the_official_scorer() -> None:
    gold = ["agree", "unrelated", "discuss", "disagree"]
    pred = ["agree", "unrelated", "agree", "unrelated"]
    # 1 (related, right label) + 0.25 (unrelated right) + 0.25 (related, wrong label) + 0, of 3.25
    assert ev.fnc_score(gold, pred) == pytest.approx(100 * 1.5 / 3.25)
    assert ev.fnc_score(["unrelated"] * 3, ["unrelated"] * 3) == 100.0


def test_scores_per_class_f1_and_confusion() -> None:
    s = ev.scores(["agree", "agree", "discuss", "unrelated"], ["agree", "discuss", "discuss", "unrelated"])
    assert s.f1 == {"agree": pytest.approx(2 / 3), "disagree": 0.0, "discuss": pytest.approx(2 / 3), "unrelated": 1.0}
    assert s.macro_f1 == pytest.approx((2 / 3 + 2 / 3 + 1) / 4)
    assert s.confusion == [[1, 0, 1, 0], [0, 0, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]


def test_rules_label_each_body_from_its_statements() -> None:
    statements = {k: v.split("\n\n") for k, v in BODIES.items()}
    pairs = [{"claim": CLAIM, "body_id": b, "stance": s} for _i, b, s in DEV]
    assert ev.predict(pairs, statements) == ["agree", "disagree", "unrelated", "discuss"]


def test_eval_stance_command_prints_figures_beside_the_baseline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "stance", str(_folder(tmp_path)), "--split", "dev"]) == 0
    out = capsys.readouterr().out
    assert "split dev: 4 pairs, 4 bodies" in out
    for row in ("rules (default)", "baseline (TF-IDF + LR)", "FNC score", "macro-F1", "confusion matrix"):
        assert row in out
    rules = next(line for line in out.splitlines() if line.startswith("rules (default)"))
    assert "100.00%" in rules  # the four bodies above, each labelled right


@pytest.mark.parametrize("setup,message", [
    (lambda p: None, "is not a folder"),
    (lambda p: p.mkdir(), "bodies.jsonl is missing"),
    (lambda p: (p.mkdir(), (p / "bodies.jsonl").write_text("{oops\n")), "not JSON"),
])
def test_bad_folder_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], setup, message: str) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "fnc"
    setup(folder)
    assert main(["eval", "stance", str(folder)]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1
