"""Tables as a notebook page shows them: labelled for readers, rounded, and capped in rows."""
from __future__ import annotations

import math
from typing import Any, Callable

from .labels import column_label, readable
from .reportdata import TABLE_ROWS, first_rows

#: Articles a transposed table (one column per article) shows at most.
WIDE_COLUMNS = 12


def outlets_named(frame: Any, outlets: Callable[[Any], str] | None) -> Any:
    """The table with its ``outlet`` column shown by the study's outlet labels (unchanged
    without a labeller or an ``outlet`` column)."""
    if outlets is None or "outlet" not in getattr(frame, "columns", ()):
        return frame
    out = frame.copy()
    out["outlet"] = [outlets(o) for o in out["outlet"]]
    return out


def show(frame: Any, what: str = "rows", download: str = "", limit: int = TABLE_ROWS,
         digits: int = 2, outlets: Callable[[Any], str] | None = None) -> None:
    """Display a table for readers: its first ``limit`` rows, labelled and rounded (outlets by
    their study labels when ``outlets`` is given), and a sentence saying how many rows were
    left out and where the whole table is."""
    from IPython.display import Markdown, display

    head, note = first_rows(outlets_named(frame, outlets), what, limit, download)
    display(readable(head, digits))
    if note:
        display(Markdown(note))


def transposed(frame: Any, limit: int = WIDE_COLUMNS, digits: int = 2) -> tuple[Any, int]:
    """A table of one row per item as one column per item (the first ``limit``), its rows
    labelled for readers, numbers rounded; and how many items were left out."""
    head = readable(frame.iloc[:limit], digits)
    wide = head.T
    wide.columns = [str(c) for c in wide.columns]
    return wide, max(0, len(frame) - limit)


def show_transposed(frame: Any, what: str = "articles", download: str = "",
                    limit: int = WIDE_COLUMNS, digits: int = 2,
                    outlets: Callable[[Any], str] | None = None) -> None:
    """Display a table with one column per item (at most ``limit``) and say how many items
    were left out and where the whole table is."""
    from IPython.display import Markdown, display

    head, note = first_rows(outlets_named(frame, outlets), what, limit, download)
    display(transposed(head, limit, digits)[0])
    if note:
        display(Markdown(note))


def scores(mapping: dict[str, Any], title: str, digits: int = 3) -> Any:
    """A one-column table of named figures for readers: labelled names, counts as whole
    numbers, shares rounded to ``digits``."""
    import pandas as pd

    def fmt(v: Any) -> Any:
        if isinstance(v, float) and math.isfinite(v) and not v.is_integer():
            return round(v, digits)
        return int(v) if isinstance(v, (int, float)) and math.isfinite(v) else v

    return pd.DataFrame({title: [fmt(v) for v in mapping.values()]},
                        index=[column_label(k) for k in mapping], dtype=object)


__all__ = ["outlets_named", "scores", "show", "show_transposed", "transposed", "column_label", "readable"]
