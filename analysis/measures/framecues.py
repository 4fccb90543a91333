"""The frame-item data file (``data/frame_items.yaml``): loading, validation and cue matching.

The file holds named cue lists (each with its provenance), the question items of the generic
news frames as rules over those lists, the frames' thresholds and the cue lists of Entman's
framing functions; its schema is written at the top of the file and in docs/frames.md.
:func:`load_items` validates it and raises :class:`~analysis.errors.DataFileError` naming the
file, the line and the field of the first problem.  :class:`CueMatcher` finds the cues of
every list among the tokens of a sentence.
"""
from __future__ import annotations

import re
from itertools import compress
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Mapping, Sequence

import yaml

from ..knowledge.datafiles import packaged, read_yaml
from ..errors import DataFileError

FRAMES = ("responsibility", "conflict", "human_interest", "economic", "morality")
ENTMAN_FUNCTIONS = ("problem", "cause", "moral", "remedy")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_ITEM_ID = re.compile(r"^[a-z]{2}[0-9]+[a-z]?$")
_ITEM_KEYS = {"frame", "question", "all", "none", "quoted", "unquoted", "target_all", "groups",
              "min_sentences"}


@dataclass(frozen=True)
class Item:
    """One question item: which frame, its question, and the rule that answers it."""

    id: str
    frame: str
    question: str
    all: tuple[str, ...]
    none: tuple[str, ...] = ()
    quoted: bool = False
    target_all: tuple[str, ...] = ()
    groups: int | None = None
    min_sentences: int = 1
    unquoted: bool = False


@dataclass(frozen=True)
class Frame:
    """A frame: its items and the score at or above which it is present."""

    name: str
    items: tuple[str, ...]
    threshold: float


@dataclass(frozen=True)
class CueMatcher:
    """Finds the cues of named lists among case-folded tokens."""

    lists: Mapping[str, tuple[str, ...]]
    _exact: dict[str, tuple[tuple[str, str, tuple[str, ...]], ...]] = field(default_factory=dict)
    _prefix: dict[str, tuple[tuple[str, str, tuple[str, ...]], ...]] = field(default_factory=dict)
    _suffix: dict[str, tuple[tuple[str, str, tuple[str, ...]], ...]] = field(default_factory=dict)
    _inner: tuple[tuple[str, str, str, tuple[str, ...]], ...] = ()
    _memo: dict[str, tuple[tuple[str, str, tuple[str, ...]], ...]] = field(default_factory=dict)
    _plans: dict[str, tuple[tuple[str, str, tuple[str, ...], str | None], ...]] = \
        field(default_factory=dict)

    @classmethod
    def build(cls, lists: Mapping[str, Sequence[str]]) -> "CueMatcher":
        """A matcher over lists of cues (see the data file for the cue syntax)."""
        exact: dict[str, list] = {}
        prefix: dict[str, list] = {}
        suffix: dict[str, list] = {}
        inner: list[tuple[str, str, str, tuple[str, ...]]] = []
        for name, cues in lists.items():
            for cue in cues:
                first, *rest = cue.split(" ")
                entry = (name, cue, tuple(rest))
                if first.startswith("*") and first.endswith("*"):
                    inner.append((first, name, cue, tuple(rest)))
                elif first.endswith("*"):
                    prefix.setdefault(first[:-1], []).append(entry)
                elif first.startswith("*"):
                    suffix.setdefault(first[1:], []).append(entry)
                else:
                    exact.setdefault(first, []).append(entry)
        freeze = lambda d: {k: tuple(v) for k, v in d.items()}  # noqa: E731
        return cls({k: tuple(v) for k, v in lists.items()}, freeze(exact), freeze(prefix),
                   freeze(suffix), tuple(inner))

    def _starting(self, word: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
        """(list, cue, remaining words) of every cue whose first word matches word."""
        found = self._memo.get(word)
        if found is None:
            acc = list(self._exact.get(word, ()))
            for k in range(1, len(word) + 1):
                acc.extend(self._prefix.get(word[:k], ()))
                acc.extend(self._suffix.get(word[-k:], ()))
            acc.extend((name, cue, rest) for first, name, cue, rest in self._inner
                       if word_matches(word, first))
            found = tuple(acc)
            if len(self._memo) < 500_000:
                self._memo[word] = found
        return found

    def _plan(self, word: str) -> tuple[tuple[str, str, tuple[str, ...], str | None], ...]:
        """:meth:`_starting` of word, each cue with the second word a token must equal for
        it to match (None: any, a one-word cue or a second word with ``*``)."""
        found = self._plans.get(word)
        if found is None:
            found = tuple((name, cue, rest, rest[0] if rest and "*" not in rest[0] else None)
                          for name, cue, rest in self._starting(word))
            if len(self._plans) < 500_000:
                self._plans[word] = found
        return found

    def find(self, words: Sequence[str]) -> list[tuple[str, str, int, int]]:
        """(list, cue, first token, last token + 1) of every cue found in the token words."""
        plans = list(map(self._plans.get, words))  # the cues starting at each token
        if None in plans:  # a word not met before
            plan = self._plan
            plans = [plan(words[i]) if p is None else p for i, p in enumerate(plans)]
        hits = []
        n = len(words)
        for i in compress(range(n), plans):  # only the tokens some cue starts with
            for name, cue, rest, second in plans[i]:
                if not rest:
                    hits.append((name, cue, i, i + 1))
                    continue
                k = len(rest)
                if i + k < n and (second is None or words[i + 1] == second) \
                        and _rest_matches(words, i + 1, rest):
                    hits.append((name, cue, i, i + 1 + k))
        return hits


def _rest_matches(words: Sequence[str], at: int, rest: tuple[str, ...]) -> bool:
    """True when the words from position at match the remaining words of a phrase cue."""
    for j, p in enumerate(rest):
        w = words[at + j]
        if w != p and ("*" not in p or not word_matches(w, p)):
            return False
    return True


def word_matches(word: str, pattern: str) -> bool:
    """True when a folded word matches one word of a cue (``*`` at either end: any letters)."""
    if "*" not in pattern:
        return word == pattern
    head, tail = pattern.startswith("*"), pattern.endswith("*")
    core = pattern.strip("*")
    if head and tail:
        return core in word
    if tail:
        return word.startswith(core)
    return word.endswith(core)


@dataclass(frozen=True)
class ItemBook:
    """The validated content of a frame-item data file."""

    path: str
    lists: Mapping[str, tuple[str, ...]]
    sources: Mapping[str, str]
    items: Mapping[str, Item]
    frames: Mapping[str, Frame]
    entman: Mapping[str, tuple[str, ...]]
    agents: tuple[str, ...]
    matcher: CueMatcher
    after: tuple[str, ...] = ()


def _lines(path: str) -> dict[tuple[Any, ...], int]:
    """1-based line of every mapping value and list element of a YAML file, by key path."""
    try:
        with open(path, encoding="utf-8") as fh:
            root = yaml.compose(fh, Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    lines: dict[tuple[Any, ...], int] = {}

    def walk(node: Any, where: tuple[Any, ...]) -> None:
        """Record the line of node and of everything under it."""
        lines[where] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                walk(v, where + (k.value,))
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                walk(v, where + (i,))

    if root is not None:
        walk(root, ())
    return lines


class _Checker:
    """Raises DataFileError with the file, the line and the field of a bad value."""

    def __init__(self, path: str, lines: Mapping[tuple[Any, ...], int]) -> None:
        """Remember the file and its line table."""
        self.path, self.lines = path, lines

    def fail(self, where: tuple[Any, ...], message: str) -> None:
        """Raise for the value at key path where (the nearest known line)."""
        line = None
        for k in range(len(where), -1, -1):
            if where[:k] in self.lines:
                line = self.lines[where[:k]]
                break
        name = ".".join(str(w) if not isinstance(w, int) else f"[{w}]" for w in where)
        raise DataFileError(self.path, message, line=line, field=name.replace(".[", "[") or None)

    def mapping(self, value: Any, where: tuple[Any, ...]) -> dict:
        """value, which must be a mapping."""
        if not isinstance(value, dict):
            self.fail(where, "must be a mapping")
        return value

    def names(self, value: Any, where: tuple[Any, ...], known: Mapping[str, Any],
              what: str) -> tuple[str, ...]:
        """value, a list of names each found in known."""
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail(where, f"must be a list of {what} names")
        for i, v in enumerate(value):
            if v not in known:
                self.fail(where + (i,), f"{v!r} is not a known {what}")
        return tuple(value)


def _cue(value: Any, where: tuple[Any, ...], check: _Checker) -> str:
    """One validated cue."""
    if not isinstance(value, str) or not value.strip():
        check.fail(where, "a cue must be a non-empty string")
    cue = value.strip()
    if cue != cue.lower() or "  " in cue:
        check.fail(where, f"cue {cue!r} must be lower case with single spaces")
    for word in cue.split(" "):
        if word.strip("*") == "" or "*" in word.strip("*"):
            check.fail(where, f"cue {cue!r}: * only at the start or end of a word, never alone")
    return cue


def parse_items(data: Any, path: str, lines: Mapping[tuple[Any, ...], int] | None = None
                ) -> ItemBook:
    """Validate the parsed YAML of a frame-item file into an ItemBook."""
    check = _Checker(path, lines or {})
    data = check.mapping(data, ())
    if data.get("version") != 1:
        check.fail(("version",), "must be 1")
    lists: dict[str, tuple[str, ...]] = {}
    sources: dict[str, str] = {}
    for name, spec in check.mapping(data.get("lists"), ("lists",)).items():
        where = ("lists", name)
        if not isinstance(name, str) or not _NAME.match(name):
            check.fail(where, f"list name {name!r} must be snake_case")
        spec = check.mapping(spec, where)
        unknown = set(spec) - {"source", "cues"}
        if unknown:
            check.fail(where, f"unknown key(s) {sorted(unknown)}")
        source = spec.get("source")
        if not isinstance(source, str) or not source.strip():
            check.fail(where + ("source",), "every list needs its provenance (a non-empty string)")
        cues = spec.get("cues")
        if not isinstance(cues, list) or not cues:
            check.fail(where + ("cues",), "must be a non-empty list of cues")
        lists[name] = tuple(_cue(c, where + ("cues", i), check) for i, c in enumerate(cues))
        sources[name] = source.strip()
    items: dict[str, Item] = {}
    for item_id, spec in check.mapping(data.get("items"), ("items",)).items():
        items[str(item_id)] = _item(item_id, spec, lists, check)
    frames: dict[str, Frame] = {}
    frame_data = check.mapping(data.get("frames"), ("frames",))
    for name in FRAMES:
        if name not in frame_data:
            check.fail(("frames",), f"frame {name!r} is missing")
    for name, spec in frame_data.items():
        where = ("frames", name)
        if name not in FRAMES:
            check.fail(where, f"unknown frame {name!r}; expected one of {FRAMES}")
        spec = check.mapping(spec, where)
        ids = check.names(spec.get("items"), where + ("items",), items, "item")
        if not ids:
            check.fail(where + ("items",), "a frame needs at least one item")
        for i, q in enumerate(ids):
            if items[q].frame != name:
                check.fail(where + ("items", i), f"item {q!r} belongs to frame {items[q].frame!r}")
        threshold = spec.get("threshold")
        if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) \
                or not 0 < threshold <= 1:
            check.fail(where + ("threshold",), "must be a number above 0 and at most 1")
        frames[name] = Frame(name, ids, float(threshold))
    entman_data = check.mapping(data.get("entman"), ("entman",))
    entman: dict[str, tuple[str, ...]] = {}
    for key in entman_data:
        if key not in ENTMAN_FUNCTIONS + ("agents", "after"):
            check.fail(("entman", key), f"unknown key {key!r}")
    for fn in ENTMAN_FUNCTIONS:
        entman[fn] = check.names(entman_data.get(fn), ("entman", fn), lists, "list")
        if not entman[fn]:
            check.fail(("entman", fn), "needs at least one cue list")
    agents = check.names(entman_data.get("agents"), ("entman", "agents"), lists, "list")
    after = check.names(entman_data.get("after"), ("entman", "after"), lists, "list")
    return ItemBook(path, lists, sources, items, frames, entman, agents, CueMatcher.build(lists),
                    after)


def _item(item_id: Any, spec: Any, lists: Mapping[str, Any], check: _Checker) -> Item:
    """One validated item."""
    where = ("items", item_id)
    if not isinstance(item_id, str) or not _ITEM_ID.match(item_id):
        check.fail(where, f"item id {item_id!r} must be two letters and a number (re1, co2)")
    spec = check.mapping(spec, where)
    unknown = set(spec) - _ITEM_KEYS
    if unknown:
        check.fail(where, f"unknown key(s) {sorted(unknown)}")
    if spec.get("frame") not in FRAMES:
        check.fail(where + ("frame",), f"must be one of {FRAMES}")
    question = spec.get("question")
    if not isinstance(question, str) or not question.strip():
        check.fail(where + ("question",), "the item's question is required")
    need = check.names(spec.get("all"), where + ("all",), lists, "list")
    if not need:
        check.fail(where + ("all",), "an item needs at least one cue list")
    quoted = spec.get("quoted", False)
    if not isinstance(quoted, bool):
        check.fail(where + ("quoted",), "must be true or false")
    unquoted = spec.get("unquoted", False)
    if not isinstance(unquoted, bool):
        check.fail(where + ("unquoted",), "must be true or false")
    if quoted and unquoted:
        check.fail(where + ("unquoted",), "an item cannot be both quoted and unquoted")
    counts = {}
    for key, default in (("groups", None), ("min_sentences", 1)):
        v = spec.get(key, default)
        if v is not None and (isinstance(v, bool) or not isinstance(v, int) or v < 1):
            check.fail(where + (key,), "must be a whole number of at least 1")
        counts[key] = v
    return Item(item_id, spec["frame"], question.strip(), need,
                check.names(spec.get("none"), where + ("none",), lists, "list"), quoted,
                check.names(spec.get("target_all"), where + ("target_all",), lists, "list"),
                counts["groups"], counts["min_sentences"], unquoted)


@lru_cache(maxsize=8)
def load_items(path: str | None = None) -> ItemBook:
    """Read and validate a frame-item file (the packaged ``data/frame_items.yaml`` by default)."""
    path = str(path or packaged("frame_items.yaml"))
    return parse_items(read_yaml(path), path, _lines(path))
