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
    hit_tokens = {t for t in hit_tokens if t < len(toks)}  # (hit tokens are tokens)
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
    from analysis.measures.sources.phrase import _folded_text
    _folded_text.cache_clear()
    folded = _folded_text(text)
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
    from analysis.measures.sources.phrase import _folded_text
    text = "".join(w + b for w, b in zip(pieces, blanks))
    for f in (_first_names_by_surname, _first_names_of, _folded_text):
        f.cache_clear()
    assert _first_names_of(text, key) == _first_names_by_surname(text).get(key, {})


@given(st.lists(st.sampled_from(_SCAN_ALPHABET), max_size=40))
@settings(max_examples=1000, deadline=None)
def test_pronoun_speaks_are_the_pattern_matches(pieces):
    from analysis.measures.sources.gender import _PRONOUN_SPEAKS, _pronoun_speaks
    text = "".join(pieces)
    assert _pronoun_speaks(text) == [(m.start(), m.group(1), m.group(2))
                                     for m in _PRONOUN_SPEAKS.finditer(text)]
# -- the per-article scans of mentions.py against the plain regex scans they replace --------

from hypothesis import example, given, settings, strategies as st  # noqa: E402

_WORDS = ["the", "The", "THE", "he", "she", "as", "a", "an", "x", "president", "senator,",
          "U.S.", "attorney", "general.", "campaign\u2019s", "aide;", "Stra\u00dfe", "\u0130",
          "of", "(the", ",", "."]
_BLANKS = [" "] * 8 + ["", "  ", "\t", "\n", "\u00a0", "\r", "\u2009"]
_TEXTS = st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_BLANKS)),
                  max_size=30).map(lambda ps: "".join(w + b for w, b in ps))


@settings(max_examples=1000, deadline=None)
@given(_TEXTS)
@example("x the the president said")
@example("The  the senator, the\u00a0the aide; \nThe president\n the\tthe attorney")
@example("the\u2019s president")
def test_role_openings_are_the_filtered_the_openings(text):
    from analysis.measures.sources.mentions import _THE_OPENING, _role_firsts, _role_openings
    firsts = _role_firsts(load_roles())
    plain = [(m.start(1), m.group(1)) for m in _THE_OPENING.finditer(text)
             if not firsts.isdisjoint(w.rstrip(".,;:") for w in
                                      m.group(1).casefold().replace("\u2019", "'").split())]
    assert _role_openings(text) == plain


@settings(max_examples=1000, deadline=None)
@given(_TEXTS)
@example("x as the as a aide, of")
@example("x\tas the aide, y")
@example("as the aide, as\tan attorney general. as  a x of")
def test_as_roles_are_the_as_role_matches(text):
    from analysis.measures.sources.mentions import _AS_ROLE, _as_roles
    assert [(m.span(), m.group(1)) for m in _as_roles(text)] == \
        [(m.span(), m.group(1)) for m in _AS_ROLE.finditer(text)]


def _index_plain(text: str):
    """_index as it was first written: every run split at its full stops word by word."""
    import re
    from analysis.measures.sources.mentions import _CAPRUN, _OF_PLACE, _abbreviation, _surname_key
    from analysis.measures.sources.phrase import _SUFFIXES
    runs = []
    for m in _CAPRUN.finditer(text):
        s = m.start()
        if "." not in m.group():
            runs.append(m.span())
            continue
        for w in re.finditer(r"\S+", m.group()):
            if w.group().endswith(".") and not _abbreviation(w.group()):
                runs.append((s, m.start() + w.end()))
                s = m.start() + w.end() + 1
        if s < m.end():
            while text[s].isspace():
                s += 1
            runs.append((s, m.end()))
    out, by_last = [], {}
    for s, e in runs:
        words = text[s:e].split()
        if len(words) > 5 and sum(w[:1].isupper() for w in words) > 5:
            s = e - len(" ".join(words[-2:]))
            words = text[s:e].split()
        pieces = [(s, e, words)]
        m = _OF_PLACE.search(text, s, e)
        if m and m.start() > s:
            pieces.append((s, m.start(), text[s:m.start()].split()))
        for a, b, ws in pieces:
            k = len(ws)
            while k > 1 and ws[k - 1].rstrip(".,").casefold() in _SUFFIXES:
                k -= 1
            by_last.setdefault(_surname_key(ws[k - 1]), []).append(len(out))
            out.append((a, b))
    return out, by_last


_NAME_WORDS = ["Sen.", "Ted", "Cruz", "Jr.", "U.S.", "J.", "Smith.", "Mr.", "of", "for", "the",
               "van", "Texas", "O\u2019Neil\u2019s", "Trump's", "A.", "Dept.", "x", "said", ".", ",",
               "Sr", "III", "Inc.", "New", "York"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_NAME_WORDS), st.sampled_from(_BLANKS)),
                max_size=30).map(lambda ps: "".join(w + b for w, b in ps)))
@example("Senator Lamar Alexander of Tennessee. Said The Big Title Case Head Line Here Now")
@example("Gov. Larry Hogan Jr. of Maryland. Mr. Smith. Sen. Ted Cruz, U.S. Army")
def test_index_is_the_plain_index(text):
    from analysis.measures.sources.mentions import _index
    idx = _index.__wrapped__(text)
    runs, by_last = _index_plain(text)
    assert idx.runs == runs and idx.starts == [s for s, _ in runs]
    assert list(idx.by_last.items()) == list(by_last.items())


_VENUE_WORDS = ["at", "during", "on", "a", "an", "the", "his", "her", "recent", "campaign", "stop",
                "rally", "x", "Trump", "said", "that", "upon", ",", "At"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_VENUE_WORDS), st.sampled_from(_BLANKS)),
                max_size=30).map(lambda ps: "".join(w + b for w, b in ps)))
@example("Trump said at the during a rally on an\tx at  his recent campaign stop")
def test_venues_are_the_at_venue_matches(text):
    from analysis.measures.sources.mentions import _AT_VENUE, _venues
    assert [(m.span(), m.group(1)) for m in _venues(text)] == \
        [(m.span(), m.group(1)) for m in _AT_VENUE.finditer(text)]


_TITLE_WORDS = ["The", "Big", "day", "\u00c9lan", "\u00e9t\u00e9", "\u24b6x", "\u2167", "1st", "_x", "'Quote",
                "Of", "of", "A", "x", "\u01c5a", "\u0130"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_TITLE_WORDS), st.sampled_from(_BLANKS)), max_size=40)
       .map(lambda ps: "".join(w + b for w, b in ps)))
def test_title_line_at_is_the_plain_count(text):
    from analysis.measures.sources.mentions import _title_line_at
    for a in [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]:
        line = text[a:].split("\n", 1)[0]
        words = [w for w in line.split() if w[:1].isalpha()]
        plain = len(line) <= 300 and len(words) >= 6 and \
            sum(w[:1].isupper() for w in words) >= 0.8 * len(words)
        assert _title_line_at.__wrapped__(text, a) == plain


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["x", " ", "\n", "\u00a0", ",", "(", ")", "R-Texas", "54", "a"]),
                max_size=70).map("".join), st.integers(0, 70))
def test_apposition_opens_only_at_a_comma_or_parenthesis(text, e):
    """_apposition returns None unless the first non-blank after the mention (within the
    window it matches) is a comma or a parenthesis: the regex cannot match otherwise."""
    from analysis.measures.sources.mentions import _APPOSITION_OPEN
    window = text[e:e + 48]
    rest = window.lstrip()
    if _APPOSITION_OPEN.match(window):
        assert rest[:1] in (",", "(")


_OPENING_WORDS = ["The", "the", "former", "Vermont", "senator", "senators", "campaign's", "press",
                  "secretary", "attorney", "general", "Democratic", "nominee", "said", ",", ".",
                  "state\u2019s", "chief", "of", "staff", "x", "Mr.", "aide", "spokeswoman"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_OPENING_WORDS), min_size=1, max_size=12).map(" ".join))
def test_a_variation_head_needs_a_role_first_word_before_the_last_token(text):
    """_variations skips reading an opening whose first n - 1 tokens hold no first word of a
    person role: no hit there can be the head it looks for."""
    from analysis.measures.sources.mentions import _role_firsts
    from analysis.measures.sources.phrase import _read
    toks = Tokens(text, 0, min(len(text), 70))
    n = min(len(toks), 8)
    firsts = _role_firsts(load_roles())
    if n and firsts.isdisjoint([w[:-2] if len(w) > 3 and w.endswith("'s") else w
                                for w in toks.lower[:n - 1]]):
        reading = _read.__wrapped__(text, 0, toks.spans[n - 1][1])
        assert not [h for h in reading.hits if h[1] in ("role", "transparent") and not h[4]
                    and h[0] + 1 < n]


def _apposition_full(text: str, e: int):
    """_apposition as it was first written: tokenising the whole 160-character window."""
    import re
    from analysis.measures.sources.mentions import _DETS, _WHO_IS, _participle
    from analysis.quotes.attribution import verb_words
    m = re.match(r"\s*(?:\((?:[^()\n]{1,40})\)\s*)?,\s*", text[e:e + 4 + 44])
    if not m:
        return None
    s = e + m.end()
    age = re.match(r"\d{1,3},\s*", text[s:s + 6])
    if age:
        s += age.end()
    rel = _WHO_IS.match(text, s)
    if rel:
        s = rel.end()
    toks = Tokens(text, s, min(len(text), s + 160))
    if not len(toks) or toks.lower[0] in ("who", "which", "that", "said", "says", "and", "but"):
        return None
    if toks.lower[0] in verb_words() or _participle(toks.words[0]):
        return None
    for t in range(len(toks)):
        if t and toks.lower[t] == "and" and t + 1 < len(toks) and toks.lower[t + 1] in _DETS:
            return s, toks.spans[t - 1][1]
        if toks.words[t] in (",", ";", ".", ":", "\u2014", "(", ")") or toks.words[t] in '"\u201c\u201d' \
                or toks.lower[t] in verb_words() or toks.lower[t] in ("who", "which", "that"):
            if t == 0:
                return None
            return s, toks.spans[t - 1][1]
        if t >= 14:
            return s, toks.spans[t][1]
    return s, toks.spans[-1][1]


_APPO_WORDS = ["Smith", ",", "a", "an", "the", "nurse", "from", "Leeds", "and", "professor", "54",
               "who", "is", "said", "(R-Texas)", ".", "\u201c", "adviser", "to", "appearing",
               "state\u2019s", "long-serving", "x" * 30, "of"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_APPO_WORDS), st.sampled_from(_BLANKS)), max_size=40)
       .map(lambda ps: "".join(w + b for w, b in ps)), st.integers(0, 12))
def test_apposition_is_the_full_window_apposition(text, e):
    from analysis.measures.sources.mentions import _apposition
    assert _apposition.__wrapped__(text, e) == _apposition_full(text, e)


_MARK_WORDS = ["campaign", "campaigns", "rally", "rallies", "re-election", "reelection", "new",
               "newer", "film", "voters", "Trump's", "the", "x", ",", "election", "running", "mate"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_MARK_WORDS), st.sampled_from(_BLANKS)), max_size=30)
       .map(lambda ps: "".join(w + b for w, b in ps)))
def test_mark_first_words_scan_is_the_flat_alternation(text):
    import re
    from analysis.measures.sources.mentions import _mark_pattern
    marks = tuple(load_roles().marks) + ("n", "new-ish thing")
    flat = "|".join(sorted({re.escape(m.split()[0]) for m in marks}, key=len, reverse=True))
    plain = re.compile(r"[ \t]((?:" + flat + r")\b)")
    _mark_pattern.cache_clear()
    assert [(f.start(1), f.group(1)) for f in _mark_pattern(marks)[0].finditer(text)] == \
        [(f.start(1), f.group(1)) for f in plain.finditer(text)]


_RUN_WORDS = ["Sen.", "U.S.", "J.", "Mr.", "Washington.", "Smith", "A", "of", "the", "Jr.", "x.",
              "Co.", "St.", "D.C.", "Inc", "O'Neil.", "B.A", ".", "Lee..", "said", "N.Y.-based"]


def _stop_pieces_by_regex(text, m):
    """_stop_pieces as the whole-run scan of _STOP_WORD gives them (the plain reference)."""
    from analysis.measures.sources.mentions import _STOP_WORD, _abbreviation
    pieces = []
    s = base = m.start()
    for w in _STOP_WORD.finditer(m.group()):
        if not _abbreviation(w.group()):
            pieces.append((s, base + w.end()))
            s = base + w.end() + 1
    if s < m.end():
        while text[s].isspace():
            s += 1
        pieces.append((s, m.end()))
    return pieces


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_RUN_WORDS), st.sampled_from(_BLANKS)), max_size=30)
       .map(lambda ps: "".join(w + b for w, b in ps)))
def test_stop_pieces_are_those_of_the_stop_word_scan(text):
    from analysis.measures.sources.mentions import _CAPRUN, _stop_pieces
    for m in _CAPRUN.finditer(text):
        assert _stop_pieces(text, m) == _stop_pieces_by_regex(text, m)


_DESC_WORDS = ["Sen.", "the", "former", "Republican", "nominee", "of", "for", "at", "-", ".", "J.",
               "Stra\u00dfe", "caf\u00e9", "O\u2019Neil", "x_y", "99", "said", "says", ",", "New",
               "York", "Gov", "governor", "\u0130stanbul", "a", "\u00bd", "CLINTON", "state's"]
_DESC_BLANKS = [" "] * 6 + ["", "  ", "\t", "\n", "\u00a0", "\x1c", "\u2009", "\r"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_DESC_WORDS), st.sampled_from(_DESC_BLANKS)),
                min_size=1, max_size=40).map(lambda ps: "".join(w + b for w, b in ps)),
       st.integers(0, 400))
def test_description_by_chunks_is_the_tokenised_description(text, s):
    s = min(s, len(text))
    _description.cache_clear()
    assert _description(text, s, len(text)) == _description_full(text, s, len(text))


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_MARK_WORDS + ["\t", " ", "x\tcampaign"]),
                          st.sampled_from(_BLANKS)), max_size=30)
       .map(lambda ps: "".join(w + b for w, b in ps)))
def test_mark_firsts_by_blank_are_the_matches_of_the_one_scan(text):
    from analysis.measures.sources.mentions import _mark_firsts, _mark_pattern
    first_words, _, by_blank = _mark_pattern(tuple(load_roles().marks))
    assert [(f.span(), f.span(1)) for f in _mark_firsts(text, by_blank)] == \
        [(f.span(), f.span(1)) for f in first_words.finditer(text)]


_OPENING_WORDS = ["the", "The", "the", "president", "President", "senator,", "former", "attorney",
                  "general.", "aide;", "campaign\u2019s", "x", "said", "he", "she", "a", "of",
                  "Xpresident", "president-elect", "presidential", "secretary:", ".president",
                  "\u00e9t\u00e9", "U.S."]
_OPENING_BLANKS = [" "] * 10 + ["", "\t", "\n", "\u00a0", "\x1c", "  "]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_OPENING_WORDS), st.sampled_from(_OPENING_BLANKS)),
                max_size=40).map(lambda ps: "".join(w + b for w, b in ps)))
def test_role_openings_of_mostly_ascii_texts_are_the_filtered_the_openings(text):
    from analysis.measures.sources.mentions import _THE_OPENING, _role_firsts, _role_openings
    firsts = _role_firsts(load_roles())
    plain = [(m.start(1), m.group(1)) for m in _THE_OPENING.finditer(text)
             if not firsts.isdisjoint(w.rstrip(".,;:") for w in
                                      m.group(1).casefold().replace("\u2019", "'").split())]
    assert _role_openings(text) == plain
def _hits_plain(toks, a, b, roles):
    """_hits as it read before the start-word set and the plural memo: a plain reference."""
    from analysis.measures.sources.phrase import _after_former, _firsts_index, _singular
    out = []
    i = a
    lower = toks.lower
    if "'s" in " ".join(lower):
        lower = [w[:-2] if len(w) > 3 and w.endswith("'s") else w for w in lower]
    firsts = roles.firsts
    prefixed = {}  # token: the word after "ex-", "co-", "vice-", "former-" (the plain spelling)
    for t, w in enumerate(lower):
        for p in ("ex-", "co-", "vice-", "former-"):
            if w.startswith(p) and len(w) > len(p) and w not in firsts:
                prefixed[t] = w[len(p):]
    lower = [prefixed.get(t, w) for t, w in enumerate(lower)]
    plurals, lens = _firsts_index(roles)
    phrases = roles.phrases
    while i <= b:
        found = False
        w = lower[i]
        if w not in firsts and not (len(w) > 3 and w in plurals):
            i += 1
            continue
        room = b - i + 1
        for k in lens.get(w, (1,)):
            if k > room:
                continue
            key = tuple(lower[i:i + k])
            plural = False
            entries = phrases.get(key)
            if entries is not None and len(key) == 1 and all(e[0] == "group" for e in entries):
                # a groups word that is a role's plural reads as that plural ("experts")
                last = key[-1]
                for sing in _singular(last) if len(last) > 3 else ():
                    as_plural = phrases.get((sing,))
                    if as_plural:
                        if any(e[0] in ("role", "transparent") for e in as_plural):
                            entries, plural = as_plural, True
                        break
            if entries is None:
                last = key[-1]
                for sing in _singular(last) if len(last) > 3 else ():
                    entries = phrases.get(key[:-1] + (sing,))
                    if entries:
                        plural = True
                        break
            if not entries:
                continue
            capital = toks.words[i][:1].isupper()
            if i in prefixed:  # "ex-MP": the capital of the word after the prefix
                capital = capital or toks.words[i].partition("-")[2][:1].isupper()
            words = " ".join(toks.words[i:i + k])
            for kind, value, cap in entries:
                if cap and not capital:
                    continue
                former = _after_former(out, lower, i) or toks.lower[i][:3] == "ex-" \
                    or toks.lower[i][:7] == "former-"
                out.append((i + k - 1, kind, value, words, plural, i, former))
                found = True
            if found:
                i += k
                break
        if not found:
            i += 1
    return out


def _role_word_pool():
    roles = load_roles()
    pool = sorted({w for key in roles.phrases for w in key})
    forms = []
    for w in pool[::3]:
        forms += [w + "s", w + "es", w.capitalize(), w + "'s"]
        if w.endswith("y"):
            forms.append(w[:-1] + "ies")
        if w.endswith("man"):
            forms.append(w[:-3] + "men")
    prefixed = [p + w for p in ("ex-", "co-", "vice-", "former-") for w in pool[::7]]
    prefixed += ["ex-MP", "ex-MPs", "ex-MP's", "co-founder", "ex-wife's"]
    return pool + forms + prefixed + ["former", "ex", "the", "of", "Maria", "Lopez", ".", ",",
                                      "said"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_role_word_pool()), min_size=1, max_size=9), st.data())
def test_hits_are_the_plain_hits(words, data):
    from analysis.measures.sources.phrase import _hits
    roles = load_roles()
    toks = Words(" ".join(words))
    n = len(toks)
    a = data.draw(st.integers(0, n - 1))
    b = data.draw(st.integers(a, n - 1))
    assert _hits(toks, a, b, roles) == _hits_plain(toks, a, b, roles)
    assert _hits(toks, a, b, roles) == _hits_plain(toks, a, b, roles)  # (the memo filled)


def test_hits_of_role_phrases_and_their_plurals_are_the_plain_hits():
    from analysis.measures.sources.phrase import _hits
    roles = load_roles()
    for key in roles.phrases:
        for last in (key[-1], key[-1] + "s", key[-1] + "es", key[-1][:-1] + "ies", key[-1][:-3] + "men"):
            for text in (" ".join(key[:-1] + (last,)), "the former " + " ".join(key[:-1] + (last,)).title()):
                toks = Words(text)
                assert _hits(toks, 0, len(toks) - 1, roles) == _hits_plain(toks, 0, len(toks) - 1, roles)


@pytest.mark.parametrize("text, speaker", [
    ("Sen. Maria Lopez of Maryland said the plan works.", "Sen. Maria Lopez of Maryland"),
    ("NBC's Chuck Todd asked about it. He said it was odd.", "He"),
    ("The report came out. It said prices rose.", "It"),
    ("David Axelrod, Obama's former strategist, said it was over.", "Obama's former strategist"),
    ("A spokeswoman said nothing.", "A spokeswoman"),
    ("63 percent of voters said no.", "63 percent of voters")])
def test_source_evidence_shares_no_dict_with_the_memo(text, speaker):
    from analysis.measures.sources import clear_caches, source_fields
    clear_caches()
    rec = {"speaker_start": text.index(speaker), "speaker_end": text.index(speaker) + len(speaker)}
    first = source_fields(rec, text)
    evidence = first["source_evidence"]
    assert all(isinstance(v, dict) if k in ("type", "named", "gender") else isinstance(v, str)
               for k, v in evidence.items())
    assert {"type", "named", "gender"} <= set(evidence)
    want = repr(first)
    for v in evidence.values():
        if isinstance(v, dict):
            v["rule"] = "changed"
    evidence["extra"] = "changed"
    assert repr(source_fields(rec, text)) == want  # (the memoised fields are unchanged)


def test_per_object_builds_once_per_object_not_per_equal_value():
    from analysis.measures.sources.knowledge import per_object
    calls = []

    @per_object
    def size(obj: dict) -> int:
        """The number of keys (counting calls)."""
        calls.append(obj)
        return len(obj)

    a, b = {"x": 1}, {"x": 1}
    assert size(a) == 1 and size(a) == 1 and len(calls) == 1  # the same object: built once
    assert size(b) == 1 and len(calls) == 2  # an equal but distinct object: built for itself
    a["y"] = 2
    assert size(a) == 1 and len(calls) == 2  # derived once: a data object is not changed in place
    size.cache_clear()
    assert size(a) == 2 and len(calls) == 3
    assert size.__doc__ == "The number of keys (counting calls)."


# -- the first gendered mention of a surname, memoised, against the loop it replaces -------

_GENDER_WORDS = ["Mr", "Mrs.", "Ms", "Boyd", "Boyd's", "Ann", "Tom", "Reed", "the", "mayor",
                 "woman", "said", ",", ".", "Councillor", "spokeswoman", "\n"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_GENDER_WORDS), max_size=30))
def test_first_mention_gender_is_the_first_earlier_mention_with_one(words):
    from analysis.measures.sources import clear_caches
    from analysis.measures.sources.gender import _first_mention_gender, _text_gender
    from analysis.measures.sources.mentions import _earlier, _surname_key
    clear_caches()
    text = " ".join(words)
    for surname in ("Boyd", "Reed", "Ann"):
        for pos in range(0, len(text) + 1, 3):
            plain = None
            for s, e in _earlier(text, surname, pos):  # (the loop as fields.py read it)
                plain = _text_gender(text, max(0, s - 5), e)
                if plain:
                    break
            first = _first_mention_gender(text, _surname_key(surname))
            assert (first[1] if first is not None and first[0] < pos else None) == plain
