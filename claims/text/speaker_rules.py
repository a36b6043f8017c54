"""The rule tables of the speaker rules (speakers.py): verbs of saying and belief, with the cue
words learned from PolNeAR train (data/cue_lexicon.json); role, title and institution nouns; places;
and the patterns of names, subjects, appositives and datelines built from them. Data and patterns
only: what they mean for an article is decided in speakers.py.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from claims.text.vocab import CALENDAR_WORDS, MONTH_NAMES, WEEKDAY_NAMES

# Reporting verbs: their subject is the speaker of the sentence.
CUE_VERBS: frozenset[str] = frozenset(
    """said says say saying told tells telling added adds adding explained explains explaining
    claimed claims claiming denied denies denying insisted insists insisting stressed stresses
    stressing noted notes noting suggested suggests suggesting argued argues arguing warned warns
    warning stated stating announced announces announce announcing confirmed confirms
    confirming acknowledged acknowledges admitted admits asserted asserts asserting emphasised
    emphasized emphasises emphasizes emphasising emphasizing reiterated reiterates reiterating
    maintained maintains contended contends observed observes remarked remarks wrote writes
    tweeted posted replied replies responded responds recalled recalls predicted predicts
    estimated estimates revealed reveals disclosed discloses alleged alleges urged urges
    concluded concludes agreed agrees cautioned cautions complained complains conceded concedes
    declared declares indicated indicates mentioned mentions promised promises pledged pledges
    vowed vows assured assures countered counters highlighted highlights underlined underscored
    underscores testified testifies reported reports accused accuses asked asks questioned
    ruled ruling puts putting assert insist argue deny maintain contend
    rejected rejects dismissed dismisses described describes contradicted praised criticised
    criticized condemned
    believed believes thinks thought feels felt expects expected
    answered answers barked shouted yelled screamed quipped joked mused wondered pleaded snapped
    retorted interjected tweeted tweets wants want called calls criticized criticizes exclaimed
    cried chanted chanting shouting yelling beamed gushed exhorted sighed scoffed chimed
    put affirmed affirms accepted""".split()
)
# Cue words learned from PolNeAR train (bench/build_cue_lexicon.py): words that are
# mostly used as part of an attribution cue in political news ("blasted", "touted").
_LEXICON = json.loads((Path(__file__).parent / "data" / "cue_lexicon.json").read_text(encoding="utf-8"))
LEARNED_CUES: frozenset[str] = frozenset(_LEXICON["words"])
# Verbs that make the subject of a sentence its source when they follow it ("Sanders
# defended his plan", "Trump blasted the deal"), learned the same way.
SUBJECT_VERBS: frozenset[str] = frozenset(_LEXICON["subject_verbs"])
# The same verbs by stem (verb_stem), learned over all forms together, so that a form rare in
# the training set counts with its siblings: "opposes" with "opposed", "is pledging" with "pledged".
SUBJECT_STEMS: frozenset[str] = frozenset(_LEXICON.get("subject_stems", ()))
# Never cues although the counts keep them: nouns far more often than verbs in news.
NEVER_CUES: frozenset[str] = frozenset("states rules shows".split())
CUE_VERBS = (CUE_VERBS | LEARNED_CUES) - NEVER_CUES
SUBJECT_VERBS = SUBJECT_VERBS - NEVER_CUES
# Cues that report a belief rather than an utterance (Attribution.strong is False for
# them); they attribute their content all the same ("Ann Lee believes the levy is too high").
BELIEF_CUES: frozenset[str] = frozenset("""believed believes thinks thought feels felt expects expected
    think believe fear expect hope worry""".split())
# (the plural forms too: "Republicans think ...", "Some Democrats fear ...")
CUE_VERBS = CUE_VERBS | BELIEF_CUES
# Multi-word cues with the speaker after them.
CUE_PHRASES_BEFORE_SPEAKER: tuple[str, ...] = ("according to", "in the words of", "as stated by", "as reported by",
                                               "as first reported by")

# Role nouns: a phrase ending in one is a title ("outgoing US ambassador to Cambodia").
ROLE_NOUNS: frozenset[str] = frozenset(
    """ambassador spokesperson spokesman spokeswoman minister president director secretary chairman treasurer
    chairwoman chair chairperson ceo cfo founder co-founder cofounder head chief leader official
    officer analyst professor researcher lecturer scientist expert economist lawyer attorney judge
    governor mayor senator representative congressman congresswoman councillor councilor
    commissioner commander general colonel captain lieutenant sergeant admiral manager
    executive editor reporter journalist activist advocate coordinator adviser advisor consultant
    deputy vice-president premier chancellor king queen prince princess spokespeople
    representative envoy diplomat member mp lawmaker legislator candidate owner partner
    principal teacher doctor physician nurse dean rector president-elect secretary-general mla mep parent
    director-general undersecretary under-secretary governor-general prosecutor
    investigator inspector superintendent chief-of-staff strategist campaigner organiser
    organizer fellow student resident witness vendor farmer worker boss hopeful nominee candidate
    front-runner frontrunner pollster host anchor star actress actor businessman billionaire mogul
    rival challenger incumbent contender surrogate aide operative donor counsel columnist
    commentator writer author pastor neurosurgeon surgeon economist historian scholar moderator
    co-moderator interviewer panelist delegate committeeman committeewoman protester
    volunteer colleague co-worker coworker neighbour neighbor accountant barrister solicitor
    engineer""".split()
)
# Capitalised words that open a title before a name ("Prime Minister Hun Manet").
TITLE_WORDS: frozenset[str] = frozenset(
    """prime minister deputy vice president secretary general senator sen. governor gov. mayor
    ambassador dr. dr mr. mr mrs. mrs ms. ms prof. prof professor judge justice chief foreign
    defence defense finance interior health education commerce trade king queen prince princess
    sheikh pope lord sir dame rev. reverend father bishop archbishop cardinal rabbi imam
    lieutenant lt. colonel col. major maj. captain capt. sergeant sgt. admiral adm. commander
    representative rep. congressman congresswoman councillor councilman councilwoman chairman
    chairwoman chancellor premier speaker senior spokesman spokesperson spokeswoman director
    ceo chair attorney gen. field marshal officer detective det. inspector superintendent
    supt. pastor brother sister master del. delegate hon. hon honourable honorable treasurer
    datuk dato dato' datin seri tun tunku tengku puan encik madam haji hajjah pm cm barr. barr engr. engr alh. alh
    """.split()
)
# Head words of institution names and descriptions ("the ministry", "police").
INSTITUTION_NOUNS: frozenset[str] = frozenset(
    """ministry government police embassy company court council agency department office committee
    commission party army military navy union organisation organization group firm bank
    institute university authority authorities administration board campaign network
    association federation foundation fund coalition alliance cabinet parliament assembly
    senate congress tribunal prosecutors prosecution secretariat centre center corporation
    corp inc ltd plc team club league hospital school college unit bureau service services
    watchdog regulator consortium monitor report study survey spokesperson's
    officials analysts experts critics residents witnesses researchers scientists doctors
    observers diplomats sources lawyers activists protesters villagers workers inspectorate
    directorate prosecutor's paper newspaper magazine network outlet station poll polls analysis
    rebels militants insurgents fighters troops demonstrators""".split()
)
# Plural groups that can speak without an article ("Police said", "officials said").
BARE_GROUPS: frozenset[str] = frozenset(
    """police officials authorities analysts experts critics residents witnesses researchers
    scientists doctors observers diplomats sources lawyers activists protesters villagers
    prosecutors investigators rebels militants insurgents""".split()
)
# Lower-case words allowed inside a premodifier title ("outgoing US ambassador").
TITLE_MODIFIERS: frozenset[str] = frozenset(
    """outgoing incoming former acting deputy senior chief newly appointed new then interim
    retired veteran longtime long-time top junior assistant associate executive regional
    provincial national local foreign defence defense finance interior health education
    political economic independent opposition government ruling party military police
    prime permanent general vice co-founder founding and of the for to at in on from""".split()
)
# Last words of company names: "Corvel Chemicals" is what "the company" later refers to.
COMPANY_WORDS: frozenset[str] = frozenset(
    """chemicals industries holdings group motors airlines airways systems technologies pharmaceuticals
    pharma energy oil gas mining steel foods bank insurance telecom communications media logistics
    shipping construction electric power corp corporation co inc ltd plc llc ag sa gmbh bhd berhad tbk pte""".split()
)
COMPANY_NOUNS: frozenset[str] = frozenset("company firm group corporation operator owner owners".split())
# Role nouns that name the same role: "the spokeswoman" after "spokesperson Ann Lee".
_SPOKES = ("spokesperson", "spokeswoman", "spokesman")
ROLE_SYNONYMS: dict[str, tuple[str, ...]] = {n: _SPOKES for n in _SPOKES}
ROLE_SYNONYMS["premier"] = ("premier", "prime minister")  # "the premier" after "Prime Minister Ann Rao"
# People who speak for a body: "a police spokesperson said" is the police speaking.
SPOKES_NOUNS: frozenset[str] = frozenset("spokesperson spokesman spokeswoman official officials".split())
# Places of two or more words that look like a person's name ("New Hampshire", "Las Vegas").
PLACE_NAMES: frozenset[str] = frozenset(
    s.strip().lower() for s in """New Hampshire|New York|New Jersey|New Mexico|North Carolina|South Carolina|
    North Dakota|South Dakota|West Virginia|Rhode Island|United States|United Kingdom|United Nations|
    Las Vegas|Los Angeles|San Francisco|San Diego|San Jose|San Antonio|New Orleans|Salt Lake City|
    Des Moines|St. Louis|Hong Kong|New Delhi|Saudi Arabia|South Africa|North Korea|South Korea|
    New Zealand|Sri Lanka|Costa Rica|Puerto Rico|El Salvador|Middle East|Latin America|
    European Union|Wall Street|White House|Capitol Hill|Silicon Valley""".replace("\n", "").split("|"))
# A party's members: "said a New Hampshire Democrat".
PARTY_MEMBERS: frozenset[str] = frozenset("democrat republican democrats republicans".split())
# Last words of the names of outlets and groups ("The Washington Post", "Human Rights Watch",
# "Black Lives Matter"), and places of one word: never "he" or "she".
OUTLET_WORDS: frozenset[str] = frozenset(
    """post times news journal observer herald tribune gazette magazine watch matter press daily
    weekly wire radio tv channel blog cowboys""".split())
ONE_WORD_PLACES: frozenset[str] = frozenset(
    """alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii
    idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan
    minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania
    tennessee texas utah vermont virginia wisconsin wyoming america mexico canada china russia iran
    iraq syria israel japan germany france britain cuba ukraine europe africa asia
    afghanistan albania algeria angola argentina armenia australia austria azerbaijan bahrain
    bangladesh belarus belgium benin bhutan bolivia bosnia botswana brazil brunei bulgaria burundi
    cambodia cameroon chad chile colombia congo croatia cyprus czechia denmark djibouti ecuador egypt
    eritrea estonia eswatini ethiopia fiji finland gabon gambia ghana greece guatemala guinea guyana
    haiti honduras hungary iceland india indonesia ireland italy jamaica jordan kazakhstan kenya
    kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia libya lithuania luxembourg
    madagascar malawi malaysia maldives mali malta mauritania mauritius moldova mongolia montenegro
    morocco mozambique myanmar namibia nepal netherlands nicaragua niger nigeria norway oman pakistan
    palestine panama paraguay peru philippines poland portugal qatar romania rwanda senegal serbia
    singapore slovakia slovenia somalia spain sudan suriname sweden switzerland taiwan tajikistan
    tanzania thailand togo tunisia turkey turkmenistan uganda uruguay uzbekistan venezuela vietnam
    yemen zambia zimbabwe gaza beijing moscow tehran baghdad kabul kyiv kiev jakarta bangkok manila
    hanoi dhaka karachi lahore islamabad nairobi lagos abuja cairo riyadh ankara istanbul damascus
    beirut amman jerusalem brussels berlin paris london madrid rome bogota caracas lima santiago
    tokyo seoul taipei canberra""".split())
# Roles by which news refers again to the person it is about ("the senator said"), when no
# person with that title is known; not the roles of those who speak for somebody else
# ("the spokesman", "the aide", "the official" are new persons).
FOCUS_ROLES: frozenset[str] = frozenset(
    """candidate nominee senator governor congressman congresswoman mayor president president-elect
    front-runner frontrunner hopeful mogul billionaire businessman businesswoman actor actress star
    host rival challenger incumbent contender lawmaker minister premier chancellor king queen prince
    princess secretary leader chairman chairwoman founder ceo author pastor neurosurgeon surgeon judge
    general admiral commander columnist writer anchor entrepreneur developer officer colonel
    lieutenant captain sergeant envoy ambassador head executive legislator parliamentarian""".split())
# Offices among them: one held by the person in focus under another title is someone else's.
OFFICE_ROLES: frozenset[str] = frozenset(
    """senator governor congressman congresswoman mayor president minister premier chancellor king queen
    prince princess secretary judge envoy ambassador""".split())
# Capitalised common nouns of state ("the head of State"): no name of their own.
_GENERIC_CAPITALS = frozenset("state republic government nation parliament cabinet".split())
# Last words of a minister's portfolio ("Minister for Home Affairs Ann Rao").
PORTFOLIO_WORDS = frozenset("""affairs relations resources development security defence defense health
    education finance trade justice energy interior agriculture environment transport commerce labour
    labor information communications planning mines fisheries tourism culture sports youth water power
    railways economy industry works housing welfare""".split())
# A body's name in apposition: capitalised words, maybe "(Pty)", "&", "of".
_ORG_APPOS = re.compile(r"[A-Z][\w.&'\u2019-]*(?:\s+(?:[A-Z][\w.&'\u2019-]*|\([A-Za-z]{2,5}\)|&|of|and|for))*")
# Lower-case words naming a body's field ("a Turkish foreign ministry official").
_BODY_MODIFIERS = PORTFOLIO_WORDS | frozenset("foreign state federal provincial regional local".split())
# "the 57-year-old": an age for the person in focus.
_AGE_NOUN = re.compile(r"\d{1,3}-year-old")
# "was quoted as saying": the words after the cue that still belong to the frame.
AS_SAYING = re.compile(r"\s+as\s+saying\b")
_NP_AS_SAYING = re.compile(r"\s+(?P<np>(?:[Aa]n?|[Tt]he|[Oo]ne|[Aa]nother|[Tt]wo|[Ss]everal)\s[^,;:\x1f]{2,80}?)\s+as\s+saying\b")
_OBJECT_PRONOUN_SAYING = re.compile(r"\s+(?P<pron>him|her|them)\s+as\s+saying\b")
_PHRASE_PRONOUN = re.compile(r"\b(?P<cue>[Aa]ccording to)\s+(?P<pron>him|her)\b")
_EVIDENCE_AFTER = re.compile(r"\s+(?:[a-z]+\s+)?(?:data|figures|statistics|records|estimates|report|survey|poll)\b")
_AGE_NP = re.compile(r"[Tt]he\s+" + _AGE_NOUN.pattern)  # "The 57-year-old said"
MAX_FOCUS_ROLE_WORDS = 5
# Persons met in passing kept for finding again by surname.
MAX_MENTIONED = 200
# How many persons back "he" / "she" may reach (past one of the other gender).
MAX_RECENT_PERSONS = 4
PRONOUNS: dict[str, str] = {"he": "person", "she": "person", "they": "any", "it": "institution"}
# Sentence openers that are not speakers.
NOT_NAMES: frozenset[str] = frozenset(
    """the a an this that these those it its he she they we i you his her their our in on at
    for after before during while when if as since although though but and however meanwhile
    yet so still also according last next some many most all no not one two three speaking
    asked there here what who why how where which mr mrs ms dr""".split()
) | CALENDAR_WORDS  # a day or a month is a time, never a speaker ("Reyk on Friday confirmed")
_TIME_WORDS = "(?:" + "|".join(WEEKDAY_NAMES + MONTH_NAMES) + ")"
# a time adjunct between a subject and its cue: "Reyk on Friday confirmed", "Tal later on Friday said"
# ("Gowdy earlier Thursday said", "Beck last week said")
_TIME_ADJUNCT = (r"(?:\s+(?:(?:late|early|later|earlier)\s+)?(?:(?:(?:on|last|this|in)\s+)?" + _TIME_WORDS
                 + r"(?:\s+\d{1,2})?|(?:last|this)\s+(?:week|weekend|month|year))"
                 r"(?:\s+(?:morning|afternoon|evening|night))?)?")

_TITLE_ABBREV = r"(?:Sen|Rep|Gov|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Rev|Prof|Supt|Det|Insp|Mrs|Del|Hon)\."
# ("al-Saadi", "el-Sisi": an Arabic article joined to the name)
_NAME_TOKEN = (r"(?:(?:[A-Z]\.){2,3}|" + _TITLE_ABBREV + r"|[A-Z][a-z]?\.|(?:al|el|ad|as|an|ash|at|az)-[A-Z][\w-]*|"
               r"[A-Z][\w\u00c0-\u024f-]*(?:['\u2019][A-Z][\w-]*)?)")
_PARTICLE = r"(?:de|da|van|von|bin|binti|al|el|le|la|del|di|dos|der|ibn|ben|du|das|de\s+la|van\s+der|van\s+den)"
NAME = r"(?<!\w)" + _NAME_TOKEN + r"(?:\s+(?:" + _PARTICLE + r"\s+)?" + _NAME_TOKEN + r")*"
_ROLE_ALT = "|".join(sorted(map(re.escape, ROLE_NOUNS | INSTITUTION_NOUNS), key=len, reverse=True))
# "the spokesperson", "a Cambodian official", "the defence ministry", "a spokesperson for the ministry"
DESCRIPTION = (r"\b(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Aa]nother|[Oo]ne|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?:[\w\u2019'.-]+\s+){0,4}?(?:(?i:" + _ROLE_ALT
               # "a New Hampshire Democrat", not "the Republican National Committee"
               + r")(?:s\b)?|(?:Democrat|Republican)s?\b(?!-|\s+[A-Z]))"
               + r"(?:\s+(?:for|of|at|on|in|by|to|from|close\s+to|familiar\s+with)\s+(?!" + _TIME_WORDS + r"\b)(?:the\s+)?"
               + NAME + r"(?:\s+(?:and|for|of)\s+" + NAME + r")?)?")
_GROUP_ALT = "|".join(sorted(BARE_GROUPS, key=len, reverse=True))
# A party label after a US politician's name: "Sen. Ann Fox (D-Ore.)", blanked for the rules.
_PARTY_LABEL = re.compile(r"\s?\((?:(?:[RDI]|Ind|Dem|Rep)\.?(?:-[A-Z][\w. ]{0,15})?|[A-Z][a-z]{1,4}\.)\)")  # (D-Ore.), (Mich.)
# The same between commas, its commas too: "Mitch McConnell, R-Ky., said" (the name, then the cue);
# an appositive after it keeps its comma: "Marco Rubio, R-Fla., appearing on Fox, said".
_PARTY_LABEL_COMMAS = re.compile(r",\s*[RDI]-[A-Z][\w.]*(?:\s[A-Z][\w.]*)?(?:,(?!\s+(?:an?|the|who|which|whose|[a-z]+ing)\b))?(?=[,\s])")
# A body's acronym in brackets after its name, before the cue.
_ACRONYM_PAREN = re.compile(r"\s?\((?:[A-Z]\.?){2,8}\)(?=\s+[a-z])")
# A title in quote marks ending an appositive, its comma inside the marks ('the show "The Tower," said').
_COMMA_IN_MARKS = re.compile(r",([\"\u201d])(?=\s+[a-z])")
# A live blog's time stamp opening a post: "2.14pm: ", "14:05 - ", "9:30 a.m.:".
TIME_LABEL = re.compile(r"\d{1,2}[.:]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?\s*(?::|[-\u2013\u2014])\s+")


# A dateline opening a story: "TALLAHASSEE —", "BUENA PARK, Calif. -", "WASHINGTON, Dec. 8 (UPI) —".
# Its place is where the story was filed, never a speaker.
_DATELINE = re.compile(r"\s*[A-Z\u00c0-\u00de][A-Z\u00c0-\u00de.'\u2019-]+(?:\s+[A-Z\u00c0-\u00de][A-Z\u00c0-\u00de.'\u2019-]+){0,3}"
                       r"(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?(?:,?\s+[A-Z][a-z]{2,3}\.?\s+\d{1,2})?"
                       r"(?:\s*\([^()\n]{1,20}\))?\s*[\u2014\u2013-]+\s")


# The same in mixed case, with a country or a date after a comma: "Baghdad, Iraq - ",
# "Bogotá, Mar 18 (EFE).- ".
DATELINE_MIXED = re.compile(r"\s*[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){0,2}(?:,\s*[A-Z][\w.]*(?:\s+[A-Z0-9][\w.]*){0,2}"
                            r"(?:\s*\([^()\n]{1,20}\))?|\s*\((?:AFP|AP|Reuters|UPI|EFE|dpa|ANSA|Xinhua|PTI|IANS|ANI|Bernama|Yonhap|Kyodo|TASS|CNN)\))"
                            r"\s*\.?\s*[\u2014\u2013-]+\s+(?=[A-Z\"\u201c])")  # "Dalton (AFP) - "


_ANONYMITY = re.compile(r",\s+(?:speaking\s+on\s+(?:the\s+)?condition\s+of\s+anonymity|requesting\s+anonymity)"
                        r"(?:\s+(?:because|as|since)\s+[^,\x1f]{1,100})?,?|"
                        r",?\s+who\s+(?:asked|requested|spoke\s+on\s+(?:the\s+)?condition)\s+(?:not\s+to\s+be\s+(?:named|identified)|of\s+anonymity)"
                        r"(?:\s+(?:because|as|since)\s+[^,\x1f]{1,100}?(?=,?\s+(?:said|told|says|added|admitted|insisted|confirmed)\b))?,?")
