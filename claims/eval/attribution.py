"""Who said what, on real news: the extraction scored on PolNeAR-style attribution gold.

Input: JSON lines, one article a line (../shared/data/attribution/README.md):
  {"id", "published", "text", "attributions": [{"source": [s, e] | null, "cue": [s, e] | null,
   "cue_text", "content": [[s, e], ...], "direct": bool, "speaker", "speaker_kind":
   named | resolved | unresolved | none}, ...]}

Definitions (printed by `claims eval attribution`):
- alignment: a gold attribution is aligned to the statement that overlaps its content
  fragments by the most characters (ties: the earlier statement); none when no statement
  overlaps its content.
- speaker match: names are compared on their name tokens (lower case, possessive "'s",
  punctuation, "the", titles and lower-case words removed). They match when their last
  tokens (surnames) are equal ("Trump" / "Donald J. Trump's", "Clinton campaign" /
  "Hillary Clinton"), unless both give a different first name ("Bill Clinton" /
  "Hillary Clinton"; a title or a particle is no first name: "Chief Vell" / "Tam Vell"); or when
  one is an honorific and a name found among the other's names ("Mr. Lou" / "Lou Jiwei"); or when
  one is the other's name of two words or more before "of"/"for" ("Brennan Center" / "Brennan
  Center for Justice"); or when one is the acronym of the other ("FBI" / "Federal Bureau of
  Investigation", "FEC filings" / "Federal Election Commission"). A source that is a description
  with the name in apposition is that name ("The leader of X, Ann Lee," is Ann Lee); days and
  months are no name words ("a CBS poll released Monday" is CBS's). Two descriptions with no
  name words match when their words but determiners are the same ("the Republican nominee" /
  "Republican nominee").
- speech cue: the gold cue's words include a verb of saying (SPEECH_CUES).
Figures:
- speaker accuracy (speech cues): gold attributions with a speech cue and a named or
  resolved speaker whose aligned statement carries a matching speaker;
- speaker accuracy (all named/resolved): the same over every cue;
- attribution recall: gold attributions with any source whose aligned statement has a speaker;
- direct-quote recall: gold direct quotes whose aligned statement is a direct quote;
- narration clean: statements overlapping no gold content, cue or source that carry no speaker.

The baseline, run on the same articles and sentences: a sentence with a quotation mark
or a speech verb is attributed to the nearest proper name before its end (the last
run of capitalised words in it that is not a sentence opener like "The", else the nearest one in the
sentences before); other sentences are narration.
Pure functions; `claims eval attribution` prints them.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Optional

from claims.text.records import Article
from claims.text.vocab import CALENDAR_WORDS

# --- rule tables -----------------------------------------------------------

# Verbs (and phrases) of saying: a gold cue holding one of these is a "speech cue".
SPEECH_CUES: frozenset[str] = frozenset(
    """said say says saying told tell tells telling according added add adds adding wrote write
    writes writing stated states stating explained explains explaining noted notes noting
    asked asks asking replied replies responded responds answered answers announced announces
    tweeted tweets posted declared declares insisted insists argued argues arguing claimed claims
    claiming warned warns warning remarked commented comments continued continues recalled
    recalls reported reports reporting testified mentioned mentions suggested suggests
    acknowledged acknowledges admitted admits stressed emphasized emphasised conceded
    confirmed confirms denied denies quipped joked added: said: says: told:
    statement interview""".split()
)
# Words that are not part of a name when comparing speakers.
NAME_STOPWORDS: frozenset[str] = frozenset(
    """the a an of and for mr mrs ms dr sen rep gov president presidential candidate nominee
    republican democratic democrat former secretary senator governor rep. jr sr ii iii iv campaign
    spokesman spokeswoman spokesperson""".split()
)
# Capitalised words that open a sentence without being names (for the baseline).
_BASELINE_NOT_NAMES: frozenset[str] = frozenset(
    """The A An This That These Those It He She They We I You His Her Their Our In On At For After
    Before During While When If As But And However Yet So Still Also According Last Next Some
    Many Most All No Not There Here What Who Why How Where Which Monday Tuesday Wednesday Thursday
    Friday Saturday Sunday January February March April May June July August September October
    November December""".split()
)
_BASELINE_CUES = re.compile(
    r"\b(?:said|says|say|told|according to|added|wrote|stated|explained|noted|asked|argued|claimed|"
    r"warned|announced|tweeted|insisted)\b")
_NAME_RUN = re.compile(r"\b[A-Z][\w'\u2019.-]*(?:\s+(?:[A-Z][\w'\u2019.-]*|de|van|von|al))*")
_TOKEN = re.compile(r"[a-z0-9]+")
# A source span's appositive or relative clause is not its name:
# "Kevin Brady, chairman of the House Ways and Means Committee," -> "Kevin Brady".
_HEAD_END = re.compile(r",|\s(?:who|which|along with)\s|\s[\u2014\u2013]\s")
_DOMAIN = re.compile(r"\.(?:com|org|net|co\.uk)\b", re.I)  # "Tchadinfos.com" is Tchadinfos
_HONORIFIC = re.compile(r"^\s*(?:mr|mrs|ms|dr|miss)\.?\s+\S+\s*$", re.I)
_OF_PLACE = re.compile(r"\s(?:of|in|from|at)\s")
_OF_FOR = re.compile(r"\s(?:of|for)\s")
_PAREN = re.compile(r"\([^)]*(?:\)|$)")  # also a label cut by the span: "Sen. Pat Toomey (R-Pa."
_POSSESSIVE = re.compile(r"['\u2019]s\b", re.I)
# "The leader of the Harbour League, Kira Osk,", "a spokeswoman, Ann Lee,", "the group's chairman,
# Bo Crane,": a description, then the person's name in apposition; the name is the speaker.
# ("Mr. Fox's campaign chairman, Al Reyes," too: an owner's name of up to three words first)
_DESCRIPTION_HEAD = re.compile(r"^\s*(?:(?:the|a|an|another|one|his|her|its|their)\b|(?:[A-Z][\w.-]*\s+){0,3}[\w.-]+['\u2019]s?\s)", re.I)
# (a party label or "of Clemson University" may follow the apposed name)
_APPOSED_NAME = re.compile(r"^\s*(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen)\.\s+)?[A-Z][\w.'\u2019-]*"
                           r"(?:\s+(?:[A-Z][\w.'\u2019-]*|de|van|von|la|le|da|di|del|al|bin)){1,4}"
                           r"(?:\s*\([^()]{1,20}\)|\s+(?:of|from|at)\s+[A-Z][^,]*)?\s*$")
# Days and months, but not those that are also names ("Theresa May").
_DATE_WORDS: frozenset[str] = CALENDAR_WORDS - frozenset("may june april august".split())
# Titles and name particles: never a given name ("Chief Lo Vell" / "Lo Vell", "De Vell" / "Bo de Vell").
NOT_GIVEN_NAMES: frozenset[str] = frozenset(
    """chief gen general lt col colonel maj major capt captain sgt sergeant adm admiral judge justice
    speaker leader rev reverend prof professor attorney ambassador mayor commissioner chairman
    chairwoman director officer detective det lieutenant commander sheriff deputy minister prime
    pope king queen prince princess lord sir dame father rabbi bishop cardinal
    de van von la le da di del du dos der al bin el""".split()
)


@dataclass
class GoldAttribution:
    source: Optional[tuple[int, int]]
    cue: Optional[tuple[int, int]]
    cue_text: str
    content: list[tuple[int, int]]
    direct: bool
    speaker: Optional[str]
    speaker_kind: str


@dataclass
class GoldDoc:
    id: str
    article: Article
    attributions: list[GoldAttribution]


@dataclass
class Predicted:
    """One statement as the scorer sees it: span, speaker, kind."""

    start: int
    end: int
    speaker: Optional[str]
    direct: bool
    claim_start: int = -1  # the checkable text without its frame; -1: the whole statement
    claim_end: int = -1


@dataclass
class Figures:
    speech_total: int = 0
    speech_right: int = 0
    named_total: int = 0
    named_right: int = 0
    sourced_total: int = 0
    sourced_attributed: int = 0
    direct_total: int = 0
    direct_found: int = 0
    narration_total: int = 0
    narration_clean: int = 0
    claim_total: int = 0
    claim_f1_sum: float = 0.0
    examples: list[tuple[str, str, Optional[str], str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, float]:
        def r(a: int, b: int) -> float:
            return round(a / b, 4) if b else 0.0
        return {
            "speaker_accuracy_speech": r(self.speech_right, self.speech_total),
            "speaker_accuracy_named": r(self.named_right, self.named_total),
            "attribution_recall": r(self.sourced_attributed, self.sourced_total),
            "direct_quote_recall": r(self.direct_found, self.direct_total),
            "narration_clean": r(self.narration_clean, self.narration_total),
            "claim_text_f1": round(self.claim_f1_sum / self.claim_total, 4) if self.claim_total else 0.0,
            "n_claim": self.claim_total,
            "n_speech": self.speech_total, "n_named": self.named_total, "n_sourced": self.sourced_total,
            "n_direct": self.direct_total, "n_narration": self.narration_total,
        }


# --- reading ---------------------------------------------------------------

def _span(v: object) -> Optional[tuple[int, int]]:
    if v is None:
        return None
    s, e = v  # type: ignore[misc]
    return int(s), int(e)


def read_docs(path: str | Path, limit: Optional[int] = None) -> list[GoldDoc]:
    """Gold articles of a JSON-lines file; a bad line raises ValueError naming it."""
    path = Path(path)
    out: list[GoldDoc] = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                pub = row.get("published")
                art = Article(text=str(row["text"]), title=str(row.get("title") or ""),
                              published=date.fromisoformat(pub) if pub else None)
                atts = [GoldAttribution(_span(a.get("source")), _span(a.get("cue")), str(a.get("cue_text") or ""),
                                        [(int(s), int(e)) for s, e in a["content"]], bool(a.get("direct")),
                                        a.get("speaker"), str(a.get("speaker_kind") or "none"))
                        for a in row["attributions"]]
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{n}: not an attribution article ({exc})") from exc
            out.append(GoldDoc(str(row.get("id") or f"line {n}"), art, atts))
            if limit is not None and len(out) >= limit:
                break
    return out


# --- speaker names -----------------------------------------------------------

def name_tokens(name: Optional[str]) -> list[str]:
    """The name words of a speaker, lower case: 'longtime Democratic pollster Pat Caddell's' ->
    ['pat', 'caddell']; a phrase with no capitalised word keeps all its words ('the source');
    an appositive or relative clause after the name is dropped."""
    if not name:
        return []
    parts = name.split(",")
    head = parts[0]
    if len(parts) >= 2 and _DESCRIPTION_HEAD.match(head) and _APPOSED_NAME.match(parts[1]):
        head = parts[1]
    else:
        head = _HEAD_END.split(name, 1)[0]
    clean = _DOMAIN.sub("", _POSSESSIVE.sub("", _PAREN.sub(" ", head)))
    # "Stu Rothenberg of the Rothenberg Report", "Tammy Baldwin of Wisconsin": the name before
    # "of"/"in"/"from" (not "Secretary of State", "Bank of America": one word before it)
    m = _OF_PLACE.search(clean)
    # (title words are not name words: "Ohio Secretary of State Ann Lee" is Ann Lee)
    if m is not None and sum(w[:1].isupper() and w.lower() not in NAME_STOPWORDS
                             for w in clean[:m.start()].split()) >= 2:
        clean = clean[:m.start()]
    caps = [w for w in re.findall(r"[\w.-]+", clean) if w[:1].isupper()]
    words = caps or clean.split()
    toks = [t for w in words for t in _TOKEN.findall(w.lower())]
    # "a CBS poll released Monday" is CBS's poll: a day or a month is never a name
    return [t for t in toks if t not in NAME_STOPWORDS and t not in _DATE_WORDS]


def _description(name: str) -> list[str]:
    words = _TOKEN.findall(_HEAD_END.split(name, 1)[0].lower())
    return [w for w in words if w not in ("the", "a", "an", "one", "another")]


def _given_name(name: str, token: str) -> bool:
    """The token is written as a given name in name ('Hillary'), not an acronym ('PAC')."""
    if token in NOT_GIVEN_NAMES:
        return False
    return any(w.lower() == token and w[:1].isupper() and not w.isupper() for w in re.findall(r"[\w-]+", name))


def _acronym(name: str) -> str:
    words = [w for w in re.findall(r"[A-Za-z][\w-]*", name) if w.lower() not in ("of", "the", "and", "for")]
    return "".join(w[0] for w in words).lower()


def speaker_match(predicted: Optional[str], gold: Optional[str]) -> bool:
    """See the module docstring: surname / token match, acronym vs full name."""
    if not predicted or not gold:
        return False
    p, g = name_tokens(predicted), name_tokens(gold)
    if not p and not g:
        # no name words on either side ("the Republican nominee", "Democratic party officials"):
        # the same description, determiners aside
        return _description(predicted) == _description(gold) != []
    if p and g:
        if p[-1] == g[-1]:
            # both give a first name and they differ: a different person of that family
            if len(p) >= 2 and len(g) >= 2 and p[-1] == g[-1] and p[-2] != g[-2] \
                    and len(p[-2]) > 1 and len(g[-2]) > 1 and _given_name(predicted, p[-2]) \
                    and _given_name(gold, g[-2]):
                return False
            return True
    # "Mr. Lou" is Lou Jiwei: an honorific and one name, found among the other's names
    # (family names first in Chinese names, double surnames in Spanish ones)
    if p and g and ((_HONORIFIC.match(gold) and len(g) == 1 and g[0] in p)
                    or (_HONORIFIC.match(predicted) and len(p) == 1 and p[0] in g)):
        return True
    # "Brennan Center" / "Brennan Center for Justice": the whole of a name of two words or more
    if len(p) >= 2 and len(g) >= 2 and ((p[:len(g)] == g and _OF_FOR.search(predicted))
                                        or (g[:len(p)] == p and _OF_FOR.search(gold))):
        return True
    for a, b in ((predicted, gold), (gold, predicted)):
        compact = re.sub(r"[^A-Za-z]", "", a)
        if 2 <= len(compact) <= 6 and compact.isupper() and compact.lower() == _acronym(b):
            return True
        # "FEC filings" are the Federal Election Commission's: the acronym is the name in it
        words = re.findall(r"[A-Za-z]+", _POSSESSIVE.sub("", a))
        caps = [w for w in words if w.isupper()]
        if len(caps) == 1 and 2 <= len(caps[0]) <= 6 and caps[0].lower() == _acronym(b) \
                and all(w.islower() or w.isupper() for w in words):
            return True
    return False


def is_speech_cue(cue_text: str) -> bool:
    return any(w in SPEECH_CUES for w in cue_text.lower().replace(":", " ").split())


# --- the two systems ---------------------------------------------------------

def product_statements(article: Article) -> list[Predicted]:
    from claims.text.extract import extract_statements

    out = []
    for s in extract_statements(article):
        a, b = (s.claim_start, s.claim_end) if getattr(s, "claim_end", None) else (s.start, s.end)
        out.append(Predicted(min(a, s.start), max(b, s.end), s.speaker, s.kind == "direct_quote", a, b))
    return out


def baseline_statements(article: Article) -> list[Predicted]:
    """Nearest preceding proper name for every sentence with a quote mark or a speech verb."""
    from claims.text.segment import segment

    text = article.text
    out: list[Predicted] = []
    last_name: Optional[str] = None
    for s, e, _ in segment(text):
        sent = text[s:e]
        names = [m.group().rstrip(".") for m in _NAME_RUN.finditer(sent)
                 if m.group().split()[0].rstrip(".") not in _BASELINE_NOT_NAMES]
        quoted = any(ch in sent for ch in "\"\u201c\u201d")
        speaker = None
        if quoted or _BASELINE_CUES.search(sent):
            speaker = names[-1] if names else last_name
        if names:
            last_name = names[-1]
        nq = sum(sent.count(ch) for ch in "\"\u201c\u201d")
        out.append(Predicted(s, e, speaker, nq >= 2 and sent.lstrip()[:1] in "\"\u201c"))
    return out


# --- scoring -----------------------------------------------------------------

def _align(preds: list[Predicted], starts: list[int], content: list[tuple[int, int]]) -> Optional[Predicted]:
    best: Optional[Predicted] = None
    best_overlap = 0
    for cs, ce in content:
        i = max(0, bisect_right(starts, cs) - 1)
        while i < len(preds) and preds[i].start < ce:
            p = preds[i]
            ov = min(ce, p.end) - max(cs, p.start)
            if ov > best_overlap:
                best, best_overlap = p, ov
            i += 1
    return best


_TOKEN_RE = re.compile(r"\w+")


def claim_text_f1(text: str, p: Predicted, content: list[tuple[int, int]]) -> Optional[float]:
    """Word-level F1 of the statement's claim text against the gold content inside the same
    statement: does the claim keep what was said and leave the frame ("..., he said") out?
    None when no gold content falls inside the statement."""
    cs, ce = (p.claim_start, p.claim_end) if p.claim_end > p.claim_start >= 0 else (p.start, p.end)
    gold = pred = both = 0
    for m in _TOKEN_RE.finditer(text, p.start, p.end):
        g = any(s <= m.start() < e for s, e in content)
        q = cs <= m.start() < ce
        gold += g
        pred += q
        both += g and q
    if not gold:
        return None
    if not both:
        return 0.0
    prec, rec = both / pred, both / gold
    return 2 * prec * rec / (prec + rec)


def score(docs: list[GoldDoc], system: Callable[[Article], list[Predicted]],
          progress: Optional[Callable[[], None]] = None) -> Figures:
    f = Figures()
    for d in docs:
        preds = sorted(system(d.article), key=lambda p: p.start)
        starts = [p.start for p in preds]
        for a in d.attributions:
            p = _align(preds, starts, a.content)
            got = p.speaker if p else None
            if a.source is not None:
                f.sourced_total += 1
                f.sourced_attributed += got is not None
            if a.direct:
                f.direct_total += 1
                f.direct_found += bool(p and p.direct)
            if p is not None and a.content and is_speech_cue(a.cue_text):
                f1 = claim_text_f1(d.article.text, p, a.content)
                if f1 is not None:
                    f.claim_total += 1
                    f.claim_f1_sum += f1
            if a.speaker_kind in ("named", "resolved"):
                ok = speaker_match(got, a.speaker)
                f.named_total += 1
                f.named_right += ok
                if is_speech_cue(a.cue_text):
                    f.speech_total += 1
                    f.speech_right += ok
                if not ok:
                    f.examples.append((d.id, a.speaker or "", got, a.cue_text))
        # statements outside every attribution (content, cue and source spans)
        covered = sorted(sp for a in d.attributions for sp in [*a.content, a.source, a.cue] if sp)
        cstarts = [s for s, _ in covered]
        for p in preds:
            k = bisect_right(cstarts, p.end) - 1
            overlaps = False
            while k >= 0:
                s, e = covered[k]
                if e > p.start and s < p.end:
                    overlaps = True
                    break
                if s < p.start - 20000:
                    break
                k -= 1
            if not overlaps:
                f.narration_total += 1
                f.narration_clean += p.speaker is None
        if progress:
            progress()
    return f


DEFINITIONS = """\
alignment: a gold attribution -> the statement overlapping its content fragments by the most characters
speaker match: same surname (last name word) after dropping case, "'s", punctuation, "the", titles,
  lower-case words, days and months, and the source's appositive ("X, chairman of Y," is X; "the
  chairman of Y, X," is X); different first names never match (titles are none); "Mr. Lou" matches
  "Lou Jiwei"; "Y Center" matches "Y Center for Z"; or acronym vs full name (FBI = Federal Bureau of
  Investigation, "FEC filings" = Federal Election Commission); with no name words on either side,
  the same words but determiners ("the Republican nominee" = "Republican nominee")
speech cue: the gold cue holds a verb of saying (said, told, according to, wrote, added, ...)
narration clean: statements overlapping no gold content/cue/source that carry no speaker
claim text: word F1 of the aligned statement's claim text against the gold content inside that
  statement, for attributions with a verb of saying (the frame "..., he said" left out is right); the
  baseline's claim is its sentence
baseline: sentences with a quote mark or speech verb -> nearest preceding proper name"""


def format_figures(rows: dict[str, dict[str, float]]) -> str:
    keys = [("speaker_accuracy_speech", "speaker accuracy, verbs of saying", "n_speech"),
            ("speaker_accuracy_named", "speaker accuracy, all named/resolved", "n_named"),
            ("attribution_recall", "attribution recall", "n_sourced"),
            ("direct_quote_recall", "direct-quote recall", "n_direct"),
            ("narration_clean", "narration clean", "n_narration"),
            ("claim_text_f1", "claim text vs content, verbs of saying", "n_claim")]
    names = list(rows)
    head = f"{'figure':<40}" + "".join(f"{n:>12}" for n in names) + f"{'n':>8}"
    lines = [head]
    for k, label, nk in keys:
        lines.append(f"{label:<40}" + "".join(f"{rows[n][k]:>12.3f}" for n in names)
                     + f"{int(rows[names[0]][nk]):>8}")
    return "\n".join(lines)
