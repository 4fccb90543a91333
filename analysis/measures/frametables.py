"""The frames tables of the results store for one article, from one split of its sentences.

``frames`` is the row of ``python -m analysis frames`` (:data:`analysis.measures.frames.FRAME_FIELDS`),
``frame_evidence`` the sentences behind each item's answer
(:data:`analysis.measures.frames.EVIDENCE_FIELDS`) and ``entman`` Entman's functions with the
paragraph each sentence lies in (:data:`ENTMAN_TABLE_FIELDS`).
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Any, Mapping, Sequence

from ..model import Article, Statement
from .entman import entman_rows
from .framecues import ItemBook, load_items
from .frames import Target, frame_tables, sentences

#: Columns of the results store's ``entman`` table: entman_rows' fields with the paragraph.
ENTMAN_TABLE_FIELDS = ["article_id", "function", "paragraph", "start", "end", "text", "cues",
                       "agent", "agent_type", "said_by"]


def paragraph_at(article: Article, offset: int) -> int | None:
    """Index of the paragraph of ``article`` holding character ``offset`` (None if none)."""
    starts = [p.start for p in article.paragraphs]
    k = bisect_right(starts, offset) - 1
    if k < 0 or offset >= article.paragraphs[k].end:
        return None
    return article.paragraphs[k].index


def article_frame_tables(article: Article, statements: Sequence[Statement] | None = None,
                         target: Target | None = None, book: ItemBook | None = None,
                         spans: Mapping[int, Sequence[tuple[int, int]]] | None = None
                         ) -> dict[str, list[dict[str, Any]]]:
    """The ``frames`` (one row), ``frame_evidence`` and ``entman`` rows of one article
    (``spans``: its sentence split, when the analysis has made it)."""
    book = book or load_items()
    sents = sentences(article, statements, target, book, spans)
    row, evidence = frame_tables(article, statements, target, book, sents)
    entman = []
    for r in entman_rows(article, statements, target, book, sents):
        r = dict(r, paragraph=paragraph_at(article, r["start"]))
        entman.append({k: r[k] for k in ENTMAN_TABLE_FIELDS})
    return {"frames": [row], "frame_evidence": evidence, "entman": entman}
