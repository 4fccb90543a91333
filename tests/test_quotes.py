"""Quote detection: every mark style, apostrophes, nesting, multi-paragraph and unclosed quotes."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.model import Article, Paragraph, Statement
from analysis.quotes.engine import RECORD_KEYS, article_statements, extract_statements, quote_records, quotes_frame


def _quoted(text: str) -> list[str]:
    """Texts of the quote-marked statements."""
    return [s.text for s in extract_statements(text) if s.kind != "indirect"]


@pytest.mark.parametrize("text, expected", [
    ("Ann said: \u201cWe will win.\u201d", ["We will win."]),
    ('Ann said: "We will win."', ["We will win."]),
    ("Ann said: 'We will win.'", ["We will win."]),
    ("Ann said: \u2018We will win.\u2019", ["We will win."]),
    ("Ann said: ``We will win.''", ["We will win."]),
    ("Ann said: \u00abWe will win.\u00bb", ["We will win."]),
    ("Ann said: 'London's streets and the UK's police doesn't matter.'",
     ["London's streets and the UK's police doesn't matter."]),
    ("Ann said: \u2018London\u2019s streets aren\u2019t safe.\u2019", ["London\u2019s streets aren\u2019t safe."]),
    ("Sir Mark's job and the Met Police's apology were 'on the line', Ann said.", ["on the line"]),
    ("Scotland Yard said: \u201cIt was a \u2018Vigil for Lebanon\u2019 and not more.\u201d",
     ["It was a \u2018Vigil for Lebanon\u2019 and not more."]),
    ('Bob said: "It was a \'Vigil\' only."', ["It was a 'Vigil' only."]),
    ("The so-called 'peace plan' and the \u201csex tape\u201d.", ["peace plan", "sex tape"]),
])
def test_quote_styles(text, expected):
    assert _quoted(text) == expected


def test_offsets_are_into_the_text_without_marks():
    text = "Intro.\nAnn Lee said: \u201cWe will win.\u201d"
    (s,) = extract_statements(text)
    assert text[s.start:s.end] == s.text == "We will win."
    assert s.paragraph == 1 and s.statement == 0 and isinstance(s, Statement)


def test_house_style_multi_paragraph_quote_shares_statement(seed_codebook):
    text = ("Sir Mark said: \u201cEvery member of the Met is determined.\n"
            "\u201cWe understand how people feel.\n\u201cToday our officers will police.\u201d\n"
            "The end came later.")
    st = extract_statements(text, codebook=seed_codebook)
    assert [s.paragraph for s in st] == [0, 1, 2]
    assert {s.statement for s in st} == {0}
    assert {s.actor for s in st} == {"mark_rowley"}
    assert {s.actor for s in extract_statements(text)} == {None}  # no study names nobody


def test_unclosed_quote_continues_across_skipped_captions(seed_codebook):
    text = ("A Campaign Against Antisemitism spokesman added: 'Sir Mark is a man scrambling.\n"
            "Caption: Mr Falter on Good Morning Britain\n"
            "'The time for meetings has passed.'")
    st = extract_statements(text, skip={1}, codebook=seed_codebook)
    assert [(s.paragraph, s.statement, s.actor) for s in st] == [(0, 0, "caa"), (2, 0, "caa")]
    assert st[0].text == "Sir Mark is a man scrambling."


def test_skipped_paragraphs_yield_nothing():
    text = "Ann said: 'Yes indeed.'\nBob said: 'No way at all.'"
    assert [s.paragraph for s in extract_statements(text, skip={0})] == [1]


def test_quote_only_paragraph_after_closed_quote_is_a_new_statement():
    text = "Ann said: \u201cWe will win.\u201d\n\u201cThis is a title\u201d"
    st = extract_statements(text)
    assert [s.statement for s in st] == [0, 1]


@pytest.mark.parametrize("text, kind", [
    ("Ann Lee said: 'We will win the vote in May.'", "full"),
    ("'We will win the vote,' Ann Lee said.", "full"),
    ("Downing Street said Rishi Sunak was 'appalled' by the footage.", "partial"),
    ("The 'peace plan' was published.", "scare"),
    ("The CAA said Mr Falter had accepted the apology.", "indirect"),
])

def test_kinds(text, kind):
    found = extract_statements(text)
    assert kind in [s.kind for s in found]
    if kind != "indirect":
        assert [s.kind for s in found if s.kind != "indirect"] == [kind]


def test_crlf_and_explicit_paragraphs():
    text = "Ann said: 'Yes indeed.'\r\n\r\nBob said: 'No way.'\r\n"
    st = extract_statements(text)
    assert [s.text for s in st] == ["Yes indeed.", "No way."]
    assert [s.paragraph for s in st] == [0, 1]
    st2 = extract_statements(text, paragraphs=[(0, 23), (27, 46)])
    assert [s.text for s in st2] == ["Yes indeed.", "No way."]


def _article() -> Article:
    text = "Headline here\nAnn Lee said: 'We will win.'\nPhoto: a caption 'quoted'\nThe end."
    paras, pos = [], 0
    for i, (line, role) in enumerate(zip(text.split("\n"), ["headline", "body", "caption", "body"])):
        paras.append(Paragraph(i, pos, pos + len(line), line, role))
        pos += len(line) + 1
    return Article("a1", text, {}, tuple(paras))


def test_article_api_skips_captions_and_records_have_keys_in_order():
    art = _article()
    st = article_statements(art)
    assert [s.text for s in st] == ["We will win."]
    recs = quote_records(art)
    assert list(recs[0]) == list(RECORD_KEYS)
    assert recs[0]["article_id"] == "a1" and recs[0]["paragraph"] == 1
    frame = quotes_frame([art, art])
    assert list(frame.columns) == list(RECORD_KEYS) and len(frame) == 2
    empty = quotes_frame([])
    assert isinstance(empty, pd.DataFrame) and list(empty.columns) == list(RECORD_KEYS)


@pytest.mark.parametrize("text", ["", "\n\n", "no quotes at all here", "'", '"', "\u201c"])
def test_degenerate_inputs(text):
    st = extract_statements(text)
    assert all(0 <= s.start < s.end <= len(text) for s in st)


def test_indirect_clause_contains_its_partial_quote():
    text = "Downing Street said Rishi Sunak was 'appalled' by the footage."
    st = extract_statements(text)
    assert [(s.kind, s.text, s.statement) for s in st] == [
        ("indirect", "Rishi Sunak was 'appalled' by the footage", 0), ("partial", "appalled", 1)]
    assert st[0].start <= st[1].start and st[1].end <= st[0].end


def test_paragraph_objects_are_accepted_as_spans():
    text = "Intro line.\nAnn Lee said: 'We will win.'"
    paras = [Paragraph(0, 0, 11, text[:11]), Paragraph(1, 12, len(text), text[12:])]
    assert extract_statements(text, paragraphs=paras) == extract_statements(text)


@pytest.mark.parametrize("text", [
    '"We will not be closing the library," said councillor Tom Reyes, who chairs the committee.',
    "'It is a scandal,' says Jane Doe, the campaign's director.",
])
def test_quoted_words_are_never_the_speaker_of_indirect_speech(text):
    """A cue after a closing quote introduces that quote's speaker, not a new indirect statement."""
    found = extract_statements(text)
    assert [s.kind for s in found] == ["full"]
