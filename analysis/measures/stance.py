"""Stance of each statement toward the study's target (none without a study), by rules.

Rules, in order; the first that applies decides and is recorded in ``stance_rule``:

1. ``override``: a row of ``data/stance_overrides.csv`` for this statement;
2. ``incident``: the speaker is an incident actor (an officer or bystander at the scene) -> neutral;
3. ``cue``: critical and/or defensive cues of ``data/stance_rules.yaml`` in the statement's
   text (all its pieces): only critical -> critical, only defensive -> defensive, both -> mixed;
4. ``actor_default``: the speaker's default stance (the target's own voice -> defensive);
5. ``none``: neutral.

Also here: the class of each attribution cue (``neutral``/``evaluative`` from
``data/reporting_verbs.csv``) and the critical:defensive ratios.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from ..knowledge.datafiles import file_cache, packaged, read_csv_rows, read_yaml
from ..errors import DataFileError
from ..text.userregex import bounded_user_regex
from ..text.wordkeys import KeyIndex, WordKey, candidates, key_index, text_words, word_key

STANCES = ("critical", "defensive", "mixed", "neutral")
RULES = ("override", "incident", "cue", "actor_default", "none", "no_target")
CUE_SETS = ("critical", "defensive", "defensive_target_only")
CUE_CLASSES = ("neutral", "evaluative", "unlisted", "none")
OVERRIDE_HEADER = ["article_id", "statement", "snippet", "stance", "note"]
#: Statement kinds that are voices (a scare quote is the outlet's, not a speaker's).
VOICE_KINDS = ("full", "partial", "indirect")
#: Statement kinds whose words are quoted words (verbatim, with a speaker).
DIRECT_KINDS = ("full", "partial")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def cue_pattern(cue: str) -> re.Pattern[str]:
    """Compile one cue: ``re:`` + regex, or a phrase where ``word*`` allows any ending."""
    if cue.startswith("re:"):
        try:
            return bounded_user_regex(cue[3:])
        except ValueError as e:
            raise re.error(str(e)) from None
    else:
        words = []
        for w in cue.split():
            star = w.endswith("*")
            w = w.rstrip("*")
            esc = "".join(r"['\u2019]" if ch in "'\u2019" else re.escape(ch) for ch in w)
            words.append(esc + (r"\w*" if star else ""))
        source = r"\s+".join(words)
    pattern = re.compile(rf"(?<![^\W_])(?:{source})(?![^\W_])", re.IGNORECASE)
    if pattern.search(""):
        raise re.error("matches the empty string")
    return pattern


def cue_key(cue: str) -> WordKey | None:
    """The first word (or, for ``word*``, the prefix) a cue's hits start with; None for ``re:``."""
    if cue.startswith("re:") or not cue.split():
        return None
    first = cue.split()[0]
    if first.endswith("*"):
        return word_key(prefixes=[first.rstrip("*")])
    return word_key([first])


#: A compiled cue: its text, its pattern and its word key.
Cue = tuple[str, re.Pattern[str], WordKey | None]


@dataclass(frozen=True)
class Rules:
    """Parsed stance rules: target, incident actors, defaults and compiled cues."""

    target_name: str
    target_actors: frozenset[str]
    aliases: tuple[str, ...]
    incident_actors: frozenset[str]
    actor_defaults: dict[str, str]
    cues: dict[str, tuple[Cue, ...]]
    path: str = ""
    alias_pattern: re.Pattern[str] | None = field(default=None, compare=False)
    cue_index: dict[str, KeyIndex] = field(default_factory=dict, compare=False)

    @property
    def has_target(self) -> bool:
        """True when the rules are pointed at a target (a study names one)."""
        return bool(self.target_name)

    def mentions_target(self, text: str) -> bool:
        """True when the text names the target by one of its aliases (see ``_alias_regex``)."""
        return bool(self.alias_pattern and self.alias_pattern.search(text))


def _alias_regex(alias: str) -> str:
    """Regex of an alias: case-sensitive, but a lower-case first letter may be capitalised."""
    src = r"\s+".join(map(re.escape, alias.split()))
    if alias[0].islower():
        src = f"[{alias[0]}{alias[0].upper()}]" + src[1:]
    return src


def _aliases_pattern(aliases: Sequence[str]) -> re.Pattern[str] | None:
    """One pattern matching any alias (longest first), or None when there is none."""
    if not aliases:
        return None
    alias_src = "|".join(_alias_regex(a) for a in sorted(aliases, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alias_src})(?![^\W_])")


def with_target(rules: Rules, name: str, actors: Iterable[str], aliases: Iterable[str]) -> Rules:
    """The rules pointed at a target given by a study (its name, actor ids and aliases)."""
    aliases = tuple(a.strip() for a in aliases if a.strip())
    return replace(rules, target_name=name, target_actors=frozenset(actors), aliases=aliases,
                   alias_pattern=_aliases_pattern(aliases))


def _str_list(value: Any, path: str, where: str) -> list[str]:
    """A list of non-empty strings, or DataFileError naming the field."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataFileError(path, "must be a list of non-empty strings", field=where)
    return [v.strip() for v in value]


def parse_rules(data: Any, path: str) -> Rules:
    """Validate the parsed YAML of a rules file into Rules; errors name file and field."""
    if not isinstance(data, dict):
        raise DataFileError(path, "the rules must be a mapping")
    if data.get("version") != 1:
        raise DataFileError(path, "must be 1", field="version")
    if "target" in data:
        raise DataFileError(path, "the target is set in a study's study.yaml, not in a rules "
                                  "file", field="target")
    incident = _str_list(data.get("incident_actors"), path, "incident_actors")
    for a in incident:
        if not _ID.match(a):
            raise DataFileError(path, f"{a!r} is not a snake_case actor id",
                                field="incident_actors")
    defaults = data.get("actor_defaults") or {}
    if not isinstance(defaults, dict):
        raise DataFileError(path, "must be a mapping of actor id to stance", field="actor_defaults")
    for a, s in defaults.items():
        if s not in STANCES:
            raise DataFileError(path, f"{s!r} is not one of {STANCES}", field=f"actor_defaults.{a}")
    cues_data = data.get("cues")
    if not isinstance(cues_data, dict):
        raise DataFileError(path, "missing mapping", field="cues")
    unknown = set(cues_data) - set(CUE_SETS)
    if unknown:
        raise DataFileError(path, f"unknown cue set(s) {sorted(unknown)}; expected {CUE_SETS}",
                            field="cues")
    cues: dict[str, tuple[Cue, ...]] = {}
    for name in CUE_SETS:
        compiled = []
        for i, cue in enumerate(_str_list(cues_data.get(name), path, f"cues.{name}")):
            try:
                compiled.append((cue, cue_pattern(cue), cue_key(cue)))
            except re.error as e:
                raise DataFileError(path, f"bad cue {cue!r}: {e}", field=f"cues.{name}[{i}]") from None
        cues[name] = tuple(compiled)
    # No target here: a study sets it (study.yaml target; see with_target).
    return Rules("", frozenset(), (), frozenset(incident),
                 {str(k): str(v) for k, v in defaults.items()}, cues, path, None,
                 {name: key_index([c[2] for c in cs]) for name, cs in cues.items()})


#: Top-level keys of a stance rules file (any other key is a typo and an error).
RULES_KEYS = ("version", "incident_actors", "actor_defaults", "cues")  # the target: study.yaml


def check_actor_ids(rules: Rules, actor_ids: Iterable[str]) -> None:
    """DataFileError naming the field when the rules use an actor id the codebook lacks."""
    known = set(actor_ids)
    for where, ids in (("target.actors", sorted(rules.target_actors)),
                       ("incident_actors", sorted(rules.incident_actors)),
                       ("actor_defaults", list(rules.actor_defaults))):
        for a in ids:
            if a not in known:
                raise DataFileError(rules.path, f"{a!r} is not an actor id of the codebook",
                                    field=where if where != "actor_defaults" else f"{where}.{a}")


@file_cache(maxsize=8)
def load_rules(path: str | None = None, codebook: str | None = None) -> Rules:
    """Read and validate a stance rules YAML file (the packaged one by default), its actor ids
    checked against the codebook (the packaged one by default)."""
    from ..quotes.actors import load_codebook

    path = str(path or packaged("stance_rules.yaml"))
    rules = parse_rules(read_yaml(path, keys=RULES_KEYS), path)
    check_actor_ids(rules, load_codebook(codebook).actors)
    return rules


@dataclass(frozen=True)
class Override:
    """One manual stance decision: article, statement index and/or a text snippet, stance."""

    article_id: str
    statement: int | None
    snippet: str
    stance: str
    note: str = ""
    line: int = 0


def _norm(text: str) -> str:
    """Case-folded text with straight quotes and single spaces, for snippet matching."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.casefold().split())


def parse_overrides(rows: Sequence[Sequence[str]], path: str) -> tuple[Override, ...]:
    """Validate override CSV rows (header first); errors name file, line and field."""
    if not rows or [c.strip() for c in rows[0]] != OVERRIDE_HEADER:
        raise DataFileError(path, f"header must be {','.join(OVERRIDE_HEADER)}", line=1)
    out = []
    for n, row in enumerate(rows[1:], 2):
        if not row or not any(c.strip() for c in row):
            continue
        if len(row) != len(OVERRIDE_HEADER):
            raise DataFileError(path, f"expected {len(OVERRIDE_HEADER)} columns, found {len(row)}",
                                line=n)
        aid, stmt, snippet, stance, note = (c.strip() for c in row)
        if not aid:
            raise DataFileError(path, "empty article id", line=n, field="article_id")
        if stmt and not (stmt.isascii() and stmt.isdigit()):
            raise DataFileError(path, f"{stmt!r} is not a statement index", line=n, field="statement")
        if not stmt and not snippet:
            raise DataFileError(path, "give a snippet (preferred) or a statement index", line=n,
                                field="snippet")
        if stance not in STANCES:
            raise DataFileError(path, f"{stance!r} is not one of {STANCES}", line=n, field="stance")
        out.append(Override(aid, int(stmt) if stmt else None, snippet, stance, note, n))
    return tuple(out)


@file_cache(maxsize=8)
def load_overrides(path: str) -> tuple[Override, ...]:
    """Read and validate a stance overrides CSV (a study's: overrides are hand decisions)."""
    rows = read_csv_rows(str(path))
    return parse_overrides(rows, str(path))


def find_override(article_id: str, statement: int, text: str,
                  overrides: Iterable[Override]) -> Override | None:
    """The first override for this statement: by snippet in its text, else by its index."""
    norm = _norm(text)
    for o in overrides:
        if o.article_id != article_id:
            continue
        if o.snippet:
            if _norm(o.snippet) in norm:
                return o
        elif o.statement == statement:
            return o
    return None


def cue_matches(text: str, rules: Rules, target_speaker: bool) -> list[tuple[str, str, int, int]]:
    """(side, cue, start, end) of the first match of every cue found in a text, in cue order
    (target-only cues when the target speaks)."""
    found: list[tuple[str, str, int, int]] = []
    words = text_words(text)  # a cue whose first word is absent cannot match: skip it
    for name in CUE_SETS:
        if name == "defensive_target_only" and not target_speaker:
            continue
        side = "critical" if name == "critical" else "defensive"
        cues = rules.cues[name]
        index = rules.cue_index.get(name) or key_index([c[2] for c in cues])
        for i in candidates(index, words):
            cue, pat, _ = cues[i]
            m = pat.search(text)
            if m:
                found.append((side, cue, m.start(), m.end()))
    return found


def cue_hits(text: str, rules: Rules, target_speaker: bool) -> dict[str, list[str]]:
    """Critical and defensive cues found in a text (target-only cues when the target speaks)."""
    found: dict[str, list[str]] = {"critical": [], "defensive": []}
    for side, cue, _, _ in cue_matches(text, rules, target_speaker):
        found[side].append(cue)
    return found


def evidence_record(start: int | None, end: int | None, words: str, rule: str, side: str,
                    weight: float = 1.0) -> dict[str, Any]:
    """One evidence record, in the schema of the general coder's (docs/stance_general.md)."""
    return {"start": start, "end": end, "words": words, "rule": rule, "side": side,
            "weight": weight}


def code_text(text: str, actor: str | None, rules: Rules
              ) -> tuple[str, str, list[dict[str, Any]]]:
    """(stance, rule, evidence) for one statement's text and speaker, rules 2-5.

    The evidence is a list of records (``evidence_record``) with offsets into ``text``: each
    cue found (rule ``cue:<cue>``, critical ones first), or the whole text for ``incident``
    and ``actor_default`` (words: the actor id); empty for ``none``.
    """
    whole = (0, len(text))
    if actor in rules.incident_actors:
        return "neutral", "incident", [evidence_record(*whole, actor or "", "incident", "neutral")]
    hits = cue_matches(text, rules, actor in rules.target_actors)
    hits.sort(key=lambda h: h[0] != "critical")  # stable: cue order within a side
    evidence = [evidence_record(a, b, text[a:b], f"cue:{cue}", side) for side, cue, a, b in hits]
    sides = {h[0] for h in hits}
    if len(sides) == 2:
        return "mixed", "cue", evidence
    if sides:
        return sides.pop(), "cue", evidence
    if actor and actor in rules.actor_defaults:
        stance = rules.actor_defaults[actor]
        return stance, "actor_default", [evidence_record(*whole, actor, "actor_default", stance)]
    if actor in rules.target_actors:
        return "defensive", "actor_default", [evidence_record(*whole, actor or "",
                                                              "actor_default", "defensive")]
    return "neutral", "none", []


def _to_article(evidence: list[dict[str, Any]], members: Sequence[Mapping[str, Any]]
                ) -> list[dict[str, Any]]:
    """Evidence with offsets into the joined text of a statement's pieces (joined by one
    space) moved to offsets into the article; None where that piece has no offsets."""
    bases = []
    pos = 0
    for m in members:
        bases.append(pos)
        pos += len(str(m.get("text") or "")) + 1

    def move(p: int | None, is_end: bool) -> int | None:
        """One offset of the joined text as an article offset."""
        if p is None:
            return None
        key = p - 1 if is_end and p > 0 else p  # an end belongs to the piece of its last char
        k = max(i for i, b in enumerate(bases) if b <= key)
        start = members[k].get("start")
        return None if start is None else int(start) + p - bases[k]

    return [{**e, "start": move(e["start"], False), "end": move(e["end"], True)}
            for e in evidence]


def code_statements(statements: Iterable[Any], rules: Rules | None = None,
                    overrides: Iterable[Override] | None = None,
                    cue_coder: bool = True) -> list[dict[str, Any]]:
    """Each statement piece as a dict plus ``stance``, ``stance_rule`` and ``stance_evidence``.

    The pieces of a multi-paragraph statement are coded together (their texts joined) and
    share one stance.  With ``cue_coder`` False the cue rules are not run: a statement with
    no hand override (and a target) gets stance None and rule ``pending``, for a caller that
    codes it with another coder (the general coder, ``metrics.coded_statements``).
    """
    rules = load_rules() if rules is None else rules
    overrides = () if overrides is None else tuple(overrides)
    pieces = [dict(s) if isinstance(s, Mapping) else
              {k: getattr(s, k, None) for k in ("article_id", "statement", "paragraph", "start",
                                                "end", "text", "kind", "speaker", "speaker_start",
                                                "speaker_end", "actor", "group", "cue")}
              for s in statements]
    groups: dict[tuple[str, Any], list[dict[str, Any]]] = {}
    for p in pieces:
        groups.setdefault((str(p.get("article_id")), p.get("statement")), []).append(p)
    for (aid, stmt), members in groups.items():
        text = " ".join(str(m.get("text") or "") for m in members)
        actor = next((m.get("actor") for m in members if m.get("actor")), None)
        o = find_override(aid, stmt, text, overrides)
        if not rules.has_target:  # no target, no stance (a study names the target)
            coded: tuple[Any, str, list[dict[str, Any]]] = (None, "no_target", [])
        elif o is not None:
            note = f"line {o.line}" + (f": {o.note}" if o.note else "")
            coded = (o.stance, "override",
                     [evidence_record(0, len(text), note, "override", o.stance)])
        elif not cue_coder:
            coded = (None, "pending", [])
        else:
            coded = code_text(text, actor, rules)
        stance, rule, evidence = coded
        evidence = _to_article(evidence, members)
        for m in members:
            m["stance"], m["stance_rule"], m["stance_evidence"] = stance, rule, evidence
    return pieces


def ratio(critical: float, defensive: float) -> float:
    """critical / defensive; ``inf`` when only critical, NaN when both are zero."""
    if defensive:
        return critical / defensive
    return math.inf if critical else math.nan


def speaker_key(s: Mapping[str, Any]) -> str | None:
    """An actor id, or the speaker as written (lower case) when not in the codebook."""
    if s.get("actor"):
        return str(s["actor"])
    if s.get("speaker"):
        return "speaker:" + " ".join(str(s["speaker"]).casefold().split())
    return None


def _words(text: str) -> int:
    """Word count as the corpus module defines it."""
    from ..corpus.readers import word_count

    return word_count(text)


#: Columns of :func:`critical_defensive`.
CRITICAL_DEFENSIVE_FIELDS = tuple(f"{k}_{u}" for u in ("actors", "statements", "words")
                                  for k in ("critical", "defensive", "critical_defensive_ratio")
                                  ) + ("mixed_statements", "neutral_statements")


def critical_defensive(coded: Sequence[Mapping[str, Any]], defined: bool = True) -> dict[str, Any]:
    """Critical and defensive counts and ratios by distinct actors, statements and quoted words.

    With ``defined`` false (no target) every column is empty (None).

    Only voices count (kinds full/partial/indirect); a statement counts once however many
    paragraphs it spans; an actor counts on a side when any of its statements is on it;
    quoted words are the words of full and partial pieces.
    """
    if not defined:
        return dict.fromkeys(CRITICAL_DEFENSIVE_FIELDS)
    sides = ("critical", "defensive", "mixed", "neutral")
    stmts: dict[str, set[Any]] = {s: set() for s in sides}
    actors: dict[str, set[str]] = {s: set() for s in sides}
    words = {s: 0 for s in sides}
    for s in coded:
        if s.get("kind") not in VOICE_KINDS or s.get("stance") not in sides:
            continue
        st = s["stance"]
        stmts[st].add((s.get("article_id"), s.get("statement")))
        key = speaker_key(s)
        if key:
            actors[st].add(key)
        if s.get("kind") in DIRECT_KINDS:
            words[st] += _words(str(s.get("text") or ""))
    out: dict[str, Any] = {}
    for unit, counts in (("actors", {k: len(v) for k, v in actors.items()}),
                         ("statements", {k: len(v) for k, v in stmts.items()}),
                         ("words", words)):
        out[f"critical_{unit}"] = counts["critical"]
        out[f"defensive_{unit}"] = counts["defensive"]
        out[f"critical_defensive_ratio_{unit}"] = ratio(counts["critical"], counts["defensive"])
    out["mixed_statements"] = len(stmts["mixed"])
    out["neutral_statements"] = len(stmts["neutral"])
    return out


@lru_cache(maxsize=4)
def load_verb_classes(path: str | None = None) -> dict[str, str]:
    """Reporting-verb lemmas and forms (lower case, single-spaced) -> class (neutral/evaluative)."""
    from ..quotes.attribution import load_verbs

    classes: dict[str, str] = {}
    for key, (lemma, cls) in load_verbs(path).items():
        classes.setdefault(" ".join(key), cls)
        classes.setdefault(" ".join(lemma.casefold().split()), cls)
    return classes


def cue_class(cue: str | None, classes: Mapping[str, str] | None = None) -> str:
    """Class of an attribution cue: neutral/evaluative, ``unlisted``, or ``none`` (no verb)."""
    if cue is None or not str(cue).strip() or not any(ch.isalpha() for ch in str(cue)):
        return "none"
    classes = load_verb_classes() if classes is None else classes
    key = " ".join(str(cue).casefold().split())
    if key in classes:
        return classes[key]
    words = key.split()
    for n in range(len(words) - 1, 0, -1):
        for i in range(len(words) - n + 1):
            part = " ".join(words[i:i + n])
            if part in classes:
                return classes[part]
    return "unlisted"
