"""The match cache: `claims rematch`."""
from __future__ import annotations

import argparse
import sys

from claims import match_cache, queue, worker
from claims.cli.common import command, open_db, positive_int


def register(sub: argparse._SubParsersAction, eval_sub: argparse._SubParsersAction) -> None:
    p = command(sub, "rematch", "recompute the cached matches (and contradictions) of claims",
                "claims rematch --missing   |   claims rematch --all   |   claims rematch 12 13")
    p.add_argument("claim_ids", type=int, nargs="*")
    p.add_argument("--all", action="store_true", help="every claim (after a bulk load or an upgrade)")
    p.add_argument("--missing", action="store_true",
                   help="claims whose matches were never written (after a crash or a stopped worker)")
    p.add_argument("--workers", type=positive_int, default=None, metavar="N",
                   help="processes that match (default: every core)")
    p.add_argument("--no-wait", action="store_true", help="only queue the claims for `claims worker`")
    p.set_defaults(func=cmd_rematch)


def cmd_rematch(args: argparse.Namespace) -> int:
    if sum([bool(args.all), bool(args.missing), bool(args.claim_ids)]) != 1:
        print("claims rematch: name claim ids, --all or --missing (one of them)", file=sys.stderr)
        return 2
    db = open_db(args)
    if args.all:
        ids = match_cache.all_claims(db)
    elif args.missing:
        ids = match_cache.unmatched_claims(db)
    else:
        ids = args.claim_ids
        missing = queue.missing_claims(db, ids)
        if missing:  # nothing queued: a typo must not pass for "matched"
            print(f"claims: no claim with id{'s' if len(missing) > 1 else ''} {', '.join(map(str, missing))}",
                  file=sys.stderr)
            return 1
    try:
        worker.enqueue(db, ids)
        if args.no_wait:
            print(f"{len(ids)} claims queued for matching: `claims worker` matches them")
            return 0
        done = worker.drain(db, workers=args.workers)
    except worker.QueueError as exc:
        print(f"claims: {exc}", file=sys.stderr)
        return 1
    left = match_cache.count_unmatched(db)
    print(f"{len(ids)} claims matched with {done.processes} process(es), {done.failed} jobs failed, "
          f"{left} claims of the desk still unmatched")
    return 1 if done.failed else 0
