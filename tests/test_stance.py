"""Stance rules, overrides, cue classes and the critical:defensive ratios.

The seed cases use the seed study's rules pointed at its target (studies/met-police-2024:
study.yaml target, stance_rules.yaml, stance_overrides.csv); with no study there is no target
and no statement gets a stance (see the ``general`` tests).
"""
from __future__ import annotations

import math

import pytest
from hypothesis import given, settings, strategies as st

from analysis.errors import DataFileError
from analysis.knowledge.bundle import general_knowledge, knowledge_for
from analysis.measures.stance import (CUE_SETS, code_statements, code_text, critical_defensive,
                             cue_class, cue_hits, load_rules, parse_overrides, parse_rules, ratio)
from conftest import SEED_OVERRIDES, SEED_RULES, SEED_STUDY

#: The seed study's rules, pointed at its target.
RULES = knowledge_for(SEED_STUDY).rules


@pytest.mark.parametrize("text,actor,stance,rule", [
    ("I think Mark Rowley should go.", "jonathan_turner", "critical", "cue"),
    ("they had lost faith in the police", "jewish_leaders", "critical", "cue"),
    ("The entirely avoidable mistakes have had a devastating effect", "marie_van_der_zyl",
     "critical", "cue"),
    ("Sir Mark to resign", "suella_braverman", "critical", "cue"),
    ("The Met have an extremely difficult job", "mayors_office", "defensive", "cue"),
    ("the commissioner enjoyed his confidence", "sadiq_khan", "defensive", "cue"),
    ("We remain focused on keeping London safe", "metropolitan_police", "defensive", "cue"),
    ("It was a difficult job but they made errors", "caa", "mixed", "cue"),
    ("Attendance was limited", "metropolitan_police", "defensive", "actor_default"),
    ("You are quite openly Jewish", "police_officer", "neutral", "incident"),
    ("You should go home, it is wrong to be here", "police_officer", "neutral", "incident"),
    ("The weather is fine", "caa", "neutral", "none"),
    ("The weather is fine", None, "neutral", "none"),
    ("Anyone should be free to go about their lives", "home_office", "neutral", "none"),
])
def test_code_text(text, actor, stance, rule):
    got = code_text(text, actor, RULES)
    assert got[:2] == (stance, rule)


def test_apology_counts_only_for_the_target():
    text = "I personally reiterate our apology"
    assert code_text(text, "mark_rowley", RULES)[:2] == ("defensive", "cue")
    assert code_text(text, "caa", RULES)[:2] == ("neutral", "none")


def pieces():
    return [
        {"article_id": "a", "statement": 0, "paragraph": 1, "start": 0, "end": 5, "kind": "full",
         "text": "Nothing to see.", "actor": "caa", "group": "jewish_community", "speaker": "CAA"},
        {"article_id": "a", "statement": 0, "paragraph": 2, "start": 9, "end": 20, "kind": "full",
         "text": "He should resign now.", "actor": "caa", "group": "jewish_community",
         "speaker": "CAA"},
        {"article_id": "a", "statement": 1, "paragraph": 3, "start": 30, "end": 40,
         "kind": "full", "text": "We remain focused on safety.", "actor": "metropolitan_police",
         "group": "police", "speaker": "The Met"},
        {"article_id": "a", "statement": 2, "paragraph": 4, "start": 50, "end": 60,
         "kind": "scare", "text": "errors", "actor": None, "group": "unknown", "speaker": None},
    ]


def test_multi_paragraph_statement_shares_one_stance():
    coded = code_statements(pieces(), RULES, overrides=())
    assert [c["stance"] for c in coded] == ["critical", "critical", "defensive", "critical"]
    assert coded[0]["stance_rule"] == "cue"
    ev = coded[0]["stance_evidence"]
    assert coded[1]["stance_evidence"] is ev  # one statement, one evidence
    # structured like the general coder's: the words, their offsets in the article, the rule
    assert [(e["words"], e["side"], e["start"], e["end"]) for e in ev] == \
        [("resign", "critical", 9 + 10, 9 + 16)]  # "resign" at 10 in the second piece (at 9)
    assert ev[0]["rule"].startswith("cue:") and "resign" in ev[0]["rule"]
    assert set(ev[0]) == {"start", "end", "words", "rule", "side", "weight"}


def test_cue_list_evidence_names_every_cue_and_the_actor_default():
    stance, rule, ev = code_text("It was a difficult job but they made errors", "caa", RULES)
    assert (stance, rule) == ("mixed", "cue")
    assert [(e["side"], e["words"]) for e in ev] == [("critical", "errors"),
                                                    ("defensive", "difficult job")]
    text = "It was a difficult job but they made errors"
    assert all(text[e["start"]:e["end"]] == e["words"] for e in ev)
    stance, rule, ev = code_text("Attendance was limited", "metropolitan_police", RULES)
    assert rule == "actor_default" and ev == [{"start": 0, "end": 22, "words": "metropolitan_police",
                                               "rule": "actor_default", "side": "defensive",
                                               "weight": 1.0}]
    assert code_text("The weather is fine", "caa", RULES)[2] == []


def test_cue_list_evidence_is_json_in_a_csv_cell():
    import json

    from analysis.run.output import csv_value

    coded = code_statements(pieces(), RULES, overrides=())
    cell = csv_value(coded[0]["stance_evidence"])
    assert json.loads(cell) == coded[0]["stance_evidence"]
    assert csv_value(coded[3]["stance_evidence"]) == json.dumps(coded[3]["stance_evidence"],
                                                               ensure_ascii=False, sort_keys=True)


def test_override_by_snippet_and_by_index():
    ovs = parse_overrides([["article_id", "statement", "snippet", "stance", "note"],
                           ["a", "", "REMAIN   focused", "mixed", "coder's call"],
                           ["a", "0", "", "neutral", ""]], "o.csv")
    coded = code_statements(pieces(), RULES, ovs)
    assert [c["stance"] for c in coded[:3]] == ["neutral", "neutral", "mixed"]
    assert coded[2]["stance_rule"] == "override"
    assert [(e["words"], e["rule"], e["side"]) for e in coded[2]["stance_evidence"]] == \
        [("line 2: coder's call", "override", "mixed")]
    assert coded[3]["stance_rule"] == "cue"


@pytest.mark.parametrize("row,field", [
    (["", "", "x", "critical", ""], "article_id"),
    (["a", "x", "", "critical", ""], "statement"),
    (["a", "", "", "critical", ""], "snippet"),
    (["a", "", "x", "angry", ""], "stance"),
])
def test_override_validation(row, field):
    with pytest.raises(DataFileError) as err:
        parse_overrides([["article_id", "statement", "snippet", "stance", "note"], row], "o.csv")
    assert err.value.field == field and err.value.line == 2 and "o.csv:2" in str(err.value)


def test_seed_overrides_load():
    from analysis.measures.stance import load_overrides

    assert isinstance(load_overrides(str(SEED_OVERRIDES)), tuple)
    assert knowledge_for(SEED_STUDY).overrides == load_overrides(str(SEED_OVERRIDES))


def test_general_knowledge_has_no_overrides_and_no_target():
    general = general_knowledge()
    assert general.overrides == ()
    assert not general.rules.has_target and general.rules.target_name == ""
    assert general.rules.target_actors == frozenset() and general.rules.aliases == ()
    assert RULES.has_target and "mark_rowley" in RULES.target_actors


def test_without_a_target_no_statement_gets_a_stance():
    coded = code_statements(pieces(), general_knowledge().rules, overrides=())
    assert [(c["stance"], c["stance_rule"]) for c in coded] == [(None, "no_target")] * 4
    cd = critical_defensive(coded, defined=False)
    assert set(cd.values()) == {None}
    # overrides need a target too: an override does not give a stance without one
    ovs = parse_overrides([["article_id", "statement", "snippet", "stance", "note"],
                           ["a", "0", "", "critical", ""]], "o.csv")
    coded = code_statements(pieces(), general_knowledge().rules, ovs)
    assert {c["stance"] for c in coded} == {None}


def test_the_general_cues_are_a_subset_of_the_seed_cues():
    general = general_knowledge().rules
    for name in CUE_SETS:
        assert {c for c, _, _ in general.cues[name]} <= {c for c, _, _ in RULES.cues[name]}, name


# The target lives in study.yaml now (its checks are in test_studies.py); a rules file that
# still names one is refused.
@pytest.mark.parametrize("mutate,field", [
    (lambda d: d.update(version=2), "version"),
    (lambda d: d.setdefault("target", {}).update(actors=["mark_rowley"]), "target"),
    (lambda d: d.update(incident_actors=["Bad Id"]), "incident_actors"),
    (lambda d: d.update(target=["not", "a", "mapping"]), "target"),
    (lambda d: d.update(actor_defaults={"caa": "angry"}), "actor_defaults.caa"),
    (lambda d: d["cues"].update(critical=["re:("]), "cues.critical[0]"),
    (lambda d: d["cues"].update(sympathetic=["x"]), "cues"),
])
def test_rules_validation(mutate, field):
    import yaml

    assert RULES.path == str(SEED_RULES)
    with open(RULES.path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    mutate(data)
    with pytest.raises(DataFileError) as err:
        parse_rules(data, "rules.yaml")
    assert err.value.field == field


def test_rules_yaml_error_names_line(tmp_path):
    p = tmp_path / "r.yaml"
    p.write_text("version: 1\ntarget: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="r.yaml"):
        load_rules(str(p))


@pytest.mark.parametrize("c,d,expected", [(3, 1, 3.0), (1, 4, 0.25), (2, 0, math.inf),
                                          (0, 2, 0.0)])
def test_ratio(c, d, expected):
    assert ratio(c, d) == expected


def test_ratio_both_zero_is_nan():
    assert math.isnan(ratio(0, 0))


def test_critical_defensive_three_ways():
    coded = code_statements(pieces(), RULES, overrides=())
    cd = critical_defensive(coded)
    assert cd["critical_statements"] == 1  # two pieces, one statement; the scare quote is no voice
    assert cd["defensive_statements"] == 1
    assert cd["critical_actors"] == 1 and cd["defensive_actors"] == 1
    assert cd["critical_words"] == 7 and cd["defensive_words"] == 5
    assert cd["critical_defensive_ratio_words"] == pytest.approx(7 / 5)
    assert cd["critical_defensive_ratio_statements"] == 1.0
    empty = critical_defensive([])
    assert math.isnan(empty["critical_defensive_ratio_actors"])
    only_crit = critical_defensive(coded[:2])
    assert only_crit["critical_defensive_ratio_statements"] == math.inf


def test_unresolved_speakers_count_as_distinct_actors():
    coded = [{"article_id": "a", "statement": i, "kind": "indirect", "text": "x", "actor": None,
              "speaker": sp, "stance": "critical"} for i, sp in enumerate(["A critic", "a  CRITIC",
                                                                           "A rabbi"])]
    assert critical_defensive(coded)["critical_actors"] == 2


@pytest.mark.parametrize("cue,cls", [("said", "neutral"), ("Told", "neutral"),
                                     ("claimed", "evaluative"), ("demanded", "evaluative"),
                                     (":", "none"), (None, "none"), ("", "none"),
                                     ("harrumphed", "unlisted"), ("were asking", "neutral")])
def test_cue_class(cue, cls):
    assert cue_class(cue) == cls


def test_target_mentions():
    assert RULES.mentions_target("The force apologised")
    assert RULES.mentions_target("Scotland Yard said")
    assert not RULES.mentions_target("They met on Monday")
    general = general_knowledge().rules
    assert not general.mentions_target("The force apologised")
    assert not general.mentions_target("Scotland Yard said")


def _every_cue(text, target_speaker):
    """cue_hits without the word-key pre-filter: every cue's pattern searched."""
    found = {"critical": [], "defensive": []}
    for name in CUE_SETS:
        if name == "defensive_target_only" and not target_speaker:
            continue
        for cue, pattern, _ in RULES.cues[name]:
            if pattern.search(text):
                found["critical" if name == "critical" else "defensive"].append(cue)
    return found


_CUE_WORDS = [c.replace("*", "") for cues in RULES.cues.values() for c, _, _ in cues
              if not c.startswith("re:")] + ["should go", "RESIGNATION", "Apologised", "lost the confidence"]


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.one_of(st.sampled_from(_CUE_WORDS), st.sampled_from([" ", "_", "-", "'", "ſ"]),
                          st.text(max_size=6)), max_size=10), st.booleans())
def test_prefilter_never_changes_the_cues(parts, target_speaker):
    text = " ".join(parts)
    assert cue_hits(text, RULES, target_speaker) == _every_cue(text, target_speaker)


def test_without_the_cue_coder_only_overrides_are_coded():
    """cue_coder=False (a caller that codes with the general coder) keeps hand overrides and
    leaves every other statement for that coder, with the same dict fields."""
    ovs = parse_overrides([["article_id", "statement", "snippet", "stance", "note"],
                           ["a", "", "REMAIN   focused", "mixed", "coder's call"]], "o.csv")
    full = code_statements(pieces(), RULES, ovs)
    bare = code_statements(pieces(), RULES, ovs, cue_coder=False)
    assert [c["stance_rule"] for c in bare] == [
        "override" if c["stance_rule"] == "override" else "pending" for c in full]
    assert [c["stance"] for c in bare if c["stance_rule"] == "pending"] == \
        [None] * sum(c["stance_rule"] != "override" for c in full)
    assert bare[2] == full[2]
    assert [set(c) for c in bare] == [set(c) for c in full]
