"""Stance of a statement toward any target: critical, defensive, mixed or neutral, with evidence.

:func:`code_statement` reads one statement (a :class:`~analysis.model.Statement` whose offsets
point into ``article.text``) against a :class:`~analysis.target.Target`:

1. **Scope.** The statement is split into sentences and clauses (at ``; : --``, sentence ends
   and the contrast and concession words of ``data/stance_cues.yaml``).  A clause is about the
   target when it mentions it (``target_mentions``); a clause naming only someone else is not;
   a clause naming nobody takes the entity of the clause before it (or after it, for the
   first), and a statement naming nobody at all is about the target when the sentence of the
   article around it mentions the target.  A word in a clause that names both the target and
   someone else belongs to the nearer of the two (ties: the one before it).
2. **Speech acts** (``speech_acts`` of the cues file: calls to resign or to investigate, lost
   confidence, praise, thanks, defence, apology accepted or rejected, ...) aimed at the target
   by the cue's ``aim`` rule.  A speech act decides: ``rule = speech_act``.
3. **Speaker alignment.** When the statement's ``actor`` is one of ``target.actor_ids`` or
   ``target.allies``, the statement is ``defensive`` (``rule = alignment``) unless a critical
   speech act says otherwise (then ``mixed``).
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

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .attribution import Tokens
from .datafiles import packaged, read_yaml
from .errors import DataFileError
from .model import Article, Statement
from .stance import cue_pattern
from .target import Target, other_names, target_mentions

STANCES = ("critical", "defensive", "mixed", "neutral")
RULES = ("speech_act", "alignment", "model", "evaluation", "none", "out_of_scope")
SIDES = ("critical", "defensive")
AIMS = ("nearest", "before", "after")
#: Model classes, in the order of its weight vectors.
MODEL_CLASSES = ("critical", "neutral", "defensive")
#: Weighted evaluation each side needs, in the rule-only coder, to count.
EVAL_THRESHOLD = 1.0
#: Weighted evaluation both sides need for ``mixed`` when no speech act decides.
MIXED_THRESHOLD = 2.0
#: Words before an evaluative word searched for a negation.
NEGATION_WINDOW = 3
#: Tokens either side of a mention whose words are the model's "near" features.
NEAR_WINDOW = 4
_BREAK = frozenset(";:\u2014\u2013")
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


@dataclass(frozen=True)
class SpeechAct:
    """A compiled speech-act cue: side, act name, aim and pattern."""

    side: str
    act: str
    aim: str
    cue: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Cues:
    """Parsed stance cues: speech acts, hedges, contrast and concession words, ignored words."""

    acts: tuple[SpeechAct, ...]
    hedges: frozenset[str]
    contrast: frozenset[str]
    concession: frozenset[str]
    ignore: frozenset[str]
    path: str = ""


def _words(value: Any, path: str, where: str) -> frozenset[str]:
    """A list of words (case-folded), or DataFileError naming the field."""
    if value is None:
        return frozenset()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataFileError(path, "must be a list of non-empty strings", field=where)
    return frozenset(" ".join(v.casefold().split()) for v in value)


def parse_cues(data: Any, path: str) -> Cues:
    """Validate the parsed YAML of a stance cues file into Cues; errors name file and field."""
    if not isinstance(data, dict):
        raise DataFileError(path, "the cues must be a mapping")
    if data.get("version") != 1:
        raise DataFileError(path, "must be 1", field="version")
    acts_data = data.get("speech_acts") or {}
    if not isinstance(acts_data, dict) or set(acts_data) - set(SIDES):
        raise DataFileError(path, f"must map {SIDES} to lists", field="speech_acts")
    acts = []
    for side in SIDES:
        items = acts_data.get(side) or []
        if not isinstance(items, list):
            raise DataFileError(path, "must be a list", field=f"speech_acts.{side}")
        for i, item in enumerate(items):
            where = f"speech_acts.{side}[{i}]"
            if not isinstance(item, dict) or not isinstance(item.get("cue"), str) \
                    or not item["cue"].strip():
                raise DataFileError(path, "needs a non-empty cue", field=where)
            act = str(item.get("act") or "")
            if not re.fullmatch(r"[a-z][a-z0-9_]*", act):
                raise DataFileError(path, f"act {act!r} is not snake_case", field=where)
            aim = str(item.get("aim") or "nearest")
            if aim not in AIMS:
                raise DataFileError(path, f"aim {aim!r} is not one of {AIMS}", field=where)
            try:
                pat = cue_pattern(item["cue"].strip())
            except re.error as e:
                raise DataFileError(path, f"bad cue {item['cue']!r}: {e}", field=where) from None
            acts.append(SpeechAct(side, act, aim, item["cue"].strip(), pat))
    return Cues(tuple(acts), _words(data.get("hedges"), path, "hedges"),
                _words(data.get("contrast"), path, "contrast"),
                _words(data.get("concession"), path, "concession"),
                _words(data.get("ignore_words"), path, "ignore_words"), path)


@lru_cache(maxsize=8)
def load_cues(path: str | None = None) -> Cues:
    """Read and validate a stance cues YAML file (the packaged general one by default)."""
    path = str(path or packaged("stance_cues.yaml"))
    return parse_cues(read_yaml(path), path)


def merge_cues(base: Cues, extra: Cues | None) -> Cues:
    """The base cues plus a study's extra cues (speech acts and word lists added)."""
    if extra is None:
        return base
    return Cues(base.acts + extra.acts, base.hedges | extra.hedges,
                base.contrast | extra.contrast, base.concession | extra.concession,
                base.ignore | extra.ignore, base.path + "+" + extra.path)


@lru_cache(maxsize=1)
def valences() -> tuple[dict[str, float], frozenset[str]]:
    """VADER's lexicon (word -> valence) and negation words, from the installed package."""
    from vaderSentiment import vaderSentiment as vs

    from .tone import _analyzer

    return dict(_analyzer().lexicon), frozenset(w.casefold() for w in vs.NEGATE)


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


def _context_span(article: Article, start: int, end: int) -> tuple[int, int]:
    """The paragraph of article.text holding [start, end) (the whole text if none)."""
    for p in article.paragraphs:
        if p.start <= start < max(p.end, start + 1):
            return p.start, max(p.end, end)
    return 0, len(article.text)


def _sentence_around(text: str, lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) of text[lo:hi] overlapping [start, end)."""
    from .tone import sentence_spans

    a, b = start, end
    for s, e in sentence_spans(text[lo:hi]):
        if lo + s < end and lo + e > start:
            a, b = min(a, lo + s), max(b, lo + e)
    return a, b


def statement_scope(statement: Statement, article: Article, target: Target,
                    cues: Cues) -> Scope:
    """Which tokens of a statement are about the target (see the module docstring, step 1)."""
    text = article.text
    start, end = statement.start, statement.end
    lo, hi = _context_span(article, start, end)
    mentions = [(lo + a, lo + b) for a, b in target_mentions(text[lo:hi], target)]
    others = [(lo + a, lo + b) for a, b in other_names(text[lo:hi], [(a - lo, b - lo)
                                                                    for a, b in mentions])]
    toks = Tokens(text, start, end)
    n = len(toks)
    spans = toks.spans
    is_mention = [False] * n
    entity: list[tuple[int, bool]] = []
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
    # clauses: a break starts a new one; "X, but Y" halves what came before; a concession
    # opener ("although X, Y") makes its clause (up to the next comma) count half
    clause = [0] * n
    weights = [1.0]
    hedged: set[int] = set()
    low = toks.lower
    in_concession = False
    for i in range(n):
        word = low[i]
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
    if not entity:
        a, b = _sentence_around(text, lo, hi, start, end)
        around = [m for m in mentions if a <= m[0] < b and not (start <= m[0] < end)]
        named_else = [m for m in others if a <= m[0] < b and not (start <= m[0] < end)]
        about = bool(around) and not named_else
        inherited = [about] * n_clauses
    owner = []
    for i in range(n):
        k = clause[i]
        own = by_clause.get(k)
        if own and any(f for _, f in own) and not all(f for _, f in own):
            best = min(own, key=lambda e: (abs(e[0] - i), e[0] > i))
            owner.append(best[1])
        else:
            owner.append(bool(inherited[k]))
    return Scope(toks, tuple(owner), tuple(weights[k] for k in clause), tuple(is_mention),
                 tuple(clause), about, tuple(entity))


# --- evidence ----------------------------------------------------------------------------

def _aimed_at_target(scope: Scope, i: int, j: int, aim: str) -> bool:
    """True when the speech act over tokens i..j is aimed at the target by its aim rule."""
    clause = scope.clause[i]
    ents = [(k, f) for k, f in scope.entities if scope.clause[k] == clause]
    if aim == "before":
        prior = [e for e in ents if e[0] < i]
        if prior:
            return prior[-1][1]
    elif aim == "after":
        after = [e for e in ents if e[0] > j]
        if after:
            return after[0][1]
    if ents:
        return min(ents, key=lambda e: (min(abs(e[0] - i), abs(e[0] - j)), e[0] > i))[1]
    return scope.owner[i]


def speech_acts(scope: Scope, cues: Cues) -> list[Evidence]:
    """Speech acts of the cues aimed at the target, as evidence."""
    toks = scope.toks
    if not toks.spans:
        return []
    a0, b0 = toks.spans[0][0], toks.spans[-1][1]
    out = []
    for act in cues.acts:
        for m in act.pattern.finditer(toks.text, a0, b0):
            i = _token_at(toks.spans, m.start())
            j = max(i, _token_at(toks.spans, m.end() - 1))
            if i >= len(toks) or any(scope.mention[i:j + 1]):
                continue
            if _aimed_at_target(scope, i, j, act.aim):
                out.append(Evidence(m.start(), m.end(), m.group(), f"speech_act:{act.act}",
                                    act.side, scope.weight[i]))
    return out


def _is_negated(low: Sequence[str], i: int, negations: frozenset[str], clause: Sequence[int]) -> bool:
    """True when one of the NEGATION_WINDOW words before token i (same clause) negates it."""
    for k in range(max(0, i - NEGATION_WINDOW), i):
        if clause[k] == clause[i] and (low[k] in negations or low[k].endswith("n't")):
            return True
    return False


def evaluations(scope: Scope, cues: Cues, in_scope: bool = True) -> list[Evidence]:
    """Evaluative words (VADER valence) in (or, with in_scope False, outside) the target's scope."""
    lexicon, negations = valences()
    toks = scope.toks
    low = toks.lower
    out = []
    for i, word in enumerate(low):
        if scope.owner[i] != in_scope or scope.mention[i]:
            continue
        v = lexicon.get(word)
        if v is None or word in cues.ignore or word in negations:
            continue
        if _is_negated(low, i, negations, scope.clause):
            v = -v * 0.74
        side = "critical" if v < 0 else "defensive"
        a, b = toks.spans[i]
        out.append(Evidence(a, b, toks.words[i], "evaluation" if in_scope else "evaluation_out",
                            side, round(abs(v) * scope.weight[i], 4)))
    return out


def _side_sums(evidence: Iterable[Evidence]) -> dict[str, float]:
    """Total evidence weight on each side."""
    sums = {s: 0.0 for s in SIDES}
    for e in evidence:
        sums[e.side] += e.weight
    return sums


# --- model -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Model:
    """A multinomial logistic regression: intercepts and feature weights per MODEL_CLASSES."""

    intercept: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    path: str = ""


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> Model | None:
    """The packaged stance model (``data/stance_model.json``), or None when it is absent."""
    path = str(path or packaged("stance_model.json"))
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as e:
        raise DataFileError(path, f"cannot read the model: {e}") from None
    if list(data.get("classes") or []) != list(MODEL_CLASSES):
        raise DataFileError(path, f"classes must be {list(MODEL_CLASSES)}", field="classes")
    weights = {str(k): tuple(float(x) for x in v) for k, v in data["weights"].items()}
    return Model(tuple(float(x) for x in data["intercept"]), weights, path)


def _word_feature(word: str) -> str:
    """A token as a feature word: case-folded, digits collapsed."""
    return "<num>" if word[:1].isdigit() else word


def features(scope: Scope, acts: Sequence[Evidence], evals: Sequence[Evidence],
             outside: Sequence[Evidence], aligned: bool) -> dict[str, float]:
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
    mentions = [i for i, m in enumerate(scope.mention) if m]
    near: set[int] = set()
    for i in mentions:
        near.update(range(max(0, i - NEAR_WINDOW), min(len(low), i + NEAR_WINDOW + 1)))
    quoted = False
    for i, word in enumerate(low):
        if word in _QUOTE_MARKS:
            quoted = True
        if scope.mention[i] or not scope.toks.is_word(i):
            continue
        w = _word_feature(word)
        if scope.owner[i]:
            f["w:" + w] = 1.0
        if i in near:
            f["n:" + w] = 1.0
    f["quoted"] = float(quoted)
    f["mentioned"] = float(bool(mentions))
    return f


def predict(model: Model, feats: Mapping[str, float]) -> tuple[float, ...]:
    """Class probabilities (MODEL_CLASSES order) of a feature dict."""
    scores = list(model.intercept)
    for name, value in feats.items():
        w = model.weights.get(name)
        if w is not None:
            for k in range(len(scores)):
                scores[k] += w[k] * value
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return tuple(e / total for e in exps)


def _model_evidence(model: Model, scope: Scope, feats: Mapping[str, float], side: str
                    ) -> list[Evidence]:
    """Words whose features pushed the model toward a side the most (up to five)."""
    k = MODEL_CLASSES.index(side)
    kn = MODEL_CLASSES.index("neutral")
    contrib: list[tuple[float, int]] = []
    toks = scope.toks
    for i, word in enumerate(toks.lower):
        w = _word_feature(word)
        total = 0.0
        for name in ("w:" + w, "n:" + w):
            if name in feats and name in model.weights:
                total += model.weights[name][k] - model.weights[name][kn]
        if total > 0:
            contrib.append((total, i))
    contrib.sort(key=lambda c: (-c[0], c[1]))
    out = []
    for total, i in sorted(contrib[:5], key=lambda c: c[1]):
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
    scope = statement_scope(statement, article, target, cues)
    aligned = bool(statement.actor) and (statement.actor in target.actor_ids
                                         or statement.actor in target.allies)
    acts = speech_acts(scope, cues)
    act_sides = _side_sums(acts)
    if acts:
        stance = _decide(act_sides, 1e-9)
        if aligned and stance == "critical":
            stance = "mixed"
        if aligned and stance == "defensive" or stance != "mixed":
            lean = stance if stance != "mixed" else _heavier(act_sides)
        else:
            lean = _heavier(act_sides)
        return StanceCode(stance, "speech_act", tuple(acts), lean)
    if aligned:
        return StanceCode("defensive", "alignment",
                          (Evidence(statement.start, statement.end, statement.speaker or "",
                                    "alignment", "defensive"),), "defensive")
    evals = evaluations(scope, cues)
    if model is not None:
        feats = features(scope, acts, evals, evaluations(scope, cues, in_scope=False), aligned)
        probs = predict(model, feats)
        best = MODEL_CLASSES[max(range(len(probs)), key=lambda k: (probs[k], -k))]
        if best == "neutral":
            return StanceCode("neutral", "model" if scope.about else "out_of_scope", (), "neutral")
        sums = _side_sums(evals)
        other = "defensive" if best == "critical" else "critical"
        stance = "mixed" if sums[other] >= MIXED_THRESHOLD and sums[best] >= MIXED_THRESHOLD \
            else best
        ev = [e for e in evals if e.side == best or stance == "mixed"]
        ev += _model_evidence(model, scope, feats, best)
        return StanceCode(stance, "model", tuple(sorted(ev, key=lambda e: (e.start, e.rule))),
                          best)
    if not evals:
        return StanceCode("neutral", "none" if scope.about else "out_of_scope", (), "neutral")
    sums = _side_sums(evals)
    stance = _decide(sums, EVAL_THRESHOLD)
    if stance == "mixed" and min(sums.values()) < MIXED_THRESHOLD:
        stance = _heavier(sums)
    if stance == "neutral":
        return StanceCode("neutral", "none", (), "neutral")
    return StanceCode(stance, "evaluation", tuple(evals), _heavier(sums))


def statement_features(statement: Statement, article: Article, target: Target,
                       extra_cues: Cues | None = None, cues: Cues | None = None
                       ) -> dict[str, float]:
    """The model's features of one statement toward the target (for training and inspection)."""
    cues = merge_cues(load_cues() if cues is None else cues, extra_cues)
    scope = statement_scope(statement, article, target, cues)
    aligned = bool(statement.actor) and (statement.actor in target.actor_ids
                                         or statement.actor in target.allies)
    return features(scope, speech_acts(scope, cues), evaluations(scope, cues),
                    evaluations(scope, cues, in_scope=False), aligned)


# --- counting voices once ------------------------------------------------------------------

def dedupe_statements(statements: Iterable[Any]) -> list[Any]:
    """Statement pieces with each utterance counted once (see docs/stance_general.md).

    A quote (kind full or partial) whose every piece lies inside an indirect statement's
    piece of the same article and paragraph is the same voice as that indirect statement and
    is dropped; so is a repeat of a piece already kept (same article, kind and span).
    """
    pieces = list(statements)

    def get(p: Any, k: str) -> Any:
        return p.get(k) if isinstance(p, Mapping) else getattr(p, k, None)

    indirect: dict[tuple[Any, Any], list[tuple[int, int, Any]]] = {}
    groups: dict[tuple[Any, Any], list[Any]] = {}
    for p in pieces:
        key = (get(p, "article_id"), get(p, "statement"))
        groups.setdefault(key, []).append(p)
        if get(p, "kind") == "indirect":
            indirect.setdefault((get(p, "article_id"), get(p, "paragraph")), []).append(
                (int(get(p, "start")), int(get(p, "end")), get(p, "statement")))
    dropped: set[tuple[Any, Any]] = set()
    for key, members in groups.items():
        if any(get(m, "kind") not in ("full", "partial") for m in members):
            continue
        if all(any(a <= int(get(m, "start")) and int(get(m, "end")) <= b and s != key[1]
                   for a, b, s in indirect.get((key[0], get(m, "paragraph")), ()))
               for m in members):
            dropped.add(key)
    seen: set[tuple[Any, Any, Any, Any]] = set()
    out = []
    for p in pieces:
        if (get(p, "article_id"), get(p, "statement")) in dropped:
            continue
        span = (get(p, "article_id"), get(p, "kind"), get(p, "start"), get(p, "end"))
        if span in seen:
            continue
        seen.add(span)
        out.append(p)
    return out


def evidence_records(code: StanceCode) -> list[dict[str, Any]]:
    """The evidence of a code as JSON-ready dicts."""
    return [{"start": e.start, "end": e.end, "words": e.words, "rule": e.rule, "side": e.side,
             "weight": e.weight} for e in code.evidence]
