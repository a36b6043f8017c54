"""Reviewing a claim: verdicts, evidence, reuse, promote, dismiss, history, the rating scale."""
from __future__ import annotations

import argparse
import sys

from claims import reservations, review
from claims.cli.common import call, command, fail, open_db, short
from claims.text.vocab import STANCES, VERDICT_ACTIONS
from db.engine import Database


def register(sub: argparse._SubParsersAction, eval_sub: argparse._SubParsersAction) -> None:
    p = command(sub, "review", "set a claim's verdict with a rationale",
                'claims review 12 --verdict False --rationale "Port records show 4 ships" --reviewer ana')
    p.add_argument("claim_id", type=int)
    p.add_argument("--verdict", required=True, help='a label of the rating scale (see `claims scale`), or "none"')
    p.add_argument("--rationale", default="")
    p.add_argument("--reviewer", required=True)
    p.add_argument("--version", type=int, help="refuse if the claim changed since this version")
    p.add_argument("--also-repeats", action="store_true",
                   help="give the same verdict to the claim's repeats (reprints, wire copies: see `claims repeats`), "
                        "each with its own history row; a repeat changed meanwhile is skipped and named")
    p.set_defaults(func=cmd_review)


    p = command(sub, "repeats", "list the claims that repeat a claim (near-identical statements elsewhere)",
                "claims repeats 12")
    p.add_argument("claim_id", type=int)
    p.set_defaults(func=cmd_repeats)


    p = command(sub, "evidence", "link a statement to a claim as evidence",
                'claims evidence 27 28 --stance contradicts --reviewer ana --note "Varga: a 25-year lease for Pier 4"')
    p.add_argument("claim_id", type=int)
    p.add_argument("statement_id", type=int)
    p.add_argument("--stance", required=True, choices=STANCES)
    p.add_argument("--note")
    p.add_argument("--reviewer", required=True)
    p.set_defaults(func=cmd_evidence)


    p = command(sub, "reuse", "copy the verdict of a reviewed claim onto another claim",
                "claims reuse 12 --from 7 --reviewer ana")
    p.add_argument("claim_id", type=int)
    p.add_argument("--from", dest="from_claim_id", type=int, required=True)
    p.add_argument("--reviewer", required=True)
    p.set_defaults(func=cmd_reuse)


    p = command(sub, "promote", "put any statement on the review queue", "claims promote 345 --reviewer ana")
    p.add_argument("statement_id", type=int)
    p.add_argument("--reviewer", required=True)
    p.set_defaults(func=cmd_promote)


    p = command(sub, "dismiss", "take a queued statement off the queue: not a claim", "claims dismiss 12 --reviewer ana")
    p.add_argument("claim_id", type=int)
    p.add_argument("--reviewer", required=True)
    p.set_defaults(func=cmd_dismiss)


    p = command(sub, "history", "show who changed what on a claim", "claims history 27")
    p.add_argument("claim_id", type=int)
    p.set_defaults(func=cmd_history)


    p = command(sub, "scale", "show or edit the rating scale",
                'claims scale --add "Misleading"   |   claims scale --rename 3 "Partly true"')
    p.add_argument("--add", metavar="LABEL")
    p.add_argument("--rename", nargs=2, metavar=("ID", "LABEL"))
    p.add_argument("--delete", type=int, metavar="ID")
    p.add_argument("--reviewer", help="the acting editor (needed to change the scale; a rename is recorded on "
                                      "every claim that uses the label)")
    p.set_defaults(func=cmd_scale)


def cmd_review(args: argparse.Namespace) -> int:
    db = open_db(args)
    if args.also_repeats:
        code = _review_with_repeats(db, args)
    else:
        st = call(review.ReviewError, review.set_verdict, db, args.claim_id, verdict=args.verdict,
                  rationale=args.rationale, reviewer=args.reviewer, expected_version=args.version)
        print(f"claim {st.claim_id}: {st.verdict or 'no verdict'} ({st.status}), version {st.version}, by {st.reviewer}")
        code = 0
    # read after the save: a claim that does not exist has failed by now, and the save keeps others' holds
    held = reservations.holder(db, args.claim_id, reviewer=args.reviewer)
    if held is not None and not held.mine:
        # As in the UI, a claim someone else is reviewing is saved anyway, but not silently:
        # their own save is then refused as stale (the version check), their words kept as a draft.
        print(f"claims: note: {held.reviewer} was reviewing claim {args.claim_id} (held until "
              f"{held.expires_at:%H:%M} UTC); their save will be refused as stale", file=sys.stderr)
    return code


def _review_with_repeats(db: Database, args: argparse.Namespace) -> int:
    versions = None
    if args.version is not None:  # this claim as of --version, its repeats as listed now
        found = call(review.ReviewError, review.repeats, db, args.claim_id)
        versions = {args.claim_id: args.version, **{r.claim_id: r.version for r in found}}
    res = call(review.ReviewError, review.bulk_verdict, db, args.claim_id, verdict=args.verdict,
               rationale=args.rationale, reviewer=args.reviewer, versions=versions)
    for st in res.saved:
        print(f"claim {st.claim_id}: {st.verdict or 'no verdict'} ({st.status}), version {st.version}, by {st.reviewer}")
    print(f"claim {args.claim_id} and its repeats: {res.line()}")
    if res.stale or res.refused:
        print(f"claims: not every repeat was saved: {res.line()}", file=sys.stderr)
        return 1
    return 0


def cmd_repeats(args: argparse.Namespace) -> int:
    db = open_db(args)
    found = call(review.ReviewError, review.repeats, db, args.claim_id)
    if not found:
        print(f"claim {args.claim_id}: no repeats on the desk")
    for st in found:
        print(f"{st.claim_id:>6}  {st.status:<11} {st.verdict or '-':<16} version {st.version}")
    return 0


def cmd_evidence(args: argparse.Namespace) -> int:
    db = open_db(args)
    call(review.ReviewError, review.attach_evidence, db, args.claim_id, args.statement_id, stance=args.stance,
                 reviewer=args.reviewer, note=args.note)
    print(f"claim {args.claim_id}: statement {args.statement_id} linked as {args.stance}")
    return 0


def cmd_reuse(args: argparse.Namespace) -> int:
    db = open_db(args)
    st = call(review.ReviewError, review.reuse_verdict, db, args.claim_id, from_claim_id=args.from_claim_id, reviewer=args.reviewer)
    print(f"claim {st.claim_id}: {st.verdict} reused from claim {args.from_claim_id}")
    return 0


def cmd_promote(args: argparse.Namespace) -> int:
    db = open_db(args)
    cid = call(review.ReviewError, review.promote_statement, db, args.statement_id, reviewer=args.reviewer)
    print(f"statement {args.statement_id} is claim {cid}")
    return 0


def cmd_dismiss(args: argparse.Namespace) -> int:
    db = open_db(args)
    call(review.ReviewError, review.mark_not_claim, db, args.claim_id, reviewer=args.reviewer)
    print(f"claim {args.claim_id} dismissed: off the queue, history kept (`claims promote` brings it back)")
    return 0


# History rows shown as "old -> new": decisions, imports, and renames of the label a verdict uses.
SHOWN_AS_CHANGE = (*VERDICT_ACTIONS, "import", "relabel")


def cmd_history(args: argparse.Namespace) -> int:
    db = open_db(args)
    rows = call(review.ReviewError, review.history, db, args.claim_id)
    if not rows:
        print(f"claim {args.claim_id}: no changes yet")
    for h in rows:
        change = f"{h['old_verdict'] or '-'} -> {h['new_verdict'] or '-'}" if h["action"] in SHOWN_AS_CHANGE else ""
        print(f"{h['changed_at']}  {h['reviewer'] or '-':<12} {h['action']:<9} {change:<28} "
              f"{short(h['rationale'] or h['note'] or '', 70)}")
    return 0


def cmd_scale(args: argparse.Namespace) -> int:
    db = open_db(args)
    if args.add:
        call(review.ReviewError, review.add_rating, db, args.add, reviewer=args.reviewer)
    if args.rename:
        if not args.rename[0].isdigit():
            raise fail(f"scale --rename ID LABEL: ID must be a number (see `claims scale`), not {args.rename[0]!r}")
        n = call(review.ReviewError, review.rename_rating, db, int(args.rename[0]), args.rename[1],
                 reviewer=args.reviewer)
        print(f"renamed; recorded on the history of {n} claims using it")
    if args.delete is not None:
        call(review.ReviewError, review.delete_rating, db, args.delete, reviewer=args.reviewer)
    for r in review.scale(db):
        print(f"{r['id']:>3}  {r['label']:<16} {'final' if r['final'] else '':<6} used by {r['in_use']}")
    return 0
