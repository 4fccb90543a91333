"""Entman's (1993) four framing functions per article: the sentences that define a problem,
attribute its cause or blame, judge it morally, or recommend a remedy, with who is blamed or
is to act.

A sentence has a function when it holds a cue of one of the function's cue lists
(``entman`` in ``data/frame_items.yaml``).  For causes and remedies the *agent* (who is blamed,
who is to act) is the possible agent nearest the function's cue on the side where the one
blamed or asked to act stands (at the first cue, in text order, that has one there): after a
cue of the ``after`` lists (blame X, accuse X, caused by X, because of X, urge X to; not when
passive, "X was blamed", or "X is to blame") or a cue followed by "by" or "of"; before any
other cue (X caused, X's fault, X should).  Possible
agents are the study's target where the sentence names it; named actors, somebody the
quotation engine found speaking in the article (the statement's actor id, else the speaker as
written; not the sentence's own speaker); and actor-type cues (the ``agents`` lists:
government, business, ...); at the same distance in that order.  Nobody when that side has
none: the blamer is never reported as the blamed.  ``said_by`` is whoever the sentence is
attributed to (a statement overlapping it), empty for the outlet's own voice or when no
statements are given.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from typing import Any, Iterable, Mapping, Sequence

from .framecues import ENTMAN_FUNCTIONS, ItemBook, load_items
from .frames import VOICE_KINDS, Sentence, Target, sentences, target_pattern
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


#: Words before a verb cue that make it passive or an infinitive ("X was blamed", "X is to
#: blame"): the one blamed then precedes the cue.
_PASSIVE = frozenset("is are was were be been being get gets got to".split())
#: Words right after a cue that introduce the one blamed or to act ("caused by X", "the fault
#: of X", "a plan by X").
_AGENT_MARKS = frozenset(("by", "of"))


def agent_side(s: Sentence, cue: tuple[int, int], book: ItemBook, text: str) -> str:
    """Where the one blamed or to act stands from a cause or remedy cue at tokens cue[0] to
    cue[1] - 1: "after" for a cue of the data file's ``after`` lists (blame X, caused by X,
    urge X to) unless passive or an infinitive (X was blamed, X is to blame), or for a cue
    followed by "by" or "of" (caused by X, the fault of X); else "before" (X caused, X's
    fault, X should)."""
    def word(k: int) -> str:
        """Token k of the sentence, case-folded ("" outside the sentence)."""
        if not 0 <= k < len(s.spans) or not s.start <= s.spans[k][0] < s.end:
            return ""
        return text[s.spans[k][0]:s.spans[k][1]].casefold()

    i, j = cue
    side = "after" if word(j) in _AGENT_MARKS else "before"
    for name in book.after:
        for _, a, b in s.hits.get(name, ()):
            if a < j and b > i:  # overlaps the cue
                if word(a - 1) in _PASSIVE:
                    return "before"
                side = "after"
    return side


def agent_candidates(s: Sentence, book: ItemBook, target: Target | None,
                     names: Sequence[tuple[str, str]], text: str
                     ) -> list[tuple[int, int, int, str, str]]:
    """(first token, last token + 1, rank, agent, agent type) of every possible agent in the
    sentence: the study's target (rank 0), named actors other than the sentence's own speaker
    (1), actor-type cues (2)."""
    lo, hi = bisect_left(s.spans, (s.start, -1)), bisect_left(s.spans, (s.end, -1))
    starts = [a for a, _ in s.spans]
    out: list[tuple[int, int, int, str, str]] = []
    pattern = target_pattern(target)
    if target is not None and s.target and pattern is not None:
        for m in pattern.finditer(text, s.start, s.end):
            out.append((bisect_left(starts, m.start()), bisect_left(starts, m.end()), 0,
                        target.name, "target"))
    own = set(s.speakers)
    last_words: dict[str, list[int]] = {}
    for k in range(lo, hi):
        a, b = s.spans[k]
        last_words.setdefault(text[a:b], []).append(k)
    for shown, last in names:
        if shown not in own:
            out.extend((k, k + 1, 1, shown, "named") for k in last_words.get(last, ()))
    for kind in book.agents:
        for _, i, j in s.hits.get(kind, ()):
            a, b = s.spans[i][0], s.spans[j - 1][1]
            out.append((i, j, 2, text[a:b], kind))
    return out


def _agent(s: Sentence, cue: tuple[int, int], book: ItemBook, target: Target | None,
           names: Sequence[tuple[str, str]], text: str) -> tuple[str, str]:
    """(agent, agent type) of a cause or remedy sentence whose first function cue spans tokens
    cue[0] to cue[1] - 1: the candidate nearest the cue on the side where the one blamed or to
    act stands (:func:`agent_side`); the target before a named actor before an actor type at
    the same distance; nobody when that side has none."""
    side = agent_side(s, cue, book, text)
    i, j = cue
    best: tuple[int, int, str, str] | None = None
    for first, last, rank, agent, kind in agent_candidates(s, book, target, names, text):
        if side == "after" and first >= j:
            dist = first - j
        elif side == "before" and last <= i:
            dist = i - last
        else:
            continue
        if best is None or (dist, rank) < best[:2]:
            best = (dist, rank, agent, kind)
    return (best[2], best[3]) if best else ("", "")


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
                for _, i, j in sorted(hits, key=lambda h: (h[1], -h[2])):
                    agent, agent_type = _agent(s, (i, j), book, target, names, article.text)
                    if agent:
                        break
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
