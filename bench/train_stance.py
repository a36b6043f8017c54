"""Build claims/text/stance_model.json: the article-stance model, from FNC-1 train.

    .venv/bin/python bench/train_stance.py [--data ../shared/data/stance/fnc1] [--out PATH]

Deterministic: the same data gives the same file (lbfgs logistic regression,
sorted inputs, rounded coefficients). Features are claims.text.stance_body.features:
match strength, the rule stances of the matched statements, cue counts (refute,
hedge, confirm, negation) in the claim, the matched statements, the lede and the
whole body. None names a headline or a word of it, so the model cannot memorise
FNC headlines (every dev headline also occurs in train).

Before writing the model it prints an honest check: train split by HEADLINE (a
fifth of the headlines held out, chosen by a hash), the model fitted on the rest
and scored on the held-out headlines beside the rules and the baseline.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from claims.eval import stance as ev  # noqa: E402
from claims.text import stance_body  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "stance" / "fnc1"
C = 1.0


def held_out(claim: str) -> bool:
    return int(hashlib.sha1(claim.encode("utf-8")).hexdigest(), 16) % 5 == 0


def featurise(pairs: list[dict], statements: dict[str, list[str]]) -> tuple[list[dict], list[str]]:
    idf = stance_body.idf_table(s for sts in statements.values() for s in sts)
    feats, rules = [], []
    for n, p in enumerate(pairs):
        e, f = stance_body.evidence(p["claim"], statements[str(p["body_id"])], idf)
        feats.append(f)
        rules.append(ev.FROM_PRODUCT[stance_body.decide_rules(e, f)[0]])
        if n % 5000 == 0:
            print(f"  features {n}/{len(pairs)}", file=sys.stderr)
    return feats, rules


def fit(feats: list[dict], gold: list[str]) -> stance_body.StanceModel:
    names = tuple(sorted(feats[0]))
    x = np.array([[f[n] for n in names] for f in feats])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    classes = [ev.FROM_PRODUCT_INV[g] for g in gold]
    lr = LogisticRegression(C=C, max_iter=5000)
    lr.fit((x - mean) / scale, classes)
    r = lambda v: round(float(v), 6)  # noqa: E731
    return stance_body.StanceModel(
        names, tuple(str(c) for c in lr.classes_), tuple(map(r, mean)), tuple(map(r, scale)),
        tuple(tuple(map(r, row)) for row in lr.coef_), tuple(map(r, lr.intercept_)))


def show(name: str, gold: list[str], pred: list[str]) -> None:
    s = ev.scores(gold, pred)
    print(f"  {name:<24} FNC {s.fnc:6.2f}%  macro-F1 {s.macro_f1:.3f}  "
          + "  ".join(f"{c} {s.f1[c]:.3f}" for c in ev.FNC_LABELS))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--out", type=Path, default=stance_body.MODEL_PATH)
    args = ap.parse_args()
    bodies, pairs = ev.load(args.data, "train")
    ids = sorted({str(p["body_id"]) for p in pairs})
    print(f"ingesting {len(ids)} train bodies", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        statements = ev.ingest_bodies(bodies, ids, f"sqlite:///{Path(tmp) / 'train.db'}")
    feats, rules = featurise(pairs, statements)
    gold = [p["stance"] for p in pairs]

    hold = [held_out(p["claim"]) for p in pairs]
    fit_idx = [i for i, h in enumerate(hold) if not h]
    test_idx = [i for i, h in enumerate(hold) if h]
    print(f"headline-disjoint check: {len(fit_idx)} pairs to fit, {len(test_idx)} held out "
          f"({len({pairs[i]['claim'] for i in test_idx})} headlines never seen in fitting)")
    model = fit([feats[i] for i in fit_idx], [gold[i] for i in fit_idx])
    test_gold = [gold[i] for i in test_idx]
    show("rules (default)", test_gold, [rules[i] for i in test_idx])
    show("model", test_gold, [ev.FNC_OF[model.predict(feats[i])] for i in test_idx])
    base = ev.Baseline(bodies, [pairs[i] for i in fit_idx])
    show("baseline (TF-IDF + LR)", test_gold, base.predict([pairs[i] for i in test_idx]))

    final = fit(feats, gold)
    args.out.write_text(json.dumps(final.to_json(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes, {len(final.names)} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
