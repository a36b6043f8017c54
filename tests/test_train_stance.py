"""bench/train_stance.py keeps statements and features in a cache folder: a second run reads them
back unchanged instead of ingesting again, and a change of the data makes a new entry."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

pytest.importorskip("sklearn")

BENCH = Path(__file__).resolve().parents[1] / "bench" / "train_stance.py"
BODIES = {"1": "The Orlin ferry sank near the harbour on Tuesday.\n\nAll passengers were rescued.",
          "2": "Harbour officials denied that the Orlin ferry sank.\n\nThey called the reports a hoax."}
PAIRS = [{"id": "a", "claim": "The Orlin ferry sank", "body_id": "1", "stance": "agree"},
         {"id": "b", "claim": "The Orlin ferry sank", "body_id": "2", "stance": "disagree"}]


@pytest.fixture(scope="module")
def ts():  # the bench script as a module (it is not part of the package)
    spec = importlib.util.spec_from_file_location("train_stance", BENCH)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["train_stance"] = mod
    spec.loader.exec_module(mod)
    return mod


def _folder(root: Path) -> Path:
    (root / "pairs").mkdir(parents=True)
    (root / "bodies.jsonl").write_text("".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in BODIES.items()),
                                       encoding="utf-8")
    (root / "pairs" / "train.jsonl").write_text("".join(json.dumps(p) + "\n" for p in PAIRS), encoding="utf-8")
    return root


def test_a_cached_run_reads_the_same_features_without_ingesting(ts, tmp_path: Path, monkeypatch) -> None:
    data, cache = _folder(tmp_path / "data"), tmp_path / "cache"
    first = ts.cached_features(data, cache, BODIES, PAIRS)
    assert len(list(cache.glob("train_stance_*.json.gz"))) == 1
    assert first[1][1]["contradicts"] > 0  # the denial was featurised, not an empty record

    def no_ingest(*args, **kwargs):
        raise AssertionError("ingested again although the cache holds the features")
    monkeypatch.setattr(ts.ev, "ingest_bodies", no_ingest)
    assert ts.cached_features(data, cache, BODIES, PAIRS) == first


def test_the_cache_key_follows_the_training_data(ts, tmp_path: Path) -> None:
    data = _folder(tmp_path / "data")
    before = ts.cache_key(data)
    assert ts.cache_key(data) == before
    (data / "pairs" / "train.jsonl").write_text(json.dumps(PAIRS[0]) + "\n", encoding="utf-8")
    assert ts.cache_key(data) != before


def test_without_a_cache_folder_nothing_is_written(ts, tmp_path: Path) -> None:
    data = _folder(tmp_path / "data")
    statements, feats, rules = ts.cached_features(data, None, BODIES, PAIRS)
    assert set(statements) == {"1", "2"} and len(feats) == len(rules) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]
