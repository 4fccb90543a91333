"""Outlet-level comparison: pooled and mean values, bootstrap intervals, paired and
permutation tests, first/last shares and the dot-and-interval figure, on made-up tables."""
from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.report import outlets as o  # noqa: E402
from analysis.report.figures import save_figure  # noqa: E402
from analysis.report.plots import MAX_OUTLETS, outlet_intervals  # noqa: E402

LOADED = o.MEASURES[0]
CDR = next(m for m in o.MEASURES if m.key == "critical_defensive_ratio")


def table(rows: list[dict]) -> pd.DataFrame:
    """An articles table with every count column present (zero unless given)."""
    base = {"article_id": "", "outlet": "", "event_id": None, "words": 100, "loaded_terms": 0,
            "loaded_outlet_voice": 0, "critical_statements": 0, "defensive_statements": 0,
            "source_voices": 0, "source_gendered_voices": 0, "source_official_share": None,
            "source_anonymous_share": None, "source_female_share": None, "quoted_words": 0,
            "quoted_share_police": None, "quoted_share_public": None}
    return pd.DataFrame([{**base, "article_id": str(i), **r} for i, r in enumerate(rows)])


def two_outlets() -> pd.DataFrame:
    """Outlet A: 8, 0 and 20 hits per 1,000 words over 1,000, 1,000 and 500 words; B: 5 per
    1,000 twice."""
    return table([
        {"outlet": "A", "words": 1000, "loaded_terms": 10, "loaded_outlet_voice": 5},
        {"outlet": "A", "words": 1000, "loaded_terms": 0},
        {"outlet": "A", "words": 500, "loaded_terms": 10, "loaded_outlet_voice": 10},
        {"outlet": "B", "words": 400, "loaded_terms": 2, "loaded_outlet_voice": 1},
        {"outlet": "B", "words": 600, "loaded_terms": 3, "loaded_outlet_voice": 0},
    ])


def row(frame: pd.DataFrame, outlet: str, measure: str) -> pd.Series:
    hit = frame[(frame["outlet"] == outlet) & (frame["measure"] == measure)]
    assert len(hit) == 1
    return hit.iloc[0]


def test_pooled_is_a_ratio_of_sums_and_mean_is_over_articles():
    t = o.outlet_measures(two_outlets(), [LOADED], resamples=200)
    a = row(t, "A", "loaded_per_1k")
    assert a["pooled"] == pytest.approx(1000 * 20 / 2500)
    assert a["mean"] == pytest.approx((10 + 0 + 20) / 3)
    assert (a["articles"], a["defined"], a["numerator"], a["denominator"]) == (3, 3, 20, 2500)
    assert row(t, "B", "loaded_per_1k")["pooled"] == pytest.approx(5.0)
    assert list(t["outlet"]) == ["A", "B"]


def test_outlet_voice_share_leaves_articles_without_hits_out_of_the_mean():
    t = o.outlet_measures(two_outlets(), resamples=200)
    a = row(t, "A", "loaded_outlet_voice_share")
    assert a["pooled"] == pytest.approx(15 / 20)
    assert a["defined"] == 2  # the article with no loaded term has no share
    assert a["mean"] == pytest.approx((0.5 + 1.0) / 2)


def test_critical_defensive_ratio_keeps_its_counts_and_skips_infinite_articles_in_the_mean():
    arts = table([{"outlet": "A", "critical_statements": 4, "defensive_statements": 2},
                  {"outlet": "A", "critical_statements": 3, "defensive_statements": 0},
                  {"outlet": "A", "critical_statements": 1, "defensive_statements": 1}])
    r = row(o.outlet_measures(arts, [CDR], resamples=200), "A", "critical_defensive_ratio")
    assert (r["numerator"], r["denominator"]) == (8, 3)
    assert r["pooled"] == pytest.approx(8 / 3)
    assert r["mean"] == pytest.approx((2.0 + 1.0) / 2)
    assert math.isinf(o.article_values(arts, CDR)[1])


def test_shares_are_rebuilt_as_counts_of_voices_and_of_quoted_words():
    arts = table([
        {"outlet": "A", "source_voices": 4, "source_official_share": 0.5, "quoted_words": 100,
         "quoted_share_police": 0.25, "quoted_share_public": 0.0},
        {"outlet": "A", "source_voices": 6, "source_official_share": 1.0, "quoted_words": 50,
         "quoted_share_police": 1.0, "quoted_share_public": 0.0},
        {"outlet": "A", "quoted_words": 0, "quoted_share_police": None,
         "quoted_share_public": None, "quoted_share_media": None},
    ])
    t = o.outlet_measures(arts, resamples=200)
    off = row(t, "A", "source_official_share")
    assert off["pooled"] == pytest.approx(8 / 10) and off["mean"] == pytest.approx(0.75)
    police = row(o.outlet_measures(arts, o.quoted_share_measures(arts), resamples=100), "A",
                 "quoted_share_police")
    assert police["pooled"] == pytest.approx(75 / 150)
    assert "quoted_share_media" not in set(t["measure"])  # a group never quoted is left out
    assert "quoted_share_public" not in set(t["measure"])  # ... and a lone quoted group too
    with_public = arts.assign(quoted_share_public=[0.75, 0.0, None])
    assert {"quoted_share_police", "quoted_share_public"} <= set(
        o.outlet_measures(with_public, resamples=100)["measure"])
    assert "critical_defensive_ratio" not in set(t["measure"])  # no stance coded at all


def random_corpus(n: int = 300, outlets: int = 3, events: int | None = 100,
                  seed: int = 1) -> pd.DataFrame:
    """A synthetic corpus: n articles spread over outlets (and events), random counts."""
    rng = np.random.default_rng(seed)
    words = rng.integers(200, 1500, n)
    voices = rng.integers(0, 12, n)
    gendered = np.minimum(voices, rng.integers(0, 8, n))
    quoted = rng.integers(0, 400, n)
    loaded = rng.poisson(words * (0.01 + 0.005 * (np.arange(n) % outlets)))
    def share(total: np.ndarray, p: float) -> np.ndarray:
        return np.where(total > 0, rng.binomial(total, p) / np.maximum(total, 1), np.nan)

    frame = pd.DataFrame({
        "article_id": [f"a{i}" for i in range(n)],
        "outlet": [f"outlet{i % outlets}" for i in range(n)],
        "event_id": [f"e{(i // outlets) % events}" for i in range(n)] if events else None,
        "words": words, "loaded_terms": loaded,
        "loaded_outlet_voice": rng.binomial(loaded, 0.6),
        "critical_statements": rng.integers(0, 6, n), "defensive_statements": rng.integers(0, 6, n),
        "source_voices": voices, "source_official_share": share(voices, 0.5),
        "source_anonymous_share": share(voices, 0.2), "source_gendered_voices": gendered,
        "source_female_share": share(gendered, 0.3), "quoted_words": quoted,
        "quoted_share_police": share(quoted, 0.4),
        "first_voice_group": rng.choice(["police", "public", ""], n),
        "last_word_group": rng.choice(["police", "public"], n),
        "source_primary_definer": rng.choice(["executive", "advocacy"], n),
    })
    return frame


def test_intervals_contain_the_estimates_and_are_deterministic():
    arts = random_corpus(90, events=30)
    t1 = o.outlet_measures(arts, resamples=500)
    t2 = o.outlet_measures(arts, resamples=500)
    pd.testing.assert_frame_equal(t1, t2)
    assert (t1["pooled_low"] <= t1["pooled"]).all() and (t1["pooled"] <= t1["pooled_high"]).all()
    assert (t1["mean_low"] <= t1["mean"]).all() and (t1["mean"] <= t1["mean_high"]).all()
    assert (t1["pooled_high"] > t1["pooled_low"]).all()  # random data: intervals are not points
    other = o.outlet_measures(arts, resamples=500, seed=7)
    assert not np.allclose(other["pooled_low"], t1["pooled_low"])


def test_resampling_is_by_event_when_articles_carry_one():
    same_event = table([{"outlet": "A", "event_id": "e1", "words": w, "loaded_terms": k}
                        for w, k in ((100, 1), (100, 5), (200, 0), (300, 9))])
    r = row(o.outlet_measures(same_event, [LOADED], resamples=300), "A", "loaded_per_1k")
    assert (r["cluster_unit"], r["clusters"]) == ("events", 1)
    assert r["pooled_low"] == r["pooled_high"] == r["pooled"]  # one event: nothing to resample
    no_event = same_event.assign(event_id=None)
    r = row(o.outlet_measures(no_event, [LOADED], resamples=300), "A", "loaded_per_1k")
    assert (r["cluster_unit"], r["clusters"]) == ("articles", 4)
    assert r["pooled_low"] < r["pooled"] < r["pooled_high"]


def test_clusters_give_articles_without_an_event_their_own_cluster():
    arts = table([{"outlet": "A", "event_id": "e"}, {"outlet": "A", "event_id": "e"},
                  {"outlet": "A", "event_id": None}, {"outlet": "A", "event_id": ""}])
    codes, unit = o.clusters_of(arts)
    assert unit == "events"
    assert codes[0] == codes[1] and len(set(codes)) == 3


def test_paired_differences_within_events():
    arts = table([
        {"outlet": "A", "event_id": "e1", "words": 1000, "loaded_terms": 10},
        {"outlet": "B", "event_id": "e1", "words": 1000, "loaded_terms": 4},
        {"outlet": "A", "event_id": "e2", "words": 500, "loaded_terms": 5},
        {"outlet": "A", "event_id": "e2", "words": 500, "loaded_terms": 5},
        {"outlet": "B", "event_id": "e2", "words": 1000, "loaded_terms": 8},
        {"outlet": "A", "event_id": "e3", "words": 1000, "loaded_terms": 30},  # A alone
        {"outlet": "B", "event_id": "e4", "words": 1000, "loaded_terms": 1},   # B alone
    ])
    ev = o.event_values(arts, LOADED)
    assert ev.loc["e2", "A"] == pytest.approx(10.0)  # pooled within the event
    p = o.paired_differences(arts, [LOADED], resamples=500)
    assert len(p) == 1
    r = p.iloc[0]
    assert (r["outlet_a"], r["outlet_b"], r["events"]) == ("A", "B", 2)
    assert r["mean_difference"] == pytest.approx(((10 - 4) + (10 - 8)) / 2)
    assert r["low"] <= r["mean_difference"] <= r["high"]
    assert 0 < r["p_value"] <= 1


def test_paired_test_is_sane():
    assert math.isnan(o.paired_test(np.array([3.0])))
    assert o.paired_test(np.zeros(10)) == 1.0
    assert o.paired_test(np.full(12, 5.0) + np.linspace(0, 1, 12)) < 0.01
    balanced = np.array([1.0, -1.0] * 6)
    assert o.paired_test(balanced) > 0.5


def test_permutation_p_value_on_identical_and_very_different_outlets():
    same = table([{"outlet": x, "words": 1000, "loaded_terms": k}
                  for x in ("A", "B") for k in (3, 5, 8, 2, 6)])
    r = o.permutation_difference(same, LOADED, "A", "B")
    assert r["difference"] == pytest.approx(0.0)
    assert r["p_value"] == pytest.approx(1.0)
    far = table([{"outlet": "A", "words": 1000, "loaded_terms": 50 + k} for k in range(10)]
                + [{"outlet": "B", "words": 1000, "loaded_terms": k} for k in range(10)])
    r = o.permutation_difference(far, LOADED, "A", "B")
    assert r["difference"] == pytest.approx(50.0)
    assert r["p_value"] < 0.01
    assert r == o.permutation_difference(far, LOADED, "A", "B")  # seeded
    lone = far[far.index.isin([0, 10, 11])]
    assert math.isnan(o.permutation_difference(lone, LOADED, "A", "B")["p_value"])


def test_first_last_shares_by_group_and_source_type():
    arts = table([{"outlet": "A", "first_voice_group": "police", "source_primary_definer": "legal"},
                  {"outlet": "A", "first_voice_group": "police", "source_primary_definer": None},
                  {"outlet": "A", "first_voice_group": "public", "source_primary_definer": "legal"},
                  {"outlet": "A", "first_voice_group": None, "source_primary_definer": "expert"}])
    s = o.first_last_shares(arts, resamples=200)
    first = s[s["role"] == "first voice (group)"].set_index("category")
    assert first.loc["police", "share"] == pytest.approx(2 / 3)
    assert first.loc["police", "articles"] == 3  # the article with no voice is left out
    assert first.loc["public", "count"] == 1
    src = s[s["role"] == "first source (type)"].set_index("category")
    assert src.loc["legal", "share"] == pytest.approx(2 / 3)
    assert ((s["low"] <= s["share"]) & (s["share"] <= s["high"])).all()


def test_readable_table_has_labels_and_rounded_numbers():
    t = o.outlet_measures(two_outlets(), [LOADED], resamples=200)
    r = o.readable(t, {"A": "Outlet A", "B": "Outlet B"}.get)
    assert list(r["Outlet"]) == ["Outlet A", "Outlet B"]
    assert r["Pooled [95% CI]"].iloc[0].startswith("8.00 [")
    assert r["Counts"].iloc[0] == "20 / 2500"


def test_a_large_corpus_runs_and_the_figure_stays_bounded(tmp_path):
    arts = random_corpus(300)
    t = o.outlet_measures(arts)
    assert set(t["cluster_unit"]) == {"events"} and set(t["articles"]) == {100}
    assert len(o.paired_differences(arts)) == 3 * len(set(t["measure"]))
    fig = outlet_intervals(t, {"outlet0": "Zero"})
    small = tuple(fig.get_size_inches())
    assert fig.axes[0].get_yticklabels()[0].get_text() == "Zero (n=100)"
    assert fig._suptitle.get_text()
    paths = save_figure(fig, "outlets", t, tmp_path)
    assert all(p.stat().st_size > 0 for p in paths.values())
    many = o.outlet_measures(random_corpus(600, outlets=40, events=None), resamples=100)
    big = outlet_intervals(many)
    assert tuple(big.get_size_inches())[0] <= 3.6 * 3
    assert len(big.axes[0].get_yticks()) == MAX_OUTLETS
    assert tuple(big.get_size_inches())[1] <= 0.3 * MAX_OUTLETS * 3 + 0.9 * 3 + 0.8
    assert big.get_size_inches()[1] >= small[1]
    assert "outlets with most articles" in big._suptitle.get_text()


def test_readable_shares_and_paired_tables():
    arts = table([{"outlet": "A", "event_id": "e1", "first_voice_group": "jewish_community"},
                  {"outlet": "B", "event_id": "e1", "first_voice_group": "police"},
                  {"outlet": "A", "event_id": "e2", "first_voice_group": "police"},
                  {"outlet": "B", "event_id": "e2", "first_voice_group": "police"}])
    s = o.readable_shares(o.first_last_shares(arts, ["first_voice_group"], resamples=100),
                          {"A": "Outlet A", "B": "Outlet B"}.get)
    assert list(s.columns) == ["Outlet A", "Outlet B"]
    assert list(s.index) == [("first voice (group)", "police"),  # most frequent first
                             ("first voice (group)", "jewish community")]
    assert s.iloc[1, 0].startswith("50% [") and s.iloc[1, 1] == "0%"
    assert s.iloc[0, 1].startswith("100% [100%, 100%]")
    arts["loaded_terms"] = [1, 2, 3, 5]
    p = o.readable_paired(o.paired_differences(arts, [LOADED], resamples=100), str)
    assert p.iloc[0]["Outlets"] == "A − B" and p.iloc[0]["Events"] == 2
    assert p.iloc[0]["Mean difference [95% CI]"].startswith("-15.00 [")


def test_readable_wide_puts_outlets_in_columns():
    t = o.outlet_measures(two_outlets(), resamples=100)
    w = o.readable_wide(t, {"A": "Outlet A", "B": "Outlet B"}.get)
    assert list(w.columns) == ["Outlet A (n=3)", "Outlet B (n=2)"]
    assert list(w.index) == ["Loaded terms per 1,000 words",
                             "Loaded terms in the outlet's own voice"]
    assert w.iloc[0, 0].startswith("8.00 [")
    assert o.readable_wide(t, value="mean").iloc[0, 0].startswith("10.00 [")


def test_first_last_shares_keep_the_top_categories_and_drop_single_category_roles():
    arts = table([{"outlet": "A", "last_word_group": g, "first_voice_group": "unknown"}
                  for g in ("a", "a", "a", "b", "b", "c", "d")])
    s = o.first_last_shares(arts, ["last_word_group", "first_voice_group"], top=2, resamples=100)
    assert set(s["role"]) == {"last word (group)"}  # every first voice is 'unknown'
    assert list(s["category"]) == ["a", "b", o.OTHER]
    assert list(s["count"]) == [3, 2, 2]
