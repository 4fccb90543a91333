"""Golden tests on the seeds, pinned to the text and to the hand coding of the seed study.

The seed study (studies/met-police-2024) is named explicitly: its groups, its lexicon and its
hand coding (evaluation/).

Metric functions are fed the hand-coded statements (plain data), so these test the metrics
themselves; the end-to-end tests through the quotation engine are in test_metrics_engine.py.
"""
from __future__ import annotations

import csv
from functools import lru_cache

import pytest

from analysis.measures.lexicon import lexicon_hits as _lexicon_hits
from analysis.measures.prominence import prominence
from analysis.measures.stance import critical_defensive
from conftest import SEED_EVALUATION as EVAL
from conftest import SEED_STUDY


@lru_cache(maxsize=1)
def seed():
    """The seed study's knowledge."""
    from analysis.knowledge.bundle import knowledge_for

    return knowledge_for(SEED_STUDY)


def lexicon_hits(article):
    """Loaded-term hits of an article under the seed study's lexicon."""
    return _lexicon_hits(article, (), seed().entries)


def gold_pieces(article):
    """Hand-coded statement pieces of one article with offsets located in the text."""
    with open(EVAL / "seeds_statements.csv", encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["article_id"] == article.id]
    paras = {p.index: p for p in article.paragraphs}
    out = []
    for r in rows:
        p = paras[int(r["paragraph"])]
        k = p.text.index(r["text"])
        out.append({**r, "statement": int(r["statement"]), "paragraph": int(r["paragraph"]),
                    "start": p.start + k, "end": p.start + k + len(r["text"]),
                    "actor": r["actor"] or None, "speaker": r["speaker"] or None})
    return out


def gold_prominence():
    with open(EVAL / "seeds_prominence.csv", encoding="utf-8", newline="") as fh:
        return {r["article_id"]: r for r in csv.DictReader(fh)}


def words(text):
    from analysis.corpus.readers import word_count

    return word_count(text)


@pytest.mark.parametrize("aid", ["000", "001", "002"])
def test_prominence_on_gold_statements_matches_hand_coding(seeds, aid):
    row = prominence(gold_pieces(seeds[aid]), words, seed().groups)
    want = gold_prominence()[aid]
    for col in ("first_voice_actor", "first_quote_actor", "first_full_quote_actor",
                "last_word_actor"):
        assert row[col] == want[col], col
    assert row["first_critical_paragraph"] == int(want["first_critical_paragraph"])
    assert row["first_defensive_paragraph"] == int(want["first_defensive_paragraph"])


# Statement counts from the table in evaluation/README.md; the one critical scare quote of
# 001 (P8, 'grievous loss of confidence') is not a voice, so it is not counted here.
@pytest.mark.parametrize("aid,critical,defensive", [("000", 3, 2), ("001", 18, 2), ("002", 12, 7)])
def test_ratio_on_gold_statements(seeds, aid, critical, defensive):
    cd = critical_defensive(gold_pieces(seeds[aid]))
    assert cd["critical_statements"] == critical and cd["defensive_statements"] == defensive
    assert cd["critical_defensive_ratio_statements"] == pytest.approx(critical / defensive)


def test_001_embattled_once_caption_excluded(seeds):
    hits = lexicon_hits(seeds["001"])
    assert [(h["paragraph"], h["position"]) for h in hits if h["term"] == "embattled"] == [(1, "body")]
    scramble = [h for h in hits if h["term"] == "scrambling to save his job"]
    assert [h["paragraph"] for h in scramble] == [17]  # P19 is its caption copy


# Read from the text: the pressure/conflict/emotion words of each seed, by paragraph (the
# seed study's lexicon: the general list, then the study's additions).
@pytest.mark.parametrize("aid,expected", [
    ("000", {(0, "fierce"), (6, "jaw-dropping"), (11, "row"), (11, "erupted"),
             (11, "threatened with"), (13, "anger"), (19, "paying the price")}),
    ("001", {(0, "Angry"), (1, "deeply concerned"), (1, "embattled"), (1, "hauled before"),
             (1, "threatened to"), (2, "appalled"), (5, "endure"), (8, "grievous"),
             (11, "antagonising"), (12, "devastating"), (16, "joined the calls"),
             (16, "root out"), (17, "scrambling to save his job")}),
    ("002", {(1, "summoned"), (1, "row"), (2, "outcry"), (2, "threatened with"),
             (3, "come under pressure"), (4, "played down"), (5, "antagonising"), (5, "row"),
             (6, "forced to"), (11, "condemnation"), (12, "appalled"), (17, "concerning"),
             (20, "determined to"), (21, "vulnerable"), (24, "mending relations")}),
])
def test_pressure_conflict_emotion_terms(seeds, aid, expected):
    hits = lexicon_hits(seeds[aid])
    got = {(h["paragraph"], h["matched"]) for h in hits
           if h["category"] in ("pressure_weakness", "conflict", "emotion")}
    assert got == expected


def test_loaded_voice_matches_hand_coding_where_both_code(seeds):
    from analysis.validation.agreement import lexicon_agreement, load_gold_loaded

    arts = dict(seeds)
    hits = [h for a in arts.values() for h in lexicon_hits(a)]
    stats, rows = lexicon_agreement(hits, load_gold_loaded(EVAL / "seeds_loaded.csv"), arts)
    assert stats["voice_agreement"] == 1.0
    assert stats["precision"] >= 0.85  # a regression floor; the seeds are the development set


def test_002_headline_and_lede(seeds):
    hits = lexicon_hits(seeds["002"])
    assert not [h for h in hits if h["position"] == "headline"]
    assert {h["matched"] for h in hits if h["position"] == "lede"} == {"summoned", "row"}
