"""The results store: every table once, as CSV and Parquet, with a manifest; same folder on every path."""
from __future__ import annotations

import json

import pytest

from analysis.run.cli import main
from analysis.errors import InputError
from analysis.knowledge.bundle import knowledge_for
from analysis.run.store import MANIFEST, TABLES, load_results, write_results
from conftest import ROOT, SEEDS

SEED_STUDY = ROOT / "studies" / "met-police-2024"


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """The seed study analysed once, in one process."""
    out = tmp_path_factory.mktemp("store") / "results"
    write_results([SEEDS], knowledge_for(SEED_STUDY), out)
    return out


def test_every_table_is_written_as_csv_and_parquet_with_a_manifest(results):
    for t in TABLES:
        assert (results / f"{t}.csv").is_file() and (results / f"{t}.parquet").is_file()
    manifest = json.loads((results / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["study"]["name"] == "met-police-2024" and len(manifest["study"]["sha256"]) == 64
    assert {i["path"].rsplit("/", 1)[-1] for i in manifest["inputs"]} >= {"articles.csv"}
    back = load_results(results)
    assert manifest["rows"] == {t: len(back.tables[t]) for t in TABLES}
    assert list(back.articles["article_id"]) == ["000", "001", "002"]  # ids stay text


def test_the_articles_table_is_the_metrics_table(results, capsys):
    import csv
    import io

    assert main(["metrics", "--study", str(SEED_STUDY), "--no-progress"]) == 0
    metrics = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    with open(results / "articles.csv", encoding="utf-8", newline="") as fh:
        stored = list(csv.DictReader(fh))
    assert [{k: r[k] for k in metrics[0]} for r in stored] == metrics


def test_parallel_and_dask_runs_give_the_same_folder(results, tmp_path):
    pytest.importorskip("dask")
    know = knowledge_for(SEED_STUDY)
    write_results([SEEDS], know, tmp_path / "jobs", jobs=2)
    write_results([SEEDS], know, tmp_path / "dask", dask=True, scheduler="synchronous")
    for other in ("jobs", "dask"):
        for name in [f"{t}.csv" for t in TABLES] + [MANIFEST]:
            assert (tmp_path / other / name).read_bytes() == (results / name).read_bytes(), (other, name)


def test_an_output_folder_overlapping_an_input_or_holding_other_files_is_refused(tmp_path):
    know = knowledge_for(SEED_STUDY)
    with pytest.raises(InputError, match="overlaps an input"):
        write_results([SEEDS], know, SEEDS / "results")
    other = tmp_path / "notes"
    other.mkdir()
    (other / "mine.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(InputError, match="not a results folder"):
        write_results([SEEDS], know, other)
    assert (other / "mine.txt").read_text(encoding="utf-8") == "keep"


def test_a_failed_run_leaves_no_folder(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "1", "text": "fine text."}\n{"id": 2\n', encoding="utf-8")
    with pytest.raises(InputError):
        write_results([bad], knowledge_for(None), tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.jsonl"]


def test_the_frames_table_is_the_frames_command(results, capsys):
    import csv
    import io

    assert main(["frames", "--study", str(SEED_STUDY), "--no-progress"]) == 0
    cli = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    with open(results / "frames.csv", encoding="utf-8", newline="") as fh:
        assert list(csv.DictReader(fh)) == cli


def test_frame_evidence_and_entman_tables_point_into_the_articles(results):
    from analysis.corpus.readers import read_corpus
    from analysis.measures.frames import EVIDENCE_FIELDS
    from analysis.measures.frametables import ENTMAN_TABLE_FIELDS

    back = load_results(results)
    texts = {a.id: a for a in read_corpus([SEEDS])}
    ev, en = back.frame_evidence, back.entman
    assert list(ev.columns) == EVIDENCE_FIELDS and list(en.columns) == ENTMAN_TABLE_FIELDS
    assert set(ev["answer"]) <= {"yes", "no"} and len(en)
    for r in ev.dropna(subset=["start"]).itertuples():
        assert texts[r.article_id].text[int(r.start):int(r.end)] == r.text
    for r in en.itertuples():
        a = texts[r.article_id]
        assert a.text[r.start:r.end] == r.text
        para = a.paragraphs[r.paragraph]
        assert para.start <= r.start < para.end
    assert set(en["function"]) <= {"problem", "cause", "moral", "remedy"}
    # the seed study names a target, so some cause or remedy is laid at its door
    assert "target" in set(en["agent_type"])
