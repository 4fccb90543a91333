"""What the report's notebooks show: tables cut from a results folder, read with its study.

The notebooks call :func:`open_report` once and then only these helpers (and the figure
functions), so they hold no logic of their own and never re-run the engine per table.  The
few views the results folder does not store (like-with-like passages of an event, agreement
with a study's hand coding) are computed here from the corpus and the study's knowledge.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from ..knowledge.bundle import Knowledge, knowledge_for
from ..run.store import Results, load_results
from ..knowledge.study import Study

#: What the report says when a study sets no stance target.
NO_TARGET = ("No stance target is set, so no statement is coded critical or defensive and the "
             "stance figures are left out. To code stance, name what it is coded toward in the "
             "study's `study.yaml` under `target:` (its `name`, the `aliases` that mention it in "
             "the text and the codebook `actors` who speak for it), or start a study with "
             "`python -m analysis new-study DIR --corpus PATH --target NAME`; then rebuild "
             "with `python -m analysis report --study DIR`.")
#: What the report says when a study has no events.
NO_EVENTS = ("This study declares no events, so articles are not restricted to like-with-like "
             "passages. To compare outlets on the same event, list the events with their "
             "keywords in an `events.yaml` named under `events:` in `study.yaml` (and give each "
             "article its `event_id` in the corpus); the report then sets the passages about "
             "each event side by side.")
#: What the report says when a study has no hand coding.
NO_EVALUATION = ("This study has no hand coding, so there is nothing to validate against. "
                 "Hand-code a sample following a protocol and name the folder under "
                 "`evaluation:` in `study.yaml` (files `seeds_statements.csv` and "
                 "`seeds_loaded.csv`; see docs/studies.md) to see the program's agreement "
                 "with it here.")
#: Hand-coding files of a study's evaluation folder.
GOLD_STATEMENTS = "seeds_statements.csv"
GOLD_LOADED = "seeds_loaded.csv"


@dataclass
class ReportData:
    """A results folder with the study (or general knowledge) it was made under."""

    results: Results
    knowledge: Knowledge
    corpus: tuple[str, ...] = ()
    _articles: list[Any] | None = field(default=None, repr=False)

    @property
    def study(self) -> Study | None:
        """The study, or None for general knowledge only."""
        return self.knowledge.study

    @property
    def title(self) -> str:
        """The study's title, or a title naming the corpus."""
        if self.study is not None:
            return self.study.title
        names = ", ".join(Path(c).name for c in self.corpus) or "a corpus"
        return f"Framing analysis of {names}"

    @property
    def question(self) -> str:
        """The study's research question (empty without one)."""
        return self.study.question if self.study is not None else ""

    @property
    def target(self) -> str | None:
        """The stance target's name, or None when no target is set."""
        if self.study is None or self.study.target is None or not self.knowledge.has_target:
            return None
        return self.study.target.name

    @property
    def groups(self) -> tuple[str, ...]:
        """The codebook's groups (``unknown`` last)."""
        return self.knowledge.groups

    def outlet_label(self, outlet: Any) -> str:
        """The reader's label of an outlet."""
        key = "" if _missing(outlet) else str(outlet)
        return self.study.outlet_label(key) if self.study is not None else key

    @property
    def outlets(self) -> list[str]:
        """Outlet keys of the corpus: the study's order first, then as they appear."""
        seen = [o for o in dict.fromkeys(self.results.articles["outlet"]) if not _missing(o)]
        order = self.study.outlet_order() if self.study is not None else []
        return [o for o in order if o in seen] + [o for o in seen if o not in order]

    @property
    def labels(self) -> dict[str, str]:
        """Article id -> ``"<id> <outlet label>"``, in corpus order."""
        arts = self.results.articles
        return {str(a): f"{a} {self.outlet_label(o)}".strip()
                for a, o in zip(arts["article_id"], arts["outlet"])}

    def reading(self) -> str:
        """The authors' reading (Markdown) when the study has one, else an empty string."""
        if self.study is None or self.study.reading is None:
            return ""
        return self.study.reading.read_text(encoding="utf-8")

    @property
    def has_events(self) -> bool:
        """True when the study declares events."""
        return bool(self.knowledge.events)

    @property
    def evaluation(self) -> Path | None:
        """The study's hand-coding folder when it holds coded statements, else None."""
        ev = self.study.evaluation if self.study is not None else None
        return ev if ev is not None and (ev / GOLD_STATEMENTS).is_file() else None

    def articles(self) -> list[Any]:
        """The corpus read back (for views the results folder does not store): the articles
        the results hold, so that items the run skipped (--skip-bad) stay skipped."""
        if self._articles is None:
            from ..corpus.readers import read_corpus

            kept = set(self.results.articles["article_id"].astype(str))
            read = read_corpus(list(self.corpus), skip_bad=True, report=lambda msg: None)
            self._articles = [a for a in read if a.id in kept]
        return self._articles

    def describe(self) -> str:
        """One sentence on what the corpus holds (articles, outlets, target)."""
        n = len(self.results.articles)
        outlets = [self.outlet_label(o) for o in self.outlets]
        text = f"{n} article{'s' if n != 1 else ''}"
        if outlets:
            text += f" from {len(outlets)} outlet{'s' if len(outlets) != 1 else ''} (" \
                    f"{', '.join(outlets)})"
        if self.target:
            text += f"; stance is coded toward {self.target}"
        else:
            text += "; no stance target is set"
        return text + "."


def _missing(value: Any) -> bool:
    """True for None, NaN and the empty string."""
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value))


def open_report(study: str | Path | None, results: str | Path,
                corpus: str | Path | Sequence[str | Path] | None = None) -> ReportData:
    """The results folder with its study (``""``/None: general knowledge); corpus defaults to
    the study's."""
    know = knowledge_for(Path(study) if study else None)
    if isinstance(corpus, (str, Path)):
        corpus = [corpus] if str(corpus) else []
    inputs = [str(c) for c in corpus or []]
    if not inputs and know.study is not None:
        inputs = [str(c) for c in know.study.corpus]
    return ReportData(load_results(results), know, tuple(inputs))


def records(frame: Any) -> list[dict[str, Any]]:
    """Rows of a DataFrame as dicts with None for missing cells."""
    return [{k: (None if _missing_cell(v) else v) for k, v in row.items()}
            for row in frame.to_dict("records")]


def _missing_cell(value: Any) -> bool:
    """True for None, NaN and pandas' missing markers (not for the empty string)."""
    try:
        import pandas as pd

        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def by_label(frame: Any, labels: dict[str, str]) -> Any:
    """A table indexed by article id, re-indexed by the article labels."""
    out = frame.copy()
    out.index = [labels.get(str(i), str(i)) for i in out.index]
    return out


def provenance_table(data: ReportData) -> Any:
    """Outlet, headline, date and event of each article with their evidence (empty columns
    left out)."""
    from ..corpus.readers import provenance_frame

    frame = provenance_frame(data.articles())
    ids = {str(a.id): a for a in data.articles()}
    frame["event_id"] = [str(ids[a].meta.get("event_id") or "") for a in frame["article_id"]]
    keep = [c for c in frame.columns if c in ("article_id", "outlet")
            or frame[c].map(lambda v: not _missing(v)).any()]
    return frame[keep]


def paragraph_table(data: ReportData) -> Any:
    """The paragraphs table with ``duplicate_of`` as a whole number (empty when not a repeat)."""
    paras = data.results.paragraphs.copy()
    paras["duplicate_of"] = paras["duplicate_of"].astype("Int64")
    return paras


def size_table(data: ReportData) -> Any:
    """One row per article: paragraphs kept and set aside, characters, words, readability."""
    import pandas as pd

    paras = data.results.paragraphs
    chars = {a.id: len(a.text) for a in data.articles()}
    ids = paras["article_id"].astype(str)
    counts = pd.DataFrame({"all": 1, "body": (paras["role"] == "body").astype(int),
                           "aside": (~paras["role"].isin(["body", "headline"])).astype(int)}
                          ).groupby(ids.to_numpy()).sum().to_dict("index")  # one pass
    none = {"all": 0, "body": 0, "aside": 0}
    rows = []
    for art in records(data.results.articles):
        aid = str(art["article_id"])
        n = counts.get(aid, none)
        rows.append({"article_id": aid, "outlet": art["outlet"], "paragraphs": int(n["all"]),
                     "body_paragraphs": int(n["body"]),
                     "set_aside": int(n["aside"]),
                     "characters": chars.get(aid), "words": art["words"],
                     "flesch_reading_ease": art["flesch_reading_ease"],
                     "flesch_kincaid_grade": art["flesch_kincaid_grade"]})
    return pd.DataFrame(rows, columns=["article_id", "outlet", "paragraphs", "body_paragraphs",
                                       "set_aside", "characters", "words",
                                       "flesch_reading_ease", "flesch_kincaid_grade"])


#: Articles up to which a per-article figure draws one bar per article; with more, one bar
#: per outlet (pooled over its articles), so a figure's size never follows the corpus.
FIGURE_ARTICLES = 12
#: Rows a table of one row per article (or statement, hit, ...) shows in a notebook page.
TABLE_ROWS = 100


def figure_unit(data: ReportData) -> str:
    """``"article"`` when the corpus is small enough to draw article by article
    (:data:`FIGURE_ARTICLES`), else ``"outlet"``."""
    return "article" if len(data.results.articles) <= FIGURE_ARTICLES else "outlet"


def by_outlet(frame: Any, data: ReportData) -> Any:
    """A table indexed by article id summed per outlet (study order, outlet labels as index)."""
    outlet = data.results.articles.set_index("article_id")["outlet"].astype(str)
    sums = frame.groupby(outlet.reindex(frame.index).to_numpy()).sum()
    sums = sums.reindex([o for o in data.outlets if o in sums.index])
    sums.index = [data.outlet_label(o) for o in sums.index]
    sums.columns.name = frame.columns.name
    return sums


def _per(frame: Any, data: ReportData, by: str) -> Any:
    """A table indexed by article id, re-indexed by article labels (``by="article"``) or
    summed per outlet (``by="outlet"``)."""
    if by not in ("article", "outlet"):
        raise ValueError(f"by must be 'article' or 'outlet', not {by!r}")
    return by_label(frame, data.labels) if by == "article" else by_outlet(frame, data)


def quoted_shares(data: ReportData, by: str = "article") -> Any:
    """Share of quoted words by codebook group per article, or pooled per outlet (groups with
    no words dropped)."""
    arts = data.results.articles.set_index("article_id")
    cols = [f"quoted_share_{g}" for g in data.groups if f"quoted_share_{g}" in arts.columns]
    shares = arts[cols].rename(columns=lambda c: c.removeprefix("quoted_share_")).astype(float)
    shares = shares.loc[:, shares.fillna(0).sum() > 0]
    if by == "outlet":
        words = arts["quoted_words"].astype(float)
        pooled = _per(shares.fillna(0).mul(words, axis=0), data, by)
        total = _per(words.to_frame("w"), data, by)["w"]
        return pooled.div(total.where(total > 0), axis=0)
    return _per(shares, data, by)


def loaded_rates(data: ReportData, by: str = "article") -> Any:
    """Loaded-term hits per 1,000 analysed words, by lexicon category and article (or outlet,
    pooled: its hits over its words)."""
    hits = data.results.hits
    words = data.results.articles.set_index("article_id")["words"]
    by_cat = hits.pivot_table(index="article_id", columns="category", values="term",
                              aggfunc="count", fill_value=0)
    by_cat = by_cat.reindex(words.index, fill_value=0)
    by_cat.columns.name = "category"
    if by == "outlet":
        total = _per(words.to_frame("w"), data, by)["w"]
        by_cat = _per(by_cat, data, by)
        return by_cat.div(total.where(total > 0), axis=0).mul(1000).fillna(0.0).round(2)
    rates = by_cat.div(words.where(words > 0), axis=0).mul(1000).fillna(0.0).round(2)
    return _per(rates, data, by)


#: The two word-choice rates and the counts behind them (metrics columns).
WORD_CHOICE_RATES = {"loaded_per_1k": "loaded_terms", "evaluative_per_1k": "evaluative_words"}


def word_choice_rates(data: ReportData, by: str = "article") -> Any:
    """Loaded terms and evaluative words per 1,000 words, per article (or per outlet, pooled:
    its counts over its words); empty when the results predate the evaluative columns."""
    arts = data.results.articles.set_index("article_id")
    if not set(WORD_CHOICE_RATES.values()) <= set(arts.columns):
        import pandas as pd

        return pd.DataFrame()
    counts = arts[list(WORD_CHOICE_RATES.values()) + ["words"]].astype(float)
    sums = _per(counts, data, by)
    words = sums.pop("words")
    rates = sums.div(words.where(words > 0), axis=0).mul(1000).round(2)
    rates.columns = list(WORD_CHOICE_RATES)
    rates.columns.name = "measure"
    return rates


def loaded_voice(data: ReportData, by: str = "article") -> Any:
    """Loaded-term hits in the outlet's own voice and inside quotes, per article (or summed
    per outlet)."""
    hits = data.results.hits
    voice = hits.pivot_table(index="article_id", columns="voice", values="term",
                             aggfunc="count", fill_value=0)
    voice = voice.reindex(data.results.articles["article_id"], fill_value=0)
    voice.columns.name = "voice"
    return _per(voice, data, by)


def size_figure_table(data: ReportData, sizes: Any, by: str = "article") -> Any:
    """Words and Flesch reading ease per article (labels as index), or per outlet: total
    words over its articles' count (mean words) and the mean reading ease."""
    frame = sizes.set_index("article_id")[["words", "flesch_reading_ease"]].astype(float)
    if by == "article":
        return _per(frame, data, by)
    ones = frame.assign(n=1.0, flesch_reading_ease=frame["flesch_reading_ease"].fillna(0),
                        has=frame["flesch_reading_ease"].notna().astype(float))
    sums = _per(ones, data, by)
    return sums.assign(words=sums["words"] / sums["n"],
                       flesch_reading_ease=sums["flesch_reading_ease"]
                       / sums["has"].where(sums["has"] > 0))[["words", "flesch_reading_ease"]]


def first_rows(frame: Any, what: str = "rows", limit: int = TABLE_ROWS,
               download: str = "") -> tuple[Any, str]:
    """The first ``limit`` rows of a table, and a sentence saying how many were left out and
    where the whole table is (empty when nothing was left out)."""
    if len(frame) <= limit:
        return frame, ""
    where = f" The whole table is `{download}` under Downloads." if download else ""
    return frame.iloc[:limit], f"*The first {limit:,} of {len(frame):,} {what}.{where}*"


def attribution_verbs(data: ReportData) -> Any:
    """Statements per article and class of attribution verb."""
    st = data.results.statements
    return st.pivot_table(index=["article_id", "cue_class"], values="statement",
                          aggfunc="count").rename(columns={"statement": "statements"})


def stance_counts(data: ReportData, by: str = "article") -> Any:
    """Critical and defensive actors and statements per article (labels as index), or their
    mean per article of each outlet (``by="outlet"``)."""
    import pandas as pd

    arts = data.results.articles
    frame = pd.DataFrame({
        "critical actors": arts["critical_actors"].values,
        "defensive actors": arts["defensive_actors"].values,
        "critical statements": arts["critical_statements"].values,
        "defensive statements": arts["defensive_statements"].values,
    }, index=arts["article_id"].values)
    if by == "outlet":
        n = _per(pd.DataFrame({"n": 1.0}, index=frame.index), data, by)["n"]
        return _per(frame.astype(float).fillna(0), data, by).div(n, axis=0)
    return _per(frame, data, by)


def agency_columns(data: ReportData) -> list[str]:
    """The articles table's agency columns (passives and active incident clauses)."""
    return [c for c in data.results.articles.columns if "passive" in c or "active" in c]


def event_comparisons(data: ReportData) -> list[dict[str, Any]]:
    """Per study event covered by two or more articles: its passages and metrics per article.

    An article whose ``event_id`` is the event is kept whole; any other is restricted to its
    paragraphs about the event (and left out when it has none).
    """
    import pandas as pd

    from ..corpus.events import event_paragraphs, event_view
    from ..measures.metrics import metrics_frame

    out = []
    arts = data.articles()
    labels = data.labels
    for event in data.knowledge.events.values():
        rows, views = [], []
        for a in arts:
            whole = str(a.meta.get("event_id") or "") == event.id
            paras = [p.index for p in a.body()] if whole else event_paragraphs(a, event)
            if not paras:
                continue
            rows.append({"article": labels.get(a.id, a.id),
                         "kept": "whole article" if whole else "passages about the event",
                         "event paragraphs": len(paras), "body paragraphs": len(a.body())})
            views.append(event_view(a, event))
        if len(views) < 2:
            continue
        out.append({"id": event.id, "label": event.label, "passages": pd.DataFrame(rows),
                    "metrics": metrics_frame(views, data.knowledge)})
    return out


def validation(data: ReportData) -> dict[str, Any] | None:
    """The program's coding against the study's hand coding, or None without hand coding.

    Keys: ``pred``/``gold`` (statement pieces), ``stance`` and ``lexicon`` (statistics),
    ``stance_pairs``, ``stance_disagreements``, ``lexicon_items`` (tables).
    """
    import pandas as pd

    from ..validation import agreement
    from ..validation import quotes as evaluation

    folder = data.evaluation
    if folder is None:
        return None
    st = data.results.statements
    ids = {str(i) for i in data.results.articles["article_id"]}
    gold = evaluation.load_gold(folder / GOLD_STATEMENTS)
    gold = gold[gold["article_id"].astype(str).isin(ids)]
    auto = records(st)
    gold_rows = [g for g in agreement.load_gold_statements(folder / GOLD_STATEMENTS)
                 if str(g["article_id"]) in ids]
    s_stats, s_rows = agreement.stance_agreement(auto, gold_rows)
    out: dict[str, Any] = {
        "pred": st, "gold": gold, "stance": s_stats,
        "stance_pairs": pd.DataFrame(s_rows, columns=agreement.PAIR_FIELDS),
        "stance_disagreements": pd.DataFrame(agreement.disagreements(s_rows),
                                             columns=agreement.PAIR_FIELDS),
        "lexicon": None, "lexicon_items": None}
    if (folder / GOLD_LOADED).is_file():
        arts = {a.id: a for a in data.articles() if a.id in ids}
        loaded = [g for g in agreement.load_gold_loaded(folder / GOLD_LOADED)
                  if str(g["article_id"]) in ids]
        l_stats, l_rows = agreement.lexicon_agreement(records(data.results.hits), loaded, arts)
        out["lexicon"] = l_stats
        out["lexicon_items"] = pd.DataFrame(l_rows, columns=agreement.LOADED_FIELDS)
    return out


def event_articles(data: ReportData, event_id: str) -> list[str]:
    """Ids of the articles whose ``event_id`` is ``event_id``, in corpus order."""
    arts = data.results.articles
    if "event_id" not in arts.columns:
        return []
    ev = arts["event_id"].astype("string").fillna("").str.strip()
    return [str(a) for a in arts.loc[ev == str(event_id), "article_id"]]


#: Measures the event dot plot sets side by side (the first that exist, in this order).
EVENT_MEASURES = ("loaded_per_1k", "critical_defensive_ratio", "source_official_share")


def event_panels(data: ReportData) -> dict[str, Any]:
    """Measure label -> events x outlets table of the measure pooled within each event, for
    the headline measures of :data:`EVENT_MEASURES` the corpus has; empty unless some event
    (``event_id``) is covered by two or more outlets."""
    from . import outlets as out

    arts = data.results.articles
    if "event_id" not in arts.columns:
        return {}
    measures = {m.key: m for m in out.headline_measures(arts)}
    panels = {}
    for key in EVENT_MEASURES:
        if key not in measures:
            continue
        table = out.event_values(arts, measures[key])
        table = table[[o for o in data.outlets if o in table.columns]]
        if len(table) and (table.notna().sum(axis=1) >= 2).any():
            panels[measures[key].label] = table
    return panels


def event_panels_long(panels: dict[str, Any], events: Sequence[str]) -> Any:
    """The event dot plot's data in long form (measure, event, outlet, value) for ``events``."""
    import pandas as pd

    rows = [{"measure": name, "event": e, "outlet": o, "value": table.at[e, o]}
            for name, table in panels.items() for e in events if e in table.index
            for o in table.columns if not _missing_cell(table.at[e, o])]
    return pd.DataFrame(rows, columns=["measure", "event", "outlet", "value"])
