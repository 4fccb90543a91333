"""Table writers: fixed columns, JSON-safe values, atomic files."""
from __future__ import annotations

import io
import json
import math

import pytest

from analysis.run.output import open_output, write_records


def test_jsonl_nan_and_inf():
    buf = io.StringIO()
    write_records([{"a": math.nan, "b": math.inf, "c": "x", "extra": 1}], ["a", "b", "c"], "jsonl", buf)
    assert json.loads(buf.getvalue()) == {"a": None, "b": "inf", "c": "x"}


def test_csv_header_even_without_rows():
    buf = io.StringIO()
    assert write_records([], ["a", "b"], "csv", buf) == 0
    assert buf.getvalue() == "a,b\n"


def test_failed_write_leaves_no_file(tmp_path):
    target = tmp_path / "out.csv"
    with pytest.raises(RuntimeError):
        with open_output(target) as fh:
            fh.write("partial")
            raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []


def test_unknown_format():
    with pytest.raises(ValueError):
        write_records([], ["a"], "xml", io.StringIO())


def test_structured_evidence_is_one_json_cell():
    buf = io.StringIO()
    ev = [{"start": 1, "end": 4, "words": "say", "rule": "x"}]
    write_records([{"a": ev, "b": {"k": "v"}, "c": ["p", "q"]}], ["a", "b", "c"], "csv", buf)
    import csv as _csv

    row = list(_csv.DictReader(io.StringIO(buf.getvalue())))[0]
    assert json.loads(row["a"]) == ev and json.loads(row["b"]) == {"k": "v"} and row["c"] == "p|q"
