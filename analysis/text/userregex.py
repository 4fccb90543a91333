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


#: Characters a set is probed with (ASCII, white space and a few non-ASCII letters and marks).
_PROBES = frozenset([chr(c) for c in range(0x20, 0x7F)] + list("\t\n\u00a0\u00e9\u00df\u0661\u4e2d"
                                                            "\u2019\u201c\u2014\u2026"))
#: Probes at which a match may begin after another (the wrapper's look-behind allows any start
#: not preceded by a letter or digit, so runs of these are where starts pile up).
_NON_ALNUM = frozenset(c for c in _PROBES if not c.isalnum())
_CATEGORIES = {
    "WORD": lambda c: c.isalnum() or c == "_", "DIGIT": str.isdecimal, "SPACE": str.isspace,
    "LINEBREAK": lambda c: c == "\n",
}


def _category(code: Any) -> Any:
    """A predicate for a parsed CATEGORY code (CATEGORY_UNI_NOT_WORD and the like)."""
    name = str(code).replace("CATEGORY_", "").replace("UNI_", "").replace("LOC_", "")
    negate = name.startswith("NOT_")
    test = _CATEGORIES[name.replace("NOT_", "")]
    return (lambda c: not test(c)) if negate else test


def _matches(op: Any, av: Any, ch: str) -> bool:
    """True when a one-character node may match ch (case-insensitively)."""
    forms = {f for f in (ch, ch.lower(), ch.upper()) if len(f) == 1}
    if op == _sre.LITERAL:
        return chr(av) in forms or chr(av).lower() in forms
    if op == _sre.NOT_LITERAL:
        return not (chr(av) in forms or chr(av).lower() in forms)
    if op == _sre.ANY:
        return ch != "\n"
    if op == _sre.CATEGORY:
        return _category(av)(ch)
    if op == _sre.RANGE:
        return any(av[0] <= ord(f) <= av[1] for f in forms)
    if op == _sre.IN:
        items = list(av)
        negate = bool(items) and items[0][0] == _sre.NEGATE
        hit = any(_matches(o, a, ch) for o, a in items[negate:])
        return hit != negate
    return True  # anything else: assume it may


def _charset(sub: Any) -> frozenset[str]:
    """The probe characters some character of a parsed pattern may match."""
    out: set[str] = set()
    for op, av in sub:
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue
        children = _children(op, av)
        if children:
            for child in children:
                out |= _charset(child)
        else:
            out |= {c for c in _PROBES if _matches(op, av, c)}
    return frozenset(out)


class _Slow(Exception):
    """A pattern has two repeats that can match the same run of text (polynomial time)."""


def _scan(sub: Any, open_: frozenset[str]) -> frozenset[str]:
    """Walk a parsed sequence; `open_` holds the characters a repeat before may still be
    taking.  Raise _Slow when a repeat can take some of them too; return the new `open_`."""
    for op, av in sub:
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue
        if op == _sre.SUBPATTERN:
            open_ = _scan(av[-1], open_)
        elif op == _sre.BRANCH:
            open_ = frozenset().union(*(_scan(b, open_) for b in av[1]))
        elif op in _REPEATS and av[0] == av[1]:  # an exact count: a fixed sequence
            for _ in range(min(av[0], 2)):
                open_ = _scan(av[2], open_)
        elif op in _REPEATS and av[1] == 1:  # optional: taken or not
            open_ = open_ | _scan(av[2], open_)
        elif op in _REPEATS:  # a real loop
            chars = _charset(av[2])
            if open_ & chars:
                raise _Slow
            open_ = chars if av[0] >= 1 else open_ | chars
        else:
            open_ = open_ & _charset([(op, av)])
    return open_


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
    if problem is None:
        try:
            _scan(parsed, _NON_ALNUM)
        except _Slow:
            problem = ("two repeats that can match the same characters (like \\w+\\w+, "
                       "\\s*\\s+, or a leading .* or \\s+) take polynomial time on long runs; "
                       "separate them by a character only one of them matches (and begin with "
                       "a letter: \\w also matches _, [^\\W_] does not)")
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
