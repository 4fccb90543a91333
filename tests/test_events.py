"""Event passages: which paragraphs are about which event, and restricting an article to them.

Events belong to a story: the seed cases use the seed study's events file
(studies/met-police-2024/events.yaml); the package ships no events.
"""
from __future__ import annotations

import pytest

from analysis.corpus.readers import make_article
from analysis.errors import DataFileError
from analysis.corpus.events import event_paragraphs, event_view, load_events, restrict
from conftest import SEED_EVENTS


@pytest.fixture(scope="module")
def events():
    return load_events(SEED_EVENTS)


def test_the_seed_study_events_are_its_knowledge(events, seed_events):
    assert set(events) == {"april_2024_falter", "october_2024_vigil"}
    assert seed_events == events


def test_no_study_knows_no_events():
    from analysis.knowledge.bundle import general_knowledge

    assert general_knowledge().events == {}


@pytest.mark.parametrize("article_id, event, expected", [
    ("000", "april_2024_falter", [11, 12, 13]),
    ("000", "october_2024_vigil", [0, 6, 7, 10, 15, 16]),
    ("001", "october_2024_vigil", []),
    ("002", "october_2024_vigil", []),
])
def test_seed_event_passages(seeds, events, article_id, event, expected):
    assert event_paragraphs(seeds[article_id], events[event]) == expected


def test_captions_are_never_event_passages(seeds, events):
    april = set(event_paragraphs(seeds["001"], events["april_2024_falter"]))
    assert not april & {p.index for p in seeds["001"].set_aside()}


def test_continuation_needs_a_preceding_hit(events):
    art = make_article("x", "Days earlier, something else happened.\nIn April, Falter was stopped.\n"
                            "Days earlier, a video was posted.\nUnrelated closing line here.")
    assert event_paragraphs(art, events["april_2024_falter"]) == [1, 2]


def test_restrict_keeps_offsets_and_marks_the_rest(seeds):
    art = seeds["000"]
    sub = restrict(art, {11, 12}, "not about April 2024")
    assert [p.index for p in sub.body()] == [11, 12]
    assert sub.text == art.text
    assert {p.role for p in sub.paragraphs} == {"body", "out_of_scope"}
    assert sub.meta["restricted_to"] == "not about April 2024"


@pytest.mark.parametrize("content, message", [
    ("events: [", "not valid YAML"),
    ("version: 1", "list under 'events'"),
    ("foo: 1", "unknown top-level key"),
    ("events:\n  - id: a\n    label: b\n", "event 0 has no 'keywords'"),
    ("events:\n  - id: a\n    label: b\n    keywords: []\n", "non-empty list"),
])
def test_bad_events_file(tmp_path, content, message):
    f = tmp_path / "events.yaml"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError, match=message) as err:
        load_events(f)
    assert str(f) in str(err.value)


def test_event_view_keeps_articles_about_the_event_whole(seeds, events):
    april = events["april_2024_falter"]
    assert event_view(seeds["001"], april) is seeds["001"]
    assert event_view(seeds["002"], april) is seeds["002"]
    assert [p.index for p in event_view(seeds["000"], april).body()] == [11, 12, 13]


def test_event_view_without_metadata_uses_the_passages(events):
    art = make_article("x", "In April, Falter was stopped.\nThe weather was fine today.")
    assert [p.index for p in event_view(art, events["april_2024_falter"]).body()] == [0]
