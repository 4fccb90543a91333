"""Generic news frames on the Narrative Frames Corpus dev split, their cost, and seed agreement.

Runs ``analysis.measures.frames.frame_row`` over ``nfc_dev.jsonl`` (read from the shared benchmarks
folder, never copied here), writes the predictions (frames and items, in the corpus's names)
to ``bench/out/frames_nfc_dev.jsonl``, runs the shared ``score_frames.py`` on them, and prints
the cost per article, and item kappa with each of the corpus's coders beside the coders'
agreement with each other.  Then compares the rules with the hand coding of the seeds
(``studies/met-police-2024/evaluation/seeds_frames.csv``): percent agreement and Cohen's kappa over all items.

NFC frame names: ``resolution`` is scored against our ``responsibility`` and ``moral`` against
``morality``.  Items are reported under the corpus's ids where our item asks the same
question (NFC_ITEMS); docs/frames.md gives the figures and the mapping.

Usage:  python bench/frames.py [--gold FILE] [--statements] [--skip-seeds]
                               [--target NAME --alias A --alias B ...]
Environment: FRAMING_SHARED names the shared folder (default: ../shared beside the checkout).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.validation.agreement import cohen_kappa, percent_agreement  # noqa: E402
from analysis.corpus.readers import make_article, read_corpus  # noqa: E402
from analysis.measures.frames import frame_row  # noqa: E402
from analysis.quotes.engine import article_statements  # noqa: E402

from paths import SHARED  # noqa: E402  (bench/ is on sys.path when a script runs)
BENCH = SHARED / "benchmarks"
OUT = ROOT / "bench" / "out"
#: Our frame -> the corpus's frame.
NFC_FRAMES = {"responsibility": "resolution", "human_interest": "human_interest",
              "conflict": "conflict", "morality": "moral", "economic": "economic"}
#: Our items reported under the corpus's item ids (same numbering of the S&V questions).
NFC_ITEMS = ("co1", "co2", "co3", "ec1", "ec2", "ec3", "hi1", "hi2", "hi5", "mo1", "mo2", "mo3",
             "re1", "re5")
TARGET_MS = 2.0


def predict(gold: Path, with_statements: bool, repeats: int = 5
            ) -> tuple[list[dict], dict[str, float]]:
    """Prediction records for every gold article, and ms per article (best of repeats passes:
    the first pass also fills the cue memo) for frame_row alone and with building the Article
    (and extracting statements, when asked) first, as wall time and as this process's CPU
    time (which other jobs on a shared machine disturb less)."""
    records = [json.loads(line) for line in gold.open(encoding="utf-8") if line.strip()]
    n = max(len(records), 1)
    best = {"row_wall": float("inf"), "row_cpu": float("inf"), "all_wall": float("inf")}
    for _ in range(repeats):
        preds, row_wall, row_cpu, all_wall = [], 0.0, 0.0, 0.0
        for rec in records:
            t0 = time.perf_counter()
            article = make_article(rec["id"], rec["text"])
            statements = article_statements(article) if with_statements else None
            t1, c1 = time.perf_counter(), time.process_time()
            row = frame_row(article, statements)
            t2, c2 = time.perf_counter(), time.process_time()
            row_wall += t2 - t1
            row_cpu += c2 - c1
            all_wall += t2 - t0
            preds.append({"id": rec["id"],
                          "frames": {nfc: row[ours] for ours, nfc in NFC_FRAMES.items()},
                          "items": {q: "yes" if row[q] else "no" for q in NFC_ITEMS}})
        for key, total in (("row_wall", row_wall), ("row_cpu", row_cpu), ("all_wall", all_wall)):
            best[key] = min(best[key], total / n * 1000)
    return preds, best


def coder_kappas(gold: list[dict], preds: list[dict], items: tuple[str, ...] = NFC_ITEMS
                 ) -> dict[str, dict[str, float]]:
    """Per item, Cohen's kappa of the rules with each NFC coder, and of the coders with each
    other, on the articles both answered yes or no (a coder's -1 = not coded; NO AGREEMENT
    is not an answer): ``n`` rule-coder pairs, ``rules`` the mean rule-coder kappa over the
    coders, ``coders`` the mean kappa over pairs of coders (the human ceiling), each mean over
    the pairs with at least MIN_PAIRS articles."""
    ours = {p["id"]: p["items"] for p in preds}
    out = {}
    for q in items:
        answers = [(ours[g["id"]].get(q), g["items"][q][1]) for g in gold
                   if g["id"] in ours and q in g.get("items", {})]
        k = max((len(c) for _, c in answers), default=0)
        rules, coders, n = [], [], 0
        for i in range(k):
            pairs = [(r, c[i]) for r, c in answers if c[i] in ("yes", "no") and r]
            n += len(pairs)
            if len(pairs) >= MIN_PAIRS:
                rules.append(cohen_kappa([a for a, _ in pairs], [b for _, b in pairs]))
            for j in range(i + 1, k):
                both = [(c[i], c[j]) for _, c in answers
                        if c[i] in ("yes", "no") and c[j] in ("yes", "no")]
                if len(both) >= MIN_PAIRS:
                    coders.append(cohen_kappa([a for a, _ in both], [b for _, b in both]))
        out[q] = {"n": n, "rules": _mean(rules), "coders": _mean(coders)}
    return out


#: Fewest articles a pair of codings must share for its kappa to count in a mean.
MIN_PAIRS = 20


def _mean(values: list[float]) -> float:
    """Mean of the defined values (NaN when none)."""
    vals = [v for v in values if v == v]
    return sum(vals) / len(vals) if vals else float("nan")


@dataclass(frozen=True)
class Target:
    """A study target given on the command line."""

    name: str
    aliases: tuple[str, ...] = ()


def seed_agreement(coding: Path, seeds: Path, target: Target | None = None
                   ) -> dict[str, float] | None:
    """Percent agreement and Cohen's kappa of the rules with the hand coding of the seeds."""
    if not coding.is_file() or not seeds.is_dir():
        return None
    with coding.open(encoding="utf-8", newline="") as fh:
        gold = {(r["article_id"], r["item"]): r["answer"] for r in csv.DictReader(fh)}
    rows = {a.id: frame_row(a, article_statements(a), target) for a in read_corpus(seeds)}
    keys = sorted(k for k in gold if k[0] in rows)
    hand = [gold[k] for k in keys]
    auto = ["yes" if rows[a][q] else "no" for a, q in keys]
    per_item = {}
    for q in sorted({q for _, q in keys}):
        pairs = [(h, r) for (a, qq), h, r in zip(keys, hand, auto) if qq == q]
        per_item[q] = "".join("=" if h == r else ("+" if r == "yes" else "-") for h, r in pairs)
    return {"n": len(keys), "percent": percent_agreement(hand, auto),
            "kappa": cohen_kappa(hand, auto), "per_item": per_item}


def main() -> int:
    """Predict, score, time and compare with the seed coding."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=BENCH / "nfc_dev.jsonl")
    ap.add_argument("--statements", action="store_true",
                    help="extract statements and give them to frame_row (slower)")
    ap.add_argument("--skip-seeds", action="store_true")
    ap.add_argument("--target", help="the seed study's target name (items about the target)")
    ap.add_argument("--alias", action="append", default=[], help="a target alias (repeat)")
    a = ap.parse_args()
    if not a.gold.is_file():
        print(f"skipped: {a.gold} not found (set FRAMING_SHARED to the shared folder)")
        return 0
    preds, ms = predict(a.gold, a.statements)
    OUT.mkdir(parents=True, exist_ok=True)
    out = OUT / f"frames_{a.gold.stem}.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for p in preds:
            fh.write(json.dumps(p) + "\n")
    scorer = a.gold.parent / "score_frames.py"
    if scorer.is_file():
        subprocess.run([sys.executable, str(scorer), str(a.gold), str(out),
                        "--json", str(OUT / f"frames_{a.gold.stem}_score.json")], check=True)
    else:
        print(f"no scorer at {scorer}; predictions in {out}")
    gold_records = [json.loads(line) for line in a.gold.open(encoding="utf-8") if line.strip()]
    kappas = coder_kappas(gold_records, preds)
    print("item kappa with the individual coders (mean over coders; coders = mean between "
          "pairs of coders, the human ceiling)")
    print(f"{'item':6} {'pairs':>6} {'rules':>7} {'coders':>7}")
    for q, k in kappas.items():
        print(f"{q:6} {k['n']:6d} {k['rules']:7.3f} {k['coders']:7.3f}")
    print(f"{'mean':6} {'':6} {_mean([k['rules'] for k in kappas.values()]):7.3f} "
          f"{_mean([k['coders'] for k in kappas.values()]):7.3f}")
    built = "make_article + statements + frame_row" if a.statements else "make_article + frame_row"
    print(f"cost per article (best of 5 passes over {len(preds)} articles): frame_row "
          f"{ms['row_cpu']:.2f} ms CPU, {ms['row_wall']:.2f} ms wall (target < {TARGET_MS} ms); "
          f"{built} {ms['all_wall']:.2f} ms wall")
    if not a.skip_seeds:
        target = Target(a.target, tuple(a.alias)) if a.target else None
        agree = seed_agreement(ROOT / "studies" / "met-police-2024" / "evaluation" / "seeds_frames.csv",
                               ROOT / "seeds", target)
        if agree is None:
            print("seed agreement: skipped (the seed study's evaluation/seeds_frames.csv or seeds/ "
                  "missing)")
        else:
            print(f"seed agreement with the hand coding{' (with target)' if target else ''}: "
                  f"{agree['n']} item answers, "
                  f"{agree['percent']:.1%} agree, Cohen's kappa {agree['kappa']:.2f}")
            print("  per item (= agree, + rules yes / hand no, - rules no / hand yes):",
                  " ".join(f"{q}:{v}" for q, v in agree["per_item"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
