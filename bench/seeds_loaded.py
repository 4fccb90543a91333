"""Precision and recall of loaded-language hits against the hand coding of the seeds.

Usage:  .venv/bin/python bench/seeds_loaded.py [--items]

Compares ``lexicon_records`` on ``seeds/`` with the seed study's ``evaluation/seeds_loaded.csv`` through
``analysis.validation.agreement.lexicon_agreement`` (same article and paragraph, overlapping spans), for
the general list alone (all entries, and strong entries only) and for the general list with
the seed study's own additions (``studies/met-police-2024/lexicon.csv``).
Statements come from the quotation engine.  ``--items`` prints every miss and false hit.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED_STUDY = ROOT / "studies" / "met-police-2024"
sys.path.insert(0, str(ROOT))

from analysis.validation.agreement import lexicon_agreement, load_gold_loaded  # noqa: E402
from analysis.corpus.readers import read_corpus  # noqa: E402
from analysis.measures.lexicon import (general_path, lexicon_records,  # noqa: E402
                              load_lexicons)
from analysis.quotes.engine import article_statements  # noqa: E402

CONFIGS = {
    "general (all)": ([general_path()], "all"),
    "general (strong)": ([general_path()], "strong"),
    "general + study additions": ([general_path(), str(SEED_STUDY / "lexicon.csv")], "all"),
}


def main(argv: list[str] | None = None) -> int:
    """Print one line of figures per configuration."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", action="store_true")
    ap.add_argument("--study", default=None, help="a study additions CSV (default: the seed study's lexicon.csv)")
    args = ap.parse_args(argv)
    if args.study:
        CONFIGS["general + study additions"] = ([general_path(), args.study], "all")
    arts = {a.id: a for a in read_corpus(ROOT / "seeds")}
    gold = [g for g in load_gold_loaded(SEED_STUDY / "evaluation" / "seeds_loaded.csv")
            if g["article_id"] in arts]
    stmts = {k: article_statements(a) for k, a in arts.items()}
    for name, (paths, strength) in CONFIGS.items():
        entries = load_lexicons(*paths, strength=strength)
        hits = [r for k, a in arts.items()
                for r in lexicon_records(a, stmts[k], entries, scare_quotes=strength == "all")]
        stats, rows = lexicon_agreement(hits, gold, arts)
        print(f"{name:28} hits {stats['hits']:3}  gold {stats['gold']}  "
              f"precision {stats['precision']:.3f}  recall {stats['recall']:.3f}  "
              f"F1 {stats['f1']:.3f}  voice agreement {stats['voice_agreement']:.3f}")
        if args.items:
            for r in rows:
                if r["status"] != "tp":
                    print(f"   {r['status']} {r['article_id']} P{r['paragraph']}: "
                          f"{r['gold_text'] or r['matched']!r} {r['term'] or ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
