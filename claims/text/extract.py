"""Statement extraction: an article in, statements with speakers, dates and scores out.

Named steps (each a pure module with its own rule tables):
  segment     paragraphs and sentences with exact offsets        claims/text/segment.py
  quotes      quoted spans, multi-paragraph quotes, scare quotes   claims/text/quotes.py
  units       sentences joined so that one quote shares one speaker; each sentence
              is then its own statement, with the quote as its context and a
              claim span without the attribution frame (claim_span)
  speakers    attribution cues, names, titles, coreference         claims/text/speakers.py (+ speaker_rules.py)
  dates       the date of the statement, resolved vs published     claims/text/dates.py
  score       check-worthiness with reasons                        claims/text/checkworthy.py
              (or a trained model, claims/text/checkworthy_model.py)

Statements cover the article text without gaps or overlaps apart from
whitespace, and article.text[s.start:s.end] == s.text for every statement
(and article.text[s.claim_start:s.claim_end] == s.claim_text).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any, Optional, Sequence

from claims.text import checkworthy
from claims.text.dates import statement_date
from claims.text.normalize import COMMON_WORDS
from claims.text.quotes import QuoteSpan, find_quotes, quote_content, quote_role
from claims.text.records import Article, ExtractedStatement
from claims.text.segment import paragraph_spans, sentence_spans
from claims.text.speaker_rules import (
    AS_SAYING,
    CUE_PHRASES_BEFORE_SPEAKER,
    DATELINE_MIXED,
    ROLE_NOUNS,
    TIME_LABEL,
    TITLE_MODIFIERS,
)
from claims.text.speakers import (
    COMMON_VERB_FORMS,
    HEADING_LABELS,
    SIGNATURE_CUE,
    SpeakerTracker,
    is_cue_verb,
    verb_stem,
)
from claims.text.vocab import DENYING_VERBS

DEFAULT_THRESHOLD = 0.5
# A quote covering at least this share of a unit's characters makes it a direct
# quote; less is a partial quote inside indirect speech or narration.
DIRECT_QUOTE_SHARE = 0.5
# A quote that opens or closes an attributed unit ('"We will win," said John Smith,
# the party leader.') is direct from this share on: the rest is only the attribution.
EDGE_QUOTE_SHARE = 0.25
# A closed quote of at least this many words that reads as a sentence of its own, inside a
# sentence with an attribution cue, makes it a direct quote ('X said, "We lost."');
# a quoted phrase ('calling it "a clear breach"') stays a partial quote.
MIN_EMBEDDED_QUOTE_WORDS = 1
# An unattributed quote at most this many paragraphs after the last attributed statement
# is still that speaker's.
QUOTE_CONTINUES_PARAGRAPHS = 1
# Stands for quoted words in the text the speaker rules see (not a word
# character, not whitespace, never in news text).
MASK = "\x1f"




@dataclass
class _Unit:
    start: int
    end: int
    paragraph: int
    sentences: list[tuple[int, int]]
    quotes: list[QuoteSpan]
    # the whole sentence, for a clause cut from it by a second speaker's frame
    context: Optional[tuple[int, int]] = None


def _units(text: str) -> list[_Unit]:
    """Sentences, joined where a real quote runs across them."""
    paras = paragraph_spans(text)
    sents: list[tuple[int, int, int]] = []
    for pno, (ps, pe) in enumerate(paras):
        sents.extend((s, e, pno) for s, e in sentence_spans(text, ps, pe))
    if not sents:
        return []
    starts = [s for s, _, _ in sents]
    # group id per sentence; a quote spanning sentences i..j gives them one group
    group = list(range(len(sents)))
    quotes_of: dict[int, list[QuoteSpan]] = {}
    for q in find_quotes(text, paras):
        i = max(0, bisect_right(starts, q.start) - 1)
        if quote_role(text, q, sents[i][0]) != "quote":
            continue
        j = max(i, bisect_right(starts, q.end - 1) - 1)
        root = group[i]
        for k in range(i + 1, j + 1):
            group[k] = root
        quotes_of.setdefault(root, []).append(q)
    whole: dict[int, tuple[int, int]] = {}  # clause start -> its whole sentence
    sents, group = _split_second_speakers(text, sents, group, quotes_of, whole)
    units: list[_Unit] = []
    for k, (s, e, pno) in enumerate(sents):
        g = group[k]
        if units and g == group[k - 1]:
            u = units[-1]
            u.end = e
            u.sentences.append((s, e))
        else:
            units.append(_Unit(s, e, pno, [(s, e)], quotes_of.get(g, []), whole.get(s)))
    # a quote that continues a group started by an earlier quote belongs to it too
    return units


# A second speaker's frame after a first one in the same sentence: "Linturi said the charge was
# baseless, while Wario insisted that 40 people had died." Each clause is its own statement.
_SPEECH_WORDS = r"said|says|insisted|insists|argued|argues|countered|replied|added|maintained|warned|noted|" \
                r"told|claimed|claims|contended|responded|denied|stressed"
_SECOND_FRAME = re.compile(r"(?:,\s+(?:while|whereas|but)|;)\s+(?:[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3}|"
                           r"(?:the|a|an|his|her|their)\s+[a-z]+(?:\s+[a-z]+)?)\s+(?:also\s+)?(?:" + _SPEECH_WORDS + r")\b")
_FIRST_FRAME = re.compile(r"\b(?:" + _SPEECH_WORDS + r"|according\s+to)\b")


def _split_second_speakers(text: str, sents: list[tuple[int, int, int]], group: list[int],
                           quotes_of: dict[int, list[QuoteSpan]],
                           whole: dict[int, tuple[int, int]]) -> tuple[list[tuple[int, int, int]], list[int]]:
    """Sentences cut where a second speaker's frame follows a first one (not inside a quote,
    never in a sentence a quote runs across)."""
    out: list[tuple[int, int, int]] = []
    groups: list[int] = []
    next_group = len(sents)
    for k, (s, e, pno) in enumerate(sents):
        shared = (k > 0 and group[k - 1] == group[k]) or (k + 1 < len(sents) and group[k + 1] == group[k])
        m = None if shared else _SECOND_FRAME.search(text, s, e)
        quotes = quotes_of.get(group[k], [])
        if m is not None and _FIRST_FRAME.search(text, s, m.start()) \
                and not any(q.start < m.start() < q.end for q in quotes):
            cut = m.start() + 1 if text[m.start()] in ",;" else m.start()  # the mark ends the first clause
            rest = cut
            while rest < e and text[rest].isspace():
                rest += 1
            whole[s] = whole[rest] = (s, e)
            out.append((s, cut, pno))
            groups.append(group[k])
            out.append((rest, e, pno))
            groups.append(next_group)
            quotes_of[next_group] = [q for q in quotes if q.start >= rest]
            quotes_of[group[k]] = [q for q in quotes if q.start < cut]
            next_group += 1
        else:
            out.append((s, e, pno))
            groups.append(group[k])
    return out, groups


def _mask(text: str, u: _Unit) -> tuple[str, int]:
    """The unit's text with quoted words masked out, and the number of quoted characters."""
    if not u.quotes:
        return text[u.start:u.end], 0
    parts: list[str] = []
    pos = u.start
    quoted = 0
    for q in u.quotes:
        qs, qe = max(q.start, pos), min(q.end, u.end)
        if qe <= qs:
            continue
        parts.append(text[pos:qs])
        parts.append(MASK * (qe - qs))
        quoted += qe - qs
        pos = qe
    parts.append(text[pos:u.end])
    return "".join(parts), quoted


def _quote_words(text: str, q: QuoteSpan) -> int:
    """Words of a closed quote that reads as a sentence of its own (opens with a capital or
    ends with its own punctuation); 0 for a quoted phrase ('calling it "a clear breach"')."""
    if not q.closed:
        return 0
    content = quote_content(text, q).strip()
    if not content or not (content[0].isupper() or content[-1] in ".!?,"):
        return 0
    return len(content.split())


def _introduced_quote(text: str, q: QuoteSpan) -> bool:
    """A closed quote of a whole sentence (a capital first, its own full stop, question or
    exclamation mark last) right after a colon."""
    if not q.closed or not text[max(0, q.start - 3):q.start].rstrip(" \xa0").endswith(":"):
        return False
    content = quote_content(text, q).strip()
    return len(content.split()) >= 2 and content[:1].isupper() and content[-1:] in ".!?"


def _quote_at_edge(masked: str, att: Any) -> bool:
    """The unit opens with the quote ('"...," said X'), or its cue leads straight into a
    closing quote ('X said: "..."'); a partial quote ending indirect speech ('ruled that
    the contract was void, calling it "a breach"') is neither."""
    if masked.lstrip(" \t\r\n").startswith(MASK):
        return True
    rest = masked[att.cue_start + len(att.cue):].lstrip(" \t\r\n\xa0,:")
    return rest.startswith(MASK) and not rest.rstrip(" \t\r\n.,;:").strip(MASK)


# Punctuation and words between a claim and its attribution frame.
_CLAIM_LEAD = " \t\r\n,:;\u2014\u2013-\"'\u201c\u201d\u2018\u2019"
_CLAIM_TAIL = " \t\r\n,:;\u2014\u2013-\"'\u201c\u201d\u2018\u2019"
_THAT = ("that ",)  # the complementizer after a frame; "That is the problem" keeps its "That"
# The cue's object or adjunct before "that": "told reporters that", "said in a statement that".
_FRAME_WORDS = (r"[A-Z][\w.'\u2019-]*|reporters|journalists|him|her|them|us|me|the|a|an|on|in|at|during|after|"
                r"last|this|to|of|with|for|his|their|its|[a-z]+day|morning|afternoon|evening|night|week|month|"
                r"year|out|circular|directive|notice|memo|witness|testimony|submission|affidavit|petition|ruling|judgment|"
                r"judgement|dispatch|column|article|editorial|op-ed|phone|telephone|call|correspondent|"
                r"statement|interview|email|letter|post|tweet|conference|speech|press|news|television|radio|"
                r"social|media|[0-9]+|report|communiqu\u00e9|communique|bulletin|briefing|release|message|"
                r"video|address|broadcast|broadcaster|announcement|note|document|filing|website|blog|account|"
                r"state|national|public|written|joint|televised|recent|weekly|daily|annual|as|saying|by|"
                r"stock|exchange|regulator|regulators|session|meeting|rally|"
                r"programme|program|show|newspaper|paper|magazine|channel|podcast|agency|network|"
                # the audience told: "telling lawmakers that ..."
                r"lawmakers|legislators|parliament|senators|members|supporters|voters|delegates|"
                r"investors|officials|residents|students|staff|employees|colleagues|crowd|audience|"
                r"jury|jurors|court|shareholders|committee|panel|hearing|tribunal|inquiry|magistrates|analysts|"
                r"board|council|assembly|senate|congress|parliamentarians|councillors|parents|teachers|farmers")
# "that" opening a relative clause, not the claim: "the meeting that was held".
_NOT_RELATIVE_THAT = r"that\s(?!(?:was|were|is|are|has|have|had|will|would|can|could)\b)"
_OBJECT_THEN_THAT = re.compile(r"(?:\s+(?:" + _FRAME_WORDS + r")){0,8}\s+" + _NOT_RELATIVE_THAT)
# An adverb or a prepositional phrase of any words before "that": "said late Wednesday that",
# "admitted in his plea that", "said in a telephone interview that".
_PP_THEN_THAT = re.compile(r"(?:\s+(?:late|early|earlier|later|also|again|publicly|privately|repeatedly|previously|recently|"
                           r"separately|first|then|now|today|yesterday|tonight|[A-Z][a-z]+day|morning|afternoon|evening|night))*"
                           r"(?:\s+(?:in|on|at|during|after|before|to|with|from|over|via|through|under)\s+[^,;:\x1f\"\u201c]{1,60}?)?"
                           r"\s+" + _NOT_RELATIVE_THAT)
# A time adjunct closing a frame before the claim's comma: "..., released by X on Wednesday, ...".
_FRAME_TIME = re.compile(r"\s+(?:(?:on|last|this|early|late|earlier|later)\s+)?(?:on\s+)?(?:Monday|Tuesday|Wednesday|"
                         r"Thursday|Friday|Saturday|Sunday|yesterday|today)(?:\s+(?:morning|afternoon|evening|night))?"
                         r"\s*,(?=\s)")
# Cues whose object is a noun phrase, not a clause ("accused Turkey of ...").
OBJECT_CUES = frozenset("""ruled put puts putting accused accuses accusing blamed blames blaming criticized criticised criticizes
    criticises criticizing criticising condemned condemns condemning praised praises praising urged urges
    urging expressed expresses expressing called calls calling warned warns warning welcomed welcomes
    defended defends defending attacked attacks attacking slammed slams blasted blasts questioned
    questions declined declines announced announces forecast forecasts pledged pledges promised promises
    vowed vows""".split())
# Verbs (by speakers.verb_stem) whose object is a clause ("Ann Lee believes the levy will
# fail"): the clause alone is the claim. Any other cue verb after its subject takes a noun
# phrase or an infinitive ("opposed the deal", "wants lower tariffs", "is pledging to cut"):
# the verb stays in the claim, or "the trade deal" would read as what was claimed.
CLAUSE_CUE_STEMS: frozenset[str] = frozenset(verb_stem(w) for w in """say tell add claim argue insist note
    suggest explain state believe think feel expect know hope fear write tweet post report predict
    estimate conclude acknowledge admit contend maintain stress emphasize emphasise reiterate
    assert allege reveal confirm indicate complain concede declare mention warn recall observe remark
    caution testify guess figure assume worry learn realize realise understand doubt find show imply
    hint signal speculate wonder reckon""".split())
# A negation right before the frame's verb stays in the claim: "Ann Lee does not expect a
# deal" claims no deal ("has never supported", "doesn't believe").
_NEGATED_VERB = re.compile(r"\b(?:(?:do|does|did|is|are|was|were|has|have|had|will|would|can|could|should)\s+"
                           r"(?:not|never)|never|(?:do|does|did|is|are|was|were|has|have|had|wo|would|ca|could|"
                           r"should)n['\u2019]t)\s+(?:[a-z]+ly\s+)?$")
# A clause before the frame that only sets the scene: "After Vell spoke, Osk said it was over."
# (or an opening participle or prepositional phrase: "Speaking at a briefing on Thursday, X said Y")
_SUBORDINATE_START = re.compile(r"(?:After|Before|When|While|As|Since|Once|Until|Although|Though|If|Because|"
                                r"[A-Z][a-z]+ing|Asked|In|At|During|Following|Despite)\s[^,]*,?$")
# An opening phrase naming the medium of the frame after it, commas and all: "In a statement
# signed by its secretary, Mr Ade Bello, the party said ..." (the claim follows the frame).
_MEDIUM_OPENER = re.compile(r"(?:In|Through|Via)\s+(?:a|an|the|its|his|her|their)\s+(?:[\w-]+\s+){0,3}?(?:statement|"
                            r"interview|letter|post|message|communiqu\u00e9|communique|release|tweet|video|speech|"
                            r"address|broadcast|circular|petition|memo)\b")
# An opening adjunct, its comma, then only the subject's own words before the frame: "Speaking
# to reporters on Sunday, the union's branch executive secretary [Mr Ade Bello said] ...".
_OPENER_THEN_NP = re.compile(r"(?:[A-Z][a-z]+ing|In|At|During|After|Following|On)\s[^,]*,\s+(?P<np>[^,]*)$")
_NP_GLUE = frozenset("the of and for".split())


def _is_opener_then_subject(before: str) -> bool:
    m = _OPENER_THEN_NP.match(before)
    if m is None:
        return False
    words = [w.strip("()") for w in m.group("np").split()]
    return bool(words) and all(w[:1].isupper() or w in _NP_GLUE or (w not in _NOT_MODIFIERS and not w.endswith("ed")
                                                                    and _MODIFIER.match(w)) for w in words if w)


# A capitalised owner right before a frame's subject: "the United Nations' World Food Programme".
_THROUGH_BEFORE = re.compile(r"(?:\b[Tt]he\s+)?(?:[A-Z][\w.&-]*\s+(?:(?:of|for|and)\s+)?){1,5}through\s+(?:its|their)\s+$")
_POSSESSOR_BEFORE = re.compile(r"(?:\b[Tt]he\s+)?(?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*(?:['\u2019]s|s['\u2019])\s+$")
# "told Reuters the ships were ...": a verb of telling, then the one told, then the claim.
_TOLD_END = re.compile(r"\b(?:told|tells|telling)\s*$")
# 'told a Planned Parenthood gathering in Washington she will ...': a described audience, then
# a clause opened by its pronoun subject.
_RECIPIENT_NP = re.compile(r"\s+(?:an?|the|his|her|their|its)\s+(?:(?!(?:as|when|while|after|before|because|since|that|if)\s)"
                           r"[^,;:\x1f\"\u201c\s]+\s+){0,7}?(?=(?:he|she|they|it|we|I|there)\s)")
_ASKED_END = re.compile(r"\b(?:asked|asks|asking)\s*$")
_ASKED_OBJECT = re.compile(r"\s+(?:[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,2}|him|her|them|us|me|reporters|voters)"
                           r"(?=\s+(?:which|why|whether|if|how|what|when|where|who)\b)")
_RECIPIENT = re.compile(r"\s+(?:(?:the\s+)?[A-Z][\w.&'\u2019-]*(?:\s+[A-Z][\w.&'\u2019-]*){0,3}|reporters|journalists|"
                        r"investors|officials|members|voters|delegates|residents|students|staff|employees|colleagues|"
                        r"analysts|donors|workers|farmers|senators|legislators|diplomats|parents|protesters|viewers|"
                        r"him|her|them|us|me|lawmakers|parliament|supporters|jurors|the\s+(?:crowd|audience|newspaper|"
                        r"broadcaster|channel|agency|jury|court|tribunal|committee|panel|hearing|inquiry))(?:\s+(?:on|in|at|during)\s+(?:[A-Z]\w+|an?\s+\w+|the\s+\w+))?"
                        r"(?=\s+[a-z\d\"\u201c]|\s+(?:The|A|An|It|He|She|They|We|I|There|Cambodia|[A-Z]\w+\s+(?:is|was|were|are|had|has|would|will)\b))")
# A side of the frame with fewer words than this is not the claim ("he said.").
MIN_CLAIM_WORDS = 3


# Words that are no modifier of a frame's subject: "regional health officials said" takes in
# "regional health", ", and health officials said" stops at "and".
_CLAUSE_OPENERS = frozenset("and or but nor yet so as while although though whereas because".split())
_NOT_MODIFIERS = _CLAUSE_OPENERS | COMMON_VERB_FORMS | frozenset(
    """if that which who whom whose when where than then to of in on at by for from with without into
    about after before over under is was are were be been being has have had will would could should
    may might can do does did not it he she they we i you there here""".split())
_MODIFIER = re.compile(r"[a-z0-9][a-z0-9-]*$")
MAX_SUBJECT_MODIFIERS = 4


MAX_DESCRIPTION_WORDS = 6
_ADJECTIVE_ENDINGS = ("al", "ial", "ic", "ary", "an", "ive")


def _is_description_lead(lead: str) -> bool:
    """'Democratic presidential candidate': a few capitalised words, role nouns and adjectives,
    nothing that could be a clause of its own."""
    words = lead.split()
    return 1 <= len(words) <= MAX_DESCRIPTION_WORDS and not lead.rstrip().endswith((",", ";", ":")) and all(
        w[:1].isupper() or w.lower() in ROLE_NOUNS or w.lower() in TITLE_MODIFIERS or w.lower().endswith(_ADJECTIVE_ENDINGS)
        for w in words) and any(w.lower() in ROLE_NOUNS for w in words)


def frame_with_modifiers(text: str, lo: int, frame_start: int) -> int:
    """The start of a frame moved left over the lower-case modifiers of its subject
    ("regional health officials said", "many local officials said"), when they run back to
    a clause boundary (the sentence start, a comma, a dash or a joining word); else frame_start."""
    new = frame_start
    for _ in range(MAX_SUBJECT_MODIFIERS + 1):  # (a fifth word is too many: back to frame_start)
        k = new
        while k > lo and text[k - 1] in " \t\xa0":
            k -= 1
        if k <= lo or text[k - 1] in ",;:(\u2014\u2013-.!?\"\u201d\n":
            return new  # the words walked over open the clause: they are the subject's
        w = k
        while w > lo and not text[w - 1].isspace():
            w -= 1
        word = text[w:k]
        if word in _CLAUSE_OPENERS:
            return new
        if word in _NOT_MODIFIERS or not _MODIFIER.match(word):
            return frame_start
        new = w
    return frame_start


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """start/end moved inwards past frame punctuation, quote marks and a leading "that"."""
    limit = end
    while start < end and text[start] in _CLAIM_LEAD:
        start += 1
    if text.startswith(_THAT, start) and end - start > 5:
        start += 5
    while end > start and text[end - 1] in _CLAIM_TAIL:
        end -= 1
    # a quote opened inside the claim keeps its closing mark (and the full stop inside it)
    opened = text.count("\u201c", start, end) - text.count("\u201d", start, end)
    if opened > 0:
        close = text.find("\u201d", end, min(end + 3, limit))
        if close != -1:
            end = close + 1
    else:  # a straight quote ('"' or "''") opened inside the claim
        for mark in ('"', "''"):
            if text.count(mark, start, end) % 2 == 1:
                close = text.find(mark, end, min(end + 4, limit))
                if close != -1:
                    end = close + len(mark)
                break
    return start, end


def _words(text: str, start: int, end: int) -> int:
    return len(text[start:end].split())


QUOTE_IS_CLAIM_SHARE = 0.6

# A wire dateline opening a story ("MARROWBY, Nov 20 (Coastal Wire) - ", "WASHINGTON (AP) \u2014 "):
# a place in capitals, optional place or date parts, an optional agency, then a dash.
_DATELINE = re.compile(r"[A-Z\u00c0-\u00de][A-Z\u00c0-\u00de.'\u2019-]+(?:\s+[A-Z\u00c0-\u00de][A-Z\u00c0-\u00de.'\u2019-]+){0,3}"
                       r"(?:,\s*[A-Z0-9][\w.]*(?:\s+[A-Z0-9][\w.]*){0,2}){0,3}"
                       r"(?:\s*\([^()\n]{1,40}\))?\s*(?:--?|\u2013|\u2014)\s+(?=\S)")
# Words that join two clauses: the content on both sides of a frame between them is the
# claim ("Y, officials said, and Z"; "Y, even as the mayor said Z").
_JOINS = r"and|but|yet|while|whereas|although|though|even\s+as|even\s+though|adding|noting"
_JOIN_AFTER = re.compile(r"(?P<adjunct>[^,;\x1f]*?)[,;]\s+(?:" + _JOINS + r")\s+(?:\S+\s+){2}\S", re.I)
_JOIN_BEFORE = re.compile(r"[,;]\s+(?:" + _JOINS + r")$", re.I)
_WORD = re.compile(r"[A-Za-z]+")
# A relative clause of the source after an inverted cue: "..., said a delegate who is close to ...".
_RELATIVE_AFTER = re.compile(r"\s*,?\s*(?:who|whose|whom|which)\b")
_PRONOUN_FRAME = re.compile(r"(?:he|she|they|it|we|I)\b")  # ("he reportedly refused, which ...": no source after the cue)
# "as" right before a frame's subject: "as Comey noted, ..." (the subject's own words follow).
_AS_FRAME = re.compile(r"(?:^|[\s,(\u2014])(?<!even )(?<!just )(?<!such )([Aa]s)\s+$")  # not "even as the mayor said"
# A frame's adjunct, then a subordinate clause hung on it: "..., X said on Tuesday, as ...".
_SUBORDINATE_AFTER = re.compile(r"(?P<adjunct>[^,;:\x1f]*?),\s+(?:as|when|after|before|because|since|noting|adding|saying|"
                                r"citing|explaining|arguing|insisting|calling|describing)\s", re.I)
# (after "told", the one told and the clause need no comma: "told his advisers as he worked")
_TOLD_SUBORDINATE = re.compile(r"(?P<adjunct>[^,;:\x1f]*?)\s+(?:as|when|while|after|before|because|since)\s")
MAX_ADJUNCT_WORDS = 4
# A predicate with no subject of its own right after a frame set off by commas.
_INTERRUPTED_PREDICATE = re.compile(
    r"\s*,\s+(?:[a-z]+ly\s+)?(?:would|will|can|could|should|may|might|must|is|was|are|were|has|had|have|"
    r"did|does|do|remains|remained)\b")
_PASSIVE_AGENT = re.compile(r"\s*by\s", re.I)


def claim_span(text: str, start: int, end: int, quotes: Sequence[QuoteSpan],
               frame: Optional[tuple[int, int]]) -> tuple[int, int]:
    """The checkable part of the sentence text[start:end]: for a direct quote its longest
    quoted fragment; for a sentence holding its attribution frame (subject and cue) the
    longer side of it ("X said that Y" -> Y, "Y, X said." -> Y); else the sentence."""
    dm = (_DATELINE.match(text, start, end) or DATELINE_MIXED.match(text, start, end)) \
        if start == 0 or text[start - 1] == "\n" else None
    if dm is not None:
        start = dm.end()  # the dateline says where the story was filed, not what was said
    tm = TIME_LABEL.match(text, start, end)
    if tm is not None:
        start = tm.end()  # a live blog's "2.14pm:" says when it was posted
    best: Optional[tuple[int, int]] = None
    for q in quotes:
        qs, qe = max(q.start, start), min(q.end, end)
        if qe <= qs:
            continue
        a, b = _trim(text, qs, qe)
        if b > a and (best is None or b - a > best[1] - best[0]):
            best = (a, b)
    # A quoted fragment inside reported speech ('Tal said no lease was signed "with anyone
    # else"') is part of the claim, not all of it: the quote stands alone only when it is a
    # sentence of its own (it starts with a capital) or most of the sentence.
    if best is not None and _words(text, *best) >= 1 and (
            not text[best[0]].islower() or _words(text, *best) >= QUOTE_IS_CLAIM_SHARE * _words(text, start, end)):
        return best
    # "The rate cited by Korr is ...": a passive participle, not "X said"; the sentence is the claim
    if frame is not None and start <= frame[0] < end and not _PASSIVE_AGENT.match(text, min(frame[1], end)):
        fs, fe = frame[0], min(frame[1], end)
        om = _OBJECT_THEN_THAT.match(text, fe, end) or _PP_THEN_THAT.match(text, fe, end)
        plain = fe  # the frame as found, before its object or "as saying" is added
        lead_in = om is not None  # 'claiming that ...': what follows "that" is the claim
        if om is not None:
            fe = om.end()  # 'told The Post that ...', 'said on Monday that ...': the frame ends at "that"
        elif not text[start:fs].strip(_CLAIM_LEAD) and (tm := _FRAME_TIME.match(text, fe, end)) is not None:
            # "According to a statement by the ministry on Wednesday, ...": a frame opening the
            # sentence ends with its time (after the claim, "..., X said on Tuesday, as ..." keeps it)
            fe = tm.end()
        elif (sm := AS_SAYING.match(text, fe, end)) is not None:
            fe = sm.end()  # "was quoted as saying the port ..."
        elif _TOLD_END.search(text, fs, fe):
            rm = _RECIPIENT.match(text, fe, end) or _RECIPIENT_NP.match(text, fe, end)
            if rm is not None:
                fe = rm.end()  # 'told Reuters the ships were ...': the one told is no part of the claim
        elif _ASKED_END.search(text, fs, fe) and (qm := _ASKED_OBJECT.match(text, fe, end)) is not None:
            fe = qm.end()  # 'asked Rubio which states he could win': the question, not the one asked
        am = _AS_FRAME.search(text, start, fs)
        if am is not None:
            # "..., and as Comey noted, people involved could still be sanctioned": "as" opens
            # the frame; what follows it is what was said
            fs, lead_in = am.start(1), True
        before, after = _trim(text, start, fs), _trim(text, fe, end)
        nb, na = _words(text, *before), _words(text, *after)
        if am is not None and na >= MIN_CLAIM_WORDS:
            return after
        # ("compared Trump to Clinton, saying they are ...": a participle after the clause's comma
        # frames what follows it)
        lead_in = lead_in or (text[frame[0]:min(frame[1], end)].rstrip().endswith("ing")
                              and text[start:fs].rstrip().endswith(","))
        lead_in = lead_in or text[fe:fe + 6].lstrip(" ,").startswith(_THAT) or text[fe:fe + 3].lstrip().startswith(":")
        take_after = na >= MIN_CLAIM_WORDS and (nb < MIN_CLAIM_WORDS or lead_in or fs - start < (end - start) * 0.4
                                               or _SUBORDINATE_START.match(text, before[0], before[1]) is not None
                                               or _MEDIUM_OPENER.match(text, before[0], before[1]) is not None
                                               or _is_opener_then_subject(text[before[0]:before[1]]))
        if text[start:fs].rstrip().endswith(",") and _INTERRUPTED_PREDICATE.match(text, fe, end):
            # "The museum, Mr. Obama said, would make visitors ...": the frame interrupts the
            # claim between its subject and its verb; either side alone is no sentence
            return _sentence(text, start, end)
        jm = _JOIN_AFTER.match(text, fe, end) if nb >= MIN_CLAIM_WORDS else None
        if (nb > MIN_CLAIM_WORDS and _JOIN_BEFORE.search(text, before[0], before[1]) is not None) or (
                # (the claim after a frame keeps its own "..., and ..."; only a join right
                # after the frame, or after its adjunct when the claim is before it, counts)
                jm is not None and (not take_after or not jm.group("adjunct").strip())):
            # the frame sits between two clauses of content: either side alone drops one
            # ("Y, officials said, and Z" would lose Z), so the sentence is the claim
            return _sentence(text, start, end)
        if nb >= MIN_CLAIM_WORDS and not lead_in and _RELATIVE_AFTER.match(text, fe, end) \
                and not _PRONOUN_FRAME.match(text, fs, fe):
            return before  # "..., said a delegate who is close to the board.": the source's own clause
        sa = _SUBORDINATE_AFTER.match(text, fe, end) if nb >= MIN_CLAIM_WORDS and not lead_in else None
        if sa is None and nb >= MIN_CLAIM_WORDS and not lead_in and _TOLD_END.search(text, fs, fe) \
                and text[start:fs].rstrip().endswith(","):
            sa = _TOLD_SUBORDINATE.match(text, fe, end)
        if sa is not None and len(sa.group("adjunct").split()) <= MAX_ADJUNCT_WORDS:
            # "At least 41 died, the agency said on Tuesday, as officials warned ...": a clause
            # hung on the frame is no content; the claim is before it
            return before
        if take_after:
            # "Orlo denied that officers fired" claims the opposite of "officers fired": the
            # denying verb stays in the claim text ("denied that officers fired") so that no
            # reviewer, report or ClaimReview reads the denied clause as the speaker's claim
            denial = [m for m in _WORD.finditer(text, fs, fe) if m.group().lower() in DENYING_VERBS]
            if denial:
                return denial[-1].start(), after[1]
            last = list(_WORD.finditer(text, fs, min(frame[1], end)))
            # (the negation may stand before a frame that is only its cue: "X, a Y, does not expect")
            neg = _NEGATED_VERB.search(text, start, last[-1].start()) if last and last[-1].group().islower() else None
            if neg is not None:
                # "does not expect a deal": the negation with its auxiliary stays in the claim
                return neg.start(), after[1]
            verb = [m for m in _WORD.finditer(text, fs, fe) if m.group().lower() in OBJECT_CUES]
            phrase = text[fs:fs + 20].lower().startswith(CUE_PHRASES_BEFORE_SPEAKER)  # "according to X, who ..."
            if not verb and fe == plain and not phrase and len(last) >= 2 and is_cue_verb(last[-1].group()) \
                    and verb_stem(last[-1].group()) not in CLAUSE_CUE_STEMS:
                verb = last[-1:]  # "opposed the trade deal", "sought a delay": a noun phrase object
            if verb and not lead_in and not (verb[-1].group().lower() == "put" and text.startswith(" it", verb[-1].end())):
                # (not "as X put it, ...")
                # "accused Turkey of cutting the flow", "blamed the state for the shortage": the
                # object is no sentence; the verb stays, so the claim says what was asserted
                return verb[-1].start(), after[1]
            return after
        if nb >= MIN_CLAIM_WORDS:
            return before
    return _sentence(text, start, end)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole sentence text[start:end] as a claim, without frame punctuation around it."""
    a, b = _trim(text, start, end)
    if b <= a:
        return start, end
    # keep the sentence's own closing punctuation ("It rose." stays a sentence)
    if b < end and text[b] in ".!?" and not text[a:b].endswith((".", "!", "?")):
        b += 1
    return a, b


def extract_statements(article: Article, *, threshold: float = DEFAULT_THRESHOLD,
                       model: Optional[Any] = None) -> list[ExtractedStatement]:
    """The statements of an article, in order; model (optional) is a trained scorer
    with predict(texts) -> scores in [0, 1] (claims.text.checkworthy_model)."""
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be within [0, 1], got {threshold}")
    text = article.text or ""
    tracker = SpeakerTracker()
    tracker.learn_article(text)
    out: list[ExtractedStatement] = []
    scored: list[list[str]] = []
    prev_speaker: Optional[Any] = None  # the last speaker named, and its paragraph
    prev_para = -10
    introduced: Optional[Any] = None  # the speaker of a unit ending "X said:", for the next paragraph
    done: list[_Done] = []
    turn: Optional[tuple[Any, int]] = None  # a transcript turn "TAPPER: ..." and its paragraph
    last_para = -1
    for u in _units(text):
        subject = None  # the person a narration unit is about, kept in focus
        masked, quoted = _mask(text, u)
        nonspace = len("".join(text[u.start:u.end].split())) if quoted else 1
        direct = quoted > 0 and quoted >= DIRECT_QUOTE_SHARE * nonspace
        tracker.note_names(masked)
        att = tracker.attribute(masked)
        entity = att.entity if att is not None else None
        if not direct and quoted and att is not None and _quote_at_edge(masked, att) and (
                (entity is not None and quoted >= EDGE_QUOTE_SHARE * nonspace)
                or masked.lstrip(" \t\r\n(").startswith(MASK)):
            # '"...," X said' even when X is nobody we can name ("one official said")
            direct = True
        elif not direct and att is not None and any(_quote_words(text, q) >= MIN_EMBEDDED_QUOTE_WORDS
                                                    for q in u.quotes):
            # 'X told reporters, "A lot of people said ..."': the quote is X's own words
            direct = True
        elif not direct and any(_introduced_quote(text, q) for q in u.quotes):
            # 'A new campaign message: "It's about me."': a sentence quoted after a colon
            direct = True
        cue = att.cue if att is not None and entity is not None else None
        if direct:
            kind = "direct_quote"
            if entity is None and att is None and prev_speaker is not None \
                    and u.paragraph - prev_para <= QUOTE_CONTINUES_PARAGRAPHS:
                # a quote paragraph without attribution continues the last speaker
                entity = prev_speaker
        elif entity is not None:
            kind = "indirect_quote"
        elif att is None and introduced is not None and u.paragraph == prev_para + 1:
            # 'Fox News reports:' then the reported paragraph: the words of the one introducing it
            kind, entity = "indirect_quote", introduced
        elif att is None and turn is not None and turn[1] == u.paragraph:
            # the rest of a transcript turn ("BOULDUAN: Why not? ... Let's see.") is the turn's
            kind, entity = "indirect_quote", turn[0]
        else:
            kind = "narration"
            subject = tracker.note_subject(masked)
        if u.paragraph != last_para:
            # a paragraph opening "NAME: ..." is one speaker's turn
            turn = (entity, u.paragraph) if att is not None and entity is not None and att.cue == ":" \
                and _is_turn_label(masked[att.frame_start:att.cue_start]) else None
            last_para = u.paragraph
        tracker.note_mentions(masked, entity or subject)
        # a unit whose attribution ends in a colon introduces the next paragraph
        introduced = entity if (entity is not None and text[u.start:u.end].rstrip().endswith(":")) else None
        when, when_text = statement_date(masked, article.published)
        frame = None
        if att is not None and entity is not None and att.frame_start >= 0:
            fs = u.start + att.frame_start
            if att.frame_start < att.cue_start:  # a subject before its cue, not "said Fox" nor "was asked by"
                title = entity.title or ""
                head = text[max(u.start, fs - len(title) - 2):fs].rstrip()
                if title and len(title) > 2 and head.endswith(title):
                    # "Ministry of National Defence spokesperson Chhum Socheat said": the title too
                    fs = fs - (len(text[:fs]) - len(text[:fs].rstrip())) - len(title)
                pm = _POSSESSOR_BEFORE.search(text, u.start, fs) or _THROUGH_BEFORE.search(text, u.start, fs)
                if pm is not None:
                    # "the United Nations' World Food Programme said", "the Ministry of Lands
                    # through its spokesperson X said": the owner too
                    fs = pm.start()
                fs = frame_with_modifiers(text, u.start, fs)
                if _is_description_lead(text[u.start:fs]):
                    # "Democratic presidential candidate Sen. Ann Fox said": the description
                    # before the title opens the sentence, so it is the frame's too
                    fs = u.start + len(text[u.start:fs]) - len(text[u.start:fs].lstrip())
            frame = (fs, u.start + att.frame_end)
        own = att is not None and att.entity is not None  # the unit names its own speaker
        # (the name as known now: a later "John Fox" may rename the entity known as "Fox")
        who = (entity.name, entity.title, entity.kind) if entity is not None else None
        done.append(_Done(u, kind, who, cue, when, when_text, frame, direct, own))
        if entity is not None:
            prev_speaker, prev_para = entity, u.paragraph
    for k, d in enumerate(done):
        nxt = done[k + 1] if k + 1 < len(done) else None
        if d.direct and not d.own and nxt is not None and nxt.own and (
                ((nxt.direct or _bare_frame(text, nxt)) and nxt.unit.paragraph == d.unit.paragraph)
                or (nxt.cue == SIGNATURE_CUE and nxt.unit.paragraph == d.unit.paragraph + 1)):
            # '"We lost." "It hurts," Fox said.': a quote without attribution is said by the
            # speaker of the quote after it in its paragraph, not the previous paragraph's
            d.entity, d.kind = nxt.entity, "direct_quote"
        if d.cue == SIGNATURE_CUE:
            # the signature line itself ("- Sanders.") says nothing
            d.entity, d.kind, d.cue = None, "narration", None
        u, who = d.unit, d.entity
        # one statement per sentence, each with the unit's speaker, kind and date
        for ss, se in u.sentences:
            cs, ce = claim_span(text, ss, se, u.quotes if d.direct else [], d.frame)
            st = ExtractedStatement(
                text=text[ss:se], start=ss, end=se, paragraph=u.paragraph, kind=d.kind,
                speaker=who[0] if who else None,
                speaker_title=who[1] if who else None,
                speaker_kind=who[2] if who else None,
                cue=d.cue, date=d.when, date_text=d.when_text,
                claim_text=text[cs:ce], claim_start=cs, claim_end=ce,
                context_start=u.context[0] if u.context else u.start,
                context_end=u.context[1] if u.context else u.end,
            )
            out.append(st)
            scored.append([text[ss:se]])
    _score(out, scored, model, threshold)
    return out


def _is_turn_label(label: str) -> bool:
    """A transcript's speaker label: a name in capitals ("TAPPER", "KATE BOLDUAN"), not a
    heading word ("UPDATE", "EXCLUSIVE") nor "Q"."""
    label = label.strip()
    return len(label) > 1 and label.isupper() and not any(
        w.lower() in COMMON_WORDS or w.lower() in HEADING_LABELS for w in label.split())


def _bare_frame(text: str, d: "_Done") -> bool:
    """The unit is only its attribution frame ('"Why not?" Fox said.' split after the question
    mark leaves "Fox said."): at most one word outside the frame."""
    if d.frame is None:
        return False
    u = d.unit
    return len(text[u.start:d.frame[0]].split()) + len(text[d.frame[1]:u.end].split()) <= 1


@dataclass
class _Done:
    """A unit with its speaker found, before its statements are made."""

    unit: _Unit
    kind: str
    entity: Optional[tuple[str, Optional[str], str]]  # name, title, kind
    cue: Optional[str]
    when: Any
    when_text: Optional[str]
    frame: Optional[tuple[int, int]]
    direct: bool
    own: bool


def _score(statements: list[ExtractedStatement], sentence_lists: list[list[str]], model: Any,
           threshold: float) -> None:
    model_scores: Optional[list[float]] = None
    if model is not None:
        flat = [s for sents in sentence_lists for s in sents]
        model_scores = list(model.predict(flat)) if flat else []
    k = 0
    for st, sents in zip(statements, sentence_lists):
        attributed = st.speaker is not None
        best: Optional[checkworthy.Score] = None
        best_model = -1.0
        for s in sents:
            sc = checkworthy.score_text(s, attributed=attributed)
            if model_scores is not None:
                m = float(model_scores[k])
                k += 1
                if m > best_model:
                    best_model, best = m, sc
            elif best is None or sc.score > best.score:
                best = sc
        assert best is not None
        if model_scores is not None:
            st.checkworthy = round(min(1.0, max(0.0, best_model)), 4)
            st.reasons = [f"model score {best_model:.2f}"] + best.reasons
        else:
            st.checkworthy = round(best.score, 4)
            st.reasons = best.reasons
        st.is_claim = st.checkworthy >= threshold
