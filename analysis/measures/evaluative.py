"""Rate of evaluative language: VADER's sentiment words, in the outlet's voice and in quotes.

A second, broader measure beside the loaded-terms list (``analysis.measures.lexicon``).  The word list
is the one shipped inside the installed ``vaderSentiment`` package (``vader_lexicon.txt``,
Hutto & Gilbert 2014, MIT licence), read at run time and never copied into this repository.
Each of its word entries has a mean valence from -4 to +4 rated by ten people; a word is
*evaluative* when the absolute mean is at least :data:`MIN_VALENCE`.  Words that in news
copy are mostly descriptive or grammatical (``party``, ``united``, ``like``, ``no``) are left
out by ``data/evaluative_ignore.csv`` (``word,reason``).  Polarity is kept but not netted:
``not good`` is still an evaluative word (this is a rate of evaluation, not a tone score;
tone is ``analysis.measures.tone``).

Counting follows the loaded-terms rules: headline and body paragraphs (a metadata headline
absent from the text as paragraph -1, see :func:`analysis.measures.lexicon.analysed_units`), words from
the package tokenizer (:class:`analysis.text.tokens.Tokens`), voice from
:class:`analysis.quotes.voice.Voices`.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from ..text.tokens import Tokens
from ..knowledge.datafiles import packaged, read_csv_rows
from ..errors import DataFileError
from .lexicon import KWIC_WIDTH, analysed_units, position_of
from ..model import Article
from ..quotes.voice import Voices, mark_spans

#: Smallest absolute mean valence (VADER's -4..+4 scale) for a word to count as evaluative.
MIN_VALENCE = 1.0
#: Fields of :func:`evaluative_records`, in order.
EVALUATIVE_FIELDS = ["article_id", "paragraph", "role", "position", "field", "start", "end",
                     "word", "valence", "voice", "reported", "statement", "context"]
_ENTRY = re.compile(r"^[a-z][a-z'\-]*$")


def vader_lexicon_path() -> str:
    """Path of ``vader_lexicon.txt`` inside the installed vaderSentiment package."""
    from importlib.resources import files

    return str(files("vaderSentiment") / "vader_lexicon.txt")


def ignore_path() -> str:
    """Path of the packaged list of VADER words not counted in news copy."""
    return packaged("evaluative_ignore.csv")


@lru_cache(maxsize=4)
def load_ignore(path: str | None = None) -> frozenset[str]:
    """Words of the ignore list (``word,reason``), lower-cased."""
    path = str(path or ignore_path())
    rows = read_csv_rows(path)
    if not rows or [c.strip() for c in rows[0]] != ["word", "reason"]:
        raise DataFileError(path, "header must be word,reason", line=1)
    return frozenset(r[0].strip().lower() for r in rows[1:] if r and r[0].strip())


@lru_cache(maxsize=4)
def load_valences(path: str | None = None, min_valence: float = MIN_VALENCE,
                  ignore: frozenset[str] | None = None) -> dict[str, float]:
    """Evaluative words of a VADER-format lexicon (token, mean, sd, ratings) with their valence."""
    path = str(path or vader_lexicon_path())
    ignore = load_ignore() if ignore is None else ignore
    out: dict[str, float] = {}
    try:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                cells = line.rstrip("\r\n").split("\t")
                if len(cells) < 2 or not _ENTRY.match(cells[0]) or cells[0] in ignore:
                    continue
                try:
                    value = float(cells[1])
                except ValueError:
                    raise DataFileError(path, f"{cells[1]!r} is not a number", line=n,
                                        field="valence") from None
                if abs(value) >= min_valence:
                    out[cells[0]] = value
    except OSError as e:
        raise DataFileError(path, f"cannot read: {e.strerror or e}") from None
    return out


def _quoted(spans: list[tuple[int, int]], a: int, b: int, i: int) -> tuple[bool, int]:
    """Whether [a, b) lies in one of the sorted spans, scanning on from index i."""
    while i < len(spans) and spans[i][1] <= a:
        i += 1
    return (i < len(spans) and spans[i][0] <= a and b <= spans[i][1]), i


def _inside_count(spans: list[tuple[int, int]], starts: list[int],
                  tok_spans: list[tuple[int, int]], offset: int, is_word: list[bool]) -> int:
    """Number of word tokens lying wholly inside one of the sorted, disjoint spans."""
    n = 0
    for a, b in spans:
        k = bisect_left(starts, a)
        while k < len(starts) and offset + tok_spans[k][1] <= b:
            n += is_word[k]
            k += 1
    return n


_Unit = tuple[int, str, str, int, str, list[tuple[int, int]], Tokens, Voices]


def _units(article: Article, statements: Sequence[Any] | None) -> Iterator[_Unit]:
    """The analysed units with their voices, quoted spans and tokens."""
    if statements is None:
        from ..quotes.engine import article_statements
        statements = article_statements(article)
    voices = Voices(statements)
    for para, role, field, offset, text in analysed_units(article):
        marks = mark_spans(text, offset)
        if field == "text":
            # only the article's quotes that reach into this unit
            end = offset + len(text)
            marks += [(a, b) for a, b, _ in voices.quotes if a < end and b > offset]
        yield para, role, field, offset, text, merged(marks), Tokens(text), voices


def merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping ones joined."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def evaluative_records(article: Article, statements: Sequence[Any] | None = None,
                       valences: dict[str, float] | None = None) -> list[dict[str, Any]]:
    """One row per evaluative word (fields :data:`EVALUATIVE_FIELDS`), in text order."""
    valences = load_valences() if valences is None else valences
    body = article.body()
    lede = body[0].index if body else None
    rows: list[dict[str, Any]] = []
    for para, role, field, offset, text, spans, toks, voices in _units(article, statements):
        i = 0
        for (s, e), w in zip(toks.spans, toks.lower):
            value = valences.get(w)
            if value is None:
                continue
            a, b = offset + s, offset + e
            inside, i = _quoted(spans, a, b, i)
            stmt = voices.statement_at(a, b) if field == "text" else None
            rows.append({
                "article_id": article.id, "paragraph": para, "role": role,
                "position": position_of(role, para, lede), "field": field, "start": a, "end": b,
                "word": text[s:e], "valence": value, "voice": "quote" if inside else "outlet",
                "reported": (not inside and field == "text" and voices.is_reported(a, b)),
                "statement": stmt,
                "context": " ".join(text[max(0, s - KWIC_WIDTH):e + KWIC_WIDTH].split()),
            })
    return rows


def evaluative_summary(article: Article, statements: Sequence[Any] | None = None,
                       valences: dict[str, float] | None = None) -> dict[str, Any]:
    """Evaluative words of an article: count and rate per 1,000 words, overall, in the
    outlet's voice and in quotes (each rate over the words in that voice), and in the headline."""
    valences = load_valences() if valences is None else valences
    words = {"outlet": 0, "quote": 0}
    hits = {"outlet": 0, "quote": 0}
    head = pos = neg = 0
    for _, role, _, offset, _, spans, toks, _ in _units(article, statements):
        lower = toks.lower
        is_word = [w[0].isalnum() for w in lower]
        starts = [offset + s for s, _ in toks.spans]
        in_quote = _inside_count(spans, starts, toks.spans, offset, is_word)
        words["quote"] += in_quote
        words["outlet"] += sum(is_word) - in_quote
        i = 0
        for k in [k for k, w in enumerate(lower) if w in valences and is_word[k]]:
            s, e = toks.spans[k]
            inside, i = _quoted(spans, offset + s, offset + e, i)
            value = valences[lower[k]]
            hits["quote" if inside else "outlet"] += 1
            head += role == "headline"
            pos += value > 0
            neg += value < 0

    def rate(n: int, d: int) -> float:
        return round(1000.0 * n / d, 3) if d else float("nan")

    total, n = words["outlet"] + words["quote"], hits["outlet"] + hits["quote"]
    return {"evaluative_words": n, "evaluative_per_1k": rate(n, total),
            "evaluative_outlet": hits["outlet"],
            "evaluative_outlet_per_1k": rate(hits["outlet"], words["outlet"]),
            "evaluative_quote": hits["quote"],
            "evaluative_quote_per_1k": rate(hits["quote"], words["quote"]),
            "evaluative_headline": head, "evaluative_positive": pos, "evaluative_negative": neg}
