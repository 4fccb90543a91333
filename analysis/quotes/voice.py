"""Whose words a span of an article is: the outlet's, or a quoted speaker's.

One rule for every measure of word choice (loaded terms, evaluative rate), shared with the
quotation engine: a span is in a ``quote`` when it lies inside the verbatim words of a
``full``, ``partial`` or ``scare`` statement piece (``analysis.quotes.engine.article_statements``) or
inside quotation marks of its paragraph; otherwise it is in the ``outlet`` voice.  Following
the coding protocol (evaluation/PROTOCOL.md section 6) paraphrase without quote marks is the
outlet's wording, so it stays ``outlet``; ``reported`` marks such spans (inside an
``indirect`` statement) so that a summary can count them apart.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from typing import Any

from ..model import QUOTE_KINDS
from ..model import field_of as _get
from ..text.quotemarks import quote_spans
from ..text.spans import SpanIndex


class Voices:
    """The quoted and reported spans of one article, for voice look-ups by offset."""

    __slots__ = ("quotes", "reported", "_starts", "_reported")

    def __init__(self, statements: Iterable[Any] = ()) -> None:
        """Index the statement pieces (records or Statement objects) of one article."""
        quotes, reported = [], []
        for s in statements:
            span = (int(_get(s, "start")), int(_get(s, "end")), _get(s, "statement"))
            kind = _get(s, "kind")
            if kind in QUOTE_KINDS:
                quotes.append(span)
            elif kind == "indirect":
                reported.append(span)
        self.quotes = sorted(quotes)
        self.reported = sorted(reported)
        self._starts = [q[0] for q in self.quotes]
        self._reported = SpanIndex(self.reported)

    def statement_at(self, start: int, end: int) -> int | None:
        """The statement whose quoted words contain [start, end), or None."""
        i = bisect_right(self._starts, start)
        for a, b, k in reversed(self.quotes[max(0, i - 3):i]):
            if a <= start and end <= b:
                return None if k is None else int(k)
        return None

    def is_reported(self, start: int, end: int) -> bool:
        """True when [start, end) lies inside an indirect (reported speech) clause."""
        return self._reported.containing(start, end) is not None

    def at(self, start: int, end: int,
           marks: SpanIndex | Iterable[tuple[int, int]] = ()) -> dict[str, Any]:
        """``voice`` (outlet or quote), ``statement`` and ``reported`` of one span.

        ``marks`` are absolute spans inside quotation marks (:func:`mark_index` or
        :func:`mark_spans`).
        """
        stmt = self.statement_at(start, end)
        if isinstance(marks, SpanIndex):
            in_marks = marks.containing(start, end) is not None
        else:
            in_marks = any(a <= start and end <= b for a, b in marks)
        inside = stmt is not None or in_marks
        return {"voice": "quote" if inside else "outlet", "statement": stmt,
                "reported": not inside and self.is_reported(start, end)}


def mark_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Spans inside quotation marks in one paragraph, shifted by its offset in the article."""
    return [(offset + a, offset + b) for a, b in quote_spans(text)]


def mark_index(text: str, offset: int = 0) -> SpanIndex:
    """The spans inside quotation marks of one paragraph, indexed for look-ups by offset."""
    return SpanIndex([(a, b, 0) for a, b in mark_spans(text, offset)])
