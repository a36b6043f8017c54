"""Extraction throughput on a large generated news corpus, against plain pySBD in the same run.

    .venv/bin/python bench/bench_extract.py [--articles 1500] [--pysbd-sentences 3000] [--no-store]

Prints sentences per second for: pySBD segmentation alone (the baseline),
our segmenter alone, the full extraction (segment, quotes, speakers, dates,
scores), and extraction + store into a fresh SQLite file (claims.ingest),
each with its ratio to pySBD; the boundary agreement of the two segmenters;
and the time for one 5 MB article. The corpus is generated from invented
templates (names, titles, quotes, figures), so it needs no data files.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tqdm import tqdm  # noqa: E402

from claims.text.extract import extract_statements  # noqa: E402
from claims.text.records import Article  # noqa: E402
from claims.text.segment import paragraph_spans, segment, sentence_spans  # noqa: E402

GIVEN = "Mara Oren Lena Tomas Ada Bo Ivo Sana Petra Hilde Jon Rina Kofi Mei Ravi Lucia".split()
FAMILY = "Quell Vasty Drach Brell Korr Terrin Pell Idris Vonn Marsk Osk Amberley Sato Rahman Costa".split()
TITLES = ["Finance Minister", "Transport Ministry spokesman", "Port chief", "Defence spokesperson",
          "Mayor", "Dr.", "Sen.", "Gen.", "opposition leader", "U.S. envoy to the U.N."]
APPOS = ["director of the Lakeside Water Board", "a researcher at the Delta Institute",
         "co-founder of the Civic Data Lab (CDL)", "head of the N.W. Ports Authority", "45, a local baker"]
ORGS = ["the Ministry of Health", "police", "the central bank", "the city council", "officials"]
CUES = ["said", "added", "told reporters", "explained", "noted", "insisted", "stressed", "warned"]
FACTS = ["exports rose {n} percent in {m}", "the agency spent ${n} million on {thing}",
         "{n} people were arrested on {wd}", "the plan would cut costs by {n} percent",
         "no decision had been made about the {thing}", "the {thing} had been closed since {y}",
         "prices of {thing} fell for the third month", "the U.S. and the E.U. signed a deal on {thing}"]
OPINIONS = ["we should work together on the {thing}", "it is time to act on the {thing}",
            "the {thing} will be ready soon", "I think the {thing} matters to everyone"]
THINGS = "bridge port clinic school budget reservoir railway harbour market ferry".split()
MONTHS = "January February March April May June July".split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday".split()


def _fill(r: random.Random, s: str) -> str:
    return _cap(s.format(n=r.randint(2, 900), m=r.choice(MONTHS), thing=r.choice(THINGS), wd=r.choice(WEEKDAYS),
                    y=r.randint(1990, 2023)))


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def article(r: random.Random) -> str:
    paras: list[str] = []
    name = f"{r.choice(GIVEN)} {r.choice(FAMILY)}"
    surname = name.split()[1]
    paras.append(f"On {r.choice(MONTHS)} {r.randint(1, 28)}, {_fill(r, r.choice(FACTS))}. "
                 f"The move followed months of talks.")
    if r.random() < 0.5:
        paras.append(f"{name}, {r.choice(APPOS)}, {r.choice(CUES)} that {_fill(r, r.choice(FACTS))}.")
    else:
        paras.append(f"{r.choice(TITLES)} {name} {r.choice(CUES)} that {_fill(r, r.choice(FACTS))}.")
    for _ in range(r.randint(3, 8)):
        k = r.random()
        if k < 0.3:
            paras.append(f"“{_fill(r, r.choice(FACTS))}. {_fill(r, r.choice(OPINIONS))},” "
                         f"{r.choice(['he', 'she', surname])} said.")
        elif k < 0.45:
            paras.append(f"“{_fill(r, r.choice(OPINIONS))}.\n\n“{_fill(r, r.choice(FACTS))},” "
                         f"{surname} said.")
        elif k < 0.6:
            paras.append(f"{r.choice(['He', 'She'])} also {r.choice(CUES)} that {_fill(r, r.choice(FACTS))}.")
        elif k < 0.75:
            paras.append(f"{_cap(r.choice(ORGS))} said {_fill(r, r.choice(FACTS))}, according to a "
                         f"statement seen by the “Daily Ledger”.")
        else:
            paras.append(f"{_fill(r, r.choice(FACTS))}. {_fill(r, r.choice(FACTS))} "
                         f"last week, and Gen. {r.choice(FAMILY)} met Dr. {r.choice(FAMILY)} in the U.S. on "
                         f"{r.choice(WEEKDAYS)}.")
    return "\n\n".join(paras)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1500)
    ap.add_argument("--pysbd-sentences", type=int, default=3000, help="sentences for the (slow) pySBD baseline")
    ap.add_argument("--no-store", action="store_true", help="skip the extract + store measurement")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    r = random.Random(args.seed)
    corpus = [article(r) for _ in range(args.articles)]
    n_sent = sum(len(segment(t)) for t in corpus)
    print(f"corpus: {len(corpus)} generated articles, {n_sent} sentences, "
          f"{sum(map(len, corpus)) / 1e6:.1f} MB")

    # baseline: plain pySBD on whole paragraphs, on a prefix of the corpus
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False, char_span=True)
    paras = [t[s:e] for t in corpus for s, e in paragraph_spans(t)]
    base_paras: list[str] = []
    count = 0
    for p in paras:
        base_paras.append(p)
        count += len(sentence_spans(p))
        if count >= args.pysbd_sentences:
            break
    t0 = time.perf_counter()
    py_sents = 0
    agree = total = 0
    for p in tqdm(base_paras, desc="pysbd", file=sys.stderr):
        spans = seg.segment(p)
        py_sents += len(spans)
        py_ends = {s.start + len(s.sent.rstrip()) for s in spans}
        ours = {e for _, e in sentence_spans(p)}
        agree += len(py_ends & ours)
        total += len(py_ends | ours)
    pysbd_rate = py_sents / (time.perf_counter() - t0)
    print(f"pysbd segmentation:            {pysbd_rate:9.0f} sentences/s  (1.00x, on {py_sents} sentences)")
    print(f"boundary agreement with pysbd: {agree / max(1, total):.3f} (Jaccard of sentence ends; pySBD never "
          "splits inside a quote, we do and join the quote back into one statement)")

    t0 = time.perf_counter()
    for t in corpus:
        segment(t)
    dt = time.perf_counter() - t0
    print(f"our segmentation:              {n_sent / dt:9.0f} sentences/s  ({n_sent / dt / pysbd_rate:.1f}x)")

    pub = date(2024, 5, 9)
    t0 = time.perf_counter()
    n_stmt = 0
    for t in tqdm(corpus, desc="extract", file=sys.stderr):
        n_stmt += len(extract_statements(Article(text=t, published=pub)))
    dt = time.perf_counter() - t0
    print(f"extraction:                    {n_sent / dt:9.0f} sentences/s  ({n_sent / dt / pysbd_rate:.1f}x), "
          f"{n_stmt} statements")

    if not args.no_store:
        from claims.ingest import store_article
        from db.engine import open_database

        with tempfile.TemporaryDirectory() as d:
            db = open_database(f"sqlite:///{d}/bench.db")
            t0 = time.perf_counter()
            with db.write() as s:
                for i, t in enumerate(tqdm(corpus, desc="extract+store", file=sys.stderr)):
                    store_article(s, Article(text=t, title=f"bench {i}", published=pub), threshold_value=0.5)
            dt = time.perf_counter() - t0
        print(f"extraction + store (SQLite):   {n_sent / dt:9.0f} sentences/s  ({n_sent / dt / pysbd_rate:.1f}x)")

    big = "\n\n".join(corpus)
    while len(big) < 5_000_000:
        big += "\n\n" + big
    big = big[:5_000_000]
    one = big.replace("\n\n", " ")  # and once as one giant paragraph
    for name, text in (("5 MB article", big), ("5 MB one-paragraph article", one)):
        t0 = time.perf_counter()
        st = extract_statements(Article(text=text, published=pub))
        print(f"{name}: {time.perf_counter() - t0:.1f} s, {len(st)} statements")
    return 0


if __name__ == "__main__":
    sys.exit(main())
