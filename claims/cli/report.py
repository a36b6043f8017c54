"""Reports: `claims export` (CSV or ClaimReview JSON-LD)."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from claims import report
from claims.cli.common import add_filter_args, command, filters_from, open_db
from claims.text import export


def register(sub: argparse._SubParsersAction, eval_sub: argparse._SubParsersAction) -> None:
    p = command(sub, "export", "export the report (CSV) or ClaimReview JSON-LD",
                "claims export --format csv --out report.csv --status reviewed")
    p.add_argument("--format", choices=["csv", "claimreview"], default="csv")
    p.add_argument("--out", help="file to write (default: standard output)")
    p.add_argument("--publisher", default="Claimdesk", help="organisation named in ClaimReview")
    p.add_argument("--excel", action="store_true",
                   help="CSV for Excel: UTF-8 with a byte-order mark, so curly quotes and accents show as typed")
    add_filter_args(p)
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    db = open_db(args)
    filters = filters_from(args)
    records = report.records(db, filters)
    if args.format == "csv":
        data = export.to_csv(records)
        if args.excel:
            data = "\ufeff" + data  # Excel reads a CSV without it as the local code page
    else:
        data = report.claimreview_report(db, filters, publisher=args.publisher, rows=records)
        if not json.loads(data):
            # Never an empty file in silence: say why there is nothing to publish.
            ours = sum(1 for r in records if r.get("status") == "reviewed" and r.get("origin") != "import")
            print(f"claims: nothing to publish: of the {len(records)} claims selected, {ours} are reviewed by this desk "
                  "(a ClaimReview needs a final verdict of ours; imported fact-checks are not re-published)",
                  file=sys.stderr)
    if args.out:
        out = Path(args.out)
        if out.is_dir() or args.out.endswith(("/", os.sep)):
            print(f"claims: {args.out} is a folder; name the file to write", file=sys.stderr)
            return 2
        if not out.parent.is_dir():
            print(f"claims: {out}: folder does not exist", file=sys.stderr)
            return 2
        out.write_text(data, encoding="utf-8")
        what = f"{len(records)} claims" if args.format == "csv" else "ClaimReview JSON-LD"
        print(f"wrote {out} ({what})", file=sys.stderr)
    else:
        sys.stdout.write(data)
    return 0
