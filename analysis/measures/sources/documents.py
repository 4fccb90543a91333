"""The author of a document quoted as a source ("the clip says"), when the article names it."""
from __future__ import annotations

import re
from functools import lru_cache

from .knowledge import Roles, load_roles, per_object


_NAME = r"(?:[A-Z][\w.'\u2019&-]*)(?:[ \t]+(?:of[ \t]+|for[ \t]+|the[ \t]+)?[A-Z][\w.'\u2019&-]*)*"

#: Verbs by which a body or a person puts out a document ("X issued a statement", "the
#: council adopted a resolution").
_ISSUE = ("issued|released|published|unveiled|aired|launched|posted|sent|filed|produced|"
          "wrote|adopted|passed|approved|is[ \t]+out[ \t]+with|has")

#: How far back (characters) a definite document description looks for its introduction.
_LIMIT = 800


@lru_cache(maxsize=4)
def _patterns(nouns: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Patterns of a document's introduction: an indefinite noun phrase of a document noun
    (with its modifiers), 'by/from <Name>' after it, and '<Name> <issue verb>' before it."""
    alts = "|".join(re.escape(n).replace(r"\ ", r"[ \t]+")
                    for n in sorted(nouns, key=len, reverse=True))
    intro = re.compile(r"\b(?:[Aa]n?|(?P<poss>" + _NAME + r")['\u2019]s)[ \t]+"
                       r"(?P<mods>(?:[\w'\u2019-]+[ \t]+){0,5}?)(?:" + alts + r")s?\b")
    by = re.compile(r"[ \t]+(?:by|from)[ \t]+(?:the[ \t]+)?(?P<name>" + _NAME + r")")
    issuer = re.compile(r"(?P<name>" + _NAME + r")[ \t]+(?:" + _ISSUE + r")[ \t]+$")
    return intro, by, issuer


def _document_nouns() -> tuple[str, ...]:
    """The document nouns of the role file, case-folded."""
    return _nouns_of(load_roles())


@per_object
def _nouns_of(roles: Roles) -> tuple[str, ...]:
    """The document nouns of a role file, case-folded and sorted."""
    return tuple(sorted(" ".join(k) for k, entries in roles.phrases.items()
                        if any(e[0] == "document" for e in entries)))


def _capital_run(words: str) -> str | None:
    """The first run of capitalised words among a noun phrase's modifiers ('1995 New York
    Times', 'new Clinton campaign'), or None."""
    m = re.search(_NAME, words)
    return m.group().strip() if m else None


def document_author(text: str, start: int) -> tuple[str, str] | None:
    """(author, words of the introduction) of the document a definite description at
    `start` ("The clip says") refers to: the nearest earlier indefinite or possessive
    document noun phrase within _LIMIT characters ("A web video by the Republican National
    Committee", "the Security Council issued a statement", "a 1995 New York Times article",
    "Mariano's book"), when it names its author; None when it names none ("a study by a
    group of researchers") or there is none."""
    _, by, issuer = _patterns(_document_nouns())  # the introduction: _introduction
    last = _introduction(text, start)
    if last is None:
        return None
    words = text[last.start():last.end()]
    if last.group("poss"):
        return last.group("poss"), words
    name = _capital_run(last.group("mods") or "")
    if name:
        return name, words
    m = by.match(text, last.end())
    if m:
        return m.group("name").strip(), text[last.start():m.end()]
    m = issuer.search(text, max(0, last.start() - 80), last.start())
    if m:
        return m.group("name").strip(), text[m.start():last.end()]
    return None


def issuer_before(text: str, start: int) -> tuple[str, str] | None:
    """(author, words) of an indefinite document mention at `start` whose author is named
    right before it as the subject of a verb of putting out ("The NAACP adopted | a
    resolution calling ...", "the Security Council issued | a statement"); else None."""
    m = _patterns(_document_nouns())[2].search(text, max(0, start - 80), start)
    if m is None or m.group("name").split()[0].casefold() in _NO_AUTHOR:
        return None  # "It approved a resolution": a pronoun names no one
    return m.group("name").strip(), text[m.start():start].rstrip()


#: Capitalised words that open a sentence without naming an author.
_NO_AUTHOR = frozenset("it he she they we i you this that these those there then but and so"
                       .split())


def _introduction(text: str, start: int) -> re.Match[str] | None:
    """The nearest indefinite or possessive document noun phrase in the _LIMIT characters
    before `start`, or None."""
    intro = _patterns(_document_nouns())[0]
    last = None
    for m in intro.finditer(text, max(0, start - _LIMIT), start):
        last = m
    return last


#: "... by a group of researchers", "by economists": an author described by a role noun,
#: within a few words after the document noun (", released on Tuesday by ...").
_BY_ROLE = re.compile(r"(?:[ \t]+[\w'\u2019-]+){0,5}?[ \t]+by[ \t]+(?:(?:a|an|the|two|three|"
                      r"several|some)[ \t]+)?(?:(?:group|team|panel|pair|number)[ \t]+of[ \t]+)?"
                      r"(?P<noun>[a-z]+(?:[ \t]+[a-z]+)?)\b")


def document_role_author(text: str, start: int) -> tuple[str, str] | None:
    """(source type, words) of the unnamed author of the document a mention at `start`
    refers to, when its introduction describes the author by a role ("A study released on
    Tuesday by a group of researchers": expert); None otherwise. The codebook gives a
    document with someone behind it that someone's type."""
    from .phrase import _read_phrase, _type_of  # phrase imports nothing of this module
    last = _introduction(text, start)
    if last is None or last.group("poss") or _capital_run(last.group("mods") or ""):
        return None
    m = _BY_ROLE.match(text, last.end())
    if m is None:
        return None
    t = _type_of(_read_phrase(m.group("noun")))
    if t is None or t[1] != "role":  # people in a role ("researchers"), not "a group shows"
        return None
    return t[0], text[last.start():m.end()]
