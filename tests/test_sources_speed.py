"""The cheap paths of the sources measure give what the full computations give."""
from __future__ import annotations

import pytest

from analysis.measures.sources import load_roles
from analysis.measures.sources.gender import _gender_pieces, _phrase_gender
from analysis.measures.sources.mentions import _description
from analysis.text.tokens import Tokens, Words


@pytest.mark.parametrize("text", [
    "", "Sen. Maria Lopez", "the campaign\u2019s press secretary", "U.S. Rep. Jo-Ann O'Neil Jr.",
    "a_b __c x.mr &y", "Stra\u00dfe \u0130stanbul \u0345mr", "  leading and trailing  ", "\u201cHe said\u201d"])
def test_words_are_the_words_of_tokens(text):
    toks, words = Tokens(text), Words(text)
    assert words.words == toks.words and words.lower == toks.lower and len(words) == len(toks)
    assert [words.is_word(i) for i in range(-1, len(toks) + 1)] == \
        [toks.is_word(i) for i in range(-1, len(toks) + 1)]


def test_gender_pieces_cover_honorifics_and_gendered_nouns():
    pieces = _gender_pieces(load_roles())
    assert pieces is not None and {"mr", "ms", "congresswoman", "first", "lady"} <= pieces
    assert _gender_pieces(load_roles()) is pieces  # built once per role file


@pytest.mark.parametrize("phrase, gender", [
    ("Ms. Lopez", ("female", "honorific", "Ms")), ("the congressman", ("male", "gendered_noun", "congressman")),
    ("Adams and Williams", None), ("the man's lawyer", ("male", "gendered_noun", "man's")),
    ("Mansfield", None), ("MR Smith", ("male", "honorific", "MR"))])
def test_phrase_gender_with_and_without_a_gender_word(phrase, gender):
    _phrase_gender.cache_clear()
    assert _phrase_gender(phrase) == gender


def _description_full(text: str, s: int, e: int) -> tuple[int, int]:
    """_description as it was first written: tokenising the whole 90-character window."""
    from analysis.quotes.attribution import ABBREVIATIONS, STOP, verb_words
    lo = max(0, s - 90)
    nl = text.rfind("\n", lo, s)
    toks = Tokens(text, lo if nl < 0 else nl + 1, s)
    a = s
    for t in range(len(toks) - 1, max(-1, len(toks) - 8), -1):
        w, low = toks.words[t], toks.lower[t]
        if w == "." and not (t > 0 and (toks.lower[t - 1] in ABBREVIATIONS
                                        or len(toks.words[t - 1]) == 1)):
            break
        if not toks.is_word(t) and w not in (".", "-"):
            break
        if low in verb_words() or (low in STOP and low not in ("of", "for", "at")):
            break
        a = toks.spans[t][0]
    return a, e


def test_description_reads_only_the_last_tokens():
    import random
    rng = random.Random(7)
    words = ["Sen.", "the", "former", "U.S.", "Republican", "presidential", "nominee", "of", "-",
             ".", "J.", "a", "\u00a0", "\t", "\n", "Mr.", "state's", "x", "said", ",", "New", "York"]
    for _ in range(3000):
        text = "".join(rng.choice(words) + rng.choice([" ", "", "  ", "\u2009"])
                       for _ in range(rng.randint(1, 40)))
        s = rng.randint(0, len(text))
        _description.cache_clear()
        assert _description(text, s, len(text)) == _description_full(text, s, len(text)), (text, s)
