"""Reader labels: every column a notebook shows has a human label; tables are rounded and capped."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.report import labels, reportdata, tables
from conftest import ROOT

RESULTS = ROOT / "outputs" / "results"


@pytest.mark.parametrize("table", ["articles", "statements", "hits", "paragraphs", "passives",
                                   "sentences", "frames", "frame_evidence", "entman"])
def test_every_results_column_of_the_seed_has_a_label_map_entry(table):
    cols = pd.read_csv(RESULTS / f"{table}.csv", nrows=0).columns
    for col in cols:
        label = labels.column_label(col)
        assert "_" not in label and label[:1].isupper(), (col, label)
        # a known column: in the map itself or in one of the study-category families
        assert col in labels.COLUMNS or col in labels.FRAMES \
            or any(col.startswith(p) for p, _ in labels.PREFIXES), col


def test_the_report_tables_columns_have_labels():
    for col in ["article_id", "outlet", "paragraphs", "body_paragraphs", "set_aside",
                "characters", "words", "flesch_reading_ease", "flesch_kincaid_grade",
                "outlet_inferred", "outlet_evidence", "headline_source", "date_earliest",
                "date_latest", "date_inferred", "date_evidence", "event", "background_event",
                "event_id", "article", "kept", "event paragraphs", "body paragraphs"]:
        assert col in labels.COLUMNS, col


def test_labels_of_fixed_family_and_unknown_columns():
    assert labels.column_label("critical_defensive_ratio_words") == \
        "Critical : defensive (quoted words)"
    assert labels.column_label("quoted_share_city_council") == "Quoted words: city council (share)"
    assert labels.column_label("loaded_pressure_weakness") == "Loaded terms: pressure weakness"
    assert labels.column_label("source_voices_police_military") == "Sourced voices: police military"
    assert labels.column_label("some_new_thing") == "Some new thing"
    assert labels.column_label("loaded_per_1k") == "Loaded terms per 1,000 words"


def test_readable_labels_rounds_and_shows_whole_numbers_as_integers():
    frame = pd.DataFrame({"article_id": ["a", "b"], "words": [120.0, 80.0],
                          "vader_compound": [0.123456, -0.5], "first_voice_paragraph": [3.0, math.nan]})
    frame.index.name = "article_id"
    out = labels.readable(frame)
    assert list(out.columns) == ["Article", "Words", "Tone (VADER)", "First voice: paragraph"]
    assert out.index.name == "Article"
    assert str(out["Words"].dtype) == "Int64" and list(out["Words"]) == [120, 80]
    assert list(out["Tone (VADER)"]) == [0.12, -0.5]
    assert out["First voice: paragraph"].iloc[0] == 3 and pd.isna(out["First voice: paragraph"].iloc[1])
    assert list(frame.columns)[0] == "article_id"  # the input is left alone


def test_readable_labels_a_pivot_s_column_name_and_multiindex():
    frame = pd.DataFrame({"article_id": ["a", "a"], "cue_class": ["neutral", "evaluative"],
                          "statement": [1, 2]}).pivot_table(index=["article_id", "cue_class"],
                                                            values="statement", aggfunc="count")
    out = labels.readable(frame)
    assert list(out.index.names) == ["Article", "Verb class"]
    wide = labels.readable(pd.DataFrame({"body": [1]}, index=["a"]).rename_axis(columns="role"))
    assert wide.columns.name == "Role" and list(wide.columns) == ["Body"]


def test_first_rows_caps_and_says_where_the_whole_table_is():
    frame = pd.DataFrame({"x": range(250)})
    head, note = reportdata.first_rows(frame, "statements", 100, "data/statements.csv")
    assert len(head) == 100 and "100 of 250 statements" in note and "data/statements.csv" in note
    head, note = reportdata.first_rows(frame.iloc[:5], "statements", 100)
    assert len(head) == 5 and note == ""


def test_transposed_caps_the_columns():
    frame = pd.DataFrame({"words": range(30)}, index=[f"a{i}" for i in range(30)])
    wide, left = tables.transposed(frame, limit=12)
    assert wide.shape == (1, 12) and left == 18 and list(wide.index) == ["Words"]
    wide, left = tables.transposed(frame.iloc[:3], limit=12)
    assert wide.shape == (1, 3) and left == 0


def test_readable_shows_missing_text_blank():
    out = labels.readable(pd.DataFrame({"actor": ["mayor", None, math.nan]}))
    assert list(out["Actor"]) == ["mayor", "", ""]


def test_scores_table_labels_names_and_keeps_counts_whole():
    table = tables.scores({"true_positive_hits": 64.0, "precision": 0.90141, "gold": 73}, "Figures")
    assert list(table.index) == ["True positive hits", "Precision", "Gold"]
    assert table["Figures"].tolist() == [64, 0.901, 73]
    assert isinstance(table["Figures"].iloc[0], int)


def test_tables_show_outlets_by_their_study_labels():
    frame = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["nyt", "fox"]})
    named = tables.outlets_named(frame, {"nyt": "The New York Times", "fox": "Fox News"}.get)
    assert named["outlet"].tolist() == ["The New York Times", "Fox News"]
    assert frame["outlet"].tolist() == ["nyt", "fox"]  # the caller's table is left alone
    assert tables.outlets_named(frame, None) is frame
    wide, _ = tables.transposed(named)
    assert "The New York Times" in wide.loc["Outlet"].tolist()


def test_a_wide_table_says_how_many_items_it_left_out(monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", shown.append)
    frame = pd.DataFrame({"article_id": [f"a{i}" for i in range(15)], "words": range(15)})
    tables.show_transposed(frame.set_index("article_id"), "articles", "data/articles.csv", limit=12)
    wide, note = shown
    assert list(wide.columns) == [f"a{i}" for i in range(12)]
    assert note.data == "*The first 12 of 15 articles. The whole table is `data/articles.csv` under Downloads.*"
