"""Golden tests: the seed articles against the hand-coded gold of the seed study.

The seed study (studies/met-police-2024) is named explicitly: its codebook resolves the
speakers and its evaluation/seeds_statements.csv is the gold.
"""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.validation.quotes import (KIND_SUBSETS, match_statements, quote_disagreements,
                                 quote_scores, scores_by_kind)
from analysis.validation.quotes import load_gold as _load_gold
from analysis.quotes.engine import quotes_frame
from conftest import SEED_EVALUATION

#: The seed study's hand-coded statements (part of the repository: never skipped).
GOLD_PATH = SEED_EVALUATION / "seeds_statements.csv"


def load_gold():
    """The seed study's gold statements."""
    return _load_gold(GOLD_PATH)

#: Gold quote pieces the engine is known to get wrong (article, paragraph, text, actor): documented
#: in docs/quotes.md (K4 cues such as 'threatened'/'summoned', an agentless passive resolved from
#: the next paragraph, "its first apology" as a speaker, and a joint attribution that the gold
#: splits per actor while the engine gives it to the last-named one).  Strict: a fix must remove
#: the entry.
KNOWN_MISSES = {
    ("001", 1, "openly Jewish", "police_officer"), ("001", 11, "antagonising", "police_officer"),
    ("002", 1, "community relations", "sadiq_khan"),
    ("002", 6, "must know that their presence is provocative", "metropolitan_police"),
    ("002", 10, "emboldening", "gideon_falter"),
}


@pytest.fixture(scope="module")
def matched(seeds, seed_codebook):
    """Predicted vs gold rows for the three seeds."""
    return match_statements(quotes_frame(seeds.values(), seed_codebook), load_gold())


@pytest.fixture(scope="module")
def pred(seeds, seed_codebook):
    """Predicted statement table for the seeds (speakers resolved by the seed codebook)."""
    return quotes_frame(seeds.values(), seed_codebook)


def _gold_quotes():
    """Gold full and partial pieces as test parameters."""
    gold = load_gold()
    gold = gold[gold.kind.isin(["full", "partial"])]
    return [pytest.param(r.article_id, r.paragraph, r.text, r.kind, r.actor,
                         id=f"{r.article_id}-p{r.paragraph}-{r.text[:25]}",
                         marks=[pytest.mark.xfail(strict=True, reason="known miss, see docs/quotes.md")]
                         if (r.article_id, r.paragraph, r.text, r.actor) in KNOWN_MISSES else [])
            for r in gold.itertuples()]


@pytest.mark.parametrize("article_id, paragraph, text, kind, actor", _gold_quotes())
def test_every_gold_quote_is_found_with_its_actor(matched, article_id, paragraph, text, kind, actor):
    rows = matched[(matched.article_id == article_id) & (matched.paragraph == paragraph)
                   & (matched.gold_text == text) & matched.matched]
    assert any((r.pred_kind, r.pred_actor) == (kind, actor) for r in rows.itertuples()), \
        matched[(matched.article_id == article_id) & (matched.paragraph == paragraph)]


#: Quote pieces the engine gives differently from the gold because of a known miss: the
#: speaker of "its first apology ... suggested" is not resolved (actor None).
KNOWN_EXTRAS = {("002", 6, "must know that their presence is provocative", None)}


@pytest.mark.parametrize("article_id", ["000", "001", "002"])
def test_quote_marked_statement_lists_are_pinned(pred, article_id):
    """The exact (paragraph, text, actor) list of full/partial pieces: the gold less known misses."""
    got = pred[(pred.article_id == article_id) & pred.kind.isin(["full", "partial"])]
    got_set = {(r.paragraph, r.text, None if pd.isna(r.actor) else r.actor) for r in got.itertuples()}
    gold = load_gold()
    gold = gold[(gold.article_id == article_id) & gold.kind.isin(["full", "partial"])]
    expected = {(r.paragraph, r.text, r.actor) for r in gold.itertuples()
                if (article_id, r.paragraph, r.text, r.actor) not in KNOWN_MISSES}
    expected |= {k[1:] for k in KNOWN_EXTRAS if k[0] == article_id}
    assert got_set == expected


def test_scores_do_not_regress(pred):
    gold = load_gold()
    quotes = quote_scores(pred, gold, kinds=("full", "partial"))
    assert quotes["precision"] >= 0.95 and quotes["recall"] >= 0.9
    assert quotes["actor_accuracy"] >= 0.95
    full = quote_scores(pred, gold, kinds=("full",))
    assert full["f1"] == 1.0 and full["actor_accuracy"] == 1.0
    overall = quote_scores(pred, gold)
    assert overall["f1"] >= 0.85 and overall["actor_accuracy"] >= 0.85


def test_match_statements_reports_unmatched_predictions():
    gold = pd.DataFrame([{"article_id": "a", "statement": 0, "paragraph": 0, "kind": "full",
                          "text": "We will win.", "speaker": "Ann", "actor": "", "group": "unknown"}])
    pred = pd.DataFrame([{"article_id": "a", "statement": 0, "paragraph": 0, "kind": "full",
                          "text": "We will win.", "speaker": "Ann", "actor": None},
                         {"article_id": "a", "statement": 1, "paragraph": 0, "kind": "scare",
                          "text": "title", "speaker": None, "actor": None}])
    m = match_statements(pred, gold)
    assert len(m) == 2 and m.matched.tolist() == [True, False] and m.actor_ok.iloc[0]
    s = quote_scores(pred, gold)
    assert s["precision"] == 0.5 and s["recall"] == 1.0


def test_scores_by_kind_rows_match_quote_scores(pred):
    gold = load_gold()
    table = scores_by_kind(pred, gold)
    assert list(table.index) == list(KIND_SUBSETS)
    assert table.loc["full", "f1"] == quote_scores(pred, gold, ("full",))["f1"]
    assert table.loc["all kinds", "n_gold"] == len(gold)


def test_quote_disagreements_name_each_problem():
    gold = pd.DataFrame([
        {"article_id": "a", "statement": 0, "paragraph": 0, "kind": "full", "text": "We will win this.",
         "speaker": "Ann", "actor": "ann", "group": "x"},
        {"article_id": "a", "statement": 1, "paragraph": 1, "kind": "full", "text": "Nobody saw it coming.",
         "speaker": "Bob", "actor": "bob", "group": "x"},
        {"article_id": "a", "statement": 2, "paragraph": 2, "kind": "partial", "text": "appalled",
         "speaker": "Cy", "actor": "cy", "group": "x"}])
    pred = pd.DataFrame([
        {"article_id": "a", "statement": 0, "paragraph": 0, "kind": "full", "text": "We will win this.",
         "speaker": "Ann", "actor": "ann", "group": "x"},
        {"article_id": "a", "statement": 1, "paragraph": 2, "kind": "partial", "text": "appalled",
         "speaker": "Di", "actor": "di", "group": "x"},
        {"article_id": "a", "statement": 2, "paragraph": 3, "kind": "scare", "text": "no-go",
         "speaker": None, "actor": None, "group": "unknown"}])
    problems = quote_disagreements(match_statements(pred, gold))
    assert sorted(problems["problem"]) == ["missed", "not in gold (spurious)", "wrong actor"]
