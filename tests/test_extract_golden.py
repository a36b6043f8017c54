"""Golden table: invented news paragraphs with the statement kind, speaker and title expected.

Each case is a small article; `expect` lists (substring of a statement, kind,
speaker, title) for the statements to check. Written for this project; no
third-party text.
"""
from __future__ import annotations

from datetime import date

import pytest

from claims.text.extract import extract_statements
from claims.text.records import Article

CASES = [
    # a relative clause after the title is a report, not part of the title
    ("relative clause",
     "Ada Korin, the Green Party MP who told parliament on Monday that she had seen the contract, "
     "said the lease ran for 25 years.",
     [("lease ran for 25 years", "indirect_quote", "Ada Korin", "Green Party MP")]),
    # appositive title, then pronoun
    ("appositive",
     "Mara Quell, director of the Lakeside Water Board, said reservoir levels fell by 12 percent.\n\n"
     "“We have never seen a drop like this in March,” she said.",
     [("reservoir levels", "indirect_quote", "Mara Quell", "director of the Lakeside Water Board"),
      ("never seen a drop", "direct_quote", "Mara Quell", "director of the Lakeside Water Board")]),
    # premodifier title, later surname
    ("premodifier",
     "Transport Ministry spokesman Oren Vasty told reporters that 40 new buses had arrived.\n\n"
     "Vasty added that the fleet would be electric by 2030.",
     [("40 new buses", "indirect_quote", "Oren Vasty", "Transport Ministry spokesman"),
      ("fleet would be electric", "indirect_quote", "Oren Vasty", "Transport Ministry spokesman")]),
    # capitalised title before the name, inverted attribution
    ("inverted",
     "“The budget is balanced for the first time in a decade,” said Finance Minister Lena Drach.",
     [("budget is balanced", "direct_quote", "Lena Drach", "Finance Minister")]),
    # quote split by its attribution
    ("split quote",
     "“Prices went up,” Tomas Brell, a local baker, said, “and flour now costs twice as much.”",
     [("flour now costs", "direct_quote", "Tomas Brell", "a local baker")]),
    # initials in a name, title with a place complement
    ("initials",
     "Former envoy to Norway J. K. Amberley said the talks had stalled.\n\n"
     "“Nobody wanted to move first,” Amberley said.",
     [("talks had stalled", "indirect_quote", "J. K. Amberley", "Former envoy to Norway"),
      ("Nobody wanted", "direct_quote", "J. K. Amberley", "Former envoy to Norway")]),
    # institutions as speakers
    ("institution",
     "In a statement, the Ministry of Health said 300 clinics would reopen.\n\n"
     "The ministry added that staff shortages remained.\n\n"
     "Police said two people were arrested.",
     [("300 clinics", "indirect_quote", "Ministry of Health", None),
      ("staff shortages", "indirect_quote", "Ministry of Health", None),
      ("two people", "indirect_quote", "Police", None)]),
    # "according to"
    ("according to",
     "The river rose two metres overnight, according to Hilde Marsk, a hydrologist at Fenwick University.",
     [("river rose", "indirect_quote", "Hilde Marsk", "a hydrologist at Fenwick University")]),
    # the role noun resolves to the person who holds it
    ("role coreference",
     "Defence spokesperson Ada Korr said the drill was routine.\n\n"
     "The spokesperson added that no live rounds were used.",
     [("no live rounds", "indirect_quote", "Ada Korr", "Defence spokesperson")]),
    # scare quotes and a quoted title stay narration
    ("scare quotes",
     "The council approved the so-called “green corridor” plan under the slogan “Cleaner Streets For All”.",
     [("green corridor", "narration", None, None)]),
    # narration has no speaker; a quote nobody claims is unattributed
    ("unattributed",
     "The bridge opened in 1998.\n\n“It should have been rebuilt years ago.”",
     [("bridge opened", "narration", None, None),
      ("rebuilt years ago", "direct_quote", None, None)]),
    # multi-paragraph quote, attributed at its end
    ("multi-paragraph",
     "Union leader Petra Vonn spoke at the rally.\n\n"
     "“We asked for talks in January.\n\n"
     "“Nobody answered our letters,” Vonn said.",
     [("We asked for talks", "direct_quote", "Petra Vonn", "Union leader")]),
    # a partial quote inside indirect speech keeps the sentence indirect
    ("embedded quote",
     "Judge Rina Osk ruled that the contract was void, calling it “a clear breach of the public trust”.",
     [("contract was void", "indirect_quote", "Rina Osk", "Judge")]),
    # continuation of a reported argument by pronoun
    ("continuation",
     "Analyst Bo Terrin, a researcher at the Delta Institute, said exports rose 8 percent.\n\n"
     "He also stressed that imports fell.",
     [("imports fell", "indirect_quote", "Bo Terrin", "a researcher at the Delta Institute")]),
]


@pytest.mark.parametrize("name,text,expect", CASES, ids=[c[0] for c in CASES])
def test_golden(name: str, text: str, expect: list) -> None:
    stmts = extract_statements(Article(text=text, published=date(2024, 5, 9)))
    for needle, kind, speaker, title in expect:
        matches = [s for s in stmts if needle in s.text]
        assert matches, f"no statement contains {needle!r}"
        s = matches[0]
        assert (s.kind, s.speaker) == (kind, speaker), f"{needle!r}: {s}"
        if title is not None:
            assert s.speaker_title == title, f"{needle!r}: {s}"
