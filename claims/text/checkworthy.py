"""Check-worthiness: hand-written rules with reasons a reviewer can read, and the product's default scorer.

score_rules() is the rules alone; score_text(), the product's default, scores with
the shipped learned model (claims/text/checkworthy_model.py), whose features are
these rules' firing pattern plus word weights, and keeps the rules' reasons.

Each rule is a row of RULES: a pattern, a weight (log-odds, set by hand from
fact-checking practice, not learned from any data set) and the reason shown to
the reviewer. In score_rules() a sentence's score is the logistic of the bias
plus the weights of the rules that fire, so it lies in (0, 1) and every point
of it is explained by a listed reason.

For: numbers and statistics, named events and dates, comparisons and trends,
causal claims, records of what somebody did (voted, signed, cut), attributed
factual assertions, negated facts ("This is not a military base").
Against: opinion ("I think"), recommendations ("should", "need to"),
predictions and promises ("will"), hypotheticals ("if ..."), vague amounts
("a lot of things"), personal anecdotes, pleasantries, questions, short
fragments.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Optional

# --- rule tables -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rule:
    """Fires when one of its words or phrases (up to three words) occurs, or its pattern matches."""

    name: str
    weight: float
    reason: str
    words: frozenset[str] = frozenset()
    pattern: Optional[re.Pattern[str]] = None
    # the pattern is only tried when the lower-cased sentence contains hint or one of
    # the hint_words (speed: most sentences skip most patterns); a hint "-ed" means
    # a word of five or more letters ending in "ed"
    hint: str = ""
    hint_words: frozenset[str] = frozenset()


def _rule(name: str, pattern: str, weight: float, reason: str, flags: int = re.I, hint: str = "",
          hint_words: str = "") -> Rule:
    return Rule(name, weight, reason, pattern=re.compile(pattern, flags), hint=hint,
                hint_words=frozenset(w for w in hint_words.split("|") if w))


def _wrule(name: str, words: str, weight: float, reason: str, pattern: Optional[str] = None) -> Rule:
    """A word-list rule: words separated by '|', phrases with spaces."""
    return Rule(name, weight, reason, frozenset(w.strip() for w in words.split("|") if w.strip()),
                re.compile(pattern) if pattern else None)


BIAS = -1.15
# Common irregular past tenses ("We gave ...", "He took ...").
IRREGULAR_PAST = ("gave|took|made|went|told|sent|spent|lost|won|got|came|brought|paid|put|left|kept|ran|stood|"
                  "wrote|began|fought|saw|built|sold|bought|led|met|grew|rose|fell|broke|chose|drove|sought|"
                  "taught|threw|shut|undertook")
REPORTING_VERBS = ("said|says|claimed|claims|stated|states|announced|admitted|reported|reports|testified|"
                   "disputes|disputed|denied|confirmed")

RULES: tuple[Rule, ...] = (
    # --- for: figures and facts
    _rule("number", r"(?<![\w/])(?:\d[\d,.]*\d|\d)(?![\w/])(?!\s*(?:o'clock|a\.m|p\.m))", 1.3,
          "contains a number"),
    _wrule("statistic", "percent|per cent|percentage|million|millions|billion|billions|trillion|trillions|"
           "thousand|hundred|dollars|riel|riels|euro|euros|pounds|half of|third of|quarter of|majority of|"
           "twice|double|doubled|triple|tripled", 1.4, "a statistic or amount", r"[%$\u00a3\u20ac]"),
    _rule("year", r"\b(?:19[0-9]\d|20[0-4]\d)\b|\b(?:19|20)\d0s\b", 0.5, "refers to a specific year"),
    _wrule("number_word", "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|fifty|"
           "dozen|dozens|hundreds|thousands|millions|billions|first|second|third|fourth|fifth|sixth|"
           "single|once|twice|every", 0.35, "counts or ranks something"),
    _wrule("comparison", "more|less|fewer|most|least|higher|lower|largest|smallest|biggest|highest|lowest|"
           "only|record|since|increase|increased|increases|decrease|decreased|decreases|rose|risen|fell|"
           "fallen|grew|grown|decline|declined|dropped|cut|raise|raised|lost|gained|created|doubled|"
           "average|rate|rates|number of|percent|growth|deficit|debt|unemployment|budget|spending|spent|"
           "cost|costs|paid|tax|taxes|income|wage|wages|jobs|price|prices",
           0.75, "a comparison, trend or economic quantity"),
    _wrule("record", "voted|vote for|votes for|vote against|votes against|signed|passed|vetoed|sponsored|"
           "supported|opposed|proposed|introduced|enacted|appointed|elected|approved|rejected|banned|"
           "funded|invested|reduced|expanded|eliminated|closed|opened|built|arrested|charged|convicted|"
           "detained|killed|died|injured|attacked|invaded|launched|held|visited|met|agreed|ratified|"
           "imposed|sent|deployed|bought|sold|received|won|fired|hired|sued",
           0.75, "reports a recorded action"),
    _wrule("law", "law|laws|bill|act|legislation|treaty|agreement|amendment|constitution|court|ruling|"
           "policy|program|programme|plan|sanction|sanctions|regulation|regulations|insurance|medicare|"
           "social security|military|troops|base|weapon|weapons|nuclear|exercise|exercises|vessel|"
           "vessels|ship|ships|election|convicted|prisoner|prisoners|offence|offences|offense|offenses",
           0.45, "a law, programme, institution or event"),
    _wrule("causal", "because of|due to|cause|caused|causes|led to|leads to|result in|resulted in|"
           "as a result|responsible for|thanks to|blame|blamed", 0.5, "a causal claim"),
    _wrule("negated_fact", "is not|are not|was not|were not|has not|have not|had not|did not|does not|"
           "is never|was never|has never|have never|had never|isn't|aren't|wasn't|weren't|hasn't|"
           "haven't|hadn't|didn't|doesn't", 0.25, "a factual denial"),
    _wrule("existential", "there is|there are|there was|there were|there has been|there have been|"
           "there's", 0.25, "asserts that something exists or happened"),
    _rule("is_a", r"^(?:this|that|it|they|he|she|[A-Z][a-z]+)\s+(?:is|are|was|were)\s+(?:not\s+)?(?:a|an|the)\s",
          0.6, "a definite factual assertion", 0),
    _rule("proper_noun", r"(?<=[a-z,] )[A-Z][a-z]+", 0.3, "names a person, place or organisation", 0),
    Rule("past_fact", 0.25, "describes a past fact", frozenset("was were had did".split()),
         re.compile(r"[a-z]{3}ed\b"), "-ed"),
    _rule("record_perfect", r"\b(?:has|have|had|hasn't|haven't)\s+(?:never\s+|not\s+|already\s+|just\s+|also\s+)?"
          r"(?:been|\w{3,}ed|said|made|done|cut|lost|won|taken|given|gone|grown|risen|fallen|seen|sent|spent|paid)\b",
          0.35, "states what has happened", hint="ha"),
    # a named or pronoun actor with a past-tense verb, regular ("closed") or common irregular ("gave")
    _rule("actor_past_action", r"\b(?:i|we|he|she|they|it|[A-Z][a-z]+)\s+(?:(?:also|just|never|already|actually)\s+)?"
          r"(?:(?!(?:needed|wanted|liked|loved|hoped|tried|used|asked|talked|decided|seemed|appeared|believed|"
          r"supposed|called|started)\b)\w{3,}ed|" + IRREGULAR_PAST + r")\b", 0.35, "reports what someone did", re.I,
          hint="-ed", hint_words=IRREGULAR_PAST),
    _wrule("topic", "tax|taxes|job|jobs|deficit|debt|budget|medicare|medicaid|social security|health care|"
           "insurance|unemployment|inflation|economy|wage|wages|income|oil|energy|crime|war|troops|nuclear|"
           "missile|missiles|weapon|weapons|military|defence|defense|trade|export|exports|import|imports|"
           "immigration|immigrants|immigrant|border|prisoner|prisoners|police|school|schools|student|"
           "students|teacher|teachers|poverty|climate|emission|emissions|vaccine|vaccines|covid|cases|"
           "death|deaths|investment|aid|sanction|sanctions|election|elections|vote|votes|corruption|"
           "price|prices|interest rate|interest rates", 0.35, "a policy topic with checkable facts"),
    _wrule("trend", "up|down|rising|falling|rise|fall|going up|went up|went down|soared|plunged|tripled|"
           "halved|worst|highest|lowest|never|ever|always", 0.3, "a trend or an absolute claim"),
    _rule("reported_claim", r"\b(?:he|she|they|[A-Z][a-z]+|[Tt]he\s+[a-z]+)\s+(?:has\s+|have\s+|had\s+)?(?:also\s+)?"
          r"(?:" + REPORTING_VERBS + r")\b", 0.5, "reports what somebody else said", 0, hint_words=REPORTING_VERBS),
    _wrule("explicit_comparison", "than", 0.3, "an explicit comparison (... than ...)"),
    _wrule("according_to", "according to", 0.5, "cites a source"),
    # --- against: not a checkable assertion
    _rule("hypothetical", r"^(?:and |but |so |now |well, |because )?(?:if|unless|suppose|supposing|imagine)\b",
          -0.6, "a hypothetical (if ...)", hint_words="if|unless|suppose|supposing|imagine"),
    _wrule("opinion", "i think|i believe|i feel|in my opinion|i'm sure|i'm confident|i am sure|i hope|"
           "we believe|i guess|it seems|seems to|seem to|appears to|appear to|i don't think|i want|"
           "i'd like|i am proud|i am glad|i'm proud|i'm glad|i know|i understand",
           -0.9, "opinion or belief"),
    _wrule("recommendation", "should|shouldn't|ought to|must|need to|needs to|have to|has to|got to|let's|"
           "let us|we've got to|it's time|it is time|encourage|encouraged|urge|urged|call on|we need",
           -1.2, "a recommendation or call to act"),
    _wrule("prediction", "will|won't|would|going to|gonna|could|might|may|plan to|plans to|intend to|"
           "intends to|hope to|expect|expects|future|i'll|we'll|you'll|they'll|he'll|she'll|promise",
           -0.55, "a prediction, plan or promise"),
    _wrule("value_words", "good|bad|great|wonderful|terrible|best|worst|wrong|right|important|proud|"
           "honour|honor|honoured|honored|strong|weak|fair|unfair|dangerous|better|worse|mistake|shame|"
           "disgrace|friendship|value|values|believe|beautiful|love|respect|respected|honest|honestly|"
           "courage|hope|dream|freedom", -0.45, "value judgement"),
    _wrule("pleasantry", "thank you|thanks|congratulation|congratulations|welcome|good evening|"
           "good morning|ladies and gentlemen|pleasure|delighted|laughter|applause|crosstalk|happy to",
           -1.6, "a pleasantry or stage direction"),
    Rule("question", -1.4, "a question"),  # tested in code: the sentence ends with "?"
    # unspecific amounts and referents leave nothing to check ("a lot of things", "somehow")
    _wrule("vague", "a lot|lots of|so much|so many|kind of|sort of|all these|all those|something|somehow|"
           "stuff|things", -0.4, "vague: no specific amount or referent"),
    # the speaker's own encounters are anecdotes, not public record
    _rule("anecdote", r"\bi(?:'ve| have)?\s+(?:met|talked to|talked with|spoken to|spoke to|heard from|visited)\b",
          -0.5, "a personal anecdote", hint_words="met|talked|spoken|spoke|heard|visited"),
    _wrule("own_promise", "i'm going to|we're going to|i will|we will|i'll|we'll|i'm gonna",
           -0.4, "the speaker's own promise"),
    _rule("first_person_plan", r"^(?:and |but |so |now |well, )?(?:i|we)\s+(?:am|are|will|would|want|need|"
          r"have to|can|could|must|should|'m|'re|'ll|'d)\b", -0.6, "the speaker's own plans or wishes"),
    _wrule("second_person", "you|your", -0.25, "addresses the listener"),
    _rule("imperative", r"^(?:let|look|listen|imagine|remember|think about|consider|vote)\b", -0.9,
          "an imperative"),
)
# Very short fragments cannot carry a checkable claim.
SHORT_WORDS = 6
SHORT_WEIGHT = -1.1
SHORT_REASON = "too short to hold a claim"
# A claim attributed to a named speaker is what a desk checks first.
ATTRIBUTED_WEIGHT = 0.35
ATTRIBUTED_REASON = "an attributed assertion"

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# First words of the multi-word phrases of the word rules: a sentence's bigrams and
# trigrams are only built where one of these starts (speed: most words start none).
_phrase_cache: list[tuple[tuple[Rule, ...], frozenset[str]]] = []


def _phrase_starts(rules: tuple[Rule, ...]) -> frozenset[str]:
    """First words of the rules' phrases, recomputed when the table object changes."""
    if not _phrase_cache or _phrase_cache[0][0] is not rules:
        _phrase_cache[:] = [(rules, frozenset(w.split()[0] for r in rules for w in r.words | r.hint_words
                                              if " " in w))]
    return _phrase_cache[0][1]
_TRAILING = " \t\n\"'\u201d\u2019)"


@dataclass(frozen=True, slots=True)
class Score:
    score: float
    reasons: list[str]


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x > -35.0 else 0.0


def _fired(text: str) -> tuple[list[bool], int]:
    """Which rules fire on a sentence, and its number of words."""
    t = text.strip()
    low = t.lower().replace("\u2019", "'")
    tokens = _WORD.findall(low)
    grams = set(tokens)
    starts = _phrase_starts(RULES)
    n = len(tokens)
    for i, w in enumerate(tokens):
        if w in starts and i + 1 < n:
            grams.add(f"{w} {tokens[i + 1]}")
            if i + 2 < n:
                grams.add(f"{w} {tokens[i + 1]} {tokens[i + 2]}")
    endings: dict[str, bool] = {}
    fired = []
    for r in RULES:
        if r.name == "question":
            fired.append(t.rstrip(_TRAILING).endswith("?"))
        elif r.words and not r.words.isdisjoint(grams):
            fired.append(True)
        elif r.pattern is None or ((r.hint or r.hint_words) and not (r.hint and _hinted(r.hint, low, tokens, endings))
                                   and r.hint_words.isdisjoint(grams)):
            fired.append(False)
        else:
            fired.append(r.pattern.search(t) is not None)
    return fired, len(tokens)


def _hinted(hint: str, low: str, tokens: list[str], endings: dict[str, bool]) -> bool:
    if not hint.startswith("-"):
        return hint in low
    if hint not in endings:
        end = hint[1:]
        endings[hint] = any(w.endswith(end) and len(w) >= len(end) + 3 for w in tokens)
    return endings[hint]


def rule_feature_names() -> list[str]:
    """Names of the rule_features() columns, so a stored model can line them up by name."""
    return [r.name for r in RULES] + ["short", "length"]


def _features(fired: list[bool], n: int) -> list[float]:
    return [1.0 if f else 0.0 for f in fired] + [1.0 if n < SHORT_WORDS else 0.0, min(n, 60) / 60.0]


def rule_features(text: str) -> list[float]:
    """One value per rule (1.0 if it fires), then word count features: for the learned models."""
    return _features(*_fired(text))


def score_rules(text: str, *, attributed: bool = False) -> Score:
    """The hand-written rules alone: check-worthiness in [0, 1] with the reasons for and against."""
    return _rules_score(*_fired(text), attributed)


def _rules_score(fired: list[bool], n: int, attributed: bool) -> Score:
    x = BIAS
    pro: list[str] = []
    con: list[str] = []
    for r, f in zip(RULES, fired):
        if f:
            x += r.weight
            (pro if r.weight > 0 else con).append(r.reason)
    if n < SHORT_WORDS:
        x += SHORT_WEIGHT
        con.append(SHORT_REASON)
    if attributed:
        x += ATTRIBUTED_WEIGHT
        pro.append(ATTRIBUTED_REASON)
    reasons = [f"+ {r}" for r in pro] + [f"- {r}" for r in con]
    return Score(_sigmoid(x), reasons)


# A rule's reason is shown when the learned weight agrees in sign with the hand-set one and
# is at least this large (a rule the data found useless is no reason).
MIN_REASON_WEIGHT = 0.1
# Word evidence is a reason when the words move the log-odds by at least this much.
MIN_TERMS_MARGIN = 0.5
TERMS_FOR = "wording typical of sentences fact-checkers chose"
TERMS_AGAINST = "wording typical of sentences fact-checkers passed over"


def score_text(text: str, *, attributed: bool = False) -> Score:
    """The product's default check-worthiness of one sentence in [0, 1], with reasons.

    The shipped learned model's score (claims/text/data/checkworthy_default.json: the rules'
    features plus word weights, see claims/text/checkworthy_model.py); on a denial or a figure
    (a rule of OVERRIDING_RULES fires) the rules' own score when it is the higher. The model
    learned from debates, where "There is no base here" is mostly rhetoric; in news such a denial
    is what a desk checks, and the rules say so. Without the model file, the rules alone."""
    from claims.text import checkworthy_model  # imports this module; scoring needs no scikit-learn

    model = checkworthy_model.default_model()
    if model is None:
        return score_rules(text, attributed=attributed)
    fired, n = _fired(text)
    values = _features(fired, n)
    x, words, up, down = model.explain(text, values)
    pro: list[str] = []
    con: list[str] = []
    if words >= MIN_TERMS_MARGIN and up:
        pro.append(f"{TERMS_FOR} ({', '.join(repr(t) for t in up)})")
    for r, f in zip(RULES, fired):
        w = model.rule_weight.get(r.name, 0.0)
        if f and w * r.weight > 0 and abs(w) >= MIN_REASON_WEIGHT:
            (pro if w > 0 else con).append(r.reason)
    if n < SHORT_WORDS and model.rule_weight.get("short", 0.0) <= -MIN_REASON_WEIGHT:
        con.append(SHORT_REASON)
    if words <= -MIN_TERMS_MARGIN and down:
        con.append(f"{TERMS_AGAINST} ({', '.join(repr(t) for t in down)})")
    if attributed:
        x += ATTRIBUTED_WEIGHT
        pro.append(ATTRIBUTED_REASON)
    if overrides_model(fired):
        rules = _rules_score(fired, n, attributed)
        if rules.score > _sigmoid(x):
            return rules
    return Score(_sigmoid(x), [f"+ {r}" for r in pro] + [f"- {r}" for r in con])


# Rules whose sentences the learned model undervalues: in debates "This is not ..." and "There
# is no ..." are mostly rhetoric and a bare figure ("The plant employs 3,000 people.") often small
# talk; in news a denial or a figure is what a desk checks first. When one fires, the rules' score
# counts if it is the higher; elsewhere the model's alone (taking the higher everywhere added the
# rules' false alarms: ClaimBuster F1 0.731 against 0.741 in CV, README "Which sentences to check").
OVERRIDING_RULES = frozenset({"negated_fact", "existential", "number"})


def overrides_model(fired: list[bool]) -> bool:
    """Whether a sentence's fired rules (_fired order) let the rules' score replace a lower model score."""
    return any(f and r.name in OVERRIDING_RULES for r, f in zip(RULES, fired))


def overriding_score(text: str) -> float:
    """The rules' score of a sentence that one of OVERRIDING_RULES fires on, else 0.0: the
    default is the higher of this and the model's score (the evaluation's DefaultScorer)."""
    fired, n = _fired(text)
    return _rules_score(fired, n, False).score if overrides_model(fired) else 0.0

