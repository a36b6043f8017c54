"""Extraction commands: `claims extract`, `claims train checkworthy`, `claims eval checkworthy|speakers|attribution`."""
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
                "check-worthiness scorers in one run: the rules, the product's default and a TF-IDF+LR "
                "baseline (no option: the shipped default as it is, for held-out data; --cv K: K-fold "
                "cross-validation on FILE, whole documents per fold, every model retrained without the "
                "test fold; --train: models trained on that file)",
                "claims eval checkworthy checkthat.jsonl --cv 5 --also claimbuster.jsonl")
    p.add_argument("file", metavar="FILE.jsonl")
    p.add_argument("--train", metavar="FILE.jsonl", help="train the models on this file, evaluate on FILE")
    p.add_argument("--cv", type=int, metavar="K", help="K-fold cross-validation of the models on FILE")
    p.add_argument("--also", metavar="FILE.jsonl", action="append", default=[],
                   help="extra training sentences for every model and fold (sentences of the test fold "
                        "are left out); the shipped default is trained on both shared training files")
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

    p = _parser(eval_sub, "attribution",
                "who said what on real news: speaker accuracy, attribution recall, direct-quote recall and "
                "clean narration of the extraction on attribution gold (PolNeAR format), beside the "
                "nearest-preceding-name baseline",
                "claims eval attribution ../shared/data/attribution/polnear/dev.jsonl")
    p.add_argument("file", metavar="FILE.jsonl", help="one article a line with its gold attributions")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="only the first N articles")
    p.add_argument("--mistakes", type=int, default=0, metavar="N", help="print N wrong speakers of the product")
    p.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    p.set_defaults(func=cmd_eval_attribution)


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
    from claims.eval.checkworthy import evaluate, format_report
    from claims.text.labelled import Extra, read_jsonl

    if args.train and args.cv:
        print("claims eval checkworthy: --train and --cv are exclusive (--cv trains on FILE itself)",
              file=sys.stderr)
        return 2
    if args.also and not (args.train or args.cv):
        print("claims eval checkworthy: --also needs --cv or --train", file=sys.stderr)
        return 2
    if args.cv is not None and args.cv < 2:
        print("claims eval checkworthy: --cv needs at least 2 folds", file=sys.stderr)
        return 2
    if not 0.0 <= args.threshold <= 1.0:
        print("claims eval checkworthy: --threshold must be within [0, 1]", file=sys.stderr)
        return 2
    try:
        rows = read_jsonl(args.file)
        train_rows = read_jsonl(args.train) if args.train else None
        also = [Extra(f, read_jsonl(f)) for f in args.also]
    except (OSError, ValueError) as exc:
        print(f"claims eval checkworthy: {exc}", file=sys.stderr)
        return 2
    if not rows:
        print(f"claims eval checkworthy: {args.file}: no labelled sentences", file=sys.stderr)
        return 2
    if args.cv is not None and args.cv > len(rows):
        print(f"claims eval checkworthy: --cv {args.cv} needs at least {args.cv} sentences", file=sys.stderr)
        return 2
    from tqdm import tqdm

    bars: dict[str, Any] = {}

    def progress(name: str, n: int) -> None:
        if name not in bars:
            bars[name] = tqdm(total=args.cv, desc=name, file=sys.stderr)
        bars[name].update()

    try:
        out = evaluate(rows, threshold=args.threshold, cv=args.cv, train_rows=train_rows, also=also,
                       progress=progress)
    except ValueError as exc:  # e.g. a training fold with one class only
        print(f"claims eval checkworthy: {exc}", file=sys.stderr)
        return 2
    finally:
        for bar in bars.values():
            bar.close()
    print(json.dumps(out) if args.json else format_report(out))
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


def cmd_eval_attribution(args: argparse.Namespace) -> int:
    from claims.eval.attribution import DEFINITIONS, baseline_statements, format_figures, product_statements, read_docs, score

    try:
        docs = read_docs(args.file, args.limit)
    except (OSError, ValueError) as exc:
        print(f"claims eval attribution: {exc}", file=sys.stderr)
        return 2
    from tqdm import tqdm

    with tqdm(total=len(docs), desc="product", file=sys.stderr, disable=args.json) as bar:
        product = score(docs, product_statements, bar.update)
    baseline = score(docs, baseline_statements)
    rows = {"product": product.as_dict(), "baseline": baseline.as_dict()}
    if args.json:
        print(json.dumps(rows))
        return 0
    print(f"{len(docs)} articles, {sum(len(d.attributions) for d in docs)} gold attributions")
    print(DEFINITIONS)
    print(format_figures(rows))
    for doc_id, gold, got, cue in product.examples[:args.mistakes]:
        print(f"  {doc_id[:40]}: cue {cue!r}: expected {gold!r}, got {got!r}")
    return 0
