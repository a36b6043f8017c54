"""Stance of a whole article towards a claim, from the stances of its statements.

The claim page labels each matched statement with claims.text.stance.stance();
an article (a news body, a fact-check) is judged from those same labels:
  - no statement matches the claim well enough           -> None (no match)
  - a matched statement contradicts it (with its reason)  -> contradicts
  - a matched statement asserts it                        -> supports
  - otherwise the article discusses the claim             -> related
Optionally gradient-boosted trees (claims/text/data/stance_model.json, built by
bench/train_stance.py on FNC-1 train) weighs the same evidence; see StanceModel.

Pure functions over str: the caller gives the statements (from the product's
extraction) and term weights (IDF from the store or the corpus at hand).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Mapping, Optional, Sequence

from rapidfuzz import fuzz

from claims.text import normalize
from claims.text.stance import CONTRADICTS, RELATED, SUPPORTS, Stance, cues, stance
from claims.text.vocab import NEGATION_WORDS

# A statement is a match of the claim from this share (0-100) of the claim's
# IDF weight found in it; an article with no such statement is "no match".
# Tuned on FNC-1 train (bench/train_stance.py prints the sweep).
MATCH_SCORE = 24.0
# Statements scoring this much are the ones whose stance counts for the article.
EVIDENCE_SCORE = 20.0
# An article contradicts a claim when a matched statement contradicts it with
# this score or more; weaker contradictions are shown but do not decide.
CONTRADICT_SCORE = 40.0
SUPPORT_SCORE = 50.0
LEDE = 3  # the first statements of a report say how it holds the story
MODEL_PATH = Path(__file__).parent / "data" / "stance_model.json"
NONE = "none"  # the article does not match the claim
BODY_LABELS = (SUPPORTS, CONTRADICTS, RELATED, NONE)


def idf_table(texts: Iterable[str]) -> dict[str, float]:
    """IDF of each content term over `texts` (one document each), as the store computes it."""
    df: dict[str, int] = {}
    n = 0
    for t in texts:
        n += 1
        for term in set(normalize.query_terms(t)):
            df[term] = df.get(term, 0) + 1
    return {term: math.log(1.0 + (n - d + 0.5) / (d + 0.5)) for term, d in df.items()}


def term_score(claim_terms: Sequence[str], idf: Mapping[str, float], terms: set[str], default: float) -> float:
    """Share (0-100) of the claim's term weight found in `terms`; unknown terms weigh `default`."""
    weights = [idf.get(t, default) for t in claim_terms]
    total = sum(weights)
    if not total:
        return 0.0
    return 100.0 * sum(w for t, w in zip(claim_terms, weights) if t in terms) / total


@dataclass(frozen=True)
class Evidence:
    text: str
    score: float
    stance: Stance


@dataclass
class BodyStance:
    label: str  # supports | contradicts | related | none
    reasons: list[str] = field(default_factory=list)
    score: float = 0.0  # best statement score
    evidence: list[Evidence] = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)


def evidence(claim: str, statements: Sequence[str], idf: Mapping[str, float]) -> tuple[list[Evidence], dict[str, float]]:
    """Each statement's score and stance (stance only for matched ones), and the article's features."""
    claim_terms = normalize.query_terms(claim)
    default = max(idf.values(), default=1.0)
    body_terms: set[str] = set()
    out: list[Evidence] = []
    for s in statements:
        terms = _terms(s)
        body_terms |= terms
        sc = term_score(claim_terms, idf, terms, default)
        st = stance(claim, s, similarity=sc) if sc >= EVIDENCE_SCORE else Stance(RELATED, [])
        out.append(Evidence(s, sc, st))
    feats = features(claim, out, term_score(claim_terms, idf, body_terms, default))
    feats.update(similarity_features(claim, statements, idf))
    return out, feats


# Words whose use says how a report holds a story (FNC-1 winners' refuting and
# hedging lists, plus reporting words): counted one by one, in the whole body and
# in the statements most like the claim, since "hoax" and "claims" weigh differently.
STANCE_WORDS = tuple("""fake hoax false falsely not no never deny denied denies debunk debunked untrue
reportedly allegedly alleged claims claimed claim rumor rumors rumour according unconfirmed unverified
confirmed confirm confirms however but although despite satire prank fabricated doubt doubts
appears apparently may might could seems said says told true real official officially announced""".split())
NEAREST = 3  # statements most like the claim, by TF-IDF cosine


def similarity_features(claim: str, statements: Sequence[str], idf: Mapping[str, float]) -> dict[str, float]:
    """TF-IDF cosine of the claim with the body and its statements (best, top 3, lede),
    word overlap, and the STANCE_WORDS of the body and of the statements nearest the claim.
    None names a word of the claim, so nothing here can memorise a headline."""
    default = max(idf.values(), default=1.0)
    cv = _weights(_tf(claim), idf, default)
    cnorm = math.sqrt(sum(v * v for v in cv.values())) or 1.0
    body_tf: dict[str, int] = {}
    coss = []
    for s in statements:
        tf = _tf(s)
        for t, c in tf.items():
            body_tf[t] = body_tf.get(t, 0) + c
        coss.append(_cosine(cv, cnorm, _weights(tf, idf, default)))
    ranked = sorted(coss, reverse=True) or [0.0]
    claim_terms, body_set = set(cv), set(body_tf)
    f = {
        "cos_body": _cosine(cv, cnorm, _weights(body_tf, idf, default)),
        "cos_max": ranked[0],
        "cos_top3": sum(ranked[:NEAREST]) / NEAREST,
        "cos_mean": sum(coss) / (len(coss) or 1),
        "cos_lede": max(coss[:LEDE], default=0.0),
        "cos_first": coss[0] if coss else 0.0,
        "cos_n30": math.log1p(sum(c >= 0.3 for c in coss)),
        "jacc": len(claim_terms & body_set) / (len(claim_terms | body_set) or 1),
        "cover": len(claim_terms & body_set) / (len(claim_terms) or 1),
        "claim_len": math.log1p(len(claim_terms)),
        "claim_q": float("?" in claim),
    }
    body_words = _word_counts(tuple(statements))
    n = sum(body_words.values()) or 1
    top = sorted(range(len(statements)), key=lambda i: -coss[i])[:NEAREST]
    near: dict[str, int] = {}
    for i in top:
        for w, c in _word_counts((statements[i],)).items():
            near[w] = near.get(w, 0) + c
    claim_words = set(normalize.tokens(claim))
    for w in STANCE_WORDS:
        f[f"w_{w}"] = 100 * body_words.get(w, 0) / n
        f[f"n_{w}"] = float(near.get(w, 0))
        f[f"c_{w}"] = float(w in claim_words)
    # polarity: an odd number of negations flips the claim; negations by the claim's words in the body
    f["pol_claim"] = float(sum(w in NEGATION_WORDS for w in claim_words) % 2)
    f["pol_near"] = float(sum(near.get(w, 0) for w in NEGATION_WORDS))
    for k in ("refute", "hedge", "confirm", "negation"):
        f[f"wcue_{k}"] = sum(c * _cues(s)[k] for c, s in zip(coss, statements))
    f.update(disagreement_features(claim, statements, coss))
    return f


# Word pairs that deny a story without a single refuting word ("not true", "no evidence").
DENIAL_PAIRS = frozenset({("not", "true"), ("no", "evidence"), ("turned", "out"), ("turns", "out"),
                          ("made", "up"), ("not", "real"), ("no", "truth"), ("no", "proof"),
                          ("never", "happened"), ("not", "genuine"), ("is", "false"), ("a", "hoax")})


def disagreement_features(claim: str, statements: Sequence[str], coss: Sequence[float]) -> dict[str, float]:
    """Where the body disputes: cue rates in the 1, 3 and 5 statements most like the claim
    (FNC-1 winners' refuting words near the headline's terms), cue weight by similarity,
    denial word pairs, the first disputing statement's place, and whether the claim and its
    nearest statements differ in negation. None names a word of the claim."""
    f: dict[str, float] = {}
    order = sorted(range(len(statements)), key=lambda i: -coss[i])
    kinds = ("refute", "hedge", "confirm", "negation")
    for k in (1, 3, 5):
        top = order[:k]
        words = sum(len(_tokens(statements[i])) for i in top) or 1
        for kind in kinds:
            c = sum(_cues(statements[i])[kind] for i in top)
            f[f"top{k}_{kind}"] = float(c)
            f[f"top{k}_{kind}_rate"] = 100 * c / words
    total_cos = sum(coss) or 1.0
    n_words = sum(len(_tokens(s)) for s in statements) or 1
    for kind in kinds:
        per = [_cues(s)[kind] for s in statements]
        f[f"rate_{kind}"] = 100 * sum(per) / n_words
        f[f"share_{kind}"] = sum(c > 0 for c in per) / (len(per) or 1)
        f[f"cosw_{kind}"] = sum(c * (p > 0) for c, p in zip(coss, per)) / total_cos
        f[f"rel_{kind}"] = float(sum(p > 0 and c >= 0.1 for c, p in zip(coss, per)))
        first = next((i for i, p in enumerate(per) if p), None)
        f[f"first_{kind}"] = 1.0 if first is None else first / len(per)
    pairs = [_denials(s) for s in statements]
    f["denial_pairs"] = float(sum(pairs))
    f["denial_pairs_near"] = float(sum(pairs[i] for i in order[:3]))
    claim_neg = sum(w in NEGATION_WORDS for w in _tokens(claim)) % 2
    for k in (1, 3):
        near_neg = [sum(w in NEGATION_WORDS for w in _tokens(statements[i])) % 2 for i in order[:k]]
        f[f"neg_mismatch{k}"] = float(any(n != claim_neg for n in near_neg)) if near_neg else 0.0
    f["best_len"] = math.log1p(len(_tokens(statements[order[0]]))) if order else 0.0
    f["quoted_share"] = sum('"' in s or "\u201c" in s for s in statements) / (len(statements) or 1)
    return f


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: it holds a dict and a cache
class TopicSpace:
    """Latent topics (LSI): each term's IDF and vector, from a truncated SVD of TF-IDF over
    FNC-1 train bodies and headlines (bench/train_stance.py), stored as integers with one
    shared scale (cosine does not see it). A claim and a body that tell the same story in
    other words are near in it; no vector names a headline."""

    terms: Mapping[str, int]  # term -> row of idf and vectors
    idf: tuple[float, ...]
    vectors: tuple[tuple[int, ...], ...]
    _cache: dict[object, tuple[float, ...]] = field(default_factory=dict, compare=False, repr=False)

    def embed(self, tf: Mapping[str, int]) -> tuple[float, ...]:
        out = [0.0] * (len(self.vectors[0]) if self.vectors else 0)
        for t, c in tf.items():
            i = self.terms.get(t)
            if i is None:
                continue
            w = (1.0 + math.log(c)) * self.idf[i]
            for k, v in enumerate(self.vectors[i]):
                out[k] += w * v
        return tuple(out)

    def statement(self, text: str) -> tuple[float, ...]:
        return self._kept(text, lambda: self.embed(_tf(text)))

    def body(self, statements: Sequence[str]) -> tuple[float, ...]:
        """The whole article's vector (its terms counted over all statements)."""
        def whole() -> tuple[float, ...]:
            tf: dict[str, int] = {}
            for s in statements:
                for t, c in _tf(s).items():
                    tf[t] = tf.get(t, 0) + c
            return self.embed(tf)
        return self._kept(tuple(statements), whole)

    def _kept(self, key: object, make: Callable[[], tuple[float, ...]]) -> tuple[float, ...]:
        # an article is read once per claim paired with it
        if key not in self._cache:
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[key] = make()
        return self._cache[key]

    @classmethod
    def from_json(cls, data: Mapping[str, Sequence]) -> "TopicSpace":
        terms, idf, vectors = data["terms"], data["idf"], data["vectors"]
        if not len(terms) == len(idf) == len(vectors):
            raise ValueError("topic space: terms, idf and vectors differ in length")
        return cls({t: i for i, t in enumerate(terms)}, tuple(idf), tuple(tuple(v) for v in vectors))

    def to_json(self) -> dict[str, list]:
        return {"terms": sorted(self.terms, key=self.terms.__getitem__), "idf": list(self.idf),
                "vectors": [list(v) for v in self.vectors]}


def _vcos(a: Sequence[float], b: Sequence[float]) -> float:
    na, nb = math.sqrt(sum(x * x for x in a)), math.sqrt(sum(x * x for x in b))
    return sum(x * y for x, y in zip(a, b)) / (na * nb) if na and nb else 0.0


def topic_features(claim: str, statements: Sequence[str], space: TopicSpace) -> dict[str, float]:
    """Cosine in the topic space of the claim with the body, its nearest statements (best, top 3)
    and its lede: relatedness that survives paraphrase, where shared words miss."""
    cv = space.embed(_tf(claim))
    coss = [_vcos(cv, space.statement(s)) for s in statements]
    ranked = sorted(coss, reverse=True) or [0.0]
    return {"topic_body": _vcos(cv, space.body(statements)), "topic_max": ranked[0],
            "topic_top3": sum(ranked[:NEAREST]) / NEAREST, "topic_lede": max(coss[:LEDE], default=0.0)}


@lru_cache(maxsize=200_000)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(normalize.tokens(text))


@lru_cache(maxsize=200_000)
def _denials(text: str) -> int:
    words = _tokens(text)
    return sum((a, b) in DENIAL_PAIRS for a, b in zip(words, words[1:]))


@lru_cache(maxsize=200_000)
def _tf(text: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for t in normalize.query_terms(text):
        out[t] = out.get(t, 0) + 1
    return out


def _weights(tf: Mapping[str, int], idf: Mapping[str, float], default: float) -> dict[str, float]:
    return {t: (1.0 + math.log(c)) * idf.get(t, default) for t, c in tf.items()}


def _cosine(claim: Mapping[str, float], claim_norm: float, other: Mapping[str, float]) -> float:
    dot = sum(v * other.get(t, 0.0) for t, v in claim.items())
    if not dot:
        return 0.0
    return dot / (claim_norm * math.sqrt(sum(v * v for v in other.values())))


@lru_cache(maxsize=20_000)  # a body is paired with many claims
def _word_counts(texts: tuple[str, ...]) -> dict[str, int]:
    out: dict[str, int] = {}
    for t in texts:
        for w in normalize.tokens(t):
            out[w] = out.get(w, 0) + 1
    return out


def features(claim: str, ev: Sequence[Evidence], body_score: float) -> dict[str, float]:
    """What the model weighs: match strength, the rule stances, the cues around the claim's words."""
    scores = sorted((e.score for e in ev), reverse=True) or [0.0]
    matched = [e for e in ev if e.score >= EVIDENCE_SCORE]
    f: dict[str, float] = {
        "best": scores[0] / 100,
        "second": (scores[1] if len(scores) > 1 else 0.0) / 100,
        "top3": sum(scores[:3]) / 300,
        "body": body_score / 100,
        "matched_share": len(matched) / (len(ev) or 1),
        "contradicts": max((e.score for e in matched if e.stance.label == CONTRADICTS), default=0.0) / 100,
        "n_contradicts": math.log1p(sum(e.stance.label == CONTRADICTS for e in matched)),
        "supports": max((e.score for e in matched if e.stance.label == SUPPORTS), default=0.0) / 100,
        "n_supports": math.log1p(sum(e.stance.label == SUPPORTS for e in matched)),
    }
    kinds = cues(claim)
    for k, v in kinds.items():
        f[f"claim_{k}"] = float(v > 0)
    body_cues: dict[str, float] = {}
    for e in matched:
        for k, v in _cues(e.text).items():
            body_cues[k] = body_cues.get(k, 0.0) + v
    whole: dict[str, float] = {}
    lede: dict[str, float] = {}
    for i, e in enumerate(ev):
        for k, v in _cues(e.text).items():
            whole[k] = whole.get(k, 0.0) + v
            if i < LEDE:
                lede[k] = lede.get(k, 0.0) + v
    for k in kinds:
        f[f"match_{k}"] = math.log1p(body_cues.get(k, 0.0))
        f[f"body_{k}"] = math.log1p(whole.get(k, 0.0))
        f[f"lede_{k}"] = math.log1p(lede.get(k, 0.0))
    f["length"] = math.log1p(len(ev))
    # A report that repeats the claim word for word asserts it more often than one
    # that discusses it: shared word pairs and triples, in the lede and anywhere.
    cw = normalize.stems(claim)
    grams = {n: _grams(cw, n) for n in (2, 3)}
    body_grams = {n: set().union(*(_text_grams(e.text, n) for e in ev)) if ev else set() for n in (2, 3)}
    lede_grams = set().union(*(_text_grams(e.text, 2) for e in ev[:LEDE])) if ev else set()
    for n in (2, 3):
        f[f"gram{n}"] = len(grams[n] & body_grams[n]) / (len(grams[n]) or 1)
    f["lede_gram2"] = len(grams[2] & lede_grams) / (len(grams[2]) or 1)
    best = max(ev, key=lambda e: e.score, default=None)
    if best is not None:
        f["best_pos"] = ev.index(best) / len(ev)
        f["best_partial"] = fuzz.partial_ratio(claim.lower(), best.text.lower()) / 100
        f["best_tokenset"] = fuzz.token_set_ratio(claim.lower(), best.text.lower()) / 100
        for k, v in cues(best.text).items():
            f[f"best_{k}"] = float(v > 0)
    else:
        f.update({"best_pos": 1.0, "best_partial": 0.0, "best_tokenset": 0.0})
        f.update({f"best_{k}": 0.0 for k in kinds})
    return f


def _grams(words: Sequence[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


@lru_cache(maxsize=200_000)  # an article's statements are read once per claim paired with it
def _text_grams(text: str, n: int) -> frozenset[tuple[str, ...]]:
    return frozenset(_grams(normalize.stems(text), n))


@lru_cache(maxsize=200_000)
def _cues(text: str) -> dict[str, int]:
    return cues(text)


@lru_cache(maxsize=200_000)
def _terms(text: str) -> frozenset[str]:
    return frozenset(normalize.query_terms(text))


def decide_rules(ev: Sequence[Evidence], feats: Mapping[str, float]) -> tuple[str, list[str]]:
    best = max(ev, key=lambda e: e.score, default=None)
    if best is None or best.score < MATCH_SCORE:
        return NONE, [f"no statement matches the claim (best score {best.score if best else 0:.0f})"]
    contra = [e for e in ev if e.stance.label == CONTRADICTS and e.score >= CONTRADICT_SCORE]
    if contra:
        top = max(contra, key=lambda e: e.score)
        return CONTRADICTS, list(top.stance.reasons)
    sup = [e for e in ev if e.stance.label == SUPPORTS and e.score >= SUPPORT_SCORE]
    if sup:
        top = max(sup, key=lambda e: e.score)
        return SUPPORTS, list(top.stance.reasons)
    return RELATED, list(best.stance.reasons) or [f"shares the claim's words (score {best.score:.0f})"]


@dataclass(frozen=True)
class Tree:
    """One regression tree: node i splits on feature[i] at threshold[i] (<= goes left);
    a node with left[i] == -1 is a leaf worth value[i]."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    def __call__(self, x: Sequence[float]) -> float:
        i = 0
        while self.left[i] != -1:
            i = self.left[i] if x[self.feature[i]] <= self.threshold[i] else self.right[i]
        return self.value[i]


@dataclass(frozen=True)
class StanceModel:
    """Gradient-boosted trees over `features` (one tree per class per round) and the topic
    space its topic_* features are measured in, stored as JSON: numbers and terms only,
    nothing runs on load. Built by bench/train_stance.py."""

    names: tuple[str, ...]
    classes: tuple[str, ...]
    baseline: tuple[float, ...]
    trees: tuple[tuple[Tree, ...], ...]  # rounds x classes
    topics: Optional[TopicSpace] = None  # the space its topic_* features are measured in

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> "StanceModel":
        try:
            trees = tuple(tuple(Tree(*(tuple(t[k]) for k in ("feature", "threshold", "left", "right", "value")))
                                for t in round_) for round_ in data["trees"])  # type: ignore[union-attr]
            topics = TopicSpace.from_json(data["topics"]) if "topics" in data else None  # type: ignore[arg-type]
            return cls(tuple(data["features"]), tuple(data["classes"]),  # type: ignore[arg-type]
                       tuple(data["baseline"]), trees, topics)  # type: ignore[arg-type]
        except (KeyError, TypeError, IndexError, ValueError) as exc:
            raise ValueError(f"not a stance model: {exc}") from exc

    def to_json(self) -> dict[str, object]:
        return {"features": list(self.names), "classes": list(self.classes), "baseline": list(self.baseline),
                "trees": [[{"feature": list(t.feature), "threshold": list(t.threshold), "left": list(t.left),
                            "right": list(t.right), "value": list(t.value)} for t in r] for r in self.trees],
                **({"topics": self.topics.to_json()} if self.topics is not None else {})}

    def features(self, claim: str, statements: Sequence[str], feats: Mapping[str, float]) -> dict[str, float]:
        """`feats` (from evidence()) plus what only this model measures: topic cosines in its space."""
        if self.topics is None:
            return dict(feats)
        return {**feats, **topic_features(claim, statements, self.topics)}

    def scores(self, feats: Mapping[str, float]) -> list[float]:
        # every feature must be there: a missing one (say topic_* without features()) is a bug, not a 0
        x = [feats[n] for n in self.names]
        raw = list(self.baseline)
        for round_ in self.trees:
            for k, tree in enumerate(round_):
                raw[k] += tree(x)
        return raw

    def predict(self, feats: Mapping[str, float]) -> str:
        raw = self.scores(feats)
        return self.classes[max(range(len(raw)), key=raw.__getitem__)]


def load_model(path: Path = MODEL_PATH) -> Optional[StanceModel]:
    if not path.exists():
        return None
    return StanceModel.from_json(json.loads(path.read_text(encoding="utf-8")))


def body_stance(claim: str, statements: Sequence[str], idf: Mapping[str, float], *,
                model: Optional[StanceModel] = None) -> BodyStance:
    """The article's stance towards `claim` from its statements' stances (rules, or the model)."""
    ev, feats = evidence(claim, statements, idf)
    label, reasons = decide_rules(ev, feats)
    best = max((e.score for e in ev), default=0.0)
    # No statement shares a word with the claim: "no match" by definition, whatever the model's
    # topic cosines say (on a body of a line or two they are noise: a bakery "supported" a dam).
    if model is not None and best > 0:
        feats = model.features(claim, statements, feats)
        label = model.predict(feats)
        if label != NONE and not reasons:
            reasons = ["model"]
    return BodyStance(label, reasons, best, ev, feats)
