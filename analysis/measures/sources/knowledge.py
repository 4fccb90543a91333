"""General knowledge for typing sources: the source types, the role file, the first-name table."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache, wraps
from typing import Any, Callable, TypeVar

from ...errors import DataFileError
from ...knowledge.datafiles import packaged, read_yaml
from ...text.tokens import Tokens


SOURCE_TYPES = ("executive", "politician", "police_military", "legal", "advocacy", "expert",
                "business", "public", "media", "other", "unknown")


#: Types counted as official voices (indexing, after Bennett 1990).
OFFICIAL = frozenset({"executive", "politician", "police_military"})


#: Keys of :func:`source_fields`.
FIELD_KEYS = ("source_type", "named", "gender", "source_evidence")


_T = TypeVar("_T")


def per_object(build: Callable[[Any], _T]) -> Callable[[Any], _T]:
    """A one-argument function memoised on its argument's identity: what is derived from a
    loaded data object (a role file, its honorifics), which is not hashable, once per object."""
    memo: dict[int, tuple[Any, Any]] = {}

    @wraps(build)
    def get(obj: Any) -> _T:
        got = memo.get(id(obj))
        if got is None or got[0] is not obj:  # (the reference keeps the id from being reused)
            got = memo[id(obj)] = (obj, build(obj))
        return got[1]

    get.cache_clear = memo.clear  # type: ignore[attr-defined]
    return get


_KINDS = ("role", "organisation", "party", "transparent", "document", "group", "unnamed",
          "female", "male")


@dataclass(frozen=True)
class Roles:
    """The role knowledge of source_roles.yaml, indexed for phrase look-up."""

    phrases: dict[tuple[str, ...], tuple[tuple[str, str, bool], ...]]  # words -> (kind, value, cap)
    longest: int
    defaults: dict[str, str] = field(default_factory=dict)
    honorifics: dict[str, str] = field(default_factory=dict)
    firsts: frozenset[str] = frozenset()  # first words of the phrases
    abbreviations: dict[str, str] = field(default_factory=dict)  # "sen" -> "senator"
    marks: dict[str, str] = field(default_factory=dict)  # "running mate" -> "politician"


def _add(index: dict, entry: str, kind: str, value: str) -> None:
    """Index one entry (word or phrase) under its case-folded words."""
    words = tuple(Tokens(entry).lower)
    if words:
        cap = any(ch.isupper() for ch in entry)
        index.setdefault(words, []).append((kind, value, cap))


@lru_cache(maxsize=4)
def load_roles(path: str | None = None) -> Roles:
    """Read source_roles.yaml (see its schema); DataFileError naming the file on bad content."""
    path = path or packaged("source_roles.yaml")
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise DataFileError(path, "expected a mapping")
    index: dict[tuple[str, ...], list[tuple[str, str, bool]]] = {}
    for section, kind in (("roles", "role"), ("organisations", "organisation")):
        table = data.get(section)
        if not isinstance(table, dict):
            raise DataFileError(path, f"{section!r} must map source types to lists", field=section)
        for typ, entries in table.items():
            if typ not in SOURCE_TYPES:
                raise DataFileError(path, f"{typ!r} is not a source type", field=section)
            if not isinstance(entries, list):
                raise DataFileError(path, f"{section}.{typ} must be a list", field=section)
            for e in entries:
                _add(index, str(e), kind, typ)
    for section in ("parties", "transparent", "documents", "groups", "unnamed"):
        entries = data.get(section, [])
        if not isinstance(entries, list):
            raise DataFileError(path, f"{section!r} must be a list", field=section)
        kind = {"parties": "party", "transparent": "transparent", "documents": "document",
                "groups": "group", "unnamed": "unnamed"}[section]
        for e in entries:
            _add(index, str(e), kind, "politician" if kind == "party" else "")
    for section in ("gendered", "honorifics"):
        table = data.get(section, {})
        if not isinstance(table, dict) or set(table) - {"female", "male"}:
            raise DataFileError(path, f"{section!r} must map female/male to lists", field=section)
    for gender, entries in data["gendered"].items():
        for e in entries:
            _add(index, str(e), gender, gender)
    defaults = {str(k).casefold(): str(v) for k, v in (data.get("transparent_default") or {}).items()}
    for v in defaults.values():
        if v not in SOURCE_TYPES:
            raise DataFileError(path, f"{v!r} is not a source type", field="transparent_default")
    honorifics = {str(w).casefold(): g for g, ws in data["honorifics"].items() for w in ws}
    abbreviations = data.get("abbreviations") or {}
    if not isinstance(abbreviations, dict):
        raise DataFileError(path, "'abbreviations' must map titles to role nouns",
                            field="abbreviations")
    marks = data.get("marks") or {}
    if not isinstance(marks, dict) or not all(isinstance(v, list) for v in marks.values()):
        raise DataFileError(path, "'marks' must map source types to lists", field="marks")
    for typ in marks:
        if typ not in SOURCE_TYPES:
            raise DataFileError(path, f"{typ!r} is not a source type", field="marks")
    return Roles({k: tuple(v) for k, v in index.items()}, max(len(k) for k in index), defaults,
                 honorifics, frozenset(k[0] for k in index),
                 {str(k).casefold(): str(v).casefold() for k, v in abbreviations.items()},
                 {" ".join(str(w).casefold().split()): typ for typ, ws in marks.items() for w in ws})


@lru_cache(maxsize=4)
def load_first_names(path: str | None = None) -> dict[str, float]:
    """Read first_names.csv into {name: p_female}; DataFileError naming the file on bad rows."""
    path = path or packaged("first_names.csv")
    out: dict[str, float] = {}
    try:
        with open(path, encoding="utf-8") as fh:
            header = None
            for n, line in enumerate(fh, 1):
                if line.startswith("#") or not line.strip():
                    continue
                if header is None:
                    header = line.strip()
                    if header != "name,p_female,counts":
                        raise DataFileError(path, "header must be name,p_female,counts", line=n)
                    continue
                parts = line.rstrip("\n").split(",")
                try:
                    out[parts[0]] = float(parts[1])
                except (IndexError, ValueError):
                    raise DataFileError(path, "expected name,p_female,counts", line=n) from None
    except OSError as e:
        raise DataFileError(path, f"cannot read: {e.strerror or e}") from None
    return out
