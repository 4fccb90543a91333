"""What notebook 6 shows: generic news frames and Entman's functions by outlet, from the results.

Every view is cut from the results folder's ``frames``, ``frame_evidence`` and ``entman``
tables (``python -m analysis run``) joined to the ``articles`` table for outlet and event; the
intervals are those of :mod:`analysis.report.outlets` (a per-article 0/1 or score over a
denominator of 1 per article, so the pooled value is the share or mean over the outlet's
articles, bootstrapped over its events or articles).
"""
from __future__ import annotations

import csv
from typing import Any

from . import outlets
from .outlets import Measure
from ..measures.framecues import FRAMES, load_items

#: Readers' names of the five frames (Semetko & Valkenburg 2000).
FRAME_LABELS = {"responsibility": "Attribution of responsibility", "conflict": "Conflict",
                "human_interest": "Human interest", "economic": "Economic consequences",
                "morality": "Morality"}
#: Readers' names of the kinds of agent Entman's cause and remedy sentences name.
AGENT_LABELS = {"target": "the study's target", "named": "a named speaker",
                "government": "government", "business": "business",
                "activists": "activists", "experts": "experts", "public": "the public"}
#: The tables notebook 6 needs in a results folder.
FRAME_TABLES = ("frames", "frame_evidence", "entman")
#: What the report says when a results folder has no frames tables.
NO_FRAMES = ("This results folder has no frames tables (it was made by an older version of the "
             "package). Re-run `python -m analysis run` (or the report) to add them.")
#: The hand coding of the frame items in a study's evaluation folder.
GOLD_FRAMES = "seeds_frames.csv"
#: The per-article denominator column (every article counts 1).
_ONE = "_articles"


def has_frames(data: Any) -> bool:
    """True when the results folder holds the frames tables."""
    return all(t in data.results.tables for t in FRAME_TABLES)


def frame_articles(data: Any) -> Any:
    """The frames table with each article's outlet and event_id, and a column of ones."""
    arts = data.results.articles[["article_id", "outlet", "event_id"]]
    table = arts.merge(data.results.frames, on="article_id", how="inner", sort=False)
    return table.assign(**{_ONE: 1})


def frame_measures() -> list[Measure]:
    """Per frame, the share of articles where it is present and its mean score (0-1)."""
    shares = [Measure(f"share_{f}", FRAME_LABELS[f], f, _ONE, 1.0,
                      f"share of articles where the {FRAME_LABELS[f].lower()} frame is present")
              for f in FRAMES]
    scores = [Measure(f"{f}_score", FRAME_LABELS[f], f"{f}_score", _ONE, 1.0,
                      f"mean share of the {FRAME_LABELS[f].lower()} frame's items answered yes")
              for f in FRAMES]
    return shares + scores


def frame_outlets(data: Any, *, resamples: int = outlets.RESAMPLES,
                  seed: int = outlets.SEED) -> dict[str, Any]:
    """Per outlet and frame, the share of articles with the frame (``shares``) and the mean
    frame score (``scores``), each with its 95% bootstrap interval (outlet_measures columns)."""
    table = frame_articles(data)
    measures = frame_measures()
    out = outlets.outlet_measures(table, measures, order=list(data.outlets),
                                  resamples=resamples, seed=seed)
    share_keys = {m.key for m in measures[:len(FRAMES)]}
    return {"shares": out[out["measure"].isin(share_keys)].reset_index(drop=True),
            "scores": out[~out["measure"].isin(share_keys)].reset_index(drop=True)}


def agent_articles(data: Any, function: str = "cause") -> tuple[Any, list[Measure]]:
    """Per article, 1 when a sentence of the function (``cause``: who is blamed, ``remedy``:
    who is to act) names each kind of agent, with outlet and event; and one measure per kind
    found (the share of the outlet's articles that name it)."""
    en = data.results.entman
    rows = en[(en["function"] == function) & en["agent_type"].notna()
              & (en["agent_type"].astype(str) != "")]
    kinds = [k for k in AGENT_LABELS if k in set(rows["agent_type"])]
    kinds += sorted(set(rows["agent_type"]) - set(kinds))
    table = data.results.articles[["article_id", "outlet", "event_id"]].copy()
    for k in kinds:
        ids = set(rows.loc[rows["agent_type"] == k, "article_id"].astype(str))
        table[f"_agent_{k}"] = [int(str(a) in ids) for a in table["article_id"]]
    table[_ONE] = 1
    verb = "blame" if function == "cause" else "call on"
    measures = [Measure(f"{function}_{k}", AGENT_LABELS.get(k, k), f"_agent_{k}", _ONE, 1.0,
                        f"share of articles whose {function} sentences {verb} {AGENT_LABELS.get(k, k)}")
                for k in kinds]
    return table, measures


def agent_outlets(data: Any, function: str = "cause", *, resamples: int = outlets.RESAMPLES,
                  seed: int = outlets.SEED) -> Any:
    """Per outlet and kind of agent, the share of articles whose cause (or remedy) sentences
    name it, with its 95% bootstrap interval (outlet_measures columns; empty when none)."""
    table, measures = agent_articles(data, function)
    return outlets.outlet_measures(table, measures, order=list(data.outlets),
                                   resamples=resamples, seed=seed)


def agent_table(data: Any, function: str = "cause", top: int = 8) -> Any:
    """Who is blamed (or is to act) by outlet: the ``top`` agents of each outlet by sentences,
    with the number of articles naming them (outlets labelled for readers)."""
    import pandas as pd

    from ..measures.entman import AGENT_COUNT_FIELDS, agent_counts
    from .reportdata import records

    arts = data.results.articles
    outlet_of = {str(a): ("" if o is None else str(o))
                 for a, o in zip(arts["article_id"], arts["outlet"])}
    counts = pd.DataFrame(agent_counts(records(data.results.entman), outlet_of, function),
                          columns=AGENT_COUNT_FIELDS)
    if not len(counts):
        return pd.DataFrame(columns=["Outlet", "Agent", "Found as", "Sentences", "Articles"])
    counts = counts.groupby("outlet", sort=False).head(top)
    return pd.DataFrame({"Outlet": [data.outlet_label(o) for o in counts["outlet"]],
                         "Agent": counts["agent"].astype(str).str.replace("_", " "),
                         "Found as": [AGENT_LABELS.get(t, t) for t in counts["agent_type"]],
                         "Sentences": counts["sentences"], "Articles": counts["articles"]}
                        ).reset_index(drop=True)


def hand_coding(data: Any) -> dict[tuple[str, str], dict[str, str]]:
    """The study's hand coding of the frame items, (article id, item) -> answer and note
    (empty without an evaluation folder holding seeds_frames.csv)."""
    ev = data.study.evaluation if data.study is not None else None
    path = ev / GOLD_FRAMES if ev is not None else None
    if path is None or not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {(r["article_id"], r["item"]): {"answer": r["answer"], "note": r.get("note") or ""}
                for r in csv.DictReader(fh)}


def evidence_table(data: Any, limit: int = 60) -> Any:
    """One row per article and item: the program's answer, the first sentence behind it and
    its cues, and the coder's answer and note where the study hand-coded the item; with a
    hand coding only the coded items, else only the items answered yes; at most ``limit``."""
    import pandas as pd

    book = load_items()
    gold = hand_coding(data)
    labels = data.labels
    ev = data.results.frame_evidence
    rows = []
    for (aid, item), group in ev.groupby(["article_id", "item"], sort=False):
        aid = str(aid)
        first = group.iloc[0]
        coded = gold.get((aid, item))
        if (coded is None) if gold else first["answer"] != "yes":
            continue
        text = first["text"] if isinstance(first["text"], str) else ""
        cues = first["cues"]
        cues = " | ".join(cues) if isinstance(cues, (list, tuple)) else \
            ("" if not isinstance(cues, str) else cues.replace("|", ", "))
        q = book.items.get(item)
        rows.append({"Article": labels.get(aid, aid),
                     "Frame": FRAME_LABELS.get(first["frame"], first["frame"]),
                     "Item": f"{item}: {q.question if q else ''}".strip(),
                     "Program": first["answer"], "Coder": coded["answer"] if coded else "–",
                     "Agree": ("yes" if coded["answer"] == first["answer"] else "no")
                     if coded else "–",
                     "Sentences": int(group["start"].notna().sum()),
                     "First sentence": text, "Cues": cues,
                     "Coder's note": coded["note"] if coded else ""})
    cols = ["Article", "Frame", "Item", "Program", "Coder", "Agree", "Sentences",
            "First sentence", "Cues", "Coder's note"]
    return pd.DataFrame(rows[:limit], columns=cols)


def hand_agreement(data: Any) -> dict[str, Any] | None:
    """Percent agreement and Cohen's kappa of the program's item answers with the study's
    hand coding (None without one)."""
    from ..validation.agreement import cohen_kappa, percent_agreement

    gold = hand_coding(data)
    if not gold:
        return None
    frames = data.results.frames.set_index(data.results.frames["article_id"].astype(str))
    keys = [k for k in sorted(gold) if k[0] in frames.index and k[1] in frames.columns]
    if not keys:
        return None
    hand = [gold[k]["answer"] for k in keys]
    auto = ["yes" if int(frames.loc[a, q]) else "no" for a, q in keys]
    return {"n": len(keys), "percent": percent_agreement(hand, auto),
            "kappa": cohen_kappa(hand, auto)}
