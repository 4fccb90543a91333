"""Write tables as CSV or JSON lines, streaming, atomically when writing to a file."""
from __future__ import annotations

import csv
import json
import math
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Sequence

FORMATS = ("jsonl", "csv")


def json_value(value: Any) -> Any:
    """A JSON-safe value: NaN and missing become null, infinities the strings 'inf'/'-inf'."""
    if value is None:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return value
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            return json_value(value.item())
        except (ValueError, AttributeError):
            pass
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return None
    except ImportError:  # pragma: no cover
        pass
    return value


def csv_value(value: Any) -> Any:
    """A CSV cell: missing values empty, infinities 'inf'/'-inf', lists joined with '|'."""
    value = json_value(value)
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "|".join(str(v) for v in value)
    return value


@contextmanager
def open_output(path: str | Path | None) -> Iterator[IO[str]]:
    """Yield a text stream: stdout, or a temporary file renamed onto `path` only on success."""
    if path is None or str(path) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_records(records: Iterable[dict[str, Any]], fields: Sequence[str], fmt: str,
                  stream: IO[str]) -> int:
    """Write records with the given fields, in order, as CSV or JSON lines; return the count."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {FORMATS}")
    n = 0
    if fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=list(fields), extrasaction="ignore",
                                lineterminator="\n")
        writer.writeheader()
        for rec in records:
            writer.writerow({k: csv_value(rec.get(k)) for k in fields})
            n += 1
    else:
        for rec in records:
            row = {k: json_value(rec.get(k)) for k in fields}
            stream.write(json.dumps(row, ensure_ascii=False, allow_nan=False) + "\n")
            n += 1
    return n
