"""Throughput of extract_statements in MB/s on one core (seeds + PolNeAR text, repeated to >= 5 MB).

Usage:  .venv/bin/python bench/throughput.py [--mb 5]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.quotes import extract_statements  # noqa: E402

POLNEAR = ROOT.parent / "shared" / "benchmarks" / "polnear_dev.jsonl"


def corpus() -> list[str]:
    """The seed articles and (when present) the PolNeAR dev articles as whole texts."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    if POLNEAR.is_file():
        arts: dict[str, list[tuple[int, str]]] = {}
        for line in POLNEAR.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                arts.setdefault(r["article_id"], []).append((r["para_index"], r["text"]))
        texts += ["\n".join(t for _, t in sorted(paras)) for paras in arts.values()]
    return texts


def main(argv: list[str] | None = None) -> int:
    """Run the engine over the corpus until at least --mb megabytes were processed."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=5.0)
    args = ap.parse_args(argv)
    texts = corpus()
    size = sum(len(t.encode("utf-8")) for t in texts)
    extract_statements(texts[0])  # load codebook and verbs outside the timing
    done, n, t0 = 0, 0, time.perf_counter()
    while done < args.mb * 1e6:
        for t in texts:
            n += len(extract_statements(t))
        done += size
    secs = time.perf_counter() - t0
    print(f"{len(texts)} texts, {size / 1e6:.2f} MB per pass, {done / 1e6:.1f} MB in {secs:.1f} s: "
          f"{done / 1e6 / secs:.2f} MB/s ({n} statement pieces)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
