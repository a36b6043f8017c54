"""`claims eval stance DIR --split dev`: article stance on FNC-1 (agree / disagree / discuss / unrelated).

The bodies of the split are ingested through the product's own ingest into a
fresh temporary SQLite store (extraction, speakers, statements as the desk keeps
them); each pair's body stance is then decided from the stances its statements
get from claims.text.stance (the code the claim page and `claims search` use),
aggregated by claims.text.stance_body: rules only (the default) and the shipped
model (claims/text/data/stance_model.json), beside a simple baseline trained in the
same run (TF-IDF cosine threshold for related/unrelated, logistic regression on
overlap / negation / refuting / hedging counts for the rest; the data README's).

Mapping: agree = supports, disagree = contradicts, discuss = related, unrelated = no match.
The FNC score follows the official scorer (fnc-1/scorer.py).
"""
from __future__ import annotations

import json
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Mapping, Optional, Sequence

from claims import sources
from claims.eval.progress import NoBar
from claims.ingest import ingest_article
from claims.text import stance_body
from claims.text.records import Article
from claims.text.stance import CONTRADICTS, RELATED, SUPPORTS
from claims.text.vocab import NEGATION_WORDS
from db.engine import open_database

FNC_LABELS = ("agree", "disagree", "discuss", "unrelated")
FROM_PRODUCT = {SUPPORTS: "agree", CONTRADICTS: "disagree", RELATED: "discuss", stance_body.NONE: "unrelated"}
FROM_PRODUCT_INV = {v: k for k, v in FROM_PRODUCT.items()}
FNC_OF = FROM_PRODUCT


class EvalDataError(ValueError):
    """A stance folder that cannot be read, with the reason."""


@dataclass
class Scores:
    fnc: float  # % of the best possible FNC score
    macro_f1: float
    f1: dict[str, float]
    confusion: list[list[int]]  # rows gold, columns predicted, in FNC_LABELS order


@dataclass
class StanceReport:
    split: str
    pairs: int
    bodies: int
    statements: int
    systems: dict[str, Scores] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0


# ---------------------------------------------------------------------------- measures

def fnc_score(gold: Sequence[str], pred: Sequence[str]) -> float:
    """The official FNC-1 score as a percentage of the best possible one."""
    score = best = 0.0
    for g, p in zip(gold, pred):
        best += 0.25 if g == "unrelated" else 1.0
        if g == p:
            score += 0.25 if g == "unrelated" else 0.75
        if g != "unrelated" and p != "unrelated":
            score += 0.25
    return 100.0 * score / best if best else 0.0


def scores(gold: Sequence[str], pred: Sequence[str]) -> Scores:
    idx = {c: i for i, c in enumerate(FNC_LABELS)}
    conf = [[0] * len(FNC_LABELS) for _ in FNC_LABELS]
    for g, p in zip(gold, pred):
        conf[idx[g]][idx[p]] += 1
    f1 = {}
    for c, i in idx.items():
        tp = conf[i][i]
        fp = sum(conf[r][i] for r in range(len(FNC_LABELS))) - tp
        fn = sum(conf[i]) - tp
        f1[c] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return Scores(fnc_score(gold, pred), sum(f1.values()) / len(f1), f1, conf)


# ---------------------------------------------------------------------------- data

def _jsonl(path: Path) -> list[dict]:
    if not path.is_file():
        raise EvalDataError(f"{path} is missing")
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalDataError(f"{path}:{n}: not JSON ({exc.msg})") from exc
        if not isinstance(row, dict):
            raise EvalDataError(f"{path}:{n}: expected an object")
        rows.append(row)
    return rows


def load(folder: Path, split: str) -> tuple[dict[str, str], list[dict]]:
    """(body id -> text, pairs of the split); EvalDataError names what is wrong."""
    if not folder.is_dir():
        raise EvalDataError(f"{folder} is not a folder")
    bodies = {}
    for row in _jsonl(folder / "bodies.jsonl"):
        if "id" not in row or not isinstance(row.get("text"), str):
            raise EvalDataError(f"{folder / 'bodies.jsonl'}: each line needs \"id\" and \"text\"")
        bodies[str(row["id"])] = row["text"]
    pairs = _jsonl(folder / "pairs" / f"{split}.jsonl")
    for row in pairs:
        if row.get("stance") not in FNC_LABELS or not isinstance(row.get("claim"), str):
            raise EvalDataError(f"pair {row.get('id')!r}: needs a \"claim\" and a stance in {', '.join(FNC_LABELS)}")
        if str(row.get("body_id")) not in bodies:
            raise EvalDataError(f"pair {row.get('id')!r}: body {row.get('body_id')!r} is not in bodies.jsonl")
    return bodies, pairs


def ingest_bodies(bodies: Mapping[str, str], ids: Iterable[str], db_url: str,
                  progress: Callable[[int], object] = lambda n: None) -> dict[str, list[str]]:
    """Body id -> its statements' texts, as the product's ingest stores them."""
    db = open_database(db_url)
    try:
        out: dict[str, list[str]] = {}
        for bid in ids:
            res = ingest_article(db, Article(text=bodies[bid], title=f"body {bid}"))
            view = sources.source_view(db, res.source_id) if res.source_id else None
            out[bid] = [st["text"] for st in view["statements"]] if view else []
            progress(1)
        return out
    finally:
        db.dispose()


# ---------------------------------------------------------------------------- baseline

_REFUTE = frozenset("""fake fraud hoax false deny denies refute not despite nope doubt doubts bogus
debunk pranks retract""".split())
_HEDGE = frozenset("""allege alleged allegedly apparently appear appears claim claims could evidently
largely likely mainly may maybe might mostly perhaps presumably probably purported purportedly
reported reportedly rumor rumour rumors rumours rumored rumoured says seem somewhat supposedly
unconfirmed""".split())
_NEG = NEGATION_WORDS
_WORD = re.compile(r"\w+")


def _baseline_features(claim: str, body: str) -> list[float]:
    cw = _WORD.findall(claim.lower())
    bw = _WORD.findall(body.lower())
    cs, bs = set(cw), set(bw)
    head = bw[:100]
    return [
        len(cs & bs) / (len(cs | bs) or 1),
        sum(w in _REFUTE for w in cw), sum(w in _NEG for w in cw), sum(w in _HEDGE for w in cw),
        sum(w in _REFUTE for w in head) / 10, sum(w in _NEG for w in head) / 10,
        sum(w in _HEDGE for w in head) / 10,
        len(cs & set(head)) / (len(cs) or 1),
    ]


class Baseline:
    """TF-IDF cosine (related or not, threshold tuned on train) + logistic regression for the rest."""

    def __init__(self, bodies: Mapping[str, str], train: Sequence[dict]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        self.bodies = bodies
        self.vec = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=2)
        self.vec.fit(list(bodies.values()) + sorted({p["claim"] for p in train}))
        cos = self._cosines(train)
        gold_rel = [p["stance"] != "unrelated" for p in train]
        grid = [i / 100 for i in range(1, 60)]
        self.threshold = max(grid, key=lambda t: sum((c >= t) == g for c, g in zip(cos, gold_rel)))
        rel = [p for p in train if p["stance"] != "unrelated"]
        self.lr = LogisticRegression(max_iter=2000)
        self.lr.fit([_baseline_features(p["claim"], bodies[str(p["body_id"])]) for p in rel],
                    [p["stance"] for p in rel])

    def _cosines(self, pairs: Sequence[dict]) -> list[float]:
        c = self.vec.transform([p["claim"] for p in pairs])
        b = self.vec.transform([self.bodies[str(p["body_id"])] for p in pairs])
        return [float(v) for v in c.multiply(b).sum(axis=1).A1]

    def predict(self, pairs: Sequence[dict]) -> list[str]:
        cos = self._cosines(pairs)
        feats = [_baseline_features(p["claim"], self.bodies[str(p["body_id"])]) for p in pairs]
        labels = self.lr.predict(feats) if feats else []
        return [str(lab) if c >= self.threshold else "unrelated" for c, lab in zip(cos, labels)]


# ---------------------------------------------------------------------------- run

def predict(pairs: Sequence[dict], statements: Mapping[str, list[str]], *,
            model: Optional[stance_body.StanceModel] = None,
            progress: Callable[[int], object] = lambda n: None) -> list[str]:
    """FNC labels of the pairs from the product's body stance (rules, or the model)."""
    idf = stance_body.idf_table(s for sts in statements.values() for s in sts)
    out = []
    for p in pairs:
        body = stance_body.body_stance(p["claim"], statements[str(p["body_id"])], idf, model=model)
        out.append(FROM_PRODUCT[body.label])
        progress(1)
    return out


def evaluate(folder: Path, split: str = "dev", *, baseline_split: str = "train",
             model_path: Optional[Path] = stance_body.MODEL_PATH,
             bar: Optional[Callable[..., object]] = None) -> StanceReport:
    t0 = time.perf_counter()
    folder = Path(folder)
    bodies, pairs = load(folder, split)
    if not pairs:
        raise EvalDataError(f"{folder}/pairs/{split}.jsonl has no pairs")
    bar = bar or (lambda **k: NoBar())
    ids = sorted({str(p["body_id"]) for p in pairs})
    with tempfile.TemporaryDirectory(prefix="claims-eval-stance-") as tmp:
        with bar(total=len(ids), desc="ingesting bodies", unit="body") as pb:  # type: ignore[attr-defined]
            statements = ingest_bodies(bodies, ids, f"sqlite:///{Path(tmp) / 'eval.db'}", pb.update)  # type: ignore[attr-defined]
    report = StanceReport(split, len(pairs), len(ids), sum(len(v) for v in statements.values()))
    report.notes.append("bodies ingested into a temporary SQLite store by the product's ingest; "
                        "each statement labelled by claims.text.stance (the claim page's code)")
    gold = [p["stance"] for p in pairs]
    with bar(total=len(pairs), desc="rules", unit="pair") as pb:  # type: ignore[attr-defined]
        report.systems["rules (default)"] = scores(gold, predict(pairs, statements, progress=pb.update))  # type: ignore[attr-defined]
    model = stance_body.load_model(model_path) if model_path else None
    if model is not None:
        with bar(total=len(pairs), desc="model", unit="pair") as pb:  # type: ignore[attr-defined]
            report.systems["model"] = scores(gold, predict(pairs, statements, model=model,  # type: ignore[attr-defined]
                                                           progress=pb.update))
    else:
        report.notes.append(f"no model at {model_path}: rules only")
    train_file = folder / "pairs" / f"{baseline_split}.jsonl"
    if baseline_split != split and train_file.is_file():
        _b, train = load(folder, baseline_split)
        base = Baseline(bodies, train)
        report.systems["baseline (TF-IDF + LR)"] = scores(gold, base.predict(pairs))
    else:
        report.notes.append(f"no baseline: it trains on pairs/{baseline_split}.jsonl, "
                            f"{'the split evaluated' if baseline_split == split else 'missing'}")
    report.seconds = time.perf_counter() - t0
    return report


def format_report(r: StanceReport) -> str:
    lines = [f"FNC-1 stance, split {r.split}: {r.pairs} pairs, {r.bodies} bodies, {r.statements} statements "
             f"({r.seconds:.0f} s)"]
    lines += [f"  note: {n}" for n in r.notes]
    head = f"{'system':<26}{'FNC score':>10}{'macro-F1':>10}" + "".join(f"{c:>11}" for c in FNC_LABELS)
    lines += ["", head]
    for name, s in r.systems.items():
        lines.append(f"{name:<26}{s.fnc:>9.2f}%{s.macro_f1:>10.3f}"
                     + "".join(f"{s.f1[c]:>11.3f}" for c in FNC_LABELS))
    for name, s in r.systems.items():
        lines += ["", f"confusion matrix, {name} (rows gold, columns predicted)",
                  f"{'':<11}" + "".join(f"{c:>11}" for c in FNC_LABELS)]
        lines += [f"{c:<11}" + "".join(f"{v:>11}" for v in row) for c, row in zip(FNC_LABELS, s.confusion)]
    return "\n".join(lines)

