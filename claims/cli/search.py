"""Matching commands: search, matches, eval retrieval."""
from __future__ import annotations

import argparse
import json
import sys
import textwrap
from datetime import date
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

from tqdm import tqdm

from claims import search as matching
from claims.cli.common import open_db
from claims.text.vocab import STANCES, speaker_label
from db.engine import Database


def _parser(sub: argparse._SubParsersAction, name: str, help: str, example: str) -> argparse.ArgumentParser:
    return sub.add_parser(
        name, help=help, description=help[0].upper() + help[1:] + ".",
        epilog=f"example:\n  {example}", formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _output_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--limit", type=int, default=20, metavar="N", help="number of hits (default 20)")
    p.add_argument("--stance", choices=STANCES, help="only hits with this stance")
    p.add_argument("--format", choices=("table", "jsonl"), default="table")
    p.add_argument("--no-group", dest="group", action="store_false",
                   help="list reprints one by one (by default near-identical statements are one entry "
                        "with a count and their outlets)")


def register(sub: argparse._SubParsersAction, eval_sub: argparse._SubParsersAction) -> None:
    p = _parser(sub, "search", "find statements that repeat, support or contradict a text",
                'claims search "This is not a military base" --stance contradicts')
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--speaker", metavar="NAME",
                   help="who said TEXT: statements by the same person (in other sources) rank higher")
    p.add_argument("--context", action="append", default=[], metavar="TEXT",
                   help=f"a sentence said near TEXT, nearest first (up to {matching.MAX_NEIGHBOURS}): "
                        "the checked statements it matches rank higher")
    p.add_argument("--by", metavar="NAME", help="only statements whose speaker's name contains NAME")
    p.add_argument("--outlet", help="only statements of this outlet")
    p.add_argument("--from", dest="date_from", type=date.fromisoformat, metavar="YYYY-MM-DD",
                   help="only sources published on or after this day")
    p.add_argument("--to", dest="date_to", type=date.fromisoformat, metavar="YYYY-MM-DD",
                   help="only sources published on or before this day")
    _output_args(p)
    p.set_defaults(func=cmd_search)

    p = _parser(sub, "matches", "which claim, and its matches (its own statement excluded)", "claims matches 27")
    p.add_argument("claim_id", type=int, metavar="CLAIM_ID")
    p.add_argument("--no-context", dest="use_context", action="store_false",
                   help="rank on the claim's words alone (not its speaker and neighbouring claims)")
    _output_args(p)
    p.set_defaults(func=cmd_matches)

    p = _parser(eval_sub, "retrieval", "claim-matching quality on a BEIR folder (MAP@k, MRR@10, Recall@50)",
                "claims eval retrieval ../shared/data/retrieval/checkthat2020-2a-en --split dev")
    p.add_argument("folder", type=Path, metavar="DIR")
    p.add_argument("--split", default="dev", help="qrels/SPLIT.tsv (default dev)")
    p.add_argument("--k", type=int, default=5, help="k of MAP@k (default 5)")
    p.add_argument("--no-context", dest="use_context", action="store_false",
                   help="score the queries alone only (skip the in-context pass)")
    p.set_defaults(func=cmd_eval_retrieval)


def format_table(hits: Sequence[matching.Match], groups: Sequence[matching.MatchGroup] = ()) -> str:
    """Hits as text; with `groups`, one entry per group of near-identical statements
    (its best hit, then "and N near-identical: outlets"), in the groups' order."""
    if not hits:
        return "no matches"
    entries = [(g.top, g) for g in groups] if groups else [(h, None) for h in hits]
    lines = []
    own_shown = False
    for h, g in entries:
        if g is not None and g.own and not own_shown:
            lines.append("-- from the claim's own article --")
            own_shown = True
        who = speaker_label(h.speaker, h.speaker_title, unknown="-")
        src = h.source_title or f"source {h.source_id}"
        if h.outlet:
            src += f" - {h.outlet}"
        # Statement ids are what `claims evidence` and `claims promote` take; say which id is which.
        ids = f"statement {h.statement_id}" + (f", claim {h.claim_id}" if h.claim_id else "")
        verdict = (f"  verdict: {h.verdict}" if h.verdict
                   else f"  checked, rated: {h.rated}" if h.rated else "")
        lines.append(f"{h.score:5.1f}  {h.stance:<11} [{ids}] {who} | {src}{verdict}")
        lines.append(textwrap.indent(textwrap.fill(h.text, 100), "    "))
        for r in h.reasons:
            lines.append(f"      - {r}")
        if h.context:
            lines.append(f"      ^ ranked up: {', '.join(h.context)}")
        if g is not None and g.copies:
            ids = ", ".join(str(c.statement_id) for c in g.copies)
            lines.append(f"      + {len(g.copies)} near-identical (statements {ids}); outlets: {', '.join(g.outlets)}")
    return "\n".join(lines)


def _print(hits: Sequence[matching.Match], args: argparse.Namespace, own_source_id: Optional[int] = None) -> None:
    # A search lists its hits by score; a claim's matches put contradictions first
    # and its own article last, as the claim page does.
    groups = (matching.group_matches(list(hits), own_source_id=own_source_id, by_stance=own_source_id is not None)
              if args.group else [])
    if args.format == "jsonl":
        # one line per statement; "group" numbers the entry it is folded into
        entry = {id(m): n for n, g in enumerate(groups, 1) for m in (g.top, *g.copies)}
        for h in ([m for g in groups for m in (g.top, *g.copies)] if groups else hits):
            row = h.to_json()
            if groups:
                row["group"] = entry[id(h)]
            print(json.dumps(row, ensure_ascii=False))
    else:
        print(format_table(hits, groups))


def _run(args: argparse.Namespace,
         call: Callable[[Database], tuple[Optional[int], Sequence[matching.Match]]]) -> int:
    if args.limit <= 0:
        print("claims: --limit must be a positive number", file=sys.stderr)
        return 2
    db = open_db(args)
    try:
        own_source_id, hits = call(db)
    except matching.ClaimNotFound as exc:
        print(f"claims: {exc}", file=sys.stderr)
        return 1
    except matching.SearchError as exc:
        print(f"claims: {exc}", file=sys.stderr)
        return 2
    finally:
        db.dispose()
    _print(hits, args, own_source_id)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    if len(args.context) > matching.MAX_NEIGHBOURS:
        print(f"claims: --context given {len(args.context)} times; the first {matching.MAX_NEIGHBOURS} "
              "(the nearest) are used", file=sys.stderr)
    context = matching.ClaimContext(neighbours=tuple((None, t) for t in args.context),
                                    speaker=args.speaker)
    hits = matching.HitFilter(speaker=args.by, outlet=args.outlet, date_from=args.date_from, date_to=args.date_to)
    return _run(args, lambda db: (None, matching.search(db, args.text, limit=args.limit, stance=args.stance,
                                                        context=context or None, hits=hits)))


def cmd_matches(args: argparse.Namespace) -> int:
    def call(db: Database) -> tuple[Optional[int], Sequence[matching.Match]]:
        place, hits = matching.claim_and_matches(db, args.claim_id, args.limit, stance=args.stance,
                                                 use_context=args.use_context)
        if args.format == "table":  # jsonl stays one object a line
            print(f"matches of claim {args.claim_id}: {place.text}\n")
        return place.source_id, hits
    return _run(args, call)


def cmd_eval_retrieval(args: argparse.Namespace) -> int:
    # imported here: the evaluation code is not needed by any other command (~0.4 s)
    from claims.eval import retrieval as eval_retrieval

    def bar(**kw: Any) -> tqdm:
        return tqdm(file=sys.stderr, leave=False, **kw)

    try:
        rep = eval_retrieval.evaluate(args.folder, args.split, k=args.k, progress_factory=bar,
                                      use_context=args.use_context)
    except eval_retrieval.EvalDataError as exc:
        print(f"claims: {exc}", file=sys.stderr)
        return 2
    print("\n".join(rep.lines()))
    return 0
