"""Apply a per-article function over a stream of articles, in order, on one or more cores.

``map_articles`` is the one place where the commands fan work out.  Its guarantees:

* **order**: results come out in input order, whatever the number of processes;
* **streaming**: the input iterator is read lazily, a few chunks ahead of the results, so
  memory is bounded by ``jobs * AHEAD`` chunks of ``chunk`` articles, not by corpus size;
* **busy workers**: chunks are kept in flight in a sliding window, so no worker waits for
  the slowest article of a batch before new work arrives;
* **one-line errors**: an exception inside the per-article function becomes an
  ``ArticleError`` naming the article (an ``InputError`` stays an ``InputError``); the
  worker's traceback is kept as the error's cause for ``--debug``;
* **same answers**: one process or many, the records are identical;
* **no strays**: ``end_open_pools`` ends every pool still open, so that a process leaving on
  a signal leaves no worker behind (a pool replaces dead workers until it is ended).
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import threading
import traceback
import weakref
from collections import deque
from itertools import islice
from typing import Any, Callable, Iterable, Iterator, TypeVar

from ..errors import InputError
from ..model import Article

T = TypeVar("T")

#: Articles handed to a worker in one message.
CHUNK = 16
#: Chunks kept in flight per worker process (bounds memory and keeps workers busy).
AHEAD = 4


class ArticleError(RuntimeError):
    """The per-article function failed on one article (the message names the article)."""


class _RemoteTraceback(Exception):
    """Carries a worker's formatted traceback so that ``--debug`` can show it."""

    def __str__(self) -> str:
        return "\n" + str(self.args[0]) if self.args else ""


def default_jobs() -> int:
    """Number of worker processes to use by default: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


#: Most worker processes per core that ``--jobs`` may ask for (more only adds overhead).
JOBS_PER_CORE = 2


def resolve_jobs(requested: int, cores: int | None = None) -> tuple[int, str | None]:
    """Worker processes for a ``--jobs`` value (0 = one per core), capped at JOBS_PER_CORE x
    cores, and a note when capped; InputError for a negative value."""
    cores = default_jobs() if cores is None else max(1, cores)
    if requested < 0:
        raise InputError(f"--jobs must be 0 (one per core) or a positive number, not {requested}")
    if requested == 0:
        return cores, None
    cap = JOBS_PER_CORE * cores
    if requested > cap:
        return cap, (f"--jobs {requested} is more than {JOBS_PER_CORE} x {cores} cores; "
                     f"using {cap} worker processes")
    return requested, None


def _one_line(message: str) -> str:
    """An error message on one line (newlines inside it become spaces)."""
    return " ".join(part.strip() for part in message.splitlines() if part.strip())


def _failure(func_error: BaseException, article: Article) -> tuple[str, str, str, str, str]:
    """A picklable description of an error raised for one article."""
    kind = "input" if isinstance(func_error, InputError) else "internal"
    return (kind, article.id, type(func_error).__name__, _one_line(str(func_error)),
            "".join(traceback.format_exception(func_error)))


def _raise(failure: tuple[str, str, str, str, str]) -> None:
    """Raise the error a worker described, as one line naming the article."""
    kind, aid, name, message, tb = failure
    if kind == "input":
        raise InputError(message) from _RemoteTraceback(tb)
    raise ArticleError(f"article {aid!r}: {name}: {message}") from _RemoteTraceback(tb)


# -- worker side -----------------------------------------------------------------------
_WORKER_FUNC: Callable[[Article], Any] | None = None


def _init_worker(func: Callable[[Article], Any]) -> None:
    """Worker initialiser: remember the function (inherited by fork, never pickled)."""
    global _WORKER_FUNC
    _WORKER_FUNC = func
    # Ctrl-C goes to the whole process group; only the parent should handle it.  SIGTERM and
    # SIGHUP end a worker at once and quietly (the parent may have its own handlers for them).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)


def _run_chunk(chunk: list[Article]) -> tuple[list[Any], tuple[str, str, str, str, str] | None]:
    """Apply the worker's function to a chunk; stop at the first failure and describe it."""
    assert _WORKER_FUNC is not None, "worker not initialised"
    out: list[Any] = []
    for art in chunk:
        try:
            out.append(_WORKER_FUNC(art))
        except Exception as e:  # noqa: BLE001 - every error is reported to the parent
            return out, _failure(e, art)
    return out, None


# -- parent side -----------------------------------------------------------------------
def _serial(func: Callable[[Article], T], articles: Iterable[Article]) -> Iterator[T]:
    """func over articles in this process, with errors named as in the parallel case."""
    for art in articles:
        try:
            result = func(art)
        except InputError:
            raise
        except Exception as e:  # noqa: BLE001
            raise ArticleError(f"article {art.id!r}: {type(e).__name__}: {_one_line(str(e))}") from e
        yield result


def _parallel(func: Callable[[Article], T], articles: Iterable[Article], jobs: int,
              chunk: int, ahead: int) -> Iterator[T]:
    """func over articles in `jobs` forked processes, a sliding window of chunks in flight."""
    it = iter(articles)
    window = max(1, jobs * ahead)
    pending: deque = deque()
    read_error: BaseException | None = None
    pool = mp.get_context("fork").Pool(jobs, initializer=_init_worker, initargs=(func,))
    _OPEN_POOLS.add(pool)
    try:
        exhausted = False
        while True:
            # Top up the window; the reader is only ever asked for what fits in it.
            while not exhausted and read_error is None and len(pending) < window:
                batch: list[Article] = []
                try:
                    batch.extend(islice(it, chunk))
                except InputError as e:
                    # Finish (and yield) everything read before the bad item, then raise,
                    # exactly as the one-process run would.
                    read_error = e
                if len(batch) < chunk and read_error is None:
                    exhausted = True
                if batch:
                    pending.append(pool.apply_async(_run_chunk, (batch,)))
            if not pending:
                break
            results, failure = pending.popleft().get()
            yield from results
            if failure is not None:
                _raise(failure)
        if read_error is not None:
            raise read_error
        pool.close()
        pool.join()
    finally:
        _end_pool(pool)


#: Seconds to let Pool.terminate() finish before the workers are killed instead.
END_WAIT = 5.0

#: The pools ``_parallel`` has opened and not yet ended.  A run stopped by a signal may leave
#: its generator suspended (the signal landed while the caller was writing a record), and the
#: pool's handler thread would go on forking replacements for the workers the signal killed,
#: which then outlive the process; ``end_open_pools`` lets the exit path end them first.
_OPEN_POOLS: "weakref.WeakSet[Any]" = weakref.WeakSet()


def end_open_pools(wait: float = END_WAIT) -> None:
    """End every pool opened here and not yet ended (for a process about to exit)."""
    for pool in list(_OPEN_POOLS):
        _end_pool(pool, wait)


def _end_pool(pool: Any, wait: float = END_WAIT) -> None:
    """Terminate a pool, killing its workers if that takes longer than `wait` seconds."""
    _OPEN_POOLS.discard(pool)
    # A signal to the whole process group (a hang-up, a scheduler's SIGTERM) ends the workers
    # too, and one may die holding the task queue's lock: terminate() then waits for it for
    # ever.  It runs on a helper thread; by the time the lock stops it, it has told the pool
    # not to replace workers, so killing them is safe (and the exit handlers skip the pool).
    ender = threading.Thread(target=pool.terminate, name="pool-terminate", daemon=True)
    ender.start()
    ender.join(wait)
    if ender.is_alive():
        kill_and_reap(list(getattr(pool, "_pool", ())), wait)


def kill_and_reap(processes: Iterable[Any], wait: float = END_WAIT) -> None:
    """Kill the processes, then reap them (unreaped, each would stay a zombie in the process
    group once this process has exited)."""
    processes = list(processes)
    for proc in processes:
        proc.kill()
    for proc in processes:
        proc.join(wait)


def map_articles(func: Callable[[Article], T], articles: Iterable[Article], jobs: int = 1,
                 progress: bool | None = None, total: int | None = None,
                 desc: str = "articles", chunk: int = CHUNK, ahead: int = AHEAD) -> Iterator[T]:
    """Yield func(article) for each article in input order, on `jobs` processes.

    The input is consumed lazily (at most ``jobs * ahead * chunk`` articles ahead of the
    results). ``progress=None`` shows a bar only when standard error is a terminal.
    """
    from tqdm import tqdm

    bar = tqdm(total=total, desc=desc, unit="art",
               disable=(None if progress is None else not progress),
               leave=False, dynamic_ncols=True, mininterval=0.5)
    try:
        results = (_serial(func, articles) if jobs <= 1
                   else _parallel(func, articles, jobs, max(1, chunk), max(1, ahead)))
        for result in results:
            yield result
            bar.update(1)
    finally:
        bar.close()
