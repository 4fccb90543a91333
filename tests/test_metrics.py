"""The metrics row and tables: columns, types, empty input, statements given as plain data.

The seed figures use the seed study's knowledge (``seed_knowledge``); with no study the
package has no target, so stance columns are empty (see the ``general`` tests below).
"""
from __future__ import annotations

import math
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.corpus.readers import make_article
from analysis.knowledge.bundle import general_knowledge
from analysis.measures.metrics import (STATEMENT_FIELDS, article_row, knowledge_fields, lexicon_frame,
                              measure_columns, metric_fields, metrics_frame, passives_frame,
                              sentences_frame, statements_frame)
from analysis.measures.stance import CRITICAL_DEFENSIVE_FIELDS
from analysis.model import Statement

TEXT = ("Met chief faces calls to quit\n"
        "The embattled Commissioner was hauled before ministers after an angry row.\n"
        "Jonathan Turner said: 'I think Mark Rowley should go.'\n"
        "The Met Police said: 'We remain focused on keeping people safe.'\n")

REQUIRED = ["article_id", "outlet", "words", "loaded_terms", "loaded_per_1k", "embattled",
            "evaluative_words", "evaluative_per_1k",
            "first_voice_actor", "first_quote_actor", "first_quote_group", "last_word_actor",
            "critical_actors", "defensive_actors", "critical_statements", "defensive_statements",
            "critical_defensive_ratio", "vader_compound", "flesch_reading_ease",
            "first_full_quote_actor", "first_critical_paragraph", "first_defensive_paragraph",
            "critical_defensive_ratio_actors", "critical_defensive_ratio_words",
            "evaluative_cues", "agentless_passives"]


def statement(article, n, quote, actor, group, speaker, cue="said"):
    start = article.text.index(quote)
    para = next(p.index for p in article.paragraphs if p.start <= start < p.end)
    return Statement(article.id, n, para, start, start + len(quote), quote, "full", speaker,
                     None, None, actor, group, cue)


@pytest.fixture
def small():
    art = make_article("x1", TEXT, {"outlet": "Test Post", "headline": "Met chief faces calls to quit"})
    stmts = [statement(art, 0, "I think Mark Rowley should go.", "jonathan_turner",
                       "jewish_community", "Jonathan Turner"),
             statement(art, 1, "We remain focused on keeping people safe.", "metropolitan_police",
                       "police", "The Met Police")]
    return art, stmts


def test_required_columns_present_and_ordered():
    fields = metric_fields()
    assert all(c in fields for c in REQUIRED)
    assert fields[:3] == ["article_id", "outlet", "words"]
    assert len(fields) == len(set(fields))


def test_row_from_given_statements(small, seed_knowledge):
    art, stmts = small
    row = article_row(art, stmts, knowledge=seed_knowledge)
    assert list(row) == knowledge_fields(seed_knowledge)
    assert row["outlet"] == "Test Post" and row["quotes_source"] == "given"
    assert row["embattled"] == 1
    assert row["loaded_terms"] == 4  # embattled, hauled before, angry, row
    assert row["loaded_per_1k"] == pytest.approx(1000 * 4 / row["words"], abs=1e-3)
    assert row["loaded_headline"] == 0 and row["loaded_lede"] == 4
    assert row["first_quote_actor"] == "jonathan_turner"
    assert row["last_word_actor"] == "metropolitan_police"
    assert row["critical_statements"] == 1 and row["defensive_statements"] == 1
    assert row["critical_defensive_ratio"] == 1.0
    assert row["first_critical_paragraph"] == 2 and row["first_defensive_paragraph"] == 3
    assert row["neutral_cues"] == 2 and row["evaluative_cues"] == 0
    assert row["agentless_passives"] == 1
    assert row["sentences"] == 3 and -1 <= row["vader_compound"] <= 1


def test_evaluative_columns_count_vader_words_over_the_rows_words(small, seed_knowledge):
    from analysis.measures.evaluative import evaluative_summary

    art, stmts = small
    row = article_row(art, stmts, knowledge=seed_knowledge)
    summary = evaluative_summary(art, stmts)
    assert row["evaluative_words"] == summary["evaluative_words"] > 0
    assert row["evaluative_per_1k"] == pytest.approx(1000 * row["evaluative_words"] / row["words"],
                                                     abs=1e-3)
    assert (row["evaluative_outlet_voice"] + row["evaluative_quote_voice"]
            == row["evaluative_words"])
    assert row["evaluative_quote_voice"] >= 1  # "safe" inside the police's quote
    assert row["evaluative_headline"] == summary["evaluative_headline"]


def test_the_loaded_switch_of_a_study_covers_the_evaluative_columns():
    fields = metric_fields()
    cols = measure_columns("loaded", fields)
    assert {"evaluative_words", "evaluative_per_1k", "evaluative_outlet_voice",
            "evaluative_quote_voice", "evaluative_headline"} <= set(cols)


def test_no_statements_gives_documented_missing_values(small, seed_knowledge):
    art, _ = small
    row = article_row(art, [], knowledge=seed_knowledge)
    assert row["statements"] == 0 and row["first_voice_actor"] is None
    assert math.isnan(row["critical_defensive_ratio"])
    assert math.isnan(row["critical_defensive_ratio_actors"])


def test_only_critical_gives_inf(small, seed_knowledge):
    art, stmts = small
    assert article_row(art, stmts[:1], knowledge=seed_knowledge)["critical_defensive_ratio"] == math.inf


def test_general_knowledge_is_the_default_and_has_no_target(small):
    art, stmts = small
    general = general_knowledge()
    assert not general.has_target and general.groups == ("unknown",)
    assert metric_fields() == knowledge_fields(general)
    row = article_row(art, stmts)
    assert row == article_row(art, stmts, knowledge=general)
    assert list(row) == metric_fields()
    assert "quoted_share_unknown" in row
    assert not [c for c in row if c.startswith("quoted_share_") and c != "quoted_share_unknown"]


def test_without_a_target_stance_columns_are_none(small):
    art, stmts = small
    row = article_row(art, stmts)
    for col in CRITICAL_DEFENSIVE_FIELDS:
        col = "critical_defensive_ratio" if col == "critical_defensive_ratio_statements" else col
        assert row[col] is None, col
    assert row["first_critical_paragraph"] is None and row["first_defensive_paragraph"] is None
    assert row["target_sentences"] is None and row["vader_target"] is None
    # what does not depend on a target is still measured
    assert row["statements"] == 2 and row["first_quote_actor"] == "jonathan_turner"
    assert row["sentences"] == 3


def test_without_a_target_statements_get_no_stance(small):
    from analysis.measures.metrics import coded_statements

    art, stmts = small
    coded, source = coded_statements(art, stmts)
    assert source == "given" and len(coded) == 2
    assert {(s["stance"], s["stance_rule"]) for s in coded} == {(None, "no_target")}
    engine, source = coded_statements(art)
    assert source == "engine" and engine
    assert {(s["stance"], s["stance_rule"]) for s in engine} == {(None, "no_target")}
    assert {s["actor"] for s in engine} == {None}  # the general codebook names nobody


def test_empty_frames_keep_columns():
    assert list(metrics_frame([]).columns) == metric_fields()
    assert list(statements_frame([]).columns) == STATEMENT_FIELDS
    assert len(lexicon_frame([])) == 0 and "voice" in lexicon_frame([]).columns
    assert len(passives_frame([])) == 0 and "kind" in passives_frame([]).columns
    assert len(sentences_frame([])) == 0 and "compound" in sentences_frame([]).columns


def test_frames_on_seeds(seeds, seed_knowledge):
    arts = list(seeds.values())
    frame = metrics_frame(arts, knowledge=seed_knowledge)
    assert list(frame["article_id"]) == ["000", "001", "002"]
    assert list(frame.columns) == knowledge_fields(seed_knowledge)
    assert frame["words"].dtype.kind == "i"
    hits = lexicon_frame(arts, knowledge=seed_knowledge)
    assert set(hits["role"]) <= {"headline", "body"}
    stm = statements_frame(arts, knowledge=seed_knowledge)
    assert {"critical", "defensive"} <= set(stm["stance"]) <= {"critical", "defensive", "mixed",
                                                                 "neutral"}
    assert set(stm["cue_class"]) <= {"neutral", "evaluative", "unlisted", "none"}


@pytest.mark.parametrize("study", [False, True], ids=["general", "seed"])
def test_row_is_json_ready(small, seed_knowledge, study):
    import json

    from analysis.run.output import json_value

    art, stmts = small
    row = article_row(art, stmts, knowledge=seed_knowledge if study else None)
    json.dumps({k: json_value(v) for k, v in row.items()}, allow_nan=False)
    assert all(v is None or isinstance(v, (str, int, float, bool)) for v in row.values())


words = st.lists(st.sampled_from(list("abcdefgh ’'\"“”.,:;-\n") + ["row ", "embattled ",
                                 "was warned ", "Met ", "said: ", "Police", "\u00e9", "\t"]),
                 max_size=120).map("".join)


@st.composite
def article_and_statements(draw):
    text = draw(words)
    if not text.strip():
        text = "x"
    art = make_article("h", text, {"outlet": draw(st.sampled_from(["", "Out"]))})
    stmts = []
    for n in range(draw(st.integers(0, 4))):
        a = draw(st.integers(0, len(text)))
        b = draw(st.integers(a, len(text)))
        paras = [p.index for p in art.paragraphs if p.start <= a <= p.end] or [0]
        stmts.append(Statement("h", draw(st.integers(0, 3)), paras[0], a, b, text[a:b],
                               draw(st.sampled_from(["full", "partial", "scare", "indirect"])),
                               draw(st.sampled_from([None, "a man", "He"])), None, None,
                               draw(st.sampled_from([None, "caa", "mark_rowley", "police_officer"])),
                               draw(st.sampled_from([None, "police", "jewish_community"])),
                               draw(st.sampled_from([None, ":", "said", "claimed", "zorked"]))))
    return art, stmts


@lru_cache(maxsize=1)
def _seed():
    """The seed study's knowledge (loaded once for the property test)."""
    from analysis.knowledge.bundle import knowledge_for
    from conftest import SEED_STUDY

    return knowledge_for(SEED_STUDY)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article_and_statements())
def test_any_article_gives_a_well_formed_row(data):
    art, stmts = data
    seed = _seed()
    row = article_row(art, stmts, knowledge=seed)
    assert list(row) == knowledge_fields(seed)
    assert row["words"] >= 0 and row["loaded_terms"] >= 0
    for k in ("critical_defensive_ratio", "critical_defensive_ratio_actors",
              "critical_defensive_ratio_words", "loaded_per_1k", "vader_compound"):
        assert isinstance(row[k], float)
        assert math.isnan(row[k]) or row[k] >= (-1 if k == "vader_compound" else 0)
    for k in ("critical_statements", "defensive_statements", "agentless_passives",
              "embattled", "quoted_words"):
        assert isinstance(row[k], int) and row[k] >= 0
    general = article_row(art, stmts)  # no study: no target, the stance columns are empty
    assert list(general) == metric_fields()
    assert all(general[k] is None for k in ("critical_defensive_ratio", "critical_statements",
                                            "defensive_statements"))
    for k in ("loaded_per_1k", "vader_compound"):
        assert isinstance(general[k], float)
    for k in ("agentless_passives", "quoted_words", "statements"):
        assert isinstance(general[k], int) and general[k] == row[k]


def test_the_general_coder_counts_an_utterance_once_in_the_ratios(tmp_path):
    """An indirect statement and the partial quote inside it are one critical voice."""
    from analysis.corpus.readers import make_article
    from analysis.knowledge.bundle import knowledge_for
    from analysis.knowledge.newstudy import new_study
    from analysis.measures.metrics import analyse_article

    corpus = tmp_path / "c.csv"
    corpus.write_text('id,text,outlet\na1,"Councillor Tom Reyes said the mayor had ""lost the '
                      'confidence of this city"" and must resign.",X\n', encoding="utf-8")
    new_study(tmp_path / "study", corpus=corpus, target="the mayor", aliases=["the mayor"])
    know = knowledge_for(tmp_path / "study")
    art = make_article("a1", 'Councillor Tom Reyes said the mayor had "lost the confidence of '
                             'this city" and must resign.')
    result = analyse_article(art, knowledge=know)
    kinds = sorted(s["kind"] for s in result.statements)
    assert kinds == ["indirect", "partial"]  # two pieces, two statement indices ...
    assert {s["stance"] for s in result.statements} == {"critical"}
    assert result.row["critical_statements"] == 1  # ... one voice in the ratio
    assert result.row["critical_actors"] == 1
