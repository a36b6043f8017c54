"""Learned check-worthiness scorer: a linear model stored as JSON data (never code).

Features: word unigrams and bigrams (lower case, every digit folded to 0, so
'1,234' and '9,876' are the same kind of figure), TF-IDF weighted with
sublinear term frequency and l2 norm, plus the firing pattern of the
hand-written rules of claims/text/checkworthy.py (so the model starts from what
the rules know). Classifier: class-balanced logistic regression; the score is
the logistic of its margin, so 0.5 stays the desk's default threshold. Pooled
data sets (fit(..., domains=...)) each get their own intercept during training,
classes balanced within each, each data set weighing the same.

The same model type serves twice:
  - the shipped default (claims/text/data/checkworthy_default.json), rebuilt
    deterministically by bench/train_checkworthy.py from the shared training
    data, used when the desk trained nothing (no training step for the user);
  - a desk's own model (`claims train checkworthy`), stored in the database.

Measured in 5-fold cross-validation, each fold's model trained without it (README,
"Which sentences to check"): CheckThat! 2019 mean AP per debate 0.242 (rules 0.225,
TF-IDF + LR 0.210); ClaimBuster F1 0.749, AP 0.834 (rules 0.705 / 0.785, TF-IDF + LR
0.710 / 0.793). The product's default (checkworthy.score_text, DefaultScorer here) is this
model's score, or on a denial or a figure the rules' when higher: 0.242; F1 0.741, AP 0.829.

Storage is JSON (terms with idf and weight, rule weights, intercept): loading
it cannot run code. The pickled models of earlier versions are refused with a
message, never unpickled.

Pure API: fit(texts, labels) -> model; model.predict(texts) -> scores in
[0, 1]; model.to_json() / LinearCheckworthy.from_json(); dumps(model) -> bytes
and load_model(bytes) for the database. Scoring is pure Python (no scikit-learn
import); fit() imports scikit-learn when called.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional, Sequence

from claims.text import checkworthy

FORMAT = "claimdesk.checkworthy.linear"
FORMAT_VERSION = 3
DEFAULT_MODEL_PATH = Path(__file__).with_name("data") / "checkworthy_default.json"
# Regularisation of the logistic regression (smaller: smoother); see bench/train_checkworthy.py.
C = 1.0
# The shipped default's regularisation, chosen by leave-debates-out CV (bench/train_checkworthy.py).
DEFAULT_C = 1.0
# Pooled data sets weigh the same in all, whatever their sizes (bench/train_checkworthy.py).
EQUAL_DOMAINS = True
MIN_DF = 2  # a term must occur in this many training sentences (1 for tiny data sets)
NGRAM = 2
# Digits of stored weights: 6 significant digits keep scores within 1e-5 and the file small.
_DIGITS = 6

_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d(?:[\d,.]*\d)?|[%$\u00a3\u20ac]")
_DIGIT = re.compile(r"\d")


class ModelFormatError(ValueError):
    """A stored model that is not a JSON check-worthiness model of a known version."""


def tokens(text: str) -> list[str]:
    """Lower-case words, numbers with every digit a 0, currency and percent signs."""
    return _TOKEN.findall(_DIGIT.sub("0", text.lower().replace("\u2019", "'")))


def terms(text: str, ngram: int = NGRAM) -> list[str]:
    """The n-grams (1..ngram) a sentence is scored on; fit() and scoring share this."""
    toks = tokens(text)
    out = list(toks)
    if ngram >= 2:
        out += [a + " " + b for a, b in zip(toks, toks[1:])]
    for n in range(3, ngram + 1):
        out += [" ".join(toks[i:i + n]) for i in range(len(toks) - n + 1)]
    return out


def _sigmoid(x: float) -> float:
    if x < -35.0:
        return 0.0
    return 1.0 / (1.0 + math.exp(-x))


@dataclass
class LinearCheckworthy:
    """Logistic regression over TF-IDF n-grams and rule features, as plain data."""

    term_idf: dict[str, float]
    term_weight: dict[str, float]
    rule_weight: dict[str, float]  # by rule feature name: rules added later read 0, removed ones are ignored
    intercept: float
    ngram: int = NGRAM
    meta: dict[str, Any] = field(default_factory=dict)
    # rule weights lined up with the rule table they were last used with (the table object, weights)
    _aligned: tuple[object, list[float]] = field(default=(None, []), init=False, repr=False, compare=False)

    def _contributions(self, text: str) -> dict[str, float]:
        """Each known term's share of the margin: sublinear TF-IDF, l2-normalised, times its weight."""
        idf = self.term_idf
        counts: dict[str, int] = {}
        for t in terms(text, self.ngram):
            if t in idf:
                counts[t] = counts.get(t, 0) + 1
        xs = {t: idf[t] if c == 1 else (1.0 + math.log(c)) * idf[t] for t, c in counts.items()}
        norm = math.sqrt(sum(x * x for x in xs.values())) or 1.0
        weight = self.term_weight
        return {t: x * weight.get(t, 0.0) / norm for t, x in xs.items()}

    def _rules_part(self, text: str, rule_values: Optional[Sequence[float]]) -> float:
        values = rule_values if rule_values is not None else checkworthy.rule_features(text)
        table, weights = self._aligned
        if table is not checkworthy.RULES:  # first use, or the rule table changed
            weights = [self.rule_weight.get(n, 0.0) for n in checkworthy.rule_feature_names()]
            self._aligned = (checkworthy.RULES, weights)
        return sum(w * v for w, v in zip(weights, values))

    def margin(self, text: str, rule_values: Optional[Sequence[float]] = None) -> float:
        """Log-odds of check-worthiness; rule_values: checkworthy.rule_features(text) when already computed."""
        return self.intercept + sum(self._contributions(text).values()) + self._rules_part(text, rule_values)

    def margins(self, texts: Sequence[str]) -> list[float]:
        return [self.margin(str(t)) for t in texts]

    def predict(self, texts: Sequence[str]) -> list[float]:
        """Scores in [0, 1]; >= 0.5 means check-worthy (the model's own decision)."""
        return [_sigmoid(m) for m in self.margins(texts)]

    def explain(self, text: str, rule_values: Optional[Sequence[float]] = None,
                k: int = 3) -> tuple[float, float, list[str], list[str]]:
        """(margin, the words' share of it, the terms that raise it most, those that lower it
        most): one pass for the score and the reviewer's reasons."""
        contrib = self._contributions(text)
        words = sum(contrib.values())
        ranked = sorted(contrib, key=lambda t: (-contrib[t], t))
        up = [t for t in ranked[:k] if contrib[t] > 0]
        down = [t for t in reversed(ranked[-k:]) if contrib[t] < 0]
        return self.intercept + words + self._rules_part(text, rule_values), words, up, down

    def to_json(self) -> str:
        r = _round
        return json.dumps({
            "format": FORMAT, "version": FORMAT_VERSION, "ngram": self.ngram, "meta": self.meta,
            "intercept": r(self.intercept),
            "rules": {k: r(v) for k, v in self.rule_weight.items()},
            # one row per term: [idf, weight]; sorted so the file is byte-identical on rebuild
            "terms": {t: [r(self.term_idf[t]), r(self.term_weight.get(t, 0.0))] for t in sorted(self.term_idf)},
        }, ensure_ascii=False, separators=(",", ":"), sort_keys=False)

    @classmethod
    def from_json(cls, data: str | bytes) -> "LinearCheckworthy":
        try:
            obj = json.loads(data)
        except (UnicodeDecodeError, ValueError) as exc:
            raise ModelFormatError(f"not a JSON check-worthiness model ({exc.__class__.__name__})") from None
        if not isinstance(obj, dict) or obj.get("format") != FORMAT:
            raise ModelFormatError("not a check-worthiness model (no 'format' marker)")
        if obj.get("version") != FORMAT_VERSION:
            raise ModelFormatError(f"check-worthiness model version {obj.get('version')!r} is not "
                                   f"{FORMAT_VERSION}; train it again")
        try:
            rows = obj["terms"]
            return cls(
                term_idf={str(t): float(v[0]) for t, v in rows.items()},
                term_weight={str(t): float(v[1]) for t, v in rows.items() if float(v[1])},
                rule_weight={str(k): float(v) for k, v in obj["rules"].items()},
                intercept=float(obj["intercept"]), ngram=int(obj["ngram"]), meta=dict(obj.get("meta") or {}),
            )
        except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
            raise ModelFormatError(f"check-worthiness model is damaged ({exc.__class__.__name__}: {exc})") from None


def _round(x: float) -> float:
    return float(f"{x:.{_DIGITS}g}")


def fit(texts: Sequence[str], labels: Sequence[int], *, domains: Optional[Sequence[str]] = None,
        sample_weight: Optional[Sequence[float]] = None, c: float = C, min_df: Optional[int] = None,
        ngram: int = NGRAM) -> LinearCheckworthy:
    """A model from labelled sentences (label 1 = check-worthy); deterministic.

    domains: one name per sentence when the training data pools data sets labelled
    with different base rates (2.7% check-worthy in CheckThat! debates, 25% in
    ClaimBuster). Each named domain gets its own intercept column during training,
    so the word and rule weights are shared while the base rates are not; the
    stored model keeps the intercept of the domain "" (the reference data set),
    whose 0.5 threshold is the desk's."""
    import numpy as np
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    texts = [str(t) for t in texts]
    y = [int(bool(v)) for v in labels]
    if len(texts) != len(y):
        raise ValueError(f"{len(texts)} texts but {len(y)} labels")
    if len(set(y)) < 2:
        raise ValueError("training needs both check-worthy and other sentences")
    if min_df is None:
        min_df = MIN_DF if len(texts) >= 200 else 1  # tiny desks' data: keep every word
    vec = TfidfVectorizer(analyzer=lambda t: terms(t, ngram), min_df=min_df, sublinear_tf=True)
    words = vec.fit_transform(texts)
    names = checkworthy.rule_feature_names()
    rules = sparse.csr_matrix(np.array([checkworthy.rule_features(t) for t in texts], dtype=np.float64))
    blocks = [words, rules]
    names_dom = sorted({d for d in domains or () if d})
    if domains is not None:
        if len(domains) != len(texts):
            raise ValueError(f"{len(texts)} texts but {len(domains)} domains")
        balance = _balanced_weights(y, domains)
        sample_weight = balance if sample_weight is None else [a * b for a, b in zip(balance, sample_weight)]
        col = {d: j for j, d in enumerate(names_dom)}
        ind = np.zeros((len(texts), len(names_dom)))
        for i, d in enumerate(domains):
            if d:
                ind[i, col[d]] = 1.0
        blocks.append(sparse.csr_matrix(ind))
    x = sparse.hstack(blocks, format="csr")
    # balanced classes: check-worthy sentences are the minority in any article or debate
    # (with domains, balanced within each domain by the sample weights instead)
    clf = LogisticRegression(C=c, class_weight=None if domains is not None else "balanced", max_iter=5000,
                             solver="liblinear")
    clf.fit(x, np.asarray(y), sample_weight=None if sample_weight is None else np.asarray(sample_weight, dtype=float))
    coef = clf.coef_[0]
    vocab = vec.get_feature_names_out()
    n_words = len(vocab)
    n_rules = n_words + len(names)
    return LinearCheckworthy(
        term_idf={str(t): float(i) for t, i in zip(vocab, vec.idf_)},
        term_weight={str(t): float(w) for t, w in zip(vocab, coef[:n_words]) if w},
        rule_weight={n: float(w) for n, w in zip(names, coef[n_words:n_rules])},
        intercept=float(clf.intercept_[0]), ngram=ngram,
        meta={"n_train": len(texts), "positives": sum(y), "c": c, "min_df": min_df,
              # what each other data set's intercept was, relative to the kept one (for the record)
              "domain_offsets": {d: _round(float(w)) for d, w in zip(names_dom, coef[n_rules:])}},
    )


def _balanced_weights(y: Sequence[int], domains: Sequence[str]) -> list[float]:
    """Per-sentence weights that balance the two classes within each domain, as scikit-learn's
    class_weight="balanced" does for one data set: n_domain / (2 * n_domain_class). A data set
    that marks 2.7% of its sentences does not tilt the threshold of one that marks 25%."""
    counts: dict[tuple[str, int], int] = {}
    for d, v in zip(domains, y):
        counts[(d, v)] = counts.get((d, v), 0) + 1
    total = {d: counts.get((d, 0), 0) + counts.get((d, 1), 0) for d, _ in counts}
    # every domain weighs the same in all (the mean domain size), however many sentences it has
    share = {d: (len(y) / len(total) / n if EQUAL_DOMAINS else 1.0) for d, n in total.items()}
    return [share[d] * (total[d] / (2.0 * counts[(d, v)]) if counts.get((d, 1 - v)) else 1.0)
            for d, v in zip(domains, y)]


# The desk's `claims train checkworthy` calls it by this name.
train = fit


@dataclass
class DefaultScorer:
    """The product's default as checkworthy.score_text scores: the learned model's score, or on
    a denial or a figure the rules' when it is the higher (what the evaluation cross-validates)."""

    model: LinearCheckworthy

    def predict(self, texts: Sequence[str]) -> list[float]:
        return [max(m, checkworthy.overriding_score(str(t))) for m, t in zip(self.model.predict(texts), texts)]


def train_default_scorer(texts: Sequence[str], labels: Sequence[int],
                         domains: Optional[Sequence[str]] = None) -> DefaultScorer:
    """fit_default() wrapped as the product scores with it (for cross-validation)."""
    return DefaultScorer(fit_default(texts, labels, domains))


def fit_default(texts: Sequence[str], labels: Sequence[int],
                domains: Optional[Sequence[str]] = None) -> LinearCheckworthy:
    """The shipped default's recipe (bench/train_checkworthy.py trains it on the shared
    training files, one domain per file; the evaluation retrains it without each test fold)."""
    return fit(texts, labels, domains=domains, c=DEFAULT_C)


def dumps(model: LinearCheckworthy) -> bytes:
    """Bytes for the database (UTF-8 JSON)."""
    return model.to_json().encode("utf-8")


# Pickle streams start with PROTO (0x80) from protocol 2 on; older protocols start with "(" or "}".
_PICKLE_STARTS = (b"\x80", b"(", b"}", b"]", b"c")


def load_model(blob: bytes) -> LinearCheckworthy:
    """A model from dumps() bytes. An old pickled model is refused, never unpickled
    (unpickling runs whatever code the bytes name)."""
    data = bytes(blob)
    if data[:1] in _PICKLE_STARTS:
        raise ModelFormatError("the stored check-worthiness model is an old pickled model, which is no longer "
                               "loaded because unpickling can run code; train it again with "
                               "`claims train checkworthy`")
    return LinearCheckworthy.from_json(data)


def fingerprint(texts: Sequence[str]) -> str:
    """A short hash of a set of sentences (case, punctuation and order blind): the shipped
    model records its training files' fingerprints, so an evaluation can tell when it is
    asked to score the very sentences the model learned from."""
    import hashlib

    keys = sorted(" ".join(re.findall(r"[a-z0-9]+", str(t).lower())) for t in texts)
    return hashlib.sha256("\n".join(keys).encode("utf-8")).hexdigest()[:16]


def trained_on(model: LinearCheckworthy, texts: Sequence[str]) -> Optional[str]:
    """The name of the training file these sentences are, when the model recorded it."""
    fp = fingerprint(texts)
    for entry in model.meta.get("trained_on") or ():
        if isinstance(entry, dict) and entry.get("fingerprint") == fp:
            return str(entry.get("file"))
    return None


@lru_cache(maxsize=1)
def default_model() -> Optional[LinearCheckworthy]:
    """The shipped default model, or None when the file is missing (then the rules score alone)."""
    if not DEFAULT_MODEL_PATH.exists():
        return None
    return LinearCheckworthy.from_json(DEFAULT_MODEL_PATH.read_bytes())


@dataclass
class BaselineClassifier:
    """Plain TF-IDF + logistic regression: the yardstick every eval prints beside the model."""

    vec: Any
    clf: Any

    def predict(self, texts: Sequence[str]) -> list[float]:
        if not len(texts):
            return []
        return [float(p) for p in self.clf.predict_proba(self.vec.transform(list(texts)))[:, 1]]


def train_baseline(texts: Sequence[str], labels: Sequence[int]) -> BaselineClassifier:
    """Word unigram+bigram TF-IDF and a class-balanced logistic regression, library defaults otherwise."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(ngram_range=(1, 2))
    clf = LogisticRegression(class_weight="balanced", max_iter=2000)
    clf.fit(vec.fit_transform([str(t) for t in texts]), np.asarray([int(bool(y)) for y in labels]))
    return BaselineClassifier(vec, clf)
