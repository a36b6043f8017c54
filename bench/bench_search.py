"""Search benchmark: a generated store of news-like statements at several sizes.

    python bench/bench_search.py                      # 10k, 100k and 1M statements
    python bench/bench_search.py --sizes 10000,100000

Per size: index build time (normalise + bulk insert + FTS rebuild), database
size, peak memory of a fresh search process, search latency p50/p95 over 200
queries through claims.search.search (the workbench code path), the same
with a claim's context (4 neighbours and a speaker, as the claim page searches), hit@10 (does
the statement the query was derived from come back), and the same figures for
a plain rapidfuzz `process.extract` scan over all statements, as a ratio.

The statements are generated from templates with a large pseudo-word
vocabulary (names and places) so that term frequencies are Zipf-like; each
fact appears as several paraphrases, a negated variant and a number-changed
variant. Queries are fresh paraphrases of sampled facts.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tqdm import tqdm  # noqa: E402

# --- generator ---------------------------------------------------------------------

SYL = ("ka ra to mi sa le vo de na ri pe lu go an el or is us ba ne ti mo ra ve dra sk ol ar en "
       "ya zu fi ho ce ga bo li ma").split()
ROLES = ("minister mayor governor spokesperson director senator ambassador chief economist "
         "prosecutor commander analyst professor chairman president secretary").split()
ORGS = ("ministry council army police hospital court parliament company union agency bank "
        "university commission committee navy party government office").split()
NOUNS = [("civilian", "civilians"), ("worker", "workers"), ("school", "schools"), ("ship", "ships"),
         ("job", "jobs"), ("house", "houses"), ("soldier", "soldiers"), ("patient", "patients"),
         ("tonne", "tonnes"), ("vote", "votes"), ("flight", "flights"), ("bridge", "bridges"),
         ("teacher", "teachers"), ("student", "students"), ("farm", "farms"), ("clinic", "clinics"),
         ("road", "roads"), ("loan", "loans"), ("protester", "protesters"), ("vaccine dose", "vaccine doses")]
VERBS = [("killed", "had killed", "did not kill"), ("built", "had built", "did not build"),
         ("closed", "had closed", "did not close"), ("hired", "had hired", "did not hire"),
         ("arrested", "had arrested", "did not arrest"), ("funded", "had funded", "did not fund"),
         ("destroyed", "had destroyed", "did not destroy"), ("exported", "had exported", "did not export"),
         ("approved", "had approved", "did not approve"), ("evacuated", "had evacuated", "did not evacuate")]
MONTHS = "January February March April May June July August September October November December".split()
CUES = ["said", "told reporters", "claimed", "announced", "wrote in a statement", "insisted"]


class Generator:
    def __init__(self, seed: int = 7, n_names: int = 40_000) -> None:
        self.rng = random.Random(seed)
        # Pseudo-words for people and places: a long tail of rare terms, as in news.
        self.names = list({self._word() for _ in range(n_names)})

    def _word(self) -> str:
        return "".join(self.rng.choice(SYL) for _ in range(self.rng.randint(2, 4))).capitalize()

    def _zipf(self, seq: list[str]) -> str:
        # index ~ Zipf: a few very common names, a long tail of rare ones
        i = int(len(seq) ** self.rng.random()) - 1
        return seq[i]

    def fact(self) -> dict:
        r = self.rng
        return {
            "person": f"{self._zipf(self.names)} {self._zipf(self.names)}",
            "role": r.choice(ROLES), "place": self._zipf(self.names), "org": r.choice(ORGS),
            "verb": r.choice(VERBS), "noun": r.choice(NOUNS), "n": r.choice([r.randint(2, 99), r.randint(100, 99_999)]),
            "month": r.choice(MONTHS), "year": r.randint(1995, 2026), "cue": r.choice(CUES),
        }

    def render(self, f: dict, form: int, *, n: int | None = None, negate: bool = False) -> str:
        n = f["n"] if n is None else n
        num = f"{n:,}"
        past, perfect, neg = f["verb"]
        verb = neg if negate else past
        noun = f["noun"][1]
        forms = [
            f"The {f['org']} in {f['place']} {verb} {num} {noun} in {f['month']} {f['year']}, "
            f"{f['person']}, the {f['role']}, {f['cue']}.",
            f"{f['person']} {f['cue']} that the {f['org']} {'had not' if negate else 'had'} "
            f"{perfect.split()[-1]} {num} {noun} in {f['place']} in {f['year']}.",
            f"According to the {f['role']} {f['person']}, {num} {noun} were "
            f"{'not ' if negate else ''}{perfect.split()[-1]} by the {f['place']} {f['org']} last {f['month']}.",
            f"In {f['month']} {f['year']} the {f['place']} {f['org']} {verb} some {num} {noun}.",
        ]
        return forms[form % len(forms)]

    def store(self, size: int) -> tuple[list[str], list[tuple[str, int, int]]]:
        """`size` statements and 200 queries (query text, first and end index of the
        statements of the fact it paraphrases)."""
        texts: list[str] = []
        facts: list[tuple[dict, int]] = []
        while len(texts) < size:
            f = self.fact()
            first = len(texts)
            for form in self.rng.sample(range(4), self.rng.randint(1, 3)):
                texts.append(self.render(f, form))
            if self.rng.random() < 0.3:
                texts.append(self.render(f, self.rng.randrange(4), negate=True))
            if self.rng.random() < 0.3:
                texts.append(self.render(f, self.rng.randrange(4), n=f["n"] + self.rng.randint(1, 50)))
            facts.append((f, first, len(texts)))
        texts = texts[:size]
        queries = []
        pool = [x for x in facts if x[1] < size]
        for f, first, end in self.rng.sample(pool, min(200, len(pool))):
            q = self.render(f, self.rng.randrange(4))
            words = q.split()
            del words[self.rng.randrange(len(words))]  # a paraphrase, not a copy
            queries.append((" ".join(words), first, min(end, size)))
        return texts, queries


# --- measurements ------------------------------------------------------------------

def peak_mb() -> float:
    # VmHWM is this process's own high-water mark; ru_maxrss can carry the
    # parent's peak across fork+exec on Linux.
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(url: str, texts: list[str]) -> float:
    from claims.text.normalize import index_text
    from db import fts, queries
    from db.engine import open_database
    from db.models import Source

    db = open_database(url)
    t0 = time.perf_counter()
    with db.write() as s:
        # a fact-check source: the in-context search lifts its statements (full work)
        src = Source(kind="factcheck", title="bench", text="", content_hash="bench")
        s.add(src)
        s.flush()
        fts.drop_triggers(s.connection())
        step = 20_000
        for i in tqdm(range(0, len(texts), step), desc="indexing", unit="batch", file=sys.stderr, leave=False):
            queries.sources.bulk_add_statements(
                s, src.id, [{"text": t, "norm_text": index_text(t)} for t in texts[i:i + step]])
        fts.rebuild(s)
    elapsed = time.perf_counter() - t0
    db.dispose()
    return elapsed


def search_phase(url: str, queries_path: str) -> dict:
    """Runs in a fresh process so that its peak memory is the search's own."""
    from claims.search import MAX_NEIGHBOURS, ClaimContext, search
    from db.engine import open_database

    queries = json.loads(Path(queries_path).read_text())
    db = open_database(url, migrate_schema=False)
    search(db, queries[0][0], limit=10)  # warm the page cache and the stemmer
    lat, hit = [], 0
    for q, first, last in queries:
        t = time.perf_counter()
        hits = search(db, q, limit=10)
        lat.append((time.perf_counter() - t) * 1000)
        hit += any(first <= h.statement_id <= last for h in hits)
    # As the claim page searches: with the claim's neighbours (the next queries
    # stand in for them) and a speaker, i.e. 1 + MAX_NEIGHBOURS candidate stages.
    ctx_lat = []
    for n, (q, _first, _last) in enumerate(queries):
        near = tuple((None, queries[(n + k) % len(queries)][0]) for k in range(1, MAX_NEIGHBOURS + 1))
        t = time.perf_counter()
        search(db, q, limit=10, context=ClaimContext(neighbours=near, speaker="Vera Lind"))
        ctx_lat.append((time.perf_counter() - t) * 1000)
    db.dispose()
    return {"lat": lat, "ctx_lat": ctx_lat, "hit10": hit / len(queries), "peak_mb": peak_mb()}


def scan_phase(texts: list[str], queries: list[tuple[str, int, int]], n: int) -> dict:
    from rapidfuzz import fuzz, process, utils

    lat, hit = [], 0
    for q, first, end in queries[:n]:
        t = time.perf_counter()
        res = process.extract(q, texts, scorer=fuzz.token_set_ratio, processor=utils.default_process, limit=10)
        lat.append((time.perf_counter() - t) * 1000)
        hit += any(first <= r[2] < end for r in res)
    return {"lat": lat, "hit10": hit / n}


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def run_size(size: int, scan_queries: int) -> None:
    from claims.search import MAX_NEIGHBOURS
    gen = Generator()
    t = time.perf_counter()
    texts, queries = gen.store(size)
    gen_s = time.perf_counter() - t
    with tempfile.TemporaryDirectory(prefix="claims-bench-") as tmp:
        path = Path(tmp) / "bench.db"
        url = f"sqlite:///{path}"
        build_s = build(url, texts)
        # statement ids are 1..size in insertion order (fresh database, one source)
        qfile = Path(tmp) / "queries.json"
        qfile.write_text(json.dumps([(q, first + 1, end) for q, first, end in queries]))
        db_mb = sum(p.stat().st_size for p in Path(tmp).glob("bench.db*")) / 2**20
        out = subprocess.run([sys.executable, __file__, "--search-phase", url, str(qfile)],
                             check=True, capture_output=True, text=True)
        s = json.loads(out.stdout)
    scan = scan_phase(texts, queries, min(scan_queries, len(queries)))
    p50, p95 = pct(s["lat"], 50), pct(s["lat"], 95)
    sp50, sp95 = pct(scan["lat"], 50), pct(scan["lat"], 95)
    print(f"\n== {size:,} statements (generated in {gen_s:.1f} s)")
    print(f"index build      {build_s:8.1f} s   ({size / build_s:,.0f} statements/s)")
    print(f"database size    {db_mb:8.1f} MB")
    print(f"search peak RSS  {s['peak_mb']:8.0f} MB")
    print(f"search latency   p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  hit@10 {s['hit10']:.3f}  (200 queries)")
    print(f"in context       p50 {pct(s['ctx_lat'], 50):7.1f} ms  p95 {pct(s['ctx_lat'], 95):7.1f} ms  "
          f"(claim page: + {MAX_NEIGHBOURS} neighbours and a speaker)")
    print(f"rapidfuzz scan   p50 {sp50:7.1f} ms  p95 {sp95:7.1f} ms  hit@10 {scan['hit10']:.3f}  "
          f"({len(scan['lat'])} queries)")
    print(f"speed-up         p50 {sp50 / p50:6.0f}x   p95 {sp95 / p95:6.0f}x  (scan / search)")
    sys.stdout.flush()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--scan-queries", type=int, default=0,
                    help="queries for the rapidfuzz scan (default: 200 up to 100k, 10 above)")
    ap.add_argument("--search-phase", nargs=2, metavar=("URL", "QUERIES"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.search_phase:
        print(json.dumps(search_phase(*args.search_phase)))
        return
    for size in (int(x) for x in args.sizes.split(",")):
        n = args.scan_queries or (200 if size <= 100_000 else 10)
        run_size(size, n)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
