"""framing: comparative framing analysis of news articles.

Read a corpus with :func:`analysis.corpus.read_corpus`; the quotation engine lives in
:mod:`analysis.quotes` and the per-article metrics in :mod:`analysis.metrics`.
"""
from __future__ import annotations

import sys

__version__ = "0.1.0"

#: Oldest Python the package supports, every patch release included (``requires-python`` in
#: pyproject.toml says the same; docs/hardening.md explains why no patch release is excluded).
MIN_PYTHON = (3, 11)

if sys.version_info < MIN_PYTHON:  # pragma: no cover - checked at start-up
    raise ImportError(f"framing needs Python {MIN_PYTHON[0]}.{MIN_PYTHON[1]} or newer (any patch "
                      f"release); this is Python {sys.version.split()[0]}")
