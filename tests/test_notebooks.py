"""The seed study's report: its results folder and every notebook re-made from scratch change no
committed byte, and the notebooks' own cells stay generic (no seed name)."""
from __future__ import annotations

import contextlib
import filecmp
import re

import nbformat
import pytest

from analysis.errors import InputError
from analysis.knowledge.bundle import knowledge_for
from analysis.report.build import (DEFAULT_STUDY, RESULTS_DIR, execute, notebook_paths, render_site,
                             seed_parameters)
from analysis.run.store import write_results
from conftest import ROOT

NOTEBOOKS = notebook_paths(ROOT / "notebooks")
COMMITTED_RESULTS = ROOT / "outputs" / RESULTS_DIR
#: Names of the seed story that must not appear in the notebooks' own (generic) cells.
SEED_NAMES = re.compile(r"\b(Met|Metropolitan|Rowley|Khan|Falter|MailOnline|Evening Standard|"
                        r"PA Media|Scotland Yard|CAA|Braverman|Sunak|Twist|Trafalgar|Hezbollah|"
                        r"Gaza)\b|antisemit|Palestin|Jewish", re.IGNORECASE)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """A copy of the project layout the notebooks expect, with the seed study's results made
    afresh in its outputs/ folder (as ``make report`` makes them)."""
    base = tmp_path_factory.mktemp("layout")
    for name in ("seeds", "studies"):
        (base / name).symlink_to(ROOT / name)
    (base / "notebooks").mkdir()
    (base / "outputs").mkdir()
    know = knowledge_for(DEFAULT_STUDY)
    with contextlib.chdir(ROOT):  # the manifest names inputs relative to the repository
        write_results(list(know.study.corpus), know, base / "outputs" / RESULTS_DIR)
    return base


def test_there_are_numbered_notebooks():
    assert NOTEBOOKS and NOTEBOOKS[0].name.startswith("01_")


@pytest.mark.notebooks
def test_seed_results_are_committed_and_current(scratch):
    fresh = scratch / "outputs" / RESULTS_DIR
    names = sorted(p.name for p in fresh.iterdir())
    assert "manifest.json" in names and "statements.csv" in names
    for name in names:
        committed = COMMITTED_RESULTS / name
        assert committed.exists(), f"{committed} is not committed: run `make report`"
        assert filecmp.cmp(fresh / name, committed, shallow=False), (
            f"outputs/{RESULTS_DIR}/{name} is stale: commit the output of `make report`")


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_and_is_byte_identical_to_the_committed_one(scratch, path):
    dst = scratch / "notebooks" / path.name
    execute(path, dst, seed_parameters(scratch), cwd=scratch / "notebooks")
    nb = nbformat.read(str(dst), as_version=4)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
    assert dst.read_bytes() == path.read_bytes(), (
        f"{path.name} changed when re-run: commit the output of `make report` (or find the "
        "non-deterministic output)")
    produced = scratch / "outputs" / path.stem
    if produced.exists():
        for f in sorted(p for p in produced.rglob("*") if p.is_file()):  # sub-folders too
            committed = ROOT / "outputs" / path.stem / f.relative_to(produced)
            assert committed.exists(), f"{committed} is not committed"
            assert filecmp.cmp(f, committed, shallow=False), f"{f.name} differs from the committed copy"


def test_seed_parameters_are_relative_to_the_notebooks_folder(tmp_path):
    params = seed_parameters(tmp_path)
    assert params == seed_parameters()
    assert params["STUDY"] == "../studies/" + DEFAULT_STUDY.name
    assert params["RESULTS"] == f"../outputs/{RESULTS_DIR}" and params["CORPUS"] == ""


def test_a_failing_cell_fails_the_build(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("raise ValueError('broken cell')")]
    src = tmp_path / "01_broken.ipynb"
    nbformat.write(nb, str(src))
    with pytest.raises(InputError, match="01_broken.ipynb: cell 2 raised ValueError: broken cell"):
        execute(src, tmp_path / "out.ipynb")


def test_site_index_links_every_notebook_and_loads_nothing_remote(tmp_path):
    index = render_site(NOTEBOOKS[:1], tmp_path / "site", title="A study of bridges")
    html = index.read_text(encoding="utf-8")
    assert f'href="{NOTEBOOKS[0].stem}.html"' in html
    assert "<title>A study of bridges</title>" in html and "<h1>A study of bridges</h1>" in html
    page = (tmp_path / "site" / f"{NOTEBOOKS[0].stem}.html").read_text(encoding="utf-8")
    assert '<script src="http' not in page and "require.min.js" not in page
    assert "A study of bridges</title>" in page


def test_notebooks_have_a_parameters_cell():
    for path in NOTEBOOKS:
        nb = nbformat.read(str(path), as_version=4)
        tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, path.name
        for name in ("STUDY", "RESULTS", "CORPUS", "OUTPUT_DIR"):
            assert f"{name} = " in tagged[0].source, (path.name, name)


def test_notebook_cells_name_no_seed_story():
    """Prose and code are generic: the seed story reaches a notebook only through its outputs
    and the parameters the report injects."""
    for path in NOTEBOOKS:
        nb = nbformat.read(str(path), as_version=4)
        for cell in nb.cells:
            if "injected-parameters" in cell.metadata.get("tags", []):
                continue
            found = SEED_NAMES.search(cell.source)
            assert not found, f"{path.name} cell {cell.id} names {found.group(0)!r}"


def test_notebooks_read_the_results_folder_not_the_engine():
    engine = re.compile(r"\b(metrics_frame|statements_frame|lexicon_frame|passives_frame|"
                        r"quotes_frame|read_corpus|validation_tables)\b")
    for path in NOTEBOOKS:
        nb = nbformat.read(str(path), as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not engine.search(cell.source), (path.name, cell.id)
