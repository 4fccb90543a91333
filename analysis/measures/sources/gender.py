"""The gender of a single person: from the text first, then the first-name table, never a guess."""
from __future__ import annotations

import re
from functools import lru_cache

from .knowledge import load_first_names, load_roles
from .mentions import _AGE, _NOT_A_NAME, _index, _surname_key
from .phrase import _PERSON_PRONOUNS, _hits
from ...quotes.attribution import skip_forward, verb_words
from ...text.tokens import Tokens


def _name_gender(first: str, threshold: float = 0.1) -> tuple[str, str] | None:
    """(gender, first name) from the first-name table when the name is clearly gendered."""
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


@lru_cache(maxsize=4096)
def _text_gender(text: str, s: int, e: int) -> tuple[str, str, str] | None:
    """(gender, rule, words) from an honorific or a gendered noun in text[s:e]."""
    roles = load_roles()
    toks = Tokens(text, s, e)
    for t in range(len(toks)):
        low = toks.lower[t].rstrip(".")
        if low in roles.honorifics and toks.words[t][:1].isupper():
            return roles.honorifics[low], "honorific", toks.words[t]
    for h in reversed(_hits(toks, 0, len(toks) - 1, roles)):
        if h[1] in ("female", "male") and not h[4]:
            return h[1], "gendered_noun", h[3]
    return None


_NAME_PAIR = re.compile(r"\b([A-Z][a-z]+)[ \t]+(?=(?:[A-Z]\.[ \t]+)?([A-Z][\w'\u2019-]*))")


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


def _first_names_anywhere(text: str, key: str) -> tuple[str, str, str] | None:
    """(gender, 'first_name_anywhere', words) when every clearly gendered first name written
    before the surname anywhere in the article (a title-case headline too) agrees."""
    found = _first_names_by_surname(text).get(key, {})
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
        g = _text_gender(text, max(0, s - 5), e)
        if g and g[1] == "honorific":
            return g[0], "honorific_elsewhere", g[2]
    for i in idx.by_last.get(key, ()):
        g = _pronoun_after(text, idx.runs[i][1])
        if g:
            return g
    return _pronoun_votes(text, key)


@lru_cache(maxsize=2048)
def _pronoun_votes(text: str, surname: str) -> tuple[str, str, str] | None:
    """(gender, 'pronouns', words) when the personal pronouns that first follow the mentions
    of a surname, with no other name between, agree two or more times."""
    idx = _index(text)
    votes: list[str] = []
    for i in idx.by_last.get(_surname_key(surname), ()):
        e = idx.runs[i][1]
        m = _PRONOUN.search(text, e, min(len(text), e + 200))
        if not m:
            continue
        j = i + 1
        while j < len(idx.runs) and idx.runs[j][0] < m.start() and \
                text[idx.runs[j][0]:idx.runs[j][1]].casefold() in _NOT_A_NAME:
            j += 1
        if j < len(idx.runs) and idx.runs[j][0] < m.start():
            continue  # another name comes first
        w = m.group().casefold()
        votes.append("male" if w in ("he", "his", "him", "himself") else "female")
    if len(votes) >= 2 and len(set(votes)) == 1:
        return votes[0], "pronouns", f"{len(votes)} pronouns after the name"
    return None


_PRONOUN = re.compile(r"\b(?:he|she|his|her|him|himself|herself)\b", re.I)


def _pronoun_after(text: str, end: int) -> tuple[str, str, str] | None:
    """(gender, 'pronoun_after', words) from 'X said he/she' ('X on Tuesday said that she')
    right after the speaker (and its age: "Jones, 25, said as she")."""
    age = _AGE.match(text, end)
    if age:
        end = age.end()
    toks = Tokens(text, end, min(len(text), end + 60))
    t = skip_forward(toks, 0, len(toks))
    if t < len(toks) and toks.lower[t] in verb_words():
        t += 1
        if t < len(toks) and toks.lower[t] in ("that", "as", "while", "when", "after", "before"):
            t += 1  # "Jones said as she marched", "Lee said that he"
        if t < len(toks) and toks.lower[t] in ("he", "she"):
            return (_PERSON_PRONOUNS[toks.lower[t]], "pronoun_after",
                    text[end:toks.spans[t][1]].strip())
    return None
