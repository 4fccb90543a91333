"""What the article-context rules of the sources measure cost and buy: an ablation on PolNeAR dev.

Usage:  .venv/bin/python bench/sources_ablation.py [GOLD.jsonl] [--rounds N]

Each configuration switches off one group of rules (the functions named in GROUPS answer
"nothing found"), times a cold pass of source_fields over the PolNeAR dev articles and scores
the source type against each hand coding in ``evaluation/``, as bench/sources.py does.  The
passes of a configuration alternate with passes of the full measure, and the best of
``--rounds`` is kept for each, so that the cost ratio is less exposed to a shared machine's
noise than the milliseconds are (the first row compares the full measure with itself: its
distance from 100% is that noise).  It answers one question: how far below the full measure's
cost can it go, and what type accuracy does that leave?  Nothing in the package changes.
"""
from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sources as bench  # noqa: E402  (bench/sources.py: the articles, timing and scoring)

from analysis.measures import sources as package  # noqa: E402

#: Groups of rules that read the article beyond the speaker's phrase, by the functions that
#: carry them (private names of analysis.measures.sources; a rename fails here, loudly).
GROUPS: dict[str, tuple[str, ...]] = {
    "descriptions that refer back": ("_variation_type",),
    "other mentions of the name": ("_known_type", "_type_from_earlier"),
    "pronoun antecedents": ("_antecedent",),
    "all article context": (
        "_antecedent", "_known_type", "_variation_type", "_type_from_earlier", "_marks",
        "_private_person", "_resolve_description", "_organisation_before", "_first_name",
        "_speaker_pronoun", "_person_gender", "_first_mention_gender", "_acronym_type",
        "_indefinite_before", "_body_before"),
}

#: What a switched-off function answers when its "nothing found" is not None.
_NOTHING: dict[str, Callable[[], Any]] = {"_marks": dict}


def _modules() -> list[Any]:
    """The modules of the analysis.measures.sources package."""
    return [importlib.import_module(f"{package.__name__}.{m.name}")
            for m in pkgutil.iter_modules(package.__path__)]


@contextmanager
def switched_off(names: tuple[str, ...]) -> Iterator[None]:
    """Within the block, every module of the sources package that binds one of the names
    finds nothing through it; a name no module binds is an error."""
    saved: list[tuple[Any, str, Any]] = []
    for name in names:
        holders = [m for m in _modules() if hasattr(m, name)]
        if not holders:
            raise SystemExit(f"sources_ablation: no function {name} in {package.__name__} "
                             "(renamed? update GROUPS)")
        empty = _NOTHING.get(name)
        stub = (lambda *a, _e=empty, **k: _e()) if empty else (lambda *a, **k: None)
        for m in holders:
            saved.append((m, name, getattr(m, name)))
            setattr(m, name, stub)
    try:
        yield
    finally:
        for m, name, f in reversed(saved):
            setattr(m, name, f)


def _pass(articles: dict[str, dict]) -> tuple[dict[str, list[dict]], float]:
    """A cold pass of source_fields: (fields per article, CPU ms per article)."""
    package.clear_caches()
    return bench.predict(articles)


def main(argv: list[str] | None = None) -> int:
    """Time and score the full measure and each configuration; print a table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="?", default=str(bench.DEFAULT_GOLD))
    ap.add_argument("--rounds", type=int, default=5, help="alternated passes per configuration")
    args = ap.parse_args(argv)
    gold = Path(args.gold)
    if not gold.is_file():
        print(f"PolNeAR benchmark not found at {gold}; nothing to measure (skipped).")
        return 0
    paths = sorted((bench.ROOT / "evaluation").glob("polnear_sources_coder*.jsonl"))
    if not paths:
        print("no hand coding (evaluation/polnear_sources_coder*.jsonl): nothing to score (skipped).")
        return 0
    rows = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows_by_id = {r["id"]: r for r in rows}
    codings = bench.load_codings(paths)
    print(f"building {len({r['article_id'] for r in rows})} articles ...", flush=True)
    articles = bench.build_articles(rows)
    package.load_roles(), package.load_first_names(), bench.load_postmodifiers()
    names = list(codings)
    print(f"{'rules switched off':32} {'ms/article':>10} {'of full':>8} "
          + " ".join(f"{'type ' + n[-1]:>7}" for n in names))
    for label, group in [("none (the full measure)", ())] + list(GROUPS.items()):
        full_ms, ms = [], []
        with switched_off(group):
            fields, _ = _pass(articles)
        for _ in range(args.rounds):
            full_ms.append(_pass(articles)[1])
            with switched_off(group):
                ms.append(_pass(articles)[1])
        pred, _ = bench.item_predictions(articles, rows_by_id, codings, fields)
        accs = [bench.score(items, pred)["type_acc"] for items in codings.values()]
        print(f"{label:32} {min(ms):10.3f} {min(ms) / min(full_ms):8.0%} "
              + " ".join(f"{a:7.3f}" for a in accs), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
