"""The review queue: `claims list`, `claims assign`."""
from __future__ import annotations

import argparse

from claims import queue, review
from claims.cli.common import add_filter_args, call, command, fail, filters_from, open_db, short
from claims.text.vocab import DEFAULT_SORT, SORTS


def register(sub: argparse._SubParsersAction, eval_sub: argparse._SubParsersAction) -> None:
    p = command(sub, "list", "list claims in the review queue, with filters",
                "claims list --status unreviewed --speaker Tal --limit 20")
    add_filter_args(p)
    p.add_argument("--sort", default=DEFAULT_SORT, choices=SORTS)
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--page", type=int, default=1)
    p.set_defaults(func=cmd_list)


    p = command(sub, "assign", "assign claims to a reviewer", "claims assign 12 13 14 --to ana --reviewer editor")
    p.add_argument("claim_ids", type=int, nargs="+")
    p.add_argument("--to", help="reviewer to assign to (omit to unassign)")
    p.add_argument("--reviewer", required=True, help="who makes the assignment")
    p.set_defaults(func=cmd_assign)


# Far beyond any desk, short of the database's integer range.
MAX_PAGE = 10**9


def cmd_list(args: argparse.Namespace) -> int:
    if not 1 <= args.limit <= 1000:
        raise fail(f"--limit is 1..1000, not {args.limit}")
    if not 1 <= args.page <= MAX_PAGE:
        raise fail(f"--page starts at 1 (at most {MAX_PAGE:,}), not {args.page}")
    db = open_db(args)
    page = queue.list_claims(db, filters_from(args), sort=args.sort, page=args.page, per_page=args.limit)
    print(" ".join(f"{k}={v}" for k, v in page.counts.items()) + f"  (showing {len(page.rows)} of {page.total})")
    for r in page.rows:
        print(f"{r['claim_id']:>6}  {r['status']:<10} {(r['verdict'] or '-'):<13} {r['checkworthy']:.2f}  "
              f"{short(r['speaker'] or '-', 22):<22}  {short(r['claim_text'], 90)}")
    return 0


def cmd_assign(args: argparse.Namespace) -> int:
    db = open_db(args)
    n = call(review.ReviewError, review.assign, db, args.claim_ids, to=args.to, reviewer=args.reviewer)
    print(f"{n} claims {'assigned to ' + args.to if args.to else 'unassigned'}")
    return 0
