"""Speaker attribution: reporting cues, speaker noun phrases and sentence subjects (rule-based)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..knowledge.datafiles import packaged, read_csv_rows, read_yaml
from ..errors import DataFileError
from ..text.tokens import Tokens

VERB_CLASSES = ("neutral", "evaluative")

#: Abbreviations whose full stop does not end a sentence (also part of a name).
ABBREVIATIONS = frozenset(
    "mr mrs ms dr sir st gov sen rep lt col gen sgt capt cmdr prof rev hon jr sr mt ft messrs "
    "no vs v inc ltd co corp dept jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k "
    "d.c u.n a.m p.m e.g i.e".split())
PRONOUNS = frozenset("he she they it we i you".split())
PERSON_PRONOUNS = frozenset("he she i you".split())
RELATIVES = frozenset("who which that whom".split())
DETERMINERS = frozenset(
    "the a an one another his her their its our my your this these those some two three four "
    "several many both each every any".split())
#: Words that may join the parts of a speaker phrase ("spokesman for Mr Smith").
CONNECTORS = frozenset("of for at from".split())
#: Lower-case particles inside personal names ("Ursula von der Leyen").
PARTICLES = frozenset("de del della la le van von der den da di du al bin ben".split())
#: Prepositions that may sit, capitalised, inside an organisation name ("Campaign Against ...").
NAME_PREPS = frozenset("against of on in for with at without under over by to from and".split())
#: Words skipped between a speaker and its cue ("also said", "last night told").
SKIP = frozenset(
    "also has have had will would could should may might must can did does do later then "
    "previously earlier once recently again further repeatedly publicly privately reportedly "
    "separately subsequently simply just now yesterday today tonight last night this week "
    "morning afternoon evening on monday tuesday wednesday thursday friday saturday sunday "
    "already often frequently first initially even still quickly angrily flatly bluntly "
    "openly not never".split())
#: Sentence adverbs that open a sentence before a comma ("Instead, the study ..."): never its
#: subject.
OPENERS = frozenset("however meanwhile last instead indeed moreover furthermore nevertheless "
                    "nonetheless similarly likewise otherwise overall finally additionally "
                    "ultimately still yet besides consequently".split())
BE = frozenset("is are was were be been being am".split())
#: Function words that never belong to a speaker phrase.
STOP = frozenset(
    "and or but nor so yet if when while because although though as than that which who whom "
    "whose what where why how whether to in on into onto with without by about after before "
    "over under between through during against despite since until upon across around within "
    "is are was were be been being am has have had do does did will would could should may "
    "might must can not no there here it its he she they we i you him them us me his her "
    "their our my your this these those also then just only even said says say told tells "
    "after like such very more most".split()) - DETERMINERS.intersection({"his", "her", "their"})
#: Lower-case -ed/-ing words that can still describe a speaker ("an embattled", "the acting").
DESCRIPTIVE = frozenset(
    "embattled retired elected acting leading ranking unnamed unidentified named appointed "
    "disgraced beleaguered outgoing incoming designated rank-and-file married".split())


#: Nouns in -ing that name a document a quote can come from ("the ruling said"); other
#: -ing words are participles, never part of a speaker phrase.
ING_NOUNS = frozenset("ruling rulings filing filings".split())


@dataclass(frozen=True)
class Cue:
    """A reporting verb form found in the text: its tokens span, surface form and class."""

    start: int
    end: int
    form: str
    lemma: str
    cls: str
    first: int  # index of its first token
    last: int  # index of its last token


def _verbs_path() -> str:
    """Path of the packaged reporting-verb list."""
    return packaged("reporting_verbs.csv")


@lru_cache(maxsize=4)
def load_verbs(path: str | None = None) -> dict[tuple[str, ...], tuple[str, str]]:
    """Read reporting_verbs.csv into {form tokens: (lemma, class)}; DataFileError on bad rows."""
    path = path or _verbs_path()
    rows = read_csv_rows(path)
    if not rows or [c.strip() for c in rows[0]] != ["lemma", "forms", "class", "note"]:
        raise DataFileError(path, "header must be lemma,forms,class,note", line=1)
    verbs: dict[tuple[str, ...], tuple[str, str]] = {}
    for n, row in enumerate(rows[1:], 2):
        if not row or not any(c.strip() for c in row):
            continue
        if len(row) != 4:
            raise DataFileError(path, f"expected 4 columns, found {len(row)}", line=n)
        lemma, forms, cls = row[0].strip(), row[1].strip(), row[2].strip()
        if not lemma:
            raise DataFileError(path, "empty lemma", line=n, field="lemma")
        if cls not in VERB_CLASSES:
            raise DataFileError(path, f"{cls!r} is not one of {VERB_CLASSES}", line=n,
                                field="class")
        if not forms:
            raise DataFileError(path, "no forms", line=n, field="forms")
        for form in forms.split("|"):
            key = tuple(form.casefold().split())
            if key:
                verbs.setdefault(key, (lemma, cls))
    return verbs


@lru_cache(maxsize=4)
def _cue_index(path: str | None = None) -> dict[str, list[tuple[tuple[str, ...], str, str]]]:
    """Cue forms indexed by their first word, longest first."""
    index: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    for key, (lemma, cls) in load_verbs(path).items():
        index.setdefault(key[0], []).append((key, lemma, cls))
    for forms in index.values():
        forms.sort(key=lambda f: -len(f[0]))
    return index


def find_cues(toks: Tokens, verbs_path: str | None = None) -> list[Cue]:
    """Every reporting-verb form among the tokens, in order (nouns like 'a report' excluded)."""
    index = _cue_index(verbs_path)
    lower = toks.lower
    cues: list[Cue] = []
    n = len(lower)
    free = 0  # first token not taken by an earlier cue
    # title-case text ("Obama Says ..."): its first capitalised cue is the headline's main verb;
    # later ones sit in what is reported
    headline: bool | None = None
    for i in [i for i, w in enumerate(lower) if w in index]:
        if i < free:
            continue
        hit = _form_at(lower, i, index[lower[i]])
        upper = False
        if hit and i > 0 and toks.words[i][0].isupper() and not _nounish(lower[i], hit[1]):
            if headline is None:
                headline = title_case(toks.text[toks.spans[0][0]:toks.spans[-1][1]])
            upper = not headline or any(toks.words[c.first][0].isupper() for c in cues)
        elif hit and i > 0:
            upper = toks.words[i][0].isupper()
        if hit and hit[1] != "according to" and i > 0 and (
                lower[i - 1] in DETERMINERS or upper or _noun_after_modifiers(toks, i, hit[1])
                or (_nounish(lower[i], hit[1])
                    and lower[i - 1] not in VERB_SIGNALS
                    and (i + hit[0] >= n or (lower[i + hit[0]] not in _AFTER_VERB
                                             and lower[i + hit[0]] not in OBJECT_PRONOUNS)))):
            hit = None
        if hit:
            k, lemma, cls = hit
            s, e = toks.spans[i][0], toks.spans[i + k - 1][1]
            cues.append(Cue(s, e, toks.text[s:e], lemma, cls, i, i + k - 1))
            free = i + k
    return cues


#: Determiners of one thing (and possessives): before one or two modifiers and the bare form
#: of a noun-like cue they make it a noun ("a recent NOAA report that", "that same report").
_SINGULAR_DETERMINERS = frozenset("a an the this that another each every one his her its their "
                                  "our my your".split())
#: Plural nouns without an -s, which may be the subject of a bare verb ("the people claim").
_IRREGULAR_PLURALS = frozenset("people men women children folk police staff clergy "
                               "personnel".split())


def _noun_after_modifiers(toks: Tokens, i: int, lemma: str) -> bool:
    """True when the cue at token i is the bare form of a noun-like cue (`NOUNISH`) after a
    singular determiner and one or two modifiers ("a recent NOAA report that ...", "his
    previous claim that ..."): no verb in its bare form has such a subject."""
    if toks.lower[i] != lemma or lemma not in NOUNISH:
        return False
    lists = load_non_speakers()
    for k in range(i - 1, max(-1, i - 4), -1):
        low = toks.lower[k]
        if low in _SINGULAR_DETERMINERS:
            return k < i - 1  # (right after a determiner the older rule decides)
        if not toks.is_word(k) or _plural_like(low) or low in STOP or low in PRONOUNS \
                or low in verb_words() or low in _IRREGULAR_PLURALS \
                or low in lists["bare_speakers"] or low in VERB_SIGNALS:
            return False
    return False


def _plural_like(low: str) -> bool:
    """True for a case-folded word that may be a plural noun: an -s that is no -ous, -ss,
    -us or -is ("officials", not "previous", "class", "status" or "analysis")."""
    return low.endswith("s") and not low.endswith(("ous", "ss", "us", "is"))


def _form_at(lower: list[str], i: int, forms: list[tuple[tuple[str, ...], str, str]]
             ) -> tuple[int, str, str] | None:
    """(token count, lemma, class) of the longest of forms found at token i, or None."""
    for key, lemma, cls in forms:
        k = len(key)
        if k == 1 or tuple(lower[i:i + k]) == key:
            return k, lemma, cls
    return None


#: Cue lemmas that are also common nouns ("news reports", "his claims"): their -s forms stay nouns.
NOUNISH = frozenset("report claim call note remark demand promise quote post answer attack warning "
                    "statement reply comment tweet vow pledge stress joke state read".split())
#: Words before a bare verb form that show it is a verb ("they say", "will claim").
VERB_SIGNALS = frozenset("i we you they he she it will would could should can may might must to "
                         "did does do not also who".split())
CONTROL = frozenset("keen eager want wants wanted going tried try tries hoping hope hopes able "
                    "willing refused refuses declined declines decided promised sought seeking "
                    "appeared seemed moved rushed quick careful anxious".split())


#: Verbs that deny the speech act of an infinitive cue after them ("refusing to acknowledge
#: that ...", "failed to say"): what follows was not said, so it is not reported speech.
DENIED = frozenset("refuse refuses refused refusing decline declines declined declining fail "
                   "fails failed failing unwilling reluctant".split())


def speech_denied(toks: "Tokens", first: int) -> bool:
    """True when the cue at token `first` is an infinitive governed by a denying verb."""
    return first >= 2 and toks.lower[first - 1] == "to" and toks.lower[first - 2] in DENIED


@lru_cache(maxsize=4)
def verb_words(path: str | None = None) -> frozenset[str]:
    """Inflected single-word cue forms, which end a speaker phrase ('Mariano wrote')."""
    out = set()
    for key, (lemma, _cls) in load_verbs(path).items():
        if len(key) != 1 or key[0] == lemma:
            continue
        if lemma in NOUNISH and key[0].endswith("s"):
            continue
        out.add(key[0])
    return frozenset(out)


#: Object pronouns: a noun never takes one, so a cue form before one is a verb ("call them").
OBJECT_PRONOUNS = frozenset("him them us me".split())
_AFTER_VERB = frozenset({"that", ":", ",", '"', "\u201c", "'", "\u2018", "``", "''"})


#: Short words a title-case headline may leave in lower case ("Obama Says Museum Will Tell of").
MINOR_WORDS = frozenset("a an the and or nor but of to in on at by for from with as vs via per "
                        "into onto over up off out".split())
_TITLE_WORD = re.compile(r"[^\W\d_][\w'\u2019.-]*")


def title_case(text: str) -> bool:
    """True for headline-style text: 3+ words, every word but short function words capitalised."""
    words = _TITLE_WORD.findall(text)
    if len(words) < 3:
        return False
    return all(w[0].isupper() or w.casefold() in MINOR_WORDS for w in words)


def _nounish(form: str, lemma: str) -> bool:
    """True for a cue form that is more often a noun: 'a tweet', 'Democratic claims'."""
    if form == lemma:
        return lemma in NOUNISH or lemma in ("state",)
    return lemma in NOUNISH and form.endswith("s")


def _is_abbrev(word: str) -> bool:
    """True for 'Mr'/'Gov'/'U.S'/single initials, whose full stop does not end a sentence."""
    w = word.casefold()
    return w in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _wordlike(toks: Tokens, i: int) -> bool:
    """True when token i may be part of a speaker phrase."""
    if not toks.is_word(i):
        return False
    low = toks.lower[i]
    if low in STOP or low in verb_words():
        return False
    if toks.words[i][0].isupper() or toks.words[i][0].isdigit():
        return True
    if low in DESCRIPTIVE or low in CONNECTORS or low in DETERMINERS or low in ING_NOUNS:
        return True
    return not (low.endswith("ed") or low.endswith("ing") or low.endswith("ly"))


def _trim_np(toks: Tokens, a: int, b: int) -> tuple[int, int] | None:
    """Trim connectors from both ends of token range [a, b]; None if nothing is left."""
    while a <= b and (toks.lower[a] in CONNECTORS or toks.words[a] == "."):
        a += 1
    while b >= a and (toks.lower[b] in CONNECTORS or toks.lower[b] in DETERMINERS
                      or toks.words[b] == "."):
        b -= 1
    if a > b:
        return None
    return a, b


#: Possessive determiners, which a title-case name may hold capitalised ("Reclaim Our Schools").
_POSSESSIVES = frozenset("our his her their my your its".split())


def _titled(word: str) -> bool:
    """True for a capitalised word that is not all capitals ("Reclaim", not "TO" or "A")."""
    return word[:1].isupper() and not word.isupper()


def _title_word_before(toks: Tokens, k: int, lo: int) -> bool:
    """True when token k follows a title-case word that is no function word ("Alliance" of
    "Alliance to", "Reclaim" of "Reclaim Our"): k is then inside a title-case name."""
    return k - 1 >= lo and toks.is_word(k - 1) and _titled(toks.words[k - 1]) \
        and toks.lower[k - 1] not in STOP and toks.lower[k - 1] not in DETERMINERS


def _in_place(toks: Tokens, k: int, lo: int) -> bool:
    """True when the "in" at token k joins a place or body to the people before it
    ("officials in Washington", "Republicans in Congress", "farmers in the Midwest"): a
    capitalised word (not a month or day) follows, after an optional "the", and a lower-case
    word or a capitalised plural comes before ("Romney in a statement", "Haberman in the
    Times", "control of the House in 2010" are no such phrases)."""
    n = k + 1 + (k + 1 < len(toks) and toks.lower[k + 1] == "the")
    if k - 1 < lo or n >= len(toks) or not toks.is_word(k - 1) or not toks.is_word(n):
        return False
    nxt, prev, low_prev = toks.words[n], toks.words[k - 1], toks.lower[k - 1]
    lists = load_non_speakers()
    if not (nxt[:1].isupper() and nxt[:1].isalpha()) or toks.lower[n] in lists["months"] \
            or toks.lower[n] in lists["days"]:
        return False
    if low_prev in STOP or low_prev in DETERMINERS or low_prev in verb_words():
        return False
    return prev.islower() or (prev[:1].isupper() and low_prev.endswith("s") and not prev.isupper())


@dataclass(frozen=True)
class Postmodifiers:
    """The source post-modifiers of speaker_postmodifiers.yaml as word tuples."""

    phrases: frozenset[tuple[str, ...]]
    lengths: tuple[int, ...]  # the phrase lengths, longest first
    firsts: frozenset[str]  # the first words of the phrases
    lasts: frozenset[str]  # the last words of the phrases (their prepositions)


@lru_cache(maxsize=4)
def load_postmodifiers(path: str | None = None) -> Postmodifiers:
    """Read speaker_postmodifiers.yaml; DataFileError when its list is missing or malformed."""
    path = path or packaged("speaker_postmodifiers.yaml")
    data = read_yaml(path, keys=("version", "phrases"))
    phrases = data.get("phrases") if isinstance(data, dict) else None
    if not isinstance(phrases, list) or not all(isinstance(p, str) and p.split() for p in phrases):
        raise DataFileError(path, "'phrases' must be a list of phrases", field="phrases")
    words = frozenset(tuple(p.casefold().split()) for p in phrases)
    return Postmodifiers(words, tuple(sorted({len(w) for w in words}, reverse=True)),
                         frozenset(w[0] for w in words), frozenset(w[-1] for w in words))


def postmodifier_at(lower: list[str], a: int, hi: int | None = None) -> int:
    """The number of tokens of the source post-modifier ("familiar with") that starts at
    token a of the case-folded tokens (not running past token hi), or 0 when none does."""
    mods = load_postmodifiers()
    if a >= len(lower) or lower[a] not in mods.firsts:
        return 0  # (most words) no post-modifier starts here
    hi = len(lower) if hi is None else hi
    for n in mods.lengths:
        if a + n <= hi and tuple(lower[a:a + n]) in mods.phrases:
            return n
    return 0


def _object_word(toks: Tokens, k: int) -> bool:
    """True when token k may be part of the object of a post-modifier ("the matter", the
    full stop of "Mr. Smith")."""
    if toks.words[k] == ".":
        return k > 0 and toks.is_word(k - 1) and _is_abbrev(toks.words[k - 1])
    return toks.is_word(k) and (_wordlike(toks, k) or toks.lower[k] in DETERMINERS)


def _postmodified_before(toks: Tokens, j: int, lo: int, limit: int) -> tuple[int, int] | None:
    """The speaker phrase ending at token j when it is a noun phrase, a source post-modifier
    and its object ("people familiar with the matter", "a source close to the minister"):
    the phrase runs back to the noun before the post-modifier; None for no such phrase."""
    mods = load_postmodifiers()
    k = j  # tokens k..j are the object so far
    while k > lo and j - k < limit and _object_word(toks, k):
        if toks.lower[k - 1] not in mods.lasts:  # (most words) no post-modifier ends here
            k -= 1
            continue
        for n in mods.lengths:
            a = k - n  # a post-modifier of n tokens that ends right before the object
            if a > lo and tuple(toks.lower[a:k]) in mods.phrases:
                head = np_before(toks, a - 1, lo, limit)
                if head is None or toks.lower[head[0]] in PRONOUNS \
                        or toks.lower[head[0]] in RELATIVES:
                    return None
                return head[0], j
        k -= 1
    return None


def np_before(toks: Tokens, j: int, lo: int = 0, limit: int = 10) -> tuple[int, int] | None:
    """The speaker phrase ending at token j, scanning back no further than token lo."""
    if j < lo or not toks.is_word(j):
        return None
    low = toks.lower[j]
    if low in PRONOUNS or low in RELATIVES:
        return (j, j)
    found = _postmodified_before(toks, j, lo, limit)
    if found is not None:
        return found
    if not _wordlike(toks, j) or low in DETERMINERS or low in CONNECTORS:
        return None
    i = j
    while i - 1 >= lo and j - i < limit:
        k = i - 1
        w = toks.words[k]
        if w == "." and k - 1 >= lo and _is_abbrev(toks.words[k - 1]):
            i = k - 1
            continue
        if not toks.is_word(k):
            break
        lowk = toks.lower[k]
        if lowk in PARTICLES and k - 1 >= lo and toks.is_word(k - 1):
            i = k
            continue
        if lowk in NAME_PREPS and toks.words[k][0].isupper() and k - 1 >= lo \
                and toks.words[k - 1][:1].isupper() and toks.words[k + 1][:1].isupper():
            i = k
            continue
        if lowk in DETERMINERS:
            i = k
            if lowk in _POSSESSIVES and _titled(toks.words[k]) and _title_word_before(toks, k, lo):
                continue  # "Alliance to Reclaim Our Schools": a capitalised "Our" inside a name
            if k - 2 >= lo and ((toks.lower[k - 1] in CONNECTORS and _wordlike(toks, k - 2)
                                 and toks.lower[k - 2] not in CONNECTORS)
                                or (toks.lower[k - 1] == "in" and _in_place(toks, k - 1, lo))):
                continue  # "a spokesman for the council", "farmers in the Midwest"
            break
        if lowk == "in" and _in_place(toks, k, lo):
            i = k  # "officials in Washington", "police in Greater Manchester"
            continue
        if lowk == "to" and _titled(toks.words[k + 1]) and _title_word_before(toks, k, lo):
            i = k  # "Alliance to Reclaim ...": a "to" between the capitalised words of a name
            continue
        if lowk in CONNECTORS:
            if k - 1 >= lo and _wordlike(toks, k - 1) and toks.lower[k - 1] not in CONNECTORS:
                i = k
                continue
            break
        if not _wordlike(toks, k):
            break
        # a lower-case word before a capitalised name usually ends the phrase ("told Jane Smith")
        i = k
    return _trim_np(toks, i, j)


def np_after(toks: Tokens, i: int, hi: int | None = None, limit: int = 10) -> tuple[int, int] | None:
    """The speaker phrase starting at token i, scanning forward to token hi (exclusive)."""
    hi = len(toks) if hi is None else hi
    if i >= hi or not toks.is_word(i):
        return None
    low = toks.lower[i]
    if low in PRONOUNS:
        return (i, i)
    if not (_wordlike(toks, i) or low in DETERMINERS):
        return None
    j = i
    while j + 1 < hi and j - i < limit:
        k = j + 1
        w = toks.words[k]
        if w == "." and _is_abbrev(toks.words[j]):
            j = k
            continue
        if not toks.is_word(k):
            break
        lowk = toks.lower[k]
        if lowk in PARTICLES and k + 1 < hi and toks.is_word(k + 1):
            j = k
            continue
        if lowk in NAME_PREPS and toks.words[k][0].isupper() and k + 1 < hi \
                and toks.words[k + 1][:1].isupper() and toks.words[j][:1].isupper():
            j = k
            continue
        if lowk in CONNECTORS:
            if k + 1 < hi and _wordlike(toks, k + 1) and toks.lower[k + 1] not in PRONOUNS \
                    and toks.lower[k + 1] not in ("his", "her", "its", "their"):
                j = k
                continue
            break
        if lowk == "in" and _in_place(toks, k, i):
            j = k  # "said officials in Washington"
            continue
        if lowk in DETERMINERS and j > i and (toks.lower[j] in CONNECTORS or toks.lower[j] == "in"):
            j = k
            continue
        if not _wordlike(toks, k) or lowk in DETERMINERS:
            break
        j = k
    while j > i and toks.lower[j] in SKIP and toks.words[j].islower():  # "my father often said"
        j -= 1
    found = _postmodified_after(toks, i, j, hi, limit)
    return found if found is not None else _trim_np(toks, i, j)


def _postmodified_after(toks: Tokens, i: int, j: int, hi: int, limit: int
                        ) -> tuple[int, int] | None:
    """Tokens i..j of a speaker phrase run on over a source post-modifier that follows its
    noun, and the post-modifier's object ("said one official familiar with the decision");
    None when no post-modifier starts after the phrase's first word (or right after it)."""
    for a in range(i + 1, j + 2):
        n = postmodifier_at(toks.lower, a, hi)
        if n:
            obj = np_after(toks, a + n, hi, limit)
            return (i, obj[1]) if obj is not None else None
    return None


#: What a speaker speaks in, skipped as "in a statement" between the speaker and the cue.
_MEDIUMS = frozenset("statement interview letter email tweet post speech memo video briefing "
                     "broadcast podcast message essay column op-ed".split())
def _name_part(toks: Tokens, j: int, lo: int) -> bool:
    """True when token j is a capitalised skippable word ("Today") right after a capitalised
    word, so part of a name ("USA Today", "Fox News Tonight") and no adverb. Day names
    (`non_speakers.yaml` `days`) stay adverbs: news style puts them capitalised between a
    speaker and a verb ("Obama Tuesday said")."""
    low = toks.lower[j]
    return (toks.words[j][:1].isupper() and low in SKIP and low not in load_non_speakers()["days"]
            and j - 1 >= lo and toks.is_word(j - 1) and toks.words[j - 1][:1].isupper())


def skip_back(toks: Tokens, j: int, lo: int) -> int:
    """Step back over auxiliaries, adverbs and time phrases between a speaker and its cue."""
    steps = 0
    while j >= lo and steps < 6:
        low = toks.lower[j]
        if _name_part(toks, j, lo):
            break  # "USA Today reported": a capitalised adverb after a name is part of it
        if low in SKIP or negated(low) or (low in ("week", "month", "year") and j - 1 >= lo
                           and toks.lower[j - 1] in ("this", "last")):
            if low in ("week", "month", "year"):
                j -= 1
            j -= 1
            steps += 1
            continue
        if low in _MEDIUMS and j - 2 >= lo and toks.lower[j - 2] == "in" \
                and toks.lower[j - 1] in DETERMINERS:
            j -= 3  # "Trump in an interview said", "the company in a statement said"
            continue
        break
    return j


def skip_forward(toks: Tokens, i: int, hi: int) -> int:
    """Step forward over adverbs and time phrases after a cue ('said on Tuesday')."""
    steps = 0
    while i < hi and steps < 4 and toks.lower[i] in SKIP:
        i += 1
        steps += 1
    return i


def sentence_subject(toks: Tokens, lo: int, hi: int) -> tuple[int, int] | None:
    """The first speaker-like phrase of a sentence, after openers such as 'But', 'In April,'."""
    i = lo
    while i < hi and not toks.is_word(i):
        i += 1
    # an opening adverbial closed by a comma within a few tokens ("In a statement, X ...")
    for k in range(i, min(hi, i + 7)):
        if toks.words[k] == ",":
            first = toks.lower[i] if i < hi else ""
            if first in STOP or first in SKIP or first in OPENERS:
                i = k + 1
            break
        if not toks.is_word(k):
            break
    while i < hi and toks.lower[i] in ("but", "and", "so", "yet", "however", "meanwhile", "still",
                                       "now", "last", "night", "both"):
        i += 1
    return np_after(toks, i, hi)


# ---- speaker hygiene ----------------------------------------------------------------------
NON_SPEAKER_LISTS = ("time", "days", "months", "quantity", "recording", "verb_heads",
                     "dateline_dash", "labels", "bare_speakers")
#: Words ignored when reading what a candidate speaker phrase is made of.
_FILLERS = frozenset("last next this that every over early late".split())


@lru_cache(maxsize=4)
def load_non_speakers(path: str | None = None) -> dict[str, frozenset[str]]:
    """Read non_speakers.yaml into {list name: words}; DataFileError when a list is missing."""
    path = path or packaged("non_speakers.yaml")
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise DataFileError(path, "expected a mapping of word lists")
    out: dict[str, frozenset[str]] = {}
    for name in NON_SPEAKER_LISTS:
        words = data.get(name)
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise DataFileError(path, f"{name!r} must be a list of words", field=name)
        out[name] = frozenset(w.casefold() for w in words)
    return out


def _dateline(toks: Tokens, a: int, b: int, dashes: frozenset[str]) -> bool:
    """True when tokens a..b are an all-capitals place opening a line and closed by a dash."""
    if not all(toks.words[t].isupper() or not toks.is_word(t) for t in range(a, b + 1)):
        return False
    if sum(ch.isalpha() for t in range(a, b + 1) for ch in toks.words[t]) < 4:
        return False
    text = toks.text
    i = toks.spans[a][0] - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i >= 0 and text[i] not in "\r\n":
        return False
    m = _DATELINE_TAIL.match(text, toks.spans[b][1])
    return bool(m) and m.group(1) in dashes


_DATELINE_TAIL = re.compile(r"\s*(?:,\s*[A-Z][\w.]*\s*)?(?:\([^)\n]{0,40}\)\s*)?(\u2014|\u2013|\u2015|--|-)")


def non_speaker(toks: Tokens, a: int, b: int) -> str | None:
    """Why tokens a..b cannot be a speaker ('dateline', 'time', 'number', 'recording'), or
    None when they may be one."""
    lists = load_non_speakers()
    words = [t for t in range(a, b + 1) if toks.is_word(t)]
    if not words:
        return None
    lower = toks.lower
    if _dateline(toks, a, b, lists["dateline_dash"]):
        return "dateline"
    content = [t for t in words if lower[t] not in DETERMINERS and lower[t] not in _FILLERS]
    if not content:
        return None
    head = content[-1]
    bare = len(content) == len(words)  # no determiner: "camera", "time", "long"
    if bare and toks.words[head].islower() and lower[head] in lists["recording"]:
        return "recording"
    if lower[head] in lists["days"] or (
            toks.words[head].islower() and lower[head] in lists["time"]):
        return "time"
    digits = [t for t in content if toks.words[t][0].isdigit()]
    if digits and any(lower[t] in lists["months"] for t in content) and all(
            t in digits or lower[t] in lists["months"] for t in content):
        return "time"
    glued = toks.text[toks.spans[b][1]:toks.spans[b][1] + 1] in ("/", ":")  # "9/11 ..." cut
    if not glued and all(t in digits or (lower[t] in lists["quantity"] and toks.words[t].islower())
                         for t in content) and not any(lower[t] in _SHARES for t in content):
        return "number"
    return None


#: Quantity words that stand for people when they head a phrase ("63 percent said").
_SHARES = frozenset("percent per cent % half quarter third dozens hundreds thousands "
                    "millions".split())


#: Verbs a word may carry contracted ("he's", "they're", "we've", "she'll", "he'd", "I'm"),
#: as they read in a case-folded token (curly apostrophes are made straight).
_CONTRACTED = ("'s", "'re", "'ve", "'ll", "'d", "'m")
#: Words that open a clause with a contracted verb and name no one ("that's when", "there's").
#: ("it's" too: "It's absurd to say ...", "It's unsurprising that ..." have a dummy subject.)
_EXPLETIVES = frozenset("it that there here what where how this".split())


def negated(low: str) -> bool:
    """True for a contracted negative auxiliary ("isn't", "didn't", "won't"), case-folded."""
    return low.endswith("n't") and len(low) > 3


def contracted_pronoun(low: str) -> int:
    """The length of the verb a pronoun carries contracted ("he's" -> 2, "they're" -> 3), or 0:
    the speaker is the pronoun ("He's claiming that ..."); a pronoun takes no possessive 's."""
    for tail in _CONTRACTED:
        if low.endswith(tail) and low[:-len(tail)] in PRONOUNS:
            return len(tail)
    return 0


def _expletive(low: str) -> bool:
    """True for "that's", "there's" and the like: a clause opener, never a speaker."""
    return any(low.endswith(tail) and low[:-len(tail)] in _EXPLETIVES for tail in _CONTRACTED)


def clean_speaker(toks: Tokens, a: int, b: int) -> tuple[int, int] | None:
    """Tokens a..b as a speaker phrase: a trailing verb form cut ('Trump took', 'Smith isn't'),
    'footage of X' read as X, None when it is no speaker at all (see :func:`non_speaker`)."""
    lists = load_non_speakers()
    lower = toks.lower
    cut = False
    while b > a and (lower[b] in lists["verb_heads"] or negated(lower[b])):
        b, cut = b - 1, True
    if (a == b and negated(lower[a])) or _expletive(lower[b]):
        return None  # "don't", "(Perhaps) that's": a verb or a clause opener, no one
    if cut and any(lower[t] in lists["recording"] for t in range(a, b + 1)):
        return None  # "a camera caught (him saying)": the recording carries another's words
    for t in range(a, b):
        if lower[t] in lists["recording"] and lower[t + 1] == "of" and t + 2 <= b:
            a = t + 2
            break
    if non_speaker(toks, a, b):
        return None
    return a, b
