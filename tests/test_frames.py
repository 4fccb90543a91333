"""Generic news frames and Entman's functions: item rules, scores, evidence, the data file."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from analysis.corpus.readers import make_article
from analysis.measures.entman import (AGENT_COUNT_FIELDS, ENTMAN_FIELDS, agent_counts, agent_side,
                             entman_rows, named_actors)
from analysis.errors import DataFileError
from analysis.measures.framecues import FRAMES, CueMatcher, load_items, parse_items, word_matches
from analysis.measures.frames import (EVIDENCE_FIELDS, FRAME_FIELDS, frame_evidence, frame_fields,
                             frame_row, sentences, target_pattern)
from analysis.model import Statement

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Tgt:
    """A study target as the frames see it."""

    name: str
    aliases: tuple[str, ...] = ()


def art(text: str, aid: str = "t") -> object:
    """An Article from plain text."""
    return make_article(aid, text)


# ---- one yes and one no text per item of the packaged file -------------------------------
ITEM_CASES = {
    "re1": ("The government can cut taxes to solve the problem.",  # one sentence suffices
            "The government can meet on Monday. Ministers should rest."),
    "re2": ("Critics blame the government for the floods.", "The government met on Tuesday."),
    "re3": ("A solution exists. They will tackle it. Cut the waste. We want a plan. "
            "The proposal was published.",
            "A solution exists. Nothing else was said."),
    "re4": ("The company is to blame. Its executives caused the spill.",
            "The ministers caused the spill. The government is to blame."),
    "re5": ("This is an emergency.", "This is a matter for later."),
    "co1": ("The two parties disagree. Critics reject the plan.", "The two parties disagree."),
    "co2": ("She accused him of lying.", "She thanked him."),
    "co3": ("Supporters welcomed the bill, but opponents rejected it.",
            "Supporters welcomed the bill."),
    "co4": ("The big winners are the banks. The losers are the savers.", "The banks are open."),
    "hi1": ("The 45-year-old mother lost her home in the flood.", "The committee met."),
    "hi2": ("It was a tragic scene. The families were devastated.", "It was a scene."),
    "hi3": ("Residents were affected by the floods. Many families suffered.",
            "Residents were affected by the floods."),
    "hi4": ("He grew up on a farm with his wife.", "He spoke at the meeting."),
    "hi5": ("The footage shows a horrific scene.", "The footage shows a street."),
    "mo1": ("We have a moral duty and must act.",  # a moral word and a prescription
            "It is a moral question. We must act."),
    "mo2": ("The pope spoke. The church prayed. The bishop blessed them.",
            "The pope spoke. The church prayed."),  # religion in passing is not enough
    "mo3": ("We should recycle. People must drive less. Everyone needs to act.",
            "We should recycle. People must drive less."),
    "ec1": ("The firm's profits fell.", "The firm moved."),
    "ec2": ("The plan will cost $5 billion.",  # the degree of expense is a sum of money
            "The plan will cost more. It is expensive. Taxpayers will pay. The budget is tight."),
    "ec3": ("The policy would hurt the economy. Jobs could be lost.", "The economy grew."),
}


def test_every_item_has_a_case():
    assert set(ITEM_CASES) == set(load_items().items)


@pytest.mark.parametrize("item", sorted(ITEM_CASES))
def test_item_rule_yes_and_no(item):
    yes, no = ITEM_CASES[item]
    assert frame_row(art(yes))[item] == 1
    assert frame_row(art(no))[item] == 0


@pytest.mark.parametrize("item", sorted(ITEM_CASES))
def test_yes_answers_cite_the_sentences_that_decided_them(item):
    a = art(ITEM_CASES[item][0])
    rows = [r for r in frame_evidence(a) if r["item"] == item]
    assert rows and all(r["answer"] == "yes" and r["start"] is not None for r in rows)
    assert all(r["cues"] for r in rows)


# ---- rows, scores, evidence ---------------------------------------------------------------
def test_frame_row_fields_and_types():
    row = frame_row(art("Critics blame the government for the floods. This is an emergency."))
    assert list(row) == FRAME_FIELDS == frame_fields()
    assert FRAME_FIELDS[:6] == ["article_id", *FRAMES]
    for f in FRAMES:
        assert row[f] in (0, 1) and 0.0 <= row[f"{f}_score"] <= 1.0
    assert row["article_id"] == "t"


def test_score_is_share_of_items_and_presence_follows_the_threshold():
    book = load_items()
    text = " ".join(ITEM_CASES[q][0] for q in ("co1", "co2"))
    row = frame_row(art(text))
    items = book.frames["conflict"].items
    assert row["conflict_score"] == round(sum(row[q] for q in items) / len(items), 3)
    for f in FRAMES:
        assert row[f] == int(row[f"{f}_score"] >= book.frames[f].threshold - 1e-9)
    assert frame_row(art("Nothing at all happened here."))["conflict"] == 0


def test_evidence_offsets_match_the_article_text():
    text = ("Headline about a row\n\nCritics blame the government for the floods. The pope "
            "spoke.\nThe church prayed, and Mr. Smith said it was tragic and devastating.")
    a = art(text)
    rows = frame_evidence(a)
    assert {r["item"] for r in rows} == set(load_items().items)
    assert all(list(r) == EVIDENCE_FIELDS for r in rows)
    with_sentence = [r for r in rows if r["start"] is not None]
    assert with_sentence
    for r in with_sentence:
        assert a.text[r["start"]:r["end"]] == r["text"]
        for cue in r["cues"]:
            assert cue in r["text"]


def test_an_item_no_sentence_touched_has_one_empty_row():
    rows = [r for r in frame_evidence(art("The cat sat.")) if r["item"] == "re5"]
    assert rows == [{"article_id": "t", "item": "re5", "frame": "responsibility",
                     "answer": "no", "start": None, "end": None, "text": "", "cues": []}]


def test_empty_article():
    row = frame_row(art(""))
    assert all(row[f] == 0 for f in FRAMES)
    assert entman_rows(art("")) == []


def test_captions_are_not_analysed():
    text = "Critics blame the government for the floods.\nThe pope (pictured) spoke"
    a = art(text)
    assert [p.role for p in a.paragraphs] == ["body", "caption"]
    assert [s.text for s in sentences(a)] == ["Critics blame the government for the floods."]


# ---- target and statements ----------------------------------------------------------------
def test_target_pattern_case_rules():
    p = target_pattern(Tgt("Acme", ("the firm",)))
    assert p.search("Acme said") and p.search("The firm said") and p.search("the firm")
    assert not p.search("acme said") and not p.search("Acmes")
    assert target_pattern(None) is None and target_pattern(Tgt("", ())) is None


def test_target_items_use_the_target():
    # re4 leaves out blame sentences that name a government; the target's sentence counts
    text = "Officials say Acme is to blame. Acme caused the spill, officials said."
    assert frame_row(art(text))["re4"] == 0
    assert frame_row(art(text), target=Tgt("Acme"))["re4"] == 1
    ev = [r for r in frame_evidence(art(text), target=Tgt("Acme")) if r["item"] == "re4"]
    assert len(ev) == 2 and ev[0]["answer"] == "yes"


def _stmt(a, text_part, statement, group, actor=None, kind="indirect"):
    """A statement record covering text_part of article a."""
    s = a.text.index(text_part)
    return Statement(a.id, statement, 0, s, s + len(text_part), text_part, kind,
                     speaker=actor or group, actor=actor, group=group)


def test_statements_groups_answer_two_sides():
    text = "The minister said the plan works. A resident said the plan fails."
    a = art(text)
    st = [_stmt(a, "the plan works", 0, "government", "minister_x"),
          _stmt(a, "the plan fails", 1, "public", "resident_y")]
    assert frame_row(a)["co3"] == 0
    assert frame_row(a, st)["co3"] == 1
    assert frame_row(a, st[:1])["co3"] == 0
    ev = [r for r in frame_evidence(a, st) if r["item"] == "co3"]
    assert [r["cues"] for r in ev] == [["government"], ["public"]]
    # a scare quote is the outlet's, and unknown groups are not a side
    st2 = [_stmt(a, "the plan works", 0, "government", kind="scare"),
           _stmt(a, "the plan fails", 1, "unknown")]
    assert frame_row(a, st2)["co3"] == 0


def test_works_with_and_without_target_and_statements():
    text = ("Critics blame the government for the floods. The company is to blame, "
            "Mr Jones said. The plan will cost $5 million.")
    a = art(text)
    st = [_stmt(a, "The company is to blame", 0, "public", "jones")]
    rows = [frame_row(a), frame_row(a, st), frame_row(a, None, Tgt("the company")),
            frame_row(a, st, Tgt("the company"))]
    assert all(list(r) == FRAME_FIELDS for r in rows)
    assert all(frame_evidence(a, s, t) for s in (None, st) for t in (None, Tgt("x")))


# ---- Entman -------------------------------------------------------------------------------
def test_entman_functions_and_agents():
    text = ("The floods are a serious problem. Critics blame the government for the damage. "
            "It is a moral failure. Acme should fix the drains. Banks must pay, Mr Jones said.")
    a = art(text)
    st = [_stmt(a, "Banks must pay", 0, "public", None)]
    st = [Statement(a.id, 0, 0, st[0].start, st[0].end, st[0].text, "indirect",
                    speaker="Mr Jones")]
    rows = entman_rows(a, st, Tgt("Acme"))
    assert all(list(r) == ENTMAN_FIELDS for r in rows)
    by = {(r["function"], r["text"].split()[0]): r for r in rows}
    assert ("problem", "The") in by
    cause = by[("cause", "Critics")]
    assert (cause["agent"], cause["agent_type"]) == ("government", "government")
    assert ("moral", "It") in by
    remedy = by[("remedy", "Acme")]
    assert (remedy["agent"], remedy["agent_type"]) == ("Acme", "target")
    banks = by[("remedy", "Banks")]
    assert (banks["agent"], banks["agent_type"], banks["said_by"]) == ("Banks", "business",
                                                                      "Mr Jones")
    for r in rows:
        assert a.text[r["start"]:r["end"]] == r["text"]


def test_entman_named_actor_from_a_statement_speaker():
    text = ('Ms Smith said: "We will act." Jones is to blame for the delay, Brown said.')
    a = art(text)
    s1 = a.text.index("We will act.")
    s2 = a.text.index("Jones is to blame for the delay")
    st = [Statement(a.id, 0, 0, s1, s1 + 12, "We will act.", "full", speaker="Ms Smith"),
          Statement(a.id, 1, 0, s2, s2 + 31, a.text[s2:s2 + 31], "indirect", speaker="Brown"),
          Statement(a.id, 2, 0, 0, 8, "Ms Smith", "indirect", speaker="Jones", actor="jones_x")]
    cause = [r for r in entman_rows(a, st) if r["function"] == "cause"]
    assert cause and cause[0]["said_by"] == "Brown"
    assert (cause[0]["agent"], cause[0]["agent_type"]) == ("jones_x", "named")
    assert named_actors(st) == [("Ms Smith", "Smith"), ("Brown", "Brown"), ("jones_x", "Jones")]
    assert named_actors([Statement("t", 0, 0, 0, 1, "x", "full", speaker="he")]) == []
    assert entman_rows(a)  # without statements


# ---- the data file ------------------------------------------------------------------------
def test_packaged_file_has_provenance_for_every_list():
    book = load_items()
    assert set(book.frames) == set(FRAMES)
    assert book.sources.keys() == book.lists.keys()
    assert all(len(src) > 20 for src in book.sources.values())
    for item in book.items.values():
        assert item.question.endswith("?")


def test_matcher_prefix_suffix_phrases_and_apostrophes():
    m = CueMatcher.build({"a": ("econom*", "*-year-old", "prime minister", "shame on"),
                          "b": ("it's time to",)})
    words = ["the", "economists", "and", "a", "45-year-old", "prime", "minister", "it's",
             "time", "to", "shame"]
    hits = {(n, c, i, j) for n, c, i, j in m.find(words)}
    assert hits == {("a", "econom*", 1, 2), ("a", "*-year-old", 4, 5),
                    ("a", "prime minister", 5, 7), ("b", "it's time to", 7, 10)}
    assert word_matches("plan", "plan*") and not word_matches("plan", "*plans")
    assert word_matches("unfair", "*fai*")
    # a curly apostrophe reads as a straight one
    a = art("It\u2019s time to act, we should all do more. People must act. Everyone needs to act.")
    assert frame_row(a)["mo3"] == 1


def _write(tmp_path, data) -> str:
    """Write data as an item file; its path."""
    p = tmp_path / "items.yaml"
    p.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return str(p)


def _minimal() -> dict:
    """The smallest valid item file: one list, one item per frame."""
    items = {}
    frames = {}
    for k, f in enumerate(FRAMES):
        q = f"{f[:2]}1"
        items[q] = {"frame": f, "question": "Is it?", "all": ["w"]}
        frames[f] = {"items": [q], "threshold": 0.5}
    return {"version": 1, "lists": {"w": {"source": "made up", "cues": ["word"]}},
            "frames": frames, "items": items,
            "entman": {fn: ["w"] for fn in ("problem", "cause", "moral", "remedy")}}


def test_loader_accepts_a_minimal_file(tmp_path):
    book = load_items(_write(tmp_path, _minimal()))
    a = art("A word here.")
    assert frame_row(a, book=book)["conflict"] == 1
    assert frame_row(a, book=book)["co1"] == 1
    assert frame_fields(book)[-5:] == list(book.items)


@pytest.mark.parametrize("change, field, message", [
    (lambda d: d.update(version=2), "version", "must be 1"),
    (lambda d: d["lists"]["w"].pop("source"), "lists.w.source", "provenance"),
    (lambda d: d["lists"]["w"].update(cues=["Word"]), "lists.w.cues[0]", "lower case"),
    (lambda d: d["lists"]["w"].update(cues=["a * b"]), "lists.w.cues[0]", "never alone"),
    (lambda d: d["lists"]["w"].update(cues=["wo*rd"]), "lists.w.cues[0]", "start or end"),
    (lambda d: d["lists"]["w"].update(cues=[]), "lists.w.cues", "non-empty"),
    (lambda d: d["items"]["co1"].update(all=["nope"]), "items.co1.all[0]", "not a known list"),
    (lambda d: d["items"]["co1"].update(all=[]), "items.co1.all", "at least one"),
    (lambda d: d["items"]["co1"].update(frame="war"), "items.co1.frame", "must be one of"),
    (lambda d: d["items"]["co1"].update(min_sentences=0), "items.co1.min_sentences", "whole"),
    (lambda d: d["items"]["co1"].update(groups=True), "items.co1.groups", "whole"),
    (lambda d: d["items"]["co1"].update(quoted="yes"), "items.co1.quoted", "true or false"),
    (lambda d: d["items"]["co1"].update(unquoted=1), "items.co1.unquoted", "true or false"),
    (lambda d: d["items"]["co1"].update(quoted=True, unquoted=True), "items.co1.unquoted",
     "both"),
    (lambda d: d["items"]["co1"].update(colour=1), "items.co1", "unknown key"),
    (lambda d: d["items"]["co1"].pop("question"), "items.co1.question", "question"),
    (lambda d: d["frames"]["conflict"].update(threshold=1.5), "frames.conflict.threshold",
     "at most 1"),
    (lambda d: d["frames"]["conflict"].update(items=["re1"]), "frames.conflict.items[0]",
     "belongs to frame"),
    (lambda d: d["frames"].pop("economic"), "frames", "missing"),
    (lambda d: d["entman"].update(remedy=[]), "entman.remedy", "at least one"),
    (lambda d: d["entman"].update(blame=["w"]), "entman.blame", "unknown key"),
    (lambda d: d["entman"].update(after=["nope"]), "entman.after[0]", "not a known list"),
])
def test_loader_errors_name_file_line_and_field(tmp_path, change, field, message):
    data = _minimal()
    data["items"]["re1"] = data["items"].pop("re1")
    change(data)
    path = _write(tmp_path, data)
    with pytest.raises(DataFileError) as e:
        load_items(path)
    err = e.value
    assert err.path == path and err.field == field and message in str(err)
    assert err.line is not None and str(err).startswith(f"{path}:{err.line}")


def test_loader_reports_yaml_syntax_and_missing_file(tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_text("version: 1\nlists: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataFileError) as e:
        load_items(str(p))
    assert e.value.line is not None
    with pytest.raises(DataFileError):
        load_items(str(tmp_path / "missing.yaml"))
    with pytest.raises(DataFileError):
        parse_items([1, 2], "x.yaml")


def test_no_seed_story_words_in_the_lexicon():
    text = (ROOT / "analysis" / "data" / "frame_items.yaml").read_text(encoding="utf-8").lower()
    for word in ("metropolitan", "rowley", "khan", "falter", "antisemit", "hezbollah", "gaza"):
        assert word not in text


def test_seed_coding_file_covers_every_item():
    import csv

    from conftest import SEED_EVALUATION
    with open(SEED_EVALUATION / "seeds_frames.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["answer"] for r in rows} <= {"yes", "no"}
    by_article: dict[str, set[str]] = {}
    for r in rows:
        by_article.setdefault(r["article_id"], set()).add(r["item"])
    assert by_article and all(v == set(load_items().items) for v in by_article.values())


def test_agent_counts_by_outlet():
    rows = [{"article_id": "a", "function": "cause", "agent_type": "government", "agent": "x"},
            {"article_id": "a", "function": "cause", "agent_type": "government", "agent": "x"},
            {"article_id": "b", "function": "cause", "agent_type": "government", "agent": "x"},
            {"article_id": "b", "function": "cause", "agent_type": "", "agent": ""},
            {"article_id": "b", "function": "remedy", "agent_type": "public", "agent": "we"}]
    out = agent_counts(rows, {"a": "P", "b": "Q"})
    assert out == [
        {"outlet": "P", "function": "cause", "agent_type": "government", "agent": "x",
         "sentences": 2, "articles": 1},
        {"outlet": "Q", "function": "cause", "agent_type": "government", "agent": "x",
         "sentences": 1, "articles": 1}]
    assert agent_counts(rows, {}, "remedy")[0]["agent"] == "we"
    assert list(out[0]) == AGENT_COUNT_FIELDS


def _book(tmp_path, **item):
    """A minimal book whose co1 item has the given extra rule keys."""
    tmp_path.mkdir(exist_ok=True)
    data = _minimal()
    data["lists"]["v"] = {"source": "made up", "cues": ["other"]}
    data["items"]["co1"].update(item)
    return load_items(_write(tmp_path, data))


def test_quoted_none_and_target_rules(tmp_path):
    text = 'A word here. He said: "a word there." Other word.'
    a = art(text)
    quoted = _book(tmp_path, quoted=True)
    ev = [r for r in frame_evidence(a, book=quoted) if r["item"] == "co1"]
    assert [r["text"] for r in ev] == ['He said: "a word there."']
    s = a.text.index("a word there.")
    st = [Statement("t", 0, 0, s, s + 13, "a word there.", "full", speaker="He")]
    assert frame_row(a, st, book=quoted)["co1"] == 1
    assert frame_row(a, [], book=quoted)["co1"] == 0  # statements given: none overlaps
    none = _book(tmp_path / "n", none=["v"], min_sentences=2)
    assert frame_row(a, book=none)["co1"] == 1  # two sentences without "other"
    assert frame_row(art("A word. Other word."), book=none)["co1"] == 0
    tgt = _book(tmp_path / "t", all=["v", "w"], target_all=["w"])
    b = art("Acme has a word. Nothing else.")
    assert frame_row(b, book=tgt)["co1"] == 0
    assert frame_row(b, target=Tgt("Acme"), book=tgt)["co1"] == 1


def test_unquoted_items_count_only_the_outlets_own_sentences(tmp_path):
    a = art('A word here. He said: "a word there."')
    book = _book(tmp_path, unquoted=True)
    ev = [r for r in frame_evidence(a, book=book) if r["item"] == "co1"]
    assert [r["text"] for r in ev] == ["A word here."]  # no quotation mark
    s, q = a.text.index("A word here."), a.text.index("a word there.")
    st = [Statement("t", 0, 0, s, s + 12, "A word here.", "indirect", speaker="He"),
          Statement("t", 1, 0, q, q + 13, "a word there.", "full", speaker="He")]
    assert frame_row(a, st, book=book)["co1"] == 0  # both are somebody's voice
    assert frame_row(a, st[1:], book=book)["co1"] == 1
    assert frame_row(a, [], book=book)["co1"] == 1  # statements given: none overlaps
    said = ('"We should recycle. People must drive less. Everyone needs to act," '
            'the minister said.')
    assert frame_row(art(ITEM_CASES["mo3"][0]))["mo3"] == 1
    assert frame_row(art(said))["mo3"] == 0  # a quoted speaker's, not the story's


def test_hand_built_article_and_string_alias():
    from analysis.model import Article
    a = Article("h", "Critics blame the government for the floods.")
    assert frame_row(a)["re2"] == 1
    assert target_pattern(Tgt("Acme", "the firm")).search("the firm")


# ---- the results store's frames tables ----------------------------------------------------
def test_article_frame_tables_are_the_three_functions_from_one_split():
    from analysis.measures.frametables import (ENTMAN_TABLE_FIELDS, article_frame_tables,
                                               paragraph_at)

    text = ("Floods hit the town\n\nCritics blame the government for the damage.\n\n"
            "Acme should fix the drains, Mr Jones said.")
    a = art(text)
    st = [_stmt(a, "Acme should fix the drains", 0, "public", "jones")]
    tables = article_frame_tables(a, st, Tgt("Acme"))
    assert tables["frames"] == [frame_row(a, st, Tgt("Acme"))]
    assert tables["frame_evidence"] == frame_evidence(a, st, Tgt("Acme"))
    plain = entman_rows(a, st, Tgt("Acme"))
    assert [{k: r[k] for k in ENTMAN_FIELDS} for r in tables["entman"]] == plain
    assert all(list(r) == ENTMAN_TABLE_FIELDS for r in tables["entman"])
    assert [r["paragraph"] for r in tables["entman"]] == [paragraph_at(a, r["start"])
                                                          for r in plain]
    assert {r["paragraph"] for r in tables["entman"] if r["function"] == "remedy"} == {2}
    assert paragraph_at(a, len(text) + 5) is None


def test_the_bench_reports_kappa_with_each_coder_and_between_coders(monkeypatch):
    import importlib.util
    import sys

    monkeypatch.syspath_prepend(str(ROOT / "bench"))  # as when the script runs: bench/paths.py
    spec = importlib.util.spec_from_file_location("bench_frames", ROOT / "bench" / "frames.py")
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # its dataclass looks its module up
    try:
        spec.loader.exec_module(bench)
    finally:
        sys.modules.pop(spec.name, None)
    n = bench.MIN_PAIRS
    ids = [f"a{i}" for i in range(2 * n)]
    truth = ["yes" if i % 2 else "no" for i in range(2 * n)]
    flipped = ["no" if t == "yes" else "yes" for t in truth]
    # coder 0 agrees with the rules, coder 1 always disagrees, coder 2 never coded
    gold = [{"id": a, "items": {"co1": ["yes", [t, f, -1]]}}
            for a, t, f in zip(ids, truth, flipped)]
    preds = [{"id": a, "items": {"co1": t}} for a, t in zip(ids, truth)]
    k = bench.coder_kappas(gold, preds, ("co1",))["co1"]
    assert k["n"] == 4 * n
    assert k["rules"] == pytest.approx(0.0)  # mean of +1 and -1
    assert k["coders"] == pytest.approx(-1.0)  # coders 0 and 1 always disagree


@pytest.mark.parametrize("words, lists", [
    ("an investigation into the fundamental question", {"cost", "financial", "ability"}),
    ("european leaders took it for granted", {"cost", "financial", "sum_of_money"}),
    ("an earnest insurgent waged war", {"financial", "sum_of_money"}),
    ("ten pounds of carbon per person", {"financial", "sum_of_money"}),  # pound as a weight
    ("residents lost faith in the council", {"religion", "private_life"}),
    ("a doomsday scenario for a content creator and a pop idol", {"religion"}),
    ("the christian and muslim communities", {"religion"}),  # groups named as a category
])
def test_ambiguous_words_are_not_cues_of_those_lists(words, lists):
    book = load_items()
    found = {name for name, *_ in book.matcher.find(words.split())}
    assert not found & lists, found & lists


@pytest.mark.parametrize("words, name", [
    ("they will invest in funding grants", "cost"), ("record profits and losses", "financial"),
    ("it cost $ 5 million", "sum_of_money"), ("50 pence a litre", "sum_of_money"),
    ("the pope and the church", "religion"), ("a study of islam", "religion"),
])
def test_the_senses_kept_still_match(words, name):
    assert name in {n for n, *_ in load_items().matcher.find(words.split())}


# ---- who is blamed: the one blamed, not whoever is named ------------------------------------
BOARD = Tgt("the Board", ("Board",))


def _first(text: str, function: str = "cause", target: Tgt | None = BOARD) -> tuple[str, str]:
    """(agent, agent_type) of the first row of a function in a one-paragraph text."""
    rows = [r for r in entman_rows(art(text), None, target) if r["function"] == function]
    assert rows, text
    return rows[0]["agent"], rows[0]["agent_type"]


@pytest.mark.parametrize("text, agent", [
    ("The Board blamed the government for the delays.", ("government", "government")),
    ("The government blamed the Board for the delays.", ("the Board", "target")),
    ("The Board accused the council of failing residents.", ("council", "government")),
    ("Critics blame the floods on the council, the Board said.", ("council", "government")),
    ("The delays were caused by the council, the Board said.", ("council", "government")),
    ("Because of the council, the Board lost a year.", ("council", "government")),
    ("Ministers said it was the Board's fault.", ("the Board", "target")),
    ("The Board was blamed for the delays by ministers.", ("the Board", "target")),
    ("The Board is to blame, ministers said.", ("the Board", "target")),
    ("The Board blamed budget cuts.", ("", "")),  # the one blamed is no actor: nobody, not the Board
    ("The plan failed because of the council.", ("council", "government")),  # the second cue
])
def test_the_cause_agent_is_the_one_blamed(text, agent):
    assert _first(text) == agent


def test_the_remedy_agent_is_the_one_asked_to_act():
    assert _first("The Board urged the council to act.", "remedy") == ("council", "government")
    assert _first("The Board should apologise, the council said.", "remedy") == ("the Board", "target")
    assert _first("Critics called for the government to resign.", "remedy", None) == (
        "government", "government")


def test_agent_side_reads_the_cue():
    book = load_items()
    for text, side in [("Critics blame the government.", "after"),
                       ("The government is to blame.", "before"),
                       ("The council was blamed.", "before"),
                       ("It was caused by the storm.", "after"),
                       ("It was the fault of the council.", "after"),
                       ("The council caused it.", "before")]:
        a = art(text)
        s = next(x for x in sentences(a, book=book) if "blame" in x.hits)
        cue = min(s.hits["blame"], key=lambda h: (h[1], -h[2]))
        assert agent_side(s, cue[1:], book, a.text) == side, text


def test_the_target_wins_over_a_named_actor_its_mention_covers():
    a = art('Sir John Smith said: "We act." Critics said Sir John Smith failed.')
    q = a.text.index("We act.")
    st = [Statement(a.id, 0, 0, q, q + 7, "We act.", "full", speaker="Sir John Smith")]
    cause = [r for r in entman_rows(a, st, Tgt("Sir John Smith")) if r["function"] == "cause"]
    assert (cause[0]["agent"], cause[0]["agent_type"]) == ("Sir John Smith", "target")
    cause = [r for r in entman_rows(a, st) if r["function"] == "cause"]
    assert (cause[0]["agent"], cause[0]["agent_type"]) == ("Sir John Smith", "named")


def _class_alias_pattern(names):
    """The aliases' pattern as it was first written (a lookbehind, then the alternatives, a
    capitalisable first letter as a class): the reference for _alias_pattern."""
    import re
    parts = []
    for alias in sorted(names, key=len, reverse=True):
        words = [re.escape(w) for w in alias.split()]
        if alias[0].islower():
            words[0] = f"[{alias[0]}{alias[0].upper()}]" + re.escape(alias.split()[0][1:])
        parts.append(r"\s+".join(words))
    return re.compile(rf"(?<![^\W_])(?:{'|'.join(parts)})(?![^\W_])")


_ALIASES = ("the firm", "Acme", "Acme Corp", "ßeta", "x", "boss", "Mr A-B", "j.p.")


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.one_of(st.sampled_from(_ALIASES), st.sampled_from(_ALIASES).map(str.title),
                          st.sampled_from(["The", "SS", "S", "_", "a", " ", "\n", "é", "1", "-"])),
                max_size=8),
       st.integers(0, 30), st.integers(0, 40), st.sets(st.sampled_from(_ALIASES), min_size=1))
def test_alias_pattern_finds_what_the_class_pattern_finds(parts, pos, endpos, names):
    """Letter-first alternatives find the matches of the lookbehind-first pattern, also
    searched between offsets (as frames search each sentence of the article text)."""
    from analysis.measures.frames import _alias_pattern
    text = "".join(parts)
    names = tuple(sorted(names))
    new, old = _alias_pattern(names), _class_alias_pattern(names)
    assert [m.span() for m in new.finditer(text, pos, endpos)] == \
        [m.span() for m in old.finditer(text, pos, endpos)]
