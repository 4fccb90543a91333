"""Score loaded-language detection on the BASIL dev split (read from ../shared; never copied here).

Usage:  .venv/bin/python bench/basil.py [GOLD.jsonl] [--lexicon CSV ...] [--measure loaded|evaluative]
                                        [--voice all|outlet|quote]
                                        [--out bench/out/basil_pred.jsonl] [--boot 1000]

Each gold article becomes an Article (body text with paragraphs split on blank lines; the
``headline`` field as metadata, so it is analysed apart and never scored: BASIL's offsets are
into the body).  The quotation engine gives the statements, ``lexicon_records`` (or, with
``--measure evaluative``, ``evaluative_records``) the hits; one ``{id, hits}`` line per article
is written and ``score_basil.py`` is run on it.  Printed after its figures: the cost per article
of the lexicon step alone (statements given; fastest of three runs) and of the quotation
engine that feeds it (one run).

The outlet order (issue 14: "the outlet order right in at least 80% of bootstrap resamples")
is the package's order of the outlets by mean rate in each bootstrap resample of the events,
compared with the experts' order on the full split (:func:`order_in_resamples`).  The scorer's
own bootstrap line compares it with the order of the *resampled* gold rates instead, which
asks whether two noisy orders coincide: on dev, where the gold's own order holds in only about
a fifth of its resamples, even the gold rates as a prediction would score about 20% that way.
Both are printed.
"""
from __future__ import annotations

import argparse
import json
import os
import random
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
            scare: bool = False, voice: str = "all") -> tuple[list[dict], float, float]:
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
                                   if r["field"] == "text" and voice in ("all", r["voice"])]}
             for a, rs in zip(arts, recs)]
    n = max(1, len(arts))
    return preds, (t1 - t0) / n, best / n


#: The outlets of BASIL, in the scorer's order.
OUTLETS = ("fox", "nyt", "hpo")


def article_rates(gold: list[dict], preds: list[dict]) -> dict[str, tuple[str, str, float, float]]:
    """id -> (outlet, event, predicted hits, gold lexical spans per 1,000 words), as the scorer
    counts them (a hit with end <= start is not a hit)."""
    hits = {p["id"]: sum(1 for h in p["hits"] if int(h["end"]) > int(h["start"])) for p in preds}
    return {g["id"]: (g["outlet"], g["event_id"], 1000 * hits.get(g["id"], 0) / g["n_words"],
                      1000 * len(g["lexical_spans"]) / g["n_words"]) for g in gold}


def outlet_order(rates: dict[str, float]) -> tuple[str, ...]:
    """Outlets from the highest rate to the lowest (ties in OUTLETS order, as the scorer's sort)."""
    return tuple(sorted(rates, key=lambda o: -rates[o]))


def mean_rates(rows: list[tuple[str, str, float, float]], which: int) -> dict[str, float]:
    """Mean per-article rate of each outlet (``which`` 2: predicted, 3: gold)."""
    out = {}
    for o in OUTLETS:
        xs = [r[which] for r in rows if r[0] == o]
        if xs:
            out[o] = sum(xs) / len(xs)
    return out


def order_in_resamples(rates: dict[str, tuple[str, str, float, float]], boot: int,
                       seed: int = 0) -> dict[str, float]:
    """Share of bootstrap resamples of events in which the outlet order by mean predicted rate
    equals the experts' order on the full split (issue 14's goal), beside the scorer's own
    figure (the order of the *resampled* gold rates) and the share of resamples in which the
    resampled gold keeps its full-split order.  Resamples are drawn as ``score_basil.py``
    draws them (``random.Random(seed)``, events in file order), so the scorer's figure here is
    the one it prints."""
    events: dict[str, list[tuple[str, str, float, float]]] = {}
    for r in rates.values():
        events.setdefault(r[1], []).append(r)
    ids = list(events)
    rows = list(rates.values())
    full_gold = outlet_order(mean_rates(rows, 3))
    rng = random.Random(seed)
    vs_full = vs_resampled = gold_kept = 0
    for _ in range(boot):
        pick = [r for e in (rng.choice(ids) for _ in ids) for r in events[e]]
        pred, gold = outlet_order(mean_rates(pick, 2)), outlet_order(mean_rates(pick, 3))
        vs_full += pred == full_gold
        vs_resampled += pred == gold
        gold_kept += gold == full_gold
    n = max(1, boot)
    return {"full_gold_order": ">".join(full_gold),
            "point_pred_order": ">".join(outlet_order(mean_rates(rows, 2))),
            "vs_full_gold": vs_full / n, "vs_resampled_gold": vs_resampled / n,
            "gold_keeps_order": gold_kept / n}


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
    ap.add_argument("--voice", choices=("all", "outlet", "quote"), default="all",
                    help="score only the hits in this voice (default all)")
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
    preds, t_quotes, t_measure = predict(gold, args.lexicon, args.measure, args.strength, scare,
                                         args.voice)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        for p in preds:
            fh.write(json.dumps(p) + "\n")
    subprocess.run([sys.executable, str(scorer), str(gold_path), str(out),
                    "--boot", str(args.boot)], check=True)
    if args.boot:
        o = order_in_resamples(article_rates(gold, preds), args.boot)
        print(f"outlet order right (issue 14: predicted order in each resample = the experts' "
              f"order on the full split, {o['full_gold_order']}): {o['vs_full_gold']:.1%} of "
              f"{args.boot} resamples (point order {o['point_pred_order']}); the scorer's figure "
              f"above compares with the resampled gold ({o['vs_resampled_gold']:.1%}); the gold "
              f"itself keeps its order in {o['gold_keeps_order']:.1%}")
    print(f"cost per article: {args.measure} {1000 * t_measure:.3f} ms (statements given), "
          f"quotation engine {1000 * t_quotes:.3f} ms; {len(gold)} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
