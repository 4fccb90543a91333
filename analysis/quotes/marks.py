"""Quote marks: find the quote-marked regions and the sentence starts of a paragraph."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .attribution import ABBREVIATIONS as _ABBREV

#: A quote mark.  The one-character marks are separate alternatives (not a class) so that
#: every alternative starts with a literal and the regex engine skips fast to candidates.
_MARK = re.compile("``|''|" + "|".join(
    map(re.escape, "\"'\u201c\u201d\u2018\u2019\u201e\u201f\u00ab\u00bb\u2039\u203a\u201a")))
_OPEN_D = {"\u201c", "\u201e", "\u201f", "\u00ab", "``"}
_CLOSE_D = {"\u201d", "\u00bb"}
_OPEN_S = {"\u2018", "\u2039", "\u201a"}
_CLOSE_S = {"\u203a"}
_LEFT_OPEN = set("([{\u2014\u2013-/") | _OPEN_D | _OPEN_S | {'"', "'"}
_RIGHT_CLOSE = set(".,;:!?)]}\u2014\u2013-\u2026/") | _CLOSE_D | _CLOSE_S | {'"', "'", "\u2019"}
_ELISION = re.compile(r"(?:\d\ds|em\b|tis\b|twas\b|cause\b|til\b|n\b)", re.I)
#: A sentence end ("[.!?…][.!?…]*", not "[.!?…]+", lets the regex engine skip to candidates;
#: the look-behind tries it only where a run of them begins, so a long run is read once).
_SENT_END = re.compile(r"(?<![.!?\u2026])[.!?\u2026][.!?\u2026]*[\"'\u201d\u2019)\]]*\s+(?=[^\s\w]*[^\W\d_]?)")
_WORD_BEFORE = re.compile(r"([^\W_][\w.]*)$")


@dataclass
class _Quote:
    """A quote-marked region of one paragraph (offsets absolute)."""

    para: int
    open: int  # position of the opening mark
    start: int  # first content character
    end: int  # end of content (exclusive)
    close_end: int  # end of the closing mark (== end when unclosed)
    family: str  # "D" double, "S" single
    closed: bool



def _classify(text: str, i: int, j: int, mark: str) -> tuple[str, str] | None:
    """(family, role) of a quote mark at text[i:j]; role is open/close/amb; None for apostrophes."""
    a = text[i - 1] if i > 0 else " "
    b = text[j] if j < len(text) else " "
    left_open = a.isspace() or a in _LEFT_OPEN
    right_close = b.isspace() or b in _RIGHT_CLOSE
    if mark in _OPEN_D:
        return "D", "open"
    if mark in _CLOSE_D:
        return "D", "close"
    if mark in _OPEN_S:
        return None if a.isalnum() else ("S", "open")
    if mark in _CLOSE_S:
        return "S", "close"
    if mark in ('"', "''"):
        if left_open and not right_close:
            return "D", "open"
        if right_close and not left_open:
            return "D", "close"
        return "D", "amb"
    # ' or \u2019
    if a.isalnum() and b.isalnum():
        return None
    if left_open and not b.isspace():
        if b.isalnum() and _ELISION.match(text, j):
            return None
        return "S", "open"
    if right_close and not left_open:
        return "S", "close"
    return None


def _scan_paragraph(text: str, para: int, ps: int, pe: int, carry: str | None) -> tuple[list[_Quote], str | None]:
    """Quote regions of one paragraph; carry/return the family of a quote left open at its end."""
    quotes: list[_Quote] = []
    cur: tuple[str, int, int] | None = None
    for m in _MARK.finditer(text, ps, pe):
        cls = _classify(text, m.start(), m.end(), m.group())
        if cls is None:
            continue
        family, role = cls
        if cur is None:
            if role != "close":
                cur = (family, m.start(), m.end())
            continue
        if family != cur[0]:
            continue
        if role in ("close", "amb"):
            quotes.append(_Quote(para, cur[1], cur[2], m.start(), m.end(), family, True))
            cur = None
        elif family == "D":
            quotes.append(_Quote(para, cur[1], cur[2], m.start(), m.start(), family, False))
            cur = (family, m.start(), m.end())
    left = None
    if cur is not None:
        quotes.append(_Quote(para, cur[1], cur[2], pe, pe, cur[0], False))
        left = cur[0]
    out = []
    for q in quotes:
        s, e = q.start, q.end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            q.start, q.end = s, e
            out.append(q)
    return out, left


def _sentence_bounds(text: str, ps: int, pe: int) -> list[int]:
    """Sentence start offsets in a paragraph (abbreviations such as 'Mr.' do not end one)."""
    starts = [ps]
    for m in _SENT_END.finditer(text, ps, pe):
        if text[m.start()] == ".":
            w = _WORD_BEFORE.search(text, max(ps, m.start() - 12), m.start())
            if w and (w.group(1).casefold().rstrip(".") in _ABBREV or len(w.group(1)) == 1):
                continue
        if m.end() < pe and text[m.end()].islower():
            continue
        starts.append(m.end())
    return starts
