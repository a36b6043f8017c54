"""Golden table of the stance rules: our own sentence pairs, one rule each."""
from __future__ import annotations

import pytest

from claims.text.stance import CONTRADICTS, RELATED, SUPPORTS, asserted, checked, stance

# (claim, match, similarity 0-100, expected label, a phrase the reasons must contain)
CASES = [
    # a denial with a long object agrees with a negation of the same thing
    ("There is no foreign base at the harbour, the spokesman said.",
     "The minister confirmed the ships would return, but denied that the government had leased any part of the harbour to a foreign navy.",
     68, RELATED, ""),
    # negation on one side only
    ("The harbour is not a naval base.", "Officials fear a naval presence at the harbour.", 40,
     CONTRADICTS, "negation on one side only"),
    ("The mayor never signed the lease.", "The mayor signed the lease in March.", 80,
     CONTRADICTS, '"never" in the claim'),
    ("The bridge was built in 1990.", "Nobody built a bridge there, the council says.", 40,
     CONTRADICTS, '"nobody" in the match'),
    ("The minister didn't resign.", "The minister resigned on Friday.", 80,
     CONTRADICTS, '"not" in the claim'),
    # both sides negated: no conflict
    ("The plant is not closing.", "The plant will not close this year.", 80, SUPPORTS, "asserts the same"),
    # "not only" asserts
    ("The fire destroyed not only the mill but the school.", "The fire destroyed the mill.", 75,
     SUPPORTS, "asserts the same"),
    # denial words
    ("The company dumped waste in the river.", "The company denied dumping waste in the river.", 85,
     CONTRADICTS, '"denied" in the match'),
    ("Reports of a curfew are baseless, police said.", "Police imposed a curfew downtown.", 50,
     CONTRADICTS, "denial on one side only"),
    ("There is no evidence the vote was rigged.", "The vote was rigged, the party claims.", 60,
     CONTRADICTS, "negation on one side only"),
    # antonyms
    ("Unemployment increased in May.", "Unemployment decreased in May.", 90,
     CONTRADICTS, 'antonyms: "increased" in the claim, "decreased" in the match'),
    ("The incumbent won the election.", "The incumbent lost the election.", 90,
     CONTRADICTS, "antonyms"),
    ("The ministry confirmed the outbreak.", "The ministry denied reports of an outbreak.", 70,
     CONTRADICTS, "antonyms"),
    ("Crime rose by 5 percent.", "Crime fell by 5 percent.", 90, CONTRADICTS, '"rose" in the claim'),
    # numbers for the same quantity
    ("The strike killed 16 civilians.", "The strike killed 20 civilians.", 90,
     CONTRADICTS, "different numbers for the same quantity: 16 vs 20 (civilians)"),
    ("The fire displaced 11,300 people.", "Only 3,252 people were displaced by the fire.", 70,
     CONTRADICTS, "11,300 vs 3,252 (people)"),
    ("Nine million people voted.", "9 million people voted.", 95, SUPPORTS, "asserts the same"),
    ("The fund is worth 2 billion dollars.", "The fund is worth 2 billion dollars, the bank says.", 90,
     SUPPORTS, "asserts the same"),
    # dates
    ("The treaty was signed in 1997.", "The treaty was signed in 2004.", 85,
     CONTRADICTS, "different dates: 1997 vs 2004"),
    # close paraphrase without conflict, and a loose relation
    ("The council approved the new budget.", "The new budget was approved by the council.", 88,
     SUPPORTS, "asserts the same"),
    ("The council approved the new budget.", "The council meets on Tuesdays.", 30, RELATED, ""),
    # numbers in unrelated sentences are not a conflict
    ("The council has 12 members.", "The road is 40 km long.", 10, RELATED, ""),
    # the required behaviour
    ("This is not a Chinese military base in Cambodia.",
     "US accusations of the possibility of a Chinese military presence in Cambodia strain ties.", 45,
     CONTRADICTS, '"not" in the claim, about "Chinese, military, base"'),
    ("The airstrike killed 16 civilians in the village.",
     "The army said the airstrike on the village killed only militants.", 50,
     CONTRADICTS, '"only militants" in the match'),
    ("Unemployment has fallen to 5.2 percent.", "Unemployment rose to 5.8 percent in the first quarter.", 60,
     CONTRADICTS, '"fallen" in the claim, "rose" in the match (about "Unemployment")'),
    ("The mayor said 1,200 residents were evacuated.",
     "Police said about 800 residents were evacuated, not the 1,200 the mayor gave.", 70,
     CONTRADICTS, '"not" in the match, about "1,200'),
    ("The lease runs for 25 years.", "The memorandum ran for five years, not 25.", 50,
     CONTRADICTS, 'about "25"'),
    ("The company has never been found in breach of safety rules.",
     "Inspectors found 14 violations at the company's plant.", 40, CONTRADICTS, 'about "found, breach"'),
    ("The pier was paid for entirely from the national budget.",
     "Askara paid 30 million, contradicting the claim that the pier was paid for from the national budget.",
     70, CONTRADICTS, '"contradicting" in the match'),
    ("Unemployment did not fall last year.", "Unemployment fell to 5 percent last year.", 70,
     CONTRADICTS, "negation"),
    # near misses: a cue, but not about the same thing -> related
    ("Harbour Master Jonas Pell was more cautious.",
     'Residents had been given "no information at all" about the work on the pier.', 50, RELATED, ""),
    ("Brenn said the names of the dead would not be released until families were told.",
     "Our first thoughts are with the families of our colleagues.", 70, RELATED, ""),
    ("Container traffic through the port rose 7 percent last year.",
     "Under the plan, total spending will rise by 4.5 percent next year.", 60, RELATED, ""),
    ("The ships are due to leave on Saturday, the ministry said.",
     "The ministry rejected the claim within hours.", 60, RELATED, ""),
    ("Three workers were killed in the fire.", "Doctors said 33 people remained in hospital.", 40, RELATED, ""),
    ("Unemployment did not fall. It rose in every region.", "Unemployment rose to 5.8 percent.", 60, RELATED, ""),
    ("The deficit is falling, wages are rising and unemployment is at its lowest level.",
     "Unemployment has fallen to 5.2 percent.", 60, RELATED, ""),
    ("The company said it had fully complied with all safety rules.",
     "The plant had never been found in breach of safety rules.", 55, RELATED, ""),
    ("Fire Chief Brenn also contradicted the company's account.",
     "We lost three people tonight, Fire Chief Brenn told reporters.", 60, RELATED, ""),
    ("Defence Minister Reyk has not commented publicly on the lease.",
     "The embassy did not respond to a request for comment.", 60, RELATED, ""),
    ("A senior doctor, who asked not to be named, said patients were moved to the city hospital.",
     "Patients were moved to the city hospital overnight, the ministry said.", 60, RELATED, ""),
    ("The treaty was signed in 1997 by the two presidents.", "The stadium opened in 2004.", 40, RELATED, ""),
    # both sides negate the signing: they agree
    ("No lease has been signed.", "The lease was not signed by the minister.", 60, SUPPORTS, "asserts the same"),
    ("If that is not a base, what is?", "The council approved a new budget.", 30, RELATED, ""),
]

# Issue 12: reporting verbs and frames, quantities, approximations, number words, hedges.
FRAMES = [
    ("There is a base near the port.", "The ministry denied that there is a base near the port.", 70,
     CONTRADICTS, '"denied" in the match, about "base, near, port"'),
    ("There is a base near the port.", "Officials confirmed the base near the port on Tuesday.", 60,
     SUPPORTS, 'confirms it: "confirmed"'),
    ("The company met every safety rule at the plant.",
     "Fire Chief Brenn contradicted the company's account of the safety checks at the plant.", 80,
     CONTRADICTS, '"contradicted" in the match, about "company'),
    ("The minister resigned on Friday.", "The minister reportedly resigned on Friday.", 90,
     RELATED, 'reports it without asserting it: "reportedly"'),
    ("The shipyard will build four patrol boats, he said, in a May 7 social media post.",
     "The envoy took to social media on May 7 to thank the shipyard workers.", 75, RELATED, ""),
    ("The bridge at Orsk was closed, the mayor told reporters.", "The bridge at Orsk was closed.", 80,
     SUPPORTS, 'shares "bridge, Orsk, closed"'),
]
QUANTITIES = [
    ("The blast killed 12 people in Doren.", "The blast injured 30 people in Doren.", 70, RELATED, ""),
    ("The blast killed 12 people in Doren.", "The blast in Doren killed 19 people.", 70,
     CONTRADICTS, "different numbers for the same quantity: 12 vs 19 (people)"),
    # a day of the month is a date, not a quantity of "Talvik": the same meeting on another day
    # is a different date (never "different numbers: 13 vs 11"), and never support
    ("Reporters met the two ministers on May 13 in Talvik.", "On May 11 the two ministers met reporters in Talvik.",
     80, CONTRADICTS, "different dates: May 13 vs May 11"),
    ("Reporters met the two ministers on May 13 in Talvik.", "On May 13 the two ministers met reporters in Talvik.",
     80, SUPPORTS, "asserts the same"),
    ("About 4,200 people were evacuated from Lenmar.", "Around 4,200 people were evacuated from Lenmar.", 90,
     SUPPORTS, "asserts the same"),
    ("About 4,200 people were evacuated from Lenmar.", "Officials said 4,150 people were evacuated from Lenmar.", 80,
     SUPPORTS, "asserts the same"),
    ("About 4,200 people were evacuated from Lenmar.", "Only 1,500 people were evacuated from Lenmar.", 80,
     CONTRADICTS, "4,200 vs 1,500 (people)"),
    # two figures of one unit are an aligned pair: one shared word besides them is the same topic
    ("4,200 people were evacuated.", "Officials said 11,300 people were evacuated.", 80,
     CONTRADICTS, "different numbers for the same quantity: 4,200 vs 11,300 (people)"),
    ("12 people were killed in the blast.", "40 people were injured in the blast.", 80, RELATED, "does not name"),
    # "no longer" negates the verb; a verb of stopping on the other side says the same
    ("Orsk Mining will keep its Tarn smelter open next year.", "Orsk Mining will no longer keep its Tarn smelter open next year.",
     70, CONTRADICTS, '"no" in the match'),
    ("The ferry company will stop serving the Kell route in May.", "The ferry company will no longer serve the Kell route from May.",
     70, SUPPORTS, "no conflicting negation"),
    ("The plant stopped production in March.", "The plant did not stop production in March.", 80,
     CONTRADICTS, '"not" in the match'),
    # both sides deny it, however far the other's negation reaches, and across commas
    ("There was never a vote on the merger at the Talvik council.",
     "There was never, the council clerk says, a vote on the merger at the Talvik council.", 80, SUPPORTS, ""),
    ("The detained man is not Marek Voss's brother, police say.",
     "Police said on Friday that the man detained at the border was not the brother of opposition leader Marek Voss.",
     70, SUPPORTS, ""),
    # numbers in words are compared as figures and shown as written
    ("Forty-two people died in the flood.", "Thirty people died in the flood, officials said.", 75,
     CONTRADICTS, "different numbers for the same quantity: Forty-two vs Thirty (people)"),
    # days of the month are dates, not quantities: the same event on another day contradicts
    ("The minister resigned on May 7.", "Reports said the minister resigned on May 9 after the vote.", 75,
     CONTRADICTS, "different dates: May 7 vs May 9"),
    ("The minister resigned on 7 May.", "The minister resigned on May 7, officials said.", 75, SUPPORTS, "asserts the same"),
    ("The ship docked at Ream on June 3.", "The ship left Ream on June 10.", 75, RELATED, "does not name"),
    ("Up to 9,000 homes lost power in Orsk.", "As many as 9,000 homes lost power in Orsk.", 90,
     SUPPORTS, "asserts the same"),
    ("Forty-two miners were rescued at Kell.", "42 miners were rescued at Kell.", 90, SUPPORTS, "asserts the same"),
    ("Forty-two miners were rescued at Kell.", "Rescuers brought 35 miners to the surface at Kell.", 60,
     CONTRADICTS, "Forty-two vs 35 (miners)"),
]
# What a change word ("fell", "won") is said of: only support when it is said of what the claim names.
PREDICATES = [
    ("Unemployment fell last year.", "The deficit is falling, wages are rising and unemployment is at its lowest.", 80,
     RELATED, 'says "falling" of something else'),
    ("Exports grew in 2025.", "Imports grew sharply, and exports were flat in 2025.", 70,
     RELATED, 'says "grew" of something else'),
    ("Unemployment fell last year.", "Unemployment, the minister said, fell last year.", 80, SUPPORTS, "asserts the same"),
    ("Unemployment fell last year.", "Prices rose. Unemployment fell last year.", 80, SUPPORTS, "asserts the same"),
]
# "no" negates the noun phrase after it: about the other side only when that side names the phrase.
NOUN_NEGATION = [
    ("The archive will publish every document signed with Veltra.",
     "The ministry said no lease had been signed with Veltra.", 60, RELATED, ""),
    ("The archive will publish every document signed with Veltra.", "No lease had been signed.", 40, RELATED, ""),
    ("A lease was signed with Veltra in March.", "No lease has been signed with Veltra.", 70,
     CONTRADICTS, '"no" in the match, about "lease, signed, Veltra"'),
    ("There is no naval base near Ostra.", "A naval base near Ostra was expanded last year.", 60,
     CONTRADICTS, '"no" in the claim'),
]
# Cross-article wording (issue 12): how other outlets report the same event.
CROSS_ARTICLE = [
    # a denial's object runs past an apposition's commas
    ("The pilot had been drinking before the flight.",
     "The airline dismissed claims that the pilot, Jon Tarrow, had been drinking before the flight.", 60,
     CONTRADICTS, '"dismissed" in the match, about "pilot'),
    # ... and only names the subject again: the denial is about what the subject did
    ("The pilot, Jon Tarrow, has been charged with negligence.",
     "The airline dismissed claims that the pilot, Jon Tarrow, had been drinking before the flight.", 60, RELATED, ""),
    # a denied clause sharing only its subject with the other side denies nothing it says
    ("The ministry published its figures on Monday.",
     "The minister denied that the ministry had hidden deaths from the outbreak.", 60, RELATED, ""),
    # "casts doubt on" disputes what follows
    ("The guards fired only warning shots at the Velm crossing.",
     "Video from the Velm crossing casts doubt on claims that the guards fired only warning shots.", 60,
     CONTRADICTS, '"casts doubt" in the match'),
    # rejecting calls for something does not deny that they were made
    ("Church leaders called for a public inquiry into the Velm flooding.",
     "The cabinet rejected calls for a public inquiry into the Velm flooding.", 70, RELATED, ""),
    ("The cabinet will order a public inquiry into the Velm flooding.",
     "The cabinet rejected calls for a public inquiry into the Velm flooding.", 70,
     CONTRADICTS, '"rejected" in the match'),
    # ... nor what the inquiry would be into
    ("The Velm flooding destroyed 300 homes in the valley.",
     "The cabinet rejected calls for a public inquiry into the Velm flooding in the valley.", 60, RELATED, ""),
    # a postponed or cancelled event does not happen as announced
    ("The Tarn bridge will reopen to traffic on Friday.",
     "The council postponed the reopening of the Tarn bridge to traffic.", 70,
     CONTRADICTS, '"postponed" in the match, about "reopening, Tarn, bridge'),
    ("The Tarn bridge will reopen to traffic on Friday.",
     "The council said the Tarn bridge would reopen to traffic on Friday.", 80, SUPPORTS, "asserts the same"),
    # a long report says one thing per segment: the negation is about the segment it shares
    ("The club mourned the victims of the crush, thanked rescue crews from three cities and said the stadium "
     "would reopen on Friday.",
     "The council has postponed the reopening of the stadium, first planned for Friday, until safety inspectors "
     "finish their report.", 60, CONTRADICTS, '"postponed" in the match, about "reopening, stadium"'),
    # drinking and alcohol are one topic; "no trace of" negates what follows
    ("The pilot appeared to have been drinking before the flight.",
     "A blood test showed no trace of alcohol in the pilot's blood.", 60,
     CONTRADICTS, '"no" in the match, about "alcohol, pilot"'),
    ("The ferry's operating licence had expired in January.", "Our licence runs until June.", 60,
     CONTRADICTS, 'antonyms: "expired" in the claim, "runs until" in the match'),
    # a fault and a problem are one topic term
    ("The drivers reported problems with the signals at Kell junction.",
     "Our drivers did not report any fault with the signals, the rail operator said.", 60,
     CONTRADICTS, '"not" in the match'),
    # an expired permit is no valid one
    ("The ferry's permit was valid.", "The ferry's permit had expired in March.", 70,
     CONTRADICTS, 'antonyms: "valid" in the claim, "expired" in the match'),
    # the same count of the same kind, worded differently, is support
    ("The death toll is six, and those six were killed in a stampede when fans tried to storm the Orvik pitch.",
     "Six people died, all of them trampled as the crowd surged towards the Orvik pitch gates.", 60,
     SUPPORTS, "the same count: six in the claim, Six in the match (deaths)"),
    # bounds agree but are no count to support with
    ("Police opened fire on miners in Garrow, killing at least four people, officials said.",
     "At least 31 people died in Garrow, all of them trampled as the crowd surged towards the gates.", 60, RELATED, ""),
    # ... not when the match also gives another count of that kind
    ("The death toll is three, and those three were killed when fans tried to storm the Orvik pitch.",
     "At least eight people died as the crowd surged towards the Orvik pitch gates, the hospital says; "
     "the club gave three.", 60, RELATED, ""),
    # deaths and injuries are two counts, even when equal
    ("Six people were killed at Orvik stadium.", "Six people were injured at Orvik stadium.", 70,
     RELATED, "counts something else: deaths in the claim, injuries in the match"),
    # a figure and the same figure rounded agree; figures of one precision are compared as written
    ("The Green Union won 58 percent of the vote in Tarn.", "The Green Union won 57.9 percent of the vote in Tarn.", 80,
     SUPPORTS, "asserts the same"),
    ("The Green Union won 58 percent of the vote in Tarn.", "The Green Union won 57.4 percent of the vote in Tarn.", 80,
     CONTRADICTS, "different numbers for the same quantity: 58 vs 57.4 (percent)"),
    ("Inflation in Tarn eased to 5.2 percent.", "Inflation in Tarn eased to 5.3 percent.", 80,
     CONTRADICTS, "5.2 vs 5.3 (percent)"),
    # a figure cited to be disputed ("well below the 94 percent") is not what the match asserts
    ("Turnout in Orvik province was 94 percent.",
     "Observers put turnout in Orvik province at about 70 percent, well below the 94 percent given by local officials.",
     70, CONTRADICTS, "different numbers for the same quantity: 94 vs 70 (percent)"),
    ("Turnout in Orvik province was about 70 percent.",
     "Observers put turnout in Orvik province at about 70 percent, well below the 94 percent given by local officials.",
     70, SUPPORTS, "asserts the same"),
    # "more than 5,000" is a bound, not a cited figure
    ("More than 5,000 people marched in Orvik.", "More than 5,000 people marched through Orvik on Sunday.", 80,
     SUPPORTS, "asserts the same"),
    # a wire lead's "..., injuring 12 people" is a count of injuries, as "had been injured" is
    ("ORSK (Wire) — A bus carrying pilgrims overturned on the mountain road near Orsk on Friday night, "
     "injuring 12 people, police said.", "Twelve people had been injured near Orsk, none of them seriously.", 50,
     SUPPORTS, "the same count: 12 in the claim, Twelve in the match (injuries)"),
    ("ORSK (Wire) — A bus carrying pilgrims overturned on the mountain road near Orsk on Friday night, "
     "injuring 12 people, police said.", "Twelve people had been killed near Orsk.", 50,
     RELATED, "counts something else: injuries in the claim, deaths in the match"),
    # a count of a part ("members") larger than the count of everyone ("people") of the same kind
    ("The union said 12 of its members had been killed at the Halvik mine.",
     "The government maintains that four people died at the Halvik mine.", 60,
     CONTRADICTS, "more counted of a part than of everyone: 12 members in the claim, four people in the match (deaths)"),
    ("Three miners were killed at the Halvik mine.", "Twelve people died at the Halvik mine.", 60, RELATED, ""),
    # what a figure counts is read past auxiliaries ("had been killed")
    ("Nine of the passengers had been killed in the Orsk crash.",
     "Nine of the passengers had been injured in the Orsk crash.", 70,
     RELATED, "counts something else: deaths in the claim, injuries in the match"),
    # the same quantity when the subject sits in an apposition ("The ferry, the Marta, was carrying")
    ("The ferry, the Marta Lenn, was carrying about 240 passengers when it sank near Kell.",
     "The Marta Lenn had 130 passengers on board, the operator said.", 60,
     CONTRADICTS, "different numbers for the same quantity: 240 vs 130 (passengers)"),
]
# Two stories that share a few everyday words (fresh-eyes test 7): a negation or denial near them
# is no contradiction; a figure cited to be disputed is not asserted; other dates are no support.
EVERYDAY_WORDS = [
    ("Most of the passengers should be able to go home within 24 hours.",
     "The council rejected the plan within hours.", 70, RELATED, ""),
    ("Most of the passengers should be able to go home within 24 hours.",
     "Two fishermen who set out before dawn did not go home.", 70, RELATED, ""),
    # a shared name (a word outside the everyday list) keeps the topic
    ("The Kestrel ferry left Orvik on time.", "The Kestrel ferry did not leave Orvik.", 70,
     CONTRADICTS, '"not" in the match'),
    ("Inspectors think roughly a third of the grain rotted.",
     "The cooperative said only 40 tonnes of grain had rotted, far less than the third of the grain "
     "inspectors think.", 90, CONTRADICTS, 'cites "third, grain, inspectors, think" to compare with its own figure, 40 tonnes'),
    ("The dam was last inspected in March.", "Council records show the dam was last inspected in 2019.", 95,
     RELATED, "dated otherwise: March in the claim, 2019 in the match"),
    ("The dam was last inspected in March 2019.", "Council records show the dam was last inspected in 2019.", 95,
     SUPPORTS, "asserts the same"),
]
CASES += FRAMES + QUANTITIES + PREDICATES + NOUN_NEGATION + CROSS_ARTICLE + EVERYDAY_WORDS


CONFLICT_REASONS = ("negation", "denial", "antonyms", "different numbers", "different dates", "a number of one group",
                    "disputes it")


@pytest.mark.parametrize("claim,match,similarity,label,reason", CASES)
def test_stance_golden(claim: str, match: str, similarity: float, label: str, reason: str) -> None:
    got = stance(claim, match, similarity=similarity)
    assert got.label == label, got.reasons
    if reason:
        assert any(reason in r for r in got.reasons), got.reasons
    if label == RELATED:
        # every related match says why it was shown, and nothing in it is a conflict
        assert got.reasons and not any(r.startswith(CONFLICT_REASONS) for r in got.reasons), got.reasons


@pytest.mark.parametrize("a,b", [
    ("Inspectors think roughly a third of the grain rotted.",
     "The cooperative said only 40 tonnes of grain had rotted, far less than the third of the grain inspectors think."),
    ("The dam was last inspected in March.", "Council records show the dam was last inspected in 2019."),
])
def test_disputed_figures_and_other_dates_read_the_same_both_ways(a: str, b: str) -> None:
    assert stance(a, b, similarity=90).label == stance(b, a, similarity=90).label != SUPPORTS


def test_shared_terms_are_what_both_sides_name() -> None:
    # "at least seven dead" allows 31, but it counts deaths, not a hospital count: 31 is not shared
    got = stance("The Orvik hospital count rises to 31.",
                 "Hospital staff in Orvik had counted at least seven dead.", similarity=60)
    assert got.label == RELATED
    assert "31" not in got.reasons[0] and "Orvik, hospital, count" in got.reasons[0], got.reasons


def test_stance_is_symmetric_in_label_for_negation() -> None:
    a, b = "The port is not a military base.", "There is a military base at the port."
    assert stance(a, b, similarity=70).label == stance(b, a, similarity=70).label == CONTRADICTS


@pytest.mark.parametrize("text", ["", "!!!", "😀😀", "مرحبا بالعالم", "\u202e\u202d", "x" * 50_000])
def test_stance_never_raises_on_odd_text(text: str) -> None:
    assert stance(text, "The port is a base.", similarity=50).label in (SUPPORTS, CONTRADICTS, RELATED)


@pytest.mark.parametrize("rating, score, label, reason", [
    ("Mostly false", 2, CONTRADICTS, 'checked and rated "Mostly false": the check found it false'),
    ("False", 1, CONTRADICTS, "the check found it false"),
    ("Mostly true", 4, SUPPORTS, "the check found it true"),
    ("Half true", 3, RELATED, "neither confirms nor refutes"),
    ("Unverifiable", None, RELATED, "neither confirms nor refutes"),
])
def test_a_checked_statement_asserting_the_claim_carries_its_verdict(
        rating: str, score: int | None, label: str, reason: str) -> None:
    said = stance("The port handled 40 warships in 2025.", "The port handled 40 warships in 2025.", similarity=100)
    assert said.label == SUPPORTS
    got = checked(said, rating, score)
    assert got.label == label
    assert any(reason in r for r in got.reasons), got.reasons
    # only a true verdict keeps the words of support
    assert any(r.startswith("asserts the same") for r in got.reasons) == (label == SUPPORTS)


def test_a_checked_statement_that_disputes_the_claim_keeps_its_stance() -> None:
    said = stance("The port handled 40 warships in 2025.", "The port did not handle 40 warships in 2025.", similarity=90)
    assert said.label == CONTRADICTS
    assert checked(said, "False", 1) == said


def test_part_of_a_checked_claim_does_not_carry_its_verdict() -> None:
    """A fact-check rated false of "X fell to 5.2, down from 6.1" is about the fall: a claim
    that only says "it was 6.1 a year ago" is related to it, not refuted by it."""
    checked_claim = "Joblessness in Arnby has fallen to 5.2 percent, down from 6.1 percent a year ago."
    part = "A year ago joblessness in Arnby was 6.1 percent."
    got = checked(stance(part, checked_claim, similarity=80), "False", 1, claim=part, match=checked_claim)
    assert got.label == RELATED and "part of a claim checked" in got.reasons[0]
    whole = "Joblessness in Arnby has fallen to 5.2 percent."
    got = checked(stance(whole, checked_claim, similarity=80), "False", 1, claim=whole, match=checked_claim)
    assert got.label == CONTRADICTS


def test_a_denying_cue_is_put_back_for_the_stance() -> None:
    """Issue 12: "Orlo denied that officers used live rounds" is stored as the claim text
    "officers used live rounds" with the cue "denied"; compared without the cue it asserts
    the opposite of what was said."""
    text = asserted("officers used live rounds at the Garrow mine.", "denied")
    assert text == "denied officers used live rounds at the Garrow mine."
    got = stance("Doctors found that officers used live rounds at the Garrow mine.", text, similarity=60)
    assert got.label == CONTRADICTS and any('"denied" in the match' in r for r in got.reasons), got.reasons
    # a neutral cue, none, or a cue already in the text leaves the text as it is
    assert asserted("officers used live rounds.", "said") == "officers used live rounds."
    assert asserted("officers used live rounds.", None) == "officers used live rounds."
    assert asserted("He denied that officers used live rounds.", "denied") == "He denied that officers used live rounds."
