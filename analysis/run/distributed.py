"""Run the per-article pipeline on Dask: the same functions, the same records, more machines.

The corpus is cut into partitions *without being read on the client*: a JSON-lines file
is split at line boundaries into byte ranges of ``partition_size`` records, a directory
into groups of ``partition_size`` .txt files (a .csv or single .txt file is one
partition).  Each partition is read, parsed and analysed on a Dask worker by the same
reader (``analysis.corpus.readers``) and the same per-article function used by the command line
(``analysis.corpus.readers.paragraph_records``, ``analysis.quotes.engine.quote_records``,
``analysis.measures.metrics.article_row``...).  The client only checks ids for duplicates across
partitions and hands back the records in corpus order, so the table is exactly the one a
single-process run produces.  Workers need the inputs at the same path (a shared disk).

    from dask.distributed import Client, LocalCluster
    from analysis.run.distributed import dask_frame
    from analysis.measures.metrics import article_row

    with LocalCluster(n_workers=4, threads_per_worker=1) as cluster, Client(cluster) as client:
        table = dask_frame("corpus.jsonl", article_row, client=client, partition_size=2000)

Dask is an optional extra (``pip install -e ".[dask]"``), imported only when used.
"""
from __future__ import annotations

import sys
from collections import deque
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from ..corpus.readers import (Report, _guard, _iter_csv, _lines, dir_articles, parse_jsonl_line,
                     read_txt)
from ..errors import InputError
from ..model import Article

#: Articles per partition by default: big enough to amortise scheduling, small enough to
#: spread a corpus over many workers and keep each task's memory small.
PARTITION_SIZE = 1000

PerArticle = Callable[[Article], "dict[str, Any] | list[dict[str, Any]]"]


def _require_dask():
    """Import dask.bag, or say how to install it."""
    try:
        import dask
        import dask.bag as db
    except ImportError as e:  # pragma: no cover - exercised only without the extra
        raise ImportError(
            "analysis.run.distributed needs Dask, an optional extra: pip install -e \".[dask]\" "
            f"(or pip install 'dask[distributed]'); import failed: {e}") from None
    return dask, db


# -- planning (on the client: only file names, sizes and line offsets) --------------------
def _plan_jsonl(path: Path, size: int) -> list[tuple]:
    """Byte ranges of `size` non-blank lines each: ("jsonl", path, start, end, first line)."""
    specs: list[tuple] = []
    start, offset, first, count = 0, 0, 1, 0
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, 1):
            if count == 0:
                start, first = offset, n
            offset += len(raw)
            if raw.strip():
                count += 1
            if count == size:
                specs.append(("jsonl", str(path), start, offset, first))
                count = 0
    if count:
        specs.append(("jsonl", str(path), start, offset, first))
    if not specs:
        raise InputError(f"{path}: no articles (the file is empty)", source=str(path))
    return specs


def _plan_dir(path: Path, size: int, encoding: str, report: Report | None) -> list[tuple]:
    """Groups of `size` .txt files with their manifest metadata: ("txt", [(file, id, meta)])."""
    items = [(str(f), aid, meta) for f, aid, meta in dir_articles(path, encoding, report)]
    return [("txt", items[i:i + size]) for i in range(0, len(items), size)]


def plan_partitions(inputs: Sequence[str | Path] | str | Path, partition_size: int = PARTITION_SIZE,
                    encoding: str = "utf-8", skip_bad: bool = False,
                    report: Report | None = None) -> list[tuple]:
    """Cut the inputs into partition descriptions (small tuples), in corpus order."""
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    if not inputs:
        raise InputError("no input given")
    size = max(1, int(partition_size))
    sink = report if skip_bad else None
    specs: list[tuple] = []
    for raw in inputs:
        path = Path(raw)
        try:
            if not path.exists():
                raise InputError(f"{path}: no such file or directory", source=str(path))
            suffix = path.suffix.lower()
            if path.is_dir():
                specs.extend(_plan_dir(path, size, encoding, sink))
            elif suffix in (".jsonl", ".ndjson"):
                specs.extend(_plan_jsonl(path, size))
            elif suffix == ".txt":
                specs.append(("txt", [(str(path), None, None)]))
            elif suffix == ".csv":
                specs.append(("csv", str(path)))
            else:
                raise InputError(f"{path}: unsupported input (expected a .txt, .csv or .jsonl "
                                 f"file, or a directory of .txt files)", source=str(path))
        except InputError as e:
            if sink is None:
                raise
            sink(str(e))
    return specs


# -- reading and analysing one partition (on a worker) ----------------------------------
def _read_partition(spec: tuple, encoding: str, report: Report | None) -> Iterator[Article]:
    """The articles of one partition, read exactly as analysis.corpus.readers reads them."""
    kind = spec[0]
    if kind == "txt":
        for name, aid, meta in spec[1]:
            art = _guard(lambda: read_txt(Path(name), encoding, aid, meta), report)
            if art is not None:
                yield art
    elif kind == "csv":
        yield from _iter_csv(Path(spec[1]), encoding, report)
    elif kind == "jsonl":
        _, name, start, end, first = spec
        path = Path(name)
        for n, _, line in _lines(path, encoding, report, start, end, first):
            if line.strip():
                art = _guard(lambda: parse_jsonl_line(line, path, n), report)
                if art is not None:
                    yield art
    else:  # pragma: no cover - plan_partitions makes only these three kinds
        raise ValueError(f"unknown partition kind {kind!r}")


def _as_records(result: Any) -> list[dict[str, Any]]:
    """A per-article result as a list of records (a dict is one record)."""
    if isinstance(result, dict):
        return [result]
    return list(result)


def run_partition(spec: tuple, per_article: PerArticle, encoding: str = "utf-8",
                  skip_bad: bool = False) -> list[tuple]:
    """Read and analyse one partition: ("article", id, source, records) and ("skipped", why)
    items in corpus order.  Errors are raised as plain, picklable one-line exceptions."""
    from .parallel import ArticleError, _one_line

    out: list[tuple] = []
    report = (lambda msg: out.append(("skipped", msg))) if skip_bad else None
    failed: tuple[Article, Exception] | None = None
    try:
        for art in _read_partition(spec, encoding, report):
            try:
                records = _as_records(per_article(art))
            except Exception as e:  # noqa: BLE001 - raised below, outside the reader's guard
                failed = (art, e)
                break
            out.append(("article", art.id, str(art.meta.get("source", "")), records))
    except InputError as e:  # a bad input file as a whole (e.g. a CSV without 'text')
        if not skip_bad:
            raise InputError(_one_line(str(e))) from None  # subclasses may not unpickle
        out.append(("skipped", str(e)))
    if failed is not None:
        art, e = failed
        if isinstance(e, InputError):
            raise InputError(_one_line(str(e))) from None
        raise ArticleError(f"article {art.id!r}: {type(e).__name__}: {_one_line(str(e))}") from None
    return out


def _run_partitions(specs: list[tuple], per_article: PerArticle, encoding: str,
                    skip_bad: bool) -> list[list[tuple]]:
    """dask.bag map_partitions body: one bag partition holds one partition spec."""
    return [run_partition(spec, per_article, encoding, skip_bad) for spec in specs]


def dask_records(inputs: Sequence[str | Path] | str | Path, per_article: PerArticle, client=None,
                 partition_size: int = PARTITION_SIZE, encoding: str = "utf-8",
                 skip_bad: bool = False, report: Report | None = None,
                 scheduler: str | None = None, ahead: int | None = None) -> Iterator[dict[str, Any]]:
    """Yield the records of ``per_article`` over a corpus, computed on Dask, in corpus order.

    ``per_article`` takes an Article and returns a record (dict) or a list of records; it
    must be importable on the workers (a module-level function).  With ``client`` (a
    ``dask.distributed.Client``) partitions run on its cluster, at most ``ahead`` (default:
    twice the cluster's threads) in flight, so results reach the client in order without
    piling up; without it, ``dask.compute`` runs them with ``scheduler`` (Dask's default
    for delayed objects, threads, unless a default client is active; "processes" also works).
    ``skip_bad``/``report`` behave as in ``analysis.corpus.readers.iter_corpus``: bad items and
    duplicate ids are reported (default: "skipped: ..." on standard error) and left out.
    """
    dask, db = _require_dask()
    if skip_bad and report is None:
        report = lambda msg: print(f"skipped: {msg}", file=sys.stderr)  # noqa: E731
    specs = plan_partitions(inputs, partition_size, encoding, skip_bad, report)
    if specs:
        bag = db.from_sequence(specs, partition_size=1).map_partitions(
            _run_partitions, per_article, encoding, skip_bad)
        parts = bag.to_delayed()
    else:
        parts = []

    def results() -> Iterator[list[list[tuple]]]:
        if client is None:
            yield from dask.compute(*parts, scheduler=scheduler)
            return
        window = ahead or max(2, 2 * sum(client.nthreads().values()))
        pending: deque = deque()
        todo = iter(parts)
        for d in todo:
            pending.append(client.compute(d))
            if len(pending) >= window:
                break
        while pending:
            fut = pending.popleft()
            part = fut.result()
            fut.release()
            nxt = next(todo, None)
            if nxt is not None:
                pending.append(client.compute(nxt))
            yield part

    seen: dict[str, str] = {}
    count = 0
    for part in results():
        for items in part:
            for item in items:
                if item[0] == "skipped":
                    report(item[1])  # type: ignore[misc]  # only produced with skip_bad
                    continue
                _, aid, where, records = item
                if aid in seen:
                    err = InputError(f"duplicate article id {aid!r} (in {seen[aid]} and {where})")
                    if not skip_bad:
                        raise err
                    report(str(err))  # type: ignore[misc]
                    continue
                seen[aid] = where
                count += 1
                yield from records
    if count == 0:
        raise InputError("no articles to analyse" + (" (every item was skipped)" if skip_bad else ""))


def dask_frame(inputs: Sequence[str | Path] | str | Path, per_article: PerArticle,
               columns: Sequence[str] | None = None, **kwargs: Any):
    """The records of :func:`dask_records` as a pandas DataFrame (columns in record order)."""
    import pandas as pd

    rows = list(dask_records(inputs, per_article, **kwargs))
    return pd.DataFrame(rows, columns=list(columns) if columns else (list(rows[0]) if rows else None))
