"""The results store: every table of a corpus analysed once, as CSV and Parquet, with a manifest.

``python -m analysis run INPUT --study S --out DIR`` writes, for each table of :data:`TABLES`,
``DIR/<table>.csv`` and ``DIR/<table>.parquet`` (the same rows), plus ``DIR/manifest.json``
(package version, study and its SHA-256, the inputs and their SHA-256, row counts).  Each
article is analysed once (:func:`analysis.measures.metrics.analyse_article`) and every table is cut
from that one analysis, so the notebooks read this folder instead of re-running the engine.
The folder is built beside its target and renamed onto it only when complete.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Sequence

from .. import __version__
from ..errors import InputError
from ..model import Article

MANIFEST = "manifest.json"
#: Article metadata kept beside the metrics row (when the corpus gives it).
META_FIELDS = ["date", "headline", "event_id"]


def table_fields(knowledge: Any) -> dict[str, list[str]]:
    """The columns of every table under this knowledge, in order."""
    from ..measures.agency import PASSIVE_FIELDS
    from ..corpus.readers import PARAGRAPH_FIELDS
    from ..measures.frames import EVIDENCE_FIELDS, frame_fields
    from ..measures.frametables import ENTMAN_TABLE_FIELDS
    from ..measures.lexicon import HIT_FIELDS
    from ..measures.metrics import STATEMENT_FIELDS, knowledge_fields
    from ..measures.tone import SENTENCE_FIELDS

    article = knowledge_fields(knowledge)
    article = article[:2] + META_FIELDS + article[2:]
    return {"articles": article, "statements": list(STATEMENT_FIELDS),
            "hits": list(HIT_FIELDS), "passives": list(PASSIVE_FIELDS),
            "sentences": list(SENTENCE_FIELDS), "paragraphs": list(PARAGRAPH_FIELDS),
            "frames": frame_fields(), "frame_evidence": list(EVIDENCE_FIELDS),
            "entman": list(ENTMAN_TABLE_FIELDS)}


#: Columns always read as text (ids like "000" must not become numbers).
TEXT_COLUMNS = frozenset(["article_id", "outlet", "date", "headline", "event_id", "speaker",
                          "actor", "group", "cue", "text", "term", "matched", "verb", "agent",
                          "sentence", "reason", "role", "kind", "category", "stance",
                          "stance_rule", "stance_evidence", "cue_class", "voice", "item",
                          "frame", "answer", "cues", "function", "agent_type", "said_by"])

#: The tables of a results folder, in data-flow order (the frames tables last: they are
#: cut from the same statements but are not part of the metrics row).
TABLES = ("paragraphs", "statements", "hits", "passives", "sentences", "articles", "frames",
          "frame_evidence", "entman")


def article_tables(article: Article, knowledge: Any) -> dict[str, list[dict[str, Any]]]:
    """The rows each table gets from one article, all from its one analysis."""
    from ..corpus.readers import paragraph_records
    from ..measures.frametables import article_frame_tables
    from ..measures.metrics import STATEMENT_FIELDS, analyse_article
    from ..model import Statement

    result = analyse_article(article, knowledge=knowledge)
    row = dict(result.row)
    for key in META_FIELDS:
        row[key] = article.meta.get(key)
    pieces = [Statement(**{f: s.get(f) for f in Statement.__dataclass_fields__})
              for s in result.statements]  # the engine's statements, as `frames` reads them
    target = knowledge.study.target if knowledge.study is not None else None
    return {"paragraphs": paragraph_records(article),
            "statements": [{k: s.get(k) for k in STATEMENT_FIELDS} for s in result.statements],
            "hits": result.hits, "passives": result.passives, "sentences": result.sentences,
            "articles": [row],
            **article_frame_tables(article, pieces, target, spans=result.sentence_spans)}


def _sha256(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _shown(path: Path) -> str:
    """A path relative to the working directory when it lies below it (else absolute)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path.resolve())


def input_digest(inputs: Sequence[str | Path]) -> list[dict[str, str]]:
    """Each input file (a folder's files one by one) with its SHA-256."""
    out = []
    for raw in inputs:
        p = Path(raw)
        files = sorted(f for f in p.iterdir() if f.is_file()) if p.is_dir() else [p]
        out += [{"path": _shown(f), "sha256": _sha256(f)} for f in files]
    return out


def _check_out(out: Path, inputs: Sequence[str | Path]) -> None:
    """Refuse an output folder that holds an input, or that is a folder of something else."""
    real = out.resolve()
    for raw in inputs:
        src = Path(raw).resolve()
        if src == real or real in src.parents or src in real.parents:
            raise InputError(f"{out}: the output folder overlaps an input ({raw})")
    if real.is_file():
        raise InputError(f"{out}: is a file; --out names a folder")
    if real.is_dir() and any(real.iterdir()) and not (real / MANIFEST).is_file():
        raise InputError(f"{out}: exists and is not a results folder (no {MANIFEST}); "
                         f"choose a new folder")


def write_results(inputs: Sequence[str | Path], knowledge: Any, out: str | Path, *,
                  jobs: int = 1, progress: bool | None = None, encoding: str = "utf-8",
                  skip_bad: bool = False, parquet: bool = True, dask: bool = False,
                  client: Any = None, scheduler: str | None = None) -> dict[str, Any]:
    """Analyse a corpus once and write every table to ``out``; return the manifest.

    With ``dask`` the articles are analysed on Dask (``client`` a distributed Client, or
    ``scheduler`` for ``dask.compute``), in corpus order, giving the same folder.
    """
    from ..corpus.readers import iter_corpus
    from .output import write_records
    from .parallel import map_articles

    out = Path(out)
    _check_out(out, inputs)
    fields = table_fields(knowledge)
    out.resolve().parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".part", dir=out.resolve().parent))
    try:
        handles: dict[str, IO[str]] = {t: open(tmp / f"{t}.csv", "w", encoding="utf-8",
                                               newline="") for t in TABLES}
        counts = dict.fromkeys(TABLES, 0)
        try:
            for t in TABLES:
                write_records([], fields[t], "csv", handles[t])  # the header
            work: Callable[[Article], dict[str, list[dict[str, Any]]]] = _Bound(knowledge)
            if dask:
                from .distributed import dask_records

                stream: Iterable[dict[str, Any]] = dask_records(
                    inputs, work, client=client, encoding=encoding, skip_bad=skip_bad,
                    scheduler=scheduler)
            else:
                articles = iter_corpus(inputs, encoding=encoding, skip_bad=skip_bad)
                stream = map_articles(work, articles, jobs=jobs, progress=progress, desc="run")
            for tables in stream:
                for t in TABLES:
                    counts[t] += _append(tables[t], fields[t], handles[t])
        finally:
            for fh in handles.values():
                fh.close()
        if parquet:
            for t in TABLES:
                _to_parquet(tmp / f"{t}.csv", tmp / f"{t}.parquet")
        manifest = _manifest(inputs, knowledge, counts, parquet)
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
                                    encoding="utf-8")
        os.chmod(tmp, 0o777 & ~_umask())
        if out.exists():
            shutil.rmtree(out)
        os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return manifest


class _Bound:
    """``article_tables`` with its knowledge bound (picklable for worker processes)."""

    def __init__(self, knowledge: Any) -> None:
        self.knowledge = knowledge

    def __call__(self, article: Article) -> dict[str, list[dict[str, Any]]]:
        """The tables of one article."""
        return article_tables(article, self.knowledge)


def _umask() -> int:
    """The process umask."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _append(rows: Iterable[dict[str, Any]], fields: Sequence[str], fh: IO[str]) -> int:
    """Append rows to an open CSV (no header); return how many."""
    import csv

    from .output import csv_value

    writer = csv.writer(fh, lineterminator="\n")
    n = 0
    for r in rows:
        writer.writerow([csv_value(r.get(k)) for k in fields])
        n += 1
    return n


def _to_parquet(csv_path: Path, parquet_path: Path) -> None:
    """The same table as Parquet, types inferred over the whole column (pandas + pyarrow)."""
    import pandas as pd

    with open(csv_path, encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split(",")
    text = {c: "str" for c in header if c in TEXT_COLUMNS}
    frame = pd.read_csv(csv_path, low_memory=False, keep_default_na=False, na_values=[""],
                        dtype=text)
    frame.to_parquet(parquet_path, engine="pyarrow", index=False)


def _manifest(inputs: Sequence[str | Path], knowledge: Any, counts: dict[str, int],
              parquet: bool) -> dict[str, Any]:
    """What a results folder was made from: package, study, inputs, Python, row counts."""
    study = knowledge.study
    return {"package": "framing-analysis", "version": __version__,
            "python": sys.version.split()[0],
            "study": None if study is None else {"name": study.name, "title": study.title,
                                                 "sha256": study.digest()},
            "inputs": input_digest(inputs), "tables": list(TABLES), "rows": counts,
            "formats": ["csv", "parquet"] if parquet else ["csv"]}


@dataclass
class Results:
    """A results folder read back: one DataFrame per table and the manifest."""

    folder: Path
    manifest: dict[str, Any]
    tables: dict[str, Any]

    def __getattr__(self, name: str) -> Any:
        """A table by name (``results.statements``)."""
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)


def load_results(folder: str | Path) -> Results:
    """Read a results folder (Parquet when present, else CSV)."""
    import pandas as pd

    root = Path(folder)
    path = root / MANIFEST
    if not path.is_file():
        raise InputError(f"{folder}: not a results folder (no {MANIFEST}; make one with "
                         f"'python -m analysis run')")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    tables = {}
    for t in manifest.get("tables", TABLES):
        pq = root / f"{t}.parquet"
        if pq.is_file():
            tables[t] = pd.read_parquet(pq)
        else:
            tables[t] = pd.read_csv(root / f"{t}.csv", keep_default_na=False, na_values=[""],
                                    dtype={c: "str" for c in TEXT_COLUMNS}, low_memory=False)
    return Results(root, manifest, tables)
