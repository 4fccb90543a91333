"""The per-article and per-outlet source measures (primary definer, indexing, diversity, gender)."""
from __future__ import annotations

import math
from collections import Counter
from typing import Any, Iterable, Mapping

from .knowledge import OFFICIAL, SOURCE_TYPES


def entropy(counts: Iterable[int]) -> float:
    """Shannon entropy (bits) of a distribution given as counts; 0.0 when empty."""
    values = [c for c in counts if c > 0]
    total = sum(values)
    if not total:
        return 0.0
    return -sum(c / total * math.log2(c / total) for c in values)


def source_summary(statements: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Per-article source measures from statements that carry source fields (in text order).

    One voice per statement index (continuation pieces share it); statements with no
    speaker are left out.  Returns primary_definer, voices, official_share (indexing),
    anonymous_share, female_share (of gendered voices, None when none), gendered_voices,
    type_entropy (bits), voices_by_type and words_by_type.
    """
    voices: dict[Any, dict[str, Any]] = {}
    words: Counter[str] = Counter()
    for s in statements:
        if s.get("named") is None:
            continue
        key = s.get("statement", len(voices))
        stype = s.get("source_type") or "unknown"
        if key not in voices:
            voices[key] = {"type": stype, "named": s.get("named"), "gender": s.get("gender")}
        text = s.get("text") or ""
        words[voices[key]["type"]] += len(text.split())
    ordered = list(voices.values())
    n = len(ordered)
    by_type = Counter(v["type"] for v in ordered)
    gendered = [v["gender"] for v in ordered if v["gender"] in ("female", "male")]
    return {
        "primary_definer": ordered[0]["type"] if ordered else None,
        "voices": n,
        "official_share": sum(v["type"] in OFFICIAL for v in ordered) / n if n else None,
        "anonymous_share": sum(v["named"] is False for v in ordered) / n if n else None,
        "female_share": gendered.count("female") / len(gendered) if gendered else None,
        "gendered_voices": len(gendered),
        "type_entropy": entropy(by_type.values()),
        "voices_by_type": {t: by_type[t] for t in SOURCE_TYPES if by_type[t]},
        "words_by_type": {t: words[t] for t in SOURCE_TYPES if words[t]},
    }


def outlet_summary(summaries: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Measures of one outlet from its articles' source_summary dicts: the mean of each share
    and of the entropy over the articles that have it, primary definers counted, voices,
    gendered voices, voices and words per type summed, and the pooled female share."""
    rows = list(summaries)
    out: dict[str, Any] = {"articles": len(rows)}
    for key in ("official_share", "anonymous_share", "female_share", "type_entropy"):
        vals = [r[key] for r in rows if r.get(key) is not None]
        out[key] = sum(vals) / len(vals) if vals else None
    out["primary_definers"] = dict(Counter(r["primary_definer"] for r in rows
                                           if r.get("primary_definer")))
    out["voices"] = sum(r.get("voices", 0) for r in rows)
    out["gendered_voices"] = sum(r.get("gendered_voices", 0) for r in rows)
    females = sum(round((r.get("female_share") or 0) * r.get("gendered_voices", 0)) for r in rows)
    out["female_share_pooled"] = females / out["gendered_voices"] if out["gendered_voices"] else None
    for key in ("voices_by_type", "words_by_type"):
        total: Counter[str] = Counter()
        for r in rows:
            total.update(r.get(key) or {})
        out[key] = {t: total[t] for t in SOURCE_TYPES if total[t]}
    return out
