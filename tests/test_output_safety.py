"""-o never loses data: not onto an input, through devices, FIFOs and links, keeping protection and mode."""
from __future__ import annotations

import os
import shutil
import stat
import threading

import pytest

from analysis.run.cli import main
from analysis.errors import InputError
from analysis.run.output import open_output
from conftest import SEEDS

SEED = SEEDS / "000_578284434b8c49a5.txt"
ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="making device nodes needs root")



@pytest.fixture()
def article(tmp_path):
    """A copy of seed 000 in a temporary folder."""
    dst = tmp_path / "a.txt"
    shutil.copyfile(SEED, dst)
    return dst


def test_output_naming_the_input_is_refused(article, capsys):
    before = article.read_bytes()
    assert main(["corpus", str(article), "-o", str(article)]) == 2
    assert "the output is also an input" in capsys.readouterr().err
    assert article.read_bytes() == before


def test_output_reaching_the_input_by_another_path_or_link_is_refused(article, tmp_path, capsys):
    before = article.read_bytes()
    (tmp_path / "sub").mkdir()
    link = tmp_path / "link.txt"
    link.symlink_to(article)
    hard = tmp_path / "hard.txt"
    os.link(article, hard)
    for out in (tmp_path / "sub" / ".." / "a.txt", link, hard):
        assert main(["corpus", str(article), "-o", str(out)]) == 2, out
        assert "the output is also an input" in capsys.readouterr().err
    assert main(["corpus", str(link), "-o", str(article)]) == 2
    assert article.read_bytes() == before and link.is_symlink()


def test_output_onto_a_directory_manifest_or_article_is_refused(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copyfile(SEED, corpus / "a.txt")
    (corpus / "articles.csv").write_text("file,outlet\na.txt,X\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in corpus.iterdir()}
    for name in ("articles.csv", "a.txt", "new.txt"):  # a new .txt would join the corpus
        assert main(["corpus", str(corpus), "-o", str(corpus / name)]) == 2, name
        assert "the output is also an input" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == before


def test_write_protected_file_is_not_replaced(article, tmp_path, capsys):
    out = tmp_path / "out.csv"
    out.write_text("keep me\n", encoding="utf-8")
    out.chmod(0o444)
    assert main(["corpus", str(article), "-o", str(out)]) == 2
    assert "write-protected" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "keep me\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o444


def test_existing_file_keeps_its_mode_and_new_file_follows_the_umask(article, tmp_path):
    old = tmp_path / "old.csv"
    old.write_text("x\n", encoding="utf-8")
    old.chmod(0o640)
    assert main(["corpus", str(article), "-o", str(old)]) == 0
    assert stat.S_IMODE(old.stat().st_mode) == 0o640
    assert old.read_text(encoding="utf-8").startswith("article_id,")
    mask = os.umask(0o022)
    try:
        new = tmp_path / "new.csv"
        assert main(["corpus", str(article), "-o", str(new)]) == 0
    finally:
        os.umask(mask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o644


def test_hard_links_survive(article, tmp_path):
    out = tmp_path / "out.csv"
    out.write_text("x\n", encoding="utf-8")
    twin = tmp_path / "twin.csv"
    os.link(out, twin)
    assert main(["corpus", str(article), "-o", str(out)]) == 0
    assert os.path.samefile(out, twin)
    assert twin.read_text(encoding="utf-8").startswith("article_id,")


def test_symlinked_output_updates_its_target_and_keeps_the_link(article, tmp_path):
    real = tmp_path / "results" / "real.csv"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "results.csv"
    link.symlink_to(real)
    assert main(["corpus", str(article), "-o", str(link)]) == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("article_id,")
    assert sorted(p.name for p in real.parent.iterdir()) == ["real.csv"]  # no .part left


def test_fifo_is_written_through(article, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    status = main(["corpus", str(article), "-o", str(fifo)])
    reader.join(timeout=30)
    if reader.is_alive():  # nothing was written to the FIFO: unblock the reader
        with open(fifo, "wb"):
            pass
        reader.join(timeout=30)
    assert status == 0
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got and got[0].startswith(b"article_id,")


@ROOT_ONLY
def test_character_devices_stay_devices(article, tmp_path, capsys):
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    assert main(["corpus", str(article), "-o", str(null)]) == 0
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    full = tmp_path / "full"
    os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    assert main(["corpus", str(article), "-o", str(full)]) == 2
    err = capsys.readouterr().err
    assert f"{full}: cannot write" in err and "No space left" in err and ".part" not in err
    assert stat.S_ISCHR(os.lstat(full).st_mode)


def test_directory_as_output_is_a_one_line_error(article, tmp_path, capsys):
    assert main(["corpus", str(article), "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert "is a directory" in err and "\n" not in err


def test_failed_write_through_a_link_leaves_the_target(tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    with pytest.raises(RuntimeError):
        with open_output(link) as fh:
            fh.write("partial")
            raise RuntimeError("boom")
    assert real.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "real.csv"]


def test_report_out_onto_the_repository_is_refused(tmp_path, monkeypatch):
    import nbformat

    from analysis.report import build as report

    repo = tmp_path / "repo"  # a stand-in repository, so a failure cannot touch the real one
    (repo / "notebooks").mkdir(parents=True)
    nbformat.write(nbformat.v4.new_notebook(), str(repo / "notebooks" / "01_x.ipynb"))
    before = (repo / "notebooks" / "01_x.ipynb").read_bytes()
    for name in ("NOTEBOOKS", "OUTPUTS", "SITE"):
        monkeypatch.setattr(report, name, repo / name.lower())
    for out in (str(repo), str(repo / "notebooks" / "..")):
        with pytest.raises(InputError, match="would overwrite the repository's own notebooks/"):
            report.build_report(corpus=str(SEED), out=out)
    assert (repo / "notebooks" / "01_x.ipynb").read_bytes() == before
    assert sorted(p.name for p in repo.iterdir()) == ["notebooks"]
