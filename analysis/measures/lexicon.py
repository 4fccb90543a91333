"""Loaded/evaluative language: load ``data/lexicon.csv`` and find its terms in an article.

Schema of the lexicon (``term,category,match,forms,note``; one entry a line):

* ``term``: the entry's name as reported in the output (``haul before``);
* ``category``: a snake_case label (``pressure_weakness``, ``conflict``, ``emotion``, ...);
* ``match``: how the entry is found in text:
  ``exact`` - the term itself; ``inflect`` - the term with its first word regularly inflected
  (-s/-es/-ed/-d/-ing/-er/-est, y -> ies/ied, final e dropped, final consonant doubled);
  ``forms`` - only the ``|``-separated surface forms in ``forms``;
  ``regex`` - ``forms`` holds a Python regular expression;
* ``forms``: see ``match`` (empty for ``exact`` and ``inflect``);
* ``note``: free text (why the term is loaded, known false positives).

Optional columns after these five, in any order (``loaded_terms.csv`` has all three):

* ``source``: the key of the list the entry comes from (documented in
  ``docs/loaded_language.md``);
* ``exclude``: ``|``-separated phrases marking a literal or unrelated sense (``rounding
  error``, ``grand slam``, ``volcano``); a hit is dropped when a match of one of them overlaps
  it or stands within :data:`EXCLUDE_GAP` characters of it in the same sentence;
* ``strength``: ``strong`` (default: plainly evaluative or dramatising in any straight news
  sentence) or ``mild`` (evaluative in some contexts, or epistemic framing: hedges, boosters,
  factives, assertives, implicatives, distancing).

Negation: a hit is dropped when a negator (``no``, ``not``, ``never``, ``without``,
``little`` but not ``a little``, ``hardly``, ``nor``, a ``-n't`` word, ...) stands before it
in the same clause with at most three words between (``spawned little outrage``, ``no
outrage``, ``did not really condemn``, ``should never be seen as provocative``); ``not
only``, ``not just``, ``no doubt``, ``nothing short of`` ... are not negations.

Names: in a body paragraph, a hit written with a capital inside a sentence (``Mr Jones``,
``Grim Street``; a phrase only when every word has one, ``Big Government``) is taken for a
name and dropped; headlines, which may be in title case, keep theirs.

Matching is case-insensitive; any run of white space in a term matches any run of white
space, a hyphen matches a hyphen, dash or space, and an apostrophe a straight or curly one;
a hit must not touch a letter or digit on either side.  Overlapping hits: left to right, the
longest hit starting at a position wins and hits overlapping it are dropped, so
``come under pressure`` is one hit, not two.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..knowledge.datafiles import file_cache, packaged, read_csv_rows
from ..errors import DataFileError
from ..model import Article
from ..model import field_of as _get
from ..text.userregex import bounded_user_regex
from ..text.wordkeys import (KeyIndex, TextRuns, WordKey, candidates, fold, key_index,
                             leading_word, prefixed, word_key)

MATCH_TYPES = ("exact", "inflect", "forms", "regex")
HEADER = ["term", "category", "match", "forms", "note"]
#: Columns a lexicon may add after :data:`HEADER`.
OPTIONAL_COLUMNS = ("source", "exclude", "strength")
#: Values of the ``strength`` column (empty means ``strong``).
STRENGTHS = ("strong", "mild")
#: Largest gap, in characters, between a hit and an exclusion phrase that still excludes it.
EXCLUDE_GAP = 30
#: Characters of context either side of a hit in the KWIC columns.
KWIC_WIDTH = 40
#: Statement kinds whose span is the quoted person's own words (voice ``quote``).
#: Columns of :func:`lexicon_hits` (one row per hit).
HIT_FIELDS = ["article_id", "term", "category", "matched", "paragraph", "role", "position",
              "start", "end", "voice", "statement", "left", "right", "field"]

_CATEGORY = re.compile(r"^[a-z][a-z0-9_]*$")
#: The ASCII letters and digits a phrase starts with (possibly none).
_ASCII_HEAD = re.compile(r"[A-Za-z0-9]*")
_VOWELS = "aeiou"
#: A run of letters and digits (as the patterns' word boundaries see it).
_RUN = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Entry:
    """One lexicon entry with its compiled pattern and the line it came from."""

    term: str
    category: str
    match: str
    pattern: re.Pattern[str]
    note: str = ""
    line: int = 0
    key: WordKey | None = None  # first words a hit can start with (None: always search)
    source: str = ""
    exclude: re.Pattern[str] | None = None  # literal-sense contexts (see module docstring)
    strength: str = "strong"
    #: per first word, the later words every hit starting with it holds (see entry_needs)
    needs: Mapping[str, tuple[frozenset[str], ...]] = field(default_factory=dict, compare=False)


def general_path() -> str:
    """Path of the packaged general list of loaded terms (``loaded_terms.csv``)."""
    return packaged("loaded_terms.csv")


#: The lexicon read when none is named: the general list (a study adds its own terms).
default_path = general_path


def inflections(word: str) -> list[str]:
    """Regular inflections of one word, the word itself first (summon -> summons, summoned...)."""
    w = word.lower()
    forms = [w, w + "s", w + "es", w + "ed", w + "ing", w + "er", w + "est"]
    if w.endswith("e"):
        forms += [w + "d", w[:-1] + "ing", w + "r", w + "st"]
    if w.endswith("y") and len(w) > 2 and w[-2] not in _VOWELS:
        forms += [w[:-1] + "ies", w[:-1] + "ied", w[:-1] + "ier", w[:-1] + "iest"]
    if (len(w) >= 3 and w[-1] not in _VOWELS + "wxy" and w[-2] in _VOWELS
            and w[-3] not in _VOWELS):
        forms += [w + w[-1] + "ed", w + w[-1] + "ing", w + w[-1] + "er", w + w[-1] + "est"]
    return list(dict.fromkeys(forms))


def phrase_regex(phrase: str) -> str:
    """Regex source for a literal phrase with flexible white space, hyphens and apostrophes."""
    out = []
    for word in phrase.split():
        parts = []
        for ch in word:
            if ch == "-":
                parts.append(r"[-\u2010-\u2015\s]")
            elif ch in "'\u2019":
                parts.append(r"['\u2019]")
            else:
                parts.append(re.escape(ch))
        out.append("".join(parts))
    return r"\s+".join(out)


def bounded(source: str) -> re.Pattern[str]:
    """Compile a regex that may not start or end inside a word (case-insensitive)."""
    return re.compile(rf"(?<![^\W_])(?:{source})(?![^\W_])", re.IGNORECASE)


def entry_pattern(term: str, match: str, forms: str) -> re.Pattern[str]:
    """The compiled pattern of one entry; ValueError says what is wrong."""
    if match == "exact":
        return bounded(phrase_regex(term))
    if match == "inflect":
        first, *rest = term.split()
        alts = "|".join(phrase_regex(" ".join([f, *rest]))
                        for f in sorted(inflections(first), key=len, reverse=True))
        return bounded(alts)
    if match == "forms":
        items = [f.strip() for f in forms.split("|") if f.strip()]
        if not items:
            raise ValueError("match 'forms' needs at least one form")
        return bounded("|".join(phrase_regex(f) for f in sorted(items, key=len, reverse=True)))
    if match == "regex":
        if not forms.strip():
            raise ValueError("match 'regex' needs a pattern in 'forms'")
        return bounded_user_regex(forms.strip())
    raise ValueError(f"{match!r} is not one of {MATCH_TYPES}")


def exclusion_pattern(phrases: str) -> re.Pattern[str] | None:
    """The compiled ``exclude`` phrases of an entry (None when there are none)."""
    items = [f.strip() for f in phrases.split("|") if f.strip()]
    if not items:
        return None
    return bounded("|".join(phrase_regex(f) for f in sorted(items, key=len, reverse=True)))


def _header(rows: Sequence[Sequence[str]], path: str) -> list[str]:
    """The validated header: the five base columns, then optional ones."""
    head = [c.strip() for c in rows[0]] if rows else []
    extra = head[len(HEADER):]
    if head[:len(HEADER)] != HEADER or any(c not in OPTIONAL_COLUMNS for c in extra) \
            or len(set(extra)) != len(extra):
        raise DataFileError(path, f"header must be {','.join(HEADER)} then any of "
                                  f"{','.join(OPTIONAL_COLUMNS)}", line=1)
    return head


def parse_lexicon(rows: Sequence[Sequence[str]], path: str) -> tuple[Entry, ...]:
    """Validate CSV rows (header first) into entries; errors name file, line and field."""
    head = _header(rows, path)
    entries: list[Entry] = []
    seen: dict[tuple[str, str], int] = {}
    for n, row in enumerate(rows[1:], 2):
        if not row or not any(c.strip() for c in row):
            continue
        if len(row) != len(head):
            raise DataFileError(path, f"expected {len(head)} columns, found {len(row)}", line=n)
        cells = dict(zip(head, (c.strip() for c in row)))
        term, category, match, forms, note = (cells[c] for c in HEADER)
        if not term:
            raise DataFileError(path, "empty term", line=n, field="term")
        if not _CATEGORY.match(category):
            raise DataFileError(path, f"{category!r} is not a snake_case category", line=n,
                                field="category")
        if match in ("exact", "inflect") and forms:
            raise DataFileError(path, f"must be empty for match {match!r}", line=n, field="forms")
        try:
            pattern = entry_pattern(term, match, forms)
        except ValueError as e:
            raise DataFileError(path, str(e), line=n,
                                field="match" if match not in MATCH_TYPES else "forms") from None
        strength = cells.get("strength") or "strong"
        if strength not in STRENGTHS:
            raise DataFileError(path, f"{strength!r} is not one of {STRENGTHS}", line=n,
                                field="strength")
        key = (term.casefold(), category)
        if key in seen:
            raise DataFileError(path, f"duplicate of line {seen[key]}", line=n, field="term")
        seen[key] = n
        entries.append(Entry(term, category, match, pattern, note, n,
                             entry_key(term, match, forms), cells.get("source", ""),
                             exclusion_pattern(cells.get("exclude", "")), strength,
                             entry_needs(term, match, forms)))
    if not entries:
        raise DataFileError(path, "no entries")
    return tuple(entries)


@file_cache(maxsize=8)
def load_lexicon(path: str | None = None) -> tuple[Entry, ...]:
    """Read and validate a lexicon CSV (the packaged one by default)."""
    path = str(path or default_path())
    rows = read_csv_rows(path)
    return parse_lexicon(rows, path)


def load_lexicons(*paths: str, strength: str = "all") -> tuple[Entry, ...]:
    """Entries of several lexicon files in order (general list first, then study additions);
    ``strength`` ``strong`` keeps only the strong entries."""
    return tuple(e for p in paths for e in load_lexicon(p)
                 if strength == "all" or e.strength == strength)


def entry_key(term: str, match: str, forms: str) -> WordKey | None:
    """The first words an entry's hits can start with (for a regular expression, the letters
    each alternative starts with; None when they cannot be told)."""
    if match == "exact":
        return word_key([term])
    if match == "inflect":
        return word_key(inflections(term.split()[0]))
    if match == "forms":
        items = [f for f in forms.split("|") if f.strip()]
        plain = [f for f in items if leading_word(f) is not None]
        # a form whose first word has a non-ASCII letter (naïve, exposé) is keyed by the
        # ASCII letters it starts with, as a prefix; one that starts with none has no key
        heads = [_ASCII_HEAD.match(f.lstrip()).group() for f in items if leading_word(f) is None]
        if not all(heads):
            return None
        return word_key(plain, prefixes=heads)
    prefixes = regex_prefixes(forms)
    return word_key(prefixes=prefixes) if prefixes else None


def _later_words(phrase: str) -> frozenset[str]:
    """The plain ASCII words of a literal phrase after its first run of letters and digits."""
    return frozenset(w for w in _RUN.findall(phrase.lower())[1:] if w.isascii())


def entry_needs(term: str, match: str, forms: str) -> dict[str, tuple[frozenset[str], ...]]:
    """For a first word an entry's hits can start with (as in :func:`entry_key`), the sets of
    later words one of which every hit starting with it holds as whole words: one set per
    phrase starting with that word (lower case; a first word with a one-word phrase, a
    regular expression or a form keyed by a prefix has none).

    A literal phrase matches letter for letter apart from case and the white space, hyphens
    and apostrophes between its words, none of them a letter or digit, so each later run of
    ASCII letters and digits of the phrase is a whole word of the text where it matches: where
    every phrase starting with a first word lacks a later word, no hit starts with that word,
    and its places need not be tried.
    """
    if match == "exact":
        phrases = [term]
    elif match == "inflect":
        first, *rest = term.split()
        phrases = [" ".join([f, *rest]) for f in inflections(first)]
    elif match == "forms":
        phrases = [f for f in forms.split("|") if f.strip()]
    else:
        return {}
    out: dict[str, list[frozenset[str]]] = {}
    bare: set[str] = set()  # first words that make a hit on their own
    for phrase in phrases:
        head = leading_word(phrase)
        if head is None:
            continue  # keyed by a prefix: always tried
        later = _later_words(phrase)
        if later:
            out.setdefault(head, []).append(later)
        else:
            bare.add(head)
    return {w: tuple(sets) for w, sets in out.items() if w not in bare}


def _structure(source: str) -> Iterator[tuple[int, str, int]]:
    """Each character of a regular expression outside escapes and character classes, with
    its offset and the group depth before it (a ``)`` is given with the depth it closes)."""
    depth, klass, i = 0, False, 0
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if klass:
            klass = ch != "]"
        elif ch == "[":
            klass = True
        else:
            if ch == "(":
                depth += 1
            yield i, ch, depth
            if ch == ")":
                depth -= 1
        i += 1


def _top_level_alternatives(source: str) -> list[str]:
    """A regular expression split at its top-level ``|`` (outside groups and classes)."""
    parts, begin = [], 0
    for i, ch, depth in _structure(source):
        if ch == "|" and depth == 0:
            parts.append(source[begin:i])
            begin = i + 1
    return parts + [source[begin:]]


_LOOKAROUND = ("(?=", "(?!", "(?<=", "(?<!")


def _after_lookarounds(alt: str) -> str:
    """A regular expression without the lookaround groups it starts with (``(?<!in a )rows?``
    -> ``rows?``): they match no characters, so the hit starts with what follows them."""
    while alt.startswith(_LOOKAROUND):
        close = next((i for i, ch, depth in _structure(alt) if ch == ")" and depth == 1), None)
        if close is None:
            return alt  # unbalanced: leave it (the caller gives up on a non-letter start)
        alt = alt[close + 1:]
    return alt


def regex_prefixes(source: str) -> list[str] | None:
    """Letters every hit of a regular expression starts with, one prefix per top-level
    alternative (``rows?`` -> ``row``); None when an alternative starts otherwise."""
    out = []
    for alt in _top_level_alternatives(source):
        alt = _after_lookarounds(alt)
        n = 0
        while n < len(alt) and alt[n].isascii() and alt[n].isalnum():
            n += 1
        if n < len(alt) and alt[n] in "?*{":
            n -= 1  # the last letter is optional
        if n <= 0:
            return None
        out.append(alt[:n].lower())
    return out


_INDEXES: dict[int, tuple[tuple[Entry, ...], KeyIndex]] = {}


def entry_index(entries: tuple[Entry, ...]) -> KeyIndex:
    """The entries indexed by the first words their hits can start with (cached per tuple)."""
    hit = _INDEXES.get(id(entries))
    if hit is not None and hit[0] is entries:
        return hit[1]
    index = key_index([e.key for e in entries])
    if len(_INDEXES) >= 8:
        _INDEXES.clear()
    _INDEXES[id(entries)] = (entries, index)  # the reference keeps the id from being reused
    return index


_NEGATOR = (r"no|not|never|without|hardly|barely|scarcely|nor|neither|none|nothing|nobody"
            r"|cannot|lack|lacked|lacking|absence|\w+n['\u2019]t|(?<!\ba\s)little")
#: A negator and at most three more words, then the hit: the end of the text before a hit.
_NEGATED = re.compile(rf"(?<![^\W_])(?:{_NEGATOR})(?:\s+[^\W_][\w'\u2019-]*){{0,3}}\s+$",
                      re.IGNORECASE)
#: Words right after a negator that make it an intensifier or a frame, not a negation.
_NOT_NEGATION = re.compile(r"(?:not|no|nothing|none|never)\s+(?:only|just|merely|simply|least|"
                           r"less|doubt|short|other|before|longer|matter|wonder|surprise)\b",
                           re.IGNORECASE)
#: Clause breaks: punctuation and conjunctions that end a negator's reach.
_CLAUSE_BREAK = re.compile(r"[,;:.!?()\[\]\"\u201c\u201d\u2014\u2013]|\s-\s"
                           r"|(?<![^\W_])(?:but|and|or|yet|while|although|though|because|"
                           r"which|who|that|when|if)(?![^\W_])", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?]")
#: Characters before a hit searched for a negator.
NEGATION_REACH = 60


def negated(text: str, start: int) -> bool:
    """True when a negator governs the hit starting at ``start`` (see the module docstring)."""
    before = text[max(0, start - NEGATION_REACH):start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end():]
    m = _NEGATED.search(" " + before)
    if m is None:
        return False
    return _NOT_NEGATION.match(m.group().lstrip()) is None


def excluded(text: str, start: int, end: int, entry: Entry) -> bool:
    """True when one of the entry's exclusion phrases overlaps or is next to the hit."""
    if entry.exclude is None:
        return False
    lo, hi = max(0, start - EXCLUDE_GAP - 60), min(len(text), end + EXCLUDE_GAP + 60)
    for m in entry.exclude.finditer(text, lo, hi):
        a, b = m.span()
        if a < end and start < b:
            return True
        gap = text[b:start] if b <= start else text[end:a]
        if len(gap) <= EXCLUDE_GAP and not _SENTENCE_END.search(gap):
            return True
    return False


_SENTENCE_OPENERS = frozenset(".!?:;\"'\u201c\u201d\u2018\u2019([{\u2014\u2013-")


def looks_like_name(text: str, start: int, end: int) -> bool:
    """True when a hit is capitalised inside a sentence (and is not all capitals).

    A phrase counts as a name only when each of its words is capitalised (``Big Government``,
    a blog; not ``Under fire``).
    """
    hit = text[start:end]
    if hit.isupper() or not all(w[:1].isupper() for w in hit.split()):
        return False
    before = text[:start].rstrip()
    return bool(before) and before[-1] not in _SENTENCE_OPENERS


def find_terms(text: str, entries: Sequence[Entry],
               index: KeyIndex | None = None, filters: bool = True,
               names: bool = True) -> list[tuple[int, int, Entry]]:
    """Non-overlapping hits (start, end, entry), left to right; at one start the longest wins.

    With ``filters`` (the default) negated hits and hits in an excluded (literal) context are
    dropped first, and with ``names`` too a capitalised hit inside a sentence.  A hit
    that overlaps one already kept is dropped; ties go to the earlier lexicon line.  ``index``
    (from :func:`entry_index`) saves rebuilding it for every paragraph.
    """
    return find_terms_in([text], entries, index, filters, [names])[0]


#: What joins the texts searched together by :func:`find_terms_in` (not a letter or digit,
#: so no word runs across it).
_JOIN = "\n"


def find_terms_in(texts: Sequence[str], entries: Sequence[Entry],
                  index: KeyIndex | None = None, filters: bool = True,
                  names: Sequence[bool] | None = None) -> list[list[tuple[int, int, Entry]]]:
    """:func:`find_terms` of each text (``names[i]`` its name filter; default on), found in one
    pass: the texts are joined by a newline, the entries whose first word occurs are chosen
    and that word's places found once for all, and each pattern is matched in its own text
    at those places, so every hit is one :func:`find_terms` finds in that text alone."""
    entries = tuple(entries)
    index = entry_index(entries) if index is None else index
    names = [True] * len(texts) if names is None else list(names)
    joined = _JOIN.join(texts)
    bases, at = [], 0  # where each text starts in the joined string
    for t in texts:
        bases.append(at)
        at += len(t) + len(_JOIN)
    # Only entries whose first word occurs can match, and only where that word starts: try
    # those places (an entry without a key is searched through each text).  One pass over
    # the text finds its words and where each starts; a key's prefix stands for the words
    # of the text that start with it.
    folded = fold(joined)
    runs = TextRuns(folded)
    words = runs.words
    ordered = sorted(words) if index.prefixes else []
    plans: list[tuple[Entry, list[str] | None]] = []  # the words each entry's hits start with
    for i in candidates(index, words, ordered):
        entry = entries[i]
        key, needs = entry.key, entry.needs
        if key is None:
            plans.append((entry, None))
            continue
        # a first word whose phrases each lack a later word of the text cannot start a hit
        present = key.words & words
        firsts = [w for w in present if w not in needs or any(n <= words for n in needs[w])] \
            if needs else list(present)
        for pre in key.prefixes:
            firsts += prefixed(ordered, pre)
        if firsts:
            plans.append((entry, firsts))
    places = runs.places({w for _, firsts in plans for w in firsts or ()})
    found: list[list[tuple[int, int, Entry]]] = [[] for _ in texts]
    single = len(texts) == 1
    for entry, firsts in plans:
        if firsts is None:
            for u, t in enumerate(texts):
                found[u] += [(m.start(), m.end(), entry) for m in entry.pattern.finditer(t)
                             if m.end() > m.start()]
            continue
        match = entry.pattern.match
        at = places[firsts[0]] if len(firsts) == 1 else \
            sorted({pos for w in firsts for pos in places[w]})
        for pos in at:
            u = 0 if single else bisect_right(bases, pos) - 1
            local = pos - bases[u]
            m = match(texts[u], local)
            if m is not None and m.end() > local:
                found[u].append((local, m.end(), entry))
    return [_resolve(t, f, filters, n) for t, f, n in zip(texts, found, names)]


def _resolve(text: str, found: list[tuple[int, int, Entry]], filters: bool,
             names: bool) -> list[tuple[int, int, Entry]]:
    """The candidate hits of one text filtered (see :func:`find_terms`) and made disjoint."""
    if filters:
        found = [h for h in found
                 if not excluded(text, h[0], h[1], h[2]) and not negated(text, h[0])
                 and not (names and looks_like_name(text, h[0], h[1]))]
    found.sort(key=lambda h: (h[0], -(h[1] - h[0]), h[2].line))
    keep = []
    reached = -1
    for s, e, entry in found:
        if s >= reached:
            keep.append((s, e, entry))
            reached = e
    return keep


def position_of(role: str, paragraph: int, lede: int | None) -> str:
    """Where a hit stands: ``headline``, ``lede`` (first body paragraph) or ``body``."""
    if role == "headline":
        return "headline"
    return "lede" if paragraph == lede else "body"


def _unit_hits(article: Article, statements: Sequence[Any],
               entries: Sequence[Entry]) -> Iterator[tuple[int, str, str, int, str, int, int,
                                                            Entry, dict[str, Any]]]:
    """(paragraph, role, field, offset, text, start, end, entry, voice) of every term hit.

    The one rule both the ``metrics`` hits and the ``lexicon`` records follow: every stretch of
    :func:`analysed_units` (a metadata headline absent from the text included, role
    ``headline``), names kept in headlines, voice from :class:`analysis.quotes.voice.Voices` in
    the text and from the quote marks alone in a metadata headline.
    """
    from ..quotes.voice import Voices, mark_index

    index = entry_index(entries)
    voices = Voices(statements)
    units = analysed_units(article)
    found_in = find_terms_in([u[4] for u in units], entries, index,
                             names=[u[1] != "headline" for u in units])
    for (para, role, field, offset, text), found in zip(units, found_in):
        if not found:
            continue
        marks = mark_index(text, offset)
        for s, e, entry in found:
            a, b = offset + s, offset + e
            v = voices.at(a, b, marks) if field == "text" else \
                {"voice": "quote" if marks.containing(a, b) is not None else "outlet",
                 "statement": None, "reported": False}
            yield para, role, field, offset, text, a, b, entry, v


def lexicon_hits(article: Article, statements: Iterable[Any] = (),
                 entries: Sequence[Entry] | None = None) -> list[dict[str, Any]]:
    """One record per loaded-term hit in the headline and body of an article (HIT_FIELDS).

    The same hits as :func:`lexicon_records` without scare quotes; a metadata headline's hits
    have ``paragraph`` -1, ``field`` ``headline`` and offsets into ``article.meta["headline"]``.
    """
    entries = load_lexicon() if entries is None else tuple(entries)
    body = article.body()
    lede = body[0].index if body else None
    rows: list[dict[str, Any]] = []
    for para, role, field, offset, text, a, b, entry, v in _unit_hits(article, list(statements),
                                                                      entries):
        s, e = a - offset, b - offset
        rows.append({
            "article_id": article.id, "term": entry.term, "category": entry.category,
            "matched": text[s:e], "paragraph": para, "role": role,
            "position": position_of(role, para, lede), "start": a, "end": b,
            "voice": v["voice"], "statement": v["statement"],
            "left": " ".join(text[max(0, s - KWIC_WIDTH):s].split()),
            "right": " ".join(text[e:e + KWIC_WIDTH].split()), "field": field,
        })
    return rows


#: Fields of :func:`lexicon_records`, in order.
RECORD_FIELDS = ["article_id", "paragraph", "role", "position", "field", "start", "end", "term",
                 "category", "strength", "source", "matched", "voice", "reported", "statement",
                 "context"]
#: Paragraph number given to a headline taken from the metadata (it is not in the text).
META_HEADLINE = -1
#: Longest scare quote, in words, counted as a distancing hit.
SCARE_MAX_WORDS = 3


def analysed_units(article: Article) -> list[tuple[int, str, str, int, str]]:
    """(paragraph, role, field, offset, text) of every stretch analysed for word choice.

    Headline and body paragraphs of the text (field ``text``: offsets into ``article.text``);
    when the metadata has a ``headline`` and no paragraph of the text is the headline, that
    headline too, as paragraph -1 with field ``headline`` (offsets into the headline string).
    """
    units = [(p.index, p.role, "text", p.start, p.text) for p in article.paragraphs if p.analysed]
    head = str(article.meta.get("headline") or "")
    if head.strip() and not any(p.role == "headline" for p in article.paragraphs):
        units.insert(0, (META_HEADLINE, "headline", "headline", 0, head))
    return units


def _context(text: str, s: int, e: int) -> str:
    """The hit in brackets with up to KWIC_WIDTH characters either side, white space collapsed."""
    left = " ".join(text[max(0, s - KWIC_WIDTH):s].split())
    right = " ".join(text[e:e + KWIC_WIDTH].split())
    return f"{left} [{' '.join(text[s:e].split())}] {right}".strip()


def _scare_hits(statements: Sequence[Any], text: str) -> list[tuple[int, int, int | None]]:
    """Short scare quotes (1-3 words, lower-case start): distancing by quote marks."""
    out = []
    for st in statements:
        if _get(st, "kind") != "scare":
            continue
        a, b = int(_get(st, "start")), int(_get(st, "end"))
        words = text[a:b].split()
        if 1 <= len(words) <= SCARE_MAX_WORDS and words[0][:1].islower():
            out.append((a, b, _get(st, "statement")))
    return out


def lexicon_records(article: Article, statements: Sequence[Any] | None = None,
                    entries: Sequence[Entry] | None = None,
                    scare_quotes: bool = False) -> list[dict[str, Any]]:
    """One row per loaded-language hit (fields :data:`RECORD_FIELDS`), in text order.

    ``statements`` default to the quotation engine's (``quotes.article_statements``);
    ``entries`` to the general list (``loaded_terms.csv``).  With ``scare_quotes`` (off by
    default: the quotation engine already reports them as kind ``scare``) a short
    scare quote (see :data:`SCARE_MAX_WORDS`) is a hit too (term ``scare quotes``, category
    ``distancing``, voice ``quote``), unless a listed term already covers it.
    """
    from ..quotes.voice import Voices, mark_index

    if statements is None:
        from ..quotes.engine import article_statements
        statements = article_statements(article)
    statements = list(statements)
    entries = load_lexicon(general_path()) if entries is None else tuple(entries)
    body = article.body()
    lede = body[0].index if body else None
    units: dict[int, tuple[str, str, int, str]] = {
        para: (role, field, offset, text) for para, role, field, offset, text in
        analysed_units(article)}
    hits: dict[int, list[tuple[int, int, Entry | None, dict[str, Any]]]] = {p: [] for p in units}
    for para, _, _, _, _, a, b, entry, v in _unit_hits(article, statements, entries):
        hits[para].append((a, b, entry, v))
    scares = _scare_hits(statements, article.text) if scare_quotes else []
    voices = Voices(statements) if scares else None
    rows: list[dict[str, Any]] = []
    for para, (role, field, offset, text) in units.items():
        found = hits[para]
        if field == "text" and voices is not None:
            end = offset + len(text)
            marks = mark_index(text, offset)
            found += [(a, b, None, {**voices.at(a, b, marks), "voice": "quote"})
                      for a, b, _ in scares if offset <= a and b <= end
                      and not any(x < b and a < y for x, y, _, _ in found)]
        for a, b, entry, v in sorted(found, key=lambda h: h[0]):
            rows.append({
                "article_id": article.id, "paragraph": para, "role": role,
                "position": position_of(role, para, lede), "field": field,
                "start": a, "end": b,
                "term": entry.term if entry else "scare quotes",
                "category": entry.category if entry else "distancing",
                "strength": entry.strength if entry else "mild",
                "source": entry.source if entry else "quotation_engine",
                "matched": text[a - offset:b - offset], "voice": v["voice"],
                "reported": v["reported"], "statement": v["statement"],
                "context": _context(text, a - offset, b - offset),
            })
    return rows


def loaded_summary(hits: Sequence[Mapping[str, Any]], words: int,
                   categories: Iterable[str] = ()) -> dict[str, Any]:
    """Counts of hits: total, per 1,000 words, in headline/lede, by voice, per category."""
    n = len(hits)
    out: dict[str, Any] = {
        "loaded_terms": n,
        "loaded_per_1k": round(1000.0 * n / words, 3) if words else float("nan"),
        "loaded_headline": sum(h["position"] == "headline" for h in hits),
        "loaded_lede": sum(h["position"] == "lede" for h in hits),
        "loaded_outlet_voice": sum(h["voice"] == "outlet" for h in hits),
        "loaded_quote_voice": sum(h["voice"] == "quote" for h in hits),
    }
    for cat in categories:
        out[f"loaded_{cat}"] = sum(h["category"] == cat for h in hits)
    return out


def records_frame(articles: Iterable[Article], entries: Sequence[Entry] | None = None) -> Any:
    """A DataFrame of :func:`lexicon_records` over articles (columns :data:`RECORD_FIELDS`)."""
    import pandas as pd

    entries = load_lexicon(general_path()) if entries is None else tuple(entries)
    rows = [r for a in articles for r in lexicon_records(a, None, entries)]
    frame = pd.DataFrame(rows, columns=RECORD_FIELDS)
    frame["statement"] = frame["statement"].astype("Int64")
    return frame


def loaded_profile(records: Sequence[Mapping[str, Any]], words: int) -> dict[str, Any]:
    """Counts of :func:`lexicon_records` rows: all, strong, per 1,000 words, by voice and place.

    ``loaded_outlet_own`` counts outlet-voice hits outside reported speech (the outlet's words
    about events, not its paraphrase of a speaker); ``loaded_reported`` those inside it.
    """
    def rate(n: int) -> float:
        return round(1000.0 * n / words, 3) if words else float("nan")

    strong = [r for r in records if r["strength"] == "strong"]
    outlet = [r for r in records if r["voice"] == "outlet"]
    return {
        "loaded_all": len(records), "loaded_all_per_1k": rate(len(records)),
        "loaded_strong": len(strong), "loaded_strong_per_1k": rate(len(strong)),
        "loaded_outlet": len(outlet),
        "loaded_outlet_own": sum(not r["reported"] for r in outlet),
        "loaded_reported": sum(bool(r["reported"]) for r in outlet),
        "loaded_quote": sum(r["voice"] == "quote" for r in records),
        "loaded_in_headline": sum(r["position"] == "headline" for r in records),
        "loaded_in_lede": sum(r["position"] == "lede" for r in records),
    }


def term_count(hits: Sequence[Mapping[str, Any]], term: str) -> int:
    """How many hits an entry (by its term) has."""
    return sum(h["term"] == term for h in hits)
