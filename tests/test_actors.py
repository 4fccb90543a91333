"""Codebook: every fixed actor id present, alias matching, validation errors naming file and field.

The seed story's actors are the seed study's codebook (studies/met-police-2024/actors.yaml);
the package's own codebook is general and names nobody.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis.quotes.actors import load_codebook, normalise
from analysis.errors import DataFileError
from conftest import SEED_CODEBOOK, SEED_STUDY

ROOT = Path(__file__).resolve().parents[1]


def _doc_ids() -> set[str]:
    """Actor ids listed in the seed study's actor_ids.md."""
    text = (SEED_STUDY / "actor_ids.md").read_text(encoding="utf-8")
    part = text.split("| actor id |", 1)[1]
    return set(re.findall(r"^\| ([a-z_]+) \|", part, re.M))


def test_every_documented_actor_is_in_the_codebook():
    cb = load_codebook(SEED_CODEBOOK)
    assert _doc_ids() and _doc_ids() <= set(cb.actors)
    assert set(cb.actors) <= _doc_ids()


@pytest.mark.parametrize("mention, actor", [
    ("Sir Mark", "mark_rowley"), ("the Commissioner", "mark_rowley"),
    ("Scotland Yard chief Mark Rowley", "mark_rowley"),
    ("The embattled Metropolitan Police Commissioner", "mark_rowley"),
    ("Met Commissioner", "mark_rowley"), ("Sir Mark's", "mark_rowley"),
    ("a spokesman for Mr Khan", "mayors_office"), ("Mr Khan", "sadiq_khan"),
    ("Scotland Yard", "metropolitan_police"), ("the force", "metropolitan_police"),
    ("the Met", "metropolitan_police"), ("Met Police", "metropolitan_police"),
    ("a Met spokesman", "metropolitan_police"), ("A Home Office spokesman", "home_office"),
    ("A Whitehall source", "government_source"), ("One source", "government_source"),
    ("Government sources", "government_source"), ("Downing Street", "downing_street"),
    ("an officer", "police_officer"), ("One police officer", "police_officer"),
    ("A CAA spokesman", "caa"), ("A Campaign Against Antisemitism spokesman", "caa"),
    ("Police Federation chairman Rick Prior", "rick_prior"),
    ("Jonathan Turner", "jonathan_turner"), ("Ms van der Zyl", "marie_van_der_zyl"),
    ("Former home secretary Suella Braverman", "suella_braverman"),
    ("Deputy Prime Minister Oliver Dowden", "oliver_dowden"), ("Prime Minister", "rishi_sunak"),
    ("Assistant Commissioner Matt Twist", "matt_twist"), ("ANGRY JEWISH LEADERS", "jewish_leaders"),
    ("Mr Falter\u2019s", "gideon_falter"),
])
def test_resolve_known_mentions(mention, actor):
    cb = load_codebook(SEED_CODEBOOK)
    assert cb.resolve(mention) == (actor, cb.actors[actor].group)


@pytest.mark.parametrize("codebook", [None, SEED_CODEBOOK], ids=["general", "seed"])
@pytest.mark.parametrize("mention", ["Bob Smith", "he", "the spokesman", "the source", "", None])
def test_unknown_mentions_are_never_guessed(mention, codebook):
    assert load_codebook(codebook).resolve(mention) == (None, "unknown")


def test_the_general_codebook_names_nobody():
    cb = load_codebook()
    assert cb.actors == {} and cb.groups == ("unknown",)
    for mention in ("Sir Mark", "the Commissioner", "Mr Khan", "the Met", "Prime Minister"):
        assert cb.resolve(mention) == (None, "unknown")


def test_normalise_drops_titles_articles_possessives():
    assert normalise("The Met Police's") == ("met", "police")
    assert normalise("Mr. Khan") == ("khan",)


@pytest.mark.parametrize("body, field", [
    ("groups: [police]\nactors: {x: {name: X, group: nope}}", "actors.x.group"),
    ("groups: [police]\nactors: {x: {group: police}}", "actors.x.name"),
    ("groups: [police]\nactors: {x: {name: X, group: police, aliases: [1]}}", "actors.x.aliases"),
    ("groups: [police]\nactors: {x: {name: X, group: police, type: robot}}", "actors.x.type"),
    ("groups: [police]\nactors: {x: {name: X, group: police, colour: red}}", "actors.x"),
    ("groups: [police]\nactors: {x: {name: X, group: police}, y: {name: X, group: police}}",
     "actors.y"),
    ("groups: [police]\nactors: []", "actors"),
    ("actors: {x: {name: X, group: police}}", "groups"),
])
def test_invalid_codebook_errors_name_file_and_field(tmp_path, body, field):
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_codebook(path)
    assert str(path) in str(err.value) and repr(field) in str(err.value)


def test_invalid_yaml_names_file_and_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("groups: [police\nactors: {", encoding="utf-8")
    with pytest.raises(DataFileError, match="broken.yaml"):
        load_codebook(path)


def test_custom_codebook_is_used(tmp_path):
    path = tmp_path / "mine.yaml"
    # "the BBC" is one word once normalised: it names the actor only when declared unique.
    path.write_text("groups: [media]\nactors:\n  bbc: {name: BBC, group: media, type: organisation,"
                    " aliases: [the BBC, British Broadcasting Corporation],"
                    " unique: [the BBC]}\n", encoding="utf-8")
    from analysis.quotes.engine import extract_statements
    cb = load_codebook(path)
    st = extract_statements('The BBC said: "We stand by our reporting."', codebook=cb)
    assert [(s.actor, s.group) for s in st] == [("bbc", "media")]
