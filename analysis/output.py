"""Write tables as CSV or JSON lines, streaming, atomically when writing to a file."""
from __future__ import annotations

import csv
import io
import json
import math
import os
import re
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


#: First characters that make a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def neutralise_formula(text: str) -> str:
    """A text cell that no spreadsheet runs as a formula: one starting with = + - @ (or a tab
    or CR) gets a leading apostrophe, unless it is a plain number such as '-3.5'."""
    if text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_value(value: Any) -> Any:
    """A CSV cell: missing values empty, infinities 'inf'/'-inf', lists joined with '|', and
    text that a spreadsheet would take for a formula neutralised (see neutralise_formula)."""
    value = json_value(value)
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = "|".join(str(v) for v in value)
    if isinstance(value, str):
        return neutralise_formula(value)
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
        # A second writer for rows with a bare CR: it quotes any cell holding CR or LF (the
        # first one, ending lines with LF, would leave a CR unquoted and so split the row).
        buffer = io.StringIO()
        cr_writer = csv.DictWriter(buffer, fieldnames=list(fields), extrasaction="ignore",
                                   lineterminator="\r\n")
        for rec in records:
            row = {k: csv_value(rec.get(k)) for k in fields}
            if any(isinstance(v, str) and "\r" in v for v in row.values()):
                buffer.seek(0)
                buffer.truncate()
                cr_writer.writerow(row)
                stream.write(buffer.getvalue()[:-2] + "\n")
            else:
                writer.writerow(row)
            n += 1
    else:
        for rec in records:
            row = {k: json_value(rec.get(k)) for k in fields}
            stream.write(json.dumps(row, ensure_ascii=False, allow_nan=False) + "\n")
            n += 1
    return n
