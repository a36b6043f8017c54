"""The `claims` command line: every workflow of the workbench, scriptable.

Parsing, progress bars and printing only; the work is done in claims/ workflows.
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import Sequence

from claims.cli import (
    accounts,
    backup,
    evaluate_stance,
    extract,
    ingest,
    queue,
    rematch,
    report,
    review,
    search,
    settings,
    worker,
)
from db.engine import DatabaseError, DeskBusy, explain

EPILOG = """examples:
  claims init
  printf '%s\n' "$PW" | claims user add ana --role reviewer --password-stdin --reviewer admin
  claims ingest sample_data/
  claims extract article.txt --format table
  claims list --status unreviewed
  claims review 12 --verdict False --rationale "Ministry figures say 3,252" --reviewer ana
  claims search "This is not a military base" --stance contradicts
  claims export --format csv --out report.csv
  claims backup desk-backup.db

The database is --db URL, else $CLAIMS_DATABASE_URL, else sqlite:///claimdesk.db."""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    pass


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claims",
        description="Claimdesk: extract, match, review and report the claims in news articles.",
        epilog=EPILOG,
        formatter_class=_Formatter,
    )
    parser.add_argument(
        "--db", metavar="URL", default=None,
        help="SQLAlchemy database URL (default: $CLAIMS_DATABASE_URL or sqlite:///claimdesk.db)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    eval_parser = sub.add_parser(
        "eval", help="evaluate extraction or matching on a labelled data set",
        description="Evaluate a component on labelled data and print its figures.",
        formatter_class=_Formatter,
        epilog="examples:\n  claims eval checkworthy train.jsonl\n"
        "  claims eval retrieval ../shared/data/retrieval/checkthat2020-2a-en --split dev",
    )
    eval_sub = eval_parser.add_subparsers(dest="eval_command", metavar="WHAT")
    eval_parser.set_defaults(func=lambda a: _missing(eval_parser))
    for module in (ingest, extract, queue, review, search, rematch, worker, report, settings, backup, accounts,
                   evaluate_stance):
        module.register(sub, eval_sub)
    return parser


def _missing(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `claims list | head` is fine
        return 0
    except DatabaseError as exc:
        print(f"claims: {exc}", file=sys.stderr)
        return 2 if not isinstance(exc, DeskBusy) else 75  # 75: EX_TEMPFAIL, try again
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, never a traceback or SQL
        if os.environ.get("CLAIMS_DEBUG"):
            raise
        print(f"claims: {explain(exc) or unexpected(exc)}", file=sys.stderr)
        return 1


def unexpected(exc: BaseException) -> str:
    # Only the type: the message of a database error carries the SQL and its parameters.
    return f"unexpected error ({type(exc).__name__}); CLAIMS_DEBUG=1 shows the details"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
