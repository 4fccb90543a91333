"""The command line: help, the corpus listing, and one-line errors (never a traceback) on bad input."""
from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import ROOT, SEED_ARGS, SEEDS, run_cli

#: quotes/metrics outputs on the seeds from before the seed study existed (README there).
GOLDEN = ROOT / "tests" / "data" / "seed_study"


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


def test_corpus_of_the_seed_study_is_its_corpus():
    with_input = run_cli("corpus", str(SEEDS), "--set-aside")
    from_study = run_cli("corpus", *SEED_ARGS, "--set-aside")
    assert from_study.returncode == 0, from_study.stderr
    assert from_study.stdout == with_input.stdout and from_study.stdout


def _records(text: str, fmt: str) -> list[dict]:
    """The records of a CSV or JSON-lines output, each value as written (CSV: a string)."""
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(text, newline="")))
    return [json.loads(line) for line in text.splitlines()]


def _same_old_columns(got: str, want: str, fmt: str) -> None:
    """Every column of the old output is in the new one, in the same order, with the same
    value in every row (columns added since, on purpose, may follow)."""
    old, new = _records(want, fmt), _records(got, fmt)
    assert len(new) == len(old) and old
    old_cols = list(old[0])
    new_cols = list(new[0])
    assert [c for c in new_cols if c in old_cols] == old_cols
    for o, n in zip(old, new):
        assert {k: n[k] for k in old_cols} == o


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
@pytest.mark.parametrize("command", ["quotes", "metrics"])
def test_seed_study_outputs_keep_the_old_default_outputs(tmp_path, command, fmt):
    """With the seed study named, quotes and metrics on the seeds give every column of the
    outputs from before the study existed, value for value and in order (only the columns
    added since on purpose are new); INPUT defaults to the study's corpus."""
    want = (GOLDEN / f"{command}.{fmt}").read_text(encoding="utf-8")
    out = tmp_path / f"out.{fmt}"
    res = run_cli(command, str(SEEDS), *SEED_ARGS, "--format", fmt, "-o", str(out))
    assert res.returncode == 0, res.stderr
    got = out.read_text(encoding="utf-8")
    _same_old_columns(got, want, fmt)
    res = run_cli(command, *SEED_ARGS, "--format", fmt)
    assert res.returncode == 0, res.stderr
    assert res.stdout == got


def test_without_a_study_the_seeds_have_no_target_and_no_named_actors():
    res = run_cli("metrics", str(SEEDS), "--format", "jsonl")
    assert res.returncode == 0, res.stderr
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["article_id"] for r in rows] == ["000", "001", "002"]
    for r in rows:
        for col in ("critical_statements", "defensive_statements", "critical_defensive_ratio",
                    "critical_actors", "critical_words", "target_sentences", "vader_target",
                    "first_critical_paragraph", "first_defensive_paragraph"):
            assert r[col] is None, col
        assert [c for c in r if c.startswith("quoted_share_")] == ["quoted_share_unknown"]
        assert r["statements"] > 0 and r["first_voice_group"] == "unknown"
        # no study, no incident verbs: the incident columns are empty
        assert r["incident_agentless_passives"] is None and r["active_incident_clauses"] is None
        assert isinstance(r["agentless_passives"], int)
    res = run_cli("quotes", str(SEEDS), "--format", "jsonl")
    assert res.returncode == 0, res.stderr
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert recs and {r["actor"] for r in recs} == {None}
    assert {r["group"] for r in recs} <= {"unknown", None}


@pytest.mark.parametrize("command", ["quotes", "metrics"])
def test_no_input_and_no_study_is_a_one_line_error(command):
    res = run_cli(command)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1 and "--study" in res.stderr


def test_a_missing_study_is_a_one_line_error(tmp_path):
    res = run_cli("metrics", str(SEEDS), "--study", str(tmp_path / "nowhere"))
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1 and "nowhere" in res.stderr


def test_corpus_jsonl_to_file(tmp_path):
    out = tmp_path / "paras.jsonl"
    res = run_cli("corpus", str(SEEDS / "000_578284434b8c49a5.txt"), "--format", "jsonl", "-o", str(out))
    assert res.returncode == 0, res.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 20 and rows[0]["article_id"] == "000_578284434b8c49a5"
    assert [p.name for p in tmp_path.iterdir()] == ["paras.jsonl"]  # no temporary file left



@pytest.mark.parametrize("name, explicit, first", [
    ("quotes.csv", None, "article_id,"),         # quotes defaults to JSONL, but the name says CSV
    ("quotes.jsonl", None, "{"),
    ("quotes.out", None, "{"),                   # an unknown extension keeps the default
    ("quotes.csv", "jsonl", "{"),                # --format always wins
])
def test_output_format_follows_the_file_name_unless_given(tmp_path, name, explicit, first):
    out = tmp_path / name
    fmt = ["--format", explicit] if explicit else []
    res = run_cli("quotes", str(SEEDS / "000_578284434b8c49a5.txt"), *fmt, "-o", str(out))
    assert res.returncode == 0, res.stderr
    assert out.read_text(encoding="utf-8").startswith(first)

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
