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


def _strips(n):
    """Paragraphs and statements of n one-paragraph articles a0..a{n-1}."""
    ids = [f"a{i}" for i in range(n)]
    paragraphs = pd.DataFrame({"article_id": ids, "paragraph": [0] * n, "role": ["body"] * n})
    statements = pd.DataFrame({"article_id": ids, "statement": [0] * n, "paragraph": [0] * n,
                               "kind": ["full"] * n, "stance": ["neutral"] * n,
                               "actor": ["x"] * n, "speaker": ["X"] * n})
    return paragraphs, statements


def test_voice_strip_draws_at_most_max_articles_and_says_so():
    from analysis.report.plots import MAX_STRIPS

    paragraphs, statements = _strips(40)
    fig = voice_strip(statements, paragraphs)
    assert len(fig.axes) == MAX_STRIPS
    assert f"the first {MAX_STRIPS} of 40 articles" in fig._suptitle.get_text()
    fig = voice_strip(statements, paragraphs, max_articles=3)
    assert len(fig.axes) == 3


def test_voice_strip_draws_the_articles_asked_for_in_their_order():
    paragraphs, statements = _strips(10)
    fig = voice_strip(statements, paragraphs, articles=["a7", "nope", "a2"])
    assert [ax.get_ylabel() for ax in fig.axes] == ["a7", "a2"]
    assert "of" not in fig._suptitle.get_text()
    from analysis.report.plots import strip_articles

    assert strip_articles(paragraphs, ["a7", "nope", "a2"]) == (["a7", "a2"], 2)
    assert strip_articles(paragraphs, max_articles=4) == (["a0", "a1", "a2", "a3"], 10)


def test_voice_strip_never_prints_two_speaker_labels_at_one_paragraph():
    paragraphs = pd.DataFrame({"article_id": ["a"] * 3, "paragraph": [0, 1, 2], "role": ["body"] * 3})
    statements = pd.DataFrame({"article_id": ["a"] * 3, "statement": [0, 1, 2], "paragraph": [0, 0, 2],
                               "kind": ["full"] * 3, "stance": ["neutral"] * 3,
                               "actor": ["x", "y", "z"], "speaker": ["X", "Y", "Z"]})
    fig = voice_strip(statements, paragraphs)
    assert [t.get_text() for t in fig.axes[0].texts] == ["x", "z"]


def test_bar_figures_cap_their_rows_and_say_so():
    from analysis.report.plots import MAX_BARS

    table = pd.DataFrame({"x": range(30), "y": range(30)}, index=[f"r{i}" for i in range(30)])
    fig = grouped_bars(table, "T", "n")
    assert len(fig.axes[0].patches) == 2 * MAX_BARS
    assert f"the first {MAX_BARS} of 30" in fig.axes[0].get_title()
    fig = stacked_shares(table, "S")
    assert len(fig.axes[0].patches) == 2 * MAX_BARS
    assert f"the first {MAX_BARS} of 30" in fig.axes[0].get_title()


def test_event_dots_draw_the_events_most_outlets_cover_capped():
    from analysis.report.plots import event_dots, top_events

    events = [f"e{i}" for i in range(20)]
    table = pd.DataFrame({"fox": [1.0] * 20, "nyt": [2.0] * 19 + [None],
                          "hpo": [None] * 10 + [3.0] * 9 + [None]}, index=events)
    assert top_events(table, 3) == ["e10", "e11", "e12"]  # three outlets first
    assert "e19" not in top_events(table, 50)  # one outlet only: nothing to compare
    panels = {f"m{i}": table for i in range(5)}
    fig = event_dots(panels, {"fox": "Fox"}, max_events=4, max_panels=2)
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title() for ax in visible] == ["m0", "m1"]
    assert len(visible[0].get_yticks()) == 4
    assert "the 4 events most outlets cover, of 19" in fig._suptitle.get_text()
    assert sum(len(c.get_offsets()) for c in visible[0].collections) == 4 + 4 + 4


def test_bar_labels_are_turned_only_when_crowded():
    short = pd.DataFrame({"x": [1.0] * 5}, index=["full", "partial", "scare", "indirect", "all"])
    assert grouped_bars(short, "T", "n").axes[0].get_xticklabels()[0].get_rotation() == 0
    long = pd.DataFrame({"x": [1.0] * 6}, index=[f"article {i} of a long outlet name" for i in range(6)])
    assert grouped_bars(long, "T", "n").axes[0].get_xticklabels()[0].get_rotation() == 30
