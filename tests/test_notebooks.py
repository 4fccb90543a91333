"""Every notebook executes top to bottom, and re-running it changes no byte of what is committed."""
from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import nbformat
import pytest

from analysis.errors import InputError
from analysis.report import execute, notebook_paths, render_site
from conftest import ROOT

NOTEBOOKS = notebook_paths(ROOT / "notebooks")


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """A copy of the project layout the notebooks expect, with a fresh outputs/ folder."""
    base = tmp_path_factory.mktemp("layout")
    for name in ("seeds", "evaluation"):
        if (ROOT / name).exists():
            (base / name).symlink_to(ROOT / name)
    (base / "notebooks").mkdir()
    (base / "outputs").mkdir()
    return base


def test_there_are_numbered_notebooks():
    assert NOTEBOOKS and NOTEBOOKS[0].name.startswith("01_")


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_and_is_byte_identical_to_the_committed_one(scratch, path):
    dst = scratch / "notebooks" / path.name
    execute(path, dst, cwd=scratch / "notebooks")
    nb = nbformat.read(str(dst), as_version=4)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
    assert dst.read_bytes() == path.read_bytes(), (
        f"{path.name} changed when re-run: commit the output of `make report` (or find the "
        "non-deterministic output)")
    produced = scratch / "outputs" / path.stem
    if produced.exists():
        for f in sorted(produced.iterdir()):
            committed = ROOT / "outputs" / path.stem / f.name
            assert committed.exists(), f"{committed} is not committed"
            assert filecmp.cmp(f, committed, shallow=False), f"{f.name} differs from the committed copy"


def test_a_failing_cell_fails_the_build(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("raise ValueError('broken cell')")]
    src = tmp_path / "01_broken.ipynb"
    nbformat.write(nb, str(src))
    with pytest.raises(InputError, match="01_broken.ipynb: cell 2 raised ValueError: broken cell"):
        execute(src, tmp_path / "out.ipynb")


def test_site_index_links_every_notebook_and_loads_nothing_remote(tmp_path):
    index = render_site(NOTEBOOKS[:1], tmp_path / "site")
    html = index.read_text(encoding="utf-8")
    assert f'href="{NOTEBOOKS[0].stem}.html"' in html
    page = (tmp_path / "site" / f"{NOTEBOOKS[0].stem}.html").read_text(encoding="utf-8")
    assert '<script src="http' not in page and "require.min.js" not in page


def test_notebooks_have_a_parameters_cell():
    for path in NOTEBOOKS:
        nb = nbformat.read(str(path), as_version=4)
        tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, path.name
        assert "CORPUS" in tagged[0].source
