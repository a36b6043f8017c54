"""Optional trained check-worthiness model (scikit-learn), from the desk's labelled sentences.

Features: word 1-3-gram TF-IDF weighted by naive-Bayes log-count ratios
(NB-SVM, Wang & Manning 2012: a word's weight says how much more often it
occurs in check-worthy sentences), character 2-5-gram TF-IDF, plus the firing
pattern of the hand-written rules of claims/checkworthy.py (so the model starts
from what the rules know). Digits are folded to 0 ('1,234' and '9,876' are the
same kind of figure). Classifier: a linear SVM with balanced classes; its
margin is mapped to [0, 1] with 0 -> 0.5, so 0.5 stays the desk's default
threshold.

Measured on the ClaimBuster split, 5-fold CV, F1 of the positive class
(`claims eval checkworthy FILE --cv 5` prints the baseline beside it):
plain TF-IDF + LR 0.710; word 1-2 + char SVM 0.756; + rule features 0.763;
word 1-3 with NB weights (and the rules of May 2026) 0.768, AP 0.851. Tried and not kept (no gain): choosing the
threshold by inner cross-validation on the training fold (the balanced SVM's
own margin 0 was as good), NB weights on characters too, LR or SVM+NB-SVM
ensembles, modified-Huber SGD, gradient boosting stacked on the margin.

Pure: train(texts, labels) -> model; dumps(model) -> bytes; load_model(bytes)
-> model; model.predict(texts) -> scores in [0, 1]. Storing the bytes is the
workflow's job (claims/commands/extraction.py).
"""
from __future__ import annotations

import io
import pickle
import re
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from claims.text import checkworthy

FORMAT_VERSION = 2
# Format 1 (no NB weights) stored the rule columns of its day in this order; such
# a model still loads and predicts, its columns lined up by these names.
V1_RULE_NAMES = ("number statistic year number_word comparison record law causal negated_fact existential is_a "
                 "proper_noun past_fact record_perfect actor_past_action topic trend opinion recommendation "
                 "prediction value_words pleasantry question first_person_plan second_person imperative "
                 "short length").split()
# Regularisation of the linear SVM (smaller: smoother). 5-fold CV on the
# ClaimBuster split: C in 0.1..0.2 within 0.005 F1.
C = 0.1
# Steepness of the logistic map from SVM margin to score (margin 0 -> 0.5).
MARGIN_SCALE = 2.0
# Laplace smoothing of the naive-Bayes ratios (1.0: the usual add-one).
NB_ALPHA = 1.0
_DIGIT = re.compile(r"\d")


def _normalise(text: str) -> str:
    """Lower case, every digit a 0: '1,234' and '9,876' are the same kind of figure."""
    return _DIGIT.sub("0", text.lower())


@dataclass
class CheckworthyClassifier:
    word: TfidfVectorizer
    char: TfidfVectorizer
    clf: LinearSVC
    meta: dict[str, Any] = field(default_factory=dict)
    nb_ratio: Optional[np.ndarray] = None  # per word feature; None: no NB weighting
    rule_names: list[str] = field(default_factory=list)  # the rule columns it was trained with

    def margins(self, texts: Sequence[str]) -> np.ndarray:
        if not len(texts):
            return np.zeros(0)
        texts = list(texts)
        return self.clf.decision_function(self._features(texts))

    def _features(self, texts: list[str]) -> Any:
        w = self.word.transform(texts)
        if self.nb_ratio is not None:
            w = w.multiply(self.nb_ratio).tocsr()
        return sparse.hstack([w, self.char.transform(texts), _rule_matrix(texts, self.rule_names)], format="csr")

    def predict(self, texts: Sequence[str]) -> list[float]:
        """Scores in [0, 1]; >= 0.5 means check-worthy (the SVM's own decision)."""
        return [float(x) for x in 1.0 / (1.0 + np.exp(-MARGIN_SCALE * self.margins(texts)))]


def _rule_matrix(texts: Sequence[str], names: list[str]) -> Any:
    """Rule columns in the order the model was trained with; a rule added since
    then is left out, one removed since then reads 0 (a stored model keeps working)."""
    current = checkworthy.rule_feature_names()
    rows = np.array([checkworthy.rule_features(t) for t in texts])
    if names == current:
        return sparse.csr_matrix(rows)
    where = {n: i for i, n in enumerate(current)}
    out = np.zeros((len(texts), len(names)))
    for j, n in enumerate(names):
        if n in where:
            out[:, j] = rows[:, where[n]]
    return sparse.csr_matrix(out)


def nb_log_ratio(x: Any, labels: np.ndarray, alpha: float = NB_ALPHA) -> np.ndarray:
    """log(p(word | check-worthy) / p(word | other)) from binarised counts, add-alpha smoothed."""
    xb = (x > 0).astype(np.float64)
    p = alpha + np.asarray(xb[labels == 1].sum(axis=0)).ravel()
    q = alpha + np.asarray(xb[labels == 0].sum(axis=0)).ravel()
    return np.log((p / p.sum()) / (q / q.sum()))


def train(texts: Sequence[str], labels: Sequence[int]) -> CheckworthyClassifier:
    """A model from labelled sentences (label 1 = check-worthy)."""
    texts = [str(t) for t in texts]
    labels = [int(bool(y)) for y in labels]
    if len(texts) != len(labels):
        raise ValueError(f"{len(texts)} texts but {len(labels)} labels")
    if len(set(labels)) < 2:
        raise ValueError("training needs both check-worthy and other sentences")
    y = np.asarray(labels)
    min_df = 2 if len(texts) >= 200 else 1  # tiny desks' data: keep every word
    word = TfidfVectorizer(ngram_range=(1, 3), min_df=min_df, sublinear_tf=True, preprocessor=_normalise)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=min_df + 1, sublinear_tf=True,
                           preprocessor=_normalise, max_features=200_000)
    w = word.fit_transform(texts)
    ratio = nb_log_ratio(w, y)
    names = checkworthy.rule_feature_names()
    x = sparse.hstack([w.multiply(ratio).tocsr(), char.fit_transform(texts), _rule_matrix(texts, names)],
                      format="csr")
    # balanced classes: check-worthy sentences are the minority in any article or debate
    clf = LinearSVC(C=C, class_weight="balanced")
    clf.fit(x, y)
    return CheckworthyClassifier(word, char, clf,
                                 {"format": FORMAT_VERSION, "n_train": len(texts), "positives": sum(labels)},
                                 nb_ratio=ratio, rule_names=names)


def dumps(model: CheckworthyClassifier) -> bytes:
    buf = io.BytesIO()
    pickle.dump({"format": FORMAT_VERSION, "model": model}, buf, protocol=pickle.HIGHEST_PROTOCOL)
    return buf.getvalue()


def load_model(blob: bytes) -> CheckworthyClassifier:
    """A model from dumps() bytes (stored in the desk's own database, so trusted)."""
    data = pickle.loads(blob)
    if not isinstance(data, dict) or data.get("format") not in (1, FORMAT_VERSION):
        raise ValueError("not a check-worthiness model of this version; train it again")
    model = data["model"]
    if data["format"] == 1:  # pickled before the fields below existed
        model.nb_ratio = None
        model.rule_names = list(V1_RULE_NAMES)
    return model


@dataclass
class BaselineClassifier:
    """Plain TF-IDF + logistic regression: the yardstick every eval prints beside the model."""

    vec: TfidfVectorizer
    clf: Any

    def predict(self, texts: Sequence[str]) -> list[float]:
        if not len(texts):
            return []
        return [float(p) for p in self.clf.predict_proba(self.vec.transform(list(texts)))[:, 1]]


def train_baseline(texts: Sequence[str], labels: Sequence[int]) -> BaselineClassifier:
    """Word unigram+bigram TF-IDF and a class-balanced logistic regression, library defaults otherwise."""
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(ngram_range=(1, 2))
    clf = LogisticRegression(class_weight="balanced", max_iter=2000)
    clf.fit(vec.fit_transform([str(t) for t in texts]), np.asarray([int(bool(y)) for y in labels]))
    return BaselineClassifier(vec, clf)
