"""Write a new study folder from a commented template (``python -m analysis new-study``)."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Sequence

from ..errors import InputError

_STUDY = """\
# A study of the framing package (schema: docs/studies.md).  Paths are relative to this folder.
# Edit the fields below, then check the study with:
#   python -m analysis metrics --study {folder} -o /tmp/check.csv
version: 1
title: {title}
# Your research question (shown on the report's first page):
question: {question}
corpus: {corpus}
outlets: []                    # outlet names as the corpus spells them, in the order to show;
                               # or {{key: <as in the corpus>, label: <for readers>}}
target:                        # what stance (critical / defensive voices) is coded toward
  name: {target}
  aliases: {aliases}           # phrases that mention the target in text (case-sensitive;
                               # lower-case first letter also matches capitalised)
  actors: []                   # actor ids (in actors.yaml) whose words are the target's voice
  allies: []                   # actor ids that speak for the target
codebook: actors.yaml          # the people and bodies of your story
# stance:                      # optional: your own cue lists, replacing the general ones
#   rules: stance_rules.yaml
#   overrides: stance_overrides.csv
lexicon:
  general: true                # the package's general loaded-terms list
  # additions: lexicon.csv     # optional: loaded terms of your story (schema: docs/methods.md)
# events: events.yaml          # optional: the events of your story, for like-with-like
# agency: agency.yaml          # optional: incident verbs of your story
# evaluation: evaluation       # optional: your hand coding (see docs/studies.md)
# reading: reading.md          # optional: your reading of the results, shown in your report
"""

_CODEBOOK = """\
# The actors of this study (schema: docs/quotes.md, "Codebook").  Add one entry per person or
# body your story quotes.  A single name ("Smith"), a first name or a bare title ("the mayor")
# resolves only when listed under `unique` (you declare it names one actor in your story).
version: 1
groups: [officials, critics, public, media, unknown]   # your groups; 'unknown' is kept
actors: {}
# Example:
#   jane_smith:
#     name: Jane Smith
#     group: officials
#     type: person                 # person | organisation | role
#     aliases: [Jane Smith, Smith]
#     titles: [the police chief]
#     unique: [Smith, the police chief]
"""


def _slug_title(target: str) -> str:
    """A default title from the target's name."""
    return f"How outlets framed {target}"


def new_study(folder: str | Path, corpus: str | Path, target: str, aliases: Sequence[str] = (),
              title: str | None = None) -> Path:
    """Create a study folder with study.yaml and an empty codebook; return the study.yaml path."""
    root = Path(folder)
    if root.is_file() or (root.is_dir() and any(root.iterdir())):
        raise InputError(f"{folder}: already exists; choose a new folder for the study")
    corpus_path = Path(corpus)
    if not corpus_path.exists():
        raise InputError(f"{corpus}: no such file or directory")
    if not target.strip() or "\n" in target:
        raise InputError("--target: give the target's name on one line")
    for a in aliases:
        if not a.strip() or "\n" in a:
            raise InputError(f"--alias {a!r}: give each alias on one line")
    root.mkdir(parents=True, exist_ok=True)
    rel = os.path.relpath(corpus_path.resolve(), root.resolve())
    text = _STUDY.format(folder=folder, title=_quote(title or _slug_title(target)),
                         target=_quote(target),
                         question=_quote(f"How did the outlets of this corpus frame {target}?"), corpus=_quote(rel),
                         aliases=json.dumps(list(aliases) or [target], ensure_ascii=False))
    (root / "study.yaml").write_text(text, encoding="utf-8")
    (root / "actors.yaml").write_text(_CODEBOOK, encoding="utf-8")
    from .study import load_study

    load_study(root)  # the template must load as it is
    return root / "study.yaml"


def _quote(value: str) -> str:
    """A YAML scalar for one line of user text (JSON strings are valid YAML)."""
    if re.fullmatch(r"[A-Za-z0-9 ._/-]+", value) and not value[0] in "-. " and value.strip() == value:
        return value
    return json.dumps(value, ensure_ascii=False)
