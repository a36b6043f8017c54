"""claim_text: the checkable words of a sentence without its attribution frame (invented examples)."""
from __future__ import annotations

from datetime import date

import pytest

from claims.text.extract import extract_statements
from claims.text.records import Article

CASES = [
    # direct quote then frame with a date
    ("“This is not a naval base on Tarn Island,” he said in a May 7 social media post.",
     "This is not a naval base on Tarn Island"),
    # frame first, clause after "that"
    ("Mayor Ivo Pell said on Monday that the dam was safe.", "the dam was safe."),
    ("Ro Kessel told the Valdor Courier that exports fell by 9 percent.", "exports fell by 9 percent."),
    ("Pell said in a statement that repairs cost 2 million crowns.", "repairs cost 2 million crowns."),
    # a relative "that" is part of the claim
    ("Pell said the plan that was approved would fail.", "the plan that was approved would fail."),
    # the frame's medium and the one told, before the claim
    ("The commission said in a circular that councils must publish their budgets.",
     "councils must publish their budgets."),
    ("Judge Ilse Maren told jurors they must not read about the case online.",
     "they must not read about the case online."),
    # an opening adjunct, then the subject's long description, then the name and cue
    ("Speaking to the Courier on Sunday, the Valdor Teachers Union (VTU) branch executive secretary "
     "Mr Ole Varn said members had waited eight months.", "members had waited eight months."),
    # frame at the end
    ("The dam was safe, Mayor Ivo Pell said.", "The dam was safe"),
    ("Turnout fell to 41 percent, according to the Valdor Election Board.", "Turnout fell to 41 percent"),
    ("According to the Valdor Election Board, turnout fell to 41 percent.", "turnout fell to 41 percent."),
    # a quoted fragment inside reported speech is part of the claim, not all of it
    ("Harbour master Ivo Pell said no permit had been issued “to the Tarn company or to anyone else.”",
     "no permit had been issued “to the Tarn company or to anyone else.”"),
    # a passive participle ("cited by") is no attribution frame: the sentence is the claim
    ("The 4.1 percent rate cited by Minister Ivo Pell is the registered rate.",
     "The 4.1 percent rate cited by Minister Ivo Pell is the registered rate."),
    # a denial keeps its verb: the denied clause alone would be the opposite of the claim
    ("Police chief Anton Orlo denied that officers had used live rounds.",
     "denied that officers had used live rounds."),
    ("Mayor Ivo Pell rejected claims that the dam had been leaking for years.",
     "rejected claims that the dam had been leaking for years."),
    # a verb whose object is a noun phrase or an infinitive stays: "the harbour levy" alone is no claim
    ("Senator Ivo Pell opposed the harbour levy in 2015.", "opposed the harbour levy in 2015."),
    ("The dockers' union endorsed Mayor Ro Kessel for a second term.",
     "endorsed Mayor Ro Kessel for a second term."),
    ("The Orsk council sought a delay of the vote on tolls.", "sought a delay of the vote on tolls."),
    ("Mayor Ro Kessel is pledging to cut the ferry fares by half.", "pledging to cut the ferry fares by half."),
    ("Mayor Ro Kessel asked the council to delay the vote on tolls.",
     "asked the council to delay the vote on tolls."),
    ("Mayor Ro Kessel agreed to cut the ferry fares.", "agreed to cut the ferry fares."),
    # a verb of thinking takes a clause: the clause is the claim
    ("Mayor Ro Kessel believes the ferry fares will fall.", "the ferry fares will fall."),
    # a negation stays with its verb: "a deal before the spring" is the opposite of the claim
    ("Mr. Kessel does not expect a deal on tolls before the spring.",
     "does not expect a deal on tolls before the spring."),
    ("Senator Ivo Pell has never supported the harbour levy.", "has never supported the harbour levy."),
    # narration is its own claim
    ("The bridge opened in 1998.", "The bridge opened in 1998."),
    # the frame's subject takes its lower-case modifiers: none of them is left in the claim
    ("The ferry to Tarn Island will stop in May, regional transport officials said.",
     "The ferry to Tarn Island will stop in May"),
    ("The ferry to Tarn Island will stop in May, many local officials said on Monday.",
     "The ferry to Tarn Island will stop in May"),
    # a frame between two clauses of content: the sentence is the claim, no clause dropped
    ("Floodwater closed the Vell road on Sunday, county health officials said, and two wells in "
     "Orsk were found to be contaminated.",
     "Floodwater closed the Vell road on Sunday, county health officials said, and two wells in "
     "Orsk were found to be contaminated."),
    ("The Orsk smelter never released lead into the river, even as the mayor said 12 children had "
     "tested positive for lead.",
     "The Orsk smelter never released lead into the river, even as the mayor said 12 children had "
     "tested positive for lead."),
    ("Tolls on the Vell bridge will rise in June, the harbour board said, adding that the ferry "
     "would stay free.",
     "Tolls on the Vell bridge will rise in June, the harbour board said, adding that the ferry "
     "would stay free."),
    # a trailing modifier after the frame is no clause of content
    ("Tolls on the Vell bridge will rise in June, Mayor Ivo Pell said while visiting the port.",
     "Tolls on the Vell bridge will rise in June"),
    # a wire dateline is where the story was filed, not part of the claim
    ("ORSK, Nov 3 (Valdor Wire) - Tolls on the Vell bridge will rise in June, officials said.",
     "Tolls on the Vell bridge will rise in June"),
    ("ORSK (VP) \u2014 Two wells in Orsk were found to be contaminated.",
     "Two wells in Orsk were found to be contaminated."),
]


@pytest.mark.parametrize("text,claim", CASES, ids=[c[1][:30] for c in CASES])
def test_claim_text_without_frame(text: str, claim: str) -> None:
    (st,) = extract_statements(Article(text=text, published=date(2024, 5, 9)))
    assert st.claim_text == claim
    assert text[st.claim_start:st.claim_end] == st.claim_text


def test_multi_sentence_quote_one_claim_per_sentence() -> None:
    text = ("“Prices rose 4 percent. Wages did not. That is the problem,” said union leader Petra Vonn "
            "on Tuesday.\n\nTalks resume next week.")
    stmts = extract_statements(Article(text=text, published=date(2024, 5, 9)))
    quote = [s for s in stmts if s.kind == "direct_quote"]
    assert [s.claim_text for s in quote] == ["Prices rose 4 percent.", "Wages did not.", "That is the problem"]
    assert {s.speaker for s in quote} == {"Petra Vonn"} and {s.cue for s in quote} == {"said"}
    assert {s.date for s in quote} == {date(2024, 5, 7)}
    assert {(s.context_start, s.context_end) for s in quote} == {(0, text.index("\n\n"))}
    assert stmts[-1].kind == "narration" and stmts[-1].context_start == stmts[-1].start


def test_adverbs_and_phrases_before_that_are_frame() -> None:
    from claims.text.extract import extract_statements
    from claims.text.records import Article

    text = ("Ann Vell said late Wednesday that she would go ahead with the meeting.\n\n"
            "Tom Lazar admitted in his plea that he often sold private letters.\n\n"
            "Ann Vell said at the meeting that was held on Monday the plan failed.")
    claims = [s.claim_text for s in extract_statements(Article(text=text))]
    assert claims[:2] == ["she would go ahead with the meeting.", "he often sold private letters."]
    assert not claims[2].startswith("was held")  # "the meeting that was held": a relative clause


def test_relative_clause_of_an_inverted_source_is_no_claim() -> None:
    from claims.text.extract import extract_statements
    from claims.text.records import Article

    text = ("The plan is a mistake, said a delegate who is close to the board.\n\n"
            "It is not good enough, said Ann Rubel, a senior analyst at Jefferies, who notes that costs rose.")
    claims = [s.claim_text for s in extract_statements(Article(text=text))]
    assert claims == ["The plan is a mistake", "It is not good enough"]
