"""Notebook 6's views: frames and Entman's agents by outlet with intervals, and the evidence
with the study's hand coding, all cut from a results folder."""
from __future__ import annotations

import csv
import json

import pytest

from analysis.measures.framecues import FRAMES
from analysis.report import frameviews, reportdata
from analysis.run.store import write_results
from analysis.knowledge.bundle import knowledge_for
from conftest import SEED_EVALUATION, SEED_STUDY, SEEDS

CORPUS = [
    {"id": "a1", "outlet": "North Post",
     "text": "Floods hit the town\n\nCritics blame the government for the damage.\n\n"
             "\"The council failed us,\" said resident Jane Smith. \"They must fix the drains.\""},
    {"id": "a2", "outlet": "North Post",
     "text": "Roads reopen\n\nThe roads reopened on Monday after the storm."},
    {"id": "a3", "outlet": "South Star",
     "text": "Storm costs soar\n\nThe storm will cost $5 million, the minister said. "
             "Banks are to blame for the losses, campaigners said."},
]


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    """The seed study's results folder, opened as the report opens it."""
    out = tmp_path_factory.mktemp("fv") / "results"
    write_results([SEEDS], knowledge_for(SEED_STUDY), out)
    return reportdata.open_report(SEED_STUDY, out, "")


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    """A small corpus with no study, two outlets."""
    base = tmp_path_factory.mktemp("fv-plain")
    corpus = base / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in CORPUS) + "\n", encoding="utf-8")
    write_results([corpus], knowledge_for(None), base / "results")
    return reportdata.open_report("", base / "results", corpus)


def test_frame_shares_and_scores_are_the_outlets_means(plain):
    tables = frameviews.frame_outlets(plain, resamples=200)
    frames = frameviews.frame_articles(plain)
    assert len(tables["shares"]) == len(tables["scores"]) == 2 * len(FRAMES)
    for table, col in ((tables["shares"], "{}"), (tables["scores"], "{}_score")):
        for r in table.itertuples():
            frame = next(f for f in FRAMES if r.measure.endswith(f) or r.measure == f"{f}_score")
            mine = frames[frames["outlet"] == r.outlet][col.format(frame)]
            assert r.pooled == pytest.approx(mine.mean()) and r.articles == len(mine)
            assert r.pooled_low <= r.pooled <= r.pooled_high


def test_who_is_blamed_counts_articles_per_kind_of_agent(plain):
    blamed = frameviews.agent_outlets(plain, "cause", resamples=200)
    en = plain.results.entman
    cause = en[(en["function"] == "cause") & (en["agent_type"].fillna("") != "")]
    assert len(cause) and "target" not in set(cause["agent_type"])  # no study, no target
    for r in blamed.itertuples():
        kind = r.measure.removeprefix("cause_")
        outlet_ids = set(plain.results.articles.loc[plain.results.articles["outlet"] == r.outlet,
                                                     "article_id"])
        naming = set(cause.loc[cause["agent_type"] == kind, "article_id"]) & outlet_ids
        assert r.numerator == len(naming) and r.denominator == len(outlet_ids)
    table = frameviews.agent_table(plain, "cause")
    assert list(table.columns) == ["Outlet", "Agent", "Found as", "Sentences", "Articles"]
    assert set(table["Outlet"]) <= {"North Post", "South Star"} and len(table)


def test_without_hand_coding_the_evidence_is_the_yes_answers(plain):
    assert frameviews.hand_agreement(plain) is None
    ev = frameviews.evidence_table(plain)
    yes = plain.results.frame_evidence
    yes = yes[yes["answer"] == "yes"][["article_id", "item"]].drop_duplicates()
    assert len(ev) == len(yes) and set(ev["Program"]) <= {"yes"} and set(ev["Coder"]) == {"–"}


def test_the_seed_evidence_sits_beside_the_hand_coding(seed):
    with open(SEED_EVALUATION / "seeds_frames.csv", encoding="utf-8", newline="") as fh:
        gold = {(r["article_id"], r["item"]): r["answer"] for r in csv.DictReader(fh)}
    ev = frameviews.evidence_table(seed, limit=1000)
    assert len(ev) == len(gold)
    assert all((row["Agree"] == "yes") == (row["Program"] == row["Coder"])
               for row in ev.to_dict("records"))
    frames = seed.results.frames.set_index("article_id")
    auto = {k: "yes" if frames.loc[k[0], k[1]] else "no" for k in gold}
    agree = frameviews.hand_agreement(seed)
    assert agree["n"] == len(gold)
    assert agree["percent"] == pytest.approx(sum(auto[k] == gold[k] for k in gold) / len(gold))
    assert "target" in set(frameviews.agent_outlets(seed, "cause", resamples=50)["measure"]
                           .str.removeprefix("cause_"))


def test_a_results_folder_without_frames_is_recognised(plain):
    tables = dict(plain.results.tables)
    tables.pop("entman")
    old = reportdata.ReportData(type(plain.results)(plain.results.folder, plain.results.manifest,
                                                    tables), plain.knowledge, plain.corpus)
    assert frameviews.has_frames(plain) and not frameviews.has_frames(old)
