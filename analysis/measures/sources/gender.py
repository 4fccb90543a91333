"""The gender of a single person: from the text first, then the first-name table, never a guess."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from operator import itemgetter

from .knowledge import Roles, load_first_names, load_roles, per_object
from .mentions import _AGE, _NOT_A_NAME, _index, _inside_quote, _runs_of, _surname_key
from .phrase import _PERSON_PRONOUNS, _SUFFIXES, _folded_text, _hits, _postmodifier_start
from ...quotes.attribution import SKIP, skip_forward, verb_words
from ...text.tokens import _TOKEN, Tokens, Words


@lru_cache(maxsize=8192)
def _name_gender(first: str, threshold: float = 0.1) -> tuple[str, str] | None:
    """(gender, first name) from the first-name table when the name is clearly gendered
    (memoised: a name is asked about again and again, 2,372 times for 668 names on the bench)."""
    key = first.casefold().strip(".")
    if len(key) < 2:
        return None
    p = load_first_names().get(_ascii(key))
    if p is None:
        return None
    if p >= 1 - threshold:
        return "female", first
    if p <= threshold:
        return "male", first
    return None


def _ascii(s: str) -> str:
    """Accents stripped (a crude fold for name look-up)."""
    if s.isascii():
        return s
    import unicodedata
    return "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))


def _text_gender(text: str, s: int, e: int) -> tuple[str, str, str] | None:
    """(gender, rule, words) from an honorific or a gendered noun in text[s:e]."""
    return _phrase_gender(text[s:e])


#: How far before a name its honorific is looked for ("Mrs. ").
_HONORIFIC_ROOM = 5


def _mention_gender(text: str, s: int, e: int) -> tuple[str, str, str] | None:
    """_text_gender of a mention with the few characters before it, where an honorific
    stands ("Mrs. Clinton"), cut at a word boundary: the tail of a longer word is no word
    ("working Clinton" holds no "king")."""
    lo = max(0, s - _HONORIFIC_ROOM)
    while 0 < lo < s and text[lo - 1].isalnum() and text[lo].isalnum():
        lo += 1
    return _phrase_gender(text[lo:e])


@lru_cache(maxsize=4096)
def _first_mention_gender(text: str, key: str) -> tuple[int, tuple[str, str, str]] | None:
    """(start, gender) of the first mention of a surname key, in text order, whose own words
    (and the five characters before it: "Mrs. ") give a gender; None when none does.  (Asked
    once per article and surname: a speaker's earlier mentions are then not read again and
    again, which made a long article with many mentions quadratic.)"""
    for s, e in _runs_of(text, key)[0]:
        gender = _mention_gender(text, s, e)
        if gender:
            return s, gender
    return None


@lru_cache(maxsize=8192)
def _phrase_gender(phrase: str) -> tuple[str, str, str] | None:
    """_text_gender of a phrase on its own (it depends on the phrase's words only, so a name
    mentioned again and again in an article is read once)."""
    roles = load_roles()
    pieces = _gender_pieces(roles)
    if pieces is not None and phrase.isascii() \
            and pieces.isdisjoint(_ASCII_RUN.findall(phrase.lower())):
        return None  # no word of an honorific or of a gendered noun in it: nothing to find
    toks = Words(phrase)
    cut = _postmodifier_start(phrase, toks.lower)
    if cut is not None:  # "a woman close to Mr. Smith": the words after say nothing of her
        return _phrase_gender(phrase[:cut].rstrip())
    for t in range(len(toks)):
        low = toks.lower[t].rstrip(".")
        if low in roles.honorifics and toks.words[t][:1].isupper():
            return roles.honorifics[low], "honorific", toks.words[t]
    for h in reversed(_hits(toks, 0, len(toks) - 1, roles)):
        if h[1] in ("female", "male") and not h[4]:
            return h[1], "gendered_noun", h[3]
    return None


_ASCII_RUN = re.compile(r"[a-z0-9]+")


@per_object
def _gender_pieces(roles: Roles) -> frozenset[str] | None:
    """The letter-and-digit runs (lower case) of the ASCII honorifics and words of the
    gendered nouns, or None when some such word has none (no quick test then)."""
    words = set(roles.honorifics) | {w for k, entries in roles.phrases.items()
                                     if any(e[0] in ("female", "male") for e in entries)
                                     for w in k}
    # (a word that is not ASCII is never one of an ASCII phrase)
    runs = [_ASCII_RUN.findall(w) for w in words if w.isascii()]
    return None if not all(runs) else frozenset(r for rs in runs for r in rs)


#: A capitalised word (not inside a longer word) before another: a first name and surname.
#: (The boundary is tested behind the first letter, not as a leading \b: a pattern that
#: opens with a character class lets the search skip to the next capital, about 3x faster.)
_NAME_PAIR = re.compile(r"([A-Z](?<!\w[A-Z])[a-z]+)[ \t]+(?=(?:[A-Z]\.[ \t]+)?([A-Z][\w'\u2019-]*))")


@lru_cache(maxsize=8)
def _first_names_by_surname(text: str) -> dict[str, dict[str, str]]:
    """{surname key: {gender: first name}} of the clearly gendered first names written right
    before a capitalised word anywhere in the text (a title-case headline too)."""
    out: dict[str, dict[str, str]] = {}
    for m in _NAME_PAIR.finditer(text):
        ng = _name_gender(m.group(1))
        if ng:
            out.setdefault(_surname_key(m.group(2)), {}).setdefault(ng[0], m.group(1))
    return out


@lru_cache(maxsize=2048)
def _first_names_of(text: str, key: str) -> dict[str, str]:
    """_first_names_by_surname(text).get(key, {}), read only where the surname is written:
    each place the case-folded text has the key is tried as the second word of a pair
    (the first name found by walking back over the blanks, an initial and the word)."""
    folded = _folded_text(text)
    if folded is None or not key:  # (folding moves offsets: read the whole text then)
        return _first_names_by_surname(text).get(key, {})
    out: dict[str, str] = {}
    q = folded.find(key)
    while q >= 0:
        for p in _pair_starts(text, q):
            m = _NAME_PAIR.match(text, p)
            if m and m.start(2) == q and _surname_key(m.group(2)) == key:
                ng = _name_gender(m.group(1))
                if ng:
                    out.setdefault(ng[0], m.group(1))
        q = folded.find(key, q + 1)
    return out


def _pair_starts(text: str, q: int) -> list[int]:
    """Where a _NAME_PAIR match whose second word starts at q can start: at the capital of
    the word of lower-case letters before the blanks before q, or before an initial and
    blanks ("Donald J. Trump")."""
    b = q
    while b > 0 and text[b - 1] in " \t":
        b -= 1
    if b == q:
        return []  # no blank before q
    ends = [b]
    if b >= 2 and text[b - 1] == "." and "A" <= text[b - 2] <= "Z":
        c = b - 2
        while c > 0 and text[c - 1] in " \t":
            c -= 1
        if c < b - 2:
            ends.append(c)
    out = []
    for e in ends:
        a = e
        while a > 0 and "a" <= text[a - 1] <= "z":
            a -= 1
        if 0 < a < e and "A" <= text[a - 1] <= "Z":
            out.append(a - 1)
    return out


def _first_names_anywhere(text: str, key: str) -> tuple[str, str, str] | None:
    """(gender, 'first_name_anywhere', words) when every clearly gendered first name written
    before the surname anywhere in the article (a title-case headline too) agrees."""
    found = _first_names_of(text, key)
    if len(found) == 1:
        g, first = next(iter(found.items()))
        return g, "first_name_anywhere", first
    return None


@lru_cache(maxsize=2048)
def _person_gender(text: str, surname: str) -> tuple[str, str, str] | None:
    """(gender, rule, words) of the person with this surname from any of its mentions in the
    article: an honorific, 'X said he/she', then agreeing pronouns after the name."""
    idx = _index(text)
    key = _surname_key(surname)
    for i in idx.by_last.get(key, ()):
        s, e = idx.runs[i]
        g = _mention_gender(text, s, e)
        if g and g[1] == "honorific":
            return g[0], "honorific_elsewhere", g[2]
    for i in idx.by_last.get(key, ()):
        g = _pronoun_after(text, idx.runs[i][1])
        if g:
            return g
    return _speaker_pronoun(text, key) or _pronoun_votes(text, key)


#: "he said" / "She told": a pronoun (not inside a longer word) and the word after it. (Spelt
#: to open with a character class, as _NAME_PAIR; the same matches as \b([Hh]e|[Ss]he).)
_PRONOUN_SPEAKS = re.compile(r"([HhSs](?<!\w[HhSs])(?:(?<=[Hh])|(?<=[Ss])h)e)[ \t]+([a-z]+)\b")


@lru_cache(maxsize=8)
def _pronoun_speaker_spots(text: str) -> tuple[list[int], list[str]]:
    """Offsets and words of the pronoun speakers outside quotes ("..., he said.")."""
    verbs = verb_words()
    spots: list[int] = []
    words: list[str] = []
    for start, pronoun, word in _pronoun_speaks(text):
        if word in verbs and not _inside_quote(text, start):
            spots.append(start)
            words.append(pronoun.casefold())
    return spots, words


#: _PRONOUN_SPEAKS one spelling of the pronoun at a time, the word after it only looked at:
#: a pattern that opens with a literal is searched for much faster than with a class.
_PRONOUN_FORMS = tuple(re.compile(p + r"(?<!\w" + p + r")(?=[ \t]+([a-z]+)\b)")
                       for p in ("he", "He", "she", "She"))


def _pronoun_speaks(text: str) -> list[tuple[int, str, str]]:
    """(offset, pronoun, next word) of the matches of _PRONOUN_SPEAKS.finditer(text), from
    the matches of each spelling kept in text order when no earlier match covers them."""
    found = sorted(((m.start(), m.end(1), m) for form in _PRONOUN_FORMS
                    for m in form.finditer(text)), key=itemgetter(0))
    out = []
    end = 0
    for start, stop, m in found:
        if start >= end:  # (finditer goes on after the end of the match it found)
            out.append((start, m.group(), m.group(1)))
            end = stop
    return out


@lru_cache(maxsize=2048)
def _speaker_pronoun(text: str, key: str) -> tuple[str, str, str] | None:
    """(gender, 'speaker_pronoun', words) when every pronoun speaker outside quotes that
    refers to the surname ("Matthews said ... \u201c...,\u201d he said.") has one gender: the
    pronoun is resolved as a speaker pronoun is, and a pronoun agrees in gender with its
    antecedent. Only pronouns within reach of a mention of the surname are resolved."""
    from .resolve import _NAME_LIMIT, _antecedent  # resolve imports this module
    runs = _index(text).by_last.get(key)
    if not runs:
        return None
    idx = _index(text)
    spots, words = _pronoun_speaker_spots(text)
    found: set[str] = set()
    for i in runs:
        s = idx.runs[i][0]
        k = bisect.bisect_right(spots, s)
        while k < len(spots) and spots[k] - s <= _NAME_LIMIT:
            pos, word = spots[k], words[k]
            k += 1
            ante = _antecedent(text, pos, word)
            if ante is None or _ante_key(text, ante) != key:
                continue
            found.add(_PERSON_PRONOUNS[word])
    if len(found) == 1:
        g = next(iter(found))
        return g, "speaker_pronoun", {"male": "he", "female": "she"}[g]
    return None


def _ante_key(text: str, ante: tuple[int, int]) -> str:
    """The surname key of an antecedent run (a trailing suffix such as Jr. left out)."""
    words = text[ante[0]:ante[1]].split()
    k = len(words)
    while k > 1 and words[k - 1].rstrip(".,").casefold() in _SUFFIXES:
        k -= 1
    return _surname_key(words[k - 1])


@lru_cache(maxsize=2048)
def _pronoun_votes(text: str, surname: str) -> tuple[str, str, str] | None:
    """(gender, 'pronouns', words) when the personal pronouns that first follow the mentions
    of a surname, with no other name between, agree two or more times."""
    from .resolve import _person_like  # resolve imports this module
    idx = _index(text)
    votes: list[str] = []
    for i in idx.by_last.get(_surname_key(surname), ()):
        e = idx.runs[i][1]
        if _inside_quote(text, idx.runs[i][0]):
            continue
        m = None
        for c in _PRONOUN.finditer(text, e, min(len(text), e + 200)):
            if not _inside_quote(text, c.start()):  # a quote's pronouns are the speaker's
                m = c
                break
        if not m:
            continue
        w = m.group().casefold()
        g = "male" if w in ("he", "his", "him", "himself") else "female"
        j = i + 1
        blocked = False
        while j < len(idx.runs) and idx.runs[j][0] < m.start():
            s2, e2 = idx.runs[j]
            j += 1
            if text[s2:e2].casefold() in _NOT_A_NAME or _inside_quote(text, s2):
                continue
            if _surname_key(text[s2:e2].split()[-1]) == _surname_key(surname):
                blocked = True  # the next mention votes for itself
                break
            other = _person_like(text, s2, e2)
            if other is not None and other[1] in (None, g):
                blocked = True  # another person who could be the pronoun's referent
                break
        if not blocked:
            votes.append(g)
    if len(votes) >= 2 and len(set(votes)) == 1:
        return votes[0], "pronouns", f"{len(votes)} pronouns after the name"
    return None


_PRONOUN = re.compile(r"\b(?:he|she|his|her|him|himself|herself)\b", re.I)


#: The first token of a text slice, as Tokens finds it (blanks before it skipped).
_FIRST_TOKEN = re.compile(r"\s*(" + _TOKEN.pattern + ")")


def _pronoun_after(text: str, end: int) -> tuple[str, str, str] | None:
    """(gender, 'pronoun_after', words) from 'X said he/she' ('X on Tuesday said that she')
    right after the speaker (and its age: "Jones, 25, said as she")."""
    age = _AGE.match(text, end)
    if age:
        end = age.end()
    stop = min(len(text), end + 60)
    first = _FIRST_TOKEN.match(text, end, stop)
    low = first.group(1).casefold().replace("\u2019", "'") if first else ""
    if low not in SKIP and low not in verb_words():
        return None  # the first token is no adverb and no verb (most names): no tokens read
    toks = Tokens(text, end, stop)
    t = skip_forward(toks, 0, len(toks))
    if t < len(toks) and toks.lower[t] in verb_words():
        t = skip_forward(toks, t + 1, len(toks))  # "said Friday as he entered"
        if t < len(toks) and toks.lower[t] in ("that", "as", "while", "when", "after", "before"):
            t += 1  # "Jones said as she marched", "Lee said that he"
        if t < len(toks) and toks.lower[t] in ("he", "she"):
            return (_PERSON_PRONOUNS[toks.lower[t]], "pronoun_after",
                    text[end:toks.spans[t][1]].strip())
    return None
