"""Loading the desk: `claims init`, `claims ingest`."""
from __future__ import annotations

import argparse
import sys

from tqdm import tqdm

from claims import accounts, ingest, resplit, settings, worker
from claims.cli.common import command, open_db, positive_int
from db.engine import Database

DEFAULT_DESK_URL = "http://127.0.0.1:8501"  # where `make run` and `streamlit run app.py` serve


def register(sub: argparse._SubParsersAction, eval_sub: argparse._SubParsersAction) -> None:
    p = command(sub, "init", "create or upgrade the database (safe to repeat); on a desk without an admin, "
                "print a one-time sign-in link that creates one", "claims --db sqlite:///desk.db init --url http://127.0.0.1:8501")
    p.add_argument("--url", default=None,
                   help="where the desk is served: the sign-in link, and the claim links of reports unless "
                        f"`claims settings --desk-url` set one (default {DEFAULT_DESK_URL})")
    p.set_defaults(func=cmd_init)


    p = command(sub, "resplit", "re-extract the sources stored before sentence-level claims "
                "(`claims init` does it after an upgrade); keeps every verdict, evidence link and history row",
                "claims resplit")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--no-wait", action="store_true", help="only queue the claims' matching for `claims worker`")
    p.set_defaults(func=cmd_resplit)

    p = command(sub, "ingest", "ingest articles: .txt/.md (front matter), .html, .csv, .jsonl files or folders, "
                "or news pages by their http(s) address",
                "claims ingest sample_data/ new_article.md https://news.example/story")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--quiet", action="store_true", help="no progress bar or per-file lines")
    p.add_argument("--if-empty", action="store_true",
                   help="only if the database holds no sources yet (how `make run` loads the sample data once)")
    p.add_argument("--wait", action="store_true",
                   help="also match the queued claims before returning (with every core), "
                        "instead of leaving them to `claims worker`")
    p.add_argument("--workers", type=positive_int, default=None, metavar="N",
                   help="processes that match with --wait (default: every core)")
    p.set_defaults(func=cmd_ingest)


def cmd_init(args: argparse.Namespace) -> int:
    db = open_db(args)
    # An older desk's multi-sentence statements become sentence-level claims (migration 0006
    # recorded which sources); nothing to do on a new or an already upgraded desk.
    status = _resplit(db, quiet=False) if resplit.resplit_pending(db) else 0
    print(f"database ready: {db.url}")
    # Kept for the claim links of reports; a desk URL set in the settings stays.
    desk_url = settings.remember_desk_url(db, args.url or DEFAULT_DESK_URL)
    # Never a default password: whoever can run this command opens the link and picks one.
    link = accounts.first_admin_link(db, args.url or desk_url or DEFAULT_DESK_URL)
    if link:
        print(f"No admin account yet. Open this one-time link to create one (valid 24 hours):\n  {link}")
    return status


def cmd_ingest(args: argparse.Namespace) -> int:
    db = open_db(args)
    if args.if_empty and ingest.source_count(db):
        print("database already holds sources: nothing ingested (--if-empty)")
        return 0
    urls = [p for p in args.paths if ingest.is_url(p)]
    paths = [p for p in args.paths if not ingest.is_url(p)]
    files = ingest.planned_files(paths) if paths else []
    # disable=None: no bar when stderr is not a terminal (logs, CI)
    bar = tqdm(total=len(files), unit="file", disable=True if args.quiet else None, file=sys.stderr)

    def on_file(r: ingest.FileResult) -> None:
        bar.update(1)
        if r.status in ("error", "partial"):  # some or all of the file not stored
            tqdm.write(f"error: {r.path}: {r.message}", file=sys.stderr)
        elif not args.quiet:
            tqdm.write(f"{r.status}: {r.path}: {r.message}", file=sys.stderr)

    summary = ingest.ingest_paths(db, paths, on_file=on_file, wait=args.wait, workers=args.workers) if paths \
        else ingest.IngestSummary()
    bar.close()
    for url in urls:  # a web page: fetched, then ingested as an HTML file
        got = ingest.ingest_url(db, url, wait=args.wait, workers=args.workers)
        for r in got.files:
            if r.status in ("error", "partial"):
                print(f"error: {r.path}: {r.message}", file=sys.stderr)
            elif not args.quiet:
                print(f"{r.status}: {r.path}: {r.message}", file=sys.stderr)
        summary.files += got.files
        summary.queued += got.queued
        summary.match_problem = summary.match_problem or got.match_problem
        summary.matching = got.matching or summary.matching
    print(summary.line())
    if summary.matching_line():
        print(summary.matching_line())
    if not files and not urls:
        print("claims: nothing to ingest (no supported files found)", file=sys.stderr)
        return 1
    failed_matching = summary.match_problem or (summary.matching is not None and summary.matching.failed)
    return 1 if summary.count("errors") or failed_matching else 0


def cmd_resplit(args: argparse.Namespace) -> int:
    db = open_db(args)
    if not resplit.resplit_pending(db):
        print("every source already has sentence-level statements: nothing to re-extract")
        return 0
    return _resplit(db, quiet=args.quiet, wait=not args.no_wait)


def _resplit(db: Database, *, quiet: bool, wait: bool = True) -> int:
    """Re-extract with a progress bar, then match the desk again (wait) or leave it queued."""
    pending = resplit.resplit_pending(db)
    bar = tqdm(total=len(pending), unit="source", desc="sentence-level claims",
               disable=True if quiet else None, file=sys.stderr)
    result = resplit.resplit_sources(db, on_source=lambda _i: bar.update(1))
    bar.close()
    print(result.line())
    if result.match_problem:
        print(f"claims: matching not queued: {result.match_problem}; run `claims rematch --all`", file=sys.stderr)
        return 1
    if result.queued and wait:
        done = worker.drain(db)
        print(f"{result.queued} claims matched again on their claim text with {done.processes} process(es)"
              + (f"; {done.failed} match jobs failed, run `claims rematch --missing`" if done.failed else ""))
        return 1 if done.failed else 0
    if result.queued:
        print(f"{result.queued} claims queued for matching: `claims worker` matches them")
    return 0
