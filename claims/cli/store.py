"""Commands over the database: init, ingest, list, review, assign, promote, history, scale, export."""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from tqdm import tqdm

from claims import ingest, queue, report, review
from claims.cli.common import open_db
from claims.text import export
from db.queries.claims import ClaimFilter


def _fmt(parser: argparse._SubParsersAction, name: str, help: str, example: str) -> argparse.ArgumentParser:
    return parser.add_parser(
        name, help=help, description=help[0].upper() + help[1:] + ".",
        epilog=f"example:\n  {example}", formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def add_filter_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--status", choices=["unreviewed", "in_review", "reviewed"])
    p.add_argument("--verdict", help='a verdict label, or "none"')
    p.add_argument("--speaker", help="part of the speaker's name")
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


def register(sub: argparse._SubParsersAction, eval_sub: argparse._SubParsersAction) -> None:
    p = _fmt(sub, "init", "create or upgrade the database (safe to repeat)", "claims --db sqlite:///desk.db init")
    p.set_defaults(func=cmd_init)

    p = _fmt(sub, "ingest", "ingest articles: .txt/.md (front matter), .html, .csv, .jsonl files or folders",
             "claims ingest sample_data/ new_article.md")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--quiet", action="store_true", help="no progress bar or per-file lines")
    p.add_argument("--if-empty", action="store_true",
                   help="only if the database holds no sources yet (how `make run` loads the sample data once)")
    p.set_defaults(func=cmd_ingest)

    p = _fmt(sub, "list", "list claims in the review queue, with filters",
             "claims list --status unreviewed --speaker Tal --limit 20")
    add_filter_args(p)
    p.add_argument("--sort", default="checkworthy", choices=["checkworthy", "newest", "oldest", "published", "updated"])
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--page", type=int, default=1)
    p.set_defaults(func=cmd_list)

    p = _fmt(sub, "review", "set a claim's verdict with a rationale",
             'claims review 12 --verdict False --rationale "Port records show 4 ships" --reviewer ana')
    p.add_argument("claim_id", type=int)
    p.add_argument("--verdict", required=True, help='a label of the rating scale (see `claims scale`), or "none"')
    p.add_argument("--rationale", default="")
    p.add_argument("--reviewer", required=True)
    p.add_argument("--version", type=int, help="refuse if the claim changed since this version")
    p.set_defaults(func=cmd_review)

    p = _fmt(sub, "evidence", "link a statement to a claim as evidence",
             'claims evidence 12 345 --stance contradicts --reviewer ana --note "ministry figure"')
    p.add_argument("claim_id", type=int)
    p.add_argument("statement_id", type=int)
    p.add_argument("--stance", required=True, choices=["supports", "contradicts", "related"])
    p.add_argument("--note")
    p.add_argument("--reviewer", required=True)
    p.set_defaults(func=cmd_evidence)

    p = _fmt(sub, "reuse", "copy the verdict of a reviewed claim onto another claim",
             "claims reuse 12 --from 7 --reviewer ana")
    p.add_argument("claim_id", type=int)
    p.add_argument("--from", dest="from_claim_id", type=int, required=True)
    p.add_argument("--reviewer", required=True)
    p.set_defaults(func=cmd_reuse)

    p = _fmt(sub, "assign", "assign claims to a reviewer", "claims assign 12 13 14 --to ana --reviewer editor")
    p.add_argument("claim_ids", type=int, nargs="+")
    p.add_argument("--to", help="reviewer to assign to (omit to unassign)")
    p.add_argument("--reviewer", required=True, help="who makes the assignment")
    p.set_defaults(func=cmd_assign)

    p = _fmt(sub, "promote", "put any statement on the review queue", "claims promote 345 --reviewer ana")
    p.add_argument("statement_id", type=int)
    p.add_argument("--reviewer", required=True)
    p.set_defaults(func=cmd_promote)

    p = _fmt(sub, "dismiss", "take a queued statement off the queue: not a claim", "claims dismiss 12 --reviewer ana")
    p.add_argument("claim_id", type=int)
    p.add_argument("--reviewer", required=True)
    p.set_defaults(func=cmd_dismiss)

    p = _fmt(sub, "history", "show who changed what on a claim", "claims history 12")
    p.add_argument("claim_id", type=int)
    p.set_defaults(func=cmd_history)

    p = _fmt(sub, "scale", "show or edit the rating scale",
             'claims scale --add "Misleading"   |   claims scale --rename 3 "Partly true"')
    p.add_argument("--add", metavar="LABEL")
    p.add_argument("--rename", nargs=2, metavar=("ID", "LABEL"))
    p.add_argument("--delete", type=int, metavar="ID")
    p.set_defaults(func=cmd_scale)

    p = _fmt(sub, "rematch", "recompute the cached matches (and contradictions) of claims",
             "claims rematch --all   |   claims rematch 12 13")
    p.add_argument("claim_ids", type=int, nargs="*")
    p.add_argument("--all", action="store_true", help="every claim (after a bulk load or an upgrade)")
    p.set_defaults(func=cmd_rematch)

    p = _fmt(sub, "export", "export the report (CSV) or ClaimReview JSON-LD",
             "claims export --format csv --out report.csv --status reviewed")
    p.add_argument("--format", choices=["csv", "claimreview"], default="csv")
    p.add_argument("--out", help="file to write (default: standard output)")
    p.add_argument("--publisher", default="Claimdesk", help="organisation named in ClaimReview")
    add_filter_args(p)
    p.set_defaults(func=cmd_export)


def cmd_init(args: argparse.Namespace) -> int:
    db = open_db(args)
    print(f"database ready: {db.url}")
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    db = open_db(args)
    if args.if_empty and ingest.source_count(db):
        print("database already holds sources: nothing ingested (--if-empty)")
        return 0
    files = ingest.planned_files(args.paths)
    # disable=None: no bar when stderr is not a terminal (logs, CI)
    bar = tqdm(total=len(files), unit="file", disable=True if args.quiet else None, file=sys.stderr)

    def on_file(r: ingest.FileResult) -> None:
        bar.update(1)
        if r.status == "error":
            tqdm.write(f"error: {r.path}: {r.message}", file=sys.stderr)
        elif not args.quiet:
            tqdm.write(f"{r.status}: {r.path}: {r.message}", file=sys.stderr)

    summary = ingest.ingest_paths(db, args.paths, on_file=on_file)
    bar.close()
    print(summary.line())
    if not files:
        print("claims: nothing to ingest (no supported files found)", file=sys.stderr)
        return 1
    return 1 if summary.count("errors") else 0


def _short(text: str | None, n: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def cmd_list(args: argparse.Namespace) -> int:
    db = open_db(args)
    page = queue.list_claims(db, filters_from(args), sort=args.sort, page=args.page, per_page=args.limit)
    print(" ".join(f"{k}={v}" for k, v in page.counts.items()) + f"  (showing {len(page.rows)} of {page.total})")
    for r in page.rows:
        print(f"{r['claim_id']:>6}  {r['status']:<10} {(r['verdict'] or '-'):<13} {r['checkworthy']:.2f}  "
              f"{_short(r['speaker'] or '-', 22):<22}  {_short(r['text'], 90)}")
    return 0


def _review_call(fn: Any, *a: Any, **kw: Any) -> Any:
    try:
        return fn(*a, **kw)
    except review.ReviewError as exc:
        print(f"claims: {exc}", file=sys.stderr)
        raise SystemExit(1) from exc


def cmd_review(args: argparse.Namespace) -> int:
    db = open_db(args)
    st = _review_call(review.set_verdict, db, args.claim_id, verdict=args.verdict, rationale=args.rationale,
                      reviewer=args.reviewer, expected_version=args.version)
    print(f"claim {st.claim_id}: {st.verdict or 'no verdict'} ({st.status}), version {st.version}, by {st.reviewer}")
    return 0


def cmd_evidence(args: argparse.Namespace) -> int:
    db = open_db(args)
    _review_call(review.attach_evidence, db, args.claim_id, args.statement_id, stance=args.stance,
                 reviewer=args.reviewer, note=args.note)
    print(f"claim {args.claim_id}: statement {args.statement_id} linked as {args.stance}")
    return 0


def cmd_reuse(args: argparse.Namespace) -> int:
    db = open_db(args)
    st = _review_call(review.reuse_verdict, db, args.claim_id, from_claim_id=args.from_claim_id, reviewer=args.reviewer)
    print(f"claim {st.claim_id}: {st.verdict} reused from claim {args.from_claim_id}")
    return 0


def cmd_assign(args: argparse.Namespace) -> int:
    db = open_db(args)
    n = _review_call(review.assign, db, args.claim_ids, to=args.to, reviewer=args.reviewer)
    print(f"{n} claims {'assigned to ' + args.to if args.to else 'unassigned'}")
    return 0


def cmd_promote(args: argparse.Namespace) -> int:
    db = open_db(args)
    cid = _review_call(review.promote_statement, db, args.statement_id, reviewer=args.reviewer)
    print(f"statement {args.statement_id} is claim {cid}")
    return 0


def cmd_dismiss(args: argparse.Namespace) -> int:
    db = open_db(args)
    _review_call(review.mark_not_claim, db, args.claim_id, reviewer=args.reviewer)
    print(f"claim {args.claim_id} removed from the queue (marked: not a claim)")
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    db = open_db(args)
    rows = _review_call(review.history, db, args.claim_id)
    if not rows:
        print(f"claim {args.claim_id}: no changes yet")
    for h in rows:
        change = f"{h['old_verdict'] or '-'} -> {h['new_verdict'] or '-'}" if h["action"] in ("verdict", "reuse") else ""
        print(f"{h['changed_at']}  {h['reviewer'] or '-':<12} {h['action']:<9} {change:<28} "
              f"{_short(h['rationale'] or h['note'] or '', 70)}")
    return 0


def cmd_scale(args: argparse.Namespace) -> int:
    db = open_db(args)
    if args.add:
        _review_call(review.add_rating, db, args.add)
    if args.rename:
        _review_call(review.rename_rating, db, int(args.rename[0]), args.rename[1])
    if args.delete is not None:
        _review_call(review.delete_rating, db, args.delete)
    for r in review.scale(db):
        print(f"{r['id']:>3}  {r['label']:<16} {'final' if r['final'] else '':<6} used by {r['in_use']}")
    return 0


def cmd_rematch(args: argparse.Namespace) -> int:
    from claims import match_cache

    if bool(args.all) == bool(args.claim_ids):
        print("claims rematch: name claim ids or --all (not both)", file=sys.stderr)
        return 2
    db = open_db(args)
    ids = match_cache.all_claims(db) if args.all else args.claim_ids
    with tqdm(total=len(ids), unit="claim", file=sys.stderr, disable=None) as bar:
        found = match_cache.refresh(db, ids, on_claim=lambda _cid: bar.update(1))
    print(f"{len(ids)} claims matched, {found} contradictions found")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    db = open_db(args)
    filters = filters_from(args)
    records = report.records(db, filters)
    if args.format == "csv":
        data = export.to_csv(records)
    else:
        data = report.claimreview_report(db, filters, publisher=args.publisher, rows=records)
    if args.out:
        out = Path(args.out)
        if not out.parent.is_dir():
            print(f"claims: {out}: folder does not exist", file=sys.stderr)
            return 2
        out.write_text(data, encoding="utf-8")
        what = f"{len(records)} claims" if args.format == "csv" else "ClaimReview JSON-LD"
        print(f"wrote {out} ({what})", file=sys.stderr)
    else:
        sys.stdout.write(data)
    return 0
