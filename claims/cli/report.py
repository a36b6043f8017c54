"""Reports: `claims export` (CSV or ClaimReview JSON-LD)."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from claims import report
from claims.cli.common import add_filter_args, command, fail, filters_from, open_db


def register(sub: argparse._SubParsersAction, eval_sub: argparse._SubParsersAction) -> None:
    p = command(sub, "export", "export the report (CSV) or ClaimReview JSON-LD",
                "claims export --format csv --out report.csv --status reviewed")
    p.add_argument("--format", choices=["csv", "claimreview"], default="csv")
    p.add_argument("--out", help="file to write (default: standard output)")
    p.add_argument("--evidence-rows", action="store_true",
                   help="CSV with one row per evidence item (default: one row per claim, its evidence in one cell)")
    p.add_argument("--excel", action="store_true",
                   help="CSV for Excel: UTF-8 with a byte-order mark, so curly quotes and accents show as typed")
    add_filter_args(p)
    p.set_defaults(func=cmd_export)


def _target(out_arg: str | None) -> Path | None:
    """The file to write, checked before any work (None: standard output)."""
    if not out_arg:
        return None
    out = Path(out_arg)
    if out.is_dir() or out_arg.endswith(("/", os.sep)):
        raise fail(f"{out_arg} is a folder; name the file to write", 2)
    if not out.parent.is_dir():
        raise fail(f"{out}: folder does not exist", 2)
    return out


def cmd_export(args: argparse.Namespace) -> int:
    out = _target(args.out)
    db = open_db(args)
    filters = filters_from(args)
    if args.format == "csv":
        records = report.records(db, filters)
        data = report.csv_report(db, filters, evidence_rows=args.evidence_rows, excel=args.excel, rows=records)
        what = f"{len(records)} claims"
    else:
        # Never an empty `[]` in silence: say why there is nothing to publish, and write nothing.
        problem = report.claimreview_problem(db, filters)
        if problem:
            raise fail(problem)
        records = report.records(db, filters)
        data = report.claimreview_report(db, filters, rows=records)
        what = "ClaimReview JSON-LD"
    if out is not None:
        out.write_text(data, encoding="utf-8")
        print(f"wrote {out} ({what})", file=sys.stderr)
    else:
        sys.stdout.write(data)
    return 0
