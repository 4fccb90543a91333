"""Paragraph splitting and detection of headlines, photo captions and repeated paragraphs.

Every rule here sets a paragraph's ``role`` and a human-readable ``reason``; nothing is
deleted.  The rules, in the order they are applied, are documented in docs/cleaning.md.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from typing import Sequence

from ..model import Paragraph

#: Longest headline, in words, the first-line rule accepts.
HEADLINE_MAX_WORDS = 25
#: Longest line, in words, that counts as an image label when it has no final punctuation.
LABEL_MAX_WORDS = 4
#: Word n-gram length used to find repeated text between paragraphs.
SHINGLE = 5
#: Share of a paragraph's words that must recur in one other paragraph to make it a repeat.
REPEAT_COVERAGE = 0.6

_LINE = re.compile(r"[^\r\n]+")
_WORD = re.compile(r"\w+")
_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*\s*$|[\"'”’»]\s*[.!?…]\s*$")
_CREDIT = re.compile(
    r"\((?:[^()]{1,80}/[^()]{1,60}|[^()]*\b(?:Getty Images|Reuters|AFP|Alamy|Shutterstock|"
    r"PA Wire|PA Media|AP Photo|EPA|Rex Features)\b[^()]*)\)\s*$")
_PICTURE_MARKER = re.compile(
    r"\((?:pictured|picture|pictured (?:left|right|centre|center|above|below)|left|right|centre|"
    r"center|above|below|top|bottom|inset|file photo|file)\)", re.IGNORECASE)


def split_paragraphs(text: str) -> list[Paragraph]:
    """Split text on line breaks into non-blank paragraphs with offsets (whitespace trimmed)."""
    out: list[Paragraph] = []
    for m in _LINE.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append(Paragraph(index=len(out), start=start, end=end, text=text[start:end]))
    return out


def _words(text: str) -> list[str]:
    """Lower-cased word tokens with picture markers such as '(pictured)' removed."""
    return [w.casefold() for w in _WORD.findall(_PICTURE_MARKER.sub(" ", text))]


def has_final_punctuation(text: str) -> bool:
    """True when the text ends a sentence (., !, ?, … possibly followed by a closing mark)."""
    return bool(_TERMINAL.search(text))


def caption_signals(text: str) -> list[str]:
    """The caption cues a paragraph shows: picture markers, photo credits, no final stop."""
    signals = []
    if _PICTURE_MARKER.search(text):
        signals.append("picture marker " + repr(_PICTURE_MARKER.search(text).group(0)))
    if _CREDIT.search(text):
        signals.append("photo credit " + repr(_CREDIT.search(text).group(0).strip()))
    if not has_final_punctuation(text):
        signals.append("no final punctuation")
    return signals


def _is_headline(p: Paragraph, n_paragraphs: int, headline: str | None) -> bool:
    """First-line headline rule: matches the known headline, or short and unpunctuated."""
    if p.index != 0 or n_paragraphs < 2:
        return False
    if headline:
        return _words(headline) == _words(p.text)
    return len(_words(p.text)) <= HEADLINE_MAX_WORDS and not has_final_punctuation(p.text)


def _coverage(words: Sequence[str], shingles_at: list[set[int]], other: int) -> float:
    """Share of a paragraph's words that lie inside a shingle it shares with `other`."""
    covered = [False] * len(words)
    for i, owners in enumerate(shingles_at):
        if other in owners:
            for k in range(i, min(i + SHINGLE, len(words))):
                covered[k] = True
    return sum(covered) / len(words) if words else 0.0


def find_repeats(paragraphs: Sequence[Paragraph]) -> dict[int, tuple[int, float]]:
    """Map each paragraph that repeats another one to (the other's index, coverage)."""
    words = {p.index: _words(p.text) for p in paragraphs}
    shingles = {idx: [tuple(ws[i:i + SHINGLE]) for i in range(len(ws) - SHINGLE + 1)]
                for idx, ws in words.items()}
    owners: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for idx, shs in shingles.items():
        for sh in shs:
            owners[sh].add(idx)
    shared = {idx for group in owners.values() if len(group) > 1 for idx in group}
    best: dict[int, tuple[int, float]] = {}
    for idx, shs in shingles.items():
        if idx not in shared:
            continue  # shares no shingle with another paragraph (most paragraphs)
        ws = words[idx]
        at = [owners[sh] - {idx} for sh in shs]
        for other in sorted(set().union(*at)):
            cov = _coverage(ws, at, other)
            if cov >= REPEAT_COVERAGE and cov > best.get(idx, (-1, 0.0))[1]:
                best[idx] = (other, cov)
    return best


def _caption_score(p: Paragraph) -> int:
    """How caption-like a paragraph looks: one point per caption signal."""
    return len(caption_signals(p.text))


def classify_paragraphs(paragraphs: Sequence[Paragraph],
                        headline: str | None = None) -> list[Paragraph]:
    """Give each paragraph a role (headline, body, caption, duplicate) and the reason for it."""
    out = {p.index: p for p in paragraphs}
    n = len(paragraphs)
    for p in paragraphs:
        if _is_headline(p, n, headline):
            out[p.index] = replace(p, role="headline", reason="first line: headline")
        elif _CREDIT.search(p.text):
            out[p.index] = replace(
                p, role="caption",
                reason="caption: ends with a photo credit " + repr(_CREDIT.search(p.text).group(0).strip()))
        elif (p.index > 0 and not has_final_punctuation(p.text)
              and len(_words(p.text)) <= LABEL_MAX_WORDS):
            out[p.index] = replace(
                p, role="caption", reason="caption: short line with no final punctuation (image label)")
    body = [p for p in out.values() if p.role == "body"]
    repeats = find_repeats(body)
    by_index = {p.index: p for p in body}
    for idx in sorted(repeats):
        other, cov = repeats[idx]
        if out[idx].role != "body" or out[other].role != "body":
            continue
        mutual = repeats.get(other, (None, 0.0))[0] == idx
        p, q = by_index[idx], by_index[other]
        if mutual:
            sp, sq = _caption_score(p), _caption_score(q)
            loser = p if (sp > sq or (sp == sq and idx > other)) else q
        else:
            loser = p  # p is contained in q: the shorter copy is the excerpt
        keeper = q if loser is p else p
        signals = caption_signals(loser.text)
        role = "caption" if signals else "duplicate"
        why = (f"{'caption repeat' if signals else 'duplicate'} of paragraph {keeper.index} "
               f"({round(100 * max(cov, repeats.get(loser.index, (0, cov))[1]))}% of its words recur there"
               + (", " + ", ".join(signals) if signals else "") + ")")
        out[loser.index] = replace(loser, role=role, reason=why, duplicate_of=keeper.index)
    return [out[p.index] for p in paragraphs]
