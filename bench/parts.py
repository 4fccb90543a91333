"""Per-part cost of the analysis, per article, on real news text (a benchmark, not a test).

Builds whole articles from the PolNeAR dev paragraphs (read at run time from
../shared/benchmarks or $FRAMING_SHARED; never copied here), or from the seed study when the
benchmark is absent, and times each part of the one analysis of an article separately
(best of --repeat rounds, CPU time per article, each with its ratio to the quotation engine's
in the same run: on a shared machine the ratio is steadier than the milliseconds).  A round
times every part once, so the parts interleave and no part meets its own memo of the previous
pass (textstat memoises 128 texts: timed three times in a row, readability paid once and was
read from the memo twice).

    .venv/bin/python bench/parts.py [--study studies/met-police-2024] [--repeat 3]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from paths import SHARED  # noqa: E402  (bench/ is on sys.path when a script runs)

from polnear import join_articles  # noqa: E402  (bench/ is on the path when run as a script)


def polnear_articles() -> list[Any]:
    """PolNeAR dev articles, paragraphs joined by newlines (None when the file is absent)."""
    from analysis.corpus.readers import make_article

    path = SHARED / "benchmarks" / "polnear_dev.jsonl"
    if not path.is_file():
        return []
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    out = []
    for aid, paras, text, _ in sorted(join_articles(rows)):
        out.append(make_article(aid, text, {"outlet": paras[0].get("source_outlet") or ""}))
    return out


def _timed(fn: Callable[[], Any]) -> float:
    """CPU seconds of one call."""
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


def parts(articles: list[Any], know: Any) -> dict[str, Callable[[], Any]]:
    """The parts to time, each a call over every article (inputs of later parts precomputed)."""
    from analysis.measures.agency import passive_rows
    from analysis.corpus.readers import make_article
    from analysis.measures.frames import frame_row
    from analysis.measures.lexicon import lexicon_hits
    from analysis.measures.metrics import analyse_article, article_statements, coded_statements
    from analysis.measures.readability import readability
    from analysis.measures.sources import clear_caches, source_fields
    from analysis.measures.tone import article_sentences, sentence_rows
    from analysis.measures.evaluative import evaluative_summary

    stmts = [article_statements(a, know)[0] for a in articles]
    coded = [coded_statements(a, s, knowledge=know)[0] for a, s in zip(articles, stmts)]
    spans = [article_sentences(a) for a in articles]
    target = know.study.target if know.study is not None else None
    return {
        "cleaning (make_article)": lambda: [make_article(a.id, a.text, a.meta) for a in articles],
        "quotation engine": lambda: [article_statements(a, know) for a in articles],
        "stance coding": lambda: [coded_statements(a, s, knowledge=know)
                                  for a, s in zip(articles, stmts)],
        "loaded language": lambda: [lexicon_hits(a, c, know.entries)
                                    for a, c in zip(articles, coded)],
        "evaluative words (VADER lexicon)": lambda: [evaluative_summary(a, c)
                                                     for a, c in zip(articles, coded)],
        "sentences + VADER tone": lambda: [sentence_rows(a, know.rules.mentions_target,
                                                         article_sentences(a)) for a in articles],
        "readability": lambda: [readability(" ".join(p.text for p in a.body())) for a in articles],
        "agency (passives)": lambda: [passive_rows(a, know.agency, sentences=sp)
                                      for a, sp in zip(articles, spans)],
        "sources (type, named, gender)": lambda: (clear_caches(),  # memos are per article
                                                  [[source_fields(s, a) for s in st]
                                                   for a, st in zip(articles, stmts)]),
        "frames": lambda: [frame_row(a, st, target) for a, st in zip(articles, stmts)],
        "whole analysis (analyse_article)": lambda: (clear_caches(),
                                                     [analyse_article(a, knowledge=know)
                                                      for a in articles]),
    }


def main(argv: list[str] | None = None) -> int:
    """Print milliseconds of CPU per article for each part."""
    from analysis.corpus.readers import read_corpus
    from analysis.knowledge.bundle import knowledge_for

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--study", default=None, help="a study folder (default: general knowledge)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    know = knowledge_for(args.study)
    articles = polnear_articles()
    source = "PolNeAR dev"
    if not articles:
        print(f"PolNeAR dev not found under {SHARED}; timing the seed study instead",
              file=sys.stderr)
        articles, source = read_corpus(ROOT / "seeds"), "seeds"
    print(f"{len(articles)} articles ({source}), knowledge: {know.label}")
    # Rounds interleave the parts (see the module docstring); each part's best round is kept.
    fns = parts(articles, know)
    best = {name: float("inf") for name in fns}
    for _ in range(args.repeat):
        for name, fn in fns.items():
            best[name] = min(best[name], _timed(fn))
    engine = best["quotation engine"]
    for name, secs in best.items():
        ms = 1000 * secs / len(articles)
        print(f"  {name:34s} {ms:7.2f} ms/article  {secs / engine:5.2f} x engine")
    return 0


if __name__ == "__main__":
    sys.exit(main())
