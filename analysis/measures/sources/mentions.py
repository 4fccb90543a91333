"""The mentions of an article: capitalised runs, sentences, descriptions, appositions, marks."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from operator import itemgetter
from typing import Iterable

from .knowledge import Roles, load_roles, per_object
from .phrase import _DETS, _SUFFIXES, _read, _type_of
from ...quotes.attribution import ABBREVIATIONS, STOP, verb_words
from ...text.sentences import sentence_starts
from ...text.scans import in_text_order
from ...text.tokens import Tokens


_HONORIFIC_RE = re.compile(r"\((?:[RDI])-[A-Z][\w.]*\)")  # US style "(R-Texas)", "(D-Calif.)"


_CAPRUN = re.compile(r"[A-Z][\w'\u2019.&-]*(?:[ \t]+(?:(?:van|der|de|von|al|of|for|the)[ \t]+)?"
                     r"[A-Z][\w'\u2019.&-]*)*")


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


@lru_cache(maxsize=8)
def _index(text: str) -> _Index:
    """Index the capitalised runs (possible names) of an article text."""
    out: list[tuple[int, int]] = []
    by_last: dict[str, list[int]] = {}
    add, key_of, put = out.append, _surname_key, by_last.setdefault
    for m in _CAPRUN.finditer(text):
        seg = m.group()
        if " " in seg or "\t" in seg:
            if "." in seg:
                for s, e in _stop_pieces(text, m):
                    _add_run(text, s, e, out, by_last)
                continue
            words = seg.split()
            if len(words) > 5 or "of" in seg or "for" in seg:
                _add_run(text, m.start(), m.end(), out, by_last)
                continue
            # a short name with no stop and no " of ": _add_run's one piece, inline
            k = len(words)
            while k > 1 and words[k - 1].casefold() in _SUFFIXES:  # (no "." or "," in it)
                k -= 1
            put(key_of(words[k - 1]), []).append(len(out))
            add(m.span())
        else:  # one word (most runs): a run of its own, whatever its full stop
            put(key_of(seg), []).append(len(out))
            add(m.span())
    return _Index(text, out, [s for s, _ in out], by_last)


#: A blank-separated word that ends in a full stop.
_STOP_WORD = re.compile(r"\S*\.(?!\S)")


def _stop_pieces(text: str, m: re.Match[str]) -> list[tuple[int, int]]:
    """The pieces of a capitalised run with a full stop: a stop after a long word ends one."""
    # the words of a run are parted by blanks only, so the _STOP_WORD matches are its words
    # that end in a stop: each found from its stop (no scan of every offset of the run)
    pieces = []
    seg = m.group()
    s = base = m.start()
    n = len(seg)
    q = seg.find(".")
    while q >= 0:
        if q + 1 == n or seg[q + 1] in " \t":
            a = max(seg.rfind(" ", 0, q), seg.rfind("\t", 0, q)) + 1
            if not _abbreviation(seg[a:q + 1]):
                pieces.append((s, base + q + 1))
                s = base + q + 2
        q = seg.find(".", q + 1)
    if s < m.end():
        while text[s].isspace():
            s += 1
        pieces.append((s, m.end()))
    return pieces


def _add_run(text: str, s: int, e: int, out: list[tuple[int, int]],
             by_last: dict[str, list[int]]) -> None:
    """Add the run text[s:e] (and its name before " of <place>") to out, by its last word."""
    seg = text[s:e]
    if " " not in seg and "\t" not in seg:  # one word: nothing to split
        by_last.setdefault(_surname_key(seg), []).append(len(out))
        out.append((s, e))
        return
    words = seg.split()
    # a title-case headline is no name: keep its last two words only
    if len(words) > 5 and sum(w[:1].isupper() for w in words) > 5:
        s = e - len(" ".join(words[-2:]))
        words = text[s:e].split()
    _add_piece(s, e, words, out, by_last)
    # "Senator Lamar Alexander of Tennessee" also names Lamar Alexander
    m = _OF_PLACE.search(text, s, e) if "of" in seg or "for" in seg else None
    if m and m.start() > s:
        _add_piece(s, m.start(), text[s:m.start()].split(), out, by_last)


def _add_piece(s: int, e: int, words: list[str], out: list[tuple[int, int]],
               by_last: dict[str, list[int]]) -> None:
    """Add the run (s, e) of these words to out, by its last word that is no suffix ('Jr.')."""
    k = len(words)
    while k > 1 and words[k - 1].rstrip(".,").casefold() in _SUFFIXES:
        k -= 1
    by_last.setdefault(_surname_key(words[k - 1]), []).append(len(out))
    out.append((s, e))


@lru_cache(maxsize=4096)
def _acronym_expansion(text: str, word: str) -> tuple[int, int] | None:
    """The span of the capitalised name that an acronym (two or more capitals) stands for,
    where the article spells it out before it in parentheses ("the Campaign Against Arms
    Trade (CAAT)", "Committee to Protect Journalists (CPJ)"): the longest capitalised
    run that ends right before the first "(<word>)"; None when there is none."""
    if len(word) < 2 or not word.isupper() or not word.isalpha():
        return None
    at = text.find(f"({word})")
    if at < 0:
        return None
    end = at
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    idx = _index(text)
    k = bisect.bisect_left(idx.starts, end)  # the runs that start before the name's end
    found = [(s, e) for s, e in idx.runs[max(0, k - 4):k] if e == end]
    if not found:
        return None
    s = min(found)[0]
    for _ in range(3):  # "Committee to | Protect Journalists": the name goes on before a link
        m = _LINKED_NAME_BEFORE.search(text, max(0, s - 80), s)
        if m is None:
            break
        s = m.start()
    return s, end


#: A capitalised name and a lower-case link word right before a position: the start of a
#: body's name that a run of capitals alone would cut ("Committee to Protect Journalists").
_LINKED_NAME_BEFORE = re.compile(r"[A-Z][\w'\u2019&.-]*(?:[ \t]+[A-Z][\w'\u2019&.-]*)*[ \t]+"
                                 r"(?:to|for|of|against|on|and)[ \t]+\Z")


@lru_cache(maxsize=8)
def _sentences(text: str) -> list[int]:
    """Sentence start offsets of a text (every line starts one), by the shared splitter."""
    return sentence_starts(text)


def _sentence_at(text: str, pos: int) -> tuple[int, int] | None:
    """The span of the sentence holding offset pos, as sentence_spans splits its line (None
    in the blanks between sentences or on a blank line)."""
    starts = _sentences(text)
    k = bisect.bisect_right(starts, pos) - 1
    if k < 0:
        return None
    a = starts[k]
    le = text.find("\n", a)
    le = le if le >= 0 else len(text)
    if k + 1 < len(starts) and starts[k + 1] < le:  # a later sentence of the same line
        le = starts[k + 1]
    b = a + len(text[a:le].rstrip())  # a sentence ends at its last non-blank
    return (a, b) if a <= pos < b else None


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
    lo = lo if nl < 0 else nl + 1
    # the common case first: nothing before the mention on its line, or a symbol right
    # before it (a word token ends in a letter or digit), stops the description at once
    # (a word that stops it is found by the first step of the chunk loop below)
    j = s
    while j > lo and text[j - 1].isspace():
        j -= 1
    if j == lo or not (text[j - 1].isalnum() or text[j - 1] in ".-"):
        return s, e
    # only the last 8 tokens are read: tokenise from the blank before the 8th last
    # blank-separated chunk (no token spans a blank, so those tokens are the same)
    head = text[lo:s].rsplit(None, 8)
    if len(head) == 9:
        lo += len(head[0])
        del head[0]
    verbs = verb_words()
    # (most descriptions) chunks of letters and digits only, each one word token: read
    # them from the end without tokenising, each found by rindex (only blanks follow it)
    a = s
    for chunk in reversed(head[-7:]):
        if not chunk.isalnum():
            break  # a symbol or a word with a stop or hyphen: tokenise below
        low = chunk.casefold()
        if low in verbs or (low in STOP and low not in ("of", "for", "at")):
            return a, e
        a = text.rindex(chunk, lo, a)
    else:
        return a, e
    toks = Tokens(text, lo, s)
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


#: A relative clause that states a role: ", who is / was / served as / heads / led ...".
_WHO_IS = re.compile(r"who[ \t]+(?:(?:is|was|has[ \t]+been|had[ \t]+been|serves[ \t]+as|served[ \t]+as|"
                     r"works[ \t]+as|worked[ \t]+as|is[ \t]+now|was[ \t]+once)|(?:heads|headed|leads|"
                     r"led|runs|ran|chairs|chaired|helms|helmed|founded|directs|directed|"
                     r"represents|represented))[ \t]+")


#: The opening of an apposition: a comma, maybe after a parenthesis ("(R-Texas),").
_APPOSITION_OPEN = re.compile(r"\s*(?:\((?:[^()\n]{1,40})\)\s*)?,\s*")
#: An age right after the comma: "Mr Patel, 54, a shopkeeper".
_APPOSITION_AGE = re.compile(r"\d{1,3},\s*")


@lru_cache(maxsize=4096)
def _apposition(text: str, e: int) -> tuple[int, int] | None:
    """The span of an apposition right after a mention (', a nurse from Leeds,'), or None."""
    j, end = e, min(len(text), e + 4 + 44)
    while j < end and text[j].isspace():
        j += 1
    if j >= end or text[j] not in ",(":
        return None  # (the common case) no comma or parenthesis follows
    m = _APPOSITION_OPEN.match(text[e:e + 4 + 44])
    if not m:
        return None
    s = e + m.end()
    age = _APPOSITION_AGE.match(text[s:s + 6])  # "Mr Patel, 54, a shopkeeper"
    if age:
        s += age.end()
    rel = _WHO_IS.match(text, s)
    if rel:  # ", who served as Asia director for ...", ", who helmed the DNC,"
        s = rel.end()
    end = min(len(text), s + 160)
    # most appositions end within a few words: read the tokens before the last blank of the
    # first 64 characters first (no token spans a blank: they are the first of all of them)
    cut = text.rfind(" ", s, s + 64) if s + 64 < end else -1
    if cut > s:
        found = _apposition_end(Tokens(text, s, cut), s, False)
        if found != ():
            return found
    return _apposition_end(Tokens(text, s, end), s, True)


def _apposition_end(toks: Tokens, s: int, whole: bool) -> tuple[int, int] | None | tuple[()]:
    """The span of the apposition at offset s that toks (its first tokens) say, None for no
    apposition, or () when they do not decide it (not `whole` and its end is not among them:
    the loop may not read the last token, as it looks one ahead)."""
    if not len(toks):
        return None if whole else ()
    if toks.lower[0] in ("who", "which", "that", "said", "says", "and", "but"):
        return None
    if toks.lower[0] in verb_words() or _participle(toks.words[0]):
        return None  # ", appearing after X at the forum," is a clause, not an apposition
    for t in range(len(toks) if whole else len(toks) - 1):
        if t and toks.lower[t] == "and" and t + 1 < len(toks) and toks.lower[t + 1] in _DETS:
            return s, toks.spans[t - 1][1]  # ", an adviser to X and a professor": the first
        if toks.words[t] in (",", ";", ".", ":", "\u2014", "(", ")") or toks.words[t] in '"\u201c\u201d' \
                or toks.lower[t] in verb_words() or toks.lower[t] in ("who", "which", "that"):
            if t == 0:
                return None
            return s, toks.spans[t - 1][1]
        if t >= 14:
            return s, toks.spans[t][1]
    return (s, toks.spans[-1][1]) if whole else ()


def _apposition_type(text: str, span: tuple[int, int]) -> tuple[str, str, str] | None:
    """(type, rule, words) of an apposition; a body it names whose own apposition describes
    it by an organisation noun ("... for the Center for American Progress, a liberal think
    tank,") takes that description's type: the article says what kind of body it is. A
    role held "under" someone is the person's, the words after it name the superior
    ("ambassador under President Obama"; not "sent under Ambassador X's signature")."""
    cut = text.find(" under ", span[0], span[1])
    if cut > span[0] and any(h[1] in ("role", "transparent") for h in _read(text, span[0], cut).hits):
        span = (span[0], cut)
    t = _type_of(_read(text, *span))
    if t is None or t[1] not in ("organisation", "speaks_for"):
        return t
    inner = _apposition(text, span[1])
    if inner is None:
        return t
    r = _read(text, *inner)
    if not r.unnamed or r.name or r.head_kind != "organisation":
        return t
    t2 = _type_of(r)
    if t2 is None or t2[1] != "organisation" or t2[0] == t[0]:
        return t
    return t2[0], t[1], f"{t[2]}, {text[inner[0]:inner[1]]}"


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
    b = b if b >= 0 else len(text)
    if b - a > 300:
        return False  # a paragraph, not a headline
    line = text[a:b]
    # the first letters of the words that begin with a letter, counted by C loops
    firsts = "".join(filter(str.isalpha, [w[0] for w in line.split()]))
    return len(firsts) >= 6 and sum(map(str.isupper, firsts)) >= 0.8 * len(firsts)


@lru_cache(maxsize=8192)
def _surname_key(word: str) -> str:
    """The index key of a surname: case-folded, straight apostrophe, no possessive 's."""
    key = word.rstrip(".,").replace("\u2019", "'").casefold()
    return key[:-2] if key.endswith("'s") else key


def _earlier(text: str, surname: str, before: int, later: bool = False) -> list[tuple[int, int]]:
    """Capitalised runs ending in surname before offset `before`, in text order (with
    `later`, those after it instead)."""
    runs, starts = _runs_of(text, _surname_key(surname))
    k = bisect.bisect_left(starts, before)
    return list(runs[k:]) if later else list(runs[:k])


_FIRST = itemgetter(0)


@lru_cache(maxsize=4096)
def _runs_of(text: str, key: str) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...]]:
    """The runs of a surname key in text order, and their starts."""
    idx = _index(text)
    runs = tuple(map(idx.runs.__getitem__, idx.by_last.get(key, ())))
    return runs, tuple(map(_FIRST, runs))


@lru_cache(maxsize=16384)
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


_PREP_BEFORE = re.compile(r"\b(?:of|on|for|at|in|from|by|with|to)[ \t]+$")


_VERB_NEXT = re.compile(r"[ \t]+([a-z]+)")


def _speaks_next(text: str, e: int) -> bool:
    """True when a reporting verb follows text[:e] ('Obama said'): the name is a speaker."""
    m = _VERB_NEXT.match(text, e)
    return bool(m) and m.group(1) in verb_words()


_VERB_BEFORE = re.compile(r"\b([a-z]+)[ \t]+$")


def _spoke_before(text: str, s: int) -> bool:
    """True when a reporting verb comes right before text[s:] ('said Leslie Wimes'): the
    name is the speaker of an inverted attribution."""
    m = _VERB_BEFORE.search(text, max(0, s - 20), s)
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


@lru_cache(maxsize=4)
def _mark_pattern(marks: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str],
                                                   tuple[re.Pattern[str], re.Pattern[str]]]:
    """Two patterns: the first words of the mark nouns after a blank (a quick scan), and the
    marks themselves, longest first, matched where a first word is (the name before a mark is
    read by _NAME_BEFORE_MARK: searching the rare nouns first is much faster); and the first
    pattern split by its blank (after a space; after a tab), each opening with a literal."""
    alts = "|".join(re.escape(m).replace(r"\ ", r"[ \t]+")
                    for m in sorted(marks, key=len, reverse=True))
    # the first words grouped by their first letter ("c(?:onstituency|ampaign|...)"): at a
    # blank the search then tries one branch per letter, not one per word
    by_letter: dict[str, list[str]] = {}
    for w in sorted({m.split()[0] for m in marks}, key=len, reverse=True):
        by_letter.setdefault(w[0], []).append(w[1:])
    firsts = "|".join(re.escape(c) + "(?:" + "|".join(map(re.escape, rest)) + ")"
                      for c, rest in sorted(by_letter.items()))
    words = r"((?:" + firsts + r")\b)"
    return (re.compile(r"[ \t]" + words), re.compile(r"(" + alts + r")\b"),
            (re.compile(" " + words), re.compile("\t" + words)))


def _mark_firsts(text: str, by_blank: tuple[re.Pattern[str], re.Pattern[str]]) -> list[re.Match[str]]:
    """The matches of the first-word pattern of _mark_pattern in text, as finditer gives them:
    those after a space and those after a tab in text order (a match holds no blank but its
    first character, so none overlap)."""
    return in_text_order((by_blank[0].finditer(text),
                          by_blank[1].finditer(text) if "\t" in text else ()))


#: The literal openings of _AT_VENUE after its blank (each a quick literal scan).
_VENUE_OPENINGS = tuple(re.compile(w + r"[ \t]+(?:a|an|the|his|her)[ \t]")
                        for w in ("at", "during", "on"))


def _venues(text: str) -> list[re.Match[str]]:
    """The matches of _AT_VENUE in text as finditer gives them, tried only where one of its
    literal openings follows a blank."""
    return _matches_at(_AT_VENUE, text, sorted(
        {m.start() - 1 for pat in _VENUE_OPENINGS for m in pat.finditer(text, 1)}))


def _matches_at(pattern: re.Pattern[str], text: str, spots: Iterable[int]) -> list[re.Match[str]]:
    """The matches of a pattern that opens with a blank, tried at the blanks among the sorted
    offsets spots and without overlap: what finditer gives when it can match only there."""
    out: list[re.Match[str]] = []
    last = 0
    for c in spots:
        if c < last or text[c] not in " \t":
            continue
        m = pattern.match(text, c)
        if m:
            out.append(m)
            last = m.end()
    return out


#: The surname (or its possessive) right before a mark noun: "Clinton campaign", "Trump's".
_NAME_BEFORE_MARK = re.compile(r"\b([A-Z][\w'\u2019-]*?)(?:['\u2019]s)?[ \t]+$")


@lru_cache(maxsize=8)
def _marks(text: str) -> dict[str, tuple[str, str]]:
    """{surname key: (type, words)} of surnames the article marks with a noun of the role
    file's `marks` ("the Clinton campaign", "Trump's supporters"); the first mark wins."""
    marks = load_roles().marks
    out: dict[str, tuple[str, str]] = {}
    if not marks:
        return out
    _, full, by_blank = _mark_pattern(tuple(marks))
    last = -1
    for f in _mark_firsts(text, by_blank):  # the mark noun first (rare), then the name before it
        if f.start(1) < last:
            continue
        m = full.match(text, f.start(1))
        if m is None:
            continue
        last = m.end()
        who = _NAME_BEFORE_MARK.search(text, max(0, m.start() - 60), m.start())
        if who is None:
            continue
        key = _surname_key(who.group(1))
        if key not in out and key not in _NOT_A_NAME and key not in _DETS and key not in STOP:
            out[key] = (marks[" ".join(m.group(1).casefold().split())],
                        text[who.start():m.end()])
    # where the person speaks: "Trump said at a campaign stop", "X told reporters during a rally"
    for m in _venues(text):  # the venue first (rare), then who spoke there
        words = m.group(1).casefold().split()
        typ = next((marks[" ".join(words[:k])] for k in (2, 1)
                    if len(words) >= k and " ".join(words[:k]) in marks), None)
        if typ is None:
            continue
        at = m.start() + 1  # after the blank the pattern begins with
        who = _WHO_SPOKE.search(text, max(0, at - 60), at)
        if who is None or who.group(2) not in verb_words():
            continue
        key = _surname_key(who.group(1))
        if key in out or key in _NOT_A_NAME or key in _DETS or key in STOP:
            continue
        out[key] = (typ, text[who.start():m.end()].rstrip())
    return out


#: "at / during / on" a place of speaking ("at a campaign stop", "during a rally"), and before
#: it a surname, a reporting verb and maybe an addressee ("Trump told reporters at a rally").
_AT_VENUE = re.compile(r"[ \t](?:at|during|on)[ \t]+(?:a|an|the|his|her)[ \t]+"
                       r"(?:recent[ \t]+)?([a-z]+(?:[ \t]+[a-z]+)?)")
_WHO_SPOKE = re.compile(r"\b([A-Z][\w'\u2019-]*)[ \t]+([a-z]+)(?:[ \t]+(?:reporters|supporters|"
                        r"voters|the[ \t]+crowd|a[ \t]+crowd))?[ \t]+$")


@lru_cache(maxsize=4096)
def _mention_type(text: str, s: int, e: int) -> tuple[str, str, bool] | None:
    """(type, words, former role) that the description, apposition or party abbreviation of
    the mention text[s:e] gives, or None."""
    if _title_line(text, s) or _modifier_use(text, s, e):
        return None
    span = _description(text, s, e)
    t = _type_of(_read(text, *span))
    if not t:  # the apposition only when the description gives no type
        span = _apposition(text, e)
        t = _apposition_type(text, span) if span is not None else None
    if not t:  # "the plaintiffs' lawyer, Joseph M. Sellers": a role set before the name
        span = _pre_apposition(text, s, e)
        t = _pre_apposition_type(text, span) if span is not None else None
    if t:
        return t[0], text[span[0]:span[1]], t[1] == "former_role"
    m = _HONORIFIC_RE.match(text, e + (1 if text[e:e + 1] == " " else 0))
    if m:
        return "politician", m.group(), False
    m = _AGE.match(text, e)
    return ("public", m.group().strip(" ,"), False) if m else None


#: A definite or possessive noun phrase of one to five words and a comma right before a
#: name: "the plaintiffs' lawyer, ", "his spokesman, ", "Mr. Trump's campaign manager, ".
_PRE_APPOSITION = re.compile(
    r"(?:\b(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ur)|[A-Z][\w.'\u2019-]*['\u2019]s)[ \t]+"
    r"(?:[\w'\u2019.-]+[ \t]+){0,4}[\w'\u2019.-]+,[ \t]+\Z")


def _pre_apposition(text: str, s: int, e: int) -> tuple[int, int] | None:
    """The span of a definite or possessive noun phrase set before the name text[s:e] with
    a comma ("the plaintiffs' lawyer, Joseph M. Sellers"), or None (also in a list: "the
    senator, Smith and Jones")."""
    if text[max(0, s - 2):s] != ", " or _LIST_AFTER.match(text, e):
        return None  # (the common case) no comma right before the name
    lo = max(text.rfind("\n", 0, s) + 1, s - 80)
    m = _PRE_APPOSITION.search(text, lo, s)
    if m is None:
        return None
    before = _WORD_BEFORE.search(text, max(lo, m.start() - 20), m.start())
    if before is not None and before.group(1).casefold() in _NOT_BEFORE_APPOSITION:
        return None  # "Unlike the senator, Smith ...": the object of a preposition
    return m.start(), s - 2


_WORD_BEFORE = re.compile(r"(\w+)[ \t]+\Z")
_LIST_AFTER = re.compile(r",?[ \t]+(?:and|or)\b")
#: Words before a noun phrase that make it the object of a preposition or a subordinate
#: clause's, not a name's apposition ("unlike the senator, X", "as the mayor, X").
_NOT_BEFORE_APPOSITION = frozenset(
    "unlike like from of for at than besides toward towards behind beside near among amid with "
    "without by about after before over under between through during against despite since "
    "until upon across around within as while when if because although though to in on into "
    "onto and or but".split())


def _pre_apposition_type(text: str, span: tuple[int, int]) -> tuple[str, str, str] | None:
    """(type, rule, words) of a noun phrase set before a name when it describes one person
    by a role (no name of its own, a person's role noun at its head), else None."""
    r = _read(text, *span)
    if r.name or r.head_kind != "person" or not r.hits:
        return None
    t = _type_of(r)
    return t if t is not None and t[1] in ("role", "former_role", "speaks_for", "body_role",
                                           "party_over_executive") else None


#: Capitalised words that are no one's name (sentence openers, days, months).
_NOT_A_NAME = _SKIP_FIRST | frozenset(
    "he she his her it they we i you monday tuesday wednesday thursday friday saturday sunday "
    "january february march april june july august september october november december "
    "for on if in at with after before during".split())


@lru_cache(maxsize=8)
def _variations(text: str) -> dict[str, list[tuple[int, str, str, bool]]]:
    """{surname key: [(offset, type, words, former)]} from sentence-opening definite
    descriptions that refer back to the person just named, news style's elegant variation:
    "... Clinton said.\nThe Democratic nominee attacked ..." describes Clinton."""
    from .resolve import _antecedent  # resolve imports this module
    out: dict[str, list[tuple[int, str, str, bool]]] = {}
    firsts = _role_firsts(load_roles())
    for q, words in _role_openings(text):
        st = q - 4
        if st not in _sentence_set(text):
            said = _said_description(text, st, words.split())
            if said and not _title_line(text, st):
                # "..., the Vermont senator acknowledged": a speaking description
                ante = _antecedent(text, st, "")
                if ante is not None:
                    key = _surname_key(text[ante[0]:ante[1]].split()[-1])
                    out.setdefault(key, []).append((st, *said))
            continue
        if text[st] != "T" or _title_line(text, st):
            continue
        toks = Tokens(text, st, min(len(text), st + 70))
        n = min(len(toks), 8)
        if firsts.isdisjoint([w[:-2] if len(w) > 3 and w.endswith("'s") else w
                              for w in toks.lower[:n - 1]]):
            continue  # no role can start before the last token: no head below (not read)
        reading = _read(text, st, toks.spans[n - 1][1]) if n else None
        if reading is None or reading.name and reading.head_kind != "person":
            continue
        head = next((h for h in reading.hits if h[1] in ("role", "transparent") and not h[4]
                     and h[0] + 1 < n and (toks.words[h[0] + 1][:1].islower()
                                           or toks.words[h[0] + 1] == ",")), None)
        if head is None or any(_is_capital_name(toks.words[t]) for t in range(1, head[5])):
            continue
        end = toks.spans[head[0]][1]
        t = _type_of(_read(text, st, end))
        if t is None or t[1] not in ("role", "former_role", "party_over_executive"):
            continue
        ante = _antecedent(text, st, "")
        if ante is None:
            continue
        key = _surname_key(text[ante[0]:ante[1]].split()[-1])
        out.setdefault(key, []).append((st, t[0], text[st:end], t[1] == "former_role"))
    for m in _as_roles(text):  # "She occupies ... as the attorney general,"
        found = _as_role(text, m)
        if found:
            out.setdefault(found[0], []).append(found[1])
    return out


#: "as the / a <role>" closed by punctuation or a preposition ("as the attorney general,",
#: "as a senior adviser to ..."), not "as the president spoke" (a clause).
_AS_ROLE = re.compile(r"[ \t]as[ \t]+(?:the|a|an)[ \t]+((?:[\w'\u2019-]+[ \t]+){0,4}?[\w'\u2019-]+)"
                      r"(?=[,.;]|[ \t]+(?:of|for|to|in|at|from|under)\b)")


#: "as the", "as a", "as an" (the literal part of _AS_ROLE after its blank: a quick scan).
_AS_DET = re.compile(r"as[ \t]+(?:the|an?)[ \t]")


def _as_roles(text: str) -> list[re.Match[str]]:
    """The matches of _AS_ROLE in text, as finditer gives them, tried only where "as the",
    "as a" or "as an" follows a blank."""
    return _matches_at(_AS_ROLE, text, (f.start() - 1 for f in _AS_DET.finditer(text, 1)))


def _as_role(text: str, m: re.Match[str]) -> tuple[str, tuple[int, str, str, bool]] | None:
    """(surname key, (offset, type, words, former)) of an "as the <role>" phrase whose
    sentence opens with a pronoun or a person's name: the role is that person's."""
    from .resolve import _antecedent, _person_like  # resolve imports this module
    firsts = _role_firsts(load_roles())
    if firsts.isdisjoint(m.group(1).casefold().replace("\u2019", "'").split()) \
            or _inside_quote(text, m.start()) or _title_line(text, m.start()):
        return None
    reading = _read(text, m.start(1), m.end(1))
    if reading.name or reading.head_kind != "person":
        return None
    t = _type_of(reading)
    if t is None or t[1] not in ("role", "former_role", "party_over_executive"):
        return None
    starts = _sentences(text)
    st = starts[bisect.bisect_right(starts, m.start()) - 1]
    first = _FIRST_WORD.match(text, st)
    if first is None:
        return None
    word = first.group(1)
    if word in ("He", "She"):
        ante = _antecedent(text, st, word.casefold())
    else:
        run = _RUN_AT.match(text, st)
        ante = run.span() if run and _person_like(text, *run.span()) else None
    if ante is None:
        return None
    key = _surname_key(text[ante[0]:ante[1]].split()[-1])
    return key, (m.start(1), t[0], text[m.start(1):m.end(1)], t[1] == "former_role")


_FIRST_WORD = re.compile(r"[\s\"'\u201c]*([A-Z][\w'\u2019-]*)")
_RUN_AT = re.compile(r"[A-Z][\w'\u2019.-]*(?:[ \t]+[A-Z][\w'\u2019.-]*)*")


#: "The" / "the" and the next words (candidates only: the sentence splitter decides which
#: open a sentence, the others count only as the subject of a reporting verb).
_THE_OPENING = re.compile(r"(?:^|\s)[Tt]he[ \t]+(?=((?:\S+[ \t]+){0,9}\S+))", re.MULTILINE)


#: "he", the blanks after it and the words of a "the" opening (the group of _THE_OPENING):
#: the literal first, so that the search skips ahead; the "t" and the blank before it are
#: tested by hand.
_HE_WORDS = re.compile(r"he[ \t]+(?=((?:\S+[ \t]+){0,9}\S+))")


#: "he" and one blank (a literal scan: the candidates of _HE_WORDS, read by it only where a
#: "t" or "T" that begins a word is before them).
_HE_BLANK = re.compile(r"he[ \t]")
_CLOSERS = ".,;:"


def _role_openings(text: str) -> list[tuple[int, str]]:
    """(offset, words) of the group of each _THE_OPENING match whose words (case-folded, curly
    apostrophe straightened, trailing .,;: dropped) hold a first word of a role, in text order."""
    firsts = _role_firsts(load_roles())
    out: list[tuple[int, str]] = []
    last = -1  # the end of the last opening: a "the" right there is none ("the the")
    match = _HE_WORDS.match
    for h in _HE_BLANK.finditer(text, 1):
        i = h.start() - 1
        if text[i] not in "Tt" or i == last or (i and not text[i - 1].isspace()):
            continue
        m = match(text, i + 1)
        if m is None:
            continue
        last = m.end()
        words = m.group(1)
        low = words.casefold()
        if "\u2019" in low:
            low = low.replace("\u2019", "'")
        if not firsts.isdisjoint(map(str.rstrip, low.split(), repeat(_CLOSERS))):
            out.append((last, words))
    return out


def _said_description(text: str, st: int, words: list[str]) -> tuple[str, str, bool] | None:
    """(type, words, former) of a definite description of one person by role that is the
    subject of a reporting verb ("the former secretary of state said"), or None."""
    verbs = verb_words()
    if verbs.isdisjoint(words):
        return None  # (most openings) no reporting verb among the words
    k = next((i for i, w in enumerate(words) if w in verbs), 0)
    if k < 1 or any(not w[:1].isalnum() or w[-1:] in ",;:" for w in words[:k]):
        return None
    end = st + 4 + len(" ".join(words[:k]))
    if text[st + 4:end] != " ".join(words[:k]):
        return None  # odd spacing: not worth reading
    reading = _read(text, st, end)
    if reading.head_kind != "person" or reading.name or reading.unnamed:
        return None
    t = _type_of(reading)
    if t is None or t[1] not in ("role", "former_role", "party_over_executive"):
        return None
    return t[0], text[st:end], t[1] == "former_role"


@per_object
def _role_firsts(roles: Roles) -> frozenset[str]:
    """First words of the role file's person roles and speaks-for roles (a variation names
    one person, so plurals are not needed)."""
    return frozenset(k[0] for k, entries in roles.phrases.items()
                     if any(e[0] in ("role", "transparent") for e in entries))


@lru_cache(maxsize=8)
def _sentence_set(text: str) -> frozenset[int]:
    """The sentence starts of a text as a set."""
    return frozenset(_sentences(text))


def _is_capital_name(word: str) -> bool:
    """True for a capitalised word that is no role, party or determiner: part of a name."""
    if not word[:1].isupper():
        return False
    roles = load_roles()
    low = word.casefold()
    return (low,) not in roles.phrases and low not in _DETS
