"""Optional trained check-worthiness model (scikit-learn), from the desk's labelled sentences.

Features: word 1-2-gram and character 2-5-gram TF-IDF, plus the firing pattern
of the hand-written rules of claims/checkworthy.py (so the model starts from
what the rules know). Classifier: a linear SVM with balanced classes; its
margin is mapped to [0, 1] with 0 -> 0.5, so 0.5 stays the desk's default
threshold. (Tried on the ClaimBuster split, 5-fold CV: TF-IDF + logistic
regression F1 0.72; word+char SVM 0.756; + rule features and digit folding
0.763.)

Pure: train(texts, labels) -> model; dumps(model) -> bytes; load_model(bytes)
-> model; model.predict(texts) -> scores in [0, 1]. Storing the bytes is the
workflow's job (claims/commands/extraction.py).
"""
from __future__ import annotations

import io
import pickle
import re
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from claims import checkworthy

FORMAT_VERSION = 1
# Regularisation of the linear SVM (smaller: smoother). 5-fold CV on the
# ClaimBuster split: C in 0.1..0.3 all within 0.005 F1.
C = 0.1
# Steepness of the logistic map from SVM margin to score (margin 0 -> 0.5).
MARGIN_SCALE = 2.0
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

    def margins(self, texts: Sequence[str]) -> np.ndarray:
        if not len(texts):
            return np.zeros(0)
        texts = list(texts)
        return self.clf.decision_function(_stack(self.word.transform(texts), self.char.transform(texts), texts))

    def predict(self, texts: Sequence[str]) -> list[float]:
        """Scores in [0, 1]; >= 0.5 means check-worthy (the SVM's own decision)."""
        return [float(x) for x in 1.0 / (1.0 + np.exp(-MARGIN_SCALE * self.margins(texts)))]


def _rule_matrix(texts: Sequence[str]) -> Any:
    return sparse.csr_matrix(np.array([checkworthy.rule_features(t) for t in texts]))


def _stack(w: Any, c: Any, texts: Sequence[str]) -> Any:
    return sparse.hstack([w, c, _rule_matrix(texts)], format="csr")


def train(texts: Sequence[str], labels: Sequence[int]) -> CheckworthyClassifier:
    """A model from labelled sentences (label 1 = check-worthy)."""
    texts = [str(t) for t in texts]
    labels = [int(bool(y)) for y in labels]
    if len(texts) != len(labels):
        raise ValueError(f"{len(texts)} texts but {len(labels)} labels")
    if len(set(labels)) < 2:
        raise ValueError("training needs both check-worthy and other sentences")
    min_df = 2 if len(texts) >= 200 else 1  # tiny desks' data: keep every word
    word = TfidfVectorizer(ngram_range=(1, 2), min_df=min_df, sublinear_tf=True, preprocessor=_normalise)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=min_df + 1, sublinear_tf=True,
                           preprocessor=_normalise, max_features=200_000)
    w = word.fit_transform(texts)
    c = char.fit_transform(texts)
    # balanced classes: check-worthy sentences are the minority in any article or debate
    clf = LinearSVC(C=C, class_weight="balanced")
    clf.fit(_stack(w, c, texts), np.asarray(labels))
    return CheckworthyClassifier(word, char, clf,
                                 {"format": FORMAT_VERSION, "n_train": len(texts), "positives": sum(labels)})


def dumps(model: CheckworthyClassifier) -> bytes:
    buf = io.BytesIO()
    pickle.dump({"format": FORMAT_VERSION, "model": model}, buf, protocol=pickle.HIGHEST_PROTOCOL)
    return buf.getvalue()


def load_model(blob: bytes) -> CheckworthyClassifier:
    """A model from dumps() bytes (stored in the desk's own database, so trusted)."""
    data = pickle.loads(blob)
    if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
        raise ValueError("not a check-worthiness model of this version; train it again")
    return data["model"]
