"""Text normalisation shared by the full-text index and the re-ranker.

One pipeline, used on both sides of a match (the stored statement and the
query), so that "nine million" meets "9 million", "U.S." meets "US", and a
tweet's "— Name (@handle) January 6, 2020" signature does not count as words.

Steps (each a small function, the rules are tables):
  clean      Unicode compatibility forms, quotes, dashes, tweet tails, URLs,
             pic.twitter links, @handles and #hashtags, contractions
  tokens     lower-case word tokens, numbers joined ("11,300" -> "11300") and
             number words turned into digits ("nine" -> "9")
  stem       a light suffix stripper (plural, -ing, -ed, final -e)

`index_text` is what statements.norm_text stores (every word kept, stemmed: the
fuzzy scores need "not"); `query_terms` is what the candidate step searches
(stop words dropped). Pure functions: no database, no I/O.
"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from claims.text.vocab import NEGATIONS_FOR_SEARCH

# --- rule tables -----------------------------------------------------------

# Typographic characters folded to their ASCII form before anything else.
CHAR_FOLDS: dict[str, str] = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": " - ", "\u2014": " - ",
    "\u2015": " - ", "\u2212": "-",
    "\u00a0": " ", "\u200b": "", "\u200e": "", "\u200f": "", "\ufeff": "",
}
_FOLD_TABLE = str.maketrans(CHAR_FOLDS)

# (pattern, replacement) applied in order to the folded text.  Tweets copied
# from the web end in "— Name (@handle) Month D, YYYY"; that tail names the
# poster, not the claim, and would match every fact-check about that person.
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
CLEAN_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\s-\s([^-\n]{0,120}?)\(@\w{1,30}\)\s*" + _MONTHS + r"\s+\d{1,2},?\s+\d{4}\s*$", re.I), r" \1 "),
    (re.compile(r"pic\.twitter\.com/\S*", re.I), " "),
    (re.compile(r"\b(?:https?://|www\.)\S+", re.I), " "),
    (re.compile(r"\b[\w.-]+@[\w-]+\.[\w.]+\b"), " "),  # e-mail addresses
    # "U.S." / "US" (the country) before lower-casing makes it "us" (a stop word).
    (re.compile(r"\bU\.S\.(?:A\.)?|\bUSA?\b"), " usa "),
    (re.compile(r"\bU\.K\.|\bUK\b"), " uk "),
    (re.compile(r"(\d)\s*%"), r"\1 percent"),
    (re.compile(r"\bper\s*cent\b", re.I), "percent"),
    (re.compile(r"\$\s*(\d)"), r"\1 dollar "),
]

# Contractions expanded so that negation is a word of its own.
CONTRACTIONS: dict[str, str] = {
    "won't": "will not", "can't": "can not", "cannot": "can not", "shan't": "shall not",
    "ain't": "is not", "n't": " not", "'re": " are", "'ve": " have", "'ll": " will",
    "'d": " would", "'m": " am", "'s": "",
}
_CONTRACTION_RE = re.compile(
    "|".join(re.escape(k) for k in sorted(CONTRACTIONS, key=len, reverse=True)), re.I
)

# Number words -> digits, so that "nine million" and "9 million" index alike.
NUMBER_WORDS: dict[str, str] = {
    w: str(i) for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
NUMBER_WORDS.update({
    "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70",
    "eighty": "80", "ninety": "90", "hundred": "100", "dozen": "12",
    "thousand": "thousand", "million": "million", "billion": "billion", "trillion": "trillion",
})
# Short forms of scale words ("9m people", "$2bn").
SCALE_SUFFIXES: dict[str, str] = {"k": "thousand", "m": "million", "mn": "million",
                                  "bn": "billion", "b": "billion", "tn": "trillion"}

# English stop words for the candidate step.  Negations are in NEGATIONS too:
# dropped from full-text terms (they match everything) but kept in norm_text,
# where the fuzzy scores and the stance rules see them.
NEGATIONS = NEGATIONS_FOR_SEARCH
STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just let me more most my myself of off on once only or other ought
    our ours ourselves out over own same she should so some such than that the their theirs
    them themselves then there these they this those through to too under until up very was
    we were what when where which while who whom why will with would you your yours yourself
    yourselves say said says via amp rt just now get got one thing things
    """.split()
) | NEGATIONS

# Suffix rules of the light stemmer: (suffix, replacement, minimum stem length).
# First match wins; "ies" before "es" before "s".
STEM_RULES: list[tuple[str, str, int]] = [
    ("ies", "y", 3), ("sses", "ss", 2), ("xes", "x", 2), ("ches", "ch", 2), ("shes", "sh", 2),
    ("ss", "ss", 0), ("us", "us", 0), ("is", "is", 0), ("s", "", 3),
]
VERB_SUFFIXES: list[tuple[str, int]] = [("ing", 3), ("ed", 3)]
# Irregular forms the suffix rules cannot reach.
IRREGULAR: dict[str, str] = {
    "men": "man", "women": "woman", "children": "child", "people": "people", "mice": "mouse",
    "won": "win", "lost": "lose", "died": "die", "dies": "die", "dying": "die",
    "killed": "kill", "paid": "pay", "said": "say", "made": "make", "went": "go", "gone": "go",
    "taken": "take", "took": "take", "gave": "give", "given": "give", "sold": "sell",
    "bought": "buy", "held": "hold", "left": "leave", "ran": "run", "wrote": "write",
    "written": "write", "shot": "shoot", "rose": "rise", "risen": "rise", "fell": "fall",
    "fallen": "fall", "grew": "grow", "grown": "grow", "began": "begin", "begun": "begin",
    "news": "news", "series": "series", "species": "species", "has": "have", "was": "be",
    "were": "be", "is": "be", "are": "be", "been": "be",
}

_IRREGULAR_STEMS = frozenset(IRREGULAR.values())
_TOKEN_RE = re.compile(r"[^\W_]+(?:[.,][0-9]+)*", re.UNICODE)
_COMPOUND_RE = re.compile(r"(?<![\w-])(?=[\w-]*[^\W\d_])[^\W_]+(?:-[^\W_]+){1,3}(?![\w-])")
_HANDLE_RE = re.compile(r"[@#]([A-Za-z0-9_]+)")
_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])|_")
_VOWELS = frozenset("aeiouy")


# --- steps -------------------------------------------------------------------

def _split_handle(m: re.Match[str]) -> str:
    # "@realDonaldTrump" -> "real Donald Trump", "#AustralianFires" -> "Australian Fires":
    # the words inside a handle often name the subject of the claim.
    return " " + _CAMEL_RE.sub(" ", m.group(1)) + " "


def clean(text: str) -> str:
    """Fold Unicode and strip what is not the claim (URLs, tweet tails, handles' @)."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLD_TABLE)
    for pattern, repl in CLEAN_RULES:
        text = pattern.sub(repl, text)
    text = _HANDLE_RE.sub(_split_handle, text)
    text = _CONTRACTION_RE.sub(lambda m: CONTRACTIONS[m.group(0).lower()], text)
    return text


def _strip_accents(word: str) -> str:
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)) or word


def _number_token(tok: str) -> list[str]:
    """'11,300' -> ['11300']; '9m' -> ['9', 'million']; '2.5' stays."""
    if "," in tok and re.fullmatch(r"\d{1,3}(?:,\d{3})+", tok):
        return [tok.replace(",", "")]
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([a-z]+)", tok)
    if m and m.group(2) in SCALE_SUFFIXES:
        return [m.group(1), SCALE_SUFFIXES[m.group(2)]]
    return [tok.replace(",", " ")] if "," in tok else [tok]


def _with_compounds(text: str) -> str:
    # "MS-13", "catch-and-release": transcripts often drop the hyphen ("MS13",
    # "catchandrelease"), so a hyphenated compound is indexed as its parts and joined.
    return _COMPOUND_RE.sub(lambda m: f"{m.group(0)} {m.group(0).replace('-', '')}", text)


def tokens(text: str) -> list[str]:
    """Lower-case word tokens of cleaned text, numbers unified, not stemmed."""
    out: list[str] = []
    for raw in _TOKEN_RE.findall(_with_compounds(clean(text).lower())):
        tok = _strip_accents(raw)
        if tok[0].isdigit():
            for t in _number_token(tok):
                out.extend(t.split())
        else:
            # "a,0": a comma joins digits only in numbers ("11,300"); elsewhere it separates
            out.extend(NUMBER_WORDS.get(t, t) for t in tok.split(",") if t)
    return out


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light English stemmer: plurals, -ing, -ed and a final -e."""
    if word in IRREGULAR:
        word = IRREGULAR[word]
    elif len(word) <= 3 or not word.isalpha():
        return word
    for suffix, repl, min_len in (() if word in _IRREGULAR_STEMS else STEM_RULES):
        if word.endswith(suffix):
            base = word[: len(word) - len(suffix)]
            if len(base) >= min_len:
                word = base + repl
            break
    for suffix, min_len in (() if word in _IRREGULAR_STEMS else VERB_SUFFIXES):
        if word.endswith(suffix):
            base = word[: len(word) - len(suffix)]
            # a vowel must remain ("bring" keeps its "ing", "red" its "ed")
            if len(base) >= min_len and _VOWELS.intersection(base):
                if len(base) > 2 and base[-1] == base[-2] and base[-1] not in "lsz":
                    base = base[:-1]  # running -> run
                word = base
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]  # make/making, state/stated
    return word


def stems(text: str) -> list[str]:
    """Stemmed tokens, stop words kept."""
    return [stem(t) for t in tokens(text)]


def index_text(text: str) -> str:
    """The text the full-text index stores for a statement (statements.norm_text)."""
    return " ".join(stems(text))


_STOP_STEMS = frozenset(stem(w) for w in STOP_WORDS) | STOP_WORDS


def is_stop(stemmed: str) -> bool:
    return stemmed in _STOP_STEMS


def content_terms(norm: str) -> list[str]:
    """Distinct non-stop terms of an already normalised text, in order."""
    seen: dict[str, None] = {}
    for t in norm.split():
        if t not in _STOP_STEMS and (len(t) > 1 or t.isdigit()):
            seen.setdefault(t, None)
    return list(seen)


def query_terms(text: str) -> list[str]:
    """The terms the candidate step searches for: stemmed, no stop words, distinct."""
    return content_terms(index_text(text))


# Words nearly always written lower case inside a sentence (bench/build_cue_lexicon.py): everyday
# vocabulary. Capitalised at a sentence or headline start they are not names ("Recently",
# "After Donald Trump" -> "Donald Trump": claims.text.speakers); shared by two statements they
# name no story of their own (claims.text.stance).
COMMON_WORDS: frozenset[str] = frozenset(
    json.loads((Path(__file__).parent / "data" / "common_words.json").read_text(encoding="utf-8"))["words"]
) - frozenset(("de", "of", "for", "and", "the"))  # particles and joiners inside names
