"""Issue 17: strict inputs, safe CSV output, one-line errors with exit 2, signals and --jobs.

Each test names the probe of the issue it covers; see docs/hardening.md for the fixes.
"""
from __future__ import annotations

import ast
import csv
import errno
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, SEED_CODEBOOK, SEED_LEXICON, SEED_RULES, SEEDS, run_cli

import analysis
from analysis.corpus.readers import read_corpus
from analysis.knowledge.datafiles import packaged, read_csv_rows, read_yaml
from analysis.errors import DataFileError, InputError
from analysis.measures.lexicon import load_lexicon, parse_lexicon
from analysis.text.spans import SpanIndex
from analysis.run.output import csv_value, write_records
from analysis.run.parallel import resolve_jobs
from analysis.measures.stance import load_overrides, load_rules, parse_rules
from analysis.text.sentences import _last_word, sentence_spans
from analysis.text.userregex import check_user_regex

SEED_TEXT = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")
LEX_HEADER = ["term", "category", "match", "forms", "note"]


# -- silently wrong results: the Python patch release -----------------------------------
_RE_FUNCTIONS = {"compile", "search", "match", "fullmatch", "findall", "finditer", "sub", "split"}


def _regex_sources(path: Path):
    """The literal parts of every pattern passed to a ``re`` function in a module."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                and node.func.attr in _RE_FUNCTIONS and node.args):
            for part in ast.walk(node.args[0]):
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    yield part.value


def test_no_package_pattern_uses_possessive_repeats_or_atomic_groups():
    """CPython 3.11.0-3.11.4 match these wrongly (gh-106052): none may be in the package."""
    risky = re.compile(r"(?<!\\)(?:[*+?}]\+|\(\?>)")
    found = [(p.name, s) for p in sorted((ROOT / "analysis").glob("*.py"))
             for s in _regex_sources(p) if risky.search(s)]
    assert found == []


def test_supported_python_is_stated_in_pyproject_and_checked_at_import():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert meta["project"]["requires-python"] == ">=%d.%d" % analysis.MIN_PYTHON
    assert sys.version_info >= analysis.MIN_PYTHON


# -- silently wrong results: user regexes -----------------------------------------------
def _lexicon_error(forms: str) -> DataFileError:
    rows = [LEX_HEADER, ["thing", "conflict", "regex", forms, ""]]
    with pytest.raises(DataFileError) as err:
        parse_lexicon(rows, "lex.csv")
    return err.value


@pytest.mark.parametrize("forms", ["[unclosed", "abc)|(?:x", "a\\", "(?#open"])
def test_a_lexicon_regex_must_compile_on_its_own(forms):
    err = _lexicon_error(forms)
    assert (err.path, err.line, err.field) == ("lex.csv", 2, "forms")


@pytest.mark.parametrize("forms", ["(a+)+$", "(?:ab*)*c", "(a|ab)+x", "(?:x{1,9}){2,}", "a++",
                                   "(?>ab)c", r"(a)\1"])
def test_a_catastrophic_lexicon_regex_is_rejected(forms):
    err = _lexicon_error(forms)
    assert err.line == 2 and err.field == "forms"


@pytest.mark.parametrize("forms", [r"\w+\w+x", r"[a-z]+a[a-z]*", r".*foo", r"\s+x", r"a\s*\s+b",
                                   r"(?:x|[a-z]+)[a-z]+", r"\w+ism"])
def test_a_polynomial_lexicon_regex_is_rejected(forms):
    """Two repeats that can take the same run (or a repeat that can start anywhere in a run)."""
    err = _lexicon_error(forms)
    assert "polynomial time" in str(err) and err.field == "forms"


@pytest.mark.parametrize("forms", [r"scrambl(?:e|es|ed|ing)\s+to\s+save", r"(?<!in a )rows?(?!\s+of\b)",
                                   r"welcome\s+the\s+x(?:\s+police)?[’']s", r"(?:ab){2,3}", r"\d+ers?",
                                   r"x(?:\s+\w+)?(?:\s+\w+)?\s+y", r"[^\W_]+ism", r"stra(?:ß|ss)e\w*"])
def test_ordinary_regexes_are_accepted(forms):
    assert check_user_regex(forms) == forms


def _rules_data() -> dict:
    return yaml.safe_load(Path(packaged("stance_rules.yaml")).read_text(encoding="utf-8"))


@pytest.mark.parametrize("cue", ["re:[unclosed", "re:(a+)+$", "re:x)|(y"])
def test_a_bad_stance_cue_regex_names_its_field(cue):
    data = _rules_data()
    data["cues"]["critical"].append(cue)
    with pytest.raises(DataFileError) as err:
        parse_rules(data, "rules.yaml")
    assert err.value.field == f"cues.critical[{len(data['cues']['critical']) - 1}]"


# -- silently wrong results: YAML -------------------------------------------------------
def _rules_file(tmp_path: Path, text: str) -> str:
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_duplicate_yaml_key_is_an_error_with_its_line(tmp_path):
    text = Path(packaged("stance_rules.yaml")).read_text(encoding="utf-8")
    text = text.replace("  critical:\n", "  critical: [quit]\n  critical:\n", 1)
    line = text.splitlines().index("  critical:") + 1
    with pytest.raises(DataFileError) as err:
        load_rules(_rules_file(tmp_path, text))
    assert err.value.line == line and "duplicate key 'critical'" in str(err.value)


def test_a_duplicate_actor_in_the_codebook_is_an_error(tmp_path):
    path = tmp_path / "actors.yaml"
    path.write_text("version: 1\ngroups: [a]\nactors:\n  x: {name: X, group: a}\n"
                    "  x: {name: Y, group: a}\n", encoding="utf-8")
    from analysis.quotes.actors import load_codebook

    with pytest.raises(DataFileError) as err:
        load_codebook(path)
    assert err.value.line == 5


def test_an_unknown_top_level_key_is_an_error_with_its_line(tmp_path):
    text = SEED_RULES.read_text(encoding="utf-8")  # the seed study's rules name incident actors
    text = text.replace("\nincident_actors:", "\nincident_actor:", 1)
    with pytest.raises(DataFileError) as err:
        load_rules(_rules_file(tmp_path, text), str(SEED_CODEBOOK))
    assert err.value.field == "incident_actor"
    assert err.value.line == text.splitlines().index(
        next(x for x in text.splitlines() if x.startswith("incident_actor:"))) + 1


def test_rules_actor_ids_are_checked_against_the_codebook(tmp_path):
    text = SEED_RULES.read_text(encoding="utf-8")
    assert "incident_actors: [police_officer," in text
    load_rules(str(SEED_RULES), str(SEED_CODEBOOK))  # as shipped: every id is in the codebook
    text = text.replace("incident_actors: [police_officer,", "incident_actors: [police_oficer,", 1)
    with pytest.raises(DataFileError) as err:
        load_rules(_rules_file(tmp_path, text), str(SEED_CODEBOOK))
    assert err.value.field == "incident_actors" and "police_oficer" in str(err.value)


def test_read_yaml_still_reads_merge_keys(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text("a: &x {k: 1}\nb:\n  <<: *x\n  k: 2\n", encoding="utf-8")
    assert read_yaml(str(path)) == {"a": {"k": 1}, "b": {"k": 2}}


# -- silently wrong results: CSV input and output ---------------------------------------
def test_an_unclosed_csv_quote_is_an_error_naming_its_line(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text('id,text\n1,"Never closed\n2,Second text.\n3,Third text.\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"c\.csv:2: unclosed quote"):
        read_corpus(path)
    reported = []
    arts = read_corpus(path, skip_bad=True, report=reported.append)
    assert [a.id for a in arts] == ["2", "3"]
    assert len(reported) == 1 and "c.csv:2: unclosed quote" in reported[0]


def test_a_multi_line_quoted_field_is_still_one_article(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text('id,text\n1,"First para.\n\nSecond para."\n2,Other.\n', encoding="utf-8")
    arts = read_corpus(path)
    assert [(a.id, a.text) for a in arts] == [("1", "First para.\n\nSecond para."), ("2", "Other.")]


def test_duplicate_csv_column_names_are_an_error(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("id,text,text\n1,a,b\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"duplicate column name\(s\) \['text'\]"):
        read_corpus(path)


def test_a_bare_cr_in_a_value_is_quoted_in_csv_output():
    out = io.StringIO()
    write_records([{"id": "a\rb", "x": 1}, {"id": "c", "x": 2}], ["id", "x"], "csv", out)
    assert list(csv.reader(io.StringIO(out.getvalue(), newline=""))) == [
        ["id", "x"], ["a\rb", "1"], ["c", "2"]]
    assert out.getvalue().endswith("\nc,2\n")


@pytest.mark.parametrize("value, cell", [
    ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("+1+2", "'+1+2"), ("-2+3+cmd|' /C calc'!A0",
     "'-2+3+cmd|' /C calc'!A0"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("-3.5", "-3.5"), ("+7", "+7"), ("plain", "plain"), (-0.25, -0.25), (["=a", "b"], "'=a|b")])
def test_csv_cells_that_look_like_formulas_are_neutralised(value, cell):
    assert csv_value(value) == cell


# -- silently wrong results: drops under --skip-bad -------------------------------------
def _seed_dir(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "a.txt").write_text(SEED_TEXT, encoding="utf-8")
    return d


@pytest.mark.parametrize("make, what", [
    (lambda d: os.symlink(d / "missing.txt", d / "dangling.txt"), "dangling symbolic link"),
    (lambda d: (os.symlink(d / "loop2.txt", d / "loop1.txt"),
                os.symlink(d / "loop1.txt", d / "loop2.txt")), "symbolic link loop"),
    (lambda d: os.mkfifo(d / "pipe.txt"), "named pipe"),
])
def test_special_txt_entries_in_a_directory_are_reported(tmp_path, make, what):
    d = _seed_dir(tmp_path)
    make(d)
    with pytest.raises(InputError, match=what):
        read_corpus(d)
    reported = []
    assert [a.id for a in read_corpus(d, skip_bad=True, report=reported.append)] == ["a"]
    assert reported and all(what in r for r in reported)


@pytest.mark.parametrize("manifest, message", [
    ("file,outlet\na.txt,X\na.txt,Y\n", "lists 'a.txt' again (first on line 2)"),
    ("file,outlet\na.txt,X,extra\n", "more fields than the header"),
    ("file,outlet,outlet\na.txt,X,Y\n", "duplicate column name"),
])
def test_manifest_problems_are_reported(tmp_path, manifest, message):
    d = _seed_dir(tmp_path)
    (d / "articles.csv").write_text(manifest, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(message)):
        read_corpus(d)


def test_a_manifest_cell_may_hold_line_breaks(tmp_path):
    d = _seed_dir(tmp_path)
    (d / "articles.csv").write_text('file,headline\na.txt,"Two\u2028lines\nreally"\n',
                                    encoding="utf-8")
    [art] = read_corpus(d)
    assert art.meta["headline"] == "Two\u2028lines\nreally"


def test_a_repeated_manifest_row_is_skipped_with_a_report(tmp_path):
    d = _seed_dir(tmp_path)
    (d / "articles.csv").write_text("file,outlet\na.txt,X\na.txt,Y\n", encoding="utf-8")
    reported = []
    arts = read_corpus(d, skip_bad=True, report=reported.append)
    assert [a.meta["outlet"] for a in arts] == ["X"] and len(reported) == 1


# -- wrong exit status or message -------------------------------------------------------
def _one_line_error(res: subprocess.CompletedProcess, *needles: str) -> None:
    assert res.returncode == 2, (res.returncode, res.stderr)
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "internal error" not in lines[0] and "Traceback" not in res.stderr
    for needle in needles:
        assert needle in lines[0]


def test_an_unreadable_file_is_an_input_error(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text(SEED_TEXT, encoding="utf-8")

    def refuse(self):
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputError, match="cannot read: Permission denied"):
        read_corpus(path)


def test_an_unreadable_directory_is_an_input_error(tmp_path, monkeypatch):
    d = _seed_dir(tmp_path)

    def refuse(self):
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "iterdir", refuse)
    with pytest.raises(InputError, match="cannot read the directory"):
        read_corpus(d)


@pytest.mark.parametrize("line, needle", [
    ('{"id": "1", "text": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
    ('{"id": "1", "text": "x", "n": ' + "7" * 5000 + "}", "unreadable JSON value"),
    ('{"id": "1", "text": "a \\ud800 b"}', "lone surrogate U+D800"),
])
def test_hostile_json_is_a_one_line_error_or_a_skip(tmp_path, line, needle):
    path = tmp_path / "c.jsonl"
    path.write_text(line + "\n" + json.dumps({"id": "2", "text": SEED_TEXT}) + "\n", encoding="utf-8")
    _one_line_error(run_cli("metrics", str(path)), "c.jsonl:1", needle)
    res = run_cli("metrics", str(path), "--skip-bad")
    assert res.returncode == 0 and needle in res.stderr
    assert [r["article_id"] for r in csv.DictReader(io.StringIO(res.stdout))] == ["2"]


def test_a_cr_only_csv_is_a_one_line_error(tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes(b"id,text\r1,Some text.\r2,More text.\r")
    _one_line_error(run_cli("corpus", str(path)), "c.csv:1", "carriage return")


@pytest.mark.parametrize("encoding, needle", [("rot13", "not a text encoding"),
                                              ("zlib_codec", "not a text encoding"),
                                              ("no-such-codec", "unknown encoding")])
def test_a_non_text_encoding_is_a_one_line_error(encoding, needle):
    _one_line_error(run_cli("corpus", str(SEEDS), "--encoding", encoding), needle)


def test_a_non_ascii_digit_override_index_names_the_file_and_line(tmp_path):
    path = tmp_path / "o.csv"
    path.write_text("article_id,statement,snippet,stance,note\n000,\u00b2,,critical,\n",
                    encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_overrides(str(path))
    assert (err.value.line, err.value.field) == (2, "statement")


def test_output_onto_a_directory_names_the_target(tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    res = run_cli("corpus", str(SEEDS), "-o", str(target))
    _one_line_error(res, f"{target}: is a directory")
    assert ".part" not in res.stderr and os.listdir(target) == [] and os.listdir(tmp_path) == ["out"]


def test_a_full_disk_names_the_target(tmp_path, monkeypatch, capsys):
    import io

    import analysis.run.cli as cli
    import analysis.run.output as output

    class Full(io.StringIO):
        def write(self, text):
            raise OSError(errno.ENOSPC, "No space left on device")

    def fdopen(fd, *args, **kwargs):  # the temporary file's stream, on a full disk
        os.close(fd)
        return Full()

    monkeypatch.setattr(output.os, "fdopen", fdopen)
    assert cli.main(["corpus", str(SEEDS), "-o", str(tmp_path / "o.csv")]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'o.csv'}: cannot write: No space left on device" in err and ".part" not in err
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("suffix, encoding", [(".txt", "utf-16"), (".txt", "utf-16-le"),
                                              (".jsonl", "utf-16"), (".csv", "utf-32")])
def test_utf16_and_utf32_inputs_are_read_with_their_encoding(tmp_path, suffix, encoding):
    path = tmp_path / f"a{suffix}"
    if suffix == ".txt":
        content = SEED_TEXT
    elif suffix == ".jsonl":
        content = json.dumps({"id": "a", "text": SEED_TEXT}, ensure_ascii=False) + "\n"
    else:
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows([["id", "text"], ["a", SEED_TEXT]])
        content = buf.getvalue()
    path.write_bytes(content.encode(encoding))
    [art] = read_corpus(path, encoding=encoding)
    assert art.id == "a" and art.text == SEED_TEXT


def test_a_utf8_bom_in_a_data_file_csv_is_allowed(tmp_path):
    path = tmp_path / "lex.csv"
    path.write_bytes(b"\xef\xbb\xbf" + SEED_LEXICON.read_bytes())
    assert read_csv_rows(str(path))[0] == LEX_HEADER
    assert len(load_lexicon(str(path))) == len(load_lexicon(str(SEED_LEXICON)))


# -- time and resources -----------------------------------------------------------------
def test_jobs_are_capped_and_negative_values_refused():
    assert resolve_jobs(100_000, cores=2) == (4, "--jobs 100000 is more than 2 x 2 cores; "
                                                 "using 4 worker processes")
    assert resolve_jobs(0, cores=3) == (3, None)
    assert resolve_jobs(2, cores=2) == (2, None)
    with pytest.raises(InputError, match="not -1"):
        resolve_jobs(-1, cores=2)


def test_negative_jobs_is_a_one_line_error_and_a_huge_value_a_note():
    _one_line_error(run_cli("corpus", str(SEEDS), "-j", "-3"), "--jobs must be 0")
    res = run_cli("corpus", str(SEEDS), "-j", "100000")
    assert res.returncode == 0 and "note: --jobs 100000 is more than" in res.stderr


def _strays(pgid: int) -> bool:
    """Whether any process is still left in process group `pgid` (after a short grace)."""
    time.sleep(0.5)
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    os.killpg(pgid, signal.SIGKILL)  # do not leave them running past the test
    return True


@pytest.mark.parametrize("sig, jobs", [(signal.SIGTERM, "1"), (signal.SIGHUP, "2")])
def test_a_signal_leaves_no_partial_output_and_no_traceback(tmp_path, sig, jobs):
    corpus = tmp_path / "big.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for i in range(3000):
            fh.write(json.dumps({"id": str(i), "text": SEED_TEXT}) + "\n")
    out = tmp_path / "out"
    out.mkdir()
    # Standard error goes to a file, not a pipe: a stray worker holding the pipe open would
    # make the test wait on it rather than say what went wrong.
    with (tmp_path / "err.txt").open("w") as err_file:
        proc = subprocess.Popen([sys.executable, "-m", "analysis", "metrics", str(corpus), "-j",
                                 jobs, "-o", str(out / "m.csv")], cwd=ROOT, stderr=err_file,
                                text=True, start_new_session=True)
        deadline = time.monotonic() + 120
        while not os.listdir(out) and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert os.listdir(out), "no partial output appeared"
        time.sleep(0.3)
        os.killpg(proc.pid, sig)  # the whole group, as a terminal hang-up or a scheduler does
        proc.wait(timeout=120)
    assert not _strays(proc.pid), "a worker process outlived the stopped run"
    err = (tmp_path / "err.txt").read_text()
    assert proc.returncode == 128 + sig
    assert os.listdir(out) == []
    assert "Traceback" not in err and err.strip().splitlines() == [
        f"python -m analysis: stopped by {signal.Signals(sig).name}"]


STRAY_SCRIPT = """
import multiprocessing, os, signal, time
from analysis.model import Article
from analysis.run import cli, parallel

def slow(article):
    time.sleep(0.01)
    return article.id

gen = parallel.map_articles(slow, (Article(id=str(i), text="x") for i in range(10_000)), jobs=2,
                            progress=False)
next(gen)  # left suspended, as when the signal lands while the caller writes a record
for child in multiprocessing.active_children():  # what a signal to the group does to them
    os.kill(child.pid, signal.SIGKILL)
time.sleep(0.5)  # by now the pool has forked replacements
real_exit = os._exit
os._exit = lambda status: (time.sleep(1.0), real_exit(status))  # widen the window for more
cli._stop_now(0)
"""


def test_leaving_on_a_signal_ends_the_pool_so_no_worker_outlives_the_process(tmp_path):
    """The pool of a suspended run is ended before its workers are killed (it would fork
    replacements for them, which then outlive the process: CI hung on one, stop 25)."""
    proc = subprocess.Popen([sys.executable, "-c", STRAY_SCRIPT], cwd=ROOT,
                            start_new_session=True)
    assert proc.wait(timeout=60) == 0
    assert not _strays(proc.pid), "a worker process outlived the process"


PIECES = ["Mr.", "Dr.", "x.", " ", "  ", "A", "b", "7", "_", ".", "!", "?", "...", "'", "\u201d",
          "\u00e9", "\u0661", "\n", "Etc."]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join), st.integers(0, 60),
       st.integers(0, 60))
def test_last_word_is_the_regex_answer(text, begin, end):
    """The backward scan finds the last run of \\w characters, as re.findall does."""
    begin, end = min(begin, len(text)), min(end, len(text))
    assert _last_word(text, begin, end) == (re.findall(r"\w+", text[begin:end]) or [""])[-1]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_sentence_spans_are_those_of_the_quadratic_spelling(text):
    assert sentence_spans(text) == _old_sentence_spans(text)


def _old_sentence_spans(text: str) -> list[tuple[int, int]]:
    """The splitter as it was before the linear-time rewrite (the reference)."""
    from analysis.text.sentences import ABBREVIATIONS

    end = re.compile(r"[.!?]+['\"\u2019\u201d)]*(?=\s+['\"\u2018\u201c(]?[A-Z0-9])")
    spans, begin = [], 0
    for m in end.finditer(text):
        word = re.findall(r"(\w+)\W*$", text[begin:m.start() + 1])
        if m.group().startswith(".") and word and word[-1].casefold() in ABBREVIATIONS:
            continue
        spans.append((begin, m.end()))
        begin = m.end()
        while begin < len(text) and text[begin].isspace():
            begin += 1
    if text[begin:].strip():
        spans.append((begin, len(text.rstrip())))
    return [(a, b) for a, b in spans if text[a:b].strip()]


spans_st = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 12), st.integers(0, 9)), max_size=8)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(spans_st, st.integers(0, 50), st.integers(1, 10))
def test_span_index_answers_as_a_linear_scan(raw, a, width):
    spans = [(s, s + w, k) for s, w, k in raw]
    b = a + width
    expected = next((s for s in spans if s[0] <= a and b <= s[1]), None)
    assert SpanIndex(spans).containing(a, b) == expected
