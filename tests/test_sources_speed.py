"""The cheap paths of the sources measure give what the full computations give."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from analysis.measures.sources import load_roles
from analysis.measures.sources.gender import _gender_pieces, _phrase_gender
from analysis.measures.sources.mentions import _description
from analysis.text.tokens import Tokens, Words


@pytest.mark.parametrize("text", [
    "", "Sen. Maria Lopez", "the campaign\u2019s press secretary", "U.S. Rep. Jo-Ann O'Neil Jr.",
    "a_b __c x.mr &y", "Stra\u00dfe \u0130stanbul \u0345mr", "  leading and trailing  ", "\u201cHe said\u201d"])
def test_words_are_the_words_of_tokens(text):
    toks, words = Tokens(text), Words(text)
    assert words.words == toks.words and words.lower == toks.lower and len(words) == len(toks)
    assert [words.is_word(i) for i in range(-1, len(toks) + 1)] == \
        [toks.is_word(i) for i in range(-1, len(toks) + 1)]


def test_gender_pieces_cover_honorifics_and_gendered_nouns():
    pieces = _gender_pieces(load_roles())
    assert pieces is not None and {"mr", "ms", "congresswoman", "first", "lady"} <= pieces
    assert _gender_pieces(load_roles()) is pieces  # built once per role file


@pytest.mark.parametrize("phrase, gender", [
    ("Ms. Lopez", ("female", "honorific", "Ms")), ("the congressman", ("male", "gendered_noun", "congressman")),
    ("Adams and Williams", None), ("the man's lawyer", ("male", "gendered_noun", "man's")),
    ("Mansfield", None), ("MR Smith", ("male", "honorific", "MR"))])
def test_phrase_gender_with_and_without_a_gender_word(phrase, gender):
    _phrase_gender.cache_clear()
    assert _phrase_gender(phrase) == gender


def _description_full(text: str, s: int, e: int) -> tuple[int, int]:
    """_description as it was first written: tokenising the whole 90-character window."""
    from analysis.quotes.attribution import ABBREVIATIONS, STOP, verb_words
    lo = max(0, s - 90)
    nl = text.rfind("\n", lo, s)
    toks = Tokens(text, lo if nl < 0 else nl + 1, s)
    a = s
    for t in range(len(toks) - 1, max(-1, len(toks) - 8), -1):
        w, low = toks.words[t], toks.lower[t]
        if w == "." and not (t > 0 and (toks.lower[t - 1] in ABBREVIATIONS
                                        or len(toks.words[t - 1]) == 1)):
            break
        if not toks.is_word(t) and w not in (".", "-"):
            break
        if low in verb_words() or (low in STOP and low not in ("of", "for", "at")):
            break
        a = toks.spans[t][0]
    return a, e


def test_description_reads_only_the_last_tokens():
    import random
    rng = random.Random(7)
    words = ["Sen.", "the", "former", "U.S.", "Republican", "presidential", "nominee", "of", "-",
             ".", "J.", "a", "\u00a0", "\t", "\n", "Mr.", "state's", "x", "said", ",", "New", "York"]
    for _ in range(3000):
        text = "".join(rng.choice(words) + rng.choice([" ", "", "  ", "\u2009"])
                       for _ in range(rng.randint(1, 40)))
        s = rng.randint(0, len(text))
        _description.cache_clear()
        assert _description(text, s, len(text)) == _description_full(text, s, len(text)), (text, s)


@pytest.mark.parametrize("text", ["plain ascii words, 1,000 of them.", "tab\tand\x1cseparators_x a_b",
                                  "non-ascii \u00e9t\u00e9 \u201cquoted\u201d", "it\u2019s", ""])
def test_ascii_tokens_are_the_unicode_tokens(text):
    from analysis.text.tokens import _ASCII_TOKEN, _TOKEN
    if text.isascii():
        assert _ASCII_TOKEN.findall(text) == _TOKEN.findall(text)
    toks = Tokens("xx " + text + " yy", 3, 3 + len(text))
    assert toks.words == _TOKEN.findall(text)
    assert Tokens(text, -5, 4).words == _TOKEN.findall(text[:4])  # a negative start reads from 0


def test_firsts_index_plurals_are_what_singular_maps_to_a_first_word():
    from analysis.measures.sources.phrase import _firsts_index, _singular
    roles = load_roles()
    plurals, lens = _firsts_index(roles)
    for w in list(plurals)[:500] + ["senators", "parties", "spokesmen", "ss", "bus", "xyzs"]:
        expect = len(w) > 3 and w[-1] == "s" and any(x in roles.firsts for x in _singular(w))
        assert (len(w) > 3 and w in plurals) == expect, w
    assert all(len(k) in lens[k[0]] for k in roles.phrases)


@pytest.mark.parametrize("phrase, name, kind", [
    ("Sen. Maria Lopez", ["Maria", "Lopez"], "person"), ("NBC's Chuck Todd", ["Chuck", "Todd"], "person"),
    ("the Vermont senator", [], "person"), ("Gov. Larry Hogan of Maryland", ["Larry", "Hogan"], "person"),
    ("Joseph R. Biden Jr.", ["Joseph", "R", "Biden"], "person"), ("the New York Post", ["New", "York", "Post"], "organisation"),
    ("two officials", [], "group"), ("he", [], "pronoun")])
def test_read_phrase_names_and_kinds(phrase, name, kind):
    from analysis.measures.sources.phrase import _read_phrase
    r = _read_phrase.__wrapped__(phrase)
    assert (r.name, r.head_kind) == (name, kind)


_SCAN_ALPHABET = ["he", "He", "she", "She", "sHe", "hhe", "e", "h", "s", "S", " ", "\t", "\n", "x",
                  "_", "1", "\u00e9", "\u00c9", "Jo", "Ann", "A.", "Smith", "O'Neil", "\u2019", "-",
                  ".", ",", "said", "told", "\u201c", "a", "according", "According", "to", "A",
                  "ccording", "(", "Mary-Ann"]


@given(st.lists(st.sampled_from(_SCAN_ALPHABET), max_size=40))
@settings(max_examples=1000, deadline=None)
def test_scan_patterns_match_as_their_leading_boundary_forms(pieces):
    import re
    from analysis.measures.sources.fields import _ACCORDING, _FIRST_OF_PAIR
    from analysis.measures.sources.gender import _NAME_PAIR, _PRONOUN_SPEAKS
    text = "".join(pieces)
    plain = {_NAME_PAIR: r"\b([A-Z][a-z]+)[ \t]+(?=(?:[A-Z]\.[ \t]+)?([A-Z][\w'\u2019-]*))",
             _PRONOUN_SPEAKS: r"\b([Hh]e|[Ss]he)[ \t]+([a-z]+)\b",
             _FIRST_OF_PAIR: r"\b([A-Z][\w'\u2019-]*)[ \t]+[A-Z]",
             _ACCORDING: r"\b[Aa]ccording[ \t]+to[ \t]+([^,.;:()\n\"\u201c\u201d]*[^,.;:()\n\"\u201c\u201d \t])"}
    for fast, reference in plain.items():
        want = [(m.span(), m.groups()) for m in re.finditer(reference, text)]
        assert [(m.span(), m.groups()) for m in fast.finditer(text)] == want


def test_firsts_index_lengths_are_those_a_first_word_starts_longest_first():
    from analysis.measures.sources.phrase import _firsts_index
    roles = load_roles()
    _, lens = _firsts_index(roles)
    for w, ks in lens.items():
        assert list(ks) == sorted({len(k) for k in roles.phrases if k[0] == w} | {1}, reverse=True)


_PHRASE_WORDS = ["the", "The", "campaign's", "press", "secretary", "NBC\u2019s", "Chuck", "Mr.", "Mr",
                 "MR..", "Dr", "Jill", "Retired", "Lt.", "Gen.", "Michael", "Democrats'", "of", "Of",
                 "And", "officials", "a", "senior", "U.S.", ".", ",", "Jr.", "\u00c9mile", "x."]


@given(st.lists(st.sampled_from(_PHRASE_WORDS), min_size=1, max_size=10), st.sets(st.integers(0, 9)))
@settings(max_examples=500, deadline=None)
def test_name_words_are_the_plain_tests(words, hit_tokens):
    from analysis.measures.sources.phrase import _DETS, _name_words
    from analysis.quotes.attribution import STOP
    toks = Words(" ".join(words))
    hon = load_roles().honorifics
    plain = [w[0].isalnum() and w[:1].isupper() and t not in hit_tokens and low not in _DETS
             and low not in STOP and low.rstrip(".") not in hon
             for t, (w, low) in enumerate(zip(toks.words, toks.lower))]
    assert _name_words(toks, hit_tokens, hon) == plain


_ARTICLE = ("Former Gov. Jeb Bush said he would run.\nSen. Ted Cruz of Texas spoke. Cruz, 45, said so.\n"
            "Bush, a former governor, agreed. Ivanka Trump and Donald Trump came. Trump, the nominee, "
            "spoke. Heidi Cruz said \u201cno.\u201d Retired Gen. Michael Flynn said. Flynn left.\n"
            "President Trump said. Cruz said. Bush said. The Trump campaign said. Flynn said.")


def _two_pass_type(text, surname, before, later=False, first=None, former=True):
    """_type_from_earlier as a plain loop over every run of the surname."""
    from analysis.measures.sources.mentions import _index, _mention_type, _surname_key
    from analysis.measures.sources.phrase import _read
    rule = "later_mention" if later else "earlier_mention"
    idx = _index(text)
    found = None
    for i in idx.by_last.get(_surname_key(surname), ()):
        s, e = idx.runs[i]
        if (s >= before) if not later else (s <= before):
            continue
        if first is not None:
            name = _read(text, s, e).name
            if len(name) >= 2 and name[0].casefold() != first.casefold() \
                    and first.casefold() not in (w.casefold() for w in name):
                continue
        t = _mention_type(text, s, e)
        if t is None:
            continue
        if not t[2]:
            return t[0], rule, t[1]
        found = found or (t[0], rule, t[1])
    return found if former else None


@pytest.mark.parametrize("surname", ["Bush", "Cruz", "Trump", "Flynn", "Nobody"])
@pytest.mark.parametrize("first", [None, "Donald", "Ted", "Heidi"])
def test_earlier_types_are_the_plain_loop(surname, first):
    from analysis.measures.sources.fields import _known_type, _type_from_earlier
    from analysis.measures.sources.mentions import _marks, _surname_key
    for before in range(0, len(_ARTICLE) + 1, 7):
        for later in (False, True):
            for former in (False, True):
                assert _type_from_earlier(_ARTICLE, surname, before, later, first, former) == \
                    _two_pass_type(_ARTICLE, surname, before, later, first, former)
        mark = _marks(_ARTICLE).get(_surname_key(surname))
        plain = _two_pass_type(_ARTICLE, surname, before, first=first, former=False) or (
            (mark[0], "mark", mark[1]) if mark else None) or _two_pass_type(
            _ARTICLE, surname, before, first=first)
        assert _known_type(_ARTICLE, surname, before, first) == plain


def _plain_antecedent(text, pos, pronoun):
    """_antecedent's search at depth 0 without the per-run memo (every run read afresh)."""
    import bisect
    from analysis.measures.sources.mentions import (_NOT_A_NAME, _SKIP_FIRST, _index, _inside_quote,
                                                    _modifier_use, _sentences)
    from analysis.measures.sources.phrase import _PERSON_PRONOUNS
    from analysis.measures.sources.resolve import _NAME_LIMIT, _person_like
    idx = _index(text)
    lo = bisect.bisect_left(idx.starts, max(0, pos - _NAME_LIMIT))
    hi = bisect.bisect_left(idx.starts, pos)
    want = _PERSON_PRONOUNS.get(pronoun)
    sentences = _sentences(text)
    best, best_sentence = None, -1
    for i in range(hi - 1, lo - 1, -1):
        s, e = idx.runs[i]
        if best is not None and s < sentences[best_sentence - 1]:
            break
        words = text[s:e].split()
        while words and words[0].casefold() in _SKIP_FIRST:
            s = text.index(words[0], s) + len(words[0])
            words = words[1:]
            while s < e and text[s].isspace():
                s += 1
        if not words or e > pos or (len(words) == 1 and words[0].casefold() in _NOT_A_NAME) \
                or _inside_quote(text, s) or _modifier_use(text, s, e):
            continue
        person = _person_like(text, s, e)
        if not person or (want and person[1] and person[1] != want):
            continue
        best, best_sentence = (s, e), bisect.bisect_right(sentences, s)
    return best


def test_antecedent_reads_runs_as_the_plain_search():
    from analysis.measures.sources import clear_caches
    from analysis.measures.sources.resolve import _antecedent
    text = _ARTICLE + ("\nBut Mrs. Clinton said. When Clinton spoke, she left. The Clinton campaign "
                       "said \u201cHe is Trump.\u201d Mary Smith, 34, said she was there.")
    clear_caches()
    for pos in range(len(text)):
        for pronoun in ("he", "she", ""):
            # depth 3: the search alone (no hop through the sentence's own pronoun)
            assert _antecedent(text, pos, pronoun, 3) == _plain_antecedent(text, pos, pronoun)


@given(st.text(alphabet="aZ \u2019'\u00df\u0149\u03a3\u0130\u00c9xY.", max_size=30), st.integers(0, 30),
       st.integers(0, 30))
@settings(max_examples=500, deadline=None)
def test_folded_slices_are_the_folded_text_slices(text, a, b):
    from analysis.measures.sources.phrase import _folded
    _folded.cache_clear()
    folded = _folded(text)
    if folded is not None:
        assert folded[a:b] == text[a:b].casefold().replace("\u2019", "'")
    else:
        assert len(text.casefold()) != len(text)


def _plain_pronoun_after(text, end):
    """_pronoun_after reading the tokens after the name in every case."""
    from analysis.measures.sources.mentions import _AGE
    from analysis.measures.sources.phrase import _PERSON_PRONOUNS
    from analysis.quotes.attribution import skip_forward, verb_words
    age = _AGE.match(text, end)
    if age:
        end = age.end()
    toks = Tokens(text, end, min(len(text), end + 60))
    t = skip_forward(toks, 0, len(toks))
    if t < len(toks) and toks.lower[t] in verb_words():
        t = skip_forward(toks, t + 1, len(toks))
        if t < len(toks) and toks.lower[t] in ("that", "as", "while", "when", "after", "before"):
            t += 1
        if t < len(toks) and toks.lower[t] in ("he", "she"):
            return (_PERSON_PRONOUNS[toks.lower[t]], "pronoun_after",
                    text[end:toks.spans[t][1]].strip())
    return None


@given(st.lists(st.sampled_from(["Jones", " ", "\t", "\n", ",", " 25,", "said", "Said", "also",
                                 "Also", "on", "Tuesday", "that", "as", "he", "She", "she",
                                 "\u2019", "x\u2019s", "_", "\u00e9t\u00e9", ".", "told"]), max_size=20),
       st.integers(0, 40))
@settings(max_examples=1000, deadline=None)
def test_pronoun_after_is_the_plain_reading(pieces, end):
    from analysis.measures.sources.gender import _pronoun_after
    text = "".join(pieces)
    end = min(end, len(text))
    assert _pronoun_after(text, end) == _plain_pronoun_after(text, end)


@given(st.lists(st.sampled_from(["Donald", "J.", "Trump", "Trump's", "TRUMP", "Trump\u2019s", "trump",
                                 "Mary", "Ann", "Smith", "Mr", "A.", "Jo", " ", "  ", "\t", "\n", "x",
                                 "_", "\u00e9", "\u00df", "\u0130", ".", ",", "Trumpet", "Ivanka",
                                 "-", "O'Neil", "Hillary", "Clinton"]), max_size=30),
       st.lists(st.sampled_from([" ", " ", " ", "", "  ", "\t", "\n"]), min_size=30, max_size=30),
       st.sampled_from(["trump", "smith", "ann", "clinton", "o'neil", "j", "x", "trumpet"]))
@settings(max_examples=800, deadline=None)
def test_first_names_of_a_key_are_those_of_the_whole_scan(pieces, blanks, key):
    from analysis.measures.sources.gender import _first_names_by_surname, _first_names_of
    from analysis.measures.sources.phrase import _folded
    text = "".join(w + b for w, b in zip(pieces, blanks))
    for f in (_first_names_by_surname, _first_names_of, _folded):
        f.cache_clear()
    assert _first_names_of(text, key) == _first_names_by_surname(text).get(key, {})


@given(st.lists(st.sampled_from(_SCAN_ALPHABET), max_size=40))
@settings(max_examples=1000, deadline=None)
def test_pronoun_speaks_are_the_pattern_matches(pieces):
    from analysis.measures.sources.gender import _PRONOUN_SPEAKS, _pronoun_speaks
    text = "".join(pieces)
    assert _pronoun_speaks(text) == [(m.start(), m.group(1), m.group(2))
                                     for m in _PRONOUN_SPEAKS.finditer(text)]
