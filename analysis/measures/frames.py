"""Generic news frames (Semetko & Valkenburg 2000) per article, by question items with evidence.

Each question item of ``data/frame_items.yaml`` is a rule over the article's sentences (the
package's splitter, headline and body paragraphs): a sentence *fires* for an item when it has
a cue of every list the item names (``all``) and none of its ``none`` lists (and, for a
``quoted`` item, lies in a statement; for an ``unquoted`` item, in none: the outlet's own
voice); with a study target, a sentence naming the target with cues of the item's
``target_all`` lists fires too; with statements, a ``groups`` item is also yes when voices of
that many distinct actor groups are quoted.  An item is answered yes when at least
``min_sentences`` sentences fire.  A frame's score is the share of its items answered yes
(0-1, as in Semetko & Valkenburg's additive scales) and the frame is present when the score
reaches the frame's threshold.  Every answer keeps the sentences that decided it.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Mapping, Protocol, Sequence

from ..text.tokens import Tokens
from ..corpus.readers import make_article
from .framecues import FRAMES, ItemBook, Item, load_items
from ..model import Article, Statement
from .tone import article_sentences

#: Statement kinds that are somebody's voice (a scare quote is the outlet's).
VOICE_KINDS = ("full", "partial", "indirect")
#: A quotation mark: double quotes, an opening single curly quote, or ' opening a word.
_QUOTE_MARK = re.compile("[\"\u201c\u201d\u2018]|(?<!\\w)'(?=\\w)")
EVIDENCE_FIELDS = ["article_id", "item", "frame", "answer", "start", "end", "text", "cues"]


class Target(Protocol):
    """What the frames need of a study's target: a name and the aliases that mention it."""

    name: str
    aliases: Sequence[str]


@dataclass(frozen=True, eq=False)
class Sentence:
    """One analysed sentence: offsets into the article text, its cue hits, and its context."""

    index: int
    start: int
    end: int
    text: str
    spans: Sequence[tuple[int, int]]  # token spans of the paragraph (hits index into it)
    hits: Mapping[str, tuple[tuple[str, int, int], ...]]  # list -> (cue, first, last+1 token)
    quoted: bool
    target: bool
    speakers: tuple[str, ...]
    groups: tuple[str, ...]

    def cues(self, names: Iterable[str]) -> list[str]:
        """The matched words (as written) of the cue lists named, in text order, no repeats."""
        found: dict[int, str] = {}
        for name in names:
            for _, i, j in self.hits.get(name, ()):
                a, b = self.spans[i][0], self.spans[j - 1][1]
                found.setdefault(a, self.text[a - self.start:b - self.start])
        return [found[k] for k in sorted(found)]


def target_pattern(target: Target | None) -> re.Pattern[str] | None:
    """Regex of a target's name and aliases (case-sensitive; a lower-case first letter may be
    capitalised), or None without a target."""
    if target is None:
        return None
    aliases = [target.aliases] if isinstance(target.aliases, str) else list(target.aliases or ())
    names = {a.strip() for a in [target.name, *aliases] if isinstance(a, str) and a.strip()}
    return _alias_pattern(tuple(sorted(names))) if names else None


@lru_cache(maxsize=64)
def _alias_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    r"""The compiled pattern of a set of aliases, longest first, none starting or ending
    inside a word.

    Each alternative starts with its first letter, then looks behind it for a letter or
    digit (``M(?<![^\W_]M)et``, the same test as ``(?<![^\W_])`` before it), so that the
    regular expression engine skips to the places where one of those letters stands
    instead of trying every alternative at every character; a lower-case first letter that
    may be capitalised gives two alternatives.
    """
    parts = []
    for alias in sorted(names, key=len, reverse=True):
        first, *rest = alias.split()
        tail = re.escape(first[1:]) + "".join(r"\s+" + re.escape(w) for w in rest)
        # (as the class [aA] did: each character of a multi-character capital, ß -> S S)
        for head in dict.fromkeys([first[0], *first[0].upper()] if first[0].islower()
                                  else [first[0]]):
            h = re.escape(head)
            parts.append(rf"{h}(?<![^\W_]{h}){tail}")
    return re.compile(rf"(?:{'|'.join(parts)})(?![^\W_])")


def speaker_key(s: Statement) -> str | None:
    """Who a statement is by: its actor id, else its speaker as written, else None."""
    return s.actor or s.speaker or None


def sentences(article: Article, statements: Sequence[Statement] | None = None,
              target: Target | None = None, book: ItemBook | None = None,
              spans: Mapping[int, Sequence[tuple[int, int]]] | None = None) -> list[Sentence]:
    """The analysed sentences of an article with their cue hits, statement speakers and target
    (``spans``: the article's :func:`article_sentences`, when already split)."""
    book = book or load_items()
    if not article.paragraphs and article.text.strip():  # an Article built by hand
        article, spans = make_article(article.id, article.text, article.meta), None
    voices = [s for s in statements or () if s.kind in VOICE_KINDS]
    pattern = target_pattern(target)
    text = article.text
    paras = []
    for pos, local in (article_sentences(article) if spans is None else spans).items():
        para = article.paragraphs[pos]
        paras.append((para, [(para.start + a, para.start + b) for a, b in local]))
    starts = [s for _, bounds in paras for s, _ in bounds]
    ends = [e for _, bounds in paras for _, e in bounds]
    inside: list[list[Statement]] = [[] for _ in starts]
    for v in voices:  # sentences overlapping v: start < v.end and end > v.start
        for k in range(bisect_right(ends, v.start), bisect_left(starts, v.end)):
            inside[k].append(v)
    out: list[Sentence] = []
    for para, bounds in paras:
        toks = Tokens(text, para.start, para.end)
        tok_starts = [sp[0] for sp in toks.spans]
        firsts = [bisect_left(tok_starts, s) for s, _ in bounds]
        found: list[dict[str, list[tuple[str, int, int]]]] = [{} for _ in bounds]
        for name, cue, i, j in book.matcher.find(toks.lower):
            k = bisect_right(firsts, i) - 1
            if k >= 0:
                found[k].setdefault(name, []).append((cue, i, j))
        for k, (s, e) in enumerate(bounds):
            n = len(out)
            if statements is None:
                quoted = _QUOTE_MARK.search(text, s, e) is not None
                keys: tuple[str, ...] = ()
                groups: tuple[str, ...] = ()
            else:
                quoted = bool(inside[n])
                keys = tuple(dict.fromkeys(x for x in map(speaker_key, inside[n]) if x))
                groups = tuple(dict.fromkeys(v.group for v in inside[n]
                                             if v.group and v.group != "unknown"))
            out.append(Sentence(n, s, e, text[s:e], toks.spans,
                                {name: tuple(v) for name, v in found[k].items()}, quoted,
                                bool(pattern and pattern.search(text, s, e)), keys, groups))
    return out


def fired(item: Item, by_list: Mapping[str, set[int]], special: Mapping[str, set[int]]
          ) -> set[int]:
    """Indices of the sentences that meet the item's rule."""
    hit = set(by_list.get(item.all[0], ()))
    for name in item.all[1:]:
        if not hit:
            break
        hit &= by_list.get(name, set())
    for name in item.none:
        hit -= by_list.get(name, set())
    if item.target_all and special["target"]:
        extra = set(special["target"])
        for name in item.target_all:
            extra &= by_list.get(name, set())
        hit |= extra
    if item.quoted:
        hit &= special["quoted"]
    elif item.unquoted:
        hit -= special["quoted"]
    return hit


def answer_item(item: Item, sents: Sequence[Sentence], by_list: Mapping[str, set[int]],
                special: Mapping[str, set[int]], statements: Sequence[Statement] | None
                ) -> tuple[bool, list[Sentence], str]:
    """(answer, the sentences that decided it, how: "cues" or "groups") for one item."""
    chosen = [sents[i] for i in sorted(fired(item, by_list, special))]
    if len(chosen) >= item.min_sentences:
        return True, chosen, "cues"
    if item.groups and statements is not None:
        first: dict[str, int] = {}
        for s in sents:
            for g in s.groups:
                first.setdefault(g, s.index)
        if len(first) >= item.groups:
            return True, [sents[i] for i in sorted(set(first.values()))], "groups"
    return False, chosen, "cues"


def sentence_index(sents: Sequence[Sentence], target: Target | None
                   ) -> tuple[dict[str, set[int]], dict[str, set[int]]]:
    """Sentence indices by cue list, and those naming the target or lying in a statement."""
    by_list: dict[str, set[int]] = {}
    for s in sents:
        for name in s.hits:
            by_list.setdefault(name, set()).add(s.index)
    special = {"target": {s.index for s in sents if s.target} if target is not None else set(),
               "quoted": {s.index for s in sents if s.quoted}}
    return by_list, special


def _analyse(article: Article, statements: Sequence[Statement] | None, target: Target | None,
             book: ItemBook | None, sents: Sequence[Sentence] | None = None
             ) -> tuple[ItemBook, dict[str, tuple[bool, list[Sentence], str]]]:
    """Every item's answer for an article (over ``sents`` when already split)."""
    book = book or load_items()
    if sents is None:
        sents = sentences(article, statements, target, book)
    by_list, special = sentence_index(sents, target)
    return book, {q: answer_item(item, sents, by_list, special, statements)
                  for q, item in book.items.items()}


def frame_fields(book: ItemBook | None = None) -> list[str]:
    """Column names of frame_row: article_id, the frames, their scores, then the items."""
    book = book or load_items()
    return ["article_id", *FRAMES, *[f"{f}_score" for f in FRAMES], *book.items]


#: Columns of :func:`frame_row` with the packaged item file.
FRAME_FIELDS = frame_fields()


def frame_row(article: Article, statements: Sequence[Statement] | None = None,
              target: Target | None = None, book: ItemBook | None = None,
              sents: Sequence[Sentence] | None = None) -> dict[str, Any]:
    """One article's frames (0/1), frame scores (0-1) and item answers (1 yes, 0 no)."""
    book, answers = _analyse(article, statements, target, book, sents)
    return _row(article, book, answers)


def _row(article: Article, book: ItemBook,
         answers: Mapping[str, tuple[bool, list[Sentence], str]]) -> dict[str, Any]:
    """The frame row from every item's answer."""
    row: dict[str, Any] = {"article_id": article.id}
    scores = {}
    for name in FRAMES:
        frame = book.frames[name]
        scores[name] = round(sum(answers[q][0] for q in frame.items) / len(frame.items), 3)
        row[name] = int(scores[name] >= frame.threshold - 1e-9)
    for name in FRAMES:
        row[f"{name}_score"] = scores[name]
    for q in book.items:
        row[q] = int(answers[q][0])
    return row


def frame_evidence(article: Article, statements: Sequence[Statement] | None = None,
                   target: Target | None = None, book: ItemBook | None = None,
                   sents: Sequence[Sentence] | None = None) -> list[dict[str, Any]]:
    """Per item, the sentences that decided its answer (one row each; an item no sentence
    touched gets one row without a sentence), with their offsets into article.text and cues."""
    book, answers = _analyse(article, statements, target, book, sents)
    return _evidence(article, book, answers)


def frame_tables(article: Article, statements: Sequence[Statement] | None = None,
                 target: Target | None = None, book: ItemBook | None = None,
                 sents: Sequence[Sentence] | None = None
                 ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """frame_row and frame_evidence of an article from one analysis of its sentences."""
    book, answers = _analyse(article, statements, target, book, sents)
    return _row(article, book, answers), _evidence(article, book, answers)


def _evidence(article: Article, book: ItemBook,
              answers: Mapping[str, tuple[bool, list[Sentence], str]]) -> list[dict[str, Any]]:
    """The evidence rows from every item's answer."""
    rows = []
    for q, item in book.items.items():
        yes, sents, how = answers[q]
        names = item.all + item.target_all
        for s in sents or [None]:
            cues: list[str] = []
            if s is not None:
                cues = list(s.groups) if how == "groups" else s.cues(dict.fromkeys(names))
            rows.append({"article_id": article.id, "item": q, "frame": item.frame,
                         "answer": "yes" if yes else "no",
                         "start": s.start if s else None, "end": s.end if s else None,
                         "text": s.text if s else "", "cues": cues})
    return rows
