"""bench/basil.py: the outlet order in bootstrap resamples, as issue 14 defines it."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _bench(monkeypatch):
    """bench/basil.py as a module (bench/ on the path, as when the script runs)."""
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location("bench_basil", ROOT / "bench" / "basil.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def _corpus(gold_rates, pred_rates):
    """Gold articles and predictions with the given per-event (fox, nyt, hpo) counts, 1,000 words."""
    gold, preds = [], []
    for e, (g, p) in enumerate(zip(gold_rates, pred_rates)):
        for o, ng, np_ in zip(("fox", "nyt", "hpo"), g, p):
            aid = f"{e}_{o}"
            gold.append({"id": aid, "event_id": str(e), "outlet": o, "n_words": 1000,
                         "lexical_spans": [{}] * ng})
            preds.append({"id": aid, "hits": [{"start": 0, "end": 1}] * np_})
    return gold, preds


def test_order_is_compared_with_the_full_split_gold_order(monkeypatch):
    b = _bench(monkeypatch)
    # gold: hpo > fox > nyt overall, but each event alone puts another outlet first
    gold_rates = [(5, 0, 6), (3, 0, 1), (0, 4, 5), (2, 1, 3)] * 3
    steady = [(2, 1, 3)] * 12  # always hpo > fox > nyt
    gold, preds = _corpus(gold_rates, steady)
    o = b.order_in_resamples(b.article_rates(gold, preds), boot=200)
    assert o["full_gold_order"] == "hpo>fox>nyt" and o["point_pred_order"] == "hpo>fox>nyt"
    assert o["vs_full_gold"] == 1.0
    assert o["vs_resampled_gold"] < 1.0 and o["gold_keeps_order"] < 1.0
    assert o["vs_resampled_gold"] == o["gold_keeps_order"]  # the prediction never moves
    gold, preds = _corpus(gold_rates, [(3, 1, 2)] * 12)  # fox first: never right
    assert b.order_in_resamples(b.article_rates(gold, preds), boot=50)["vs_full_gold"] == 0.0


def test_empty_hits_do_not_count(monkeypatch):
    b = _bench(monkeypatch)
    gold, preds = _corpus([(1, 1, 1)], [(0, 0, 0)])
    preds[0]["hits"] = [{"start": 5, "end": 5}, {"start": 0, "end": 2}]
    rates = b.article_rates(gold, preds)
    assert rates["0_fox"] == ("fox", "0", 1.0, 1.0)
