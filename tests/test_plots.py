"""Plot helpers draw what they are given, with titles and labels."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402

from analysis.report.plots import grouped_bars, stacked_shares, voice_strip  # noqa: E402


def test_voice_strip_one_row_per_article():
    paragraphs = pd.DataFrame({"article_id": ["a", "a", "b"], "paragraph": [0, 1, 0],
                               "role": ["body", "caption", "body"]})
    statements = pd.DataFrame({"article_id": ["a", "b", "b"], "statement": [0, 0, 0], "paragraph": [0, 0, 0],
                               "kind": ["full", "indirect", "indirect"], "stance": ["critical", "neutral", "neutral"],
                               "actor": ["caa", None, None], "speaker": ["The CAA", "he", "he"]})
    fig = voice_strip(statements, paragraphs, labels={"a": "Outlet A"})
    assert len(fig.axes) == 2
    assert fig.axes[0].get_ylabel() == "Outlet A"
    assert len(fig.axes[0].collections) == 1  # one statement marker in article a
    assert len(fig.axes[1].collections) == 1  # b's two pieces of statement 0 drawn once


def test_voice_strip_labels_fall_back_to_the_speaker():
    paragraphs = pd.DataFrame({"article_id": ["a"], "paragraph": [0], "role": ["body"]})
    statements = pd.DataFrame({"article_id": ["a"], "statement": [0], "paragraph": [0], "kind": ["full"],
                               "stance": ["neutral"], "actor": [float("nan")], "speaker": ["a bystander"]})
    fig = voice_strip(statements, paragraphs)
    assert [t.get_text() for t in fig.axes[0].texts] == ["a bystander"]


def test_voice_strip_with_no_statements():
    paragraphs = pd.DataFrame({"article_id": ["a"], "paragraph": [0], "role": ["body"]})
    statements = pd.DataFrame(columns=["article_id", "statement", "paragraph", "kind", "stance", "actor"])
    assert len(voice_strip(statements, paragraphs).axes) == 1


def test_grouped_and_stacked():
    table = pd.DataFrame({"x": [1.0, 2.0], "y": [0.0, None]}, index=["A", "B"])
    fig = grouped_bars(table, "Title", "per 1k")
    assert fig.axes[0].get_title() == "Title" and fig.axes[0].get_ylabel() == "per 1k"
    assert len(fig.axes[0].patches) == 4
    fig = stacked_shares(pd.DataFrame({"p": [1, 0], "q": [1, 0]}, index=["A", "B"]), "Shares")
    widths = [p.get_width() for p in fig.axes[0].patches]
    assert widths == [0.5, 0.0, 0.5, 0.0]
