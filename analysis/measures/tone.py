"""Tone (VADER compound) per sentence, quote and article, and readability of the body text."""
from __future__ import annotations

import math
from functools import lru_cache
from typing import Any, Callable, Iterable, Mapping, Sequence

from ..model import Article
from ..text.sentences import sentence_spans

SENTENCE_FIELDS = ["article_id", "paragraph", "role", "start", "end", "mentions_target",
                   "compound", "text"]


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    """One shared VADER analyser (loading its lexicon takes a moment)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=1)
def _emoji_chars() -> frozenset[str]:
    """The characters VADER replaces by an emoji description before scoring."""
    return frozenset(_analyzer().emojis)


def vader_can_score(text: str) -> bool:
    """False when VADER would find no emoji and no lexicon token in text (it then scores 0.0)."""
    from vaderSentiment.vaderSentiment import SentiText

    if not _emoji_chars().isdisjoint(text):
        return True
    lexicon = _analyzer().lexicon
    # VADER's own tokeniser: split on white space, strip punctuation from words.
    return any(t.lower() in lexicon for t in map(SentiText._strip_punc_if_word, text.split()))


def compound(text: str) -> float:
    """VADER compound score of a text, -1 (negative) to +1 (positive); 0.0 for no words."""
    if not text.strip() or not vader_can_score(text):
        return 0.0
    return float(_analyzer().polarity_scores(text)["compound"])


def article_sentences(article: Article) -> dict[int, list[tuple[int, int]]]:
    """Sentence spans of each analysed paragraph (offsets into it), by position in the article."""
    return {i: sentence_spans(p.text) for i, p in enumerate(article.paragraphs) if p.analysed}


def sentence_rows(article: Article, mentions: Callable[[str], bool],
                  sentences: Mapping[int, Sequence[tuple[int, int]]] | None = None
                  ) -> list[dict[str, Any]]:
    """One record per sentence of the headline and body, with its compound score.

    ``sentences`` is ``article_sentences(article)`` when the caller has it already.
    """
    sentences = article_sentences(article) if sentences is None else sentences
    rows = []
    for i, p in enumerate(article.paragraphs):
        if not p.analysed:
            continue
        for a, b in sentences[i]:
            s = p.text[a:b]
            rows.append({"article_id": article.id, "paragraph": p.index, "role": p.role,
                         "start": p.start + a, "end": p.start + b,
                         "mentions_target": bool(mentions(s)), "compound": compound(s), "text": s})
    return rows


def mean(values: Iterable[float]) -> float:
    """Arithmetic mean, NaN for no values."""
    vals = list(values)
    return sum(vals) / len(vals) if vals else math.nan


def statement_texts(pieces: Sequence[Mapping[str, Any]], kinds: tuple[str, ...]) -> list[str]:
    """The joined text of each statement whose pieces are of the given kinds."""
    texts: dict[Any, list[str]] = {}
    for s in pieces:
        if s.get("kind") in kinds:
            texts.setdefault(s.get("statement"), []).append(str(s.get("text") or ""))
    return [" ".join(t) for t in texts.values()]


def tone_summary(sentences: Sequence[Mapping[str, Any]],
                 pieces: Sequence[Mapping[str, Any]] = ()) -> dict[str, Any]:
    """Mean compound of body sentences, of target sentences, of quotes; headline compound."""
    body = [r for r in sentences if r["role"] == "body"]
    head = [r["compound"] for r in sentences if r["role"] == "headline"]
    target = [r["compound"] for r in body if r["mentions_target"]]
    quotes = [compound(t) for t in statement_texts(pieces, ("full", "partial"))]
    return {
        "sentences": len(body),
        "vader_compound": round(mean(r["compound"] for r in body), 4),
        "vader_headline": round(mean(head), 4),
        "target_sentences": len(target),
        "vader_target": round(mean(target), 4),
        "vader_quotes": round(mean(quotes), 4),
    }


#: Longest text (characters) given a readability score; textstat takes seconds per 100 kB.
READABILITY_MAX_CHARS = 500_000


def readability_of(text: str) -> dict[str, float]:
    """Flesch reading ease and Flesch-Kincaid grade via ``analysis.measures.readability`` (NaN if too long)."""
    from .readability import readability

    if len(text) > READABILITY_MAX_CHARS:
        return {"flesch_reading_ease": math.nan, "flesch_kincaid_grade": math.nan}
    return readability(text)
