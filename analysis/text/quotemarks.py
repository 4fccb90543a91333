"""The quote-mark scanner of the measures: spans of a paragraph inside quotation marks.

The quotation engine (analysis.quotes.engine) reads quote marks with attribution in mind;
this scanner answers the simpler question every word-choice measure asks: is this span
inside quotation marks?  Both accept the same marks (straight and curly, double and single).
"""
from __future__ import annotations

import re

_QUOTE_CHAR = re.compile("[\"'\u2018\u2019\u201c\u201d]")
_OPEN_DOUBLE = "\u201c"
_CLOSE_DOUBLE = "\u201d"


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of text inside quotation marks (straight or curly, single or double).

    A straight or right single quote with a letter on both sides is an apostrophe; a quote
    left open runs to the end of the text (a paragraph continued in the next one).
    """
    spans: list[tuple[int, int]] = []
    family = None  # "d" or "s" while inside a quotation
    begin = 0
    n = len(text)
    for m in _QUOTE_CHAR.finditer(text):  # only quote characters can open or close
        i, ch = m.start(), m.group()
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if ch in '"\u201c\u201d':
            fam = "d"
            opening = ch == _OPEN_DOUBLE or (ch == '"' and (prev.isspace() or prev in "([{—–-")
                                             and not nxt.isspace())
            closing = ch == _CLOSE_DOUBLE or (ch == '"' and not opening)
        elif ch in "'\u2018\u2019":
            fam = "s"
            if prev.isalnum() and nxt.isalnum():
                continue  # an apostrophe: London's, don't
            opening = ch == "\u2018" or (ch == "'" and (prev.isspace() or prev in "([{—–-\u201c\"")
                                          and not nxt.isspace())
            closing = not opening and not prev.isspace() and not nxt.isalnum()
        else:
            continue
        if family is None and opening:
            family, begin = fam, i + 1
        elif family == fam and closing:
            spans.append((begin, i))
            family = None
    if family is not None:
        spans.append((begin, n))
    return spans
