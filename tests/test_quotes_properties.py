"""Property tests: extract_statements never raises and returns sane, ordered, disjoint spans."""
from __future__ import annotations


from hypothesis import given, settings, strategies as st

from analysis.quotes import extract_statements

MARKS = "\"'`\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a"
ALPHABET = st.sampled_from(list(MARKS) + list(" \n\r\t.,:;!?-\u2014\u2015()") + [
    "said", "told", "added", "Mr", "Sir Mark", "he", "the source", "a spokesman", "\x00", "\ufeff",
    "\u202e", "\u05e9\u05dc\u05d5\u05dd", "\U0001f600", "that", "saying", "according to", "Ann", "x",
    "The", "London's", "Jews'", "''", "``", "\u2026", "\x7f", "\x1b"])
TEXTS = st.lists(ALPHABET, max_size=60).map("".join) | st.text(max_size=200)


def _check(text: str, **kw) -> None:
    """Assert the invariants on one input."""
    out = extract_statements(text, **kw)
    assert out == extract_statements(text, **kw)
    prev_end = prev_start = 0
    outer_end = -1
    for s in out:
        assert 0 <= s.start < s.end <= len(text)
        assert s.text == text[s.start:s.end]
        assert s.start >= prev_start
        # disjoint, except quotes nested in an indirect clause (PROTOCOL K3)
        assert s.start >= prev_end or (s.kind != "indirect" and s.end <= outer_end)
        if s.kind == "indirect":
            outer_end = s.end
        prev_start, prev_end = s.start, max(prev_end, s.end)
        assert s.kind in ("full", "partial", "scare", "indirect")
        if s.speaker is not None:
            assert text[s.speaker_start:s.speaker_end] == s.speaker


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_any_text_is_safe(text):
    _check(text)


@settings(max_examples=100, deadline=None)
@given(TEXTS, st.lists(st.tuples(st.integers(-5, 300), st.integers(-5, 300)), max_size=6),
       st.sets(st.integers(-2, 8), max_size=4))
def test_any_paragraph_spans_are_safe(text, paras, skip):
    _check(text, paragraphs=paras, skip=skip)


def test_long_line_gives_every_statement():
    """A long line without breaks is analysed whole (its speed is measured by bench/throughput.py)."""
    unit = "Ann said: 'We will \u201cwin\u201d it,' he said, adding that Sir Mark's job is 'safe'. "
    small, big = extract_statements(unit * 30), extract_statements(unit * 3000)
    assert len(small) > 30 and len(big) == 100 * len(small)
    _check(unit * 3000)


def test_unclosed_marks_on_a_long_line():
    text = ("\u201c" + "word " * 50000) + ("'" + "x " * 50000) + '"' * 1000
    _check(text)
