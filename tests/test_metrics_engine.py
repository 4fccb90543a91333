"""Golden tests end to end: seeds through the quotation engine into the metrics row.

The seed study (studies/met-police-2024) is named explicitly: its codebook, stance rules and
hand coding.  Skipped when the engine (analysis.quotes.engine) is not installed; known differences between the
engine and the hand coding are marked xfail (strict: a fix must remove the mark) with the reason.
"""
from __future__ import annotations

import csv

import pytest

from conftest import SEED_EVALUATION as EVAL


def gold_prominence():
    with open(EVAL / "seeds_prominence.csv", encoding="utf-8", newline="") as fh:
        return {r["article_id"]: r for r in csv.DictReader(fh)}

engine = pytest.importorskip("analysis.quotes.engine")


@pytest.fixture(scope="module")
def rows(seeds, seed_knowledge):
    from analysis.measures.metrics import article_row

    return {aid: article_row(a, knowledge=seed_knowledge) for aid, a in seeds.items()}


@pytest.mark.parametrize("aid", ["000", "001", "002"])
@pytest.mark.parametrize("col", ["first_full_quote_actor", "last_word_actor"])
def test_engine_prominence_agrees_with_gold(rows, aid, col):
    assert rows[aid][col] == gold_prominence()[aid][col]


KNOWN = pytest.mark.xfail(strict=True, reason="quotation engine differs from the hand coding")


@pytest.mark.parametrize("aid,col", [
    ("000", "first_quote_actor"), ("001", "first_voice_actor"),
    pytest.param("000", "first_voice_actor", marks=KNOWN),   # the man's indirect 'stating'
    pytest.param("001", "first_quote_actor", marks=KNOWN),   # 'openly Jewish' partial in P1
    pytest.param("002", "first_voice_actor", marks=KNOWN),   # Khan's 'community relations'
    pytest.param("002", "first_quote_actor", marks=KNOWN),
])
def test_engine_first_voices(rows, aid, col):
    assert rows[aid][col] == gold_prominence()[aid][col]


def test_engine_metrics_row_basics(rows):
    assert rows["001"]["embattled"] == 1
    assert rows["001"]["outlet"] == "MailOnline"
    assert rows["001"]["critical_statements"] > rows["001"]["defensive_statements"]
    assert rows["001"]["first_critical_paragraph"] == 0  # "told ... Rowley to quit"
    for r in rows.values():
        assert r["quotes_source"] == "engine" and r["words"] > 500


def test_engine_stance_agreement_floor(seeds, seed_knowledge):
    from analysis.validation.agreement import validation_tables

    v = validation_tables(seeds.values(), EVAL, seed_knowledge)
    assert v["stance"]["n"] >= 30
    assert v["stance"]["percent_agreement"] >= 0.65
    assert len(v["stance_disagreements"]) == len(v["stance_pairs"]) - int(
        v["stance_pairs"]["agree"].sum())
