"""Who said it: attribution cues, speaker names with titles, and coreference.

A desk editor's reading, as rules:
- attribution is a cue verb (table CUE_VERBS) with its subject next to it
  ("Kin Phea, director of ..., said", "he added", "said the ministry",
  "according to police"), or the subject of the sentence when the cue comes
  later ("Murphy took to social media to announce that ...", "In Dara ...
  issued a statement claiming that ...");
- the first mention gives the full name and the title, from an appositive
  ("Kin Phea, director of the ... Institute,") or a premodifier ("Ministry of
  National Defence spokesperson Chhum Socheat", "Prime Minister Hun Manet");
- a title may be led by a place or body ("Drevna Fire Chief Paulo Brenn"); a
  description with a name in apposition is that person ("The mayor, Tom Hale,");
  a time adjunct may stand between subject and cue ("Reyk on Friday confirmed");
  a relative clause names its speaker ("... Daniel Oster, who said ...");
- later mentions resolve to that entity: the surname or given name, "he"/"she"
  (the person most recently in focus, also a person who is the subject of a
  narration sentence), "the spokesperson"/"the minister" (the latest person
  with that role), "the ministry" (the latest institution of that kind, also
  organisations only named in passing, e.g. in a title), "the company" (the
  latest name ending like a company's, "Corvel Chemicals"); "a police
  spokesperson" is the police speaking.

`SpeakerTracker` keeps that state across the sentences of one article. The
text it is given has quoted words masked out (see extract.py), so names
inside somebody's quote never become speakers.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Container, Optional

from claims.text.normalize import COMMON_WORDS
from claims.text.speaker_rules import (
    _ACRONYM_PAREN,
    _AGE_NOUN,
    _AGE_NP,
    _ANONYMITY,
    _BODY_MODIFIERS,
    _COMMA_IN_MARKS,
    _DATELINE,
    _EVIDENCE_AFTER,
    _GENERIC_CAPITALS,
    _GROUP_ALT,
    _NP_AS_SAYING,
    _OBJECT_PRONOUN_SAYING,
    _ORG_APPOS,
    _PARTY_LABEL,
    _PARTY_LABEL_COMMAS,
    _PHRASE_PRONOUN,
    _TIME_ADJUNCT,
    _TIME_WORDS,
    AS_SAYING,
    BARE_GROUPS,
    BELIEF_CUES,
    COMPANY_NOUNS,
    COMPANY_WORDS,
    CUE_PHRASES_BEFORE_SPEAKER,
    CUE_VERBS,
    DATELINE_MIXED,
    DESCRIPTION,
    FOCUS_ROLES,
    INSTITUTION_NOUNS,
    MAX_FOCUS_ROLE_WORDS,
    MAX_MENTIONED,
    MAX_RECENT_PERSONS,
    NAME,
    NEVER_CUES,
    NOT_NAMES,
    OFFICE_ROLES,
    ONE_WORD_PLACES,
    OUTLET_WORDS,
    PARTY_MEMBERS,
    PLACE_NAMES,
    PORTFOLIO_WORDS,
    PRONOUNS,
    ROLE_NOUNS,
    ROLE_SYNONYMS,
    SPOKES_NOUNS,
    SUBJECT_STEMS,
    SUBJECT_VERBS,
    TIME_LABEL,
    TITLE_MODIFIERS,
    TITLE_WORDS,
)
from claims.text.vocab import CALENDAR_WORDS, CORE_SPEECH_CUES


def blank_labels(text: str) -> str:
    """The text with party labels and an opening dateline replaced by spaces (same length,
    offsets unchanged)."""
    if " asked not " in text or "anonymity" in text or "anonymous" in text:
        # "A Samsung executive who asked not to be named because ... said": the clause is no cue
        text = _ANONYMITY.sub(lambda m: " " * len(m.group()), text)
    tm = TIME_LABEL.match(text) if text[:1].isdigit() else None
    if tm is not None:
        text = " " * tm.end() + text[tm.end():]  # a live blog's "2.14pm: " opening the post
    dm = _DATELINE.match(text) if text[:2].isupper() or text[:1].isspace() else None
    if dm is None and text[:1].isupper():
        dm = DATELINE_MIXED.match(text)
    if dm is not None and len(dm.group().split()[0]) > 1:
        text = " " * dm.end() + text[dm.end():]
    if ",\"" in text or ",\u201d" in text:
        # a title in quotes ending an appositive ('star of the show "The Tower," said'): its
        # comma is the sentence's, put after the mark (same length, offsets unchanged)
        text = _COMMA_IN_MARKS.sub(lambda m: m.group(1) + ",", text)
    if ", R-" in text or ", D-" in text or ", I-" in text:
        text = _PARTY_LABEL_COMMAS.sub(lambda m: " " * len(m.group()), text)
    if "(" not in text:
        return text
    text = _ACRONYM_PAREN.sub(lambda m: " " * len(m.group()), text)  # "Ethics Commission (EACC) said"
    return _PARTY_LABEL.sub(lambda m: " " * len(m.group()), text)


# Verb forms that end a noun phrase: a clause before the cue, not a source.
COMMON_VERB_FORMS: frozenset[str] = frozenset(
    """said says say told added called made went got took came gave put found thought knew wanted
    rose fell won lost led ran saw showed wrote met held left kept became""".split())
# Capitalised groups that speak as one ("Democrats said"): bodies, not persons.
GROUP_NAMES: frozenset[str] = frozenset(
    """democrats republicans conservatives liberals progressives independents evangelicals americans
    libertarians socialists greens tories""".split())
# Those who speak for a person: "Clinton's campaign", "Mr. Rubio's advisers".
AGENT_NOUNS: frozenset[str] = frozenset(
    """campaign advisers advisors adviser advisor aides aide allies spokesman spokeswoman spokesperson
    team staff lawyer lawyers attorney attorneys office camp surrogates supporters backers
    administration government ministry police army military navy department agency embassy
    commission council court""".split()
)
# (and a person's role: "Bloomberg's pollster, Douglas Schoen, says" names the pollster)
_AGENT_ALT = "|".join(sorted(AGENT_NOUNS | ROLE_NOUNS, key=len, reverse=True))
POSSESSIVE_AGENT = NAME + r"['\u2019]s?\s+(?:[a-z-]+\s+){0,2}?(?:" + _AGENT_ALT + r")\b"
SUBJECT = (r"(?P<subj>\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t)\b|" + DESCRIPTION + "|" + POSSESSIVE_AGENT + "|" + NAME
           + r"|\b(?:[A-Z][\w.-]+\s+(?:[a-z]+\s+)?)?(?:" + _GROUP_ALT + r")\b)")  # "GOP analysts", "Florida election officials"
# An appositive between commas: "Kin Phea, director of ..., said"; an age: "Sok, 45, said".
APPOSITIVE = (r"(?:\s*(?:,|\s[\u2014\u2013])\s*(?P<appos>[^,;\x1f\u2014\u2013]{1,160}?(?:,\s*[^,;\x1f\u2014\u2013]{1,80}?){0,2})"
              r"\s*(?:,|[\u2014\u2013]))?")  # (or between dashes: "Joyce \u2014 who is a lawyer \u2014 told")
# Words between a subject and its cue: auxiliaries, adverbs, and "continued to" / "went on to".
_ADVERBS = (r"(?:(?:also|further|later|then|previously|earlier|once|had|has|have|would|will|had\s+also|"
            r"(?:has|have|had|did|does|do)n['\u2019]t|(?:did|does|do)(?=\s+(?:not|never)\b)|"
            r"has\s+also|repeatedly|separately|again|reportedly|publicly|recently|quickly|is|was|are|were|"
            r"long|still|now|already|never|not|always|often|first|last|"
            r"in\s+the\s+past|for\s+(?:months|years|weeks|days|decades)|at\s+the\s+time|"
            r"in\s+recent\s+(?:days|weeks|months|years)|in\s+an?\s+(?:interview|statement)|"
            r"been|being|(?!only\b)[a-z]{3,}ly|"
            r"(?:continued|continues|went\s+on|goes\s+on|declined|declines|refused|refuses|wanted|tried|began|"
            r"seemed|appeared|used)\s+to)\s+)*")
# Lower-case words (not after a hyphen: "so-called"); a set lookup finds the cues among
# them faster than one alternation of every cue word.
_LOWER_WORD_RE = re.compile(r"(?<![\w-])[a-z]+\b")
_PHRASE_RE = re.compile(r"\b(?P<cue>(?i:" + "|".join(CUE_PHRASES_BEFORE_SPEAKER) + r"))\s+" + SUBJECT
                        + r"(?:,\s*(?P<appos>[^,;.\x1f]{1,160}?)\s*(?:[,.]|$))?")
# Headline cues, capitalised in title case ("Vell Says Bridge Is Safe").
HEADLINE_CUES: tuple[str, ...] = tuple(
    """Says Said Tells Told Warns Warned Slams Blasts Claims Claimed Calls Asks Asked Tweets Writes
    Wants Urges Accuses Vows Admits Denies Defends Praises Rips Attacks Insists Predicts Argues
    Explains Declares Pledges Promises Suggests Thinks Believes Reveals Reveal Announces Endorses
    Endorsed Refuses Debunks Tweeted Blames Hammers Backs Responds Questions Questioned""".split())
_HEADLINE_CUE_RE = re.compile(r"\s(?P<cue>" + "|".join(HEADLINE_CUES) + r")(?=\s|[.!?]?$)")  # "..., Ann Fox Says."
_NAME_AT_END = re.compile(r"(?P<subj>" + NAME + r")\s*$")
# Share of capitalised words from which a line is a title-case headline.
HEADLINE_CAPITALS = 0.7


def _is_headline(text: str) -> bool:
    words = [w for w in text.split() if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[:1].isupper() for w in words) >= HEADLINE_CAPITALS * len(words)


# A passive report with its source after "by": "was first reported by Politico".
_PASSIVE_VERBS = "asked|told|reported|quoted|cited|criticized|criticised|described|urged|endorsed|questioned|accused"
_PHRASE_HINTS = ("ccording", "words of", "stated by", "reported by")
_PHRASE_NP_RE = re.compile(r"\b(?P<cue>(?i:" + "|".join(CUE_PHRASES_BEFORE_SPEAKER) + r"))\s+(?P<np>[^\s,;:.\x1f]+"
                           r"(?:\s+[^\s,;:\x1f]+){0,15}?)\s*(?=[,;:\x1f]|\.(?:\s|$)|$)")
_PASSIVE_RE = re.compile(r"\b(?:(?:was|were|is|are|been|being)\s+(?:[a-z]+ly\s+|first\s+|also\s+)?(?P<cue>"
                         + _PASSIVE_VERBS + r")|(?P<cue2>released|issued|published|posted))\s+by\s+(?:the\s+)?"
                         # a lower-case title before the name: "asked by moderator Gerard Baker"
                         r"(?:(?P<pdesc>(?:[a-z][\w-]*\s+){0,2}?(?:"
                         + "|".join(sorted(map(re.escape, ROLE_NOUNS), key=len, reverse=True)) + r"))\s+(?=[A-Z]))?"
                         + SUBJECT
                         + r"(?:,\s*(?P<appos>[^,;.\x1f]{1,160}?)\s*(?:[,.]|$))?")
# subject right before the cue (searched at the end of the text left of the cue)
_LEFT_RE = re.compile(SUBJECT + APPOSITIVE + _TIME_ADJUNCT + r"\s+" + _ADVERBS + r"$")
# a relative clause: "... chief executive Daniel Oster, who said the company ..."
_WHO_RE = re.compile(r"(?P<subj>" + NAME + r")\s*,\s+who\s+" + _ADVERBS + r"$")
# a named person, then a relative clause opening with its verb: "Ivo Pell, who has long opposed"
_WHO_VERB_RE = re.compile(r"(?P<subj>" + NAME + r")\s*(?:,|\s[\u2014\u2013])\s+who\s+(?P<aux>" + _ADVERBS
                          + r")(?P<verb>[a-z]+)\b")
# an organisation's proper name: "Institute for Maritime Security Studies", "State Labour Inspectorate"
_ORG_RE = re.compile(r"\b(?P<org>[A-Z][\w-]*(?:\s+(?:(?:of|for|and|on)\s+(?:the\s+)?(?!" + _TIME_WORDS + r"\b))?[A-Z][\w-]*)*)")
# subject right after the cue, in inverted order: '..., said Kin Phea, director of ...'
_RIGHT_RE = re.compile(r"\s+(?:[A-Z][\w.-]*['\u2019]s\s+(?=[A-Z]))?" + SUBJECT + r"(?:,\s*(?P<appos>[^,;.\x1f]{1,160}?)\s*(?:[,.]|$))?")
# A preposition (with coordinated names) right before a subject: the name is inside a
# longer subject ("voters in Alabama, Georgia and Virginia said").
_CAP_RUN = r"[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*)*"
_PP_BEFORE = re.compile(r"\b(?:in|of|from|at|across|throughout)\s+(?:(?:" + _CAP_RUN + r",\s+)*" + _CAP_RUN
                        + r"\s+(?:and|or)\s+)?$")  # "at the hospital, the ministry said" is a new clause
_CITY_BEFORE = re.compile(r"\b(?:in|of|from)\s+" + _CAP_RUN + r",\s+$")


# US state abbreviations after a town ("Chappaqua, N.Y.", "Tampa, Fla."): places, never sources.
_STATE_ABBREVIATIONS = frozenset("""ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn
    miss mo mont neb nev n.h n.j n.m n.y n.c n.d okla ore pa r.i s.c s.d tenn tex vt va wash w.va wis wyo
    d.c""".split())


def _is_place(name: str) -> bool:
    low = name.lower().rstrip(".,")
    return low in PLACE_NAMES or low in ONE_WORD_PLACES or low in _STATE_ABBREVIATIONS


class _BothSets:
    """Words in either of two sets (a union not built per article: the table is large)."""

    def __init__(self, a: frozenset[str], b: frozenset[str]) -> None:
        self.a, self.b = a, b

    def __contains__(self, w: object) -> bool:
        return w in self.a or w in self.b


# A capitalised word inside a sentence (after a word or a comma, not after a full stop).
_CAP_INSIDE_RE = re.compile(r"(?<=[A-Za-z,;'\u2019] )([A-Z][a-z]+)\b")
_CLAUSE_WORD = re.compile(r"\b(?:who|whom|which|where|while|as|when|because|after|before)\b")
# "the mayor of São Paulo", "president of Dara Mining": the place or body a role is of.
_ROLE_OF_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(ROLE_NOUNS, key=len, reverse=True)) + r")\s+of\s+(?:the\s+)?$", re.I)
_THE_BEFORE = re.compile(r"\b(?:[Tt]he|[Ii]n|at|from|near|outside|downtown|across)\s+$")
_ONLY_ADVERBS = re.compile(r"\s*" + _ADVERBS)
# A plain noun phrase opening the clause right before a verb of saying: "58 percent of the
# voters said", "Some Clinton allies said" (at most MAX_SOURCE_WORDS words).
_NP_LEFT = re.compile(r"(?:^\W*|\b(?:[Bb]ut|[Aa]nd|[Yy]et)\s+|(?<!\d)[,;:\u2014]\s*(?=(?:[Ss]ome|[Mm]any|[Mm]ost|[Aa]ll|[Oo]ne|"
                      r"[Tt]wo|[Tt]hree|[Ff]ew|[Ss]everal|[Oo]ther)\b|\d))(?P<np>(?:[\w$%.,'\u2019-]+\s+){1,10}?)"
                      + _ADVERBS + r"$")
# Stands for quoted words in the masked text (claims/text/extract.py MASK).
MASK = "\x1f"
# First words of an opening adjunct before a source phrase ("In Virginia, 85% of Democrats said").
# First words of a source that counts its members ("36 percent of Democrats", "Most voters").
_QUANTITY_OPENERS = frozenset("some many most all few several half a majority".split())
_NP_OPENERS = frozenset("in on at by like among with after before during since for from".split())
_NOT_SOURCE_WORDS = frozenset(
    """he she it they we i you who which that this there what when if as because while although
    is was are were be been has have had will would could should may might can do does did not cannot
    can't won't don't doesn't didn't isn't wasn't""".split() + ["can\u2019t", "won\u2019t", "don\u2019t", "doesn\u2019t", "didn\u2019t"])


def _is_source_phrase(np: str) -> bool:
    """A noun phrase that can be a source: no pronoun, verb or clause word in it, and not the
    end of a predicate joined to the cue ("Fox then discussed the wall and explained")."""
    words = [w.lower().strip(".,") for w in np.split()]
    if not words or words[0] in _ADJUNCT_OPENERS or any(w in CALENDAR_WORDS for w in words):
        return False  # "but on Tuesday wrote", "Also Monday said": a time, not a source
    return any(ch.isalpha() for ch in np) and words[-1] not in ("and", "or", "but") and not any(
        w in _NOT_SOURCE_WORDS or w in COMMON_VERB_FORMS or (w.endswith("ed") and w in CUE_VERBS) for w in words)


# inverted order with a lower-case description first: '..., said longtime adviser Cal Ortiz'
_RIGHT_GROUP_RE = re.compile(r"\s+(?P<np>(?:[Ss]ome|[Mm]any|[Mm]ost|[Ss]everal|[Oo]ther|[Tt]wo|[Tt]hree|\d+)\s+"
                             r"(?:[\w\u2019'-]+\s+){0,2}?(?:[a-z]+s|Democrats|Republicans))\b(?=\s*[,.;]|\s+(?:who|in|at|of|on)\b)")
# A description, then a name between commas, then the cue: "The head of the local rescue office,
# Lt. Col. Ade Permana, said"; "Reacting to it, Congress MLA from Jangaon, Dr. Palla Reddy, said"
# (an opening adjunct first, an appositive or a relative clause after the name).
_DESCRIBED_FRAME = re.compile(
    r"[\s\x1f\"\u201c]*(?:(?P<lead>[A-Z][^,\x1f]{0,60}),\s+(?:(?:in|at|on|from)\s[^,\x1f]{1,40},\s+)?)?(?P<desc>(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[A-Z][\w.-]*(?:['\u2019]s)?)\s[^,\x1f]{2,120}?),\s+"
    r"(?P<name>[A-Z][^,\x1f()]{2,60}?)(?:\s*\([^()\x1f]{1,20}\))?,\s+"
    r"(?:(?:an?|the|who|which)\s[^,\x1f]{1,100},\s+)?" + _ADVERBS + r"$")
# Any noun phrase with a determiner after an inverted cue, up to a clause mark or "who".
# a lower-case word: the sentence goes on past a source after the cue
# Cues that may come before their source at a sentence's end ("..., said Ann Lee."); not
# "told" or "asked", whose object is the one told (", told The Post.").
_INVERTED_CUES = (CORE_SPEECH_CUES - {"told", "tells", "asked"}) | frozenset(
    "argued insisted continued acknowledged conceded countered predicted cautioned warned".split())
_RIGHT_DESC_NAME = re.compile(r"\s+(?P<desc>(?:[Tt]he|[Aa]n?|[A-Z][\w.-]*['\u2019]s)\s[^,\x1f]{2,80}?),\s+(?P<name>"
                              + NAME + r")[\s.\"'\u201d)]*$")
_LOWER_WORD_AFTER = re.compile(r"(?<![\w.'\u2019-])[a-z]")
_RIGHT_NP_RE = re.compile(r"\s+(?P<np>(?:[Aa]n?|[Tt]he|[Oo]ne|[Aa]nother|[Tt]his)\s+"
                          r"(?:[^,.;:\x1f()\u2014]|(?<=Mr)\.|(?<=Ms)\.|(?<=Mrs)\.|(?<=Dr)\.|(?<=\b[A-Z])\.){2,80}?)"
                          r"(?=\s*(?:[,;:\u2014]|\.(?!\s+[A-Z])|$)|\s+(?:who|whose|which|going)\b)")
_POSTING_CUES = frozenset("tweeted posted".split())
# Verbs after which a plain noun phrase is a source as written ("Some Clinton allies suggested").
_GROUP_CUES = frozenset("""suggested argued argue argues warned warn believe believed predicted insisted insist claimed
    claim noted think expect worry""".split())
_LOWER_ROLE_ALT = "|".join(sorted(map(re.escape, ROLE_NOUNS), key=len, reverse=True))
# A role in lower case, then the name: "Political analyst Ann Vell of Dara University".
_FOR_SOURCE = re.compile(r"\s*(?P<cue>For)\s+(?:the\s+)?(?P<role>(?:[a-z][\w-]*\s+){0,3}?(?:" + _LOWER_ROLE_ALT + r"))\s+"
                         r"(?P<name>[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){1,3})(?:,[^,\x1f]{1,100})?,")
_ROLE_THEN_NAME = re.compile(r"(?P<desc>(?:[A-Z][\w-]*\s+)?(?:[a-z][\w-]*\s+){0,3}?(?:" + _LOWER_ROLE_ALT + r")\s+)"
                             r"(?P<name>[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){1,3})(?P<tail>\s+(?:of|at|from)\s+.+)?$")
_RIGHT_DESC_RE = re.compile(r"\s+(?P<desc>(?:[\w.\u2019'-]+\s+){0,4}?(?:" + _LOWER_ROLE_ALT
                            + r"|ally|Democrat|Republican)\s+)(?P<subj>" + NAME + r")")  # "said Clinton ally James Carville"
_STATE_ALT = "|".join(sorted((p.title() for p in ONE_WORD_PLACES | PLACE_NAMES), key=len, reverse=True))
# an introductory phrase before the subject: "However,", "On May 7,", "In a statement,"
_INTRO_RE = re.compile(
    r"(?:[A-Z][A-Z.'\u2019-]+(?:[ ,]+[A-Z][A-Za-z.'\u2019-]+){0,3}(?:\s*\([^()]{1,20}\))?\s*[\u2014\u2013-]+\s*)?"  # dateline
    r"(?:(?:However|Meanwhile|Moreover|Separately|Still|Yet|But|And|Also|Earlier|Later|Last\s+\w+|"
    # (a possessive inside: "At Sunday night's debate,")
    r"On\s+[\w'\u2019 ]{1,20}|In\s+(?:a|an|the|his|her|its|their)\s[\w'\u2019 ]{1,40}|During\s[\w'\u2019 ]{1,40}|"
    r"At\s[\w'\u2019 ]{1,40}|After\s[\w'\u2019 ]{1,40}|Speaking\s[\w ]{1,60}|Asked\s[\w ]{1,60}|"
    r"Separately|Similarly|Likewise|Nevertheless|Nonetheless|Instead|Indeed|Today|Yesterday|"
    # a state after a place: "At a rally in Portsmouth, N.H., on Tuesday,", "in Portland, Maine,"
    r"(?:(?:[A-Z][a-z]{0,4}\.\s?){1,2}|" + _STATE_ALT + r")"
    r"(?:,\s+on\s+[A-Z]\w+(?:\s+(?:morning|afternoon|evening|night))?)?(?=,)|"
    # a place before a subject: "In Washington, President Obama", "At Fort Bragg, N.C., he"
    # ("In Dara, ambassador to ..., said" is a name with its title)
    r"(?:In|At|From|Outside|Inside)\s[A-Z][\w.'\u2019-]*(?:\s[A-Z][\w.'\u2019-]*){0,2}"
    r"(?:,\s[A-Z][a-z]*\.?(?:\s?[A-Z][a-z]*\.?)?(?=,))?(?=,\s*(?:[A-Z]|(?:the|a|an|he|she|they)\s))|"
    # any other opening adjunct up to its comma: "On the eve of the talks,", "At a rally in Tyre,"
    r"(?:On|In|At|After|During|Before|Since|Following|Amid|Despite|With|Without|Throughout|Asked|By|"
    r"Speaking|Responding|Earlier|Later|Last|This|Like|Unlike|Under|Over|For|From|When|While|As|Every|Each|Here|"
    # a time before the subject: "Hours later,", "Shortly after the vote,", "Two days ago,"
    r"Hours|Minutes|Moments|Seconds|Days|Weeks|Months|Years|Shortly|Soon|Not|Just|Two|Three|Several|"
    r"[A-Z][a-z]{2,}ing|[A-Z][a-z]{2,}ed)"  # a participle clause: "Walking to the car,", "Alarmed by the unrest,"
    r"\s(?=[a-z0-9])[^,;:\x1f]{1,80}?),\s*)+"  # "In Dara, ambassador ...," is a name, not an adjunct
)
# A conjunction or adverb opening a sentence before its subject, without a comma: "And then
# Trump went on the attack, saying ...", "But Lee said ..." (the subject is capitalised or a pronoun).
_CONJUNCTION_START = re.compile(r"(?:And|But|So|Yet|Then|Now|Also|Still)\s+(?:(?:then|now|also|so|yet|still)\s+)?"
                                r"(?=[A-Z]|(?:he|she|they|it)\b)")
_CAP_WORDS_AFTER = re.compile(r"(?:\s[A-Z][\w&.-]*)+")
_ING_PIECE = re.compile(r"(?:^|,)[\s\x1f\u201c\"(]*([A-Z][a-z]{2,}(?:ing|ed))\s+([a-z]+)")
# Words after a participle opening a sentence ("Walking to the car,", "Speaking at a rally,").
_PARTICIPLE_FOLLOWERS = frozenset(
    """to at in on for with from about the a an his her their its into out up down back home through
    across after before over under around along past toward towards by as during outside inside""".split())
_SUBJECT_AT_START = re.compile(SUBJECT + APPOSITIVE + r"\s")
_NAME_RE = re.compile(NAME)
# a finite verb right after a subject: the subject is a name that acts
_VERB_AFTER = re.compile(r"(?:,[^,]{1,120},)?\s+(?:also\s+)?(?:is|was|were|has|had|\w{3,}ed)\b")
_WORDS = re.compile(r"[\w\u00c0-\u024f.'\u2019-]+")


@dataclass(eq=False)  # one entity is one object: compared (and found in lists) by identity
class Entity:
    """A person or institution of one article."""

    name: str
    title: Optional[str] = None
    kind: str = "person"  # person | institution
    spoke: bool = False
    tokens: frozenset[str] = field(default_factory=frozenset)
    gender: Optional[str] = None  # "m" | "f" when a title told us ("Ms.", "spokeswoman"); for he/she
    refers: Optional["Entity"] = None  # the person a description stands for ("the Ohio governor")

    def __post_init__(self) -> None:
        self.tokens = frozenset(t.lower().rstrip(".") for t in self.name.split())
        if self.gender is None:
            self.gender = gender_of(self.title) or (name_gender(self.name) if self.kind == "person" else None)


# Title words that tell a person's gender, for "he" / "she".
GENDER_WORDS: dict[str, str] = {
    **{w: "m" for w in """mr mr. sir lord king prince father brother spokesman congressman chairman
       businessman councilman assemblyman husband son uncle""".split()},
    **{w: "f" for w in """mrs mrs. ms ms. miss dame lady queen princess mother sister spokeswoman
       congresswoman chairwoman businesswoman councilwoman assemblywoman wife daughter aunt""".split()},
}
PRONOUN_GENDER: dict[str, str] = {"he": "m", "she": "f"}
# Given names that tell a person's gender: common ones written here, and those PolNeAR
# train gives one gender (bench/build_cue_lexicon.py: "she" resolved to "Hillary Clinton").
_NAMES = json.loads((Path(__file__).parent / "data" / "first_names.json").read_text(encoding="utf-8"))
FIRST_NAME_GENDER: dict[str, str] = {
    **{w: "m" for w in """james john robert michael william david richard joseph thomas charles christopher
       daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george edward
       ronald timothy jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott
       brandon benjamin samuel frank gregory raymond alexander patrick jack dennis jerry tyler aaron
       henry peter adam nathan douglas zachary walter kyle harold carl arthur gerald roger keith jeremy
       lawrence sean christian albert joe ethan austin willie jesse bryan bruce ralph roy eugene louis
       wayne russell philip bobby johnny bradley bill barack bernie ted marco jeb mitt mike tom jim
       bob dick chuck hank ahmed mohammed muhammad ali omar hassan ivan vladimir sergei pierre jean
       francois hans klaus carlos jose juan luis miguel pedro""".split()},
    **{w: "f" for w in """mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy
       lisa betty margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa
       deborah stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna brenda
       pamela nicole emma samantha katherine christine debra rachel catherine carolyn janet ruth maria
       heather diane virginia julie joyce victoria olivia kelly christina lauren joan evelyn judith
       megan cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice jean
       alice madison doris abigail julia judy grace denise amber marilyn beverly danielle theresa sophia
       marie diana brittany natalie isabella charlotte rose alexis kayla hillary carly nikki sheryl
       melania ivanka chelsea michele condoleezza nancy elise kellyanne huma hope fatima aisha
       angela marine theresa""".split()},
}
FIRST_NAME_GENDER.update({w: "m" for w in _NAMES["m"]})
FIRST_NAME_GENDER.update({w: "f" for w in _NAMES["f"]})


def name_gender(name: str) -> Optional[str]:
    """'Hillary Clinton' -> 'f': the gender of a full name's given name, when it tells one."""
    words = name.split()
    return FIRST_NAME_GENDER.get(words[0].lower()) if len(words) >= 2 else None


def gender_of(title: Optional[str]) -> Optional[str]:
    if not title:
        return None
    for w in title.lower().split():
        if w in _COMPLEMENT_WORDS:
            break  # "owner of the Miss Universe pageant": the words after "of" describe something else
        g = GENDER_WORDS.get(w)
        if g:
            return g
    return None


_COMPLEMENT_WORDS = frozenset("of for at in to from with on".split())


@dataclass(frozen=True, slots=True)
class Attribution:
    entity: Optional[Entity]
    cue: str
    cue_start: int  # offset of the cue in the text given
    strong: bool    # a speech verb or phrase, not a belief verb
    # The attribution frame (subject, appositive and cue) in the text given: the words
    # around it are the claim. -1 when the subject is not next to the cue.
    frame_start: int = -1
    frame_end: int = -1


# Honorifics of two words whose first is also a name ("Tan Sri Musa Kassim"; "Tan" alone is a surname).
_PAIRED_HONORIFICS = frozenset(["tan sri", "puan sri", "dato' sri", "datuk sri", "dato sri"])


def _split_title(run: str) -> tuple[str, str]:
    """'Prime Minister Hun Manet' -> ('Prime Minister', 'Hun Manet')."""
    words = run.split()
    i = 0
    while i < len(words) - 1 and (words[i].lower() in TITLE_WORDS or words[i].lower() in ROLE_NOUNS
                                  or " ".join(words[i:i + 2]).lower() in _PAIRED_HONORIFICS):
        i += 2 if " ".join(words[i:i + 2]).lower() in _PAIRED_HONORIFICS else 1
    # a title led by a place or body: 'Drevna Fire Chief Paulo Brenn', 'Harbour Master Jonas Pell'
    # (the title ends at its last title word, with at least two name words after it)
    for k in range(len(words) - 3, i - 1, -1):
        if words[k].lower() in TITLE_WORDS or words[k].lower() in ROLE_NOUNS:
            i = k + 1
            break
    if 0 < i < len(words) - 2 and words[i] == "of":
        # "Chief of Staff Katie Walsh", "Minister of Foreign Affairs Ann Lee": the title goes on
        i += 1
        while i < len(words) - 2 and words[i][:1].isupper():
            i += 1
    return " ".join(words[:i]), " ".join(words[i:])


_PREPOSITIONS = ("to", "of", "for", "at", "in")


def _premodifier(text: str, name_start: int) -> Optional[str]:
    """A title just before a name: 'Ministry of National Defence spokesperson' Chhum Socheat.

    A title ending in a preposition ('ambassador to') takes its complement from
    the capitalised run that follows (see _name_from_run).
    """
    words = text[max(0, name_start - 120):name_start].split()
    if not words:
        return None
    j = len(words) - 1
    if words[j].lower() == "the" and j >= 2 and words[j - 1].lower() in _PREPOSITIONS:
        j -= 1  # "Ambassador to the" Philippines ...: as "ambassador to"
    if words[j].lower() in _PREPOSITIONS and j >= 1 and words[j - 1].lower() not in ROLE_NOUNS:
        # "Union Minister of State for" Home Affairs ...: back over the title's own complement
        k = j - 1
        while k > 0 and j - k < 6 and (words[k].lower() in _PREPOSITIONS or words[k][:1].isupper()) \
                and words[k].lower() not in ROLE_NOUNS:
            k -= 1
        if words[k].lower() in ROLE_NOUNS and words[k][:1].isupper():
            j = k
    elif words[j].lower() in _PREPOSITIONS and j >= 1 and words[j - 1].lower() in ROLE_NOUNS:
        j -= 1
    elif (j >= 2 and words[j - 1].lower() in _PREPOSITIONS and words[j][:1].isupper()
          and words[j - 2].lower() in ROLE_NOUNS):
        j -= 2
    if words[j].lower() not in ROLE_NOUNS:
        return None
    i = j
    while i > 0:
        w = words[i - 1]
        if w.endswith((",", ".", ";", ":", "\u201d", '"', ")")):
            break
        lw = w.lower()
        if lw == "and" and i + 0 < len(words) and not words[i][:1].isupper():
            break  # "Hun Manet and outgoing ambassador": "and" joins two people
        if w[:1].isupper() and lw in _OPENER_WORDS and lw not in TITLE_MODIFIERS:
            break  # "But opposition leader Dana Krill": the conjunction opens the sentence
        if w[:1].isupper() or lw in TITLE_MODIFIERS or lw.endswith(("\u2019s", "'s")) or lw in ROLE_NOUNS:
            i -= 1
            continue
        break
    while i < j and words[i].lower() in ("and", "of", "the", "to", "for", "at", "in", "on", "a", "an"):
        i += 1
    return " ".join(words[i:]) or None


def _with_premodifier(text: str, name: str, name_start: int) -> tuple[str, Optional[str]]:
    """(name, premodifier title) for a name run starting at name_start."""
    premod = _premodifier(text, name_start)
    if premod is None:
        return name, None
    tail = premod.lower().split()
    if tail[-1] in _PREPOSITIONS or (len(tail) > 1 and tail[-1] == "the" and tail[-2] in _PREPOSITIONS):
        # ("Ambassador to the" Philippines MaryKay Carlson: the complement opens the run)
        real = _name_from_run(name, True)
        if real == name:
            return name, None
        return real, f"{premod} {name[:len(name) - len(real)].strip()}"
    return name, premod


def _name_from_run(run: str, after_complement: bool) -> str:
    """The name inside a capitalised run ('Cambodia W. Patrick Murphy' -> 'W. Patrick Murphy')."""
    words = run.split()
    for k, w in enumerate(words):
        if len(w) == 2 and w[1] == "." and w[0].isupper():
            return " ".join(words[k:])  # the name starts at its first initial
    if after_complement and len(words) >= 3:
        # "Iraq Anil Bora Inan": the complement is a place or a body, the rest the name
        for k in range(1, len(words) - 1):
            head = " ".join(words[:k]).lower()
            if head in ONE_WORD_PLACES or head in PLACE_NAMES or words[k - 1].lower() in INSTITUTION_NOUNS \
                    or words[k - 1].lower() in PORTFOLIO_WORDS:
                return " ".join(words[k:])
        return " ".join(words[-2:])
    return run


class SpeakerTracker:
    """Entities of one article and the person in focus, updated sentence by sentence."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self.focus_person: Optional[Entity] = None
        self.recent_persons: list[Entity] = []  # persons in focus, the latest last
        self.focus_institution: Optional[Entity] = None
        self.last_speaker: Optional[Entity] = None
        self.common_words: Container[str] = COMMON_WORDS
        self.mentioned: list[Entity] = []  # persons named in passing, not (yet) speakers
        self.colon_datelines: frozenset[str] = frozenset()  # "KORU:" opening the story
        self.unnamed: list[Entity] = []  # unnamed sources as written ("An official ..."), the latest last

    def learn_article(self, text: str) -> None:
        """Words of this article that are common words here: written lower case in it and
        never capitalised inside a sentence ("Moments later, Rubio ..." in a text that also
        says "moments"), so that, capitalised at a sentence start, they are not names."""
        labels = list(_PARA_LABEL.finditer(text))
        # "KORU: The minister has ...": a place in capitals before a colon opening the body, the
        # only such label of the story, is a dateline (a transcript has several speakers' labels;
        # one opening the text is its headline's "POLL: ...")
        if len(labels) == 1 and labels[0].start(1) < DATELINE_REACH and (
                labels[0].start(1) > 0 or _is_body_line(text, labels[0].end())):
            self.colon_datelines = frozenset([labels[0].group(1)])
        lower = set(_LOWER_WORD_RE.findall(text))
        inside = {m.group(1).lower() for m in _CAP_INSIDE_RE.finditer(text)}
        local = {w for w in lower - inside if len(w) > 2}
        if local:
            self.common_words = _BothSets(COMMON_WORDS, frozenset(local))

    # -- entity registry ------------------------------------------------------
    def _lookup(self, name: str, *, grow: bool = True, gender: Optional[str] = None) -> Optional[Entity]:
        """The entity known by name; grow: a full name found for one known by its surname
        renames it ("Phea" then "Kin Phea")."""
        toks = frozenset(t.lower().rstrip(".") for t in name.split())
        if not toks:
            return None
        if _ACRONYM_RE.fullmatch(name):
            # "the CFC" after "the Coastal Fisheries Council (CFC)": the full name is kept
            for e in reversed(self.entities):
                if e.kind == "institution" and len(e.name.split()) > 1 and acronym(e.name) == name.replace(".", ""):
                    return e
        for e in reversed(self.entities):
            if gender is not None and e.gender not in (None, gender):
                continue  # "Mr. Khan" is not Ghazala Khan
            # "Trump" is not "Trump University": one word finds a person, not a body
            if toks <= e.tokens and (e.kind == "person" or toks == e.tokens
                                     or (len(toks) > 1 and self._kind_of(name) != "person")):
                return e
        # a full name seen first by surname only ("Phea" then "Kin Phea"; not "Sanders" then "Sanders Sroka")
        if not grow:
            return None
        last = name.split()[-1].lower().rstrip(".")
        for e in reversed(self.entities):
            if e.kind == "person" and e.tokens and e.tokens <= toks and last in e.tokens \
                    and (gender is None or e.gender in (None, gender)):
                e.name = name
                e.tokens = toks
                e.gender = e.gender or name_gender(name)
                return e
        return None

    def _register(self, name: str, title: Optional[str], kind: str) -> Entity:
        title = title.strip(" ,;:") or None if title else title  # ("Secretary for Agriculture,")
        words = name.split()
        if len(words) >= 3 and words[-1] in POST_NOMINALS:
            # "Simon Kealey KC": the letters after a name are a title, "Mr Kealey" the same man
            name, title = " ".join(words[:-1]), f"{title}, {words[-1]}" if title else words[-1]
        e = self._lookup(name, gender=gender_of(title))
        if e is None:
            e = Entity(name=name, title=title, kind=kind)
            self.entities.append(e)
        elif title and len(title) > len(e.title or ""):
            e.title = title  # an appositive usually says more than a one-word premodifier
        if e.gender is None and title:
            e.gender = gender_of(title)
        return e

    def _by_role(self, noun: str) -> Optional[Entity]:
        """The latest person with the role, one who has spoken first ("the Minister said" is
        the minister quoted before, not a chief minister named in passing since)."""
        nouns = ROLE_SYNONYMS.get(noun, (noun,))
        found = [e for e in reversed(self.entities)
                 if e.kind == "person" and e.title and any(n in e.title.lower() for n in nouns)]
        return next((e for e in found if e.spoke), found[0] if found else None)

    def _unnamed_source(self, noun: str) -> Optional[Entity]:
        """'the official' after 'An Egyptian official familiar with the talks said': the unnamed
        source quoted before, described with that noun."""
        for e in reversed(self.unnamed):
            if noun in e.name.lower().split():
                return e
        return None

    def _by_institution(self, noun: str) -> Optional[Entity]:
        for e in reversed(self.entities):
            if e.kind == "institution" and noun in e.name.lower().split():  # a word, not "office's"
                return e
        if noun in COMPANY_NOUNS:
            for e in reversed(self.entities):
                if e.kind == "institution" and e.name.split()[-1].lower() in COMPANY_WORDS:
                    return e
        if noun == "party":
            for e in reversed(self.entities):
                if e.kind == "institution" and len(e.name.split()) > 1 and e.name.split()[-1].lower() in _PARTY_HEADS:
                    return e  # "the party" after "the opposition Peoples Progressive Alliance"
        return None

    def _kind_of(self, name: str) -> str:
        last = name.split()[-1].lower() if name.split() else ""
        words = {w.lower() for w in name.split()}
        if last in INSTITUTION_NOUNS or (last in COMPANY_WORDS and len(words) > 1) or words & {"ministry", "police", "embassy", "government",
                                                 "court", "council", "agency", "department",
                                                 "committee", "commission", "party", "union",
                                                 "bank", "institute", "university", "office",
                                                 "association", "organisation", "organization"} \
                or (len(words) == 1 and last in GROUP_NAMES) or last == "state":
            return "institution"  # "Democrats", "Islamic State": never "he" or "she"
        if name.lower().rstrip(".,") in PLACE_NAMES or (len(words) == 1 and last.rstrip(".,") in ONE_WORD_PLACES) \
                or (len(words) > 1 and last in OUTLET_WORDS):
            return "institution"  # "South Carolina": a place is never "he" or "she"
        if len(words) == 1 and len(name) > 1 and name.isupper() and name.isalpha():
            return "institution"  # "CNN", "POLITICO" reported: an outlet or a body, never "he"
        if len(words) > 1 and all(w.isupper() for w in name.split()):
            return "institution"  # "SÃO PAULO" of a dateline, "PREMIUM TIMES": never "he" or "she"
        if last in PLACE_WORDS or name.split()[0] in ("The", "the") \
                or (len(words) == 1 and _is_demonym(last)):
            return "institution"  # "Atlantic City", "The AP", "Turkish": never "he" or "she"
        return "person"

    # -- resolution -----------------------------------------------------------
    def resolve(self, subj: str, text: str, subj_start: int, appos: Optional[str],
                side: str = "start") -> Optional[Entity]:
        """The entity a subject phrase refers to, registering new names. side "left": the
        phrase ends right before the cue, so of a run cut by common words the last part counts."""
        low = subj.lower()
        if low in PRONOUNS:
            want = PRONOUNS[low]
            if want == "person":
                return self._person_for(PRONOUN_GENDER[low])
            if want == "institution":
                ls = self.last_speaker
                if ls is not None and ls is not self.focus_institution and _may_be_body(ls):
                    # "Samsung denied ... It said": the speaker just quoted, a one-word name with
                    # no given name, title or gender, is the body "it" means
                    return ls
                return self.focus_institution
            return self.last_speaker
        words = subj.split()
        first = words[0].lower()
        if first in ("the", "a", "an", "this", "that") and len(words) == 2 and _ACRONYM_RE.fullmatch(words[1]):
            # "the CFC": the body named in full earlier, else the acronym itself
            return self._lookup(words[1]) or self._register(words[1], None, "institution")
        if first in ("his", "her", "their", "its"):
            # "His campaign manager, Jeff Weaver, says": the name in apposition; without one,
            # whose the role is stays unknown
            if appos and _is_person_name(appos.strip()) and any(
                    w.lower() in ROLE_NOUNS or w.lower()[:-1] in ROLE_NOUNS for w in words[1:]):
                return self._register(appos.strip(), " ".join(words[1:]), "person")
            return None
        if first in ("the", "a", "an", "this", "that", "another", "one"):
            if len(words) < 2:
                return None  # a bare article taken for a name ("The snarky headline reads"): nobody
            nouns = [k for k, w in enumerate(words) if w.lower() in ROLE_NOUNS or w.lower() in INSTITUTION_NOUNS]
            plural = [k for k, w in enumerate(words) if w.lower().endswith("s") and w.lower()[:-1] in ROLE_NOUNS]
            if not nouns and words[-1].lower() in PARTY_MEMBERS:
                # "a New Hampshire Republican": one party member as written; "the Democrats" a group
                return self._register_desc(" ".join(words[1:]), "person" if words[-1][-1] != "s" else "institution")
            if not nouns and plural:
                # "One of his advisers, Tad Devine,": the name in apposition; "the Centerview
                # founders": a group as written, never "he" or "she"
                if appos and _is_person_name(appos.strip()):
                    return self._register(appos.strip(), " ".join(words[1:]), "person")
                if first == "one" and words[1].lower() == "of":
                    return self._register_desc(subj, "person")  # "one of Carson's advisers" as written
                return self._register_desc(" ".join(words[1:]), "institution")
            k = nouns[-1] if nouns else len(words) - 1
            if nouns and words[nouns[0]].lower() in ROLE_NOUNS and words[nouns[0]].lower() not in INSTITUTION_NOUNS:
                k = nouns[0]  # "a senior doctor at Drevna General Hospital" is a doctor
            head = words[k].lower()
            desc = " ".join(words[1:])
            person = appos.split(" of ")[0].strip() if appos else ""  # "David Woodard of Clemson University"
            if appos and head in ROLE_NOUNS and head not in INSTITUTION_NOUNS and _is_person_name(person):
                # "The ministry's spokesperson, Ann Lee, said": the name in apposition speaks
                _, bare = _split_title(person)  # "Gen. Ann Vell": the name without the rank
                return self._register(bare or person, desc, "person")
            if head in SPOKES_NOUNS:
                # "a police spokesperson", "a ministry official": the body speaks
                body = next((w.lower() for j, w in enumerate(words[1:], 1)
                             if j != k and w.lower() in INSTITUTION_NOUNS and w.lower() not in SPOKES_NOUNS), None)
                if body is not None:
                    j = next(j for j, w in enumerate(words) if w.lower() == body)
                    if j > k:
                        # "an official of the irrigation department": the body after the role,
                        # with its own words
                        start = j
                        while start - 1 > k and words[start - 1].lower() not in ("of", "the", "at", "from", "for", "in"):
                            start -= 1
                        if start < j:
                            return self._register_desc(" ".join(words[start:j + 1]), "institution")
                    mods = j
                    while mods > 1 and (words[mods - 1][:1].isupper() or words[mods - 1].lower() in _BODY_MODIFIERS):
                        mods -= 1  # "a senior Obama administration official": the Obama administration
                    if mods < j:
                        return self._register_desc(" ".join(words[mods:j + 1]), "institution")
                    return self._by_institution(body) or self._register_desc(body, "institution")
            # "the Askaran embassy in Seravel" is the Askaran embassy ("a report in the Des Moines
            # Register" is the Register's)
            if head not in EVIDENCE_NOUNS:
                desc = re.sub(r"\s+in\s+(?:the\s+)?[A-Z][\w\s-]*$", "", desc) or desc
            if words[k][:1].isupper() and head in INSTITUTION_NOUNS:
                # a proper name: "the Ministry of Health"; "a statement from the Ministry of
                # Health" is the ministry too (the name is the capitalised run around the head)
                start = k
                while start > 1 and words[start - 1][:1].isupper():
                    start -= 1
                # "a Military Times survey": the run goes on after the head
                more = _CAP_WORDS_AFTER.match(text, subj_start + len(subj)) if k == len(words) - 1 else None
                name = " ".join(words[start:]) + (more.group() if more is not None else "")
                return self._register(name, None, "institution")
            if (head in INSTITUTION_NOUNS or head in COMPANY_NOUNS) and head not in ROLE_NOUNS and appos \
                    and _ORG_APPOS.fullmatch(appos.strip()):
                # "The company, Makhura Civils (Pty) Ltd, denied": the body named in apposition
                return self._register(appos.strip(), None, "institution")
            if head in INSTITUTION_NOUNS and head not in ROLE_NOUNS:
                # "a CBS poll" is a new poll, "the poll" the latest one
                found = self._by_institution(head) if first not in ("a", "an") else None
                mods = {w.lower() for w in words[1:k] if w[:1].isupper()}
                if found is not None and not mods <= found.tokens:
                    found = None  # "the Cruz campaign" is not the campaign named before
                if found is None:
                    found = self._register_desc(desc, "institution")
                return found
            # "the spokesperson" -> the latest person with that role; "a Cambodian official" is new
            if first == "the" and _AGE_NOUN.fullmatch(head) and self.recent_persons:
                return self.recent_persons[-1]  # "The 57-year-old said": the person in focus
            if first == "the":
                found = self._by_role(head) or self._unnamed_source(head)
                if found is not None:
                    return found
                if head in FOCUS_ROLES and len(words) <= MAX_FOCUS_ROLE_WORDS:
                    # "the Republican presidential candidate said", "the actor discussed": news
                    # calls the person it is about by a role; the person in focus, unless the
                    # role's gender rules it out
                    g = GENDER_WORDS.get(head)
                    found = self._person_for(g) if g else (self.recent_persons[-1] if self.recent_persons else None)
                    if found is not None and head in OFFICE_ROLES and found.title and head not in found.title.lower():
                        roles = {w.strip(".,").lower() for w in found.title.split()} & ROLE_NOUNS
                        if roles:
                            found = None  # "the minister said" is no one titled "Virginia delegate"
                    if found is not None and any(w[:1].isupper() and w.lower() not in _GENERIC_CAPITALS
                                                 for w in words[1:]):
                        # "the Florida senator" is written as a name of its own: kept as the
                        # speaker's name, while "he" afterwards is the person it refers to
                        e = self._register_desc(desc, "person")
                        e.refers = found
                        return e
                    if found is not None:
                        return found
            # ("the United States" is a place, written like a description)
            capitalised = all(w[:1].isupper() for w in desc.split())
            return self._register_desc(desc, self._kind_of(desc) if capitalised else "person")
        if low.split()[-1] in BARE_GROUPS and not _POSSESSIVE_RE.search(subj):
            return self._register_desc(subj, "institution")
        pm = _POSSESSIVE_RE.search(subj)
        last_word = subj.split()[-1].lower()
        first_appos = appos.split(",")[0].strip() if appos else ""
        if pm is not None and appos and last_word in ROLE_NOUNS | AGENT_NOUNS and _is_person_name(first_appos):
            # "Santilli's attorney, Thomas Coan, argued": the name in apposition speaks (also
            # with more apposition after it: "Nevada's governor, Ann Vell, a Republican,")
            return self._register(first_appos, subj, "person")
        if pm is not None and last_word in AGENT_NOUNS | ROLE_NOUNS:
            # "Clinton's campaign said": the campaign of the person known as Clinton
            owner_title, owner = _split_title(subj[:pm.start()])
            known = self._lookup(owner) if owner else None
            full = known.name if known is not None else owner
            return self._register_desc(f"{full}\u2019s {subj[pm.end():].strip()}", "institution")
        if appos and (words[0].lower() in _ADJUNCT_OPENERS or all(
                w.lower().strip(".,") in COMMON_WORDS or w.lower() in CALENDAR_WORDS
                or w.lower() in DISCOURSE_ADVERBS for w in words)):
            # ("Moreover, Jeffrey Sachs, director of ..., noted", "On Tuesday, Kevin Brady, ..., said")
            head = appos.split(",")[0].strip()
            if _is_person_name(head):
                # "In July, Sammy Aaron, vice chairman of G-III, told": the name in apposition
                rest = appos[len(appos.split(",")[0]):].strip(" ,") or None
                rank, bare = _split_title(head)  # "Meanwhile, Madam Siti Rahmah, 62, ...": the honorific is a title
                title = _trim_title(rest) if rest and _is_title(rest) else None
                return self._register(bare if rank and _is_person_name(bare) else head, title or rank or None, "person")
            parts = [p.strip() for p in appos.split(",")]
            if len(parts) >= 2 and _is_person_name(parts[1]):
                # "On Wednesday, the director of the FBI, James B. Comey, said": the described name
                return self._register(parts[1], _trim_title(parts[0]) if _is_title(parts[0]) else None, "person")
        # a name, maybe with a capitalised title in front
        if side != "left":
            dm = _DESCRIBED_NAME.match(text, subj_start)
            if dm is not None and subj_start + len(subj) <= dm.end("name") and _is_description(dm):
                # "Democratic presidential candidate Sen. Ann Fox": the name after the description
                desc = text[dm.start():dm.start("name")].strip()
                return self._register(dm.group("name"), desc, self._kind_of(dm.group("name")))
        title, name = _split_title(subj)
        if " " not in name and name[:1].isupper() and self._lookup(name, grow=False) is None:
            full = self._full_name_met(name)
            if full is not None:
                # "Hunt said" after "Jeremy Hunt" was named in passing (a surname that is also a
                # common word included): the one full name met with that surname
                return self._register(full, title or None, "person")
        keep = (appos and _is_title(appos) and not (appos[:1].isupper() and len(name.split()) == 1)) or title
        if keep and not title and len(name.split()) > 1 and name.split()[0].lower() in _CLAUSE_OPENERS:
            name = name.split(None, 1)[1]  # "As Steven Rosenthal, a tax lawyer, put it": not "As ..."
        if not keep and not title and len(name.split()) >= 3:
            real, premod0 = _with_premodifier(text, name, subj_start)
            if premod0 and real != name and premod0.split()[-1].lower() not in _PREPOSITIONS:
                # "Minister of State for Home Affairs Ann Rao": the run after the title's
                # preposition holds its complement, then the name (no common word to cut)
                return self._register(real, premod0, self._kind_of(real))
        name, cut = (name, False) if keep else _clean_name(name, side, self.common_words)  # "In Dara, ambassador ..." stays
        if cut:
            title, name = _split_title(name)
            subj_start += subj.find(name) if subj.find(name) > 0 else 0
        if not name or name.lower().rstrip(".") in NOT_NAMES:
            return None
        premod: Optional[str] = None
        if not title:
            name, premod = _with_premodifier(text, name, subj_start)
        full_title = premod or title or None
        if appos and _is_title(appos) and len(_trim_title(appos)) > len(full_title or ""):
            full_title = _trim_title(appos)
        kind = self._kind_of(name)
        e = self._register(name, full_title, kind)
        return e

    def _register_desc(self, desc: str, kind: str) -> Entity:
        for e in reversed(self.entities):
            if e.name.lower() == desc.lower():
                return e
        e = Entity(name=desc, kind=kind)
        self.entities.append(e)
        return e

    def note_names(self, text: str) -> None:
        """Register titled names of a narration sentence ('Prime Minister Hun Manet and ...'),
        and the organisations named anywhere, so that "the institute" finds its full name."""
        for m in _ORG_RE.finditer(text):
            org = m.group("org")
            words = org.split()
            if len(words) >= 2 and words[0].lower() not in NOT_NAMES and (
                    words[-1].lower() in INSTITUTION_NOUNS or words[-1].lower() in COMPANY_WORDS
                    or (words[0].lower() in INSTITUTION_NOUNS and words[1].lower() in ("of", "for"))):
                if self._lookup(org) is None:
                    self.entities.append(Entity(name=org, kind="institution"))
        for m in _NAME_RE.finditer(text):
            run = m.group()
            if " " not in run and run.lower() in NOT_NAMES:
                continue
            title, name = _split_title(_clean_name(run, "start", self.common_words)[0])  # a headline run stops at "Says"
            premod: Optional[str] = None
            if not title:
                name, premod = _with_premodifier(text, name, m.start())
            if not title and not premod:
                continue
            honorific = bool(title) and title.split()[-1].lower() in _HONORIFICS
            if (len(name.split()) < 2 and not honorific) or not name or name.split()[0].lower() in NOT_NAMES:
                continue
            full_title = premod or title
            self._register(name, full_title, self._kind_of(name))

    def note_mentions(self, text: str, speaker: Optional[Entity]) -> None:
        """After a unit: the known persons it names come into focus, the first named most (a
        sentence's subject usually comes first, its objects later), and its speaker above them,
        so that "he" in the next sentence finds the person the text is about."""
        seen: list[Entity] = []
        for m in _NAME_RE.finditer(text):
            run = m.group()
            if " " not in run:
                low = run.lower()
                if low in NOT_NAMES or low.strip(".,\u2019'") in self.common_words:
                    continue  # (what _clean_name would drop: the cheap test first, per sentence)
            name = _clean_name(run, "start", self.common_words)[0]
            title, bare = _split_title(name) if name else ("", "")
            bare = bare or name
            e = self._lookup(bare, grow=False, gender=gender_of(title)) if name else None
            if e is None and bare:
                e = self._mentioned_person(bare)
            if e is None and name and 2 <= len(name.split()) <= 3 and self._kind_of(name) == "person" \
                    and not _THE_BEFORE.search(text, max(0, m.start() - 5), m.start()) \
                    and not _ROLE_OF_BEFORE.search(text, max(0, m.start() - 40), m.start()) \
                    and all(w[:1].isupper() and (w.lower().strip(".") not in COMMON_WORDS
                                                 or (k > 0 and name_gender(name) is not None))
                            for k, w in enumerate(name.split())):
                # a full name met in passing ("Joining him was Robert Stovall"): a candidate for
                # he/she, kept apart from the speakers until it speaks (registering every
                # capitalised pair made surnames find the wrong person); "the United States",
                # "in San Jose" are no persons
                e = Entity(name=name, kind="person")
                self.mentioned.append(e)
                if len(self.mentioned) > MAX_MENTIONED:
                    del self.mentioned[0]  # a long live blog: only the latest are looked for
            if e is not None and e.kind == "person" and e not in seen:
                seen.append(e)
        for e in reversed(seen):
            self._focus(e)
        if speaker is not None and speaker.kind == "person":
            self._focus(speaker.refers or speaker)

    def _full_name_met(self, surname: str) -> Optional[str]:
        """The one full name met in passing that ends with this surname ("Jeremy Hunt" for
        "Hunt"); None when none or two different ones were met ("Bill" and "Hillary Clinton")."""
        low = surname.lower().rstrip(".")
        names = {e.name for e in self.mentioned if e.name.split()[-1].lower().rstrip(".") == low}
        return names.pop() if len(names) == 1 else None

    def _mentioned_person(self, name: str) -> Optional[Entity]:
        """A person met in passing by full name, found again by the surname ("Mike Huckabee"
        ... "Huckabee offered"): only for focus, never for naming a speaker directly."""
        if not self.mentioned:
            return None
        last = name.split()[-1].lower().rstrip(".")
        toks = None
        for e in reversed(self.mentioned):
            if last in e.tokens:
                toks = toks or frozenset(t.lower().rstrip(".") for t in name.split())
                if toks <= e.tokens:
                    return e
        return None

    def note_subject(self, text: str) -> Optional[Entity]:
        """Put the subject of a narration sentence in focus ('Murphy took to social media ...');
        returns the person it is, also for "he"/"she" ('He lambasted the deal negotiated by
        Obama': he stays in focus above the persons the sentence names)."""
        text = blank_labels(text)
        m = _subject_at_start(text)
        if m is None:
            return None
        subj = m.group("subj")
        low = subj.lower()
        if low in PRONOUNS:
            return self._person_for(PRONOUN_GENDER[low]) if PRONOUNS[low] == "person" else None
        first = subj.split()[0].lower()
        if first in ("the", "a", "an", "this", "that") or low in BARE_GROUPS:
            return None
        title, name = _split_title(subj)
        if not title:
            name = _clean_name(name, "start", self.common_words)[0]  # "But Trump" is Trump
            if not name:
                return None
        e = self._lookup(name)
        if e is None and len(name.split()) >= 2 and _VERB_AFTER.match(text, m.end("subj")):
            # "Harbour Master Jonas Pell was more cautious.": a new person takes the focus
            e = self._register(name, title or None, self._kind_of(name))
        if e is not None:
            self._focus(e)
        return e if e is not None and e.kind == "person" else None

    def _at_cue(self, masked: str, cue: str, cs: int, ce: int) -> Optional[Attribution]:
        """The attribution of the cue at masked[cs:ce] when its subject is next to it."""
        strong = cue not in BELIEF_CUES
        if cue in ("quoted", "quotes", "quoting", "cited", "cites", "citing"):
            om = _OBJECT_PRONOUN_SAYING.match(masked, ce)
            if om is not None and om.group("pron") != "them":
                e = self._person_for("m" if om.group("pron") == "him" else "f")  # "quoted him as saying"
                if e is not None:
                    fs = _opening(masked)
                    return Attribution(e, cue, cs, True, fs, om.end())
            qm = _RIGHT_RE.match(masked, ce)
            dm = _NP_AS_SAYING.match(masked, ce)
            if dm is not None and (qm is None or qm.end("subj") < dm.end("np")):
                # "quoted one of the mayor's advisers as saying": the whole phrase as written
                e = self.resolve(dm.group("np"), masked, dm.start("np"), None)
                if e is not None:
                    fs = _opening(masked)
                    return Attribution(e, cue, cs, True, fs, dm.end())
            if qm is not None and AS_SAYING.match(masked, qm.end("appos") if qm.group("appos") else qm.end("subj")):
                # "State media quoted Prime Minister Ilan Voss as saying ...": the one quoted
                # speaks; the outlet only reports it (the frame runs from the sentence's start)
                e = self.resolve(qm.group("subj"), masked, qm.start("subj"), None)
                if e is not None:
                    sm = AS_SAYING.match(masked, qm.end("subj"))
                    fe = sm.end() if sm is not None else qm.end()
                    fs = _opening(masked)
                    return Attribution(e, cue, cs, True, fs, fe)
        final = self._final_inverted(masked, cue, cs, ce)
        if final is not None:
            return final
        dn = _DESCRIBED_FRAME.match(masked, 0, cs) if cs < 400 and not cue.endswith("ing") else None
        if dn is not None and dn.group("lead") and _is_person_name(dn.group("lead")) \
                and dn.group("lead").split()[0].lower() not in _OPENER_WORDS:
            # "Gio Vian, the editor of the Vatican's newspaper, L'Osservatore Romano, said": the
            # name in front speaks; the one after the description names what it describes
            title = _trim_title(dn.group("desc")) if _is_title(dn.group("desc")) else None
            e = self._register(dn.group("lead").strip(), title, "person")
            return Attribution(e, cue, cs, strong, dn.start("lead"), ce)
        if dn is not None:
            e = self._described_person(dn.group("desc"), dn.group("name"))
            if e is None and dn.group("lead") and dn.group("lead")[:1].isupper() \
                    and dn.group("lead").split()[0].lower() in ("the", "a", "an"):
                # "The Chairman of the Bar Association, Lagos branch, Barr. Ada Obi, urged": a
                # description in two parts, the name after both
                e = self._described_person(dn.group("lead") + ", " + dn.group("desc"), dn.group("name"))
                if e is not None:
                    return Attribution(e, cue, cs, strong, dn.start("lead"), ce)
            if e is not None:
                return Attribution(e, cue, cs, strong, dn.start("desc"), ce)
        left = masked[max(0, cs - 260):cs]
        base = cs - len(left)
        wm = _WHO_RE.search(left)
        if wm is not None:
            e = self.resolve(wm.group("subj"), masked, base + wm.start("subj"), None)
            if e is not None and e.kind == "person":  # "who" is a person, not a hospital
                return Attribution(e, cue, cs, strong, base + wm.start("subj"), ce)
        lm = _LEFT_RE.search(left)
        if lm is not None and MASK in left[lm.end("subj"):]:
            lm = None  # (\s matches the mask) 'Lee "...," said Fox': the quote is no adverb
        if lm is not None and _is_place(lm.group("subj")) and _CITY_BEFORE.search(left, 0, lm.start("subj")):
            lm = None  # "Stacy Baker of Columbia, South Carolina says": the state of a person's town
        if lm is not None and _PP_BEFORE.search(left, 0, lm.start("subj")):
            # "Former Secretary of State Ann Lee urged": a title with "of" before a name
            np = masked[:base + lm.end("subj")]
            rank, bare = _split_title(np.strip(" \x1f\"\u201c(")) if "," not in np else ("", "")
            if rank and _is_person_name(bare):
                e = self._register(bare, rank, "person")
                return Attribution(e, cue, cs, strong, _opening(np), ce)
            lm = None  # "voters in Alabama, Georgia and Virginia said": a place inside the subject
        elif lm is not None and (lm.group("appos") or "").lstrip().startswith(("whom ", "whose ")):
            lm = None  # "colleagues in Congress, whom he has alienated, said Ann Lee": an object's clause
        if lm is not None and cue.endswith("ing") and (lm.group("appos") or _OBJECT_BEFORE.search(left, 0, lm.start("subj"))):
            # "Fox was upfront about her distaste for Lee, the front-runner, saying ...": a
            # participle after an object's appositive is said by the sentence's subject
            sm = _subject_at_start(masked)
            if sm is not None and sm.start("subj") < base + lm.start("subj") \
                    and not _CLAUSE_WORD.search(masked, sm.end(), base + lm.start("subj")):
                e = self.resolve(sm.group("subj"), masked, sm.start("subj"), sm.group("appos"))
                if e is not None:
                    return Attribution(e, cue, cs, strong, sm.start("subj"), ce)
        if lm is not None and lm.start("subj") > 0 and left[lm.start("subj") - 1] in "\"\u201c\u2018":
            # 'on Wednesday's "Harbour Live," Marcel Lehel, the hacker known as ..., stated': a
            # title in quote marks is no speaker; a name in apposition to it is
            parts = [p.strip(" \"\u201d\u2019") for p in (lm.group("appos") or "").split(",")]
            if parts and _is_person_name(parts[0]):
                rest = re.sub("[\"\u201c\u201d]", "", ", ".join(parts[1:])).strip()  # (its marks cut by the comma)
                e = self._register(parts[0], _trim_title(rest) if rest and _is_title(rest) else None, "person")
                return Attribution(e, cue, cs, strong, base + lm.start("subj"), ce)
            lm = None
        rel = _RELATIVE_BEFORE.search(left, 0, lm.start("subj")) if lm is not None else None
        if rel is not None:
            # "Residents who spoke to this writer said": the object of a relative clause is no
            # source; the noun the clause hangs on is
            sm = _subject_at_start(masked)
            if sm is not None and sm.end("subj") <= base + rel.start() + 1:
                e = self.resolve(sm.group("subj"), masked, sm.start("subj"), sm.group("appos"))
                if e is not None:
                    return Attribution(e, cue, cs, strong, sm.start("subj"), ce)
            lm = None
        if lm is not None and lm.group("subj").lower() in ("he", "she") and base + lm.start("subj") > 0:
            # "Carson criticized the media, though he added ...": "he" later in the sentence is
            # its subject, when that is a person the pronoun may stand for
            sm = _subject_at_start(masked)
            if sm is not None and sm.start("subj") < base + lm.start("subj") and sm.group("subj")[:1].isupper() \
                    and sm.group("subj").lower() not in PRONOUNS and MASK not in masked[sm.end():cs]:
                # (after a bare comma, "The Boeing is his favourite toy, he said", only a person
                # met before or written with a full name: not a thing taken for a name)
                joined = _CONJUNCTION_BEFORE.search(left, 0, lm.start("subj")) is not None
                known = self._lookup(sm.group("subj"), grow=False)
                e = self.resolve(sm.group("subj"), masked, sm.start("subj"), sm.group("appos")) \
                    if joined or (known is not None and known.kind == "person") or _is_person_name(sm.group("subj")) else None
                g = PRONOUN_GENDER[lm.group("subj").lower()]
                if e is not None and e.kind == "person" and (e.gender or g) == g:
                    return Attribution(e, cue, cs, strong, base + lm.start("subj"), ce)
        if lm is not None and lm.group("subj") == "it" and base + lm.start("subj") > 0:
            # "The BMKG has forecast more rain, it said": "it" is the sentence's own subject
            sm = _subject_at_start(masked)
            if sm is not None and sm.start("subj") < base + lm.start("subj") and sm.group("subj")[:1].isupper() \
                    and sm.group("subj").lower() not in PRONOUNS:
                e = self.resolve(sm.group("subj"), masked, sm.start("subj"), sm.group("appos"))
                if e is not None and e.kind == "institution":
                    return Attribution(e, cue, cs, strong, base + lm.start("subj"), ce)
        if lm is not None and " " not in lm.group("subj") and base + lm.start("subj") > 0 \
                and lm.group("subj")[:1].isupper() and lm.group("subj").lower() in self.common_words:
            known = self._lookup(lm.group("subj"), grow=False) or self._mentioned_person(lm.group("subj"))
            if known is not None and known.kind == "person":
                # "and as Quell noted": a surname that is also a word, of a person met before
                return Attribution(known, cue, cs, strong, base + lm.start("subj"), ce)
        if lm is not None and _is_surname_frame(masked, left, lm, ce):
            # "..., and donors want more, Law said.": a capitalised common word right after the
            # content's comma and before a final cue is a surname ("Law", "Hunt", "Young")
            word = lm.group("subj")
            e = self._lookup(word, grow=False) or self._register(self._full_name_met(word) or word, None, "person")
            return Attribution(e, cue, cs, strong, base + lm.start("subj"), ce)
        if lm is not None:
            e = self.resolve(lm.group("subj"), masked, base + lm.start("subj"), lm.group("appos"), "left")
            if e is not None:
                return Attribution(e, cue, cs, strong, base + lm.start("subj"), ce)
        # (a stray apostrophe after a quote in wire copy: ''...,''' said X)
        stripped = left.rstrip(" \t\r\n\xa0").rstrip("'\u2019\u201d\"")
        sm = _subject_at_start(masked)
        if sm is not None and _ONLY_ADVERBS.fullmatch(masked, sm.end(), cs) and MASK not in masked[sm.end():cs]:
            # (\s matches the mask: 'Lee "...," said Fox' is Fox's, found below)
            # "Similarly, William J. Bennett, a Reagan education secretary, said": the sentence's
            # subject after its opening adjunct, right before the cue
            e = self.resolve(sm.group("subj"), masked, sm.start("subj"), sm.group("appos"))
            if e is not None:
                return Attribution(e, cue, cs, strong, sm.start("subj"), ce)
        if (cue in CORE_SPEECH_CUES or cue in _GROUP_CUES) and not stripped.endswith(","):
            # (a phrase ending in a comma is the content: "... for the EU, said X" is inverted)
            nm = _NP_LEFT.search(left)
            # (the mask is whitespace to \s and str.strip: test the raw group for it)
            # (nor between it and the cue: 'X are "...," says Ann Lee' is inverted)
            np = nm.group("np").strip() if nm is not None and MASK not in left[nm.start("np"):] else ""
            npos = base + nm.start("np") if nm is not None else 0
            dm = _DISCOURSE_LEAD.match(np)
            if dm is not None:
                np, npos = np[dm.end():], npos + dm.end()  # "However, Ann Lee's brief said": not "However"
            last_part = np[np.rindex(", ") + 2:].split() if ", " in np else []
            if last_part and (np.split()[0].lower() in _NP_OPENERS or last_part[0][:1].isdigit()
                              or last_part[0].lower() in _QUANTITY_OPENERS):
                # "In Virginia, 85% of Democrats said", "Even worse, 36 percent of them said": the
                # opening adjunct is not the source
                cut = np.rindex(", ") + 2
                np, npos = np[cut:], npos + cut
            if _AGE_NP.fullmatch(np) and self.recent_persons:
                # "The 57-year-old said": the person in focus
                return Attribution(self.recent_persons[-1], cue, cs, strong, npos, ce)
            rm = _ROLE_THEN_NAME.match(np)
            if rm is not None and _is_person_name(rm.group("name")):
                # "Political analyst Ann Vell of Dara University told": the name after the role
                title = " ".join((rm.group("desc") + (rm.group("tail") or "")).split())
                e = self._register(rm.group("name"), title, "person")
                return Attribution(e, cue, cs, strong, npos, ce)
            rank, bare = _split_title(np) if np[:1].isupper() else ("", "")
            if rank and _is_person_name(bare):
                # "RNC Chief of Staff Katie Walsh explained": a title with "of" before a name
                e = self._register(bare, rank, "person")
                return Attribution(e, cue, cs, strong, npos, ce)
            if np and MASK not in np and _is_source_phrase(np):
                # "58 percent of the voters said", "Some of her allies said": the source as written
                return Attribution(Entity(name=np, kind="institution"), cue, cs, strong, npos, ce)
        # inverted order '..., said Kin Phea' (never "saying he ...": that "he" is the content's)
        if (stripped.endswith((",", "\x1f")) or not stripped) and not cue.endswith("ing"):
            rm = _RIGHT_RE.match(masked, ce)
            dm = _RIGHT_DESC_RE.match(masked, ce)
            if dm is not None:
                # '..., said lobbyist and strategist Cal Ortiz': the name after the description
                e = self._register(dm.group("subj"), dm.group("desc").strip(), self._kind_of(dm.group("subj")))
                return Attribution(e, cue, cs, strong, cs, dm.end())
            if rm is not None and not _has_auxiliary(rm.group("subj")):
                e = self.resolve(rm.group("subj"), masked, rm.start("subj"), rm.group("appos"))
                if e is not None:
                    return Attribution(e, cue, cs, strong, cs, rm.end())
            gm = _RIGHT_GROUP_RE.match(masked, ce)
            if gm is not None and cue in CORE_SPEECH_CUES:
                # '..., say some Democrats, who ...': a share of a group as written
                return Attribution(Entity(name=gm.group("np"), kind="institution"), cue, cs, strong, cs, gm.end())
            # (only right after a quote: '..., said the event ...' may be a clause after "said")
            after_quote = MASK in left[-4:] or left.rstrip()[-1:] in "\"\u201d'"
            nm = _RIGHT_NP_RE.match(masked, ce) if after_quote else None
            if nm is not None and _AGE_NP.fullmatch(nm.group("np")) and self.recent_persons:
                # '"...," said the 60-year-old': the person in focus
                return Attribution(self.recent_persons[-1], cue, cs, strong, cs, nm.end())
            if nm is not None and (cue in CORE_SPEECH_CUES or cue in _POSTING_CUES) and _is_source_phrase(nm.group("np")):
                # '"...," said a person close to the campaign': the source as written
                return Attribution(Entity(name=nm.group("np"), kind="institution"), cue, cs, strong, cs, nm.end())
        return None

    def _final_inverted(self, masked: str, cue: str, cs: int, ce: int) -> Optional[Attribution]:
        """'..., the race will be tight, said Dan Gerst, an analyst.': a comma, the cue and a
        source that ends the sentence. That source wins over a name with commas on the left
        ("New York, a state she hoped to carry, ..." is no speaker with an appositive)."""
        if cue not in _INVERTED_CUES or not masked[:cs].rstrip(" \t\r\n\xa0").endswith(","):
            return None
        xm = _RIGHT_DESC_NAME.match(masked, ce)
        if xm is not None:
            # "..., said the company's chief executive, John J. Perrot."
            e = self._described_person(xm.group("desc"), xm.group("name"))
            if e is not None:
                return Attribution(e, cue, cs, cue not in BELIEF_CUES, cs, xm.end("name"))
        dm = _RIGHT_DESC_RE.match(masked, ce)
        rm = _RIGHT_RE.match(masked, ce)
        end = dm.end() if dm is not None else rm.end() if rm is not None else -1
        if end < 0 or _LOWER_WORD_AFTER.search(masked, end) or MASK in masked[end:]:
            return None  # "..., said Tuesday that ...", "..., said Obama '...'": the sentence goes on
        if dm is not None:
            e = self._register(dm.group("subj"), dm.group("desc").strip(), self._kind_of(dm.group("subj")))
        else:
            assert rm is not None
            if rm.group("subj").lower() in PRONOUNS or _has_auxiliary(rm.group("subj")):
                return None
            e = self.resolve(rm.group("subj"), masked, rm.start("subj"), rm.group("appos"))
        return Attribution(e, cue, cs, cue not in BELIEF_CUES, cs, end) if e is not None else None

    def _described_person(self, desc: str, name: str) -> Optional[Entity]:
        """'The head of the rescue office, Lt. Col. Ade Permana,': the name in apposition to a
        description with a role or a body in it, the description as its title."""
        words = desc.split()
        if any((w.lower() in _NOT_SOURCE_WORDS and not _is_determiner_use(words, k)) or w.lower() in COMMON_VERB_FORMS
               for k, w in enumerate(words)):
            return None  # "Dana Pruitt was blunt about her rival, Cole Aster,": a clause, no description
        if not any(w.lower().strip("'\u2019s") in ROLE_NOUNS or w.lower() in INSTITUTION_NOUNS
                   or w.lower() in TITLE_WORDS or w.lower() in COMPANY_NOUNS for w in words[1:]):
            return None  # "The plan, Ann Lee said," is no description of a person
        if name.split()[-1].lower().strip(".") in COMPANY_WORDS and words[-1].lower() in COMPANY_NOUNS | INSTITUTION_NOUNS:
            return self._register(name, None, "institution")  # "The water operator, Aliran Selvara Bhd,"
        rank, bare = _split_title(name)
        if _is_person_name(bare):
            title = " ".join(words[1:]) if words[0].lower() in ("the", "a", "an", "his", "her", "their", "its") else desc
            return self._register(bare, title, "person")
        if all(w[:1].isupper() for w in name.split()) and 1 <= len(name.split()) <= 4 \
                and any(w.lower() in INSTITUTION_NOUNS for w in words):
            return self._register(name, None, "institution")  # "A civil society group, Yiaga Africa,"
        return None

    def _subject_verb(self, masked: str) -> Optional[Attribution]:
        """'Sanders defended his plan': a stance verb right after the sentence's subject."""
        sm = _subject_at_start(masked)
        if sm is None:
            return None
        em = _EVIDENCE_RE.match(masked, sm.end("subj"))
        by = _EVIDENCE_BY.match(sm.group("subj"))
        if em is not None and by is not None and not em.group("noun"):
            # "A poll by the National Institute of Development (Nida), published Sunday, found":
            # the body that made the poll
            e = self._register(by.group("org"), None, "institution")
            return Attribution(e, em.group("verb"), em.start("verb"), True, sm.start("subj"), em.end("verb"))
        if em is not None and (em.group("noun") or sm.group("subj").split()[-1].lower() in EVIDENCE_NOUNS):
            # "A Fox News poll, conducted ..., shows Lee ahead", "Records show ...": the poll speaks
            subj = masked[sm.start("subj"):em.end("noun")] if em.group("noun") else sm.group("subj")
            e = self.resolve(subj, masked, sm.start("subj"), None) if em.group("noun") else \
                self.resolve(subj, masked, sm.start("subj"), sm.group("appos"))
            if e is not None:
                return Attribution(e, em.group("verb"), em.start("verb"), True, sm.start("subj"), em.end("verb"))
        passive = negated = helped = False
        # "Ann Lee on Friday opposed the levy": a time adjunct before the verb
        start = sm.end()
        while start > sm.start() and masked[start - 1].isspace():
            start -= 1
        start = max(sm.end(), _TIME_ADJUNCT_RE.match(masked, start).end())
        for vm in _VERB_WORD_RE.finditer(masked, start, min(len(masked), start + 80)):
            w = vm.group()
            lw = w.lower().replace("\u2019", "'")
            if lw in _SKIPPED_BEFORE_VERB or lw in NEGATING_AUXILIARIES or lw in _REFLEXIVES:
                # ("Ann Lee herself opposed ...": the emphatic pronoun is no verb)
                passive = passive or lw in ("was", "were", "is", "are", "been", "being")
                negated = negated or lw in NEGATING_AUXILIARIES
                helped = helped or lw in _AUXILIARIES
                continue
            if passive and w.endswith("ed"):
                return None  # "Suu Kyi was released": done to the subject, not said by it
            # a learned verb, or another form of one ("opposes" as "opposed", "is pledging"),
            # not a noun going on with the subject ("Border Patrol officials have ...")
            stem = verb_stem(w)
            known = w in SUBJECT_VERBS or (w.islower() and stem in SUBJECT_STEMS and lw not in INSTITUTION_NOUNS
                                           and stem not in ROLE_NOUNS and lw not in NEVER_CUES
                                           # a bare form only after an auxiliary ("will oppose"): alone
                                           # it is as often a noun or another sense ("URLs point at")
                                           and (helped or w.endswith(("s", "ed", "ing"))))
            if negated:
                # "Fox did not reply to a request", "Lee did not dismiss him": nothing said; a
                # view held all the same only with verbs of thinking and wanting ("does not expect")
                if stem not in NEGATABLE_STEMS:
                    return None
                known = known or w.islower()
            if not known or not _is_cue_use(masked, w, vm.start(), vm.end()):
                return None
            e = self.resolve(sm.group("subj"), masked, sm.start("subj"), sm.group("appos"))
            if e is None:
                return None
            return Attribution(e, w, vm.start(), True, sm.start("subj"), vm.end())
        return None

    def _evidence(self, masked: str) -> Optional[Attribution]:
        """'A Varn University poll released Monday found ...', 'Exit polls taken in Orsk showed ...',
        'A 2019 report by the Dara Institute found ...', '..., the poll found.': a poll, a study or
        records speak through a verb of evidence, past the words that say when, where and by whom
        they were made."""
        if not _EVIDENCE_VERB_HINT.search(masked):
            return None  # (most sentences have no verb of evidence: skip the longer patterns)
        m = _EVIDENCE_SUBJECT.match(masked)
        if m is None:
            m = _EVIDENCE_INVERTED.search(masked)
            if m is None:
                return None
            np = m.group("np")
            e = self._by_institution(np.split()[-1].lower()) if np[:1].islower() else None
            e = e or Entity(name=np, kind="institution")
            return Attribution(e, m.group("verb"), m.start("verb"), True, m.start("np"), m.end("verb"))
        head, post = m.group("head"), m.group("post") or ""
        if _PASSIVE_END.search(masked, 0, m.start("verb")) or any(
                w.islower() and w.endswith("ed") for w in head.split()[:-1]):
            return None  # "The full poll can be found here", "Lee released her records, which showed"
        bm = _EVIDENCE_MAKER.match(post)
        inner = head.split(None, 1)[1] if len(head.split()) > 1 else ""
        if any(w[:1].isupper() for w in inner.split()) or (head[:1].isupper() and not _DETERMINER_START.match(head)
                                                           and masked[:m.start("head")].strip(" \x1f\"'\u201c(")):
            name = _DETERMINER_START.sub("", head)  # "A Varn University poll": the poll as named
        elif bm is not None:
            name = re.sub(r"^(?:[a-z]+\s+)+", "", _DETERMINER_START.sub("", bm.group("org")))  # "a report by the X Institute"
        else:
            # "Exit polls taken in Orsk", as written (not a clause between commas after it)
            name = _DETERMINER_START.sub("", (head + ("" if post.lstrip().startswith(",") or post.startswith(",")
                                                      else post.split(",")[0])).strip())
        om = _POSSESSOR_START.match(head)
        owner = self._by_institution(om.group(1).lower()) if om is not None else None
        if owner is not None:
            # "The office's quarterly survey": the survey of the office named before
            return Attribution(owner, m.group("verb"), m.start("verb"), True, m.start("head"), m.end("verb"))
        e = Entity(name=name.strip(" ,"), kind="institution")
        return Attribution(e, m.group("verb"), m.start("verb"), True, m.start("head"), m.end("verb"))

    def _who_verb(self, masked: str) -> Optional[Attribution]:
        """'Senator Ivo Pell, who has long opposed the levy, ...': a learned subject verb in a
        relative clause about a named person gives that person's stance."""
        if " who " not in masked:
            return None  # (cheap test first: the pattern is tried at every name otherwise)
        for m in _WHO_VERB_RE.finditer(masked):
            w = m.group("verb")
            stem = verb_stem(w)
            if not (w in SUBJECT_VERBS or stem in SUBJECT_STEMS) or w in NEVER_CUES \
                    or w.endswith("ed") and m.group("aux").rstrip().endswith(("was", "were", "is", "are", "been")):
                continue
            if not _is_cue_use(masked, w, m.start("verb"), m.end("verb")):
                continue
            e = self.resolve(m.group("subj"), masked, m.start("subj"), None)
            if e is not None and e.kind == "person":
                # (no frame: the relative clause sits inside the claim, which is the sentence)
                return Attribution(e, w, m.start("verb"), True)
        return None

    def _person_for(self, gender: str) -> Optional[Entity]:
        """The latest person in focus that the pronoun can mean (a gender known from a title
        rules a person out; one guessed from earlier pronouns would spread mistakes)."""
        for e in reversed(self.recent_persons[-MAX_RECENT_PERSONS:]):
            if e.gender in (None, gender):
                return e
        return None

    def _focus(self, e: Entity) -> None:
        if e.kind == "person":
            self.focus_person = e
            if e in self.recent_persons:
                self.recent_persons.remove(e)
            self.recent_persons.append(e)
            if len(self.recent_persons) > 2 * MAX_RECENT_PERSONS:
                del self.recent_persons[0]  # only the latest few are ever candidates
        else:
            self.focus_institution = e

    # -- attribution ----------------------------------------------------------
    def attribute(self, masked: str, *, quote_ends: tuple[int, ...] = ()) -> Optional[Attribution]:
        """The speaker of one unit: masked is its text with quoted words masked out."""
        att = self._find(blank_labels(masked), quote_ends)
        if att is not None and att.cue == "put" and masked.startswith(" it", att.frame_end):
            att = replace(att, frame_end=att.frame_end + 3)  # "as the mayor put it": "it" too
        if att is not None and att.entity is not None:
            e = att.entity
            # A belief verb ("X believes that ...", "she thinks") attributes its content like a
            # verb of saying, also for somebody not quoted before: on PolNeAR train that keeps
            # narration as clean (0.960) and finds 0.003 more of the named sources.
            if e.kind == "person" and e not in self.entities:
                self.entities.append(e)  # a person named in passing who now speaks ("he said")
            e.spoke = True
            if e.name.split()[0].lower() in ("a", "an", "one") and e not in self.unnamed:
                self.unnamed = (self.unnamed + [e])[-MAX_RECENT_PERSONS:]  # "An official ... said"
            self.last_speaker = e.refers or e
            self._focus(e.refers or e)
        return att

    def _find(self, masked: str, quote_ends: tuple[int, ...]) -> Optional[Attribution]:
        gm = _SIGNATURE.match(masked) if masked.lstrip()[:1] in SIGNATURE_DASHES else None
        if gm is not None:
            # "- Bernie Sanders." under a quote: the signature of the quote above
            e = self.resolve(gm.group("subj"), masked, gm.start("subj"), None)
            if e is not None:
                return Attribution(e, SIGNATURE_CUE, gm.start("dash"), True, gm.start("dash"), gm.end("subj"))
        cm = _COLON_SPEAKER.match(masked)
        if cm is not None and cm.group("subj") in self.colon_datelines:
            cm = None
        if cm is not None and _is_colon_speaker(cm.group("subj")):
            # "WALLACE: ...", "Jane Fox: 'We will win'": a transcript turn or a headline
            subj = cm.group("subj")
            if subj.split()[-1].lower() in COLON_SOURCES:
                e: Optional[Entity] = Entity(name=subj, kind="institution")
            elif subj.isupper() and " " not in subj.strip():
                e = self._register(subj, None, "person")  # a transcript's "WALLACE:" is a person
            else:
                e = self.resolve(subj, masked, cm.start("subj"), None)
            if e is not None:
                return Attribution(e, ":", cm.end("subj"), True, cm.start("subj"), cm.end())
        im = _INVERTED_START.match(masked)
        if im is not None:
            # 'Said Ann Lee, who grew up there, "We were proud."': the cue opens the sentence
            rm = _RIGHT_RE.match(masked, im.end())
            if rm is not None:
                e = self.resolve(rm.group("subj"), masked, rm.start("subj"), rm.group("appos"))
                if e is not None:
                    cue = im.group("cue").lower()
                    return Attribution(e, cue, im.start("cue"), True, im.start("cue"), rm.end())
        fm = _FOR_SOURCE.match(masked) if masked.lstrip()[:4] == "For " else None
        if fm is not None and _is_person_name(fm.group("name")):
            # "For the political scientist Ana Couto, of Dara University, the mayor is the
            # favourite": a view given as the named expert's (news translated from Spanish or
            # Portuguese writes it so)
            e = self._register(fm.group("name"), fm.group("role").strip(), "person")
            return Attribution(e, "for", fm.start("cue"), True, fm.start("cue"), fm.end())
        has_phrase = any(p in masked for p in _PHRASE_HINTS)
        pm = _PHRASE_PRONOUN.search(masked) if has_phrase else None
        if pm is not None:
            # "According to him, ...": the person in focus
            e = self._person_for("m" if pm.group("pron").lower() == "him" else "f")
            if e is not None:
                return Attribution(e, pm.group("cue").lower(), pm.start("cue"), True, pm.start("cue"), pm.end())
        for m in (_PHRASE_RE.finditer(masked) if has_phrase else ()):
            if _is_demonym(m.group("subj")):
                continue  # "according to Chinese customs data": the data, as written (below)
            om = _OWNED_AFTER.match(masked, m.end("subj")) if m.group("subj").startswith(("the ", "a ", "an ")) else None
            if om is not None:
                # "according to the military's media wing, ...": the owned body speaks, as written
                np = _DETERMINER_START.sub("", m.group("subj") + masked[m.end("subj"):om.end()])
                e = Entity(name=np, kind="institution")
                return Attribution(e, m.group("cue").lower(), m.start("cue"), True, m.start("cue"), om.end())
            appos = m.group("appos")
            if appos is not None and ((masked[m.end() - 1:m.end()] != "," and not masked[:m.start("cue")].strip(
                    " \t\n\"\u201c'\x1f")) or masked[m.end():m.end() + 1].isdigit()
                    or (not appos.lstrip().startswith(("who ", "which "))
                        and any(w in COMMON_VERB_FORMS or w in _NOT_SOURCE_WORDS for w in appos.lower().split()))):
                # "According to Shamal, the reserves stand at ...", "..., the city had logged 1,769":
                # the content, no appositive
                appos = None
            e = self.resolve(m.group("subj"), masked, m.start("subj"), appos)
            if e is not None:
                # the frame ends with the source, or its title ("according to X, a hydrologist,")
                # or its relative clause ("according to an official, who asked not to be named,")
                fe = m.end() if appos and (_is_title(appos) or appos.lstrip().startswith(("who ", "which "))) \
                    else m.end("subj")
                em = _EVIDENCE_AFTER.match(masked, fe)
                if em is not None:
                    fe = em.end()  # "according to BNPB data": the data belong to the frame
                return Attribution(e, m.group("cue").lower(), m.start("cue"), True, m.start("cue"), fe)
        for m in (_PHRASE_NP_RE.finditer(masked) if has_phrase else ()):
            # "according to early results of exit polls by Edison Research": the source as written
            np = m.group("np").strip().rstrip(".")
            np = _NP_TIME_END.sub("", np) or np  # "a statement by the ministry on Wednesday": no name part
            if any(w[:1].isupper() for w in np.split()[1:]) or np.split()[0][:1].isupper():
                e = Entity(name=np, kind="institution")  # not kept: "the office" later is not this
                return Attribution(e, m.group("cue").lower(), m.start("cue"), True, m.start("cue"), m.end())
        fallback: Optional[tuple[str, int]] = None
        found: Optional[Attribution] = None
        # "While Fox says ..., Lee said ...": a cue inside an opening subordinate clause
        # yields to one in the main clause
        sub = _SUBORDINATE_OPENER.match(masked)
        sub_end = masked.find(",", sub.end()) if sub is not None else -1
        for m in _LOWER_WORD_RE.finditer(masked):
            cue, cs = m.group(), m.start()
            if cue not in CUE_VERBS or not _is_cue_use(masked, cue, cs, m.end()):
                continue
            att = self._at_cue(masked, cue, cs, m.end())
            if att is not None and fallback is not None and fallback[0] in _ASKING_CUES and fallback[1] > sub_end \
                    and _WH_WORD.search(masked, fallback[1], max(fallback[1], att.frame_start)) \
                    and "," not in masked[fallback[1]:max(fallback[1], att.frame_start)]:
                continue  # "asking Sanders why he has criticized ...": the question's verb is no frame
            if att is not None:
                if found is not None and _TRAILING_SUBORDINATE.search(masked, found.cue_start, cs):
                    # "Fenwick denied ..., even as the mayor said ...": the main clause's
                    # speaker, not the one of a clause tacked on after it
                    return found
                if cue in CORE_SPEECH_CUES and cs > sub_end:
                    return att
                # "Puerto Rico has been warning ..., and Ms. Acosta said ...": a verb of
                # saying later in the sentence names the speaker of its content
                found = found or att
            elif fallback is None:
                fallback = (cue, cs)
        if found is not None:
            return found
        ev = self._evidence(masked)
        if ev is not None:
            return ev
        if fallback is None and _is_headline(masked):
            hm = _HEADLINE_CUE_RE.search(masked)
            if hm is not None:
                # "Mayor Vell Says Bridge Is Safe": the name run before the capitalised cue
                run = _NAME_AT_END.search(masked, 0, hm.start())
                subj = run.group("subj") if run is not None else ""
                while len(subj.split()) > 1 and subj.split()[-1].lower() in self.common_words:
                    subj = subj.rsplit(None, 1)[0]  # "Ann Fox Finally Endorses": an adverb, not a name
                if run is not None:
                    e = self.resolve(subj, masked, run.start("subj"), None, "left")
                    if e is not None:
                        return Attribution(e, hm.group("cue").lower(), hm.start("cue"), True,
                                           run.start("subj"), hm.end())
        pm = _PASSIVE_RE.search(masked) if " by " in masked else None
        if pm is not None and (pm.group("cue") or pm.group("cue2")) == "quoted" and AS_SAYING.match(masked, pm.end()):
            # "He was quoted by Yonhap as saying ...": the subject speaks, the outlet reports it
            sm = _subject_at_start(masked)
            e = self.resolve(sm.group("subj"), masked, sm.start("subj"), sm.group("appos")) if sm is not None else None
            if e is not None:
                return Attribution(e, "quoted", pm.start(), True, sm.start("subj"), pm.end())
        if pm is not None:
            # "was first reported by Politico", "was asked by moderator Gerard Baker"
            if pm.group("pdesc") and not pm.group("subj")[:1].islower():
                e: Optional[Entity] = self._register(pm.group("subj"), pm.group("pdesc"), self._kind_of(pm.group("subj")))
            else:
                e = self.resolve(pm.group("subj"), masked, pm.start("subj"), pm.group("appos"))
            if e is not None:
                cue = pm.group("cue") or pm.group("cue2")
                return Attribution(e, cue, pm.start(), True, pm.start(), pm.end())
        if fallback is None:
            cq = _COLON_QUOTE.search(masked)
            sm = _subject_at_start(masked) if cq is not None else None
            if sm is not None and sm.end() <= cq.start() and sm.group("subj").lower() not in PRONOUNS \
                    and not _is_headline(masked[:cq.start()]):
                # "Independent MP Zali Stegall has weighed in on Twitter: '...'": the subject
                # introduces the quote after the colon
                e = self.resolve(sm.group("subj"), masked, sm.start("subj"), sm.group("appos"))
                if e is not None and e.kind == "person":
                    return Attribution(e, ":", cq.start(), True, sm.start("subj"), cq.start() + 1)
            return self._subject_verb(masked) or self._who_verb(masked)
        # the cue is not next to its subject: the speaker is the subject of the sentence
        sm = _subject_at_start(masked)
        if sm is None:
            return Attribution(None, fallback[0], fallback[1], fallback[0] not in BELIEF_CUES)
        e = self.resolve(sm.group("subj"), masked, sm.start("subj"), sm.group("appos"))
        cue, cs = fallback
        return Attribution(e, cue, cs, cue not in BELIEF_CUES, cs, cs + len(cue))


# A verb of saying opening a sentence before its speaker ("Said Ann Lee, ...").
_INVERTED_START = re.compile(r"[\s\x1f]*(?P<cue>Said|Says|Added|Adds|Asked|Wrote|Writes|Explained|Noted)(?=\s+[A-Z])")
# Polls, studies and records speak through these verbs ("the poll found", "records show").
EVIDENCE_VERBS: frozenset[str] = frozenset("shows show showed found finds suggests suggested indicates indicated".split())
EVIDENCE_NOUNS: frozenset[str] = frozenset(
    """poll polls survey surveys study studies report reports analysis data records figures research
    review audit count tally""".split())
_EVIDENCE_RE = re.compile(r"(?:\s+(?P<noun>(?:[A-Z][\w&-]*\s+)*(?:" + "|".join(sorted(EVIDENCE_NOUNS)) + r")))?"
                          r"(?:\s*\([^()\x1f]{1,20}\))?(?:\s*,[^,\x1f]{1,100},)?\s+(?:(?:also|again|now|still|clearly|largely)\s+)?"
                          r"(?P<verb>" + "|".join(sorted(EVIDENCE_VERBS)) + r")\b")
_EVIDENCE_BY = re.compile(r"(?:[Aa]n?|[Tt]he)\s+(?:[a-z]+\s+){0,2}(?:" + "|".join(sorted(EVIDENCE_NOUNS))
                          + r")\s+(?:by|from)\s+(?:the\s+)?(?P<org>[A-Z].*)$")
# A relative clause right before a subject found next to the cue: that subject is its object.
_RELATIVE_BEFORE = re.compile(r"\swho\s+(?:[a-z]+\s+){1,3}$")
# A verb right before a noun phrase: the phrase is its object ("reprimanded Mr. Dorn, saying").
_OBJECT_BEFORE = re.compile(r"\b(?!(?:in|on|at|of|for|from|with|by|to|and|but|or|as|than|about|after|before)\b)[a-z]+ed\s+$")
# A conjunction joining a second clause to the sentence ("..., though he added").
_CONJUNCTION_BEFORE = re.compile(r"\w,?\s+(?:and|but|though|although|yet|while|as)\s+$")
_ASKING_CUES = frozenset("asking asked asks ask".split())
_WH_WORD = re.compile(r"\b(?:why|whether|if|how|what|when|where|who|which)\b")
# A colon, then a quote: what the sentence's subject said ("X weighed in on Twitter: '...'").
_COLON_QUOTE = re.compile(r":\s*\x1f")
# An evidence noun phrase opening the sentence and its verb, with what is said of its making
# between them ("A Varn poll released Monday found", "Records compiled by X show", "Early
# results of an entrance poll are showing").
_EVIDENCE_HEADS = EVIDENCE_NOUNS | frozenset("statistics files filings documents estimates projection projections".split())
_EVIDENCE_VERB = r"(?P<verb>shows?|showed|showing|found|finds|finding|suggests|suggested|indicates|indicated)\b"
_EVIDENCE_VERB_HINT = re.compile(r"\b(?:show|found|finds|finding|suggest|indicat)")
_EVIDENCE_SUBJECT = re.compile(
    r"[\s\x1f\"'\u201c(]*(?:(?:But|And|Yet|Still|Meanwhile|However|Now),?\s+)?"
    r"(?P<head>(?:[\w'\u2019./&-]+\s+){0,6}?(?:" + "|".join(sorted(_EVIDENCE_HEADS)) + r"))\b"
    r"(?P<post>(?:,?\s+[^\s;:\x1f]+){0,14}?,?)\s+(?:(?:is|are|was|were|has|have|had)\s+)?"
    r"(?:(?:also|again|now|still|clearly|largely|actually|even|consistently)\s+)?" + _EVIDENCE_VERB)
_EVIDENCE_INVERTED = re.compile(r",\s+(?P<np>(?:the|a|an|that|this)\s+(?:[\w-]+\s+){0,3}?(?:"
                                + "|".join(sorted(_EVIDENCE_HEADS)) + r"))\s+(?:also\s+)?" + _EVIDENCE_VERB
                                + r"[\s.\x1f\"'\u201d]*$")
_PASSIVE_END = re.compile(r"\b(?:be|been|being)\s+$")
_EVIDENCE_MAKER = re.compile(r"(?:\s+[^\s,]+){0,4}?\s+(?:by|from|for)\s+(?P<org>(?:the\s+(?:[a-z]+\s+){0,2})?"
                             r"[A-Z][\w.&'\u2019/-]*(?:\s+(?:[A-Z][\w.&'\u2019/-]*|of|for|and|on|the))*)")
_POSSESSOR_START = re.compile(r"(?:[Tt]he\s+)([a-z]+)['\u2019]s\s")
_DETERMINER_START = re.compile(r"^(?:[Aa]n?|[Tt]he|[Aa]nother|[Tt]his|[Tt]hat)\s+")
# A subordinate clause tacked on after the main one ("..., even as the mayor said ...").
_TRAILING_SUBORDINATE = re.compile(r",\s+(?:even\s+as|even\s+though|even\s+while|while|whereas|although)\s")
# Conjunctions opening a subordinate clause before the main one.
_SUBORDINATE_OPENER = re.compile(r"[\s\x1f\"'\u201c(]*(?:While|Although|Though|Even\s+though|Whereas|After|Before|"
                                 r"As|When|Since|If|Because|Unless|Until|Once)\s")
# Cue words that are often nouns ("have claims", "the Supreme Court ruling"): not a cue
# after these words.
NOUN_LIKE_CUES: frozenset[str] = frozenset(
    "claims calls states reports rules ruling notes remarks statement comments criticism support fear hope".split())
_DETERMINERS: frozenset[str] = frozenset(
    "have has had the a an its his her their our my your this that these those court no any some".split())
# Naming verbs: "a group called Black Votes Matter" names, "Fox called Lee a liar" reports.
NAMING_CUES: frozenset[str] = frozenset("called named dubbed titled".split())
# A naming verb's object that makes it a report: "called the plan", "called his rival".
_OBJECT_AFTER_NAMING = re.compile(r"\s+(?:the(?!\s+[A-Z])|his|her|their|its|him|them|it|this|that|these|those|"
                                  r"[A-Z][\w.-]*['\u2019]s?)\s")
_VERB_LEAD_INS: frozenset[str] = frozenset(
    """also he she they it who has have had was is then later repeatedly once publicly recently
    openly previously and but even often""".split())
# A verb never follows these words: the cue word there is an adjective or a noun.
_NOT_BEFORE_VERB = frozenset("the a an its their our my your these those most more less least very no any".split())
# Words after a cue word that make it something else: a byline, a phrasal verb.
# What a source owns, up to the clause's comma: "the military's media wing," (a possessive after it).
_OWNED_AFTER = re.compile(r"['\u2019]s (?:[a-z][\w-]* ){0,3}[a-z][\w-]*(?= ?[,;:]| *$)")
_NP_TIME_END = re.compile(r"\s+(?:on|last|this|in|early|late)\s+" + _TIME_WORDS
                          + r"(?:\s+\d{1,2})?(?:\s+(?:morning|afternoon|evening|night))?$")
# Last words of party names without the word "party" ("Progressive Alliance", "National Front").
_PARTY_HEADS = frozenset("alliance front movement league".split())
_OF_PASSIVE_CUES = frozenset("accused accuses".split())  # (the active verb has its object before "of")
_OUT_CUES = frozenset("pointed points pointing".split())  # cues only with "out" after them
_NOT_AFTER_CUE = re.compile(r" (?:from|up|off|out)\b")  # (not "exclaimed upon")
_AMOUNT_AFTER = re.compile(r"\s+(?:(?:around|about|nearly|almost|more\s+than|some)\s+\$?\d|another(?!\s+[A-Z])|an?\s+(?:additional|extra)|\$?\d)")
# Cues that report only when the words follow as a quote or a clause ("continued: ...",
# "added that"); otherwise they are actions ("continued their search", "adding to her lead").
FRAME_ONLY_CUES: frozenset[str] = frozenset(
    "continued continues continuing maintained maintains offered seemed".split())
# Plain forms of verbs of thinking (plural subjects: "Some Democrats fear ..."), and the words
# before them that make them no report of a view.
_PLAIN_BELIEF_CUES = frozenset("think believe fear expect hope worry".split())
_RELATIVE_QUANTIFIER = re.compile(r"\b(?:who|whom|that|which)\s+(?:many|some|most|few|others)\s+$")
_NOT_BEFORE_PLAIN_BELIEF = frozenset("what how why to they you i we".split())
# Cues only when a clause with "that" follows.
THAT_ONLY_CUES: frozenset[str] = frozenset("accepted".split())
# "adding to her lead" is not "adding that ...".
_ADD_TO = frozenset("adding added adds".split())
_FRAME_FOLLOWERS = (",", ":", "\x1f", "that ", "\u2014")
_PASSIVE_BEFORE = re.compile(r"\b(?:is|was|are|were|been|being)\s+(?:[a-z]+ly\s+|first\s+|also\s+)?$")
_PREV_WORD_RE = re.compile(r"([\w\u2019'.-]+)\W*$")
_PASSIVE_NOT_BEFORE = re.compile(r"\b(?:has|have|had)\s+been\s+$|\b(?:was|were|is|are)\s+not\s+$")
_NOT_YET_BEFORE = re.compile(r"\b(?:expected|likely|set|due|scheduled|poised|about)\s+to\s+$")
_ESTIMATE_AFTER = re.compile(r"\s+(?:the|its|their|his|her)\s+(?:[a-z-]+\s+){0,2}(?:toll|number|figure|count|total|cost|"
                             r"tally|losses|damage|bill|value|size)\s+at\b")
_AS_BEFORE = re.compile(r"(?:^|[\s,(\u2014])[Aa]s\s[^;:\x1f]*$")


def _is_cue_use(masked: str, cue: str, start: int, end: int) -> bool:
    """The cue word at masked[start:end] is used as a cue, not as a noun or a naming verb."""
    pm = _PREV_WORD_RE.search(masked, max(0, start - 30), start)
    prev = pm.group(1) if pm else ""
    if cue in NOUN_LIKE_CUES and (prev.lower() in _DETERMINERS or prev[:1].isdigit()
                                  or (prev.islower() and prev not in _VERB_LEAD_INS and not prev.endswith("ly"))):
        return False  # "have claims", "15 states", "user reports"
    if cue in NAMING_CUES and prev.islower() and prev not in _VERB_LEAD_INS \
            and not masked.startswith((" for ", " on ", " upon "), end) \
            and not masked[max(0, start - 3):start].rstrip().endswith(",") \
            and not _OBJECT_AFTER_NAMING.match(masked, end):
        # "a group called Black Votes Matter" names; "called for", "Lee, the nominee, called the
        # plan ...", "the campaign called his report a rush to judgment" report
        return False
    if cue in _ADD_TO and (masked.startswith(" to ", end) or _AMOUNT_AFTER.match(masked, end)):
        return False  # "adding to her lead", "the U.S. added 292,000 jobs"
    if prev.lower() in _NOT_BEFORE_VERB:
        return False  # "an estimated 40,000", "the most promising path"
    if cue in _OF_PASSIVE_CUES and masked.startswith(" of ", end) and not prev[:1].isupper() \
            and prev.lower() not in PRONOUNS:
        # "a manager accused of theft told the jury": the accused is no accuser (but "whom
        # Erdogan accuses of plotting" is Erdogan's accusation)
        return False
    if _NOT_AFTER_CUE.match(masked, end) and not (cue in _OUT_CUES | {"ruled"} and masked.startswith(" out", end)):
        return False  # "Fahrenthold reported from Washington", "showed up" (but "ruled out" reports)
    if prev.lower() in ("is", "was", "are", "were", "be", "been") and masked.startswith(" to ", end) \
            and not cue.endswith("ing"):
        return False  # "is thought to be" (but "is pledging to cut" is the subject's pledge)
    if cue.endswith("ed") and _PASSIVE_NOT_BEFORE.search(masked, max(0, start - 30), start) \
            and not masked.startswith(" by ", end):
        return False  # "The shortage has been reported in ...", "Erdogan was not quoted": no source
    if prev == "to" and _NOT_YET_BEFORE.search(masked, max(0, start - 40), start):
        return False  # "INEC is expected to announce the result": nothing said yet
    if masked.startswith(" by ", end) and _PASSIVE_BEFORE.search(masked, max(0, start - 40), start):
        return False  # "Rubio was asked by the moderator": a passive, its source after "by"
    if cue in ("put", "puts", "putting"):
        # "as X put it", a manner-of-saying frame, or an estimate ("The Front puts the toll at
        # 400"); never "put the plan on hold"
        if _ESTIMATE_AFTER.match(masked, end):
            return True
        return masked.startswith(" it", end) and _AS_BEFORE.search(masked, max(0, start - 200), start) is not None
    if cue == "think" and masked.startswith(" tank", end):
        return False  # "a think tank"
    if cue in _PLAIN_BELIEF_CUES and (prev.lower() in _NOT_BEFORE_PLAIN_BELIEF or masked[start - 1:start] == "("):
        return False  # "what people think of", "how they think", "(think Jimmy Carter)": no view given
    if cue in _PLAIN_BELIEF_CUES and _RELATIVE_QUANTIFIER.search(masked, max(0, start - 30), start):
        return False  # "a man who many believe betrayed them": a relative clause, no source
    if cue in THAT_ONLY_CUES and not masked.startswith(" that ", end):
        return False  # "accepted that CCTV footage was lost" reports; "accepted the award" does not
    if cue in FRAME_ONLY_CUES:
        rest = masked[end:end + 8].lstrip(" ")
        if not rest or not (rest.startswith(_FRAME_FOLLOWERS) or rest[:1] in ".\x1f"):
            return False
    return True


# A paragraph that only signs the quote above it: "- Bernie Sanders.", "—Ann Lee, Philadelphia."
SIGNATURE_DASHES = "-\u2013\u2014"
SIGNATURE_CUE = "\u2014"
_SIGNATURE = re.compile(r"\s*(?P<dash>[-\u2013\u2014])\s*(?P<subj>" + NAME + r")(?:,[^\x1f\n]{0,80})?\.?\s*$")
# An upper-case label before a colon opening a paragraph ("KORU:", "WALLACE:").
_PARA_LABEL = re.compile(r"(?:^|\n)[ \t]*([A-Z][A-Z'\u2019.-]+(?:\s[A-Z][A-Z'\u2019.-]+){0,2}):\s")
DATELINE_REACH = 600  # characters from the story's start where a dateline may stand
# A speaker before a colon opening a turn or a headline: "WALLACE: ...", "Jane Fox: '...'".
_COLON_SPEAKER = re.compile(r"\s*(?P<subj>(?:[A-Z][A-Z'\u2019.-]+(?:\s+[A-Z][A-Z'\u2019.-]+)?)|" + NAME
                            + r")\s*:\s+(?=[\x1f\"'\u2018\u201c]|(?:\S+\s+){3})")  # a quote or 4+ words
MAX_COLON_SPEAKER_WORDS = 4
# Common nouns that are a source before a headline colon.
COLON_SOURCES: frozenset[str] = frozenset("poll polls report survey study analysis editorial".split())


_POSSESSIVE_END = re.compile(r"['\u2019]s$")
# Heading words before a colon that name no speaker ("UPDATE: ...", "Editor's note: ...").
HEADING_LABELS: frozenset[str] = frozenset(
    "update updated byline note editor editors breaking exclusive correction photo video previously".split())


# Words after a label opening the text from which its line is a story's first paragraph, not a
# headline ("ISLAMABAD: Prime Minister ... said ..." vs "POLL: Lee leads in Ohio").
MIN_BODY_LINE_WORDS = 15


def _is_body_line(text: str, pos: int) -> bool:
    line = text[pos:].split("\n", 1)[0]
    return len(line.split()) >= MIN_BODY_LINE_WORDS


# Auxiliaries and modals: a phrase after a cue holding one is a clause, not an inverted source
# ("..., said a strike would hurt candidates": no source "a strike would hurt candidates").
_CLAUSE_AUXILIARIES = frozenset("would will could can should must may might is are was were has have had does did".split())


def _has_auxiliary(np: str) -> bool:
    words = np.split()
    return len(words) > 2 and words[0].lower() in ("a", "an", "the") and any(w in _CLAUSE_AUXILIARIES for w in words[1:])


def _is_colon_speaker(subj: str) -> bool:
    words = subj.split()
    if any(_POSSESSIVE_END.sub("", w.lower().rstrip(".")) in HEADING_LABELS for w in words):  # "Editor's note:"
        return False
    if 1 <= len(words) <= 2 and words[-1].lower() in COLON_SOURCES:
        return True  # a headline's "Poll: ...", "Report: ...", "Gallup poll: ..."
    return (len(words) <= MAX_COLON_SPEAKER_WORDS
            and not any(w.lower().strip(".") in COMMON_WORDS or w.lower() in NOT_NAMES for w in words))


_SKIPPED_BEFORE_VERB = frozenset(
    """has have had is was are were be been being will would could should may might can also still
    already now then later just not never often repeatedly reportedly recently once again even
    quickly publicly privately first last further especially particularly openly consistently
    previously initially immediately largely clearly specifically newly""".split()
)
# Auxiliaries of a negated verb ("does not expect", "didn't respond"): the stance is the
# subject's all the same, so they are skipped like "has" (only with a verb stem, see below).
NEGATING_AUXILIARIES = frozenset(
    """do does did don't doesn't didn't won't wouldn't can't cannot couldn't isn't aren't wasn't
    weren't hasn't haven't hadn't shouldn't""".split()
)
_VERB_WORD_RE = re.compile(r"[A-Za-z\u2019'-]+")
_AUXILIARIES = frozenset("will would could should may might can must do does did".split())
_REFLEXIVES = frozenset("himself herself themselves itself".split())
_TIME_ADJUNCT_RE = re.compile(_TIME_ADJUNCT)
# Past tenses whose stem is not their present's: "sought" is a form of "seek".
_IRREGULAR_PAST = {"said": "say", "told": "tell", "thought": "think", "sought": "seek", "knew": "know",
                   "felt": "feel", "saw": "see", "found": "find", "made": "make", "took": "take",
                   "gave": "give", "wrote": "write", "spoke": "speak", "held": "hold", "led": "lead",
                   "ran": "run", "went": "go", "began": "begin", "brought": "bring", "drew": "draw",
                   "chose": "choose", "meant": "mean", "understood": "understand", "kept": "keep",
                   "left": "leave", "got": "get", "won": "win", "lost": "lose", "fought": "fight",
                   "bought": "buy", "taught": "teach", "stood": "stand", "withdrew": "withdraw"}


def is_cue_verb(word: str) -> bool:
    """A lower-case word that is a cue verb here or a form of a learned subject verb."""
    return word.islower() and (word in CUE_VERBS or word in SUBJECT_VERBS or verb_stem(word) in SUBJECT_STEMS
                               or verb_stem(word) in NEGATABLE_STEMS)


def _stems(words: str) -> frozenset[str]:
    return frozenset(verb_stem(w) for w in words.split())


def verb_stem(word: str) -> str:
    """One key for the forms of a verb: 'opposes', 'opposed', 'opposing', 'oppose' -> 'oppos';
    'plans', 'planned', 'planning' -> 'plan'; 'sought' -> 'seek'. Not a linguist's lemma, only
    a key under which the counts of a verb's forms are pooled."""
    w = word.lower().replace("\u2019", "'")
    if w in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[w]
    if w.endswith(("ied", "ies")) and len(w) > 4:
        return w[:-3] + "y"  # "denied", "denies" -> "deny"
    if w.endswith("eed") and not w.endswith("eeed") and len(w) > 4 and w not in ("need", "heed", "feed", "seed"):
        w = w[:-1]  # "agreed" -> "agree"
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            w = w[:-len(suffix)]
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsaeiou":
                w = w[:-1]  # "planned" -> "plan" (not "called" -> "cal")
            break
    else:
        if w.endswith(("sses", "shes", "ches", "xes")):
            w = w[:-2]
        elif w.endswith("s") and not w.endswith("ss") and len(w) > 3:
            w = w[:-1]
    if w.endswith("e") and not w.endswith("ee") and len(w) > 3:
        w = w[:-1]  # "hoped" -> "hop", "hope" -> "hop" (not "agree")
    return w


# Verbs of thinking, wanting and taking sides: negated, they still give the subject's view
# ("Ann Lee does not expect a deal", "the union doesn't support the plan").
NEGATABLE_STEMS: frozenset[str] = _stems(
    """expect believe think feel want know hope agree see like understand intend plan support oppose
    favor endorse trust doubt accept""")

_TIME_NAMES = CALENDAR_WORDS


# A capitalised run this long is a headline or a title, cut at its common words.
HEADLINE_RUN = 4


_ACRONYM_RE = re.compile(r"(?:[A-Z]\.?){2,6}")
_ACRONYM_SKIPPED = frozenset("of the and for on in at to".split())


def acronym(name: str) -> str:
    """'Coastal Fisheries Council' -> 'CFC' (joining words left out)."""
    return "".join(w[0] for w in name.split() if w.lower() not in _ACRONYM_SKIPPED and w[:1].isupper())


def _clean_name(run: str, side: str, common_words: Container[str] = COMMON_WORDS) -> tuple[str, bool]:
    """A capitalised run without its common words: 'Recently' -> '', 'After Donald Trump' ->
    'Donald Trump'; a headline run 'Jones Slams Plan' -> 'Jones' (the last part for side
    "left"). Short runs are only cut at their first word ("Mara Quell" stays whole, a
    surname may be a common word). Returns (name, whether anything was cut)."""
    words = run.split()
    trailing = False
    while len(words) > 1 and words[-1].lower().strip(".,") in _TIME_NAMES:
        words.pop()  # "Broaddrick Sunday said": a day after the name
        trailing = True
    if not words:
        return run, False
    if trailing:
        run = " ".join(words)
    common = [k for k, w in enumerate(words) if w.lower().strip(".,\u2019'") in common_words
              and (k == 0 or len(words) >= HEADLINE_RUN)
              and not (k == 0 and 2 <= len(words) < HEADLINE_RUN and _is_noun_like(w))]
    if not common:
        return run, trailing
    parts: list[list[str]] = [[]]
    for k, w in enumerate(words):
        if k in common:
            if parts[-1]:
                parts.append([])
        else:
            parts[-1].append(w)
    parts = [p for p in parts if p]
    if not parts:
        return "", True
    pick = parts[-1] if side == "left" else parts[0]
    return " ".join(pick), True




_NAME_SUFFIXES = frozenset("jr sr ii iii iv".split())
# Letters after a name: an honour or a rank, not part of it.
POST_NOMINALS = frozenset("KC QC MP MEP MBE OBE CBE PhD MD SC".split())
# Words that open a sentence before a name: never part of it.
_OPENER_WORDS = frozenset("""after before when while as but and so yet or if then now still also meanwhile
    however moreover instead later earlier soon today yesterday tonight tomorrow there here this that
    these those some many most all both each every another other such in on at by for from with
    without of to into since during under over about against among between through despite unlike
    like even only just already again once twice last next first second third new old more less
    also though although because until unless whether what who which where how why his her their
    its our my your we they he she it i you one two three four five six seven eight nine ten
    mr mrs ms dr sen rep gov does do did was were is are had has have will would can could should
    may might must top former team""".split())
# Last words of place names, and nationality words, that a capitalised run may be taken from.
PLACE_WORDS = frozenset("""city county town village island islands shoal sea river valley province district
    region square street avenue airport port harbour harbor bay beach park""".split())
DEMONYMS = frozenset("""american russian iranian syrian cambodian indonesian nigerian mexican canadian
    australian italian brazilian egyptian ukrainian palestinian israeli iraqi afghan pakistani indian
    korean african european asian german french thai vietnamese philippine filipino""".split())


def _is_noun_like(word: str) -> bool:
    """A capitalised first word that may belong to a name ("Age UK", "Doctors Without Borders",
    "Son Woo-mok"), not a sentence opener ("Recently", "Meanwhile", "After", "Then")."""
    w = word.lower().strip(".,\u2019'")
    return not (w in _OPENER_WORDS or w.endswith(("ly", "ing", "ed")) or w in CALENDAR_WORDS)


def _may_be_body(e: "Entity") -> bool:
    """A speaker that may be an organisation: one word, no given name, title or gender."""
    return (e.kind == "institution" or (" " not in e.name and e.gender is None and not e.title
                                        and name_gender(e.name) is None))


def _is_demonym(word: str) -> bool:
    """'Chinese', 'Turkish', 'Nigerian': a nationality, never a speaker's name."""
    w = word.lower()
    return w in DEMONYMS or (" " not in w and w.endswith(("ish", "ese")))


def _is_surname_frame(masked: str, left: str, lm: re.Match[str], ce: int) -> bool:
    """', Law said.': one capitalised common word between the content's comma and a cue that ends
    the sentence."""
    word = lm.group("subj")
    return (" " not in word and word[:1].isupper() and word.lower() in COMMON_WORDS and not lm.group("appos")
            and word.lower() not in NOT_NAMES and word.lower() not in PRONOUNS and word.lower() not in BARE_GROUPS
            and word.lower() not in GROUP_NAMES and word.lower().rstrip("s") not in ROLE_NOUNS | INSTITUTION_NOUNS
            and left[:lm.start("subj")].rstrip().endswith(",")
            and not left[lm.end("subj"):].strip() and not _LOWER_WORD_AFTER.search(masked, ce))


def _opening(text: str) -> int:
    """Where a unit's words start, past spaces, masked quotes and opening marks."""
    return len(text) - len(text.lstrip(" \x1f\"\u201c("))


def _is_determiner_use(words: list[str], k: int) -> bool:
    """'that 2013 report', 'this panel': "that"/"this" before a year or a noun of a source, no clause."""
    if words[k].lower() not in ("that", "this") or k + 1 >= len(words):
        return False
    nxt = words[k + 1].lower().strip(".,")
    return nxt[:1].isdigit() or nxt in ROLE_NOUNS or nxt in INSTITUTION_NOUNS or nxt in EVIDENCE_NOUNS


def _is_person_name(appos: str) -> bool:
    """'Ann Lee', 'W. Patrick Murphy': two to four capitalised words, no institution."""
    words = appos.split()
    while len(words) > 2 and words[0].lower() in TITLE_WORDS:
        words = words[1:]  # "Gen. Joseph F. Dunford Jr.": the title is no name word
    if len(words) > 2 and words[-1].lower().strip(".,") in _NAME_SUFFIXES:
        words = words[:-1]
    return (2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)
            and not any(w.lower().strip(".") in INSTITUTION_NOUNS or w.lower() in NOT_NAMES for w in words)
            and not any(ch.isdigit() for ch in appos))


# A relative clause ends a title: "the party's MP who told parliament that ..." is
# the title "party's MP" plus a report, not a title.
# A description before a name: adjectives, lower-case role words and a title abbreviation.
_DESCRIBED_NAME = re.compile(
    r"(?P<adj>(?:[A-Z][\w-]*\s+){1,2})(?P<role>(?:[a-z][\w-]*\s+){0,4})"
    r"(?P<abbr>(?:(?:Sen|Rep|Gov|Gen|Lt|Col|Dr|Mr|Mrs|Ms|Sgt|Capt|Adm|Rev)\.\s+|"
    r"(?:Senator|Representative|Governor|President|Speaker|Secretary|Mayor|Judge)\s+)?)"
    r"(?P<name>" + NAME + r")")


def _is_description(m: re.Match[str]) -> bool:
    """The words before the name make a title: a role noun among them, or a title abbreviation."""
    roles = m.group("role").split()
    if not roles and not m.group("abbr"):
        return False
    if any(w.lower() in NOT_NAMES for w in m.group("adj").split()[:1]):
        return False
    if any(w in NOT_NAMES - {"former"} for w in roles):
        return False  # "Clinton told the crowd ...": a verb phrase, not a title
    if any(w.endswith(("ed", "ly")) or w in COMMON_VERB_FORMS for w in roles):
        return False  # "Mara Quell sternly reprimanded Mr. Dorn": a verb and its object
    name = m.group("name").split()
    return (any(w in ROLE_NOUNS for w in roles) or bool(m.group("abbr"))) and \
        name[0].lower() not in TITLE_WORDS and name[0].lower() not in COMMON_WORDS


# Sentence adverbs that open a sentence before its subject ("Moreover, Ann Lee, ..., said").
DISCOURSE_ADVERBS: frozenset[str] = frozenset(
    """however meanwhile moreover furthermore additionally separately still yet also similarly likewise
    nevertheless nonetheless instead indeed today yesterday earlier later""".split())
# A discourse adverb and its comma opening a source phrase ("However, the brief said").
_DISCOURSE_LEAD = re.compile(r"(?i:" + "|".join(sorted(DISCOURSE_ADVERBS)) + r"),\s*")
# First words of an adjunct that a subject pattern may take for a name ("In July,").
# Words opening a clause that a capitalised run may start with ("As Ann Lee, a lawyer, said").
_CLAUSE_OPENERS = frozenset("as but and so yet or when while if because although though since".split())
_ADJUNCT_OPENERS = frozenset("in on at after before during since last this earlier later by from".split())
_HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. dr dr. miss".split())
_POSSESSIVE_RE = re.compile(r"['\u2019]s?\s+")
_RELATIVE_WORDS = frozenset("who whom whose which".split())
_RELATIVE_CLAUSE = re.compile(r"\s+(?:who|whom|whose|which|that|where|when)\b.*$", re.S)


def _trim_title(appos: str) -> str:
    t = _RELATIVE_CLAUSE.sub("", " " + appos.strip()).strip()
    return re.sub(r"^the\s+", "", t, flags=re.I).strip()


def _is_title(appos: str) -> bool:
    words = [w.lower().strip("()") for w in appos.split()]
    if words and words[0] in _RELATIVE_WORDS:
        return False  # "Ann Lee, who spoke through her press secretary, ...": a clause, no title
    return any(w in ROLE_NOUNS for w in words) or (bool(words) and words[0] in ("a", "an", "the") and len(words) > 1)


def _subject_at_start(text: str) -> Optional[re.Match[str]]:
    """The subject of a sentence, after any introductory phrase."""
    stripped = text.lstrip(" \x1f\u201c\"(")
    pos = len(text) - len(stripped)
    # "In Dara, ambassador ..., issued": a name with an appositive wins over an intro
    m = _SUBJECT_AT_START.match(text, pos)
    if m is not None and m.group("appos") and _is_title(m.group("appos")) \
            and not m.group("appos").lstrip()[:1].isupper() \
            and not any(w.lower() in CALENDAR_WORDS for w in m.group("subj").split()):
        # ("In London, Owen Jones, ..." is a place; "In April, a poll found ..." a time)
        return m
    cm = _CONJUNCTION_START.match(text, pos)
    if cm is not None:
        pos = cm.end()  # "And despite the lure of riches, the founders insisted"
    im = _INTRO_RE.match(text, pos)
    if im is not None:
        pos = im.end()
        # "Ebeling reminisced ..., and said": a name ending in -ing or -ed is no participle clause
        for pm in _ING_PIECE.finditer(text, im.start(), im.end()):
            if pm.group(1).lower() not in COMMON_WORDS and pm.group(2) not in _PARTICIPLE_FOLLOWERS:
                pos = pm.start(1)
                break
    cm = _CONJUNCTION_START.match(text, pos)
    if cm is not None:
        pos = cm.end()
    m = _SUBJECT_AT_START.match(text, pos)
    if m is None:
        return None
    words = m.group("subj").split()
    first = words[0].lower()
    if first in NOT_NAMES and first not in PRONOUNS and first not in ("the", "a", "an"):
        # "In Dara, ambassador ...,": a name that starts like a preposition, told
        # apart by its title
        if not (len(words) > 1 and m.group("appos") and _is_title(m.group("appos"))):
            return None
    return m
