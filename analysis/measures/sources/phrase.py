"""Reading one phrase (a speaker mention or a description): role hits, its name, what it names."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .knowledge import Roles, load_roles, per_object
from ...quotes.attribution import STOP, load_postmodifiers, postmodifier_at
from ...text.tokens import Tokens, Words


_PERSON_PRONOUNS = {"he": "male", "him": "male", "she": "female", "her": "female"}


_GROUP_PRONOUNS = frozenset({"they", "we", "it", "them", "us"})


_DETS = frozenset("the a an this that these those his her their its our my your".split())
_SUFFIXES = frozenset("jr sr ii iii iv".split())


@dataclass(slots=True)
class _Reading:
    """What one phrase (a speaker mention or a description of it) says about the source."""

    #: (last token, kind, value, words, plural, first token, after "former")
    hits: list[tuple[int, str, str, str, bool, int, bool]]
    name: list[str]  # the personal or organisation name words at the head
    head_kind: str  # person, organisation, group, document, pronoun or "" (nothing known)
    unnamed: bool
    possessor: str


def _singular(w: str) -> list[str]:
    """Candidate singular forms of a plural noun."""
    out = []
    if w.endswith("men"):
        out.append(w[:-3] + "man")
    if w.endswith("ies"):
        out.append(w[:-3] + "y")
    if w.endswith("es"):
        out.append(w[:-2])
    if w.endswith("s"):
        out.append(w[:-1])
    return out


@per_object
def _firsts_index(roles: Roles) -> tuple[frozenset[str], dict[str, tuple[int, ...]]]:
    """The plurals of the role file's first words (each word in -s that _singular takes back
    to a first word) and {first word: the lengths of the phrases it starts and 1, longest
    first}."""
    plurals = {f + "s" for f in roles.firsts} | {f + "es" for f in roles.firsts} | {
        f[:-1] + "ies" for f in roles.firsts if f.endswith("y")}
    lens: dict[str, set[int]] = {}
    for key in roles.phrases:
        lens.setdefault(key[0], set()).add(len(key))
    return frozenset(plurals), {w: tuple(sorted(v | {1}, reverse=True)) for w, v in lens.items()}


_UNSEEN = object()
_MEMO_SIZE = 1 << 16


@per_object
def _hit_index(roles: Roles) -> tuple[frozenset[str], frozenset[str], dict[str, tuple[int, ...]],
                                      dict[tuple[str, ...], Any],
                                      dict[tuple[str, ...], tuple[tuple[str, str, bool], ...]]]:
    """What _hits looks words up in: the words that may start a hit (first words and their
    plurals), the plurals and the lengths of _firsts_index, a memo of _plural_entries, and
    the `groups` words that are a role's plural with that plural's entries ("experts" are
    the role "expert"'s group, as "scientists" are "scientist"'s)."""
    plurals, lens = _firsts_index(roles)
    regrouped = {}
    for key, entries in roles.phrases.items():
        if len(key) == 1 and _untyped_group(entries):
            as_plural = _plural_entries(roles.phrases, key)
            if as_plural and any(e[0] in ("role", "transparent") for e in as_plural):
                regrouped[key] = as_plural
    return roles.firsts | plurals, plurals, lens, {}, regrouped


def _plural_entries(phrases: dict[tuple[str, ...], tuple[tuple[str, str, bool], ...]],
                    key: tuple[str, ...]) -> tuple[tuple[str, str, bool], ...] | None:
    """The entries of the first singular of key's last word that has some, or None."""
    last = key[-1]
    for sing in _singular(last) if len(last) > 3 else ():
        entries = phrases.get(key[:-1] + (sing,))
        if entries:
            return entries
    return None


def _hits(toks: Tokens | Words, a: int, b: int, roles: Roles
          ) -> list[tuple[int, str, str, str, bool, int, bool]]:
    """Role-file entries found in tokens a..b (longest first): (last token, kind, value,
    words, plural, first token, after 'former')."""
    out: list[tuple[int, str, str, str, bool, int, bool]] = []
    i = a
    # a possessive names the body it belongs to: "the campaign's press secretary"
    lower = toks.lower
    joined = " ".join(lower)
    if "'s" in joined:  # (most phrases have none: no copy then)
        lower = [w[:-2] if len(w) > 3 and w.endswith("'s") else w for w in lower]
    if "-" in joined:  # "ex-minister", "co-organiser": the role after a prefix
        lower = [_unprefixed(w, roles.firsts) for w in lower]
    starts, plurals, lens, memo, regrouped = _hit_index(roles)
    if starts.isdisjoint(lower):
        return out  # no word starts a role phrase (most phrases): nothing to look up
    firsts = roles.firsts
    phrases = roles.phrases
    while i <= b:
        found = False
        w = lower[i]
        if w not in firsts and not (len(w) > 3 and w in plurals):
            i += 1
            continue
        room = b - i + 1
        # the lengths of the phrases the word itself starts, longest first, and 1
        for k in lens.get(w, (1,)):
            if k > room:
                continue
            key = tuple(lower[i:i + k])
            plural = False
            entries = phrases.get(key)
            if entries is not None and key in regrouped:
                entries, plural = regrouped[key], True  # "experts": the role "expert"'s group
            if entries is None:
                entries = memo.get(key, _UNSEEN)
                if entries is _UNSEEN:
                    if len(memo) >= _MEMO_SIZE:
                        memo.clear()  # (a bound on the memo: the words of many texts)
                    entries = memo[key] = _plural_entries(phrases, key)
                plural = bool(entries)
            if not entries:
                continue
            word = toks.words[i]
            capital = word[:1].isupper() or (  # "ex-MP": the role after the prefix
                "-" in word and lower[i] != toks.lower[i] and word.partition("-")[2][:1].isupper())
            words = " ".join(toks.words[i:i + k])
            for kind, value, cap in entries:
                if cap and not capital:
                    continue
                out.append((i + k - 1, kind, value, words, plural, i,
                            _after_former(out, lower, i) or toks.lower[i].startswith(_EX)))
                found = True
            if found:
                i += k
                break
        if not found:
            i += 1
    return out


#: Prefixes joined by a hyphen to a role noun that leave its type ("ex-minister",
#: "co-organiser", "vice-chair"); those of _EX also make the role a former one.
_PREFIXES = frozenset(("ex", "co", "vice", "former"))
_EX = ("ex-", "former-")


def _unprefixed(word: str, firsts: frozenset[str]) -> str:
    """The word after a role prefix and a hyphen ("ex-minister" -> "minister"), unless the
    role file lists the whole word ("co-founder"); any other word unchanged."""
    head, sep, rest = word.partition("-")
    return rest if sep and rest and head in _PREFIXES and word not in firsts else word


def _untyped_group(entries: tuple[tuple[str, str, bool], ...]) -> bool:
    """True when role-file entries are only `groups` words (no type of their own)."""
    return all(kind == "group" for kind, _, _ in entries)


_FORMER = frozenset("former ex retired onetime one-time erstwhile then-".split())


def _after_former(found: list[tuple[int, str, str, str, bool, int, bool]], lower: list[str],
                  i: int) -> bool:
    """True when token i follows "former" / "retired", directly or through a chain of titles
    ("Retired Lt. Gen. Michael Flynn": the general is retired too)."""
    j = i - 1
    while j >= 0 and lower[j] == ".":
        j -= 1
    if j < 0:
        return False
    if lower[j] in _FORMER:
        return True
    prev = found[-1] if found else None
    return prev is not None and prev[0] == j and prev[1] == "role" and prev[6]


def _name_words(toks: Tokens | Words, hit_tokens: set[int], honorifics: dict[str, str]
                ) -> list[bool]:
    """For each token: True for a capitalised word that is neither role knowledge (a hit
    token, given by its index, or an honorific) nor a function word."""
    excluded = _not_names(honorifics)
    # (low.rstrip(".") differs from low only for a word ending in a full stop; a token is
    # never empty)
    named = [w[0].isupper() and w[0].isalnum() and low not in excluded
             and (low[-1] != "." or low.rstrip(".") not in honorifics)
             for w, low in zip(toks.words, toks.lower)]
    for t in hit_tokens:
        named[t] = False
    return named


@per_object
def _not_names(honorifics: dict[str, str]) -> frozenset[str]:
    """The case-folded words without a final full stop that are no name word: determiners,
    stop words and honorifics (one set to test a word against)."""
    return frozenset(_DETS | STOP | {h for h in honorifics if not h.endswith(".")})


@lru_cache(maxsize=8192)
def _read(text: str, start: int, end: int) -> _Reading:
    """Read the phrase text[start:end]: role hits, the name at its head, what it names."""
    return _read_phrase(text[start:end])


_PRONOUN_WORDS = frozenset(_PERSON_PRONOUNS) | _GROUP_PRONOUNS
_NO_TOKENS: frozenset[int] = frozenset()


@lru_cache(maxsize=16384)
def _read_phrase(phrase: str) -> _Reading:
    """_read of a phrase on its own (a reading depends on the phrase's words only, so a
    phrase repeated in an article, or across articles, is read once)."""
    place = _PLACE_AFTER.match(phrase) if " in " in phrase else None
    if place and (place.group(2).islower() or (place.group(2)[:1].isupper()
                                              and place.group(2).endswith("s"))):
        # "officials in Washington", "police in Greater Manchester": a place or body after
        # "in" says where the people are, not who: name, kind and gender come from the words
        # before it; its role words still type them ("officials in the GOP": politician)
        full = _read_whole(phrase)
        head = _read_phrase(place.group(1))
        return _Reading(full.hits, head.name, head.head_kind, head.unnamed, head.possessor)
    return _read_whole(phrase)


def _postmodifier_start(phrase: str, lower: list[str]) -> int | None:
    """The offset at which a source post-modifier (speaker_postmodifiers.yaml) begins in a
    phrase, after a word and before something ("people | familiar with the matter"), or
    None; `lower` is the phrase's case-folded tokens (`Words(phrase).lower`)."""
    if len(lower) < 4 or load_postmodifiers().firsts.isdisjoint(lower):
        return None  # (most phrases) no word that opens a post-modifier
    toks = Tokens(phrase)  # (the same tokens, with their offsets)
    for a in range(1, len(toks)):
        n = postmodifier_at(toks.lower, a)
        if n and toks.is_word(a - 1) and a + n < len(toks):
            return toks.spans[a][0]
    return None


#: A phrase ending in "in" and a capitalised place or body ("officials in the Midwest"):
#: group 1 the words before "in", group 2 the last of them.
_PLACE_AFTER = re.compile(r"^(.*?(\S+))\s+in\s+(?:the\s+)?[A-Z][\w.'\u2019&-]*"
                          r"(?:\s+(?:[A-Z][\w.'\u2019&-]*|of|the|and|&))*\s*$")


def _read_whole(phrase: str) -> _Reading:
    """The reading of all of a phrase's words (_read_phrase reads a place after "in" apart)."""
    roles = load_roles()
    toks = Words(phrase)
    tw, lower = toks.words, toks.lower
    n = len(tw)
    words = [t for t, w in enumerate(tw) if w[0].isalnum()]
    if not words:
        return _Reading([], [], "", False, "")
    if len(words) == 1 and lower[words[0]] in _PRONOUN_WORDS:
        return _Reading([], [], "pronoun", False, "")
    cut = _postmodifier_start(phrase, lower)
    if cut is not None:
        # "people familiar with the matter", "a source close to the minister": what follows
        # the post-modifier says what the source knows or is near to, not who it is
        return _read_phrase(phrase[:cut].rstrip())
    # a possessive splits the phrase: "NBC's Chuck Todd" -> possessor NBC, head Chuck Todd
    possessor, first = "", 0
    # (an apostrophe in a case-folded word is one of the phrase's, straight or curly)
    for t in words[:-1] if "'" in phrase or "\u2019" in phrase else ():
        if lower[t].endswith("'s") or (lower[t].endswith("s'") and tw[t][:1].isupper()):
            possessor = " ".join(tw[first:t]
                                 + [tw[t][:-2] if lower[t].endswith("'s") else tw[t][:-1]]).strip()
            first = t + 1
    hits = _hits(toks, 0, n - 1, roles)
    honorifics = roles.honorifics
    if hits:
        after_title = {t + 1 + (t + 1 < n and tw[t + 1] == ".") for t in words
                       if lower[t] in honorifics and tw[t][:1].isupper()}
        if after_title:
            hits = [h for h in hits if h[5] not in after_title]  # "Mr. King" names Mr King
    named = _name_words(toks, _NO_TOKENS, honorifics)
    for h in hits:  # (the hit tokens cleared here: no set of them built)
        named[h[5]:h[0] + 1] = [False] * (h[0] + 1 - h[5])
    # the name: the last run of name words in the head part, before "of Maryland"
    name: list[str] = []
    t = n - 1
    for c in words if not _OF_WORDS.isdisjoint(lower) else ():
        if c > first and lower[c] in _OF_WORDS and named[c - 1]:
            t = c - 1
            break
    while t >= first and not named[t]:
        if tw[t][0].isalnum():
            break
        t -= 1
    while t >= first and (named[t] or (tw[t] == "." and t > first)
                          or lower[t] in ("van", "der", "de", "von", "al")):
        if tw[t][0].isalnum():
            name.insert(0, tw[t])
        t -= 1
    while len(name) > 1 and name[-1].rstrip(".").casefold() in _SUFFIXES:
        name.pop()  # "Joseph R. Biden Jr."
    last_word = words[-1]
    head = None  # the hit at the last word that _HEAD_ORDER puts first (the earliest of a tie)
    if last_word >= first:
        for h in hits:
            if h[0] == last_word and (head is None or _HEAD_ORDER[h[1]] < _HEAD_ORDER[head[1]]):
                head = h
    unnamed = lower[words[0]] in _UNNAMED_FIRST or (bool(hits) and any(
        h[1] == "unnamed" and " " in h[3] for h in hits))
    if name and not head:
        kind = "organisation" if (len(name) == 1 and name[0].isupper() and len(name[0]) > 1) \
            else "person"
        if hits and any(h[1] == "organisation" and h[0] == last_word for h in hits):
            kind = "organisation"
    elif head is not None:
        kind = _HEAD_KINDS.get(head[1], "group" if head[4] else "person")
        if head[4] and head[1] != "document":
            # a plural head: "officials", "Jewish groups", "Senate Democrats" ("emails",
            # "studies" stay documents: no people)
            kind = "group"
            begin = _title_name_start(tw, lower, first, last_word)
            if begin is not None:  # "Alliance to Reclaim Our Schools": a body's name
                kind = "organisation"
                name = [tw[t] for t in range(begin, last_word + 1) if tw[t][0].isalnum()]
        if kind == "organisation" and not name and (tw[last_word][:1].isupper()
                                                    or any(named[first:last_word])):
            name = [tw[t] for t in range(first, last_word + 1) if tw[t][0].isalnum()
                    and lower[t] not in _DETS]
    else:
        kind = ""
    if kind == "person" and lower[words[-1]].endswith("s") and not name and not head:
        kind = "group"
    return _Reading(hits, name, kind, unnamed, possessor)


#: Lower-case words that link the capitalised words of a title-case body name ("Alliance to
#: Reclaim Our Schools", "United Federation of Teachers", "Physicians for Social ...").
_NAME_LINKS = frozenset("of for to against without on".split())
#: Articles, which open a name's phrase but are no part of the name ("The" of "The
#: National Federation of ..."; "Our" of "Alliance to Reclaim Our Schools" is).
_ARTICLES = frozenset(("the", "a", "an"))


def _title_name_start(tw: list[str], lower: list[str], first: int, last: int) -> int | None:
    """The first token of a title-case name that ends at token `last` and has a lower-case
    linking word inside ("Alliance to Reclaim Our Schools"), or None: a capitalised plural
    head is then the end of a body's name, not a group ("Senate Democrats" has no link)."""
    if not tw[last][:1].isupper():
        return None
    t, linked = last, False
    while (t > first and tw[t - 1][:1].isupper() and lower[t - 1] not in _ARTICLES) or (
            t > first + 1 and lower[t - 1] in _NAME_LINKS and tw[t - 1].islower()
            and tw[t - 2][:1].isupper() and lower[t - 2] not in _ARTICLES):
        linked = linked or tw[t - 1].islower()
        t -= 1
    return t if linked else None


#: The kind of thing a head of these kinds names (any other head names a person or a group).
_HEAD_KINDS = {"organisation": "organisation", "document": "document", "group": "group"}


#: The words before a place or body after a name ("Gov. Larry Hogan of Maryland").
_OF_WORDS = frozenset(("of", "from", "at"))


#: Which reading of a head word wins ("Post": the newspaper before a post).
_HEAD_ORDER = {"organisation": 0, "role": 1, "transparent": 2, "party": 3, "female": 4,
               "male": 4, "group": 5, "document": 6, "unnamed": 7}


_UNNAMED_FIRST = frozenset(
    "a an one some several two three four five six many most few another other others various "
    "numerous multiple certain unnamed anonymous unidentified".split())


def _type_of(reading: _Reading, defaults: bool = True) -> tuple[str, str, str] | None:
    """(type, rule, words) that a reading's role words give, or None; a speaks-for role
    with no body named takes its default type only when `defaults`."""
    hits = reading.hits
    if not hits:
        return None  # (most readings: no role word, nothing below applies)
    # a capitalised plural role right after "<Body> of" is part of the body's name ("United
    # Federation of Teachers", "Fraternal Order of Police"): it names the members
    named_body = [h for h in hits if h[1] == "organisation" and h[3][:1].isupper()]
    all_roles = [h for h in hits if h[1] == "role" and not (
        h[4] and h[3][:1].isupper() and any(o[0] == h[5] - 2 for o in named_body))]
    roles = [h for h in all_roles if not h[6]] or all_roles
    party = next((h for h in hits if h[1] == "party"), None)
    if roles:
        h = roles[-1]
        if h[2] == "executive" and party:
            return "politician", "party_over_executive", f"{party[3]} {h[3]}"
        if h[2] == "expert" and not h[6]:
            # a professional of a named body speaks for it (codebook: "a Human Rights Watch
            # researcher" is advocacy): "IMF chief economist", "a Goldman Sachs analyst"
            body = next((o for o in reversed(named_body) if h[5] - 3 <= o[0] < h[5]
                         and o[2] != "expert"), None)
            if body is not None:
                return body[2], "body_role", f"{body[3]} {h[3]}"
        return h[2], "former_role" if h[6] else "role", h[3]
    orgs = [h for h in hits if h[1] == "organisation"]
    transparent = next((h for h in reversed(hits) if h[1] == "transparent"), None)
    if orgs:
        h = orgs[-1]
        if transparent is not None:  # the body nearest the role: "director of X in Germany"
            h = min(reversed(orgs), key=lambda o: min(abs(o[5] - transparent[0]),
                                                     abs(o[0] - transparent[5])))
        h = _branch_of(orgs, h)
        if transparent is None and h[3].endswith(("'s", "\u2019s")):  # "NBC's Chuck Todd"
            return h[2], "affiliation", h[3][:-2]
        return h[2], "organisation" if transparent is None else "speaks_for", h[3]
    if party:
        return "politician", "party", party[3]
    if transparent is not None:
        default = load_roles().defaults.get(transparent[3].casefold()) if defaults else None
        return (default, "role_default", transparent[3]) if default else None
    if any(h[1] == "document" for h in hits) and reading.head_kind == "document":
        return "other", "document", next(h[3] for h in hits if h[1] == "document")
    return None


@lru_cache(maxsize=4096)
def _role_of_body(phrase: str) -> bool:
    """True for a phrase read as a body whose head is one person's role set before "of",
    "for" or "at" and the body ("a spokeswoman for Greenpeace", "the foreign minister of
    France"): the speaker is that person, whom a gendered role noun genders."""
    reading = _read_phrase(phrase)
    if reading.head_kind != "organisation":
        return False
    lower = Words(phrase).lower
    return any(h[1] in ("role", "transparent") and not h[4] and h[0] + 1 < len(lower)
               and lower[h[0] + 1] in ("of", "for", "at") for h in reading.hits)


def _branch_of(orgs: list[tuple[int, str, str, str, bool, int, bool]],
               h: tuple[int, str, str, str, bool, int, bool]
               ) -> tuple[int, str, str, str, bool, int, bool]:
    """The body that a state's or seat's capitalised name right after it qualifies
    ("Greenpeace France", "Google UK", "Amnesty International UK": a national branch of the
    body one or two words before it), else the organisation hit h itself."""
    if h[2] != "executive" or h[5] != h[0] or not _capitalised_entry(h[3]):
        return h
    prev = next((o for o in reversed(orgs) if h[5] - 3 < o[0] < h[5]), None)
    if prev is None or prev[2] in ("executive", "politician") or not prev[3][:1].isupper():
        return h  # ("Labour Cabinet": the government, not a branch of the party)
    return prev


def _capitalised_entry(word: str) -> bool:
    """True when the role file lists the word as an organisation written with a capital only
    (a state or seat, "France", "Treasury"; not "government")."""
    entries = load_roles().phrases.get((word.casefold(),), ())
    return any(kind == "organisation" and cap for kind, _, cap in entries)


def _transparent(reading: _Reading) -> tuple[str, str] | None:
    """(role words, default type or '') of a speaks-for role at the head of a reading."""
    for h in reversed(reading.hits):
        if h[1] == "transparent":
            return h[3], load_roles().defaults.get(h[3].casefold(), "")
    return None


@lru_cache(maxsize=8)
def _folded_text(text: str) -> str | None:
    """The text case-folded with straight apostrophes when that keeps every offset (no
    character folds to two), so that a slice of it is the folded slice of the text; else None."""
    folded = text.casefold().replace("\u2019", "'")
    return folded if len(folded) == len(text) else None
