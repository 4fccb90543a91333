"""Agency: agentless passives vs passives with an agent and active incident clauses.

Incident verbs belong to a story: the seed cases use the seed study's incident verbs
(studies/met-police-2024/agency.yaml); the package's general lists have none.
"""
from __future__ import annotations

import pytest

from analysis.measures.agency import (agency_summary, clause_hits, is_participle, load_agency_words,
                             passive_rows)
from analysis.corpus.readers import make_article
from analysis.errors import DataFileError


@pytest.mark.parametrize("text,kind,incident", [
    ("Gideon Falter was threatened with arrest near a march.", "agentless_passive", True),
    ("Mr Falter was warned that he risked antagonising people.", "agentless_passive", True),
    ("He was stopped from crossing a road.", "agentless_passive", True),
    ("The Commissioner will this week be hauled before the Home Secretary.", "agentless_passive",
     True),
    ("He was reportedly told to leave.", "agentless_passive", True),
    ("The clip was uploaded by the Campaign Against Antisemitism on Monday.", "agent_passive",
     False),
    ("He was threatened with arrest by an officer.", "agent_passive", True),
    ("An officer threatened to arrest an openly Jewish man.", "active_agent", True),
    ("The footage shows an officer describing him as openly Jewish.", "active_agent", True),
])
def test_clause_kinds(text, kind, incident, seed_agency):
    hits = clause_hits(text, seed_agency)
    assert [h["kind"] for h in hits] == [kind]
    assert hits[0]["incident"] is incident


def test_agent_phrase_is_trimmed(seed_agency):
    h = clause_hits("The clip was uploaded by the Campaign Against Antisemitism on Monday.")[0]
    assert h["agent"] == "by the Campaign Against Antisemitism"
    h = clause_hits("An officer threatened to arrest him.", seed_agency)[0]
    assert h["agent"] == "An officer"


@pytest.mark.parametrize("text", [
    "They were being filmed.",
    "He was threatened, and by the evening police had apologised.",  # 'by' after a comma
])
def test_one_agentless_hit(text):
    hits = clause_hits(text)
    assert [h["kind"] for h in hits].count("agentless_passive") == 1
    assert not [h for h in hits if h["kind"] == "agent_passive"]


@pytest.mark.parametrize("text", ["He is determined to win.", "The sky was red.",
                                  "They were concerned.", "He threatens nobody here."])
def test_not_passive(text):
    assert not [h for h in clause_hits(text) if h["kind"].endswith("passive")]


def test_is_participle():
    assert is_participle("warned") and is_participle("taken") and not is_participle("red")


def test_without_a_study_no_clause_is_an_incident():
    assert load_agency_words().incident_forms == {}
    hits = clause_hits("He was threatened with arrest by an officer. An officer threatened him.")
    assert [h["kind"] for h in hits] == ["agent_passive"]
    assert not any(h["incident"] for h in hits)


def test_rows_skip_captions_and_mark_voice(seed_agency):
    text = ("Mr Falter was warned that he risked antagonising the situation.\n"
            "A source said: 'He was stopped from crossing.'\n"
            "Mr Falter was warned that he risked antagonising the situation\n")
    art = make_article("t", text)
    rows = passive_rows(art, seed_agency)
    analysed = {p.index for p in art.paragraphs if p.analysed}
    assert {r["paragraph"] for r in rows} <= analysed
    assert [r["voice"] for r in rows if r["paragraph"] == 1] == ["quote"]
    s = agency_summary(rows)
    assert s["agentless_passives"] == len([r for r in rows if r["kind"] == "agentless_passive"])
    assert s["incident_agentless_passives"] >= 2


def _agency_file(tmp_path, text):
    f = tmp_path / "agency.yaml"
    f.write_text(text, encoding="utf-8")
    return str(f)


_LISTS = "irregular_participles: [told]\nnot_passive: [concerned]\nbetween: [not]\n"


def test_word_lists_are_data_a_researcher_can_change(tmp_path, seed_agency):
    text = "The officer was sacked. He was warned."
    general = [(h["verb"], h["incident"]) for h in clause_hits(text)]
    assert general == [("sacked", False), ("warned", False)]
    seed = [(h["verb"], h["incident"]) for h in clause_hits(text, seed_agency)]
    assert seed == [("sacked", False), ("warned", True)]
    words = load_agency_words(_agency_file(tmp_path, "version: 1\nincident_verbs:\n  sack: [sacked]\n" + _LISTS))
    assert [(h["verb"], h["incident"]) for h in clause_hits(text, words)] == [("sacked", True), ("warned", False)]


@pytest.mark.parametrize("text,field", [
    ("- 1\n", None),
    ("version: 2\n", "version"),
    ("version: 1\nincident_verbs: []\n" + _LISTS, "incident_verbs"),
    ("version: 1\nincident_verbs:\n  warn: [warned, was warned]\n" + _LISTS, "incident_verbs.warn[1]"),
    ("version: 1\nincident_verbs:\n  warn: [Warned]\n" + _LISTS, "incident_verbs.warn[0]"),
    ("version: 1\nincident_verbs:\n  tell: [told]\n  say: [told]\n" + _LISTS, "incident_verbs.say"),
    ("version: 1\nincident_verbs:\n  warn: [warned]\nirregular_participles: [told]\nnot_passive: []\n"
     "between: [not]\n", "not_passive"),
    ("version: 1\nincident_verbs:\n  warn: [warned]\n" + _LISTS + "extra: 1\n", "extra"),
])
def test_bad_word_list_files_name_the_field(tmp_path, text, field):
    with pytest.raises(DataFileError) as err:
        load_agency_words(_agency_file(tmp_path, text))
    assert str(tmp_path) in str(err.value)
    assert err.value.field == field
