"""Word keys read from a word-bounded regular expression: where its hits can start, what they hold.

A cue written as a regular expression (``re:(?:should|must)\\s+go\\b``) has no literal first
word for :mod:`analysis.text.wordkeys` to index, so it used to be searched through every text.
Its parse tree (``re._parser``) says more: :func:`first_key` gives the words (or word
prefixes) every hit starts with, and :func:`required_keys` one such set of words for each
place of the pattern that every hit passes at a word start (``change`` in
``(?:the\\s+)?change\\s+needs?``).  Both are necessary conditions only: a text without any
word of a required key cannot hold a hit, and a hit can only start where a word of the first
key starts, so trying the pattern there (:func:`hits_at`) finds exactly what ``finditer``
finds.

Only patterns made by :func:`analysis.text.userregex.bounded` (or compiled phrase cues of the
same shape: case-insensitive, ``(?<![^\\W_])(?:...)(?![^\\W_])``) are read, because the wrapper
is what guarantees that a hit starts and ends at a word boundary; any other pattern, or any
construct the reader does not know (a class of unknown letters at the very start, too many
spellings), gets no key and is searched through the text as before.

How a word is read (the states of :func:`_walk`): a word being spelt grows by the literal
ASCII letters and digits and the small letter classes (``[sz]``) of the pattern; a white-space
class, a non-alphanumeric literal, ``\\b`` or the end of the pattern ends it (a *whole* word);
anything else (``\\w*``, ``.``, a negated class, a loop) ends it as a *prefix*, since the word
in the text starts with what was spelt so far.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Any

from .wordkeys import WordKey

try:  # Python 3.11+: the parser is re._parser (sre_parse is its deprecated alias)
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
    from re import _constants as _sre  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

__all__ = ["first_key", "required_keys", "pattern_keys", "key_present", "hits_at", "inner_source"]

#: Most spellings followed at once; a pattern with more gets no key.
MAX_STATES = 256
#: Most letters a character class may hold to be spelt out (``[sz]``); a larger one is a prefix end.
MAX_CLASS = 4
_PREFIX = r"(?<![^\W_])(?:"
_SUFFIX = r")(?![^\W_])"
_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT}
_ZERO_WIDTH = {_sre.ASSERT, _sre.ASSERT_NOT}
_ENDS_WORD = {_sre.AT_BOUNDARY, _sre.AT_END, _sre.AT_END_STRING, _sre.AT_END_LINE,
              getattr(_sre, "AT_UNI_BOUNDARY", _sre.AT_BOUNDARY)}
_SPACE = {_sre.CATEGORY_SPACE, getattr(_sre, "CATEGORY_UNI_SPACE", _sre.CATEGORY_SPACE),
          _sre.CATEGORY_NOT_WORD, getattr(_sre, "CATEGORY_UNI_NOT_WORD", _sre.CATEGORY_NOT_WORD)}

# A state: ("open", spelt) for a word still being spelt, ("word", w) or ("prefix", p) once
# the first word is known.
_State = tuple[str, str]


class _NoKey(Exception):
    """The pattern's first word cannot be read (it may start with anything)."""


def inner_source(pattern: re.Pattern[str]) -> str | None:
    """The user's source inside the word-bounding wrapper, or None for another pattern."""
    src = pattern.pattern
    if not (pattern.flags & re.IGNORECASE) or pattern.flags & re.VERBOSE \
            or not (src.startswith(_PREFIX) and src.endswith(_SUFFIX)):
        return None
    return src[len(_PREFIX):-len(_SUFFIX)]


def _letter(ch: str) -> str | None:
    """An ASCII letter or digit as case-insensitive matching folds it; None for anything else."""
    return ch.lower() if ch.isascii() and ch.isalnum() else None


def _char_kind(op: Any, av: Any) -> tuple[str, frozenset[str]]:
    """What one character node matches: ("letters", set) for a few known ASCII letters or digits,
    ("gap", ...) for characters that are never letters or digits, ("other", ...) otherwise."""
    if op == _sre.LITERAL:
        ch = chr(av)
        low = _letter(ch)
        if low is not None:
            return "letters", frozenset([low])
        return ("other" if ch.isalnum() else "gap"), frozenset()
    if op == _sre.CATEGORY:
        return ("gap" if av in _SPACE else "other"), frozenset()
    if op == _sre.IN:
        items = list(av)
        if items and items[0][0] == _sre.NEGATE:
            return "other", frozenset()
        letters: set[str] = set()
        gaps = 0
        for o, a in items:
            if o == _sre.LITERAL and _letter(chr(a)) is not None:
                letters.add(chr(a).lower())
            elif o == _sre.LITERAL and not chr(a).isalnum():
                gaps += 1
            elif o == _sre.CATEGORY and a in _SPACE:
                gaps += 1
            elif o == _sre.RANGE and a[1] - a[0] < MAX_CLASS \
                    and all(_letter(chr(c)) is not None for c in range(a[0], a[1] + 1)):
                letters.update(chr(c).lower() for c in range(a[0], a[1] + 1))
            else:
                return "other", frozenset()
        if letters and not gaps and len(letters) <= MAX_CLASS:
            return "letters", frozenset(letters)
        if gaps and not letters:
            return "gap", frozenset()
        return "other", frozenset()
    return "other", frozenset()


def _end(states: Iterable[_State], how: str) -> set[_State]:
    """States with their open word ended as a whole word (how="word") or a prefix."""
    out: set[_State] = set()
    for kind, s in states:
        if kind != "open":
            out.add((kind, s))
        elif not s:
            raise _NoKey  # the hit may start with this: no first word
        else:
            out.add((how, s))
    return out


def _spell(states: Iterable[_State], letters: Iterable[str]) -> set[_State]:
    """States after one of a few letters: each open word grows by each letter."""
    out: set[_State] = set()
    for kind, s in states:
        if kind == "open":
            out.update((kind, s + c) for c in letters)
        else:
            out.add((kind, s))
    return out


def _repeat(av: Any, states: set[_State]) -> set[_State]:
    """States after a repeat ``{lo,hi}`` of a body: the body spelt up to three times, and what
    is still open after that ended as a prefix when the body may go on."""
    lo, hi, body = av
    if hi == 0:
        return states
    once = _walk(body, states)
    times = min(max(lo, 1), 3)
    for _ in range(times - 1):
        once = _walk(body, once)
    if hi == _sre.MAXREPEAT or hi > times:
        once = _end(once, "prefix")
    return (states | once) if lo == 0 else once


def _walk(seq: Sequence[Any], states: set[_State]) -> set[_State]:
    """The states after a parsed sequence, from the states before it."""
    for op, av in seq:
        if all(kind != "open" for kind, _ in states):
            return states
        if op in _ZERO_WIDTH or (op == _sre.AT and av not in _ENDS_WORD):
            continue  # zero width: it only narrows where a hit may be
        if op == _sre.AT:  # \b or an end: a word being spelt ends here (none yet: nothing)
            states = {st for st in states if st == ("open", "")} | \
                _end((st for st in states if st != ("open", "")), "word")
        elif op == _sre.SUBPATTERN:
            states = _walk(av[-1], states)
        elif op == _sre.BRANCH:
            states = set().union(*(_walk(alt, states) for alt in av[1]))
        elif op in _REPEATS:
            states = _repeat(av, states)
        elif op in (_sre.LITERAL, _sre.IN, _sre.CATEGORY):
            kind, letters = _char_kind(op, av)
            if kind == "gap":
                states = _end(states, "word")
            elif kind == "other":
                states = _end(states, "prefix")
            else:
                states = _spell(states, letters)
        else:  # ANY, NOT_LITERAL, a group reference, ...: some character, unknown
            states = _end(states, "prefix")
        if len(states) > MAX_STATES:
            raise _NoKey
    return states


def _key(states: Iterable[_State]) -> WordKey:
    """The WordKey of final states (a word or prefix that a prefix covers is left out)."""
    done = _end(states, "word")  # the wrapper ends a hit at a word end
    prefixes = sorted({s for k, s in done if k == "prefix"})
    prefixes = [p for p in prefixes if not any(p != q and p.startswith(q) for q in prefixes)]
    words = {s for k, s in done if k == "word" and not any(s.startswith(p) for p in prefixes)}
    return WordKey(frozenset(words), tuple(prefixes))


def _parse(pattern: re.Pattern[str]) -> Any | None:
    """The parse tree of a word-bounded pattern's source, or None."""
    src = inner_source(pattern)
    if src is None:
        return None
    try:
        return _sre_parse.parse(src, re.IGNORECASE)
    except (re.error, RecursionError):  # pragma: no cover - it compiled once already
        return None


def _first(seq: Sequence[Any]) -> WordKey | None:
    """The key of the first word of a parsed sequence, or None."""
    try:
        return _key(_walk(seq, {("open", "")}))
    except _NoKey:
        return None


def first_key(pattern: re.Pattern[str]) -> WordKey | None:
    """The words or prefixes every hit of a word-bounded pattern starts with; None if unknown."""
    seq = _parse(pattern)
    return None if seq is None else _first(seq)


def _nullable(seq: Sequence[Any]) -> bool:
    """True when a parsed sequence may match the empty string."""
    return all(_node_nullable(op, av) for op, av in seq)


def _node_nullable(op: Any, av: Any) -> bool:
    """True when one parsed node may match the empty string."""
    if op in _ZERO_WIDTH or op == _sre.AT:
        return True
    if op in _REPEATS:
        return av[0] == 0 or _nullable(av[2])
    if op == _sre.SUBPATTERN:
        return _nullable(av[-1])
    if op == _sre.BRANCH:
        return any(_nullable(alt) for alt in av[1])
    return False


def _ends_gap(seq: Sequence[Any]) -> bool:
    """True when every non-empty match of a parsed sequence ends with a non-alphanumeric
    character (so what follows starts a word)."""
    if not seq:
        return True
    op, av = seq[-1]
    return _node_ends_gap(op, av) and (not _node_nullable(op, av) or _ends_gap(seq[:-1]))


def _node_ends_gap(op: Any, av: Any) -> bool:
    """_ends_gap of one node."""
    if op in _ZERO_WIDTH or op == _sre.AT:
        return True  # no characters of its own
    if op in _REPEATS:
        return _ends_gap(av[2])
    if op == _sre.SUBPATTERN:
        return _ends_gap(av[-1])
    if op == _sre.BRANCH:
        return all(_ends_gap(alt) for alt in av[1])
    if op in (_sre.LITERAL, _sre.IN, _sre.CATEGORY):
        return _char_kind(op, av)[0] == "gap"
    return False


def required_keys(pattern: re.Pattern[str]) -> tuple[WordKey, ...]:
    """For each place of the pattern's top level that every hit passes at a word start, the
    words (or prefixes) one of which starts there: a text holding none of a key's words has
    no hit.  Empty when nothing is known."""
    seq = _parse(pattern)
    if seq is None:
        return ()
    seq = list(seq)
    out: list[WordKey] = []
    at_start = True  # the wrapper starts every hit at a word start
    for i, (op, av) in enumerate(seq):
        if at_start:
            key = _first(seq[i:])
            if key is not None and key not in out:
                out.append(key)
        at_start = _node_ends_gap(op, av) and (not _node_nullable(op, av) or at_start)
    return tuple(out)


def pattern_keys(pattern: re.Pattern[str]) -> tuple[WordKey | None, tuple[WordKey, ...]]:
    """(first_key, required_keys) of a pattern."""
    return first_key(pattern), required_keys(pattern)


def key_present(key: WordKey, words: frozenset[str], ordered: Sequence[str]) -> bool:
    """True when a text with these (folded) words, ``ordered`` being them sorted, holds a word
    of the key or a word with one of its prefixes."""
    if not key.words.isdisjoint(words):
        return True
    for p in key.prefixes:
        k = bisect_left(ordered, p)  # a word with prefix p sorts first among those >= p
        if k < len(ordered) and ordered[k].startswith(p):
            return True
    return False


def hits_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> list[tuple[int, int]]:
    """(start, end) of the hits ``pattern.finditer(text)`` finds, given every offset at which
    a hit may start (sorted): the pattern is tried only there, left to right, each try after
    the end of the last hit, as finditer does."""
    out: list[tuple[int, int]] = []
    reached = 0
    for at in starts:
        if at < reached:
            continue
        m = pattern.match(text, at)
        if m is not None:
            out.append((at, m.end()))
            reached = m.end()
    return out
