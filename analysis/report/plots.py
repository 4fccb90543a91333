"""Figures the notebooks show: voice strips, grouped bars and stacked shares (matplotlib)."""
from __future__ import annotations

import math
from typing import Any, Sequence

from .figures import OKABE_ITO, STANCE_COLOURS

#: Marker per statement kind in the voice strip.
KIND_MARKERS = {"full": "o", "partial": "s", "indirect": "^", "scare": "x"}


#: Most articles a voice strip draws (one strip each); the size never grows past them.
MAX_STRIPS = 8
#: Least distance, in paragraphs, between two speaker labels on one strip (no overprinting).
LABEL_GAP = 1.0


def strip_articles(paragraphs: Any, articles: Sequence[str] | None = None,
                   max_articles: int = MAX_STRIPS) -> tuple[list[str], int]:
    """The article ids a voice strip draws and how many articles there are: the ``articles``
    asked for (in that order, unknown ids dropped), else the first ones, at most
    ``max_articles``."""
    ids = [str(i) for i in dict.fromkeys(paragraphs["article_id"])]
    if articles is not None:
        known = set(ids)
        ids = [str(a) for a in dict.fromkeys(articles) if str(a) in known]
    return ids[:max(1, max_articles)], len(ids)


def voice_strip(statements: Any, paragraphs: Any, labels: dict[str, str] | None = None,
                title: str = "Where each voice speaks", articles: Sequence[str] | None = None,
                max_articles: int = MAX_STRIPS) -> Any:
    """Articles as strips of their paragraphs with every voice placed where it speaks.

    `statements` needs columns article_id, statement, paragraph, kind, stance and actor or
    speaker; `paragraphs` needs article_id, paragraph and role.  One marker per statement at
    its first piece, coloured by stance, shaped by kind, with a line to its last paragraph
    when it runs over several; a speaker is labelled when it changes (and is at least
    :data:`LABEL_GAP` paragraphs from the last label); set-aside paragraphs are hatched.
    Only ``articles`` (ids), else the first ``max_articles``, are drawn, never more than
    ``max_articles``; the title says how many of how many.
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.ticker import MaxNLocator

    ids, total = strip_articles(paragraphs, articles, max_articles)
    if articles is None and total > len(ids):
        title += f" (the first {len(ids)} of {total} articles)"
    elif articles is not None and total > len(ids):
        title += f" ({len(ids)} of the {total} articles asked for)"
    aid_str = paragraphs["article_id"].astype(str)
    paragraphs = paragraphs[aid_str.isin(ids)]
    if len(statements):
        statements = statements[statements["article_id"].astype(str).isin(ids)]
    fig, axes = plt.subplots(max(len(ids), 1), 1, figsize=(10, 1.6 * max(len(ids), 1) + 0.8),
                             squeeze=False)
    if len(statements):
        spans = statements.groupby(["article_id", "statement"], sort=True).agg(
            last_paragraph=("paragraph", "max")).reset_index()
        first = statements.sort_values(["article_id", "statement", "paragraph"]).drop_duplicates(
            ["article_id", "statement"]).merge(spans, on=["article_id", "statement"])
    else:
        first = statements
    for ax, aid in zip(axes[:, 0], ids):
        paras = paragraphs[paragraphs["article_id"].astype(str) == aid]
        for row in paras.itertuples():
            aside = row.role not in ("body", "headline")
            ax.add_patch(plt.Rectangle((row.paragraph - 0.45, -0.5), 0.9, 1.0,
                                       facecolor="#f2f2f2" if not aside else "white",
                                       edgecolor="#cccccc", hatch="///" if aside else None, lw=0.5))
        st = first[first["article_id"].astype(str) == aid] if len(first) else first
        offsets: dict[int, int] = {}
        last_label = None
        last_x = -math.inf
        for row in st.itertuples():
            k = offsets.get(row.paragraph, 0)
            offsets[row.paragraph] = k + 1
            y = 0.25 - 0.25 * (k % 3)
            colour = STANCE_COLOURS.get(row.stance, "#999999")
            if row.last_paragraph > row.paragraph:  # a quote running over several paragraphs
                ax.plot([row.paragraph, row.last_paragraph], [y, y], color=colour, lw=2.5, zorder=2)
            ax.scatter(row.paragraph, y, s=46, marker=KIND_MARKERS.get(row.kind, "o"),
                       color=colour, zorder=3,
                       edgecolors="black" if row.kind != "scare" else None, linewidths=0.4)
            who = _label(getattr(row, "actor", None), getattr(row, "speaker", None))
            # label each change of speaker once, never on top of the previous label
            if row.kind != "scare" and who != last_label and row.paragraph - last_x >= LABEL_GAP:
                ax.annotate(str(who).replace("_", " "), (row.paragraph, y), xytext=(3, 4),
                            textcoords="offset points", fontsize=6.5, rotation=25)
                last_label, last_x = who, row.paragraph
        ax.set_xlim(-0.7, max(paras["paragraph"].max() if len(paras) else 1, 1) + 1.5)
        ax.set_ylim(-0.8, 0.9)
        ax.set_yticks([])
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylabel((labels or {}).get(aid, aid), rotation=0, ha="right", va="center", fontsize=9)
        ax.spines[["left", "top", "right"]].set_visible(False)
    axes[-1, 0].set_xlabel("paragraph (hatched: caption or repeat, not analysed)")
    handles = [Patch(color=c, label=s) for s, c in STANCE_COLOURS.items()]
    handles += [Line2D([], [], marker=m, ls="", color="black", label=k) for k, m in KIND_MARKERS.items()]
    fig.legend(handles=handles, loc="upper center", ncol=8, fontsize=8, frameon=False,
               bbox_to_anchor=(0.5, 1.0))
    fig.suptitle(title, y=1.06)
    fig.tight_layout()
    return fig


def _label(actor: Any, speaker: Any) -> str:
    """The actor id, else the speaker mention, else '?' (missing values are NaN or None)."""
    for value in (actor, speaker):
        if isinstance(value, str) and value.strip():
            return value
    return "?"


#: Characters of axis labels side by side beyond which they are turned and set smaller.
CROWDED_CHARS = 70


def grouped_bars(table: Any, title: str, ylabel: str, colours: Sequence[str] | None = None,
                 max_rows: int | None = None) -> Any:
    """Bars grouped by the table's index, one bar per column (e.g. outlets x categories);
    only the first ``max_rows`` rows (default :data:`MAX_BARS`), the title saying so."""
    import matplotlib.pyplot as plt

    table, note = first_rows(table, MAX_BARS if max_rows is None else max_rows)
    title += note
    fig, ax = plt.subplots(figsize=(8, 3.6))
    n = max(len(table.columns), 1)
    width = 0.8 / n
    colours = list(colours or OKABE_ITO)
    for i, col in enumerate(table.columns):
        xs = [j + (i - (n - 1) / 2) * width for j in range(len(table.index))]
        ax.bar(xs, table[col].fillna(0), width=width, label=str(col), color=colours[i % len(colours)])
    ax.set_xticks(range(len(table.index)))
    names = [str(i) for i in table.index]
    crowded = sum(map(len, names)) > CROWDED_CHARS
    ax.set_xticklabels(names, **({"fontsize": 8, "rotation": 30, "ha": "right"} if crowded else {}))
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.set_ylim(top=ax.get_ylim()[1] * 1.18)  # headroom so the legend never covers a bar
    ax.legend(fontsize=8, frameon=False, ncol=min(n, 4))
    fig.tight_layout()
    return fig


def stacked_shares(table: Any, title: str, xlabel: str = "share",
                   colours: dict[str, str] | None = None, max_rows: int | None = None) -> Any:
    """Horizontal 100% stacked bars: one bar per index row (the first ``max_rows``, default
    :data:`MAX_BARS`, the title saying so), segments per column."""
    import matplotlib.pyplot as plt

    table, note = first_rows(table, MAX_BARS if max_rows is None else max_rows)
    title += note
    shares = table.div(table.sum(axis=1).where(lambda s: s > 0), axis=0).fillna(0)
    fig, ax = plt.subplots(figsize=(8, 0.6 * len(shares) + 1.4))
    left = [0.0] * len(shares)
    for i, col in enumerate(shares.columns):
        colour = (colours or {}).get(col, OKABE_ITO[i % len(OKABE_ITO)])
        ax.barh([str(x) for x in shares.index], shares[col], left=left, label=str(col), color=colour)
        left = [a + b for a, b in zip(left, shares[col])]
    ax.set_xlim(0, 1)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.invert_yaxis()
    ax.legend(fontsize=8, frameon=False, ncol=4, loc="upper center", bbox_to_anchor=(0.5, -0.25))
    fig.tight_layout()
    return fig


#: Most outlets and measure panels a dot-and-interval figure shows (keeps its size bounded).
MAX_OUTLETS = 12
MAX_PANELS = 9


def outlet_intervals(table: Any, labels: dict[str, str] | None = None,
                     measures: Sequence[str] | None = None,
                     title: str = "Outlets compared: pooled value with 95% bootstrap interval",
                     max_outlets: int = MAX_OUTLETS, max_panels: int = MAX_PANELS) -> Any:
    """Dot-and-interval small multiples: one panel per measure, one row per outlet.

    `table` has the columns of :func:`analysis.report.outlets.outlet_measures`.  The dot is
    the pooled value with its interval as a line, the open circle the mean over articles;
    outlets beyond ``max_outlets`` (those with fewest articles) and panels beyond
    ``max_panels`` are left out and the title says so, so the size never grows past
    3 x 3 panels of ``max_outlets`` rows.
    """
    import math

    import matplotlib.pyplot as plt

    keys = [m for m in (measures or list(dict.fromkeys(table["measure"])))
            if m in set(table["measure"])]
    dropped_panels = max(0, len(keys) - max_panels)
    keys = keys[:max_panels]
    sizes = table.groupby("outlet", sort=False)["articles"].max()
    order = list(dict.fromkeys(table["outlet"]))
    kept = sorted(order, key=lambda o: -sizes[o])[:max_outlets]
    outlets = [o for o in order if o in kept]
    ncols = min(3, max(len(keys), 1))
    nrows = max(1, math.ceil(len(keys) / ncols))
    fig, axes = plt.subplots(nrows, ncols, squeeze=False,
                             figsize=(3.6 * ncols, 0.3 * len(outlets) * nrows + 0.9 * nrows + 0.8))
    names = {o: f"{(labels or {}).get(o, o)} (n={int(sizes[o])})" for o in outlets}
    for i, ax in enumerate(axes.flat):
        if i >= len(keys):
            ax.set_visible(False)
            continue
        rows = table[table["measure"] == keys[i]].set_index("outlet")
        for y, o in enumerate(outlets):
            if o not in rows.index:
                continue
            r = rows.loc[o]
            colour = OKABE_ITO[order.index(o) % len(OKABE_ITO)]
            if all(math.isfinite(float(v)) for v in (r["pooled_low"], r["pooled_high"])):
                ax.plot([r["pooled_low"], r["pooled_high"]], [y, y], color=colour, lw=2)
            if math.isfinite(float(r["pooled"])):
                ax.scatter(r["pooled"], y, color=colour, s=30, zorder=3)
            if math.isfinite(float(r["mean"])):
                ax.scatter(r["mean"], y, facecolors="none", edgecolors="black", s=30,
                           linewidths=0.8, zorder=4)
        ax.set_yticks(range(len(outlets)))
        ax.set_yticklabels([names[o] for o in outlets] if i % ncols == 0 else [], fontsize=8)
        ax.set_ylim(len(outlets) - 0.5, -0.5)
        label = str(rows["label"].iloc[0]) if "label" in rows.columns and len(rows) else keys[i]
        ax.set_title(label, fontsize=9)
        ax.tick_params(axis="x", labelsize=8)
        ax.grid(axis="x", color="#e5e5e5", lw=0.6)
    note = []
    if len(order) > len(outlets):
        note.append(f"the {len(outlets)} outlets with most articles of {len(order)}")
    if dropped_panels:
        note.append(f"{dropped_panels} more measures in the table")
    fig.suptitle(title + (f" ({'; '.join(note)})" if note else ""), fontsize=11)
    fig.text(0.5, 0.0, "dot: pooled value (sums over articles) with its 95% bootstrap interval; "
             "open circle: mean over articles", ha="center", fontsize=8)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    return fig


#: Most events an event dot plot shows (those most outlets cover), and most measure panels.
MAX_EVENTS = 12
MAX_EVENT_PANELS = 3


def top_events(values: Any, max_events: int = MAX_EVENTS, min_outlets: int = 2) -> list[str]:
    """The events (index of an events x outlets table) covered by the most outlets with a
    defined value (at least ``min_outlets``: a comparison), ties in table order, at most
    ``max_events``."""
    covered = values.notna().sum(axis=1)
    order = {e: i for i, e in enumerate(values.index)}
    ranked = sorted((e for e in values.index if covered[e] >= min_outlets),
                    key=lambda e: (-covered[e], order[e]))
    return ranked[:max_events]


def event_dots(panels: dict[str, Any], labels: dict[str, str] | None = None,
               title: str = "Outlets on the same events",
               max_events: int = MAX_EVENTS, max_panels: int = MAX_EVENT_PANELS) -> Any:
    """Small multiples, one panel per measure (at most ``max_panels``): one row per event (the
    ``max_events`` covered by most outlets), one dot per outlet at its value pooled within
    the event.  ``panels`` maps a measure label to an events x outlets table
    (:func:`analysis.report.outlets.event_values`); infinite values are left out."""
    import matplotlib.pyplot as plt

    names = list(panels)[:max_panels]
    first = panels[names[0]] if names else None
    events = top_events(first, max_events) if first is not None else []
    total = int((first.notna().sum(axis=1) >= 2).sum()) if first is not None else 0
    outlets = list(first.columns) if first is not None else []
    fig, axes = plt.subplots(1, max(len(names), 1), squeeze=False, sharey=True,
                             figsize=(3.6 * max(len(names), 1) + 1.6, 0.32 * len(events) + 1.8))
    for ax, name in zip(axes[0], names):
        table = panels[name]
        for j, o in enumerate(outlets):
            if o not in table.columns:
                continue
            xs, ys = [], []
            for y, e in enumerate(events):
                v = table.at[e, o] if e in table.index else math.nan
                if v is not None and math.isfinite(float(v)):
                    xs.append(float(v))
                    ys.append(y)
            ax.scatter(xs, ys, s=26, color=OKABE_ITO[j % len(OKABE_ITO)],
                       marker="osD^v<>P"[j % 8], label=(labels or {}).get(o, str(o)), zorder=3)
        ax.set_yticks(range(len(events)))
        ax.set_yticklabels([str(e).replace("_", " ")[:28] for e in events], fontsize=8)
        ax.set_ylim(len(events) - 0.5, -0.5)
        ax.set_title(name, fontsize=9)
        ax.tick_params(axis="x", labelsize=8)
        ax.grid(axis="y", color="#e5e5e5", lw=0.6)
    if not names:
        axes[0, 0].set_visible(False)
    note = (f" (the {len(events)} events most outlets cover, of {total} covered by two or more)"
            if total > len(events) else "")
    fig.suptitle(title + note, fontsize=11)
    handles, texts = axes[0, 0].get_legend_handles_labels()
    if handles:
        fig.legend(handles, texts, loc="lower center", ncol=min(len(texts), 6), fontsize=8,
                   frameon=False, bbox_to_anchor=(0.5, 0.0))
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    return fig


#: Most rows (articles or outlets) a bar figure draws; beyond it the title says so.
MAX_BARS = 12


def first_rows(table: Any, max_rows: int = MAX_BARS) -> tuple[Any, str]:
    """The first ``max_rows`` rows of a table and a note for the title when some were left
    out (empty when none)."""
    if len(table) <= max_rows:
        return table, ""
    return table.iloc[:max_rows], f" (the first {max_rows} of {len(table)})"
