"""What every command module shares: the parser of one command, the database, one-line errors.

Each area module has `register(sub, eval_sub)`: `sub` is the top-level subparsers object,
`eval_sub` the subparsers of `claims eval`. A command's handler is set with
`parser.set_defaults(func=handler)`, receives the parsed args and returns an exit code.
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any, Callable, TypeVar

from claims.queue import ClaimFilter
from claims.text.vocab import ALL_CLAIM_STATUSES
from db.engine import Database, DatabaseError, open_database

T = TypeVar("T")


def command(sub: argparse._SubParsersAction, name: str, help: str, example: str) -> argparse.ArgumentParser:
    """A subcommand whose --help says what it does and shows an example."""
    return sub.add_parser(
        name, help=help, description=help[0].upper() + help[1:] + ".",
        epilog=f"example:\n  {example}", formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def open_db(args: argparse.Namespace) -> Database:
    """The database of --db / $CLAIMS_DATABASE_URL; a bad URL ends the command with exit code 2."""
    try:
        return open_database(args.db)
    except DatabaseError as exc:
        print(f"claims: database: {exc}", file=sys.stderr)
        raise SystemExit(2) from exc


def positive_int(text: str) -> int:
    """argparse type: a whole number of at least 1 (a clear usage error otherwise)."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, not {n}")
    return n


def fail(message: str, code: int = 1) -> SystemExit:
    """Print the one-line error and return the exit to raise: `raise fail("...")`."""
    print(f"claims: {message}", file=sys.stderr)
    return SystemExit(code)


def call(errors: type[Exception] | tuple[type[Exception], ...], fn: Callable[..., T], *a: Any, **kw: Any) -> T:
    """Run one workflow call; its expected errors end the command with their one-line message."""
    try:
        return fn(*a, **kw)
    except errors as exc:
        raise fail(str(exc)) from exc


def short(text: str | None, n: int) -> str:
    """One line of at most n characters."""
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def add_filter_args(p: argparse.ArgumentParser) -> None:
    """The queue's filters, as `claims list` and `claims export` take them."""
    p.add_argument("--status", choices=ALL_CLAIM_STATUSES,
                   help="dismissed claims (not a claim) are listed only when asked for")
    p.add_argument("--verdict", help='a verdict label, or "none"')
    p.add_argument("--speaker", help='whole words of the speaker\'s name ("Tal" finds "Aren Tal", not "Hospital")')
    p.add_argument("--outlet")
    p.add_argument("--source", type=int, dest="source_id", metavar="SOURCE_ID")
    p.add_argument("--from", dest="date_from", type=date.fromisoformat, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=date.fromisoformat, metavar="YYYY-MM-DD")
    p.add_argument("--min-score", dest="min_checkworthy", type=float, metavar="0..1")
    p.add_argument("--contradicted", dest="has_contradictions", action="store_true", default=None,
                   help="only claims with contradicting evidence")
    p.add_argument("--assigned", dest="assigned_to", help='reviewer name, or "none"')


def filters_from(args: argparse.Namespace) -> ClaimFilter:
    keys = ClaimFilter.__dataclass_fields__
    return ClaimFilter(**{k: v for k, v in vars(args).items() if k in keys and v is not None})
