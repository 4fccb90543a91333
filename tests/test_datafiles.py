"""Data files are read with errors that name the file; verb classes come from one parser."""
from __future__ import annotations

import pytest

from analysis.datafiles import read_csv_rows
from analysis.errors import DataFileError
from analysis.stance import cue_class, load_verb_classes


def test_reads_rows(tmp_path):
    f = tmp_path / "x.csv"
    f.write_text('a,b\n"1, one",2\n', encoding="utf-8")
    assert read_csv_rows(str(f)) == [["a", "b"], ["1, one", "2"]]


@pytest.mark.parametrize("content, message", [(None, "cannot read"), (b"a,b\n\xff\xfe,1\n", "not a UTF-8 CSV")])
def test_unreadable_files_name_the_file(tmp_path, content, message):
    f = tmp_path / "lexicon.csv"
    if content is not None:
        f.write_bytes(content)
    with pytest.raises(DataFileError, match=message) as err:
        read_csv_rows(str(f))
    assert str(f) in str(err.value)


def test_verb_classes_cover_lemmas_and_forms():
    classes = load_verb_classes()
    assert classes["said"] == classes["say"] == "neutral"
    assert classes["claimed"] == classes["claim"] == "evaluative"
    assert cue_class("insisted") == "evaluative" and cue_class(":") == "none"
    assert cue_class("harrumphed") == "unlisted"
