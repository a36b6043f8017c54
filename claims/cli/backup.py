"""Commands that copy a whole desk: backup and restore."""
from __future__ import annotations

import argparse
import sys

from claims import backup
from db.engine import database_url


def register(sub: argparse._SubParsersAction, eval_sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "backup", help="copy the whole desk into FILE while it runs (consistent online copy)",
        description="Copy the whole desk into FILE while reviewers keep working: SQLite's backup API "
        "(WAL content included; a copy of claimdesk.db alone is not a backup), or pg_dump on PostgreSQL.",
        epilog="example:\n  claims backup backups/desk-2026-12-01.db",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser(
        "restore", help="replace the desk with a backup made by `claims backup`",
        description="Replace the desk with a backup made by `claims backup`. Refuses a database that "
        "holds sources, claims or history unless --force; an older backup is upgraded.",
        epilog="example:\n  claims --db sqlite:///restored.db restore backups/desk-2026-12-01.db",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--force", action="store_true", help="replace a desk that holds work")
    p.set_defaults(func=cmd_restore)


def cmd_backup(args: argparse.Namespace) -> int:
    try:
        result = backup.backup(database_url(args.db), args.file, force=args.force)
    except backup.BackupError as exc:
        print(f"claims backup: {exc}", file=sys.stderr)
        return 1
    rows = result.rows
    what = (f"{rows.get('sources', 0)} sources, {rows.get('claims', 0)} claims, "
            f"{rows.get('verdict_history', 0)} history rows" if rows else "pg_dump archive")
    print(f"backup written: {result.path} ({result.size:,} bytes; {what})")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    try:
        rows = backup.restore(database_url(args.db), args.file, force=args.force)
    except backup.BackupError as exc:
        print(f"claims restore: {exc}", file=sys.stderr)
        return 1
    print(f"restored {args.file}: {rows.get('sources', 0)} sources, {rows.get('claims', 0)} claims, "
          f"{rows.get('verdict_history', 0)} history rows")
    return 0
