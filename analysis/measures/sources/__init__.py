"""Who the sources are: type, named or anonymous, and gender of each statement's speaker.

Follows the codebook ``../shared/codebooks/sources.md``.  Everything is read from the text of
the article (the speaker phrase, its apposition, earlier mentions of the same person), from
the general role knowledge in ``data/source_roles.yaml`` and the first-name table
``data/first_names.csv`` (from nomquamgender, MIT), and from a study's codebook when it has
the actor (a mapping group -> source type).  Every decision carries its evidence.

Modules, one job each: ``knowledge`` (the types and the data files), ``phrase`` (reading one
phrase), ``mentions`` (the mentions of an article), ``gender``, ``resolve`` (pronouns and
descriptions), ``fields`` (the four fields of a statement) and ``summary`` (the measures).
"""
from __future__ import annotations

from .fields import (NAMED_DEFAULT_PUBLIC, PRIVATE_MENTIONS, _speaker_fields, source_fields,
                     with_source_fields)
from .gender import (_first_mention_gender, _first_names_by_surname, _first_names_of,
                     _name_gender, _phrase_gender, _person_gender, _pronoun_speaker_spots,
                     _pronoun_votes, _speaker_pronoun, _text_gender)
from .knowledge import FIELD_KEYS, OFFICIAL, SOURCE_TYPES, Roles, load_first_names, load_roles
from .mentions import (_acronym_expansion, _apposition, _description, _index, _marks,
                       _mention_type, _sentences, _surname_key, _title_line_at, _variations,
                       _sentence_set, _runs_of, _inside_quote)
from .phrase import _folded_text, _read, _read_phrase
from .resolve import _antecedent, _person_like, _run_people, _speaking_keys
from .summary import entropy, outlet_summary, source_summary

__all__ = ["FIELD_KEYS", "NAMED_DEFAULT_PUBLIC", "OFFICIAL", "PRIVATE_MENTIONS", "Roles",
           "SOURCE_TYPES", "clear_caches", "entropy", "load_first_names", "load_roles",
           "outlet_summary", "source_fields", "source_summary", "with_source_fields"]


def clear_caches() -> None:
    """Forget the per-article memos (used to time a cold run)."""
    for f in (_speaker_fields, _read, _index, _acronym_expansion, _sentences, _mention_type,
              _phrase_gender, _description, _apposition, _person_like, _marks,
              _first_names_by_surname, _title_line_at,
              _surname_key, _variations, _sentence_set, _read_phrase, _runs_of, _inside_quote,
              _speaking_keys, _antecedent, _pronoun_speaker_spots, _speaker_pronoun,
              _person_gender, _pronoun_votes, _run_people, _folded_text, _name_gender,
              _first_names_of, _first_mention_gender):
        f.cache_clear()
