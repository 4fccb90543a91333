"""Coding sheets: sample, write, read back, agreement (analysis.validation.coding_sheet)."""
from __future__ import annotations

import csv
import math

import pytest

from analysis.validation.coding_sheet import (KEY_COLUMNS, PROGRAM, SHEET_COLUMNS, read_key, read_sheet,
                                   sample_items, sheet_agreement, write_key, write_sheet)
from analysis.errors import DataFileError
from analysis.model import Article, Paragraph, Statement
from analysis.knowledge.target import Target
from analysis.measures.target_stance import code_pieces

TARGET = Target("the Harbour Authority", aliases=("Harbour Authority",))


def _corpus():
    text = ("Critics said the Harbour Authority must resign.\n"
            "\"The Harbour Authority did well,\" said Ann Lee.\n"
            "\"It rained,\" said Bo Chan.")
    paras, pos = [], 0
    for i, line in enumerate(text.split("\n")):
        paras.append(Paragraph(i, pos, pos + len(line), line))
        pos += len(line) + 1
    art = Article("a1", text, {}, tuple(paras))

    def st(words, idx, kind):
        s = text.index(words)
        para = next(p.index for p in paras if p.start <= s < p.end)
        return Statement("a1", idx, para, s, s + len(words), words, kind, "someone")

    pieces = [st("the Harbour Authority must resign", 0, "indirect"),
              st("The Harbour Authority did well,", 1, "full"), st("It rained,", 2, "full")]
    return {"a1": code_pieces(pieces, art, TARGET, model=False)}, {"a1": art}


def test_sample_is_deterministic_and_bounded():
    coded, arts = _corpus()
    a = sample_items(coded, arts, 2, seed=3)
    assert a == sample_items(coded, arts, 2, seed=3)
    assert [i["item"] for i in a] == [1, 2] and len(sample_items(coded, arts, 10)) == 3
    first = sample_items(coded, arts, 3)[0]
    assert first["stance"] == "critical" and first["context"].startswith("Critics said")


def test_round_trip(tmp_path):
    coded, arts = _corpus()
    items = sample_items(coded, arts, 3)
    sheet, key = tmp_path / "sheet.csv", tmp_path / "key.csv"
    write_sheet(sheet, items)
    write_key(key, items)
    rows = list(csv.DictReader(sheet.open(encoding="utf-8")))
    assert list(rows[0]) == SHEET_COLUMNS and all(r["code"] == "" for r in rows)
    assert "stance" not in rows[0]  # coders code blind
    assert rows[0]["values"] == "critical|defensive|mixed|neutral"
    assert list(csv.DictReader(key.open(encoding="utf-8")).fieldnames) == KEY_COLUMNS
    for r, code in zip(rows, ["critical", "defensive", ""]):
        r["code"] = code
    with sheet.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, SHEET_COLUMNS)
        w.writeheader()
        w.writerows(rows)
    assert read_sheet(sheet) == {1: "critical", 2: "defensive"}
    assert read_key(key) == {i["item"]: i["stance"] for i in items}


def test_bad_code_names_line_and_field(tmp_path):
    p = tmp_path / "s.csv"
    p.write_text("item,values,code\n1,critical|neutral,hostile\n", encoding="utf-8")
    with pytest.raises(DataFileError) as e:
        read_sheet(p)
    assert "s.csv:2" in str(e.value) and "field 'code'" in str(e.value)
    p.write_text("item,code\n1,critical\n", encoding="utf-8")
    with pytest.raises(DataFileError):
        read_sheet(p)


def test_agreement_pairs_confusion_and_disagreements():
    codings = {"ann": {1: "critical", 2: "neutral", 3: "defensive"},
               "bo": {1: "critical", 2: "critical", 3: "defensive", 4: "neutral"},
               PROGRAM: {1: "critical", 2: "neutral", 3: "mixed", 4: "neutral"}}
    items = {2: {"article_id": "a1", "statement": 1, "text": "x"}}
    recs = sheet_agreement(codings, items)
    assert [(r["a"], r["b"]) for r in recs] == [("ann", "bo"), (PROGRAM, "ann"), (PROGRAM, "bo")]
    ab = recs[0]
    assert ab["n"] == 3 and ab["percent_agreement"] == pytest.approx(2 / 3)
    assert not math.isnan(ab["krippendorff_alpha"])
    assert ab["confusion"]["neutral"]["critical"] == 1
    assert ab["disagreements"] == [{"item": 2, "ann": "neutral", "bo": "critical",
                                    "article_id": "a1", "statement": 1, "text": "x"}]
    assert recs[2]["n"] == 4


def test_filled_sheet_import_and_items(tmp_path):
    from analysis.validation.coding_sheet import import_sheets, read_items

    coded, arts = _corpus()
    items = sample_items(coded, arts, 3)
    write_sheet(tmp_path / "ann.csv", items, codes={1: "critical", 2: "neutral"})
    write_key(tmp_path / "key.csv", items)
    codings = import_sheets([tmp_path / "ann.csv"], tmp_path / "key.csv")
    assert codings["ann"] == {1: "critical", 2: "neutral"}  # item 3 left empty: not coded
    assert codings[PROGRAM] == {it["item"]: it["stance"] for it in items}
    assert PROGRAM not in import_sheets([tmp_path / "ann.csv"], tmp_path / "none.csv")
    got = read_items(tmp_path / "key.csv", [tmp_path / "ann.csv"])
    assert got[1]["text"] == items[0]["text"] and got[1]["stance"] == "critical"
    assert got[2]["rule"] == items[1]["rule"] and got[3]["speaker"] == "someone"
