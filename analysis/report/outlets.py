"""Outlets, not articles: each headline measure per outlet, with bootstrap intervals and tests.

Every measure is a ratio of two per-article counts (:data:`MEASURES`: numerator, denominator,
scale).  Per outlet it gives the *pooled* value (sum of numerators over sum of denominators),
the *mean* of the per-article values (over the articles where the value is defined) and the
number of articles.  Intervals are 95% percentile bootstrap intervals from a seeded resampling
of clusters: the outlet's events when its articles carry an ``event_id`` (an article without
one is its own cluster), else its articles.  Paired comparisons set two outlets side by side
within each event both cover; a permutation test asks whether two outlets' pooled values
differ more than a random split of their articles would.  All functions are pure over the
results tables (pandas DataFrames) and deterministic for a given seed.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations
from typing import Any, Callable, Sequence

import numpy as np

#: Bootstrap resamples and permutations by default.
RESAMPLES = 2000
#: Seed of every resampling unless told otherwise.
SEED = 20240420
#: Confidence level of the intervals.
LEVEL = 0.95
#: Resampled cluster indices held in memory at once (bounds memory on large corpora).
_BLOCK = 4_000_000


@dataclass(frozen=True)
class Measure:
    """A headline measure as a ratio of two per-article counts (value = scale * num / den)."""

    key: str
    label: str
    numerator: str
    denominator: str
    scale: float = 1.0
    definition: str = ""


#: The headline measures that do not depend on the codebook's groups.
MEASURES: tuple[Measure, ...] = (
    Measure("loaded_per_1k", "Loaded terms per 1,000 words", "loaded_terms", "words", 1000.0,
            "loaded-term hits per 1,000 analysed words"),
    Measure("loaded_outlet_voice_share", "Loaded terms in the outlet's own voice",
            "loaded_outlet_voice", "loaded_terms", 1.0,
            "share of loaded-term hits outside quotes (the outlet's own voice)"),
    Measure("evaluative_per_1k", "Evaluative words per 1,000 words", "evaluative_words",
            "words", 1000.0, "words of VADER's lexicon with |valence| >= 1 per 1,000 analysed "
            "words (the broader measure beside the loaded list)"),
    Measure("critical_defensive_ratio", "Critical : defensive statements",
            "critical_statements", "defensive_statements", 1.0,
            "statements critical of the target per statement defending it"),
    Measure("source_official_share", "Official sources", "_official_voices", "source_voices",
            1.0, "share of sourced voices that are official (executive, politician, police, "
            "legal)"),
    Measure("source_anonymous_share", "Anonymous sources", "_anonymous_voices",
            "source_voices", 1.0, "share of sourced voices not named"),
    Measure("source_female_share", "Female sources", "_female_voices",
            "source_gendered_voices", 1.0, "share of voices of known gender that are female"),
)
#: Count columns derived from a share and its denominator (share * denominator, rounded).
DERIVED = {"_official_voices": ("source_official_share", "source_voices"),
           "_anonymous_voices": ("source_anonymous_share", "source_voices"),
           "_female_voices": ("source_female_share", "source_gendered_voices")}
#: Columns of :func:`outlet_measures`.
OUTLET_FIELDS = ("outlet", "measure", "label", "articles", "defined", "numerator",
                 "denominator", "pooled", "pooled_low", "pooled_high", "mean", "mean_low",
                 "mean_high", "clusters", "cluster_unit")
#: Columns of :func:`paired_differences`.
PAIRED_FIELDS = ("measure", "label", "outlet_a", "outlet_b", "events", "mean_difference",
                 "low", "high", "p_value")
#: Columns of :func:`first_last_shares`.
SHARE_FIELDS = ("outlet", "role", "category", "articles", "count", "share", "low", "high")
#: Columns of the articles table that say who opens and closes an article.
FIRST_LAST = {"first_voice_group": "first voice (group)", "last_word_group": "last word (group)",
              "first_voice_actor": "first voice (actor)", "last_word_actor": "last word (actor)",
              "source_primary_definer": "first source (type)"}


def quoted_share_measures(articles: Any) -> list[Measure]:
    """One measure per ``quoted_share_<group>`` column: the group's share of quoted words."""
    out = []
    for col in articles.columns:
        if col.startswith("quoted_share_"):
            group = col.removeprefix("quoted_share_")
            out.append(Measure(col, f"Quoted words: {group.replace('_', ' ')}",
                               f"_quoted_{group}", "quoted_words", 1.0,
                               f"share of quoted words spoken by the {group} group"))
    return out


def headline_measures(articles: Any) -> list[Measure]:
    """The headline measures whose columns the articles table holds, then the quoted share of
    each group that has quoted words (none when only one group has: nothing to compare)."""
    cols = set(articles.columns) | set(DERIVED)
    fixed = [m for m in MEASURES if m.numerator in cols and m.denominator in articles.columns
             and (m.numerator not in DERIVED or DERIVED[m.numerator][0] in articles.columns)]
    quoted = [m for m in quoted_share_measures(articles) if counts(articles, m)[0].any()]
    return fixed + (quoted if len(quoted) > 1 else [])


def _column(articles: Any, name: str) -> np.ndarray:
    """A count column as floats (NaN when missing); derived counts rebuilt from their share."""
    import pandas as pd

    if name in DERIVED:
        share, den = DERIVED[name]
        return np.round(_column(articles, share) * _column(articles, den))
    if name.startswith("_quoted_"):
        share = _column(articles, "quoted_share_" + name.removeprefix("_quoted_"))
        return np.round(share * _column(articles, "quoted_words"))
    return pd.to_numeric(articles[name], errors="coerce").to_numpy(dtype=float)


def counts(articles: Any, measure: Measure) -> tuple[np.ndarray, np.ndarray]:
    """Numerator and denominator per article; an article missing either counts 0 / 0."""
    num, den = _column(articles, measure.numerator), _column(articles, measure.denominator)
    bad = np.isnan(num) | np.isnan(den)
    return np.where(bad, 0.0, num), np.where(bad, 0.0, den)


def _ratio(num: Any, den: Any, scale: float = 1.0) -> Any:
    """scale * num / den elementwise: inf when only the numerator is non-zero, NaN for 0 / 0."""
    num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = scale * num / den
    return np.where(den == 0, np.where(num > 0, np.inf, np.nan), out)


def article_values(articles: Any, measure: Measure) -> np.ndarray:
    """The measure per article (NaN where undefined, inf for a ratio over zero)."""
    return _ratio(*counts(articles, measure), measure.scale)


def clusters_of(articles: Any) -> tuple[np.ndarray, str]:
    """Cluster code per article and its unit: events when any article has an event_id (an
    article without one is its own cluster), else articles."""
    import pandas as pd

    n = len(articles)
    if "event_id" in articles.columns:
        ev = articles["event_id"].astype("string").fillna("").str.strip().to_numpy(dtype=object)
        if any(ev):
            ids = articles["article_id"].astype(str).to_numpy(dtype=object) \
                if "article_id" in articles.columns else np.arange(n).astype(str)
            keys = [f"event:{e}" if e else f"article:{a}" for e, a in zip(ev, ids)]
            return pd.factorize(pd.Series(keys, dtype=object))[0], "events"
    return np.arange(n), "articles"


def _interval(reps: np.ndarray, level: float = LEVEL) -> tuple[float, float]:
    """Percentile interval of bootstrap replicates (order statistics; NaN replicates dropped)."""
    reps = reps[~np.isnan(reps)]
    if not len(reps):
        return math.nan, math.nan
    a = (1 - level) / 2
    return (float(np.quantile(reps, a, method="lower")),
            float(np.quantile(reps, 1 - a, method="higher")))


def bootstrap_sums(parts: Sequence[np.ndarray], clusters: np.ndarray, *,
                   resamples: int = RESAMPLES, seed: int = SEED) -> list[np.ndarray]:
    """Each per-article array summed over a resample of clusters, for every resample.

    Clusters are drawn with replacement (as many as there are); every array of ``parts``
    gets the same draws.  Returns one array of ``resamples`` sums per part.
    """
    k = int(clusters.max()) + 1 if len(clusters) else 0
    if k == 0:
        return [np.zeros(resamples) for _ in parts]
    sums = [np.bincount(clusters, weights=p, minlength=k) for p in parts]
    rng = np.random.default_rng(seed)
    out = [np.empty(resamples) for _ in parts]
    block = max(1, _BLOCK // k)
    for start in range(0, resamples, block):
        stop = min(resamples, start + block)
        idx = rng.integers(0, k, size=(stop - start, k))
        for o, s in zip(out, sums):
            o[start:stop] = s[idx].sum(axis=1)
    return out


def summarise(num: np.ndarray, den: np.ndarray, clusters: np.ndarray, scale: float = 1.0, *,
              resamples: int = RESAMPLES, seed: int = SEED,
              level: float = LEVEL) -> dict[str, Any]:
    """Pooled value and mean over articles of one group of articles, each with its interval."""
    values = _ratio(num, den, scale)
    finite = np.isfinite(values)
    vals = np.where(finite, values, 0.0)
    pooled = float(_ratio(num.sum(), den.sum(), scale))
    mean = float(vals.sum() / finite.sum()) if finite.any() else math.nan
    b_num, b_den, b_val, b_cnt = bootstrap_sums([num, den, vals, finite.astype(float)],
                                                clusters, resamples=resamples, seed=seed)
    p_lo, p_hi = _interval(_ratio(b_num, b_den, scale), level)
    m_lo, m_hi = _interval(np.where(b_cnt > 0, b_val / np.where(b_cnt > 0, b_cnt, 1), np.nan),
                           level)
    return {"articles": int(len(num)), "defined": int(finite.sum()),
            "numerator": float(num.sum()), "denominator": float(den.sum()),
            "pooled": pooled, "pooled_low": p_lo, "pooled_high": p_hi,
            "mean": mean, "mean_low": m_lo, "mean_high": m_hi,
            "clusters": int(len(np.unique(clusters)))}


def outlet_order(articles: Any, order: Sequence[str] = ()) -> list[str]:
    """Outlets of the table: those of ``order`` first (when present), then as they appear."""
    seen = [str(o) for o in dict.fromkeys(articles["outlet"].dropna()) if str(o).strip()]
    return [o for o in order if o in seen] + [o for o in seen if o not in order]


def outlet_measures(articles: Any, measures: Sequence[Measure] | None = None, *,
                    order: Sequence[str] = (), resamples: int = RESAMPLES, seed: int = SEED,
                    level: float = LEVEL) -> Any:
    """One row per outlet and measure: pooled value, mean over articles, their intervals and
    the number of articles (columns :data:`OUTLET_FIELDS`); measures with no data are left
    out (by default see :func:`headline_measures`)."""
    import pandas as pd

    measures = list(measures) if measures is not None else headline_measures(articles)
    rows = []
    for m in measures:
        num, den = counts(articles, m)
        if not (num.any() or den.any()):
            continue  # nothing to report (e.g. stance without a target)
        for outlet in outlet_order(articles, order):
            mask = (articles["outlet"].astype(str) == outlet).to_numpy()
            clusters, unit = clusters_of(articles[mask])
            s = summarise(num[mask], den[mask], clusters, m.scale, resamples=resamples,
                          seed=seed, level=level)
            rows.append({"outlet": outlet, "measure": m.key, "label": m.label, **s,
                         "cluster_unit": unit})
    return pd.DataFrame(rows, columns=list(OUTLET_FIELDS))


def event_values(articles: Any, measure: Measure) -> Any:
    """The measure pooled within each event and outlet (events x outlets; NaN when the outlet
    does not cover the event or its value is undefined); articles without event_id left out."""
    import pandas as pd

    num, den = counts(articles, measure)
    ev = articles["event_id"].astype("string").fillna("").str.strip() \
        if "event_id" in articles.columns else pd.Series([""] * len(articles))
    frame = pd.DataFrame({"event": ev.to_numpy(), "outlet": articles["outlet"].astype(str),
                          "num": num, "den": den})
    frame = frame[frame["event"] != ""]
    sums = frame.groupby(["event", "outlet"], sort=False)[["num", "den"]].sum()
    vals = pd.Series(_ratio(sums["num"], sums["den"], measure.scale), index=sums.index)
    return vals.unstack("outlet")


def paired_test(diffs: np.ndarray, *, resamples: int = RESAMPLES, seed: int = SEED) -> float:
    """Two-sided p-value of a paired sign-flip permutation test that the mean difference is 0
    (NaN for fewer than two differences).

    Every sign pattern is enumerated when there are at most ``resamples`` of them (exact);
    otherwise ``resamples`` random patterns are drawn and the observed one counted in.
    """
    d = np.asarray(diffs, dtype=float)
    n = len(d)
    if n < 2:
        return math.nan  # one event cannot be tested
    if not np.any(d):
        return 1.0
    observed = abs(d.mean())
    tol = 1e-12 * max(1.0, observed)
    if 2 ** n <= resamples:
        patterns = ((np.arange(2 ** n)[:, None] >> np.arange(n)) & 1) * 2 - 1
        return float(np.mean(np.abs(patterns @ d / n) >= observed - tol))
    rng = np.random.default_rng(seed)
    hits, block = 0, max(1, _BLOCK // n)
    for start in range(0, resamples, block):
        signs = rng.choice(np.array([-1.0, 1.0]), size=(min(block, resamples - start), n))
        hits += int(np.sum(np.abs(signs @ d / n) >= observed - tol))
    return (hits + 1) / (resamples + 1)


def paired_differences(articles: Any, measures: Sequence[Measure] | None = None, *,
                       order: Sequence[str] = (), resamples: int = RESAMPLES, seed: int = SEED,
                       level: float = LEVEL) -> Any:
    """Per measure and pair of outlets, differences (a - b) within the events both cover:
    their number, mean, bootstrap interval over events and paired permutation p-value."""
    import pandas as pd

    measures = list(measures) if measures is not None else headline_measures(articles)
    outlets = outlet_order(articles, order)
    rows = []
    for m in measures:
        table = event_values(articles, m)
        for a, b in combinations(outlets, 2):
            if a not in table.columns or b not in table.columns:
                continue
            d = (table[a] - table[b]).to_numpy(dtype=float)
            d = d[np.isfinite(d)]
            if not len(d):
                continue
            (reps,) = bootstrap_sums([d], np.arange(len(d)), resamples=resamples, seed=seed)
            lo, hi = _interval(reps / len(d), level)
            rows.append({"measure": m.key, "label": m.label, "outlet_a": a, "outlet_b": b,
                         "events": int(len(d)), "mean_difference": float(d.mean()),
                         "low": lo, "high": hi,
                         "p_value": paired_test(d, resamples=resamples, seed=seed)})
    return pd.DataFrame(rows, columns=list(PAIRED_FIELDS))


def permutation_difference(articles: Any, measure: Measure, outlet_a: str, outlet_b: str, *,
                           resamples: int = 9999, seed: int = SEED) -> dict[str, Any]:
    """Pooled a - pooled b with the two-sided p-value of a permutation test that shuffles
    articles between the two outlets (exact when there are few arrangements; NaN with fewer
    than two articles on a side)."""
    from scipy import stats

    num, den = counts(articles, measure)
    outlet = articles["outlet"].astype(str).to_numpy()
    ia, ib = np.flatnonzero(outlet == outlet_a), np.flatnonzero(outlet == outlet_b)

    def pooled(idx: np.ndarray, axis: int = -1) -> np.ndarray:
        """Pooled value of the articles whose row numbers are ``idx`` (vectorised)."""
        idx = idx.astype(int)
        return _ratio(num[idx].sum(axis=axis), den[idx].sum(axis=axis), measure.scale)

    def statistic(x: np.ndarray, y: np.ndarray, axis: int = -1) -> np.ndarray:
        """Difference of pooled values (NaN where one side is undefined)."""
        d = pooled(x, axis) - pooled(y, axis)
        return np.where(np.isfinite(d), d, np.nan)

    observed = float(statistic(ia, ib))
    out = {"measure": measure.key, "outlet_a": outlet_a, "outlet_b": outlet_b,
           "articles_a": int(len(ia)), "articles_b": int(len(ib)),
           "pooled_a": float(pooled(ia)), "pooled_b": float(pooled(ib)),
           "difference": observed, "p_value": math.nan}
    if len(ia) < 2 or len(ib) < 2 or math.isnan(observed):
        return out  # too few articles to shuffle
    res = stats.permutation_test((ia.astype(float), ib.astype(float)), statistic,
                                 permutation_type="independent", vectorized=True,
                                 n_resamples=resamples, alternative="two-sided",
                                 rng=np.random.default_rng(seed))
    out["p_value"] = float(res.pvalue)
    return out


#: What the categories beyond ``top`` are merged into.
OTHER = "(all others)"


def first_last_shares(articles: Any, columns: Sequence[str] | None = None, *,
                      order: Sequence[str] = (), top: int | None = None,
                      resamples: int = RESAMPLES, seed: int = SEED, level: float = LEVEL) -> Any:
    """Per outlet and role (who is quoted first, who has the last word, the first source's
    type), the share of the outlet's articles with a voice in that role that give it to each
    category, with a bootstrap interval (columns :data:`SHARE_FIELDS`).

    With ``top`` only the ``top`` most frequent categories of a role (over all outlets) are
    kept and the rest are merged into :data:`OTHER`; a role with a single category in the
    whole table (e.g. every group ``unknown`` without a codebook) is left out.
    """
    import pandas as pd
    from collections import Counter

    columns = [c for c in (columns or list(FIRST_LAST)) if c in articles.columns]
    rows = []
    for col in columns:
        values = articles[col].astype("string").fillna("").str.strip().to_numpy(dtype=object)
        freq = Counter(v for v in values if v)
        if len(freq) < 2:
            continue
        if top is not None and len(freq) > top:
            keep = {c for c, _ in sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:top]}
            values = np.array([v if not v or v in keep else OTHER for v in values], dtype=object)
        cats = sorted({v for v in values if v and v != OTHER}) + \
            ([OTHER] if OTHER in set(values) else [])
        for outlet in outlet_order(articles, order):
            mask = (articles["outlet"].astype(str) == outlet).to_numpy()
            mine = values[mask]
            has = np.array([bool(v) for v in mine], dtype=float)
            clusters, _ = clusters_of(articles[mask])
            for cat in cats:
                hit = np.array([v == cat for v in mine], dtype=float)
                if not hit.any():
                    continue
                b_hit, b_has = bootstrap_sums([hit, has], clusters, resamples=resamples,
                                              seed=seed)
                lo, hi = _interval(_ratio(b_hit, b_has), level)
                rows.append({"outlet": outlet, "role": FIRST_LAST.get(col, col),
                             "category": cat, "articles": int(has.sum()),
                             "count": int(hit.sum()), "share": float(hit.sum() / has.sum()),
                             "low": lo, "high": hi})
    return pd.DataFrame(rows, columns=list(SHARE_FIELDS))


def readable(table: Any, label: Callable[[str], str] = str, digits: int = 2) -> Any:
    """The outlet table for readers: outlet labels, human column names, rounded numbers,
    each value beside its interval as ``value [low, high]``."""
    import pandas as pd

    def show(x: float) -> str:
        """One number rounded (∞ for infinity, a dash when missing)."""
        if x is None or math.isnan(x):
            return "–"
        return "∞" if math.isinf(x) else f"{x:.{digits}f}"

    def fmt(v: float, lo: float, hi: float) -> str:
        """A value and its interval, rounded (a dash alone when the value is missing)."""
        if v is None or math.isnan(v):
            return "–"
        return f"{show(v)} [{show(lo)}, {show(hi)}]"

    rows = [{"Outlet": label(r.outlet), "Measure": r.label, "Articles": int(r.articles),
             "Pooled [95% CI]": fmt(r.pooled, r.pooled_low, r.pooled_high),
             "Mean over articles [95% CI]": fmt(r.mean, r.mean_low, r.mean_high),
             "Counts": f"{int(r.numerator)} / {int(r.denominator)}"}
            for r in table.itertuples()]
    return pd.DataFrame(rows, columns=["Outlet", "Measure", "Articles", "Pooled [95% CI]",
                                       "Mean over articles [95% CI]", "Counts"])


def outlet_report(data: Any, *, top: int = 6, resamples: int = RESAMPLES,
                  seed: int = SEED) -> dict[str, Any]:
    """The outlet-level tables of a ReportData: ``measures``, ``readable``, ``paired`` and
    ``first_last`` (the ``top`` categories of each role; outlets in the study's order,
    labelled for readers in ``readable``)."""
    arts = data.results.articles
    order = list(data.outlets)
    table = outlet_measures(arts, order=order, resamples=resamples, seed=seed)
    return {"measures": table, "readable": readable(table, data.outlet_label),
            "paired": paired_differences(arts, order=order, resamples=resamples, seed=seed),
            "first_last": first_last_shares(arts, order=order, top=top, resamples=resamples,
                                            seed=seed)}


def _percent(x: float) -> str:
    """A share as a whole percentage (a dash when missing)."""
    return "–" if x is None or math.isnan(x) else f"{100 * x:.0f}%"


def readable_shares(shares: Any, label: Callable[[str], str] = str) -> Any:
    """The first/last table for readers: one row per role and category (without underscores),
    one column per outlet, each cell the share as a percentage with its interval (``0%``
    where the outlet never gives the role to that category); most frequent first, others last."""
    import pandas as pd

    if not len(shares):
        return pd.DataFrame()
    cells = shares.assign(
        Role=shares["role"], Who=shares["category"].astype(str).str.replace("_", " "),
        Outlet=[label(x) for x in shares["outlet"]],
        cell=[f"{_percent(r.share)} [{_percent(r.low)}, {_percent(r.high)}]"
              for r in shares.itertuples()])
    wide = cells.pivot(index=["Role", "Who"], columns="Outlet", values="cell")
    total = cells.groupby(["Role", "Who"], sort=False)["count"].sum()
    roles = list(dict.fromkeys(cells["Role"]))
    rows = sorted(total.index, key=lambda k: (roles.index(k[0]), k[1] == OTHER, -total[k], k[1]))
    wide = wide.reindex(index=rows, columns=list(dict.fromkeys(cells["Outlet"])))
    wide.columns.name = None
    return wide.fillna("0%")


def readable_paired(paired: Any, label: Callable[[str], str] = str, digits: int = 2) -> Any:
    """The paired table for readers: both outlets labelled, the mean difference within events
    with its interval, the number of events and the p-value, rounded."""
    import pandas as pd

    def show(x: float, d: int = digits) -> str:
        """One number rounded (a dash when missing)."""
        return "–" if x is None or not math.isfinite(x) else f"{x:.{d}f}"

    rows = [{"Measure": r.label, "Outlets": f"{label(r.outlet_a)} − {label(r.outlet_b)}",
             "Events": int(r.events),
             "Mean difference [95% CI]": f"{show(r.mean_difference)} [{show(r.low)}, "
                                         f"{show(r.high)}]",
             "p (paired permutation)": show(r.p_value, 3)}
            for r in paired.itertuples()]
    return pd.DataFrame(rows, columns=["Measure", "Outlets", "Events",
                                       "Mean difference [95% CI]", "p (paired permutation)"])


def readable_wide(table: Any, label: Callable[[str], str] = str, value: str = "pooled",
                  digits: int = 2) -> Any:
    """Measures as rows and outlets as columns (``<label> (n=<articles>)``), each cell the
    ``value`` (``pooled`` or ``mean``) with its interval, rounded: the table a paper prints."""
    import pandas as pd

    long = readable(table, label, digits)
    column = "Pooled [95% CI]" if value == "pooled" else "Mean over articles [95% CI]"
    long["Outlet"] = [f"{o} (n={n})" for o, n in zip(long["Outlet"], long["Articles"])]
    wide = long.pivot(index="Measure", columns="Outlet", values=column)
    wide = wide.reindex(index=list(dict.fromkeys(long["Measure"])),
                        columns=list(dict.fromkeys(long["Outlet"])))
    wide.columns.name = None
    return wide.fillna("–") if len(wide) else pd.DataFrame()
