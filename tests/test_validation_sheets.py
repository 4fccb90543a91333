"""The report's coding-sheet agreement (analysis.validation.sheets): a study's hand coding and
coders' sheets through the files and functions of ``coding-sheet --import``."""
from __future__ import annotations

import csv
import json
import math

from analysis.validation import sheets
from analysis.validation.coding_sheet import PROGRAM, read_sheet


def _auto():
    """Program statements (as a results table gives them: evidence as JSON text)."""
    ev = json.dumps([{"start": 0, "end": 6, "words": "resign", "rule": "speech_act:call_to_resign",
                      "side": "critical", "weight": 1.0}])
    return [
        {"article_id": "a", "statement": 0, "paragraph": 1, "kind": "full", "actor": "x",
         "text": "The chief must resign now", "stance": "critical", "stance_rule": "speech_act",
         "stance_evidence": ev},
        {"article_id": "a", "statement": 1, "paragraph": 2, "kind": "full", "actor": "y",
         "text": "We back the chief fully", "stance": "neutral", "stance_rule": "none",
         "stance_evidence": "[]"},
        {"article_id": "a", "statement": 2, "paragraph": 3, "kind": "full", "actor": "z",
         "text": "Only the program found this", "stance": "neutral", "stance_rule": "none",
         "stance_evidence": ""},
    ]


def _gold():
    return [
        {"article_id": "a", "statement": 0, "paragraph": 1, "kind": "full", "actor": "x",
         "text": "The chief must resign now", "stance": "critical"},
        {"article_id": "a", "statement": 1, "paragraph": 2, "kind": "full", "actor": "y",
         "text": "We back the chief fully", "stance": "defensive"},
        {"article_id": "a", "statement": 2, "paragraph": 5, "kind": "full", "actor": "w",
         "text": "A statement the program missed", "stance": "critical"},
    ]


def test_hand_items_are_the_matched_statements_with_both_codes():
    items = sheets.hand_items(_auto(), _gold())
    assert [(i["item"], i["code"], i["stance"]) for i in items] == [
        (1, "critical", "critical"), (2, "defensive", "neutral")]
    assert items[0]["evidence"] == "resign (speech_act:call_to_resign, critical)"


def test_hand_coding_goes_through_the_import_path(tmp_path):
    sheet, key = sheets.write_hand_sheets(tmp_path, sheets.hand_items(_auto(), _gold()))
    assert sheet.name == "hand_coding.csv" and read_sheet(sheet) == {1: "critical", 2: "defensive"}
    with open(sheet, encoding="utf-8", newline="") as fh:
        assert "stance" not in next(csv.DictReader(fh))  # the sheet holds no program code
    rep = sheets.sheet_report(tmp_path)
    assert rep["coders"] == ["hand_coding"]
    [row] = rep["summary"]
    assert row == {"pair": "program vs hand coding (study)", "items": 2, "agreement (%)": 50.0,
                   "Cohen's kappa": 0.333, "Krippendorff's alpha": row["Krippendorff's alpha"],
                   "disagreements": 1}
    [dis] = rep["disagreements"]["program vs hand coding (study)"]
    assert (dis["item"], dis["program"], dis["hand coding (study)"]) == (2, "neutral", "defensive")
    assert dis["text"] == "We back the chief fully" and dis["program rule"] == "none"
    table = rep["confusion"]["program vs hand coding (study)"]
    crit = next(r for r in table if r["program"] == "critical")
    assert crit["hand coding (study): critical"] == 1
    neutral = next(r for r in table if r["program"] == "neutral")
    assert neutral["hand coding (study): defensive"] == 1


def test_a_second_coder_gives_coder_vs_coder_first(tmp_path):
    items = sheets.hand_items(_auto(), _gold())
    sheets.write_hand_sheets(tmp_path, items)
    sheets.write_hand_sheets(tmp_path / "b", items, coder="bo_chan")  # same items, same codes
    (tmp_path / "bo_chan.csv").write_bytes((tmp_path / "b" / "bo_chan.csv").read_bytes())
    rep = sheets.sheet_report(tmp_path)
    assert [r["pair"] for r in rep["summary"]] == ["bo chan vs hand coding (study)",
                                                   "program vs bo chan",
                                                   "program vs hand coding (study)"]
    assert rep["summary"][0]["agreement (%)"] == 100.0 and rep["summary"][0]["disagreements"] == 0


def test_no_key_no_sheets(tmp_path):
    (tmp_path / "ann.csv").write_text("item,values,code\n", encoding="utf-8")
    assert sheets.coder_sheets(tmp_path) == [] and sheets.coder_sheets(None) == []


def test_evidence_text_reads_records_json_and_plain_text():
    assert sheets.evidence_text(None) == "" and sheets.evidence_text("[]") == ""
    assert sheets.evidence_text([{"words": "w", "rule": "r", "side": "s"}]) == "w (r, s)"
    assert sheets.evidence_text("not json") == "not json"


def test_labels_and_rounding():
    assert sheets.label(PROGRAM) == "program" and sheets.label("ann_lee") == "ann lee"
    rec = {"a": PROGRAM, "b": "ann", "n": 3, "percent_agreement": 2 / 3, "cohen_kappa": 0.123456,
           "krippendorff_alpha": math.nan, "disagreements": [{}]}
    row = sheets.summary([rec])[0]
    assert row["agreement (%)"] == 66.667 and row["Cohen's kappa"] == 0.123
    assert math.isnan(row["Krippendorff's alpha"])


def test_study_reports_hand_coding_and_a_coding_folder(tmp_path):
    from analysis.validation.agreement import GOLD_STATEMENT_COLUMNS

    ev = tmp_path / "evaluation"
    ev.mkdir()
    with open(ev / "seeds_statements.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, GOLD_STATEMENT_COLUMNS, extrasaction="ignore")
        w.writeheader()
        for g in _gold():
            w.writerow({**g, "group": "unknown", "speaker": "", "cue": "said", "note": ""})
    reps = sheets.study_reports(_auto(), ev, tmp_path / "out")
    assert list(reps) == ["hand coding"] and (tmp_path / "out" / "hand_coding.csv").is_file()
    assert reps["hand coding"]["summary"][0]["items"] == 2
    assert sheets.study_reports(_auto(), ev, tmp_path / "o2", article_ids=["b"])[
        "hand coding"]["summary"][0]["items"] == 0
    sheets.write_hand_sheets(ev / "coding", sheets.hand_items(_auto(), _gold()), coder="ann")
    assert list(sheets.study_reports(_auto(), ev, tmp_path / "o3")) == ["hand coding",
                                                                      "coding sheets"]
    assert sheets.study_reports(_auto(), None, tmp_path / "o4") == {}
