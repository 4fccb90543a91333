"""Prominence: first voice, first quote, first full quote, last word, stance positions, shares."""
from __future__ import annotations

import math

import pytest

from analysis.measures.prominence import first, is_direct, is_voice, prominence, quoted_words, shares


#: The seed study's codebook groups (studies/met-police-2024/actors.yaml), unknown last.
GROUPS = ("police", "government", "mayor", "jewish_community", "politicians", "public", "media",
          "unknown")


def test_groups_are_the_seed_study_groups(seed_knowledge):
    assert seed_knowledge.groups == GROUPS


def words(text: str) -> int:
    return len(text.split())


def piece(statement, paragraph, kind, actor, group, text="a b", start=0, speaker="x", stance=None):
    return {"article_id": "a", "statement": statement, "paragraph": paragraph, "start": start,
            "kind": kind, "actor": actor, "group": group, "text": text, "speaker": speaker,
            "stance": stance}


ARTICLE = [
    piece(0, 1, "scare", None, None, speaker=None),
    piece(1, 2, "indirect", "jewish_leaders", "jewish_community", stance="critical"),
    piece(2, 3, "partial", "downing_street", "government", "appalled", stance="critical"),
    piece(3, 5, "full", "government_source", "government", "one two three four", stance="neutral"),
    piece(4, 6, "full", "metropolitan_police", "police", "we remain focused", stance="defensive"),
    piece(5, 7, "indirect", None, None, speaker="A critic", stance="critical"),
]


def test_prominence_positions():
    row = prominence(ARTICLE, words, GROUPS)
    assert row["first_voice_actor"] == "jewish_leaders" and row["first_voice_paragraph"] == 2
    assert row["first_quote_actor"] == "downing_street" and row["first_quote_group"] == "government"
    assert row["first_full_quote_actor"] == "government_source"
    assert row["last_word_actor"] == "A critic" and row["last_word_group"] == "unknown"
    assert row["first_critical_paragraph"] == 2 and row["first_defensive_paragraph"] == 6


def test_order_uses_offset_within_paragraph():
    a = piece(0, 4, "full", "caa", "jewish_community", start=90)
    b = piece(1, 4, "full", "home_office", "government", start=10)
    assert first([a, b], is_direct)["actor"] == "home_office"


def test_scare_quotes_and_unattributed_are_not_voices():
    assert not is_voice(ARTICLE[0])
    assert not is_voice(piece(0, 0, "full", None, None, speaker=None))
    assert is_voice(piece(0, 0, "indirect", None, None, speaker="someone"))


def test_quoted_word_shares():
    by_group = quoted_words(ARTICLE, "group", words)
    assert by_group == {"government": 5, "police": 3}
    row = prominence(ARTICLE, words, GROUPS)
    assert row["quoted_words"] == 8
    assert row["quoted_share_government"] == pytest.approx(5 / 8)
    assert row["quoted_share_mayor"] == 0.0
    assert row["top_quoted_actor"] == "government_source"
    assert shares({"a": 1, "b": 3}) == {"a": 0.25, "b": 0.75}
    assert shares({}) == {}


def test_no_statements():
    row = prominence([], words, GROUPS)
    assert row["first_voice_actor"] is None and row["last_word_paragraph"] is None
    assert row["quoted_words"] == 0 and math.isnan(row["quoted_share_police"])


def test_quoted_shares_follow_the_groups_given():
    row = prominence(ARTICLE, words, ("government", "police", "unknown"))
    cols = [c for c in row if c.startswith("quoted_share_")]
    assert cols == ["quoted_share_government", "quoted_share_police", "quoted_share_unknown"]
    assert sum(row[c] for c in cols) == pytest.approx(1.0)
    assert [c for c in prominence(ARTICLE, words, ()) if c.startswith("quoted_share_")] == []
