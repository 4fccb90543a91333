"""Data files are read with errors that name the file; verb classes come from one parser."""
from __future__ import annotations

import pytest

from analysis.quotes.actors import load_codebook
from analysis.measures.agency import load_agency_words
from analysis.knowledge.datafiles import read_csv_rows, read_yaml
from analysis.errors import DataFileError
from analysis.corpus.events import load_events
from analysis.measures.stance import cue_class, load_rules, load_verb_classes


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


@pytest.mark.parametrize("content, message, line", [
    (None, "cannot read", None),
    (b"a: [1, 2\n", "not valid YAML", 2),
    (b"a: \xff\n", "not a UTF-8 file", None),
])
def test_yaml_errors_name_the_file_and_line(tmp_path, content, message, line):
    f = tmp_path / "rules.yaml"
    if content is not None:
        f.write_bytes(content)
    with pytest.raises(DataFileError, match=message) as err:
        read_yaml(str(f))
    assert str(f) in str(err.value) and err.value.line == line


@pytest.mark.parametrize("loader", [load_rules, load_codebook, load_events, load_agency_words])
def test_every_yaml_data_file_reports_a_missing_file(tmp_path, loader):
    with pytest.raises(DataFileError, match="cannot read"):
        loader(str(tmp_path / "missing.yaml"))


def test_every_packaged_data_file_is_found_by_one_helper():
    """The modules' default data paths all come from datafiles.packaged and exist."""
    from pathlib import Path

    from analysis.measures import lexicon
    from analysis.quotes import actors, attribution
    from analysis.knowledge.datafiles import packaged

    assert actors.default_path() == packaged("actors.yaml")
    assert attribution._verbs_path() == packaged("reporting_verbs.csv")
    assert lexicon.general_path() == packaged("loaded_terms.csv")
    for name in ("actors.yaml", "reporting_verbs.csv", "loaded_terms.csv", "stance_rules.yaml",
                 "agency.yaml"):
        assert Path(packaged(name)).is_file(), name


def test_the_seed_story_files_are_not_packaged():
    """Events, overrides and the seed lexicon belong to the seed study, not to the package."""
    from pathlib import Path

    from analysis.knowledge.datafiles import packaged
    from conftest import SEED_STUDY

    for name in ("events.yaml", "stance_overrides.csv", "lexicon.csv"):
        assert not Path(packaged(name)).exists(), name
        assert (SEED_STUDY / name).is_file(), name
