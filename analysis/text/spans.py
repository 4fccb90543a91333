"""An index of character spans that answers "which span holds [a, b]?" in logarithmic time."""
from __future__ import annotations

from bisect import bisect_right
from typing import Any, Sequence


class SpanIndex:
    """Spans (start, end, value) that answer "which span holds [a, b]?" by bisection."""

    def __init__(self, spans: Sequence[tuple[int, int, Any]]) -> None:
        """Index spans; the answer is the first span in the given order that holds [a, b]."""
        self.spans = list(spans)
        self.order = sorted(self.spans, key=lambda s: (s[0], s[1]))
        self.starts = [s[0] for s in self.order]
        # Disjoint spans (the usual case) hold a non-empty [a, b] at most once, so the one
        # starting last at or before a is the only candidate; otherwise scan in order.
        self.disjoint = all(self.order[i][0] >= self.order[i - 1][1]
                            for i in range(1, len(self.order)))

    def containing(self, a: int, b: int) -> tuple[int, int, Any] | None:
        """The first span with start <= a and b <= end (a < b), or None."""
        if not self.disjoint:
            return next((s for s in self.spans if s[0] <= a and b <= s[1]), None)
        i = bisect_right(self.starts, a) - 1
        return self.order[i] if i >= 0 and b <= self.order[i][1] else None
