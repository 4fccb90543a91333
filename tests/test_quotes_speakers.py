"""Speaker rules of the quotation engine: transcript labels, headlines, carried paragraphs, participles."""
from __future__ import annotations

import pytest

from analysis.quotes.attribution import title_case
from analysis.quotes.engine import extract_statements


def _speakers(text: str) -> list[tuple[str, str | None, str]]:
    """(kind, speaker, text) of each quote-marked statement."""
    return [(s.kind, s.speaker, s.text) for s in extract_statements(text) if s.kind != "indirect"]


def test_transcript_labels_name_each_turn():
    text = ("The senator spoke to the programme on Sunday. A partial transcript follows:\n"
            '"HOST: Senator, will you back the bill this week?\n'
            '"SEN. OKAFOR: Well, look, I have said all along that I want to see the final text.\n'
            '"HOST: And if it stays as it is?"')
    got = [(k, sp) for k, sp, _ in _speakers(text)]
    assert got == [("full", "HOST"), ("full", "SEN. OKAFOR"), ("full", "HOST")]


@pytest.mark.parametrize("text", [
    '"UPDATE: This story has been changed to add the council\'s figures."',
    "\"EDITOR'S NOTE: An earlier version misstated the date of the vote.\"",
])
def test_labels_that_name_no_one_are_not_speakers(text):
    assert _speakers(text)[0][1] is None


def test_a_lower_case_label_is_not_a_transcript_speaker():
    assert _speakers('"Note: the figures are provisional," the spokesman said.')[0][1] == "the spokesman"


def test_title_case_headline_verb_is_a_cue():
    got = _speakers("Mayor Says New Bridge Will Be 'Ready by Spring.'")
    assert got == [("partial", "Mayor", "Ready by Spring.")]


def test_only_the_headline_main_verb_counts():
    got = _speakers("Chancellor Says Report Will Tell of 'Hard Choices' Ahead")
    assert got[0][1] == "Chancellor"


def test_capitalised_verb_in_running_text_is_still_no_cue():
    assert _speakers("The Says Group published a 'manifesto' on Monday.")[0][1] is None


@pytest.mark.parametrize("text, expected", [
    ("Obama Says Museum Will Tell of Delight", True),
    ("Minister Warns Of Grave Risk To Schools", True),
    ("The minister said it was a grave risk", False),
    ("Two Words", False),
])
def test_title_case(text, expected):
    assert title_case(text) is expected


def test_unattributed_quote_paragraph_continues_the_last_speaker():
    text = ('"Nobody on this estate is writing to their MP any more," said Joan Pike, who chairs '
            "the tenants' association.\n"
            '"We used to fill the hall. Now we are lucky to get a dozen people on a wet Tuesday."')
    got = _speakers(text)
    assert [sp for _, sp, _ in got] == ["Joan Pike", "Joan Pike"]
    assert got[1][0] == "full"


def test_after_a_short_trailing_attribution_the_speaker_carries():
    text = ('"We are not going to close the ward," he said.\n'
            '"The money is there, and the staff are there, and we intend to keep it open."')
    assert [sp for _, sp, _ in _speakers(text)] == ["he", "he"]


def test_no_carry_when_the_paragraph_goes_on_after_the_quote():
    text = ('"We are not going to close the ward," he said, before the board voted on the '
            'plan to merge the two hospitals by next spring.\n'
            '"The money is there, and the staff are there, and we intend to keep it open."')
    assert _speakers(text)[1][1] is None


def test_no_carry_into_a_title_case_subhead():
    text = ('"The mines will not come back," said Ms. Alvarez.\n'
            '"All Bets Are Off."')
    assert _speakers(text)[1][1] is None


def test_no_carry_when_the_next_paragraph_is_not_wholly_a_quote():
    text = ('"The mines will not come back," said Ms. Alvarez.\n'
            '"That is the view of most people here," the mayor added, "and they are right."')
    assert [sp for _, sp, _ in _speakers(text)][1] == "the mayor"


def test_participle_after_a_noun_does_not_take_the_speaker():
    text = ("She says the council's letters accusing tenants of damage are "
            '"insulting and untrue."')
    assert _speakers(text)[0][1] == "She"


def test_relative_clause_after_a_dash_gives_the_noun_before_it():
    text = ("Instead, the report -- which notes that councils would be owed millions, "
            '"enough to reopen every library in the county," if the rules changed -- '
            "should worry ministers.")
    assert _speakers(text)[0][1] == "the report"


def test_sentence_adverb_opener_is_not_a_subject():
    from analysis.quotes.attribution import sentence_subject
    from analysis.text.tokens import Tokens
    text = "Instead, the watchdog and the council disagreed."
    toks = Tokens(text, 0, len(text))
    a, b = sentence_subject(toks, 0, len(toks))
    assert text[toks.spans[a][0]:toks.spans[b][1]] == "the watchdog"


def test_trailing_adverb_is_not_part_of_the_speaker():
    assert _speakers('"We will be back," my grandmother often said.')[0][1] == "my grandmother"


def test_song_lyrics_are_attributed_to_the_singer():
    text = '"Hold on, hold on to me," Adele sings to the crowd at the start of the set.'
    assert _speakers(text)[0][1] == "Adele"


def test_a_noun_like_cue_before_an_object_pronoun_is_a_verb():
    text = 'Ministers call them "bed blockers" and the charities call it cruelty.'
    assert _speakers(text)[0][1] == "Ministers"


def test_a_noun_like_cue_without_a_verb_signal_stays_a_noun():
    assert _speakers('His calls for "calm" were ignored.')[0][1] is None


@pytest.mark.parametrize("text, speaker", [
    ('The watchdog rated the claim "mostly false" in its weekly round-up.', "The watchdog"),
    ('In her speech, the chancellor proclaimed a "decade of renewal."', "the chancellor"),
])
def test_verdict_and_proclamation_verbs_are_cues(text, speaker):
    assert _speakers(text)[0][1] == speaker


def test_participle_adjunct_after_an_earlier_quote_takes_the_clause_subject():
    text = ("Mr. Hale barely addressed the question, brushing off the report -- \"It's nonsense\" "
            "-- and, when pressed by reporters, insisting, \"Of course I paid every penny.\"")
    got = _speakers(text)
    assert got[-1][1] == "Mr. Hale"


def test_whole_sentence_quote_after_a_reporting_sentence_takes_its_speaker():
    text = ("Ms. Reyes, the council's finance chief, warned that reserves would run dry by March. "
            '"We have cut everything we can cut and there is nothing left to give."')
    got = _speakers(text)
    assert got == [("full", "Ms. Reyes", got[0][2])]


def test_quote_after_a_sentence_with_no_cue_stays_unattributed():
    text = ("The library closed in March after forty years. "
            '"We have cut everything we can cut and there is nothing left to give."')
    assert _speakers(text)[0][1] is None


def test_quote_after_a_denied_speech_act_stays_unattributed():
    text = ("The minister declined to say whether the scheme would survive. "
            '"Nobody in this building believes the figures any more."')
    assert _speakers(text)[0][1] is None


def _indirect(text: str) -> list[tuple[str | None, str]]:
    """(speaker, text) of each reported-speech statement."""
    return [(s.speaker, s.text) for s in extract_statements(text) if s.kind == "indirect"]


@pytest.mark.parametrize("text, speaker", [
    ("The mayor is saying that the budget will balance.", "The mayor"),
    ("Councillor Ann Boyd was insisting that the vote was lawful.", "Councillor Ann Boyd"),
    ("The ministry has been arguing that the figures are wrong.", "The ministry"),
])
def test_a_progressive_cue_keeps_its_subject(text, speaker):
    # "is saying" is the active voice: only "was told" and the like leave the speaker unnamed
    assert _indirect(text)[0][0] == speaker


@pytest.mark.parametrize("text", [
    "We were told that the budget will balance.",
    "We\u2019re told that the budget will balance.",
    "I'm told that the budget will balance.",
])
def test_a_passive_cue_names_no_speaker(text):
    assert all(sp is None for sp, _ in _indirect(text))


@pytest.mark.parametrize("text, speaker", [
    ("Attorney General Maria Lund isn\u2019t saying whether the inquiry will go on.",
     "Attorney General Maria Lund"),
    ("The regulator hasn't said that the scheme broke the rules.", "The regulator"),
    ("He\u2019s claiming that the count was rigged.", "He"),
    ("They're predicting that turnout will fall.", "They"),
])
def test_a_contracted_verb_is_no_part_of_the_speaker(text, speaker):
    assert _indirect(text)[0][0] == speaker


@pytest.mark.parametrize("text", [
    "That\u2019s when she said that the count was rigged, according to aides.",
    "It's absurd to say that the count was rigged.",
    "There's no denying that the count was rigged.",
])
def test_a_clause_opener_with_a_contracted_verb_is_never_a_speaker(text):
    assert all(sp not in ("That\u2019s", "It's", "There's", "It", "That") for sp, _ in _indirect(text))


def test_a_phrase_ending_in_a_clause_opener_is_no_speaker():
    text = 'Perhaps that\'s why the plan is weak: "Change" sounds so neutral.'
    assert all(sp is None for _, sp, _ in _speakers(text))


def test_a_capitalised_adverb_after_a_name_belongs_to_it():
    assert _indirect("USA Today reported that the count was rigged.")[0][0] == "USA Today"
    assert _indirect("Obama Tuesday said that the count was rigged.")[0][0] == "Obama"


@pytest.mark.parametrize("text, speaker", [
    ('"The plan will fail," the Campaign to Protect Our Parks said.',
     "the Campaign to Protect Our Parks"),
    ('"The plan will fail," the founder of Freedom to Marry said.', "the founder of Freedom to Marry"),
    ('"The plan will fail," a spokesman for Unite to Save Jobs said.', "a spokesman for Unite to Save Jobs"),
])
def test_to_and_a_capitalised_possessive_inside_a_title_case_name_belong_to_it(text, speaker):
    assert _speakers(text)[0][1] == speaker


@pytest.mark.parametrize("text, speaker", [
    ('"Prices will rise," officials in Washington said.', "officials in Washington"),
    ('"Prices will rise," police in Greater Manchester said.', "police in Greater Manchester"),
    ('"Prices will rise," said officials in Brussels.', "officials in Brussels"),
    ('"Prices will rise," a spokesman for the council said.', "a spokesman for the council"),
])
def test_a_place_or_body_after_the_people_is_part_of_the_speaker(text, speaker):
    assert _speakers(text)[0][1] == speaker


@pytest.mark.parametrize("text, speaker", [
    ("Farmers in the Midwest are warning that prices will rise.", "Farmers in the Midwest"),
    ("A spokesman for the council said that prices will rise.", "A spokesman for the council"),
    ("Romney in a statement released Monday said that prices will rise.", "Romney"),
    ("Smith in an interview said that prices will rise.", "Smith"),
])
def test_the_people_before_a_place_and_not_a_medium_speak(text, speaker):
    # "in a statement" / "in an interview" lies between the speaker and the cue
    assert _indirect(text)[0][0] == speaker


@pytest.mark.parametrize("text, not_speaker", [
    ("They could not resist pointing out that the count was rigged.", "resist"),
    ("It is worth noting that the count was rigged.", "worth"),
    ("He ended up saying that the count was rigged.", "up"),
])
def test_a_lone_lower_case_word_before_an_ing_cue_is_no_speaker(text, not_speaker):
    assert all(sp != not_speaker for sp, _ in _indirect(text))


@pytest.mark.parametrize("text, speaker", [
    ("The rally ended with police saying that the count was fair.", "police"),
    ("The rally ended with critics warning that the count was rigged.", "critics"),
])
def test_a_bare_collective_or_plural_before_an_ing_cue_still_speaks(text, speaker):
    assert _indirect(text)[0][0] == speaker


@pytest.mark.parametrize("text, speaker", [
    ("Lynch said she recalled thinking, \u201cThis is not right.\u201d\n", "Lynch"),
    ("Clinton says she appreciated Machado\u2019s courage through what she calls a "
     "\u201cdehumanizing\u201d ordeal.\n", "Clinton"),
    ("Rick Santorum said Sunday he wasn't questioning it when he referred to his "
     "\"phony theology\" over the weekend.\n", "Rick Santorum"),
    ("Dingell said that she has spoken \u201cendlessly\u201d to Pelosi.\n", "Dingell"),
])
def test_a_pronoun_the_reported_clause_opens_with_is_its_named_speaker(text, speaker):
    quotes = [s for s in extract_statements(text) if s.kind != "indirect"]
    assert [s.speaker for s in quotes] == [speaker]
    s = quotes[0]
    assert text[s.speaker_start:s.speaker_end] == speaker


@pytest.mark.parametrize("text", [
    "The indictment alleges he spoke \u201cto senior officials\u201d about it.\n",  # no person
    "Police said he told officers \u201cI did it.\u201d\n",  # a collective
    "The FBI said he told agents \u201cnothing at all.\u201d\n",  # a body
    "Smith said he told Jones that she was \u201ca liar,\u201d she said.\n",  # another pronoun
])
def test_a_pronoun_stays_when_the_clause_does_not_bind_it(text):
    quotes = [s for s in extract_statements(text) if s.kind != "indirect"]
    assert [s.speaker for s in quotes] in (["he"], ["she"])


def test_a_quote_that_continues_a_bound_one_keeps_its_speaker():
    text = ("DuVernay said she felt it was worth examining because \u201cit is the key,\u201d "
            "she said. \u201cWe have no context.\u201d\n")
    quotes = [s for s in extract_statements(text) if s.kind == "full"]
    assert [s.speaker for s in quotes] == ["DuVernay", "DuVernay"]
    assert len({s.statement for s in quotes}) == 1


@pytest.mark.parametrize("text, speaker", [
    ("Evan Wolfson, the founder of Freedom to Marry, a gay rights group, said that now "
     "\u201cthe tide has turned.\u201d\n", "Evan Wolfson"),
    ("Scott Pruitt, the Republican attorney general of Oklahoma, one of the states suing the "
     "EPA, said the rule was \u201cunlawful.\u201d\n", "Scott Pruitt"),
    ("Melissa Baldwin, co-organizer of Miami Climate Month, which organized the rally, says "
     "\u201cwe are here.\u201d\n", "Melissa Baldwin"),
    # no name opens the clause: the description stays the speaker
    ("In Washington, the head of the council, a former mayor, said it was \u201cfine.\u201d\n",
     "the head of the council"),
])
def test_a_description_set_after_a_name_before_a_second_apposition_gives_the_name(text, speaker):
    quotes = [s for s in extract_statements(text) if s.kind != "indirect"]
    assert [s.speaker for s in quotes] == [speaker]
