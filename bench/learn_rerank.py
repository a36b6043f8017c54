"""Learn a re-ranker over the full-text candidates from the CheckThat! train qrels.

    python bench/learn_rerank.py collect ../shared/data/retrieval /tmp/lr/cands.pkl
    python bench/learn_rerank.py train /tmp/lr/cands.pkl

`collect` runs stage one once per train/dev query through the workbench code
(claims.search.candidate_stage over a fresh database loaded by
claims.eval.retrieval) and caches the candidates (a bench-only pickle, never
shipped); `train` computes rich_features below, chooses hyper-parameters by 5-fold query-grouped
cross-validation on the pooled train splits only, and prints per dev split
MAP@5 / MRR@10 / Recall@50 for the current fusion vs the learned model.
"""
from __future__ import annotations

import math
import pickle
import sys
import tempfile
import time
from pathlib import Path
from typing import Mapping, Sequence

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from rapidfuzz import fuzz  # noqa: E402
from sklearn.ensemble import HistGradientBoostingClassifier  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402
from tqdm import tqdm  # noqa: E402

from claims import search as matching  # noqa: E402
from claims.eval import retrieval as er
from claims.text import measures as scoring
from claims.text import normalize, ranking
from db.engine import open_database  # noqa: E402

# --- learned re-ranking features ------------------------------------------------

# Per-(query, candidate) features of the learned re-ranker.
# All are cheap: set lookups, a few rapidfuzz calls and one pass over the
# candidate's words; some are relative to the candidate set (rank, share of the
# best), which is why they are computed for the whole set at once.
RICH_FEATURES: tuple[str, ...] = (
    "bm25", "bm25_rank", "bm25_z", "overlap", "overlap_rel", "cand_cov",
    "token_set", "token_set_rel", "partial", "ratio", "token_sort", "wratio",
    "num_query", "num_match", "num_clash", "len_ratio", "run", "bigram", "q_len",
)


def _numbers(terms: Sequence[str]) -> set[str]:
    return {t for t in terms if t[:1].isdigit()}


def _longest_run(q: Sequence[str], c: Sequence[str]) -> int:
    """Longest run of consecutive words shared by both, in order."""
    pos: dict[str, list[int]] = {}
    for i, t in enumerate(q):
        pos.setdefault(t, []).append(i)
    best = 0
    prev: dict[int, int] = {}
    for t in c:
        cur = {i: prev.get(i - 1, 0) + 1 for i in pos.get(t, ())}
        if cur:
            best = max(best, max(cur.values()))
        prev = cur
    return best


def rich_features(
    query_norm: str,
    query_idf: Mapping[str, float],
    candidates: Sequence[tuple[int, float, str]],
) -> list[list[float]]:
    """One feature row (RICH_FEATURES order) per (id, bm25, norm_text) candidate."""
    if not candidates:
        return []
    q_words = query_norm.split()
    q_content = [t for t in q_words if not normalize.is_stop(t)]
    q_set = set(q_content)
    q_nums = _numbers(q_content)
    q_pairs = {(a, b) for a, b in zip(q_content, q_content[1:]) if a != b}
    total_idf = sum(query_idf.values())
    bms = [max(c[1], 0.0) for c in candidates]
    best = max(bms) or 1.0
    mean = sum(bms) / len(bms)
    sd = math.sqrt(sum((b - mean) ** 2 for b in bms) / len(bms)) or 1.0
    order = sorted(range(len(bms)), key=lambda i: -bms[i])
    rank = [0] * len(bms)
    for r, i in enumerate(order):
        rank[i] = r
    rows = []
    for i, (_cid, _bm, norm) in enumerate(candidates):
        c_words = norm.split()
        c_content = [t for t in c_words if not normalize.is_stop(t)]
        c_set = set(c_content)
        c_nums = _numbers(c_content)
        hit = sum(v for t, v in query_idf.items() if t in c_set)
        c_pairs = set(zip(c_content, c_content[1:]))
        rows.append([
            bms[i] / best,
            1.0 / (1.0 + rank[i]),
            (bms[i] - mean) / sd,
            hit / total_idf if total_idf else 0.0,
            0.0,  # overlap_rel, filled below
            len(c_set & q_set) / len(c_set) if c_set else 0.0,
            fuzz.token_set_ratio(query_norm, norm) / 100.0,
            0.0,  # token_set_rel, filled below
            fuzz.partial_ratio(query_norm, norm) / 100.0,
            fuzz.ratio(query_norm, norm) / 100.0,
            fuzz.token_sort_ratio(query_norm, norm) / 100.0,
            fuzz.WRatio(query_norm, norm) / 100.0,
            1.0 if q_nums else 0.0,
            len(q_nums & c_nums) / len(q_nums) if q_nums else 0.0,
            1.0 if q_nums and c_nums and not (q_nums & c_nums) else 0.0,
            math.log((1 + len(c_content)) / (1 + len(q_content))),
            _longest_run(q_content, c_content) / max(len(q_content), 1),
            len(q_pairs & c_pairs) / len(q_pairs) if q_pairs else 0.0,
            math.log(1 + len(q_content)),
        ])
    best_ov = max(r[3] for r in rows) or 1.0
    best_ts = max(r[6] for r in rows) or 1.0
    for r in rows:
        r[4] = r[3] / best_ov
        r[7] = r[6] / best_ts
    return rows


NAMES = ["checkthat2020-2a-en", "checkthat2022-2a-en", "checkthat2021-2b-en"]


def collect(root: Path, out: Path) -> None:
    data: dict = {}
    for name in NAMES:
        folder = root / name
        queries = {str(q["_id"]): q["text"] for q in er._jsonl(folder / "queries.jsonl")}
        docs = list(er._jsonl(folder / "corpus.jsonl"))
        with tempfile.TemporaryDirectory() as tmp:
            db = open_database(f"sqlite:///{Path(tmp) / 'lr.db'}")
            id_map = er.load_corpus(db, docs, name)
            for split in ("train", "dev"):
                rows = []
                qrels = er.read_qrels(folder / "qrels" / f"{split}.tsv")
                for qid, rel in tqdm(qrels.items(), desc=f"{name}/{split}", file=sys.stderr):
                    try:
                        norm, terms = matching.prepare_query(queries[qid])
                    except matching.SearchError:
                        rows.append(("", {}, [], rel))
                        continue
                    q_idf, hits, _known = matching.candidate_stage(db, terms)
                    rows.append((norm, q_idf, [(id_map[i], bm, t) for i, bm, t in hits], rel))
                data[(name, split)] = rows
            db.dispose()
    out.write_bytes(pickle.dumps(data))


# --- features and measures ------------------------------------------------------

def featurise(data: dict) -> dict:
    """(name, split) -> list of (X rows, doc ids, current fused scores, relevant)."""
    out = {}
    spent, n = 0.0, 0
    for key, rows in data.items():
        fr = []
        for norm, q_idf, hits, rel in tqdm(rows, desc=f"features {key[0]}/{key[1]}", file=sys.stderr, leave=False):
            if not hits:
                fr.append((np.zeros((0, len(RICH_FEATURES))), [], [], rel, key[0]))
                continue
            t = time.perf_counter()
            X = rich_features(norm, q_idf, hits)
            spent += time.perf_counter() - t
            n += 1
            cur = {cid: s for cid, s, _f in ranking.rerank(norm, q_idf, hits)}
            fr.append((np.asarray(X), [h[0] for h in hits], [cur[h[0]] for h in hits], rel, key[0]))
        out[key] = fr
    print(f"rich_features: {1000 * spent / max(n, 1):.2f} ms per query (100 candidates)", file=sys.stderr)
    return out


def measures(rows: list, scores: list) -> tuple[float, float, float]:
    aps, rrs, recs = [], [], []
    for (_X, ids, _cur, rel, _n), s in zip(rows, scores):
        ranked = [ids[i] for i in sorted(range(len(ids)), key=lambda i: -s[i])]
        aps.append(scoring.average_precision_at(ranked, rel, 5))
        rrs.append(scoring.reciprocal_rank(ranked, rel, 10))
        recs.append(scoring.recall_at(ranked, rel, 50))
    n = len(rows) or 1
    return sum(aps) / n, sum(rrs) / n, sum(recs) / n


def stack(rows: list, pair_negs: int = 0, rng=None):
    """Pointwise (X, y, query group) or pairwise difference rows."""
    Xs, ys, gs = [], [], []
    for q, (X, ids, _cur, rel, _n) in enumerate(rows):
        if not ids:
            continue
        y = np.array([1 if d in rel else 0 for d in ids])
        if pair_negs:
            pos, neg = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
            if not len(pos) or not len(neg):
                continue
            neg = neg[:pair_negs]  # the hardest: highest full-text ranks
            for p in pos:
                d = X[p] - X[neg]
                Xs.append(np.vstack([d, -d]))
                ys.append(np.r_[np.ones(len(neg)), np.zeros(len(neg))])
                gs.append(np.full(2 * len(neg), q))
        else:
            Xs.append(X)
            ys.append(y)
            gs.append(np.full(len(y), q))
    return np.vstack(Xs), np.concatenate(ys), np.concatenate(gs)


def make_model(kind: str, **hp):
    if kind.startswith("hgb"):
        return HistGradientBoostingClassifier(**hp, random_state=0)
    return make_pipeline(StandardScaler(), LogisticRegression(C=hp["C"], max_iter=2000))


def fit(kind: str, rows: list, hp: dict):
    """Each train set weighs the same in the loss when hp["balance"] (2021-2b has half the queries)."""
    pair = hp.get("pairs", 0)
    X, y, g = stack(rows, pair)
    m = make_model(kind, **{k: v for k, v in hp.items() if k not in ("pairs", "balance")})
    w = None
    if hp.get("balance"):
        sets = np.array([rows[q][4] for q in g])
        counts = {s: float(np.sum(sets == s)) for s in set(sets)}
        w = np.array([len(y) / (len(counts) * counts[s]) for s in sets])
    if kind.startswith("hgb"):
        m.fit(X, y, sample_weight=w)
    else:
        m.fit(X, y, logisticregression__sample_weight=w)
    return m


def score_rows(m, kind: str, rows: list) -> list:
    out = []
    for X, ids, _cur, _rel, _n in rows:
        if not ids:
            out.append([])
            continue
        out.append(list(m.predict_proba(X)[:, 1]) if kind.startswith("hgb") else list(m.decision_function(X)))
    return out


def cv_map(kind: str, train: dict, hp: dict, folds: int = 5) -> list[float]:
    """Per set, 5-fold query-grouped CV MAP@5 on train (folds pool the three sets)."""
    per_set = []
    parts = {name: [i % folds for i in range(len(rows))] for name, rows in train.items()}
    scores = {name: [None] * len(rows) for name, rows in train.items()}
    for f in range(folds):
        tr = [r for name, rows in train.items() for r, p in zip(rows, parts[name]) if p != f]
        m = fit(kind, tr, hp)
        for name, rows in train.items():
            idx = [i for i, p in enumerate(parts[name]) if p == f]
            for i, s in zip(idx, score_rows(m, kind, [rows[i] for i in idx])):
                scores[name][i] = s
    for name, rows in train.items():
        per_set.append(measures(rows, scores[name])[0])
    return per_set


GRIDS = {
    "logreg": [{"C": c} for c in (0.01, 0.1, 1.0, 10.0)],
    "pairlr": [{"C": c, "pairs": n} for c in (0.01, 0.1, 1.0) for n in (20, 100)],
    "pairlr_bal": [{"C": c, "pairs": 100, "balance": True} for c in (0.01, 0.1)],
    "hgb": [{"max_iter": it, "max_depth": d, "learning_rate": 0.1, "min_samples_leaf": 40}
            for it in (50, 150) for d in (3, 5)],
    "hgb_big": [{"max_iter": 400, "max_depth": 6, "learning_rate": 0.05, "min_samples_leaf": 40}],
    "hgb_bal": [{"max_iter": 150, "max_depth": d, "learning_rate": 0.1, "min_samples_leaf": 40,
                 "balance": True} for d in (3, 5)],
}


def train_cmd(path: Path, kinds: list[str]) -> None:
    data = featurise(pickle.loads(path.read_bytes()))
    train = {n: data[(n, "train")] for n in NAMES}
    dev = {n: data[(n, "dev")] for n in NAMES}
    base_train = sum(measures(r, [x[2] for x in r])[0] for r in train.values()) / 3
    print(f"current fusion: train MAP@5 mean {base_train:.4f} per set "
          + " ".join(f"{measures(r, [x[2] for x in r])[0]:.4f}" for r in train.values()))
    table = {"current": {n: measures(r, [x[2] for x in r]) for n, r in dev.items()}}
    for kind in kinds:
        results = []
        for hp in GRIDS[kind]:
            per_set = cv_map(kind, train, hp)
            cv = sum(per_set) / len(per_set)
            print(f"  {kind} {hp}: CV train MAP@5 mean {cv:.4f} per set "
                  + " ".join(f"{x:.4f}" for x in per_set), flush=True)
            results.append((cv, hp))
        cv, hp = max(results, key=lambda r: r[0])
        m = fit(kind, [r for rows in train.values() for r in rows], hp)
        print(f"  {kind}: chosen by CV {hp}")
        table[kind] = {n: measures(r, score_rows(m, kind, r)) for n, r in dev.items()}
        if not kind.startswith("hgb"):
            lr = m[-1]
            print("  coefficients (standardised):",
                  {f: round(float(c), 3) for f, c in zip(RICH_FEATURES, lr.coef_[0])})
    print("\nlearned re-ranker vs current fusion (train-only fit, CV-chosen), dev splits")
    print(f"{'dev MAP@5 / MRR@10 / Recall@50':40s} " + " | ".join(f"{n:27s}" for n in NAMES) + " | mean MAP@5")
    for label, res in table.items():
        print(f"{label:40s} " + " | ".join(f"{res[n][0]:.4f} {res[n][1]:.4f} {res[n][2]:.4f}" for n in NAMES)
              + f" | {sum(res[n][0] for n in NAMES) / 3:.4f}")


if __name__ == "__main__":
    if sys.argv[1] == "collect":
        collect(Path(sys.argv[2]), Path(sys.argv[3]))
    elif sys.argv[1] == "train":
        train_cmd(Path(sys.argv[2]), sys.argv[3:] or list(GRIDS))
