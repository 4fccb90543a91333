"""Keys read from regular expressions: a keyed search must find exactly what finditer finds."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from analysis.measures.stance import cue_pattern
from analysis.measures.stance_cues import load_cues
from analysis.measures.target_stance import _act_hits, merge_cues, parse_cues
from analysis.text.regexkeys import (first_key, hits_at, inner_source, key_present,
                                     required_keys)
from analysis.text.userregex import bounded
from analysis.text.wordkeys import fold, key_starts, text_words


def _spelled(key):
    """A key as a sorted list, prefixes marked with *."""
    return None if key is None else sorted(key.words) + [p + "*" for p in key.prefixes]


@pytest.mark.parametrize("source,first", [
    (r"(?:should|must|has\s+to)\s+go\b", ["has", "must", "should"]),
    (r"wav(?:e|es|ed|ing)\s+on", ["wave", "waved", "waves", "waving"]),
    (r"apologi[sz]e", ["apologise", "apologize"]),
    (r"retains?|kept", ["kept", "retain", "retains"]),
    (r"demand\w*|call\w*\s+for", ["call*", "demand*"]),
    (r"recogni[sz]\w*", ["recognis*", "recogniz*"]),
    (r"(?:the\s+)?change", ["change", "the"]),
    (r"(?<!must\s)(?:has|had)\s+confidence", ["had", "has"]),
    (r"should(?:\s*n[o'\u2019]t|\s+not)\s+have", ["should", "shouldn*"]),
    (r"\bgo\b", ["go"]),
    (r"two-tier", ["two"]),
    (r"[a-c]at", ["aat", "bat", "cat"]),
    (r"x{2}y", ["xxy"]),
    (r"ab{2,}", ["abb*"]),
    (r"ab.", ["ab*"]),
    (r"\w+\s+job", None),  # may start with any word
    (r"(?:a\s+)?\w+", None),
    (r"[a-z]+ing", None),  # a class too large to spell out at the start
    (r"'?quote", None),  # may start with an apostrophe
    (r"caf\u00e9", ["caf*"]),  # a non-ASCII letter ends what is spelt
    (r"\u00e9t\u00e9", None),
])
def test_first_key(source, first):
    assert _spelled(first_key(bounded(source))) == first


def test_too_many_spellings_give_no_key():
    assert first_key(bounded("[ab][cd][ef][gh][ij][kl][mn][op][qr]")) is None


def test_only_word_bounded_case_insensitive_patterns_are_read():
    assert inner_source(bounded("a|b")) == "a|b"
    assert first_key(re.compile("go")) is None
    assert first_key(re.compile(r"(?<![^\W_])(?:go)(?![^\W_])")) is None  # case-sensitive
    assert required_keys(re.compile("go")) == ()
    assert _spelled(first_key(cue_pattern("hold* * to account"))) == ["hold*"]


def test_required_keys_name_every_word_a_hit_passes_at_a_word_start():
    keys = [_spelled(k) for k in required_keys(bounded(
        r"(?:the\s+)?change\s+(?:that\s+)?(?:we|it)\s+needs?"))]
    assert keys == [["change", "the"], ["change"], ["it", "that", "we"], ["it", "we"],
                    ["need", "needs"]]
    # inside a word (after "wav") no word starts: only the first is required
    assert [_spelled(k) for k in required_keys(bounded(r"wav(?:e|ed)\w*"))] == [["wave*"]]
    assert [_spelled(k) for k in required_keys(bounded(r"\w+\s+job"))] == [["job"]]


def test_key_present():
    key = first_key(bounded(r"demand\w*|urged?"))
    words = text_words("They DEMANDED it")
    assert key_present(key, words, sorted(words))
    words = text_words("they urge it")
    assert key_present(key, words, sorted(words))
    words = text_words("they urgently dem it")
    assert not key_present(key, words, sorted(words))


def test_hits_at_is_finditer_when_given_every_possible_start():
    pat = bounded(r"go\s+go|go")
    text = "go go go gone go"
    starts = key_starts(first_key(pat), fold(text), text_words(text))
    assert hits_at(pat, text, starts) == [m.span() for m in pat.finditer(text)] == [
        (0, 5), (6, 8), (14, 16)]


#: Patterns of the kinds cue files use, and tricky ones.
_TRICKY = [
    r"(?:should|must|has\s+to|have\s+to|needs?\s+to)\s+go\b(?!\s+(?:on|ahead))",
    r"wav(?:e|es|ed|ing)\s+(?:\w+\s+)?(?:on|through)\b", r"apologi[sz]e", r"demand\w*",
    r"(?:the\s+)?change\s+(?:that\s+)?(?:we|it)\s+needs?", r"should(?:\s*n[o'\u2019]t|\s+not)\s+have",
    r"(?<!must\s)(?:has|had)\s+(?:the\s+)?confidence", r"recogni[sz]\w*\s+the\s+\w+",
    r"go\s+go|go", r"go+ne", r"k\w*", r"is\b", r"s[kt]ill", r"a(?:\s+b)?", r"no\s+(?:longer\s+)?go",
]
_VOCAB = sorted({w for src in _TRICKY for w in re.findall(r"[a-z]+", src) if len(w) > 1}
                | {"go", "gone", "ago", "the", "changes", "waved", "waves", "waving", "shouldn",
                   "apologize", "apologise", "demanding", "recognised", "recognized", "a", "b",
                   "no", "longer", "on", "through", "confidence", "has", "had", "must", "kill",
                   "skill", "still", "x", "gooone"})
_PIECES = st.one_of(st.sampled_from(_VOCAB), st.sampled_from(_VOCAB).map(str.upper),
                    st.sampled_from(_VOCAB).map(str.title),
                    st.sampled_from([" ", "  ", "\n", "-", "'", "\u2019", "_", ",", ".", "\u017f",
                                     "\u212a", "\u0130", "\u0131", "\u00e9", "7"]))


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=30), st.lists(_PIECES, max_size=30))
def test_keyed_search_finds_what_finditer_finds(left, right):
    """For every pattern: skipping it when a required word is absent and trying it only at
    the starts of its first words loses and adds nothing."""
    text = " ".join(left) + "".join(right)
    words, folded = text_words(text), fold(text)
    ordered = sorted(words)
    for src in _TRICKY:
        pat = bounded(src)
        want = [m.span() for m in pat.finditer(text)]
        if not all(key_present(k, words, ordered) for k in required_keys(pat)):
            assert want == [], src
            continue
        first = first_key(pat)
        if first is not None:
            assert hits_at(pat, text, key_starts(first, folded, words)) == want, src


def _brute_hits(text, cues):
    """Every speech-act hit by plain finditer, as _act_hits returns them."""
    return sorted((m.start(), m.end(), k) for k, act in enumerate(cues.acts)
                  for m in act.pattern.finditer(text))


_CUE_WORDS = sorted({w.lower() for act in load_cues().acts
                     for w in re.findall(r"[A-Za-z]+", act.cue) if len(w) > 1})


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_CUE_WORDS), st.sampled_from(_CUE_WORDS).map(str.title),
                          st.sampled_from(["the", "him", "her", "Smith", ",", "."])),
                max_size=40))
def test_speech_act_hits_of_the_packaged_cues_are_finditers(words):
    text = " ".join(words)
    cues = load_cues()
    assert _act_hits(text, cues) == _brute_hits(text, cues)


def test_speech_act_hits_of_added_cues_without_keys():
    extra = parse_cues({"version": 1, "speech_acts": {"critical": [
        {"cue": r"re:[^\W_]+\s+must\s+go", "act": "call_to_resign"},
        {"cue": "re:(?:a\\s+)?disgrace", "act": "condemnation"}]}}, "test")
    cues = merge_cues(load_cues(), extra)
    text = "Smith must go, a disgrace, they said; she should resign and they must go."
    hits = _act_hits(text, cues)
    assert hits == _brute_hits(text, cues)
    assert {cues.acts[k].act for _, _, k in hits} >= {"call_to_resign", "condemnation"}
