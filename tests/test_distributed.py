"""The per-article pipeline on a local Dask cluster gives exactly the single-process table."""
from __future__ import annotations

import csv
import importlib
import importlib.util
import json
import random

import pytest

from conftest import SEED_STUDY, SEEDS

from analysis.corpus.readers import paragraph_records
from analysis.corpus.readers import iter_corpus
from analysis.errors import InputError

distributed = pytest.importorskip("distributed", reason="the optional 'dask' extra is not installed")
from analysis.run.distributed import dask_frame, dask_records, plan_partitions  # noqa: E402


@pytest.fixture(scope="module")
def client():
    """Two worker processes, one thread each: the cluster shape of a small real deployment."""
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cl, \
            Client(cl) as c:
        yield c


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Seeds (a directory with a manifest), a JSONL of 150 mixed articles and a CSV."""
    d = tmp_path_factory.mktemp("dask")
    paras = [p.text for a in iter_corpus(SEEDS) for p in a.paragraphs]
    rng = random.Random(7)
    with (d / "many.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(150):
            text = "\n\n".join(rng.sample(paras, rng.randint(1, 12)))
            fh.write(json.dumps({"id": f"m{i:03d}", "text": text, "outlet": f"o{i % 3}"}) + "\n")
            if i % 40 == 0:
                fh.write("\n")  # blank lines are allowed and do not count
    with (d / "few.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text", "outlet"])
        w.writerow(["c1", "Headline here\n\nHe said: “It was fine.”\n", "X"])
        w.writerow(["c2", "A second, quoted “scare” word.", "Y"])
    return [str(SEEDS), str(d / "many.jsonl"), str(d / "few.csv")]


def _serial(inputs, per_article, **kw):
    out = []
    for art in iter_corpus(inputs, **kw):
        res = per_article(art)
        out.extend([res] if isinstance(res, dict) else res)
    return out


def test_partitions_split_jsonl_and_directories(corpus):
    specs = plan_partitions(corpus, partition_size=40)
    kinds = [s[0] for s in specs]
    assert kinds == ["txt"] + ["jsonl"] * 4 + ["csv"]
    assert [s[4] for s in specs if s[0] == "jsonl"][0] == 1  # first line number of the first range


def test_same_table_as_single_process_on_a_cluster(client, corpus):
    expected = _serial(corpus, paragraph_records)
    got = list(dask_records(corpus, paragraph_records, client=client, partition_size=23))
    assert got == expected
    assert len({r["article_id"] for r in got}) == 3 + 150 + 2


def test_same_table_without_a_client(corpus):
    expected = _serial(corpus, paragraph_records)
    assert list(dask_records(corpus, paragraph_records, partition_size=50, scheduler="threads")) == expected


def test_skip_bad_reports_the_same_items(client, tmp_path, corpus):
    (tmp_path / "good.txt").write_text("Fine text, he said.", encoding="utf-8")
    (tmp_path / "latin.txt").write_bytes(b"caf\xe9")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    j = tmp_path / "x.jsonl"
    j.write_bytes(b'{"id": "good", "text": "dup"}\n{"id": "j", "text": "caf\xe9"}\n{oops\n'
                  b'{"id": "k", "text": "Kept."}\n')
    inputs = [str(tmp_path), str(j)]
    seen_serial: list[str] = []
    expected = _serial(inputs, paragraph_records, skip_bad=True, report=seen_serial.append)
    seen_dask: list[str] = []
    got = list(dask_records(inputs, paragraph_records, client=client, partition_size=1,
                            skip_bad=True, report=seen_dask.append))
    assert got == expected and [r["article_id"] for r in got] == ["good", "k"]
    assert sorted(seen_dask) == sorted(seen_serial) and len(seen_dask) == 5


def test_errors_are_the_single_process_errors(client, tmp_path):
    (tmp_path / "a.jsonl").write_text('{"id": "1", "text": "One."}\n' * 2, encoding="utf-8")
    with pytest.raises(InputError, match=r"duplicate article id '1'"):
        list(dask_records([str(tmp_path / "a.jsonl")], paragraph_records, client=client, partition_size=1))
    (tmp_path / "b.jsonl").write_bytes(b'{"id": "1", "text": "One."}\n{"id": "2", "text": "caf\xe9"}\n')
    with pytest.raises(InputError, match=r"b\.jsonl: line 2: not valid utf-8 at byte offset 52"):
        list(dask_records([str(tmp_path / "b.jsonl")], paragraph_records, client=client))
    with pytest.raises(InputError, match="no such file"):
        list(dask_records([str(tmp_path / "nope.csv")], paragraph_records, client=client))


def test_dask_frame_matches_records(client, corpus):
    frame = dask_frame(corpus[:1], paragraph_records, client=client, partition_size=1)
    assert list(frame.columns)[:3] == ["article_id", "paragraph", "start"]
    assert len(frame) == len(_serial(corpus[:1], paragraph_records))


def _analysis_function(module: str, name: str):
    """A per-article function of a module that may not have landed yet (strict xfail)."""
    missing = importlib.util.find_spec(module) is None
    return pytest.param(module, name, marks=pytest.mark.xfail(
        missing, reason=f"{module} has not landed yet", strict=True))


def _with_knowledge(func, name: str, study):
    """The per-article function under a study's knowledge (None: general knowledge); the
    knowledge bundle travels to the workers with the function."""
    from functools import partial

    from analysis.knowledge.bundle import knowledge_for

    if study is None:
        return func
    know = knowledge_for(study)
    return partial(func, knowledge=know) if name == "article_row" else partial(func, codebook=know.codebook)


@pytest.mark.parametrize("study", [None, SEED_STUDY], ids=["general", "seed"])
@pytest.mark.parametrize("module, name", [_analysis_function("analysis.quotes.engine", "quote_records"),
                                          _analysis_function("analysis.measures.metrics", "article_row")])
def test_quotes_and_metrics_tables_match(client, corpus, module, name, study):
    func = _with_knowledge(getattr(importlib.import_module(module), name), name, study)
    expected = _serial(corpus, func)
    got = list(dask_records(corpus, func, client=client, partition_size=31))
    assert json.dumps(got, sort_keys=True, default=str) == json.dumps(expected, sort_keys=True, default=str)
    if name == "article_row":  # the seed study's target reached the workers; none without it
        assert any(r["critical_statements"] for r in got) is (study is not None)


def test_lines_split_as_the_single_process_reader_splits_them(tmp_path):
    """Only \\n ends a JSON line: a stray carriage return inside a line must not split it on
    Dask when it does not on one machine (same records, same errors, same line numbers)."""
    j = tmp_path / "cr.jsonl"
    j.write_bytes(b'{"id": "a", "text": "One."}\r{"id": "b", "text": "Two."}\n'
                  b'{"id": "c", "text": "Three."}\r\n{"id": "d", "text": "Four."}\n')
    seen_serial: list[str] = []
    expected = _serial([str(j)], paragraph_records, skip_bad=True, report=seen_serial.append)
    seen_dask: list[str] = []
    got = list(dask_records([str(j)], paragraph_records, partition_size=1, scheduler="sync",
                            skip_bad=True, report=seen_dask.append))
    assert got == expected and [r["article_id"] for r in got] == ["c", "d"]
    assert seen_dask == seen_serial and len(seen_dask) == 1 and "cr.jsonl:1: malformed JSON" in seen_dask[0]
