"""The sentence starts of a whole text and the sentence at an offset agree with sentence_spans
of each line (the splitter the measures share)."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from analysis.measures.sources.mentions import _sentence_at, _sentences
from analysis.text.sentences import sentence_spans, sentence_starts

PIECES = ["Mr.", "Dr. A", "x.", " ", "  ", "\t", "\xa0", "\r", "A", "b", "7", ".", "!", "?", "...",
          "'", '"', "\u201c", "\u201d", "(", ")", "\n", "\n\n", " \n", "St", "Etc."]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def _line_starts(text: str) -> list[int]:
    """Sentence starts by sentence_spans of each line (an empty line starts one too)."""
    starts, pos = [], 0
    for line in text.split("\n"):
        starts += [pos + a for a, _ in sentence_spans(line)] or [pos]
        pos += len(line) + 1
    return starts


def _line_span_at(text: str, pos: int) -> tuple[int, int] | None:
    """The span sentence_spans of pos's line gives that holds pos, or None."""
    ls = text.rfind("\n", 0, pos) + 1
    le = text.find("\n", pos)
    le = le if le >= 0 else len(text)
    return next(((ls + a, ls + b) for a, b in sentence_spans(text[ls:le])
                 if ls + a <= pos < ls + b), None)


def test_sentence_starts_examples():
    text = "One. Two.\n\nMr. Smith left! \u201cWhy?\u201d She asked.\nLast"
    assert [text[s:s + 4] for s in sentence_starts(text)] == [
        "One.", "Two.", "\nMr.", "Mr. ", "\u201cWhy", "She ", "Last"]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(texts)
def test_sentence_starts_are_those_of_each_line(text):
    assert sentence_starts(text) == _line_starts(text)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(texts)
def test_sentence_at_is_the_span_of_its_line(text):
    _sentences.cache_clear()
    for pos in range(len(text) + 1):
        assert _sentence_at(text, pos) == _line_span_at(text, pos)


STOP_PIECES = [".", "!", "?", "?!", "..", "!.", "'", '"', "\u2019", "\u201d", ")", "(", "\u201c",
               "\u2018", " ", "  ", "\t", "\n", "\xa0", "A", "b", "9", "Mr", "x"]
stop_texts = st.lists(st.sampled_from(STOP_PIECES), max_size=60).map("".join)


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(stop_texts)
def test_ends_in_line_by_stop_are_the_matches_of_the_one_pattern(text):
    from analysis.text.sentences import _END_IN_LINE, _ends_in_line
    assert [(m.span(), m.span(1)) for m in _ends_in_line(text)] == \
        [(m.span(), m.span(1)) for m in _END_IN_LINE.finditer(text)]


@settings(max_examples=800, deadline=None, derandomize=True)
@given(stop_texts)
def test_sentence_starts_of_stop_runs_are_those_of_each_line(text):
    assert sentence_starts(text) == _line_starts(text)
