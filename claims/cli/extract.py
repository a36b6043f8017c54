"""Extraction commands: `claims extract`, `claims train checkworthy`, `claims eval checkworthy|speakers`."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from claims.text.records import ExtractedStatement
from claims.text.vocab import speaker_label


def _parser(sub: argparse._SubParsersAction, name: str, help: str, example: str) -> argparse.ArgumentParser:
    return sub.add_parser(
        name, help=help, description=help[0].upper() + help[1:] + ".",
        epilog=f"example:\n  {example}", formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def register(sub: argparse._SubParsersAction, eval_sub: argparse._SubParsersAction) -> None:
    p = _parser(sub, "extract", "print the statements of one article (no database)",
                "claims extract article.txt --format table")
    p.add_argument("file", metavar="FILE", help=".txt/.md (front matter), .html, or a one-article .csv/.jsonl")
    p.add_argument("--format", choices=["jsonl", "table"], default="table")
    p.add_argument("--threshold", type=float, default=None, metavar="0..1",
                   help="check-worthiness threshold for is_claim (default: the extractor's)")
    p.set_defaults(func=cmd_extract)

    train = sub.add_parser("train", help="train an optional model from labelled data",
                           description="Train an optional model from labelled data.")
    train_sub = train.add_subparsers(dest="train_command", metavar="WHAT")
    train.set_defaults(func=lambda a: (train.print_help(sys.stderr), 2)[1])
    p = _parser(train_sub, "checkworthy",
                "train the check-worthiness model from labelled sentences plus the desk's reviewer "
                "decisions, and store it in the database (used by ingest from then on)",
                "claims train checkworthy labelled.jsonl")
    p.add_argument("file", metavar="FILE.jsonl", nargs="?",
                   help='lines of {"text": ..., "label": 0|1}; optional when reviewers have labelled enough')
    p.add_argument("--no-reviewer-labels", action="store_true",
                   help="leave out the statements reviewers marked claim / not a claim")
    p.set_defaults(func=cmd_train)

    p = _parser(eval_sub, "checkworthy",
                "F1 of the positive class, average precision and mean AP per document of the "
                "check-worthiness scorer (the default rules; with --train a model trained on that file; "
                "with --cv K a model in K-fold cross-validation on FILE)",
                "claims eval checkworthy dev.jsonl --train train.jsonl")
    p.add_argument("file", metavar="FILE.jsonl")
    p.add_argument("--train", metavar="FILE.jsonl", help="train a model on this file, evaluate on FILE")
    p.add_argument("--cv", type=int, metavar="K", help="K-fold cross-validation of the model on FILE")
    p.add_argument("--threshold", type=float, default=0.5, metavar="0..1")
    p.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    p.set_defaults(func=cmd_eval)

    p = _parser(eval_sub, "speakers",
                "accuracy of speaker attribution on hand-labelled articles (each gold quote's statement "
                "must carry its speaker)",
                "claims eval speakers tests/data/speakers_gold.jsonl")
    p.add_argument("file", metavar="FILE.jsonl",
                   help='lines of {"text" or "path": ..., "quotes": [{"contains": ..., "speaker": ...}]}')
    p.add_argument("--quiet", action="store_true", help="figures only, no list of mistakes")
    p.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    p.set_defaults(func=cmd_eval_speakers)


def _read(path: str) -> Any:
    from claims.text.readers import read_article

    return read_article(path)


def format_table(statements: list[ExtractedStatement]) -> str:
    rows = []
    for i, s in enumerate(statements):
        speaker = speaker_label(s.speaker, s.speaker_title)
        text = " ".join(s.text.split())
        rows.append(f"{i:>3} {s.paragraph:>3} {s.kind:<14} {s.checkworthy:4.2f} {'*' if s.is_claim else ' '} "
                    f"{(s.date.isoformat() if s.date else ''):<10} {speaker[:50]:<50} {text[:100]}")
    head = f"{'#':>3} {'par':>3} {'kind':<14} {'cw':>4}   {'date':<10} {'speaker':<50} text"
    return "\n".join([head, *rows])


def cmd_extract(args: argparse.Namespace) -> int:
    from claims.text.extract import DEFAULT_THRESHOLD, extract_statements
    from claims.text.readers import InputError

    try:
        article = _read(args.file)
    except (InputError, OSError) as exc:
        print(f"claims extract: {exc}", file=sys.stderr)
        return 2
    threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    try:
        statements = extract_statements(article, threshold=threshold)
    except ValueError as exc:
        print(f"claims extract: {exc}", file=sys.stderr)
        return 2
    if args.format == "jsonl":
        for s in statements:
            sys.stdout.write(json.dumps(s.to_json(), ensure_ascii=False) + "\n")
    else:
        print(format_table(statements))
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from claims import train
    from claims.cli.common import open_db

    db = open_db(args)
    try:
        rows, n_file = train.training_rows(db, args.file, reviewer_labels=not args.no_reviewer_labels)
    except train.TrainError as exc:
        print(f"claims train checkworthy: {exc}", file=sys.stderr)
        return 2
    n_pos = sum(r.label for r in rows)
    print(f"training on {len(rows)} sentences ({n_file} from file, {len(rows) - n_file} reviewer decisions, "
          f"{n_pos} check-worthy)", file=sys.stderr)
    with tqdm(total=train.CV_FOLDS, desc=f"{train.CV_FOLDS}-fold CV", file=sys.stderr, disable=None) as bar:
        result = train.train_checkworthy(db, rows, n_file, on_fold=lambda _: bar.update())
    if result.figures:
        print(f"model {result.model_id} stored; {train.CV_FOLDS}-fold CV: F1={result.figures['f1']:.3f} "
              f"AP={result.figures['ap']:.3f} mean AP per document={result.figures['map_doc']:.3f}")
    else:
        print(f"model {result.model_id} stored (too few labels for cross-validation)")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from claims.eval.checkworthy import format_metrics
    from claims.text import checkworthy
    from claims.text.labelled import cross_val_scores, metrics, read_jsonl

    if args.train and args.cv:
        print("claims eval checkworthy: --train and --cv are exclusive (--cv trains on FILE itself)",
              file=sys.stderr)
        return 2
    try:
        rows = read_jsonl(args.file)
        train_rows = read_jsonl(args.train) if args.train else None
    except (OSError, ValueError) as exc:
        print(f"claims eval checkworthy: {exc}", file=sys.stderr)
        return 2
    if args.cv is not None and args.cv < 2:
        print("claims eval checkworthy: --cv needs at least 2 folds", file=sys.stderr)
        return 2
    from tqdm import tqdm

    out: dict[str, dict[str, float]] = {}
    rule_scores = [checkworthy.score_text(r.text).score for r in tqdm(rows, desc="rules", file=sys.stderr,
                                                                       disable=len(rows) < 2000)]
    out["rules"] = metrics(rows, rule_scores, args.threshold)
    if train_rows is not None or args.cv:
        from claims.text import checkworthy_model

        # the baseline (plain TF-IDF + logistic regression) on the same split, in the same run
        for name, trainer in (("baseline TF-IDF+LR", checkworthy_model.train_baseline),
                              ("model", checkworthy_model.train)):
            if train_rows is not None:
                m = trainer([r.text for r in train_rows], [r.label for r in train_rows])
                out[name] = metrics(rows, m.predict([r.text for r in rows]), args.threshold)
            else:
                with tqdm(total=args.cv, desc=f"{name}: {args.cv}-fold CV", file=sys.stderr) as bar:
                    scores = cross_val_scores(rows, trainer, k=args.cv, progress=lambda _: bar.update())
                out[f"{name} ({args.cv}-fold CV)"] = metrics(rows, scores, args.threshold)
    if args.json:
        print(json.dumps(out))
    else:
        for name, m in out.items():
            print(format_metrics(name, m))
        names = list(out)
        base = next((n for n in names if n.startswith("baseline")), None)
        model_name = next((n for n in names if n.startswith("model")), None)
        if base and model_name and out[base]["f1"] > 0:
            print(f"model / baseline: F1 x{out[model_name]['f1'] / out[base]['f1']:.3f}, "
                  f"AP x{out[model_name]['ap'] / max(out[base]['ap'], 1e-9):.3f}")
    return 0


def cmd_eval_speakers(args: argparse.Namespace) -> int:
    from claims.eval.speakers import evaluate, format_report, read_gold

    try:
        gold = read_gold(args.file)
    except (OSError, ValueError) as exc:
        print(f"claims eval speakers: {exc}", file=sys.stderr)
        return 2
    report = evaluate(gold)
    if args.json:
        print(json.dumps({"articles": len(gold), "total": report.total, "correct": report.correct,
                          "accuracy": report.accuracy, "wrong": report.wrong,
                          "unattributed": report.unattributed, "missing": report.missing}))
    else:
        print(f"{len(gold)} articles")
        print(format_report(report, show_mistakes=not args.quiet))
    return 0
