"""What the analysis knows: the package's general data, plus a study's own files when given.

:func:`knowledge_for` gives one plain, picklable bundle that every per-article function takes,
so the same rules reach worker processes and Dask partitions.  Without a study nothing is
known about any story: no named actors, no target (stance is empty), no events, the general
lexicon only.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..quotes.actors import Codebook, load_codebook
from ..measures.agency import AgencyWords, load_agency_words, with_incident_verbs
from .datafiles import packaged
from ..errors import DataFileError
from ..corpus.events import Event, load_events
from ..measures.lexicon import Entry, general_path, load_lexicon
from ..measures.stance import Override, Rules, load_overrides, load_rules, with_target
from .study import Study, read_study
from .target import Target


@dataclass(frozen=True)
class Knowledge:
    """Everything a per-article analysis reads: codebook, stance rules, lexicon, events, agency."""

    codebook: Codebook
    rules: Rules
    overrides: tuple[Override, ...]
    entries: tuple[Entry, ...]
    events: dict[str, Event] = field(default_factory=dict)
    agency: AgencyWords | None = None
    study: Study | None = None
    stance_cues: Any = None  # a study's extra cues for the general coder (stance_cues.Cues)

    @property
    def target(self) -> Target | None:
        """The study's stance target, or None."""
        return self.study.target if self.study is not None else None

    @property
    def general_coder(self) -> bool:
        """True when stance is coded by the general coder (analysis.measures.target_stance)."""
        return self.target is not None and self.study.stance_coder == "general"

    @property
    def groups(self) -> tuple[str, ...]:
        """The codebook's groups, ``unknown`` always last."""
        return tuple(g for g in self.codebook.groups if g != "unknown") + ("unknown",)

    @property
    def has_target(self) -> bool:
        """True when a stance target is set (by a study)."""
        return self.rules.has_target

    @property
    def label(self) -> str:
        """The study's folder name, or ``general`` for general knowledge only."""
        return self.study.name if self.study else "general"


@lru_cache(maxsize=1)
def general_knowledge() -> Knowledge:
    """The package's general knowledge only (no study, no target, no story's actors)."""
    return Knowledge(codebook=load_codebook(packaged("actors.yaml")),
                     rules=load_rules(packaged("stance_rules.yaml"), packaged("actors.yaml")),
                     overrides=(), entries=load_lexicon(general_path()),
                     events={}, agency=load_agency_words())


def study_knowledge(study: Study) -> Knowledge:
    """General knowledge with a study's own files laid over it, checked across files."""
    codebook_path = str(study.codebook) if study.codebook else packaged("actors.yaml")
    codebook = load_codebook(codebook_path)
    rules = load_rules(str(study.stance_rules) if study.stance_rules
                       else packaged("stance_rules.yaml"), codebook_path)
    if study.target is not None:
        t = study.target
        rules = with_target(rules, t.name, t.actor_ids + t.allies, t.aliases)
    overrides = load_overrides(str(study.stance_overrides)) if study.stance_overrides else ()
    entries: tuple[Entry, ...] = ()
    if study.general_lexicon:
        entries += load_lexicon(general_path())
    if study.lexicon_additions:
        entries += load_lexicon(str(study.lexicon_additions))
    events = load_events(study.events) if study.events else {}
    agency = load_agency_words()
    if study.agency:
        agency = with_incident_verbs(agency, str(study.agency))
    cues = None
    if study.stance_cues:
        from ..measures.stance_cues import load_cues

        cues = load_cues(str(study.stance_cues))
    return Knowledge(codebook, rules, tuple(overrides), entries, events, agency, study, cues)


def check_study(study: Study, know: Knowledge) -> None:
    """DataFileError naming file and field when a study's files disagree with each other
    (its rules' actor ids are checked against its codebook when the rules are loaded)."""
    where = str(study.root / "study.yaml")
    if study.target is not None:
        for fld, ids in (("target.actors", study.target.actor_ids),
                         ("target.allies", study.target.allies)):
            for a in ids:
                if a not in know.codebook.actors:
                    raise DataFileError(where, f"{a!r} is not an actor id of the codebook "
                                               f"({know.codebook.path})", field=fld)
    if know.stance_cues is not None:
        for a in sorted(know.stance_cues.critics):
            if a not in know.codebook.actors:
                raise DataFileError(know.stance_cues.path, f"{a!r} is not an actor id of the "
                                    f"codebook ({know.codebook.path})", field="critics")
    if study.events is not None:
        _check_event_ids(study, know.events)


def _check_event_ids(study: Study, events: dict[str, Event]) -> None:
    """Every event_id a corpus manifest names must be an event of the study."""
    from ..corpus.readers import MANIFEST

    for root in study.corpus:
        manifest = root / MANIFEST if root.is_dir() else None
        if manifest is None or not manifest.is_file():
            continue
        with open(manifest, encoding="utf-8-sig", newline="") as fh:
            for n, row in enumerate(csv.DictReader(fh), 2):
                ev = (row.get("event_id") or "").strip()
                if ev and ev not in events:
                    raise DataFileError(str(manifest), f"event {ev!r} is not in the study's "
                                                       f"events file", line=n, field="event_id")


def knowledge_for(study: str | Any | None) -> Knowledge:
    """Knowledge for a study folder (or a loaded Study), or general knowledge for None."""
    if study is None:
        return general_knowledge()
    if not isinstance(study, Study):
        study = read_study(study)
    know = study_knowledge(study)
    check_study(study, know)
    return know
