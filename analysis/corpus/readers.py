"""Read a corpus (a .txt file, a directory of .txt files, a .csv or a .jsonl) into Articles.

Inputs are only ever read.  Every problem is raised as an ``InputError`` whose message names
the file (and line or byte offset); with ``skip_bad`` the bad item is reported and skipped.
"""
from __future__ import annotations

import codecs
import errno
import io
import re
import csv
import json
import sys
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from .cleaning import classify_paragraphs, split_paragraphs
from ..errors import InputError
from ..model import Article

#: Name of the optional metadata manifest read from a directory of .txt files.
MANIFEST = "articles.csv"
#: Metadata fields every reader understands (others are kept as they are).
KNOWN_META = ("outlet", "date", "headline")

Report = Callable[[str], None]


def make_article(article_id: str, text: str, meta: dict[str, Any] | None = None) -> Article:
    """Build an Article: split paragraphs and mark headline, captions and repeats."""
    meta = dict(meta or {})
    headline = meta.get("headline") or None
    paragraphs = classify_paragraphs(split_paragraphs(text), headline=headline)
    return Article(id=str(article_id), text=text, meta=meta, paragraphs=tuple(paragraphs))


def check_encoding(encoding: str) -> codecs.CodecInfo:
    """The codec of a text encoding; InputError for an unknown or non-text one (rot13, zlib)."""
    try:
        info = codecs.lookup(encoding)
    except (LookupError, TypeError, ValueError):
        raise InputError(f"unknown encoding {encoding!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise InputError(f"{encoding!r} is not a text encoding (bytes to text); "
                         f"try --encoding utf-8 or cp1252")
    return info


def _wide(encoding: str) -> bool:
    """True for UTF-16/UTF-32, whose text has NUL bytes and whose line ends are not b'\\n'."""
    return check_encoding(encoding).name.startswith(("utf-16", "utf-32"))


def _decode(data: bytes, encoding: str, where: str, base_offset: int = 0) -> str:
    """Decode bytes, naming the file and byte offset of the first undecodable byte."""
    check_encoding(encoding)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputError(
            f"{where}: not valid {encoding} at byte offset {base_offset + e.start} "
            f"(byte 0x{data[e.start]:02x}); try --encoding, e.g. --encoding cp1252",
            source=where) from None
    return text[1:] if text.startswith("\ufeff") else text


def _read_bytes(path: Path) -> bytes:
    """The bytes of a file; InputError naming it when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror or e}", source=str(path)) from None


def _looks_binary(data: bytes) -> bool:
    """True when the first 8 KB hold a NUL byte, as binary files (not text) do."""
    return b"\x00" in data[:8192]


def _check_text(article_id: str, text: Any, where: str) -> str:
    """Return the text, or raise when it is missing or blank."""
    if text is None or (isinstance(text, float) and text != text):
        raise InputError(f"{where}: article {article_id!r} has no text", source=where)
    if not isinstance(text, str):
        raise InputError(f"{where}: article {article_id!r}: text must be a string, "
                         f"not {type(text).__name__}", source=where)
    if not text.strip():
        raise InputError(f"{where}: article {article_id!r} is empty", source=where)
    return text


def read_txt(path: Path, encoding: str = "utf-8", article_id: str | None = None,
             meta: dict[str, Any] | None = None) -> Article:
    """Read one plain-text article; its id is the file name without extension."""
    data = _read_bytes(path)
    if _looks_binary(data) and not _wide(encoding):
        raise InputError(f"{path}: looks like a binary file (NUL bytes), not a text article",
                         source=str(path))
    text = _decode(data, encoding, str(path))
    aid = article_id or path.stem
    return make_article(aid, _check_text(aid, text, str(path)), {"source": str(path), **(meta or {})})


def _read_manifest(directory: Path, encoding: str,
                   report: Report | None = None) -> dict[str, dict[str, Any]]:
    """Metadata rows keyed by file name from a directory's articles.csv, if it has one."""
    path = directory / MANIFEST
    if not path.is_file():
        return {}
    text = _decode(_read_bytes(path), encoding, str(path))
    try:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        numbered = [(reader.line_num, row) for row in reader]
    except csv.Error as e:
        raise InputError(f"{path}:{reader.line_num}: malformed CSV ({e})",
                         source=str(path)) from None
    header = numbered[0][1] if numbered else []
    if "file" not in header:
        raise InputError(f"{path}: a manifest needs a 'file' column", source=str(path))
    _check_header(header, path)
    out: dict[str, dict[str, Any]] = {}
    first_line: dict[str, int] = {}
    for n, row in numbered[1:]:
        if not row:
            continue
        if len(row) > len(header):
            _problem(f"{path}:{n}: row has more fields than the header", report)
            continue
        rec = {h: (row[i] if i < len(row) else None) for i, h in enumerate(header)}
        name = rec.get("file")
        if name is None:
            continue
        if name in out:
            _problem(f"{path}:{n}: lists {name!r} again (first on line {first_line[name]})",
                     report)
            continue
        first_line[name] = n
        out[name] = {k: v for k, v in rec.items() if k != "file"}
    return out


def _problem(message: str, report: Report | None) -> None:
    """Raise an InputError, or with a report callback report it (the item is then skipped)."""
    if report is None:
        raise InputError(message)
    report(message)


def _check_header(header: Sequence[str], path: Path) -> None:
    """InputError when a CSV header names a column twice."""
    dups = sorted({c for c in header if list(header).count(c) > 1})
    if dups:
        raise InputError(f"{path}: duplicate column name(s) {dups} in the header",
                         source=str(path))


def dir_articles(directory: Path, encoding: str,
                 report: Report | None) -> list[tuple[Path, str | None, dict[str, Any]]]:
    """The .txt files of a directory (sorted) with the id and metadata its manifest gives."""
    try:
        entries = sorted(p for p in directory.iterdir() if p.suffix.lower() == ".txt")
    except OSError as e:
        raise InputError(f"{directory}: cannot read the directory: {e.strerror or e}",
                         source=str(directory)) from None
    files = []
    for p in entries:
        if p.is_file():
            files.append(p)
        elif not p.is_dir():
            _problem(f"{p}: {_not_regular(p)}, not a text file", report)
    if not files:
        raise InputError(f"{directory}: directory has no .txt articles", source=str(directory))
    manifest = _read_manifest(directory, encoding, report)
    for name in sorted(set(manifest) - {p.name for p in files}):
        msg = f"{directory / MANIFEST}: lists {name!r}, which is not in the directory"
        if report is None:
            raise InputError(msg)
        report(msg)
    out = []
    for path in files:
        meta = dict(manifest.get(path.name, {}))
        out.append((path, meta.pop("id", None) or None, meta))
    return out


def _not_regular(path: Path) -> str:
    """What a directory entry that is not a regular file is (for a message)."""
    try:
        path.stat()
    except OSError as e:
        if path.is_symlink():
            return "a symbolic link loop" if e.errno == errno.ELOOP else "a dangling symbolic link"
        return f"unreadable ({e.strerror or e})"
    if path.is_fifo():
        return "a named pipe (FIFO)"
    if path.is_socket():
        return "a socket"
    return "a device or other special file"


def _iter_dir(directory: Path, encoding: str, report: Report | None) -> Iterator[Article]:
    """Articles from every .txt file of a directory (sorted), with manifest metadata."""
    for path, aid, meta in dir_articles(directory, encoding, report):
        yield _guard(lambda: read_txt(path, encoding, aid, meta), report)


def _lines(path: Path, encoding: str, report: Report | None = None, begin: int = 0,
           stop: int | None = None, first: int = 1) -> Iterator[tuple[int, int, str]]:
    """Yield (line number, byte offset, decoded line) of a file, one line at a time.

    Only ``\\n`` ends a line.  ``begin``/``stop`` read just the lines in that byte range (a
    Dask partition), numbering them from ``first``.  An undecodable line raises, or with a
    report callback is reported and skipped (the lines after it are still read).
    """
    if _wide(encoding):
        yield from _wide_lines(path, encoding, begin, stop, first)
        return
    offset = begin
    with _open_bytes(path) as fh:
        fh.seek(begin)
        for n, raw in enumerate(fh, first):
            if stop is not None and offset >= stop:
                break
            start, offset = offset, offset + len(raw)
            try:
                line = _decode(raw, encoding, f"{path}: line {n}", start)
            except InputError as e:
                if report is None:
                    raise
                report(str(e))
                continue
            yield n, start, line


def _open_bytes(path: Path) -> Any:
    """A file opened for reading bytes; InputError naming it when it cannot be opened."""
    try:
        return path.open("rb")
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror or e}", source=str(path)) from None


def _wide_lines(path: Path, encoding: str, begin: int, stop: int | None,
                first: int) -> Iterator[tuple[int, int, str]]:
    """(line number, character offset, line) of a UTF-16/UTF-32 file, decoded as a stream."""
    if begin or stop is not None:
        raise InputError(f"{path}: a {encoding} file cannot be read in byte ranges; "
                         f"convert it to UTF-8 first", source=str(path))
    with _open_bytes(path) as raw, io.TextIOWrapper(raw, encoding=encoding, newline="\n") as fh:
        offset, n = 0, first - 1
        try:
            for n, line in enumerate(fh, first):
                if n == first and line.startswith("\ufeff"):
                    line = line[1:]
                yield n, offset, line
                offset += len(line)
        except UnicodeDecodeError as e:
            raise InputError(f"{path}: line {n + 1}: not valid {encoding} ({e.reason}); try "
                             f"another --encoding", source=str(path)) from None


def _record_to_article(rec: dict[str, Any], where: str) -> Article:
    """Turn one CSV row or JSON object into an Article, keeping extra fields as metadata."""
    aid = rec.get("id")
    if aid is None or str(aid).strip() == "":
        raise InputError(f"{where}: record has no 'id'", source=where)
    text = _check_text(str(aid), rec.get("text"), where)
    _check_surrogates(rec, where)
    meta = {k: v for k, v in rec.items() if k not in ("id", "text")}
    meta["source"] = where.split(":")[0]
    return make_article(str(aid), text, meta)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _one_line(message: str) -> str:
    """A message on one line, cut to 200 characters."""
    return " ".join(message.split())[:200]


def _check_surrogates(value: Any, where: str) -> None:
    """InputError when a string in a record holds a lone surrogate (a JSON "\\ud800" escape)."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            m = _SURROGATE.search(v)
            if m:
                raise InputError(f"{where}: lone surrogate U+{ord(m.group()):04X} in a string "
                                 f"(not valid Unicode text)", source=where.split(":")[0])
        elif isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)


def parse_jsonl_line(line: str, path: Path, n: int) -> Article:
    """One decoded, non-blank JSON-lines record (line `n` of `path`) as an Article."""
    where = f"{path}:{n}"
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(f"{where}: malformed JSON ({e.msg} at column {e.colno})",
                         source=str(path)) from None
    except RecursionError:
        raise InputError(f"{where}: JSON nested too deeply", source=str(path)) from None
    except ValueError as e:  # e.g. an integer of more than 4,300 digits
        raise InputError(f"{where}: unreadable JSON value ({_one_line(str(e))})",
                         source=str(path)) from None
    if not isinstance(rec, dict):
        raise InputError(f"{where}: expected a JSON object with 'id' and 'text'",
                         source=str(path))
    if "text" not in rec:
        raise InputError(f"{where}: no 'text' field", source=str(path))
    return _record_to_article(rec, where)


def _iter_jsonl(path: Path, encoding: str, report: Report | None) -> Iterator[Article]:
    """Articles from a JSON-lines file with 'id' and 'text' fields."""
    seen_any = False
    for n, _, line in _lines(path, encoding, report):
        if not line.strip():
            continue
        seen_any = True
        art = _guard(lambda: parse_jsonl_line(line, path, n), report)
        if art is not None:
            yield art
    if not seen_any:
        raise InputError(f"{path}: no articles (the file is empty)", source=str(path))


class _LineTracker:
    """Feeds decoded lines to a CSV reader and remembers where the current row began."""

    def __init__(self, lines: Iterator[tuple[int, int, str]]) -> None:
        """Wrap a `_lines` iterator."""
        self.lines = lines
        self.last = 0  # number of the last line handed out
        self.row: list[tuple[int, int]] = []  # (line, offset) of the current row's first 2 lines

    def start_row(self) -> None:
        """Mark that the next line handed out begins a new row."""
        self.row = []

    def __iter__(self) -> "_LineTracker":
        """The tracker is its own iterator."""
        return self

    def __next__(self) -> str:
        """The next line, noting its number and offset."""
        n, start, line = next(self.lines)
        self.last = n
        if len(self.row) < 2:
            self.row.append((n, start))
        return line


def _csv_rows(path: Path, encoding: str, report: Report | None
              ) -> Iterator[tuple[int, list[str] | None, int, str]]:
    """(first line, cells, last line, problem) of each CSV row; a row that cannot be parsed
    comes with cells None and a problem, and reading goes on at the line after it began."""
    begin, first = 0, 1
    while True:
        tracker = _LineTracker(_lines(path, encoding, report, begin=begin, first=first))
        reader = csv.reader(tracker, strict=True)
        while True:
            tracker.start_row()
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as e:
                row_line = tracker.row[0][0] if tracker.row else tracker.last
                yield row_line, None, tracker.last, _csv_problem(str(e), row_line, tracker.last)
                if len(tracker.row) < 2 or tracker.row[1][0] == row_line:
                    # the bad row was one line: the csv reader goes on after it
                    if "end of data" in str(e):
                        return
                    continue
                begin, first = tracker.row[1][1], tracker.row[1][0]
                break  # restart on the line after the bad row's first line
            yield (tracker.row[0][0] if tracker.row else tracker.last), cells, tracker.last, ""


def _csv_problem(error: str, row_line: int, last: int) -> str:
    """A one-line description of a CSV row the reader could not parse."""
    if "end of data" in error:
        return (f"unclosed quote: the quoted field in the row starting on line {row_line} "
                f"never ends (it would take in every line to the end, line {last})")
    if "new-line character" in error:
        return ("a bare carriage return (CR) outside quotes; is the file written with "
                "old Mac line ends? convert them to LF or CRLF")
    return f"malformed CSV ({error})"


def _iter_csv(path: Path, encoding: str, report: Report | None) -> Iterator[Article]:
    """Articles from a CSV file with 'id' and 'text' columns (extra columns kept)."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    rows = _csv_rows(path, encoding, report)
    header: list[str] | None = None
    for row_line, cells, _, problem in rows:
        if cells is None:
            raise InputError(f"{path}:{row_line}: {problem}", source=str(path))
        if cells:
            header = cells
            break
    if not header:
        raise InputError(f"{path}: no header row (the file is empty)", source=str(path))
    missing = [c for c in ("id", "text") if c not in header]
    if missing:
        raise InputError(f"{path}: CSV needs columns 'id' and 'text'; missing {missing} "
                         f"(found {header})", source=str(path))
    _check_header(header, path)
    any_rows = False
    for row_line, cells, last, problem in rows:
        if cells is None:
            any_rows = True
            bad = InputError(f"{path}:{row_line}: {problem}", source=str(path))
            if report is None:
                raise bad
            report(str(bad))
            continue
        if not cells:
            continue
        any_rows = True
        where = f"{path}:{last}"
        if len(cells) > len(header):
            bad = InputError(f"{where}: row has more fields than the header", source=str(path))
            if report is None:
                raise bad
            report(str(bad))
            continue
        row = {h: (cells[i] if i < len(cells) else None) for i, h in enumerate(header)}
        art = _guard(lambda: _record_to_article(row, where), report)
        if art is not None:
            yield art
    if not any_rows:
        raise InputError(f"{path}: no articles (header only)", source=str(path))


def _guard(make: Callable[[], Article], report: Report | None) -> Article | None:
    """Run one item's reader; with a report callback, report and skip a bad item."""
    if report is None:
        return make()
    try:
        return make()
    except InputError as e:
        report(str(e))
        return None


def _iter_path(path: Path, encoding: str, report: Report | None) -> Iterator[Article]:
    """Articles from one input path of any supported form."""
    if not path.exists():
        raise InputError(f"{path}: no such file or directory", source=str(path))
    if path.is_dir():
        yield from (a for a in _iter_dir(path, encoding, report) if a is not None)
        return
    suffix = path.suffix.lower()
    if suffix == ".txt":
        art = _guard(lambda: read_txt(path, encoding), report)
        if art is not None:
            yield art
    elif suffix in (".jsonl", ".ndjson"):
        yield from _iter_jsonl(path, encoding, report)
    elif suffix == ".csv":
        yield from _iter_csv(path, encoding, report)
    else:
        raise InputError(f"{path}: unsupported input (expected a .txt, .csv or .jsonl file, "
                         f"or a directory of .txt files)", source=str(path))


def iter_corpus(inputs: Sequence[str | Path] | str | Path, encoding: str = "utf-8",
                skip_bad: bool = False, report: Report | None = None) -> Iterator[Article]:
    """Stream Articles from one or more inputs, rejecting (or skipping) bad items and duplicate ids."""
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    if not inputs:
        raise InputError("no input given")
    if skip_bad and report is None:
        report = lambda msg: print(f"skipped: {msg}", file=sys.stderr)  # noqa: E731
    sink = report if skip_bad else None
    seen: dict[str, str] = {}
    count = 0
    for raw in inputs:
        path = Path(raw)
        try:
            items: Iterable[Article] = _iter_path(path, encoding, sink)
            for art in items:
                where = str(art.meta.get("source", path))
                if art.id in seen:
                    err = InputError(f"duplicate article id {art.id!r} (in {seen[art.id]} and {where})")
                    if sink is None:
                        raise err
                    sink(str(err))
                    continue
                seen[art.id] = sys.intern(where)  # one copy of each source name
                count += 1
                yield art
        except InputError as e:
            if sink is None:
                raise
            sink(str(e))
    if count == 0:
        raise InputError("no articles to analyse" + (" (every item was skipped)" if skip_bad else ""))


def read_corpus(inputs: Sequence[str | Path] | str | Path, encoding: str = "utf-8",
                skip_bad: bool = False, report: Report | None = None) -> list[Article]:
    """Read every Article from one or more inputs into a list (see iter_corpus)."""
    return list(iter_corpus(inputs, encoding=encoding, skip_bad=skip_bad, report=report))


def paragraphs_frame(articles: Iterable[Article]):
    """One row per paragraph: article, index, offsets, role, reason and text (a DataFrame)."""
    import pandas as pd

    cols = ["article_id", "paragraph", "start", "end", "role", "reason", "duplicate_of", "text"]
    rows = [
        {"article_id": a.id, "paragraph": p.index, "start": p.start, "end": p.end, "role": p.role,
         "reason": p.reason, "duplicate_of": p.duplicate_of, "text": p.text}
        for a in articles for p in a.paragraphs
    ]
    frame = pd.DataFrame(rows, columns=cols)
    frame["duplicate_of"] = frame["duplicate_of"].astype("Int64")
    return frame


def analysed_text(article: Article, headline: bool = True) -> str:
    """The text that counts towards the metrics: headline (optional) and body paragraphs."""
    roles = ("headline", "body") if headline else ("body",)
    return "\n".join(p.text for p in article.paragraphs if p.role in roles)


def word_count(text: str) -> int:
    """Number of words: runs of letters or digits, with inner apostrophes and hyphens."""
    return len(_WORDS.findall(text))


_WORDS = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def provenance_frame(articles: Iterable[Article]):
    """One row per article: id, outlet, headline, date, and the evidence for each (a DataFrame)."""
    import pandas as pd

    cols = ["article_id", "outlet", "outlet_inferred", "outlet_evidence", "headline",
            "headline_source", "date", "date_earliest", "date_latest", "date_inferred",
            "date_evidence", "event", "background_event"]
    rows = []
    for a in articles:
        row = {c: a.meta.get(c, "") for c in cols[1:]}
        row["headline"] = a.headline
        rows.append({"article_id": a.id, **row})
    return pd.DataFrame(rows, columns=cols)


def size_frame(articles: Iterable[Article]):
    """One row per article: paragraphs kept and set aside, characters, words, readability."""
    import pandas as pd

    from ..measures.readability import readability

    rows = []
    for a in articles:
        body = analysed_text(a, headline=False)
        rows.append({"article_id": a.id, "outlet": a.outlet, "paragraphs": len(a.paragraphs),
                     "body_paragraphs": len(a.body()), "set_aside": len(a.set_aside()),
                     "characters": len(a.text), "words": word_count(analysed_text(a)),
                     **readability(body)})
    return pd.DataFrame(rows, columns=["article_id", "outlet", "paragraphs", "body_paragraphs",
                                       "set_aside", "characters", "words",
                                       "flesch_reading_ease", "flesch_kincaid_grade"])


#: Columns of ``python -m analysis corpus`` (one row per paragraph).
PARAGRAPH_FIELDS = ["article_id", "paragraph", "start", "end", "role", "reason", "duplicate_of",
                    "text"]


def paragraph_records(article: Article) -> list[dict[str, Any]]:
    """One record per paragraph of an article, with its role and the reason for it."""
    return [{"article_id": article.id, "paragraph": p.index, "start": p.start, "end": p.end,
             "role": p.role, "reason": p.reason, "duplicate_of": p.duplicate_of, "text": p.text}
            for p in article.paragraphs]
