"""`claims eval stance DIR --split dev`: article stance on FNC-1 format data."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tqdm import tqdm


def register(sub: argparse._SubParsersAction, eval_sub: argparse._SubParsersAction) -> None:
    p = eval_sub.add_parser(
        "stance", help="article stance on FNC-1 data (FNC score, macro-F1, per-class F1, confusion)",
        description="Ingest the bodies of a split into a temporary store, decide each pair's stance "
                    "from its statements' stances (rules, and the shipped model), and print the figures "
                    "beside a TF-IDF + logistic regression baseline trained on the train split.",
        epilog="example:\n  claims eval stance ../shared/data/stance/fnc1 --split dev",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("folder", type=Path, metavar="DIR", help="holds bodies.jsonl and pairs/<split>.jsonl")
    p.add_argument("--split", default="dev", help="pairs/<split>.jsonl to score (default dev)")
    p.add_argument("--baseline-split", default="train", metavar="SPLIT",
                   help="the split the baseline is trained on (default train)")
    p.set_defaults(func=cmd_eval_stance)


def cmd_eval_stance(args: argparse.Namespace) -> int:
    # imported here: scikit-learn and the evaluation are slow to import and needed by no other command
    from claims.eval import stance as eval_stance

    def bar(**kw: Any) -> tqdm:
        return tqdm(file=sys.stderr, leave=False, **kw)

    try:
        rep = eval_stance.evaluate(args.folder, args.split, baseline_split=args.baseline_split, bar=bar)
    except eval_stance.EvalDataError as exc:
        print(f"claims: {exc}", file=sys.stderr)
        return 2
    print(eval_stance.format_report(rep))
    return 0
