"""Write tables as CSV or JSON lines, streaming, atomically when writing to a file."""
from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import shutil
import stat
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Sequence

from ..errors import InputError

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
    """A CSV cell: missing values empty, infinities 'inf'/'-inf', lists joined with '|',
    mappings and lists of mappings as JSON, and text that a spreadsheet would take for a formula neutralised (see
    neutralise_formula)."""
    value = json_value(value)
    if value is None:
        return ""
    if isinstance(value, dict) or (isinstance(value, (list, tuple))
                                   and any(isinstance(v, dict) for v in value)):
        value = json.dumps(value, ensure_ascii=False, sort_keys=True)  # structured evidence
    elif isinstance(value, (list, tuple)):
        value = "|".join(str(v) for v in value)
    if isinstance(value, str):
        return neutralise_formula(value)
    return value


def _same_file(a: Path, b: Path) -> bool:
    """True when two paths name one file (same inode, or the same resolved path)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def _read_by_corpus(real: Path, inputs: Sequence[str | Path]) -> bool:
    """True when a corpus read of `inputs` reads `real` (an input file, a manifest or article)."""
    from ..corpus.readers import MANIFEST

    for raw in inputs:
        src = Path(raw)
        if src.is_dir():
            if _same_file(real.parent, src) and (real.name == MANIFEST
                                                 or real.suffix.lower() == ".txt"):
                return True
        elif _same_file(real, src):
            return True
    return False


def check_output(path: str | Path, inputs: Sequence[str | Path] = ()) -> Path:
    """The resolved output path, or an InputError when writing there would lose data."""
    target = Path(path)
    real = Path(os.path.realpath(target))
    if _read_by_corpus(real, inputs):
        raise InputError(f"{path}: the output is also an input (choose another -o file)",
                         source=str(path))
    if real.is_dir():
        raise InputError(f"{path}: is a directory (give a file name)", source=str(path))
    if real.is_file():
        st = real.stat()
        if not st.st_mode & 0o222 or not os.access(real, os.W_OK):
            raise InputError(f"{path}: the file is write-protected; not replaced",
                             source=str(path))
    return real


def _umask() -> int:
    """The process umask (read without changing it for longer than one call)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def open_output(path: str | Path | None,
                inputs: Sequence[str | Path] = ()) -> Iterator[IO[str]]:
    """Yield a text stream for stdout or `path`, refusing any write that would lose data.

    A regular file (or a symlink to one) is written to a temporary file beside its real
    target and renamed onto it only on success, keeping its mode and owner (a new file
    gets the umask's mode).  A file with other hard links is rewritten in place after the
    temporary file is complete, so the links survive.  A device, FIFO or other non-regular
    target is written through directly (no atomicity is possible there).
    """
    if path is None or str(path) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    real = check_output(path, inputs)
    try:
        st: os.stat_result | None = os.stat(path)
    except OSError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        try:
            fh = open(path, "w", encoding="utf-8", newline="")
        except OSError as e:
            raise _write_error(path, e) from None
        with _guarded(fh, path) as guarded:
            yield guarded
        return
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".part", dir=real.parent)
    except OSError as e:
        raise _write_error(path, e) from None
    try:
        with _guarded(os.fdopen(fd, "w", encoding="utf-8", newline=""), path) as guarded:
            yield guarded
        _finish(Path(tmp), real, st)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


@contextmanager
def _guarded(fh: IO[str], path: str | Path) -> Iterator["_Guarded"]:
    """A stream whose write errors name `path`, flushed at the end and always closed."""
    try:
        guarded = _Guarded(fh, path)
        yield guarded
        guarded.flush()
    finally:
        _close_quietly(fh)


def _close_quietly(fh: IO[str]) -> None:
    """Close a stream whose errors were already reported (a failed flush would repeat them)."""
    try:
        fh.close()
    except OSError:
        pass


def _write_error(path: str | Path, e: OSError) -> InputError:
    """A one-line error naming the output the user gave (not a temporary file)."""
    return InputError(f"{path}: cannot write: {e.strerror or e}", source=str(path))


class _Guarded:
    """A text stream whose write errors (disk full, device error) name the output path."""

    def __init__(self, fh: IO[str], path: str | Path) -> None:
        self._fh, self._path = fh, path

    def write(self, text: str) -> int:
        """Write text, turning an OS error into a one-line InputError."""
        try:
            return self._fh.write(text)
        except BrokenPipeError:
            raise
        except OSError as e:
            raise _write_error(self._path, e) from None

    def flush(self) -> None:
        """Flush, turning an OS error into a one-line InputError."""
        try:
            self._fh.flush()
        except BrokenPipeError:
            raise
        except OSError as e:
            raise _write_error(self._path, e) from None


def _finish(tmp: Path, real: Path, st: os.stat_result | None) -> None:
    """Move a complete temporary file onto its target, keeping mode, owner and hard links."""
    if st is None:
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, real)
        return
    if st.st_nlink > 1:  # rewrite in place: a rename would cut the other links
        shutil.copyfile(tmp, real)
        os.unlink(tmp)
        return
    os.chmod(tmp, stat.S_IMODE(st.st_mode))
    try:
        os.chown(tmp, st.st_uid, st.st_gid)
    except PermissionError:  # not ours to give away: the new file keeps our ownership
        pass
    os.replace(tmp, real)


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
