"""Corpus readers: every input form, metadata kept, and a clear error for each bad input."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from analysis.corpus.readers import iter_corpus, make_article, read_corpus, word_count
from analysis.errors import InputError

TEXT = "First paragraph, said the source.\n\nSecond one here.\n"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_single_txt_file(tmp_path):
    f = tmp_path / "story.txt"
    f.write_text(TEXT, encoding="utf-8")
    (art,) = read_corpus(f)
    assert art.id == "story"
    assert art.text == TEXT
    assert [p.text for p in art.paragraphs] == ["First paragraph, said the source.", "Second one here."]
    for p in art.paragraphs:
        assert art.text[p.start:p.end] == p.text


def test_directory_of_txt_sorted_with_stem_ids(tmp_path):
    (tmp_path / "b.txt").write_text("Bee text.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Ay text.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    assert [a.id for a in read_corpus(tmp_path)] == ["a", "b"]


def test_seed_directory_uses_manifest(seeds):
    assert sorted(seeds) == ["000", "001", "002"]
    assert seeds["000"].outlet == "Evening Standard"
    assert seeds["001"].outlet == "MailOnline"
    assert seeds["002"].outlet == "PA Media"
    assert seeds["002"].headline.startswith("London mayor Sadiq Khan to meet Met Commissioner")
    assert seeds["000"].meta["date_inferred"] == "yes"


def test_csv_keeps_extra_columns(tmp_path):
    f = tmp_path / "c.csv"
    f.write_text('id,text,outlet,date,section\nx1,"Hello, world.\nNext para.",The Paper,2024-01-02,news\n',
                 encoding="utf-8")
    (art,) = read_corpus(f)
    assert art.id == "x1"
    assert art.outlet == "The Paper"
    assert art.meta["section"] == "news"
    assert art.meta["date"] == "2024-01-02"
    assert len(art.paragraphs) == 2


def test_jsonl_keeps_extra_fields(tmp_path):
    f = tmp_path / "c.jsonl"
    rows = [{"id": "j1", "text": "One.", "outlet": "O", "tags": ["a"]}, {"id": 2, "text": "Two."}]
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    arts = read_corpus(f)
    assert [a.id for a in arts] == ["j1", "2"]
    assert arts[0].meta["tags"] == ["a"]


def test_several_inputs_in_one_call(tmp_path):
    (tmp_path / "a.txt").write_text("A.", encoding="utf-8")
    j = tmp_path / "b.jsonl"
    j.write_text(json.dumps({"id": "b", "text": "B."}) + "\n", encoding="utf-8")
    assert [a.id for a in read_corpus([tmp_path / "a.txt", j])] == ["a", "b"]


def test_bom_is_dropped_and_crlf_offsets_hold(tmp_path):
    f = tmp_path / "w.txt"
    f.write_bytes("\ufeffLine one.\r\n\r\nLine two.\r\n".encode("utf-8"))
    (art,) = read_corpus(f)
    assert not art.text.startswith("\ufeff")
    assert [p.text for p in art.paragraphs] == ["Line one.", "Line two."]
    for p in art.paragraphs:
        assert art.text[p.start:p.end] == p.text


def test_encoding_option(tmp_path):
    f = tmp_path / "latin.txt"
    f.write_bytes("Caf\xe9 society.".encode("cp1252"))
    with pytest.raises(InputError, match=r"latin\.txt: not valid utf-8 at byte offset 3"):
        read_corpus(f)
    (art,) = read_corpus(f, encoding="cp1252")
    assert art.text == "Café society."


@pytest.mark.parametrize("name, content, message", [
    ("bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", r"binary"),
    ("empty.txt", b"   \n\n", r"is empty"),
    ("nocol.csv", b"id,body\n1,hello\n", r"needs columns 'id' and 'text'; missing \['text'\]"),
    ("noid.csv", b"text\nhello\n", r"missing \['id'\]"),
    ("bad.jsonl", b'{"id": "a", "text": "ok"}\n{"id": "b", "text": \n', r"bad\.jsonl:2: malformed JSON"),
    ("notobj.jsonl", b'["a", "b"]\n', r"notobj\.jsonl:1: expected a JSON object"),
    ("notext.jsonl", b'{"id": "a"}\n', r"notext\.jsonl:1: no 'text' field"),
    ("emptyjson.jsonl", b'{"id": "a", "text": ""}\n', r"emptyjson\.jsonl:1: article 'a' is empty"),
    ("blank.jsonl", b"\n\n", r"no articles"),
    ("header.csv", b"id,text\n", r"header only"),
    ("data.xlsx", b"PK\x03\x04", r"unsupported input"),
    ("badutf.jsonl", b'{"id": "a", "text": "ok"}\n{"id": "b", "text": "caf\xe9"}\n',
     r"badutf\.jsonl: line 2: not valid utf-8 at byte offset 50"),
])
def test_bad_input_messages(tmp_path, name, content, message):
    f = tmp_path / name
    f.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_corpus(f)


def test_duplicate_ids_are_rejected(tmp_path):
    f = tmp_path / "d.csv"
    f.write_text("id,text\n1,One.\n1,Again.\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"duplicate article id '1'"):
        read_corpus(f)


def test_missing_path_and_empty_directory(tmp_path):
    with pytest.raises(InputError, match="no such file or directory"):
        read_corpus(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory has no .txt articles"):
        read_corpus(tmp_path)


def test_skip_bad_reports_each_item_and_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text("Fine text.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "latin.txt").write_bytes(b"caf\xe9")
    reported: list[str] = []
    arts = read_corpus(tmp_path, skip_bad=True, report=reported.append)
    assert [a.id for a in arts] == ["good"]
    assert len(reported) == 2
    assert any("empty.txt" in r and "is empty" in r for r in reported)
    assert any("latin.txt" in r and "byte offset 3" in r for r in reported)


def test_skip_bad_still_fails_when_nothing_is_left(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="every item was skipped"):
        read_corpus(tmp_path, skip_bad=True, report=lambda m: None)


def test_inputs_are_never_modified(tmp_path):
    files = {n: tmp_path / n for n in ("a.txt", "b.csv", "c.jsonl")}
    files["a.txt"].write_text("A text.\r\n", encoding="utf-8")
    files["b.csv"].write_text("id,text\nb,B text.\n", encoding="utf-8")
    files["c.jsonl"].write_text('{"id": "c", "text": "C."}\n', encoding="utf-8")
    before = {n: _digest(p) for n, p in files.items()}
    read_corpus(list(files.values()))
    assert {n: _digest(p) for n, p in files.items()} == before


def test_streaming_reader_is_lazy(tmp_path):
    f = tmp_path / "big.jsonl"
    f.write_text(json.dumps({"id": "1", "text": "ok"}) + "\nnot json\n", encoding="utf-8")
    it = iter_corpus(f)
    assert next(it).id == "1"  # the first article arrives before the bad line is read
    with pytest.raises(InputError, match="big.jsonl:2"):
        next(it)


def test_make_article_and_word_count():
    art = make_article("x", "Headline without stop\n\nBody text here, it’s well-known.")
    assert art.paragraphs[0].role == "headline"
    assert word_count("Body text here, it’s well-known.") == 5
