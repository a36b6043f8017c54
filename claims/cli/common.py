"""Subcommands of the `claims` command line, one module per area.

Each module has `register(sub, eval_sub)`: `sub` is the top-level subparsers
object, `eval_sub` the subparsers of `claims eval`. A command's handler is set
with `parser.set_defaults(func=handler)` and receives the parsed args; it
returns an exit code.
"""

import argparse
import sys

from db.engine import Database, DatabaseError, open_database


def open_db(args: argparse.Namespace) -> Database:
    """The database of --db / $CLAIMS_DATABASE_URL; a bad URL ends the command with exit code 2."""
    try:
        return open_database(args.db)
    except DatabaseError as exc:
        print(f"claims: database: {exc}", file=sys.stderr)
        raise SystemExit(2) from exc
