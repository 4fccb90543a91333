"""framing: comparative framing analysis of news articles.

The subpackages follow the data: ``corpus`` (readers, cleaning) -> ``quotes`` (quotation
engine, speakers, actors) -> ``measures`` (one module per measure; ``measures.metrics`` is the
one analysis of an article) -> ``report``; ``knowledge`` holds data files and studies, ``run``
the command line and the results store, ``validation`` the comparison with hand coding, and
``text`` shared text utilities.  ``model`` defines the shared records, ``errors`` the errors.
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
