"""Reader labels of the report's table columns, and tables made readable with them.

One place for every column name a notebook shows: :data:`COLUMNS` maps fixed names,
:data:`PREFIXES` the families whose names carry a study's own categories
(``quoted_share_<group>``, ``loaded_<category>``, ``source_voices_<type>``).  A name neither
knows is shown with its underscores turned into spaces and a capital first letter, so no raw
column name reaches a reader.  :func:`readable` renames and rounds a table as a paper would.
"""
from __future__ import annotations

import math
from typing import Any

#: Column name -> label for readers (the results tables' columns, and the report's own).
COLUMNS: dict[str, str] = {
    # identity and provenance
    "article_id": "Article", "article": "Article", "outlet": "Outlet", "date": "Date",
    "headline": "Headline", "event_id": "Event", "event": "Event",
    "background_event": "Background event", "outlet_inferred": "Outlet inferred",
    "outlet_evidence": "Outlet: evidence", "headline_source": "Headline: source",
    "date_earliest": "Earliest date", "date_latest": "Latest date",
    "date_inferred": "Date inferred", "date_evidence": "Date: evidence",
    # size and readability
    "words": "Words", "body_words": "Body words", "paragraphs": "Paragraphs",
    "body_paragraphs": "Body paragraphs", "set_aside": "Set aside", "characters": "Characters",
    "sentences": "Sentences", "flesch_reading_ease": "Flesch reading ease",
    "flesch_kincaid_grade": "Flesch-Kincaid grade",
    # paragraphs
    "paragraph": "Paragraph", "start": "Start", "end": "End", "role": "Role",
    "reason": "Why set aside", "duplicate_of": "Repeat of paragraph", "text": "Text",
    # statements and voices
    "statements": "Statements", "statement": "Statement", "voices": "Voices",
    "quotes_source": "Quotes from", "kind": "Kind", "speaker": "Speaker", "actor": "Actor",
    "group": "Group", "cue": "Attribution verb", "cue_class": "Verb class", "stance": "Stance",
    "stance_rule": "Stance rule", "stance_evidence": "Stance evidence",
    "source_type": "Source type", "named": "Named", "gender": "Gender",
    "source_evidence": "Source evidence",
    "first_voice_actor": "First voice", "first_voice_group": "First voice: group",
    "first_voice_paragraph": "First voice: paragraph", "first_quote_actor": "First quote",
    "first_quote_group": "First quote: group", "first_quote_paragraph": "First quote: paragraph",
    "first_full_quote_actor": "First full quote",
    "first_full_quote_group": "First full quote: group",
    "first_full_quote_paragraph": "First full quote: paragraph",
    "last_word_actor": "Last word", "last_word_group": "Last word: group",
    "last_word_paragraph": "Last word: paragraph",
    "first_critical_paragraph": "First critical voice: paragraph",
    "first_defensive_paragraph": "First defensive voice: paragraph",
    "quoted_words": "Quoted words", "top_quoted_actor": "Most quoted",
    "top_quoted_share": "Most quoted: share of quoted words",
    # stance toward the target
    "critical_actors": "Critical actors", "defensive_actors": "Defensive actors",
    "critical_defensive_ratio_actors": "Critical : defensive (actors)",
    "critical_statements": "Critical statements", "defensive_statements": "Defensive statements",
    "critical_defensive_ratio": "Critical : defensive (statements)",
    "critical_words": "Critical quoted words", "defensive_words": "Defensive quoted words",
    "critical_defensive_ratio_words": "Critical : defensive (quoted words)",
    "mixed_statements": "Mixed statements", "neutral_statements": "Neutral statements",
    "evaluative_cues": "Evaluative verbs", "neutral_cues": "Neutral verbs",
    "unlisted_cues": "Unlisted verbs", "no_cue": "No verb",
    # tone
    "vader_compound": "Tone (VADER)", "vader_headline": "Tone of headline (VADER)",
    "target_sentences": "Sentences naming the target",
    "vader_target": "Tone of sentences naming the target (VADER)",
    "vader_quotes": "Tone of quotes (VADER)", "compound": "Tone (VADER)",
    "mentions_target": "Names the target",
    # loaded language
    "loaded_terms": "Loaded terms", "loaded_per_1k": "Loaded terms per 1,000 words",
    "loaded_headline": "Loaded terms: headline", "loaded_lede": "Loaded terms: lede",
    "loaded_outlet_voice": "Loaded terms: outlet's voice",
    "loaded_quote_voice": "Loaded terms: inside quotes", "embattled": "Uses of \u201cembattled\u201d",
    "evaluative_words": "Evaluative words (VADER)",
    "evaluative_per_1k": "Evaluative words per 1,000 words",
    "evaluative_outlet_voice": "Evaluative words: outlet's voice",
    "evaluative_quote_voice": "Evaluative words: inside quotes",
    "evaluative_headline": "Evaluative words: headline",
    "term": "Term", "category": "Category", "matched": "As written", "position": "Position",
    "voice": "Voice", "left": "Before", "right": "After",
    # agency
    "agentless_passives": "Agentless passives", "agent_passives": "Passives with agent",
    "incident_agentless_passives": "Agentless passives (incident verbs)",
    "active_incident_clauses": "Active clauses (incident verbs)", "incident": "Incident verb",
    "verb": "Verb", "agent": "Agent", "sentence": "Sentence",
    # sources
    "source_primary_definer": "First source (type)", "source_voices": "Sourced voices",
    "source_official_share": "Official sources (share)",
    "source_anonymous_share": "Anonymous sources (share)",
    "source_female_share": "Female sources (share)",
    "source_gendered_voices": "Voices of known gender",
    "source_type_entropy": "Source diversity (entropy, bits)",
    "field": "Field (headline or text)",
    # generic frames and Entman's functions (frames, frame_evidence, entman tables)
    "responsibility_score": "Responsibility score",
    "conflict_score": "Conflict score", "human_interest_score": "Human-interest score",
    "economic_score": "Economic score", "morality_score": "Morality score",
    "item": "Item", "frame": "Frame", "answer": "Answer", "cues": "Cue words",
    "function": "Framing function", "agent_type": "Agent: type", "said_by": "Said by",
    **{f"{code}{n}": f"Item {code}{n}" for code, last in
       (("re", 5), ("co", 4), ("hi", 5), ("mo", 3), ("ec", 3)) for n in range(1, last + 1)},
    # validation against hand coding
    "n_gold": "Hand-coded", "n_pred": "Found by the program", "precision": "Precision",
    "recall": "Recall", "f1": "F1", "actor_accuracy": "Actor right (share)",
    "e2e_f1": "F1 (span and actor)", "problem": "Problem", "gold_kind": "Hand: kind",
    "pred_kind": "Program: kind", "gold_actor": "Hand: actor", "pred_actor": "Program: actor",
    "gold_text": "Hand: text", "pred_text": "Program: text", "status": "Status",
    # the report's own tables
    "kept": "Kept", "event paragraphs": "Event paragraphs",
    "body paragraphs": "Body paragraphs", "value": "Value",
}
#: Frame columns of the frames table: shown by the frame's name ("Conflict"), which they share
#: with loaded-language categories, so they are not in :data:`COLUMNS`.
FRAMES: tuple[str, ...] = ("responsibility", "conflict", "human_interest", "economic", "morality")
#: Column families named after a study's own categories: prefix -> label template.
PREFIXES: tuple[tuple[str, str], ...] = (
    ("quoted_share_", "Quoted words: {} (share)"),
    ("source_voices_", "Sourced voices: {}"),
    ("loaded_", "Loaded terms: {}"),
)


def category(name: str) -> str:
    """A category key for readers: underscores as spaces (``jewish_community`` -> ``jewish
    community``)."""
    return str(name).replace("_", " ").strip()


def column_label(name: Any) -> str:
    """The reader's label of a column name (fixed map, then the prefix families, then the
    name with spaces for underscores and a capital first letter)."""
    key = str(name)
    if key in COLUMNS:
        return COLUMNS[key]
    for prefix, template in PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            return template.format(category(key[len(prefix):]))
    text = category(key)
    return text[:1].upper() + text[1:]


def _integral(values: Any) -> bool:
    """True when every present value of a float column is a whole number."""
    present = [v for v in values if v is not None and not (isinstance(v, float) and math.isnan(v))]
    return bool(present) and all(isinstance(v, (int, float)) and math.isfinite(v)
                                 and float(v).is_integer() for v in present)


def readable(frame: Any, digits: int = 2) -> Any:
    """A copy of a table for readers: every column (and the index name) labelled, floats
    rounded to ``digits``, whole-number float columns shown as integers and missing text
    shown blank."""
    import pandas as pd

    out = frame.copy()
    for col in out.columns:
        series = out[col]
        if pd.api.types.is_float_dtype(series):
            out[col] = series.astype("Int64") if _integral(series.tolist()) else series.round(digits)
        elif series.dtype == object or pd.api.types.is_string_dtype(series):
            out[col] = series.astype(object).where(series.notna(), "")  # blank, not NaN
    name = out.columns.name
    out.columns = [column_label(c) for c in out.columns]
    if name is not None:
        out.columns.name = column_label(name)
    if out.index.name is not None:
        out.index.name = column_label(out.index.name)
    elif isinstance(out.index, pd.MultiIndex):
        out.index.names = [column_label(n) if n is not None else None for n in out.index.names]
    return out
