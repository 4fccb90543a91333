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

Matching is case-insensitive; any run of white space in a term matches any run of white
space, a hyphen matches a hyphen, dash or space, and an apostrophe a straight or curly one;
a hit must not touch a letter or digit on either side.  Overlapping hits: left to right, the
longest hit starting at a position wins and hits overlapping it are dropped, so
``come under pressure`` is one hit, not two.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .datafiles import packaged, read_csv_rows
from .errors import DataFileError
from .model import Article
from .userregex import bounded_user_regex
from .wordkeys import KeyIndex, WordKey, candidates, key_index, text_words, word_key

MATCH_TYPES = ("exact", "inflect", "forms", "regex")
HEADER = ["term", "category", "match", "forms", "note"]
#: Characters of context either side of a hit in the KWIC columns.
KWIC_WIDTH = 40
#: Statement kinds whose span is the quoted person's own words (voice ``quote``).
QUOTE_KINDS = ("full", "partial", "scare")
#: Columns of :func:`lexicon_hits` (one row per hit).
HIT_FIELDS = ["article_id", "term", "category", "matched", "paragraph", "role", "position",
              "start", "end", "voice", "statement", "left", "right"]

_CATEGORY = re.compile(r"^[a-z][a-z0-9_]*$")
_VOWELS = "aeiou"


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


def default_path() -> str:
    """Path of the packaged lexicon."""
    return packaged("lexicon.csv")


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


def parse_lexicon(rows: Sequence[Sequence[str]], path: str) -> tuple[Entry, ...]:
    """Validate CSV rows (header first) into entries; errors name file, line and field."""
    if not rows or [c.strip() for c in rows[0]] != HEADER:
        raise DataFileError(path, f"header must be {','.join(HEADER)}", line=1)
    entries: list[Entry] = []
    seen: dict[tuple[str, str], int] = {}
    for n, row in enumerate(rows[1:], 2):
        if not row or not any(c.strip() for c in row):
            continue
        if len(row) != len(HEADER):
            raise DataFileError(path, f"expected {len(HEADER)} columns, found {len(row)}", line=n)
        term, category, match, forms, note = (c.strip() for c in row)
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
        key = (term.casefold(), category)
        if key in seen:
            raise DataFileError(path, f"duplicate of line {seen[key]}", line=n, field="term")
        seen[key] = n
        entries.append(Entry(term, category, match, pattern, note, n,
                             entry_key(term, match, forms)))
    if not entries:
        raise DataFileError(path, "no entries")
    return tuple(entries)


@lru_cache(maxsize=8)
def load_lexicon(path: str | None = None) -> tuple[Entry, ...]:
    """Read and validate a lexicon CSV (the packaged one by default)."""
    path = str(path or default_path())
    rows = read_csv_rows(path)
    return parse_lexicon(rows, path)


def entry_key(term: str, match: str, forms: str) -> WordKey | None:
    """The first words an entry's hits can start with (None for a regular expression)."""
    if match == "exact":
        return word_key([term])
    if match == "inflect":
        return word_key(inflections(term.split()[0]))
    if match == "forms":
        return word_key(f for f in forms.split("|") if f.strip())
    return None


@lru_cache(maxsize=8)
def entry_index(entries: tuple[Entry, ...]) -> KeyIndex:
    """The entries indexed by the first words their hits can start with."""
    return key_index([e.key for e in entries])


def find_terms(text: str, entries: Sequence[Entry],
               index: KeyIndex | None = None) -> list[tuple[int, int, Entry]]:
    """Non-overlapping hits (start, end, entry), left to right; at one start the longest wins.

    A hit that overlaps one already kept is dropped; ties go to the earlier lexicon line.
    ``index`` (from :func:`entry_index`) saves rebuilding it for every paragraph.
    """
    entries = tuple(entries)
    index = entry_index(entries) if index is None else index
    # Only entries whose first word occurs in the text can match: search those.
    found = [(m.start(), m.end(), entries[i]) for i in candidates(index, text_words(text))
             for m in entries[i].pattern.finditer(text) if m.end() > m.start()]
    found.sort(key=lambda h: (h[0], -(h[1] - h[0]), h[2].line))
    keep = []
    reached = -1
    for s, e, entry in found:
        if s >= reached:
            keep.append((s, e, entry))
            reached = e
    return keep


_QUOTE_CHAR = re.compile("[\"'\u2018\u2019\u201c\u201d]")
_OPEN_DOUBLE = "\u201c"
_CLOSE_DOUBLE = "\u201d"


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of text inside quotation marks (straight or curly, single or double).

    A straight or right single quote with a letter on both sides is an apostrophe; a quote
    left open runs to the end of the text (a paragraph continued in the next one).
    """
    spans: list[tuple[int, int]] = []
    family = None  # "d" or "s" while inside a quotation
    begin = 0
    n = len(text)
    for m in _QUOTE_CHAR.finditer(text):  # only quote characters can open or close
        i, ch = m.start(), m.group()
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if ch in '"\u201c\u201d':
            fam = "d"
            opening = ch == _OPEN_DOUBLE or (ch == '"' and (prev.isspace() or prev in "([{—–-")
                                             and not nxt.isspace())
            closing = ch == _CLOSE_DOUBLE or (ch == '"' and not opening)
        elif ch in "'\u2018\u2019":
            fam = "s"
            if prev.isalnum() and nxt.isalnum():
                continue  # an apostrophe: London's, don't
            opening = ch == "\u2018" or (ch == "'" and (prev.isspace() or prev in "([{—–-\u201c\"")
                                          and not nxt.isspace())
            closing = not opening and not prev.isspace() and not nxt.isalnum()
        else:
            continue
        if family is None and opening:
            family, begin = fam, i + 1
        elif family == fam and closing:
            spans.append((begin, i))
            family = None
    if family is not None:
        spans.append((begin, n))
    return spans


def _get(s: Any, key: str) -> Any:
    """A field of a statement given as a mapping or an object."""
    return s.get(key) if isinstance(s, Mapping) else getattr(s, key, None)


def statement_spans(statements: Iterable[Any]) -> list[tuple[int, int, int]]:
    """(start, end, statement) of the direct/partial/scare quote pieces among statements."""
    return [(int(_get(s, "start")), int(_get(s, "end")), int(_get(s, "statement")))
            for s in statements if _get(s, "kind") in QUOTE_KINDS]


class SpanIndex:
    """Spans (start, end, value) that answer "which span holds [a, b]?" by bisection."""

    def __init__(self, spans: Sequence[tuple[int, int, Any]]) -> None:
        """Index spans; the answer is the first span in the given order that holds [a, b]."""
        self.spans = list(spans)
        self.order = sorted(self.spans, key=lambda s: (s[0], s[1]))
        self.starts = [s[0] for s in self.order]
        # Disjoint spans (the usual case) hold a non-empty [a, b] at most once, so the one
        # starting last at or before a is the only candidate; otherwise scan in order.
        self.disjoint = all(self.order[i][0] >= self.order[i - 1][1]
                            for i in range(1, len(self.order)))

    def containing(self, a: int, b: int) -> tuple[int, int, Any] | None:
        """The first span with start <= a and b <= end (a < b), or None."""
        if not self.disjoint:
            return next((s for s in self.spans if s[0] <= a and b <= s[1]), None)
        i = bisect_right(self.starts, a) - 1
        return self.order[i] if i >= 0 and b <= self.order[i][1] else None


def position_of(role: str, paragraph: int, lede: int | None) -> str:
    """Where a hit stands: ``headline``, ``lede`` (first body paragraph) or ``body``."""
    if role == "headline":
        return "headline"
    return "lede" if paragraph == lede else "body"


def lexicon_hits(article: Article, statements: Iterable[Any] = (),
                 entries: Sequence[Entry] | None = None) -> list[dict[str, Any]]:
    """One record per loaded-term hit in the headline and body paragraphs of an article."""
    entries = load_lexicon() if entries is None else tuple(entries)
    index = entry_index(entries)
    spans = SpanIndex(statement_spans(statements))
    body = article.body()
    lede = body[0].index if body else None
    rows: list[dict[str, Any]] = []
    for p in article.paragraphs:
        if not p.analysed:
            continue
        marks = SpanIndex([(p.start + a, p.start + b, 0) for a, b in quote_spans(p.text)])
        for s, e, entry in find_terms(p.text, entries, index):
            a, b = p.start + s, p.start + e
            found = spans.containing(a, b)
            stmt = found[2] if found else None
            inside = stmt is not None or marks.containing(a, b) is not None
            rows.append({
                "article_id": article.id, "term": entry.term, "category": entry.category,
                "matched": p.text[s:e], "paragraph": p.index, "role": p.role,
                "position": position_of(p.role, p.index, lede), "start": a, "end": b,
                "voice": "quote" if inside else "outlet", "statement": stmt,
                "left": " ".join(p.text[max(0, s - KWIC_WIDTH):s].split()),
                "right": " ".join(p.text[e:e + KWIC_WIDTH].split()),
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


def term_count(hits: Sequence[Mapping[str, Any]], term: str) -> int:
    """How many hits an entry (by its term) has."""
    return sum(h["term"] == term for h in hits)
