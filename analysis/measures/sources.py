"""Who the sources are: type, named or anonymous, and gender of each statement's speaker.

Follows the codebook ``../shared/codebooks/sources.md``.  Everything is read from the text of
the article (the speaker phrase, its apposition, earlier mentions of the same person), from
the general role knowledge in ``data/source_roles.yaml`` and the first-name table
``data/first_names.csv`` (from nomquamgender, MIT), and from a study's codebook when it has
the actor (a mapping group -> source type).  Every decision carries its evidence.
"""
from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Mapping

from ..quotes.attribution import ABBREVIATIONS, STOP, skip_forward, verb_words
from ..text.sentences import sentence_spans
from ..text.tokens import Tokens
from ..knowledge.datafiles import packaged, read_yaml
from ..errors import DataFileError

SOURCE_TYPES = ("executive", "politician", "police_military", "legal", "advocacy", "expert",
                "business", "public", "media", "other", "unknown")
#: Types counted as official voices (indexing, after Bennett 1990).
OFFICIAL = frozenset({"executive", "politician", "police_military"})
#: Keys of :func:`source_fields`.
FIELD_KEYS = ("source_type", "named", "gender", "source_evidence")
_KINDS = ("role", "organisation", "party", "transparent", "document", "group", "unnamed",
          "female", "male")
_HONORIFIC_RE = re.compile(r"\((?:[RDI])-[A-Z][\w.]*\)")  # US style "(R-Texas)", "(D-Calif.)"
_CAPRUN = re.compile(r"[A-Z][\w'\u2019.&-]*(?:[ \t]+(?:(?:van|der|de|von|al|of|for|the)[ \t]+)?"
                     r"[A-Z][\w'\u2019.&-]*)*")
_PERSON_PRONOUNS = {"he": "male", "him": "male", "she": "female", "her": "female"}
_GROUP_PRONOUNS = frozenset({"they", "we", "it", "them", "us"})
_DETS = frozenset("the a an this that these those his her their its our my your".split())
_NAME_LIMIT = 700  # how far back (characters) a pronoun looks for its antecedent
#: Type a full name that no mention in the article gives a role as `public` (news style
#: names officials with their title). Off: prominent people are often never titled.
NAMED_DEFAULT_PUBLIC = False


# ---- data files ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Roles:
    """The role knowledge of source_roles.yaml, indexed for phrase look-up."""

    phrases: dict[tuple[str, ...], tuple[tuple[str, str, bool], ...]]  # words -> (kind, value, cap)
    longest: int
    defaults: dict[str, str] = field(default_factory=dict)
    honorifics: dict[str, str] = field(default_factory=dict)
    firsts: frozenset[str] = frozenset()  # first words of the phrases
    abbreviations: dict[str, str] = field(default_factory=dict)  # "sen" -> "senator"
    marks: dict[str, str] = field(default_factory=dict)  # "running mate" -> "politician"


def _add(index: dict, entry: str, kind: str, value: str) -> None:
    """Index one entry (word or phrase) under its case-folded words."""
    words = tuple(Tokens(entry).lower)
    if words:
        cap = any(ch.isupper() for ch in entry)
        index.setdefault(words, []).append((kind, value, cap))


@lru_cache(maxsize=4)
def load_roles(path: str | None = None) -> Roles:
    """Read source_roles.yaml (see its schema); DataFileError naming the file on bad content."""
    path = path or packaged("source_roles.yaml")
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise DataFileError(path, "expected a mapping")
    index: dict[tuple[str, ...], list[tuple[str, str, bool]]] = {}
    for section, kind in (("roles", "role"), ("organisations", "organisation")):
        table = data.get(section)
        if not isinstance(table, dict):
            raise DataFileError(path, f"{section!r} must map source types to lists", field=section)
        for typ, entries in table.items():
            if typ not in SOURCE_TYPES:
                raise DataFileError(path, f"{typ!r} is not a source type", field=section)
            if not isinstance(entries, list):
                raise DataFileError(path, f"{section}.{typ} must be a list", field=section)
            for e in entries:
                _add(index, str(e), kind, typ)
    for section in ("parties", "transparent", "documents", "groups", "unnamed"):
        entries = data.get(section, [])
        if not isinstance(entries, list):
            raise DataFileError(path, f"{section!r} must be a list", field=section)
        kind = {"parties": "party", "transparent": "transparent", "documents": "document",
                "groups": "group", "unnamed": "unnamed"}[section]
        for e in entries:
            _add(index, str(e), kind, "politician" if kind == "party" else "")
    for section in ("gendered", "honorifics"):
        table = data.get(section, {})
        if not isinstance(table, dict) or set(table) - {"female", "male"}:
            raise DataFileError(path, f"{section!r} must map female/male to lists", field=section)
    for gender, entries in data["gendered"].items():
        for e in entries:
            _add(index, str(e), gender, gender)
    defaults = {str(k).casefold(): str(v) for k, v in (data.get("transparent_default") or {}).items()}
    for v in defaults.values():
        if v not in SOURCE_TYPES:
            raise DataFileError(path, f"{v!r} is not a source type", field="transparent_default")
    honorifics = {str(w).casefold(): g for g, ws in data["honorifics"].items() for w in ws}
    abbreviations = data.get("abbreviations") or {}
    if not isinstance(abbreviations, dict):
        raise DataFileError(path, "'abbreviations' must map titles to role nouns",
                            field="abbreviations")
    marks = data.get("marks") or {}
    if not isinstance(marks, dict) or not all(isinstance(v, list) for v in marks.values()):
        raise DataFileError(path, "'marks' must map source types to lists", field="marks")
    for typ in marks:
        if typ not in SOURCE_TYPES:
            raise DataFileError(path, f"{typ!r} is not a source type", field="marks")
    return Roles({k: tuple(v) for k, v in index.items()}, max(len(k) for k in index), defaults,
                 honorifics, frozenset(k[0] for k in index),
                 {str(k).casefold(): str(v).casefold() for k, v in abbreviations.items()},
                 {" ".join(str(w).casefold().split()): typ for typ, ws in marks.items() for w in ws})


@lru_cache(maxsize=4)
def load_first_names(path: str | None = None) -> dict[str, float]:
    """Read first_names.csv into {name: p_female}; DataFileError naming the file on bad rows."""
    path = path or packaged("first_names.csv")
    out: dict[str, float] = {}
    try:
        with open(path, encoding="utf-8") as fh:
            header = None
            for n, line in enumerate(fh, 1):
                if line.startswith("#") or not line.strip():
                    continue
                if header is None:
                    header = line.strip()
                    if header != "name,p_female,counts":
                        raise DataFileError(path, "header must be name,p_female,counts", line=n)
                    continue
                parts = line.rstrip("\n").split(",")
                try:
                    out[parts[0]] = float(parts[1])
                except (IndexError, ValueError):
                    raise DataFileError(path, "expected name,p_female,counts", line=n) from None
    except OSError as e:
        raise DataFileError(path, f"cannot read: {e.strerror or e}") from None
    return out


# ---- reading a phrase ---------------------------------------------------------------------
@dataclass
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


def _hits(toks: Tokens, a: int, b: int, roles: Roles
          ) -> list[tuple[int, str, str, str, bool, int, bool]]:
    """Role-file entries found in tokens a..b (longest first): (last token, kind, value,
    words, plural, first token, after 'former')."""
    out = []
    i = a
    # a possessive names the body it belongs to: "the campaign's press secretary"
    lower = [w[:-2] if len(w) > 3 and w.endswith("'s") else w for w in toks.lower]
    firsts = roles.firsts
    while i <= b:
        found = False
        w = lower[i]
        if w not in firsts and not (len(w) > 3 and w[-1] == "s"
                                    and any(x in firsts for x in _singular(w))):
            i += 1
            continue
        for k in range(min(roles.longest, b - i + 1), 0, -1):
            key = tuple(lower[i:i + k])
            plural = False
            entries = roles.phrases.get(key)
            if entries is None:
                last = key[-1]
                for sing in _singular(last) if len(last) > 3 else ():
                    entries = roles.phrases.get(key[:-1] + (sing,))
                    if entries:
                        plural = True
                        break
            if not entries:
                continue
            capital = toks.words[i][:1].isupper()
            words = " ".join(toks.words[i:i + k])
            for kind, value, cap in entries:
                if cap and not capital:
                    continue
                out.append((i + k - 1, kind, value, words, plural, i,
                            i > 0 and lower[i - 1] in _FORMER))
                found = True
            if found:
                i += k
                break
        if not found:
            i += 1
    return out


_FORMER = frozenset("former ex retired onetime one-time erstwhile then-".split())


def _is_name_word(toks: Tokens, t: int, hit_tokens: set[int]) -> bool:
    """True for a capitalised token that is neither role knowledge nor a function word."""
    w = toks.words[t]
    return (toks.is_word(t) and w[:1].isupper() and t not in hit_tokens
            and toks.lower[t] not in _DETS and toks.lower[t] not in STOP
            and toks.lower[t].rstrip(".") not in load_roles().honorifics)


@lru_cache(maxsize=8192)
def _read(text: str, start: int, end: int) -> _Reading:
    """Read the phrase text[start:end]: role hits, the name at its head, what it names."""
    roles = load_roles()
    toks = Tokens(text, start, end)
    n = len(toks)
    words = [t for t in range(n) if toks.is_word(t)]
    if not words:
        return _Reading([], [], "", False, "")
    lower = toks.lower
    if len(words) == 1 and lower[words[0]] in _PERSON_PRONOUNS | dict.fromkeys(_GROUP_PRONOUNS):
        return _Reading([], [], "pronoun", False, "")
    # a possessive splits the phrase: "NBC's Chuck Todd" -> possessor NBC, head Chuck Todd
    possessor, first = "", 0
    for t in words[:-1]:
        if lower[t].endswith("'s") or (lower[t].endswith("s'") and toks.words[t][:1].isupper()):
            possessor = " ".join(toks.words[first:t]
                                 + [toks.words[t][:-2] if lower[t].endswith("'s")
                                    else toks.words[t][:-1]]).strip()
            first = t + 1
    hits = _hits(toks, 0, n - 1, roles)
    after_title = {t + 1 + (t + 1 < n and toks.words[t + 1] == ".") for t in words
                   if lower[t] in roles.honorifics and toks.words[t][:1].isupper()}
    hits = [h for h in hits if h[5] not in after_title]  # "Mr. King" names Mr King
    hit_tokens = set()
    for h in hits:
        hit_tokens.update(range(h[5], h[0] + 1))
    # the name: the last run of name words in the head part, before "of Maryland"
    name: list[str] = []
    t = n - 1
    for c in words:
        if c > first and lower[c] in ("of", "from", "at") and _is_name_word(toks, c - 1, hit_tokens):
            t = c - 1
            break
    while t >= first and not _is_name_word(toks, t, hit_tokens):
        if toks.is_word(t):
            break
        t -= 1
    while t >= first and (_is_name_word(toks, t, hit_tokens) or (
            toks.words[t] == "." and t > first) or lower[t] in ("van", "der", "de", "von", "al")):
        if toks.is_word(t):
            name.insert(0, toks.words[t])
        t -= 1
    while len(name) > 1 and name[-1].rstrip(".").casefold() in _SUFFIXES:
        name.pop()  # "Joseph R. Biden Jr."
    head_hits = [h for h in hits if h[0] >= first]
    last_word = words[-1]
    head = min((h for h in head_hits if h[0] == last_word), key=lambda h: _HEAD_ORDER[h[1]],
               default=None)
    unnamed = lower[words[0]] in _UNNAMED_FIRST or any(h[1] == "unnamed" and " " in h[3]
                                                        for h in hits)
    if name and not head:
        kind = "organisation" if (len(name) == 1 and name[0].isupper() and len(name[0]) > 1) \
            else "person"
        if any(h[1] == "organisation" and h[0] == last_word for h in hits):
            kind = "organisation"
    elif head is not None:
        kind = {"organisation": "organisation", "document": "document", "group": "group"}.get(
            head[1], "group" if head[4] else "person")
        if head[4]:  # a plural head: "officials", "Jewish groups", "Senate Democrats"
            kind = "group"
        if kind == "organisation" and (toks.words[last_word][:1].isupper() or any(
                _is_name_word(toks, t, hit_tokens) for t in range(first, last_word))):
            name = [toks.words[t] for t in range(first, last_word + 1) if toks.is_word(t)
                    and toks.lower[t] not in _DETS]
    else:
        kind = ""
    if kind == "person" and lower[words[-1]].endswith("s") and not name and not head:
        kind = "group"
    return _Reading(hits, name, kind, unnamed, possessor)


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
    roles = [h for h in hits if h[1] == "role" and not h[6]] or [
        h for h in hits if h[1] == "role"]
    party = next((h for h in hits if h[1] == "party"), None)
    if roles:
        h = roles[-1]
        if h[2] == "executive" and party:
            return "politician", "party_over_executive", f"{party[3]} {h[3]}"
        return h[2], "former_role" if h[6] else "role", h[3]
    orgs = [h for h in hits if h[1] == "organisation"]
    transparent = next((h for h in reversed(hits) if h[1] == "transparent"), None)
    if orgs:
        h = orgs[-1]
        if transparent is not None:  # the body nearest the role: "director of X in Germany"
            h = min(reversed(orgs), key=lambda o: min(abs(o[5] - transparent[0]),
                                                     abs(o[0] - transparent[5])))
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


def _transparent(reading: _Reading) -> tuple[str, str] | None:
    """(role words, default type or '') of a speaks-for role at the head of a reading."""
    for h in reversed(reading.hits):
        if h[1] == "transparent":
            return h[3], load_roles().defaults.get(h[3].casefold(), "")
    return None


# ---- the article index --------------------------------------------------------------------
@dataclass
class _Index:
    """Capitalised runs of one article and the sentence starts, for earlier mentions."""

    text: str
    runs: list[tuple[int, int]]
    starts: list[int]  # run start offsets (sorted)
    by_last: dict[str, list[int]]  # last word (case-folded) -> indexes into runs


#: ", 25," after a name: news style gives the ages of ordinary people, not of officials.
_AGE = re.compile(r",[ \t]+\d{1,3},")
_OF_PLACE = re.compile(r"[ \t]+(?:of|for)[ \t]+")
_SUFFIXES = frozenset("jr sr ii iii iv".split())


@lru_cache(maxsize=8)
def _index(text: str) -> _Index:
    """Index the capitalised runs (possible names) of an article text."""
    runs = []
    for m in _CAPRUN.finditer(text):
        s = m.start()
        if "." not in m.group():
            runs.append(m.span())
            continue
        for w in re.finditer(r"\S+", m.group()):  # a full stop after a long word ends the run
            word = w.group()
            if word.endswith(".") and not _abbreviation(word):
                runs.append((s, m.start() + w.end()))
                s = m.start() + w.end() + 1
        if s < m.end():
            while text[s].isspace():
                s += 1
            runs.append((s, m.end()))
    # a title-case headline is no name: keep its last two words only
    for k, (s, e) in enumerate(runs):
        words = text[s:e].split()
        if len(words) > 5 and sum(w[:1].isupper() for w in words) > 5:
            runs[k] = (e - len(" ".join(words[-2:])), e)
    # "Senator Lamar Alexander of Tennessee" also names Lamar Alexander
    split = []
    for s, e in runs:
        split.append((s, e))
        m = _OF_PLACE.search(text, s, e)
        if m and m.start() > s:
            split.append((s, m.start()))
    runs = split
    by_last: dict[str, list[int]] = {}
    for i, (s, e) in enumerate(runs):
        words = text[s:e].split()
        while len(words) > 1 and words[-1].rstrip(".,").casefold() in _SUFFIXES:
            words.pop()
        by_last.setdefault(_surname_key(words[-1]), []).append(i)
    return _Index(text, runs, [s for s, _ in runs], by_last)


@lru_cache(maxsize=8)
def _sentences(text: str) -> list[int]:
    """Sentence start offsets of a text (every line starts one), by the shared splitter."""
    starts: list[int] = []
    pos = 0
    for line in text.split("\n"):
        starts += [pos + a for a, _ in sentence_spans(line)] or [pos]
        pos += len(line) + 1
    return starts


def _abbreviation(word: str) -> bool:
    """True for 'Sen.', 'U.S.', 'J.' (a full stop that does not end a sentence)."""
    w = word[:-1]
    return (w.casefold() in ABBREVIATIONS or len(w) == 1 or "." in w
            or w.casefold() in load_roles().honorifics)


@lru_cache(maxsize=4096)
def _description(text: str, s: int, e: int) -> tuple[int, int]:
    """The span of a mention with its pre-modifiers ('Republican presidential nominee X')."""
    lo = max(0, s - 90)
    nl = text.rfind("\n", lo, s)
    toks = Tokens(text, lo if nl < 0 else nl + 1, s)
    verbs = verb_words()
    a = s
    for t in range(len(toks) - 1, max(-1, len(toks) - 8), -1):
        w, low = toks.words[t], toks.lower[t]
        if w == "." and not (t > 0 and (toks.lower[t - 1] in ABBREVIATIONS
                                        or len(toks.words[t - 1]) == 1)):
            break
        if not toks.is_word(t) and w not in (".", "-"):
            break
        if low in verbs or (low in STOP and low not in ("of", "for", "at")):
            break
        a = toks.spans[t][0]
    return a, e


@lru_cache(maxsize=4096)
def _apposition(text: str, e: int) -> tuple[int, int] | None:
    """The span of an apposition right after a mention (', a nurse from Leeds,'), or None."""
    m = re.match(r"\s*(?:\((?:[^()\n]{1,40})\)\s*)?,\s*", text[e:e + 4 + 44])
    if not m:
        return None
    s = e + m.end()
    age = re.match(r"\d{1,3},\s*", text[s:s + 6])  # "Mr Patel, 54, a shopkeeper"
    if age:
        s += age.end()
    toks = Tokens(text, s, min(len(text), s + 160))
    if not len(toks) or toks.lower[0] in ("who", "which", "that", "said", "says", "and", "but"):
        return None
    if toks.lower[0] in verb_words() or _participle(toks.words[0]):
        return None  # ", appearing after X at the forum," is a clause, not an apposition
    for t in range(len(toks)):
        if t and toks.lower[t] == "and" and t + 1 < len(toks) and toks.lower[t + 1] in _DETS:
            return s, toks.spans[t - 1][1]  # ", an adviser to X and a professor": the first
        if toks.words[t] in (",", ";", ".", ":", "\u2014", "(", ")") or toks.words[t] in '"\u201c\u201d' \
                or toks.lower[t] in verb_words() or toks.lower[t] in ("who", "which", "that"):
            if t == 0:
                return None
            return s, toks.spans[t - 1][1]
        if t >= 14:
            return s, toks.spans[t][1]
    return s, toks.spans[-1][1]


#: Words in -ing that are modifiers of a role ("acting director"), not clauses.
_ING_MODIFIERS = frozenset("acting outgoing leading ruling governing founding presiding sitting "
                           "visiting serving reigning managing ranking incoming".split())


def _participle(word: str) -> bool:
    """True for a lower-case -ing or -ed word that opens a clause ('appearing', 'asked')."""
    return (word[:1].islower() and len(word) > 5 and word.endswith(("ing", "ed"))
            and word.casefold() not in _ING_MODIFIERS)


def _title_line(text: str, pos: int) -> bool:
    """True when the line around pos is a title-case headline (six or more words, nearly all
    capitalised): its capitals say nothing about who anyone is."""
    return _title_line_at(text, text.rfind("\n", 0, pos) + 1)


@lru_cache(maxsize=1024)
def _title_line_at(text: str, a: int) -> bool:
    """_title_line for the line that starts at offset a."""
    b = text.find("\n", a)
    line = text[a:b if b >= 0 else len(text)]
    if len(line) > 300:
        return False  # a paragraph, not a headline
    words = [w for w in line.split() if w[:1].isalpha()]
    return len(words) >= 6 and sum(w[:1].isupper() for w in words) >= 0.8 * len(words)


def _surname_key(word: str) -> str:
    """The index key of a surname: case-folded, straight apostrophe, no possessive 's."""
    key = word.rstrip(".,").replace("\u2019", "'").casefold()
    return key[:-2] if key.endswith("'s") else key


def _earlier(text: str, surname: str, before: int, later: bool = False) -> list[tuple[int, int]]:
    """Capitalised runs ending in surname before offset `before`, in text order (with
    `later`, those after it instead)."""
    idx = _index(text)
    out = []
    for i in idx.by_last.get(_surname_key(surname), ()):
        s, e = idx.runs[i]
        if (s >= before) != later:
            continue
        out.append((s, e))
    return out


# ---- gender -------------------------------------------------------------------------------
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


# ---- one statement ------------------------------------------------------------------------
def _get(statement: Any, key: str) -> Any:
    """A field of a Statement or of a statement record (dict)."""
    if isinstance(statement, dict) or isinstance(statement, Mapping):
        return statement.get(key)
    return getattr(statement, key, None)


def _article_text(article: Any) -> str:
    """The text of an Article, or the string itself."""
    return article if isinstance(article, str) else getattr(article, "text", "") or ""


def _antecedent(text: str, pos: int, pronoun: str) -> tuple[int, int] | None:
    """The nearest earlier name a personal pronoun refers to: the first compatible person
    named in the last sentence before pos that names one (names inside quotes left out)."""
    idx = _index(text)
    lo = bisect.bisect_left(idx.starts, max(0, pos - _NAME_LIMIT))
    hi = bisect.bisect_left(idx.starts, pos)
    want = _PERSON_PRONOUNS.get(pronoun)
    sentences = _sentences(text)
    best: tuple[int, int] | None = None
    best_sentence = -1
    for i in range(hi - 1, lo - 1, -1):  # backwards: stop once past the sentence found
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


_NAME_BEFORE = re.compile(r"((?:(?:[A-Z]\.|[A-Z][\w'\u2019-]*)[ \t]+){1,3}[A-Z][\w'\u2019-]*),[ \t]+$")
def _inside_quote(text: str, pos: int) -> bool:
    """True when pos lies inside a quotation opened earlier on its line (or one carried
    over from the line before, as a multi-paragraph quote opens each paragraph)."""
    ls = text.rfind("\n", 0, pos) + 1
    seg = text[ls:pos]
    opens, closes = seg.count("\u201c"), seg.count("\u201d")
    if opens or closes:
        return opens > closes
    return seg.count('"') % 2 == 1 or seg.count("``") > seg.count("''")


_SKIP_FIRST = frozenset("the a an but and in on at when while however after before if this that "
                        "there as so yet".split())


@lru_cache(maxsize=4096)
def _person_like(text: str, s: int, e: int) -> tuple[bool, str | None] | None:
    """(True, gender or None) when text[s:e] looks like a person's name, else None."""
    reading = _read(text, s, e)
    if reading.head_kind not in ("person",) or not reading.name:
        if reading.head_kind == "person" and _text_gender(text, s, e):
            return True, _text_gender(text, s, e)[0]  # type: ignore[index]
        return None
    g = _text_gender(text, max(0, s - 5), e)
    if g:
        return True, g[0]
    full = _full_name(text, reading.name, e)
    if len(full) >= 2:
        ng = _name_gender(full[0])
        if ng or load_first_names().get(_ascii(full[0].casefold())) is not None:
            return True, ng[0] if ng else None
    if any(h[1] in ("role", "transparent") for h in reading.hits) or (
            _speaks_next(text, e) and not _PREP_BEFORE.search(text, max(0, s - 6), s)):
        return True, None  # "President Obama", "McLenney said"
    return None


_PREP_BEFORE = re.compile(r"\b(?:of|on|for|at|in|from|by|with|to)[ \t]+$")
_VERB_NEXT = re.compile(r"[ \t]+([a-z]+)")


def _speaks_next(text: str, e: int) -> bool:
    """True when a reporting verb follows text[:e] ('Obama said'): the name is a speaker."""
    m = _VERB_NEXT.match(text, e)
    return bool(m) and m.group(1) in verb_words()


def _modifier_use(text: str, s: int, e: int) -> bool:
    """True when the name text[s:e] modifies a noun after 'the' ('the Clinton campaign'):
    the phrase names the campaign, not the person."""
    if not text[max(0, s - 4):s].casefold().endswith("the "):
        return False
    m = _VERB_NEXT.match(text, e)
    return bool(m) and m.group(1) not in verb_words() and m.group(1) not in STOP


def _full_name(text: str, name: list[str], before: int) -> list[str]:
    """The fullest earlier form of a name (['Ted', 'Cruz'] for a later 'Cruz')."""
    if len(name) >= 2 or not name:
        return name
    best = name
    for s, e in _earlier(text, name[-1], before):
        r = _read(text, s, e)
        if len(r.name) >= 2 and _surname_key(r.name[-1]) == _surname_key(name[-1]):
            return r.name
    return best


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
    for i in range(hi - 1, max(-1, hi - 80), -1):
        s, e = idx.runs[i]
        if " " not in text[s:e] and text[s:e].casefold() in _NOT_A_NAME:
            continue
        window = text[max(0, s - 90):e].casefold().replace("\u2019", "'")
        if not any(f in window for f in forms):
            continue  # no word of the role near this name: it cannot be the one
        d0, _ = _description(text, s, e)
        r = _read(text, d0, e)
        if not r.name:
            continue
        for h in r.hits:
            if h[2] == head[2] and h[1] == head[1] and _same_role(h[3], head[3]):
                return s, e
    return None


def source_fields(statement: Any, article: Any,
                  codebook_types: Mapping[str, str] | None = None) -> dict[str, Any]:
    """source_type, named, gender and source_evidence of one statement's speaker.

    ``statement`` is a Statement or a quote record; ``article`` the Article (or its text) it
    was found in; ``codebook_types`` an optional study mapping {codebook group: source type}.
    """
    text = _article_text(article)
    ss, se = _get(statement, "speaker_start"), _get(statement, "speaker_end")
    if not isinstance(ss, int) or not isinstance(se, int) or not text or not 0 <= ss < se <= len(text):
        return {"source_type": "unknown", "named": None, "gender": None,
                "source_evidence": {"type": {"rule": "no_speaker", "words": ""}}}
    group = _get(statement, "group")
    typ = codebook_types.get(group) if codebook_types and group else None
    out = _speaker_fields(text, ss, se, group if typ else None, typ)
    return {**out, "source_evidence": {k: dict(v) if isinstance(v, dict) else v
                                       for k, v in out["source_evidence"].items()}}


@lru_cache(maxsize=4096)
def _speaker_fields(text: str, ss: int, se: int, group: str | None, group_type: str | None
                    ) -> dict[str, Any]:
    """The source fields of the speaker mention text[ss:se] (a study group's type first)."""
    evidence: dict[str, Any] = {}
    mention = text[ss:se]
    low = mention.casefold().strip()
    ref = (ss, se)  # the mention the fields are read from
    gender: tuple[str, str, str] | None = None
    named: tuple[bool, str, str] | None = None
    if low in _PERSON_PRONOUNS or low in ("i",):
        if low in _PERSON_PRONOUNS:
            gender = (_PERSON_PRONOUNS[low], "pronoun", mention)
        ante = _antecedent(text, ss, low)
        if ante:
            ref = ante
            named = (True, "pronoun_antecedent", text[ante[0]:ante[1]])
        else:
            named = (True, "pronoun", mention)
    elif low in _GROUP_PRONOUNS:
        ante = _organisation_before(text, ss)
        if ante:
            ref = ante
            named = (True, "pronoun_antecedent", text[ante[0]:ante[1]])
        else:
            named = (False, "group_pronoun", mention)
    reading = _read(text, *ref)
    if named is None and reading.head_kind == "person" and not reading.name:
        before = _NAME_BEFORE.search(text, max(0, ss - 60), ss)
        if before:  # "David Axelrod, Obama's former strategist, said": the mention is an apposition
            ref = before.span(1)
            evidence["refers_to"] = before.group(1)
            reading = _read(text, *ref)
            if not reading.name or reading.head_kind != "person":
                ref, reading = (ss, se), _read(text, ss, se)
                evidence.pop("refers_to")
    if named is None and reading.head_kind in ("person", "organisation", "group", "document") \
            and not reading.name and not reading.unnamed and low.startswith(("the ", "this ")):
        found = _resolve_description(text, reading, ss)
        if found:
            named = (True, "earlier_mention", text[found[0]:found[1]])
            evidence["refers_to"] = text[found[0]:found[1]]
            ref = found
            reading = _read(text, *found)
    if named is None and reading.head_kind == "person" and not reading.name \
            and not reading.unnamed and (low.startswith("the ") or reading.possessor) \
            and any(h[1] in ("role", "transparent") and not h[4] for h in reading.hits):
        # "the Vermont senator", "Obama's former strategist": a definite description of one
        # person refers to someone the story has named (the codebook resolves it)
        ante = _antecedent(text, ss, "")
        if ante:
            named = (True, "definite_description", text[ante[0]:ante[1]])
    kind = reading.head_kind
    # --- source type
    stype: tuple[str, str, str] | None = None
    if group_type:
        stype = (group_type, "codebook", str(group))
    if stype is None:
        stype = _type_of(reading, defaults=False)
        if stype is None:
            appo = _apposition(text, ref[1])
            if appo:
                t = _type_of(_read(text, *appo))
                if t:
                    stype = (t[0], "apposition", t[2])
        if stype is None and _AGE.match(text, ref[1]):
            stype = ("public", "age", _AGE.match(text, ref[1]).group().strip(" ,"))  # type: ignore[union-attr]
        if stype is None:
            d0, d1 = _description(text, *ref)
            if d0 < ref[0]:
                t = _type_of(_read(text, d0, d1))
                if t:
                    stype = (t[0], "description", t[2])
    if stype is None and reading.name and kind in ("person", "organisation", ""):
        stype = _type_from_earlier(text, reading.name[-1], ss, first=_first_name(text, reading, ss),
                                   former=False)
        if stype is None and kind != "organisation" and _surname_key(reading.name[-1]) in _marks(text):
            t = _marks(text)[_surname_key(reading.name[-1])]  # a campaign now beats a former office
            stype = (t[0], "mark", t[1])
        if stype is None:
            stype = _type_from_earlier(text, reading.name[-1], ss,
                                       first=_first_name(text, reading, ss))
    if stype is None and _HONORIFIC_RE.match(text, ref[1] + (1 if text[ref[1]:ref[1] + 1] == " " else 0)):
        stype = ("politician", "party_abbreviation", _HONORIFIC_RE.match(
            text, ref[1] + (1 if text[ref[1]:ref[1] + 1] == " " else 0)).group())  # type: ignore[union-attr]
    if stype is None:
        tr = _transparent(reading)
        if tr and reading.possessor:
            t = _type_from_earlier(text, reading.possessor.split()[-1], ss)
            if t:
                stype = (t[0], "speaks_for", f"{reading.possessor} {tr[0]}")
        if stype is None and tr:
            mods = [w for w in _mention_modifiers(text, *ref) if w[:1].isupper()]
            for m in reversed(mods):
                t = _type_from_earlier(text, m, ss)
                if t:
                    stype = (t[0], "speaks_for", f"{m} {tr[0]}")
                    break
        if stype is None and tr and tr[1]:
            stype = (tr[1], "role_default", tr[0])
    if stype is None and reading.possessor:
        t = _type_of(_read(reading.possessor, 0, len(reading.possessor)))
        if t:
            stype = (t[0], "affiliation", reading.possessor)
    if stype is None and reading.name and kind in ("person", "") \
            and _surname_key(reading.name[-1]) in _marks(text):
        t = _marks(text)[_surname_key(reading.name[-1])]
        stype = (t[0], "mark", t[1])
    if stype is None and reading.name and kind in ("person", "organisation", ""):
        stype = _type_from_earlier(text, reading.name[-1], se, later=True,
                                   first=_first_name(text, reading, ss))
    if stype is None and kind == "person" and _private_person(text, reading.name):
        stype = ("public", "private_person", " ".join(_full_name(text, reading.name, len(text))))
    if NAMED_DEFAULT_PUBLIC and stype is None and kind == "person" \
            and len(_full_name(text, reading.name, len(text))) >= 2:
        # news style names officials with their title; a full name with none anywhere in
        # the article is an ordinary person
        stype = ("public", "named_without_role", " ".join(_full_name(text, reading.name, len(text))))
    if stype is None:
        stype = ("unknown", "nothing_known", "")
    evidence["type"] = {"rule": stype[1], "words": stype[2]}
    if reading.possessor:
        evidence["affiliation"] = reading.possessor
    # --- named
    if named is None:
        if reading.unnamed:
            named = (False, "unnamed_determiner", mention.split()[0])
        elif kind == "group":
            named = (False, "group", mention)
        elif reading.name:
            named = (True, "name", " ".join(reading.name))
        elif low.endswith("s"):
            named = (False, "group", mention)
        else:
            named = (False, "description", mention)
    evidence["named"] = {"rule": named[1], "words": named[2]}
    # --- gender: single persons only
    person = kind == "person" or (kind == "pronoun" and low in _PERSON_PRONOUNS) or (
        kind == "" and low in _PERSON_PRONOUNS)
    if low in _PERSON_PRONOUNS and ref == (ss, se):
        person = True
    if not person or kind in ("organisation", "group", "document"):
        gender = None
        evidence["gender"] = {"rule": "not_a_person", "words": ""}
    else:
        if gender is None:
            gender = _text_gender(text, max(0, ref[0] - 5), ref[1])
        if gender is None and reading.name:
            for s, e in _earlier(text, reading.name[-1], ref[0]):
                gender = _text_gender(text, max(0, s - 5), e)
                if gender:
                    gender = (gender[0], "earlier_" + gender[1], gender[2])
                    break
        if gender is None and reading.name:
            full = _full_name(text, reading.name, ref[0] + 1)
            if len(full) < 2:
                full = _full_name(text, reading.name, len(text))
            if len(full) >= 2:
                ng = _name_gender(full[0])
                if ng:
                    gender = (ng[0], "first_name", ng[1])
            elif all(len(text[a:b].split()) == 1 for a, b in _earlier(text, full[0], len(text))):
                # a lone word that is never anyone's surname here ("Melanie, 34, said")
                ng = _name_gender(full[0], threshold=0.02)
                if ng:
                    gender = (ng[0], "first_name_alone", ng[1])
        if gender is None:
            gender = _pronoun_after(text, se)
        if gender is None and reading.name:
            gender = _person_gender(text, reading.name[-1].casefold())
        if gender is None and reading.name:
            gender = _first_names_anywhere(text, _surname_key(reading.name[-1]))
        evidence["gender"] = ({"rule": gender[1], "words": gender[2]} if gender
                              else {"rule": "abstain", "words": ""})
    return {"source_type": stype[0], "named": named[0],
            "gender": gender[0] if gender else None, "source_evidence": evidence}


#: At most this many mentions of a surname, with no role, no mark and no place in the
#: headline, make a person private (type `public`): news style titles officials, and names an
#: ordinary person once or twice where they speak.
PRIVATE_MENTIONS = 2


def _private_person(text: str, name: list[str]) -> bool:
    """True for a person named in full with a listed first name ('Martha Aguilar') whose
    surname the article mentions at most PRIVATE_MENTIONS times and not in its first line."""
    if not name:
        return False
    full = _full_name(text, name, len(text))
    key = _surname_key(full[-1])
    if len(full) < 2 or _ascii(full[0].casefold().strip(".")) not in load_first_names():
        return False
    idx = _index(text)
    runs = idx.by_last.get(key, ())
    if len(runs) > PRIVATE_MENTIONS:
        return False
    for i in runs:  # "Spokeswoman Jessica Ditto": a title, even one that speaks for others
        s, e = idx.runs[i]
        d0, _ = _description(text, s, e)
        if any(h[1] in ("role", "transparent") for h in _read(text, d0, e).hits):
            return False
    nl = text.find("\n")
    return key not in _surname_keys(text[:nl if nl >= 0 else len(text)])


def _surname_keys(line: str) -> set[str]:
    """The surname keys of the words of a line."""
    return {_surname_key(w) for w in line.split()}


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


def _mention_modifiers(text: str, s: int, e: int) -> list[str]:
    """The words of a mention before its head noun ('Trump' in 'a Trump adviser')."""
    words = text[s:e].split()
    return [w.rstrip(",") for w in words[:-1] if w.casefold() not in _DETS]


def _first_name(text: str, reading: _Reading, pos: int) -> str | None:
    """The first name of the person a reading names, from the nearest full form before pos
    (the "Jeh Johnson" of the last paragraph, not a "Gary Johnson" further up)."""
    if len(reading.name) >= 2:
        return reading.name[0]
    for s, e in reversed(_earlier(text, reading.name[-1], pos) if reading.name else ()):
        r = _read(text, s, e)
        if len(r.name) >= 2 and _surname_key(r.name[-1]) == _surname_key(reading.name[-1]):
            return r.name[0]
    return None


def _type_from_earlier(text: str, surname: str, before: int, later: bool = False,
                       first: str | None = None, former: bool = True
                       ) -> tuple[str, str, str] | None:
    """(type, 'earlier_mention', words) from how a name was described earlier in the article
    (with `later`: after this point, rule 'later_mention'); a current role before a former."""
    rule = "later_mention" if later else "earlier_mention"
    idx = _index(text)
    use_former, former = former, None
    for i in idx.by_last.get(_surname_key(surname), ()):
        s, e = idx.runs[i]
        if (s >= before) if not later else (s <= before):
            continue
        if first is not None:  # "Ivanka Trump" is not the "Donald Trump" of a later "Trump"
            name = _read(text, s, e).name
            if len(name) >= 2 and name[0].casefold() != first.casefold():
                continue
        t = _mention_type(text, s, e)
        if t is None:
            continue
        if not t[2]:
            return t[0], rule, t[1]
        former = former or (t[0], rule, t[1])
    return former if use_former else None


@lru_cache(maxsize=4)
def _mark_pattern(marks: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for 'Surname('s) <mark noun>', longest mark first."""
    alts = "|".join(re.escape(m).replace(r"\ ", r"[ \t]+")
                    for m in sorted(marks, key=len, reverse=True))
    return re.compile(r"\b([A-Z][\w'\u2019-]*?)(?:['\u2019]s)?[ \t]+(" + alts + r")\b")


@lru_cache(maxsize=8)
def _marks(text: str) -> dict[str, tuple[str, str]]:
    """{surname key: (type, words)} of surnames the article marks with a noun of the role
    file's `marks` ("the Clinton campaign", "Trump's supporters"); the first mark wins."""
    marks = load_roles().marks
    out: dict[str, tuple[str, str]] = {}
    if not marks:
        return out
    for m in _mark_pattern(tuple(marks)).finditer(text):
        key = _surname_key(m.group(1))
        if key not in out and key not in _NOT_A_NAME and key not in _DETS and key not in STOP:
            out[key] = (marks[" ".join(m.group(2).casefold().split())], m.group())
    return out


@lru_cache(maxsize=4096)
def _mention_type(text: str, s: int, e: int) -> tuple[str, str, bool] | None:
    """(type, words, former role) that the description, apposition or party abbreviation of
    the mention text[s:e] gives, or None."""
    if _title_line(text, s) or _modifier_use(text, s, e):
        return None
    for span in (_description(text, s, e), _apposition(text, e)):
        if span is None:
            continue
        t = _type_of(_read(text, *span))
        if t:
            return t[0], text[span[0]:span[1]], t[1] == "former_role"
    m = _HONORIFIC_RE.match(text, e + (1 if text[e:e + 1] == " " else 0))
    if m:
        return "politician", m.group(), False
    m = _AGE.match(text, e)
    return ("public", m.group().strip(" ,"), False) if m else None


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


#: Capitalised words that are no one's name (sentence openers, days, months).
_NOT_A_NAME = _SKIP_FIRST | frozenset(
    "he she his her it they we i you monday tuesday wednesday thursday friday saturday sunday "
    "january february march april june july august september october november december "
    "for on if in at with after before during".split())
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


# ---- per-article measures -----------------------------------------------------------------
def entropy(counts: Iterable[int]) -> float:
    """Shannon entropy (bits) of a distribution given as counts; 0.0 when empty."""
    values = [c for c in counts if c > 0]
    total = sum(values)
    if not total:
        return 0.0
    return -sum(c / total * math.log2(c / total) for c in values)


def source_summary(statements: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Per-article source measures from statements that carry source fields (in text order).

    One voice per statement index (continuation pieces share it); statements with no
    speaker are left out.  Returns primary_definer, voices, official_share (indexing),
    anonymous_share, female_share (of gendered voices, None when none), gendered_voices,
    type_entropy (bits), voices_by_type and words_by_type.
    """
    voices: dict[Any, dict[str, Any]] = {}
    words: Counter[str] = Counter()
    for s in statements:
        if s.get("named") is None:
            continue
        key = s.get("statement", len(voices))
        stype = s.get("source_type") or "unknown"
        if key not in voices:
            voices[key] = {"type": stype, "named": s.get("named"), "gender": s.get("gender")}
        text = s.get("text") or ""
        words[voices[key]["type"]] += len(text.split())
    ordered = list(voices.values())
    n = len(ordered)
    by_type = Counter(v["type"] for v in ordered)
    gendered = [v["gender"] for v in ordered if v["gender"] in ("female", "male")]
    return {
        "primary_definer": ordered[0]["type"] if ordered else None,
        "voices": n,
        "official_share": sum(v["type"] in OFFICIAL for v in ordered) / n if n else None,
        "anonymous_share": sum(v["named"] is False for v in ordered) / n if n else None,
        "female_share": gendered.count("female") / len(gendered) if gendered else None,
        "gendered_voices": len(gendered),
        "type_entropy": entropy(by_type.values()),
        "voices_by_type": {t: by_type[t] for t in SOURCE_TYPES if by_type[t]},
        "words_by_type": {t: words[t] for t in SOURCE_TYPES if words[t]},
    }


def outlet_summary(summaries: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Measures of one outlet from its articles' source_summary dicts: the mean of each share
    and of the entropy over the articles that have it, primary definers counted, voices,
    gendered voices, voices and words per type summed, and the pooled female share."""
    rows = list(summaries)
    out: dict[str, Any] = {"articles": len(rows)}
    for key in ("official_share", "anonymous_share", "female_share", "type_entropy"):
        vals = [r[key] for r in rows if r.get(key) is not None]
        out[key] = sum(vals) / len(vals) if vals else None
    out["primary_definers"] = dict(Counter(r["primary_definer"] for r in rows
                                           if r.get("primary_definer")))
    out["voices"] = sum(r.get("voices", 0) for r in rows)
    out["gendered_voices"] = sum(r.get("gendered_voices", 0) for r in rows)
    females = sum(round((r.get("female_share") or 0) * r.get("gendered_voices", 0)) for r in rows)
    out["female_share_pooled"] = females / out["gendered_voices"] if out["gendered_voices"] else None
    for key in ("voices_by_type", "words_by_type"):
        total: Counter[str] = Counter()
        for r in rows:
            total.update(r.get(key) or {})
        out[key] = {t: total[t] for t in SOURCE_TYPES if total[t]}
    return out


def with_source_fields(statements: Iterable[Any], article: Any,
                       codebook_types: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """Quote records (dicts) of statements with the source fields added."""
    out = []
    for s in statements:
        rec = dict(s) if isinstance(s, Mapping) else asdict(s)
        rec.update(source_fields(s, article, codebook_types))
        out.append(rec)
    return out


def clear_caches() -> None:
    """Forget the per-article memos (used to time a cold run)."""
    for f in (_speaker_fields, _read, _index, _sentences, _mention_type, _text_gender, _description, _apposition,
              _person_like, _marks, _first_names_by_surname, _title_line_at):
        f.cache_clear()
