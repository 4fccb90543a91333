"""Speaker resolution: map a speaker mention to a codebook actor (names, pronouns, role nouns)."""
from __future__ import annotations

import bisect
import re
from typing import Iterator, Protocol, Sequence

from .actors import Codebook
from .attribution import PRONOUNS
from .marks import _SENT_END

#: Role nouns resolved from context ("the spokesman" -> the previous spokesman's actor).
ROLE_HEADS = frozenset(
    "spokesman spokeswoman spokesperson source sources official officials aide aides insider "
    "insiders statement representative".split())
_CAPSEQ = re.compile(
    r"(?:(?:Mr|Mrs|Ms|Dr|Sir|Dame|Lord|Gov|Sen|Rep)\.?\s+)?[A-Z][\w'\u2019-]*"
    r"(?:\s+(?:(?:van|der|de|von|al)\s+)?[A-Z][\w'\u2019-]*)*")
_CAPSEQ_START = re.compile("[A-Z]")  # every _CAPSEQ match, and only they, start with A-Z
_NOT_NAME = frozenset(
    "the a an but and one he she it they we i in on at when while however after before if this "
    "that there his her their its as so yet mr mrs ms dr sir".split())


class Spoken(Protocol):
    """A statement piece as resolution reads it: speaker offsets, kind, resolved actor and group."""

    speaker: tuple[int, int] | None
    kind: str
    actor: str | None
    group: str | None


class SpeakerResolver:
    """Resolves the speakers of one text against a codebook."""

    def __init__(self, text: str, codebook: Codebook) -> None:
        """Keep the text and codebook; the name cache starts empty."""
        self.text = text
        self.codebook = codebook
        #: analysed capitalised runs of this text by (start, end), for pronoun antecedents
        self._names: dict[tuple[int, int], tuple[int, str | None, str, bool] | tuple[()]] = {}

    def resolve(self, p: Spoken, earlier: Sequence[Spoken]) -> tuple[str | None, str | None]:
        """Actor and group of a piece's speaker: codebook, pronoun or role-noun antecedent."""
        if p.speaker is None:
            return None, None
        mention = self.text[p.speaker[0]:p.speaker[1]]
        low = mention.casefold()
        if low in PRONOUNS:
            return self._antecedent(p.speaker[0], low, earlier)
        actor, group = self.codebook.resolve(mention)
        if actor is None:
            words = low.replace("\u2019", "'").split()
            head = words[-1] if words else ""
            if head in ROLE_HEADS and (len(words) <= 2 or words[0] in ("the", "a", "an")):
                for q in reversed(earlier[-50:]):
                    if q.actor and q.speaker and q.kind != "scare":
                        qm = self.text[q.speaker[0]:q.speaker[1]].casefold().split()
                        if qm and qm[-1] == head:
                            return q.actor, q.group
                if head.startswith("spokes") or head == "statement":
                    for q in reversed(earlier[-3:]):
                        if q.actor and self.codebook.actor_type(q.actor) == "organisation":
                            return q.actor, q.group
        return actor, group

    def _antecedent(self, pos: int, pronoun: str, earlier: Sequence[Spoken]) -> tuple[str | None, str]:
        """Resolve a pronoun speaker to the nearest compatible earlier mention or speaker."""
        text = self.text
        lo = max(0, pos - 800)
        cands: list[tuple[int, int, str | None, str, bool]] = []  # start, sentence, actor, group, person
        starts = [lo] + [m.end() for m in _SENT_END.finditer(text, lo, pos)]
        names = self._names
        for span in _capitalised_runs(text, lo, pos):
            name = names.get(span)
            if name is None:
                name = names[span] = self._name(*span)
            if name:
                s = name[0]
                cands.append((s, bisect.bisect_right(starts, s), name[1], name[2], name[3]))
        for q in earlier[-30:]:
            if q.speaker and lo <= q.speaker[0] < pos:
                mention = text[q.speaker[0]:q.speaker[1]]
                if mention.casefold() in PRONOUNS:
                    continue
                kind = self.codebook.actor_type(q.actor)
                person = kind in ("person", "role") if q.actor else True
                cands.append((q.speaker[0], bisect.bisect_right(starts, q.speaker[0]), q.actor,
                              q.group or "unknown", person))
        cands.sort(key=lambda c: c[0])
        if pronoun in ("he", "she", "i", "you"):
            pool = [c for c in cands if c[4]]
            if pool:
                last_sentence = pool[-1][1]
                first = next(c for c in pool if c[1] == last_sentence)
                return first[2], first[3] if first[2] else "unknown"
        else:
            pool = [c for c in cands if c[2] and (not c[4] or self.codebook.actor_type(c[2]) == "role")]
            if pool:
                last_sentence = pool[-1][1]
                first = next(c for c in pool if c[1] == last_sentence)
                return first[2], first[3]
        return None, "unknown"

    def _name(self, s: int, e: int) -> tuple[int, str | None, str, bool] | tuple[()]:
        """(start, actor, group, is-person) of the name in capitalised run text[s:e]; () if none."""
        text = self.text
        words = text[s:e].split()
        while words and words[0].casefold().strip(".") in _NOT_NAME:
            s = text.index(words[0], s) + len(words[0])
            while s < e and text[s].isspace():
                s += 1
            words = words[1:]
        if not words:
            return ()
        actor, group = self.codebook.resolve(text[s:e])
        kind = self.codebook.actor_type(actor)
        person = kind in ("person", "role") if actor else (
            len(words) >= 2 or text[max(0, s - 4):s].rstrip().endswith(("Mr", "Ms", "Mrs", "Dr", "Sir")))
        return s, actor, group, person


def _capitalised_runs(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Spans of the _CAPSEQ matches in text[start:end], in order (as finditer gives them)."""
    while True:
        cap = _CAPSEQ_START.search(text, start, end)
        if cap is None:
            return
        m = _CAPSEQ.match(text, cap.start(), end)
        yield m.span()  # type: ignore[union-attr]  # a capital always starts a match
        start = m.end()  # type: ignore[union-attr]
