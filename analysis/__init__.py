"""framing: comparative framing analysis of news articles.

Read a corpus with :func:`analysis.corpus.read_corpus`; the quotation engine lives in
:mod:`analysis.quotes` and the per-article metrics in :mod:`analysis.metrics`.
"""
from __future__ import annotations

__version__ = "0.1.0"
