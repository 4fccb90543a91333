"""General loaded-terms list, filters, voice, headline, records and the evaluative rate."""
from __future__ import annotations

import csv

import pytest
from hypothesis import given, settings, strategies as st

from analysis.corpus.readers import make_article
from analysis.errors import DataFileError
from analysis.measures.evaluative import (EVALUATIVE_FIELDS, evaluative_records, evaluative_summary,
                                 load_ignore, load_valences, vader_lexicon_path)
from analysis.measures.lexicon import (HEADER, META_HEADLINE, OPTIONAL_COLUMNS, RECORD_FIELDS, STRENGTHS,
                              find_terms, general_path, lexicon_records,
                              load_lexicon, load_lexicons, parse_lexicon)
from analysis.quotes.voice import Voices

GENERAL = load_lexicon(general_path())
#: Provenance keys documented in docs/loaded_language.md.
SOURCES = {"style_guides", "recasens_2013", "hooper_1975", "hyland_2005", "karttunen_1971",
           "wtw_labels", "wtw_doubt", "wtw_weasel", "wtw_puffery"}
CATEGORIES = {"pressure_weakness", "conflict", "emotion", "moral_evaluation", "intensifier",
              "label", "distancing", "hedge", "booster", "factive", "assertive", "implicative",
              "speech_verb"}


def terms(text, entries=GENERAL):
    return [text[s:e] for s, e, _ in find_terms(text, entries)]


# --- the data file ---------------------------------------------------------------------

def test_general_list_schema_and_provenance():
    with open(general_path(), encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header[:5] == HEADER and set(header[5:]) <= set(OPTIONAL_COLUMNS)
    assert len(GENERAL) >= 300
    assert {e.source for e in GENERAL} <= SOURCES  # every entry names its list
    assert {e.category for e in GENERAL} == CATEGORIES
    assert {e.strength for e in GENERAL} == set(STRENGTHS)


def test_old_lexicon_still_reads_and_combines():
    from conftest import SEED_LEXICON

    old = load_lexicon(str(SEED_LEXICON))  # the old five-column list, now the seed study's
    both = load_lexicons(general_path(), str(SEED_LEXICON))
    assert len(both) == len(GENERAL) + len(old)
    assert all(e.strength == "strong" and e.source == "" for e in old)
    assert {e.strength for e in load_lexicons(general_path(), strength="strong")} == {"strong"}


def _examples(entry):
    """Surface forms an entry must find: its forms, or its term (exact, inflect, regex)."""
    if entry.match == "forms":
        with open(general_path(), encoding="utf-8", newline="") as fh:
            row = list(csv.reader(fh))[entry.line - 1]
        return [f for f in row[3].split("|") if f]
    return [entry.term]


@pytest.mark.parametrize("entry", GENERAL, ids=lambda e: f"{e.line}:{e.term}")
def test_every_entry_matches_an_example_of_itself(entry):
    for form in _examples(entry):
        text = f"Reports say {form} here."
        spans = [(s, e) for s, e, x in find_terms(text, [entry])]
        assert spans == [(12, 12 + len(form))], form
        # with the whole list something covers it exactly (a longer entry may take it)
        assert any(s <= 12 and 12 + len(form) <= e for s, e, _ in find_terms(text, GENERAL)), form


def _full_scan(text: str) -> list:
    """Every entry's pattern searched through the whole text, longest hit first at a place,
    overlaps dropped: what the prefiltered search must find."""
    full = sorted(((m.start(), m.end(), e) for e in GENERAL for m in e.pattern.finditer(text)
                   if m.end() > m.start()), key=lambda h: (h[0], -(h[1] - h[0]), h[2].line))
    keep, reached = [], -1
    for s, e, entry in full:
        if s >= reached:
            keep.append((s, e, entry))
            reached = e
    return keep


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(st.one_of(st.sampled_from([e.term for e in GENERAL]),
                          st.sampled_from(["the", "not", ",", "Slammed", "-", "rounding", "a"]),
                          st.text(max_size=5)), max_size=10))
def test_word_key_prefilter_is_exact_on_the_general_list(parts):
    text = " ".join(parts)
    assert find_terms(text, GENERAL, filters=False) == _full_scan(text)


def _forms():
    """Every listed form of the general list's ``forms`` entries."""
    with open(general_path(), encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return sorted({f.strip() for r in rows if r["match"] == "forms"
                   for f in r["forms"].split("|") if f.strip()})


_FORMS = _forms()


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(st.one_of(st.sampled_from(_FORMS), st.sampled_from(_FORMS).map(str.upper),
                          st.sampled_from(["the", "not", ",", "a", "to", "on", "in", "is"]),
                          st.text(max_size=5)), max_size=10))
def test_needed_later_words_never_change_the_hits(parts):
    """Skipping an entry whose later words are absent (entry_needs) finds what a full scan finds."""
    text = " ".join(parts)
    assert find_terms(text, GENERAL, filters=False) == _full_scan(text)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.lists(st.one_of(st.sampled_from(_FORMS),
                                             st.sampled_from([e.term for e in GENERAL]),
                                             st.sampled_from(["no", "Mr", ",", "\n", "-"]),
                                             st.text(max_size=4)), max_size=6),
                          st.booleans()), max_size=5))
def test_texts_searched_together_give_each_texts_hits(units):
    """find_terms_in over several texts = find_terms of each text alone (filters on)."""
    from analysis.measures.lexicon import find_terms_in
    texts = [" ".join(p) for p, _ in units]
    names = [n for _, n in units]
    assert find_terms_in(texts, GENERAL, names=names) == \
        [find_terms(t, GENERAL, names=n) for t, n in zip(texts, names)]


def test_entry_needs_later_words_per_first_word():
    from analysis.measures.lexicon import entry_needs
    assert entry_needs("on the ropes", "exact", "") == {"on": (frozenset({"the", "ropes"}),)}
    assert entry_needs("embattled", "exact", "") == {}
    assert entry_needs("haul before", "inflect", "")["hauled"] == (frozenset({"before"}),)
    needs = entry_needs("x", "forms", "it is widely believed|it has been suggested|critics say|"
                                      "critics|u-turn")
    assert needs["it"] == (frozenset({"is", "widely", "believed"}),
                           frozenset({"has", "been", "suggested"}))
    assert "critics" not in needs  # "critics" alone is a hit
    assert needs["u"] == (frozenset({"turn"}),)
    assert entry_needs("x", "regex", "a b") == {}
    e, = parse_lexicon([HEADER, ["u-turn", "p", "forms", "u-turn|U turn", ""]], "t.csv")
    assert find_terms("a U-Turn, u turn; you turn", [e], filters=False)[0][:2] == (2, 8)
    assert find_terms("u-boat", [e]) == []


# --- filters -----------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("The policy spawned little outrage.", []),
    ("There was no outrage at all.", []),
    ("He did not condemn the attack.", []),
    ("She didn't really condemn it.", []),
    ("It should never be seen as provocative.", []),
    ("A plan without fury.", []),
    ("He was a little angry.", ["angry"]),
    ("It was not only outrageous but cruel.", ["outrageous", "cruel"]),
    ("It was nothing short of disastrous.", ["disastrous"]),
    ("Not here, but furious.", ["furious"]),
    ("Nobody came and the crowd was angry.", ["angry"]),
])
def test_negation(text, expected):
    assert terms(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("It was a rounding error in the count.", []),
    ("An editing error was corrected.", []),
    ("He called it a grave error.", ["error"]),
    ("The volcano erupted overnight.", []),
    ("Protests erupted overnight.", ["erupted"]),
    ("She won the grand slam.", []),
    ("Critics slammed the plan.", ["slammed"]),
    ("He was admitted to hospital.", []),
    ("He admitted lying.", ["admitted", "lying"]),
    ("The problem lies in the detail.", []),
    ("Would be nice; a would-be leader.", ["would-be"]),
    ("When the crisis hit, a crisis-hit bank.", ["crisis-hit"]),
    ("They do nothing; a do-nothing Congress.", ["do-nothing"]),
    ("Troops stand off; a stand-off ends.", ["stand-off"]),
    ("Catastrophic damage from the hurricane.", []),
    ("A catastrophic policy.", ["catastrophic"]),
    ("The White House charm offensive began.", []),
    ("He prosecuted mob figures for years.", []),
    ("Crude oil prices rose.", []),
    ("A crude remark.", ["crude"]),
    ("The case went to juvenile court.", []),
    ("They hailed a cab outside.", []),
    ("The deal was hailed by allies.", ["hailed"]),
    ("Outstanding debts remain.", []),
    ("The plan is concerning. Concerning the plan, nothing.", ["concerning"]),
    ("Questions concerning his role.", []),
    ("A spokesman said it was \u201cconcerning\u201d.", ["concerning"]),
])
def test_literal_senses_excluded(text, expected):
    assert terms(text) == expected


def test_exclusion_needs_the_same_sentence():
    assert terms("The volcano slept. Protests erupted.") == ["erupted"]


def test_capitalised_word_inside_a_sentence_is_a_name():
    assert terms("Mr Falter said the chief would falter.") == ["falter"]
    assert terms("Faltering support. ANGRY crowds.") == ["Faltering", "ANGRY"]
    head = make_article("h", "Chief Slams Plan\nThe chief spoke.", {"headline": "Chief Slams Plan"})
    assert [r["matched"] for r in lexicon_records(head, [])] == ["Slams"]  # title case kept



def test_a_phrase_in_title_case_inside_a_sentence_is_a_name():
    assert terms("Readers of Big Government said so.") == []  # a blog's name
    assert terms("They backed big government. Big government won.") == ["big government",
                                                                          "Big government"]
    assert terms("The mayor came Under Fire. He was under fire.") == ["under fire"]
    assert terms("Big Government is a blog.") == ["Big Government"]  # a sentence start is kept

# --- records, voice and headline ---------------------------------------------------------

def test_records_fields_offsets_and_voice():
    text = ("Officials slammed the plan.\n"
            "He said: \"It is a disgraceful betrayal.\"\n"
            "She admitted the scheme was reckless, the minister said.")
    art = make_article("a1", text)
    stmts = [{"statement": 3, "kind": "indirect", "start": text.index("the scheme"),
              "end": text.index(", the minister")}]
    rows = lexicon_records(art, stmts)
    assert all(list(r) == RECORD_FIELDS for r in rows)
    assert all(text[r["start"]:r["end"]] == r["matched"] and r["field"] == "text" for r in rows)
    got = {r["matched"]: (r["voice"], r["reported"], r["paragraph"]) for r in rows}
    assert got["slammed"] == ("outlet", False, 0)
    assert got["disgraceful"] == ("quote", False, 1)
    assert got["reckless"] == ("outlet", True, 2)  # paraphrase: the outlet's wording, reported
    assert got["admitted"] == ("outlet", False, 2)
    r = rows[0]
    assert r["article_id"] == "a1" and r["role"] == "body" and r["position"] == "lede"
    assert r["context"] == "Officials [slammed] the plan."


def test_records_take_statements_from_the_quotation_engine():
    art = make_article("q", 'The mayor said: "This is a disgraceful decision."')
    row = [r for r in lexicon_records(art) if r["matched"] == "disgraceful"][0]
    assert row["voice"] == "quote" and row["statement"] == 0


def test_metadata_headline_is_analysed_as_the_headline():
    art = make_article("m", "The plan went ahead.\nCritics were furious.",
                       {"headline": "Embattled mayor slammed"})
    rows = lexicon_records(art, [])
    head = [r for r in rows if r["role"] == "headline"]
    assert [(r["matched"], r["paragraph"], r["field"], r["position"]) for r in head] == [
        ("Embattled", META_HEADLINE, "headline", "headline"),
        ("slammed", META_HEADLINE, "headline", "headline")]
    h = art.meta["headline"]
    assert all(h[r["start"]:r["end"]] == r["matched"] for r in head)  # offsets into the headline
    body = [r for r in rows if r["role"] != "headline"]
    assert [(r["matched"], r["field"]) for r in body] == [("furious", "text")]
    assert art.text[body[0]["start"]:body[0]["end"]] == "furious"


def test_headline_in_the_text_is_not_analysed_twice():
    text = "Embattled mayor slammed\nCritics were furious."
    art = make_article("m", text, {"headline": "Embattled mayor slammed"})
    assert art.paragraphs[0].role == "headline"
    rows = lexicon_records(art, [])
    assert [(r["matched"], r["paragraph"], r["field"]) for r in rows] == [
        ("Embattled", 0, "text"), ("slammed", 0, "text"), ("furious", 1, "text")]


HEADLINE_CORPUS = (
    "id,text,outlet,headline\n"
    'a1,"The mayor spoke on Monday.\n\nCritics slammed the plan as a disgrace.",X,'
    "Embattled mayor slammed over plan\n"
    'a2,"Embattled mayor slammed\n\nThe mayor was slammed.",Y,Embattled mayor slammed\n')


def test_metrics_hits_and_lexicon_records_follow_one_headline_rule():
    from analysis.measures.lexicon import lexicon_hits
    arts = [make_article(i, t, {"headline": h}) for i, t, h in (
        ("a1", "The mayor spoke.\n\nCritics slammed it.", "Embattled mayor slammed"),
        ("a2", "Embattled mayor slammed\n\nHe was slammed.", "Embattled mayor slammed"))]
    for art in arts:
        key = ("paragraph", "role", "position", "field", "start", "end", "term", "matched",
               "voice", "statement")
        assert [tuple(h[k] for k in key) for h in lexicon_hits(art, [], GENERAL)] == \
            [tuple(r[k] for k in key) for r in lexicon_records(art, [], GENERAL)]
    assert [h["paragraph"] for h in lexicon_hits(arts[0], [], GENERAL)][:2] == [META_HEADLINE] * 2


def test_metrics_and_lexicon_commands_agree_on_a_headline_column(tmp_path):
    import json
    from conftest import run_cli
    corpus = tmp_path / "c.csv"
    corpus.write_text(HEADLINE_CORPUS, encoding="utf-8")
    lex = run_cli("lexicon", str(corpus), "--format", "csv", "--no-progress")
    assert lex.returncode == 0, lex.stderr
    records = list(csv.DictReader(lex.stdout.splitlines()))
    met = run_cli("metrics", str(corpus), "--format", "jsonl", "--no-progress")
    assert met.returncode == 0, met.stderr
    rows = {r["article_id"]: r for r in map(json.loads, met.stdout.splitlines())}
    out = tmp_path / "out"
    run = run_cli("run", str(corpus), "--out", str(out), "--no-progress")
    assert run.returncode == 0, run.stderr
    hits = list(csv.DictReader((out / "hits.csv").open(encoding="utf-8")))
    key = ("article_id", "paragraph", "role", "position", "field", "start", "end", "term",
           "matched")
    assert [tuple(h[k] for k in key) for h in hits] == [tuple(r[k] for k in key) for r in records]
    head = [r for r in records if r["article_id"] == "a1" and r["role"] == "headline"]
    assert [(r["matched"], r["paragraph"], r["field"]) for r in head] == [
        ("Embattled", "-1", "headline"), ("slammed", "-1", "headline")]
    for aid in ("a1", "a2"):
        mine = [r for r in records if r["article_id"] == aid]
        assert rows[aid]["loaded_terms"] == len(mine)
        assert rows[aid]["loaded_headline"] == sum(r["role"] == "headline" for r in mine) == 2
    # a metadata headline's words count among the analysed words: 5 + 12 words
    assert (rows["a1"]["words"], rows["a1"]["body_words"]) == (17, 12)


def test_scare_quotes_on_request():
    text = 'The group called it a "vigil" again.'
    art = make_article("s", text)
    stmt = [{"statement": 0, "kind": "scare", "start": text.index("vigil"),
             "end": text.index("vigil") + 5}]
    assert lexicon_records(art, stmt) == []
    row, = lexicon_records(art, stmt, scare_quotes=True)
    assert (row["term"], row["category"], row["voice"], row["matched"]) == (
        "scare quotes", "distancing", "quote", "vigil")


def test_voices_lookup():
    v = Voices([{"statement": 1, "kind": "full", "start": 10, "end": 20},
                {"statement": 2, "kind": "indirect", "start": 30, "end": 40}])
    assert v.at(12, 15)["voice"] == "quote" and v.at(12, 15)["statement"] == 1
    assert v.at(32, 35) == {"voice": "outlet", "statement": None, "reported": True}
    assert v.at(50, 55, marks=[(45, 60)])["voice"] == "quote"


@pytest.mark.parametrize("header,field", [
    (HEADER + ["colour"], None), (HEADER + ["source", "source"], None)])
def test_unknown_or_repeated_optional_column(header, field):
    with pytest.raises(DataFileError, match="header"):
        parse_lexicon([header], "x.csv")


# --- evaluative rate ---------------------------------------------------------------------

def test_vader_lexicon_is_read_from_the_installed_package():
    path = vader_lexicon_path()
    assert "vaderSentiment" in path and path.endswith("vader_lexicon.txt")
    vals = load_valences()
    assert vals["terrible"] < -1 and vals["great"] > 1
    assert "party" not in vals and "like" not in vals and "party" in load_ignore()
    assert all(abs(v) >= 1.0 for v in vals.values())


def test_evaluative_records_and_summary(tmp_path):
    lex = tmp_path / "lex.txt"
    lex.write_text("good\t1.9\t0.9\t[]\r\nbad\t-2.5\t0.6\t[]\nmeh\t-0.3\t0.5\t[]\n:)\t2.0\t1\t[]\n",
                   encoding="utf-8")
    vals = load_valences(str(lex), 1.0, frozenset())
    assert vals == {"good": 1.9, "bad": -2.5}
    text = 'A bad plan.\nHe said: "It is good."'
    art = make_article("e", text, {"headline": "Good news"})
    rows = evaluative_records(art, [], vals)
    assert all(list(r) == EVALUATIVE_FIELDS for r in rows)
    assert [(r["word"], r["voice"], r["field"]) for r in rows] == [
        ("Good", "outlet", "headline"), ("bad", "outlet", "text"), ("good", "quote", "text")]
    assert text[rows[1]["start"]:rows[1]["end"]] == "bad"
    s = evaluative_summary(art, [], vals)
    # words: headline 2, outlet body 3 + 'He said' 2 = 7 outlet; quote 'It is good' 3
    assert s["evaluative_words"] == 3 and s["evaluative_outlet"] == 2 and s["evaluative_quote"] == 1
    assert s["evaluative_per_1k"] == 300.0
    assert s["evaluative_quote_per_1k"] == round(1000 / 3, 3)
    assert s["evaluative_outlet_per_1k"] == round(2000 / 7, 3)
    assert (s["evaluative_headline"], s["evaluative_positive"],
            s["evaluative_negative"]) == (1, 2, 1)


def test_evaluative_summary_of_an_empty_article_is_nan():
    s = evaluative_summary(make_article("z", ""), [], {"good": 1.9})
    assert s["evaluative_words"] == 0 and s["evaluative_per_1k"] != s["evaluative_per_1k"]


def test_bad_vader_file(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("good\tx\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="not a number"):
        load_valences(str(bad), 1.0, frozenset())
    with pytest.raises(DataFileError, match="cannot read"):
        load_valences(str(tmp_path / "none.txt"), 1.0, frozenset())


def test_loaded_profile_counts():
    from analysis.measures.lexicon import loaded_profile

    text = "Officials slammed the plan.\nShe said it was reckless and really bad."
    art = make_article("p", text, {"headline": "Furious row"})
    stmts = [{"statement": 0, "kind": "indirect", "start": text.index("it was"),
              "end": len(text) - 1}]
    rows = lexicon_records(art, stmts)
    p = loaded_profile(rows, words=20)
    assert [r["matched"] for r in rows] == ["Furious", "row", "slammed", "reckless", "really"]
    assert p["loaded_all"] == 5 and p["loaded_all_per_1k"] == 250.0
    assert p["loaded_strong"] == 4  # 'really' is mild
    assert (p["loaded_outlet"], p["loaded_outlet_own"], p["loaded_reported"]) == (5, 3, 2)
    assert (p["loaded_quote"], p["loaded_in_headline"], p["loaded_in_lede"]) == (0, 2, 1)
    assert loaded_profile([], 0)["loaded_all_per_1k"] != loaded_profile([], 0)["loaded_all_per_1k"]


def test_records_frame_columns_and_rows():
    from analysis.measures.lexicon import records_frame

    arts = [make_article("a", "Critics slammed it."), make_article("b", "Nothing here.")]
    frame = records_frame(arts)
    assert list(frame.columns) == RECORD_FIELDS
    assert frame["article_id"].tolist() == ["a"] and frame["matched"].tolist() == ["slammed"]
    assert str(frame["statement"].dtype) == "Int64"
    assert list(records_frame([]).columns) == RECORD_FIELDS


@pytest.mark.parametrize("text,expected", [
    ("She sharply criticized the plan.", ["sharply criticized"]),
    ("He flatly denied it and said tersely that he was busy", ["flatly denied", "tersely"]),
    ('"No," he said sharply.', ["said sharply"]),
    ("Prices fell sharply and the law was vigorously enforced.", []),  # tone needs a speech act
    ("They strongly opposed the bill.", []),  # degree adverbs are routine
])
def test_manner_of_a_speech_act(text, expected):
    entries = [e for e in GENERAL if e.term in ("sharply criticized", "bluntly")]
    assert terms(text, entries) == expected


#: Words that start a hit only through a key's prefix (a regular expression's first letters,
#: a form with a non-ASCII letter), with look-alikes that do not.
_PREFIXED = ["said", "Says", "told", "wrote", "sharply", "flatly", "fiercely", "naïve", "NAÏVE",
             "naive", "na", "exposé", "expose", "scrambling", "rows", "crisis", "do", "don't",
             "war", "wartime", "stand", "would", "replied", "added", "criticized", "denied"]


@settings(max_examples=80, deadline=None, derandomize=True)
@given(st.lists(st.one_of(st.sampled_from(_PREFIXED), st.sampled_from(_PREFIXED).map(str.upper),
                          st.sampled_from([" ", ",", "-", "\u2019", "_", "é"]),
                          st.text(max_size=4)), max_size=12))
def test_prefix_keys_find_what_a_full_scan_finds(parts):
    """A key's prefix stands for the text's words that start with it: the hits are a full scan's."""
    text = " ".join(parts)
    assert find_terms(text, GENERAL, filters=False) == _full_scan(text)
