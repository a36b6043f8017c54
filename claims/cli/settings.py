"""Desk settings: `claims settings` (desk URL, newsroom and fact-check URL for ClaimReview, threshold)."""
from __future__ import annotations

import argparse

from claims import accounts, settings
from claims.cli.common import call, command, open_db


def register(sub: argparse._SubParsersAction, eval_sub: argparse._SubParsersAction) -> None:
    p = command(sub, "settings", "show or change the desk's settings (changing them is an editor's)",
                "claims settings --newsroom \"Valdoria Fact Desk\" --newsroom-url https://news.example "
                "--fact-check-url 'https://news.example/fact-checks/{claim_id}' --reviewer ana")
    p.add_argument("--desk-url", metavar="URL", help="where the desk is served: reports link to URL/claim?id=N")
    p.add_argument("--newsroom", metavar="NAME", help="the organisation that publishes the fact-checks (ClaimReview author)")
    p.add_argument("--newsroom-url", metavar="URL", help="the newsroom's home page")
    p.add_argument("--fact-check-url", metavar="PATTERN",
                   help="URL of a published fact-check, {claim_id} where the claim's id goes (ClaimReview url)")
    p.add_argument("--threshold", type=float, metavar="0..1", help="check-worthiness from which statements join the queue")
    p.add_argument("--reviewer", help="the acting editor (needed to change a setting); an empty value clears a setting")
    p.set_defaults(func=cmd_settings)


def cmd_settings(args: argparse.Namespace) -> int:
    db = open_db(args)
    values = {"desk_url": args.desk_url, "newsroom": args.newsroom, "newsroom_url": args.newsroom_url,
              "fact_check_url": args.fact_check_url}
    errors = (settings.SettingsError, accounts.AccountError, ValueError)
    if any(v is not None for v in values.values()):
        call(errors, settings.set_publishing, db, reviewer=args.reviewer, **values)
    if args.threshold is not None:
        call(errors, settings.set_threshold, db, args.threshold, reviewer=args.reviewer)
    pub = settings.publishing(db)
    for label, value in (("desk URL", pub.desk_url), ("newsroom", pub.newsroom), ("newsroom URL", pub.newsroom_url),
                         ("fact-check URL", pub.fact_check_url),
                         ("threshold", f"{settings.get_threshold(db):.2f}")):
        print(f"{label + ':':<16}{value or '(not set)'}")
    return 0
