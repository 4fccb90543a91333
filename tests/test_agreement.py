"""Agreement statistics, statement alignment, lexicon precision/recall and gold-file validation."""
from __future__ import annotations

import math

import pytest

from analysis.validation.agreement import (agreement, cohen_kappa, disagreements, krippendorff_alpha,
                                lexicon_agreement, load_gold_loaded, load_gold_statements,
                                match_pieces, overlap, percent_agreement, stance_agreement)
from analysis.corpus.readers import make_article
from analysis.errors import DataFileError


def test_kappa_and_alpha_hand_computed():
    a = ["x", "x", "y", "y"]
    b = ["x", "y", "y", "y"]
    assert percent_agreement(a, b) == 0.75
    assert cohen_kappa(a, b) == pytest.approx(0.5)  # po .75, pe (2*1 + 2*3)/16 = .5
    assert krippendorff_alpha(a, b) == pytest.approx(1 - (2 / 8) / (30 / 56))


def test_perfect_and_undefined():
    assert cohen_kappa(["a", "b"], ["a", "b"]) == 1.0
    assert krippendorff_alpha(["a", "b"], ["a", "b"]) == pytest.approx(1.0)
    assert math.isnan(cohen_kappa(["a", "a"], ["a", "a"]))
    assert math.isnan(krippendorff_alpha(["a", "a"], ["a", "a"]))
    stats = agreement([], [])
    assert stats["n"] == 0 and all(math.isnan(stats[k]) for k in
                                   ("percent_agreement", "cohen_kappa", "krippendorff_alpha"))


def test_overlap():
    assert overlap("lost faith in the police", "they had lost faith in the police") == pytest.approx(5 / 7)
    assert overlap("", "") == 0.0


def gp(stmt, para, text, stance, kind="full", actor="caa"):
    return {"article_id": "a", "statement": stmt, "paragraph": para, "text": text,
            "stance": stance, "kind": kind, "actor": actor}


def test_alignment_and_disagreements():
    gold = [gp(0, 1, "Mark Rowley should go now", "critical"),
            gp(1, 2, "We remain focused on safety", "defensive"),
            gp(1, 3, "and we will keep at it", "defensive"),
            gp(2, 4, "the weather", "neutral")]
    auto = [gp(7, 1, "Mark Rowley should go now.", "critical"),
            gp(8, 3, "and we will keep at it", "neutral"),
            gp(9, 5, "an extra quote", "critical")]
    pairs = match_pieces(auto, gold)
    assert (0, 0, 1.0) in pairs and (None, 3, 0.0) in pairs and (2, None, 0.0) in pairs
    stats, rows = stance_agreement(auto, gold)
    status = {(r["gold_statement"], r["auto_statement"]): r["status"] for r in rows}
    assert status == {(0, 7): "matched", (1, 8): "matched", (2, None): "missed",
                      (None, 9): "extra"}
    assert stats["n"] == 2 and stats["percent_agreement"] == 0.5
    assert stats["missed"] == 1 and stats["extra"] == 1 and stats["gold_statements"] == 3
    dis = disagreements(rows)
    assert {(r["gold_statement"], r["status"]) for r in dis} == {(1, "matched"), (2, "missed"),
                                                                 (None, "extra")}


def test_lexicon_precision_recall():
    art = make_article("a", "Intro line.\nThe embattled chief faced a fierce row today.")
    hits = [{"article_id": "a", "paragraph": 1, "start": art.text.index("embattled"),
             "end": art.text.index("embattled") + 9, "matched": "embattled", "term": "embattled",
             "category": "p", "voice": "outlet"},
            {"article_id": "a", "paragraph": 1, "start": art.text.index("today"),
             "end": art.text.index("today") + 5, "matched": "today", "term": "today",
             "category": "p", "voice": "outlet"}]
    gold = [{"article_id": "a", "paragraph": 1, "text": "The Embattled chief", "voice": "outlet"},
            {"article_id": "a", "paragraph": 1, "text": "fierce row", "voice": "outlet"}]
    stats, rows = lexicon_agreement(hits, gold, {"a": art})
    assert stats["precision"] == 0.5 and stats["recall"] == 0.5 and stats["f1"] == 0.5
    assert sorted(r["status"] for r in rows) == ["fn", "fp", "tp"]
    assert stats["voice_agreement"] == 1.0
    empty, _ = lexicon_agreement([], [], {})
    assert math.isnan(empty["precision"]) and math.isnan(empty["recall"])


@pytest.mark.parametrize("body,line,field", [
    ("000,x,1,full,t,s,caa,jewish_community,said,critical,\n", 2, "statement"),
    ("000,0,1,quote,t,s,caa,jewish_community,said,critical,\n", 2, "kind"),
    ("000,0,1,full,t,s,caa,jewish_community,said,critical,\n000,1,1,full,t,s,,unknown,,cross,\n",
     3, "stance"),
])
def test_gold_statement_validation(tmp_path, body, line, field):
    p = tmp_path / "g.csv"
    p.write_text("article_id,statement,paragraph,kind,text,speaker,actor,group,cue,stance,note\n"
                 + body, encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_gold_statements(p)
    assert err.value.line == line and err.value.field == field and "g.csv" in str(err.value)


def test_gold_loaded_validation(tmp_path):
    p = tmp_path / "l.csv"
    p.write_text("article_id,paragraph,text,voice,note\n000,1,x,narrator,\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="voice"):
        load_gold_loaded(p)
    p.write_text("article_id,paragraph\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="missing column"):
        load_gold_loaded(p)
