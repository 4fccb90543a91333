"""Word keys: skip a case-insensitive phrase pattern when its first word is not in the text.

Lexicon entries and stance cues are phrases compiled to case-insensitive regular expressions
that may not start inside a word.  Searching every pattern in every paragraph costs one scan
of the text per pattern; most patterns cannot match because their first word is absent.  A
:class:`WordKey` records the first word(s) a pattern can start with (``summon`` ``summons``
``summoned`` ...) or a prefix they start with (``resign`` for ``resign*``); :func:`key_index`
indexes the keys of a list of patterns once, :func:`text_words` collects the words of a text,
and :func:`candidates` lists the patterns worth running on it; :func:`word_runs` and
:func:`run_places` give where each word starts, from one pass over the text.  The test is a necessary
condition only, so results are exactly those of running every pattern: a pattern whose first
word cannot be keyed (a regular expression, a phrase starting with punctuation or a non-ASCII
letter) gets no key and is always run.

Why it is exact: a hit starts where no letter or digit precedes it, and its first word is the
ASCII letters and digits of the key followed by a character that is neither (a space, hyphen,
apostrophe, or the end of the pattern's word boundary), so the hit's first word in the text
is one whole run of letters and digits.  Python's case-insensitive matching equates an ASCII
letter with its other case and with four non-ASCII characters (``İ ı ſ K``), which
:func:`fold` maps to the ASCII letter before lower-casing.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress
from typing import Collection, Iterable, Sequence

#: A word as the patterns' boundaries see it: a run of letters and digits.
_WORD = re.compile(r"[^\W_]+")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+")
#: The same runs, captured, to split a text into gaps and runs in one pass.
_WORD_SPLIT = re.compile(r"([^\W_]+)")
#: Non-ASCII characters that ``re.IGNORECASE`` matches to an ASCII letter, and that letter.
_ASCII_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_NEEDS_FOLD = re.compile("[\u0130\u0131\u017f\u212a]")


def needs_fold(text: str) -> bool:
    """True when text holds a non-ASCII character that case-insensitive matching equates with
    an ASCII letter (``İ ı ſ K``); without one, ASCII case classes match as ``re.I`` does."""
    return _NEEDS_FOLD.search(text) is not None


def fold(text: str) -> str:
    """Text as case-insensitive matching of ASCII letters sees it (``SCRAMBLING`` -> ``scrambling``).

    Folding maps each character to one character and keeps letters and digits apart from
    everything else (checked over all of Unicode in the tests), so words keep their places.
    """
    if needs_fold(text):
        text = text.translate(_ASCII_FOLD)
    return text.lower()


def text_words(text: str) -> frozenset[str]:
    """The folded runs of letters and digits in a text."""
    return frozenset(_WORD.findall(fold(text)))


def word_runs(folded: str) -> tuple[list[str], list[int]]:
    """The runs of letters and digits of folded text (see :func:`fold`) in order, and the
    offset each starts at, from one regex pass (``frozenset`` of the runs is
    :func:`text_words`; the offsets of a run equal to a word are :func:`word_starts`)."""
    parts = _WORD_SPLIT.split(folded)  # gap, run, gap, run, ..., gap
    ends = list(accumulate(map(len, parts)))  # run j starts where part 2j ends
    return parts[1::2], ends[:-1:2]


def run_places(runs: Sequence[str], starts: Sequence[int],
               wanted: Collection[str]) -> dict[str, list[int]]:
    """The ascending start offsets of each run (from :func:`word_runs`) that is in ``wanted``:
    ``run_places(...)[w]`` is ``word_starts(folded, w)`` for every ``w`` of ``wanted`` that
    occurs (each run is a whole word, none other is)."""
    places: dict[str, list[int]] = {}
    for k in compress(range(len(runs)), map(wanted.__contains__, runs)):
        at = places.get(runs[k])
        if at is None:
            places[runs[k]] = [starts[k]]
        else:
            at.append(starts[k])
    return places


@lru_cache(maxsize=4096)
def _start_pattern(word: str, prefix: bool) -> re.Pattern[str]:
    """A case-sensitive pattern of a word (or prefix) at a word start: no letter or digit
    before it (and, for a whole word, none after it)."""
    w = re.escape(word)  # the literal first, so that the engine skips to its occurrences
    return re.compile(w + r"(?<![^\W_]" + w + ")" + ("" if prefix else r"(?![^\W_])"))


def word_starts(folded: str, word: str, prefix: bool = False) -> list[int]:
    """Offsets in folded text (see :func:`fold`) where a whole word, or a word starting with
    ``prefix``, begins (one regex scan: two such places cannot overlap, since the second
    would follow a letter or digit of the first)."""
    return [m.start() for m in _start_pattern(word, prefix).finditer(folded)]


def key_starts_in(key: WordKey, folded: str, words: frozenset[str],
                  cache: dict[str, list[int]]) -> list[int]:
    """:func:`key_starts`, remembering each whole word's starts in ``cache`` (one dict per
    text), so that entries sharing a first word search the text for it once."""
    lists: list[list[int]] = []
    for w in key.words:
        if w in words:
            starts = cache.get(w)
            if starts is None:
                starts = cache[w] = word_starts(folded, w)
            lists.append(starts)
    lists += [word_starts(folded, pre, prefix=True) for pre in key.prefixes]
    if len(lists) == 1:  # one word's starts: already sorted and distinct
        return list(lists[0])
    return sorted({i for starts in lists for i in starts})


def key_starts(key: WordKey, folded: str, words: frozenset[str]) -> list[int]:
    """Sorted offsets where a word of the key (present in ``words``), or a word with one of
    its prefixes, starts in folded text."""
    found = [i for w in key.words if w in words for i in word_starts(folded, w)]
    for pre in key.prefixes:
        found += word_starts(folded, pre, prefix=True)
    return sorted(set(found))


@dataclass(frozen=True)
class WordKey:
    """First words a pattern can start with (``words``) or start-of-word prefixes (``prefixes``)."""

    words: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()


def leading_word(phrase: str) -> str | None:
    """The first run of letters and digits of a literal phrase, lower-cased; None if it is not
    plain ASCII letters and digits at the very start, followed by a non-letter or the end."""
    head = phrase.lstrip()
    m = _WORD.match(head)
    if m is None or not _ASCII_WORD.fullmatch(m.group()):
        return None
    return m.group().lower()


def word_key(first_words: Iterable[str] = (), prefixes: Iterable[str] = ()) -> WordKey | None:
    """The key of a pattern from the literal phrases it can start with; None if any cannot be keyed."""
    words, pres = set(), set()
    for phrases, into in ((first_words, words), (prefixes, pres)):
        for phrase in phrases:
            w = leading_word(phrase)
            if w is None:
                return None
            into.add(w)
    if not words and not pres:
        return None
    return WordKey(frozenset(words), tuple(sorted(pres)))


@dataclass(frozen=True)
class KeyIndex:
    """Positions of patterns in a list, by the first word or prefix of their key."""

    by_word: dict[str, tuple[int, ...]]
    prefixes: tuple[tuple[str, int], ...]
    always: tuple[int, ...]  # patterns without a key: always run


def key_index(keys: Sequence[WordKey | None]) -> KeyIndex:
    """Index the keys of a list of patterns (position i is the i-th pattern)."""
    by_word: dict[str, list[int]] = {}
    prefixes: list[tuple[str, int]] = []
    always: list[int] = []
    for i, key in enumerate(keys):
        if key is None:
            always.append(i)
            continue
        for w in key.words:
            by_word.setdefault(w, []).append(i)
        prefixes.extend((p, i) for p in key.prefixes)
    return KeyIndex({w: tuple(v) for w, v in by_word.items()}, tuple(prefixes), tuple(always))


def candidates(index: KeyIndex, words: frozenset[str],
               ordered: Sequence[str] | None = None) -> list[int]:
    """Positions, in order, of the patterns that may match a text with these words
    (``ordered``: the words sorted, when the caller has them)."""
    found = set(index.always)
    for w in words & index.by_word.keys():
        found.update(index.by_word[w])
    if index.prefixes:
        if ordered is None:
            ordered = sorted(words)  # a word with prefix p sorts first among those >= p
        for p, i in index.prefixes:
            if i not in found:
                k = bisect_left(ordered, p)
                if k < len(ordered) and ordered[k].startswith(p):
                    found.add(i)
    return sorted(found)


def prefixed(ordered: Sequence[str], prefix: str) -> list[str]:
    """The words of a sorted list that start with ``prefix`` (they stand together from the
    first word at or after it)."""
    k = bisect_left(ordered, prefix)
    out = []
    while k < len(ordered) and ordered[k].startswith(prefix):
        out.append(ordered[k])
        k += 1
    return out
