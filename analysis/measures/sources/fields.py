"""The four source fields of one statement: source_type, named, gender and source_evidence."""
from __future__ import annotations

import bisect
import re
from dataclasses import asdict
from functools import lru_cache
from typing import Any, Iterable, Mapping

from .gender import (_ascii, _first_mention_gender, _first_names_anywhere, _first_names_of,
                     _mention_gender, _name_gender, _person_gender, _pronoun_after,
                     _text_gender)
from .documents import document_author, document_role_author, issuer_before
from .knowledge import load_first_names
from .mentions import (_AGE, _HONORIFIC_RE, _acronym_expansion, _apposition, _apposition_type,
                       _description, _pre_apposition, _pre_apposition_type, _earlier,
                       _full_name, _index, _marks, _mention_type, _NOT_A_NAME, _inside_quote,
                       _sentence_at, _sentences, _surname_key, _title_line,
                       _variations)
from .phrase import (_DETS, _GROUP_PRONOUNS, _UNNAMED_FIRST, _PERSON_PRONOUNS, _Reading,
                     _folded_text, _read, _role_of_body, _transparent, _type_of)
from ...quotes.attribution import SKIP, STOP, verb_words
from ...quotes.engine import MAX_SENTENCE
from .resolve import (_NAME_BEFORE, _antecedent, _organisation_before, _person_like,
                      _resolve_description)


#: A share of poll respondents as the speaker ("63 percent", "a majority of voters",
#: "nearly half of Republicans"): news style reports a poll's answers this way.
_POLL_SHARE = re.compile(
    r"\s*(?:(?:about|around|roughly|nearly|almost|over|under|only|just|some|more than|less than|"
    r"fewer than)\s+)?(?:\d+(?:\.\d+)?\s*(?:%|percent\b|per\s+cent\b)|(?:a|the)\s+"
    r"(?:slim\s+|narrow\s+|clear\s+|large\s+)?(?:majority|plurality|minority)\b|half\b|"
    r"(?:a|one|two)[\s-]+(?:thirds?|quarters?)\b)(?:\s+of\s+(?P<of>[^,;]*))?\s*$",
    re.IGNORECASE)


#: Type a full name that no mention in the article gives a role as `public` (news style
#: names officials with their title). Off: prominent people are often never titled.
NAMED_DEFAULT_PUBLIC = False


def _get(statement: Any, key: str) -> Any:
    """A field of a Statement or of a statement record (dict)."""
    if isinstance(statement, dict):
        return statement.get(key)
    got = getattr(statement, key, _NO_FIELD)  # a Statement (before the slower Mapping test)
    if got is not _NO_FIELD:
        return got
    return statement.get(key) if isinstance(statement, Mapping) else None


_NO_FIELD = object()


def _article_text(article: Any) -> str:
    """The text of an Article, or the string itself."""
    return article if isinstance(article, str) else getattr(article, "text", "") or ""


def source_fields(statement: Any, article: Any,
                  codebook_types: Mapping[str, str] | None = None) -> dict[str, Any]:
    """source_type, named, gender and source_evidence of one statement's speaker.

    ``statement`` is a Statement or a quote record; ``article`` the Article (or its text) it
    was found in; ``codebook_types`` an optional study mapping {codebook group: source type}.
    """
    text = _article_text(article)
    ss, se = _get(statement, "speaker_start"), _get(statement, "speaker_end")
    if not isinstance(ss, int) or not isinstance(se, int) or not text or not 0 <= ss < se <= len(text):
        start = _get(statement, "start")
        if not isinstance(start, int) or not text:
            start = None
        according = _according_to(text, start) if start is not None else None
        if according is not None:  # "... a nationwide “walk-in,” according to the organizer X"
            out = _speaker_fields(text, *according, None, None)
            evidence = _evidence_copy(out["source_evidence"])
            evidence["refers_to"] = text[according[0]:according[1]]
            return {**out, "source_evidence": evidence}
        subject = _sentence_subject(text, start) if start is not None else None
        if subject is None:
            return {"source_type": "unknown", "named": None, "gender": None,
                    "source_evidence": {"type": {"rule": "no_speaker", "words": ""}}}
        out = _speaker_fields(text, *subject, None, None)
        evidence = _evidence_copy(out["source_evidence"])
        evidence["named"] = {"rule": "sentence_subject", "words": text[subject[0]:subject[1]]}
        return {**out, "named": True, "source_evidence": evidence}
    se = _trim_adverbs(text, ss, se)
    group = _get(statement, "group")
    typ = codebook_types.get(group) if codebook_types and group else None
    out = _speaker_fields(text, ss, se, group if typ else None, typ)
    return {**out, "source_evidence": _evidence_copy(out["source_evidence"])}


def _evidence_copy(evidence: dict[str, Any]) -> dict[str, Any]:
    """A copy of a memoised source_evidence that shares no dict with it: its "type",
    "named" and "gender" entries are {rule, words} dicts (always there), the others strings."""
    out = evidence.copy()
    out["type"] = out["type"].copy()
    out["named"] = out["named"].copy()
    out["gender"] = out["gender"].copy()
    return out


#: After a name: maybe an adverb, then a lower-case word that may be a finite verb.
_VERB_AFTER = re.compile(r"[ \t]+(?:(?:[a-z]+ly|then|also|later|again|once)[ \t]+)?([a-z]+)\b")


#: "according to X" (the boundary tested behind the first letter: the search skips to a's)
_ACCORDING = re.compile(r"[Aa](?<!\w[Aa])ccording[ \t]+to[ \t]+([^,.;:()\n\"\u201c\u201d]*[^,.;:()\n\"\u201c\u201d \t])")


def _according_to(text: str, pos: int) -> tuple[int, int] | None:
    """The span of the source an "according to" phrase gives in the sentence of a quote that
    has no speaker ("More than 100,000 people took part in a nationwide “walk-in,”
    according to the event organizer Alliance to Reclaim Our Schools"): news style's
    attribution of facts and phrases to their source."""
    if _title_line(text, pos):
        return None
    span = _sentence_at(text, pos)
    if span is None:
        return None
    # (a run-on "sentence" is read in MAX_SENTENCE characters either side, as the engine does)
    m = _ACCORDING.search(text, max(span[0], pos - MAX_SENTENCE), min(span[1], pos + MAX_SENTENCE))
    return m.span(1) if m and not _inside_quote(text, m.start()) else None


def _sentence_subject(text: str, pos: int) -> tuple[int, int] | None:
    """The name of a person or body that is the subject of a verb in the sentence of a quote
    that has no speaker, nearest before it ("Trump openly admires Putin as a “strong
    leader”", "When PolitiFact examined ..., it was labeled “Mostly True”"):
    the codebook codes who said it, and the words are given to that subject."""
    if _title_line(text, pos):
        return None
    starts = _sentences(text)  # the start of the sentence of pos (each line starts one)
    lo = max(starts[max(0, bisect.bisect_right(starts, pos) - 1)], pos - MAX_SENTENCE)
    idx = _index(text)
    i = bisect.bisect_left(idx.starts, pos) - 1
    verbs = verb_words()
    while i >= 0 and idx.runs[i][0] >= lo:
        s, e = idx.runs[i]
        i -= 1
        if e > pos or _inside_quote(text, s) or (" " not in text[s:e]
                                                and text[s:e].casefold() in _NOT_A_NAME):
            continue
        m = _VERB_AFTER.match(text, e)
        if m is None:
            continue
        w = m.group(1)
        if w in STOP or w in SKIP or w in _NOT_VERBS or text[e - 2:e] in ("'s", "\u2019s"):
            continue
        if w not in verbs and not w.endswith("ed"):
            # a present-tense verb in -s is told from a plural noun by what follows it
            # ("admires Russian", "requires an"; not "rules permit", "immigrants are")
            nxt = _NEXT_WORD.match(text, m.end())
            if not (w.endswith("s") and not w.endswith("ss") and nxt
                    and (nxt.group(1)[:1].isupper() or nxt.group(1) in _OBJECT_OPENERS)):
                continue
        r = _read(text, s, e)
        if r.name and (r.head_kind == "organisation"
                       or (r.head_kind == "person" and _person_like(text, s, e))):
            return s, e
    return None


_NOT_VERBS = frozenset("is was has does this its his us".split())
_NEXT_WORD = re.compile(r"[ \t]+([\w'\u2019-]+)")
_OBJECT_OPENERS = frozenset("a an the to that his her their him them it its this these".split())


_LAST_WORD = re.compile(r"[ \t]+([a-z]+)$")


def _trim_adverbs(text: str, ss: int, se: int) -> int:
    """The end of a speaker mention without trailing lower-case adverbs ("my father often"
    said): an adverb before the verb is no part of the noun phrase."""
    while True:
        m = _LAST_WORD.search(text, ss, se)
        if m is None or m.group(1) not in SKIP or m.start() <= ss:
            return se
        se = m.start()


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
    described: tuple[int, int] | None = None  # the person a definite description refers to
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
        doc = document_author(text, ss) if ante is None and low == "it" else None
        if ante:
            ref = ante
            named = (True, "pronoun_antecedent", text[ante[0]:ante[1]])
        elif doc:  # "..., it added": the document the article introduced, named by its author
            named = (True, "document_author", doc[1])
            evidence["author"] = doc[0]
        else:
            named = (False, "group_pronoun", mention)
    reading = _read(text, *ref)
    if named is None and reading.head_kind == "organisation":
        person = _capitals_person(text, reading, ss)
        if person is not None:  # "PENCE: ..." after "Gov. Mike Pence": a transcript label
            ref, reading = person, _read(text, *person)
            evidence["refers_to"] = text[person[0]:person[1]]
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
            if _read(text, *found).head_kind == reading.head_kind:
                # read from the mention referred to; but "the union" stays a body even when
                # the name found is a person's, and "the senator" a person
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
            described = ante
    kind = reading.head_kind
    # --- source type
    stype: tuple[str, str, str] | None = None
    if group_type:
        stype = (group_type, "codebook", str(group))
    share = _POLL_SHARE.match(mention) if stype is None and named is None else None
    if share:  # "63 percent said": poll respondents, an unnamed group of the public
        of = share.group("of")
        t = _type_of(_read(of, 0, len(of))) if of else None
        stype = (t[0] if t and t[1] in ("role", "organisation") else "public", "poll_share",
                 mention.strip())
        named = (False, "poll_share", mention.strip())
        kind = "group"
    if stype is None:
        stype = _type_of(reading, defaults=False)
        if stype is not None and reading.possessor and not reading.name \
                and _read(reading.possessor, 0, len(reading.possessor)).head_kind == "document":
            stype = _document_speaker(text, ss, stype)
        if stype is None:
            appo = _apposition(text, ref[1])
            if appo:
                t = _apposition_type(text, appo)
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
        if stype is None and reading.name:  # "the plaintiffs' lawyer, Joseph M. Sellers"
            pre = _pre_apposition(text, *ref)
            t = _pre_apposition_type(text, pre) if pre is not None else None
            if t:
                stype = (t[0], "apposition", t[2])
    first: str | None = None  # the first name of the person named (read once, just below)
    if stype is None and reading.name and kind in ("person", "organisation", ""):
        first = _first_name(text, reading, ss)
        stype = _known_type(text, reading.name[-1], ss, first, marks=kind != "organisation")
    if stype is None and _HONORIFIC_RE.match(text, ref[1] + (1 if text[ref[1]:ref[1] + 1] == " " else 0)):
        stype = ("politician", "party_abbreviation", _HONORIFIC_RE.match(
            text, ref[1] + (1 if text[ref[1]:ref[1] + 1] == " " else 0)).group())  # type: ignore[union-attr]
    if stype is None:
        tr = _transparent(reading)
        if tr and reading.possessor:
            t = _known_type(text, reading.possessor.split()[-1], ss)
            if t:
                stype = (t[0], "speaks_for", f"{reading.possessor} {tr[0]}")
        if stype is None and tr:
            mods = [w for w in _mention_modifiers(text, *ref) if w[:1].isupper()]
            for m in reversed(mods):
                t = _known_type(text, m, ss)
                if t:
                    stype = (t[0], "speaks_for", f"{m} {tr[0]}")
                    break
        if stype is None and tr and tr[1]:
            stype = (tr[1], "role_default", tr[0])
        if stype is None and tr and not reading.name and low.startswith("the "):
            stype = _indefinite_before(text, ss, tr[0])  # "A police spokesman ... the spokesman"
        if stype is None and tr and not _body_named_with(mention, tr[0]):
            stype = _body_before(text, ss, tr[0])  # "Spokeswoman Jessica Ditto said"
    if stype is None and reading.possessor:
        t = _type_of(_read(reading.possessor, 0, len(reading.possessor)))
        if t:
            stype = (t[0], "affiliation", reading.possessor)
    if stype is None and reading.name and kind in ("person", "") \
            and _surname_key(reading.name[-1]) in _marks(text):
        t = _marks(text)[_surname_key(reading.name[-1])]
        stype = (t[0], "mark", t[1])
    if stype is None and reading.name and kind in ("person", ""):
        stype = _variation_type(text, reading.name[-1], ss)
    if stype is None and reading.name and kind in ("person", "organisation", ""):
        # (the test that read `first` above held then too: stype was None, the rest the same)
        stype = _type_from_earlier(text, reading.name[-1], se, later=True, first=first)
    if stype is None and len(reading.name) == 1 and kind in ("organisation", ""):
        stype = _acronym_type(text, reading.name[0])  # "the USDA": "... Agriculture (USDA)"
    if stype is None and kind == "person" and _private_person(text, reading.name):
        stype = ("public", "private_person", " ".join(_full_name(text, reading.name, len(text))))
    if NAMED_DEFAULT_PUBLIC and stype is None and kind == "person" \
            and len(_full_name(text, reading.name, len(text))) >= 2:
        # news style names officials with their title; a full name with none anywhere in
        # the article is an ordinary person
        stype = ("public", "named_without_role", " ".join(_full_name(text, reading.name, len(text))))
    if stype is None and "author" in evidence:  # "it" resolved to a document: its author's type
        a = evidence["author"]
        t = _type_of(_read(a, 0, len(a))) or _known_type(text, a.split()[-1], ss)
        if t:
            stype = (t[0], "document_author", named[2])  # type: ignore[index]
    if stype is None and low == "it" and named[1] == "group_pronoun":  # type: ignore[index]
        role = document_role_author(text, ss)  # "it" is the report of "a group of researchers"
        if role:
            stype = (role[0], "document_role_author", role[1])
    if stype is None:
        stype = ("unknown", "nothing_known", "")
    if stype[0] == "politician" and stype[1] != "codebook" and kind in ("person", "pronoun", ""):
        office = _official_statement(text, ss)
        if office:  # "In a White House statement, President Obama condemned ...": in office
            stype = ("executive", "official_statement", office)
    author = None
    if named is None and kind == "document" and not reading.name and not reading.unnamed \
            and low.startswith(("the ", "this ", "that ")):
        # "The clip says": the document the article introduced, and its author if named
        mods = [w for w in _mention_modifiers(text, ss, se) if w[:1].isupper()]
        author = (" ".join(mods), mention) if mods else document_author(text, ss)
    elif named is None and kind == "document" and not reading.name \
            and low.startswith(("a ", "an ")):
        author = issuer_before(text, ss)  # "The NAACP adopted a resolution calling for ..."
    if author is not None:
        evidence["author"] = author[0]
        if stype[1] == "document":  # codebook: a document a body authored has its type
            t = _type_of(_read(author[0], 0, len(author[0]))) or _known_type(
                text, author[0].split()[-1], ss)
            if t:
                stype = (t[0], "document_author", author[1])
        named = (True, "document_author", author[1])
    elif stype[1] == "document" and named is None and not reading.name and not reading.unnamed \
            and low.startswith(("the ", "this ", "that ")):
        role = document_role_author(text, ss)  # "the report" of "a group of researchers"
        if role:
            stype = (role[0], "document_role_author", role[1])
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
    if kind == "organisation" and ref == (ss, se) and _role_of_body(mention):
        # "a spokeswoman for Greenpeace": one person of the body; only a gendered role noun
        # of the mention genders her (the body's name is no first name)
        gender = _text_gender(text, ss, se)
        evidence["gender"] = ({"rule": gender[1], "words": gender[2]} if gender
                              else {"rule": "abstain", "words": ""})
    elif not person or kind in ("organisation", "group", "document"):
        gender = None
        evidence["gender"] = {"rule": "not_a_person", "words": ""}
    else:
        if gender is None:
            gender = _mention_gender(text, *ref)
        if gender is None and described is not None and _same_type(text, reading, described, ss):
            # "the Vermont senator": the person it refers to has the gender
            ref, reading = described, _read(text, *described)
            evidence["refers_to"] = text[ref[0]:ref[1]]
            gender = _mention_gender(text, *ref)
        if gender is None and reading.name:  # the first earlier mention that gives one
            first = _first_mention_gender(text, _surname_key(reading.name[-1]))
            if first is not None and first[0] < ref[0]:
                gender = (first[1][0], "earlier_" + first[1][1], first[1][2])
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


#: How far back (characters) a speaks-for role with no body looks for the body it speaks for.
_BODY_REACH = 300


def _body_before(text: str, pos: int, role: str) -> tuple[str, str, str] | None:
    """(type, 'speaks_for_nearby', words) of the body that a speaks-for role with no body
    named and no default speaks for: the nearest organisation name ("... the Sierra Club.
    A spokeswoman said") or surname with a mark noun ("Donald Trump's campaign is
    defending ... Spokeswoman Jessica Ditto said") in the _BODY_REACH characters before it,
    as a pronoun "it" or "we" is resolved; the story has just named whom she speaks for."""
    lo = max(0, pos - _BODY_REACH)
    best: tuple[int, str, str] | None = None
    org = _organisation_before(text, pos)
    if org and org[0] >= lo:
        t = _type_of(_read(text, *org))
        if t:
            best = (org[0], t[0], text[org[0]:org[1]])
    for key, (typ, words) in _marks(text).items():
        at = text.rfind(words, lo, pos)
        if at >= 0 and (best is None or at > best[0]):
            best = (at, typ, words)
    return (best[1], "speaks_for_nearby", f"{best[2]} ... {role}") if best else None


#: How far back (characters) "the spokesman" looks for the "a ... spokesman" it refers to.
_INDEFINITE_REACH = 1500


def _indefinite_before(text: str, pos: int, role: str) -> tuple[str, str, str] | None:
    """(type, 'earlier_indefinite', words) of the nearest earlier indefinite mention of the
    same speaks-for role ("A police spokesman said ... 'Inquiries continue,' the spokesman
    added"): a definite description repeats the source the story has just introduced."""
    folded = _folded_text(text)
    if folded is None:
        return None
    word = role.casefold()
    lo = max(0, pos - _INDEFINITE_REACH)
    at = folded.rfind(word, lo, pos)
    while at > lo:
        e = at + len(word)
        if not folded[at - 1].isalnum() and (e >= len(text) or not folded[e].isalnum()):
            d0, _ = _description(text, at, e)
            r = _read(text, d0, e)
            if r.unnamed and not r.name:
                t = _type_of(r, defaults=False)
                return (t[0], "earlier_indefinite", text[d0:e]) if t else None
        at = folded.rfind(word, lo, at)
    return None


def _document_speaker(text: str, pos: int, own: tuple[str, str, str]) -> tuple[str, str, str]:
    """The type of a person described only through a document ("the ad's narrator"): the
    author's that the document's introduction names ("a narrator in the Clinton ad"), since
    the voice of a document speaks for whoever put it out (codebook: a document a body
    authored has its type); else the role's own type."""
    doc = document_author(text, pos)
    if doc is None:
        return own
    t = _type_of(_read(doc[0], 0, len(doc[0]))) or _known_type(text, doc[0].split()[-1], pos)
    return (t[0], "document_author", doc[1]) if t else own


#: "In a White House statement," / "in a State Department statement": an official statement.
_IN_STATEMENT = re.compile(r"\b[Ii]n[ \t]+an?[ \t]+((?:[A-Z][\w.'\u2019-]*[ \t]+){1,4})"
                           r"(?:statement|press[ \t]+release|news[ \t]+release)\b")


def _official_statement(text: str, pos: int) -> str | None:
    """The words of an official statement of an executive body ("In a White House
    statement") earlier in the paragraph of a speaker at `pos`, or None: the codebook codes an
    office-holder speaking in an official statement of a department as `executive` (its
    administrative capacity), the one case its tie rule leaves to `executive`."""
    # (a paragraph of many thousand characters is read MAX_SENTENCE back, as a run-on sentence)
    ls = max(text.rfind("\n", max(0, pos - MAX_SENTENCE), pos) + 1, pos - MAX_SENTENCE)
    if text.find("statement", ls, pos) < 0 and text.find("release", ls, pos) < 0:
        return None  # (every match ends in one of these words: most paragraphs have none)
    for m in _IN_STATEMENT.finditer(text, ls, pos):
        words = m.group(1).strip()
        t = _type_of(_read(words, 0, len(words)))
        if t and t[0] == "executive" and t[1] == "organisation":
            return m.group().strip()
    return None


def _body_named_with(mention: str, role: str) -> bool:
    """True when a capitalised word comes before the role in the mention ("a WWF
    spokesman"): a body is named with the role, even one the role file does not know."""
    at = mention.casefold().find(role.casefold())
    return any(w[:1].isupper() and w.casefold() not in _DETS and w.casefold() not in _UNNAMED_FIRST
               for w in mention[:max(at, 0)].split())


def _same_type(text: str, description: _Reading, ante: tuple[int, int], before: int) -> bool:
    """True when the article gives the person a definite description was resolved to no
    type other than the description's own ("the Vermont senator" and an earlier "Sen. X",
    or a person with no known type): the nearest name is then taken for the person
    described, and not for a bystander ("the company's lawyer" after a senator's name)."""
    t = _type_of(description)
    r = _read(text, *ante)
    if not r.name or len(_first_names_of(text, _surname_key(r.name[-1]))) > 1:
        return False  # no name, or a surname shared by a man and a woman ("Donald and Ivana")
    own = _mention_type(text, *ante)
    known = (own[0], "", "") if own else _known_type(text, r.name[-1], before,
                                                     _first_name(text, r, before))
    return (known[0] if known else None) == (t[0] if t else None) or known is None


#: At most this many mentions of a surname, with no role, no mark and no place in the
#: headline, make a person private (type `public`): news style titles officials, and names an
#: ordinary person once or twice where they speak.
PRIVATE_MENTIONS = 2


def _capitals_person(text: str, reading: _Reading, ss: int) -> tuple[int, int] | None:
    """The mention of the person whose surname a word in capitals is ("PENCE" of a transcript
    after "Gov. Mike Pence", "CLINTON" of a headline): the nearest earlier run (else the first
    later one) that ends in the surname, is not in capitals and names a person in full; None
    for a capitals word that is no one's surname here (an acronym: "NATO", "CNN")."""
    if len(reading.name) != 1 or not reading.name[0].isupper() or len(reading.name[0]) < 3:
        return None
    runs = _earlier(text, reading.name[0], ss)[::-1] + _earlier(text, reading.name[0], ss, later=True)
    for s, e in runs:
        words = text[s:e].split()
        if len(words) >= 2 and not words[-1].isupper():
            r = _read(text, s, e)
            if r.head_kind == "person" and len(r.name) >= 2:
                return s, e
    return None


def _private_person(text: str, name: list[str]) -> bool:
    """True for a person named in full with a listed first name ('Martha Aguilar') whose
    surname the article mentions at most PRIVATE_MENTIONS times and not in its first line."""
    if not name:
        return False
    full = _full_name(text, name, len(text))
    key = _surname_key(full[-1])
    if len(full) == 1 and _first_name_only(text, full[0]):
        return True
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


#: A capitalised word (not inside a longer word) before another capital. (The boundary is
#: tested behind the first letter, as gender._NAME_PAIR does: the scan skips to capitals.)
_FIRST_OF_PAIR = re.compile(r"([A-Z](?<!\w[A-Z])[\w'\u2019-]*)[ \t]+[A-Z]")


def _first_name_only(text: str, word: str) -> bool:
    """True when a person is called by a clearly gendered first name alone throughout the
    article ("Melanie said"): it never heads a longer name ("Hillary Clinton") and never ends
    one. News style names private people, not officials, by first name."""
    if not _name_gender(word, threshold=0.02) or any(
            len(text[a:b].split()) > 1 for a, b in _earlier(text, word, len(text))):
        return False
    return all(m.group(1) != word for m in _FIRST_OF_PAIR.finditer(text))


def _surname_keys(line: str) -> set[str]:
    """The surname keys of the words of a line."""
    return {_surname_key(w) for w in line.split()}


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


def _known_type(text: str, surname: str, before: int, first: str | None = None,
                marks: bool = True) -> tuple[str, str, str] | None:
    """What the article has said of a person before offset `before`: a current role of an
    earlier mention, else the surname's mark ("the Clinton campaign"), else a former role."""
    t, former = _earlier_types(text, surname, before, first=first)
    if t is None and marks and _surname_key(surname) in _marks(text):
        m = _marks(text)[_surname_key(surname)]  # a campaign now beats a former office
        t = (m[0], "mark", m[1])
    return t or former


def _type_from_earlier(text: str, surname: str, before: int, later: bool = False,
                       first: str | None = None, former: bool = True
                       ) -> tuple[str, str, str] | None:
    """(type, 'earlier_mention', words) from how a name was described earlier in the article
    (with `later`: after this point, rule 'later_mention'); a current role before a former."""
    current, earlier_former = _earlier_types(text, surname, before, later, first)
    return current or (earlier_former if former else None)


def _earlier_types(text: str, surname: str, before: int, later: bool = False,
                   first: str | None = None
                   ) -> tuple[tuple[str, str, str] | None, tuple[str, str, str] | None]:
    """The first current and the first former role (type, rule, words) of the mentions of a
    name before `before` (with `later`: after it) as _type_from_earlier reads them; no
    former one is looked for once a current one is found."""
    rule = "later_mention" if later else "earlier_mention"
    idx = _index(text)
    former = None
    folded = first.casefold() if first is not None else None
    for i in idx.by_last.get(_surname_key(surname), ()):
        s, e = idx.runs[i]
        if not later:
            if s >= before:
                break  # (the runs are in text order: the rest are later still)
        elif s <= before:
            continue
        if folded is not None:  # "Ivanka Trump" is not the "Donald Trump" of a later "Trump"
            name = _read(text, s, e).name
            if len(name) >= 2 and name[0].casefold() != folded \
                    and folded not in (w.casefold() for w in name):  # "Guajardo Villarreal"
                continue
        t = _mention_type(text, s, e)
        if t is None:
            continue
        if not t[2]:
            return (t[0], rule, t[1]), former
        former = former or (t[0], rule, t[1])
    return None, former


def _acronym_type(text: str, word: str) -> tuple[str, str, str] | None:
    """(type, 'acronym', name) of the name an acronym stands for where the article spells it
    out before it in parentheses ("the US Department of Agriculture (USDA)"), or None."""
    span = _acronym_expansion(text, word)
    t = _type_of(_read(text, *span)) if span is not None else None
    return (t[0], "acronym", text[span[0]:span[1]]) if t else None


def _variation_type(text: str, surname: str, before: int) -> tuple[str, str, str] | None:
    """(type, 'variation', words) from a description that refers back to the person ("The
    Democratic nominee said ..." after "Clinton"): an earlier current role first, then a
    later one, then a former role."""
    found = _variations(text).get(_surname_key(surname))
    if not found:
        return None
    current = [v for v in found if not v[3]]
    pick = next((v for v in current if v[0] < before), None) or (current[0] if current
                                                                 else found[0])
    return pick[1], "variation", pick[2]


def with_source_fields(statements: Iterable[Any], article: Any,
                       codebook_types: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """Quote records (dicts) of statements with the source fields added."""
    out = []
    for s in statements:
        rec = dict(s) if isinstance(s, Mapping) else asdict(s)
        rec.update(source_fields(s, article, codebook_types))
        out.append(rec)
    return out
