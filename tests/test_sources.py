"""Source type, named/anonymous and gender of speakers, and the per-article source measures."""
from __future__ import annotations

import math
from dataclasses import replace

import pytest

from analysis.errors import DataFileError
from analysis.model import Article, Statement
from analysis.quotes.engine import extract_statements
from analysis.measures.sources import (FIELD_KEYS, OFFICIAL, SOURCE_TYPES, entropy, load_first_names, outlet_summary,
                              load_roles, source_fields, source_summary, with_source_fields)


def _fields(text: str, speaker: str, occurrence: int = 0) -> dict:
    """Source fields of the first statement of text whose speaker is `speaker`."""
    found = [s for s in extract_statements(text) if s.speaker == speaker]
    assert len(found) > occurrence, [s.speaker for s in extract_statements(text)]
    return source_fields(found[occurrence], text)


def _fields_as_speaker(speaker: str) -> dict:
    """Source fields of `speaker` given as the speaker span of a plain sentence (the reading of
    the phrase alone, whatever the quotation engine would make of it)."""
    text = f"The vote was on Monday. {speaker} said the plan would fail."
    start = text.index(speaker)
    return source_fields({"speaker_start": start, "speaker_end": start + len(speaker)}, text)


# ---- source type from the mention, its apposition and earlier mentions --------------------
@pytest.mark.parametrize("text, speaker, stype, rule", [
    # US copy: titles in the mention
    ('"We will block it," Sen. Maria Lopez said Tuesday.', "Sen. Maria Lopez", "politician", "role"),
    ('"The review is complete," Attorney General Tom Reed said.', "Attorney General Tom Reed",
     "executive", "role"),
    ('"Charges are likely," Police Chief Ann Barlow told reporters.', "Police Chief Ann Barlow",
     "police_military", "role"),
    ('"We will appeal," said defense attorney Mark Ruiz.', "defense attorney Mark Ruiz", "legal",
     "role"),
    ('"He showed again and again an ability," his business partner said.',
     "his business partner", "business", "role"),
    # UK copy
    ("'The figures speak for themselves,' the Home Office said.", "the Home Office", "executive",
     "organisation"),
    ("'It is a matter for the courts,' said Labour MP Jane Hill.", "Labour MP Jane Hill",
     "politician", "role"),
    # a spokesperson takes the type of the body it speaks for
    ('"We have no comment," a State Department spokeswoman said.',
     "a State Department spokeswoman", "executive", "speaks_for"),
    ('"Sales are up," a Acme Corp spokesman said.', "a Acme Corp spokesman", "business",
     "speaks_for"),
    # apposition after the name
    ('"It was terrifying," said Jane Doe, a nurse from Leeds.', "Jane Doe", "expert", "apposition"),
    ('"I am worried," said Mr. Patel, 54, a shopkeeper.', "Mr. Patel", "business", "apposition"),
    ('"Voters are angry," said Mary Smith, a professor of politics.', "Mary Smith", "expert",
     "apposition"),
    # a newspaper, a party label
    ("The New York Times reported that the deal was \u201cdead\u201d.", "The New York Times",
     "media", "organisation"),
    ('"We will win," said Republican Tom Hale.', "Republican Tom Hale", "politician", "role"),
])
def test_type_from_the_mention(text, speaker, stype, rule):
    f = _fields(text, speaker)
    assert f["source_type"] == stype
    assert f["source_evidence"]["type"]["rule"] == rule


def test_type_from_an_earlier_mention_of_the_same_person():
    text = ("Sen. Ted Cruz (R-Texas) criticised the bill on Monday.\n"
            '"It is a disaster," Cruz said.')
    f = _fields(text, "Cruz")
    assert f["source_type"] == "politician"
    assert f["source_evidence"]["type"] == {"rule": "earlier_mention", "words": "Sen. Ted Cruz"}


def test_a_current_role_ranks_before_a_former_one():
    text = ("Former Secretary of State Joan Baker spoke first.\n"
            "Democratic nominee Joan Baker told the rally it was time.\n"
            '"We are ready," Baker said.')
    assert _fields(text, "Baker")["source_type"] == "politician"


def test_definite_description_refers_to_the_titled_name():
    text = ("Sen. Ann Grey opened the hearing.\n"
            '"We want answers," the senator said.')
    f = _fields(text, "the senator")
    assert f["source_type"] == "politician" and f["named"] is True
    assert f["gender"] == "female"  # from the first name of the person referred to
    assert f["source_evidence"]["refers_to"] == "Sen. Ann Grey"


def test_possessive_head_is_the_person_and_the_possessor_the_affiliation():
    text = 'NBC\'s Chuck Todd said the race was "tightening."'
    f = _fields(text, "NBC's Chuck Todd")
    assert f["source_type"] == "media" and f["named"] is True and f["gender"] == "male"
    assert f["source_evidence"]["affiliation"] == "NBC"
    assert f["source_evidence"]["named"]["words"] == "Chuck Todd"


def test_codebook_group_wins_over_text():
    text = '"We will act," said Mayor Jo King.'
    st = next(s for s in extract_statements(text) if s.speaker)
    rec = {**st.__dict__, "group": "city_hall"}
    f = source_fields(rec, text, {"city_hall": "executive"})
    assert f["source_type"] == "executive"
    assert f["source_evidence"]["type"] == {"rule": "codebook", "words": "city_hall"}
    assert source_fields(rec, text)["source_type"] == "politician"  # without the mapping


def test_nothing_known_is_unknown_and_no_speaker_has_no_fields():
    text = '"It is fine," Zorblat said.'
    assert _fields(text, "Zorblat")["source_type"] == "unknown"
    scare = Statement("a", 0, 0, 16, 20, "fine", "scare")
    f = source_fields(scare, 'The plan looks "fine".')
    assert f == {"source_type": "unknown", "named": None, "gender": None,
                 "source_evidence": {"type": {"rule": "no_speaker", "words": ""}}}


def test_offsets_outside_the_text_are_no_speaker():
    for start, end in [(5, 500), (-1, 3), (4, 2)]:
        rec = {"speaker_start": start, "speaker_end": end}
        assert source_fields(rec, "short text")["source_type"] == "unknown"
        assert source_fields(rec, "short text")["named"] is None


# ---- named or anonymous -------------------------------------------------------------------
@pytest.mark.parametrize("text, speaker, named", [
    ('"No decision has been made," a senior official said.', "a senior official", False),
    ('"The talks are stuck," said one voter.', "one voter", False),
    ('"It is a sham," critics said.', "critics", False),
    ('"It is a sham," said Maria Gomez.', "Maria Gomez", True),
    ('"We disagree," the ACLU said.', "the ACLU", True),
    ('"We are listening," said a Trump adviser.', "a Trump adviser", False),
])
def test_named_or_anonymous(text, speaker, named):
    assert _fields(text, speaker)["named"] is named


def test_pronoun_resolved_to_a_named_person_is_named():
    text = ("Gov. Paul Ames visited the site.\n"
            '"This must never happen again," he said.')
    f = _fields(text, "he")
    assert f["named"] is True and f["gender"] == "male" and f["source_type"] == "politician"
    assert f["source_evidence"]["named"] == {"rule": "pronoun_antecedent", "words": "Gov. Paul Ames"}


def test_pronoun_antecedent_is_not_a_name_inside_a_quote():
    text = ('Gov. Paul Ames spoke. \u201cI met Maria Lopez and Tom Hale,\u201d he said. '
            '\u201cWe agreed,\u201d he added.')
    f = _fields(text, "he", 1)
    assert f["source_evidence"]["named"]["words"] == "Gov. Paul Ames"


# ---- gender -------------------------------------------------------------------------------
@pytest.mark.parametrize("text, speaker, gender, rule", [
    ("'We are appalled,' said Mrs Khan.", "Mrs Khan", "female", "honorific"),
    ('"It is over," Mr. Ortiz said.', "Mr. Ortiz", "male", "honorific"),
    ('"No comment," a spokeswoman said.', "a spokeswoman", "female", "gendered_noun"),
    ('"We will sue," said his mother.', "his mother", "female", "gendered_noun"),
    ('"Fine," she said.', "she", "female", "pronoun"),
    ('"It is unfair," said Margaret Olu.', "Margaret Olu", "female", "first_name"),
    ('"It is unfair," said John Olu.', "John Olu", "male", "first_name"),
])
def test_gender_evidence(text, speaker, gender, rule):
    f = _fields(text, speaker)
    assert f["gender"] == gender
    assert f["source_evidence"]["gender"]["rule"] == rule


def test_gender_abstains_on_unisex_and_unknown_first_names():
    assert _fields('"We won," said Jean Dupuis.', "Jean Dupuis")["gender"] is None
    assert _fields('"We won," said Zorblat Quux.', "Zorblat Quux")["gender"] is None


def test_gender_from_what_the_text_says_of_the_person_elsewhere():
    text = ('"We are close," Jordan Vale said on Monday. Vale said he expected a deal.\n'
            '"Not yet," Vale added.')
    f = _fields(text, "Vale")
    assert f["gender"] == "male"
    assert f["source_evidence"]["gender"]["rule"] == "pronoun_after"


def test_the_tail_of_the_word_before_a_name_is_no_gendered_noun():
    # the characters looked at for an honorific before a name ("Mrs. ") stop at a word
    # boundary: "working" ends in "king", "Chairman" in "man", "Wolfson" in "son"
    from analysis.measures.sources.gender import _mention_gender
    assert _mention_gender("It beats working Clinton", 17, 24) is None
    assert _mention_gender("Mrs. Clinton", 5, 12) == ("female", "honorific", "Mrs")
    assert _mention_gender("said Mrs Khan", 9, 13) == ("female", "honorific", "Mrs")
    text = ('Nothing is harder than working Crooked Hillary Clinton into a joke.\n'
            '"We will win," Clinton said.')
    f = _fields(text, "Clinton")
    assert f["gender"] == "female"
    assert f["source_evidence"]["gender"]["words"] == "Hillary"


def test_never_a_gender_for_organisations_or_groups():
    for text, speaker in [('"We disagree," the ACLU said.', "the ACLU"),
                          ('"It is a sham," critics said.', "critics"),
                          ('"We object," the Home Office said.', "the Home Office")]:
        f = _fields(text, speaker)
        assert f["gender"] is None
        assert f["source_evidence"]["gender"]["rule"] == "not_a_person"


# ---- data files ---------------------------------------------------------------------------
def test_role_file_types_are_the_codebook_types():
    roles = load_roles()
    types = {v for entries in roles.phrases.values() for kind, v, _ in entries
             if kind in ("role", "organisation")}
    assert types <= set(SOURCE_TYPES) - {"unknown"}
    assert OFFICIAL <= set(SOURCE_TYPES)


def test_role_file_errors_name_the_file(tmp_path):
    bad = tmp_path / "roles.yaml"
    bad.write_text("version: 1\nroles: {wizard: [mage]}\norganisations: {}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="not a source type"):
        load_roles(str(bad))
    with pytest.raises(DataFileError, match="cannot read"):
        load_roles(str(tmp_path / "missing.yaml"))


def test_first_names_table(tmp_path):
    names = load_first_names()
    assert names["mary"] > 0.9 and names["john"] < 0.1 and "jean" not in names
    bad = tmp_path / "names.csv"
    bad.write_text("# x\nname,p\nann,1\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="header"):
        load_first_names(str(bad))


# ---- measures -----------------------------------------------------------------------------
def test_entropy():
    assert entropy([]) == 0.0 and entropy([5]) == 0.0
    assert entropy([1, 1]) == pytest.approx(1.0)
    assert entropy([1, 1, 1, 1]) == pytest.approx(2.0)


def test_source_summary_measures():
    recs = [
        {"statement": 0, "text": "one two three", "source_type": "politician", "named": True,
         "gender": "male"},
        {"statement": 0, "text": "four", "source_type": "politician", "named": True,
         "gender": "male"},  # continuation of the same voice
        {"statement": 1, "text": "five six", "source_type": "public", "named": False,
         "gender": "female"},
        {"statement": 2, "text": "seven", "source_type": "executive", "named": False,
         "gender": None},
        {"statement": 3, "text": "scare", "source_type": "unknown", "named": None, "gender": None},
    ]
    m = source_summary(recs)
    assert m["primary_definer"] == "politician"
    assert m["voices"] == 3
    assert m["official_share"] == pytest.approx(2 / 3)
    assert m["anonymous_share"] == pytest.approx(2 / 3)
    assert m["female_share"] == pytest.approx(0.5) and m["gendered_voices"] == 2
    assert m["type_entropy"] == pytest.approx(math.log2(3))
    assert m["voices_by_type"] == {"executive": 1, "politician": 1, "public": 1}
    assert m["words_by_type"] == {"executive": 1, "politician": 4, "public": 2}


def test_source_summary_of_no_voices():
    m = source_summary([])
    assert m["primary_definer"] is None and m["voices"] == 0
    assert m["official_share"] is None and m["female_share"] is None


def test_with_source_fields_on_an_article():
    text = "Sen. Ann Grey spoke.\n\"We want answers,\" Grey said."
    art = Article("a1", text)
    recs = with_source_fields(extract_statements(text, article_id="a1"), art)
    assert recs and all(set(FIELD_KEYS) <= set(r) for r in recs)
    assert recs[0]["source_type"] == "politician" and recs[0]["article_id"] == "a1"
    st = Statement("a1", 0, 0, 0, 3, "x", "full", "Grey", text.index("Grey said"),
                   text.index("Grey said") + 4, None, None, "said")
    assert source_fields(st, art)["gender"] == "female"


def test_outlet_summary_pools_articles():
    a = {"primary_definer": "politician", "voices": 3, "official_share": 1.0,
         "anonymous_share": 0.0, "female_share": 0.5, "gendered_voices": 2, "type_entropy": 0.0,
         "voices_by_type": {"politician": 3}, "words_by_type": {"politician": 30}}
    b = {"primary_definer": "public", "voices": 1, "official_share": 0.0,
         "anonymous_share": 1.0, "female_share": None, "gendered_voices": 0, "type_entropy": 0.0,
         "voices_by_type": {"public": 1}, "words_by_type": {"public": 5}}
    m = outlet_summary([a, b])
    assert m["articles"] == 2 and m["voices"] == 4
    assert m["official_share"] == pytest.approx(0.5) and m["female_share"] == pytest.approx(0.5)
    assert m["primary_definers"] == {"politician": 1, "public": 1}
    assert m["female_share_pooled"] == pytest.approx(0.5)
    assert m["voices_by_type"] == {"politician": 3, "public": 1}
    assert m["words_by_type"] == {"politician": 30, "public": 5}


def test_a_role_phrase_beside_a_name_is_that_name():
    text = "Dan Kerr, the governor's former campaign strategist, said it was over."
    role = "the governor's former campaign strategist"
    rec = {"speaker_start": text.index(role), "speaker_end": text.index(role) + len(role)}
    f = source_fields(rec, text)
    assert f["named"] is True and f["gender"] == "male"
    assert f["source_evidence"]["refers_to"] == "Dan Kerr"
    # a sentence end before the phrase is no apposition
    text2 = "They met Trump. However, 63 percent said no."
    rec2 = {"speaker_start": text2.index("63"), "speaker_end": text2.index("63") + 10}
    assert "refers_to" not in source_fields(rec2, text2)["source_evidence"]


def test_a_lone_first_name_is_gendered_only_when_clear_and_never_a_surname_here():
    f = _fields('"We are scared," said Melanie, a mother of two.', "Melanie")
    assert f["gender"] == "female" and f["source_evidence"]["gender"]["rule"] == "first_name_alone"
    text = 'Tom Kelly spoke first.\n"We are scared," Kelly said.'
    f = _fields(text, "Kelly")
    assert f["gender"] == "male" and f["source_evidence"]["gender"]["words"] == "Tom"


def test_a_campaign_or_supporters_mark_a_surname_as_a_politician():
    text = ("Supporters packed the hall as the Haverford campaign began its final week.\n"
            '"We will win this state," Haverford said.')
    f = _fields(text, "Haverford")
    assert f["source_type"] == "politician"
    assert f["source_evidence"]["type"] == {"rule": "mark", "words": "Haverford campaign"}
    text = ("Many of Okafor\u2019s supporters waited outside.\n"
            '"It has been a long night," Okafor said.')
    assert _fields(text, "Okafor")["source_evidence"]["type"]["rule"] == "mark"


def test_without_a_mark_a_bare_surname_stays_unknown():
    text = ('The Haverford family ran the bakery.\n"We will win this state," Haverford said.')
    assert _fields(text, "Haverford")["source_type"] == "unknown"


def test_a_possessive_body_gives_the_type_of_the_role_it_owns():
    text = ("Brian Marsh, the campaign\u2019s press secretary, spoke on Monday.\n"
            '"We are ready," Marsh said.')
    assert _fields(text, "Marsh")["source_type"] == "politician"
    text = '"We are ready," said the ministry\'s spokesman.'
    assert _fields(text, "the ministry's spokesman")["source_evidence"]["type"]["rule"] == "speaks_for"


def test_role_file_marks_must_name_source_types(tmp_path):
    bad = tmp_path / "roles.yaml"
    bad.write_text("version: 1\nroles: {politician: [senator]}\norganisations: {}\n"
                   "gendered: {}\nhonorifics: {}\nmarks: {wizard: [campaign]}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="not a source type"):
        load_roles(str(bad))
    assert load_roles().marks["running mate"] == "politician"


@pytest.mark.parametrize("text, speaker, stype", [
    # the first of two coordinated roles in an apposition is the one the story uses
    ("Dana Kemp, an outside adviser to the campaign on tax and spending and a professor at "
     "Rutgers, spoke on Monday.\n\"It adds up,\" Kemp said.", "Kemp", "politician"),
    # a director takes the type of the body named nearest the title
    ("Karl Weber, director of the Lindau Institute for Energy Research in Germany, spoke.\n"
     "\"It is late,\" Weber said.", "Weber", "expert"),
    ('"It is fair," said Ruth Amos, director of the Tax Research Center.', "Ruth Amos", "expert"),
    # agency heads are executive (codebook: "FBI Director James Comey")
    ('"We found no crime," FBI Director Paul Greer said.', "FBI Director Paul Greer", "executive"),
])
def test_role_in_apposition_and_director(text, speaker, stype):
    assert _fields(text, speaker)["source_type"] == stype


def test_a_participle_clause_and_a_headline_say_nothing_of_the_type():
    text = ("Moore, appearing after Lee at the NBC forum, spoke on Tuesday.\n"
            '"It was fine," Moore said.')
    assert _fields(text, "Moore")["source_evidence"]["type"]["rule"] == "nothing_known"
    text = ("Lee Hits Moore, Vows To Cut Tax Breaks Used By Real Estate Developers\n"
            '"It was fine," Moore said.')
    assert _fields(text, "Moore")["source_type"] == "unknown"


def test_pronoun_antecedents_titled_or_speaking_and_not_a_modifier():
    text = 'In a statement, President Abernathy condemned the test. "It is a threat," he said.'
    f = _fields(text, "he")
    assert f["source_evidence"]["named"] == {"rule": "pronoun_antecedent", "words": "President Abernathy"}
    text = 'Abernathy said the deal was done. "We will win," he said.'
    assert _fields(text, "he")["source_evidence"]["named"]["words"] == "Abernathy"
    # "the Haverford campaign" names a campaign: no antecedent for "she"
    text = 'The Haverford campaign released a memo on Monday. "We will win," she said.'
    assert _fields(text, "she")["source_evidence"]["named"]["rule"] == "pronoun"


def test_a_bare_surname_takes_the_type_of_its_nearest_full_name():
    text = ("Libertarian candidate Gary Hollis spoke in Ohio.\n"
            "Homeland Security Secretary Jeh Hollis spoke in Washington.\n"
            '"It is a threat," Hollis said.')
    f = _fields(text, "Hollis")
    assert f["source_type"] == "executive"
    assert f["source_evidence"]["type"]["words"] == "Homeland Security Secretary Jeh Hollis"


def test_a_campaign_mark_beats_a_former_office():
    text = ("Okafor, the former secretary of state, toured Ohio.\n"
            "The Okafor campaign released a new ad on Friday.\n"
            '"We are building something," Okafor said.')
    f = _fields(text, "Okafor")
    assert (f["source_type"], f["source_evidence"]["type"]["rule"]) == ("politician", "mark")
    text = ("Okafor, the secretary of state, toured Ohio.\n"
            "The Okafor campaign released a new ad on Friday.\n"
            '"We are building something," Okafor said.')
    assert _fields(text, "Okafor")["source_type"] == "executive"


def test_a_person_named_once_or_twice_without_a_title_is_private():
    body = ('Crowds gathered outside the town hall on Saturday.\n'
            '"I came for my children," said Martha Ellison.')
    text = "Crowds gather in Leeds\n" + body
    f = _fields(text, "Martha Ellison")
    assert (f["source_type"], f["source_evidence"]["type"]["rule"]) == ("public", "private_person")
    # in the headline, or mentioned three times: a public figure, not known to be private
    assert _fields("Ellison speaks in Leeds\n" + body, "Martha Ellison")["source_type"] == "unknown"
    many = text + "\nEllison spoke for an hour. Ellison left at noon."
    assert _fields(many, "Martha Ellison")["source_type"] == "unknown"
    # a title anywhere, even a speaks-for one, is no private person
    titled = text + "\nSpokeswoman Martha Ellison left at noon."
    assert _fields(titled, "Martha Ellison")["source_type"] == "unknown"


def test_a_definite_description_of_one_person_named_earlier_is_named():
    text = ('Bernie Sanders spoke in Burlington on Monday.\n'
            '"The system is rigged," the Vermont senator said.')
    f = _fields(text, "the Vermont senator")
    assert f["named"] is True
    assert f["source_evidence"]["named"] == {"rule": "definite_description", "words": "Bernie Sanders"}
    assert f["source_type"] == "politician"
    # nobody named before it: still a description
    text = '"The system is rigged," the Vermont senator said.'
    assert _fields(text, "the Vermont senator")["named"] is False
    # an indefinite one never is
    text = ('Bernie Sanders spoke in Burlington on Monday.\n'
            '"The system is rigged," a senior senator said.')
    assert _fields(text, "a senior senator")["named"] is False


def test_gender_from_said_as_she_after_an_age():
    text = '"They will not silence us," Quina Marsh, 25, said as she marched with hundreds of others.'
    f = _fields(text, "Quina Marsh")
    assert f["gender"] == "female"
    assert f["source_evidence"]["gender"]["rule"] == "pronoun_after"


def test_gender_from_a_first_name_before_the_surname_anywhere_even_a_headline():
    text = ("Margaret Ollerton Goes After Her Rival On Taxes At Ohio Rally\n"
            '"I do not buy that," Ollerton said.')
    f = _fields(text, "Ollerton")
    assert (f["gender"], f["source_evidence"]["gender"]["rule"]) == ("female", "first_name_anywhere")
    # two people of that surname and of different genders: abstain
    text = ("Margaret Ollerton And Her Husband Peter Ollerton Go To Ohio Today\n"
            '"I do not buy that," Ollerton said.')
    assert _fields(text, "Ollerton")["gender"] is None


@pytest.mark.parametrize("text, speaker, stype", [
    ('"We need unity," said Don Reyes, who helmed the DNC in the 1990s.', "Don Reyes", "politician"),
    ('"It was reeling," said Vera Cole, who served as an economist at the World Bank.',
     "Vera Cole", "expert"),
])
def test_a_relative_clause_that_states_a_role(text, speaker, stype):
    f = _fields(text, speaker)
    assert (f["source_type"], f["source_evidence"]["type"]["rule"]) == (stype, "apposition")


def test_a_two_word_surname_keeps_its_earlier_title():
    text = ("When Ildefonso Guajardo Villarreal, the Mexican secretary of the economy, arrived, "
            "talks began.\n"
            '"We are ready," said Mr. Guajardo Villarreal.')
    assert _fields(text, "Mr. Guajardo Villarreal")["source_type"] == "executive"


@pytest.mark.parametrize("text, speaker, stype", [
    # a commissioner speaks for the body named with the title
    ('"Arrests were made," NYPD Commissioner Dan Kerr said.', "NYPD Commissioner Dan Kerr",
     "police_military"),
    ('"The rules stand," said Commissioner Dan Kerr.', "Commissioner Dan Kerr", "executive"),
    # a staffer of a person the article marks as a candidate speaks for a campaign, even when
    # the article also gives that person a former office
    ("Okafor, the former secretary of state, toured Ohio. The Okafor campaign ran an ad.\n"
     '"We are ready," said Okafor communications director Jane Bly.',
     "Okafor communications director Jane Bly", "politician"),
])
def test_speaks_for_a_body_or_a_marked_person(text, speaker, stype):
    assert _fields(text, speaker)["source_type"] == stype


def test_a_person_called_by_first_name_alone_is_private():
    text = ("Melanie has voted in every election since 1980.\n"
            "She drove four hours to the rally.\n"
            '"He is the one," Melanie said.')
    f = _fields(text, "Melanie")
    assert (f["source_type"], f["source_evidence"]["type"]["rule"]) == ("public", "private_person")
    # a first name that heads a full name elsewhere is a short form of that person
    text = ("Melanie Brandt toured the state.\n"
            '"He is the one," Melanie said.')
    assert _fields(text, "Melanie")["source_evidence"]["type"]["rule"] != "private_person"


@pytest.mark.parametrize("text, speaker, stype, rule", [
    # UK copy: a leadership bid marks a politician; a constituent is a member of the public
    ("Hartley's leadership bid gathered pace over the weekend.\n"
     "'We will take this to the country,' Hartley said.", "Hartley", "politician", "mark"),
    # a possessive body: the city council's spokeswoman speaks for the council
    ("'The road will reopen on Friday,' the city council's spokeswoman said.",
     "the city council's spokeswoman", "politician", "speaks_for"),
    # a police commissioner is police (the role file's "police commissioner")
    ("'We will not be deterred,' said Greater Manchester Police Commissioner Mark Rowe.",
     "Greater Manchester Police Commissioner Mark Rowe", "police_military", "role"),
])
def test_uk_copy_with_the_new_rules(text, speaker, stype, rule):
    f = _fields(text, speaker)
    assert (f["source_type"], f["source_evidence"]["type"]["rule"]) == (stype, rule)


# ---- rules of the third round (general news conventions, invented copy) --------------------
def test_a_title_after_retired_is_a_former_role_through_the_whole_chain():
    text = ('Retired Lt. Gen. Mark Hale backed the senator.\n'
            '"He is right," Hale, a top Baxter surrogate, said.\n"We agree," Hale said.')
    f = _fields(text, "Hale", 1)
    assert f["source_type"] == "politician"
    assert f["source_evidence"]["type"]["words"] == "a top Baxter surrogate"


def test_a_share_of_poll_respondents_is_the_public_unnamed():
    f = _fields('In the poll, 63 percent said the country was "on the wrong track."', "63 percent")
    assert (f["source_type"], f["named"], f["gender"]) == ("public", False, None)
    assert f["source_evidence"]["type"]["rule"] == "poll_share"
    g = _fields('A majority of economists said the plan "would not add up."',
                "A majority of economists")
    assert (g["source_type"], g["named"]) == ("expert", False)


def test_a_professional_of_a_named_body_speaks_for_the_body():
    # the codebook's example: "a Human Rights Watch researcher" is advocacy
    f = _fields('"The abuses continue," a Human Rights Watch researcher said.',
                "a Human Rights Watch researcher")
    assert (f["source_type"], f["source_evidence"]["type"]["rule"]) == ("advocacy", "body_role")
    g = _fields('"Growth will slow," IMF chief economist Ana Ruiz said.',
                "IMF chief economist Ana Ruiz")
    assert g["source_type"] == "executive"
    h = _fields('"Growth will slow," economist Ana Ruiz said.', "economist Ana Ruiz")
    assert h["source_type"] == "expert"


def test_members_named_in_a_body_name_do_not_type_its_head():
    text = ('Michael Dunn, president of the United Federation of Teachers, spoke.\n'
            '"We will strike," Dunn said.')
    assert _fields(text, "Dunn")["source_type"] == "advocacy"


def test_a_possessive_film_marks_a_media_figure():
    text = ('Jane Arlo has made films for years. Arlo\u2019s documentary opens Friday.\n'
            '"It is about justice," Arlo said.')
    f = _fields(text, "Arlo")
    assert (f["source_type"], f["source_evidence"]["type"]["rule"]) == ("media", "mark")


def test_a_place_named_like_a_person_is_no_antecedent():
    text = ('Mr. Hollis, a nursing home owner, bought the mine. He hopes that states, led by '
            'West Virginia, will pay.\n"Coal is not the villain," he said.')
    f = _fields(text, "he")
    assert f["source_evidence"]["named"]["words"] == "Mr. Hollis"
    assert f["source_type"] == "business"


def test_a_name_after_said_is_a_person_for_a_later_pronoun():
    text = ('"The campaign is in panic mode," said Leslie Wimes, a president of the Democratic '
            'Women Caucus.\n"They have a problem," she said.')
    f = _fields(text, "she")
    assert f["source_evidence"]["named"]["words"] == "Leslie Wimes"
    assert f["source_type"] == "politician"


def test_a_sentence_opening_description_refers_back_to_the_person_just_named():
    text = ('Rowan Blake spoke in Ohio on Monday.\nThe Republican nominee attacked the plan.\n'
            '"It is a disaster," Blake said.')
    f = _fields(text, "Blake")
    assert (f["source_type"], f["source_evidence"]["type"]["rule"]) == ("politician", "variation")
    # no description: nothing known
    assert _fields('Rowan Blake spoke.\n"It is a disaster," Blake said.', "Blake")[
        "source_type"] != "politician"


def test_where_a_person_speaks_marks_the_type():
    text = ('Rowan Blake has a tax plan.\n"It is unfair," Blake said at a campaign stop this week.\n'
            '"We will fix it," Blake said.')
    f = _fields(text, "Blake", 1)
    assert (f["source_type"], f["source_evidence"]["type"]["rule"]) == ("politician", "mark")
    g = _fields('Rowan Blake has a plan.\n"It is unfair," Blake said at a bakery.\n'
                '"We will fix it," Blake said.', "Blake", 1)
    assert g["source_type"] != "politician"


def test_a_description_speaking_after_a_clause_refers_to_the_person_just_named():
    text = ('Bernie Blake spoke on Friday.\nAs far as whether Blake still senses anger among his '
            'supporters, the Vermont senator acknowledged that "some people" feel it.\n'
            '"We will win," Blake said.')
    f = _fields(text, "Blake")
    assert (f["source_type"], f["source_evidence"]["type"]["rule"]) == ("politician", "variation")


def test_gender_from_a_pronoun_speaker_that_refers_to_the_person():
    # "Pat" is not clearly gendered; "..., he said." after the person names him
    text = ('"The race is close," said Pat Quill.\n'
            'Quill said the polls would tighten.\n'
            '"Watch the suburbs," he said.')
    f = _fields(text, "Pat Quill")
    assert (f["gender"], f["source_evidence"]["gender"]["rule"]) == ("male", "speaker_pronoun")
    # pronoun speakers of both genders resolved to the surname: abstain
    text = ('"The race is close," said Pat Quill.\n'
            'Quill said the polls would tighten.\n'
            '"Watch the suburbs," he said.\n'
            'Quill added a warning.\n'
            '"Be careful," she said.')
    assert _fields(text, "Pat Quill")["gender"] is None
    # a pronoun inside a quotation is no speaker
    text = ('"The race is close," said Pat Quill.\n'
            'Quill said the polls would tighten. "He said we are ahead," the aide said.')
    assert _fields(text, "Pat Quill")["gender"] is None


def test_gender_of_a_definite_description_is_the_person_it_refers_to():
    text = ('David Quillon on Wednesday called on the board to resign.\n'
            '"That was outrageous," the former campaign strategist said.')
    f = _fields(text, "the former campaign strategist")
    assert (f["gender"], f["source_evidence"]["refers_to"]) == ("male", "David Quillon")
    # the person named before has another type: the description is someone else
    text = ('Sen. David Quillon criticised the plan on Monday.\n'
            '"We will appeal," the company\'s lawyer said.')
    assert _fields(text, "the company's lawyer")["gender"] is None
    # two people of that surname, a man and a woman: abstain
    text = ('Donald Quillon lost an appeal.\n'
            'Lawyers for both Donald and Ivana Quillon filed papers on Monday.\n'
            '"The files are private," the former campaign strategist said.')
    assert _fields(text, "the former campaign strategist")["gender"] is None


def test_gender_from_said_and_a_day_then_as_he():
    text = '"Europe must defend itself," French President Pat Hollis said Friday as he entered.'
    f = _fields(text, "French President Pat Hollis")
    assert (f["gender"], f["source_evidence"]["gender"]["rule"]) == ("male", "pronoun_after")


def test_a_body_described_is_not_the_person_whose_name_matches():
    text = ('Flight attendants union endorses Hillary Clinton.\n'
            'The union praised her record.\n'
            '"She has fought for us," the union wrote.')
    f = _fields(text, "the union")
    assert f["gender"] is None and f["source_evidence"]["gender"]["rule"] == "not_a_person"


def test_a_trailing_adverb_is_no_part_of_the_speaker():
    text = '"Work hard," my father often said.'
    st = extract_statements(text)[0]
    assert st.speaker == "my father"  # the engine leaves the adverb out (docs/quotes.md) ...
    a = text.index("my father often")  # ... and the measure drops it from a mention that has it
    st = replace(st, speaker="my father often", speaker_start=a, speaker_end=a + len("my father often"))
    f = source_fields(st, text)
    assert (f["gender"], f["source_evidence"]["named"]["words"]) == ("male", "my father")


def test_a_document_is_named_by_the_author_its_introduction_names():
    text = ('A web video by the Republican National Committee attacks the governor.\n'
            'The clip says the governor "has a passion for the wrong people."')
    f = _fields(text, "The clip")
    assert (f["named"], f["source_type"], f["source_evidence"]["author"]) == (
        True, "politician", "Republican National Committee")
    assert f["source_evidence"]["named"]["rule"] == "document_author"
    text = ('Following a meeting, the Security Council issued a statement on Friday.\n'
            'The statement noted that "further measures" would follow.')
    assert _fields(text, "The statement")["source_evidence"]["author"] == "Security Council"
    # introduced with no named author: unnamed; researchers behind it make it `expert`
    # (codebook: `other` is a document with no person behind it)
    text = ('A study released on Tuesday by a group of researchers shows the gap.\n'
            'The report says that "the gap is wide."')
    f = _fields(text, "The report")
    assert (f["named"], f["source_type"]) == (False, "expert")
    text = 'A study released on Tuesday shows the gap.\nThe report says that "the gap is wide."'
    f = _fields(text, "The report")
    assert (f["named"], f["source_type"]) == (False, "other")


def test_a_document_named_by_a_modifier_is_named():
    text = ('Hillary Clinton has a new campaign ad.\n'
            '"Why did he not pay?" the Clinton ad asks.')
    f = _fields(text, "the Clinton ad")
    assert (f["named"], f["source_evidence"]["author"]) == (True, "Clinton")


def test_a_body_takes_the_type_its_own_apposition_gives():
    text = ('"The plan is discriminating," said Carla Mendes, vice president for policy for the '
            'Center for Fair Policy, a liberal think tank.')
    f = _fields(text, "Carla Mendes")
    assert (f["source_type"], f["source_evidence"]["type"]["rule"]) == ("advocacy", "apposition")
    # with no description of the body, the body's name decides
    text = ('"The plan is complex," said Carla Mendes, vice president for policy for the '
            'Center for Fair Policy.')
    assert _fields(text, "Carla Mendes")["source_type"] == "expert"


def test_it_with_no_body_before_it_is_the_document_the_article_introduced():
    filler = "the developer was bringing business to the city after years of hard times " * 4
    text = ('Twenty years ago, a Times article hailed the developer as a success for ' + filler
            + '.\n"The developer has managed to erase much of his debt and is moving ahead with '
            'major projects at a time other developers are idling," it added.')
    f = _fields(text, "it")
    assert (f["named"], f["source_type"], f["source_evidence"]["author"]) == (True, "media", "Times")
    assert f["source_evidence"]["named"]["rule"] == "document_author"
    # no document introduced: "it" stays an unnamed group pronoun
    text = 'Nothing was settled.\n"We will see," it added.'
    f = _fields(text, "it")
    assert f["named"] is False and f["source_evidence"]["named"]["rule"] == "group_pronoun"


def test_a_quote_with_no_speaker_is_given_to_the_subject_of_its_sentence():
    text = ('Trump spoke at a rally in Ohio on Monday.\n'
            'Trump openly admires Russian President Vladimir Putin as a "strong leader."')
    st = [s for s in extract_statements(text) if s.text.startswith("strong")]
    assert st and st[0].speaker is None
    f = source_fields(st[0], text)
    assert f["named"] is True and f["source_evidence"]["named"] == {
        "rule": "sentence_subject", "words": "Trump"}
    # a plural noun in -s after the name is no verb, and a possessive is no subject
    for text in ('Only European immigrants are "safe" in his eyes.',
                 'The fund did not single out Trump\'s proposals, but it named "tensions."'):
        st = [s for s in extract_statements(text) if s.speaker is None]
        assert st, extract_statements(text)
        f = source_fields(st[0], text)
        assert f["named"] is None and f["source_evidence"]["type"]["rule"] == "no_speaker"


def test_a_document_whose_introduction_describes_its_author_by_role_takes_the_role_type():
    text = ('An exhaustive study being released on Tuesday by a group of researchers shows the gap.\n'
            'Instead, the study says that "the gap is wide."')
    f = _fields(text, "the study")
    assert (f["source_type"], f["named"]) == ("expert", False)
    assert f["source_evidence"]["type"]["rule"] == "document_role_author"
    # no role after "by": the document stays `other`
    text = ('An exhaustive study being released on Tuesday by a group shows the gap.\n'
            'Instead, the study says that "the gap is wide."')
    assert _fields(text, "the study")["source_type"] == "other"


def test_a_long_speaking_description_still_refers_back_to_the_person():
    text = ('Hillary Clinton spoke on a radio show on Tuesday.\n'
            'On the show, the former secretary of state and current Democratic presidential '
            'nominee said she wanted to speak to voters.\n'
            '"This is not who we are," Clinton said.')
    f = _fields(text, "Clinton")
    assert (f["source_type"], f["source_evidence"]["type"]["rule"]) == ("politician", "variation")


def test_a_speaks_for_role_with_no_body_speaks_for_the_body_just_named():
    text = ("Donald Trump's campaign is defending his tweets.\n"
            'Spokeswoman Jessica Ditto said that "of course he will defend himself."')
    f = _fields(text, "Spokeswoman Jessica Ditto")
    assert (f["source_type"], f["source_evidence"]["type"]["rule"]) == ("politician", "speaks_for_nearby")
    text = ('The Sierra Club opposed the pipeline on Monday.\n'
            '"It is a disaster," one spokesman said.')
    assert _fields(text, "one spokesman")["source_type"] == "advocacy"
    # a body named with the role, even one the role file does not know, is not overruled
    text = ('The Sierra Club opposed the pipeline on Monday.\n'
            '"It is a disaster," a WWF spokesman said.')
    assert _fields(text, "a WWF spokesman")["source_evidence"]["type"]["rule"] != "speaks_for_nearby"


def test_as_the_role_in_a_sentence_about_the_person_gives_the_role():
    text = ('Loretta E. Lynch said she was asked to give a presentation to a client.\n'
            'Lynch rose to prominence despite obstacles. She occupies one of the key positions '
            'of power in Washington as the attorney general, the first who is a black woman.\n'
            '"Be the voice that people hear," Lynch said.')
    f = _fields(text, "Lynch")
    assert (f["source_type"], f["source_evidence"]["type"]["rule"]) == ("executive", "variation")
    # "as the president spoke" is a clause, not a role of the subject
    text = ('Loretta E. Lynch said she was asked to give a presentation to a client.\n'
            'She smiled as the president spoke to the crowd.\n'
            '"Be the voice that people hear," Lynch said.')
    assert _fields(text, "Lynch")["source_type"] == "unknown"


def test_the_voice_of_a_document_speaks_for_its_author():
    text = ('A new ad by the Clinton campaign went on the air on Monday.\n'
            '"What does he think of you?" the ad\u2019s narrator says.')
    f = _fields(text, "the ad\u2019s narrator")
    assert (f["source_type"], f["source_evidence"]["type"]["rule"]) == ("politician", "document_author")
    # with no author named, the role keeps its own type
    text = '"What does he think of you?" the ad\u2019s narrator says.'
    assert _fields(text, "the ad\u2019s narrator")["source_type"] == "media"


def test_an_office_holder_in_an_official_statement_speaks_as_executive():
    text = ('In a White House statement, President Obama condemned the test as "provocative." '
            'He said the allies will seek new sanctions "to demonstrate that there are consequences."')
    f = _fields(text, "He")
    assert (f["source_type"], f["source_evidence"]["type"]["rule"]) == ("executive", "official_statement")
    # elsewhere the codebook's tie rule keeps the office-holder a politician
    text = ('At a rally, President Obama condemned the test as "provocative." '
            'He said the allies will seek new sanctions "to demonstrate that there are consequences."')
    assert _fields(text, "He")["source_type"] == "politician"


def test_a_quote_with_no_speaker_goes_to_the_source_its_sentence_gives_by_according_to():
    text = ('More than 100,000 people took part in a nationwide "walk-in" at 2,000 schools, '
            'according to the event organizer Alliance to Reclaim Our Schools.')
    st = [s for s in extract_statements(text) if s.speaker is None]
    assert st, extract_statements(text)
    f = source_fields(st[0], text)
    assert f["source_type"] == "advocacy"
    assert f["source_evidence"]["refers_to"] == "the event organizer Alliance to Reclaim Our Schools"


def test_a_run_on_sentence_is_read_no_further_than_the_engine_reads_it():
    # a "sentence" of many thousand characters (no full stop) would make every quote in it scan
    # all of it: the subject and "according to" are looked for within MAX_SENTENCE characters
    from analysis.quotes.engine import MAX_SENTENCE
    filler = "the crowd and the band and " * (MAX_SENTENCE // 25)

    def rules(opening: str, between: str) -> tuple[str, str | None]:
        text = "Trump spoke.\n" + opening + between + 'the "strong leader" of the party.'
        f = source_fields({"start": text.index("strong")}, text)
        return f["source_evidence"]["type"]["rule"], f["source_evidence"].get("named", {}).get("rule")

    assert rules("Trump admires ", "")[1] == "sentence_subject"
    assert rules("Trump admires ", filler) == ("no_speaker", None)
    assert rules("according to the union, ", "")[0] != "no_speaker"
    assert rules("according to the union, ", filler) == ("no_speaker", None)


@pytest.mark.parametrize("speaker, stype", [
    ("Experts", "expert"), ("Voters", "public"), ("Environmental activists", "advocacy"),
    ("Local lawmakers", "politician"), ("Protesters", "public"),
    ("Critics", "unknown"),  # a group word that is no role's plural says nothing of the type
])
def test_a_group_word_that_is_a_role_plural_has_that_role_type(speaker, stype):
    # "experts" is in the file's `groups` and is the plural of the role "expert": the role's
    # type holds, as it does for "scientists" (only a role plural); still unnamed, no gender
    f = _fields(f'"The plan will fail," {speaker} said on Monday.', speaker)
    assert (f["source_type"], f["named"], f["gender"]) == (stype, False, None)


@pytest.mark.parametrize("speaker, named", [
    ("The National Federation of Teachers", True), ("The Coalition for Local Farmers", True),
    ("The Conference of Catholic Bishops", True), ("The Alliance to Rebuild Our Schools", True),
    ("Senate Democrats", False), ("Thousands of students", False),
])
def test_a_title_case_name_ending_in_a_plural_is_a_named_body(speaker, named):
    # a capitalised plural head joined to capitalised words by a lower-case link ("of", "for",
    # "to") ends a body's name; without a link ("Senate Democrats") it is a group
    f = _fields_as_speaker(speaker)
    assert f["named"] is named
    assert f["gender"] is None


@pytest.mark.parametrize("speaker, stype", [
    ("UN Secretary-General Maria Olsen", "executive"),  # a hyphenated title is one word
    ("The Springfield Register", "media"), ("USA Today", "media"),
    ("The pontiff", "advocacy"),
])
def test_hyphenated_titles_newspaper_names_and_religious_leaders_are_typed(speaker, stype):
    f = _fields_as_speaker(speaker)
    assert f["source_type"] == stype


def test_an_official_statement_is_looked_for_no_further_back_than_a_sentence_is_read():
    # "In a White House statement" earlier in the paragraph makes an office-holder speak in an
    # administrative capacity; a paragraph of many thousand characters is read MAX_SENTENCE
    # back (each speaker read the whole paragraph: quadratic in a text with no line breaks)
    from analysis.measures.sources.fields import _official_statement
    from analysis.quotes.engine import MAX_SENTENCE
    opening = "In a White House statement, the president spoke. "
    filler = "and the crowd went on " * (MAX_SENTENCE // 20)
    near = opening + "Smith said so."
    far = opening + filler + "Smith said so."
    assert _official_statement(near, near.index("Smith")) == "In a White House statement"
    assert _official_statement(far, far.index("Smith")) is None


@pytest.mark.parametrize("speaker, stype, named", [
    ("officials in Washington", None, False), ("police in Greater Manchester", "police_military", False),
    ("Other officials in the GOP", "politician", False), ("Farmers in the Midwest", "public", False),
    ("Gov. Larry Hogan of Maryland", "politician", True),
])
def test_a_place_after_in_says_where_the_speakers_are_not_who(speaker, stype, named):
    # the place is no name of the speaker ("Washington" is no man here), but a body named
    # there still types a speaks-for role ("officials in the GOP")
    f = _fields_as_speaker(speaker)
    assert f["named"] is named
    if stype:
        assert f["source_type"] == stype
    if not named:
        assert f["gender"] is None


@pytest.mark.parametrize("speaker, stype, rule", [
    ("An ex-MP", "politician", "former_role"), ("The ex-minister", "executive", "former_role"),
    ("The co-organiser", "advocacy", "role"), ("His ex-wife", "public", "former_role"),
    ("The co-founder", "business", "role"),  # listed whole in the role file
])
def test_a_role_after_a_hyphenated_prefix_keeps_its_type(speaker, stype, rule):
    # "ex-" and "former-" make the role a former one; "co-", "vice-" leave it as it is
    f = _fields_as_speaker(speaker)
    assert (f["source_type"], f["source_evidence"]["type"]["rule"]) == (stype, rule)


# ---- a source post-modifier: "a source close to the minister" -----------------------------
@pytest.mark.parametrize("speaker, stype, named, gender", [
    # what follows the post-modifier says what the source knows or is near to, not who it is
    ("A source close to the minister", "unknown", False, None),
    ("People familiar with the Pentagon's thinking", "unknown", False, None),
    ("A woman close to Mr. Smith", "public", False, "female"),
    ("A White House official familiar with the talks", "executive", False, None),
    ("a police officer involved in the inquiry", "police_military", False, None),
])
def test_a_source_is_read_from_the_words_before_its_post_modifier(speaker, stype, named, gender):
    f = _fields_as_speaker(speaker)
    assert (f["source_type"], f["named"], f["gender"]) == (stype, named, gender)


def test_a_post_modifier_from_the_quotation_engine_reaches_the_source_fields():
    text = "A source close to the minister said: \u201cHe will not resign.\u201d"
    f = _fields(text, "A source close to the minister")
    assert f["source_type"] == "unknown" and f["named"] is False  # no minister speaks here


# ---- a name whose first name says nothing, introduced by a role apposition ---------------
def test_a_pronoun_finds_a_name_that_an_apposition_describes_as_a_person():
    # "Batbayar" is in no first-name table: the apposition says a person (and a woman) is named
    text = ("Tom Hale runs the clinic. Batbayar Munguntuul, a mother of three, drank the cocktails. "
            "\u201cEvery winter we buy medicine,\u201d she told AFP.")
    f = _fields(text, "she")
    assert f["source_evidence"]["named"] == {"rule": "pronoun_antecedent",
                                             "words": "Batbayar Munguntuul"}
    assert f["source_type"] == "public" and f["gender"] == "female"


def test_a_lone_capitalised_word_before_an_apposition_is_no_antecedent():
    # "Still," opens a sentence; the apposition-like words after it describe no one named
    text = ("Gov. Paul Ames spoke first. Still, a spokesman for the agency disagreed. "
            "\u201cWe will appeal,\u201d he said.")
    f = _fields(text, "he")
    assert f["source_evidence"]["named"]["words"] == "Gov. Paul Ames"


# ---- plural documents ---------------------------------------------------------------------
@pytest.mark.parametrize("speaker", ["emails", "the leaked emails", "studies", "Studies",
                                     "recent polls", "reports"])
def test_a_plural_document_noun_is_a_document_not_a_group_of_people(speaker):
    # codebook: a document, poll or report with no person behind it is `other`
    f = _fields_as_speaker(speaker)
    assert (f["source_type"], f["named"], f["gender"]) == ("other", False, None)
    assert f["source_evidence"]["type"]["rule"] == "document"


def test_a_plural_role_is_still_a_group_of_people():
    f = _fields_as_speaker("officials")
    assert f["source_evidence"]["gender"]["rule"] == "not_a_person" and f["named"] is False


# ---- acronyms the article spells out; a "Campaign" that opens a body's name ---------------
@pytest.mark.parametrize("text, speaker, stype, words", [
    ("Gideon Falter, chief executive of the Campaign Against Antisemitism (CAA), was stopped. "
     "The CAA said: \u201cThis is a scandal.\u201d", "The CAA", "advocacy",
     "Campaign Against Antisemitism"),
    ("Staff at the US Department of Agriculture (USDA) were told. The USDA said it was "
     "\u201cnot censorship.\u201d", "The USDA", "executive", "US Department of Agriculture"),
])
def test_an_acronym_takes_the_type_of_the_name_it_stands_for(text, speaker, stype, words):
    f = _fields(text, speaker)
    assert f["source_type"] == stype and f["named"] is True
    assert f["source_evidence"]["type"] == {"rule": "acronym", "words": words}


def test_an_acronym_the_article_never_spells_out_stays_unknown():
    f = _fields("The XQZ said the law was \u201ca threat.\u201d", "The XQZ")
    assert f["source_type"] == "unknown"


@pytest.mark.parametrize("speaker, stype", [
    ("A Campaign Against Antisemitism spokesman", "advocacy"),
    ("the Campaign for Nuclear Disarmament", "advocacy"),
    ("a Clinton campaign spokesman", "politician"),  # a lower-case campaign is an election's
])
def test_a_capitalised_campaign_that_opens_a_name_is_a_campaign_group(speaker, stype):
    assert _fields_as_speaker(speaker)["source_type"] == stype


# ---- a role set before the name with a comma ------------------------------------------------
@pytest.mark.parametrize("text, speaker, stype", [
    ("\u201cWhich is it?\u201d he asked the plaintiffs\u2019 lawyer, Joseph M. Sellers. "
     "Mr. Sellers said the court could rely on \u201cstatistics.\u201d", "Mr. Sellers", "legal"),
    ("BuzzFeed published the file. Its editor, Ben Smith, defended it. Smith said it was "
     "\u201cnewsworthy.\u201d", "Smith", "media"),
])
def test_a_role_set_before_a_name_with_a_comma_types_the_name(text, speaker, stype):
    assert _fields(text, speaker)["source_type"] == stype


@pytest.mark.parametrize("text", [
    "Unlike the senator, Smith said the bill was \u201ca disaster.\u201d",  # a preposition's object
    "He met the senator, Smith and Jones. Smith said it was \u201cover.\u201d",  # a list
])
def test_a_noun_phrase_before_a_comma_that_is_no_apposition_gives_no_type(text):
    assert _fields(text, "Smith")["source_type"] == "unknown"


# ---- "the spokesman" repeats the "a ... spokesman" the story introduced --------------------
@pytest.mark.parametrize("text, speaker, stype", [
    ("A police spokesman said two men were arrested. 'Inquiries continue,' the spokesman "
     "added.", "the spokesman", "police_military"),
    ("A Clinton campaign spokeswoman declined to comment. Later the spokeswoman said: "
     "\u201cWe will respond.\u201d", "the spokeswoman", "politician"),
])
def test_a_definite_speaks_for_role_takes_the_type_of_its_indefinite_introduction(text, speaker,
                                                                                  stype):
    f = _fields(text, speaker)
    assert f["source_type"] == stype and f["named"] is False
    assert f["source_evidence"]["type"]["rule"] == "earlier_indefinite"


def test_an_untyped_introduction_gives_the_definite_role_no_type():
    text = "A spokesman said nothing. \u201cInquiries continue,\u201d the spokesman added."
    assert _fields(text, "the spokesman")["source_type"] == "unknown"


# ---- Westminster style ---------------------------------------------------------------------
@pytest.mark.parametrize("speaker, stype", [
    ("A No 10 spokesman", "executive"),
    ("the shadow home secretary", "politician"),  # the opposition: no office held
    ("Shadow Chancellor Rachel Reeves", "politician"),
    ("the home secretary", "executive"),
])
def test_westminster_offices(speaker, stype):
    assert _fields_as_speaker(speaker)["source_type"] == stype


@pytest.mark.parametrize("speaker", ["Ontario MPP Jane Lee", "Taoiseach Leo Varadkar",
                                     "the T\u00e1naiste", "a Knesset member",
                                     "Delhi Chief Minister Arvind Kejriwal"])
def test_legislators_and_heads_of_government_of_other_countries_are_politicians(speaker):
    assert _fields_as_speaker(speaker)["source_type"] == "politician"


@pytest.mark.parametrize("speaker", ["a Garda spokesman", "the RCMP", "an IDF spokesman",
                                     "Interpol", "Police Scotland"])
def test_police_and_armed_forces_of_other_countries(speaker):
    assert _fields_as_speaker(speaker)["source_type"] == "police_military"


@pytest.mark.parametrize("speaker, stype", [
    ("Greenpeace France", "advocacy"),  # a national branch of the body before the state
    ("a Greenpeace France spokesman", "advocacy"),
    ("Google UK", "business"),
    ("Amnesty International UK", "advocacy"),
    ("the Labour Cabinet", "executive"),  # a party's government is no branch of the party
    ("France", "executive"),
])
def test_a_state_after_a_body_names_its_branch(speaker, stype):
    assert _fields_as_speaker(speaker)["source_type"] == stype


@pytest.mark.parametrize("speaker, stype", [
    ("Alabama's state auditor", "executive"),  # audit offices are state offices
    ("the auditor general", "executive"),
    ("the IPCC", "expert"),  # the scientific assessment body
    ("the Intergovernmental Panel on Climate Change", "expert"),
    ("The resolution", "other"),  # a document with no author named
    ("a three-part series", "other"),
])
def test_audit_offices_the_ipcc_and_more_document_nouns(speaker, stype):
    assert _fields_as_speaker(speaker)["source_type"] == stype


def test_an_indefinite_document_takes_the_type_of_the_body_that_put_it_out():
    text = 'The NAACP adopted a resolution Tuesday calling on the group to "repudiate it."\n'
    f = _fields(text, "a resolution")
    assert (f["source_type"], f["named"]) == ("advocacy", True)
    assert f["source_evidence"]["type"]["rule"] == "document_author"
    # a pronoun before the verb names no author
    f = _fields('It approved a resolution calling on the group to "repudiate it."\n', "a resolution")
    assert (f["source_type"], f["named"]) == ("other", False)


@pytest.mark.parametrize("speaker, gender, rule", [
    ("a spokeswoman for Greenpeace", "female", "gendered_noun"),  # one person of the body
    ("the foreign minister of France", None, "abstain"),  # a person, but nothing genders him
    ("Greenpeace", None, "not_a_person"),
    ("the Department of Justice", None, "not_a_person"),
])
def test_a_role_of_a_body_is_a_person_whom_only_a_gendered_noun_genders(speaker, gender, rule):
    f = _fields_as_speaker(speaker)
    assert (f["gender"], f["source_evidence"]["gender"]["rule"]) == (gender, rule)


def test_a_surname_in_capitals_is_the_person_named_in_full_elsewhere():
    text = ('On Sunday, Gov. Mike Pence spoke to the host.\n'
            '"PENCE: We will win this state and the next one."\n')
    f = _fields(text, "PENCE")
    assert (f["source_type"], f["gender"]) == ("politician", "male")
    assert f["source_evidence"]["refers_to"].endswith("Mike Pence")
    # an acronym that is no one's surname stays a body
    text = 'Gov. Mike Pence spoke.\n"NATO: We will defend every member state."\n'
    f = _fields(text, "NATO")
    assert f["gender"] is None and "refers_to" not in f["source_evidence"]


@pytest.mark.parametrize("text, speaker, stype", [
    ('"It was a door," said Victor Cha, who served as Asia director for the National Security '
     'Council under President George W. Bush.\n', "Victor Cha", "executive"),
    ('"It was hard," said Ann Lee, a former ambassador under President Obama.\n', "Ann Lee",
     "executive"),
    # "under" of a document is no rank: the ambassador put it out
    ("The cable, sent under Ambassador Chris Stevens' signature and marked SECRET, warned the "
     'office that the CIA advised "ten Islamist militias were active."\n', "The cable",
     "executive"),
])
def test_a_role_held_under_someone_is_the_persons_not_the_superiors(text, speaker, stype):
    assert _fields(text, speaker)["source_type"] == stype
