"""The command line: help, the corpus listing, and one-line errors (never a traceback) on bad input."""
from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import SEEDS, run_cli


def test_help_lists_the_subcommands():
    res = run_cli("--help")
    assert res.returncode == 0
    for cmd in ("corpus", "quotes", "metrics", "report"):
        assert cmd in res.stdout


def test_corpus_lists_set_aside_paragraphs_as_csv():
    res = run_cli("corpus", str(SEEDS), "--set-aside")
    assert res.returncode == 0, res.stderr
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [(r["article_id"], r["paragraph"]) for r in rows] == [
        ("001", "4"), ("001", "9"), ("001", "10"), ("001", "18"), ("001", "19"), ("002", "14"), ("002", "15")]
    assert all(r["reason"] for r in rows)


def test_corpus_jsonl_to_file(tmp_path):
    out = tmp_path / "paras.jsonl"
    res = run_cli("corpus", str(SEEDS / "000_578284434b8c49a5.txt"), "--format", "jsonl", "-o", str(out))
    assert res.returncode == 0, res.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 20 and rows[0]["article_id"] == "000_578284434b8c49a5"
    assert [p.name for p in tmp_path.iterdir()] == ["paras.jsonl"]  # no temporary file left


def _bad_inputs(tmp_path):
    (tmp_path / "empty_dir").mkdir()
    (tmp_path / "latin.txt").write_bytes(b"caf\xe9")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "nocol.csv").write_text("id,body\n1,x\n", encoding="utf-8")
    (tmp_path / "dup.csv").write_text("id,text\n1,a\n1,b\n", encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text('{"id": 1, "text": "a"}\n{oops\n', encoding="utf-8")
    return {
        "missing": (str(tmp_path / "missing.txt"), "no such file or directory"),
        "empty dir": (str(tmp_path / "empty_dir"), "no .txt articles"),
        "not utf-8": (str(tmp_path / "latin.txt"), "latin.txt: not valid utf-8 at byte offset 3"),
        "binary": (str(tmp_path / "bin.txt"), "binary"),
        "empty article": (str(tmp_path / "empty.txt"), "is empty"),
        "no text column": (str(tmp_path / "nocol.csv"), "missing ['text']"),
        "duplicate ids": (str(tmp_path / "dup.csv"), "duplicate article id '1'"),
        "malformed json": (str(tmp_path / "bad.jsonl"), "bad.jsonl:2: malformed JSON"),
    }


@pytest.mark.parametrize("case", ["missing", "empty dir", "not utf-8", "binary", "empty article",
                                  "no text column", "duplicate ids", "malformed json"])
@pytest.mark.parametrize("command", ["corpus", "quotes", "metrics"])
def test_bad_input_one_line_error(tmp_path, case, command):
    path, message = _bad_inputs(tmp_path)[case]
    out = tmp_path / "out.csv"
    res = run_cli(command, path, "-o", str(out))
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("python -m analysis: error: ")
    assert message in lines[0]
    assert not out.exists()


def test_encoding_flag_reads_other_encodings(tmp_path):
    f = tmp_path / "latin.txt"
    f.write_bytes("Caf\xe9 society.".encode("cp1252"))
    res = run_cli("corpus", str(f), "--encoding", "cp1252", "--format", "jsonl")
    assert res.returncode == 0
    assert json.loads(res.stdout)["text"] == "Café society."


def test_unknown_encoding_is_a_clear_error(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("x", encoding="utf-8")
    res = run_cli("corpus", str(f), "--encoding", "klingon")
    assert res.returncode == 2 and "unknown encoding 'klingon'" in res.stderr


def test_skip_bad_reports_and_continues(tmp_path):
    (tmp_path / "good.txt").write_text("All fine here.", encoding="utf-8")
    (tmp_path / "latin.txt").write_bytes(b"caf\xe9")
    res = run_cli("corpus", str(tmp_path), "--skip-bad", "--format", "jsonl")
    assert res.returncode == 0
    assert [json.loads(l)["article_id"] for l in res.stdout.splitlines()] == ["good"]
    assert "skipped:" in res.stderr and "latin.txt" in res.stderr
