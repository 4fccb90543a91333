"""Agreement of the general stance coder with the project's hand coding of the seeds, and its cost.

Usage:  .venv/bin/python bench/seed_stance.py [--study-cues] [--rules-only] [--cue-list] [--show]

The target and the study cues are the seed study's (studies/met-police-2024: study.yaml
target, stance_cues.yaml); nothing about the seed story is in the package.  Statements come from the quotation engine
(``analysis.quotes.engine.article_statements``); each statement (all its pieces) is coded by
``analysis.measures.target_stance.code_pieces``; automated and hand-coded statements are paired and
compared by ``analysis.validation.agreement.stance_agreement`` as notebook 05 does.  ``--study-cues`` adds
the study's stance_cues.yaml; ``--cue-list`` codes with the cue-list coder and the study's rules
file instead (``analysis.measures.stance``), for comparison.  Also printed: the stance coder's cost per article (the statements are
extracted beforehand and not timed; each pass reads the articles again, its per-article index
included; CPU time of this process, so that other jobs on the machine do not count).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.validation.agreement import load_gold_statements, stance_agreement  # noqa: E402
from analysis.corpus.readers import read_corpus  # noqa: E402
from analysis.knowledge.bundle import knowledge_for  # noqa: E402
from analysis.quotes.engine import article_statements  # noqa: E402
from analysis.measures.target_stance import clear_caches, code_pieces  # noqa: E402

#: The seed study folder: its codebook, target, study cues and hand coding.
STUDY = ROOT / "studies" / "met-police-2024"


def main(argv: list[str] | None = None) -> int:
    """Code the seeds, print agreement with the hand coding and the cost per article."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--study-cues", action="store_true")
    ap.add_argument("--rules-only", action="store_true")
    ap.add_argument("--show", action="store_true", help="list the disagreements")
    ap.add_argument("--cue-list", action="store_true",
                    help="the cue-list coder (study coder 'rules') instead, for comparison")
    ap.add_argument("--repeat", type=int, default=20, help="timing repeats")
    args = ap.parse_args(argv)
    know = knowledge_for(STUDY)
    target = know.target
    extra = know.stance_cues if args.study_cues else None
    articles = read_corpus(ROOT / "seeds")
    gold_path = STUDY / "evaluation" / "seeds_statements.csv"
    stmts = {a.id: article_statements(a, know.codebook) for a in articles}
    auto: list[dict[str, Any]] = []
    if args.cue_list:
        from analysis.measures.stance import code_statements

        for a in articles:
            auto += code_statements(stmts[a.id], know.rules, know.overrides)
        args.repeat = 0  # its cost is not this benchmark's
    for a in articles if not args.cue_list else ():
        for piece, code in code_pieces(stmts[a.id], a, target, extra, model=not args.rules_only):
            auto.append({"article_id": a.id, "statement": piece.statement,
                         "paragraph": piece.paragraph, "text": piece.text, "kind": piece.kind,
                         "actor": piece.actor, "stance": code.stance, "stance_rule": code.rule,
                         "stance_evidence": [(e.words, e.rule) for e in code.evidence]})
    gold = [g for g in load_gold_statements(gold_path) if g["article_id"] in stmts]
    stats, rows = stance_agreement(auto, gold)
    mode = ("cue-list coder, the study's rules" if args.cue_list else
            f"{'with' if extra else 'without'} study cues, "
            f"{'rules only' if args.rules_only else 'rules + model'}")
    print(f"seeds ({mode}): "
          + ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}"
                      for k, v in stats.items()))
    if args.show:
        for r in rows:
            if r["status"] == "matched" and not r["agree"]:
                print(f"  {r['article_id']} #{r['gold_statement']} gold={r['gold_stance']} "
                      f"auto={r['auto_stance']} ({r['stance_rule']}: {r['stance_evidence']}) "
                      f"{r['auto_actor']}: {str(r['gold_text'])[:90]}")
    if args.repeat < 1:
        return 0
    times = []
    for _ in range(args.repeat):  # each pass codes the whole corpus once
        clear_caches()  # each pass reads every article again, as one analysis does
        t0 = time.process_time()  # CPU time: other processes on the machine do not count
        for a in articles:
            code_pieces(stmts[a.id], a, target, extra, model=not args.rules_only)
        times.append((time.process_time() - t0) / len(articles))
    times.sort()
    n = sum(len(v) for v in stmts.values()) / len(articles)
    print(f"cost per article (CPU time): median {1000 * times[len(times) // 2]:.2f} ms, fastest "
          f"pass {1000 * times[0]:.2f} ms, over {args.repeat} passes ({n:.0f} statement pieces "
          "per article)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
