"""The one tokenizer: word and symbol tokens with their offsets, shared by every measure."""
from __future__ import annotations

import re
from operator import methodcaller

#: Word tokens (letters/digits with inner apostrophes, hyphens, dots or ampersands) or one symbol.
#: (Spelt as alphanumeric runs joined by runs of _ ' & - or a curly apostrophe; the classes are
#: disjoint, so plain greedy repeats never backtrack.  No possessive repeats or atomic groups:
#: CPython 3.11.0-3.11.4 matches those wrongly (gh-106052), see docs/hardening.md.)
_TOKEN = re.compile(r"[^\W_]+(?:[_'\u2019&-]+[^\W_]+)*(?:\.[^\W_]+)*|\S")
#: The same tokens in ASCII text, where [^\W_] is [A-Za-z0-9]: an ASCII class is one bitmap
#: test per character, a Unicode category test several (about twice as fast).
_ASCII_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[_'&-]+[A-Za-z0-9]+)*(?:\.[A-Za-z0-9]+)*|\S")


_SPAN = re.Match.span
_GROUP = re.Match.group  # group() is the whole match
_STRAIGHTEN = methodcaller("replace", "\u2019", "'")


def _folded(words: list[str], curly: bool) -> list[str]:
    """The case-folded words, a curly apostrophe made straight when the text has one."""
    if curly:  # a curly apostrophe compares as a straight one
        return list(map(_STRAIGHTEN, map(str.casefold, words)))
    return list(map(str.casefold, words))


class _WordList:
    """What Tokens and Words share: their words, counted and told from symbols."""

    __slots__ = ("words", "lower")

    def __len__(self) -> int:
        """Number of tokens."""
        return len(self.words)

    def is_word(self, i: int) -> bool:
        """True when token i is a word (not a symbol)."""
        return 0 <= i < len(self.words) and self.words[i][0].isalnum()


class Tokens(_WordList):
    """Word and symbol tokens of a text slice with their absolute offsets."""

    __slots__ = ("text", "spans")

    def __init__(self, text: str, start: int = 0, end: int | None = None) -> None:
        """Tokenise text[start:end] (offsets stay absolute)."""
        end = len(text) if end is None else end
        self.text = text
        # (the slice that finditer reads: it takes a negative offset as 0)
        pattern = _ASCII_TOKEN if text[max(0, start):max(0, end)].isascii() else _TOKEN
        found = list(pattern.finditer(text, start, end))
        self.spans = list(map(_SPAN, found))
        self.words = list(map(_GROUP, found))
        self.lower = _folded(self.words, text.find("\u2019", start, end) >= 0)


class Words(_WordList):
    """The words and case-folded words of Tokens(text), without the offsets (cheaper)."""

    __slots__ = ()

    def __init__(self, text: str) -> None:
        """Tokenise the whole of text as Tokens(text) does."""
        self.words = (_ASCII_TOKEN if text.isascii() else _TOKEN).findall(text)
        self.lower = _folded(self.words, "\u2019" in text)
