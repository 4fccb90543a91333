"""Actor codebook: load and validate ``data/actors.yaml`` and resolve speaker mentions to actors."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..knowledge.datafiles import file_cache, packaged, read_yaml
from ..errors import DataFileError

#: Actor types a codebook entry may declare.
TYPES = ("person", "organisation", "role")
#: Words dropped from the front of a mention before matching.
LEADING = frozenset("the a an another some two three several both".split())
#: Honorifics dropped anywhere in a mention before matching.
HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. miss mx dr dr. sir dame lord lady prof prof.".split())
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_TOKEN = re.compile(r"[^\W_]+(?:[-.][^\W_]+)*\.?")
_POSSESSIVE = re.compile(r"['\u2019]s?\b|['\u2019]")
MAX_MENTION_TOKENS = 24


def normalise(mention: str, keep_honorifics: bool = False) -> tuple[str, ...]:
    """Case-fold a mention into tokens without possessives, a leading article and (unless
    asked to keep them) honorifics."""
    text = _POSSESSIVE.sub(" ", mention.casefold())
    toks = [t.rstrip(".") for t in _TOKEN.findall(text)]
    if not keep_honorifics:
        toks = [t for t in toks if t and t not in HONORIFICS]
    toks = [t for t in toks if t]
    while toks and toks[0] in LEADING:
        toks = toks[1:]
    return tuple(toks)


def entry_key(phrase: str) -> tuple[str, ...]:
    """The index key of a codebook phrase: honorifics dropped unless that would leave a single
    word ("Sir Mark" stays "sir mark", so a bare "Mark" never matches it)."""
    bare = normalise(phrase)
    if len(bare) <= 1:
        kept = normalise(phrase, keep_honorifics=True)
        if len(kept) > len(bare):
            return kept
    return bare


@dataclass(frozen=True)
class Actor:
    """One codebook entry: canonical id, name, group, type and the phrases that name it."""

    id: str
    name: str
    group: str
    type: str
    phrases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    unique: tuple[str, ...] = ()

    def ambiguous(self, phrase: str) -> bool:
        """True for a phrase that may name others too: one word alone (a first name or a
        surname), or a title without any word of the actor's name ("the Commissioner")."""
        key = entry_key(phrase)
        if len(key) <= 1:
            return True
        return phrase in self.titles and not (set(key) & {w for w in normalise(self.name)})


@dataclass
class Codebook:
    """Actors by id plus a normalised-phrase index used by :meth:`resolve`."""

    actors: dict[str, Actor]
    groups: tuple[str, ...]
    path: str = ""
    source_types: dict[str, str] = field(default_factory=dict)  # group -> source type
    index: dict[tuple[str, ...], str] = field(default_factory=dict)
    longest: int = 1

    def __post_init__(self) -> None:
        """Build the phrase indexes (phrases are unique across actors; checked by the loader).

        ``index`` holds phrases that name one actor wherever they occur; ``whole`` holds
        ambiguous phrases the study declared unique, matched only as a whole mention.
        Ambiguous phrases not declared unique are not matched at all.
        """
        self.whole: dict[tuple[str, ...], str] = {}
        for actor in self.actors.values():
            for phrase in (actor.name, *actor.phrases):
                key = entry_key(phrase)
                if not key:
                    continue
                if not actor.ambiguous(phrase):
                    self.index.setdefault(key, actor.id)
                    self.longest = max(self.longest, len(key))
                elif key in {entry_key(u) for u in actor.unique}:
                    self.whole.setdefault(key, actor.id)
        self._cache: dict[str, tuple[str | None, str]] = {}

    def resolve(self, mention: str | None) -> tuple[str | None, str]:
        """Return (actor id, group) for a mention; (None, "unknown") when nothing matches."""
        if not mention:
            return None, "unknown"
        hit = self._cache.get(mention)
        if hit is None:
            actor = self.match(mention)
            hit = (actor, self.actors[actor].group) if actor else (None, "unknown")
            if len(self._cache) < 100_000:
                self._cache[mention] = hit
        return hit

    def match(self, mention: str) -> str | None:
        """The actor id of the whole mention, or else of the longest (then leftmost) phrase
        inside it that names one actor wherever it occurs (never an ambiguous phrase)."""
        toks = normalise(mention)[:MAX_MENTION_TOKENS]
        if not toks:
            return None
        kept = normalise(mention, keep_honorifics=True)[:MAX_MENTION_TOKENS]
        for key in (kept, toks):
            if key in self.index:
                return self.index[key]
            if key in self.whole:
                return self.whole[key]
        for size in range(min(self.longest, len(toks) - 1), 0, -1):
            for i in range(len(toks) - size + 1):
                actor = self.index.get(toks[i:i + size])
                if actor:
                    return actor
        return None

    def actor_type(self, actor_id: str | None) -> str | None:
        """The type (person/organisation/role) of an actor id, or None."""
        actor = self.actors.get(actor_id) if actor_id else None
        return actor.type if actor else None


def _strings(value: Any, where: str, path: str) -> list[str]:
    """Check a list of non-empty strings (or nothing) and return it."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataFileError(path, "must be a list of non-empty strings", field=where)
    return list(value)


def parse_codebook(data: Any, path: str) -> Codebook:
    """Validate the parsed YAML structure and build a Codebook; errors name file and field."""
    if not isinstance(data, dict):
        raise DataFileError(path, "the codebook must be a mapping with 'groups' and 'actors'")
    groups = _strings(data.get("groups"), "groups", path)
    if not groups:
        raise DataFileError(path, "missing or empty list of group ids", field="groups")
    actors_data = data.get("actors")
    if actors_data is None:
        actors_data = {}
    if not isinstance(actors_data, dict):
        raise DataFileError(path, "must be a mapping of actor ids", field="actors")
    actors: dict[str, Actor] = {}
    owner: dict[tuple[str, ...], str] = {}
    for actor_id, entry in actors_data.items():
        where = f"actors.{actor_id}"
        if not isinstance(actor_id, str) or not _ID.match(actor_id):
            raise DataFileError(path, "actor ids are snake_case strings", field=where)
        if not isinstance(entry, dict):
            raise DataFileError(path, "each actor must be a mapping", field=where)
        unknown = set(entry) - {"name", "group", "type", "aliases", "titles", "roles", "unique"}
        if unknown:
            raise DataFileError(path, f"unknown key(s) {sorted(unknown)}", field=where)
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise DataFileError(path, "required non-empty string", field=f"{where}.name")
        group = entry.get("group")
        if group not in groups:
            raise DataFileError(path, f"{group!r} is not one of the groups {groups}",
                                field=f"{where}.group")
        kind = entry.get("type", "person")
        if kind not in TYPES:
            raise DataFileError(path, f"{kind!r} is not one of {TYPES}", field=f"{where}.type")
        phrases: list[str] = []
        for key in ("aliases", "titles", "roles"):
            phrases += _strings(entry.get(key), f"{where}.{key}", path)
        unique = _strings(entry.get("unique"), f"{where}.unique", path)
        for u in unique:
            if u not in [name, *phrases]:
                raise DataFileError(path, f"{u!r} is not one of this actor's name, aliases, "
                                          f"titles or roles", field=f"{where}.unique")
        for phrase in [name, *phrases]:
            norm = entry_key(phrase)
            if not norm:
                raise DataFileError(path, f"phrase {phrase!r} is empty once normalised",
                                    field=where)
            if owner.setdefault(norm, actor_id) != actor_id:
                raise DataFileError(path, f"phrase {phrase!r} is also listed for "
                                          f"{owner[norm]!r}", field=where)
        titles = tuple(_strings(entry.get("titles"), f"{where}.titles", path))
        actors[actor_id] = Actor(actor_id, name.strip(), group, kind, tuple(phrases), titles,
                                 tuple(unique))
    return Codebook(actors=actors, groups=tuple(groups), path=path,
                    source_types=_source_types(data.get("source_types"), groups, path))


def _source_types(data: Any, groups: list[str], path: str) -> dict[str, str]:
    """The optional mapping of codebook groups to source types (docs/sources.md)."""
    from ..measures.sources import SOURCE_TYPES

    if data is None:
        return {}
    if not isinstance(data, dict):
        raise DataFileError(path, "must map group ids to source types", field="source_types")
    for g, t in data.items():
        if g not in groups:
            raise DataFileError(path, f"{g!r} is not one of the groups", field=f"source_types.{g}")
        if t not in SOURCE_TYPES:
            raise DataFileError(path, f"{t!r} is not one of {list(SOURCE_TYPES)}",
                                field=f"source_types.{g}")
    return {str(g): str(t) for g, t in data.items()}


@file_cache(maxsize=8)
def _load_cached(path: str) -> Codebook:
    """Read and parse one codebook file (cached by path)."""
    return parse_codebook(read_yaml(path, keys=("version", "groups", "source_types", "actors")),
                          path)


def default_path() -> str:
    """Path of the packaged codebook ``analysis/data/actors.yaml``."""
    return packaged("actors.yaml")


def load_codebook(path: str | Path | None = None) -> Codebook:
    """Load and validate a codebook (default: the packaged one); raises DataFileError."""
    return _load_cached(str(path) if path else default_path())
