"""The target of a stance (a plain record a study supplies) and where a text mentions it.

A :class:`Target` names what stance is taken toward: a person, an organisation or both (an
organisation and its leadership).  :func:`target_mentions` finds, in a text:

* its ``aliases`` and ``role_nouns`` ("the council", "City Hall"): case-sensitive whole words,
  except that a phrase written with a lower-case first letter also matches capitalised
  ("the force" matches "The force"), so "May" is not the verb "may";
* its ``pronouns`` ("he", "it", "they", ...) when they refer back to a mention: a pronoun
  counts when a mention of the target comes earlier in the text and no other name (a run of
  capitalised words that is not the target and does not open a sentence) stands between that
  mention and the pronoun.

Nothing about any particular story lives here: the study builds the record.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

#: Pronouns used when a Target gives none: a person's and an organisation's.
PERSON_PRONOUNS = ("he", "him", "his", "himself", "she", "her", "hers", "herself")
GROUP_PRONOUNS = ("it", "its", "itself", "they", "them", "their", "themselves")
#: Capitalised words that are not names (they never block a pronoun's reference).
_NOT_NAMES = frozenset(
    "i i'm i've i'd i'll mr mrs ms dr sir the a an he she it they we you his her its their our my "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december but and or so if when while this that "
    "these those there here in on at for of to as".split())
#: A single capitalised word with an adjective ending ("Jewish", "Canadian", "Islamic"): a
#: description, not somebody a stance can be aimed at.
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ish|ian|ese|ic)$")
_NAME = re.compile(r"\b[A-Z][\w'\u2019-]*(?:(?:\s+(?:of|de|van|von|der|the))?\s+[A-Z][\w'\u2019-]*)*")


@dataclass(frozen=True)
class Target:
    """What a stance is toward: its names, the actor ids of its own voice and of its allies."""

    name: str
    aliases: tuple[str, ...] = ()
    actor_ids: tuple[str, ...] = ()
    allies: tuple[str, ...] = ()
    role_nouns: tuple[str, ...] = ()
    pronouns: tuple[str, ...] = ()


def _phrase_regex(phrase: str) -> str:
    """Regex of an alias: case-sensitive, but a lower-case first letter may be capitalised."""
    words = phrase.split()
    src = r"\s+".join(
        "".join(r"['\u2019]" if ch in "'\u2019" else re.escape(ch) for ch in w) for w in words)
    first = phrase.lstrip()[:1]
    if first.islower():
        src = f"[{first}{first.upper()}]" + src[1:]
    return src


@lru_cache(maxsize=256)
def _patterns(target: Target) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """Compiled patterns of a target's names (aliases, role nouns) and of its pronouns."""
    names = sorted({p.strip() for p in (*target.aliases, *target.role_nouns, target.name)
                    if p and p.strip()}, key=len, reverse=True)
    name_pat = (re.compile(r"(?<![\w'\u2019])(?:" + "|".join(map(_phrase_regex, names))
                           + r")(?!\w)") if names else None)
    prons = sorted({p.strip().casefold() for p in target.pronouns if p.strip()}, key=len,
                   reverse=True)
    pron_pat = (re.compile(r"(?<![\w'\u2019])(?:" + "|".join(map(re.escape, prons)) + r")(?!\w)",
                           re.IGNORECASE) if prons else None)
    return name_pat, pron_pat


def name_mentions(text: str, target: Target) -> list[tuple[int, int]]:
    """(start, end) of each alias or role noun of the target in text, in order."""
    name_pat, _ = _patterns(target)
    return [m.span() for m in name_pat.finditer(text)] if name_pat else []


@lru_cache(maxsize=64)
def _name_runs(text: str) -> tuple[tuple[int, int], ...]:
    """Capitalised word runs of a text that may be names: not a listed non-name, not a
    demonym, not a single word opening a sentence (cached: target_mentions and its callers
    ask for the same text's runs with different spans left out)."""
    out = []
    for m in _NAME.finditer(text):
        word = m.group()
        if word.casefold() in _NOT_NAMES or _DEMONYM.search(word):
            continue
        j = m.start()
        while j > 0 and text[j - 1].isspace():  # the last character before it, spaces aside
            j -= 1
        opener = j == 0 or text[j - 1] in ".!?\"'\u201c\u2018(:"
        if opener and " " not in word:
            continue
        out.append(m.span())
    return tuple(out)


def other_names(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Capitalised word runs that are not inside `spans` and are not sentence openers."""
    out = []
    spans = sorted(spans)
    starts = [s for s, _ in spans]
    for a, b in _name_runs(text):
        k = bisect_right(starts, b - 1) - 1  # the last span starting before b
        if k >= 0 and spans[k][1] > a or (k > 0 and spans[k - 1][1] > a):
            continue
        out.append((a, b))
    return out


def target_mentions(text: str, target: Target) -> list[tuple[int, int]]:
    """(start, end) of each mention of the target in text: names, role nouns, pronouns."""
    names = name_mentions(text, target)
    _, pron_pat = _patterns(target)
    if not names or pron_pat is None:
        return names
    others = other_names(text, names)
    found = list(names)
    for m in pron_pat.finditer(text):
        a = m.start()
        last = max((e for _, e in names if e <= a), default=None)
        if last is None:
            continue
        if any(last <= s < a for s, _ in others):
            continue
        found.append(m.span())
    return sorted(set(found))
