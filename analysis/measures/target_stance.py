"""Stance of a statement toward any target: critical, defensive, mixed or neutral, with evidence.

:func:`code_statement` reads one statement (a :class:`~analysis.model.Statement` whose offsets
point into ``article.text``) against a :class:`~analysis.knowledge.target.Target`:

0. **Fragments** (partial and scare quotes) are coded with the sentence around them, by the
   rules only.
1. **Scope.** The statement is split into sentences and clauses (at ``; : --``, sentence ends
   and the contrast and concession words of ``data/stance_cues.yaml``).  A clause is about the
   target when it mentions it (``target_mentions``); a clause naming only someone else is not;
   a clause naming nobody takes the entity of the clause before it (or after it, for the
   first), and a statement naming nobody at all is about the target when the sentence of the
   article around it mentions the target.  A word in a clause that names both the target and
   someone else belongs to the nearer of the two (ties: the one before it).
2. **Speech acts** (``speech_acts`` of the cues file: calls to resign or to investigate, lost
   confidence, praise, thanks, defence, apology accepted or rejected, ...) aimed at the target
   by the cue's ``aim`` rule; a negation shortly before an act flips its side.  A speech act
   decides: ``rule = speech_act``.
3. **Speaker alignment.** When the statement's ``actor`` is one of ``target.actor_ids`` or
   ``target.allies`` (or, with no actor id, its speaker phrase names the target), the
   statement is ``defensive`` (``rule = alignment``) unless a critical speech act says
   otherwise (then ``mixed``).  A declared critic's statement (``critics`` of a study's cues
   file) is ``critical`` likewise, and ``mixed`` with a defensive speech act.
4. **Evaluation.** VADER lexicon words (read at run time from the installed vaderSentiment
   package) in the target's scope, their sign flipped after a negation within three words
   (VADER's own negation list), halved in a hedged clause, and weighted by contrast ("X, but Y":
   X counts half).  With a statistical model (``data/stance_model.json``, see
   :func:`load_model`) the model's probabilities over these same features decide the side
   (``rule = model``); without it the sign of the weighted sum does (``rule = evaluation``).
   Both sides strongly present -> ``mixed``.
5. Otherwise ``neutral`` (``rule = none``; ``rule = out_of_scope`` when the statement is not
   about the target).

Every code carries ``evidence``: a tuple of :class:`Evidence` records (offsets into
``article.text``, the words, the rule, the side).
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from ..text.tokens import Tokens
from ..text.regexkeys import first_key, hits_at, key_present, required_keys
from ..text.wordkeys import (KeyIndex, WordKey, candidates, fold, key_index, key_starts_in,
                             text_words)
from ..model import Article, Statement
from .stance_cues import AIMS, SIDES, Cues, SpeechAct, load_cues, merge_cues, parse_cues, valences
from .stance_model import MODEL_CLASSES, Model, load_model, predict
from ..knowledge.target import Target, other_names, target_mentions
from ..quotes.utterances import dedupe_statements, same_voice

__all__ = ["AIMS", "SIDES", "STANCES", "RULES", "MODEL_CLASSES", "Cues", "SpeechAct", "Model",
           "Evidence", "StanceCode", "Scope", "ArticleIndex", "load_cues", "merge_cues",
           "parse_cues", "valences", "load_model", "predict", "article_index", "statement_scope",
           "speech_acts", "evaluations", "features", "is_aligned", "code_statement",
           "statement_features", "combine", "code_pieces", "evidence_records",
           "dedupe_statements", "same_voice", "clear_caches"]

STANCES = ("critical", "defensive", "mixed", "neutral")
RULES = ("speech_act", "alignment", "model", "evaluation", "none", "out_of_scope")
#: Rules whose code of one piece outweighs the model's code of another piece of a statement.
STRONG_RULES = frozenset(("speech_act", "alignment"))
#: Weighted evaluation each side needs, in the rule-only coder, to count.
EVAL_THRESHOLD = 1.0
#: Weighted evaluation both sides need for ``mixed`` when no speech act decides.
MIXED_THRESHOLD = 2.0
#: Least absolute VADER valence of a word read as evaluation (weaker words are noise in news).
MIN_VALENCE = 1.0
#: Words before an evaluative word searched for a negation.
NEGATION_WINDOW = 3
#: Words before a contrast word searched for the negation it corrects ("not A but B").
CORRECTIVE_WINDOW = 6
#: Words before a speech act searched for a negation (calls are often long: "not pushing for
#: the chief to be sacked").
ACT_NEGATION_WINDOW = 8
#: Statement kinds that are fragments of speech: coded with the sentence they stand in.
FRAGMENT_KINDS = ("partial", "scare")
#: Words of a speaker phrase that make it not the target's own voice although it names the
#: target ("critics of the authority").
NOT_OWN_VOICE = frozenset("critic critics opponent opponents victim victims against".split())
#: Tokens either side of a mention whose words are the model's "near" features.
NEAR_WINDOW = 4
#: Least weight difference (side minus neutral) for a word to be listed as model evidence.
MODEL_EVIDENCE_MIN = 0.3
#: Prefixes of the model's word features (see ``features``).
_WORD_PREFIXES = frozenset(("w:", "s:", "l:", "r:", "d:"))
#: Words by which the target's own voice refers to itself.
FIRST_PERSON = frozenset("i me my myself we us our ours ourselves".split())
_BREAK = frozenset(";:\u2014\u2013")
_AFTER_BREAK = frozenset(".!?,")
_ENDS = frozenset(".!?")
_QUOTE_MARKS = frozenset("\"\u201c\u201d\u2018\u2019'")


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence: offsets into article.text, the words, the rule and the side."""

    start: int
    end: int
    words: str
    rule: str
    side: str
    weight: float = 1.0


@dataclass(frozen=True)
class StanceCode:
    """A statement's stance toward the target, the deciding rule and its evidence.

    ``lean`` is the side to report where only three classes exist (mixed -> the heavier side).
    """

    stance: str
    rule: str
    evidence: tuple[Evidence, ...] = ()
    lean: str = "neutral"


# --- scope -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Scope:
    """A statement's tokens, its clauses and which clause and entity each token belongs to.

    ``owner[i]`` is True when token i is in the target's scope; ``weight[i]`` is its clause's
    weight (contrast, hedge); ``mention[i]`` marks tokens of a target mention.
    """

    toks: Tokens
    owner: tuple[bool, ...]
    weight: tuple[float, ...]
    mention: tuple[bool, ...]
    clause: tuple[int, ...]
    about: bool
    entities: tuple[tuple[int, bool], ...]  # (token index, is the target), in order
    acts: tuple[tuple[int, int, int], ...] = ()  # speech-act hits inside the statement
    contrast: int = -1  # offset of the first contrast word in the statement, -1 if none
    negated: tuple[bool, ...] = ()  # token i is negated (see _is_negated)


def _token_at(spans: Sequence[tuple[int, int]], pos: int) -> int:
    """Index of the token holding character pos (or the next one)."""
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid][1] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo


class ArticleIndex:
    """What the coder looks up per article: target mentions, other names and sentences (per
    paragraph, absolute offsets) and speech-act hits (over the whole text), each worked out
    the first time a statement needs it and kept for the article's other statements.

    ``mentions_in(lo, hi)`` and ``others_in(lo, hi)`` are the sorted spans
    starting in [lo, hi), as if every paragraph had been read first; ``mentions``, ``others``,
    ``sentences`` and ``acts`` are the whole article's, in order.
    """

    __slots__ = ("text", "paragraphs", "target", "cues", "_starts", "_ends", "_ordered",
                 "_names", "_sents", "_acts", "_asked")

    def __init__(self, text: str, paragraphs: tuple[tuple[int, int], ...], target: Target,
                 cues: Cues) -> None:
        """An index with nothing read yet."""
        self.text, self.paragraphs, self.target, self.cues = text, paragraphs, target, cues
        self._starts = [a for a, _ in paragraphs]
        self._ends = [b for _, b in paragraphs]
        # paragraphs in order and apart (as articles have them): only those a query
        # touches need reading; otherwise every one is read, as the spans' order requires
        self._ordered = all(a <= b for a, b in paragraphs) and all(
            paragraphs[k][1] <= paragraphs[k + 1][0] for k in range(len(paragraphs) - 1))
        self._names: dict[int, tuple[list[tuple[int, int]], list[tuple[int, int]]]] = {}
        self._sents: dict[int, list[tuple[int, int]]] = {}
        self._acts: tuple[tuple[int, int, int], ...] | None = None
        self._asked: dict[tuple[int, int, int], list[tuple[int, ...]]] = {}

    def _touching(self, lo: int, hi: int) -> range:
        """Indices of the paragraphs that can hold a span starting in [lo, hi)."""
        if not self._ordered:
            return range(len(self.paragraphs))
        from bisect import bisect_left, bisect_right

        return range(bisect_right(self._ends, lo), bisect_left(self._starts, hi))

    def _names_of(self, k: int) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Target mentions and other names of paragraph k (absolute offsets)."""
        got = self._names.get(k)
        if got is None:
            lo, hi = self.paragraphs[k]
            chunk = self.text[lo:hi]
            found = target_mentions(chunk, self.target)
            got = self._names[k] = ([(lo + a, lo + b) for a, b in found],
                                    [(lo + a, lo + b) for a, b in other_names(chunk, found)])
        return got

    def _sentences_of(self, k: int) -> list[tuple[int, int]]:
        """Sentence spans of paragraph k (absolute offsets)."""
        got = self._sents.get(k)
        if got is None:
            from ..text.sentences import sentence_spans

            lo, hi = self.paragraphs[k]
            got = self._sents[k] = [(lo + a, lo + b) for a, b in sentence_spans(self.text[lo:hi])]
        return got

    def _gather(self, part: Any, lo: int, hi: int) -> list[tuple[int, ...]]:
        """The spans of one part (a function of a paragraph index) starting in [lo, hi)."""
        return _within([x for k in self._touching(lo, hi) for x in part(k)], lo, hi)

    def mentions_in(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """Target mentions starting in [lo, hi) (a paragraph's are asked for by each of its
        statements: kept; callers do not change the list)."""
        key = (lo, hi, 0)
        got = self._asked.get(key)
        if got is None:
            got = self._asked[key] = self._gather(lambda k: self._names_of(k)[0], lo, hi)
        return got  # type: ignore[return-value]

    def others_in(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """Other names (capitalised runs that are not the target) starting in [lo, hi)."""
        key = (lo, hi, 1)
        got = self._asked.get(key)
        if got is None:
            got = self._asked[key] = self._gather(lambda k: self._names_of(k)[1], lo, hi)
        return got  # type: ignore[return-value]

    def sentences_over(self, start: int, end: int, since: int) -> list[tuple[int, int]]:
        """Sentences starting in [since, end) that overlap [start, end) (a sentence lies in
        its paragraph, so only the paragraphs overlapping [start, end) are read)."""
        if self._ordered:
            spans = [x for k in self._touching(start, end) for x in self._sentences_of(k)
                     if since <= x[0] < end]
        else:
            spans = _within(self.sentences, since, end)  # type: ignore[assignment]
        return [(a, b) for a, b in spans if a < end and b > start]

    @property
    def mentions(self) -> tuple[tuple[int, int], ...]:
        """Every target mention of the article, in order."""
        return tuple(x for k in range(len(self.paragraphs)) for x in self._names_of(k)[0])

    @property
    def others(self) -> tuple[tuple[int, int], ...]:
        """Every other name of the article, in order."""
        return tuple(x for k in range(len(self.paragraphs)) for x in self._names_of(k)[1])

    @property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        """Every sentence of the article, in order."""
        return tuple(x for k in range(len(self.paragraphs)) for x in self._sentences_of(k))

    @property
    def acts(self) -> tuple[tuple[int, int, int], ...]:
        """(start, end, index into cues.acts) of every speech-act hit of the text, sorted."""
        if self._acts is None:
            self._acts = tuple(_act_hits(self.text, self.cues))
        return self._acts


@dataclass(frozen=True)
class _ActKeys:
    """What is known of a cue file's speech-act patterns before any text: the first-word index
    (acts whose first word is absent are skipped), each act's first key (None: search the
    whole text) and its required keys (all must be present; see analysis.text.regexkeys)."""

    index: KeyIndex
    first: tuple[WordKey | None, ...]
    required: tuple[tuple[WordKey, ...], ...]


@lru_cache(maxsize=8)
def _act_keys(cues: Cues) -> _ActKeys:
    """The _ActKeys of a cue file's speech acts, phrases and ``re:`` patterns alike."""
    first = tuple(first_key(act.pattern) for act in cues.acts)
    return _ActKeys(key_index(list(first)), first,
                    tuple(required_keys(act.pattern) for act in cues.acts))


def _act_hits(text: str, cues: Cues) -> list[tuple[int, int, int]]:
    """(start, end, act index) of every speech-act hit in a text, sorted: for each act what
    ``act.pattern.finditer(text)`` finds, but tried only where its first word starts, and only
    when every word it requires is in the text."""
    keys = _act_keys(cues)
    words = text_words(text)
    ordered = sorted(words)
    folded = fold(text)
    starts: dict[str, list[int]] = {}  # each first word's offsets, searched once
    found = []
    for k in candidates(keys.index, words):
        if not all(key_present(r, words, ordered) for r in keys.required[k]):
            continue
        pattern, first = cues.acts[k].pattern, keys.first[k]
        if first is None:
            found += [(m.start(), m.end(), k) for m in pattern.finditer(text)]
        else:
            found += [(a, b, k) for a, b in hits_at(pattern, text,
                                                    key_starts_in(first, folded, words, starts))]
    found.sort()
    return found


@lru_cache(maxsize=64)
def _index(text: str, paragraphs: tuple[tuple[int, int], ...], target: Target,
           cues: Cues) -> ArticleIndex:
    """The ArticleIndex of a text with these paragraph spans (cached: statements share it)."""
    return ArticleIndex(text, paragraphs, target, cues)


_LAST_INDEX: list[Any] = [None, None, None, None]


def article_index(article: Article, target: Target, cues: Cues) -> ArticleIndex:
    """The (cached) ArticleIndex of an article for a target and cues."""
    last = _LAST_INDEX
    if last[0] is article and last[1] is target and last[2] is cues:
        return last[3]  # the statements of one article share it: skip hashing the key
    paras = tuple((p.start, p.end) for p in article.paragraphs) or ((0, len(article.text)),)
    index = _index(article.text, paras, target, cues)
    last[:] = [article, target, cues, index]
    return index


def clear_caches() -> None:
    """Forget the per-article indexes (so that a timing pays for them again)."""
    _index.cache_clear()
    _LAST_INDEX[:] = [None, None, None, None]


def _within(spans: Sequence[tuple[int, ...]], lo: int, hi: int) -> list[tuple[int, ...]]:
    """The spans (sorted by start) starting in [lo, hi)."""
    from bisect import bisect_left

    i = bisect_left(spans, (lo,))
    j = bisect_left(spans, (hi,))
    return list(spans[i:j])


def _paragraph_of(index: ArticleIndex, pos: int, default_end: int) -> tuple[int, int]:
    """The (start, end) of the paragraph holding character pos (the whole text if none)."""
    from bisect import bisect_right

    k = bisect_right(index.paragraphs, (pos, 1 << 62)) - 1
    if k >= 0:
        a, b = index.paragraphs[k]
        if a <= pos < b or a == pos:
            return a, b
    return 0, default_end


def _about_from_sentence(statement: Statement, index: ArticleIndex,
                         mentions: Sequence[tuple[int, int]],
                         others: Sequence[tuple[int, int]]) -> bool:
    """For a statement naming nobody: True when its sentence mentions the target and names
    nobody else (the speaker aside)."""
    start, end = statement.start, statement.end
    lo = _paragraph_of(index, start, end)[0]
    near = index.sentences_over(start, end, lo)
    a, b = min([start] + [s for s, _ in near]), max([end] + [e for _, e in near])
    sp = (statement.speaker_start, statement.speaker_end)
    around = [m for m in mentions if a <= m[0] < b and not (start <= m[0] < end)]
    named_else = [m for m in others if a <= m[0] < b and not (start <= m[0] < end)
                  and not (sp[0] is not None and sp[0] <= m[0] < (sp[1] or 0))]
    return bool(around) and not named_else


def _corrective(low: Sequence[str], clause: Sequence[int], i: int, c: int) -> bool:
    """True when contrast word i corrects a negation of its clause ("not A but B"): a "not"
    (or "n't", "never") among the CORRECTIVE_WINDOW words before it and no comma between."""
    for k in range(i - 1, max(-1, i - CORRECTIVE_WINDOW - 1), -1):
        w = low[k]
        if w == "," or clause[k] != c:
            return False
        if w in ("not", "never") or w.endswith("n't") or w.endswith("n\u2019t"):
            return True
    return False


def _plainly_out_of_scope(statement: Statement, article: Article, target: Target,
                         index: ArticleIndex) -> bool:
    """True when statement_scope would find the statement not about the target with no token
    of it a target mention, decided without tokenising it: no target mention overlaps it, it
    is not the target's own voice, and it names someone else (a name starting inside it) or
    its sentence does not make it about the target.  No speech act can then be aimed at the
    target, so the statement is out of scope (or aligned)."""
    if statement.actor and statement.actor in target.actor_ids:
        return False
    start, end = statement.start, statement.end
    lo, hi = _paragraph_of(index, start, len(article.text))
    mentions = index.mentions_in(lo, hi)
    if any(b > start and a < end for a, b in mentions):
        return False
    others = index.others_in(lo, hi)
    if any(start <= a < end for a, _ in others):
        return True  # a name starts inside: a token of it names someone else
    return not _about_from_sentence(statement, index, mentions, others)


def statement_scope(statement: Statement, article: Article, target: Target,
                    cues: Cues) -> Scope:
    """Which tokens of a statement are about the target (see the module docstring, step 1)."""
    text = article.text
    start, end = statement.start, statement.end
    index = article_index(article, target, cues)
    lo, hi = _paragraph_of(index, start, len(text))
    mentions = index.mentions_in(lo, hi)
    others = index.others_in(lo, hi)
    toks = Tokens(text, start, end)
    n = len(toks)
    spans = toks.spans
    is_mention = [False] * n
    entity: list[tuple[int, bool]] = []
    if statement.actor and statement.actor in target.actor_ids:  # the target's own voice
        for k, w in enumerate(toks.lower):
            if w in FIRST_PERSON:
                is_mention[k] = True
                entity.append((k, True))
    for spans_of, flag in ((mentions, True), (others, False)):
        for a, b in spans_of:
            if b <= start or a >= end:
                continue
            i = _token_at(spans, max(a, start))
            j = _token_at(spans, min(b, end) - 1)
            for k in range(i, min(j + 1, n)):
                if flag:
                    is_mention[k] = True
            if i < n:
                entity.append((i, flag))
    entity.sort()
    if not entity and not _about_from_sentence(statement, index, mentions, others):
        return Scope(toks, (False,) * n, (1.0,) * n, tuple(is_mention), (0,) * n, False, (),
                     negated=_negation_marks(toks.lower, (0,) * n, cues))
    # clauses: a break starts a new one; "X, but Y" halves what came before; a concession
    # opener ("although X, Y") makes its clause (up to the next comma) count half
    clause = [0] * n
    weights = [1.0]
    hedged: set[int] = set()
    low = toks.lower
    in_concession = False
    special = _BREAK | cues.contrast | cues.concession | cues.hedges
    c = 0
    contrast_at = -1
    prev = ""
    for i in range(n):
        word = low[i]
        if word not in special and prev not in _AFTER_BREAK:
            clause[i] = c  # a plain word inside a clause: nothing changes
            prev = word
            continue
        prev = word
        if word in cues.contrast and _corrective(low, clause, i, c):
            clause[i] = c  # "not from A but from B": one clause, nothing halved
            continue
        if contrast_at < 0 and i > 0 and word in cues.contrast:
            contrast_at = spans[i][0]
        opener = i == 0 or low[i - 1] in _ENDS or low[i - 1] == ","
        breaks = i > 0 and (word in _BREAK or low[i - 1] in _ENDS or word in cues.contrast
                            or word in cues.concession
                            or (in_concession and low[i - 1] == ","))
        if breaks:
            if in_concession:
                in_concession = False
            weights.append(1.0)
        c = len(weights) - 1
        if word in cues.concession and opener:
            weights[c] = 0.5
            in_concession = True
        elif word in cues.contrast and i > 0:
            for k in range(c):
                weights[k] *= 0.5
        clause[i] = c
        if word in cues.hedges:
            hedged.add(c)
    weights = [wt * (0.5 if k in hedged else 1.0) for k, wt in enumerate(weights)]
    # each clause's entity: its own, or the previous clause's, or the next's
    by_clause: dict[int, list[tuple[int, bool]]] = {}
    for i, flag in entity:
        by_clause.setdefault(clause[i], []).append((i, flag))
    n_clauses = len(weights)
    inherited: list[bool | None] = [None] * n_clauses
    last: bool | None = None
    for k in range(n_clauses):
        if k in by_clause:
            last = by_clause[k][-1][1]
        inherited[k] = last
    nxt: bool | None = None
    for k in range(n_clauses - 1, -1, -1):
        if k in by_clause:
            nxt = by_clause[k][0][1]
        if inherited[k] is None:
            inherited[k] = nxt
    about = any(flag for _, flag in entity)
    if not entity:  # (about, or the function returned above)
        about = True
        inherited = [True] * n_clauses
    from bisect import bisect_left

    mixed_clause = {k: [e[0] for e in own] for k, own in by_clause.items()
                    if any(f for _, f in own) and not all(f for _, f in own)}
    flags = {k: [e[1] for e in own] for k, own in by_clause.items()}
    owner = []
    for i in range(n):
        k = clause[i]
        pos = mixed_clause.get(k)
        if pos is None:
            owner.append(bool(inherited[k]))
            continue
        j = bisect_left(pos, i)  # the nearest entity; on a tie the one before
        if j == len(pos) or (j > 0 and i - pos[j - 1] <= pos[j] - i):
            j -= 1
        owner.append(flags[k][j])
    return Scope(toks, tuple(owner), tuple([weights[k] for k in clause]), tuple(is_mention),
                 tuple(clause), about, tuple(entity),
                 tuple(h for h in _within(index.acts, start, end) if h[1] <= end),
                 contrast_at, _negation_marks(low, clause, cues))


# --- evidence ----------------------------------------------------------------------------

def _aimed_at_target(scope: Scope, i: int, j: int, aim: str) -> bool:
    """True when the speech act over tokens i..j is aimed at the target by its aim rule."""
    clause = scope.clause[i]
    ents = [(k, f) for k, f in scope.entities if scope.clause[k] == clause]
    if aim == "before" and ents:
        prior = [e for e in ents if e[0] < i]
        return bool(prior) and prior[-1][1]
    if aim == "after" and ents:
        after = [e for e in ents if e[0] > j]
        kept = [e for e in after if not scope.negated[e[0]]]  # "not from A but from B": B
        after = kept or after
        return bool(after) and after[0][1]
    if ents:
        return min(ents, key=lambda e: (min(abs(e[0] - i), abs(e[0] - j)), e[0] > i))[1]
    return scope.owner[i]


def speech_acts(scope: Scope, cues: Cues) -> list[Evidence]:
    """Speech acts of the cues aimed at the target, as evidence."""
    toks = scope.toks
    if not toks.spans:
        return []
    out = []
    for a, b, k in scope.acts:
        act = cues.acts[k]
        i = _token_at(toks.spans, a)
        j = max(i, _token_at(toks.spans, b - 1))
        if i >= len(toks):
            continue
        if any(scope.mention[i:j + 1]) or _aimed_at_target(scope, i, j, act.aim):
            if _act_negated(toks.lower, i, scope.clause, cues):
                out.append(Evidence(a, b, toks.text[a:b], f"speech_act:{act.act}:negated",
                                    _opposite(act.side), scope.weight[i]))
            else:
                out.append(Evidence(a, b, toks.text[a:b], f"speech_act:{act.act}", act.side,
                                    scope.weight[i]))
    return out


def _act_negated(low: Sequence[str], i: int, clause: Sequence[int], cues: Cues) -> bool:
    """True when a negation comes in the ACT_NEGATION_WINDOW words before a speech act (same
    clause: "not calling for her to resign"), or a clause-wide negation earlier in its clause."""
    negations = valences()[1]
    for k in range(max(0, i - ACT_NEGATION_WINDOW), i):
        if clause[k] == clause[i] and (low[k] in negations or low[k].endswith("n't")
                                       or low[k] in cues.negations):
            return True
    return _is_negated(low, i, frozenset(), clause, cues.negations)


def _negation_marks(low: Sequence[str], clause: Sequence[int], cues: Cues) -> tuple[bool, ...]:
    """For each token, whether _is_negated holds (computed in one pass)."""
    negations = valences()[1]
    wide = cues.negations
    out = []
    recent = -NEGATION_WINDOW - 1  # index of the last plain negation
    wide_clause = -1  # the clause in which a clause-wide negation was seen
    for i, w in enumerate(low):
        c = clause[i]
        out.append((recent >= 0 and i - recent <= NEGATION_WINDOW and clause[recent] == c)
                   or wide_clause == c)
        if w in negations or (w[-3:] == "n't"):
            recent = i
        if w in wide:
            wide_clause = c
    return tuple(out)


def _is_negated(low: Sequence[str], i: int, negations: frozenset[str], clause: Sequence[int],
                wide: frozenset[str] = frozenset()) -> bool:
    """True when one of the NEGATION_WINDOW words before token i (same clause) negates it, or
    a clause-wide negation (``wide``: "nobody") comes earlier in its clause."""
    for k in range(max(0, i - NEGATION_WINDOW), i):
        if clause[k] == clause[i] and (low[k] in negations or low[k].endswith("n't")):
            return True
    if wide:
        k = i - 1
        while k >= 0 and clause[k] == clause[i]:
            if low[k] in wide:
                return True
            k -= 1
    return False


def _stem(word: str) -> str | None:
    """The word without a plain -s, -ed or -ing ending (for lexicon look-up), or None."""
    for end in ("ing", "ed", "s"):
        if word.endswith(end) and len(word) > len(end) + 3:
            return word[:-len(end)]
    return None


_LAST_HITS: list[Any] = [None, None, None]


_MISSING = object()
_LAST_TABLE: list[Any] = [None, None]


def _valence_table(cues: Cues) -> dict[str, float | None]:
    """A memo of _word_valence for one cues object (words repeat across statements)."""
    if _LAST_TABLE[0] is not cues or len(_LAST_TABLE[1]) > 500_000:  # bounded memory
        _LAST_TABLE[:] = [cues, {}]
    return _LAST_TABLE[1]


def _word_valence(word: str, cues: Cues) -> float | None:
    """The VADER valence a (case-folded) word is read with, or None when it is not evaluation."""
    lexicon, negations = valences()
    v = lexicon.get(word)
    stem = _stem(word)
    if v is None and stem:
        v = lexicon.get(stem)
    if v is None or abs(v) < MIN_VALENCE:
        return None
    if word in cues.ignore or stem in cues.ignore or word in negations or word in cues.negations:
        return None
    return v


def _lexicon_hits(scope: Scope, cues: Cues) -> list[tuple[int, float]]:
    """(token index, signed weight) of every evaluative word of a statement, in or out of scope."""
    if _LAST_HITS[0] is scope and _LAST_HITS[1] is cues:
        return _LAST_HITS[2]
    table = _valence_table(cues)
    toks = scope.toks
    out = []
    for i, word in enumerate(toks.lower):
        if scope.mention[i]:
            continue
        v = table.get(word, _MISSING)
        if v is _MISSING:
            v = table[word] = _word_valence(word, cues)
        if v is None or any(a <= toks.spans[i][0] < b for a, b, _ in scope.acts):
            continue
        if scope.negated[i]:
            v = -v * 0.74
        out.append((i, v))
    _LAST_HITS[:] = [scope, cues, out]
    return out


def evaluations(scope: Scope, cues: Cues, in_scope: bool = True) -> list[Evidence]:
    """Evaluative words (VADER valence) in (or, with in_scope False, outside) the target's scope."""
    toks = scope.toks
    out = []
    for i, v in _lexicon_hits(scope, cues):
        if scope.owner[i] != in_scope:
            continue
        a, b = toks.spans[i]
        out.append(Evidence(a, b, toks.words[i], "evaluation" if in_scope else "evaluation_out",
                            "critical" if v < 0 else "defensive",
                            round(abs(v) * scope.weight[i], 4)))
    return out


def _side_sums(evidence: Iterable[Evidence]) -> dict[str, float]:
    """Total evidence weight on each side."""
    sums = {s: 0.0 for s in SIDES}
    for e in evidence:
        sums[e.side] += e.weight
    return sums


# --- model -------------------------------------------------------------------------------

def _word_feature(word: str) -> str:
    """A token as a feature word: case-folded, digits collapsed."""
    return "<num>" if word[:1].isdigit() else word


def features(scope: Scope, acts: Sequence[Evidence], evals: Sequence[Evidence],
             outside: Sequence[Evidence], aligned: bool, cues: Cues) -> dict[str, float]:
    """The model's features of a statement: rule sums, words in scope and near the target."""
    f: dict[str, float] = {}
    s_in, s_out, s_act = _side_sums(evals), _side_sums(outside), _side_sums(acts)
    for side in SIDES:
        f[f"eval_{side}"] = math.log1p(s_in[side])
        f[f"out_{side}"] = math.log1p(s_out[side])
        f[f"act_{side}"] = float(s_act[side] > 0)
    f["aligned"] = float(aligned)
    f["about"] = float(scope.about)
    low = scope.toks.lower
    n = len(low)
    far = n + NEAR_WINDOW + 1
    after = [far] * n  # tokens to the next mention at or after i
    before = [far] * n  # tokens since the last mention at or before i
    k = far
    for i in range(n - 1, -1, -1):
        k = 0 if scope.mention[i] else k + 1
        after[i] = k
    k = far
    for i in range(n):
        k = 0 if scope.mention[i] else k + 1
        before[i] = k
    mention, negated, owner, words = scope.mention, scope.negated, scope.owner, scope.toks.words
    mentioned = any(mention)
    quoted = False
    prev = ""
    for i, word in enumerate(low):
        if word in _QUOTE_MARKS:
            quoted = True
        if mention[i] or not words[i][0].isalnum():
            prev = "<t>" if mention[i] else ""
            continue
        w = "<num>" if word[0].isdigit() else word  # as _word_feature
        if negated[i]:
            w = "not_" + w
        f["s:" + w] = 1.0
        if owner[i]:
            f["w:" + w] = 1.0
            if prev:
                f["b:" + prev + "_" + w] = 1.0
        a, b = after[i], before[i]
        d = a if a < b else b
        if d <= NEAR_WINDOW:
            f[("l:" if a <= NEAR_WINDOW else "r:") + w] = 1.0
        if mentioned:
            key = "d:" + w
            v = 3.0 / (3.0 + d)
            if f.get(key, 0.0) < v:
                f[key] = v
        prev = w
    for e in evals:
        i = _token_at(scope.toks.spans, e.start)
        if i < n and min(after[i], before[i]) <= NEAR_WINDOW:
            f[f"near_{e.side}"] = f.get(f"near_{e.side}", 0.0) + e.weight
    f["quoted"] = float(quoted)
    f["mentioned"] = float(mentioned)
    return f


def _model_evidence(model: Model, scope: Scope, feats: Mapping[str, float], side: str
                    ) -> list[Evidence]:
    """Words whose features pushed the model toward a side the most (up to five).

    A word's push is the sum over its word features (w: s: l: r: d:) of value x (weight of
    the side - weight of neutral); it is credited to the word's first occurrence.
    """
    k = MODEL_CLASSES.index(side)
    kn = MODEL_CLASSES.index("neutral")
    push: dict[str, float] = {}
    weights = model.weights
    for name, value in feats.items():
        if name[:2] in _WORD_PREFIXES:
            w = weights.get(name)
            if w is not None:
                push[name[2:]] = push.get(name[2:], 0.0) + (w[k] - w[kn]) * value
    strong = {word: p for word, p in push.items() if p >= MODEL_EVIDENCE_MIN}
    if not strong:
        return []
    toks = scope.toks
    first: dict[str, int] = {}
    for i, word in enumerate(toks.lower):
        if scope.mention[i] or not toks.is_word(i):
            continue
        w = ("not_" if scope.negated[i] else "") + _word_feature(word)
        if w in strong and w not in first:
            first[w] = i
    top = sorted(((strong[w], i) for w, i in first.items()), key=lambda c: (-c[0], c[1]))[:5]
    out = []
    for total, i in sorted(top, key=lambda c: c[1]):
        a, b = toks.spans[i]
        out.append(Evidence(a, b, toks.words[i], "model", side, round(total, 4)))
    return out


# --- the coder ---------------------------------------------------------------------------

def _decide(sides: Mapping[str, float], threshold: float) -> str:
    """critical / defensive / mixed / neutral from the two sides' weights."""
    crit, dfn = sides["critical"] >= threshold, sides["defensive"] >= threshold
    if crit and dfn:
        return "mixed"
    return "critical" if crit else "defensive" if dfn else "neutral"


def _heavier(sides: Mapping[str, float]) -> str:
    """The side with more weight (neutral on a tie)."""
    if sides["critical"] > sides["defensive"]:
        return "critical"
    if sides["defensive"] > sides["critical"]:
        return "defensive"
    return "neutral"


def _opposite(side: str) -> str:
    """The other side."""
    return "defensive" if side == "critical" else "critical"


def _contrast_split(scope: Scope, evals: Sequence[Evidence]) -> bool:
    """True when evaluation before a contrast word and after it take opposite sides ("X, but Y")."""
    if scope.contrast < 0:
        return False
    before = _side_sums(e for e in evals if e.start < scope.contrast)
    after = _side_sums(e for e in evals if e.start > scope.contrast)
    return any(before[x] >= EVAL_THRESHOLD / 2 and after[_opposite(x)] >= EVAL_THRESHOLD
               for x in SIDES)


def _fragment_sentence(statement: Statement, article: Article, target: Target,
                       cues: Cues) -> Statement:
    """A fragment (partial or scare quote) widened to the sentence(s) of the article around it."""
    index = article_index(article, target, cues)
    near = index.sentences_over(statement.start, statement.end, statement.start - 2000)
    if not near:
        return statement
    a = min(statement.start, min(x for x, _ in near))
    b = max(statement.end, max(y for _, y in near))
    return replace(statement, start=a, end=b, text=article.text[a:b])


def is_aligned(statement: Statement, article: Article, target: Target, cues: Cues) -> bool:
    """True when the statement is the target's own voice or an ally's.

    By actor id (``target.actor_ids``, ``target.allies``) or, for a speaker without an actor
    id, when the speaker phrase mentions the target ("a Harbour Authority spokesman", "its
    statement") and holds none of NOT_OWN_VOICE.
    """
    if statement.actor:
        return statement.actor in target.actor_ids or statement.actor in target.allies
    a, b = statement.speaker_start, statement.speaker_end
    if a is None or b is None or b <= a:
        return False
    index = article_index(article, target, cues)
    if not any(a <= s < b for s, _ in index.mentions_in(max(0, a - 200), b)):
        return False
    return not any(w.casefold() in NOT_OWN_VOICE for w in article.text[a:b].split())


def _alignment_code(statement: Statement, side: str = "defensive") -> StanceCode:
    """The code of a statement with no speech act by the speaker's alignment: the target's own
    voice or an ally's (defensive), or a declared critic's (critical)."""
    return StanceCode(side, "alignment",
                      (Evidence(statement.start, statement.end, statement.speaker or "",
                                "alignment", side),), side)


def code_statement(statement: Statement, article: Article, target: Target,
                   extra_cues: Cues | None = None, model: Model | None | bool = True,
                   cues: Cues | None = None) -> StanceCode:
    """The stance of one statement toward the target, the deciding rule and its evidence.

    ``extra_cues`` adds a study's cues to the general ones; ``model`` is True for the packaged
    model (when present), False for rules only, or a :class:`Model`.
    """
    cues = merge_cues(load_cues() if cues is None else cues, extra_cues)
    if model is True:
        model = load_model()
    elif model is False:
        model = None
    if statement.kind in FRAGMENT_KINDS:  # the sentence around it is not the speaker's words:
        statement = _fragment_sentence(statement, article, target, cues)
        model = None  # rules only
    opposed = bool(statement.actor) and statement.actor in cues.critics
    if _plainly_out_of_scope(statement, article, target, article_index(article, target, cues)):
        aligned = is_aligned(statement, article, target, cues)  # (as below, without tokens)
        if aligned or opposed:
            return _alignment_code(statement, "defensive" if aligned else "critical")
        return StanceCode("neutral", "out_of_scope", (), "neutral")
    scope = statement_scope(statement, article, target, cues)
    aligned = is_aligned(statement, article, target, cues)
    acts = speech_acts(scope, cues)
    evals = evaluations(scope, cues) if scope.about else []
    if acts:
        sides = _side_sums(acts)
        stance = _decide(sides, 1e-9)
        evidence = list(acts)
        if stance in SIDES:
            other = _opposite(stance)
            against = [e for e in evals if e.side == other]
            late = _side_sums(e for e in against if scope.contrast >= 0 and e.start > scope.contrast)
            # the speaker's alignment on the other side: the target's own voice or an ally
            # making a critical act, a declared critic a defensive one
            voice = (aligned and stance == "critical") or \
                (opposed and not aligned and stance == "defensive")
            if _side_sums(against)[other] >= MIXED_THRESHOLD or late[other] >= EVAL_THRESHOLD \
                    or voice:
                stance = "mixed"
                evidence += against
                if voice:  # recorded, with weight 0: it makes the code mixed, not its lean
                    evidence += [replace(e, weight=0.0)
                                 for e in _alignment_code(statement, other).evidence]
        lean = stance if stance in SIDES else _heavier(sides)
        return StanceCode(stance, "speech_act",
                          tuple(sorted(evidence, key=lambda e: (e.start, e.rule))), lean)
    if aligned or opposed:
        return _alignment_code(statement, "defensive" if aligned else "critical")
    if not scope.about:
        return StanceCode("neutral", "out_of_scope", (), "neutral")
    split = _contrast_split(scope, evals)
    sums = _side_sums(evals)
    if model is not None:
        feats = features(scope, acts, evals, evaluations(scope, cues, in_scope=False), aligned,
                         cues)
        probs = predict(model, feats)
        best = MODEL_CLASSES[max(range(len(probs)), key=lambda k: (probs[k], -k))]
        if best == "neutral":
            return StanceCode("neutral", "model", (), "neutral")
        stance = "mixed" if split else best
        ev = [e for e in evals if e.side == best or split]
        ev += _model_evidence(model, scope, feats, best)
        return StanceCode(stance, "model", tuple(sorted(ev, key=lambda e: (e.start, e.rule))),
                          best)
    stance = "mixed" if split else _decide(sums, EVAL_THRESHOLD)
    if stance == "mixed" and not split and min(sums.values()) < MIXED_THRESHOLD:
        stance = _heavier(sums)
    if stance == "neutral":
        return StanceCode("neutral", "none", (), "neutral")
    return StanceCode(stance, "evaluation", tuple(evals), _heavier(sums))


def statement_features(statement: Statement, article: Article, target: Target,
                       extra_cues: Cues | None = None, cues: Cues | None = None
                       ) -> dict[str, float]:
    """The model's features of one statement toward the target (for training and inspection)."""
    cues = merge_cues(load_cues() if cues is None else cues, extra_cues)
    if statement.kind in FRAGMENT_KINDS:
        statement = _fragment_sentence(statement, article, target, cues)
    scope = statement_scope(statement, article, target, cues)
    aligned = is_aligned(statement, article, target, cues)
    return features(scope, speech_acts(scope, cues), evaluations(scope, cues),
                    evaluations(scope, cues, in_scope=False), aligned, cues)


def evidence_records(code: StanceCode) -> list[dict[str, Any]]:
    """The evidence of a code as JSON-ready dicts."""
    return [{"start": e.start, "end": e.end, "words": e.words, "rule": e.rule, "side": e.side,
             "weight": e.weight} for e in code.evidence]


def combine(codes: Sequence[StanceCode]) -> StanceCode:
    """One code for the pieces of one statement: both sides present -> mixed.

    A piece decided by a speech act or alignment outweighs a piece on the other side that
    only the model decided (that piece is left out)."""
    codes = [c for c in codes]
    if not codes:
        return StanceCode("neutral", "none")
    sides = {c.stance for c in codes} - {"neutral"}
    evidence = tuple(e for c in codes for e in c.evidence)
    if not sides:
        return StanceCode("neutral", codes[0].rule, evidence)
    ruled = {c.stance for c in codes if c.rule in STRONG_RULES} - {"neutral"}
    if len(ruled) == 1 and ruled <= set(SIDES):  # a speech act or alignment outweighs the
        # model's reading of another piece on the other side ("X is a man ..." + "X must go")
        codes = [c for c in codes if not (c.rule == "model" and c.stance in set(SIDES) - ruled)]
        sides = {c.stance for c in codes} - {"neutral"}
        evidence = tuple(e for c in codes for e in c.evidence)
    deciding = next(c for c in codes if c.stance != "neutral")
    if sides == {"critical"} or sides == {"defensive"}:
        stance = sides.pop()
        return StanceCode(stance, deciding.rule, evidence, stance)
    weights = _side_sums(evidence)
    return StanceCode("mixed", deciding.rule, evidence, _heavier(weights))


def code_pieces(pieces: Iterable[Statement], article: Article, target: Target,
                extra_cues: Cues | None = None, model: Model | None | bool = True
                ) -> list[tuple[Statement, StanceCode]]:
    """Each statement piece with the code of its whole statement (its pieces combined).

    A quote that :func:`dedupe_statements` counts as part of an indirect statement (the same
    voice) takes that statement's code.
    """
    pieces = list(pieces)
    voice = same_voice(pieces)
    by_stmt: dict[int, list[StanceCode]] = {}
    for p in pieces:
        if p.statement not in voice:  # a quote inside an indirect statement: coded with it
            by_stmt.setdefault(p.statement, []).append(
                code_statement(p, article, target, extra_cues, model))
    combined = {k: combine(v) for k, v in by_stmt.items()}
    for inner, outer in voice.items():
        combined[inner] = combined[outer]
    return [(p, combined[p.statement]) for p in pieces]
