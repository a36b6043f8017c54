"""Who said what: the attribution rules of issue 13, each on invented news sentences."""
from __future__ import annotations

from claims.text import speakers
from claims.text.extract import extract_statements
from claims.text.records import Article
from claims.text.speakers import SpeakerTracker, name_gender, verb_stem


def _speakers(text: str) -> list[tuple[str, str | None, str]]:
    """(sentence, speaker, kind) of every statement."""
    return [(s.text, s.speaker, s.kind) for s in extract_statements(Article(text=text))]


def _of(text: str, start: str) -> tuple[str | None, str]:
    """The speaker and kind of the statement starting with start."""
    for sent, speaker, kind in _speakers(text):
        if sent.startswith(start):
            return speaker, kind
    raise AssertionError(f"no statement starts with {start!r}")


def test_given_name_tells_she_from_he() -> None:
    text = ("Maria Ostrova, the mayor, said the bridge would open in May.\n\n"
            "Tom Vell, a council member, questioned the budget.\n\n"
            "She said the funds were already secured.")
    assert name_gender("Maria Ostrova") == "f" and name_gender("Tom Vell") == "m"
    assert _of(text, "She said")[0] == "Maria Ostrova"


def test_honorific_never_finds_a_person_of_the_other_gender() -> None:
    text = ("Mrs. Dorn said the port would reopen next week.\n\n"
            "Mr. Dorn, who owns the ferry, said he doubted it.")
    stmts = extract_statements(Article(text=text))
    assert stmts[0].speaker == "Dorn" and stmts[0].speaker_title == "Mrs."
    assert stmts[1].speaker == "Dorn" and stmts[1].speaker_title == "Mr."


def test_person_met_in_passing_is_found_again_by_surname() -> None:
    text = ("Harbour Board officials met Pieter Olsen on Monday.\n\n"
            "Later, Olsen toured the docks with the board.\n\n"
            "“We will rebuild all of it,” he said.")
    assert _of(text, "“We will rebuild")[0] == "Pieter Olsen"


def test_all_caps_outlet_is_never_he() -> None:
    text = ("Senator Ray Dunn spoke at the fair on Friday.\n\n"
            "KTVB reported that the senator was tired.\n\n"
            "He told KTVB that he would run again.")
    assert _of(text, "He told")[0] == "Ray Dunn"


def test_words_written_lower_case_in_the_article_are_not_names() -> None:
    tracker = SpeakerTracker()
    tracker.learn_article("The quokkas left. Quokkas came back.\n\nThey met Rook and the staff of Rook.")
    assert "quokkas" in tracker.common_words
    assert "rook" not in tracker.common_words


def test_participle_after_an_objects_appositive_is_the_subjects() -> None:
    text = "Dana Pruitt was blunt about her rival, Cole Aster, the incumbent, saying the town needs a change."
    assert _of(text, "Dana Pruitt")[0] == "Dana Pruitt"


def test_the_candidate_is_the_person_in_focus() -> None:
    text = ("Mara Quint toured the farm on Tuesday.\n\n"
            "The candidate said the drought had hurt growers.")
    assert _of(text, "The candidate")[0] == "Mara Quint"


def test_a_capitalised_role_is_kept_and_he_finds_the_person() -> None:
    text = ("Ilse Varga visited the plant on Monday.\n\n"
            "The Oregon governor said the jobs would stay.\n\n"
            "She added that the plant would hire 200 workers.")
    assert _of(text, "The Oregon governor")[0] == "Oregon governor"
    assert _of(text, "She added")[0] == "Ilse Varga"


def test_a_place_after_in_is_no_person() -> None:
    text = ("Pavel Dorn said the dam was safe.\n\n"
            "Protesters gathered in Port Ellis on Sunday.\n\n"
            "“It will hold,” he said.")
    assert _of(text, "“It will hold")[0] == "Pavel Dorn"


def test_unattributed_quote_takes_the_speaker_of_the_next_quote() -> None:
    text = ("Greta Lind, the coach, said the team had trained hard.\n\n"
            "“We lost the final.” “It still hurts,” said Omar Reyes, the captain.")
    assert _of(text, "“We lost")[0] == "Omar Reyes"


def test_short_quote_after_asked_is_a_direct_quote() -> None:
    text = "Ann Lee spoke for an hour.\n\nThe host then asked, “Why now?”"
    assert _of(text, "The host")[1] == "direct_quote"


def test_sentence_quoted_after_a_colon_is_a_direct_quote() -> None:
    text = "The mayor posted a short message: “We will rebuild the pier.”"
    assert _of(text, "The mayor")[1] == "direct_quote"


def test_said_opening_the_sentence_names_its_speaker() -> None:
    text = "Said Lotte Brand, who runs the bakery, “Prices have doubled since March.”"
    assert _of(text, "Said Lotte")[0] == "Lotte Brand"


def test_article_inside_a_word_and_an_objects_whom_clause() -> None:
    text = ("The cuts angered Republican officials in the council, whom the mayor had ignored, "
            "said Ivo Dane, an analyst.")
    assert _of(text, "The cuts")[0] == "Ivo Dane"


def test_masked_quote_is_never_a_noun_phrase_source() -> None:
    text = "Still, “we have no money left for the road,” added Ivo Dane, the treasurer."
    assert _of(text, "Still")[0] == "Ivo Dane"


def test_a_poll_that_shows_is_a_source() -> None:
    text = "A Harbour Institute poll, conducted in May, shows the mayor ahead by ten points."
    speaker, _ = _of(text, "A Harbour")
    assert speaker is not None and "poll" in speaker.lower()


def test_he_as_subject_stays_in_focus_over_the_persons_named_after_it() -> None:
    text = ("Colonel Ivo Marsh retired in May.\n\n"
            "On a visit with the host Kai Brook, he toured the site run by Omar Vance.\n\n"
            "“It was a mistake,” he told the host.")
    assert _of(text, "“It was a mistake")[0] == "Ivo Marsh"


def test_a_known_place_is_never_he() -> None:
    text = ("Arno Pell spoke at a diner on Monday.\n\n"
            "Few voters said South Carolina would change.\n\n"
            "“I will be back,” he said.")
    assert _of(text, "“I will be back")[0] == "Arno Pell"


def test_headline_cues_and_adverbs_in_a_headline() -> None:
    text = ("Mayor Tova Reyn Finally Endorses Harbour Plan\n\n"
            "Tova Reyn said on Monday that the plan would pass.")
    stmts = extract_statements(Article(text=text))
    assert stmts[0].speaker == "Tova Reyn" and stmts[1].speaker == "Tova Reyn"


def test_a_time_or_a_conjunction_before_the_subject() -> None:
    # "Hours later," and "And then" open the sentence; the subject after them speaks
    text = ("Mayor Tova Reyn met the harbour board.\n\n"
            "Hours later, Reyn praised the board, telling reporters the plan would pass.\n\n"
            "And then Ivo Dane went on the attack, saying the plan would fail.")
    assert _of(text, "Hours later")[0] == "Tova Reyn"
    assert _of(text, "And then")[0] == "Ivo Dane"


def test_a_place_before_the_subject_is_no_speaker() -> None:
    text = "In Velgrad, Mayor Tova Reyn issued a statement Friday condemning the strike."
    assert _of(text, "In Velgrad")[0] == "Tova Reyn"
    # a name followed by its title is still the name: "In Dara, ambassador ..." style
    text = "However, Ra Tenn, ambassador to the council, issued a statement saying it was over."
    assert _of(text, "However")[0] == "Ra Tenn"


def test_added_about_is_a_cue_added_about_a_number_is_not() -> None:
    text = "Ivo Dane added about the mayor: “She has done the work.”"
    assert _of(text, "Ivo Dane")[0] == "Ivo Dane"
    speaker, kind = _of("The port added about 300 jobs last year.", "The port")
    assert kind == "narration"


def test_an_outlet_or_a_state_is_never_he() -> None:
    text = ("Senator Ray Dunn spoke at the fair on Friday.\n\n"
            "The Velgrad Post and Nevada were mentioned in the speech.\n\n"
            "“I will run again,” he said.")
    assert _of(text, "“I will run")[0] == "Ray Dunn"


def test_a_share_of_a_group_after_an_opening_clause_is_the_source() -> None:
    text = "Even worse, when given the choice, 36 percent of the voters said they would switch."
    assert _of(text, "Even worse")[0] == "36 percent of the voters"


def test_a_plural_role_with_a_name_in_apposition_or_as_a_group() -> None:
    assert _of("One of his advisers, Tad Vell, told reporters the race was over.", "One of")[0] == "Tad Vell"
    assert _of("His campaign manager, Ana Rusk, says the gap can be closed.", "His campaign")[0] == "Ana Rusk"
    text = ("Ana Rusk spoke first.\n\n"
            "And despite the offer, the Harbour founders insisted that they would not sell.\n\n"
            "“We will stay,” she said.")
    assert _of(text, "And despite")[0] == "Harbour founders"
    assert _of(text, "“We will stay")[0] == "Ana Rusk"  # a group is never "she"


def test_here_in_a_place_opens_the_sentence() -> None:
    text = "Here in Velgrad, Dane stepped up his attacks, saying the port must close."
    assert _of(text, "Here in")[0] == "Dane"


def test_a_quote_between_the_sentence_start_and_the_cue_is_no_adverb() -> None:
    text = ("Ivo Dane said the port was safe.\n\n"
            "Reyn “has a lot of good roles to play,” said Dane, whose town is a target.")
    assert _of(text, "Reyn")[0] == "Ivo Dane"


def test_a_party_member_as_a_source() -> None:
    text = ("“The gap is too wide for Reyn,” said a Velgrad Democrat. “She needs a surprise.”\n\n"
            "“The harbour vote proved the polls wrong,” added another Velgrad Republican.\n\n"
            "The Republican National Committee said it would appeal.")
    assert _of(text, "“The gap")[0] == "Velgrad Democrat"
    assert _of(text, "“She needs")[0] == "Velgrad Democrat"
    assert _of(text, "“The harbour vote")[0] == "Velgrad Republican"
    assert _of(text, "The Republican National")[0] == "Republican National Committee"
    assert _of("The port added another 300 jobs.", "The port")[1] == "narration"


def test_a_question_split_from_its_frame_takes_the_frame_speaker() -> None:
    text = ("Ivo Dane met the press.\n\n"
            "“Do they not understand we wrote those rules?” Reyn said.\n\n"
            "The rules were written in May.")
    assert _of(text, "“Do they")[0] == "Reyn"
    assert _of(text, "The rules")[0] is None


def test_a_transcript_turn_is_the_speaker_of_its_whole_paragraph() -> None:
    text = ("Transcript:\n\n"
            "ANA RUSK: This is a man who said he would never run an ad. He is now running them.\n\n"
            "UPDATE: The vote was moved. It is on Monday now.")
    assert _of(text, "He is now")[0] == "ANA RUSK"
    assert _of(text, "UPDATE")[0] is None and _of(text, "It is on Monday")[0] is None
    assert _of("Editor's note: The vote was moved to Monday.", "Editor's")[0] is None


def test_openers_before_the_subject_a_state_by_and_a_name_ending_in_ing() -> None:
    text = "At a rally in Velgrad, N.H., on Tuesday, Senator Ivo Dane endorsed Reyn, saying she would win."
    assert _of(text, "At a rally")[0] == "Ivo Dane"
    text = "By the end of the day, Mr. Reyn was forced to retreat and said his words had been misread."
    assert _of(text, "By the end")[0] == "Reyn"
    text = "Walking to the pier, Osling talked about the old days, and said the port had changed."
    assert _of(text, "Walking")[0] == "Osling"
    assert _of("Walking home, Tom Ray said it was late.", "Walking")[0] == "Tom Ray"


def test_a_possessive_role_with_a_name_in_apposition() -> None:
    text = "Dane's pollster, Ana Rusk, says the mayor has the money to win."
    assert _of(text, "Dane's")[0] == "Ana Rusk"
    assert _of("Reyn's attorney, Tam Coll, argued that the lease was void.", "Reyn's")[0] == "Tam Coll"


def test_exclaimed_upon_and_beamed_are_cues() -> None:
    assert _of("“This is fantastic!” beamed Tam Coll of Velgrad.", "“This")[0] == "Tam Coll"
    speaker, kind = _of("\"Oh, my word,\" a young woman exclaimed upon seeing him.", "\"Oh")
    assert kind == "direct_quote"


def test_a_single_quoted_headline_after_a_name_and_a_colon() -> None:
    text = "Mayor Ana Vell: ‘The Bridge Is Safe.’\n\nShe said “it is fine” on Monday."
    assert _of(text, "Mayor") == ("Ana Vell", "direct_quote")


def test_a_month_or_a_state_in_an_opening_phrase_is_no_speaker() -> None:
    text = "In April, a Harbour Times poll found that the public says the port should stay open."
    assert _of(text, "In April")[0] == "Harbour Times poll"
    text = "At a rally in Velgrad, Ohio, on Thursday afternoon, Reyn said the plant would reopen."
    assert _of(text, "At a rally")[0] == "Reyn"


def test_inverted_cue_with_a_premodifier_ending_in_ally_or_a_party() -> None:
    assert _of("“He is sincere,” said Reyn ally Tam Coll.", "“He")[0] == "Tam Coll"
    assert _of("“We lost,” said Harbour ranking Democrat Ana Rusk.", "“We")[0] == "Ana Rusk"


def test_a_signature_line_under_a_quote_names_its_speaker() -> None:
    text = ("Ivo Dane spoke first.\n\n"
            "\"Ferries and other big firms pay no port fees.\"\n\n"
            "- Ana Rusk, Velgrad.\n\n"
            "This is a complex issue.")
    assert _of(text, "\"Ferries") == ("Ana Rusk", "direct_quote")
    assert _of(text, "- Ana Rusk")[0] is None  # the signature itself says nothing


def test_descriptions_keep_the_body_and_the_name_they_give() -> None:
    text = "Another pollster, Tam Coll of Velgrad University, said his survey showed Reyn ahead."
    assert _of(text, "Another")[0] == "Tam Coll"
    text = "A senior Harbour administration official said on Friday that the port was safe."
    assert _of(text, "A senior")[0] == "Harbour administration"
    assert _of("Velgrad election officials say the count is over.", "Velgrad")[0] == "Velgrad election officials"
    assert _of("A police spokesman said the road was closed.", "A police")[0] == "police"


def test_a_past_participle_clause_opens_the_sentence_a_name_in_ed_does_not() -> None:
    text = "Alarmed by the strike in Velgrad, Senator Ivo Dane, the minority leader, said he spoke with Reyn."
    assert _of(text, "Alarmed")[0] == "Ivo Dane"
    assert _of("Alfred said the vote, which was close, would stand.", "Alfred")[0] == "Alfred"


def test_an_appositive_between_dashes() -> None:
    text = "Reached on Tuesday, Coll \u2014 who is a lawyer in Velgrad but does not practise \u2014 told reporters he would not appeal."
    assert _of(text, "Reached")[0] == "Coll"


def test_inverted_cue_with_a_share_of_a_group() -> None:
    text = "A quieter mayor may not be a bad thing, say some Democrats, who recall the last race."
    assert _of(text, "A quieter")[0] == "some Democrats"


def test_a_report_in_an_outlet_keeps_the_outlet() -> None:
    text = "Coin flips decided six counties, according to a report in the Velgrad Herald."
    assert _of(text, "Coin flips")[0] == "report in the Velgrad Herald"


def test_a_proper_name_that_goes_on_after_its_institution_word() -> None:
    text = "Sailors would prefer Reyn, according to a Military Harbour survey."
    assert _of(text, "Sailors")[0] == "Military Harbour"
    assert _of("A statement from the Ministry of Health said it was safe.", "A statement")[0] == "Ministry of Health"


def test_a_clause_tacked_on_after_the_main_one_keeps_the_main_speaker() -> None:
    text = ("Orlan Mining on Tuesday denied that any tailings had reached the river, even as the county's "
            "water officer said fish had died downstream.")
    assert _of(text, "Orlan Mining")[0] == "Orlan Mining"
    # an opening subordinate clause still yields to the main clause's speaker
    opening = "While Orlan Mining denied any spill, the county's water officer said fish had died downstream."
    assert _of(opening, "While Orlan")[0] != "Orlan Mining"


def test_as_somebody_put_it() -> None:
    text = ("As Pat Vell, a tax lawyer at the Harbour Institute, recently put it, the levy is a tax on "
            "tourists.\n\nThe board put it on hold in March.")
    assert _of(text, "As Pat Vell") == ("Pat Vell", "indirect_quote")
    assert _of(text, "The board")[0] is None  # "put it on hold" is no frame


def test_a_clause_opener_is_not_part_of_the_name() -> None:
    text = "As Kira Osk, a port pilot, said, the channel is too shallow for the new ships."
    assert _of(text, "As Kira")[0] == "Kira Osk"


def test_a_frame_between_subject_and_verb_keeps_the_whole_sentence() -> None:
    text = "The bridge closed on Friday.\n\nThe new dock, Mayor Vell said, would double the harbour's trade."
    st = extract_statements(Article(title="Dock", text=text))[1]
    assert (st.speaker, st.claim_text) == ("Vell", "The new dock, Mayor Vell said, would double the harbour's trade.")
    # an opening adjunct before the frame is no subject: the clause after it is the claim
    text = "The bridge closed.\n\nIn Dara, the mayor said, the dock was closed for good."
    assert extract_statements(Article(title="Dock", text=text))[1].claim_text == "the dock was closed for good."


def test_a_delegate_title_and_an_opening_adverb() -> None:
    text = '"This is a waste of time," said Del. Kira Osk of the Harbour Islands.'
    assert _of(text, '"This')[0] == "Kira Osk"
    text = "However, the harbour board's brief said the lease was never signed."
    assert _of(text, "However")[0] == "the harbour board's brief"


def test_a_negated_auxiliary_before_the_cue() -> None:
    text = "The mayor and her aides haven't said how the dock will be paid for."
    assert _of(text, "The mayor")[0] == "mayor and her aides"


def test_a_quoted_predicate_then_an_inverted_frame() -> None:
    text = 'The harbour\'s answers to the flood are "not meeting the need," says Kira Osk, head of the port union.'
    st = extract_statements(Article(title="Flood", text=text))[0]
    assert st.speaker == "Kira Osk"
    assert st.claim_text == 'The harbour\'s answers to the flood are "not meeting the need,"'


def test_an_inverted_frame_with_a_description_after_a_quote() -> None:
    text = ("The dock closed.\n\n“It is about the money, all of it,” said a person close to the harbour board.\n\n"
            "''It is a movement now,'' said the younger Mr. Vell, surrounded by his sisters.")
    assert _of(text, "“It is about")[0] == "a person close to the harbour board"
    assert _of(text, "''It is a movement")[0] == "the younger Mr. Vell"
    # not after a quote: "said" followed by a clause is no inverted frame
    text = "Ann Osk, 59, of Dara, Ohio, said the event brought back memories of her father."
    assert _of(text, "Ann Osk")[0] == "Ann Osk"


def test_a_group_that_suggests() -> None:
    text = "Some harbour board allies suggested that the port officials were politically motivated."
    assert _of(text, "Some harbour")[0] == "Some harbour board allies"


def test_a_title_ending_in_the_sentence_comma_is_no_quote() -> None:
    text = "The gag is old.\n\nVell made that gag famous in ''The Long Harbour Night,'' Mr. Osk noted."
    st = extract_statements(Article(title="Gag", text=text))[1]
    assert (st.kind, st.speaker) == ("indirect_quote", "Osk")
    assert st.claim_text == "Vell made that gag famous in ''The Long Harbour Night,''"


def test_the_name_in_apposition_to_a_description() -> None:
    text = "Dara's governor, Ann Vell, a Republican, said the state was ready."
    assert _of(text, "Dara's governor")[0] == "Ann Vell"
    text = "The chairman of the Harbour Board, Gen. Tomas K. Reyes Jr., said the plan was sound."
    st = extract_statements(Article(title="Plan", text=text))[0]
    assert (st.speaker, st.speaker_title) == ("Tomas K. Reyes Jr.", "chairman of the Harbour Board")
    text = "On Wednesday, the director of the port authority, Kira B. Osk, said no charges were due."
    assert _of(text, "On Wednesday")[0] == "Kira B. Osk"


def test_a_quote_opening_with_a_single_mark_inside_a_double_one_starts_a_sentence() -> None:
    text = ("Rubio said the Harbour Jets were his team.\n\nFormer port chief Ann Vell named a favourite show. "
            "“’Night Harbour,’” she said, “although I have not seen the last season!”")
    assert _of(text, "“’Night Harbour")[0] == "Ann Vell"


def test_a_title_with_of_before_a_name() -> None:
    text = "Harbour Board Chief of Staff Kira Osk explained that the delay is by design."
    st = extract_statements(Article(title="Delay", text=text))[0]
    assert (st.speaker, st.speaker_title) == ("Kira Osk", "Harbour Board Chief of Staff")
    text = "Former Minister of Harbour Affairs Ann Vell said the dock was safe."
    st = extract_statements(Article(title="Dock", text=text))[0]
    assert (st.speaker, st.speaker_title) == ("Ann Vell", "Former Minister of Harbour Affairs")


def test_places_outlets_and_nationalities_are_never_he_or_she() -> None:
    text = ("The congress helped Marrow City make the case for a casino.\n\nTomas Reyes met the mayor.\n\n"
            "The vote helped Marrow City again.\n\n“All roads lead through Marrow City,” he said.")
    assert _of(text, "“All roads")[0] == "Tomas Reyes"
    tracker = SpeakerTracker()
    assert [tracker._kind_of(n) for n in ("Marrow City", "The Courier", "Turkish", "Tomas Reyes")] == [
        "institution", "institution", "institution", "person"]


def test_a_description_then_the_name_between_commas() -> None:
    text = ("The head of the local rescue office, Lieutenant Colonel Ade Permana, said the search would go on.\n\n"
            "Reacting to the charge, Congress MLA from Dara, Dr. Palla Reddy, said the claims were false.\n\n"
            "A civil society group, Harbour Watch, said the count was flawed.\n\n"
            "The Marrow Police Command spokesperson, Tomas Aya, a superintendent of police, said 34 people were held.")
    st = extract_statements(Article(title="Search", text=text))
    assert [(s.speaker, s.speaker_title) for s in st] == [
        ("Ade Permana", "head of the local rescue office"), ("Palla Reddy", "Congress MLA from Dara"),
        ("Harbour Watch", "civil society group"), ("Tomas Aya", "Marrow Police Command spokesperson")]
    # a frame between a subject and its verb is no description
    assert _of("The plan, Ann Lee said, was dead.", "The plan")[0] == "Ann Lee"


def test_an_age_or_a_rank_for_the_person_in_focus() -> None:
    text = ("Admiral Tea Vinh said the pier had been extended.\n\nThe 57-year-old said larger ships could berth.\n\n"
            "Lieutenant Colonel Ade Permana said the search would continue.\n\n"
            "\"Our priority is the 14 people still missing,\" the officer said.")
    assert _of(text, "The 57-year-old")[0] == "Tea Vinh"
    assert _of(text, "\"Our priority")[0] == "Ade Permana"


def test_according_to_variants() -> None:
    text = ("The police spokesperson, Tomas Aya, said 34 people were held.\n\n"
            "According to him, three officers were hurt.\n\n"
            "According to Shamal, the reserves now stand at eight billion cubic metres.\n\n"
            "According to an official, who did not wish to be named, the stock had fallen to 22,000 tonnes.\n\n"
            "According to BNPB data, more than 1,000 floods were recorded this year.\n\n"
            "Trade with Dara reached $15 billion last year, according to Chinese customs data.")
    st = extract_statements(Article(title="Stock", text=text))
    assert [(s.speaker, s.claim_text) for s in st[1:]] == [
        ("Tomas Aya", "three officers were hurt."),
        ("Shamal", "the reserves now stand at eight billion cubic metres."),
        ("official", "the stock had fallen to 22,000 tonnes."),
        ("BNPB", "more than 1,000 floods were recorded this year."),
        ("Chinese customs data", "Trade with Dara reached $15 billion last year")]


def test_the_one_told_and_the_words_before_that_stay_in_the_frame() -> None:
    text = ("Defence spokesperson Kira Osk told Reuters the ships were on a training visit.\n\n"
            "The Harbour Environment Programme (HEP) said in a report last month that Dara was most at risk.\n\n"
            "The navy commander, Admiral Tea Vell, was quoted as saying by state broadcaster TVK that the pier "
            "had been extended.\n\nThe mayor told the crowd that jobs would return.")
    claims = [s.claim_text for s in extract_statements(Article(title="Pier", text=text))]
    assert claims == ["the ships were on a training visit.", "Dara was most at risk.",
                      "the pier had been extended.", "jobs would return."]


def test_an_accusation_keeps_its_verb() -> None:
    text = ("Dara's water ministry has accused Marrow of cutting the river's flow by half.\n\n"
            "Union Minister Ann Kumar blamed the state government for the shortage.\n\n"
            "The ministry warned that floods would come.")
    claims = [(s.speaker, s.claim_text) for s in extract_statements(Article(title="Flow", text=text))]
    assert claims == [("Dara\u2019s water ministry", "accused Marrow of cutting the river's flow by half."),
                      ("Ann Kumar", "blamed the state government for the shortage."),
                      ("Dara\u2019s water ministry", "floods would come.")]


def test_mixed_case_datelines_name_nobody() -> None:
    text = ("Flow halved\n\nDara, Marrowland - The water ministry said the river had fallen by half.\n\n"
            "Velgrad, Mar 18 (EFE).- The Minister of Mines, Ana Reyes Soto, assured this Tuesday that gas would last.")
    st = extract_statements(Article(title="Flow", text=text))
    assert [(s.speaker, s.claim_text) for s in st[1:]] == [
        ("water ministry", "the river had fallen by half."), ("Ana Reyes Soto", "gas would last.")]


def test_a_letter_ending_a_sentence_and_rupees() -> None:
    text = ('"It never happened once," Mr. Rama Rao said in a post on X. He alleged that urea was diverted.\n\n'
            "Dr. Reddy claimed the government had left dues of Rs. 1,200 crore.")
    st = extract_statements(Article(title="Urea", text=text))
    assert [(s.speaker, s.claim_text) for s in st] == [
        ("Rama Rao", "It never happened once"), ("Rama Rao", "urea was diverted."),
        ("Reddy", "the government had left dues of Rs. 1,200 crore.")]


def test_long_titles_and_names_from_other_countries() -> None:
    text = ("Union Minister of State for Harbour Affairs Bandi Ravi Kumar said the Centre had given more.\n\n"
            "Marrow Ambassador to Iraq Anil Bora Inan wrote on Monday that the dams had protected Iraq.\n\n"
            "Sheikh Hamid al-Saadi, a tribal leader in the marshes, said that 6,000 buffalo had died.\n\n"
            "\"The forest has been cleared for farms,\" said Maria de la Cruz, a local activist.\n\n"
            "Ministry of Harbour Defence spokesperson Chhum Vell said the ships were on a visit.")
    st = extract_statements(Article(title="Titles", text=text))
    assert [(s.speaker, s.speaker_title) for s in st] == [
        ("Bandi Ravi Kumar", "Union Minister of State for Harbour Affairs"),
        ("Anil Bora Inan", "Marrow Ambassador to Iraq"),
        ("Hamid al-Saadi", "a tribal leader in the marshes"),
        ("Maria de la Cruz", "a local activist"),
        ("Chhum Vell", "Ministry of Harbour Defence spokesperson")]
    # the title before the name is part of the frame, not the claim
    assert st[-1].claim_text == "the ships were on a visit."


def test_a_role_then_a_name_and_the_executive_in_focus() -> None:
    text = ("Political analyst Tam Osk of Dara University told the BBC the vote was close.\n\n"
            "The president of the Republic, Ana Reyes, defended the decision. \"The future is in the wind,\" "
            "wrote the head of State.\n\n\"We are seeing more floods,\" said the 60-year-old.")
    st = extract_statements(Article(title="Vote", text=text))
    assert (st[0].speaker, st[0].speaker_title) == ("Tam Osk", "Political analyst of Dara University")
    assert _of(text, "\"The future")[0] == "Ana Reyes"
    assert _of(text, "\"We are seeing")[0] == "Ana Reyes"


def test_no_source_for_passives_and_plans() -> None:
    text = ("The commission is expected to announce the final result on Monday.\n\n"
            "Vell was not quoted in the readout of the call.\n\n"
            "The shortage has been reported in Dara since June.\n\n"
            "The mayor was quoted as saying the port was safe.")
    st = extract_statements(Article(title="Result", text=text))
    assert [s.speaker for s in st[:3]] == [None, None, None]
    assert (st[3].speaker, st[3].claim_text) == ("mayor", "the port was safe.")


def test_the_role_finds_the_person_who_spoke() -> None:
    text = ("Agriculture Minister Tam Rao said the stock was adequate. Chief Minister A. Ravi Reddy is expected "
            "to review the situation on Tuesday.\n\nThe Minister said farmers could call a free number.")
    assert _of(text, "The Minister")[0] == "Tam Rao"


def test_second_probe_classes() -> None:
    text = ("Ed Vell met Jeremy Hunt on Monday.\n\n\"There is no hole,\" Hunt said.\n\n"
            "Age Harbour said the change could push 100,000 people into poverty.\n\n"
            "Doctors Without Borders said it was sending a team.\n\n"
            "Dara's Cabinet Secretary for Agriculture, Mithika Osk, denied that people had starved.\n\n"
            "Union president Son Woo-mok said the strike would go on.\n\n"
            "A Marrow executive who asked not to be named because the matter was sensitive said the samples had shipped.\n\n"
            "He was quoted by Yonhap as saying that the economy would grow.\n\n"
            "According to Belmonte, the city had logged 1,769 cases since January.\n\n"
            "Judge Tam Rose told the jurors that they must not research the case online.\n\n"
            "Under cross-examination, DC Lim accepted that the footage had not been kept.\n\n"
            "Food prices rose sharply, the United Nations' World Food Programme said Tuesday.\n\n"
            "After Ann Vell spoke, Tam Osk said it was over.")
    st = extract_statements(Article(title="Probe", text=text))
    got = [(s.speaker, s.speaker_title, s.claim_text) for s in st[1:]]
    assert got == [
        ("Jeremy Hunt", None, "There is no hole"),
        ("Age Harbour", None, "the change could push 100,000 people into poverty."),
        ("Doctors Without Borders", None, "it was sending a team."),
        ("Mithika Osk", "Dara's Cabinet Secretary for Agriculture", "denied that people had starved."),
        ("Son Woo-mok", "Union president", "the strike would go on."),
        ("Marrow executive", None, "the samples had shipped."),
        ("Marrow executive", None, "the economy would grow."),
        ("Belmonte", None, "the city had logged 1,769 cases since January."),
        ("Tam Rose", "Judge", "they must not research the case online."),
        ("DC Lim", None, "the footage had not been kept."),
        ("World Food Programme", None, "Food prices rose sharply"),
        ("Tam Osk", None, "it was over."),
    ]


def test_two_speakers_in_one_sentence_make_two_statements() -> None:
    text = ("Drought deepens\n\nOsk said the charge was baseless, while Vell insisted that 40 people had died.\n\n"
            "The dam held, while the river rose.")
    st = extract_statements(Article(title="Drought", text=text))
    assert [(s.text, s.speaker, s.claim_text) for s in st[1:]] == [
        ("Osk said the charge was baseless,", "Osk", "the charge was baseless"),
        ("while Vell insisted that 40 people had died.", "Vell", "40 people had died."),
        ("The dam held, while the river rose.", None, "The dam held, while the river rose.")]
    assert all(text[s.start:s.end] == s.text for s in st)
    # each clause keeps the whole sentence as its context
    assert {text[s.context_start:s.context_end] for s in st[1:3]} == {
        "Osk said the charge was baseless, while Vell insisted that 40 people had died."}


def test_a_view_given_as_an_experts() -> None:
    text = ("The vote is near.\n\nFor the political scientist Ana Couto, of Dara University (DU), the mayor "
            "begins the runoff as favourite.\n\nFor the first time, the party won.")
    st = extract_statements(Article(title="Vote", text=text))
    assert [(s.speaker, s.speaker_title, s.claim_text) for s in st[1:]] == [
        ("Ana Couto", "political scientist", "the mayor begins the runoff as favourite."),
        (None, None, "For the first time, the party won.")]


def test_world_news_sources_round_three() -> None:
    text = ("The BNPB said 14 people were missing.\n\n"
            "The BMKG has forecast more heavy rain this week, it said in a bulletin on Tuesday.\n\n"
            "A Marrow foreign ministry official, speaking on condition of anonymity, told Al Jazeera that "
            "Dara had always released more water.\n\n"
            "A poll by the Harbour Institute of Public Affairs (HIPA), published on Sunday, found that 9.2% "
            "of respondents backed her.")
    st = extract_statements(Article(title="Rain", text=text))
    assert [(s.speaker, s.claim_text) for s in st[1:]] == [
        ("BMKG", "The BMKG has forecast more heavy rain this week"),
        ("Marrow foreign ministry", "Dara had always released more water."),
        ("Harbour Institute of Public Affairs", "9.2% of respondents backed her.")]


def test_it_is_the_body_just_quoted() -> None:
    text = ("Marrow's largest union began a strike on Monday.\n\nThe union said 6,000 workers had walked out.\n\n"
            "Velcorp denied that the strike had hurt production. It said in a filing that all lines were running.")
    assert _of(text, "It said")[0] == "Velcorp"
    # a person just quoted is never "it"
    text = ("The harbour board met on Monday.\n\nAnn Vell said the port was safe. It said the dock would reopen.")
    assert _of(text, "It said")[0] != "Ann Vell"


def test_letters_after_a_name_are_a_title() -> None:
    text = ("Opening the case, Tam Vell KC told the jury that the thefts were planned.\n\n"
            "\"This was a betrayal of trust,\" Mr Vell said.")
    st = extract_statements(Article(title="Case", text=text))
    assert [(s.speaker, s.speaker_title) for s in st] == [("Tam Vell", "KC"), ("Tam Vell", "KC")]


def test_accented_capital_datelines_and_places_after_a_role() -> None:
    text = ("Runoff set\n\nSÃO VELL — The incumbent mayor of São Vell, Tomas Reyes, will face Ana Osk in a "
            "runoff.\n\nBOGOTÁ — The minister said gas would last.")
    st = extract_statements(Article(title="Runoff", text=text))
    assert st[1].claim_text.startswith("The incumbent mayor")
    assert st[2].speaker == "Tomas Reyes"  # not the dateline, not the city he is mayor of
    assert SpeakerTracker()._kind_of("SÃO VELL") == "institution"


def test_third_probe_classes() -> None:
    text = ("Ships seen\n\nU.S. Ambassador to the Philippines Ann Carlson wrote on X that the ships had acted unlawfully.\n\n"
            "Green MEP Tam Hausling said the reform was too slow.\n\n"
            "Two Dara security officials, who spoke on condition of anonymity because they were not authorised to "
            "speak to the media, said the ships had left.\n\n"
            "An official of the irrigation department, requesting anonymity, said the canal had burst.\n\n"
            "Superintendent Ana Chapman told the board that the closures would save $6 million a year.\n\n"
            "The company, Velcorp Civils (Pty) Ltd, denied any wrongdoing.\n\n"
            "The ministry declined to comment on the decision.")
    st = extract_statements(Article(title="Ships", text=text))
    assert [(s.speaker, s.claim_text) for s in st[1:]] == [
        ("Ann Carlson", "the ships had acted unlawfully."),
        ("Tam Hausling", "the reform was too slow."),
        ("Dara security officials", "the ships had left."),
        ("irrigation department", "the canal had burst."),
        ("Ana Chapman", "the closures would save $6 million a year."),
        ("Velcorp Civils (Pty) Ltd", "The company, Velcorp Civils (Pty) Ltd, denied any wrongdoing."),
        ("ministry", "declined to comment on the decision.")]
    assert st[1].speaker_title == "Ambassador to the Philippines"  # ("U.S." ends the run of title words)


def test_source_ending_the_sentence_wins_over_a_name_with_commas_before_it() -> None:
    text = ("As the campaign moves to Ohio, a state she hoped to carry easily, the race will be "
            "tight, said Dan Morrow, director of the Lakeside Poll.\n\n"
            "In nearby Dalton, the carpet mill is hanging on, but it is under pressure from imports, "
            "said the company's chief executive, John J. Perrot.\n\n"
            "Tessa Lin, a council member, told The Dalton Herald the vote was rigged.")
    stmts = extract_statements(Article(text=text))
    assert stmts[0].speaker == "Dan Morrow"
    assert stmts[0].claim_text.startswith("As the campaign moves") and stmts[0].claim_text.endswith("tight")
    assert (stmts[1].speaker, stmts[1].speaker_title) == ("John J. Perrot", "company's chief executive")
    assert stmts[2].speaker == "Tessa Lin"  # the one told is no source


def test_party_label_between_commas_is_no_name() -> None:
    text = ('"We will not move the vote," Senate Majority Leader Ann Morrow, R-Ky., said.\n\n'
            "Sen. Paul Deane, R-Fla., appearing on television after the speech, said the plan failed.\n\n"
            "The bill is dead, said Rep. Lia Quon, D-N.Y.")
    stmts = extract_statements(Article(text=text))
    assert [s.speaker for s in stmts] == ["Ann Morrow", "Paul Deane", "Lia Quon"]


def test_title_with_of_before_a_name_for_any_cue() -> None:
    text = ("Former Secretary of State Mara Quell urged voters to back the levy.\n\n"
            "Voters in Alabama, Georgia and Virginia urged the party to act.")
    stmts = extract_statements(Article(text=text))
    assert (stmts[0].speaker, stmts[0].speaker_title) == ("Mara Quell", "Former Secretary of State")
    assert stmts[0].claim_text.startswith("urged voters")
    assert stmts[1].speaker is None  # a place inside the subject names nobody


def test_dateline_with_an_agency_in_brackets_is_no_speaker() -> None:
    text = ("Dalton (AFP) \u2013 Vice President Mara Quell on Monday hit the campaign trail, "
            "accusing her rival of endangering troops.")
    stmt = extract_statements(Article(text=text))[0]
    assert (stmt.speaker, stmt.speaker_title) == ("Mara Quell", "Vice President")


def test_office_held_under_another_title_is_someone_else() -> None:
    text = ('"This is a scripted show," said Ohio delegate Beau Correll.\n\n'
            "The minister said the road would reopen on Friday.")
    stmts = extract_statements(Article(text=text))
    assert (stmts[0].speaker, stmts[0].speaker_title) == ("Beau Correll", "Ohio delegate")
    assert stmts[1].speaker != "Beau Correll"  # a delegate is no minister


def test_he_or_she_later_in_the_sentence_is_its_subject() -> None:
    text = ("Tom Vell attacked Ben Carrow on Sunday.\n\n"
            "In his interviews, Carrow again criticized the media, though he added that the coverage "
            "had helped his campaign.\n\n"
            "Lena Ostrova said the grant was late.\n\n"
            "Paul Dorn toured the plant last week, which has been losing money for years, he said.\n\n"
            "The Boeing is the campaign's favourite toy, she said.")
    stmts = extract_statements(Article(text=text))
    assert stmts[1].speaker == "Ben Carrow"
    assert stmts[3].speaker == "Paul Dorn"
    assert stmts[4].speaker == "Lena Ostrova"  # a thing is no "she"


def test_described_names_with_a_possessive_or_a_determiner_and_a_name_in_front() -> None:
    text = ("One of the authors of that 2019 report, Ari Fleming, said the result tests its findings.\n\n"
            'In a statement to the Herald, her senior policy adviser, Jake Sorel, said: "Cooperation is essential."\n\n'
            "Gio Varese, the editor of the diocese's weekly newspaper, La Voce Nuova, said every bishop was political.")
    stmts = extract_statements(Article(text=text))
    assert [s.speaker for s in stmts] == ["Ari Fleming", "Jake Sorel", "Gio Varese"]
    assert stmts[1].speaker_title == "senior policy adviser"
    assert stmts[2].speaker_title == "editor of the diocese's weekly newspaper"


def test_outlet_quoting_someone_as_saying_gives_the_one_quoted() -> None:
    text = ("Prime Minister Ilan Voss visited the flooded towns.\n\n"
            "The state-run Valdoria News Agency quoted Prime Minister Ilan Voss as saying the government "
            "would pay every family.\n\n"
            "Another paper quoted him as saying the dam was safe.\n\n"
            "The Herald quoted one of the mayor's advisers as saying the vote was rigged.")
    stmts = extract_statements(Article(text=text))
    assert (stmts[1].speaker, stmts[1].claim_text) == ("Ilan Voss", "the government would pay every family.")
    assert (stmts[2].speaker, stmts[2].claim_text) == ("Ilan Voss", "the dam was safe.")
    assert stmts[3].speaker == "one of the mayor's advisers"


def test_conjunction_opening_the_sentence_is_no_part_of_a_title() -> None:
    stmt = extract_statements(Article(text="But opposition leader Dana Krill accused the government of lying."))[0]
    assert (stmt.speaker, stmt.speaker_title) == ("Dana Krill", "opposition leader")


def test_clause_hung_on_a_trailing_frame_is_no_claim() -> None:
    text = ("At least 41 people have died in floods across the north, the disaster agency said on "
            "Tuesday, as officials warned that a dam could fail.")
    stmt = extract_statements(Article(text=text))[0]
    assert stmt.claim_text == "At least 41 people have died in floods across the north"


def test_east_african_style_frames() -> None:
    text = ("Minister rejects claims of land grab\n\n"
            "KORU: The Minister for Lands, Hon. Grace Wanjiru, has dismissed allegations that officials "
            "grabbed public land.\n\n"
            "Speaking at a press briefing in the capital on Thursday, Wanjiru said the title deeds were "
            "issued lawfully in 2019.\n\n"
            "Residents who spoke to this writer said they were evicted without notice.\n\n"
            "In a rejoinder, the Ministry of Lands through its spokesperson Peter Mwangi said the evictions "
            "were ordered by the court.\n\n"
            "The Ethics and Integrity Commission (EIC) said it had opened investigations.")
    stmts = {s.text.split()[0]: s for s in extract_statements(Article(text=text))}
    assert (stmts["KORU:"].speaker, stmts["KORU:"].speaker_title) == ("Grace Wanjiru", "Minister for Lands")
    assert stmts["Speaking"].speaker == "Grace Wanjiru"
    assert stmts["Speaking"].claim_text == "the title deeds were issued lawfully in 2019."
    assert stmts["Residents"].speaker == "Residents"
    assert (stmts["In"].speaker, stmts["In"].claim_text) == ("Peter Mwangi", "the evictions were ordered by the court.")
    assert stmts["The"].claim_text == "it had opened investigations."


def test_transcript_labels_stay_speakers_beside_a_dateline_rule() -> None:
    text = ("Interview\n\nWALLER: Let me ask you about the new wall on the border.\n\n"
            "MORROW: It will be built, and the state will pay for it.")
    assert [s.speaker for s in extract_statements(Article(text=text))][1:] == ["WALLER", "MORROW"]


def test_malaysian_honorifics_and_company_suffixes() -> None:
    text = ("The Energy Ministry has denied reports that tariffs will rise.\n\n"
            'Its minister, Datuk Seri Ahmad Zaki Hamid, said the reports circulating online were "baseless".\n\n'
            "The water operator, Aliran Selvara Bhd, said in a filing to the stock exchange that it had "
            "submitted a proposal.\n\n"
            "Tan Sri Musa Kassim, chairman of the Consumers Association, urged the government to publish it.\n\n"
            "Tan Wei Ming, a shopkeeper, said prices were rising.")
    stmts = extract_statements(Article(text=text))
    assert stmts[1].speaker == "Ahmad Zaki Hamid"
    assert stmts[1].claim_text.startswith("the reports circulating online")
    assert (stmts[2].speaker, stmts[2].claim_text) == ("Aliran Selvara Bhd", "it had submitted a proposal.")
    assert stmts[3].speaker == "Musa Kassim"
    assert stmts[4].speaker == "Tan Wei Ming"  # "Tan" alone is a surname


def test_estimates_anonymous_sources_and_programmes() -> None:
    text = ("The Northern Front puts the toll at more than 400.\n\n"
            "The council put the plan on hold.\n\n"
            "As the mayor put it, the city is broke.\n\n"
            "An Egyptian official familiar with the talks, speaking on condition of anonymity because he "
            "was not authorised to brief reporters, said the two delegations had not met.\n\n"
            "Prime Minister Rishi Patel told the BBC's Today programme that the country stands with them.")
    stmts = extract_statements(Article(text=text))
    assert (stmts[0].speaker, stmts[0].claim_text) == ("Northern Front", "puts the toll at more than 400.")
    assert stmts[1].speaker is None  # an action, no estimate
    assert stmts[2].claim_text == "the city is broke."
    assert stmts[3].claim_text == "the two delegations had not met."
    assert stmts[4].claim_text == "the country stands with them."


def test_the_official_is_the_unnamed_official_quoted_before() -> None:
    text = ("An Egyptian official familiar with the talks said the delegations had not met.\n\n"
            '"There is still a chance," the official said.')
    stmts = extract_statements(Article(text=text))
    assert stmts[1].speaker == stmts[0].speaker == "An Egyptian official familiar with the talks"


def test_titles_in_quote_marks_inside_frames() -> None:
    text = ('Dorn, the longtime owner of the Harbour Queen pageant and star of the show "The Tower," said in '
            "an interview that conventions have been too dull.\n\n"
            '"It is important to put some showbiz into a convention," he said.\n\n'
            "The plan would cost $1.4 trillion a year, according to the \"Medicare for all\" document he released.\n\n"
            "During an interview broadcast on Wednesday\u2019s \u201cHarbour Live,\u201d Marcel Lehel, the hacker "
            "known as \u201cGuccio,\u201d stated that he had access to the server.\n\n"
            "Lewandowski continued to assert that he never made contact with Fields.")
    stmts = extract_statements(Article(text=text))
    assert stmts[0].speaker == "Dorn" and stmts[0].claim_text == "conventions have been too dull."
    assert stmts[1].speaker == "Dorn"  # "Queen" inside the title's complement gives Dorn no gender
    assert stmts[2].claim_text.startswith("The plan would cost")  # a quoted name is no quote
    assert (stmts[3].speaker, stmts[3].speaker_title) == ("Marcel Lehel", "hacker known as Guccio")
    assert stmts[4].speaker == "Lewandowski"


def test_surname_that_is_a_common_word_before_a_final_cue() -> None:
    text = ("Steven Law runs the fund.\n\n"
            "The fund has raised $24 million, and donors want to do much more, Law said.\n\n"
            '"What I see is a flight to quality," he said.\n\n'
            "The bridge will open in May, Police said.")
    stmts = extract_statements(Article(text=text))
    assert [s.speaker for s in stmts[1:]] == ["Steven Law", "Steven Law", "Police"]


def test_participle_after_an_object_and_a_description_before_a_title() -> None:
    text = ("Mara Quell sternly reprimanded Mr. Dorn, saying at a church that he had shown disrespect.\n\n"
            "Democratic presidential candidate Sen. Ann Fox said the deal was bad.")
    stmts = extract_statements(Article(text=text))
    assert (stmts[0].speaker, stmts[0].speaker_title) == ("Mara Quell", None)
    assert (stmts[1].speaker, stmts[1].claim_text) == ("Ann Fox", "the deal was bad.")


def test_claim_text_leaves_out_the_audience_the_one_asked_and_an_as_frame() -> None:
    text = ("Mara Quell told a Harbour Union gathering in Dalton she will protect the ferry service.\n\n"
            "Ann Earl then asked Quell which towns specifically she could win.\n\n"
            "Fares can still rise, and as Quell noted, the subsidy could still be cut in the spring.")
    stmts = extract_statements(Article(text=text))
    assert [s.claim_text for s in stmts] == [
        "she will protect the ferry service.", "which towns specifically she could win.",
        "the subsidy could still be cut in the spring."]
    assert stmts[2].speaker == "Mara Quell"  # a surname that is also a word, of a speaker met before


def test_participles_and_trailing_frames_in_claim_text() -> None:
    text = ("The excesses are sickening, Lena Hollis said Tuesday in Paris, noting the nominee makes her retch.\n\n"
            "Mara Quell compared the mayor to his rival, saying they are both part of the system.\n\n"
            "This is not about me, Governor Tom Vell told his closest advisers as he worked on the speech.\n\n"
            "Moderator Ann Earl raised the issue of the audit, asking Quell why she has criticized the auditor.")
    stmts = extract_statements(Article(text=text))
    assert [s.claim_text for s in stmts] == [
        "The excesses are sickening", "they are both part of the system.", "This is not about me",
        "why she has criticized the auditor."]
    assert stmts[3].speaker == "Ann Earl"  # the verb inside the question is no frame


def test_live_blog_posts_lists_and_colon_quotes() -> None:
    text = ("Live: Budget row deepens\n\n"
            "Key points:\n- Treasurer Jim Calder says the budget will return to surplus by 2027\n"
            "- The opposition says 4,000 public service jobs will go\n\n"
            '1.50pm: Independent MP Zali Stegall has weighed in on Twitter: "Where is the money for the coast?"\n\n'
            "2.14pm: The Treasurer also ruled out changes to negative gearing.")
    stmts = extract_statements(Article(text=text))
    by_start = {s.text[:12]: s for s in stmts}
    calder = by_start["- Treasurer "]
    assert (calder.speaker, calder.speaker_title, calder.claim_text) == (
        "Jim Calder", "Treasurer", "the budget will return to surplus by 2027")
    assert by_start["- The opposi"].claim_text == "4,000 public service jobs will go"
    assert (by_start["1.50pm: Inde"].speaker, by_start["1.50pm: Inde"].claim_text) == (
        "Zali Stegall", "Where is the money for the coast?")
    ruled = by_start["2.14pm: The "]
    assert (ruled.speaker, ruled.claim_text) == ("Jim Calder", "ruled out changes to negative gearing.")
def test_verb_stem_pools_the_forms_of_a_verb() -> None:
    for forms in ("oppose opposes opposed opposing", "plan plans planned planning", "seek seeks sought seeking",
                  "deny denies denied denying", "agree agrees agreed agreeing", "hope hopes hoped hoping"):
        assert len({verb_stem(w) for w in forms.split()}) == 1, forms
    assert verb_stem("called") == "call" and verb_stem("planned") == "plan"


def test_other_forms_of_a_learned_subject_verb_attribute() -> None:
    # "proposes" itself is too rare to be learned, "proposed" is not: the stem carries it
    assert "proposes" not in speakers.SUBJECT_VERBS and verb_stem("proposes") in speakers.SUBJECT_STEMS
    text = ("Mayor Ro Kessel proposes a night ban on lorries in the old town.\n\n"
            "Senator Ivo Pell is pledging to cut ferry fares by half.\n\n"
            "Mayor Ro Kessel on Friday proposed a levy on cruise ships.\n\n"
            "Senator Ivo Pell himself proposed a second bridge.")
    assert _of(text, "Mayor Ro Kessel proposes")[0] == "Ro Kessel"
    assert _of(text, "Senator Ivo Pell is pledging")[0] == "Ivo Pell"
    assert _of(text, "Mayor Ro Kessel on Friday")[0] == "Ro Kessel"  # a time adjunct before the verb
    assert _of(text, "Senator Ivo Pell himself")[0] == "Ivo Pell"  # an emphatic pronoun is no verb


def test_negated_verbs_of_thinking_attribute_other_negations_do_not() -> None:
    text = ("Ro Kessel, an analyst at Dara Bank, does not expect a deal before the spring.\n\n"
            "Ivo Pell doesn\u2019t believe the tariff will pass.\n\n"
            "Tom Vell did not respond to a request for comment.\n\n"
            "Ana Orsk did not dismiss the harbour master on Tuesday.")
    assert _of(text, "Ro Kessel")[0] == "Ro Kessel"
    assert _of(text, "Ivo Pell")[0] == "Ivo Pell"
    assert _of(text, "Tom Vell") == (None, "narration")  # nothing said: no speaker
    assert _of(text, "Ana Orsk") == (None, "narration")  # an action, negated


def test_a_noun_after_the_subject_is_no_learned_verb() -> None:
    # "officials" is no form of a verb although "official" follows sources in the training set
    text = "Border Patrol officials have worked with the harbour police since May."
    assert _of(text, "Border Patrol")[0] is None


def test_polls_studies_and_records_speak_past_how_they_were_made() -> None:
    text = ("A Varn University poll released Saturday found that 28 percent of voters backed the levy.\n\n"
            "Exit polls taken in Orsk found that most voters opposed the toll.\n\n"
            "A 2019 report by the progressive Dara Policy Institute found that the levy would raise $20 million.\n\n"
            "Audit files from the harbour board show that four accounts were opened in May.\n\n"
            "Early results of an entrance poll of Orsk voters are showing that the mayor leads.\n\n"
            "Most voters in Orsk oppose the toll, the poll found.\n\n"
            "The full poll can be found on the Herald website.")
    assert _of(text, "A Varn University poll")[0] == "Varn University poll"
    assert _of(text, "Exit polls")[0] == "Exit polls taken in Orsk"  # no name of its own: as written
    assert _of(text, "A 2019 report")[0] == "Dara Policy Institute"  # the report's maker
    assert _of(text, "Audit files")[0] == "Audit files from the harbour board"
    assert _of(text, "Early results")[0] == "Early results of an entrance poll of Orsk voters"
    assert _of(text, "Most voters")[0] == "the poll"
    assert _of(text, "The full poll") == (None, "narration")  # a passive: nothing found by the poll
    st = {s.text[:12]: s for s in extract_statements(Article(text=text))}
    assert st["A Varn Unive"].claim_text == "28 percent of voters backed the levy."


def test_a_survey_named_by_its_owner_or_without_its_relative_clause() -> None:
    text = ("The Dara Statistics Office published its figures on Monday.\n\n"
            "The office's quarterly survey, which interviews 9,000 households, found 2,860 people out of work.\n\n"
            "A harbour survey, which the board ran in May, found 40 ships waiting.\n\n"
            "URLs point at example.org.")
    assert _of(text, "The office's")[0] == "Dara Statistics Office"
    assert _of(text, "A harbour survey")[0] == "harbour survey"
    assert _of(text, "URLs") == (None, "narration")  # a bare "point" after a plural is no learned verb


def test_a_person_releasing_records_is_no_evidence_subject() -> None:
    text = "Ana Orsk released her tax records in July, which showed a loss."
    # (the clause before "records" has a verb of its own: it is no description of the records)
    assert "records" not in (_of(text, "Ana Orsk")[0] or "")


def test_groups_that_think_fear_or_expect_are_sources() -> None:
    text = ("Some harbour workers expect the new cranes to cost them their jobs.\n\n"
            "Dara Port officials expect the toll to raise $4 million a year.\n\n"
            "Orsk Greens think the levy is too low.\n\n"
            "Dockers fear the toll will drive ships to Varn.\n\n"
            "The Dara Policy Institute, a think tank in Orsk, opened in 1998.\n\n"
            "Much depends on what voters think of the mayor.")
    assert _of(text, "Some harbour workers")[0] == "Some harbour workers"
    assert _of(text, "Dara Port officials")[0] is not None
    assert _of(text, "Orsk Greens")[0] == "Orsk Greens"
    assert _of(text, "Dockers fear")[0] == "Dockers"
    assert _of(text, "The Dara Policy Institute")[1] == "narration"  # "think tank" is no verb
    assert _of(text, "Much depends") == (None, "narration")  # "what voters think": no view given
    other = "Senator Pell backed Ro Kessel, a man who many believe betrayed the dockers."
    assert _of(other, "Senator Pell")[0] != "Senator"  # "who many believe" is a relative clause


def test_called_with_an_object_reports_called_with_a_name_names() -> None:
    text = ("Senator Ivo Pell, also a candidate, called the levy a disgrace.\n\n"
            "The Kessel campaign called his report a rush to judgment.\n\n"
            "In 2009 they formed a company called the Orsk Trading Group.\n\n"
            "She later joined a group called Harbour Watch.")
    assert _of(text, "Senator Ivo Pell")[0] == "Ivo Pell"  # after an appositive's comma: a verb
    assert _of(text, "The Kessel campaign")[0] is not None  # "called his report ...": a verb
    assert _of(text, "In 2009") == (None, "narration")  # "called the Orsk Trading Group": a name
    assert _of(text, "She later") == (None, "narration")


def test_a_stance_in_a_relative_clause_is_the_named_persons() -> None:
    text = ("Senator Ivo Pell, who has long opposed the levy, arrived in Orsk on Monday.\n\n"
            "Ro Kessel, who was elected in 2019, toured the port.")
    (first, second) = extract_statements(Article(text=text))
    assert first.speaker == "Ivo Pell"
    assert first.claim_text == first.text.rstrip()  # no frame to cut: the sentence is the claim
    assert second.speaker is None  # "was elected": done to him, no stance


def test_a_relative_clause_after_a_name_is_no_title() -> None:
    text = ("The Governor of Varel State, Mr Obi Tandoh, has said the polls will be peaceful.\n\n"
            "Tandoh, who spoke through his Chief Press Secretary, Mr Kofi Aning, on Monday, warned that "
            "thugs would be arrested.\n\n"
            "\u201cNobody will disrupt this election,\u201d the governor said.")
    stmts = extract_statements(Article(text=text))
    assert [s.speaker for s in stmts] == ["Obi Tandoh"] * 3
    assert stmts[1].speaker_title == "Governor of Varel State"


def test_a_name_between_commas_after_a_plain_description_speaks() -> None:
    # the description's noun is no office ("colleague", "neighbour"), the name still speaks
    text = "A former colleague, Rhys Penhallow, said that the manager often worked alone at night."
    assert _of(text, "A former colleague")[0] == "Rhys Penhallow"
    text = "Her neighbour, Maria Ostrova, said the house had been empty for weeks."
    assert _of(text, "Her neighbour")[0] == "Maria Ostrova"


def test_two_opening_adjuncts_before_a_described_name() -> None:
    text = "Meanwhile, in Norland, the mayor of Port Vesk, Alma Tersen, says the town will not raise taxes."
    stmts = extract_statements(Article(text=text))
    assert stmts[0].speaker == "Alma Tersen" and stmts[0].speaker_title == "mayor of Port Vesk"
    assert stmts[0].claim_text == "the town will not raise taxes."


def test_pointed_out_reports_its_clause() -> None:
    text = "The central bank governor, Tomas Varga, pointed out that inflation will ease by June."
    stmts = extract_statements(Article(text=text))
    assert stmts[0].speaker == "Tomas Varga" and stmts[0].claim_text == "inflation will ease by June."
    # "out" after other cues is still no report ("reported from", "showed up")
    assert _of("Tomas Varga reported from the border town of Vesk.", "Tomas")[0] is None


def test_a_capitalised_dateline_with_a_colon_opening_the_text() -> None:
    text = ("KORVAN: Prime Minister Dilawar Qasim on Monday said the government would cut fuel prices by "
            "five percent before the end of the month.\n\n"
            "\u201cWe will not let inflation crush the poor,\u201d PM Qasim said while addressing a rally.")
    stmts = extract_statements(Article(text=text))
    assert [s.speaker for s in stmts] == ["Dilawar Qasim", "Dilawar Qasim"]
    assert stmts[0].claim_text.startswith("the government would cut fuel prices")
    # a short label line opening the text is a headline's, no dateline and no speaker
    assert _of("EXPOSED: Ministers Met Lobbyists In Secret.\n\nThe meeting lasted an hour.", "EXPOSED")[0] is None


def test_a_time_glued_to_a_name_is_no_title() -> None:
    text = "8:47PM Ivo Marten said the count would resume at nine."
    assert _of(text, "8:47PM")[0] == "Ivo Marten"


def test_nigerian_title_abbreviations_and_a_two_part_description() -> None:
    text = ("The Chairman of the Bar Association, Ekiti branch, Barr. Tunde Alabi, urged the commission to "
            "publish the list of polling units.\n\n"
            "According to him, transparency is the only guarantee of a credible poll.")
    stmts = extract_statements(Article(text=text))
    assert len(stmts) == 2  # "Barr." ends no sentence
    assert [s.speaker for s in stmts] == ["Tunde Alabi", "Tunde Alabi"]
    assert stmts[0].speaker_title == "Chairman of the Bar Association, Ekiti branch"


def test_the_legislator_is_the_lawmaker_in_focus() -> None:
    text = ("Congressman Aldo Quiroga announced that he will summon the finance minister.\n\n"
            "\u201cThe minister must explain these figures to the country,\u201d the legislator stated.")
    assert _of(text, "\u201cThe minister")[0] == "Aldo Quiroga"


def test_a_noun_accused_of_something_is_no_accuser() -> None:
    text = ("A former shop manager accused of stealing more than $300,000 from his employer told a jury "
            "on Tuesday that he never took a cent.")
    stmts = extract_statements(Article(text=text))
    assert stmts[0].cue == "told" and stmts[0].claim_text == "he never took a cent."
    assert stmts[0].speaker is not None and "000" not in stmts[0].speaker  # no name from inside "$300,000"
    # the active verb keeps its accuser, also with the object before it
    assert _of("He named the preacher whom Ilgaz accuses of plotting the strike.", "He named")[0] == "Ilgaz"


def test_according_to_an_owned_body_and_a_time_after_the_source() -> None:
    text = ("According to the army's media wing, a large cache of explosives was also recovered.\n\n"
            "According to a statement released by the Ministry of Rail Transport on Wednesday, freight "
            "volumes rose 12 percent.")
    stmts = extract_statements(Article(text=text))
    assert stmts[0].speaker == "army's media wing"
    assert stmts[0].claim_text == "a large cache of explosives was also recovered."
    assert stmts[1].speaker == "Ministry of Rail Transport"  # not "... on Wednesday"
    assert stmts[1].claim_text == "freight volumes rose 12 percent."


def test_the_premier_is_the_prime_minister() -> None:
    text = ("Prime Minister Dilawar Qasim said the reserves had doubled.\n\n"
            "The finance minister, Sara Malik, said the deficit had narrowed.\n\n"
            "The premier said that the next review would be completed by April.")
    assert _of(text, "The premier")[0] == "Dilawar Qasim"


def test_a_statement_signed_by_someone_then_the_party_said() -> None:
    text = ("Meanwhile, the opposition United Reform Alliance has accused the state government of plotting "
            "to rig the polls.\n\n"
            "In a statement signed by its Publicity Secretary, Mr Ade Bello, the party said its agents had "
            "been denied access to the ballot papers.")
    stmt = _speakers(text)
    got = extract_statements(Article(text=text))[1]
    assert stmt[1][1] == "United Reform Alliance"  # "the party" is the alliance named before
    assert got.claim_text == "its agents had been denied access to the ballot papers."


def test_a_clause_after_the_cue_is_no_inverted_source() -> None:
    # "candidates" is a role noun, yet "a strike would hurt candidates" is what was said
    text = "Wanjiku Mbeki, a parent at Rift Valley Girls School, said a strike would hurt the candidates."
    stmts = extract_statements(Article(text=text))
    assert stmts[0].speaker == "Wanjiku Mbeki"
    assert stmts[0].claim_text == "a strike would hurt the candidates."


def test_armed_groups_speak_as_groups() -> None:
    text = ("The army blamed the attack on the Northern Front.\n\n"
            "Rebels said the army had shelled the market themselves.\n\n"
            "The militants denied any involvement.")
    assert _of(text, "Rebels said")[0] == "Rebels"
    assert _of(text, "The militants")[0] == "militants"
    assert _of("The troops withdrew from the town at dawn.", "The troops")[0] is None  # no report, no speaker


def test_honorific_after_an_opening_adverb_and_a_told_audience() -> None:
    text = ("Meanwhile, Madam Siti Rahmah, 62, a retiree in Kampung Baru, said her bill had doubled.\n\n"
            "In July, Sammy Aaron, vice chairman of the mill, told investors the deal was done.")
    stmts = extract_statements(Article(text=text))
    assert (stmts[0].speaker, stmts[0].speaker_title) == ("Siti Rahmah", "Madam")
    assert (stmts[1].speaker, stmts[1].claim_text) == ("Sammy Aaron", "the deal was done.")


def test_a_phrase_with_is_after_the_cue_is_content_not_a_source() -> None:
    # the auxiliaries that make a phrase after the cue a clause include "is" and "has"
    from claims.text.speakers import _has_auxiliary

    assert _has_auxiliary("the plan is dead") and _has_auxiliary("a deal has been struck")
    assert not _has_auxiliary("a senior official")
