"""Reading the project's data files (CSV and YAML) with errors that name the file."""
from __future__ import annotations

import csv
import os
from functools import lru_cache, wraps
from pathlib import Path
from typing import Any, Callable, Iterable, TypeVar

import yaml

from ..errors import DataFileError


T = TypeVar("T")


def _stamp(value: Any) -> tuple[int, int] | None:
    """(modification time, size) of the file a path argument names; None for anything else."""
    if isinstance(value, (str, Path)):
        try:
            st = os.stat(value)
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size
    return None


def file_cache(maxsize: int = 8) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Cache a loader by its arguments and by the files they name as they are now, so that an
    edited data file is read again (an lru_cache keyed on the path alone would not)."""
    def decorate(fn: Callable[..., T]) -> Callable[..., T]:
        @lru_cache(maxsize=maxsize)
        def cached(stamps: tuple, args: tuple, kwargs: tuple) -> T:
            return fn(*args, **dict(kwargs))

        @wraps(fn)
        def load(*args: Any, **kwargs: Any) -> T:
            stamps = tuple(_stamp(a) for a in (*args, *kwargs.values()))
            return cached(stamps, args, tuple(sorted(kwargs.items())))

        load.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        return load
    return decorate


def packaged(name: str) -> str:
    """Path of a data file shipped in the package (``analysis/data/<name>``)."""
    return str(Path(__file__).resolve().parents[1] / "data" / name)


def read_csv_rows(path: str) -> list[list[str]]:
    """All rows of a UTF-8 CSV data file (a byte-order mark is allowed); DataFileError naming
    the file if it cannot be read."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            return list(csv.reader(fh, strict=True))
    except OSError as e:
        raise DataFileError(path, f"cannot read: {e.strerror or e}") from None
    except UnicodeDecodeError as e:
        raise DataFileError(path, f"not a UTF-8 CSV file ({e.reason} at byte {e.start})") from None
    except csv.Error as e:
        raise DataFileError(path, f"malformed CSV ({e})") from None


class StrictLoader(yaml.SafeLoader):
    """A safe YAML loader that rejects a key given twice in one mapping."""


_MERGE_TAG = "tag:yaml.org,2002:merge"


def _unique_mapping(loader: StrictLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    """Construct a mapping, raising a ConstructorError at the second copy of a key."""
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        if key_node.tag == _MERGE_TAG:
            continue
        key = loader.construct_object(key_node, deep=True)
        try:
            first = seen.get(key)
        except TypeError:  # an unhashable key: let the constructor say so
            break
        if first is not None:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first given on line {first})",
                key_node.start_mark)
        seen[key] = key_node.start_mark.line + 1
    return loader.construct_mapping(node, deep=deep)


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


def read_yaml(path: str, keys: Iterable[str] | None = None) -> Any:
    """The parsed content of a UTF-8 YAML data file; DataFileError naming the file (and the
    line) if it cannot be read or parsed, repeats a key, or (given `keys`) has a top-level key
    not among `keys`."""
    try:
        with open(path, encoding="utf-8") as fh:
            loader = StrictLoader(fh)
            try:
                node = loader.get_single_node()
                if keys is not None and isinstance(node, yaml.MappingNode):
                    _check_top_keys(node, sorted(keys), path)
                return None if node is None else loader.construct_document(node)
            finally:
                loader.dispose()
    except OSError as e:
        raise DataFileError(path, f"cannot read: {e.strerror or e}") from None
    except UnicodeDecodeError as e:
        raise DataFileError(path, f"not a UTF-8 file ({e.reason} at byte {e.start})") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise DataFileError(path, f"not valid YAML: {getattr(e, 'problem', None) or e}",
                            line=mark.line + 1 if mark else None) from None


def _check_top_keys(node: yaml.MappingNode, keys: list[str], path: str) -> None:
    """DataFileError at the first top-level key that is not one of `keys`."""
    for key_node, _ in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value not in keys:
            raise DataFileError(path, f"unknown top-level key; expected one of {', '.join(keys)}",
                                line=key_node.start_mark.line + 1, field=key_node.value)
