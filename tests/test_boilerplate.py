"""Caption, headline and repeat detection: unit rules and the exact paragraphs set aside in the seeds."""
from __future__ import annotations

import pytest

from analysis.corpus.cleaning import (caption_signals, classify_paragraphs, has_final_punctuation,
                                  split_paragraphs)

# What the cleaning must set aside in each seed: (paragraph index, role, duplicate_of).
EXPECTED_SET_ASIDE = {
    "000": [],
    "001": [(4, "caption", 11), (9, "caption", 1), (10, "caption", 8), (18, "caption", 5),
            (19, "caption", 17)],
    "002": [(14, "caption", None), (15, "caption", None)],
}


@pytest.mark.parametrize("article_id", sorted(EXPECTED_SET_ASIDE))
def test_seed_set_aside_exactly(seeds, article_id):
    got = [(p.index, p.role, p.duplicate_of) for p in seeds[article_id].set_aside()]
    assert got == EXPECTED_SET_ASIDE[article_id]


def test_seed_set_aside_reasons(seeds):
    aside = {p.index: p for p in seeds["001"].set_aside()}
    assert "picture marker '(pictured)'" in aside[9].reason
    assert "no final punctuation" in aside[19].reason
    assert aside[18].text.endswith("Mr Falter on Good Morning Britain")
    p002 = {p.index: p for p in seeds["002"].set_aside()}
    assert p002[14].text == "Sadiq Khan"
    assert "(Yui Mok/PA)" in p002[15].reason


def test_seed_headlines(seeds):
    assert [p.index for p in seeds["002"].paragraphs if p.role == "headline"] == [0]
    assert not any(p.role == "headline" for p in seeds["000"].paragraphs)
    assert not any(p.role == "headline" for p in seeds["001"].paragraphs)


def test_the_body_copy_of_each_repeat_is_kept(seeds):
    body = {p.index for p in seeds["001"].body()}
    assert {1, 5, 8, 11, 17} <= body


@pytest.mark.parametrize("text, final", [
    ("He said so.", True), ("He said 'so.'", True), ("He said “so”.", True), ("Really?", True),
    ("A caption with no stop", False), ("'Quoted caption'", False), ("Ends (Yui Mok/PA)", False),
])
def test_final_punctuation(text, final):
    assert has_final_punctuation(text) is final


def test_exact_duplicate_later_copy_is_set_aside():
    text = ("The minister said the plan was working well enough.\n"
            "Critics disagreed with that view entirely today.\n"
            "The minister said the plan was working well enough.\n")
    roles = [(p.role, p.duplicate_of) for p in classify_paragraphs(split_paragraphs(text))]
    assert roles == [("body", None), ("body", None), ("duplicate", 0)]


def test_caption_copy_loses_even_when_it_comes_first():
    text = ("Story opens with a line that ends properly.\n"
            "The chief (pictured) will appear before the committee next week\n"
            "Some other paragraph of the story in between.\n"
            "The chief will appear before the committee next week, aides said.\n")
    paras = classify_paragraphs(split_paragraphs(text))
    assert [(p.role, p.duplicate_of) for p in paras][1] == ("caption", 3)
    assert paras[3].role == "body"


def test_short_paragraphs_are_not_paired_by_chance():
    text = "Yes.\nNo.\nYes.\n"
    assert [p.role for p in classify_paragraphs(split_paragraphs(text))] == ["body"] * 3


def test_photo_credit_and_label():
    text = "Opening sentence of the story.\nJane Doe\nThe scene on Saturday (John Smith/Reuters)\nMore.\n"
    roles = [p.role for p in classify_paragraphs(split_paragraphs(text))]
    assert roles == ["body", "caption", "caption", "body"]
    assert caption_signals("The scene (Getty Images)")[0].startswith("photo credit")


def test_known_headline_from_metadata_wins():
    text = "Police chief faces calls to quit.\nBody starts here with a sentence.\n"
    paras = classify_paragraphs(split_paragraphs(text), headline="Police chief faces calls to quit")
    assert paras[0].role == "headline"


def test_offsets_of_split_paragraphs():
    text = "  one  \n\n\ttwo\r\nthree"
    for p in split_paragraphs(text):
        assert text[p.start:p.end] == p.text
    assert [p.text for p in split_paragraphs(text)] == ["one", "two", "three"]


def test_cleaning_agrees_with_the_hand_coded_set_aside_list(seeds):
    """The coder's independent list of captions and repeats (the seed study's evaluation/seeds_setaside.csv)."""
    import csv

    from conftest import SEED_EVALUATION

    with (SEED_EVALUATION / "seeds_setaside.csv").open(encoding="utf-8") as fh:
        gold = {(r["article_id"], int(r["paragraph"]), int(r["duplicate_of"]) if r["duplicate_of"] else None)
                for r in csv.DictReader(fh)}
    got = {(aid, p.index, p.duplicate_of) for aid, art in seeds.items() for p in art.set_aside()}
    assert got == gold
