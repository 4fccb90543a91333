"""Prominence of voices: who speaks first, who is quoted first, who has the last word, word shares.

Every function takes statement pieces as plain mappings with at least ``statement``,
``paragraph``, ``start``, ``kind``, ``speaker``, ``actor``, ``group`` and ``text`` (and
``stance`` for the stance positions), so each can be tested alone.
"""
from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

VOICE_KINDS = ("full", "partial", "indirect")
DIRECT_KINDS = ("full", "partial")

Piece = Mapping[str, Any]


def _order(s: Piece) -> tuple[int, int]:
    """Reading order of a piece: paragraph, then offset."""
    return int(s.get("paragraph") or 0), int(s.get("start") or 0)


def has_speaker(s: Piece) -> bool:
    """True when the piece is attributed (an actor id or a speaker mention)."""
    return bool(s.get("actor") or s.get("speaker"))


def is_voice(s: Piece) -> bool:
    """A voice: attributed full, partial or indirect speech (scare quotes are not voices)."""
    return s.get("kind") in VOICE_KINDS and has_speaker(s)


def is_direct(s: Piece) -> bool:
    """A direct quote: attributed full or partial quotation."""
    return s.get("kind") in DIRECT_KINDS and has_speaker(s)


def is_full(s: Piece) -> bool:
    """A full quote: attributed quotation of at least a whole sentence."""
    return s.get("kind") == "full" and has_speaker(s)


def first(pieces: Sequence[Piece], keep: Callable[[Piece], bool]) -> Piece | None:
    """The earliest piece (paragraph, offset) that passes `keep`, or None."""
    chosen = [s for s in pieces if keep(s)]
    return min(chosen, key=_order) if chosen else None


def last(pieces: Sequence[Piece], keep: Callable[[Piece], bool]) -> Piece | None:
    """The latest piece (paragraph, offset) that passes `keep`, or None."""
    chosen = [s for s in pieces if keep(s)]
    return max(chosen, key=_order) if chosen else None


def who(s: Piece | None) -> str | None:
    """The actor id of a piece, or its speaker as written when unresolved, or None."""
    if s is None:
        return None
    return str(s.get("actor") or s.get("speaker") or "") or None


def group_of(s: Piece | None) -> str | None:
    """The group of a piece (``unknown`` when unresolved), or None for no piece."""
    if s is None:
        return None
    return str(s.get("group") or "unknown")


def paragraph_of(s: Piece | None) -> int | None:
    """The paragraph index of a piece, or None."""
    return None if s is None else int(s.get("paragraph") or 0)


def first_stance_paragraph(pieces: Sequence[Piece], stance: str) -> int | None:
    """Paragraph of the first voice coded with this stance, or None."""
    return paragraph_of(first(pieces, lambda s: is_voice(s) and s.get("stance") == stance))


def quoted_words(pieces: Sequence[Piece], key: str,
                 count: Callable[[str], int]) -> dict[str, int]:
    """Words of direct quotes per actor (``key='actor'``) or per group (``key='group'``)."""
    out: dict[str, int] = {}
    for s in pieces:
        if not is_direct(s):
            continue
        name = (who(s) if key == "actor" else group_of(s)) or "unknown"
        out[name] = out.get(name, 0) + count(str(s.get("text") or ""))
    return out


def shares(counts: Mapping[str, int]) -> dict[str, float]:
    """Each count as a share of the total (empty when the total is zero)."""
    total = sum(counts.values())
    return {k: v / total for k, v in counts.items()} if total else {}


def prominence(pieces: Sequence[Piece], count: Callable[[str], int],
               groups: Sequence[str]) -> dict[str, Any]:
    """The prominence columns of one article's metrics row (a quoted share per group)."""
    fv, fq, ff = first(pieces, is_voice), first(pieces, is_direct), first(pieces, is_full)
    lw = last(pieces, is_voice)
    by_actor = quoted_words(pieces, "actor", count)
    by_group = quoted_words(pieces, "group", count)
    total = sum(by_actor.values())
    top = max(sorted(by_actor), key=lambda k: by_actor[k]) if total else None
    row: dict[str, Any] = {
        "first_voice_actor": who(fv), "first_voice_group": group_of(fv),
        "first_voice_paragraph": paragraph_of(fv),
        "first_quote_actor": who(fq), "first_quote_group": group_of(fq),
        "first_quote_paragraph": paragraph_of(fq),
        "first_full_quote_actor": who(ff), "first_full_quote_group": group_of(ff),
        "first_full_quote_paragraph": paragraph_of(ff),
        "last_word_actor": who(lw), "last_word_group": group_of(lw),
        "last_word_paragraph": paragraph_of(lw),
        "first_critical_paragraph": first_stance_paragraph(pieces, "critical"),
        "first_defensive_paragraph": first_stance_paragraph(pieces, "defensive"),
        "quoted_words": total,
        "top_quoted_actor": top,
        "top_quoted_share": (by_actor[top] / total) if top else float("nan"),
    }
    for g in groups:
        row[f"quoted_share_{g}"] = (by_group.get(g, 0) / total) if total else float("nan")
    return row
