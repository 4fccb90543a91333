"""Regular expressions written by users in data files: checked alone, then bounded to words.

A user's pattern (a lexicon ``regex`` entry, a stance cue ``re:...``) must

* compile on its own, so that it cannot reach outside the wrapper put around it (``[unclosed``
  would otherwise swallow the word boundary that follows it);
* not match the empty string;
* have no nested repeat (``(a+)+``, ``(?:x*){2,}``) and no alternation under a repeat
  (``(a|ab)+``): these are what make a backtracking engine take exponential time;
* use no possessive repeat or atomic group (``a++``, ``(?>...)``): CPython 3.11.0-3.11.4 match
  them wrongly (gh-106052), and the package promises the same answers on every 3.11+ release.

``bounded`` then compiles it, case-insensitive, so that a hit neither starts nor ends inside a
word.  See docs/hardening.md for why the checks are static and not another regex engine.
"""
from __future__ import annotations

import re
from typing import Any

try:  # Python 3.11+: the parser is re._parser (sre_parse is its deprecated alias)
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
    from re import _constants as _sre  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT}
_POSSESSIVE = {getattr(_sre, "POSSESSIVE_REPEAT", None), getattr(_sre, "ATOMIC_GROUP", None)} - {None}


def _children(op: Any, av: Any) -> list[Any]:
    """The sub-patterns directly under one parsed node."""
    if op in _REPEATS or op in _POSSESSIVE and isinstance(av, tuple):
        return [av[2]]
    if op == getattr(_sre, "ATOMIC_GROUP", None):
        return [av]
    if op == _sre.SUBPATTERN:
        return [av[-1]]
    if op == _sre.BRANCH:
        return list(av[1])
    if op in (_sre.ASSERT, _sre.ASSERT_NOT):
        return [av[1]]
    if op == _sre.GROUPREF_EXISTS:
        return [p for p in av[1:] if p is not None]
    return []


def _many(av: Any) -> bool:
    """True when a repeat node may repeat its body more than once."""
    return av[1] == _sre.MAXREPEAT or av[1] > 1


def _problem(sub: Any, under_repeat: bool) -> str | None:
    """What makes a parsed pattern unsafe (see the module docstring), or None."""
    for op, av in sub:
        if op in _POSSESSIVE:
            return "possessive repeats and atomic groups are not allowed (use plain repeats)"
        if op in _REPEATS and _many(av):
            if under_repeat:
                return ("a repeat inside a repeat (like (a+)+) can take exponential time; "
                        "spell it without nesting")
            inner = _problem(av[2], True)
            if inner:
                return inner
            continue
        if op == _sre.BRANCH and under_repeat:
            return ("an alternation under a repeat (like (a|ab)+) can take exponential time; "
                    "use a character class or separate entries")
        if op == _sre.GROUPREF:
            return "back-references are not allowed"
        for child in _children(op, av):
            found = _problem(child, under_repeat)
            if found:
                return found
    return None


def check_user_regex(source: str) -> str:
    """The pattern source if it is safe to use on its own (see module docstring); else ValueError."""
    if not source.strip():
        raise ValueError("empty regular expression")
    try:
        alone = re.compile(source, re.IGNORECASE)
        parsed = _sre_parse.parse(source, re.IGNORECASE)
    except re.error as e:
        raise ValueError(f"bad regular expression {source!r}: {e}") from None
    except RecursionError:
        raise ValueError(f"regular expression nested too deeply: {source[:40]!r}...") from None
    problem = _problem(parsed, False)
    if problem:
        raise ValueError(f"unsafe regular expression {source!r}: {problem}")
    if alone.search(""):
        raise ValueError(f"the regular expression {source!r} matches the empty string")
    return source


def bounded(source: str) -> re.Pattern[str]:
    """Compile a regex that may not start or end inside a word (case-insensitive)."""
    return re.compile(rf"(?<![^\W_])(?:{source})(?![^\W_])", re.IGNORECASE)


def bounded_user_regex(source: str) -> re.Pattern[str]:
    """A user's regex, checked (ValueError says what is wrong) and bounded to whole words."""
    check_user_regex(source)
    try:
        pattern = bounded(source)
    except re.error as e:  # e.g. a global flag (?x) that is only valid at the very start
        raise ValueError(f"bad regular expression {source!r}: {e}") from None
    if pattern.groups != re.compile(source, re.IGNORECASE).groups:  # pragma: no cover - defensive
        raise ValueError(f"the regular expression {source!r} does not stay inside its wrapper")
    return pattern
