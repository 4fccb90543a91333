"""Property tests: extract_statements never raises and returns sane, ordered, disjoint spans."""
from __future__ import annotations


from hypothesis import example, given, settings, strategies as st

from analysis.quotes.engine import extract_statements

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


# ---- exactness of the engine's fast paths --------------------------------------------------
HINT_PIECES = st.sampled_from([
    "said", "SAID", "Said", "sAiD", "told", "according", "adding", "warns", "x", "_", "-", "'",
    "\u2019", " ", "\n", "3", "\u00e9", "\u017f", "\u212a", "\u0130", "\u0131", "s", "a", "i",
    "d", "k", "ing", "ed", "\u00df", "\ufb01"])


@settings(max_examples=500, deadline=None)
@given(st.lists(HINT_PIECES, max_size=12).map("".join) | st.text(max_size=40),
       st.integers(0, 45), st.integers(0, 45))
def test_ascii_cue_hint_answers_as_the_case_insensitive_pattern(text, start, end):
    """The ASCII fast path of the cue-word pre-check finds a word exactly when re.I does."""
    from analysis.quotes.engine import _CUE_HINT, _CUE_HINT_ASCII, _cue_hint

    assert _CUE_HINT_ASCII is not None
    assert _cue_hint(text, start, end) == bool(_CUE_HINT.search(text, start, end))


def test_ascii_cue_hint_on_every_ascii_neighbour():
    """Every ASCII character before, after or inside a cue word is judged as re.I judges it."""
    from analysis.quotes.engine import _CUE_HINT, _HINT_WORDS, _cue_hint

    for word in sorted(_HINT_WORDS)[::7] + ["said", "told", "according"]:
        for c in map(chr, range(128)):
            for text in (c + word, word + c, c + word.upper() + c, word[:1] + c + word[2:]):
                for start in (0, 1):
                    assert _cue_hint(text, start, len(text)) == bool(
                        _CUE_HINT.search(text, start, len(text))), (text, start)


SCAN_PIECES = st.sampled_from(list(MARKS) + [
    "Mr", "Mrs.", "Dr ", "Sir", "Lord", "Ann", "Smith", "van", " der ", "al", "A", "Z", "a", "z",
    "\u00c9", "\u212a", "'s", "\u2019", "-", " ", "  ", "\n", "\t", ".", "!", "?", "\u2026", "...",
    ")", "]", "3", "_", "x", "``", "''"])
SCAN_TEXTS = st.lists(SCAN_PIECES, max_size=40).map("".join) | st.text(max_size=80)


@settings(max_examples=500, deadline=None)
@given(SCAN_TEXTS, st.integers(0, 90), st.integers(0, 90))
@example('""".. ', 4, 6)  # a window that begins inside a run of stops (found on CI, stop 25)
@example('""".. ', 3, 6)
def test_rewritten_scanners_match_as_the_plain_patterns(text, start, end):
    """The mark and sentence-end patterns (spelt for fast scanning) and the capital-to-capital
    name scan find exactly what the plain spellings and a finditer find.  One difference is
    by design: the fast sentence end only starts where a run of stops starts, so a window
    that begins inside a run does not end a sentence at its first character (the callers
    scan from a paragraph start, or 800 characters back where one more start shifts every
    sentence index alike)."""
    import re

    from analysis.quotes.marks import _MARK, _SENT_END
    from analysis.quotes.resolution import _CAPSEQ, _capitalised_runs

    plain_mark = re.compile(
        "``|''|[\"'\u201c\u201d\u2018\u2019\u201e\u201f\u00ab\u00bb\u2039\u203a\u201a]")
    plain_end = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*\s+(?=[^\s\w]*[^\W\d_]?)")
    stops = ".!?\u2026"
    inside_a_run = 0 < start < len(text) and text[start - 1] in stops and text[start] in stops
    for fast, plain in ((_MARK, plain_mark), (_SENT_END, plain_end)):
        expected = [(m.span(), m.group()) for m in plain.finditer(text, start, end)]
        if fast is _SENT_END and inside_a_run:
            expected = [e for e in expected if e[0][0] != start]
        assert [(m.span(), m.group()) for m in fast.finditer(text, start, end)] == expected
    assert list(_capitalised_runs(text, start, end)) == \
        [m.span() for m in _CAPSEQ.finditer(text, start, end)]


def test_only_four_characters_fold_to_ascii_word_characters():
    """wordkeys.needs_fold catches every non-ASCII character that re.I matches to an ASCII \\w
    one (the quotes cue-word fast path relies on it), and only those."""
    import re
    import string

    from analysis.text.wordkeys import needs_fold

    everything = "".join(map(chr, range(0x80, 0x110000)))
    folds = set()
    for c in string.ascii_letters + string.digits + "_":
        folds |= set(re.findall(re.escape(c), everything, re.I))
    assert folds == {c for c in everything if needs_fold(c)}
