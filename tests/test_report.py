"""The report follows its study: a second study for another target, on a small made-up corpus,
is analysed (`run`) and reported (`report --study`) with its own title, target and outlets and
no trace of the seed story; a corpus with no study gets no stance figure and is told how to
set a target."""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from analysis.report import build as report
from analysis.report import reportdata
from analysis.run.cli import main
from analysis.errors import InputError
from analysis.report.build import build_report, notebook_paths, plan_report
from conftest import ROOT, run_cli

#: Seed names that must never reach another study's tables, titles or pages (case-sensitive,
#: so that words like "met" in a template do not count).
SEED_NAMES = re.compile(r"\b(Met|Metropolitan|Rowley|Khan|Falter|MailOnline|Evening Standard|"
                        r"PA Media|Scotland Yard|Braverman|Sunak|Twist|Trafalgar|Hezbollah)\b|"
                        r"[Aa]ntisemit|met-police")
TITLE = "How two papers framed the Maplewood housing vote"
TARGET = "Maplewood City Council"

ARTICLES = [
    {"id": "h1", "outlet": "herald", "date": "2025-03-04",
     "headline": "Council approves rezoning despite tenant anger",
     "text": "Council approves rezoning despite tenant anger\n\n"
             "Maplewood City Council voted 7-4 on Monday night to rezone the Riverside district, "
             "a decision tenants called a betrayal.\n\n"
             "\"This council has abandoned the people it was elected to serve,\" said Councillor "
             "Priya Lindqvist, who voted against the plan. \"It is a disgrace.\"\n\n"
             "Mayor Dana Okafor defended the vote. \"We are building the homes this city needs, "
             "and we will protect every tenant,\" she said.\n\n"
             "The Riverside Tenants Association said the council had ignored hundreds of "
             "written objections."},
    {"id": "h2", "outlet": "herald", "date": "2025-03-06",
     "text": "Tenants vow to fight Riverside rezoning\n\n"
             "Tenants packed a church hall on Wednesday to plan their next step against the "
             "rezoning approved by Maplewood City Council.\n\n"
             "\"We will take this to court if we have to,\" said Omar Haddad, chair of the "
             "Riverside Tenants Association.\n\n"
             "Okafor said the council would publish its relocation plan within a month."},
    {"id": "p1", "outlet": "prairie", "date": "2025-03-04",
     "headline": "Maplewood rezoning passes",
     "text": "Maplewood rezoning passes\n\n"
             "Maplewood City Council approved the Riverside rezoning on Monday after a "
             "five-hour debate.\n\n"
             "Mayor Dana Okafor said: \"This plan doubles the affordable housing in Riverside. "
             "It is the right decision for the city.\"\n\n"
             "Councillor Priya Lindqvist said the council had rushed the vote."},
    {"id": "p2", "outlet": "prairie", "date": "2025-03-07",
     "text": "What the Riverside rezoning means for renters\n\n"
             "The rezoning allows towers of up to twelve storeys along the river.\n\n"
             "\"Nobody will be forced out,\" a council spokesperson said.\n\n"
             "Omar Haddad of the Riverside Tenants Association said renters were frightened."},
]

STUDY_YAML = f"""\
version: 1
title: {TITLE}
question: How did the two local papers frame the council's Riverside rezoning vote?
corpus: corpus.csv
outlets:
  - {{key: herald, label: The Harbour Herald}}
  - {{key: prairie, label: The Prairie Post}}
target:
  name: {TARGET}
  aliases: [Maplewood City Council, the council, council, Mayor Okafor, Okafor]
  actors: [dana_okafor, maplewood_council]
  allies: []
codebook: actors.yaml
lexicon:
  general: true
"""

ACTORS_YAML = """\
version: 1
groups: [council, opposition, residents, unknown]
actors:
  dana_okafor:
    name: Dana Okafor
    group: council
    type: person
    aliases: [Dana Okafor, Okafor]
    titles: [Mayor Dana Okafor, the mayor]
    unique: [Okafor, the mayor]
  maplewood_council:
    name: Maplewood City Council
    group: council
    type: organisation
    aliases: [Maplewood City Council]
    roles: [a council spokesperson]
  priya_lindqvist:
    name: Priya Lindqvist
    group: opposition
    type: person
    aliases: [Priya Lindqvist, Lindqvist]
    titles: [Councillor Priya Lindqvist]
    unique: [Lindqvist]
  tenants_association:
    name: Riverside Tenants Association
    group: residents
    type: organisation
    aliases: [Riverside Tenants Association]
  omar_haddad:
    name: Omar Haddad
    group: residents
    type: person
    aliases: [Omar Haddad, Haddad]
    unique: [Haddad]
"""


def make_study(root: Path) -> Path:
    """A study folder for another target, with its made-up corpus; return the folder."""
    study = root / "maplewood"
    study.mkdir(parents=True)
    with open(study / "corpus.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["id", "outlet", "date", "headline", "text"])
        writer.writeheader()
        for a in ARTICLES:
            writer.writerow({"headline": "", **a})
    (study / "study.yaml").write_text(STUDY_YAML, encoding="utf-8")
    (study / "actors.yaml").write_text(ACTORS_YAML, encoding="utf-8")
    return study


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The second study, its `run` results folder and its report (built once)."""
    base = tmp_path_factory.mktemp("second-study")
    study = make_study(base)
    before = {p.name: p.read_bytes() for p in notebook_paths(ROOT / "notebooks")}
    assert main(["run", "--study", str(study), "--out", str(base / "results")]) == 0
    index = build_report(study=str(study), out=str(base / "report"))
    return {"base": base, "study": study, "index": index, "before": before,
            "report": base / "report"}


def _texts(folder: Path, pattern: str) -> dict[str, str]:
    """The text of every file under `folder` matching `pattern`."""
    return {str(p.relative_to(folder)): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob(pattern)) if p.is_file()}


@pytest.mark.notebooks
def test_run_writes_the_second_study_tables_with_its_own_actors(built):
    results = reportdata.load_results(built["base"] / "results")
    assert results.manifest["study"]["title"] == TITLE
    st = results.statements
    assert {"dana_okafor", "priya_lindqvist"} <= set(st["actor"].dropna())
    assert set(st["group"].dropna()) <= {"council", "opposition", "residents", "unknown"}
    share_cols = {c for c in results.articles.columns if c.startswith("quoted_share_")}
    assert share_cols == {f"quoted_share_{g}" for g in ("council", "opposition", "residents",
                                                        "unknown")}
    assert set(st["stance"].dropna()) & {"critical", "defensive"}
    tables = _texts(built["base"] / "results", "*.csv")
    assert set(tables) >= {"articles.csv", "statements.csv", "hits.csv", "paragraphs.csv"}
    for name, text in tables.items():
        assert not SEED_NAMES.search(text), (name, SEED_NAMES.search(text).group(0))


@pytest.mark.notebooks
def test_report_of_the_second_study_follows_its_study(built):
    out = built["report"]
    assert built["index"] == out / "site" / "index.html"
    every = _texts(out / "site", "*.html")
    pages = {k: v for k, v in every.items() if "/" not in k}
    assert sorted(pages) == sorted([f"{p.stem}.html" for p in notebook_paths(ROOT / "notebooks")]
                                   + ["index.html"])
    index = pages["index.html"]
    assert f"<h1>{TITLE}</h1>" in index and TARGET in index
    assert "The Harbour Herald" in index and "The Prairie Post" in index
    # the package's documentation pages (docs/) may name the seed study as an example
    assert {"docs/methods.html", "docs/data_dictionary.html", "docs/studies.html",
            "articles/index.html"} <= set(every)
    for name, page in every.items():
        assert f"{TITLE}</title>" in page, name
        if name.startswith("docs/"):
            continue
        found = SEED_NAMES.search(page)
        assert not found, (name, found.group(0) if found else None)
    assert "The Harbour Herald" in pages["01_corpus.html"]
    assert f"toward {TARGET}" in pages["04_comparison.html"]
    assert "declares no events" in pages["04_comparison.html"]
    assert "has no hand coding" in pages["05_validation.html"]
    assert "authors&#x27; reading" not in pages["04_comparison.html"].lower()


@pytest.mark.notebooks
def test_report_of_the_second_study_writes_only_under_out(built):
    out = built["report"]
    assert (out / "outputs" / "results" / "manifest.json").is_file()
    assert (out / "outputs" / "04_comparison" / "critical_defensive.csv").is_file()
    for name, text in {**_texts(out / "outputs", "*.csv"), **_texts(out / "notebooks", "*.ipynb")
                       }.items():
        cells = text if not name.endswith(".ipynb") else json.dumps(
            [c["source"] for c in json.loads(text)["cells"]] +
            [c.get("outputs", []) for c in json.loads(text)["cells"]])
        found = SEED_NAMES.search(cells)
        assert not found, (name, found.group(0) if found else None)
    # the repository's own notebooks are left alone
    assert {p.name: p.read_bytes() for p in notebook_paths(ROOT / "notebooks")} == built["before"]


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
def test_a_corpus_without_a_study_has_no_target_and_is_told_how_to_set_one(tmp_path):
    corpus = tmp_path / "student.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in STUDENT_CORPUS) + "\n", encoding="utf-8")
    only = ["02_voices.ipynb", "04_comparison.ipynb"]
    index = build_report(corpus=str(corpus), out=str(tmp_path / "report"), only=only)
    assert index == tmp_path / "report" / "site" / "index.html"
    executed = (tmp_path / "report" / "notebooks" / "02_voices.ipynb").read_text(encoding="utf-8")
    assert "Daily Example" in executed and "injected-parameters" in executed
    page = (tmp_path / "report" / "site" / "04_comparison.html").read_text(encoding="utf-8")
    assert "No stance target is set" in page and "target:" in page
    figures = tmp_path / "report" / "outputs" / "04_comparison"
    assert not list(figures.glob("critical_defensive.*"))  # no stance figure without a target
    assert "no stance target is set" in index.read_text(encoding="utf-8")
    results = reportdata.load_results(tmp_path / "report" / "outputs" / "results")
    assert results.manifest["study"] is None
    assert set(results.statements["stance_rule"].dropna()) <= {"no_target"}


def test_plan_routes_the_seed_study_to_the_repository_and_others_under_out(tmp_path):
    seed = plan_report()
    assert seed.notebooks == report.NOTEBOOKS and seed.site == report.SITE
    assert seed.results == report.OUTPUTS / "results"
    assert seed.parameters["STUDY"].endswith(report.DEFAULT_STUDY.name)
    assert plan_report(study=str(report.DEFAULT_STUDY)).notebooks == report.NOTEBOOKS
    study = make_study(tmp_path)
    other = plan_report(study=str(study), out=str(tmp_path / "r"))
    assert other.site == tmp_path / "r" / "site" and other.parameters["STUDY"] == str(study)
    assert other.parameters["RESULTS"] == str(tmp_path / "r" / "outputs" / "results")
    corpus = plan_report(corpus=str(study / "corpus.csv"), out=str(tmp_path / "c"))
    assert corpus.study is None and corpus.parameters["STUDY"] == ""
    assert corpus.parameters["CORPUS"] == str(study / "corpus.csv")
    # the seed study on another corpus is not the repository's report either
    mixed = plan_report(corpus=str(study / "corpus.csv"), out=str(tmp_path / "m"),
                        study=str(report.DEFAULT_STUDY))
    assert mixed.notebooks == tmp_path / "m" / "notebooks"


def test_report_rejects_a_study_without_a_corpus(tmp_path):
    study = make_study(tmp_path)
    (study / "study.yaml").write_text(STUDY_YAML.replace("corpus: corpus.csv\n", ""),
                                      encoding="utf-8")
    with pytest.raises(InputError, match="names no corpus"):
        plan_report(study=str(study), out=str(tmp_path / "r"))


def test_report_rejects_a_missing_study(tmp_path):
    with pytest.raises(InputError, match="no such study folder"):
        build_report(study=str(tmp_path / "nope"), out=str(tmp_path / "r"))


def test_report_rejects_a_missing_corpus(tmp_path):
    with pytest.raises(InputError, match="no such file or directory"):
        build_report(corpus=str(tmp_path / "nope.csv"), out=str(tmp_path / "r"))


def test_report_rejects_unknown_notebooks():
    with pytest.raises(InputError, match="no such notebook"):
        build_report(only=["99_nope.ipynb"])


@pytest.fixture(scope="module")
def maplewood(tmp_path_factory):
    """The second study's report data (its results folder made once, no notebooks)."""
    from analysis.knowledge.bundle import knowledge_for
    from analysis.run.store import write_results

    base = tmp_path_factory.mktemp("maplewood-data")
    study = make_study(base)
    know = knowledge_for(study)
    write_results(list(know.study.corpus), know, base / "results", parquet=False)
    return reportdata.open_report(str(study), base / "results")


def test_report_data_follows_the_study(maplewood):
    d = maplewood
    assert d.title == TITLE and d.target == TARGET
    assert d.outlets == ["herald", "prairie"]
    assert d.labels == {"h1": "h1 The Harbour Herald", "h2": "h2 The Harbour Herald",
                        "p1": "p1 The Prairie Post", "p2": "p2 The Prairie Post"}
    assert d.describe() == ("4 articles from 2 outlets (The Harbour Herald, The Prairie Post); "
                            f"stance is coded toward {TARGET}.")
    assert d.reading() == "" and not d.has_events and d.evaluation is None
    assert reportdata.validation(d) is None and reportdata.event_comparisons(d) == []


def test_report_tables_use_the_codebook_groups_and_article_labels(maplewood):
    shares = reportdata.quoted_shares(maplewood)
    assert list(shares.index) == list(maplewood.labels.values())
    assert set(shares.columns) <= {"council", "opposition", "residents", "unknown"}
    assert "council" in shares.columns
    sums = shares.sum(axis=1)
    assert all(abs(s - 1) < 1e-9 or s == 0 for s in sums)
    sizes = reportdata.size_table(maplewood)
    assert list(sizes["article_id"]) == ["h1", "h2", "p1", "p2"]
    assert (sizes["characters"] == [len(a["text"]) for a in ARTICLES]).all()
    counts = reportdata.stance_counts(maplewood)
    assert list(counts.columns) == ["critical actors", "defensive actors", "critical statements",
                                    "defensive statements"]
    voice = reportdata.loaded_voice(maplewood)
    assert list(voice.index) == list(maplewood.labels.values())


def test_general_knowledge_report_data_has_no_target(tmp_path):
    from analysis.knowledge.bundle import knowledge_for
    from analysis.run.store import write_results

    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in STUDENT_CORPUS) + "\n", encoding="utf-8")
    write_results([corpus], knowledge_for(None), tmp_path / "res", parquet=False)
    d = reportdata.open_report("", tmp_path / "res", str(corpus))
    assert d.target is None and d.study is None and d.title == "Framing analysis of c.jsonl"
    assert d.labels == {"s1": "s1 Daily Example", "s2": "s2 Weekly Sample"}
    assert "no stance target is set" in d.describe()
    assert d.groups[-1] == "unknown"
    assert "target:" in reportdata.NO_TARGET


def test_records_turn_missing_cells_into_none():
    import pandas as pd

    frame = pd.DataFrame({"a": [1.0, float("nan")], "b": ["x", None]})
    assert reportdata.records(frame) == [{"a": 1.0, "b": "x"}, {"a": None, "b": None}]


def test_report_skip_bad_reports_and_skips_bad_articles(tmp_path):
    corpus = tmp_path / "c.csv"
    corpus.write_text('id,text,outlet\na1,"Officials said the plan works. ""It is fine,"" said '
                      'Ann Lee.",X\na1,"a repeat",X\na2,,X\n', encoding="utf-8")
    args = ["report", "--corpus", str(corpus), "--only", "01_corpus.ipynb"]
    res = run_cli(*args, "--out", str(tmp_path / "strict"))
    assert res.returncode == 2 and "duplicate article id 'a1'" in res.stderr
    assert not (tmp_path / "strict" / "site").exists()
    res = run_cli(*args, "--out", str(tmp_path / "lenient"), "--skip-bad")
    assert res.returncode == 0, res.stderr
    assert "skipped: duplicate article id 'a1'" in res.stderr and "skipped:" in res.stderr
    assert (tmp_path / "lenient" / "site" / "index.html").is_file()


@pytest.mark.notebooks
def test_the_frames_notebook_runs_on_a_corpus_without_a_study(tmp_path):
    corpus = tmp_path / "student.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in STUDENT_CORPUS) + "\n", encoding="utf-8")
    build_report(corpus=str(corpus), out=str(tmp_path / "report"), only=["06_frames.ipynb"])
    page = (tmp_path / "report" / "site" / "06_frames.html").read_text(encoding="utf-8")
    assert "no hand coding of the frame items" in page and "Who is blamed" in page
    figures = tmp_path / "report" / "outputs" / "06_frames"
    for name in ("frame_shares", "frame_scores"):
        assert all((figures / f"{name}.{ext}").is_file() for ext in ("png", "svg", "csv"))


def test_figures_pool_per_outlet_for_a_large_corpus(maplewood, monkeypatch):
    d = maplewood
    assert reportdata.figure_unit(d) == "article"
    monkeypatch.setattr(reportdata, "FIGURE_ARTICLES", 3)
    assert reportdata.figure_unit(d) == "outlet"
    arts = d.results.articles.set_index("article_id")
    herald, prairie = ["h1", "h2"], ["p1", "p2"]
    names = ["The Harbour Herald", "The Prairie Post"]
    rates = reportdata.loaded_rates(d, "outlet")
    assert list(rates.index) == names
    hits = d.results.hits
    for name, ids in zip(names, (herald, prairie)):
        n = int(hits["article_id"].isin(ids).sum())
        assert abs(rates.loc[name].sum() - round(1000 * n / arts.loc[ids, "words"].sum(), 2)) < 0.05
    voice = reportdata.loaded_voice(d, "outlet")
    assert voice.to_numpy().sum() == len(hits)
    choice = reportdata.word_choice_rates(d, "outlet")
    assert list(choice.columns) == ["loaded_per_1k", "evaluative_per_1k"]
    for name, ids in zip(names, (herald, prairie)):
        pooled = 1000 * arts.loc[ids, "evaluative_words"].sum() / arts.loc[ids, "words"].sum()
        assert abs(choice.loc[name, "evaluative_per_1k"] - pooled) < 0.006
    shares = reportdata.quoted_shares(d, "outlet")
    assert list(shares.index) == names
    assert all(abs(s - 1) < 1e-9 or s == 0 for s in shares.fillna(0).sum(axis=1))
    counts = reportdata.stance_counts(d, "outlet")
    assert abs(counts.loc[names[0], "critical statements"]
               - arts.loc[herald, "critical_statements"].mean()) < 1e-9
    sizes = reportdata.size_figure_table(d, reportdata.size_table(d), "outlet")
    assert abs(sizes.loc[names[1], "words"] - arts.loc[prairie, "words"].mean()) < 1e-9
    with pytest.raises(ValueError):
        reportdata.loaded_rates(d, "event")


def test_event_articles_and_event_panels_follow_the_event_ids(maplewood):
    import copy

    d = copy.copy(maplewood)
    d.results = copy.copy(maplewood.results)
    assert reportdata.event_panels(d) == {} or "event_id" in d.results.articles.columns
    arts = d.results.articles.copy()
    arts["event_id"] = ["vote", "budget", "vote", ""]
    d.results.articles = arts
    assert reportdata.event_articles(d, "vote") == ["h1", "p1"]
    assert reportdata.event_articles(d, "none") == []
    panels = reportdata.event_panels(d)
    assert "Loaded terms per 1,000 words" in panels
    table = panels["Loaded terms per 1,000 words"]
    assert list(table.columns) == ["herald", "prairie"] and "vote" in table.index
    long = reportdata.event_panels_long(panels, ["vote"])
    assert set(long["event"]) == {"vote"} and long["value"].notna().all()


def test_report_rejects_a_negative_number_of_article_pages():
    from conftest import run_cli

    r = run_cli("report", "--article-pages", "-1")
    assert r.returncode == 2 and "--article-pages" in r.stderr
