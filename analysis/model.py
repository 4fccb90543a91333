"""Plain data records shared by every module: articles, paragraphs and statements."""
from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Mapping
from typing import Any

#: Paragraph roles.  Only ``body`` (and ``headline`` where a metric says so) is analysed;
#: ``out_of_scope`` marks paragraphs left out when an article is restricted to one event;
#: the others are kept, listed and explained, never silently dropped.
ROLES = ("headline", "body", "caption", "duplicate", "out_of_scope")
#: Statement kinds (docs/quotes.md): verbatim quotes, scare quotes and indirect speech.
KINDS = ("full", "partial", "scare", "indirect")
#: Kinds whose words stand inside quotation marks.
QUOTE_KINDS = ("full", "partial", "scare")


def field_of(record: Any, key: str) -> Any:
    """A field of a statement given as a mapping or as a Statement."""
    return record.get(key) if isinstance(record, Mapping) else getattr(record, key, None)


@dataclass(frozen=True)
class Paragraph:
    """One line-delimited paragraph with its character offsets into the article text."""

    index: int
    start: int
    end: int
    text: str
    role: str = "body"
    reason: str = ""
    duplicate_of: int | None = None

    @property
    def analysed(self) -> bool:
        """True when the paragraph counts towards the metrics (headline or body)."""
        return self.role in ("headline", "body")


@dataclass(frozen=True)
class Article:
    """An article: its id, raw text exactly as decoded, metadata and paragraphs."""

    id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    paragraphs: tuple[Paragraph, ...] = ()

    @property
    def outlet(self) -> str:
        """The outlet name from the metadata, or an empty string."""
        return str(self.meta.get("outlet") or "")

    @property
    def headline(self) -> str:
        """The headline from the metadata or a headline paragraph, or an empty string."""
        if self.meta.get("headline"):
            return str(self.meta["headline"])
        for p in self.paragraphs:
            if p.role == "headline":
                return p.text
        return ""

    def body(self) -> list[Paragraph]:
        """Paragraphs that count towards the metrics, excluding the headline."""
        return [p for p in self.paragraphs if p.role == "body"]

    def set_aside(self) -> list[Paragraph]:
        """Paragraphs kept out of the metrics (captions, duplicates) with their reasons."""
        return [p for p in self.paragraphs if not p.analysed]


@dataclass(frozen=True)
class Statement:
    """One attributed statement piece: a direct, partial or scare quote, or indirect speech.

    ``start``/``end`` are character offsets into the article text (end exclusive) of the
    verbatim words *without* their enclosing quote marks, so ``text == article.text[start:end]``.
    For indirect speech they cover the reported clause.  A multi-paragraph quote yields one
    record per paragraph sharing one ``statement`` index.
    """

    article_id: str
    statement: int
    paragraph: int
    start: int
    end: int
    text: str
    kind: str  # full | partial | scare | indirect
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    actor: str | None = None
    group: str | None = None
    cue: str | None = None
