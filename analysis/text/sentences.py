"""The one sentence splitter of the measures: sentence spans of a paragraph's text."""
from __future__ import annotations

import re

from .scans import in_text_order

#: Words whose full stop does not end a sentence.
ABBREVIATIONS = frozenset("mr mrs ms dr st sir prof rev gen col lt sgt vs etc jr sr".split())
#: A sentence end: a run of . ! ? (tried only where the run begins, so a long run is read once;
#: the first stop is matched before the look back at the character before it, so that the
#: search skips ahead to the next stop instead of testing the look-behind everywhere).
_END = re.compile(r"[.!?](?<![.!?]{2})[.!?]*['\"\u2019\u201d)]*(?=\s+['\"\u2018\u201c(]?[A-Z0-9])")
#: _END within one line of a text (the blanks before the next sentence stay on the line).
#: (Its group is the blanks after the stop: the next sentence begins where they end.)
_AFTER_STOP_IN_LINE = (r"(?<![.!?]{2})[.!?]*['\"\u2019\u201d)]*"
                       r"(?=([^\S\n]+)['\"\u2018\u201c(]?[A-Z0-9])")
_END_IN_LINE = re.compile(r"[.!?]" + _AFTER_STOP_IN_LINE)
#: _END_IN_LINE one stop character at a time: a pattern that opens with a literal is searched
#: for much faster than one that opens with a class (the search skips ahead to the literal).
_END_IN_LINE_BY_STOP = tuple(re.compile(re.escape(c) + _AFTER_STOP_IN_LINE) for c in ".!?")
_SPACES = re.compile(r"\s*")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: split after . ! ? (and closing quotes) before a capital."""
    spans, begin = [], 0
    for m in _END.finditer(text):
        if text[m.start()] == "." and _last_word(text, begin, m.start()).casefold() in ABBREVIATIONS:
            continue
        spans.append((begin, m.end()))
        begin = _SPACES.match(text, m.end()).end()
    if text[begin:].strip():
        spans.append((begin, len(text.rstrip())))
    return spans  # every span holds its stop (or the rest's last non-blank): none is blank


def sentence_starts(text: str) -> list[int]:
    """Start offsets of the sentences of every line of a text (each line starts one, an empty
    line too): the starts of sentence_spans of each line, found in one pass over the text."""
    starts, begin = [0], 0
    nl = text.find("\n")
    for m in _ends_in_line(text):
        a = m.start()
        while 0 <= nl < a:  # the lines before this stop
            begin = nl + 1
            starts.append(begin)
            nl = text.find("\n", begin)
        if text[a] == "." and _last_word(text, begin, a).casefold() in ABBREVIATIONS:
            continue
        begin = m.end(1)
        starts.append(begin)
    while nl >= 0:
        starts.append(nl + 1)
        nl = text.find("\n", nl + 1)
    return starts


def _ends_in_line(text: str) -> list[re.Match[str]]:
    """The matches of _END_IN_LINE.finditer(text): those of each stop character in text order
    (a match begins a run of stops and holds no other's beginning, so none overlap)."""
    return in_text_order(p.finditer(text) for p in _END_IN_LINE_BY_STOP)


def _is_word_char(ch: str) -> bool:
    """True for a character the regex class \\w matches (letters, digits, underscore)."""
    return ch.isalnum() or ch == "_"


def _last_word(text: str, begin: int, end: int) -> str:
    """The last run of word characters in text[begin:end] ('' if none), read backwards so that
    the time is that of the run and the characters after it, not of the whole slice."""
    j = end
    while j > begin and not (text[j - 1].isalnum() or text[j - 1] == "_"):  # _is_word_char
        j -= 1
    k = j
    while k > begin and (text[k - 1].isalnum() or text[k - 1] == "_"):
        k -= 1
    return text[k:j]
