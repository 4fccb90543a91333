"""The main job on a student's own corpus: every notebook runs on it and a site is rendered."""
from __future__ import annotations

import json

import pytest

from analysis.errors import InputError
from analysis.report import build_report, notebook_paths
from conftest import ROOT

STUDENT_CORPUS = [
    {"id": "s1", "outlet": "Daily Example", "date": "2025-01-02",
     "text": "Council under fire over bin strikes\n\n"
             "The embattled council leader was hauled before a committee on Tuesday.\n\n"
             "\"We have let residents down,\" said opposition leader Jo Bloggs. \"He must resign.\"\n\n"
             "A council spokesman said: \"We are determined to fix this and recognise the complexities.\""},
    {"id": "s2", "outlet": "Weekly Sample", "date": "2025-01-03",
     "text": "Residents angry as rubbish piles up.\n\nThe council said it was working hard. "
             "Locals told the paper they had lost faith in the council."},
]


@pytest.mark.notebooks
def test_report_on_a_student_corpus(tmp_path):
    corpus = tmp_path / "student.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in STUDENT_CORPUS) + "\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in notebook_paths(ROOT / "notebooks")}
    index = build_report(corpus=str(corpus), out=str(tmp_path / "report"))
    assert index == tmp_path / "report" / "site" / "index.html"
    pages = sorted(p.name for p in (tmp_path / "report" / "site").glob("*.html"))
    assert pages == sorted([f"{n}.html" for n in (p.stem for p in notebook_paths(ROOT / "notebooks"))] +
                           ["index.html"])
    executed = (tmp_path / "report" / "notebooks" / "01_corpus.ipynb").read_text(encoding="utf-8")
    assert "Daily Example" in executed and "injected-parameters" in executed
    # the committed notebooks are left alone by a --corpus run
    assert {p.name: p.read_bytes() for p in notebook_paths(ROOT / "notebooks")} == before


def test_report_rejects_a_missing_corpus(tmp_path):
    with pytest.raises(InputError, match="no such file or directory"):
        build_report(corpus=str(tmp_path / "nope.csv"), out=str(tmp_path / "r"))


def test_report_rejects_unknown_notebooks():
    with pytest.raises(InputError, match="no such notebook"):
        build_report(only=["99_nope.ipynb"])
