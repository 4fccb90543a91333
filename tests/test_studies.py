"""Studies: the study.yaml schema, loading and cross-file checks, ``new-study``, a second study
for another target driven through the commands, and codebook matching that cannot leak.

These are schema and behaviour tests, separate from the seed study's golden tests: every study
here is built in a temporary folder (the seed study is used only to show that its codebook no
longer leaks into foreign text).  Also: the package's code and general data name nothing of
the seed story.
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from analysis.quotes.actors import load_codebook, parse_codebook
from analysis.errors import DataFileError, InputError
from analysis.knowledge.bundle import general_knowledge, knowledge_for
from analysis.knowledge.newstudy import new_study
from analysis.knowledge.study import MEASURES, Study, load_study
from conftest import ROOT, SEED_CODEBOOK, SEED_STUDY, run_cli

# -- a small made-up corpus about another institution ---------------------------------------
#: Three short articles about a (fictional) Canadian city council, with quotes.  They use
#: words the seed codebook once matched in foreign text: a "Mark", a "Prime Minister", a
#: "task force", a "Commissioner", a "Mayor".
ARTICLES = {
    "a1": ("Harbour Gazette", "2025-03-02", "Maplewood council faces calls to resign over audit",
           "Maplewood council faces calls to resign over audit\n\n"
           "Maplewood City Council is under pressure after an audit found errors in its housing "
           "programme.\n\n"
           "Councillor Luc Tremblay said: \u201cThe council should resign. These mistakes have "
           "cost families their homes.\u201d\n\n"
           "Mayor Jane Okafor said the council was \u201cdetermined to fix every file\u201d.\n\n"
           "\u201cWe have a difficult job, and we will publish the audit in full,\u201d a city "
           "spokesperson said.\n\n"
           "The Integrity Commissioner said she would review the file.\n"),
    "a2": ("Prairie Ledger", "2025-03-04", "Housing audit: task force named",
           "Housing audit: task force named\n\n"
           "The task force on housing met on Monday, weeks after the audit of Maplewood City "
           "Council.\n\n"
           "Mark Lavoie, who chairs a tenants' group, said: \u201cPeople have lost confidence in "
           "the council. Nobody answers our letters.\u201d\n\n"
           "Tremblay told reporters: \u201cThis is a failure of leadership at city hall.\u201d\n\n"
           "The Prime Minister was asked about the audit in Ottawa but did not comment.\n"),
    "a3": ("Harbour Gazette", "2025-03-05", "Mayor defends council after audit",
           "Mayor defends council after audit\n\n"
           "Mayor Jane Okafor defended the council on Tuesday.\n\n"
           "\u201cOur staff showed courage in a hard year, and we will not walk away,\u201d Ms "
           "Okafor said.\n\n"
           "Priya Natarajan, a tenant on Elm Street, said: \u201cI just want my repairs done "
           "before winter.\u201d\n\n"
           "The council will vote on the plan next week.\n"),
}

#: The study's own codebook for the council story.
COUNCIL_CODEBOOK = """\
version: 1
groups: [council, critics, public, unknown]
actors:
  city_council:
    name: Maplewood City Council
    group: council
    type: organisation
    aliases: [Maplewood City Council]
    titles: [the council, city hall]
    roles: [city spokesperson, council spokesperson]
    unique: [the council]
  jane_okafor:
    name: Jane Okafor
    group: council
    type: person
    aliases: [Jane Okafor, Okafor]
    titles: [Mayor Jane Okafor]
    unique: [Okafor]
  luc_tremblay:
    name: Luc Tremblay
    group: critics
    type: person
    aliases: [Luc Tremblay, Tremblay]
    titles: [Councillor Luc Tremblay]
    unique: [Tremblay]
  mark_lavoie:
    name: Mark Lavoie
    group: critics
    type: person
    aliases: [Mark Lavoie, Lavoie]
  priya_natarajan:
    name: Priya Natarajan
    group: public
    type: person
    aliases: [Priya Natarajan]
"""

#: Names of the seed story that must never appear in another study's outputs or in the
#: package (whole words, case-sensitive).
SEED_NAMES = ("Rowley", "Sadiq", "Khan", "Falter", "Met", "Metropolitan", "Metropolitan Police",
              "Scotland Yard", "Sunak", "Braverman", "Cleverly", "Hezbollah", "Trafalgar",
              "Gideon", "Mark Rowley", "CAA", "Campaign Against Antisemitism", "the Met",
              "MailOnline", "Evening Standard")


def _seed_vocabulary() -> tuple[str, ...]:
    """The seed names plus every actor id and named actor of the seed study's codebook."""
    cb = load_codebook(SEED_CODEBOOK)
    names = [a.name for a in cb.actors.values() if "(unnamed)" not in a.name]
    groups = [g for g in cb.groups if g not in ("unknown", "public", "media")]
    return tuple(dict.fromkeys(SEED_NAMES + tuple(cb.actors) + tuple(names) + tuple(groups)))


def _whole_words(names) -> re.Pattern[str]:
    """A case-sensitive pattern matching any of the names as whole words."""
    alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alts})(?![\w])")


def _seed_hits(text: str) -> list[str]:
    """Seed names found in a text."""
    return sorted({m.group(0) for m in _whole_words(_seed_vocabulary()).finditer(text)})


def write_corpus(folder: Path, manifest: bool = True, event_ids: dict[str, str] | None = None) -> Path:
    """The council corpus as a folder of .txt files with an articles.csv manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for aid, (outlet, date, headline, text) in ARTICLES.items():
        (folder / f"{aid}.txt").write_text(text, encoding="utf-8")
        rows.append({"id": aid, "file": f"{aid}.txt", "outlet": outlet, "date": date,
                     "headline": headline, "event_id": (event_ids or {}).get(aid, "")})
    if manifest:
        cols = ["id", "file", "outlet", "date", "headline"] + (["event_id"] if event_ids else [])
        with open(folder / "articles.csv", "w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=cols, extrasaction="ignore")
            w.writeheader()
            w.writerows(rows)
    return folder


STUDY_YAML = """\
version: 1
title: How two papers framed the Maplewood housing audit
question: Who is quoted first, and how critical are the voices toward the council?
corpus: corpus
outlets:
  - Harbour Gazette
  - {key: Prairie Ledger, label: The Prairie Ledger}
target:
  name: Maplewood City Council
  aliases: [Maplewood City Council, the council, city hall]
  actors: [city_council, jane_okafor]
  allies: []
codebook: actors.yaml
"""


def write_study(root: Path, study_yaml: str = STUDY_YAML, codebook: str = COUNCIL_CODEBOOK,
                **files: str) -> Path:
    """A complete council study in ``root`` (corpus, codebook, study.yaml, extra files)."""
    write_corpus(root / "corpus")
    (root / "actors.yaml").write_text(codebook, encoding="utf-8")
    for name, text in files.items():
        path = root / name.replace("__", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "study.yaml").write_text(study_yaml, encoding="utf-8")
    return root


def _error(root: Path) -> DataFileError:
    """The DataFileError of loading a study folder."""
    with pytest.raises(DataFileError) as err:
        load_study(root)
    return err.value


# -- study.yaml: a valid study ----------------------------------------------------------------
def test_a_valid_study_loads_with_its_fields(tmp_path):
    study = load_study(write_study(tmp_path / "council"))
    assert isinstance(study, Study) and study.name == "council"
    assert study.title == "How two papers framed the Maplewood housing audit"
    assert study.question.startswith("Who is quoted first")
    assert study.corpus == ((tmp_path / "council" / "corpus").resolve(),)
    assert study.outlet_order() == ["Harbour Gazette", "Prairie Ledger"]
    assert study.outlet_label("Prairie Ledger") == "The Prairie Ledger"
    assert study.outlet_label("Harbour Gazette") == "Harbour Gazette"
    assert study.outlet_label("Elsewhere Times") == "Elsewhere Times"
    t = study.target
    assert (t.name, t.aliases, t.actor_ids, t.allies) == (
        "Maplewood City Council", ("Maplewood City Council", "the council", "city hall"),
        ("city_council", "jane_okafor"), ())
    assert study.measures == MEASURES
    assert study.codebook == (tmp_path / "council" / "actors.yaml").resolve()
    assert study.events is None and study.evaluation is None and study.stance_rules is None


def test_a_study_loads_from_its_study_yaml_path_too(tmp_path):
    root = write_study(tmp_path / "council")
    assert load_study(root / "study.yaml") == load_study(root)


def test_the_digest_covers_the_study_files(tmp_path):
    root = write_study(tmp_path / "council")
    before = load_study(root).digest()
    assert before == load_study(root).digest() and len(before) == 64
    (root / "actors.yaml").write_text(COUNCIL_CODEBOOK + "# a comment\n", encoding="utf-8")
    assert load_study(root).digest() != before


def test_a_minimal_study_needs_only_version_and_title(tmp_path):
    (tmp_path / "study.yaml").write_text("version: 1\ntitle: Bare\n", encoding="utf-8")
    study = load_study(tmp_path)
    assert study.target is None and study.corpus == () and study.codebook is None
    know = knowledge_for(study)
    assert not know.has_target and know.codebook.actors == {} and know.events == {}
    assert know.entries == general_knowledge().entries  # the general lexicon by default


# -- study.yaml: errors name the file and the field --------------------------------------------
def _replace(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` replaced once (which must be there)."""
    assert old in text, old
    return text.replace(old, new, 1)


@pytest.mark.parametrize("edit, field", [
    (lambda t: _replace(t, "title: How two papers framed the Maplewood housing audit\n", ""),
     "title"),
    (lambda t: _replace(t, "title: How two papers framed the Maplewood housing audit",
                        "title: [How, two]"), "title"),
    (lambda t: _replace(t, "version: 1", "version: 2"), "version"),
    (lambda t: _replace(t, "corpus: corpus", "corpus: no_such_corpus"), "corpus"),
    (lambda t: _replace(t, "codebook: actors.yaml", "codebook: no_such_codebook.yaml"), "codebook"),
    (lambda t: t + "events: no_such_events.yaml\n", "events"),
    (lambda t: t + "agency: no_such_agency.yaml\n", "agency"),
    (lambda t: t + "reading: no_such_reading.md\n", "reading"),
    (lambda t: t + "evaluation: no_such_folder\n", "evaluation"),
    (lambda t: t + "stance:\n  rules: no_such_rules.yaml\n", "stance.rules"),
    (lambda t: t + "stance:\n  overrides: no_such_overrides.csv\n", "stance.overrides"),
    (lambda t: t + "stance:\n  colour: x\n", "stance"),
    (lambda t: t + "lexicon:\n  additions: no_such_lexicon.csv\n", "lexicon.additions"),
    (lambda t: t + "lexicon:\n  general: maybe\n", "lexicon.general"),
    (lambda t: t + "measures: [loaded, sentiment]\n", "measures"),
    (lambda t: _replace(t, "  - Harbour Gazette\n", "  - Harbour Gazette\n  - 7\n"), "outlets[1]"),
    (lambda t: _replace(t, "  - Harbour Gazette\n", "  - {label: No key}\n"), "outlets[0]"),
    (lambda t: _replace(t, "  - Harbour Gazette\n", "  - Harbour Gazette\n  - Harbour Gazette\n"),
     "outlets"),
    (lambda t: _replace(t, "label: The Prairie Ledger", "label: [The, Ledger]"),
     "outlets[1].label"),
    (lambda t: _replace(t, "outlets:\n  - Harbour Gazette\n  - {key: Prairie Ledger, label: The "
                           "Prairie Ledger}\n", "outlets: Harbour Gazette\n"), "outlets"),
    (lambda t: _replace(t, "  allies: []\n", "  allies: []\n  colour: red\n"), "target"),
    (lambda t: _replace(t, "  name: Maplewood City Council\n", ""), "target.name"),
    (lambda t: _replace(t, "  name: Maplewood City Council\n", "  name: ''\n"), "target.name"),
    (lambda t: _replace(t, "actors: [city_council, jane_okafor]", "actors: [city_councl]"),
     "target.actors"),
    (lambda t: _replace(t, "actors: [city_council, jane_okafor]", "actors: [City Council]"),
     "target.actors"),
    (lambda t: _replace(t, "allies: []", "allies: [tenants_union]"), "target.allies"),
    (lambda t: _replace(t, "aliases: [Maplewood City Council, the council, city hall]",
                        "aliases: [Maplewood City Council, '']"), "target.aliases"),
])
def test_study_errors_name_the_file_and_the_field(tmp_path, edit, field):
    root = write_study(tmp_path / "council")
    text = edit(STUDY_YAML)
    (root / "study.yaml").write_text(text, encoding="utf-8")
    err = _error(root)
    assert str(root / "study.yaml") in str(err)
    assert err.field == field, str(err)
    assert repr(field) in str(err) or field in str(err)


def test_an_unknown_key_names_its_line(tmp_path):
    root = write_study(tmp_path / "council", STUDY_YAML + "colour: red\n")
    err = _error(root)
    assert err.field == "colour" and err.line == STUDY_YAML.count("\n") + 1


def test_a_misspelt_target_actor_names_the_codebook(tmp_path):
    text = _replace(STUDY_YAML, "actors: [city_council, jane_okafor]", "actors: [jane_okafr]")
    err = _error(write_study(tmp_path / "council", text))
    assert "'jane_okafr'" in str(err) and "actors.yaml" in str(err)
    assert err.field == "target.actors"


def test_a_manifest_event_id_must_be_an_event_of_the_study(tmp_path):
    events = ("version: 1\nevents:\n  - id: audit_2025\n    label: The housing audit\n"
              "    keywords: [audit]\n")
    root = write_study(tmp_path / "council", STUDY_YAML + "events: events.yaml\n",
                       **{"events.yaml": events})
    write_corpus(root / "corpus", event_ids={"a1": "audit_2025", "a2": "audit_2025"})
    assert set(knowledge_for(load_study(root)).events) == {"audit_2025"}
    write_corpus(root / "corpus", event_ids={"a1": "audit_2025", "a2": "budget_vote_2025"})
    err = _error(root)
    manifest = root / "corpus" / "articles.csv"
    assert str(manifest.resolve()) in str(err) or str(manifest) in str(err)
    assert err.field == "event_id" and err.line == 3 and "'budget_vote_2025'" in str(err)


def test_event_ids_are_checked_only_against_an_events_file(tmp_path):
    """A corpus may carry event ids before its study has an events file (as new-study writes
    it); once the study gives one, every id must be in it."""
    root = write_study(tmp_path / "council")
    write_corpus(root / "corpus", event_ids={"a3": "budget_vote_2025"})
    assert load_study(root).events is None
    events = ("version: 1\nevents:\n  - id: audit_2025\n    label: The housing audit\n"
              "    keywords: [audit]\n")
    (root / "events.yaml").write_text(events, encoding="utf-8")
    (root / "study.yaml").write_text(STUDY_YAML + "events: events.yaml\n", encoding="utf-8")
    err = _error(root)
    assert err.field == "event_id" and err.line == 4


def test_the_study_rules_are_checked_against_the_study_codebook(tmp_path):
    rules = ("version: 1\nincident_actors: [bylaw_officer]\ncues:\n  critical: [resign*]\n"
             "  defensive: [courage]\n")
    text = STUDY_YAML + "stance:\n  rules: rules.yaml\n"
    err = _error(write_study(tmp_path / "council", text, **{"rules.yaml": rules}))
    assert "rules.yaml" in str(err) and err.field == "incident_actors"
    assert "'bylaw_officer'" in str(err)


def test_a_bad_codebook_of_a_study_names_the_codebook(tmp_path):
    bad = _replace(COUNCIL_CODEBOOK, "    group: public\n", "    group: residents\n")
    err = _error(write_study(tmp_path / "council", codebook=bad))
    assert "actors.yaml" in str(err) and err.field == "actors.priya_natarajan.group"


@pytest.mark.parametrize("make", ["missing", "no_yaml"])
def test_not_a_study_is_an_input_error(tmp_path, make):
    folder = tmp_path / "nothing"
    if make == "no_yaml":
        folder.mkdir()
    with pytest.raises(InputError, match="nothing"):
        load_study(folder)


# -- what a study's knowledge is ----------------------------------------------------------------
def test_knowledge_for_none_is_the_general_knowledge():
    general = knowledge_for(None)
    assert general is general_knowledge() and general.study is None and general.label == "general"
    assert not general.has_target and general.groups == ("unknown",)
    assert general.codebook.actors == {} and general.events == {} and general.overrides == ()
    assert general.agency.incident_forms == {}


def test_knowledge_of_a_study(tmp_path):
    root = write_study(tmp_path / "council")
    know = knowledge_for(str(root))
    assert know == knowledge_for(load_study(root))
    assert know.label == "council" and know.has_target
    assert know.groups == ("council", "critics", "public", "unknown")
    assert know.rules.target_name == "Maplewood City Council"
    assert know.rules.target_actors == frozenset({"city_council", "jane_okafor"})
    assert know.rules.mentions_target("Critics blamed the council.")
    assert know.rules.mentions_target("The council met.")  # lower-case alias, capital letter
    assert not know.rules.mentions_target("The Council met.")  # otherwise case-sensitive
    assert not know.rules.mentions_target("A councillor spoke.")
    # no rules of its own: the general cues
    assert know.rules.cues.keys() == general_knowledge().rules.cues.keys()
    assert [c for c, _, _ in know.rules.cues["critical"]] == \
        [c for c, _, _ in general_knowledge().rules.cues["critical"]]


def test_lexicon_additions_come_after_the_general_list(tmp_path):
    lex = "term,category,match,forms,note\nhousing crisis,pressure_weakness,exact,,the story's\n"
    text = STUDY_YAML + "lexicon:\n  additions: lexicon.csv\n"
    know = knowledge_for(write_study(tmp_path / "with", text, **{"lexicon.csv": lex}))
    general = general_knowledge().entries
    assert know.entries[:len(general)] == general
    assert [e.term for e in know.entries[len(general):]] == ["housing crisis"]
    text = STUDY_YAML + "lexicon:\n  general: false\n  additions: lexicon.csv\n"
    only = knowledge_for(write_study(tmp_path / "only", text, **{"lexicon.csv": lex}))
    assert [e.term for e in only.entries] == ["housing crisis"]


def test_a_study_metrics_row_has_its_groups_and_a_target(tmp_path):
    from analysis.corpus.readers import read_corpus
    from analysis.measures.metrics import article_row, knowledge_fields

    root = write_study(tmp_path / "council")
    know = knowledge_for(root)
    arts = {a.id: a for a in read_corpus(root / "corpus")}
    row = article_row(arts["a1"], knowledge=know)
    assert list(row) == knowledge_fields(know)
    shares = [c for c in row if c.startswith("quoted_share_")]
    assert shares == [f"quoted_share_{g}" for g in ("council", "critics", "public", "unknown")]
    assert sum(row[c] for c in shares) == pytest.approx(1.0)
    assert row["critical_statements"] >= 1 and row["defensive_statements"] >= 1
    assert row["first_quote_actor"] == "luc_tremblay" and row["first_quote_group"] == "critics"
    general = article_row(arts["a1"])
    assert general["critical_statements"] is None and general["first_quote_group"] == "unknown"


# -- new_study ---------------------------------------------------------------------------------
def test_new_study_writes_a_study_that_loads(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    path = new_study(tmp_path / "studies" / "council", corpus=corpus,
                     target="Maplewood City Council", aliases=["the council", "city hall"])
    root = tmp_path / "studies" / "council"
    assert path == root / "study.yaml" and path.is_file() and (root / "actors.yaml").is_file()
    study = load_study(root)
    assert study.target.name == "Maplewood City Council"
    assert study.target.aliases == ("the council", "city hall")
    assert study.target.actor_ids == () and study.target.allies == ()
    assert study.corpus == (corpus.resolve(),)
    assert "../../corpus" in path.read_text(encoding="utf-8")  # stored relative to the study
    assert "Maplewood City Council" in study.title
    know = knowledge_for(study)
    assert know.has_target and know.codebook.actors == {}
    assert "#" in path.read_text(encoding="utf-8")  # a commented template


def test_new_study_without_aliases_uses_the_target_name(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    new_study(tmp_path / "s", corpus=corpus, target="Maplewood City Council")
    assert load_study(tmp_path / "s").target.aliases == ("Maplewood City Council",)


@pytest.mark.parametrize("target, title", [
    ("the council's \"housing\" office: #1", None),
    ("Conseil municipal de Maplewood", "Qui parle? Le conseil: 2025 # audit"),
    ("- dash first", "  spaced  "),
])
def test_new_study_keeps_awkward_names_exactly(tmp_path, target, title):
    corpus = write_corpus(tmp_path / "corpus")
    new_study(tmp_path / "s", corpus=corpus, target=target, aliases=[target, "a: b"], title=title)
    study = load_study(tmp_path / "s")
    assert study.target.name == target.strip() and study.target.aliases == (target.strip(), "a: b")
    if title is not None:
        assert study.title == title.strip()


def test_new_study_refuses_an_existing_non_empty_folder(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    folder = tmp_path / "taken"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match="already exists"):
        new_study(folder, corpus=corpus, target="Maplewood City Council")
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    file = tmp_path / "a_file"
    file.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="already exists"):
        new_study(file, corpus=corpus, target="Maplewood City Council")
    empty = tmp_path / "empty"
    empty.mkdir()
    new_study(empty, corpus=corpus, target="Maplewood City Council")  # an empty folder is fine
    assert load_study(empty).target.name == "Maplewood City Council"


@pytest.mark.parametrize("kwargs, message", [
    ({"corpus": "no_such_corpus"}, "no such file"),
    ({"target": "  "}, "--target"),
    ({"target": "two\nlines"}, "--target"),
    ({"aliases": ["ok", "bad\nalias"]}, "--alias"),
])
def test_new_study_refuses_bad_arguments(tmp_path, kwargs, message):
    args = {"corpus": write_corpus(tmp_path / "corpus"), "target": "Maplewood City Council"}
    args.update({k: (tmp_path / v if k == "corpus" else v) for k, v in kwargs.items()})
    with pytest.raises(InputError, match=message):
        new_study(tmp_path / "s", **args)
    assert not (tmp_path / "s").exists()


# -- the commands on a second study for another target -------------------------------------------
def _rows(stdout: str) -> list[dict]:
    """JSON lines as records."""
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_cli_new_study_then_every_table_of_another_target(tmp_path):
    corpus = write_corpus(tmp_path / "maplewood")
    study = tmp_path / "studies" / "maplewood-audit"
    res = run_cli("new-study", str(study), "--corpus", str(corpus), "--target",
                  "Maplewood City Council", "--alias", "Maplewood City Council",
                  "--alias", "the council")
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr and "metrics --study" in res.stderr
    import yaml  # (not load_study here: the codebook is cached by path in this process)

    written = yaml.safe_load((study / "study.yaml").read_text(encoding="utf-8"))
    assert written["target"]["name"] == "Maplewood City Council"
    assert written["target"]["aliases"] == ["Maplewood City Council", "the council"]

    # straight from the template: a target, no actors yet; INPUT is the study's corpus
    res = run_cli("metrics", "--study", str(study), "--format", "jsonl")
    assert res.returncode == 0, res.stderr
    rows = _rows(res.stdout)
    assert [r["article_id"] for r in rows] == ["a1", "a2", "a3"]
    assert all(isinstance(r["critical_statements"], int) for r in rows)
    assert rows[0]["critical_statements"] >= 1
    assert _seed_hits(res.stdout) == []
    res = run_cli("quotes", "--study", str(study), "--format", "jsonl")
    assert res.returncode == 0, res.stderr
    assert {r["actor"] for r in _rows(res.stdout)} == {None} and _seed_hits(res.stdout) == []

    # the student fills in the codebook and the target's actors
    (study / "actors.yaml").write_text(COUNCIL_CODEBOOK, encoding="utf-8")
    text = (study / "study.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  actors: \[\]", "  actors: [city_council, jane_okafor]", text, count=1)
    (study / "study.yaml").write_text(text, encoding="utf-8")
    assert "actors: [city_council, jane_okafor]" in text

    outputs = {}
    for command, fmt in (("corpus", "jsonl"), ("quotes", "jsonl"), ("quotes", "csv"),
                         ("metrics", "jsonl"), ("metrics", "csv")):
        out = tmp_path / f"{command}.{fmt}"
        res = run_cli(command, "--study", str(study), "--format", fmt, "-o", str(out))
        assert res.returncode == 0, (command, res.stderr)
        outputs[f"{command}.{fmt}"] = out.read_text(encoding="utf-8")
    for name, text in outputs.items():
        assert _seed_hits(text) == [], name

    quotes = _rows(outputs["quotes.jsonl"])
    actors = {r["actor"] for r in quotes}
    assert {"luc_tremblay", "jane_okafor", "city_council", "mark_lavoie",
            "priya_natarajan"} <= actors
    assert actors - {None} <= set(load_codebook(study / "actors.yaml").actors)
    assert {r["group"] for r in quotes} <= {"council", "critics", "public", "unknown", None}
    metrics = list(csv.DictReader(io.StringIO(outputs["metrics.csv"])))
    header = list(metrics[0])
    assert [c for c in header if c.startswith("quoted_share_")] == [
        "quoted_share_council", "quoted_share_critics", "quoted_share_public",
        "quoted_share_unknown"]
    by_id = {r["article_id"]: r for r in _rows(outputs["metrics.jsonl"])}
    assert by_id["a1"]["first_quote_actor"] == "luc_tremblay"
    assert by_id["a1"]["critical_statements"] >= 1 and by_id["a1"]["defensive_statements"] >= 1
    assert by_id["a3"]["defensive_statements"] >= 1  # the mayor, a target actor, defends
    assert by_id["a1"]["target_sentences"] >= 1


def test_run_writes_every_table_of_another_study_without_a_seed_name(tmp_path):
    root = write_study(tmp_path / "council")
    out = tmp_path / "results"
    res = run_cli("run", "--study", str(root), "--out", str(out))
    assert res.returncode == 0, res.stderr
    tables = sorted(p.name for p in out.glob("*.csv"))
    assert {"articles.csv", "statements.csv", "hits.csv", "sentences.csv",
            "passives.csv", "paragraphs.csv"} <= set(tables)
    for name in tables + ["manifest.json"]:
        assert _seed_hits((out / name).read_text(encoding="utf-8")) == [], name
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert "council" in json.dumps(manifest)
    articles = list(csv.DictReader(open(out / "articles.csv", encoding="utf-8")))
    assert [r["article_id"] for r in articles] == ["a1", "a2", "a3"]


# -- codebook matching that cannot leak ------------------------------------------------------------
@pytest.fixture(scope="module")
def seed_cb():
    """The seed study's codebook."""
    return load_codebook(SEED_CODEBOOK)


@pytest.mark.parametrize("mention", [
    "House Freedom Caucus Chairman Mark Meadows", "Sen. Mark Warner",
    "Israeli Prime Minister Benjamin Netanyahu", "Mayor Ed Murray of Seattle",
    "U.S. Attorney Adam Braverman", "The task force", "Mark", "Mr Mark", "Commissioner Gordon",
    "the Integrity Commissioner", "Prime Minister Justin Trudeau", "Seattle Mayor Ed Murray",
])
def test_the_seed_codebook_does_not_leak_into_foreign_text(seed_cb, mention):
    assert seed_cb.resolve(mention) == (None, "unknown")


@pytest.mark.parametrize("mention, actor", [
    ("Sir Mark", "mark_rowley"), ("Rowley", "mark_rowley"), ("Mr Rowley", "mark_rowley"),
    ("the Prime Minister", "rishi_sunak"), ("Prime Minister", "rishi_sunak"),
    ("Sir Mark Rowley", "mark_rowley"), ("the Commissioner", "mark_rowley"),
])
def test_the_seed_codebook_still_resolves_its_declared_unique_mentions(seed_cb, mention, actor):
    assert seed_cb.resolve(mention)[0] == actor


def test_the_seed_unique_mentions_are_declared_in_the_study_codebook(seed_cb):
    assert "Rowley" in seed_cb.actors["mark_rowley"].unique
    assert "Prime Minister" in seed_cb.actors["rishi_sunak"].unique


def _cb(text: str):
    """A codebook parsed from YAML text."""
    import yaml

    return parse_codebook(yaml.safe_load(text), "cb.yaml")


def test_without_unique_a_single_word_alias_of_a_person_does_not_match():
    cb = _cb(COUNCIL_CODEBOOK.replace("    unique: [Okafor]\n", ""))
    assert cb.resolve("Okafor") == (None, "unknown")
    assert cb.resolve("Ms Okafor") == (None, "unknown")
    assert cb.resolve("Jane Okafor")[0] == "jane_okafor"  # the full name still does
    assert cb.resolve("Mayor Jane Okafor")[0] == "jane_okafor"
    declared = _cb(COUNCIL_CODEBOOK)
    assert declared.resolve("Okafor")[0] == "jane_okafor"
    assert declared.resolve("Ms Okafor")[0] == "jane_okafor"  # an honorific is dropped


def test_a_unique_phrase_matches_only_as_the_whole_mention():
    cb = _cb(COUNCIL_CODEBOOK)
    assert cb.resolve("Tremblay")[0] == "luc_tremblay"
    assert cb.resolve("Councillor Tremblay") == (None, "unknown")
    assert cb.resolve("the council")[0] == "city_council"
    assert cb.resolve("the council's housing committee") == (None, "unknown")
    # a title that shares a word with the name is not ambiguous: found inside a mention
    assert cb.resolve("Maplewood city hall")[0] == "city_council"


def test_a_title_without_a_name_word_needs_unique():
    body = ("version: 1\ngroups: [city, unknown]\nactors:\n  mayor_okafor:\n    name: Jane Okafor\n"
            "    group: city\n    aliases: [Jane Okafor]\n    titles: [the Mayor]\n")
    assert _cb(body).resolve("the Mayor") == (None, "unknown")
    cb = _cb(body + "    unique: [the Mayor]\n")
    assert cb.resolve("the Mayor")[0] == "mayor_okafor"
    assert cb.resolve("Mayor Ed Murray of Seattle") == (None, "unknown")


def test_dropping_an_honorific_never_leaves_a_first_name():
    cb = _cb("version: 1\ngroups: [x, unknown]\nactors:\n  mark_dubois:\n    name: Mark Dubois\n"
             "    group: x\n    aliases: [Mark Dubois, Sir Mark]\n")
    assert cb.resolve("Sir Mark")[0] == "mark_dubois"
    for mention in ("Mark", "Mark Meadows", "Sen. Mark Warner", "Mr Mark"):
        assert cb.resolve(mention) == (None, "unknown"), mention


def test_a_unique_phrase_must_be_one_of_the_actor_phrases():
    bad = COUNCIL_CODEBOOK.replace("    unique: [Tremblay]\n", "    unique: [Tremblay, Luc]\n")
    with pytest.raises(DataFileError) as err:
        _cb(bad)
    assert err.value.field == "actors.luc_tremblay.unique" and "'Luc'" in str(err.value)
    other = COUNCIL_CODEBOOK.replace("    unique: [Tremblay]\n", "    unique: [Okafor]\n")
    with pytest.raises(DataFileError) as err:  # another actor's phrase is not this one's
        _cb(other)
    assert err.value.field == "actors.luc_tremblay.unique"
    with pytest.raises(DataFileError) as err:
        _cb(COUNCIL_CODEBOOK.replace("    unique: [Tremblay]\n", "    unique: Tremblay\n"))
    assert err.value.field == "actors.luc_tremblay.unique"


def test_a_study_codebook_error_in_unique_stops_the_study(tmp_path):
    bad = COUNCIL_CODEBOOK.replace("    unique: [Okafor]\n", "    unique: [Okafor, Jane]\n")
    err = _error(write_study(tmp_path / "council", codebook=bad))
    assert "actors.yaml" in str(err) and err.field == "actors.jane_okafor.unique"


# -- the package names nothing of the seed story ---------------------------------------------------
#: The seed names searched for in the package (whole words, case-sensitive).
PACKAGE_SEED_NAMES = ("Rowley", "Sadiq", "Khan", "Falter", "Metropolitan Police", "Scotland Yard",
                      "Sunak", "Braverman", "Cleverly", "Hezbollah", "Trafalgar", "Gideon",
                      "Mark Rowley", "CAA", "Campaign Against Antisemitism", "the Met",
                      "MailOnline", "Evening Standard")


def _package_files() -> list[Path]:
    """The package's Python modules and its general data files."""
    pkg = ROOT / "analysis"
    return sorted(pkg.rglob("*.py")) + sorted(p for p in (pkg / "data").rglob("*") if p.is_file())


def _package_seed_hits() -> list[str]:
    """Every seed name in the package's code and general data, as ``path:line: name``."""
    pattern = _whole_words(PACKAGE_SEED_NAMES)
    files = _package_files()
    assert any(f.name == "stance_rules.yaml" for f in files) and len(files) > 20
    hits = []
    for path in files:
        text = path.read_bytes().decode("utf-8", errors="replace")
        for n, line in enumerate(text.splitlines(), 1):
            hits += [f"{path.relative_to(ROOT)}:{n}: {m.group(0)}" for m in pattern.finditer(line)]
    return hits


def test_the_package_code_and_general_data_name_no_seed_story():
    assert _package_seed_hits() == []


def test_the_seed_name_scan_finds_what_it_looks_for():
    pattern = _whole_words(PACKAGE_SEED_NAMES)
    found = [m.group(0) for m in pattern.finditer(
        "Sir Mark Rowley of the Met met Khan; the Metropolitan Police and the CAA.")]
    assert found == ["Mark Rowley", "the Met", "Khan", "Metropolitan Police", "CAA"]
    assert not pattern.search("the metre, Khanate, Metro, the meteor, caa, rowley")


def test_the_seed_study_holds_the_seed_story():
    """What left the package is in the seed study, and it loads."""
    study = load_study(SEED_STUDY)
    assert study.target is not None and "mark_rowley" in study.target.actor_ids
    for f in (study.codebook, study.stance_rules, study.stance_overrides, study.events,
              study.lexicon_additions, study.agency):
        assert f is not None and f.is_file() and f.parent == SEED_STUDY.resolve()
    assert (study.evaluation / "seeds_statements.csv").is_file()
    assert (study.evaluation / "PROTOCOL.md").is_file()
    assert (SEED_STUDY / "actor_ids.md").is_file()


# -- general defaults: nothing defaults to any story ------------------------------------------------
def test_the_loaders_default_to_general_knowledge():
    from analysis.corpus.readers import make_article
    from analysis.corpus.events import load_events
    from analysis.measures.lexicon import general_path, lexicon_hits, load_lexicon
    from analysis.measures.stance import code_statements

    assert load_lexicon() == load_lexicon(general_path()) == general_knowledge().entries
    assert load_events() == {}
    art = make_article("x", "Critics said: \u201cThe board must resign over these failures.\u201d")
    assert lexicon_hits(art) == lexicon_hits(art, (), general_knowledge().entries)
    piece = {"article_id": "x", "statement": 0, "paragraph": 0, "start": 14, "end": 55,
             "kind": "full", "text": "The board must resign over these failures.",
             "actor": None, "speaker": "Critics"}
    (coded,) = code_statements([piece])
    assert (coded["stance"], coded["stance_rule"]) == (None, "no_target")


def test_an_edited_codebook_is_read_again(tmp_path):
    root = write_study(tmp_path / "council")
    assert "priya_natarajan" in knowledge_for(root).codebook.actors
    smaller = COUNCIL_CODEBOOK[:COUNCIL_CODEBOOK.index("  priya_natarajan:")]
    (root / "actors.yaml").write_text(smaller, encoding="utf-8")
    assert "priya_natarajan" not in knowledge_for(root).codebook.actors


def test_a_misspelt_critic_in_the_stance_cues_names_the_cues_file(tmp_path):
    """The critics of a study's stance cues must be actor ids of its codebook, like allies."""
    study_yaml = STUDY_YAML + "stance:\n  coder: general\n  cues: stance_cues.yaml\n"
    good = write_study(tmp_path / "good", study_yaml,
                       **{"stance_cues.yaml": "version: 1\ncritics: [jane_okafor]\n"})
    assert load_study(good).target is not None
    root = write_study(tmp_path / "council", study_yaml,
                       **{"stance_cues.yaml": "version: 1\ncritics: [jane_okafr]\n"})
    err = _error(root)
    assert err.field == "critics" and "'jane_okafr'" in str(err)
    assert "stance_cues.yaml" in str(err) and "actors.yaml" in str(err)
