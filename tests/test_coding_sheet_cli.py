"""The coding-sheet command: a blind sheet and the program's key, then agreement of filled sheets."""
from __future__ import annotations

import csv

from analysis.run.cli import main
from conftest import ROOT

SEED_STUDY = ROOT / "studies" / "met-police-2024"


def _fill(src, dst, code):
    """A coder's copy of a sheet with every item coded `code`."""
    with open(src, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    with open(dst, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, list(rows[0]))
        w.writeheader()
        for r in rows:
            w.writerow({**r, "code": code})
    return rows


def test_sheet_round_trip(tmp_path, capsys):
    out = tmp_path / "coding"
    assert main(["coding-sheet", "--study", str(SEED_STUDY), "--sample", "6", "--out", str(out)]) == 0
    rows = _fill(out / "sheet.csv", tmp_path / "ann.csv", "neutral")
    assert len(rows) == 6 and all(r["code"] == "" for r in rows)  # coders code blind
    with open(out / "key.csv", encoding="utf-8", newline="") as fh:
        key = list(csv.DictReader(fh))
    assert [r["item"] for r in key] == [r["item"] for r in rows]
    _fill(out / "sheet.csv", tmp_path / "bob.csv", "neutral")
    capsys.readouterr()
    assert main(["coding-sheet", "--study", str(SEED_STUDY), "--out", str(out), "--import",
                 str(tmp_path / "ann.csv"), str(tmp_path / "bob.csv")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("ann vs bob: n 6, agreement 1.000")
    assert any(line.startswith("program vs ann: n 6") for line in lines)


def test_a_second_sheet_into_the_same_folder_is_refused(tmp_path, capsys):
    out = tmp_path / "coding"
    args = ["coding-sheet", "--study", str(SEED_STUDY), "--sample", "3", "--out", str(out)]
    assert main(args) == 0
    before = (out / "sheet.csv").read_bytes()
    assert main(args) == 2
    assert "already holds a coding sheet" in capsys.readouterr().err
    assert (out / "sheet.csv").read_bytes() == before
