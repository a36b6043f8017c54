"""Background matching: `claims worker`."""
from __future__ import annotations

import argparse
import logging
import sys

from claims import match_cache, worker
from claims.cli.common import command, open_db, positive_int


def register(sub: argparse._SubParsersAction, eval_sub: argparse._SubParsersAction) -> None:
    p = command(sub, "worker", "match queued claims in the background (run beside the UI; on PostgreSQL on any machine)",
                "claims worker --workers 2")
    p.add_argument("--workers", type=positive_int, default=None, metavar="N",
                   help="worker processes (default: every core)")
    p.add_argument("--until-empty", action="store_true", help="stop when the queue is empty (batch jobs, tests)")
    p.set_defaults(func=cmd_worker)


def cmd_worker(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        if args.until_empty:
            done = worker.drain(db, workers=args.workers)
            print(f"{done.jobs} jobs run with {done.processes} process(es), {done.failed} failed, "
                  f"{match_cache.count_unmatched(db)} claims of the desk unmatched")
            return 1 if done.failed else 0
        # huey's consumer logs one line per job; errors keep their traceback in this log only.
        logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(processName)s %(message)s")
        print(f"matching jobs from {worker.queue_location(db)}; Ctrl-C stops", file=sys.stderr)
        worker.run_worker(db, workers=args.workers)
    except worker.QueueError as exc:
        print(f"claims: {exc}", file=sys.stderr)
        return 1
    return 0
