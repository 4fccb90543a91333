"""Word keys: skip a case-insensitive phrase pattern when its first word is not in the text.

Lexicon entries and stance cues are phrases compiled to case-insensitive regular expressions
that may not start inside a word.  Searching every pattern in every paragraph costs one scan
of the text per pattern; most patterns cannot match because their first word is absent.  A
:class:`WordKey` records the first word(s) a pattern can start with (``summon`` ``summons``
``summoned`` ...) or a prefix they start with (``resign`` for ``resign*``); :func:`key_index`
indexes the keys of a list of patterns once, :func:`text_words` collects the words of a text,
and :func:`candidates` lists the patterns worth running on it; :class:`TextRuns` gives
where each word starts, from one pass over the text.  The test is a necessary
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
from itertools import accumulate, compress, islice
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


#: Non-ASCII characters common in news text that are neither letters nor digits (curly
#: quotes, non-breaking and zero-width spaces, dashes, ellipsis, bullet, degree sign).
_SEPARATORS = "\u2019\u201c\u201d\u2018\u00a0\u2014\u2013\u2015\u2026\u2022\u200b\u00b0"
#: ASCII letters and digits kept, every other byte a space (for ``bytes.translate``).
_RUN_BYTES = bytes(c if c < 128 and chr(c).isalnum() else 32 for c in range(256))


def _ascii_copy(text: str) -> bytes | None:
    """The text as ASCII bytes, each of :data:`_SEPARATORS` a space (one character each, so
    offsets and runs of letters and digits are kept); None when another non-ASCII character
    remains."""
    if not text.isascii():
        for ch in _SEPARATORS:
            text = text.replace(ch, " ")
    try:
        return text.encode("ascii")
    except UnicodeEncodeError:
        return None


class TextRuns:
    """The runs of letters and digits of a folded text (see :func:`fold`) and where each
    starts, from one pass over the text: ``words`` is :func:`text_words` of it, and
    :meth:`places` gives :func:`word_starts` of the words asked for.

    ASCII text (once :data:`_SEPARATORS` are read as spaces) is split with
    ``bytes.translate`` and ``str.split``, several times faster than a regular expression:
    in ASCII the letters and digits are ``A-Za-z0-9``, and every other character, a space
    after the translation, separates runs.  Other text is split by :data:`_WORD_SPLIT`.
    """

    __slots__ = ("words", "_parts", "_step")

    def __init__(self, folded: str) -> None:
        """Split folded text into runs and what lies between them."""
        data = _ascii_copy(folded)
        if data is not None:  # runs and empty strings, each part followed by one separator
            parts = data.translate(_RUN_BYTES).decode("ascii").split(" ")
            self._step, self.words = 1, frozenset(filter(None, parts))
        else:  # gap, run, gap, run, ..., gap
            parts = _WORD_SPLIT.split(folded)
            self._step, self.words = 0, frozenset(parts[1::2])
        self._parts = parts

    def places(self, wanted: Collection[str]) -> dict[str, list[int]]:
        """The ascending start offsets of each word of ``wanted`` that occurs as a whole run
        (``word_starts(folded, w)``; words absent from the text are left out)."""
        if "" in wanted:
            wanted = {w for w in wanted if w}
        parts, step = self._parts, self._step
        hits = list(compress(range(len(parts)), map(wanted.__contains__, parts)))
        if not hits:
            return {}
        # part k starts after the parts before it, and (ASCII) one separator after each
        ends = list(accumulate(islice(map(len, parts), hits[-1] + 1)))
        places: dict[str, list[int]] = {}
        for k in hits:
            w = parts[k]
            at = ends[k] - len(w) + step * k
            found = places.get(w)
            if found is None:
                places[w] = [at]
            else:
                found.append(at)
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
