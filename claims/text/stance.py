"""Stance of a matched statement towards a claim: supports, contradicts or related,
with reasons a reviewer can check at a glance.

"Contradicts" means the two statements are about the same thing and disagree.
So every rule has two gates before its cue counts:
  - same topic: enough shared content (stems folded through CONCEPTS, so
    "killed" meets "died"), measured as shared terms over the shorter side;
  - anchored cue: the negation, denial, antonym or number sits within a few
    words of a term both sides share ("no foreign *base*" / "not a *base*").
A "not" in one sentence and loosely related words in the other is "related".

Rules, each a table below (no if-chains over words):
  - negation of shared content on one side only  "is not a military base" / "a military presence"
  - a denial word on one side, near shared content  "denied", "rejected", "baseless", "contradicting"
  - antonyms on the shared predicate          increased / decreased, won / lost, confirmed / denied
  - different numbers for the same quantity   same unit noun and shared context ("16 civilians" / "20 civilians"),
    and the same kind of count (deaths are not injuries); days of the month are no quantity;
    approximate figures and bounds agree within what they allow ("about 4,200" / "4,150",
    "up to 9,000" / "as many as 9,000"); number words are figures ("Forty-two" = 42)
  - a count of a part larger than the count of everyone  ("12 of its members were killed" / "four people died")
  - a number for a group against "only" another group  ("16 civilians" / "only militants")
  - different years for the same event
  - a figure the other side asserts, cited to be disputed  ("only 150 kilograms, far less than the half tonne estimated")
A negation or denial also counts when one segment of each side is on the topic (a long report
says one thing per segment), and only when the shared terms name the story: a name, a figure, a
word outside everyday vocabulary, or three terms ("go home" / "did not go home" is two stories).
A planned event "postponed" or "cancelled" is negated. A statement stored as claim text
and a denying cue ("X denied that Y": Y, "denied") is compared with the cue put back (asserted()).
Attribution frames ("..., he said, in a May 7 post", "According to X,") are dropped first:
they say who said it, not what. A statement of several sentences is also compared
sentence by sentence, and the reason names the sentence that decided.

Otherwise "supports" only when the match asserts the claim: it names most of the
claim's terms, or gives the same count of the same kind ("the toll is four" / "four people
died"), without a hedge ("reportedly") or a dispute ("contradicted"), and no figure counting
another kind ("six killed" / "six injured"), nor dated otherwise ("in September" / "in 2024");
a high fuzzy score alone is no support.
Anything else is "related", with the reason it was shown (the shared words, as written)
and why it is not support. Pure functions over str.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from claims.text.normalize import COMMON_WORDS, STOP_WORDS, stem, tokens
from claims.text.segment import sentence_spans
from claims.text.vocab import DENYING_VERBS, MONTHS, NEGATION_WORDS

SUPPORTS, CONTRADICTS, RELATED = "supports", "contradicts", "related"
STANCES = (SUPPORTS, CONTRADICTS, RELATED)

# Words that negate their clause: vocab.NEGATION_WORDS, and verbs that say a planned event
# does not happen as said ("postponed the reopening" / "the mine will reopen on Monday").
EVENT_NEGATIONS = frozenset("""postpone postponed postpones postponing delay delayed delays
    cancel cancels cancelled canceled cancelling""".split())
# "not only X but Y" and the like assert X: (negation, next word) pairs that do not negate.
NOT_NEGATING = frozenset({("not", "only"), ("not", "just"), ("no", "doubt"), ("never", "before"),
                          ("not", "yet"), ("not", "least")})
# "If that is not a base, ..." asserts that it is: a negation this close after
# one of these words is a rhetorical challenge, not a denial.
RHETORICAL_OPENERS = frozenset({"if", "unless", "isn", "whether"})
RHETORICAL_SPAN = 4

# Words that deny or dismiss a claim.  Multi-word cues are tuples of plain words.
DENIAL_CUES: tuple[tuple[str, ...], ...] = (
    ("deny",), ("denied",), ("denies",), ("denial",), ("reject",), ("rejected",), ("rejects",),
    ("refute",), ("refuted",), ("debunk",), ("debunked",),
    ("baseless",), ("unfounded",), ("untrue",), ("false",), ("falsely",), ("fake",), ("hoax",),
    ("fabricated",), ("myth",), ("groundless",), ("disputed",), ("rebuff",),
    ("rebuffed",), ("contradict",), ("contradicting",), ("contradicts",), ("contradicted",),
    ("dismiss",), ("dismissed",), ("dismisses",), ("cast", "doubt"), ("casting", "doubt"),
    ("casts", "doubt"), ("no", "evidence"), ("no", "proof"),
)

# Denials that are verbs (or "no evidence"): their target follows; the others
# ("baseless", "untrue") judge what came before them.
DENIAL_AFTER_WORDS = frozenset("""deny denied denies denial reject rejected rejects refute refuted
debunk debunked rebuff rebuffed contradict contradicting contradicts contradicted disputed no
dismiss dismissed dismisses cast casting casts""".split())

# Pairs of opposites; each side of a pair is a few plain words or phrases (stemmed at import).
# Only predicates: "up/down", "more/less", "before/after" oppose nothing on their own.
ANTONYMS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("increase", "increased", "rise", "rose", "risen", "grow", "grew", "higher", "gain", "climbed"),
     ("decrease", "decreased", "fall", "fell", "fallen", "drop", "dropped", "decline", "shrink",
      "lower", "cut", "plunged")),
    (("win", "won", "victory"), ("lose", "lost", "defeat", "defeated")),
    (("confirm", "confirmed", "admit", "admitted", "acknowledge", "acknowledged"),
     ("deny", "denied", "reject", "rejected")),
    (("true", "accurate", "correct"), ("false", "inaccurate", "incorrect", "fake")),
    (("legal", "lawful", "allowed", "permitted"), ("illegal", "unlawful", "banned", "forbidden", "prohibited")),
    (("guilty", "convicted"), ("innocent", "acquitted", "cleared")),
    # "political prisoners" against "convicted for the offences they committed"
    (("political prisoner", "political prisoners", "dissident", "dissidents", "detention"),
     ("convicted for the offences", "convicted for their crimes", "criminals", "offences they committed")),
    (("support", "supported", "favour", "favor"), ("oppose", "opposed")),
    (("accept", "accepted", "approve", "approved"), ("refuse", "refused", "veto", "vetoed")),
    (("alive", "survived"), ("dead", "died", "killed")),
    (("safe",), ("dangerous", "unsafe", "harmful")),
    (("opened", "reopened"), ("closed", "shut")),
    (("valid", "valid until", "runs until", "in force"), ("expired", "invalid", "lapsed")),
    (("presence",), ("absence",)),
    (("highest", "largest", "record high"), ("lowest", "smallest", "record low")),
)

# Words that mean the same for the topic test (not for the cues): folded to the first.
CONCEPTS: tuple[tuple[str, ...], ...] = (
    ("death", "die", "died", "dead", "deaths", "killed", "kill", "toll", "fatalities", "fatality"),
    ("injury", "injuries", "injured", "injuring", "wounded", "wounding", "wounds"),
    ("breach", "breaches", "violation", "violations", "infringement", "infringements"),
    ("detention", "detained", "prisoner", "prisoners", "jailed", "imprisoned", "convicted", "arrested"),
    ("union", "unions", "unionist", "unionists", "worker", "workers"),
    ("pay", "paid", "funded", "financed", "fund", "spent"),
    ("evacuate", "evacuated", "evacuation", "evacuees"),
    ("extend", "extended", "extension"),
    ("unemployment", "jobless", "unemployed"),
    ("base", "bases", "presence"),
    ("alcohol", "drinking", "drink", "drunk", "intoxicated"),
    ("fault", "faults", "problem", "problems", "defect", "defects", "malfunction"),
)
# Words too common in news to make two statements "about the same thing".
GENERIC = frozenset("""
say said says told tell tells add added according statement statements report reported reporter
reporters official officials also year years time first last week month day today
monday tuesday wednesday thursday friday saturday sunday morning evening night
new people would could percent number per cent least more than however meanwhile
""".split())

# Group nouns for the "16 civilians" / "only militants" rule.
GROUPS = frozenset("""civilian civilians militant militants soldier soldiers fighter fighters
combatant combatants terrorist terrorists child children woman women men worker workers
resident residents protester protesters police officers students patients""".split())
EXCLUSIVE = frozenset({"only", "solely", "exclusively", "entirely"})

# Scale words multiply the number before them; year-like numbers are dates.
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
YEAR_RANGE = (1800, 2100)
# Words that say a number is approximate: not its unit.
NUMBER_SKIP = frozenset(STOP_WORDS | {"per", "about", "around", "nearly", "almost", "over", "more",
                                       "than", "least", "some", "roughly", "approximately"})

# Words before a figure that make it approximate or a bound ("up to 9,000" agrees with 8,500).
APPROXIMATE: dict[tuple[str, ...], str] = {
    **{(w,): "about" for w in "about around nearly almost roughly approximately some estimated".split()},
    ("up", "to"): "at most", ("as", "many", "as"): "at most", ("at", "most"): "at most",
    ("as", "much", "as"): "at most", ("less", "than"): "at most", ("fewer", "than"): "at most",
    ("under",): "at most", ("more", "than"): "at least", ("over",): "at least", ("at", "least"): "at least",
}
APPROX_TOLERANCE = 0.1
# What a figure counts, from the words around it: deaths are not injuries.
QUANTITY_KINDS: dict[str, tuple[str, ...]] = {
    "deaths": ("killed", "killing", "died", "dead", "deaths", "death", "fatalities", "perished", "toll", "lives"),
    "injuries": ("injured", "injuring", "wounded", "wounding", "hurt", "injuries", "injury", "hospitalised",
                 "hospitalized", "treated"),
    "arrests": ("arrested", "detained", "arrests", "detentions", "held"),
    "missing": ("missing", "disappeared", "unaccounted"),
    "displaced": ("displaced", "evacuated", "homeless", "fled", "evacuees"),
    "rescued": ("rescued", "saved", "survived", "survivors"),
}
QUANTITY_KIND = {w: k for k, ws in QUANTITY_KINDS.items() for w in ws}
KIND_SPAN = 4  # words on each side of a figure that may say what it counts
# "well below the 94 percent", "double the toll of three", "not the 1,200": a figure after one of
# these and "the" is another's, cited to be disputed; what the text asserts is its other figure.
COMPARED = frozenset("than below above under over not instead double twice triple half unlike".split())

# A match supports a claim when it names this share of the claim's terms (and of
# its own, against the shorter side), with no hedge, dispute or conflict: a high
# fuzzy score alone is no support.
SUPPORT_COVERAGE = 0.7
WINDOW = 5  # a cue is anchored when a shared term is this many words away or nearer
# Same topic: at least MIN_SHARED shared content terms, and that many over the shorter side.
MIN_SHARED = 2
MIN_OVERLAP = 0.3
LOOSE_SHARED = 3
# Or the same topic in one segment of each side: half the shorter segment's terms shared.
SEGMENT_OVERLAP = 0.5
# A negation governs the next few content words of its clause ("never been found in breach").
NEGATION_SCOPE = 6
NEGATION_TERMS = 3
# A denial's target may come before it ("reports of a curfew are baseless") or after it.
# (The clause bounds the scope too: "denied that <a whole clause>" is about all of it.)
DENIAL_BEFORE, DENIAL_AFTER = 5, 15
# Numbers are the same quantity when the content words next to them (this many
# on each side, in the clause) meet; change verbs ("rose") do not name a quantity.
NUMBER_CONTEXT = 2


def _stems(words: Iterable[str]) -> frozenset[str]:
    return frozenset(stem(w) for w in words)


def _phrases(words: Iterable[str]) -> list[tuple[str, ...]]:
    return [tuple(stem(w) for w in tokens(p)) for p in words]


_DENIALS = list(dict.fromkeys(tuple(stem(w) for w in c) for c in DENIAL_CUES))  # "deny", "denies": one stem
_ANTONYM_PHRASES = [(_phrases(a), _phrases(b)) for a, b in ANTONYMS]
# The first stems of each side's phrases: a side can use a phrase only if it has its
# first stem, so most pairs are ruled out by two set look-ups (the match cache's hot loop).
_ANTONYM_FIRSTS = [(frozenset(ph[0] for ph in a), frozenset(ph[0] for ph in b)) for a, b in _ANTONYM_PHRASES]
_DENIAL_AFTER_STEMS = _stems(DENIAL_AFTER_WORDS)
_CUE_TERMS = frozenset(w for c in _DENIALS for w in c)
_CONCEPT = {stem(w): stem(c[0]) for c in CONCEPTS for w in c}
_GENERIC = _stems(GENERIC) | GENERIC
_STOP = _stems(STOP_WORDS) | STOP_WORDS
_GROUPS = _stems(GROUPS)
_SCALE_STEMS = {stem(k): v for k, v in SCALES.items()}
_CHANGE = {w for ph_a, ph_b in _ANTONYM_PHRASES[:1] for ph in ph_a + ph_b for w in ph}
# Words that say what happened to something ("fell", "won"): in a match they must be said
# of a term the claim names too, or "the deficit is falling ... unemployment is at its
# lowest" would support "unemployment fell".
_PREDICATES = frozenset(_CONCEPT.get(w, w) for ph_a, ph_b in _ANTONYM_PHRASES for ph in ph_a + ph_b
                        if len(ph) == 1 for w in ph)


@dataclass
class Stance:
    label: str
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Number:
    pos: int
    value: float
    unit: str | None  # stem of the noun after the number
    shown: str
    unit_word: str | None = None  # that noun as written, for the reason a reviewer reads
    approx: str | None = None  # "about", "at most" or "at least" (APPROXIMATE), None when exact
    kinds: frozenset[str] = frozenset()  # what it counts, when a QUANTITY_KINDS word says so
    decimals: int | None = None  # digits after the point as written ("57.9": 1); None with a scale word
    cited: bool = False  # another's figure the text compares with ("well below the 94 percent")


def _agree(a: "_Number", b: "_Number") -> bool:
    """Two figures for the same quantity agree: equal, within what an approximation allows, or
    one the other rounded ("58 percent" / "57.9 percent")."""
    if a.value == b.value:
        return True
    if a.decimals is not None and b.decimals is not None and a.decimals != b.decimals:
        coarse = min(a.decimals, b.decimals)
        if round(max(a, b, key=lambda n: n.decimals or 0).value, coarse) == min(a, b, key=lambda n: n.decimals or 0).value:
            return True
    for x, y in ((a, b), (b, a)):
        if x.approx == "about" and abs(x.value - y.value) <= APPROX_TOLERANCE * max(x.value, y.value):
            return True
        if x.approx == "at most" and y.value <= x.value:
            return True
        if x.approx == "at least" and y.value >= x.value:
            return True
    return False


@dataclass(frozen=True)
class _Side:
    words: list[str]  # tokens, not stemmed
    clause: list[int]  # clause number of each token
    stems: list[str]
    canon: list[str]  # stems folded through CONCEPTS; "" for stop and generic words
    content: frozenset[str]
    negations: list[int]  # positions
    denials: list[tuple[int, str]]  # (position, cue as written)
    numbers: list[_Number]
    years: list[tuple[int, int]]  # (position, year)
    at: dict[str, list[int]]  # positions of each stem: phrase look-ups without a scan
    written: dict[str, str] = field(default_factory=dict)  # term -> its first word as written
    # coarser than clause: split at sentence ends, semicolons, dashes and conjunctions, not commas
    # ("Unemployment, the minister said, fell" is one statement about unemployment)
    segment: list[int] = field(default_factory=list)
    # days of the month: (position of the day, (month, day), "May 7" as written)
    days: list[tuple[int, tuple[int, int], str]] = field(default_factory=list)
    # the content terms of each segment (cue words aside), for _segments_on_topic
    segment_terms: tuple[frozenset[str], ...] = ()

    def show(self, terms: Iterable[str]) -> str:
        """Terms as the text writes them ("Chinese, base"), never as stems."""
        return _fmt(self.written.get(t, t) for t in terms)


# A cue governs its own clause: text is split at sentence and clause punctuation
# (followed by a space, so "11,300" and "5.2" stay whole) and at clause conjunctions.
_CLAUSE_RE = re.compile(r"[,;:.!?\u201c\u201d\"()]+(?=\s|$)|\s[\u2013\u2014-]\s|\b(?:and|but|while|whereas|although)\b", re.I)


# A clause mark that also ends a segment (coarser than a clause: commas and quote marks do not
# end one): sentence punctuation, a dash, a conjunction.
_SEGMENT_MARK = re.compile(r"[;:.!?]|^\s[\u2013\u2014-]\s$|^(?:and|but|while|whereas|although)$", re.I)


def _clauses(text: str) -> tuple[list[str], list[int], list[int]]:
    """Tokens, the clause number of each, and its segment number (see _Side.segment)."""
    words: list[str] = []
    ids: list[int] = []
    segs: list[int] = []
    seg = pos = n = 0
    for n, mark in enumerate([*_CLAUSE_RE.finditer(text), None]):
        toks = tokens(text[pos:mark.start() if mark else len(text)])
        words.extend(toks)
        ids.extend([n] * len(toks))
        segs.extend([seg] * len(toks))
        if mark is not None:
            pos = mark.end()
            seg += bool(_SEGMENT_MARK.search(mark.group()))
    return words, ids, segs


def _positions(stems_: list[str]) -> dict[str, list[int]]:
    at: dict[str, list[int]] = {}
    for i, s in enumerate(stems_):
        at.setdefault(s, []).append(i)
    return at


def _find(stems_: list[str], phrase: tuple[str, ...], at: dict[str, list[int]] | None = None) -> list[int]:
    """Start positions of a phrase of stems (only where its first stem occurs)."""
    n = len(phrase)
    starts = (at if at is not None else _positions(stems_)).get(phrase[0], ())
    return [i for i in starts if tuple(stems_[i:i + n]) == phrase]


# Attribution frames say who said it, not what: "..., he said, in a May 7 social
# media post" must not make a statement match another post of May 7. A trailing
# clause with a neutral reporting verb is dropped before comparing (denials and
# confirmations are kept: they are the stance).
REPORTING_VERBS = ("said", "says", "told", "tells", "added", "adds", "wrote", "writes", "posted",
                   "stated", "explained", "noted", "tweeted", "announced")
_FRAME_RE = re.compile(
    r"(?:[,\u201d\"]+\s*|\s[\u2013\u2014-]\s)(?:(?:[\w.'\u2019-]+\s+){0,8}(?:" + "|".join(REPORTING_VERBS)
    + r")\b(?:\s+[\w.'\u2019-]+){0,4}|according\s+to(?:\s+[\w.'\u2019-]+){1,6})"
    r"(?:,?\s+(?:in|on|at)\s+(?:a|an|the|his|her|their|its)\s+[^,.;]{0,60})?[.!?]?\s*$", re.I)
_LEAD_FRAME_RE = re.compile(r"^\s*according\s+to\s+[^,]{1,60},\s*", re.I)


def strip_frame(text: str) -> str:
    """The text without a trailing "..., X said (in a post)" or a leading "According to X," frame."""
    out = _LEAD_FRAME_RE.sub("", _FRAME_RE.sub("", text.strip()))
    return out if len(out.split()) >= 3 else text


# Reporting cues that deny what their clause reports ("Orlo denied that officers fired"): a
# claim text stored without its cue ("officers fired") gets it back before comparing (see asserted).
DENYING_CUES = frozenset(stem(w) for w in DENYING_VERBS)


def asserted(claim_text: str, cue: str | None) -> str:
    """What a statement asserts, for the stance: its claim text, with its reporting cue put back
    when the cue denies ("X denied that the ship docked" is stored as the claim text "the ship
    docked" and the cue "denied"; compared without the cue it would assert the opposite)."""
    words = tokens(cue or "")
    if not words or stem(words[0]) not in DENYING_CUES or words[0] in tokens(claim_text):
        return claim_text
    return f"{' '.join(words)} {claim_text}"


# Number words as digits ("Forty-two" = 42, "three hundred" = 300), so the number
# rules read them; tens and units are joined before tokens() sees the hyphen.
_UNITS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine".split())}
_TEENS = {w: 10 + i for i, w in enumerate(
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_NUMBER_WORD_RE = re.compile(
    r"\b(?:(?P<tens>" + "|".join(_TENS) + r")(?:[\s-](?P<unit>" + "|".join(u for u in _UNITS if u != "zero")
    + r"))?|(?P<teen>" + "|".join(_TEENS) + r")|(?P<one>" + "|".join(_UNITS) + r"))"
    r"(?:\s+(?P<hundred>hundred))?\b", re.I)


def _number_word(m: re.Match[str]) -> str:
    g = {k: (v or "").lower() for k, v in m.groupdict().items()}
    value = _TENS.get(g["tens"], 0) + _UNITS.get(g["unit"], 0) + _TEENS.get(g["teen"], 0) + _UNITS.get(g["one"], 0)
    return str(value * (100 if g["hundred"] else 1))


def _prepare(text: str) -> str:
    return _NUMBER_WORD_RE.sub(_number_word, strip_frame(text))


@lru_cache(maxsize=4096)  # the claim side is the same for every match of a search; a batch's candidates repeat
def _side(raw: str) -> _Side:
    text = _prepare(raw)
    words, clause, segment = _clauses(text)
    stems_ = [stem(w) for w in words]
    canon = [
        "" if (s in _STOP or s in _GENERIC or w in _STOP or (len(s) < 2 and not s.isdigit()))
        else _CONCEPT.get(s, s)
        for w, s in zip(words, stems_)
    ]
    negs = []
    for i, w in enumerate(words):
        if (w not in NEGATION_WORDS and w not in EVENT_NEGATIONS
                or (w, words[i + 1] if i + 1 < len(words) else "") in NOT_NEGATING):
            continue
        if any(x in RHETORICAL_OPENERS for x in words[max(0, i - RHETORICAL_SPAN):i]):
            continue
        negs.append(i)
    at = _positions(stems_)
    denials = [(i, " ".join(words[i:i + len(cue)])) for cue in _DENIALS for i in _find(stems_, cue, at)]
    numbers: list[_Number] = []
    years: list[tuple[int, int]] = []
    days: list[tuple[int, tuple[int, int], str]] = []
    # figures are compared without their thousands separators; a reason shows them as written
    figures = {w.replace(",", ""): w for w in reversed(_WRITTEN_NUMBER.findall(text))}
    # and a number written in words ("Forty-two") is shown as written, though compared as 42
    figures.update({_number_word(m): m.group(0) for m in reversed(list(_NUMBER_WORD_RE.finditer(strip_frame(raw))))})
    for i, w in enumerate(words):
        if not w[0].isdigit():
            continue
        try:
            value = float(w)
        except ValueError:
            continue
        j = i + 1
        shown = figures.get(w, w)
        if j < len(stems_) and stems_[j] in _SCALE_STEMS:
            value *= _SCALE_STEMS[stems_[j]]
            shown = f"{shown} {words[j]}"
            j += 1
        if value.is_integer() and YEAR_RANGE[0] <= value <= YEAR_RANGE[1] and j == i + 1:
            years.append((i, int(value)))
            continue
        month = words[i - 1] if i > 0 and words[i - 1] in MONTHS else (
            words[j] if j < len(words) and words[j] in MONTHS else None)
        if month is not None:
            # "May 7", "13 March": a day of the month, not a quantity; compared as a date
            if value.is_integer() and 1 <= value <= 31 and j == i + 1:
                name = month.capitalize()
                days.append((i, (MONTHS[month], int(value)),
                             f"{name} {w}" if words[i - 1] == month else f"{w} {name}"))
            continue
        unit = unit_word = None
        for k in range(j, min(j + 3, len(words))):
            if words[k] not in NUMBER_SKIP and not words[k][0].isdigit():
                unit, unit_word = _CONCEPT.get(stems_[k], stems_[k]), words[k]
                break
        before = tuple(words[max(0, i - 3):i])
        approx = next((kind for phrase, kind in APPROXIMATE.items()
                       if before[len(before) - len(phrase):] == phrase), None)
        kinds = frozenset(QUANTITY_KIND[words[k]] for k in _kind_span(words, clause, i, j)
                          if words[k] in QUANTITY_KIND)
        decimals = len(w.partition(".")[2]) if j == i + 1 else None
        cited = any(words[k] in COMPARED and words[k + 1] == "the" and clause[k] == clause[i]
                    for k in range(max(0, i - 4), i - 1))
        numbers.append(_Number(i, value, unit, shown, unit_word, approx, kinds, decimals, cited))
    content = frozenset(c for c in canon if c)
    cased = {w.lower(): w for w in reversed(re.findall(r"[^\W_]+", text))}
    cased.update(figures)
    written: dict[str, str] = {}
    for w, c in zip(words, canon):
        if c:
            written.setdefault(c, cased.get(w, w))
    by_segment: dict[int, set[str]] = {}
    for c, g in zip(canon, segment):
        if c and c not in _CUE_TERMS:
            by_segment.setdefault(g, set()).add(c)
    return _Side(words, clause, stems_, canon, content, negs, denials, numbers, years, at, written, segment, days,
                 tuple(frozenset(v) for v in by_segment.values()))


def _kind_span(words: list[str], clause: list[int], i: int, j: int) -> list[int]:
    """Positions of the KIND_SPAN words on each side of the figure at words[i:j], in its clause;
    stop words do not count ("12 of its members had been *killed*")."""
    out: list[int] = []
    for ks in (range(i - 1, -1, -1), range(j, len(words))):
        n = 0
        for k in ks:
            if clause[k] != clause[i] or n >= KIND_SPAN:
                break
            out.append(k)
            n += words[k] not in STOP_WORDS
    return out


_WRITTEN_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def _fmt(values: Iterable[str]) -> str:
    return ", ".join(dict.fromkeys(values))


def _scope(side: _Side, pos: int, before: int, after: int, *, segment: bool = False) -> list[tuple[int, str]]:
    """(position, term) of the content terms around `pos` in its clause (or its segment: commas
    do not end it), the cue's own word excluded."""
    lo, hi = max(0, pos - before), min(len(side.canon), pos + after + 1)
    part = side.segment if segment and side.segment else side.clause
    return [(k, side.canon[k]) for k in range(lo, hi)
            if k != pos and side.canon[k] and part[k] == part[pos]]


def _near(side: _Side, pos: int, shared: frozenset[str], width: int = WINDOW) -> list[str]:
    """Shared terms within `width` words of `pos`, in the same clause."""
    return [t for _, t in _scope(side, pos, width, width) if t in shared]


def _governs(scope: list[str], shared: frozenset[str]) -> list[str]:
    """The shared terms of a cue's scope (in reading order from the cue), when the cue
    is about them: two or more of them, or the one right after it ("not *25*")."""
    hit = [t for t in dict.fromkeys(scope) if t in shared]
    return hit if len(hit) >= 2 or (hit and scope[0] == hit[0]) else []


@dataclass(frozen=True)
class _Pair:
    q: _Side
    m: _Side
    shared: frozenset[str]
    similarity: float

    @property
    def same_topic(self) -> bool:
        return self.topic_with(0)

    def topic_with(self, extra: int) -> bool:
        """Same topic, counting `extra` aligned terms beyond the shared ones
        (an antonym pair is an aligned predicate: "increased" / "decreased")."""
        # The fused score is relative to the query's best hit, so it cannot
        # stand in for overlap: a short sentence sharing one name scores high.
        n = len(self.shared) + extra
        # cue words ("baseless", "denied") are the stance, not the topic
        small = min(len(self.q.content - _CUE_TERMS), len(self.m.content - _CUE_TERMS)) or 1
        overlap = n / small
        # a short claim all of whose terms the match names is on its topic ("there is a base")
        return (n >= MIN_SHARED or n >= small) and overlap >= MIN_OVERLAP
    @property
    def loose_topic(self) -> bool:
        # Antonyms are a two-sided cue (each word by the same shared term), so
        # long sentences sharing a few specific terms qualify.
        return self.topic_with(1) or len(self.shared) >= LOOSE_SHARED


def _negated_terms(side: _Side) -> set[str]:
    """The terms a negation of `side` is about, for asking whether both sides deny the same
    thing: read by segment, not clause ("There was never, the network says, a panel")."""
    out = set()
    for i in side.negations:
        seg = side.segment[i] if side.segment else side.clause[i]
        out.update(side.canon[k] for k in range(i + 1, min(len(side.canon), i + 2 * NEGATION_SCOPE + 1))
                   if side.canon[k] and (side.segment[k] if side.segment else side.clause[k]) == seg)
    return out


def _implicitly_negative(side: _Side, shared: frozenset[str]) -> bool:
    """A verb that says something stops or is not so ("will stop serving", "quits", "nowhere
    near"), near shared content: not a cue for "contradicts" on its own, but a side that says it
    agrees with a side that negates the same thing."""
    # the verb itself shared ("stopped" / "did not stop") is a plain negation of it
    return any(w in IMPLICIT_NEGATIONS and side.canon[i] not in shared and _near(side, i, shared)
               for i, w in enumerate(side.words))


# A negation's one shared word counts only when the negation is about that word
# itself: a figure ("not *25*") or the word right after a "not"/"never" ("did not
# *resign*"). "not on the inspectorate's list" and "no inspector confirmed" share
# only a subject with "the inspectorate sent a team" / "inspectors found problems".
_DETERMINER_NEGATIONS = frozenset({"no", "none", "nobody", "nothing", "neither", "nor"})
_PREPOSITIONS = frozenset("on in at of for to from with by about under over into onto".split())


def _negates_word(side: _Side, cue: int, term_pos: int) -> bool:
    if side.canon[term_pos][:1].isdigit():
        return True
    if side.words[cue] in _DETERMINER_NEGATIONS:
        return False
    return not any(w in _PREPOSITIONS for w in side.words[cue + 1:term_pos])


# "no" before a noun negates that noun phrase ("no *lease* had been signed"): when the
# other side does not name the phrase, the negation is about something else, whatever
# verb follows. Nouns whose complement is the claim itself ("no evidence the vote was
# rigged") pass the negation on.
NOUN_NEGATIONS = frozenset({"no"})
# Verbs and adverbs that say something stops or is not so; see _implicitly_negative.
IMPLICIT_NEGATIONS = frozenset("""stop stops stopped stopping cease ceases ceased quit quits quitting
    halt halts halted scrap scraps scrapped cancel cancels cancelled canceled abandon abandons abandoned
    drop drops dropped refuse refuses refused fail fails failed nowhere without lack lacks lacked""".split())
NO_ADVERBS = frozenset({"longer", "more"})  # "no longer", "no more": a negated verb, not a noun
CLAUSE_NOUNS = frozenset(stem(w) for w in """evidence proof sign signs indication indications
    suggestion truth basis reason record trace""".split())


def _negates_other_noun(side: _Side, cue: int, shared: frozenset[str]) -> bool:
    """A "no" whose noun phrase (the content words right after it) names nothing shared."""
    if side.words[cue] not in NOUN_NEGATIONS:
        return False
    if cue + 1 < len(side.words) and side.words[cue + 1] in NO_ADVERBS:
        return False  # "will no longer be playing": negates the verb, as "not" does
    phrase = []
    for k in range(cue + 1, len(side.words)):
        if not side.canon[k] or side.clause[k] != side.clause[cue]:
            break
        phrase.append(k)
    if not phrase or any(side.stems[k] in CLAUSE_NOUNS for k in phrase):
        return False
    return not any(side.canon[k] in shared for k in phrase)


def _anchored_negations(side: _Side, other: _Side, shared: frozenset[str]) -> list[tuple[str, list[str]]]:
    """Negations whose predicate (the next content words of the clause) the other side asserts."""
    out = []
    other_negated = _negated_terms(other)
    for i in side.negations:
        if _negates_other_noun(side, i, shared):
            continue
        placed = _scope(side, i, 0, NEGATION_SCOPE)[:NEGATION_TERMS]
        scope = [t for _, t in placed]
        about = _governs(scope, shared)
        if len(about) == 1 and not _negates_word(side, i, placed[0][0]):
            about = []
        # the other side negates the same predicate: both deny it, they agree (any shared term
        # the negation reaches counts: "not al-Baghdadi's wife" / "was not the wife of ...")
        reach = {t for _, t in _scope(side, i, 0, NEGATION_SCOPE)}
        if about and not other_negated.intersection(reach):
            out.append((side.words[i], about))
    return out


# Nouns of a demand: what is rejected is the demand, not a fact (see _anchored_denials).
REQUEST_NOUNS = frozenset("call calls demand demands request requests appeal appeals plea pleas".split())
_REQUESTS = _stems(REQUEST_NOUNS)


APPOSITION_WORDS = 3  # a clause this short between two commas of one segment names again
# Nouns that only introduce what is denied ("rejected claims that ...").
REPORT_NOUNS = frozenset("""claim claims allegation allegations accusation accusations suggestion
    suggestions rumour rumours rumor rumors assertion assertions""".split())
_REPORT_NOUNS = _stems(REPORT_NOUNS)


def _appositions(side: _Side) -> set[int]:
    """Clauses that are an apposition: short, between two clauses of their segment (", Ivo Marek,")."""
    size: dict[int, int] = {}
    for c in side.clause:
        size[c] = size.get(c, 0) + 1
    seg = dict(zip(side.clause, side.segment))
    return {c for c, n in size.items() if n <= APPOSITION_WORDS and c - 1 in seg and c + 1 in seg
            and seg[c - 1] == seg[c] == seg[c + 1]}


def _anchored_denials(side: _Side, shared: frozenset[str]) -> list[tuple[str, list[str]]]:
    out = []
    for i, cue in side.denials:
        # "denied that X" is about what follows; "X is baseless" about what precedes
        if cue.split()[0] in DENIAL_AFTER_WORDS or stem(cue.split()[0]) in _DENIAL_AFTER_STEMS:
            # by segment: an apposition's commas ("denied that the captain, Ivo Marek, had been
            # drinking") do not end what is denied; the apposition only names the subject again
            skip = _appositions(side)
            scope = [t for k, t in _scope(side, i, 0, DENIAL_AFTER, segment=True)
                     if k > i + len(cue.split()) - 1 and side.clause[k] not in skip]
            # "rejected calls for an inquiry" refuses a demand: it does not deny that the calls were
            # made, nor what the inquiry would be into; it denies only the thing demanded
            if scope and scope[0] in _REQUESTS:
                if scope[0] in shared or len(scope) < 2 or scope[1] not in shared:
                    continue
                scope = scope[1:]
            # "dismissed claims that X": the claims are X
            while scope and scope[0] in _REPORT_NOUNS:
                scope = scope[1:]
            about = _governs(scope, shared)
            # one shared word right after "denied that" is its subject, not what is denied
            if len(about) == 1 and not about[0][:1].isdigit():
                about = []
        else:
            scope = [t for _, t in reversed(_scope(side, i, DENIAL_BEFORE, 0))]
            about = _governs(scope, shared)
        if about:
            out.append((cue, about))
    return out


def _polarity_reason(kind: str, q: list, m: list, p: "_Pair") -> list[str]:
    if bool(q) == bool(m):
        return []
    side, found, text = ("the claim", q, p.q) if q else ("the match", m, p.m)
    cues = _fmt(c for c, _ in found)
    about = text.show(t for _, near in found for t in near)
    return [f"{kind} on one side only: \"{cues}\" in {side}, about \"{about}\""]


def _segments_on_topic(p: _Pair) -> bool:
    """Some segment of each side is on one topic: a long report ("it deplored the loss of
    life and said the mine would reopen on Monday") says one thing per segment, and a
    negation of one of them ("postponed the reopening of the mine") is about that one."""
    for a in p.q.segment_terms:
        for b in p.m.segment_terms:
            n = len(a & b)
            if n >= MIN_SHARED and n / (min(len(a), len(b)) or 1) >= SEGMENT_OVERLAP:
                return True
    return False


def _specific_topic(p: _Pair) -> bool:
    """The shared terms name the story, not only everyday words: a name, a figure or a word
    outside COMMON_WORDS ("chlorine", "lease"), or three shared terms, or every term of the
    shorter side. "go home within 48 hours" and "did not go home" share "go, home" and no story."""
    small = min(len(p.q.content - _CUE_TERMS), len(p.m.content - _CUE_TERMS))
    shared = p.shared - _CUE_TERMS
    if len(shared) >= LOOSE_SHARED or len(shared) >= small:
        return True
    return any(t[:1].isdigit() or side.written.get(t, t).lower() not in COMMON_WORDS
               for t in shared for side in (p.q, p.m))


def _negation(p: _Pair) -> list[str]:
    if not (p.q.negations or p.q.denials or p.m.negations or p.m.denials):
        return []  # most pairs: nothing to weigh
    if not (p.same_topic or _segments_on_topic(p)) or not _specific_topic(p):
        return []
    qn, mn = _anchored_negations(p.q, p.m, p.shared), _anchored_negations(p.m, p.q, p.shared)
    qd, md = _anchored_denials(p.q, p.shared), _anchored_denials(p.m, p.shared)
    # a denial and a negation on opposite sides agree ("denied it" / "did not do it"), as does
    # a verb of stopping ("will stop serving" / "will no longer serve")
    if (qn or qd) and (mn or md):
        return []
    if (qn or qd) and _implicitly_negative(p.m, p.shared) or (mn or md) and _implicitly_negative(p.q, p.shared):
        return []
    return _polarity_reason("negation", qn, mn, p) + _polarity_reason("denial", qd, md, p)


def _antonym_hits(side: _Side, phrases: list[tuple[str, ...]], shared: frozenset[str]) -> dict[str, str]:
    """{shared term near the word: the word as written} for each use of the phrases
    that is not itself negated ("did not fall" is no "fall")."""
    out: dict[str, str] = {}
    for ph in phrases:
        for i in _find(side.stems, ph, side.at):
            if any(side.clause[k] == side.clause[i] and side.words[k] in NEGATION_WORDS
                   for k in range(max(0, i - 3), i)):
                continue
            for t in _near(side, i, shared, WINDOW + len(ph)):
                out.setdefault(t, " ".join(side.words[i:i + len(ph)]))
    return out


def _antonyms(p: _Pair) -> list[str]:
    if not p.loose_topic:
        return []
    out = []
    for (a, b), (fa, fb) in zip(_ANTONYM_PHRASES, _ANTONYM_FIRSTS):
        for x, y, fx, fy in ((a, b, fa, fb), (b, a, fb, fa)):
            # (each side's hits are needed only when the claim's and the match's are not empty:
            # most pairs use neither word, and this is the match cache's hottest loop)
            if fx.isdisjoint(p.q.at) or fy.isdisjoint(p.m.at):
                continue
            qx = _antonym_hits(p.q, x, p.shared)
            my = _antonym_hits(p.m, y, p.shared) if qx else {}
            if not my:
                continue
            # the opposite words must sit by the same shared term, and the match must
            # not also use the claim's word there (it may be quoting the claim)
            mx = _antonym_hits(p.m, x, p.shared)
            qy = _antonym_hits(p.q, y, p.shared)
            common = [t for t in qx if t in my and t not in mx and t not in qy]
            if common:
                t = common[0]
                out.append(f"antonyms: \"{qx[t]}\" in the claim, \"{my[t]}\" in the match (about \"{p.q.show([t])}\")")
                break
    return out


def _context(side: _Side, pos: int) -> set[str]:
    # by segment: "The ferry, the Santa Irena, was carrying 210 passengers" names the ship
    terms = [(k, t) for k, t in _scope(side, pos, 12, 12, segment=True) if not t[0].isdigit() and t not in _CHANGE]
    before = [t for k, t in terms if k < pos][-NUMBER_CONTEXT:]
    after = [t for k, t in terms if k > pos][:NUMBER_CONTEXT + 1]  # the unit itself comes first
    return set(before) | set(after)



def _numbers(p: _Pair) -> list[str]:
    units = sorted({n.unit for n in p.q.numbers if n.unit} & {n.unit for n in p.m.numbers if n.unit})
    # Two counts of one kind of event (deaths, evacuations, ...) in one unit are an aligned pair,
    # as an antonym pair is: "4,200 people were evacuated" / "11,300 people were evacuated" share
    # one word besides the figures. Percentages, money and years need the shared topic itself
    # (a growth forecast and a deficit are both "percent").
    counted = any(frozenset().union(*(n.kinds for n in p.q.numbers if n.unit == u))
                  & frozenset().union(*(n.kinds for n in p.m.numbers if n.unit == u)) for u in units)
    out: list[str] = []
    for unit in units if p.topic_with(1 if counted else 0) else ():
        qn = [n for n in p.q.numbers if n.unit == unit]
        mn = [n for n in p.m.numbers if n.unit == unit]
        # the same quantity: same unit noun and shared words around the numbers
        qctx = set().union(*(_context(p.q, n.pos) for n in qn)) - {unit}
        mctx = set().union(*(_context(p.m, n.pos) for n in mn)) - {unit}
        if not (qctx & mctx):
            continue
        # deaths against injuries are two quantities, whatever noun follows the figures
        qk = frozenset().union(*(n.kinds for n in qn))
        mk = frozenset().union(*(n.kinds for n in mn))
        if qk and mk and not qk & mk:
            continue
        # a figure cited to be disputed is not what a side asserts (unless it gives no other)
        qn = [n for n in qn if not n.cited] or qn
        mn = [n for n in mn if not n.cited] or mn
        qv = {n.value: n.shown for n in qn}
        mv = {n.value: n.shown for n in mn}
        if not any(_agree(a, b) for a in qn for b in mn):
            out.append(f"different numbers for the same quantity: {_fmt(qv.values())} vs "
                       f"{_fmt(mv.values())} ({qn[0].unit_word or unit})")
    if not p.same_topic:
        return out
    # Different years for the same event: the years sit by the same shared words.
    qy = {y: _context(p.q, i) for i, y in p.q.years}
    my = {y: _context(p.m, i) for i, y in p.m.years}
    if qy and my and not set(qy) & set(my):
        if set().union(*qy.values()) & set().union(*my.values()) & p.shared:
            out.append(f"different dates: {_fmt(map(str, sorted(qy)))} vs {_fmt(map(str, sorted(my)))}")
    # Different days of the month for the same event ("resigned on May 7" / "on May 9"): one
    # side names nothing but what the other does, the days and months aside ("docked on June 3"
    # and "left on June 10" are two events).
    dated = {c for side in (p.q, p.m) for w, c in zip(side.words, side.canon)
             if w in MONTHS or w[:1].isdigit()}
    qd = {d for _, d, _ in p.q.days}
    md = {d for _, d, _ in p.m.days}
    if qd and md and not qd & md:
        rest = min(p.q.content - _CUE_TERMS - dated, p.m.content - _CUE_TERMS - dated, key=len)
        if rest and rest <= p.shared:
            shown_q = _fmt(dict.fromkeys(t for _, _, t in p.q.days))
            shown_m = _fmt(dict.fromkeys(t for _, _, t in p.m.days))
            out.append(f"different dates: {shown_q} vs {shown_m}")
    return out


def _exclusive_group(p: _Pair) -> list[str]:
    """'16 civilians' against 'only militants': a count of one group, all of another."""
    if not p.same_topic:
        return []
    out = []
    for a, b, side_b in ((p.q, p.m, "the match"), (p.m, p.q, "the claim")):
        counted = {n.unit: n.shown for n in a.numbers if n.unit in _GROUPS}
        for i, w in enumerate(b.words):
            if w not in EXCLUSIVE:
                continue
            for k in range(i + 1, min(i + 3, len(b.words))):
                g = b.stems[k]
                if g in _GROUPS and counted and g not in counted:
                    unit, shown = next(iter(counted.items()))
                    out.append(f"a number of one group against \"{w} {b.words[k]}\" in {side_b}: "
                               f"{shown} {unit}")
                    return out
    return out


# Nouns that count everyone an event touched ("four people died", "the toll is four"): a count
# of a part of them ("12 miners were killed") cannot be larger.
WHOLE_UNITS = frozenset({None, stem("people"), stem("persons"), stem("person")})


def _part_and_whole(p: _Pair) -> list[str]:
    """'12 of its members were killed' against 'four people died': counts of one kind in two
    nouns, one of them everyone ("people"), where the part is more than the whole. The kind word
    ("killed" / "died") alone is no topic: the two must share more ("the Halvik mine")."""
    if not p.same_topic:
        return []
    for part_side, whole_side, part_at, whole_at in ((p.q, p.m, "the claim", "the match"),
                                                     (p.m, p.q, "the match", "the claim")):
        for a in part_side.numbers:
            if a.unit in WHOLE_UNITS or not a.kinds:
                continue
            for b in whole_side.numbers:
                kinds = a.kinds & b.kinds
                if b.unit not in WHOLE_UNITS or not kinds or _other_agrees(a, b, p):
                    continue
                low = 0.0 if a.approx == "at most" else a.value * (1 - APPROX_TOLERANCE if a.approx == "about" else 1)
                high = float("inf") if b.approx == "at least" else b.value * (1 + APPROX_TOLERANCE if b.approx == "about" else 1)
                if low > high:
                    whole = f"{b.shown} {b.unit_word}" if b.unit_word else b.shown
                    return [f"more counted of a part than of everyone: {a.shown} {a.unit_word} in {part_at}, "
                            f"{whole} in {whole_at} ({_fmt(sorted(kinds))})"]
    return []


def _other_agrees(a: _Number, b: _Number, p: _Pair) -> bool:
    """Some figure of the same kind on the two sides agrees: they may give the same count."""
    kinds = a.kinds & b.kinds
    return any(x.kinds & kinds and y.kinds & kinds and _agree(x, y) for x in p.q.numbers for y in p.m.numbers)


# "far less than the half tonne estimated", "rather than the 1,200": what follows is another's
# figure or estimate, cited to be disputed (see COMPARED for figures alone).
CITING = (("than", "the"), ("instead", "of", "the"), ("below", "the"), ("above", "the"))


def _cited(side: _Side) -> set[int]:
    """Positions of the words a side cites to dispute: after a CITING phrase, to its clause end."""
    out: set[int] = set()
    w = side.words
    for phrase in CITING:
        n = len(phrase)
        for i in side.at.get(stem(phrase[0]), ()):
            if tuple(w[i:i + n]) == phrase:
                out.update(k for k in range(i + n, len(w)) if side.clause[k] == side.clause[i])
    return out


def _cited_dispute(p: _Pair) -> list[str]:
    """'only 150 kilograms escaped, far less than the half tonne estimated' against 'about half a
    tonne escaped': one side cites what the other asserts to dispute it, and gives its own figure
    in the same segment."""
    if not p.same_topic or not _specific_topic(p):
        return []
    for side, other, at in ((p.m, p.q, "the match"), (p.q, p.m, "the claim")):
        cited = _cited(side)
        if not cited:
            continue
        terms = [side.canon[k] for k in sorted(cited) if side.canon[k] in p.shared]
        topic = other.content - _CUE_TERMS
        segs = {side.segment[k] for k in cited}
        own = [n for n in side.numbers if n.pos not in cited and side.segment[n.pos] in segs]
        if own and len(set(terms)) >= MIN_SHARED and len(set(terms)) * 2 >= len(topic):
            figure = f"{own[0].shown} {own[0].unit_word}" if own[0].unit_word else own[0].shown
            return [f"disputes it: {at} cites \"{side.show(dict.fromkeys(terms))}\" to compare with "
                    f"its own figure, {figure}"]
    return []


# The contradiction rules, in the order their reasons are shown.
RULES = (_negation, _antonyms, _numbers, _part_and_whole, _exclusive_group, _cited_dispute)


# Words that tell how a text holds what it says: a report that refutes, hedges,
# confirms or only relays a claim. Counted (not stemmed) for the body model and
# used by the rules for "supports" (a hedged restatement relays, it does not assert).
CUE_WORDS: dict[str, frozenset[str]] = {
    "refute": frozenset("""fake fakes hoax hoaxes false falsely debunk debunked debunks deny denied denies
        denial refute refuted refutes untrue baseless unfounded fabricated bogus myth rumour rumours
        satire satirical parody prank doctored photoshopped misleading""".split()),
    "hedge": frozenset("""reportedly allegedly alleged purportedly apparently claim claims claimed
        rumor rumors rumoured rumored unconfirmed unverified may might could possibly possible
        appears appeared seems suggest suggests suggested believed speculation speculate""".split()),
    "confirm": frozenset("confirm confirmed confirms confirmation verified proof proved proven".split()),
    "negation": NEGATION_WORDS,
}


def cues(text: str) -> dict[str, int]:
    """How many words of each CUE_WORDS kind `text` has (tokens as written, lower-cased)."""
    words = tokens(text)
    return {k: sum(w in v for w in words) for k, v in CUE_WORDS.items()}




def stance(claim: str, match: str, *, similarity: float) -> Stance:
    """Label `match` relative to `claim`; `similarity` is the fused 0-100 match score.

    A statement of several sentences (a long quote) is compared sentence by
    sentence too: one sentence of it that contradicts (or asserts) the other side
    decides, and the reason names that sentence."""
    whole = _stance_one(claim, match, similarity)
    cs, ms = _sentences(claim), _sentences(match)
    if whole.label == CONTRADICTS or (len(cs) == 1 and len(ms) == 1):
        return whole
    found: dict[str, tuple[Stance, str, str]] = {}
    for c in cs:
        for m in ms:
            st = _stance_one(c, m, similarity)
            if st.label != RELATED:
                found.setdefault(st.label, (st, c, m))
    for label in (CONTRADICTS, SUPPORTS):
        if label in found:
            st, c, m = found[label]
            where = [f"in the claim's sentence \"{_clip(strip_frame(c))}\"" if len(cs) > 1 else "",
                     f"in the match's sentence \"{_clip(strip_frame(m))}\"" if len(ms) > 1 else ""]
            return Stance(label, st.reasons + ["; ".join(w for w in where if w)])
    return whole


# A checked statement's verdict on the ClaimReview scale (1 worst .. 5 best): at most this is
# rated false, at least TRUE_FROM rated true; between (or no score: "Unverifiable") neither.
FALSE_UP_TO, TRUE_FROM = 2, 4
ASSERTS = "asserts the same: "


def checked(st: Stance, rating: str, rating_score: int | None, *, claim: str = "", match: str = "") -> Stance:
    """The stance of a match that was itself checked (an imported fact-check, a claim the desk
    reviewed). A match asserting the claim carries its verdict: the same claim rated "Mostly
    false" disputes the claim, it does not support it; rated "Half true" or "Unverifiable" it
    is related. A match that does not assert the claim keeps its own stance. Given the two texts,
    a claim that names too little of what the checked claim asserts first ("it was 6.1 percent"
    for "fell to 5.2 percent, down from 6.1 percent") is only part of it: the rating may be about
    the rest."""
    if st.label != SUPPORTS:
        return st
    said = f"the same claim, checked and rated \"{rating}\""
    if rating_score is not None and rating_score >= TRUE_FROM:
        return Stance(SUPPORTS, [*st.reasons, f"{said}: the check found it true"])
    # "asserts the same: shares ... ; no negation ..." reads as support: say only what is shared
    same = [r.removeprefix(ASSERTS).split("; no conflicting")[0] for r in st.reasons[:1] if r.startswith(ASSERTS)]
    rest = [f"says what the claim says: {r}" for r in same] + st.reasons[len(same):]
    if claim and match and _main_share(match, claim) < SUPPORT_COVERAGE:
        return Stance(RELATED, [f"part of a claim checked and rated \"{rating}\": the rating may be about the "
                                "rest of it", *rest])
    if rating_score is not None and rating_score <= FALSE_UP_TO:
        return Stance(CONTRADICTS, [f"{said}: the check found it false", *rest])
    return Stance(RELATED, [f"{said}: the check neither confirms nor refutes it", *rest])


def _main_share(text: str, by: str) -> float:
    """The share of the topic terms of `text`'s first clause (what it asserts, before the
    context it adds: "..., down from 6.1 percent a year ago") that `by` names too."""
    a, b = _side(text), _side(by)
    first = next((a.clause[k] for k, c in enumerate(a.canon) if c), 0)
    topic = {c for c, n in zip(a.canon, a.clause) if c and n == first} - _CUE_TERMS
    return len(topic & b.content) / (len(topic) or 1)


MAX_SENTENCES = 6  # of each side, compared pairwise
MIN_SENTENCE_WORDS = 4


def _sentences(text: str) -> list[str]:
    spans = sentence_spans(text)
    out = [text[a:b] for a, b in spans if len(text[a:b].split()) >= MIN_SENTENCE_WORDS]
    return out[:MAX_SENTENCES] or [text]


def _clip(text: str, n: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1].rsplit(" ", 1)[0] + "…"


def _stance_one(claim: str, match: str, similarity: float) -> Stance:
    q, m = _side(claim), _side(match)
    pair = _Pair(q, m, q.content & m.content, similarity)
    reasons = [r for rule in RULES for r in rule(pair)]
    if reasons:
        return Stance(CONTRADICTS, reasons)
    return _agreement(pair, similarity)


def _agreement(p: _Pair, similarity: float) -> Stance:
    """Supports when the match asserts what the claim says (its terms, no hedge, no dispute);
    otherwise related, saying why it was shown and why it is not support."""
    q_topic, m_topic = p.q.content - _CUE_TERMS, p.m.content - _CUE_TERMS
    # a figure the match gives approximately ("4,150" for "about 4,200") is named too
    # (of the same quantity: "rises to 31" is not "at least seven dead")
    close = {p.q.canon[n.pos] for n in p.q.numbers
             if any(_agree(n, o) and (n.unit == o.unit or n.kinds & o.kinds) for o in p.m.numbers if not o.cited)}
    # what the match only cites to dispute ("far less than the half tonne estimated") it does not assert
    cited = _cited(p.m)
    asserted_terms = {c for k, c in enumerate(p.m.canon) if c and k not in cited}
    covered = ((p.shared & asserted_terms) | close) & q_topic
    stray = _stray_predicates(p.m, covered)
    covered -= stray
    share = len(covered) / (len(q_topic) or 1)
    both = len(covered) / (min(len(q_topic), len(m_topic)) or 1)
    q_words = set(p.q.words)
    hedged = [w for w in dict.fromkeys(_hedges(p.m)) if w not in q_words]
    disputed = [c for _, c in p.m.denials if c.split()[0] not in q_words]
    confirmed = [w for w in dict.fromkeys(p.m.words) if w in CUE_WORDS["confirm"] and w not in q_words]
    shared = f"shares \"{p.q.show(sorted(covered, key=_order(p.q)))}\" with the claim ({len(covered)} of its {len(q_topic)} terms)"
    counts = [] if hedged or disputed else _same_counts(p)
    # "six were killed" / "six were injured": figures of two kinds of count, however many words agree
    q_kinds = frozenset().union(*(n.kinds for n in p.q.numbers))
    m_kinds = frozenset().union(*(n.kinds for n in p.m.numbers))
    other_kind = bool(q_kinds and m_kinds and q_kinds.isdisjoint(m_kinds))
    other_dates = _other_dates(p) if covered else ""
    if (covered and (share >= SUPPORT_COVERAGE and both >= SUPPORT_COVERAGE or counts) and not hedged
            and not disputed and not other_kind and not other_dates):
        # a claim named in part asserts the same when the count it reports is the same
        same = f"{counts[0]}; {shared}" if counts and share < SUPPORT_COVERAGE else shared
        why = [f"{ASSERTS}{same}; no conflicting negation, denial or figure"]
        if confirmed:
            why.append(f"confirms it: \"{_fmt(confirmed)}\"")
        return Stance(SUPPORTS, why)
    why = [shared if covered else f"found by the search (score {similarity:.0f}); shares no content word with the claim"]
    if hedged:
        why.append(f"reports it without asserting it: \"{_fmt(hedged)}\"")
    if disputed:
        why.append(f"disputes something (\"{_fmt(disputed)}\"), not clearly what the claim says")
    if other_dates:
        why.append(other_dates)
    if other_kind:
        why.append(f"counts something else: {_fmt(sorted(q_kinds))} in the claim, {_fmt(sorted(m_kinds))} in the match")
    if stray:
        why.append(f"says \"{p.m.show(sorted(stray, key=_order(p.m)))}\" of something else")
    elif covered and share < SUPPORT_COVERAGE:
        missing = sorted(q_topic - covered, key=_order(p.q))[:5]
        why.append(f"does not name \"{p.q.show(missing)}\"")
    return Stance(RELATED, why)


def _dates(side: _Side) -> dict[tuple[str, int], str]:
    """The dates a side names, keyed so that two sides' dates can be met: ("year", 2024),
    ("month", 9) for "in September" and for "September 3" (as written, for the reason)."""
    out: dict[tuple[str, int], str] = {}
    for _i, y in side.years:
        out.setdefault(("year", y), str(y))
    for _i, (month, _day), shown in side.days:
        out.setdefault(("month", month), shown)
    w = side.words
    for i, x in enumerate(w):
        # a month without a day: "in September" ("may" is a month only after "in")
        if x in MONTHS and i > 0 and w[i - 1] == "in" and not (i + 1 < len(w) and w[i + 1][:1].isdigit()):
            out.setdefault(("month", MONTHS[x]), side.written.get(side.canon[i], x.capitalize()))
    return out


def _other_dates(p: _Pair) -> str:
    """Both sides date what they say, and no date of one is a date of the other ("passed an
    inspection in September" / "last passed one in 2024"): the same event at two times, or two
    events; either way no support. The dates as the reason shows them, or ""."""
    qd, md = _dates(p.q), _dates(p.m)
    if not qd or not md or qd.keys() & md.keys():
        return ""
    return f"dated otherwise: {_fmt(qd.values())} in the claim, {_fmt(md.values())} in the match"


def _same_counts(p: _Pair) -> list[str]:
    """The same figure for the same count ("the death toll is four" / "four people died"): what
    a report of an event asserts first, however the rest is worded. Counts are the same when a
    QUANTITY_KINDS word says so on both sides; the figure is one aligned term of the topic."""
    if not p.topic_with(1):
        return []
    for a in p.q.numbers:
        for b in p.m.numbers:
            kinds = a.kinds & b.kinds
            # the same figure, or about it: a bound ("at least 43") is no count to support with
            same = _agree(a, b) and "at least" not in (a.approx, b.approx) and "at most" not in (a.approx, b.approx)
            if (kinds and same and not a.cited and not b.cited
                    and not _other_count(p.q, p.m, kinds) and not _other_count(p.m, p.q, kinds)):
                return [f"the same count: {a.shown} in the claim, {b.shown} in the match ({_fmt(sorted(kinds))})"]
    return []


def _other_count(side: _Side, other: _Side, kinds: frozenset[str]) -> bool:
    """`side` gives a figure of these kinds that no figure of `other` agrees with ("at least
    seven died ... the toll of three" against "three were killed"): the counts differ."""
    return any(n.kinds & kinds and not any(o.kinds & kinds and _agree(n, o) for o in other.numbers)
               for n in side.numbers)


def _stray_predicates(side: _Side, covered: set[str] | frozenset[str]) -> set[str]:
    """The covered predicate terms ("fall") that no use in `side` shares a segment with
    another covered term: the match says them of something the claim does not name."""
    others = {t for t in covered if t not in _PREDICATES}
    if not others:
        return set()
    # the segments that name something the claim names
    named = {g for c, g in zip(side.canon, side.segment) if c in others}
    used = {c for c, g in zip(side.canon, side.segment) if c in covered and g in named}
    present = {c for c in side.canon if c in covered}
    return {t for t in covered & _PREDICATES if t in present and t not in used}


def _hedges(side: _Side) -> list[str]:
    """Hedge words of a text; "may" by a figure is the month ("on May 7")."""
    w = side.words
    return [x for i, x in enumerate(w) if x in CUE_WORDS["hedge"] and not (
        x in MONTHS and any(k < len(w) and w[k][:1].isdigit() for k in (i - 1, i + 1) if k >= 0))]


def _order(side: _Side):  # type: ignore[no-untyped-def]
    """Sort key: a term's first place in the text, so reasons read in the text's order."""
    first = {c: i for i, c in reversed(list(enumerate(side.canon)))}
    return lambda t: first.get(t, len(side.canon))
