"""Hostile text through every public function and command: nothing escapes, offsets hold,
answers repeat.

Text is generated from fragments that break naive parsers: unbalanced and nested quote
marks of every style, control characters, NUL bytes, right-to-left text, emoji, a BOM,
Windows and old-Mac line endings, punctuation-only lines; plus one 10 MB line.  For every
result: no exception, ``0 <= start <= end <= len(text)`` and ``text[start:end]`` is the
record's text, and the same input twice gives the same output.
"""
from __future__ import annotations

import csv
import importlib
import io
import json
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEED_ARGS, SEED_STUDY, run_cli

from analysis.corpus.cleaning import classify_paragraphs, split_paragraphs
from analysis.corpus.readers import make_article
from analysis.measures.readability import readability

QUOTES = ["“", "”", "‘", "’", '"', "'", "``", "''", "«", "»", "‹", "›", "„", "‚", "「", "」"]
FRAGMENTS = QUOTES + [
    " ", "  ", "\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\t", "\x00", "\ufeff", "\x0b", "\x0c",
    "\x1b[31m", "\u2028", "\u2029", "\u200f", "\u202e", "\x85",
    "said", " said ", "told the BBC", "according to", "He said:", ", she said.", "Mr Smith said",
    "The minister", "Sir Mark Rowley", "police", "Hamas", "antisemitism", ".", "...", "…", "!?",
    ",", ":", ";", "-", "—", "(", ")", "[", "]", "(Getty Images)", "(pictured)",
    "שלום עולם", "مرحبا بالعالم", "😀", "👩‍👩‍👧", "🇬🇧", "e\u0301", "ﬁ", "Ⅻ", "٣", "𝔘𝔫𝔦",
    "We will not resign.", "“We will not resign,” he said.", "‘scare’ words",
    "“Nested ‘inner “deep” quote’ here,” said X.", "«Guillemets» dit-il.", "``TeX'' quotes",
]
HOSTILE_CHARS = "".join(set("".join(FRAGMENTS))) + "abcXYZ019 .,;:!?"

hostile_text = st.one_of(
    st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(alphabet=HOSTILE_CHARS, max_size=12),
                       st.text(max_size=8)), max_size=40).map("".join),
    st.text(max_size=200),
    st.text(alphabet=".,;:!?…—-()[]\"'“”‘’«» \n", max_size=120),  # only punctuation
)

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _module_function(module: str, name: str):
    """A public function named by module and attribute, as a test parameter."""
    return pytest.param(module, name, id=f"{module}.{name}")


def _seed_knowledge():
    """The seed study's knowledge (codebook, target, cues): the fullest analysis path."""
    from analysis.knowledge.bundle import knowledge_for

    return knowledge_for(SEED_STUDY)


def _call(name: str, func, art, knowledge):
    """A per-article function under a study's knowledge (None: general knowledge)."""
    if knowledge is None:
        return func(art)
    if name == "article_row":
        return func(art, knowledge=knowledge)
    return func(art, knowledge.codebook)


#: General knowledge (no study) and the seed study's, as test parameters.
STUDIES = pytest.mark.parametrize("study", [None, "seed"], ids=["general", "seed"])


def _check_span(text: str, start, end, piece: str | None = None) -> None:
    assert isinstance(start, int) and isinstance(end, int)
    assert 0 <= start <= end <= len(text), (start, end, len(text))
    if piece is not None:
        assert text[start:end] == piece


def _check_paragraphs(text: str, paragraphs) -> None:
    for i, p in enumerate(paragraphs):
        assert p.index == i
        _check_span(text, p.start, p.end, p.text)
        assert p.text == p.text.strip() and p.text
        assert "\n" not in p.text and "\r" not in p.text


def _check_statements(text: str, statements) -> None:
    for s in statements:
        _check_span(text, s.start, s.end, s.text)
        if s.speaker_start is not None or s.speaker_end is not None:
            _check_span(text, s.speaker_start, s.speaker_end)
        assert s.kind in ("full", "partial", "scare", "indirect")


def _same(a, b) -> bool:
    """Equality that treats NaN as equal to NaN (for metric rows)."""
    return json.dumps(a, sort_keys=True, default=repr) == json.dumps(b, sort_keys=True, default=repr)


# -- pure functions ----------------------------------------------------------------------
@SETTINGS
@given(hostile_text)
def test_split_and_classify_paragraphs(text):
    paras = split_paragraphs(text)
    _check_paragraphs(text, paras)
    for headline in (None, "Some headline", text[:30]):
        classified = classify_paragraphs(paras, headline=headline)
        assert [(p.start, p.end, p.text) for p in classified] == [(p.start, p.end, p.text) for p in paras]
        assert all(p.role in ("headline", "body", "caption", "duplicate") for p in classified)
        assert classify_paragraphs(paras, headline=headline) == classified


@SETTINGS
@given(hostile_text, st.one_of(st.none(), hostile_text))
def test_make_article(text, headline):
    meta = {"headline": headline} if headline is not None else {}
    art = make_article("x", text, meta)
    assert art.text == text
    _check_paragraphs(text, art.paragraphs)
    assert make_article("x", text, meta) == art


@SETTINGS
@given(hostile_text)
def test_readability(text):
    r = readability(text)
    assert set(r) == {"flesch_reading_ease", "flesch_kincaid_grade"}
    assert all(isinstance(v, float) and not math.isinf(v) for v in r.values())
    assert _same(readability(text), r)


@pytest.mark.parametrize("module, name", [_module_function("analysis.quotes.engine", "extract_statements")])
@SETTINGS
@given(text=hostile_text)
def test_extract_statements(module, name, text):
    extract = getattr(importlib.import_module(module), name)
    stmts = extract(text, article_id="x")
    _check_statements(text, stmts)
    assert extract(text, article_id="x") == stmts
    paras = split_paragraphs(text)
    with_paras = extract(text, paragraphs=paras, article_id="x")
    _check_statements(text, with_paras)
    assert extract(text, paragraphs=paras, article_id="x") == with_paras


@pytest.mark.parametrize("module, name", [_module_function("analysis.quotes.engine", "article_statements"),
                                          _module_function("analysis.quotes.engine", "quote_records"),
                                          _module_function("analysis.measures.metrics", "article_row")])
@STUDIES
@SETTINGS
@given(text=hostile_text)
def test_article_level_functions(module, name, study, text):
    func = getattr(importlib.import_module(module), name)
    know = _seed_knowledge() if study else None
    art = make_article("x", text, {"outlet": "O"})
    out = _call(name, func, art, know)
    assert _same(_call(name, func, make_article("x", text, {"outlet": "O"}), know), out)
    if name == "article_statements":
        _check_statements(text, out)
    elif name == "quote_records":
        for rec in out:
            _check_span(text, rec["start"], rec["end"], rec["text"])
    else:
        assert isinstance(out, dict) and out


# -- one very long line ------------------------------------------------------------------
def _ten_megabytes() -> str:
    unit = ("The minister said “we will act” and ‘they’ replied «non» — 😀 שלום, "
            "\"unbalanced ‘nested “quotes\x00 and more words here. ")
    return (unit * (10_000_000 // len(unit) + 1))[:10_000_000]


@pytest.fixture(scope="module")
def huge() -> str:
    return _ten_megabytes()


def test_ten_megabytes_without_a_newline_core(huge):
    art = make_article("big", huge)
    assert len(art.paragraphs) == 1
    _check_paragraphs(huge, art.paragraphs)
    r = readability(huge[:1_000_000])  # textstat is slow; a megabyte shows it copes
    assert all(isinstance(v, float) for v in r.values())


@pytest.mark.parametrize("module, name", [_module_function("analysis.quotes.engine", "article_statements"),
                                          _module_function("analysis.measures.metrics", "article_row")])
def test_ten_megabytes_without_a_newline_analysis(huge, module, name):
    func = getattr(importlib.import_module(module), name)
    # statements with the seed codebook (speaker resolution), the row with general knowledge
    # (the general lexicon): each path once, to keep the time down
    know = _seed_knowledge() if name == "article_statements" else None
    out = _call(name, func, make_article("big", huge), know)
    if name == "article_statements":
        _check_statements(huge, out)


# -- the commands, through files -----------------------------------------------------------
HOSTILE_ARTICLES = {
    "bom_crlf": "\ufeffHeadline with BOM\r\n\r\n“Unbalanced opening, said the mayor.\r\n\r\nLast line’s end.\r\n",
    "nested": "“She said ‘he said “no” twice’ and left,” the officer said.\n\n«Bien», dit-il. ``TeX'' too.",
    "punct": "...!!!???\n\n“”‘’\"''«»\n\n—–-",
    "controls": "Line\x00one\x1b[0m said \x0bthe\x0cman.\n\n\u202eReversed\u202c “quote\x00” he said.",
    "rtl_emoji": "שלום “עולם” אמר 😀\n\nمرحبا «بالعالم» قال 👩‍👩‍👧 🇬🇧",
    "lone_cr": "First\rSecond “quote” said X.\rThird.",
    "single": "'Tis the season', he said. 'Unclosed",
}


def _write_corpus(tmp_path):
    d = tmp_path / "txt"
    d.mkdir()
    for name, text in HOSTILE_ARTICLES.items():
        if "\x00" not in text:  # NUL bytes in a .txt file mean "binary"; they go via JSONL
            (d / f"{name}.txt").write_bytes(text.encode("utf-8"))
    j = tmp_path / "hostile.jsonl"
    j.write_text("".join(json.dumps({"id": f"j_{k}", "text": v}) + "\n" for k, v in HOSTILE_ARTICLES.items()),
                 encoding="utf-8")
    return [str(d), str(j)]


def _texts():
    out = {}
    for k, v in HOSTILE_ARTICLES.items():
        out[f"j_{k}"] = v
        if "\x00" not in v:
            out[k] = v[1:] if v.startswith("\ufeff") else v  # the reader drops a BOM
    return out


def _check_table(command: str, stdout: str, texts: dict[str, str]) -> None:
    if command == "metrics":
        rows = list(csv.DictReader(io.StringIO(stdout)))
        assert sorted(r["article_id"] for r in rows) == sorted(texts)
        return
    rows = [json.loads(line) for line in stdout.splitlines()]
    for r in rows:
        _check_span(texts[r["article_id"]], r["start"], r["end"], r["text"])


@pytest.mark.parametrize("command, study", [("corpus", ()), ("quotes", ()), ("metrics", ()),
                                            ("quotes", SEED_ARGS), ("metrics", SEED_ARGS)],
                         ids=["corpus", "quotes", "metrics", "quotes-seed", "metrics-seed"])
def test_commands_on_hostile_files(tmp_path, command, study):
    inputs = _write_corpus(tmp_path)
    fmt = "csv" if command == "metrics" else "jsonl"
    outs = []
    for jobs in ("1", "2", "1"):
        out = tmp_path / f"out{len(outs)}.{fmt}"
        res = run_cli(command, *inputs, *study, "--format", fmt, "-o", str(out), "--jobs", jobs)
        assert res.returncode == 0, res.stderr
        assert "Traceback" not in res.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] == outs[2]  # deterministic, and the same on two processes
    _check_table(command, outs[0].decode("utf-8"), _texts())


# -- adversarial inputs of issue 17 (small sizes; bench/adversarial.py checks linear time) --
def _adversarial():
    """The input generators of bench/adversarial.py (one definition for both)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "bench" / "adversarial.py"
    spec = importlib.util.spec_from_file_location("bench_adversarial", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.INPUTS


ADVERSARIAL = _adversarial()


@STUDIES
@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_inputs_through_the_analysis(name, study):
    from analysis.measures.metrics import article_row
    from analysis.quotes.engine import article_statements

    know = _seed_knowledge() if study else None
    text = ADVERSARIAL[name](4000)
    art = make_article(name, text)
    statements = _call("article_statements", article_statements, art, know)
    _check_statements(text, statements)
    assert _same(_call("article_row", article_row, art, know),
                 _call("article_row", article_row, make_article(name, text), know))


def test_a_run_of_stops_is_one_sentence_end():
    from analysis.text.sentences import sentence_spans

    text = ADVERSARIAL["dot_run"](3000) + ". Next one."
    assert sentence_spans(text) == [(0, len(text) - len(" Next one.")), (len(text) - 9, len(text))]


def test_abbreviations_do_not_end_the_sentence():
    from analysis.text.sentences import sentence_spans

    text = ADVERSARIAL["abbreviations"](3000)
    assert sentence_spans(text) == [(0, len(text))]


def test_adversarial_inputs_through_the_commands(tmp_path):
    path = tmp_path / "adversarial.jsonl"
    path.write_text("".join(json.dumps({"id": k, "text": f(3000)}) + "\n"
                            for k, f in sorted(ADVERSARIAL.items())), encoding="utf-8")
    for study in ((), SEED_ARGS):
        res = run_cli("metrics", str(path), *study)
        assert res.returncode == 0, res.stderr
        assert sorted(r["article_id"] for r in csv.DictReader(io.StringIO(res.stdout))) == \
            sorted(ADVERSARIAL)
