"""The one sentence splitter of the measures: sentence spans of a paragraph's text."""
from __future__ import annotations

import re

#: Words whose full stop does not end a sentence.
ABBREVIATIONS = frozenset("mr mrs ms dr st sir prof rev gen col lt sgt vs etc jr sr".split())
#: A sentence end: a run of . ! ? (tried only where the run begins, so a long run is read once).
_END = re.compile(r"(?<![.!?])[.!?]+['\"\u2019\u201d)]*(?=\s+['\"\u2018\u201c(]?[A-Z0-9])")

def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: split after . ! ? (and closing quotes) before a capital."""
    spans, begin = [], 0
    for m in _END.finditer(text):
        if m.group().startswith(".") and \
                _last_word(text, begin, m.start()).casefold() in ABBREVIATIONS:
            continue
        spans.append((begin, m.end()))
        begin = m.end()
        while begin < len(text) and text[begin].isspace():
            begin += 1
    if text[begin:].strip():
        spans.append((begin, len(text.rstrip())))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _is_word_char(ch: str) -> bool:
    """True for a character the regex class \\w matches (letters, digits, underscore)."""
    return ch.isalnum() or ch == "_"


def _last_word(text: str, begin: int, end: int) -> str:
    """The last run of word characters in text[begin:end] ('' if none), read backwards so that
    the time is that of the run and the characters after it, not of the whole slice."""
    j = end
    while j > begin and not _is_word_char(text[j - 1]):
        j -= 1
    k = j
    while k > begin and _is_word_char(text[k - 1]):
        k -= 1
    return text[k:j]
