"""Coding-sheet agreement for the report: a study's hand coding and coders' sheets, compared
through the same files and functions as ``python -m analysis coding-sheet --import``.

The study's hand coding (``evaluation/seeds_statements.csv`` of the seed study) becomes a
filled coding sheet: one item per hand-coded statement that the program also found (paired as
in :func:`analysis.validation.agreement.stance_pairs`), with the hand code in ``code``; the
program's codes of the same items go to a key file.  Filled sheets of other coders, with the
key written by ``coding-sheet --sample`` (a study's ``evaluation/coding/`` folder), are read
the same way.  :func:`sheet_report` then gives, for every pair of coders and for the program
against each coder, the number of items, percent agreement, Cohen's kappa, Krippendorff's
alpha, the confusion table and every disagreement, with human labels and rounded numbers.
"""
from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from . import coding_sheet as cs
from .agreement import stance_pairs

#: The coder name (sheet file stem) of a study's hand coding.
HAND_CODER = "hand_coding"
#: A study's folder of coders' sheets and their key (``coding-sheet --out``), in ``evaluation``.
CODING_FOLDER = "coding"
#: Labels shown to readers for coder names (others: the file stem, underscores as spaces).
LABELS = {cs.PROGRAM: "program", HAND_CODER: "hand coding (study)"}
#: Decimal places of the statistics in the tables.
DIGITS = 3


def label(name: str) -> str:
    """A coder name as shown to readers."""
    return LABELS.get(name, name.replace("_", " "))


def evidence_text(value: Any) -> str:
    """A statement's stance evidence (records, or their JSON as read from a results table) as
    one readable line: ``words (rule, side); ...``."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return value
    if not isinstance(value, (list, tuple)):
        return str(value)
    return "; ".join(f"{e.get('words', '')} ({e.get('rule', '')}, {e.get('side', '')})"
                     if isinstance(e, Mapping) else str(e) for e in value)


def hand_items(auto: Sequence[Mapping[str, Any]], gold: Sequence[Mapping[str, Any]]
               ) -> list[dict[str, Any]]:
    """One coding-sheet item per hand-coded statement the program also found: the hand code
    in ``code``, the program's in ``stance``, ``rule`` and ``evidence``."""
    items = []
    for row in stance_pairs(auto, gold):
        if row["status"] != "matched":
            continue
        items.append({"item": len(items) + 1, "article_id": row["article_id"],
                      "statement": row["gold_statement"], "paragraph": row["paragraph"],
                      "kind": row["gold_kind"], "speaker": row["gold_actor"] or "",
                      "context": "", "text": row["gold_text"], "code": row["gold_stance"],
                      "stance": row["auto_stance"], "rule": row["stance_rule"],
                      "evidence": evidence_text(row["stance_evidence"])})
    return items


def write_hand_sheets(folder: str | Path, items: Sequence[Mapping[str, Any]],
                      coder: str = HAND_CODER) -> tuple[Path, Path]:
    """Write the hand coding as a filled sheet ``folder/<coder>.csv`` and the program's codes
    as ``folder/key.csv``; returns both paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    sheet, key = folder / f"{coder}.csv", folder / "key.csv"
    cs.write_sheet(sheet, items, codes={int(it["item"]): str(it["code"]) for it in items})
    cs.write_key(key, items)
    return sheet, key


def coder_sheets(folder: str | Path | None) -> list[Path]:
    """The filled sheets of a coding folder (every CSV but ``key.csv``), sorted; none when the
    folder or its key is absent."""
    if folder is None or not (Path(folder) / "key.csv").is_file():
        return []
    return sorted(p for p in Path(folder).glob("*.csv") if p.name != "key.csv")


def _rounded(value: Any) -> Any:
    """A statistic rounded for a table (NaN stays NaN)."""
    return round(value, DIGITS) if isinstance(value, float) else value


def summary(records: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One row per compared pair: labels, items, percent, kappa, alpha, disagreements."""
    return [{"pair": f"{label(r['a'])} vs {label(r['b'])}", "items": r["n"],
             "agreement (%)": _rounded(100 * r["percent_agreement"]) if r["n"] else None,
             "Cohen's kappa": _rounded(r["cohen_kappa"]),
             "Krippendorff's alpha": _rounded(r["krippendorff_alpha"]),
             "disagreements": len(r["disagreements"])} for r in records]


def confusion_rows(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The confusion table of one pair as rows: the first coder's code, then one count per
    code of the second (columns labelled with the coders' names)."""
    a, b = label(record["a"]), label(record["b"])
    return [{a: code, **{f"{b}: {other}": n for other, n in row.items()}}
            for code, row in record["confusion"].items()]


def disagreement_rows(record: Mapping[str, Any],
                      items: Mapping[int, Mapping[str, Any]] | None = None
                      ) -> list[dict[str, Any]]:
    """Every disagreement of one pair: item, article, statement, both codes, the text, and
    the program's rule and evidence when the item has them."""
    out = []
    for d in record["disagreements"]:
        it = (items or {}).get(d["item"], {})
        out.append({"item": d["item"], "article": it.get("article_id", d.get("article_id")),
                    "statement": it.get("statement", d.get("statement")),
                    label(record["a"]): d[record["a"]], label(record["b"]): d[record["b"]],
                    "text": it.get("text", d.get("text")), "program rule": it.get("rule", ""),
                    "program evidence": it.get("evidence", "")})
    return out


def import_folder(folder: str | Path, sheets: Sequence[str | Path] | None = None
                  ) -> tuple[dict[str, dict[int, str]], dict[int, dict[str, Any]]]:
    """Codings (coder name -> item -> code, the program's from ``key.csv``) and items of a
    coding folder, read as ``coding-sheet --import`` reads them."""
    folder = Path(folder)
    sheets = coder_sheets(folder) if sheets is None else [Path(s) for s in sheets]
    codings = cs.import_sheets(sheets, folder / "key.csv")
    items = cs.read_items(folder / "key.csv", sheets)
    return codings, items


def sheet_report(folder: str | Path) -> dict[str, Any]:
    """Agreement of every coding in a coding folder: ``records`` (of ``sheet_agreement``),
    ``items``, and the tables ``summary``, ``confusion`` and ``disagreements`` (each pair's
    rows, keyed by the pair's label)."""
    codings, items = import_folder(folder)
    records = cs.sheet_agreement(codings, items)
    pair = {id(r): f"{label(r['a'])} vs {label(r['b'])}" for r in records}
    return {"records": records, "items": items, "coders": sorted(set(codings) - {cs.PROGRAM}),
            "summary": summary(records),
            "confusion": {pair[id(r)]: confusion_rows(r) for r in records},
            "disagreements": {pair[id(r)]: disagreement_rows(r, items) for r in records}}


def study_reports(auto: Sequence[Mapping[str, Any]], evaluation: str | Path | None,
                  out: str | Path, gold_file: str = "seeds_statements.csv",
                  article_ids: Sequence[str] | None = None) -> dict[str, dict[str, Any]]:
    """The coding-sheet reports of a study: ``hand coding`` (its hand-coded statements, written
    as sheets into ``out`` and read back) and ``coding sheets`` (its ``evaluation/coding``
    folder of coders' sheets and key, when there is one).  Empty without an evaluation folder.

    ``auto`` are the program's statement pieces (a results table's rows); ``article_ids``
    limits the hand coding to the analysed articles.
    """
    from .agreement import load_gold_statements

    reports: dict[str, dict[str, Any]] = {}
    if evaluation is None:
        return reports
    evaluation = Path(evaluation)
    if (evaluation / gold_file).is_file():
        ids = None if article_ids is None else {str(a) for a in article_ids}
        gold = [g for g in load_gold_statements(evaluation / gold_file)
                if ids is None or str(g["article_id"]) in ids]
        write_hand_sheets(out, hand_items(auto, gold))
        reports["hand coding"] = sheet_report(out)
    if coder_sheets(evaluation / CODING_FOLDER):
        reports["coding sheets"] = sheet_report(evaluation / CODING_FOLDER)
    return reports


#: What the report says when only one coder's codes exist.
ONE_CODER = ("One coder so far, so no coder-vs-coder agreement: write a sheet with `python -m "
             "analysis coding-sheet --study S --sample N --out DIR`, have two or more coders fill "
             "it, and put the filled sheets with the key in the study's `evaluation/coding/` "
             "folder (or compare them with `--import`).")
