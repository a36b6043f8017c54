"""The match cache: `claims rematch`."""
from __future__ import annotations

import argparse
import sys

from tqdm import tqdm

from claims import match_cache
from claims.cli.common import command, open_db


def register(sub: argparse._SubParsersAction, eval_sub: argparse._SubParsersAction) -> None:
    p = command(sub, "rematch", "recompute the cached matches (and contradictions) of claims",
                "claims rematch --all   |   claims rematch 12 13")
    p.add_argument("claim_ids", type=int, nargs="*")
    p.add_argument("--all", action="store_true", help="every claim (after a bulk load or an upgrade)")
    p.set_defaults(func=cmd_rematch)


def cmd_rematch(args: argparse.Namespace) -> int:
    if bool(args.all) == bool(args.claim_ids):
        print("claims rematch: name claim ids or --all (not both)", file=sys.stderr)
        return 2
    db = open_db(args)
    ids = match_cache.all_claims(db) if args.all else args.claim_ids
    with tqdm(total=len(ids), unit="claim", file=sys.stderr, disable=None) as bar:
        found = match_cache.refresh(db, ids, on_claim=lambda _cid: bar.update(1))
    print(f"{len(ids)} claims matched, {found} contradictions found")
    return 0
