"""Loaded-language lexicon: schema validation, matching rules, voice, position and captions.

The matching cases use the seed study's lexicon (studies/met-police-2024/lexicon.csv), which
the package used to ship as its default; the general list is tested in test_loaded_terms.py.
"""
from __future__ import annotations

import pytest

from analysis.corpus.readers import make_article
from analysis.errors import DataFileError
from analysis.measures.lexicon import (find_terms, inflections, lexicon_hits, load_lexicon,
                                       loaded_summary, parse_lexicon)
from analysis.text.quotemarks import quote_spans
from conftest import SEED_LEXICON

HEADER = ["term", "category", "match", "forms", "note"]


def entries(*rows):
    return parse_lexicon([HEADER, *rows], "test.csv")


def seed_lexicon():
    """The seed study's lexicon entries."""
    return load_lexicon(str(SEED_LEXICON))


@pytest.mark.parametrize("text,expected", [
    ("The embattled chief", ["embattled"]),
    ("EMBATTLED", ["EMBATTLED"]),
    ("He will be hauled   before the minister", ["hauled   before"]),
    ("he was hauled\nbefore MPs", ["hauled\nbefore"]),
    ("the outcries grew", ["outcries"]),
    ("it erupted, erupting", ["erupted", "erupting"]),
    ("a jaw dropping clip and a jaw-dropping one", ["jaw dropping", "jaw-dropping"]),
    ("prompting the force to apologise", []),
    ("before being forced to issue", ["forced to"]),
    ("has come under pressure to resign", ["come under pressure"]),
    ("was under pressure", ["under pressure"]),
    ("three days in a row", []),
    ("a row of houses; the row erupted", ["row", "erupted"]),
    ("arrow, throw, rowing", []),
    ("a man scrambling to save his job", ["scrambling to save his job"]),
    ("Khan summoned him; a summons", ["summoned", "summons"]),
    ("Angrily, the angry crowd", ["Angrily", "angry"]),
])
def test_seed_lexicon_matches(text, expected):
    hits = find_terms(text, seed_lexicon())
    assert [text[s:e] for s, e, _ in hits] == expected


def test_inflections_regular_rules():
    assert {"summons", "summoned", "summoning"} <= set(inflections("summon"))
    assert {"stopped", "stopping"} <= set(inflections("stop"))
    assert {"cries", "cried"} <= set(inflections("cry"))
    assert {"raged", "raging"} <= set(inflections("rage"))


def test_longest_hit_wins_over_overlap():
    e = entries(["under pressure", "p", "exact", "", ""], ["come under pressure", "p", "forms",
                                                           "came under pressure", ""])
    hits = find_terms("He came under pressure", e)
    assert [(h[2].term) for h in hits] == ["come under pressure"]


@pytest.mark.parametrize("rows,line,field", [
    ([["x", "Bad Cat", "exact", "", ""]], 2, "category"),
    ([["x", "c", "fuzzy", "", ""]], 2, "match"),
    ([["x", "c", "forms", "", ""]], 2, "forms"),
    ([["x", "c", "regex", "(", ""]], 2, "forms"),
    ([["x", "c", "exact", "y", ""]], 2, "forms"),
    ([["", "c", "exact", "", ""]], 2, "term"),
    ([["x", "c", "exact", "", ""], ["x", "c", "exact", "", ""]], 3, "term"),
])
def test_validation_names_file_line_field(rows, line, field):
    with pytest.raises(DataFileError) as err:
        entries(*rows)
    assert err.value.line == line and err.value.field == field
    assert f"test.csv:{line}" in str(err.value)


def test_bad_header_and_missing_file(tmp_path):
    with pytest.raises(DataFileError, match="header"):
        parse_lexicon([["term", "category"]], "x.csv")
    with pytest.raises(DataFileError, match="cannot read"):
        load_lexicon(str(tmp_path / "none.csv"))


@pytest.mark.parametrize("text,inside", [
    ("He said: “we are appalled” today", "we are appalled"),
    ("He said 'we are appalled' today", "we are appalled"),
    ("London's police don't say", None),
    ("“Open quote runs to the end", "Open quote runs to the end"),
    ('Plain "double" quotes', "double"),
])
def test_quote_spans(text, inside):
    spans = quote_spans(text)
    if inside is None:
        assert spans == []
    else:
        assert [text[a:b] for a, b in spans] == [inside]


def test_hits_voice_position_and_captions():
    text = ("Embattled chief faces outcry\n"
            "The angry row erupted.\n"
            "He said: 'I am appalled by this.'\n"
            "The embattled chief (pictured)\n")
    art = make_article("t", text, {"headline": "Embattled chief faces outcry"})
    roles = [p.role for p in art.paragraphs]
    assert roles[0] == "headline"
    hits = lexicon_hits(art, entries=seed_lexicon())
    got = [(h["term"], h["position"], h["voice"]) for h in hits]
    assert ("embattled", "headline", "outlet") in got
    assert ("outcry", "headline", "outlet") in got
    assert ("angry", "lede", "outlet") in got
    assert ("appalled", "body", "quote") in got
    # paragraph 3 repeats nothing but is a caption only if the reader says so: count by role
    counted = {h["paragraph"] for h in hits}
    assert all(art.paragraphs[i].analysed for i in counted)


def test_engine_span_sets_quote_voice_without_marks():
    art = make_article("t", "Officials were appalled, the source said.")
    stmt = {"statement": 0, "kind": "indirect", "start": 0, "end": 23}
    assert lexicon_hits(art, [stmt], seed_lexicon())[0]["voice"] == "outlet"  # indirect speech is outlet wording
    stmt = {"statement": 4, "kind": "partial", "start": 0, "end": 23}
    hit = lexicon_hits(art, [stmt], seed_lexicon())[0]
    assert hit["voice"] == "quote" and hit["statement"] == 4


def test_kwic_and_summary():
    art = make_article("t", "Nothing here.\nThe embattled commissioner spoke at length today.")
    hits = lexicon_hits(art, entries=seed_lexicon())
    assert hits[0]["left"] == "The" and hits[0]["right"].startswith("commissioner spoke")
    s = loaded_summary(hits, words=500, categories=["pressure_weakness", "emotion"])
    assert s["loaded_terms"] == 1 and s["loaded_per_1k"] == 2.0
    assert s["loaded_pressure_weakness"] == 1 and s["loaded_emotion"] == 0
    assert s["loaded_lede"] == 0
    assert loaded_summary([], 0)["loaded_per_1k"] != loaded_summary([], 0)["loaded_per_1k"]  # NaN


def test_seed_001_caption_not_counted(seeds):
    hits = lexicon_hits(seeds["001"], entries=seed_lexicon())
    emb = [h for h in hits if h["term"] == "embattled"]
    assert len(emb) == 1 and emb[0]["paragraph"] == 1  # P9 repeats it in a caption
    assert seeds["001"].text.lower().count("embattled") == 2


def test_many_hits_in_one_long_text():
    hits = find_terms("row " * 50_000, seed_lexicon())
    assert len(hits) == 50_000 and hits[-1][:2] == (199_996, 199_999)


def _unfiltered(text, entries):
    """find_terms without the word-key pre-filter: every entry's pattern on its own."""
    found = sorted(((m.start(), m.end(), e) for e in entries for m in e.pattern.finditer(text)
                    if m.end() > m.start()), key=lambda h: (h[0], -(h[1] - h[0]), h[2].line))
    keep, reached = [], -1
    for s, e, entry in found:
        if s >= reached:
            keep.append((s, e, entry))
            reached = e
    return keep


from hypothesis import given, settings, strategies as st  # noqa: E402

_TERMS = [e.term for e in seed_lexicon()]


@settings(max_examples=80, deadline=None, derandomize=True)
@given(st.lists(st.one_of(st.sampled_from(_TERMS), st.sampled_from(_TERMS).map(str.upper),
                          st.sampled_from(["the", "row", "a", ",", "Embattled", "-", "_", "ſcrambled to",
                                           "lost all", "clung", "loss of the"]),
                          st.text(max_size=6)), max_size=12))
def test_prefilter_never_changes_the_hits(parts):
    """The word-key pre-filter (filters off: negation, exclusions, names) finds what a full scan finds."""
    text = " ".join(parts)
    entries = seed_lexicon()
    assert find_terms(text, entries, filters=False) == _unfiltered(text, entries)


def test_optional_columns_in_any_order():
    head = HEADER + ["strength", "exclude", "source"]
    e, = parse_lexicon([head, ["error", "evaluation", "forms", "error|errors", "", "mild",
                               "rounding error|margin of error", "style_guides"]], "t.csv")
    assert (e.strength, e.source) == ("mild", "style_guides")
    text = "a rounding error. Then a big error"
    assert [t[:2] for t in find_terms(text, [e])] == [(29, 34)]
    assert len(find_terms("a rounding error", [e], filters=False)) == 1


def test_bad_strength_names_the_field():
    with pytest.raises(DataFileError) as err:
        parse_lexicon([HEADER + ["strength"], ["x", "c", "exact", "", "", "huge"]], "t.csv")
    assert err.value.field == "strength" and err.value.line == 2


def test_filters_negation_and_names_can_be_switched_off():
    e = entries(["outrage", "emotion", "exact", "", ""], ["falter", "p", "inflect", "", ""])
    assert find_terms("no outrage", e) == []
    assert [h[:2] for h in find_terms("no outrage", e, filters=False)] == [(3, 10)]
    assert find_terms("Mr Falter spoke", e) == []
    assert len(find_terms("Mr Falter spoke", e, names=False)) == 1


@pytest.mark.parametrize("source,prefixes", [
    (r"row(?<!in a row)s?(?!\s+of\b)", ["row"]),
    (r"rows?", ["row"]),
    (r"scrambl(?:e|ed)\s+to", ["scrambl"]),
    (r"scandal[-|](?:hit|ridden)|crisis-hit", ["scandal", "crisis"]),
    (r"(?<!in a )rows?", ["row"]),  # a lookaround at the start matches no characters
    (r"(?<=\()ab|(?!x)cd", ["ab", "cd"]),
    (r"(?!a)", None),
    (r"(?<!a(b)", None),
    (r"ab|c?d", None),
    (r"\bfoo", None),
])
def test_regex_prefixes_key_regex_entries(source, prefixes):
    from analysis.measures.lexicon import regex_prefixes

    assert regex_prefixes(source) == prefixes


def test_keyed_regex_entry_finds_what_a_full_scan_finds():
    e = entries(["row", "conflict", "regex", r"row(?<!in a row)s?(?!\s+of\b)", ""])
    assert e[0].key is not None and e[0].key.prefixes == ("row",)
    text = "Three in a row; a row of seats; the rows erupted; Rowing; arrow; ROW"
    assert [text[s:t] for s, t, _ in find_terms(text, e)] == ["rows", "ROW"]
    assert find_terms(text, e, filters=False) == _unfiltered(text, e)
