"""Code every target of a NewsMTSC file with the package's statement coder and score it.

Usage:  .venv/bin/python bench/newsmtsc.py [GOLD.jsonl] [--out PRED.jsonl] [--rules-only]

Each record becomes one article (its sentence), one statement (the whole sentence, no speaker)
and one Target (the mention; its other non-pronoun mentions and, for a name of several words,
its last word as aliases; a person's pronouns), coded by
``analysis.measures.target_stance.code_statement``, the function the package uses for statements.
Written: ``{"id", "label"}`` with label critical / defensive / neutral (a ``mixed`` code is
written as its ``lean``, the heavier side, because NewsMTSC has three classes).  The shared
``score_newsmtsc.py`` is then run on the file.  The benchmark is read from ../shared
(FRAMING_SHARED overrides); it is never copied here.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.model import Article, Paragraph, Statement  # noqa: E402
from analysis.knowledge.target import PERSON_PRONOUNS, Target  # noqa: E402
from analysis.measures.target_stance import StanceCode, code_statement, statement_features  # noqa: E402

from paths import SHARED  # noqa: E402  (bench/ is on sys.path when a script runs)
BENCH = SHARED / "benchmarks"
_PRONOUNS = frozenset(p.casefold() for p in PERSON_PRONOUNS) | {"i", "me", "my", "you", "your",
                                                                  "we", "us", "our", "they",
                                                                  "them", "their", "it", "its"}


def record_inputs(rec: dict[str, Any]) -> tuple[Statement, Article, Target]:
    """The statement, article and target a NewsMTSC record stands for."""
    text = rec["sentence"]
    art = Article(str(rec["id"]), text, {}, (Paragraph(0, 0, len(text), text),))
    st = Statement(str(rec["id"]), 0, 0, 0, len(text), text, "full")
    names = [rec["target"]["mention"]] + [m["mention"] for m in rec.get("further_mentions") or []]
    aliases: list[str] = []
    for name in names:
        name = " ".join(name.split())
        if not name or name.casefold() in _PRONOUNS and name != rec["target"]["mention"]:
            continue
        aliases.append(name)
        parts = name.split()
        if len(parts) > 1 and parts[-1][:1].isupper():
            aliases.append(parts[-1])
    return st, art, Target(rec["target"]["mention"], tuple(dict.fromkeys(aliases)),
                           pronouns=PERSON_PRONOUNS)


def code_record(rec: dict[str, Any], model: bool = True) -> StanceCode:
    """The stance code of one NewsMTSC record."""
    st, art, target = record_inputs(rec)
    return code_statement(st, art, target, model=model)


def record_features(rec: dict[str, Any]) -> dict[str, float]:
    """The model features of one NewsMTSC record (for bench/train_stance.py)."""
    st, art, target = record_inputs(rec)
    return statement_features(st, art, target)


def main(argv: list[str] | None = None) -> int:
    """Predict a NewsMTSC file, write {id, label} lines and run the shared scorer."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="?", default=str(BENCH / "newsmtsc_dev_rw.jsonl"))
    ap.add_argument("--out", default=None)
    ap.add_argument("--rules-only", action="store_true", help="do not use the stance model")
    ap.add_argument("--bootstrap", type=int, default=0)
    args = ap.parse_args(argv)
    gold = Path(args.gold)
    if not gold.is_file():
        print(f"NewsMTSC benchmark not found at {gold}; nothing to score (skipped).")
        return 0
    rows = [json.loads(x) for x in gold.read_text(encoding="utf-8").splitlines() if x.strip()]
    out = Path(args.out or ROOT / "bench" / "out" / (gold.stem + "_pred.jsonl"))
    out.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    codes = [code_record(r, model=not args.rules_only) for r in rows]
    dt = time.perf_counter() - t0
    with out.open("w", encoding="utf-8") as fh:
        for r, c in zip(rows, codes):
            fh.write(json.dumps({"id": r["id"], "label": c.lean}) + "\n")
    print(f"{len(rows)} targets coded in {dt:.2f} s ({1000 * dt / max(1, len(rows)):.3f} ms each);"
          f" predictions in {out}")
    scorer = gold.parent / "score_newsmtsc.py"
    if not scorer.is_file():
        print(f"scorer not found at {scorer}")
        return 0
    cmd = [sys.executable, str(scorer), str(gold), str(out)]
    if args.bootstrap:
        cmd += ["--bootstrap", str(args.bootstrap)]
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
