"""Agency: agentless passives (``was threatened with arrest``) vs clauses that name the agent.

Rule-based, per sentence of the headline and body paragraphs:

* a **passive** is a form of *be* (optionally followed by adverbs, ``been``/``being`` or a
  quote mark) and then a past participle (a word ending in -ed, or an irregular participle
  listed below); it is **agentless** unless ``by`` follows within ``AGENT_WINDOW`` words of
  the same clause (no comma, semicolon, colon or dash in between);
* an **active incident clause** is a past, -s or -ing form of an incident verb (threaten,
  warn, stop, arrest, tell, describe, ...) not preceded by *be*, with a word before it that
  can be its subject (``an officer threatened``); the words before it are reported as agent;
* a passive is an **incident** passive when its participle is an incident verb's.
"""
from __future__ import annotations

import re
from typing import Any, Iterable, Mapping, Sequence

from .model import Article

BE = frozenset("am is are was were be been being isn't wasn't aren't weren't isn’t wasn’t "
               "aren’t weren’t".split())
#: Words allowed between *be* and the participle besides -ly adverbs.
BETWEEN = frozenset("not never also then still been being reportedly allegedly later first "
                    "even all both just repeatedly already now so subsequently".split())
IRREGULAR = frozenset(
    "been born beaten bitten blown broken brought built bought caught chosen come cut dealt "
    "done drawn driven eaten fallen felt fought found forbidden forgotten forgiven frozen given "
    "gone grown hung had heard held hidden hit hurt kept known laid led left lent let lain lost "
    "made meant met paid put read rung risen run said seen sought sold sent set shaken shot "
    "shown shut sung sunk sat slept spoken spent spun split spread stood stolen struck sworn "
    "swept swum taken taught torn told thought thrown understood woken worn won written "
    "withdrawn overseen overtaken undertaken upheld".split())
#: -ed words that are not participles, and participles used as adjectives after *be*.
NOT_PASSIVE = frozenset(
    "red bed shed seed speed need indeed hundred sacred naked wicked kindred rugged ragged "
    "concerned worried interested determined supposed used based committed tired pleased "
    "delighted disappointed prepared aged skilled".split())
#: Incident verbs: the forms that count for the incident flag and for active clauses.
INCIDENT_VERBS = {
    "threaten": "threatened threatening threatens",
    "warn": "warned warning warns",
    "stop": "stopped stopping stops",
    "arrest": "arrested arresting arrests",
    "tell": "told telling tells",
    "describe": "described describing describes",
    "film": "filmed filming films",
    "record": "recorded recording records",
    "push": "pushed pushing pushes",
    "order": "ordered ordering orders",
    "detain": "detained detaining detains",
    "block": "blocked blocking blocks",
    "prevent": "prevented preventing prevents",
    "escort": "escorted escorting escorts",
    "remove": "removed removing removes",
    "haul": "hauled hauling hauls",
    "summon": "summoned summoning summons",
}
INCIDENT_FORMS = {f: lemma for lemma, forms in INCIDENT_VERBS.items() for f in forms.split()}
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


def is_participle(word: str) -> bool:
    """True for a past participle: an irregular one or a word ending in -ed (not an exception)."""
    w = word.casefold()
    if w in NOT_PASSIVE:
        return False
    return w in IRREGULAR or (len(w) >= 4 and w.endswith("ed"))


def _skippable(word: str) -> bool:
    """Words allowed between *be* and its participle."""
    w = word.casefold()
    return w in BETWEEN or (w.endswith("ly") and len(w) > 3)


def clause_hits(text: str) -> list[dict[str, Any]]:
    """Passives and active incident clauses in one sentence or paragraph (offsets into text)."""
    toks = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    low = [t[0].casefold() for t in toks]
    hits: list[dict[str, Any]] = []
    used: set[int] = set()
    for i, (w, s, _) in enumerate(toks):
        if low[i] not in BE or i in used:
            continue
        j = i + 1
        while j < len(toks) and j - i <= 4 and _skippable(toks[j][0]) and not is_participle(toks[j][0]):
            j += 1
        if j >= len(toks) or not is_participle(toks[j][0]) or toks[j][0].casefold() in ("been",):
            continue
        if _CLAUSE_BREAK.search(text[s:toks[j][1]]):
            continue
        part, pe = toks[j][0], toks[j][2]
        used.update(range(i, j + 1))
        agent = None
        for k in range(j + 1, min(len(toks), j + 1 + AGENT_WINDOW)):
            if _CLAUSE_BREAK.search(text[pe:toks[k][1]]) or toks[k][0].casefold() in BE:
                break
            if toks[k][0].casefold() == "by":
                agent = text[toks[k][1]:_agent_end(text, toks, k)]
                break
        hits.append({"kind": "agent_passive" if agent else "agentless_passive",
                     "incident": part.casefold() in INCIDENT_FORMS, "verb": part.casefold(),
                     "agent": agent, "start": s, "end": pe, "matched": text[s:pe]})
    for j, (w, s, e) in enumerate(toks):
        if low[j] not in INCIDENT_FORMS or j in used or j == 0:
            continue
        k = j - 1
        while k >= 0 and (_skippable(toks[k][0]) or toks[k][0].casefold() in TIME) \
                and toks[k][0].casefold() not in BE:
            k -= 1
        if k < 0 or toks[k][0].casefold() in BE or toks[k][0].casefold() in NOT_SUBJECT:
            continue
        if _CLAUSE_BREAK.search(text[toks[k][2]:s]):
            continue
        first = k
        while first > 0 and j - first < 4 and toks[first - 1][0].casefold() not in NOT_SUBJECT - DETERMINERS:
            if _CLAUSE_BREAK.search(text[toks[first - 1][2]:toks[first][1]]):
                break
            first -= 1
            if toks[first][0].casefold() in DETERMINERS:
                break
        hits.append({"kind": "active_agent", "incident": True, "verb": w.casefold(),
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


def passive_rows(article: Article) -> list[dict[str, Any]]:
    """One record per passive or active incident clause in the headline and body."""
    from .lexicon import quote_spans
    from .tone import sentence_spans

    rows = []
    for p in article.paragraphs:
        if not p.analysed:
            continue
        marks = quote_spans(p.text)
        for a, b in sentence_spans(p.text):
            sent = p.text[a:b]
            for h in clause_hits(sent):
                s, e = a + h["start"], a + h["end"]
                inside = any(x <= s and e <= y for x, y in marks)
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
