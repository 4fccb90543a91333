"""Score loaded-language detection on the BASIL dev split (read from ../shared; never copied here).

Usage:  .venv/bin/python bench/basil.py [GOLD.jsonl] [--lexicon CSV ...] [--measure loaded|evaluative]
                                        [--out bench/out/basil_pred.jsonl] [--boot 1000]

Each gold article becomes an Article (body text with paragraphs split on blank lines; the
``headline`` field as metadata, so it is analysed apart and never scored: BASIL's offsets are
into the body).  The quotation engine gives the statements, ``lexicon_records`` (or, with
``--measure evaluative``, ``evaluative_records``) the hits; one ``{id, hits}`` line per article
is written and ``score_basil.py`` is run on it.  Printed after its figures: the cost per article
of the lexicon step alone (statements given; fastest of three runs) and of the quotation
engine that feeds it (one run).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.corpus.readers import make_article  # noqa: E402
from analysis.measures.evaluative import evaluative_records  # noqa: E402
from analysis.measures.lexicon import general_path, lexicon_records, load_lexicons  # noqa: E402
from analysis.quotes.engine import article_statements  # noqa: E402

#: Timed runs of the measure (the fastest is reported).
REPEAT = 3
from paths import SHARED  # noqa: E402  (bench/ is on sys.path when a script runs)


def load_gold(path: Path) -> list[dict]:
    """The gold articles, one JSON object a line."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def predict(gold: list[dict], lexicons: list[str], measure: str, strength: str = "strong",
            scare: bool = False) -> tuple[list[dict], float, float]:
    """Prediction lines, and seconds per article for the quotation engine and for the measure."""
    entries = load_lexicons(*lexicons, strength=strength)
    arts = [make_article(g["id"], g["text"], {"headline": g.get("headline") or "",
                                              "outlet": g.get("outlet") or ""}) for g in gold]
    t0 = time.perf_counter()
    stmts = [article_statements(a) for a in arts]
    t1 = time.perf_counter()
    best = float("inf")
    for _ in range(REPEAT):  # the machine is shared: keep the fastest of a few runs
        t = time.perf_counter()
        if measure == "evaluative":
            recs = [evaluative_records(a, s) for a, s in zip(arts, stmts)]
        else:
            recs = [lexicon_records(a, s, entries, scare) for a, s in zip(arts, stmts)]
        best = min(best, time.perf_counter() - t)
    preds = [{"id": a.id, "hits": [{"start": r["start"], "end": r["end"]} for r in rs
                                   if r["field"] == "text"]} for a, rs in zip(arts, recs)]
    n = max(1, len(arts))
    return preds, (t1 - t0) / n, best / n


def main(argv: list[str] | None = None) -> int:
    """Predict, write, score and print."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="?", default=str(SHARED / "benchmarks" / "basil_dev.jsonl"))
    ap.add_argument("--lexicon", nargs="+", default=[general_path()],
                    help="lexicon CSV files, general list first (default: loaded_terms.csv)")
    ap.add_argument("--strength", choices=("strong", "all"), default="strong",
                    help="entries used (default strong: BASIL marks evaluative word choice only)")
    ap.add_argument("--no-scare", action="store_true", help="do not count short scare quotes")
    ap.add_argument("--measure", choices=("loaded", "evaluative"), default="loaded")
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "basil_pred.jsonl"))
    ap.add_argument("--boot", type=int, default=1000)
    args = ap.parse_args(argv)
    gold_path = Path(args.gold)
    scorer = gold_path.parent / "score_basil.py"
    if not gold_path.exists() or not scorer.exists():
        print(f"skipped: {gold_path} or its score_basil.py is absent "
              "(set FRAMING_SHARED to the folder holding benchmarks/)")
        return 0
    gold = load_gold(gold_path)
    scare = args.strength == "all" and not args.no_scare
    predict(gold[:5], args.lexicon, args.measure, args.strength, scare)  # warm the caches
    preds, t_quotes, t_measure = predict(gold, args.lexicon, args.measure, args.strength, scare)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        for p in preds:
            fh.write(json.dumps(p) + "\n")
    subprocess.run([sys.executable, str(scorer), str(gold_path), str(out),
                    "--boot", str(args.boot)], check=True)
    print(f"cost per article: {args.measure} {1000 * t_measure:.3f} ms (statements given), "
          f"quotation engine {1000 * t_quotes:.3f} ms; {len(gold)} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
