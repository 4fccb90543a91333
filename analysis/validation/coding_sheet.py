"""Coding sheets for validating stance on a researcher's own corpus, and reading them back.

Round trip (no CLI wiring here; the lead's ``coding-sheet --study S --sample N`` calls these):

1. :func:`sample_items` draws N statements (each utterance once: ``dedupe_statements``) at
   random with a fixed seed; each becomes an item with its speaker and the paragraph around it.
2. :func:`write_sheet` writes the blank sheet a coder fills in (``SHEET_COLUMNS``; the ``code``
   column empty, the codebook's values in ``values``), and :func:`write_key` writes the
   program's codes for the same items to a separate file, so that coders code blind.
3. :func:`read_sheet` reads a filled sheet (every code one of the values, or empty = not coded).
4. :func:`sheet_agreement` compares every pair of coders and the program with each coder:
   number of items both coded, percent agreement, Cohen's kappa, Krippendorff's alpha, the
   confusion table and every disagreement.
"""
from __future__ import annotations

import csv
import random
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations
from pathlib import Path
from typing import Any

from .agreement import agreement
from ..errors import DataFileError
from ..model import Article, Statement
from ..measures.target_stance import STANCES, StanceCode, dedupe_statements

SHEET_COLUMNS = ["item", "article_id", "statement", "paragraph", "kind", "speaker", "context",
                 "text", "values", "code", "note"]
KEY_COLUMNS = ["item", "article_id", "statement", "stance", "rule", "evidence"]
#: The code column's value for "program" in agreement tables.
PROGRAM = "program"


def sample_items(coded: Mapping[str, Sequence[tuple[Statement, StanceCode]]],
                 articles: Mapping[str, Article], n: int, seed: int = 0) -> list[dict[str, Any]]:
    """N statements drawn at random (fixed seed) from coded pieces, each utterance once.

    ``coded`` maps article id to ``code_pieces`` output.  A statement's pieces are joined
    into one item; its context is the text of the paragraph(s) it stands in.
    """
    pool: list[dict[str, Any]] = []
    for aid in sorted(coded):
        pairs = list(coded[aid])
        kept = dedupe_statements([p for p, _ in pairs if p.kind != "scare"])
        keep_ids = {p.statement for p in kept}
        by_stmt: dict[int, list[tuple[Statement, StanceCode]]] = {}
        for p, c in pairs:
            if p.statement in keep_ids:
                by_stmt.setdefault(p.statement, []).append((p, c))
        art = articles[aid]
        paras = {p.index: p.text for p in art.paragraphs}
        for stmt, members in sorted(by_stmt.items()):
            first, code = members[0]
            pool.append({
                "article_id": aid, "statement": stmt, "paragraph": first.paragraph,
                "kind": first.kind, "speaker": first.speaker or "",
                "context": " / ".join(dict.fromkeys(paras.get(p.paragraph, "") for p, _ in members)),
                "text": " ".join(p.text for p, _ in members),
                "stance": code.stance, "rule": code.rule,
                "evidence": "; ".join(f"{e.words} ({e.rule}, {e.side})" for e in code.evidence),
            })
    rng = random.Random(seed)
    chosen = sorted(rng.sample(range(len(pool)), min(n, len(pool))))
    return [dict(pool[i], item=k + 1) for k, i in enumerate(chosen)]


def write_sheet(path: str | Path, items: Iterable[Mapping[str, Any]],
                values: Sequence[str] = STANCES, codes: Mapping[int, str] | None = None) -> None:
    """Write a coding sheet (UTF-8 CSV, SHEET_COLUMNS) for the items: blank, or filled with
    ``codes`` (item -> code; a study's existing hand coding)."""
    codes = codes or {}
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, SHEET_COLUMNS, extrasaction="ignore")
        w.writeheader()
        for it in items:
            w.writerow({**{k: it.get(k, "") for k in SHEET_COLUMNS}, "values": "|".join(values),
                        "code": codes.get(int(it["item"]), ""), "note": ""})


def write_key(path: str | Path, items: Iterable[Mapping[str, Any]]) -> None:
    """Write the program's codes of the items (KEY_COLUMNS), kept apart from the sheets."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, KEY_COLUMNS, extrasaction="ignore")
        w.writeheader()
        for it in items:
            w.writerow({k: it.get(k, "") for k in KEY_COLUMNS})


def _rows(path: str | Path, columns: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a sheet with their line numbers; DataFileError when columns are missing."""
    path = str(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in columns if c not in (reader.fieldnames or [])]
            if missing:
                raise DataFileError(path, f"missing column(s) {missing}", line=1)
            return [(reader.line_num, row) for row in reader]
    except OSError as e:
        raise DataFileError(path, f"cannot read: {e.strerror or e}") from None


def read_sheet(path: str | Path) -> dict[int, str]:
    """The codes of a filled sheet: item -> code (items left empty are not coded)."""
    out: dict[int, str] = {}
    for line, row in _rows(path, ["item", "values", "code"]):
        item = (row.get("item") or "").strip()
        if not item.isdigit():
            raise DataFileError(str(path), f"{item!r} is not an item number", line=line,
                                field="item")
        code = (row.get("code") or "").strip().casefold()
        if not code:
            continue
        allowed = [v.strip() for v in (row.get("values") or "").split("|") if v.strip()]
        if code not in allowed:
            raise DataFileError(str(path), f"{code!r} is not one of {allowed}", line=line,
                                field="code")
        if int(item) in out:
            raise DataFileError(str(path), f"item {item} coded twice", line=line, field="item")
        out[int(item)] = code
    return out


def read_key(path: str | Path) -> dict[int, str]:
    """The program's codes of a key file: item -> stance."""
    return {int(row["item"]): row["stance"] for _, row in _rows(path, KEY_COLUMNS)}


def import_sheets(sheets: Iterable[str | Path], key: str | Path | None = None
                  ) -> dict[str, dict[int, str]]:
    """The codings of filled sheets (coder name = file name without .csv) and, when the key
    file exists, the program's (``PROGRAM``): what ``coding-sheet --import`` compares."""
    codings = {Path(f).stem: read_sheet(f) for f in sheets}
    if key is not None and Path(key).is_file():
        codings[PROGRAM] = read_key(key)
    return codings


def read_items(key: str | Path, sheets: Iterable[str | Path] = ()) -> dict[int, dict[str, Any]]:
    """Item -> its record: the key's columns (article, statement, the program's stance, rule
    and evidence) and the first sheet's text, speaker, paragraph and kind."""
    items: dict[int, dict[str, Any]] = {}
    for _, row in _rows(key, KEY_COLUMNS):
        items[int(row["item"])] = {k: row.get(k, "") for k in KEY_COLUMNS}
    for sheet in sheets:
        for _, row in _rows(sheet, ["item"]):
            item = (row.get("item") or "").strip()
            if item.isdigit() and int(item) in items:
                rec = items[int(item)]
                for k in ("text", "speaker", "paragraph", "kind"):
                    if not rec.get(k):
                        rec[k] = row.get(k, "")
    return items


def confusion(a: Sequence[str], b: Sequence[str],
              values: Sequence[str] = STANCES) -> dict[str, dict[str, int]]:
    """Counts of (code of a, code of b): rows a's codes, columns b's."""
    table = {x: {y: 0 for y in values} for x in values}
    for x, y in zip(a, b):
        table.setdefault(x, {v: 0 for v in values}).setdefault(y, 0)
        table[x][y] += 1
    return table


def sheet_agreement(codings: Mapping[str, Mapping[int, str]],
                    items: Mapping[int, Mapping[str, Any]] | None = None,
                    values: Sequence[str] = STANCES) -> list[dict[str, Any]]:
    """Agreement of every pair of codings (coders and ``program``) on the items both coded.

    Each record: ``a``, ``b``, the statistics of ``agreement.agreement``, ``confusion`` and
    ``disagreements`` (item, both codes, and the item's article, statement and text when
    ``items`` is given).  Pairs with the program come after the coder pairs.
    """
    names = sorted(k for k in codings if k != PROGRAM)
    pairs = list(combinations(names, 2))
    if PROGRAM in codings:
        pairs += [(PROGRAM, n) for n in names]
    out = []
    for a, b in pairs:
        common = sorted(set(codings[a]) & set(codings[b]))
        ca = [codings[a][i] for i in common]
        cb = [codings[b][i] for i in common]
        rec: dict[str, Any] = {"a": a, "b": b, **agreement(ca, cb),
                               "confusion": confusion(ca, cb, values)}
        dis = []
        for i, x, y in zip(common, ca, cb):
            if x != y:
                d: dict[str, Any] = {"item": i, a: x, b: y}
                if items and i in items:
                    d.update({k: items[i].get(k) for k in ("article_id", "statement", "text")})
                dis.append(d)
        rec["disagreements"] = dis
        out.append(rec)
    return out
