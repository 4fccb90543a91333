"""Apply a per-article function over a stream of articles, in order, on one or more cores."""
from __future__ import annotations

import multiprocessing as mp
import os
from itertools import islice
from typing import Callable, Iterable, Iterator, TypeVar

from .model import Article

T = TypeVar("T")

#: Articles handed to each worker at a time.
CHUNK = 16


def default_jobs() -> int:
    """Number of worker processes to use by default: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def map_articles(func: Callable[[Article], T], articles: Iterable[Article], jobs: int = 1,
                 progress: bool | None = None, total: int | None = None,
                 desc: str = "articles") -> Iterator[T]:
    """Yield func(article) for each article in input order; memory stays bounded by batches."""
    from tqdm import tqdm

    bar = tqdm(total=total, desc=desc, unit="art", disable=(None if progress is None else not progress),
               leave=False, dynamic_ncols=True)
    try:
        if jobs <= 1:
            for art in articles:
                yield func(art)
                bar.update(1)
            return
        it = iter(articles)
        batch_size = jobs * CHUNK * 4
        with mp.get_context("fork").Pool(jobs) as pool:
            while True:
                batch = list(islice(it, batch_size))
                if not batch:
                    break
                for result in pool.imap(func, batch, chunksize=CHUNK):
                    yield result
                    bar.update(1)
    finally:
        bar.close()
