"""Which paragraphs of an article are about which event (keyword rules kept as data)."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..knowledge.datafiles import read_yaml
from ..errors import DataFileError
from ..model import Article


@dataclass(frozen=True)
class Event:
    """An event with a label and the keywords that mark a paragraph as being about it."""

    id: str
    label: str
    keywords: tuple[str, ...]
    continuations: tuple[str, ...] = ()

    def pattern(self) -> re.Pattern[str]:
        """A case-insensitive whole-word pattern matching any keyword."""
        alts = sorted((re.escape(k).replace(r"\ ", r"\s+") for k in self.keywords), key=len, reverse=True)
        return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)", re.IGNORECASE)


def load_events(path: str | Path | None = None) -> dict[str, Event]:
    """Read and validate a study's events file; no file, no events (events belong to a story)."""
    if path is None:
        return {}
    where = str(path)
    data = read_yaml(where, keys=("version", "continuations", "events"))
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise DataFileError(where, "expected a mapping with a list under 'events'", field="events")
    conts = data.get("continuations") or []
    if not isinstance(conts, list) or not all(isinstance(c, str) for c in conts):
        raise DataFileError(where, "continuations must be a list of strings", field="continuations")
    conts = tuple(conts)
    events: dict[str, Event] = {}
    for i, item in enumerate(data["events"]):
        for key in ("id", "label", "keywords"):
            if not isinstance(item, dict) or key not in item:
                raise DataFileError(where, f"event {i} has no {key!r}", field=key)
        kws = item["keywords"]
        if not isinstance(kws, list) or not kws or not all(isinstance(k, str) and k.strip() for k in kws):
            raise DataFileError(where, f"event {item['id']!r}: keywords must be a non-empty list of strings",
                                field="keywords")
        events[str(item["id"])] = Event(str(item["id"]), str(item["label"]), tuple(kws), conts)
    return events


def event_paragraphs(article: Article, event: Event) -> list[int]:
    """Indexes of the body paragraphs that mention the event or continue one that does."""
    pat = event.pattern()
    opener = re.compile(r"\s*(?:" + "|".join(re.escape(c) for c in event.continuations) + r")\b",
                        re.IGNORECASE) if event.continuations else None
    out: list[int] = []
    previous_hit = False
    for p in article.body():
        hit = bool(pat.search(p.text)) or bool(previous_hit and opener and opener.match(p.text))
        if hit:
            out.append(p.index)
        previous_hit = hit
    return out


def restrict(article: Article, keep: set[int], why: str) -> Article:
    """A copy of the article whose body is only the kept paragraphs (others set aside, with why)."""
    paras = tuple(p if (p.index in keep or not p.analysed) else
                  replace(p, role="out_of_scope", reason=why) for p in article.paragraphs)
    return replace(article, paragraphs=paras, meta={**article.meta, "restricted_to": why})


def event_view(article: Article, event: Event) -> Article:
    """The article as evidence about an event: whole if its metadata says it reports that event
    (``event_id``), otherwise only its paragraphs about the event (the rest out of scope)."""
    if str(article.meta.get("event_id") or "") == event.id:
        return article
    return restrict(article, set(event_paragraphs(article, event)), f"not about {event.id}")
