"""Bad items in a corpus, and no partial output files, for every command that reads a corpus.

With ``--skip-bad`` a corpus holding an undecodable file, an empty text and a duplicate id
runs to the end and names each skipped item (and why) on standard error; without it the
first bad item stops the run with one line and exit status 2.  A run that fails half-way
with ``-o`` leaves neither the output file nor its temporary file behind.
"""
from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import run_cli


COMMANDS = ["corpus", "quotes", "metrics"]

GOOD = ("Minister under fire over policing\n\n"
        "The minister said: “We will not resign over this.”\n\n"
        "Critics said the response was “far too slow” and called for an inquiry.\n")


def _records(stdout: str, fmt: str) -> list[dict]:
    if fmt == "jsonl":
        return [json.loads(line) for line in stdout.splitlines() if line.strip()]
    return list(csv.DictReader(io.StringIO(stdout)))


def _bad_corpus(tmp_path):
    """A directory (two good files, one undecodable, one empty) and a JSONL file with a
    third good article and a duplicate of the first id."""
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (d / "b_latin.txt").write_bytes("Caf\xe9 society, said the man.".encode("cp1252"))
    (d / "c_empty.txt").write_text("  \r\n\r\n", encoding="utf-8")
    (d / "d_good.txt").write_text(GOOD.replace("minister", "mayor"), encoding="utf-8")
    j = tmp_path / "more.jsonl"
    j.write_text(json.dumps({"id": "a_good", "text": "A second article with the same id."}) + "\n"
                 + json.dumps({"id": "e_good", "text": GOOD}) + "\n", encoding="utf-8")
    return [str(d), str(j)]


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("command", COMMANDS)
def test_skip_bad_runs_to_the_end_and_names_each_skipped_item(tmp_path, command, jobs):
    res = run_cli(command, *_bad_corpus(tmp_path), "--skip-bad", "--format", "jsonl", "--jobs", jobs)
    assert res.returncode == 0, res.stderr
    skipped = [line for line in res.stderr.splitlines() if line.startswith("skipped: ")]
    assert len(skipped) == 3, res.stderr
    assert any("b_latin.txt" in s and "not valid utf-8 at byte offset 3" in s for s in skipped)
    assert any("c_empty.txt" in s and "is empty" in s for s in skipped)
    assert any("duplicate article id 'a_good'" in s and "more.jsonl" in s for s in skipped)
    assert "Traceback" not in res.stderr
    ids = [r["article_id"] for r in _records(res.stdout, "jsonl")]
    assert set(ids) == {"a_good", "d_good", "e_good"}
    assert ids == sorted(ids)  # input order kept


@pytest.mark.parametrize("case", ["undecodable", "empty", "duplicate"])
@pytest.mark.parametrize("command", COMMANDS)
def test_without_skip_bad_the_first_bad_item_stops_the_run(tmp_path, command, case):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    bad = {"undecodable": ("latin.txt", "Caf\xe9".encode("cp1252"), "latin.txt: not valid utf-8 at byte offset 3"),
           "empty": ("empty.txt", b"\xef\xbb\xbf \r\n", "is empty"),
           "duplicate": ("good.jsonl", json.dumps({"id": "good", "text": "Again."}).encode(),
                         "duplicate article id 'good'")}[case]
    (tmp_path / bad[0]).write_bytes(bad[1])
    out = tmp_path / "out" / "table.csv"
    res = run_cli(command, str(good), str(tmp_path / bad[0]), "-o", str(out))
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("python -m analysis: error: "), res.stderr
    assert bad[2] in lines[0]
    assert not out.exists()
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("command", COMMANDS)
def test_failure_mid_stream_leaves_no_file_and_no_temp_file(tmp_path, command, jobs):
    src = tmp_path / "in"
    src.mkdir()
    corpus = src / "big.jsonl"
    with corpus.open("wb") as fh:
        for i in range(200):
            fh.write(json.dumps({"id": f"n{i:03d}", "text": GOOD}).encode() + b"\n")
        fh.write(b'{"id": "bad", "text": "caf\xe9"}\n')
        fh.write(json.dumps({"id": "after", "text": GOOD}).encode() + b"\n")
    outdir = tmp_path / "out"
    outdir.mkdir()
    res = run_cli(command, str(corpus), "-o", str(outdir / "table.out"), "--jobs", jobs)
    assert res.returncode == 2
    assert "big.jsonl: line 201: not valid utf-8" in res.stderr
    assert list(outdir.iterdir()) == []


def test_internal_error_mid_stream_leaves_nothing_behind(tmp_path, monkeypatch, capsys):
    """An exception inside the per-article function (in a worker) is one line, exit 1."""
    from analysis.run import cli

    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"x{i}", "text": GOOD}) + "\n" for i in range(120)),
                      encoding="utf-8")
    real = cli.paragraph_records

    def flaky(article):
        if article.id == "x97":
            raise ZeroDivisionError("division by zero")
        return real(article)

    monkeypatch.setattr(cli, "paragraph_records", flaky)
    outdir = tmp_path / "out"
    outdir.mkdir()
    for jobs in ("1", "2"):
        rc = cli.main(["corpus", str(corpus), "-o", str(outdir / "p.csv"), "--jobs", jobs, "--no-progress"])
        err = capsys.readouterr().err.strip().splitlines()
        assert rc == 1
        assert len(err) == 1 and "article 'x97': ZeroDivisionError: division by zero" in err[0]
        assert list(outdir.iterdir()) == []


def test_output_written_only_on_success(tmp_path):
    """Before the run ends, the target does not exist; afterwards it is complete."""
    from analysis.run.output import open_output, write_records

    target = tmp_path / "t.jsonl"

    def rows():
        for i in range(5):
            assert not target.exists()
            yield {"i": i}

    with open_output(target) as fh:
        write_records(rows(), ["i"], "jsonl", fh)
    assert [json.loads(x)["i"] for x in target.read_text().splitlines()] == list(range(5))
    assert [p.name for p in tmp_path.iterdir()] == ["t.jsonl"]


@pytest.mark.parametrize("name, content", [
    ("mid.jsonl", b'{"id": "a", "text": "A."}\n{"id": "b", "text": "caf\xe9"}\n{"id": "c", "text": "C."}\n'),
    ("mid.csv", b"id,text\na,A.\nb,caf\xe9\nc,C.\n"),
])
def test_skip_bad_keeps_reading_after_an_undecodable_line(tmp_path, name, content):
    """Regression: the line reader used to stop at the first undecodable line, silently
    dropping every later article of the file."""
    f = tmp_path / name
    f.write_bytes(content)
    res = run_cli("corpus", str(f), "--skip-bad", "--format", "jsonl")
    assert res.returncode == 0, res.stderr
    assert [r["article_id"] for r in _records(res.stdout, "jsonl")] == ["a", "c"]
    assert res.stderr.count("skipped: ") == 1 and "not valid utf-8" in res.stderr


def test_a_pool_whose_idle_workers_were_killed_still_ends():
    # An idle worker waits for work holding the task queue's lock; killed there (a signal to
    # the whole process group), it never releases it and Pool.terminate() waits for ever.
    import multiprocessing as mp
    import os
    import signal
    import threading
    import time

    from analysis.run.parallel import _end_pool

    pool = mp.get_context("fork").Pool(2)
    time.sleep(0.5)  # both workers idle, one of them inside the queue's lock
    workers = list(pool._pool)
    for w in workers:
        os.kill(w.pid, signal.SIGKILL)
    ender = threading.Thread(target=_end_pool, args=(pool, 1.0), daemon=True)
    ender.start()
    ender.join(60)
    assert not ender.is_alive(), "the pool did not end"
    assert all(not w.is_alive() for w in list(pool._pool) + workers)
