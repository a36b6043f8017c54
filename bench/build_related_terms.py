"""Learns the related-terms table (claims/text/data/related_terms.json) from the shared TRAINING
texts only: words used in the same places (died/killed, denied/rejected, villagers/residents), so
that a search finds a statement that says the same thing, or the opposite, in other words.

    .venv/bin/python bench/build_related_terms.py [--data ../shared/data] [--show die,deny,civilian]

Two signals, both over the product's own stems (claims.text.normalize), so the table's keys are
the terms statements.norm_text holds:

1. Distributional similarity: each content stem is described by the words around it (one word
   each side, two words each side, position-tagged), weighted by positive PMI; two stems are
   similar when those descriptions are (cosine). Texts: FNC-1 train bodies and headlines, the
   CheckThat! train queries and the fact-checks they point to, the check-worthiness sentences and
   the PolNeAR train articles.
2. Paraphrase evidence: in FNC-1 train agree/disagree/discuss pairs, the headline against its
   body's best-matching sentence; a headline term missing from that sentence and a sentence term
   missing from the headline co-occur. A pair of stems seen this way across several distinct
   headlines gets a bonus: it is how one story is told in other words.

A stem keeps its few best neighbours above a floor, with a weight in (0, 1]. A small hand-written
list (HAND) is added at weight 1: the verbs of a denial and of a death, which a contradiction so
often swaps. The table stores numbers and stems only, never a sentence of the data.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from scipy import sparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.text import normalize  # noqa: E402

OUT = ROOT / "claims" / "text" / "data" / "related_terms.json"

# Groups of words that say the same (or its opposite) in news; every pair in a group is related.
HAND: list[str] = [
    "die died dead death deaths killed kill killing fatal fatalities perished lives",
    "deny denied denies denial refute refuted reject rejected dismiss dismissed dispute disputed contradict",
    "civilian civilians villager villagers resident residents inhabitants locals people",
    "child children kid kids boy boys girl girls minor minors",
    "wound wounded injure injured injury injuries hurt",
    "soldier soldiers troop troops army military forces",
    "attack attacked raid raided strike strikes assault bombing",
    "arrest arrested detain detained custody jailed",
    "fake false hoax untrue bogus fabricated",
    "true confirm confirmed verified genuine real",
    "rise rose increase increased grow grew surge climb climbed",
    "fall fell decrease decreased drop dropped decline declined cut",
    "ban banned prohibit prohibited outlaw outlawed",
    "buy bought purchase purchased acquire acquired",
    "leave left quit resign resigned step",
    "win won victory defeat beat",
    "doctor doctors physician physicians",
    "car cars vehicle vehicles",
    "plane planes aircraft jet airliner",
    "police officer officers cop cops",
]

MIN_FREQ = 15  # a stem seen fewer times has no reliable description
CONTEXT_WORDS = 4000  # the most frequent stems describe the others
TOP = 5  # neighbours kept per stem
FLOOR = 0.13  # weakest cosine kept (the best neighbours of common words score 0.15-0.25)
FULL = 0.25  # a cosine from which a neighbour weighs 1
ALIGN_MIN_HEADLINES = 3  # paraphrase evidence counts from this many distinct headlines
ALIGN_BONUS = 0.03
# A stem written with a capital inside sentences this often is a name (Obama, Kobani): names
# share contexts with other names (Obama ~ Trump), which says nothing of what was said.
NAME_SHARE = 0.4
# The most frequent content stems (people, year, report, state...) are related to everything a
# little: their learned links only add noise to the ranking. Hand-written links still apply.
GENERIC = 100


def _jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _qrels(path: Path) -> list[tuple[str, str]]:
    rows = path.read_text(encoding="utf-8").splitlines()[1:]
    return [(r.split("\t")[0], r.split("\t")[1]) for r in rows if r.strip()]


_SENT = re.compile(r"(?<=[.!?])\s+|\n+")


def sentences(text: str) -> list[str]:
    return [s for s in _SENT.split(text) if s.strip()]


def content(stem: str) -> bool:
    return stem.isalpha() and len(stem) > 2 and not normalize.is_stop(stem)


def training_texts(data: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """(texts, FNC-1 train (headline, body) related pairs): training splits only."""
    texts: list[str] = []
    fnc = data / "stance" / "fnc1"
    bodies = {str(r["id"]): r["text"] for r in _jsonl(fnc / "bodies.jsonl")}
    train = _jsonl(fnc / "pairs" / "train.jsonl")
    train_bodies = sorted({str(p["body_id"]) for p in train})
    texts += [bodies[b] for b in train_bodies]
    texts += sorted({p["claim"] for p in train})
    related = sorted({(p["claim"], bodies[str(p["body_id"])]) for p in train
                      if p["stance"] in ("agree", "disagree", "discuss")})
    for name in ("checkthat2020-2a-en", "checkthat2022-2a-en", "checkthat2021-2b-en"):
        folder = data / "retrieval" / name
        pairs = _qrels(folder / "qrels" / "train.tsv")
        qids, dids = {q for q, _ in pairs}, {d for _, d in pairs}
        texts += [q["text"] for q in _jsonl(folder / "queries.jsonl") if q["_id"] in qids]
        texts += [f"{d.get('title', '')}. {d['text']}" for d in _jsonl(folder / "corpus.jsonl") if d["_id"] in dids]
    for name in ("claimbuster", "checkthat2019-debates"):
        texts += [r["text"] for r in _jsonl(data / "checkworthy" / name / "train.jsonl")]
    texts += [r["text"] for r in _jsonl(data / "attribution" / "polnear" / "train.jsonl")]
    return texts, related


def distributional(seqs: list[list[str]]) -> tuple[list[str], np.ndarray, sparse.csr_matrix]:
    """(target stems, their counts, L2-normalised PPMI context rows)."""
    freq = Counter(t for s in seqs for t in s)
    targets = sorted(t for t, c in freq.items() if c >= MIN_FREQ and content(t))
    tix = {t: i for i, t in enumerate(targets)}
    ctx_words = [t for t, _ in freq.most_common(CONTEXT_WORDS)]
    cix = {t: i for i, t in enumerate(ctx_words)}
    offsets = (-2, -1, 1, 2)
    rows, cols = [], []
    for s in seqs:
        for i, t in enumerate(s):
            r = tix.get(t)
            if r is None:
                continue
            for k, off in enumerate(offsets):
                j = i + off
                if 0 <= j < len(s) and (c := cix.get(s[j])) is not None:
                    rows.append(r)
                    cols.append(c * len(offsets) + k)
    m = sparse.csr_matrix((np.ones(len(rows), dtype=np.float64), (rows, cols)),
                          shape=(len(targets), len(ctx_words) * len(offsets)))
    m.sum_duplicates()
    total = m.sum()
    row = np.asarray(m.sum(axis=1)).ravel()
    col = np.asarray(m.sum(axis=0)).ravel() ** 0.75  # context smoothing (Levy et al.)
    col = col / col.sum()
    m = m.tocoo()
    pmi = np.log((m.data / total) / ((row[m.row] / total) * col[m.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape)
    norms = np.sqrt(np.asarray(ppmi.multiply(ppmi).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    ppmi = sparse.diags(1.0 / norms) @ ppmi
    return targets, np.array([freq[t] for t in targets]), ppmi.tocsr()


def aligned_evidence(related: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """(headline stem, sentence stem) -> distinct headlines where one was said for the other."""
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    for headline, body in related:
        h = {t for t in normalize.query_terms(headline) if content(t)}
        if not h:
            continue
        best, share = set(), 0.0
        for s in sentences(body):
            st = {t for t in normalize.query_terms(s) if content(t)}
            sh = len(h & st) / len(h)
            if sh > share:
                best, share = st, sh
        if share < 0.2:  # not the same story in this sentence
            continue
        for a in h - best:
            for b in best - h:
                seen[a, b].add(headline)
                seen[b, a].add(headline)
    return {k: len(v) for k, v in seen.items() if len(v) >= ALIGN_MIN_HEADLINES}


_WORD = re.compile(r"[A-Za-z]+")


def names(texts: list[str]) -> set[str]:
    """Stems most often capitalised where a sentence does not start."""
    cap, seen = Counter(), Counter()
    for t in texts:
        for sent in sentences(t):
            for k, m in enumerate(_WORD.finditer(sent)):
                if k == 0:
                    continue
                w = m.group(0)
                st = normalize.stem(w.lower())
                seen[st] += 1
                cap[st] += w[0].isupper()
    return {st for st, n in seen.items() if cap[st] >= NAME_SHARE * n}


def hand_pairs() -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for group in HAND:
        stems = {normalize.stem(w) for w in group.split()} - {""}
        stems = {s for s in stems if not normalize.is_stop(s)}
        for a in stems:
            out[a] |= stems - {a}
    return out


def build(data: Path, generic_top: int = GENERIC) -> dict[str, dict[str, float]]:
    texts, related = training_texts(data)
    seqs = [normalize.stems(s) for t in texts for s in sentences(t)]
    print(f"{len(texts)} texts, {len(seqs)} sentences, {sum(map(len, seqs))} tokens", file=sys.stderr)
    targets, counts, ppmi = distributional(seqs)
    generic = {targets[i] for i in np.argsort(-counts)[:generic_top]} if generic_top else set()
    evidence = aligned_evidence(related)
    named = names(texts)
    print(f"{len(targets)} stems described, {len(evidence)} aligned pairs, {len(named)} names",
          file=sys.stderr)
    table: dict[str, dict[str, float]] = {}
    step = 2000
    for lo in range(0, len(targets), step):
        sims = (ppmi[lo:lo + step] @ ppmi.T).toarray()
        for r in range(sims.shape[0]):
            a = targets[lo + r]
            if a in named or a in generic:
                continue
            sims[r, lo + r] = 0.0
            best = np.argpartition(-sims[r], TOP * 3)[: TOP * 3]
            cands = {}
            for j in best:
                b = targets[j]
                w = float(sims[r, j])
                if b in named or b in generic:
                    continue
                if evidence.get((a, b)):
                    w += ALIGN_BONUS
                if w >= FLOOR:
                    cands[b] = min(1.0, w / FULL)
            top = sorted(cands.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]
            if top:
                table[a] = {b: round(w, 3) for b, w in top}
    for a, bs in hand_pairs().items():
        row = table.setdefault(a, {})
        for b in bs:
            row[b] = 1.0
    return {a: dict(sorted(row.items(), key=lambda kv: (-kv[1], kv[0]))) for a, row in sorted(table.items())}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--show", default="die,kill,deni,civilian,villager,increas,fake,hoax,vaccin,tax,job,rais")
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--generic", type=int, default=GENERIC)
    args = ap.parse_args()
    table = build(Path(args.data), args.generic)
    for w in args.show.split(","):
        s = normalize.stem(w)
        print(f"{s:>12}: " + ", ".join(f"{b} {v:.2f}" for b, v in list(table.get(s, {}).items())[:8]))
    payload = {"about": "Related stems learned by bench/build_related_terms.py from the shared training "
                        "texts (distributional similarity, FNC-1 headline/sentence evidence) plus a "
                        "hand-written list; weight in (0, 1].",
               "terms": table}
    Path(args.out).write_text(json.dumps(payload, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(table)} stems, {sum(map(len, table.values()))} links -> {args.out} "
          f"({Path(args.out).stat().st_size // 1024} KB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
