"""Compare predicted statements with a study's hand-coded gold table (its evaluation folder)."""
from __future__ import annotations

from difflib import SequenceMatcher
from pathlib import Path
from typing import Collection

import pandas as pd

#: Minimum share of both the gold and the predicted text that the common span must cover.
MIN_OVERLAP = 0.5
#: File name of the hand-coded statements inside a study's evaluation folder.
GOLD_FILE = "seeds_statements.csv"
MATCH_COLUMNS = ["article_id", "paragraph", "gold_statement", "pred_statement", "gold_kind",
                 "pred_kind", "gold_text", "pred_text", "matched", "overlap", "gold_speaker",
                 "pred_speaker", "speaker_ok", "gold_actor", "pred_actor", "actor_ok", "kind_ok"]


def load_gold(path: str | Path) -> pd.DataFrame:
    """Read the gold statements (a file, or an evaluation folder holding GOLD_FILE) with empty
    strings for missing values."""
    path = Path(path)
    if path.is_dir():
        path = path / GOLD_FILE
    gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    gold["paragraph"] = gold["paragraph"].astype(int)
    gold["statement"] = gold["statement"].astype(int)
    return gold


def _overlap(g: str, p: str) -> float:
    """Length of the longest common substring over the longer of the two texts."""
    if not g or not p:
        return 0.0
    m = SequenceMatcher(None, g, p, autojunk=False).find_longest_match(0, len(g), 0, len(p))
    return m.size / max(len(g), len(p))


def _norm(value) -> str:
    """Empty string for None/NaN, else the value as a string."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def _speaker_ok(g: str, p: str) -> bool:
    """True when one speaker mention contains the other (case-insensitive), or both are empty."""
    g, p = g.casefold().strip(), p.casefold().strip()
    return g == p or (bool(g) and bool(p) and (g in p or p in g))


def match_statements(pred: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """One row per gold piece and per unmatched predicted piece, greedily matched one-to-one
    within article and paragraph by text overlap (>= MIN_OVERLAP)."""
    rows = []
    pred = pred.copy()
    pred["article_id"] = pred["article_id"].astype(str)
    gold = gold.copy()
    gold["article_id"] = gold["article_id"].astype(str)
    keys = sorted(set(zip(gold.article_id, gold.paragraph)) | set(zip(pred.article_id, pred.paragraph)))
    for art, para in keys:
        g = gold[(gold.article_id == art) & (gold.paragraph == para)]
        p = pred[(pred.article_id == art) & (pred.paragraph == para)]
        cands = []
        for gi, gr in g.iterrows():
            for pi, pr in p.iterrows():
                ov = _overlap(_norm(gr.text), _norm(pr.text))
                if ov >= MIN_OVERLAP:
                    same_kind = _norm(gr.kind) == _norm(pr.kind)
                    cands.append((ov + 0.01 * same_kind, gi, pi, ov))
        cands.sort(key=lambda c: -c[0])
        used_g, used_p, pairs = set(), set(), {}
        for _, gi, pi, ov in cands:
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            pairs[gi] = (pi, ov)
        for gi, gr in g.iterrows():
            pi, ov = pairs.get(gi, (None, 0.0))
            pr = p.loc[pi] if pi is not None else None
            rows.append(_row(art, para, gr, pr, ov))
        for pi, pr in p.iterrows():
            if pi not in used_p:
                rows.append(_row(art, para, None, pr, 0.0))
    return pd.DataFrame(rows, columns=MATCH_COLUMNS)


def _row(art: str, para: int, gr, pr, ov: float) -> dict:
    """One comparison row."""
    get = lambda r, k: _norm(r[k]) if r is not None else ""  # noqa: E731
    matched = gr is not None and pr is not None
    return {
        "article_id": art, "paragraph": para,
        "gold_statement": int(gr["statement"]) if gr is not None else None,
        "pred_statement": int(pr["statement"]) if pr is not None else None,
        "gold_kind": get(gr, "kind"), "pred_kind": get(pr, "kind"),
        "gold_text": get(gr, "text"), "pred_text": get(pr, "text"),
        "matched": matched, "overlap": round(ov, 3),
        "gold_speaker": get(gr, "speaker"), "pred_speaker": get(pr, "speaker"),
        "speaker_ok": matched and _speaker_ok(get(gr, "speaker"), get(pr, "speaker")),
        "gold_actor": get(gr, "actor"), "pred_actor": get(pr, "actor"),
        "actor_ok": matched and get(gr, "actor") == get(pr, "actor"),
        "kind_ok": matched and get(gr, "kind") == get(pr, "kind"),
    }


def quote_scores(pred: pd.DataFrame, gold: pd.DataFrame,
                 kinds: Collection[str] | None = None) -> dict:
    """Span precision/recall/F1, and actor/speaker/kind accuracy over matched pieces.

    ``kinds`` restricts both sides to those kinds (e.g. ``("full", "partial")``)."""
    if kinds is not None:
        pred = pred[pred["kind"].isin(kinds)]
        gold = gold[gold["kind"].isin(kinds)]
    m = match_statements(pred, gold)
    tp = int(m["matched"].sum())
    n_pred, n_gold = len(pred), len(gold)
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    hits = m[m["matched"]]
    acc = lambda col: float(hits[col].mean()) if len(hits) else 0.0  # noqa: E731
    e2e = int(hits["actor_ok"].sum())
    return {"n_gold": n_gold, "n_pred": n_pred, "matched": tp, "precision": p, "recall": r,
            "f1": f, "actor_accuracy": acc("actor_ok"), "speaker_accuracy": acc("speaker_ok"),
            "kind_accuracy": acc("kind_ok"),
            "e2e_f1": (2 * e2e / (n_pred + n_gold)) if n_pred + n_gold else 0.0}


#: The rows of :func:`scores_by_kind`, in order.
KIND_SUBSETS = {"full": ("full",), "partial": ("partial",), "full + partial": ("full", "partial"),
                "indirect": ("indirect",), "scare": ("scare",), "all kinds": None}


def scores_by_kind(pred: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Quote scores (see quote_scores) for each kind and for all kinds, one row per subset."""
    rows = [{"subset": name, **quote_scores(pred, gold, kinds)} for name, kinds in KIND_SUBSETS.items()]
    return pd.DataFrame(rows).set_index("subset")


def quote_disagreements(matched: pd.DataFrame) -> pd.DataFrame:
    """The rows of match_statements where the engine and the gold differ, with the problem named."""
    def problem(r) -> str:
        if not r.gold_kind:
            return "not in gold (spurious)"
        if not r.matched:
            return "missed"
        wrong = [w for w, ok in (("actor", r.actor_ok), ("kind", r.kind_ok)) if not ok]
        return "wrong " + " and ".join(wrong) if wrong else ""

    out = matched.assign(problem=[problem(r) for r in matched.itertuples()])
    return out[out["problem"] != ""].reset_index(drop=True)
