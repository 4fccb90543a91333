"""General stance cues (``data/stance_cues.yaml``) and VADER's lexicon, for analysis.measures.target_stance.

:func:`load_cues` reads and validates a cues file (schema in the file's header and in
docs/stance_general.md); :func:`merge_cues` adds a study's cues to the general ones;
:func:`valences` reads VADER's lexicon and negation list from the installed package.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..knowledge.datafiles import file_cache, packaged, read_yaml
from ..errors import DataFileError
from .stance import cue_pattern

SIDES = ("critical", "defensive")
AIMS = ("nearest", "before", "after")


@dataclass(frozen=True)
class SpeechAct:
    """A compiled speech-act cue: side, act name, aim and pattern."""

    side: str
    act: str
    aim: str
    cue: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Cues:
    """Parsed stance cues: speech acts, hedges, contrast and concession words, ignored words,
    clause-wide negations and (a study's) the target's declared critics."""

    acts: tuple[SpeechAct, ...]
    hedges: frozenset[str]
    contrast: frozenset[str]
    concession: frozenset[str]
    ignore: frozenset[str]
    path: str = ""
    negations: frozenset[str] = frozenset()
    #: actor ids of the target's declared critics in a story (a study's cues file only)
    critics: frozenset[str] = frozenset()


def _words(value: Any, path: str, where: str) -> frozenset[str]:
    """A list of words (case-folded), or DataFileError naming the field."""
    if value is None:
        return frozenset()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataFileError(path, "must be a list of non-empty strings", field=where)
    return frozenset(" ".join(v.casefold().split()) for v in value)


def _actor_ids(value: Any, path: str, where: str) -> frozenset[str]:
    """A list of actor ids (kept as written), or DataFileError naming the field."""
    if value is None:
        return frozenset()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataFileError(path, "must be a list of actor ids", field=where)
    return frozenset(v.strip() for v in value)


def parse_cues(data: Any, path: str) -> Cues:
    """Validate the parsed YAML of a stance cues file into Cues; errors name file and field."""
    if not isinstance(data, dict):
        raise DataFileError(path, "the cues must be a mapping")
    if data.get("version") != 1:
        raise DataFileError(path, "must be 1", field="version")
    acts_data = data.get("speech_acts") or {}
    if not isinstance(acts_data, dict) or set(acts_data) - set(SIDES):
        raise DataFileError(path, f"must map {SIDES} to lists", field="speech_acts")
    acts = []
    for side in SIDES:
        items = acts_data.get(side) or []
        if not isinstance(items, list):
            raise DataFileError(path, "must be a list", field=f"speech_acts.{side}")
        for i, item in enumerate(items):
            where = f"speech_acts.{side}[{i}]"
            if not isinstance(item, dict) or not isinstance(item.get("cue"), str) \
                    or not item["cue"].strip():
                raise DataFileError(path, "needs a non-empty cue", field=where)
            act = str(item.get("act") or "")
            if not re.fullmatch(r"[a-z][a-z0-9_]*", act):
                raise DataFileError(path, f"act {act!r} is not snake_case", field=where)
            aim = str(item.get("aim") or "nearest")
            if aim not in AIMS:
                raise DataFileError(path, f"aim {aim!r} is not one of {AIMS}", field=where)
            try:
                pat = cue_pattern(item["cue"].strip())
            except re.error as e:
                raise DataFileError(path, f"bad cue {item['cue']!r}: {e}", field=where) from None
            acts.append(SpeechAct(side, act, aim, item["cue"].strip(), pat))
    return Cues(tuple(acts), _words(data.get("hedges"), path, "hedges"),
                _words(data.get("contrast"), path, "contrast"),
                _words(data.get("concession"), path, "concession"),
                _words(data.get("ignore_words"), path, "ignore_words"), path,
                _words(data.get("negations"), path, "negations"),
                _actor_ids(data.get("critics"), path, "critics"))


@file_cache(maxsize=8)
def load_cues(path: str | None = None) -> Cues:
    """Read and validate a stance cues YAML file (the packaged general one by default)."""
    path = str(path or packaged("stance_cues.yaml"))
    return parse_cues(read_yaml(path), path)


_LAST_MERGE: list[Any] = [None, None, None]


def merge_cues(base: Cues, extra: Cues | None) -> Cues:
    """The base cues plus a study's extra cues (speech acts, word lists and critics added)."""
    if extra is None:
        return base
    if _LAST_MERGE[0] is base and _LAST_MERGE[1] is extra:
        return _LAST_MERGE[2]
    merged = _merge(base, extra)
    _LAST_MERGE[:] = [base, extra, merged]
    return merged


@lru_cache(maxsize=16)
def _merge(base: Cues, extra: Cues) -> Cues:
    """merge_cues without its memo."""
    return Cues(base.acts + extra.acts, base.hedges | extra.hedges,
                base.contrast | extra.contrast, base.concession | extra.concession,
                base.ignore | extra.ignore, base.path + "+" + extra.path,
                base.negations | extra.negations, base.critics | extra.critics)


@lru_cache(maxsize=1)
def valences() -> tuple[dict[str, float], frozenset[str]]:
    """VADER's lexicon (word -> valence) and negation words, from the installed package."""
    from vaderSentiment import vaderSentiment as vs

    from .tone import _analyzer

    return dict(_analyzer().lexicon), frozenset(w.casefold() for w in vs.NEGATE)
