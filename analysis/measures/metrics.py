"""Framing metrics per article: one row per article and the tidy tables behind it.

``article_row`` is self-contained per article (the CLI maps it over a corpus, possibly in
worker processes); the ``*_frame`` functions build pandas tables for the notebooks.  Every
column is defined in ``docs/methods.md``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from .agency import PASSIVE_FIELDS, agency_summary, passive_rows
from .evaluative import evaluative_summary
from .lexicon import (HIT_FIELDS, Entry, analysed_units, lexicon_hits, loaded_summary,
                      term_count)
from ..knowledge.bundle import Knowledge, general_knowledge
from ..model import Article, Statement
from ..quotes.utterances import dedupe_statements
from .prominence import prominence
from .sources import SOURCE_TYPES, source_fields, source_summary
from .stance import Override, Rules, code_statements, critical_defensive, cue_class
from .tone import (SENTENCE_FIELDS, article_sentences, readability_of, sentence_rows,
                   tone_summary)

#: Columns of :func:`statements_frame` (one row per statement piece).
STATEMENT_FIELDS = ["article_id", "outlet", "statement", "paragraph", "start", "end", "kind",
                    "speaker", "actor", "group", "cue", "cue_class", "stance", "stance_rule",
                    "stance_evidence", "source_type", "named", "gender", "source_evidence",
                    "words", "text"]
_BASE_FIELDS = ["article_id", "outlet", "words", "body_words", "statements", "voices",
                "quotes_source"]
_LOADED_FIELDS = ["loaded_terms", "loaded_per_1k", "loaded_headline", "loaded_lede",
                  "loaded_outlet_voice", "loaded_quote_voice"]
#: The broader word-choice measure beside the loaded list: VADER's evaluative words
#: (measures/evaluative.py), counted in the same units and voices as the loaded terms.
_EVALUATIVE_FIELDS = ["evaluative_words", "evaluative_per_1k", "evaluative_outlet_voice",
                      "evaluative_quote_voice", "evaluative_headline"]
_PROMINENCE_FIELDS = ["first_voice_actor", "first_voice_group", "first_voice_paragraph",
                      "first_quote_actor", "first_quote_group", "first_quote_paragraph",
                      "first_full_quote_actor", "first_full_quote_group",
                      "first_full_quote_paragraph", "last_word_actor", "last_word_group",
                      "last_word_paragraph", "first_critical_paragraph",
                      "first_defensive_paragraph", "quoted_words", "top_quoted_actor",
                      "top_quoted_share"]
_STANCE_FIELDS = ["critical_actors", "defensive_actors", "critical_defensive_ratio_actors",
                  "critical_statements", "defensive_statements", "critical_defensive_ratio",
                  "critical_words", "defensive_words", "critical_defensive_ratio_words",
                  "mixed_statements", "neutral_statements"]
_CUE_FIELDS = ["evaluative_cues", "neutral_cues", "unlisted_cues", "no_cue"]
_TONE_FIELDS = ["sentences", "vader_compound", "vader_headline", "target_sentences",
                "vader_target", "vader_quotes", "flesch_reading_ease", "flesch_kincaid_grade"]
_AGENCY_FIELDS = ["agentless_passives", "agent_passives", "incident_agentless_passives",
                  "active_incident_clauses"]
#: Who the sources are (docs/sources.md): one column per measure, then voices per type.
_SOURCE_FIELDS = (["source_primary_definer", "source_voices", "source_official_share",
                   "source_anonymous_share", "source_female_share", "source_gendered_voices",
                   "source_type_entropy"] + [f"source_voices_{t}" for t in SOURCE_TYPES])


#: The metrics columns of each measure a study may switch off (study.yaml ``measures``).
MEASURE_FIELDS = {
    "loaded": _LOADED_FIELDS + ["embattled"] + _EVALUATIVE_FIELDS,
    "prominence": _PROMINENCE_FIELDS,
    "stance": _STANCE_FIELDS + ["first_critical_paragraph", "first_defensive_paragraph"],
    "tone": ["vader_compound", "vader_headline", "target_sentences", "vader_target",
             "vader_quotes"],
    "readability": ["flesch_reading_ease", "flesch_kincaid_grade"],
    "agency": _AGENCY_FIELDS,
    "sources": _SOURCE_FIELDS,
}


def measure_columns(measure: str, fields: Sequence[str]) -> list[str]:
    """The columns of one measure among the metrics columns (its per-category and per-group
    columns included); empty (None) when a study switches the measure off."""
    cols = [c for c in MEASURE_FIELDS.get(measure, []) if c in fields]
    prefix = {"loaded": "loaded_", "prominence": "quoted_share_"}.get(measure)
    if prefix:
        cols += [c for c in fields if c.startswith(prefix) and c not in cols]
    return cols


def metric_fields(entries: Sequence[Entry] | None = None,
                  groups: Sequence[str] | None = None) -> list[str]:
    """Columns of the metrics table, in order (one ``loaded_<category>`` per lexicon category
    and one ``quoted_share_<group>`` per codebook group)."""
    know = general_knowledge()
    entries = know.entries if entries is None else entries
    groups = know.groups if groups is None else groups
    cats = list(dict.fromkeys(e.category for e in entries))
    return (_BASE_FIELDS + _LOADED_FIELDS + [f"loaded_{c}" for c in cats] + ["embattled"]
            + _EVALUATIVE_FIELDS + _PROMINENCE_FIELDS + [f"quoted_share_{g}" for g in groups]
            + _STANCE_FIELDS + _CUE_FIELDS + _TONE_FIELDS + _AGENCY_FIELDS + _SOURCE_FIELDS)


def knowledge_fields(knowledge: Knowledge) -> list[str]:
    """Columns of the metrics table under this knowledge (a study's or the general one)."""
    return metric_fields(knowledge.entries, knowledge.groups)


def article_statements(article: Article,
                       knowledge: Knowledge | None = None) -> tuple[list[Statement], str]:
    """The quotation engine's statements for an article, and the source label ``engine``."""
    from ..quotes.engine import article_statements as engine

    know = general_knowledge() if knowledge is None else knowledge
    return list(engine(article, know.codebook)), "engine"


def _word_count(text: str) -> int:
    """Words as the corpus module counts them."""
    from ..corpus.readers import word_count

    return word_count(text)


def coded_statements(article: Article, statements: Iterable[Any] | None = None,
                     rules: Rules | None = None,
                     overrides: Iterable[Override] | None = None,
                     knowledge: Knowledge | None = None) -> tuple[list[dict[str, Any]], str]:
    """Statement pieces with stance, rule, cue class and word count; and their source."""
    know = general_knowledge() if knowledge is None else knowledge
    rules = know.rules if rules is None else rules
    overrides = know.overrides if overrides is None else tuple(overrides)
    source = "given"
    if statements is None:
        statements, source = article_statements(article, know)
    statements = list(statements)
    # the general coder codes every statement without an override: skip the cue rules
    coded = code_statements(statements, rules, overrides, cue_coder=not know.general_coder)
    if know.general_coder:
        _general_codes(coded, statements, article, know)
    classes = None
    for s in coded:
        s["outlet"] = article.outlet
        s["cue_class"] = cue_class(s.get("cue"), classes)
        s["words"] = _word_count(str(s.get("text") or ""))
    return coded, source


def _general_codes(coded: list[dict[str, Any]], statements: Sequence[Any], article: Article,
                   know: Knowledge) -> None:
    """Replace the rule codes of `coded` with the general coder's (hand overrides kept)."""
    from .target_stance import code_pieces, evidence_records

    pieces = [s if isinstance(s, Statement) else
              Statement(**{f: s.get(f) for f in Statement.__dataclass_fields__}) for s in statements]
    for c, (_, code) in zip(coded, code_pieces(pieces, article, know.target, know.stance_cues)):
        if c.get("stance_rule") != "override":
            c["stance"], c["stance_rule"] = code.stance, code.rule
            c["stance_evidence"] = evidence_records(code)


def _cue_counts(coded: Sequence[dict[str, Any]]) -> dict[str, int]:
    """Number of voices (statements, counted once) per cue class."""
    per: dict[Any, str] = {}
    for s in coded:
        if s.get("kind") in ("full", "partial", "indirect"):
            per.setdefault(s.get("statement"), s["cue_class"])
    vals = list(per.values())
    return {"evaluative_cues": vals.count("evaluative"), "neutral_cues": vals.count("neutral"),
            "unlisted_cues": vals.count("unlisted"), "no_cue": vals.count("none")}


@dataclass(frozen=True)
class ArticleAnalysis:
    """Everything computed for one article, once: its metrics row and the tables behind it."""

    article_id: str
    row: dict[str, Any]
    statements: list[dict[str, Any]]
    hits: list[dict[str, Any]]
    sentences: list[dict[str, Any]]
    passives: list[dict[str, Any]]
    #: sentence spans of each analysed paragraph (tone.article_sentences), for later tables
    sentence_spans: dict[int, list[tuple[int, int]]] = field(default_factory=dict)


def analyse_article(article: Article, statements: Iterable[Any] | None = None, *,
                    entries: Sequence[Entry] | None = None, rules: Rules | None = None,
                    overrides: Iterable[Override] | None = None,
                    knowledge: Knowledge | None = None) -> ArticleAnalysis:
    """The one analysis of an article (statements from the engine unless given).

    ``knowledge`` is a study's (:func:`analysis.knowledge.bundle.knowledge_for`) or, by default, the
    package's general knowledge; ``entries``, ``rules`` and ``overrides`` replace its parts.
    """
    from ..corpus.readers import analysed_text

    know = general_knowledge() if knowledge is None else knowledge
    entries = know.entries if entries is None else entries
    rules = know.rules if rules is None else rules
    overrides = know.overrides if overrides is None else tuple(overrides)
    coded, source = coded_statements(article, statements, rules, overrides, know)
    for s in coded:
        s.update(source_fields(s, article, know.codebook.source_types))
    # headline plus body, a metadata headline absent from the text included (the hits' units)
    words = _word_count("\n".join(u[4] for u in analysed_units(article)))
    body_text = analysed_text(article, headline=False)
    hits = lexicon_hits(article, coded, entries)
    cats = list(dict.fromkeys(e.category for e in entries))
    spans = article_sentences(article)  # shared by tone and agency
    sentences = sentence_rows(article, rules.mentions_target, spans)
    passives = passive_rows(article, know.agency, sentences=spans)
    row: dict[str, Any] = {
        "article_id": article.id, "outlet": article.outlet, "words": words,
        "body_words": _word_count(body_text),
        "statements": len({s.get("statement") for s in coded}),
        "voices": len({s.get("statement") for s in coded
                       if s.get("kind") in ("full", "partial", "indirect")}),
        "quotes_source": source,
    }
    row.update(loaded_summary(hits, words, cats))
    row["embattled"] = term_count(hits, "embattled")
    row.update(_evaluative_columns(evaluative_summary(article, coded), words))
    row.update(prominence(coded, _word_count, know.groups))
    # The general coder counts each utterance once: a quote inside an indirect statement of
    # its paragraph is the same voice (quotes.utterances); the seed study's rules coder keeps
    # its own count.
    voices = dedupe_statements(coded) if know.general_coder else coded
    cd = critical_defensive(voices, defined=rules.has_target)
    cd["critical_defensive_ratio"] = cd.pop("critical_defensive_ratio_statements")
    row.update(cd)
    row.update(_cue_counts(coded))
    row.update(tone_summary(sentences, coded))
    if not rules.has_target:  # no target: the target's sentences are not defined
        row["target_sentences"] = row["vader_target"] = None
    row.update(readability_of(body_text))
    row.update(agency_summary(passives))
    row.update(_source_columns(source_summary(coded)))
    if not know.agency.incident_forms:  # no incident verbs (a study names them): not defined
        row["incident_agentless_passives"] = row["active_incident_clauses"] = None
    fields = metric_fields(entries, know.groups)
    if know.study is not None:
        for measure in set(MEASURE_FIELDS) - set(know.study.measures):
            for k in measure_columns(measure, fields):
                row[k] = None
    missing = set(fields) - set(row)
    if missing:  # pragma: no cover - a programming error, caught by the tests
        raise RuntimeError(f"metrics row lacks {sorted(missing)}")
    return ArticleAnalysis(article.id, {k: row[k] for k in fields}, coded, hits, sentences,
                           passives, spans)


def _evaluative_columns(summary: dict[str, Any], words: int) -> dict[str, Any]:
    """The evaluative columns of a metrics row: counts from
    :func:`analysis.measures.evaluative.evaluative_summary`, the rate over the row's ``words``
    (the denominator of ``loaded_per_1k``, so the two rates compare)."""
    n = summary["evaluative_words"]
    return {"evaluative_words": n,
            "evaluative_per_1k": round(1000.0 * n / words, 3) if words else float("nan"),
            "evaluative_outlet_voice": summary["evaluative_outlet"],
            "evaluative_quote_voice": summary["evaluative_quote"],
            "evaluative_headline": summary["evaluative_headline"]}


def _source_columns(summary: dict[str, Any]) -> dict[str, Any]:
    """The source columns of a metrics row from :func:`analysis.measures.sources.source_summary`."""
    out = {f"source_{k}": summary[k] for k in ("primary_definer", "voices", "official_share",
                                                "anonymous_share", "female_share",
                                                "gendered_voices", "type_entropy")}
    by_type = summary["voices_by_type"]
    out.update({f"source_voices_{t}": by_type.get(t, 0) for t in SOURCE_TYPES})
    return out


def article_row(article: Article, statements: Iterable[Any] | None = None, *,
                entries: Sequence[Entry] | None = None, rules: Rules | None = None,
                overrides: Iterable[Override] | None = None,
                knowledge: Knowledge | None = None) -> dict[str, Any]:
    """One row of the metrics table for one article (see :func:`analyse_article`)."""
    return analyse_article(article, statements, entries=entries, rules=rules,
                           overrides=overrides, knowledge=knowledge).row


def _frame(rows: list[dict[str, Any]], columns: Sequence[str]) -> Any:
    """A DataFrame with exactly these columns, in order (empty input gives an empty frame)."""
    import pandas as pd

    return pd.DataFrame(rows, columns=list(columns))


def metrics_frame(articles: Iterable[Article], knowledge: Knowledge | None = None) -> Any:
    """One row per article (see :func:`article_row`), columns in the fixed order."""
    know = general_knowledge() if knowledge is None else knowledge
    frame = _frame([article_row(a, knowledge=know) for a in articles], knowledge_fields(know))
    for col in frame.columns:
        if frame[col].dtype == object and len(frame) and all(
                isinstance(v, float) or v is None for v in frame[col]):
            frame[col] = frame[col].astype(float)
    return frame


def statements_frame(articles: Iterable[Article], knowledge: Knowledge | None = None) -> Any:
    """One row per statement piece with stance, stance rule, cue class and words."""
    rows = []
    for a in articles:
        coded, _ = coded_statements(a, knowledge=knowledge)
        rows.extend({k: s.get(k) for k in STATEMENT_FIELDS} for s in coded)
    return _frame(rows, STATEMENT_FIELDS)


def lexicon_frame(articles: Iterable[Article], knowledge: Knowledge | None = None) -> Any:
    """One row per loaded-term hit (captions and duplicates are never searched)."""
    know = general_knowledge() if knowledge is None else knowledge
    rows = []
    for a in articles:
        coded, _ = coded_statements(a, knowledge=know)
        rows.extend(lexicon_hits(a, coded, know.entries))
    frame = _frame(rows, HIT_FIELDS)
    frame["statement"] = frame["statement"].astype("Int64")
    return frame


def passives_frame(articles: Iterable[Article], knowledge: Knowledge | None = None) -> Any:
    """One row per passive clause or active incident clause."""
    know = general_knowledge() if knowledge is None else knowledge
    return _frame([r for a in articles for r in passive_rows(a, know.agency)], PASSIVE_FIELDS)


def sentences_frame(articles: Iterable[Article], knowledge: Knowledge | None = None) -> Any:
    """One row per headline/body sentence with its VADER compound and target mention."""
    know = general_knowledge() if knowledge is None else knowledge
    return _frame([r for a in articles for r in sentence_rows(a, know.rules.mentions_target)],
                  SENTENCE_FIELDS)


def is_missing(value: Any) -> bool:
    """True for None and NaN (how the metrics mark 'not defined')."""
    return value is None or (isinstance(value, float) and math.isnan(value))
