"""Ingest + matching benchmark: generated articles ingested, then fully matched by 1 and by 2
worker processes, in the same run.

    python bench/bench_ingest.py                    # 2,000 articles (~20,000 statements)
    python bench/bench_ingest.py --articles 200     # a quick look

For each worker count the same articles go into a fresh SQLite desk: `ingest` (extraction and
storage, each file its own transaction, claims queued) is timed apart from `match` (the queue
drained by N processes through claims.worker, as `claims ingest --wait` does). Prints wall
times, claims matched per second, and the throughput ratio of 2 workers to 1.

The articles are generated here (no shared data): news-like paragraphs with quoted and
reported statements about figures, names and places from a pseudo-word vocabulary, where
later articles repeat, negate or change the figures of earlier ones (so matching finds
supports and contradictions, as on a real desk).
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SYL = "ka ra to mi sa le vo de na ri pe lu go an el or is us ba ne ti mo ve dra sk ol ar en ya zu fi ho ce ga bo li ma".split()
ROLES = "minister mayor governor spokesperson director senator ambassador economist prosecutor commander analyst".split()
ORGS = "ministry council army police hospital court parliament company union agency bank university commission".split()
NOUNS = ["civilians", "workers", "schools", "ships", "jobs", "houses", "soldiers", "patients", "tonnes of grain",
         "votes", "flights", "bridges", "teachers", "students", "farms", "clinics", "roads", "loans"]
VERBS = [("killed", "did not kill"), ("built", "did not build"), ("closed", "did not close"), ("hired", "did not hire"),
         ("arrested", "did not arrest"), ("funded", "did not fund"), ("destroyed", "did not destroy"),
         ("approved", "did not approve"), ("evacuated", "did not evacuate"), ("exported", "did not export")]
MONTHS = "January February March April May June July August September October November December".split()
CUES = ["said", "told reporters", "claimed", "announced", "insisted"]


class Generator:
    def __init__(self, seed: int = 11) -> None:
        self.rng = random.Random(seed)
        self.names = [self._word().title() + " " + self._word().title() for _ in range(3_000)]
        self.places = [self._word().title() for _ in range(1_500)]
        self.facts: list[tuple[str, str, int, tuple[str, str], str]] = []  # org, noun, n, verb, place

    def _word(self) -> str:
        return "".join(self.rng.choice(SYL) for _ in range(self.rng.randint(2, 3)))

    def _fact(self) -> tuple[str, str, int, tuple[str, str], str]:
        r = self.rng
        if self.facts and r.random() < 0.3:  # a story other outlets covered too
            return r.choice(self.facts)
        fact = (r.choice(ORGS), r.choice(NOUNS), r.randint(3, 9_000), r.choice(VERBS), r.choice(self.places))
        self.facts.append(fact)
        return fact

    def _sentence(self) -> str:
        r = self.rng
        org, noun, n, (verb, negated), place = self._fact()
        if r.random() < 0.15:
            n = n + r.randint(1, 50)  # a changed figure: a contradiction to find
        who, role, cue = r.choice(self.names), r.choice(ROLES), r.choice(CUES)
        month = r.choice(MONTHS)
        templates = [
            f'"The {org} {verb} {n} {noun} in {place} in {month}," {who}, the {role}, {cue}.',
            f"{who}, the {org} {role}, {cue} that the {org} had {verb} {n} {noun} in {place}.",
            f"The {org} {verb} {n} {noun} in {place} last year, according to {who}.",
            f'"We {negated} a single one of those {noun} in {place}," {who} {cue}.',
            f"Residents of {place} gathered outside the {org} on {month} {r.randint(1, 28)} to hear {who} speak.",
            f"{who} {cue} the {org} would publish its figures for {place} in {month}.",
        ]
        return r.choice(templates)

    def article(self, i: int) -> str:
        r = self.rng
        paragraphs = [" ".join(self._sentence() for _ in range(r.randint(1, 3))) for _ in range(5)]
        title = f"{r.choice(ORGS).title()} in {r.choice(self.places)}: story {i}"
        day = 1 + i % 28
        return (f"---\ntitle: {title}\noutlet: Bench Wire {i % 7}\npublished: 2026-{1 + i % 12:02d}-{day:02d}\n---\n\n"
                + "\n\n".join(paragraphs) + "\n")


def write_articles(folder: Path, n: int, seed: int) -> None:
    gen = Generator(seed)
    for i in range(n):
        (folder / f"article-{i:05d}.md").write_text(gen.article(i), encoding="utf-8")


def run(folder: Path, workdir: Path, workers: int) -> dict[str, float]:
    from claims import match_cache, worker
    from claims.ingest import ingest_paths
    from db.engine import open_database

    url = f"sqlite:///{workdir / f'desk-{workers}.db'}"
    db = open_database(url)
    t0 = time.perf_counter()
    summary = ingest_paths(db, [folder], wait=False)
    t1 = time.perf_counter()
    c1 = _cpu()
    done = worker.drain(db, workers=workers)
    t2 = time.perf_counter()
    c2 = _cpu()
    db = open_database(url, migrate_schema=False)
    left = match_cache.count_unmatched(db)
    db.dispose()
    assert summary.count("errors") == 0 and done.failed == 0 and left == 0, (summary.line(), done, left)
    return {"statements": summary.count("statements"), "claims": summary.count("claims"),
            "ingest_s": t1 - t0, "match_s": t2 - t1, "total_s": t2 - t0, "processes": done.processes,
            "match_cpu_s": c2 - c1}


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the drain's worker processes):
    what the matching costs whatever else the machine is running."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=2_000)
    ap.add_argument("--workers", default="1,2", help="worker counts to run, comma-separated")
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    counts = [int(w) for w in args.workers.split(",")]
    with tempfile.TemporaryDirectory(prefix="claimdesk-bench-ingest-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        write_articles(folder, args.articles, args.seed)
        print(f"{args.articles} generated articles, {os.cpu_count()} cores, load average before: "
              f"{os.getloadavg()[0]:.1f} (other work on the machine slows the wall times, not the CPU per claim)", flush=True)
        print(f"{'workers':>7} {'statements':>10} {'claims':>7} {'ingest s':>9} {'match s':>8} {'total s':>8} {'claims/s':>9} {'cpu ms/claim':>12}")
        results = {}
        for n in counts:
            r = results[n] = run(folder, Path(tmp), n)
            print(f"{n:>7} {r['statements']:>10} {r['claims']:>7} {r['ingest_s']:>9.1f} {r['match_s']:>8.1f} "
                  f"{r['total_s']:>8.1f} {r['claims'] / r['match_s']:>9.1f} {1000 * r['match_cpu_s'] / r['claims']:>12.1f}", flush=True)
        if 1 in results and len(results) > 1:
            base = results[1]["claims"] / results[1]["match_s"]
            for n in counts:
                if n != 1:
                    rate = results[n]["claims"] / results[n]["match_s"]
                    print(f"matching throughput, {n} workers vs 1: {rate / base:.2f}x")


if __name__ == "__main__":
    main()
