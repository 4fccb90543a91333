"""What a pronoun or a description refers to: the earlier person or organisation it stands for."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from .gender import _ascii, _mention_gender, _name_gender, _text_gender
from .knowledge import load_first_names, load_roles
from .mentions import (_NOT_A_NAME, _surname_key, _PREP_BEFORE, _SKIP_FIRST, _apposition,
                       _description, _full_name, _index, _inside_quote, _modifier_use,
                       _sentences, _speaks_next, _spoke_before, _VERB_NEXT)
from .phrase import _PERSON_PRONOUNS, _Reading, _folded_text, _read
from ...quotes.attribution import verb_words


_NAME_LIMIT = 700  # how far back (characters) a pronoun looks for its antecedent


@lru_cache(maxsize=4096)
def _antecedent(text: str, pos: int, pronoun: str, depth: int = 0) -> tuple[int, int] | None:
    """The nearest earlier name a personal pronoun refers to: the first compatible person
    named in the last sentence before pos that names one (names inside quotes left out)."""
    idx = _index(text)
    lo = bisect.bisect_left(idx.starts, max(0, pos - _NAME_LIMIT))
    hi = bisect.bisect_left(idx.starts, pos)
    want = _PERSON_PRONOUNS.get(pronoun)
    sentences = _sentences(text)
    best: tuple[int, int] | None = None
    best_sentence = -1
    people = _run_people(text)
    for i in range(hi - 1, lo - 1, -1):  # backwards: stop once past the sentence found
        s, e = idx.runs[i]
        if best is not None and s < sentences[best_sentence - 1]:
            break
        if e > pos:
            continue
        got = people[i]
        if got is None:  # (each run is read once per article, whichever pronoun asks)
            got = people[i] = _run_person(text, s, e)
        s, person = got
        if not person or (want and person[1] and person[1] != want):
            continue
        best, best_sentence = (s, e), bisect.bisect_right(sentences, s)
    if best is not None and want and depth < 3:
        # "He is hoping that states, led by West Virginia, ...": the sentence's own pronoun
        # before the name keeps the topic; the speaker's pronoun is that pronoun's referent
        lo_s = sentences[best_sentence - 1]
        m = _same_pronoun(pronoun).search(text, lo_s, best[0])
        if m and not _inside_quote(text, m.start()):
            return _antecedent(text, m.start(), pronoun.casefold(), depth + 1) or best
    return best


@lru_cache(maxsize=8)
def _run_people(text: str) -> list[tuple[int, tuple[bool, str | None] | None] | None]:
    """A slot per capitalised run of an article for _run_person of it (None until asked)."""
    return [None] * len(_index(text).runs)


def _run_person(text: str, s: int, e: int) -> tuple[int, tuple[bool, str | None] | None]:
    """(start, _person_like) of a run as a pronoun's antecedent, its opening function words
    ("But", "When") left out; None for one that cannot be one (no words left, a word that
    is no name, inside a quote, or a name that modifies a noun)."""
    words = text[s:e].split()
    while words and words[0].casefold() in _SKIP_FIRST:
        s = text.index(words[0], s) + len(words[0])
        words = words[1:]
        while s < e and text[s].isspace():
            s += 1
    if not words or (len(words) == 1 and words[0].casefold() in _NOT_A_NAME) \
            or _inside_quote(text, s) or _modifier_use(text, s, e):
        return s, None
    return s, _person_like(text, s, e)


@lru_cache(maxsize=8)
def _same_pronoun(pronoun: str) -> re.Pattern[str]:
    """A pattern for the subject forms of a personal pronoun's gender ('he' or 'He')."""
    word = {"male": "he", "female": "she"}[_PERSON_PRONOUNS[pronoun.casefold()]]
    return re.compile(rf"\b[{word[0].upper()}{word[0]}]{word[1:]}\b")


_NAME_BEFORE = re.compile(r"((?:(?:[A-Z]\.|[A-Z][\w'\u2019-]*)[ \t]+){1,3}[A-Z][\w'\u2019-]*),[ \t]+$")


#: A place slot: "in West Virginia", "Gov. X of West Virginia" (a name of a place whose first
#: word happens to be a first name is no person)
_PLACE_BEFORE = re.compile(r"(?:\b(?:in|near)|[A-Z][\w.'\u2019-]*[ \t]+of)[ \t]+$")


@lru_cache(maxsize=4096)
def _person_like(text: str, s: int, e: int) -> tuple[bool, str | None] | None:
    """(True, gender or None) when text[s:e] looks like a person's name, else None."""
    reading = _read(text, s, e)
    if reading.head_kind not in ("person",) or not reading.name:
        if reading.head_kind == "person" and _text_gender(text, s, e):
            return True, _text_gender(text, s, e)[0]  # type: ignore[index]
        return None
    g = _mention_gender(text, s, e)
    if g:
        return True, g[0]
    full = _full_name(text, reading.name, e)
    if len(full) >= 2 and not _PLACE_BEFORE.search(text, max(0, s - 40), s):
        ng = _name_gender(full[0])
        if ng or load_first_names().get(_ascii(full[0].casefold())) is not None:
            return True, ng[0] if ng else None
    if any(h[1] in ("role", "transparent") for h in reading.hits) or (
            _speaks_next(text, e) and not _PREP_BEFORE.search(text, max(0, s - 6), s)) or (
            _spoke_before(text, s) and reading.name and " " in text[s:e]) or (
            _surname_key(reading.name[-1]) in _speaking_keys(text)):
        return True, None  # "President Obama", "McLenney said", "said Leslie Wimes"
    # a full name only: a lone capitalised word before a comma is as often an opener ("Still,")
    return _described_person(text, e) if len(reading.name) >= 2 else None


def _described_person(text: str, e: int) -> tuple[bool, str | None] | None:
    """(True, gender or None) when the apposition after the name ending at e describes one
    person by a role ("Lis Smith, a spokeswoman for the campaign,"): a name whose first name
    says nothing is a person's all the same; else None."""
    span = _apposition(text, e)
    if span is None:
        return None
    # the first noun of the role knowledge: "spokeswoman" of "a spokeswoman for X"
    first = next((h for h in _read(text, *span).hits if h[1] not in ("unnamed", "female", "male")),
                 None)
    if first is None or first[1] not in ("role", "transparent"):
        return None
    g = _text_gender(text, *span)
    return True, g[0] if g else None


@lru_cache(maxsize=8)
def _speaking_keys(text: str) -> frozenset[str]:
    """Surname keys of the names that a reporting verb follows somewhere in the article
    ("Sanders said"): a name that speaks is a person's (or a body's, which is read first)."""
    idx = _index(text)
    out = set()
    verbs = verb_words()
    after = _VERB_NEXT.match  # (_speaks_next inlined: it is asked of every run)
    for s, e in idx.runs:
        m = after(text, e)
        if m and m.group(1) in verbs and not _PREP_BEFORE.search(text, max(0, s - 6), s):
            r = _read(text, s, e)
            if r.head_kind == "person" and r.name:
                out.add(_surname_key(r.name[-1]))
    return frozenset(out)


def _same_role(a: str, b: str) -> bool:
    """True when two role words name the same role ('Sen' and 'senator')."""
    abbr = load_roles().abbreviations
    a, b = a.casefold(), b.casefold()
    return abbr.get(a, a) == abbr.get(b, b) or a.endswith(" " + b) or b.endswith(" " + a)


@lru_cache(maxsize=256)
def _role_forms(words: str) -> tuple[str, ...]:
    """Case-folded strings one of which any role phrase that _same_role matches with `words`
    contains: its last word and that word's abbreviations and expansion."""
    abbr = load_roles().abbreviations
    last = words.casefold().replace("\u2019", "'").split()[-1].rstrip(".")
    full = abbr.get(last, last)
    return tuple({last, full} | {k for k, v in abbr.items() if v == full})


def _resolve_description(text: str, reading: _Reading, pos: int) -> tuple[int, int] | None:
    """An earlier titled mention ('Sen. Ted Cruz') that a definite description ('the senator',
    'the department') refers to, or None."""
    heads = [h for h in reading.hits if h[1] in ("role", "organisation", "transparent")]
    if not heads:
        return None
    head = heads[-1]
    idx = _index(text)
    hi = bisect.bisect_left(idx.starts, pos)
    forms = _role_forms(head[3])
    folded = _folded_text(text)
    runs = idx.runs
    for i in range(hi - 1, max(-1, hi - 80), -1):
        s, e = runs[i]
        run = text[s:e]
        if " " not in run and run.casefold() in _NOT_A_NAME:
            continue
        if folded is not None:  # (a bounded find is `in` of the slice, without the copy)
            lo = max(0, s - 90)
            for f in forms:
                if folded.find(f, lo, e) >= 0:
                    break
            else:
                continue  # no word of the role near this name: it cannot be the one
        else:
            window = text[max(0, s - 90):e].casefold().replace("\u2019", "'")
            if not any(f in window for f in forms):
                continue
        d0, _ = _description(text, s, e)
        r = _read(text, d0, e)
        if not r.name:
            continue
        for h in r.hits:
            if h[2] == head[2] and h[1] == head[1] and _same_role(h[3], head[3]):
                return s, e
    return None


def _organisation_before(text: str, pos: int) -> tuple[int, int] | None:
    """The nearest earlier organisation name (for 'it' / 'we')."""
    idx = _index(text)
    hi = bisect.bisect_left(idx.starts, pos)
    lo = bisect.bisect_left(idx.starts, max(0, pos - 300))
    for i in range(hi - 1, lo - 1, -1):
        s, e = idx.runs[i]
        if _read(text, s, e).head_kind == "organisation":
            return s, e
    return None
