"""Counting each utterance once: a quote inside an indirect statement is the same voice.

See docs/stance_general.md ("Counting each utterance once").  Records may be
:class:`~analysis.model.Statement` objects or dicts with the same fields.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def _get(p: Any, k: str) -> Any:
    """A field of a statement record or dict."""
    return p.get(k) if isinstance(p, Mapping) else getattr(p, k, None)


def same_voice(statements: Iterable[Any]) -> dict[Any, Any]:
    """Statement index of each quote that is part of an indirect statement -> that statement's.

    Per article: a statement whose pieces are all quotes (kind full or partial), each inside a
    piece of one indirect statement from the same paragraph.  (Keys are ``statement`` indices,
    or (article_id, statement) pairs when the records come from several articles.)
    """
    pieces = list(statements)
    several = len({_get(p, "article_id") for p in pieces}) > 1
    indirect: dict[tuple[Any, Any], list[tuple[int, int, Any]]] = {}
    groups: dict[tuple[Any, Any], list[Any]] = {}
    for p in pieces:
        groups.setdefault((_get(p, "article_id"), _get(p, "statement")), []).append(p)
        if _get(p, "kind") == "indirect":
            indirect.setdefault((_get(p, "article_id"), _get(p, "paragraph")), []).append(
                (int(_get(p, "start")), int(_get(p, "end")), _get(p, "statement")))
    out: dict[Any, Any] = {}
    for (aid, stmt), members in groups.items():
        if any(_get(m, "kind") not in ("full", "partial") for m in members):
            continue
        owners = None
        for m in members:
            here = {s for a, b, s in indirect.get((aid, _get(m, "paragraph")), ())
                    if a <= int(_get(m, "start")) and int(_get(m, "end")) <= b and s != stmt}
            owners = here if owners is None else owners & here
        if owners:
            outer = min(owners)
            out[(aid, stmt) if several else stmt] = (aid, outer) if several else outer
    return out


def dedupe_statements(statements: Iterable[Any]) -> list[Any]:
    """Statement pieces with each utterance counted once (see docs/stance_general.md).

    A quote (kind full or partial) whose every piece lies inside a piece of one indirect
    statement of the same article and paragraph is the same voice as that indirect statement
    and is dropped (see :func:`same_voice`); so is a repeat of a piece already kept (same
    article, kind and span).  Records may be Statements or dicts with the same fields.
    """
    pieces = list(statements)
    several = len({_get(p, "article_id") for p in pieces}) > 1
    inner = same_voice(pieces)
    seen: set[tuple[Any, Any, Any, Any]] = set()
    out = []
    for p in pieces:
        key = (_get(p, "article_id"), _get(p, "statement")) if several else _get(p, "statement")
        if key in inner:
            continue
        span = (_get(p, "article_id"), _get(p, "kind"), _get(p, "start"), _get(p, "end"))
        if span in seen:
            continue
        seen.add(span)
        out.append(p)
    return out
