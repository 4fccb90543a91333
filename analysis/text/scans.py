"""Regex scans merged in text order (several literal-first scans standing for one pattern)."""
from __future__ import annotations

import re
from typing import Iterable

_START = re.Match.start


def in_text_order(scans: Iterable[Iterable[re.Match[str]]]) -> list[re.Match[str]]:
    """The matches of several scans of one text, in text order (for scans whose matches
    cannot overlap, as those of one pattern's finditer would be)."""
    found = [hits for hits in map(list, scans) if hits]
    if len(found) <= 1:
        return found[0] if found else []
    out = [m for hits in found for m in hits]
    out.sort(key=_START)
    return out
