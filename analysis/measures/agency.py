"""Agency: agentless passives (``was threatened with arrest``) vs clauses that name the agent.

Rule-based, per sentence of the headline and body paragraphs:

* a **passive** is a form of *be* (optionally followed by adverbs, ``been``/``being`` or a
  quote mark) and then a past participle (a word ending in -ed, or an irregular participle);
  it is **agentless** unless ``by`` follows within ``AGENT_WINDOW`` words of the same clause
  (no comma, semicolon, colon or dash in between);
* an **active incident clause** is a past, -s or -ing form of an incident verb (threaten,
  warn, stop, arrest, tell, describe, ...) not preceded by *be*, with a word before it that
  can be its subject (``an officer threatened``); the words before it are reported as agent;
* a passive is an **incident** passive when its participle is an incident verb's.

The word lists (incident verbs, irregular participles, adjectival -ed words, words allowed
between *be* and the participle) are data: ``data/agency.yaml``, read by
:func:`load_agency_words`; the closed-class words below stay in code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Iterable, Mapping, Sequence

from ..knowledge.datafiles import file_cache, packaged, read_yaml
from ..errors import DataFileError
from ..model import Article

BE = frozenset("am is are was were be been being isn't wasn't aren't weren't isn’t wasn’t "
               "aren’t weren’t".split())
#: Words that cannot be (the end of) the subject of an active incident verb.
NOT_SUBJECT = frozenset(
    "a an the to of in on at for with from by and or but as that which than if when while "
    "after before about into over under is are was were be been being has have had do does did "
    "will would could should may might must can not no this these those its their his her our "
    "my your".split())
DETERMINERS = frozenset("a an the one another two this that these those his her their its our "
                        "my your some".split())
#: Time adverbials skipped between a subject and its verb ("leaders last night told").
TIME = frozenset("last night yesterday today tonight earlier".split())
AGENT_WINDOW = 8
PASSIVE_FIELDS = ["article_id", "paragraph", "kind", "incident", "verb", "agent", "matched",
                  "start", "end", "voice", "sentence"]

_TOKEN = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?")
_CLAUSE_BREAK = re.compile(r"[,;:–—]|\s-\s|[.!?]")


@dataclass(frozen=True)
class AgencyWords:
    """The word lists of the agency rules (``data/agency.yaml``)."""

    incident_forms: dict[str, str]  # form -> lemma of an incident verb
    irregular: frozenset[str]       # past participles not ending in -ed
    not_passive: frozenset[str]     # -ed words that are not passives after "be"
    between: frozenset[str]         # words allowed between "be" and the participle
    path: str = ""


def _words(value: Any, path: str, where: str) -> list[str]:
    """A list of single lower-case words, or DataFileError naming the field."""
    if not isinstance(value, list) or not value:
        raise DataFileError(path, "must be a non-empty list of words", field=where)
    for i, w in enumerate(value):
        if not isinstance(w, str) or not _TOKEN.fullmatch(w) or w != w.casefold():
            raise DataFileError(path, f"{w!r} is not one lower-case word", field=f"{where}[{i}]")
    return list(value)


def _incident_forms(verbs: Any, path: str) -> dict[str, str]:
    """Form -> lemma of the incident verbs (a study's story names them; none in general)."""
    if verbs is None:
        return {}
    if not isinstance(verbs, dict):
        raise DataFileError(path, "must map each verb to a list of its forms", field="incident_verbs")
    forms: dict[str, str] = {}
    for lemma, items in verbs.items():
        where = f"incident_verbs.{lemma}"
        for form in _words(items, path, where):
            if forms.get(form, lemma) != lemma:
                raise DataFileError(path, f"{form!r} is also a form of {forms[form]!r}", field=where)
            forms[form] = str(lemma)
    return forms


def with_incident_verbs(words: AgencyWords, path: str) -> AgencyWords:
    """General agency words with a study's incident verbs (file: version, incident_verbs)."""
    data = read_yaml(path, keys=("version", "incident_verbs"))
    if not isinstance(data, dict) or data.get("version") != 1:
        raise DataFileError(path, "must be 1", field="version")
    forms = _incident_forms(data.get("incident_verbs"), path)
    if not forms:
        raise DataFileError(path, "must map each verb to a list of its forms", field="incident_verbs")
    return replace(words, incident_forms=forms, path=f"{words.path}+{path}")


def parse_agency_words(data: Any, path: str) -> AgencyWords:
    """Validate the parsed YAML of an agency word-list file; errors name file and field."""
    if not isinstance(data, dict):
        raise DataFileError(path, "the file must be a mapping")
    if data.get("version") != 1:
        raise DataFileError(path, "must be 1", field="version")
    unknown = set(data) - {"version", "incident_verbs", "irregular_participles", "not_passive",
                           "between"}
    if unknown:
        raise DataFileError(path, f"unknown field(s) {sorted(unknown)}", field=sorted(unknown)[0])
    forms = _incident_forms(data.get("incident_verbs"), path)
    return AgencyWords(forms,
                       frozenset(_words(data.get("irregular_participles"), path, "irregular_participles")),
                       frozenset(_words(data.get("not_passive"), path, "not_passive")),
                       frozenset(_words(data.get("between"), path, "between")), path)


@file_cache(maxsize=8)
def load_agency_words(path: str | None = None) -> AgencyWords:
    """Read and validate an agency word-list file (the packaged ``data/agency.yaml`` by default)."""
    path = str(path or packaged("agency.yaml"))
    return parse_agency_words(read_yaml(path, keys=("version", "incident_verbs", "irregular_participles",
                                                   "not_passive", "between")), path)


def is_participle(word: str, words: AgencyWords | None = None) -> bool:
    """True for a past participle: an irregular one or a word ending in -ed (not an exception)."""
    words = load_agency_words() if words is None else words
    w = word.casefold()
    if w in words.not_passive:
        return False
    return w in words.irregular or (len(w) >= 4 and w.endswith("ed"))


def _skippable(word: str, words: AgencyWords) -> bool:
    """Words allowed between *be* and its participle."""
    w = word.casefold()
    return w in words.between or (w.endswith("ly") and len(w) > 3)


#: Words that end a subject phrase when walking back from its last word (determiners do not).
_SUBJECT_STOP = NOT_SUBJECT - DETERMINERS


def clause_hits(text: str, words: AgencyWords | None = None) -> list[dict[str, Any]]:
    """Passives and active incident clauses in one sentence or paragraph (offsets into text)."""
    words = load_agency_words() if words is None else words
    incident = words.incident_forms
    toks = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    low = [t[0].casefold() for t in toks]
    hits: list[dict[str, Any]] = []
    used: set[int] = set()
    for i, (_, s, _) in enumerate(toks):
        if low[i] not in BE or i in used:
            continue
        j = i + 1
        while j < len(toks) and j - i <= 4 and _skippable(toks[j][0], words) \
                and not is_participle(toks[j][0], words):
            j += 1
        if j >= len(toks) or not is_participle(toks[j][0], words) or low[j] == "been":
            continue
        if _CLAUSE_BREAK.search(text[s:toks[j][1]]):
            continue
        pe = toks[j][2]
        used.update(range(i, j + 1))
        agent = None
        for k in range(j + 1, min(len(toks), j + 1 + AGENT_WINDOW)):
            if _CLAUSE_BREAK.search(text[pe:toks[k][1]]) or low[k] in BE:
                break
            if low[k] == "by":
                agent = text[toks[k][1]:_agent_end(text, toks, k)]
                break
        hits.append({"kind": "agent_passive" if agent else "agentless_passive",
                     "incident": low[j] in incident, "verb": low[j],
                     "agent": agent, "start": s, "end": pe, "matched": text[s:pe]})
    for j, (_, s, e) in enumerate(toks):
        if low[j] not in incident or j in used or j == 0:
            continue
        k = j - 1
        while k >= 0 and (_skippable(toks[k][0], words) or low[k] in TIME) \
                and low[k] not in BE:
            k -= 1
        if k < 0 or low[k] in BE or low[k] in NOT_SUBJECT:
            continue
        if _CLAUSE_BREAK.search(text[toks[k][2]:s]):
            continue
        first = k
        while first > 0 and j - first < 4 and low[first - 1] not in _SUBJECT_STOP:
            if _CLAUSE_BREAK.search(text[toks[first - 1][2]:toks[first][1]]):
                break
            first -= 1
            if low[first] in DETERMINERS:
                break
        hits.append({"kind": "active_agent", "incident": True, "verb": low[j],
                     "agent": text[toks[first][1]:toks[k][2]], "start": toks[first][1], "end": e,
                     "matched": text[toks[first][1]:e]})
    return sorted(hits, key=lambda h: h["start"])


def _agent_end(text: str, toks: Sequence[tuple[str, int, int]], k: int) -> int:
    """End offset of the agent phrase after ``by`` (up to 5 words, within the clause)."""
    end, named = toks[k][2], False
    for t in toks[k + 1:k + 6]:
        if _CLAUSE_BREAK.search(text[end:t[1]]):
            break
        if t[0][0].isupper():
            end, named = t[2], True
        elif t[0].casefold() in DETERMINERS:
            if named:
                break
            end = t[2]
        else:
            if not named:
                end = t[2]  # a common noun head: "by officers", "by the police"
            break
    return end


def passive_rows(article: Article, words: AgencyWords | None = None,
                 sentences: Mapping[int, Sequence[tuple[int, int]]] | None = None
                 ) -> list[dict[str, Any]]:
    """One record per passive or active incident clause in the headline and body.

    ``sentences`` is ``tone.article_sentences(article)`` when the caller has it already.
    """
    from ..text.quotemarks import quote_spans
    from ..text.spans import SpanIndex
    from .tone import article_sentences

    words = load_agency_words() if words is None else words
    sentences = article_sentences(article) if sentences is None else sentences
    rows = []
    for i, p in enumerate(article.paragraphs):
        if not p.analysed:
            continue
        marks = SpanIndex([(x, y, 0) for x, y in quote_spans(p.text)])
        for a, b in sentences[i]:
            sent = p.text[a:b]
            for h in clause_hits(sent, words):
                s, e = a + h["start"], a + h["end"]
                inside = marks.containing(s, e) is not None
                rows.append({"article_id": article.id, "paragraph": p.index, "kind": h["kind"],
                             "incident": h["incident"], "verb": h["verb"], "agent": h["agent"],
                             "matched": h["matched"], "start": p.start + s, "end": p.start + e,
                             "voice": "quote" if inside else "outlet", "sentence": sent})
    return rows


def agency_summary(rows: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """Counts: agentless and agent passives, incident agentless passives, active incident clauses."""
    rows = list(rows)
    return {
        "agentless_passives": sum(r["kind"] == "agentless_passive" for r in rows),
        "agent_passives": sum(r["kind"] == "agent_passive" for r in rows),
        "incident_agentless_passives": sum(r["kind"] == "agentless_passive" and r["incident"]
                                           for r in rows),
        "active_incident_clauses": sum(r["kind"] == "active_agent" for r in rows),
    }
