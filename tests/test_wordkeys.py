"""Word keys: the pre-filter must never skip a pattern that could match (it only saves time)."""
from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings, strategies as st

from analysis.measures.lexicon import bounded, phrase_regex
from analysis.text.wordkeys import (candidates, fold, key_index, leading_word, text_words,
                               word_key)

_WORD_CHAR = re.compile(r"[^\W_]")


def test_fold_covers_every_character_case_insensitive_matching_equates_with_ascii():
    """Exhaustive over Unicode: a non-ASCII character that re.IGNORECASE matches to an ASCII
    letter or digit is folded to it; folding keeps one character per character and never
    turns a letter or digit into anything else or back."""
    ascii_alnum = re.compile(r"[a-z0-9]", re.IGNORECASE)
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        folded = fold(ch)
        assert len(folded) == 1, hex(code)
        assert bool(_WORD_CHAR.match(ch)) == bool(_WORD_CHAR.match(folded)), hex(code)
        if code > 127 and ascii_alnum.fullmatch(ch):
            assert folded.isascii() and ascii_alnum.fullmatch(folded), hex(code)


def test_text_words():
    assert text_words("Sir Mark's EMBATTLED force_now ſcrambling") == {
        "sir", "mark", "s", "embattled", "force", "now", "scrambling"}
    assert text_words("") == frozenset()


@pytest.mark.parametrize("phrase,word", [
    ("hauled before", "hauled"), ("Jaw-dropping", "jaw"), ("can't", "can"), ("u.s. row", "u"),
    ("  row", "row"), ("'scare'", None), ("café society", None), ("", None), ("42 days", "42"),
])
def test_leading_word(phrase, word):
    assert leading_word(phrase) == word


def test_word_key_is_none_when_any_phrase_cannot_be_keyed():
    assert word_key(["row", "'row'"]) is None
    assert word_key([]) is None
    key = word_key(["summon", "summoned"], ["resign"])
    assert key is not None and key.words == {"summon", "summoned"} and key.prefixes == ("resign",)


def test_candidates_by_word_prefix_and_always():
    index = key_index([word_key(["row"]), word_key(prefixes=["resign"]), None,
                       word_key(["lost"])])
    assert candidates(index, text_words("He should resign over the row")) == [0, 1, 2]
    assert candidates(index, text_words("Resignation")) == [1, 2]
    assert candidates(index, text_words("nothing here")) == [2]


_PHRASES = ["row", "hauled before", "jaw-dropping", "can't", "summon", "lost faith", "skip",
            "ik", "42 days"]


def _variant(phrase: str, how: int) -> str:
    """The phrase as it may appear in text: another case, or letters Python equates with it."""
    return [phrase, phrase.upper(), phrase.title(), phrase.replace("s", "\u017f"),
            phrase.replace("i", "\u0131").replace("k", "\u212a"), phrase.upper().replace("I", "\u0130"),
            phrase.replace(" ", "\n  ").replace("'", "\u2019")][how]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.one_of(st.tuples(st.sampled_from(_PHRASES), st.integers(0, 6)).map(lambda t: _variant(*t)),
                          st.text(max_size=5), st.sampled_from(["_", "-", "x", "é", " "])),
                max_size=8))
def test_no_pattern_that_matches_is_ever_skipped(parts):
    text = "".join(parts)
    patterns = [bounded(phrase_regex(p)) for p in _PHRASES]
    index = key_index([word_key([p]) for p in _PHRASES])
    kept = set(candidates(index, text_words(text)))
    for i, pattern in enumerate(patterns):
        if pattern.search(text):
            assert i in kept, (_PHRASES[i], text)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(alphabet="ab _-'é1\u0130 ", max_size=30),
       st.lists(st.sampled_from(["a", "ab", "b", "ba", "1"]), max_size=3),
       st.lists(st.sampled_from(["a", "b"]), max_size=2))
def test_key_starts_in_with_a_cache_is_key_starts(text, words, prefixes):
    from analysis.text.wordkeys import WordKey, key_starts, key_starts_in
    folded, present = fold(text), text_words(text)
    key = WordKey(frozenset(words), tuple(prefixes))
    cache: dict[str, list[int]] = {}
    first = key_starts_in(key, folded, present, cache)
    assert first == key_starts(key, folded, present)
    assert key_starts_in(key, folded, present, cache) == first  # from the cache, the same


def test_a_form_with_a_non_ascii_letter_is_keyed_by_its_ascii_start():
    from analysis.measures.lexicon import entry_key, find_terms, parse_lexicon
    key = entry_key("naive", "forms", "naive|naïve|ésprit")
    assert key is None  # a form that starts with a non-ASCII letter: always run
    key = entry_key("naive", "forms", "naive|naïve")
    assert key.words == {"naive"} and key.prefixes == ("na",)
    rows = [["term", "category", "match", "forms", "note"], ["naive", "x", "forms", "naive|naïve", ""]]
    entries = parse_lexicon(rows, "t.csv")
    assert [(s, e) for s, e, _ in find_terms("So NAÏVE, so naive.", entries)] == [(3, 8), (13, 18)]


def _plain_word_starts(folded, word, prefix=False):
    """word_starts spelt as a loop over every occurrence (the reference)."""
    out, n, k = [], len(folded), len(word)
    for i in range(n - k + 1):
        if folded.startswith(word, i) and (i == 0 or not folded[i - 1].isalnum()) and \
                (prefix or i + k >= n or not folded[i + k].isalnum()):
            out.append(i)
    return out


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet="ab _-'é1\u0130\u00b2\u0661 .", max_size=40),
       st.sampled_from(["a", "ab", "aa", "b", "ba", "1", "a1"]), st.booleans())
def test_word_starts_is_every_occurrence_at_a_word_start(text, word, prefix):
    from analysis.text.wordkeys import word_starts
    folded = fold(text)
    assert word_starts(folded, word, prefix) == _plain_word_starts(folded, word, prefix)


#: Characters for generated text: ASCII letters, digits and separators, the non-ASCII
#: separators TextRuns reads as spaces, and non-ASCII letters, digits and symbols it does not.
_ASCII_RUN_TEXT = "ab Z_-'1.\n\t" "\u2019\u201c\u2014\u00a0\u200b\u00b0"
_RUN_TEXT = _ASCII_RUN_TEXT + "é\u0130\u00b2\u0661\u00aa\u2122"
#: Text of both kinds: all of it taking TextRuns' ASCII path, or most of it the regex path.
_RUN_TEXTS = st.one_of(st.text(alphabet=_ASCII_RUN_TEXT, max_size=40),
                       st.text(alphabet=_RUN_TEXT, max_size=40))


@settings(max_examples=400, deadline=None, derandomize=True)
@given(_RUN_TEXTS,
       st.sets(st.sampled_from(["a", "ab", "aa", "b", "ba", "1", "a1", "zz", "z", ""]), max_size=4))
def test_text_runs_are_text_words_at_word_starts(text, wanted):
    """TextRuns (ASCII split or regex split) = text_words, and its places = word_starts."""
    from analysis.text.wordkeys import TextRuns, word_starts
    folded = fold(text)
    runs = TextRuns(folded)
    assert runs.words == text_words(text)
    places = runs.places(wanted)
    for w in wanted - {""}:
        assert places.get(w, []) == word_starts(folded, w) == _plain_word_starts(folded, w)
    assert set(places) <= wanted - {""}


def test_text_runs_take_the_ascii_path_with_common_punctuation_only():
    from analysis.text.wordkeys import _SEPARATORS, TextRuns, _ascii_copy
    assert not any(_WORD_CHAR.match(ch) for ch in _SEPARATORS)
    assert _ascii_copy("it\u2019s \u201cfine\u201d \u2014 ok") == b"it s  fine    ok"
    assert _ascii_copy("caf\u00e9") is None
    runs = TextRuns(fold("Caf\u00e9 row, \u201crow\u201d"))  # the regex path
    assert runs.words == {"caf\u00e9", "row"} and runs.places({"row"}) == {"row": [5, 11]}
    runs = TextRuns(fold("A row, \u201crow\u201d"))  # the ASCII path
    assert runs.words == {"a", "row"} and runs.places({"row", "a"}) == {"a": [0], "row": [2, 8]}


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_RUN_TEXTS,
       st.sampled_from(["a", "ab", "aa", "b", "ba", "1", "é"]))
def test_prefixed_words_start_where_the_prefix_starts_a_word(text, prefix):
    """The starts of the words prefixed() gives are the prefix's word_starts (prefix=True)."""
    from analysis.text.wordkeys import TextRuns, prefixed, word_starts
    folded = fold(text)
    runs = TextRuns(folded)
    words = prefixed(sorted(runs.words), prefix)
    assert words == sorted(w for w in runs.words if w.startswith(prefix))
    places = runs.places(set(words))
    assert sorted(i for w in words for i in places[w]) == word_starts(folded, prefix, prefix=True)
