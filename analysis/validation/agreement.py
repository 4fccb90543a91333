"""Agreement between the automated coding and the hand coding in ``evaluation/``.

* Stance: automated and hand-coded statements are aligned piece by piece (same article and
  paragraph, word overlap), then compared per hand-coded statement: percent agreement,
  Cohen's kappa and Krippendorff's alpha (nominal), plus a table of every disagreement.
* Loaded language: lexicon hits against ``seeds_loaded.csv`` (same article and paragraph,
  overlapping character spans): precision, recall, F1 and a table of every miss.
"""
from __future__ import annotations

import csv
import math
import re
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from ..errors import DataFileError
from ..model import Article

STANCES = ("critical", "defensive", "mixed", "neutral")
KINDS = ("full", "partial", "scare", "indirect")
#: Minimum word overlap (Jaccard) for an automated piece to match a hand-coded one.
MATCH_THRESHOLD = 0.5
GOLD_STATEMENT_COLUMNS = ["article_id", "statement", "paragraph", "kind", "text", "speaker",
                          "actor", "group", "cue", "stance", "note"]
GOLD_LOADED_COLUMNS = ["article_id", "paragraph", "text", "voice", "note"]
PAIR_FIELDS = ["article_id", "gold_statement", "auto_statement", "paragraph", "gold_kind",
               "auto_kind", "gold_actor", "auto_actor", "gold_stance", "auto_stance",
               "stance_rule", "stance_evidence", "status", "agree", "gold_text", "auto_text"]
LOADED_FIELDS = ["article_id", "paragraph", "status", "gold_text", "matched", "term",
                 "category", "gold_voice", "auto_voice"]
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def _read_csv(path: str | Path, columns: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a hand-coding CSV with their line numbers; the header must hold `columns`."""
    path = str(path)
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            header = reader.fieldnames or []
            missing = [c for c in columns if c not in header]
            if missing:
                raise DataFileError(path, f"missing column(s) {missing}", line=1)
            return [(reader.line_num, row) for row in reader]
    except OSError as e:
        raise DataFileError(path, f"cannot read: {e.strerror or e}") from None


def _int(value: str, path: str, line: int, name: str) -> int:
    """A non-negative integer cell, or DataFileError naming file, line and field."""
    if not str(value).strip().isdigit():
        raise DataFileError(path, f"{value!r} is not a non-negative integer", line=line, field=name)
    return int(value)


def load_gold_statements(path: str | Path) -> list[dict[str, Any]]:
    """Hand-coded statement pieces (seeds_statements.csv), validated."""
    out = []
    for line, row in _read_csv(path, GOLD_STATEMENT_COLUMNS):
        rec: dict[str, Any] = {k: (row.get(k) or "") for k in GOLD_STATEMENT_COLUMNS}
        rec["statement"] = _int(rec["statement"], str(path), line, "statement")
        rec["paragraph"] = _int(rec["paragraph"], str(path), line, "paragraph")
        if rec["kind"] not in KINDS:
            raise DataFileError(str(path), f"{rec['kind']!r} is not one of {KINDS}", line=line,
                                field="kind")
        if rec["stance"] not in STANCES:
            raise DataFileError(str(path), f"{rec['stance']!r} is not one of {STANCES}",
                                line=line, field="stance")
        rec["actor"] = rec["actor"] or None
        out.append(rec)
    return out


def load_gold_loaded(path: str | Path) -> list[dict[str, Any]]:
    """Hand-coded loaded expressions (seeds_loaded.csv), validated."""
    out = []
    for line, row in _read_csv(path, GOLD_LOADED_COLUMNS):
        rec: dict[str, Any] = {k: (row.get(k) or "") for k in GOLD_LOADED_COLUMNS}
        rec["paragraph"] = _int(rec["paragraph"], str(path), line, "paragraph")
        if not rec["text"].strip():
            raise DataFileError(str(path), "empty text", line=line, field="text")
        if rec["voice"] not in ("outlet", "quote"):
            raise DataFileError(str(path), f"{rec['voice']!r} is not outlet or quote", line=line,
                                field="voice")
        out.append(rec)
    return out


def overlap(a: str, b: str) -> float:
    """Jaccard overlap of the case-folded word sets of two texts (0 for two empty texts)."""
    x = set(_WORD.findall(a.casefold()))
    y = set(_WORD.findall(b.casefold()))
    return len(x & y) / len(x | y) if x | y else 0.0


def match_pieces(auto: Sequence[Mapping[str, Any]], gold: Sequence[Mapping[str, Any]],
                 threshold: float = MATCH_THRESHOLD) -> list[tuple[int | None, int | None, float]]:
    """One-to-one matches (auto index, gold index, overlap); unmatched sides get None.

    Candidates share article and paragraph; pairs are taken best overlap first.
    """
    cands = []
    for i, a in enumerate(auto):
        for j, g in enumerate(gold):
            if str(a.get("article_id")) == str(g.get("article_id")) and \
                    int(a.get("paragraph") or 0) == int(g.get("paragraph") or 0):
                score = overlap(str(a.get("text") or ""), str(g.get("text") or ""))
                if score >= threshold:
                    cands.append((score, i, j))
    cands.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_a: set[int] = set()
    used_g: set[int] = set()
    pairs: list[tuple[int | None, int | None, float]] = []
    for score, i, j in cands:
        if i not in used_a and j not in used_g:
            used_a.add(i)
            used_g.add(j)
            pairs.append((i, j, score))
    pairs += [(None, j, 0.0) for j in range(len(gold)) if j not in used_g]
    pairs += [(i, None, 0.0) for i in range(len(auto)) if i not in used_a]
    return pairs


def stance_pairs(auto: Sequence[Mapping[str, Any]],
                 gold: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One record per hand-coded statement (and per unmatched automated statement).

    A hand-coded statement takes the automated statement matched to its first matched piece;
    ``status`` is ``matched``, ``missed`` (no automated piece) or ``extra`` (automated only).
    """
    pairs = match_pieces(auto, gold)
    by_gold: dict[tuple[str, Any], list[tuple[int | None, int]]] = {}
    extra_auto: dict[tuple[str, Any], int] = {}
    matched_auto: set[tuple[str, Any]] = set()
    for i, j, _ in pairs:
        if j is not None:
            g = gold[j]
            by_gold.setdefault((str(g["article_id"]), g["statement"]), []).append((i, j))
        if i is not None and j is not None:
            matched_auto.add((str(auto[i]["article_id"]), auto[i].get("statement")))
    for i, j, _ in pairs:
        if j is None:
            key = (str(auto[i]["article_id"]), auto[i].get("statement"))
            if key not in matched_auto:
                extra_auto.setdefault(key, i)
    rows = []
    for (aid, stmt), members in sorted(by_gold.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        members.sort(key=lambda m: (gold[m[1]]["paragraph"], m[1]))
        g = gold[members[0][1]]
        hit = next((i for i, _ in members if i is not None), None)
        a = auto[hit] if hit is not None else {}
        status = "matched" if hit is not None else "missed"
        rows.append(_pair_row(aid, g, a, status))
    for (aid, _), i in sorted(extra_auto.items(), key=lambda kv: (kv[0][0], kv[1])):
        rows.append(_pair_row(aid, {}, auto[i], "extra"))
    return rows


def _pair_row(aid: str, g: Mapping[str, Any], a: Mapping[str, Any], status: str) -> dict[str, Any]:
    """One stance comparison record."""
    agree = status == "matched" and g.get("stance") == a.get("stance")
    return {"article_id": aid, "gold_statement": g.get("statement"),
            "auto_statement": a.get("statement"),
            "paragraph": g.get("paragraph", a.get("paragraph")), "gold_kind": g.get("kind"),
            "auto_kind": a.get("kind"), "gold_actor": g.get("actor"), "auto_actor": a.get("actor"),
            "gold_stance": g.get("stance"), "auto_stance": a.get("stance"),
            "stance_rule": a.get("stance_rule"), "stance_evidence": a.get("stance_evidence"),
            "status": status, "agree": agree, "gold_text": g.get("text"),
            "auto_text": a.get("text")}


def percent_agreement(a: Sequence[str], b: Sequence[str]) -> float:
    """Share of items given the same code by both (NaN for no items)."""
    if not a:
        return math.nan
    return sum(x == y for x, y in zip(a, b)) / len(a)


def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> float:
    """Cohen's kappa of two codings of the same items; NaN when chance agreement is 1 or no items."""
    n = len(a)
    if n == 0 or n != len(b):
        return math.nan
    po = percent_agreement(a, b)
    ca, cb = Counter(a), Counter(b)
    pe = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return math.nan if pe == 1 else (po - pe) / (1 - pe)


def krippendorff_alpha(a: Sequence[str], b: Sequence[str]) -> float:
    """Krippendorff's alpha (nominal) of two codings, via the krippendorff package.

    NaN with no items or when only one category is used overall (alpha is undefined then).
    """
    if not a or len(set(a) | set(b)) < 2:
        return math.nan
    import krippendorff

    cats = {c: k for k, c in enumerate(sorted(set(a) | set(b)))}
    data = [[cats[x] for x in a], [cats[y] for y in b]]
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def agreement(a: Sequence[str], b: Sequence[str]) -> dict[str, float]:
    """Number of items, percent agreement, Cohen's kappa and Krippendorff's alpha."""
    return {"n": len(a), "percent_agreement": percent_agreement(a, b),
            "cohen_kappa": cohen_kappa(a, b), "krippendorff_alpha": krippendorff_alpha(a, b)}


def stance_agreement(auto: Sequence[Mapping[str, Any]],
                     gold: Sequence[Mapping[str, Any]]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Agreement statistics on matched statements, and the comparison records."""
    rows = stance_pairs(auto, gold)
    matched = [r for r in rows if r["status"] == "matched"]
    stats: dict[str, Any] = agreement([r["gold_stance"] for r in matched],
                                      [r["auto_stance"] for r in matched])
    stats["gold_statements"] = sum(r["status"] != "extra" for r in rows)
    stats["missed"] = sum(r["status"] == "missed" for r in rows)
    stats["extra"] = sum(r["status"] == "extra" for r in rows)
    return stats, rows


def disagreements(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The comparison records that are not a matched agreement (missed, extra or different)."""
    return [dict(r) for r in rows if not r["agree"]]


def _norm(text: str) -> str:
    """Text with curly quotes straightened and case folded (same length as the input)."""
    return (text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
            .replace("\u201d", '"').casefold())


def gold_span(article: Article, paragraph: int, text: str) -> tuple[int, int] | None:
    """Article offsets of a hand-coded expression within its paragraph, or None if not found."""
    para = next((p for p in article.paragraphs if p.index == paragraph), None)
    if para is None:
        return None
    k = _norm(para.text).find(_norm(text.strip()))
    return (para.start + k, para.start + k + len(text.strip())) if k >= 0 else None


def lexicon_agreement(hits: Sequence[Mapping[str, Any]], gold: Sequence[Mapping[str, Any]],
                      articles: Mapping[str, Article]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Precision, recall and F1 of lexicon hits against hand-coded expressions, and every item.

    A hit and a hand-coded expression match when they share article and paragraph and their
    character spans overlap (a hit inside a longer coded phrase counts).  Each record has
    ``status`` ``tp`` (matched), ``fp`` (hit not coded) or ``fn`` (coded, not hit).
    """
    spans = []
    for g in gold:
        art = articles.get(str(g["article_id"]))
        spans.append(gold_span(art, int(g["paragraph"]), str(g["text"])) if art else None)
    hit_ok = [False] * len(hits)
    gold_ok = [False] * len(gold)
    rows: list[dict[str, Any]] = []
    for j, g in enumerate(gold):
        for i, h in enumerate(hits):
            if str(h["article_id"]) != str(g["article_id"]) or int(h["paragraph"]) != int(g["paragraph"]):
                continue
            span = spans[j]
            if span is not None:
                same = h["start"] < span[1] and span[0] < h["end"]
            else:
                same = _norm(str(h["matched"])) in _norm(str(g["text"]))
            if same:
                if not gold_ok[j] or not hit_ok[i]:
                    rows.append(_loaded_row("tp", g, h))
                hit_ok[i] = gold_ok[j] = True
    rows += [_loaded_row("fn", g, None) for j, g in enumerate(gold) if not gold_ok[j]]
    rows += [_loaded_row("fp", None, h) for i, h in enumerate(hits) if not hit_ok[i]]
    rows.sort(key=lambda r: (str(r["article_id"]), int(r["paragraph"]), r["status"]))
    tp_h, tp_g = sum(hit_ok), sum(gold_ok)
    precision = tp_h / len(hits) if hits else math.nan
    recall = tp_g / len(gold) if gold else math.nan
    f1 = (2 * precision * recall / (precision + recall)
          if precision == precision and recall == recall and precision + recall else math.nan)
    voice = [r for r in rows if r["status"] == "tp"]
    stats = {"hits": len(hits), "gold": len(gold), "true_positive_hits": tp_h,
             "gold_found": tp_g, "precision": precision, "recall": recall, "f1": f1,
             "voice_agreement": (sum(r["gold_voice"] == r["auto_voice"] for r in voice) / len(voice)
                                 if voice else math.nan)}
    return stats, rows


def _loaded_row(status: str, g: Mapping[str, Any] | None, h: Mapping[str, Any] | None) -> dict[str, Any]:
    """One record of the loaded-language comparison."""
    src = g if g is not None else h
    assert src is not None
    return {"article_id": str(src["article_id"]), "paragraph": int(src["paragraph"]),
            "status": status, "gold_text": g["text"] if g else None,
            "matched": h["matched"] if h else None, "term": h["term"] if h else None,
            "category": h["category"] if h else None, "gold_voice": g["voice"] if g else None,
            "auto_voice": h["voice"] if h else None}


def validation_tables(articles: Iterable[Article], evaluation: str | Path,
                      knowledge: Any = None) -> dict[str, Any]:
    """Everything the validation notebook shows: stance and lexicon statistics and tables,
    against the hand coding in a study's evaluation folder, under that study's knowledge."""
    import pandas as pd

    from ..measures.lexicon import lexicon_hits
    from ..measures.metrics import coded_statements

    arts = {a.id: a for a in articles}
    auto: list[dict[str, Any]] = []
    hits: list[dict[str, Any]] = []
    for a in arts.values():
        coded, _ = coded_statements(a, knowledge=knowledge)
        auto += coded
        hits += lexicon_hits(a, coded, None if knowledge is None else knowledge.entries)
    ev = Path(evaluation)
    gold = [g for g in load_gold_statements(ev / "seeds_statements.csv") if g["article_id"] in arts]
    loaded = [g for g in load_gold_loaded(ev / "seeds_loaded.csv") if g["article_id"] in arts]
    s_stats, s_rows = stance_agreement(auto, gold)
    l_stats, l_rows = lexicon_agreement(hits, loaded, arts)
    return {"stance": s_stats, "stance_pairs": pd.DataFrame(s_rows, columns=PAIR_FIELDS),
            "stance_disagreements": pd.DataFrame(disagreements(s_rows), columns=PAIR_FIELDS),
            "lexicon": l_stats, "lexicon_items": pd.DataFrame(l_rows, columns=LOADED_FIELDS)}
