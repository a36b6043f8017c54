"""Golden tables, one per failure class seen on real news (issue 13): who said what.

Every text here is invented for this project (names, places, numbers); none is
copied from a data set. Each case: (name, article text, [(substring of a statement,
expected kind, expected speaker)]); kind None means "any".
"""
from __future__ import annotations

from datetime import date

import pytest

from claims.text.extract import extract_statements
from claims.text.records import Article

ROLE_AND_PRONOUN = [
    ("role noun after an appositive name",
     "A spokeswoman, Dana Ortiz, said the plant would stay closed.\n\n"
     "Inspectors visited the site on Monday.\n\n"
     "The spokeswoman added that the cleanup would take a year.",
     [("stay closed", "indirect_quote", "Dana Ortiz"),
      ("cleanup would take", "indirect_quote", "Dana Ortiz")]),
    ("a description with another name is another body",
     "The Darrow campaign said the levy would fall.\n\nThe Brill campaign said it would rise.\n\n"
     "The campaign added that it had new figures.",
     [("levy would fall", "indirect_quote", "Darrow campaign"), ("it would rise", "indirect_quote", "Brill campaign"),
      ("new figures", "indirect_quote", "Brill campaign")]),
    ("the company for the firm named earlier",
     "Halvard Freight Holdings reported a loss of 12 million crowns.\n\n"
     "The company said fuel costs had doubled.",
     [("fuel costs had doubled", "indirect_quote", "Halvard Freight Holdings")]),
    ("he across paragraphs",
     "Mayor Tomas Brill said the bridge was safe.\n\n"
     "Engineers disagreed in a report last week.\n\n"
     "He said repairs would start in June.",
     [("repairs would start", "indirect_quote", "Tomas Brill")]),
    ("he for the person the last sentence named, not the last speaker",
     "Ivo Darrow, the harbour master, said the wall was sound.\n\n"
     "\"The cracks are new,\" said Tomas Brill, an engineer.\n\n"
     "The board asked Darrow for a second inspection on Friday.\n\n"
     "He said the cracks were old.",
     [("cracks were old", "indirect_quote", "Ivo Darrow")]),
    ("he for a full name met in passing, then found by surname",
     "Ines Darrow, the harbour master, said the wall would hold.\n\n"
     "On the pier stood the veteran pilot Robert Stovall.\n\n"
     "He said the tide had turned.\n\n"
     "Stovall added that the boats would wait.",
     [("tide had turned", "indirect_quote", "Robert Stovall"), ("boats would wait", "indirect_quote", "Robert Stovall")]),
    ("she past a man named since",
     "Ms. Lena Ortiz said the clinic would close in June.\n\n"
     "Mr. Tomas Brill, the mayor, said he had not been told.\n\n"
     "She said the staff would move to Kestrel.",
     [("staff would move", "indirect_quote", "Lena Ortiz")]),
]

CAPITALISED_NON_SPEAKERS = [
    ("sentence-initial adverb",
     "Earlier, Ines Darrow said the tender had been cancelled.",
     [("tender had been cancelled", "indirect_quote", "Ines Darrow")]),
    ("sentence-initial quantity word",
     "More than 40 families left the valley, officials said.",
     [("40 families", None, "officials")]),
    ("preposition before a name",
     "After Gustav Prell resigned, the board said it would pick a new chair.",
     [("new chair", "indirect_quote", "board")]),
    ("place names inside the subject",
     "Most voters in Harlow, Tenby and Kestrel said the tax was too high.",
     [("tax was too high", None, "Most voters in Harlow, Tenby and Kestrel")]),  # the source as written
    ("dateline place name",
     "KESTREL — Rana Oduya defended the port plan, saying it would bring 900 jobs.",
     [("900 jobs", "indirect_quote", "Rana Oduya")]),
    ("honorific with a surname that is also a word",
     "“The market will recover,” Mr. Hedgeway Stone said. “Prices always come back,” Mr. Stone said.",
     [("market will recover", "direct_quote", "Hedgeway Stone")]),
]

ACRONYMS_AND_FULL_NAMES = [
    ("description before a name with a party label",
     "Democratic presidential candidate Sen. Ada Brell (D-Ore.) said the tax would fall on 2 percent of homes.",
     [("2 percent of homes", "indirect_quote", "Ada Brell")]),
    ("organisation named in full, then by acronym",
     "The Coastal Fisheries Council (CFC) said catches fell by a third.\n\n"
     "The CFC added that quotas would be cut.",
     [("catches fell", "indirect_quote", "Coastal Fisheries Council"),
      ("quotas would be cut", "indirect_quote", "Coastal Fisheries Council")]),
]

FRAMES = [
    ("according to a noun phrase",
     "Turnout fell to 41 percent, according to early figures from the Valdor Election Board.",
     [("Turnout fell", "indirect_quote", "early figures from the Valdor Election Board")]),
    ("speaker after the quote across a paragraph break",
     "Councillor Mei Sato spoke for an hour.\n\n"
     "“We were promised a clinic in 2019.\n\n"
     "“We are still waiting,” Sato said.",
     [("promised a clinic", "direct_quote", "Mei Sato")]),
    ("interview transcript",
     "LARSEN: Did the ministry approve the contract?\n\n"
     "OKAFOR: The ministry approved it in March, and the cost was 30 million.",
     [("approved it in March", None, "OKAFOR")]),
    ("headline with a colon",
     "Jana Vries: ‘The port deal is a mistake’\n\n"
     "The opposition leader spoke on Tuesday.",
     [("port deal is a mistake", None, "Jana Vries")]),
    ("paragraph introduced by a colon",
     "Harbour chief Kira Osk wrote on the port's website:\n\n"
     "The north pier will reopen on Monday after repairs.\n\n"
     "Ships waited offshore.",
     [("north pier will reopen", "indirect_quote", "Kira Osk"),
      ("Ships waited", "narration", None)]),
    ("live blog with time stamps",
     "The Latest: Storm closes Kestrel port\n\n3:45 p.m.\n\n"
     "Mayor Ivo Pell says the bridge will reopen on Friday.\n\nHe says crews worked through the night.\n\n"
     "4:10 p.m.\n\nThe opposition party says the repairs were rushed.\n\n"
     "“We warned them in March,” party leader Ana Ruiz told reporters.",
     [("3:45 p.m.", "narration", None), ("crews worked", "indirect_quote", "Ivo Pell"),
      ("repairs were rushed", "indirect_quote", "opposition party"),
      ("warned them", "direct_quote", "Ana Ruiz")]),
    ("quote in two apostrophes",
     "''We will not sell the land,'' said Orin Haldane, the farm's owner.",
     [("sell the land", "direct_quote", "Orin Haldane")]),
    ("quote continued in the next paragraph",
     "“Rents doubled in five years,” said Lena Okoro, a tenant organiser.\n\n"
     "“Nobody here can pay that.”\n\n"
     "The city disputes the figure.\n\n"
     "“It was a fair survey.”",
     [("Nobody here can pay", "direct_quote", "Lena Okoro"),
      ("fair survey", "direct_quote", None)]),  # after a narration paragraph: nobody we can name
]

NON_SPEECH_ATTRIBUTIONS = [
    ("a belief of somebody never quoted", "Ines Darrow believes the harbour levy is far too high.",
     [("levy is far too high", "indirect_quote", "Ines Darrow")]),
    ("criticized", "Senator Ana Ruiz criticized the budget as a giveaway to banks.",
     [("giveaway to banks", "indirect_quote", "Ana Ruiz")]),
    ("wants", "Governor Lukas Brandt wants a new tunnel under the river.",
     [("new tunnel", "indirect_quote", "Lukas Brandt")]),
    ("believes", "Mira Kade told reporters the vote was rigged.\n\nKade believes the count should be repeated.",
     [("count should be repeated", "indirect_quote", "Mira Kade")]),
    ("called for", "The teachers' union called for a 6 percent raise.",
     [("6 percent raise", "indirect_quote", "teachers' union")]),
    ("tweeted", "Pavel Dorn tweeted that the election was over.",
     [("election was over", "indirect_quote", "Pavel Dorn")]),
]

NARRATION_STAYS_CLEAN = [
    ("naming verb", "A new group called Clean Harbour Now held its first meeting.",
     [("first meeting", "narration", None)]),
    ("noun use of a cue word", "Five countries have claims in the strait, and patrols have increased.",
     [("claims in the strait", "narration", None)]),
    ("action, not speech", "Halvard Freight continued its search for a buyer.",
     [("search for a buyer", "narration", None)]),
    ("adding to a lead", "Ines Darrow won the northern district, adding to her lead.",
     [("adding to her lead", "narration", None)]),
    ("results with a colon", "Ines Darrow: 1,204.", [("1,204", "narration", None)]),
    ("plural noun after an adjective", "Coastal states swing toward the opposition.",
     [("Coastal states", "narration", None)]),
    ("adjective use after an article", "Ines Darrow is among an estimated 4,000 donors.",
     [("estimated 4,000", "narration", None)]),
    ("byline", "Tomas Brill reported from Kestrel.", [("reported from", "narration", None)]),
    ("passive action", "Ana Ruiz was released from custody on Monday.", [("released from", "narration", None)]),
    ("amount added", "The port added 1,200 jobs in March.", [("1,200 jobs", "narration", None)]),
    ("a bare article is nobody", "The mayors\u2019 respective estimates of the harbour traffic range from 10 to 25 ships a day.",
     [("harbour traffic", "narration", None)]),
]


# Frames around the source on real prose: datelines, time adjuncts and appositives between
# the source and its cue, inverted order after a clause, indefinite sources.
SOURCE_FRAMES = [
    ("dateline with a date and a wire",
     "HARLOW, May 3 (WNS) \u2014 The Coastal Freight Board issued a statement on Monday, saying it would raise fees.",
     [("raise fees", "indirect_quote", "Coastal Freight Board")]),
    ("inverted order after a clause with a conjunction",
     "The levy has slowed the speed and reach of new hiring, said Tomas Brill, an economist.",
     [("slowed the speed", "indirect_quote", "Tomas Brill")]),
    ("opening adjunct before a source phrase", "In Harlow, 62% of renters said the fees were too high.",
     [("fees were too high", "indirect_quote", "62% of renters")]),
    ("bare time adjunct before the cue", "Tomas Brill earlier Thursday said the bridge would reopen.",
     [("bridge would reopen", "indirect_quote", "Tomas Brill")]),
    ("party label before an appositive",
     "Rep. Ana Ruiz (D-Ore.), chair of the budget panel, said Darrow had misled voters.",
     [("misled voters", "indirect_quote", "Ana Ruiz")]),
    ("a person, not the foundation named after them",
     "A gift from the Ines Darrow Foundation paid for the school.\n\nInes Darrow said the gift was her idea.",
     [("gift was her idea", "indirect_quote", "Ines Darrow")]),
    ("an indefinite poll is a new source",
     "Support stood at 40 percent, according to a Harbour Post poll.\n\n"
     "It has risen to 48 percent, according to a Kestrel Times poll released Monday.",
     [("48 percent", "indirect_quote", "Kestrel Times poll")]),
    ("a study by a body", "Fees rose by a third, according to a 2021 study by the Harbour Institute.",
     [("Fees rose", "indirect_quote", "Harbour Institute")]),
    ("second verb of one predicate", "Ines Darrow then praised the harbour plan and explained its costs.",
     [("harbour plan", "indirect_quote", "Ines Darrow")]),
    ("opening adjunct with a possessive",
     "At Monday night\u2019s forum, Ines Darrow compared herself to Brill, saying, \"I never took a fee from the port.\"",
     [("never took a fee", "direct_quote", "Ines Darrow")]),
    ("headline cue at the end", "Harbour Levy Is A Tax On Every Family, Lena Ortiz Says.",
     [("Every Family", "indirect_quote", "Lena Ortiz")]),
    ("a cue in an opening subordinate clause yields to the main clause",
     "While not everything Darrow says is true, Brill said the port figures were right.",
     [("port figures were right", "indirect_quote", "Brill")]),
    ("passive with a lower-case title before the source",
     "Ines Darrow was asked by moderator Tomas Brill whether the levy would rise.",
     [("levy would rise", "indirect_quote", "Tomas Brill")]),
    ("passive with an adverb", "The levy plan was first reported by the Harbour Post.",
     [("levy plan", "indirect_quote", "Harbour Post")]),
    ("a negated modal is no source phrase", "Darrow cannot say that the wall is safe, Brill added, calling the report thin.",
     [("wall is safe", "indirect_quote", "Brill")]),
    ("a stray apostrophe after a quote in wire copy",
     "''I would call it 'a tax on work,''' said Tomas Brill, the harbour master.",
     [("tax on work", "direct_quote", "Tomas Brill")]),
    ("sentence adverb before a name with a long appositive",
     "Moreover, Ines Darrow, director of the Harbour Institute at Kestrel University, noted this week that "
     "the wall was old.", [("wall was old", "indirect_quote", "Ines Darrow")]),
    ("a time before the cue is no source",
     "The Kestrel Times columnist Ana Ruiz has been critical of the mayor but on Tuesday wrote that she agreed with him.",
     [("agreed with him", "indirect_quote", "Ana Ruiz")]),
    ("a place's possessive before the name after an inverted cue",
     "\"We will lose the port,\" said Kestrel's Lena Ortiz, a shipping consultant.",
     [("lose the port", "direct_quote", "Lena Ortiz")]),
    ("an acronym before a group", "GOP analysts say the levy will not pass.",
     [("levy will not pass", "indirect_quote", "GOP analysts")]),
    ("source introduced by 'one' after an inverted cue",
     "\"It will pass,\" said one shipping analyst.", [("It will pass", "direct_quote", "shipping analyst")]),
    ("inverted order after a quote in mid-sentence",
     "The port has grown fast, but \"the levy will slow it down,\" said Jeff Amari, a professor at Kestrel University.",
     [("port has grown", "direct_quote", "Jeff Amari")]),
    ("inverted order after a closing mark whose quote opened earlier",
     "The harbour belongs to all of us and has to stay open,\u201d said Tomas Brill.",
     [("has to stay open", None, "Tomas Brill")]),
    ("a description with its complement", "\"The wall will not hold,\" said a longtime adviser to Ines Darrow.",
     [("wall will not hold", "direct_quote", "longtime adviser to Ines Darrow")]),
    ("headline source before a colon", "Poll: Darrow Leads Brill By Ten Points.",
     [("Darrow Leads", "indirect_quote", "Poll")]),
    ("participle clause before the subject",
     "Walking to the harbour, Ines Darrow recalled the flood and said the wall was too low.",
     [("wall was too low", "indirect_quote", "Ines Darrow")]),
]

CASES = [*ROLE_AND_PRONOUN, *CAPITALISED_NON_SPEAKERS, *ACRONYMS_AND_FULL_NAMES, *FRAMES,
         *NON_SPEECH_ATTRIBUTIONS, *NARRATION_STAYS_CLEAN,
         *SOURCE_FRAMES]


@pytest.mark.parametrize("name,text,expect", CASES, ids=[c[0] for c in CASES])
def test_attribution(name: str, text: str, expect: list) -> None:
    stmts = extract_statements(Article(text=text, published=date(2024, 5, 9)))
    for needle, kind, speaker in expect:
        matches = [s for s in stmts if needle in s.text]
        assert matches, f"no statement contains {needle!r}"
        s = matches[0]
        if kind is not None:
            assert s.kind == kind, f"{needle!r}: {s}"
        assert (s.speaker or None) == speaker, f"{needle!r}: {s}"


def test_focus_stays_bounded_on_a_long_article() -> None:
    """Every named person comes into focus; only the latest few are kept (a 5 MB article names
    thousands, and each focus change used to scan them all)."""
    from claims.text.speakers import MAX_RECENT_PERSONS, SpeakerTracker

    tracker = SpeakerTracker()
    for k in range(300):
        name = f"Ana Person{chr(65 + k % 26)}{chr(65 + k // 26)}"
        tracker.attribute(f"{name} said the levy was too high.")
        tracker.note_mentions(f"{name} said the levy was too high.", None)
    assert len(tracker.recent_persons) <= 2 * MAX_RECENT_PERSONS
    assert tracker.recent_persons[-1].name == "Ana PersonNL"  # the latest named is in focus
