"""Score the quotation engine on the PolNeAR dev split (read from ../shared; never copied here).

Usage:  .venv/bin/python bench/polnear.py [GOLD.jsonl] [--out bench/out/polnear_pred.jsonl]

Articles are processed whole (paragraphs joined with "\\n", in para_index order) so speakers named
in earlier paragraphs are found; offsets are mapped back to paragraph-local ones.  Only
quote-marked statements (kinds full/partial) are written; speaker offsets are written only when
the speaker sits in the same paragraph as the quote.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
from paths import SHARED  # noqa: E402  (bench/ is on sys.path when a script runs)
sys.path.insert(0, str(ROOT))

from analysis.quotes.engine import extract_statements  # noqa: E402

DEFAULT_GOLD = SHARED / "benchmarks" / "polnear_dev.jsonl"
SCORER = SHARED / "benchmarks" / "score.py"


def join_articles(rows: list[dict]) -> list[tuple[str, list[dict], str, list[tuple[int, int]]]]:
    """PolNeAR paragraph rows as whole articles, in order of first appearance: (article id,
    its paragraph rows in order, the text with paragraphs joined by newlines, their offsets)."""
    by_article: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_article[r["article_id"]].append(r)
    out = []
    for aid, paras in by_article.items():
        paras.sort(key=lambda r: r["para_index"])
        offsets, pos = [], 0
        for r in paras:
            offsets.append((pos, pos + len(r["text"])))
            pos += len(r["text"]) + 1
        out.append((aid, paras, "\n".join(r["text"] for r in paras), offsets))
    return out


def predict(rows: list[dict]) -> list[dict]:
    """One prediction line per gold paragraph, articles processed as a whole."""
    preds: dict[str, dict] = {}
    for aid, paras, text, offsets in join_articles(rows):
        found = extract_statements(text, offsets, article_id=aid)
        out: dict[int, list[dict]] = defaultdict(list)
        for s in found:
            if s.kind not in ("full", "partial"):
                continue
            base = offsets[s.paragraph][0]
            q = {"start": s.start - base, "end": s.end - base, "speaker": s.speaker}
            if s.speaker_start is not None:
                ps, pe = offsets[s.paragraph]
                if ps <= s.speaker_start and s.speaker_end <= pe:
                    q["speaker_start"] = s.speaker_start - base
                    q["speaker_end"] = s.speaker_end - base
            out[s.paragraph].append(q)
        for i, r in enumerate(paras):
            preds[r["id"]] = {"id": r["id"], "quotes": out.get(i, [])}
    return [preds[r["id"]] for r in rows]


def main(argv: list[str] | None = None) -> int:
    """Predict, write the predictions under bench/out/ and run the shared scorer."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="?", default=str(DEFAULT_GOLD))
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "polnear_pred.jsonl"))
    ap.add_argument("--name", default="framing-quotes")
    args = ap.parse_args(argv)
    gold = Path(args.gold)
    if not gold.is_file():
        print(f"PolNeAR benchmark not found at {gold}; nothing to score (skipped).")
        return 0
    rows = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    preds = predict(rows)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for p in preds:
            fh.write(json.dumps(p, ensure_ascii=False) + "\n")
    scorer = SCORER if SCORER.is_file() else gold.parent / "score.py"
    if not scorer.is_file():
        print(f"predictions written to {out}; scorer not found at {scorer}")
        return 0
    return subprocess.call([sys.executable, str(scorer), str(gold), str(out), "--name", args.name,
                            "--json", str(out.with_suffix(".scores.json"))])


if __name__ == "__main__":
    sys.exit(main())
