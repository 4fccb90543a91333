"""The general stance coder toward any target (analysis.knowledge.target, analysis.measures.target_stance)."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest

from analysis.errors import DataFileError
from analysis.model import Article, Paragraph, Statement
from analysis.knowledge.target import Target, target_mentions
from analysis.measures.target_stance import (MODEL_CLASSES, Cues, Evidence, StanceCode, code_pieces,
                                    code_statement, combine, dedupe_statements,
                                    evidence_records, load_cues,
                                    load_model, parse_cues, predict, same_voice,
                                    statement_features)

#: A fictional target: nothing of the seed story.
PORT = Target("the Harbour Authority and its chief", aliases=("Harbour Authority", "Dana Reyes",
                                                              "Reyes"),
              actor_ids=("harbour_authority", "dana_reyes"), allies=("port_union",),
              role_nouns=("the authority",), pronouns=("she", "her", "it", "its"))


def article(text: str, aid: str = "t1") -> Article:
    """An article whose paragraphs are the text's lines."""
    paras, pos = [], 0
    for i, line in enumerate(text.split("\n")):
        paras.append(Paragraph(i, pos, pos + len(line), line))
        pos += len(line) + 1
    return Article(aid, text, {}, tuple(paras))


def statement(art: Article, words: str, actor: str | None = None, kind: str = "full",
              index: int = 0, speaker: str | None = None) -> Statement:
    """The statement of art whose text is `words` (its first occurrence)."""
    start = art.text.index(words)
    para = next(p.index for p in art.paragraphs if p.start <= start < p.end or p.start == start)
    return Statement(art.id, index, para, start, start + len(words), words, kind, speaker,
                     actor=actor)


def code(text: str, words: str | None = None, actor: str | None = None, **kw) -> StanceCode:
    """Code `words` (default: the whole text) of an article made of `text` toward PORT."""
    art = article(text)
    return code_statement(statement(art, words or text, actor), art, PORT, **kw)


# --- mentions -----------------------------------------------------------------------------

def test_mentions_aliases_role_nouns_and_capitalised_role_noun():
    text = "The authority said Dana Reyes had left; the Harbour Authority agreed."
    got = [text[a:b] for a, b in target_mentions(text, PORT)]
    assert got == ["The authority", "Dana Reyes", "Harbour Authority"]


def test_alias_is_case_sensitive_and_whole_word():
    t = Target("x", aliases=("Met",))
    assert target_mentions("They met at the Metro.", t) == []
    assert target_mentions("the Met's answer", t) == [(4, 7)]


def test_pronoun_refers_back_unless_another_name_intervenes():
    text = "Reyes arrived. She spoke first. Then Tom Hale said she was wrong."
    got = [text[a:b] for a, b in target_mentions(text, PORT)]
    assert got == ["Reyes", "She"]  # the second 'she' follows another name
    assert target_mentions("She spoke.", PORT) == []  # no earlier mention


# --- rules --------------------------------------------------------------------------------

@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize("text,stance,act", [
    ("Dana Reyes must resign.", "critical", "call_to_resign"),
    ("Critics called for Reyes to step down.", "critical", "call_to_resign"),
    ("Reyes should be sacked.", "critical", "call_to_sack"),
    ("They demanded an independent inquiry into the Harbour Authority.", "critical",
     "call_to_investigate"),
    ("The Harbour Authority must apologise.", "critical", "call_to_apologise"),
    ("Shippers have lost confidence in the Harbour Authority.", "critical", "lost_confidence"),
    ("We have no confidence in Reyes.", "critical", "lost_confidence"),
    ("The minister praised Dana Reyes.", "defensive", "praise"),
    ("We thank the Harbour Authority for its work.", "defensive", "thanks"),
    ("Reyes retains the confidence of the board.", "defensive", "confidence"),
    ("We accept the Harbour Authority's apology.", "defensive", "apology_accepted"),
    ("We reject the Harbour Authority's apology.", "critical", "apology_rejected"),
    ("Reyes has failed. The port needs a new chief executive.", "critical", "call_to_replace"),
    ("The Harbour Authority has made a series of costly errors.", "critical", "accusation"),
    ("Reyes made mistakes.", "critical", "accusation"),
    ("The Harbour Authority offered nothing but excuses.", "critical", "accusation"),
    ("The Harbour Authority should never have closed the quay.", "critical", "rebuke"),
    ("Reyes shouldn't have signed it.", "critical", "rebuke"),
])
def test_speech_acts(text, stance, act, model):
    got = code(text, model=model)
    assert (got.stance, got.rule) == (stance, "speech_act")
    assert any(e.rule == f"speech_act:{act}" and e.side == stance for e in got.evidence)


@pytest.mark.parametrize("model", [False, True])
def test_speech_act_at_someone_else_is_neutral_toward_the_target(model):
    text = "The Harbour Authority issued a statement. Tom Hale must resign."
    got = code(text, "Tom Hale must resign.", model=model)
    assert got.stance == "neutral" and got.rule == "out_of_scope"
    got = code("Reyes said that Tom Hale should resign.", "Tom Hale should resign", model=model)
    assert got.stance == "neutral"


def test_praise_by_the_target_of_someone_else_is_not_praise_of_it():
    got = code("Reyes praised the volunteers.", model=False)
    assert got.stance == "neutral"


def test_evaluation_in_scope_and_negation():
    assert code("The Harbour Authority was incompetent and wrong.", model=False).stance == \
        "critical"
    assert code("The Harbour Authority was not wrong.", model=False).stance == "defensive"
    assert code("Nobody thinks the Harbour Authority is incompetent.", model=False).stance == \
        "defensive"


def test_evaluation_of_someone_else_is_not_toward_the_target():
    got = code("The Harbour Authority met Tom Hale, who is incompetent and dishonest.", model=False)
    assert got.stance == "neutral"


def test_contrast_gives_mixed():
    text = "The Harbour Authority did some good work, but its handling of the strike was awful."
    got = code(text, model=False)
    assert got.stance == "mixed" and got.rule == "evaluation"
    assert {e.side for e in got.evidence} == {"critical", "defensive"}
    assert got.lean == "critical"  # the clause after "but" outweighs the one before


def test_speech_act_with_opposite_evaluation_after_but_is_mixed():
    text = "We welcome the Harbour Authority's apology, but its conduct was shameful."
    got = code(text, model=False)
    assert got.stance == "mixed" and got.rule == "speech_act"


@pytest.mark.parametrize("model", [False, True])
def test_rebuke_after_welcome_is_mixed(model):
    text = ("We welcome the Harbour Authority's apology, but a fisherman should never be "
            "treated as a suspect.")
    got = code(text, model=model)
    assert got.stance == "mixed" and got.rule == "speech_act"
    assert {e.rule for e in got.evidence} == {"speech_act:apology_accepted", "speech_act:rebuke"}


@pytest.mark.parametrize("model", [False, True])
def test_corrective_not_but_keeps_one_clause(model):
    # "not from A but from B": one clause, and the act is aimed at B, not at the negated A
    text = ("Tom Hale said the change we need is not from Ann Ode but from the Harbour "
            "Authority.")
    got = code(text, "the change we need is not from Ann Ode but from the Harbour Authority",
               model=model)
    assert got.stance == "critical" and got.rule == "speech_act"
    # with a comma it is an ordinary contrast: the call's clause names only Ann Ode
    text = "Tom Hale said the change we need is not from Ann Ode, but the Harbour Authority is fine."
    got = code(text, "the change we need is not from Ann Ode, but the Harbour Authority is fine",
               model=model)
    assert not any(e.rule == "speech_act:call_for_change" for e in got.evidence)


def test_hedge_halves_the_weight():
    plain = code("The Harbour Authority is wrong.", model=False)
    hedged = code("The Harbour Authority is perhaps wrong.", model=False)
    assert hedged.evidence[0].weight == pytest.approx(plain.evidence[0].weight / 2)


def test_alignment_of_the_target_and_its_allies():
    text = "We are proud of every officer."
    for actor in ("harbour_authority", "port_union"):
        got = code(text, actor=actor, model=False)
        assert (got.stance, got.rule) == ("defensive", "alignment")
    assert code("I will resign.", actor="dana_reyes", model=False).stance == "mixed"
    assert code(text, actor="someone_else", model=False).stance == "neutral"


def test_statement_naming_nobody_takes_the_target_from_its_sentence():
    text = "Of the Harbour Authority, the mayor said it was a disgrace."
    got = code(text, "it was a disgrace", model=False)
    assert got.stance == "critical"
    text = "Of the weather, the mayor said it was a disgrace."
    assert code(text, "it was a disgrace", model=False).stance == "neutral"


# --- evidence -----------------------------------------------------------------------------

def test_evidence_is_structured_with_offsets_into_the_article():
    text = "Headline here\nCritics said Dana Reyes must resign at once."
    art = article(text)
    st = statement(art, "Dana Reyes must resign at once", kind="indirect")
    got = code_statement(st, art, PORT, model=False)
    assert isinstance(got.evidence, tuple) and got.evidence
    for e in got.evidence:
        assert isinstance(e, Evidence)
        assert art.text[e.start:e.end] == e.words
        assert st.start <= e.start < e.end <= st.end
    assert got.evidence[0].words == "resign"


def test_extra_cues_add_study_phrases():
    extra = parse_cues({"version": 1, "speech_acts": {"critical": [
        {"cue": "asleep at the wheel", "act": "accusation"}]}}, "study.yaml")
    text = "The Harbour Authority was asleep at the wheel."
    assert code(text, model=False, extra_cues=extra).stance == "critical"
    assert code(text, model=False, cues=load_cues()).rule != "speech_act"


@pytest.mark.parametrize("data,field", [
    ({"version": 2}, "version"),
    ({"version": 1, "speech_acts": {"hostile": []}}, "speech_acts"),
    ({"version": 1, "speech_acts": {"critical": [{"cue": "x", "act": "Bad Name"}]}},
     "speech_acts.critical[0]"),
    ({"version": 1, "speech_acts": {"critical": [{"cue": "x", "act": "a", "aim": "up"}]}},
     "speech_acts.critical[0]"),
    ({"version": 1, "speech_acts": {"critical": [{"cue": "re:(", "act": "a"}]}},
     "speech_acts.critical[0]"),
    ({"version": 1, "hedges": "perhaps"}, "hedges"),
])
def test_bad_cue_files_name_the_field(data, field):
    with pytest.raises(DataFileError) as e:
        parse_cues(data, "cues.yaml")
    assert field in str(e.value)


def test_packaged_cues_load():
    cues = load_cues()
    assert isinstance(cues, Cues) and len(cues.acts) > 20
    assert "but" in cues.contrast and "perhaps" in cues.hedges


# --- pieces, voices -----------------------------------------------------------------------

def _pieces():
    text = ("Reyes, critics said, \"has failed\" the port.\n"
            "\"It is a disgrace,\" said Hale. \"She must go.\"")
    art = article(text, "a1")
    ind = statement(art, "\"has failed\" the port", kind="indirect", index=0)
    part = statement(art, "has failed", kind="partial", index=1)
    q1 = statement(art, "It is a disgrace,", index=2)
    q2 = statement(art, "She must go.", index=2)
    return art, [ind, part, q1, q2]


def test_dedupe_counts_a_quote_inside_indirect_speech_once():
    art, pieces = _pieces()
    kept = dedupe_statements(pieces)
    assert [p.statement for p in kept] == [0, 2, 2]
    assert same_voice(pieces) == {1: 0}
    dicts = [{k: getattr(p, k) for k in ("article_id", "statement", "paragraph", "start",
                                         "end", "kind")} for p in pieces + [pieces[2]]]
    assert [d["statement"] for d in dedupe_statements(dicts)] == [0, 2, 2]


def test_code_pieces_shares_one_code_per_statement():
    art, pieces = _pieces()
    coded = code_pieces(pieces, art, PORT, model=False)
    assert coded[0][1] is coded[1][1]  # the partial quote takes its indirect statement's code
    assert coded[2][1] is coded[3][1]


def test_combine_pieces_on_both_sides_is_mixed():
    crit = StanceCode("critical", "speech_act", (Evidence(0, 1, "x", "r", "critical"),),
                      "critical")
    dfn = StanceCode("defensive", "evaluation", (Evidence(2, 3, "y", "r", "defensive", 2.0),),
                     "defensive")
    got = combine([crit, dfn, StanceCode("neutral", "none")])
    assert got.stance == "mixed" and got.lean == "defensive" and len(got.evidence) == 2
    assert combine([StanceCode("neutral", "none")]).stance == "neutral"


def test_combine_a_speech_act_outweighs_the_model_on_another_piece():
    act = StanceCode("critical", "speech_act", (Evidence(0, 1, "x", "speech_act:call_to_resign",
                                                         "critical"),), "critical")
    guess = StanceCode("defensive", "model", (Evidence(2, 3, "y", "model", "defensive"),),
                       "defensive")
    got = combine([guess, act])
    assert (got.stance, got.rule, got.lean) == ("critical", "speech_act", "critical")
    assert [e.words for e in got.evidence] == ["x"]
    # the model on the same side, or evaluation on the other side, still counts
    assert combine([act, replace(guess, stance="critical")]).stance == "critical"
    assert combine([act, replace(guess, rule="evaluation")]).stance == "mixed"


# --- the model ----------------------------------------------------------------------------

def test_model_file_loads_and_predicts_deterministically():
    model = load_model()
    assert model is not None and len(model.intercept) == len(MODEL_CLASSES)
    art = article("The Harbour Authority was praised for a brilliant rescue.")
    st = statement(art, art.text)
    feats = statement_features(st, art, PORT)
    p1, p2 = predict(model, feats), predict(model, dict(reversed(list(feats.items()))))
    assert p1 == pytest.approx(p2) and sum(p1) == pytest.approx(1.0)
    assert code_statement(st, art, PORT) == code_statement(st, art, PORT)


def test_model_file_carries_the_licence_and_provenance():
    from analysis.knowledge.datafiles import packaged

    with open(packaged("stance_model.json"), encoding="utf-8") as fh:
        data = json.load(fh)
    assert "MIT" in data["licence"] and "Permission is hereby granted" in data["licence"]
    assert data["provenance"]["script"] == "bench/train_stance.py"
    assert data["classes"] == list(MODEL_CLASSES)


def test_missing_model_means_rules_only(tmp_path):
    assert load_model(str(tmp_path / "none.json")) is None
    bad = tmp_path / "bad.json"
    bad.write_text('{"classes": ["a"], "intercept": [], "weights": {}}', encoding="utf-8")
    with pytest.raises(DataFileError):
        load_model(str(bad))


def test_negated_speech_act_flips():
    got = code("The minister is not calling for Dana Reyes to resign.", model=False)
    assert got.stance == "defensive"
    assert got.evidence[0].rule == "speech_act:call_to_resign:negated"


def test_fragment_is_coded_with_its_sentence():
    text = "Critics accused the Harbour Authority of \"gross neglect\" yesterday."
    art = article(text)
    st = statement(art, "gross neglect", kind="partial")
    got = code_statement(st, art, PORT)
    assert got.stance == "critical" and got.rule == "speech_act"
    assert got.evidence[0].words.lower().startswith("accus")


def test_speaker_phrase_naming_the_target_is_its_own_voice():
    text = "A Harbour Authority spokesman said: \"We acted fast.\""
    art = article(text)
    s = text.index("We acted fast.")
    a = text.index("A Harbour")
    st = Statement(art.id, 0, 0, s, s + len("We acted fast."), "We acted fast.", "full",
                   "A Harbour Authority spokesman", a, a + len("A Harbour Authority spokesman"))
    assert code_statement(st, art, PORT, model=False).rule == "alignment"
    text2 = "Critics of the Harbour Authority said: \"We acted fast.\""
    art2 = article(text2)
    s2 = text2.index("We acted fast.")
    st2 = Statement(art2.id, 0, 0, s2, s2 + 14, "We acted fast.", "full",
                    "Critics of the Harbour Authority", 0, len("Critics of the Harbour Authority"))
    assert code_statement(st2, art2, PORT, model=False).rule != "alignment"


def test_evidence_records_are_json_ready():
    got = code("Dana Reyes must resign.", model=False)
    recs = evidence_records(got)
    assert json.loads(json.dumps(recs)) == recs
    assert recs[0]["words"] == "resign" and recs[0]["side"] == "critical"
    assert set(recs[0]) == {"start", "end", "words", "rule", "side", "weight"}


def test_modules_share_one_definition():
    from analysis.measures import stance_cues, stance_model, target_stance
    from analysis.quotes import utterances as voices

    assert target_stance.load_cues is stance_cues.load_cues
    assert target_stance.predict is stance_model.predict
    assert target_stance.dedupe_statements is voices.dedupe_statements


# --- speed paths: each must give what the plain computation gives -------------------------

_PARAGRAPHS = [
    "Dana Reyes must resign, said Tom Hale of the dockers.",
    "\"She has failed the port,\" he said. \"It is a disgrace.\"",
    "Ships waited for days. \"Nobody knows why,\" a pilot said.",
    "\"We acted fast and we thank the crews,\" the Harbour Authority said.",
    "",
    "Mayor Ann Cole praised the authority. \"Well done,\" said a union official.",
    "\"The weather was bad,\" Hale said; \"Reyes should never have waited.\"",
    "Traffic resumed on Monday.",
    "\"We must apologise to the crews,\" a spokesman said.",
]


def _statements(art: Article) -> list[Statement]:
    """Every quote, sentence and clause of art, and slices cut anywhere, as statements in a
    few voices."""
    import re

    out = []
    for p in art.paragraphs:
        spans = [m.span(1 if m.group(1) else 0)
                 for m in re.finditer(r"\"([^\"]+)\"|[^.;,\"]+", p.text)]
        spans += [(k, min(len(p.text), k + 30)) for k in range(1, len(p.text), 9)]
        for a, b in spans:
            a, b = p.start + a, p.start + b
            if not art.text[a:b].strip():
                continue
            for actor, kind in ((None, "full"), ("harbour_authority", "full"),
                                ("port_union", "indirect"), (None, "partial")):
                out.append(Statement(art.id, len(out), p.index, a, b, art.text[a:b], kind,
                                     "he" if actor is None else actor, actor=actor))
    return out


def test_the_out_of_scope_shortcut_changes_no_code(monkeypatch):
    from analysis.measures import target_stance

    art = article("\n".join(_PARAGRAPHS))
    stmts = _statements(art)
    plain_check = target_stance._plainly_out_of_scope
    taken = []

    def counted(*args):
        taken.append(plain_check(*args))
        return taken[-1]

    monkeypatch.setattr(target_stance, "_plainly_out_of_scope", counted)
    fast = [code_statement(s, art, PORT, model=m) for m in (False, True) for s in stmts]
    assert 0 < sum(taken) < len(taken)  # both paths were taken
    monkeypatch.setattr(target_stance, "_plainly_out_of_scope", lambda *args: False)
    assert [code_statement(s, art, PORT, model=m) for m in (False, True) for s in stmts] == fast


def _eager(art: Article, paras: tuple[tuple[int, int], ...]):
    """Mentions, other names and sentences of every paragraph, as the index once read them."""
    from analysis.knowledge.target import other_names
    from analysis.text.sentences import sentence_spans

    mentions, others, sentences = [], [], []
    for lo, hi in paras:
        chunk = art.text[lo:hi]
        found = target_mentions(chunk, PORT)
        mentions += [(lo + a, lo + b) for a, b in found]
        others += [(lo + a, lo + b) for a, b in other_names(chunk, found)]
        sentences += [(lo + a, lo + b) for a, b in sentence_spans(chunk)]
    return mentions, others, sentences


@pytest.mark.parametrize("order", ["text", "reversed"])
def test_article_index_reads_paragraphs_when_asked_and_answers_as_if_all_were_read(order):
    from analysis.measures.target_stance import ArticleIndex, _within

    art = article("\n".join(_PARAGRAPHS))
    paras = tuple((p.start, p.end) for p in art.paragraphs)
    if order == "reversed":  # not in text order: every paragraph is read, as before
        paras = paras[::-1]
    mentions, others, sentences = _eager(art, paras)
    assert mentions and others and len(sentences) > len(paras)
    index = ArticleIndex(art.text, paras, PORT, load_cues())
    lo, hi = paras[1] if order == "text" else paras[-2]
    assert index.mentions_in(lo, hi) == _within(mentions, lo, hi)
    if order == "text":
        assert sorted(index._names) == [1]  # only that paragraph was read
    n = len(art.text)
    cuts = sorted({0, n, 5, n - 3} | {x for p in paras for x in p} | {p[0] + 3 for p in paras})
    for lo in cuts:
        for hi in cuts:
            assert index.mentions_in(lo, hi) == _within(mentions, lo, hi)
            assert index.others_in(lo, hi) == _within(others, lo, hi)
            for since in (lo - 2000, lo - 7, lo):
                assert index.sentences_over(lo, hi, since) == [
                    (a, b) for a, b in _within(sentences, since, hi) if a < hi and b > lo]
    assert list(index.mentions) == mentions and list(index.sentences) == sentences
    assert list(index.others) == others


# --- declared critics (a study's cues file) ------------------------------------------------

_CRITICS = parse_cues({"version": 1, "critics": ["tom_hale"]}, "study_cues.yaml")


def test_critics_are_parsed_merged_and_validated():
    from analysis.measures.target_stance import merge_cues

    assert _CRITICS.critics == {"tom_hale"}
    assert load_cues().critics == frozenset()  # the general file declares nobody
    assert merge_cues(load_cues(), _CRITICS).critics == {"tom_hale"}
    with pytest.raises(DataFileError, match="critics"):
        parse_cues({"version": 1, "critics": "tom_hale"}, "study_cues.yaml")


@pytest.mark.parametrize("model", [False, True])
def test_a_declared_critic_is_critical_unless_a_speech_act_decides(model):
    text = "Ships waited for days, Tom Hale said."
    got = code(text, "Ships waited for days", actor="tom_hale", extra_cues=_CRITICS,
               model=model)
    assert (got.stance, got.rule, got.lean) == ("critical", "alignment", "critical")
    assert [(e.rule, e.side) for e in got.evidence] == [("alignment", "critical")]
    # without the study's cues the same statement names nobody: out of scope
    assert code(text, "Ships waited for days", actor="tom_hale", model=model).rule == \
        "out_of_scope"
    # a defensive act of a critic: mixed, the act's side still the lean
    text = "Tom Hale said he thanked Dana Reyes for her work."
    got = code(text, "he thanked Dana Reyes for her work", actor="tom_hale",
               extra_cues=_CRITICS, model=model)
    assert (got.stance, got.rule, got.lean) == ("mixed", "speech_act", "defensive")
    assert [(e.rule, e.side, e.weight) for e in got.evidence
            if e.rule == "alignment"] == [("alignment", "critical", 0.0)]
    # an ally who is also listed as a critic is an ally
    got = code("Ships waited for days.", actor="port_union",
               extra_cues=parse_cues({"version": 1, "critics": ["port_union"]}, "c.yaml"),
               model=model)
    assert (got.stance, got.rule) == ("defensive", "alignment")
