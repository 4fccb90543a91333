"""Studies: a folder with ``study.yaml`` and the story's own knowledge, loaded and validated.

A study names its corpus, outlets, stance target and the files that hold what is known about
its story (codebook, stance rules and overrides, events, lexicon additions, incident verbs,
hand coding, the authors' reading).  Everything else comes from the package's general data.
Paths in ``study.yaml`` are relative to the study folder.  The schema is in docs/studies.md.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .datafiles import read_yaml
from ..errors import DataFileError, InputError
from .target import Target

STUDY_FILE = "study.yaml"
#: Top-level keys of study.yaml.
STUDY_KEYS = ("version", "title", "question", "corpus", "outlets", "target", "measures",
              "codebook", "stance", "lexicon", "events", "agency", "evaluation", "reading",
              "cite")
#: Measures a study may switch on or off (all on by default).
MEASURES = ("loaded", "prominence", "stance", "tone", "readability", "agency", "sources")
#: Stance coders: ``general`` (analysis.measures.target_stance: scope, speech acts, evaluative words,
#: a small model) or ``rules`` (analysis.measures.stance: cue lists over the whole statement).
CODERS = ("general", "rules")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Outlet:
    """One outlet as the corpus names it, with the label a reader sees."""

    key: str
    label: str


@dataclass(frozen=True)
class Study:
    """A loaded study: its folder, descriptive fields and the paths of its knowledge files."""

    root: Path
    title: str
    question: str = ""
    corpus: tuple[Path, ...] = ()
    outlets: tuple[Outlet, ...] = ()
    target: Target | None = None
    measures: tuple[str, ...] = MEASURES
    codebook: Path | None = None
    stance_rules: Path | None = None
    stance_overrides: Path | None = None
    stance_coder: str = "general"
    stance_cues: Path | None = None
    lexicon_additions: Path | None = None
    general_lexicon: bool = True
    events: Path | None = None
    agency: Path | None = None
    evaluation: Path | None = None
    reading: Path | None = None
    cite: str = ""

    @property
    def name(self) -> str:
        """The study's folder name."""
        return self.root.name

    def outlet_label(self, key: str) -> str:
        """The reader's label of an outlet (the key itself when the study does not name it)."""
        return next((o.label for o in self.outlets if o.key == key), key)

    def outlet_order(self) -> list[str]:
        """Outlet keys in the study's order."""
        return [o.key for o in self.outlets]

    def files(self) -> list[Path]:
        """study.yaml, every knowledge file it names and the evaluation folder's files."""
        named = [self.codebook, self.stance_rules, self.stance_overrides, self.stance_cues,
                 self.lexicon_additions, self.events, self.agency, self.reading]
        found = [self.root / STUDY_FILE] + [f for f in named if f is not None]
        if self.evaluation is not None:
            found += sorted(p for p in self.evaluation.rglob("*") if p.is_file())
        return list(dict.fromkeys(found))

    def digest(self) -> str:
        """SHA-256 over the study's files (names and bytes), for the results manifest."""
        h = hashlib.sha256()
        for path in sorted(self.files()):
            h.update(str(path.relative_to(self.root)).encode() + b"\0")
            h.update(path.read_bytes())
        return h.hexdigest()


def _str(data: dict[str, Any], key: str, path: str, required: bool = False) -> str:
    """A string field (empty when absent and not required)."""
    value = data.get(key)
    if value is None:
        if required:
            raise DataFileError(path, "required", field=key)
        return ""
    if not isinstance(value, str):
        raise DataFileError(path, "must be a string", field=key)
    return value.strip()


def _strs(value: Any, path: str, where: str) -> tuple[str, ...]:
    """A list of non-empty strings (or nothing)."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataFileError(path, "must be a list of non-empty strings", field=where)
    return tuple(v.strip() for v in value)


def _file(root: Path, value: Any, path: str, where: str, folder: bool = False) -> Path | None:
    """A path relative to the study folder that must exist (None when not given)."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise DataFileError(path, "must be a path (a string)", field=where)
    found = (root / value).resolve()
    if not (found.is_dir() if folder else found.is_file()):
        kind = "folder" if folder else "file"
        raise DataFileError(path, f"no such {kind} {value!r} (paths are relative to the study "
                                  f"folder)", field=where)
    return found


def _target(data: Any, path: str) -> Target | None:
    """The target mapping of study.yaml, or None when the study has no target."""
    if data is None:
        return None
    if not isinstance(data, dict):
        raise DataFileError(path, "must be a mapping with name, aliases, actors, allies",
                            field="target")
    unknown = set(data) - {"name", "aliases", "actors", "allies", "role_nouns", "pronouns"}
    if unknown:
        raise DataFileError(path, f"unknown key(s) {sorted(unknown)}", field="target")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise DataFileError(path, "required: a non-empty string", field="target.name")
    name = name.strip()
    ids = _strs(data.get("actors"), path, "target.actors")
    allies = _strs(data.get("allies"), path, "target.allies")
    for where, values in (("target.actors", ids), ("target.allies", allies)):
        for v in values:
            if not _ID.match(v):
                raise DataFileError(path, f"{v!r} is not a snake_case actor id", field=where)
    return Target(name, _strs(data.get("aliases"), path, "target.aliases"), ids, allies,
                  _strs(data.get("role_nouns"), path, "target.role_nouns"),
                  _strs(data.get("pronouns"), path, "target.pronouns"))


def _outlets(data: Any, path: str) -> tuple[Outlet, ...]:
    """Outlets in order: a list of names, or of {key, label} mappings."""
    if data is None:
        return ()
    if not isinstance(data, list):
        raise DataFileError(path, "must be a list of outlet names or {key, label}", field="outlets")
    out = []
    for i, item in enumerate(data):
        if isinstance(item, str) and item.strip():
            out.append(Outlet(item.strip(), item.strip()))
        elif isinstance(item, dict) and isinstance(item.get("key"), str) and item["key"].strip():
            label = item.get("label") or item["key"]
            if not isinstance(label, str):
                raise DataFileError(path, "label must be a string", field=f"outlets[{i}].label")
            out.append(Outlet(item["key"].strip(), label.strip()))
        else:
            raise DataFileError(path, "an outlet is a name or a mapping with 'key' (and 'label')",
                                field=f"outlets[{i}]")
    keys = [o.key for o in out]
    if len(set(keys)) != len(keys):
        raise DataFileError(path, "an outlet is listed twice", field="outlets")
    return tuple(out)


def _section(data: dict[str, Any], key: str, allowed: set[str], path: str) -> dict[str, Any]:
    """A mapping section of study.yaml (a bare string means its ``file``)."""
    value = data.get(key)
    if value is None:
        return {}
    if isinstance(value, str):
        return {"file": value}
    if not isinstance(value, dict):
        raise DataFileError(path, "must be a mapping (or a file name)", field=key)
    unknown = set(value) - allowed
    if unknown:
        raise DataFileError(path, f"unknown key(s) {sorted(unknown)}", field=key)
    return value


def parse_study(data: Any, root: Path, path: str) -> Study:
    """Validate the parsed study.yaml of a study folder (file existence included)."""
    if not isinstance(data, dict):
        raise DataFileError(path, "a study is a mapping (see docs/studies.md)")
    if data.get("version") != 1:
        raise DataFileError(path, "must be 1", field="version")
    title = _str(data, "title", path, required=True)
    corpus = data.get("corpus")
    corpus_list = [corpus] if isinstance(corpus, str) else corpus
    if corpus_list is not None and (not isinstance(corpus_list, list) or not all(
            isinstance(c, str) and c.strip() for c in corpus_list)):
        raise DataFileError(path, "must be a path or a list of paths", field="corpus")
    corpora = []
    for i, c in enumerate(corpus_list or []):
        p = (root / c).resolve()
        if not p.exists():
            raise DataFileError(path, f"no such file or folder {c!r} (paths are relative to the "
                                      f"study folder)", field="corpus" if len(corpus_list) == 1
                                else f"corpus[{i}]")
        corpora.append(p)
    measures = _strs(data.get("measures"), path, "measures") or MEASURES
    bad = [m for m in measures if m not in MEASURES]
    if bad:
        raise DataFileError(path, f"unknown measure(s) {bad}; expected some of {list(MEASURES)}",
                            field="measures")
    stance = _section(data, "stance", {"coder", "cues", "rules", "overrides"}, path)
    coder = stance.get("coder", "general")
    if coder not in CODERS:
        raise DataFileError(path, f"{coder!r} is not one of {list(CODERS)}", field="stance.coder")
    lexicon = _section(data, "lexicon", {"file", "additions", "general"}, path)
    general = lexicon.get("general", True)
    if not isinstance(general, bool):
        raise DataFileError(path, "must be true or false", field="lexicon.general")
    return Study(
        root=root, title=title, question=_str(data, "question", path), corpus=tuple(corpora),
        outlets=_outlets(data.get("outlets"), path), target=_target(data.get("target"), path),
        measures=tuple(measures),
        codebook=_file(root, data.get("codebook"), path, "codebook"),
        stance_rules=_file(root, stance.get("rules"), path, "stance.rules"),
        stance_overrides=_file(root, stance.get("overrides"), path, "stance.overrides"),
        stance_coder=coder, stance_cues=_file(root, stance.get("cues"), path, "stance.cues"),
        lexicon_additions=_file(root, lexicon.get("additions") or lexicon.get("file"), path,
                                "lexicon.additions"),
        general_lexicon=general,
        events=_file(root, data.get("events"), path, "events"),
        agency=_file(root, data.get("agency"), path, "agency"),
        evaluation=_file(root, data.get("evaluation"), path, "evaluation", folder=True),
        reading=_file(root, data.get("reading"), path, "reading"),
        cite=_str(data, "cite", path))


def read_study(folder: str | Path) -> Study:
    """Read and validate a study folder's study.yaml (its own fields and paths only)."""
    root = Path(folder).resolve()
    if root.is_file() and root.name == STUDY_FILE:
        root = root.parent
    path = root / STUDY_FILE
    if not root.is_dir():
        raise InputError(f"{folder}: no such study folder")
    if not path.is_file():
        raise InputError(f"{folder}: not a study (no {STUDY_FILE}; make one with "
                         f"'python -m analysis new-study')")
    return parse_study(read_yaml(str(path), keys=STUDY_KEYS), root, str(path))


def load_study(folder: str | Path) -> Study:
    """Load a study folder and check it across its files; errors name file, line and field."""
    from .bundle import check_study, study_knowledge

    study = read_study(folder)
    check_study(study, study_knowledge(study))
    return study
