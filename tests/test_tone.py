"""Tone (VADER) and sentence splitting; readability through analysis.measures.readability."""
from __future__ import annotations

import math

import pytest
from hypothesis import given, settings, strategies as st

from analysis.corpus.readers import make_article
from analysis.measures.tone import compound, readability_of, sentence_rows, tone_summary
from analysis.text.sentences import sentence_spans


@pytest.mark.parametrize("text,n", [
    ("One. Two. Three.", 3),
    ("Mr Falter said no. He left!", 2),
    ("He said: “Why?” She left.", 2),
    ("Your opinion is up to you... your opinion is yours.", 1),
    ("No final stop", 1),
    ("", 0),
])
def test_sentence_spans(text, n):
    spans = sentence_spans(text)
    assert len(spans) == n
    assert all(text[a:b].strip() == text[a:b] for a, b in spans)


def test_compound_direction():
    assert compound("This is a wonderful, excellent result") > 0.5
    assert compound("This is an appalling, devastating disgrace") < -0.5
    assert compound("") == 0.0


def test_article_tone_means_body_sentences_only():
    art = make_article("t", "Police praised as wonderful\nThe Met did a terrible, awful job. "
                            "The weather was wonderful and lovely.",
                       {"headline": "Police praised as wonderful"})
    rows = sentence_rows(art, lambda s: "Met" in s)
    body = [r for r in rows if r["role"] == "body"]
    assert len(body) == 2
    summary = tone_summary(rows)
    assert summary["vader_compound"] == pytest.approx((body[0]["compound"] + body[1]["compound"]) / 2,
                                                      abs=1e-4)
    assert summary["vader_target"] == pytest.approx(body[0]["compound"], abs=1e-4)
    assert summary["vader_target"] < 0 < summary["vader_headline"]
    assert summary["target_sentences"] == 1
    assert math.isnan(summary["vader_quotes"])
    quotes = [{"statement": 0, "kind": "full", "text": "We are delighted"},
              {"statement": 1, "kind": "indirect", "text": "terrible"}]
    assert tone_summary(rows, quotes)["vader_quotes"] > 0


def test_empty_summary_is_nan():
    s = tone_summary([])
    assert s["sentences"] == 0 and math.isnan(s["vader_compound"])


def test_readability_matches_lead_module():
    from analysis.measures.readability import readability

    text = "The cat sat on the mat. It was happy there."
    assert readability_of(text) == readability(text)
    assert math.isnan(readability_of("")["flesch_reading_ease"])


def test_readability_of_oversized_text_is_nan():
    from analysis.measures.tone import READABILITY_MAX_CHARS

    r = readability_of("word. " * (READABILITY_MAX_CHARS // 6 + 10))
    assert all(math.isnan(v) for v in r.values())


# -- the zero-score pre-filter must give exactly VADER's answer ---------------------------
def _vader_raw(text: str) -> float:
    """VADER's compound score with no pre-filter (the reference)."""
    from analysis.measures.tone import _analyzer

    return float(_analyzer().polarity_scores(text)["compound"]) if text.strip() else 0.0


def _vocabulary() -> list[str]:
    """Lexicon words and emoticons, booster and negation words, emoji and plain words."""
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, NEGATE

    from analysis.measures.tone import _analyzer

    lex = sorted(_analyzer().lexicon)
    emojis = sorted(_analyzer().emojis)
    return (lex[::40] + [":)", ":(", ":-D", "<3"] + sorted(BOOSTER_DICT)[::5] + sorted(NEGATE)[::5]
            + emojis[::60] + ["police", "Met", "said", "Commissioner", "the", "but", "BUT", "kind", "of",
                              "no", "least", "never", "so", "this"])


@given(st.lists(st.tuples(st.sampled_from(_vocabulary()),
                          st.sampled_from(["", ",", ".", "!", "?", "'", "\u201d", "\u2019s", "!!!", ":"]),
                          st.sampled_from([" ", "  ", "\n", "\t", "", "\u00a0"]),
                          st.booleans()),
                max_size=25))
@settings(max_examples=400, deadline=None, derandomize=True)
def test_compound_equals_vader_on_word_salad(parts):
    text = "".join((w.upper() if up else w) + p + sp for w, p, sp, up in parts)
    assert compound(text) == _vader_raw(text)


@given(st.text(max_size=80))
@settings(max_examples=300, deadline=None, derandomize=True)
def test_compound_equals_vader_on_any_text(text):
    assert compound(text) == _vader_raw(text)


def test_prefilter_exact_on_seed_sentences(seeds):
    from analysis.measures.tone import vader_can_score

    skipped = 0
    for art in seeds.values():
        for p in art.paragraphs:
            for a, b in sentence_spans(p.text):
                s = p.text[a:b]
                assert compound(s) == _vader_raw(s), s
                if not vader_can_score(s):
                    skipped += 1
                    assert _vader_raw(s) == 0.0, s
    assert skipped > 0  # the pre-filter does skip sentences on real text


def test_shared_sentence_spans_give_the_same_rows(seeds, seed_agency, seed_rules):
    """article_row splits sentences once for tone and agency; the rows must not change."""
    from analysis.measures.agency import passive_rows
    from analysis.measures.tone import article_sentences

    for art in seeds.values():
        spans = article_sentences(art)
        assert set(spans) == {i for i, p in enumerate(art.paragraphs) if p.analysed}
        assert sentence_rows(art, str.isupper, spans) == sentence_rows(art, str.isupper)
        assert (sentence_rows(art, seed_rules.mentions_target, spans)
                == sentence_rows(art, seed_rules.mentions_target))
        assert passive_rows(art, sentences=spans) == passive_rows(art)
        assert passive_rows(art, seed_agency, sentences=spans) == passive_rows(art, seed_agency)
        assert passive_rows(art, sentences={i: [] for i in spans}) == []


@pytest.mark.parametrize("text, n", [
    ("A" * 80 + "st. Louis went home. Then he left.", 3),    # a long word ending in "st"
    ("He met Mr. " + "X" * 70 + ". Then he left.", 2),      # abbreviation far before the stop
    ("He met St" + "." * 70 + " Then he left.", 1),          # many stops after an abbreviation
    ("Ask Dr. Who. Then leave.", 2),
])
def test_sentence_spans_abbreviation_far_from_the_sentence_start(text, n):
    assert len(sentence_spans(text)) == n
