"""Review desk benchmark: server time of every page with 100,000 statements and 10,000 claims.

    python bench/bench_ui.py                     # 100k statements, 10k claims
    python bench/bench_ui.py --statements 20000 --claims 2000 --repeat 3

Builds a fresh SQLite file: the sample articles (so the claim page shows real
context and matches) plus generated sources, speakers, statements, claims
(a third with verdicts, history rows and evidence), inserted with SQLAlchemy
core executemany. Then runs each page through streamlit's AppTest (the same
script run a browser session triggers, without the websocket) and prints the
median server time per page. The baseline, in the same run, is the same page
over the sample data alone: the ratio says what the size costs.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, insert, select  # noqa: E402
from tqdm import tqdm  # noqa: E402

from claims import accounts  # noqa: E402
from claims.ingest import ingest_paths  # noqa: E402
from claims.text import normalize  # noqa: E402
from db import fts  # noqa: E402
from db.engine import Database, open_database  # noqa: E402
from db.models import Claim, Evidence, Rating, Reviewer, Source, Speaker, Statement, VerdictHistory  # noqa: E402

BUDGET_MS = 1000.0
PASSWORD = "bench password"
OUTLETS = ["The Harbour Herald", "The Seravel Post", "VBS News", "Valdoria Daily Ledger", "Northline Times",
           "Kestrel Courier", "Drevna Gazette", "Radio Seravel"]
SYL = "ka ra to mi sa le vo de na ri pe lu go an el or is us ba ne ti mo ve dra ol ar en zu fi ho".split()
NOUNS = ["workers", "residents", "ships", "jobs", "schools", "patients", "soldiers", "homes", "loans", "votes"]
VERBS = ["evacuated", "hired", "built", "closed", "funded", "approved", "arrested", "injured"]
KINDS = ["direct_quote", "indirect_quote", "narration"]
REVIEWERS = ["ana", "bea", "chen", "dara", "emil"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYL) for _ in range(rng.randint(2, 3))).capitalize()


def _sentence(rng: random.Random, speaker: str) -> str:
    n = rng.choice([rng.randint(2, 99), rng.randint(100, 99_999)])
    neg = rng.random() < 0.15
    return (f"{speaker} said {n:,} {rng.choice(NOUNS)} had {'not ' if neg else ''}been "
            f"{rng.choice(VERBS)} in {_word(rng)} since {rng.choice(['March', 'June', 'October'])} "
            f"{rng.randint(2019, 2026)}.")


def populate(db: Database, n_statements: int, n_claims: int, *, per_source: int = 100, seed: int = 11) -> None:
    """Generated sources/statements/claims, bulk-inserted in one transaction."""
    rng = random.Random(seed)
    n_sources = max(1, n_statements // per_source)
    claim_every = max(1, n_statements // n_claims)
    with db.write() as s:
        conn = s.connection()
        fts.drop_triggers(conn)  # bulk load, then one FTS rebuild
        ratings = {r.label: r.id for r in s.scalars(select(Rating))}
        labels = [label for label in ratings if label != "Needs context"]
        reviewer_ids = []
        for name in REVIEWERS:
            known = s.scalar(select(Reviewer.id).where(Reviewer.name == name))  # ana: the signed-in account
            reviewer_ids.append(known or s.scalar(insert(Reviewer).values(name=name).returning(Reviewer.id)))
        first_source = (s.scalar(select(func.max(Source.id))) or 0) + 1
        sources, speakers = [], []
        for i in range(n_sources):
            sid = first_source + i
            sources.append({
                "id": sid, "title": f"{_word(rng)} {_word(rng)}: generated article {i}", "outlet": rng.choice(OUTLETS),
                "url": f"https://example.org/bench/{i}", "published": date(2024, 1, 1) + timedelta(days=rng.randint(0, 900)),
                "text": "", "content_hash": f"bench-{seed}-{i}",
            })
        first_speaker = (s.scalar(select(func.max(Speaker.id))) or 0) + 1
        statements, claims = [], []
        st_id = (s.scalar(select(func.max(Statement.id))) or 0) + 1
        for src in tqdm(sources, desc="generate", unit="source", leave=False):
            names = [f"{_word(rng)} {_word(rng)}" for _ in range(3)]
            sp_ids = []
            for name in names:
                sp_ids.append(first_speaker + len(speakers))
                speakers.append({"id": sp_ids[-1], "source_id": src["id"], "name": name, "title": "official"})
            parts, pos = [], 0
            for seq in range(per_source):
                k = rng.randrange(3)
                text = _sentence(rng, names[k])
                statements.append({
                    "id": st_id, "source_id": src["id"], "seq": seq, "text": text, "start": pos, "end": pos + len(text),
                    "paragraph": seq // 4, "kind": rng.choice(KINDS), "speaker_id": sp_ids[k], "cue": "said",
                    "checkworthy": round(rng.random(), 2), "reasons": "[]", "norm_text": normalize.index_text(text),
                })
                parts.append(text)
                pos += len(text) + (2 if seq % 4 == 3 else 1)
                if st_id % claim_every == 0 and len(claims) < n_claims:
                    claims.append(st_id)
                st_id += 1
            src["text"] = "".join(p + ("\n\n" if j % 4 == 3 else " ") for j, p in enumerate(parts))
        s.execute(insert(Source), sources)
        s.execute(insert(Speaker), speakers)
        for i in tqdm(range(0, len(statements), 5000), desc="statements", unit="5k", leave=False):
            s.execute(insert(Statement), statements[i:i + 5000])
        first_claim = (s.scalar(select(func.max(Claim.id))) or 0) + 1
        claim_rows, history, evidence = [], [], []
        now = datetime(2026, 6, 1)
        for j, stid in enumerate(claims):
            cid = first_claim + j
            row = {"id": cid, "statement_id": stid, "status": "unreviewed", "version": 1}
            if rng.random() < 0.33:
                label = rng.choice(labels)
                who = rng.choice(reviewer_ids)
                when = now - timedelta(days=rng.randint(0, 60))
                row.update(status="reviewed", rating_id=ratings[label], rationale="generated", reviewer_id=who,
                           reviewed_at=when, version=2)
                history.append({"claim_id": cid, "action": "verdict", "new_verdict": label, "old_status": "unreviewed",
                                "new_status": "reviewed", "rationale": "generated", "reviewer_id": who, "changed_at": when})
            if rng.random() < 0.2:
                row["assigned_to_id"] = rng.choice(reviewer_ids)
            if rng.random() < 0.1:
                evidence.append({"claim_id": cid, "statement_id": stid - 1, "stance": rng.choice(["contradicts", "supports"])})
            claim_rows.append(row)
        s.execute(insert(Claim), claim_rows)
        if history:
            s.execute(insert(VerdictHistory), history)
        if evidence:
            s.execute(insert(Evidence), evidence)
        fts.rebuild(s)


def _page_timers(url: str) -> dict[str, Callable[[], float]]:
    """name -> a function that runs that page once and returns its server time in ms."""
    os.environ["CLAIMS_DATABASE_URL"] = url
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_resource.clear()
    st.cache_data.clear()
    db = open_database(url)
    with db.read() as s:
        # A sample-data claim: real paragraph and real matches.
        claim_id = s.scalar(select(func.min(Claim.id)))
        source_id = s.scalar(select(func.min(Source.id)))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()  # imports and the engine: a server pays them once; the sign-in form
    at.text_input(key="signin_name").input("ana")
    at.text_input(key="signin_password").input(PASSWORD)
    at.button[0].click().run()
    if at.exception or not at.session_state["session_token"]:
        raise RuntimeError("bench: sign-in failed")

    def sign_in() -> float:
        """A new browser: the sign-in form, then the sign-in run (argon2 check, token, first page)."""
        fresh = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        t = time.perf_counter()
        fresh.run()
        fresh.text_input(key="signin_name").input("ana")
        fresh.text_input(key="signin_password").input(PASSWORD)
        fresh.button[0].click().run()
        ms = (time.perf_counter() - t) * 1000
        if fresh.exception or "Signed in as ana" not in [m.value for m in fresh.sidebar.markdown]:
            raise RuntimeError("sign-in: not signed in")
        return ms

    def page(name: str, setup: Callable[[], None] | None = None, **query: str) -> Callable[[], float]:
        def run() -> float:
            at.switch_page(f"ui/{name}_page.py")
            at.query_params.clear()
            at.query_params.update(query)
            if setup:
                setup()
            t = time.perf_counter()
            at.run()
            ms = (time.perf_counter() - t) * 1000
            if at.exception:
                raise RuntimeError(f"{name}: {at.exception[0].value}")
            return ms
        return run

    def first_page() -> None:
        at.session_state["q_page"] = 1

    def search_text() -> None:
        at.session_state["search_text"] = "Police said about 800 residents were evacuated"

    def last_page() -> None:
        at.session_state["q_page"] = 10**6  # clamped to the last page

    return {
        "sign-in (both runs)": sign_in,
        "queue": page("queue", first_page),
        "queue (text filter)": page("queue", first_page, text="residents"),  # the filter is in the URL
        "queue (last page)": page("queue", last_page),
        "claim": page("claim", id=str(claim_id)),
        "search": page("search", search_text),
        "sources (list)": page("sources"),
        "sources (article)": page("sources", id=str(source_id)),
        "report": page("report"),
        "settings": page("settings"),
    }


def measure(url: str, repeat: int) -> dict[str, float]:
    out = {}
    for name, run in _page_timers(url).items():
        run()  # first visit imports the page's own modules (altair, the matcher)
        out[name] = statistics.median(run() for _ in range(repeat))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--statements", type=int, default=100_000)
    ap.add_argument("--claims", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=5, help="runs per page (median)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimdesk-bench-ui-") as tmp:
        small_url = f"sqlite:///{Path(tmp) / 'sample.db'}"
        big_url = f"sqlite:///{Path(tmp) / 'big.db'}"
        for url in (small_url, big_url):
            db = open_database(url)
            ingest_paths(db, [ROOT / "sample_data"])
            accounts.add_user(db, "ana", "admin", PASSWORD, by=None)  # the desk's first admin, signed in below
        t = time.perf_counter()
        big = open_database(big_url)
        populate(big, args.statements, args.claims)
        with big.read() as s:
            n_st = s.scalar(select(func.count()).select_from(Statement))
            n_cl = s.scalar(select(func.count()).select_from(Claim))
        print(f"generated {n_st:,} statements, {n_cl:,} claims in {time.perf_counter() - t:.1f} s")
        base = measure(small_url, args.repeat)
        large = measure(big_url, args.repeat)
    print(f"\nmedian server time per page over {args.repeat} runs (AppTest script run), budget {BUDGET_MS:.0f} ms")
    print(f"{'page':<22}{'sample data':>13}{f'{n_st // 1000}k/{n_cl // 1000}k':>13}{'ratio':>8}  ok")
    worst = 0.0
    for name in large:
        worst = max(worst, large[name])
        print(f"{name:<22}{base[name]:>10.0f} ms{large[name]:>10.0f} ms{large[name] / base[name]:>7.1f}x"
              f"  {'yes' if large[name] < BUDGET_MS else 'NO'}")
    print(f"\nslowest page: {worst:.0f} ms ({'within' if worst < BUDGET_MS else 'over'} the {BUDGET_MS:.0f} ms budget)")
    return 0 if worst < BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
