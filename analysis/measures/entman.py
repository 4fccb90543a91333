"""Entman's (1993) four framing functions per article: the sentences that define a problem,
attribute its cause or blame, judge it morally, or recommend a remedy, with who is blamed or
is to act.

A sentence has a function when it holds a cue of one of the function's cue lists
(``entman`` in ``data/frame_items.yaml``).  For causes and remedies the *agent* (who is blamed,
who is to act) is, in this order: the study's target when the sentence names it; a named actor,
when the sentence names somebody the quotation engine found speaking in the article (the
statement's actor id, else the speaker as written; not the sentence's own speaker; the one
nearest the function's cue); else
the actor type whose cue lies nearest the function's cue (the ``agents`` lists: government,
business, ...); else nobody.  ``said_by`` is whoever the sentence is attributed to (a statement
overlapping it), empty for the outlet's own voice or when no statements are given.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from typing import Any, Iterable, Mapping, Sequence

from .framecues import ENTMAN_FUNCTIONS, ItemBook, load_items
from .frames import VOICE_KINDS, Sentence, Target, sentences
from ..model import Article, Statement

ENTMAN_FIELDS = ["article_id", "function", "start", "end", "text", "cues", "agent",
                 "agent_type", "said_by"]
#: Speakers that are pronouns or bare descriptions, never a named actor.
_NOT_A_NAME = frozenset("he she they it we i you his her their its one".split())


def named_actors(statements: Sequence[Statement] | None) -> list[tuple[str, str]]:
    """(what to report, the last word of the name) of each distinct named speaker: a speaker
    written with capitals (``Jane Smith``, ``Mr Jones``), reported by actor id when known."""
    seen: dict[str, tuple[str, str]] = {}
    for s in statements or ():
        if s.kind not in VOICE_KINDS or not s.speaker:
            continue
        words = re.findall(r"[^\W\d_][\w'\u2019-]*", s.speaker)
        if not words or words[0].casefold() in _NOT_A_NAME:
            continue
        if not all(w[0].isupper() for w in words):
            continue
        last = words[-1]
        seen.setdefault(s.actor or s.speaker, (s.actor or s.speaker, last))
    return list(seen.values())


def _agent(s: Sentence, cue_token: int, book: ItemBook, target: Target | None,
           names: Sequence[tuple[str, str]], text: str) -> tuple[str, str]:
    """(agent, agent type) of a cause or remedy sentence whose function cue is at cue_token."""
    if target is not None and s.target:
        return target.name, "target"
    own = set(s.speakers)
    lo, hi = bisect_left(s.spans, (s.start, -1)), bisect_left(s.spans, (s.end, -1))
    where: dict[str, list[int]] = {}
    for k in range(lo, hi):
        a, b = s.spans[k]
        where.setdefault(text[a:b], []).append(k)
    named = [(min(abs(k - cue_token) for k in where[last]), shown) for shown, last in names
             if shown not in own and last in where]
    if named:
        return min(named)[1], "named"
    best: tuple[int, str, str] | None = None
    for kind in book.agents:
        for _, i, j in s.hits.get(kind, ()):
            dist = abs(i - cue_token)
            if best is None or dist < best[0]:
                a, b = s.spans[i][0], s.spans[j - 1][1]
                best = (dist, text[a:b], kind)
    return (best[1], best[2]) if best else ("", "")


def entman_rows(article: Article, statements: Sequence[Statement] | None = None,
                target: Target | None = None, book: ItemBook | None = None,
                sents: Sequence[Sentence] | None = None) -> list[dict[str, Any]]:
    """One row per sentence and framing function it serves (problem, cause, moral, remedy),
    with offsets into article.text, the cues, the agent blamed or to act, and the speaker
    (over ``sents``, the article's analysed sentences, when already split)."""
    book = book or load_items()
    names = named_actors(statements)
    rows = []
    if sents is None:
        sents = sentences(article, statements, target, book)
    for s in sents:
        for fn in ENTMAN_FUNCTIONS:
            lists = book.entman[fn]
            hits = [h for n in lists for h in s.hits.get(n, ())]
            if not hits:
                continue
            agent = agent_type = ""
            if fn in ("cause", "remedy"):
                first = min(i for _, i, _ in hits)
                agent, agent_type = _agent(s, first, book, target, names, article.text)
            rows.append({"article_id": article.id, "function": fn, "start": s.start,
                         "end": s.end, "text": s.text, "cues": s.cues(lists), "agent": agent,
                         "agent_type": agent_type, "said_by": s.speakers[0] if s.speakers else ""})
    return rows


AGENT_COUNT_FIELDS = ["outlet", "function", "agent_type", "agent", "sentences", "articles"]


def agent_counts(rows: Iterable[Mapping[str, Any]], outlet_of: Mapping[str, str],
                 function: str = "cause") -> list[dict[str, Any]]:
    """Who is blamed (function "cause") or is to act ("remedy"), by outlet: sentences and
    articles per agent type and agent, most sentences first; outlet_of maps article ids."""
    sentences_n: Counter = Counter()
    articles: dict[tuple[str, str, str], set[str]] = {}
    for r in rows:
        if r["function"] != function or not r["agent_type"]:
            continue
        key = (outlet_of.get(r["article_id"], ""), r["agent_type"], r["agent"])
        sentences_n[key] += 1
        articles.setdefault(key, set()).add(r["article_id"])
    order = sorted(sentences_n, key=lambda k: (k[0], -sentences_n[k], k[1], k[2]))
    return [{"outlet": o, "function": function, "agent_type": t, "agent": a,
             "sentences": sentences_n[(o, t, a)], "articles": len(articles[(o, t, a)])}
            for o, t, a in order]
