"""Throughput of extract_statements in MB/s on one core (seeds + PolNeAR text, repeated to >= 5 MB).

Also checks that time grows linearly with text length on one long line with no paragraph
breaks (the quotation engine and the lexicon): ten times the text may take at most
``MAX_GROWTH`` times as long.  Exits non-zero when either check fails.

Usage:  .venv/bin/python bench/throughput.py [--mb 5]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
from paths import SHARED  # noqa: E402  (bench/ is on sys.path when a script runs)
sys.path.insert(0, str(ROOT))

from analysis.measures.lexicon import find_terms, load_lexicon  # noqa: E402
from analysis.quotes.engine import extract_statements  # noqa: E402

#: Target throughput of the quotation engine on one core (MB/s).
TARGET_MB_S = 1.0
#: Largest allowed growth of run time when the text grows tenfold (linear: about 10).
MAX_GROWTH = 25.0

POLNEAR = SHARED / "benchmarks" / "polnear_dev.jsonl"


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


def _seconds(func, arg) -> float:
    """Wall time of one call."""
    t0 = time.perf_counter()
    func(arg)
    return time.perf_counter() - t0


def growth() -> dict[str, float]:
    """How much longer a ten times longer single line takes, for the engine and the lexicon."""
    unit = "Ann said: 'We will \u201cwin\u201d it,' he said, adding that Sir Mark's job is 'safe'. "
    entries = load_lexicon()
    out = {}
    for name, func, piece, n in (("quotes", extract_statements, unit, 300),
                                 ("lexicon", lambda t: find_terms(t, entries), "the row erupted ", 5000)):
        small = max(_seconds(func, piece * n), 0.01)
        out[name] = _seconds(func, piece * (10 * n)) / small
    return out


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
    rate = done / 1e6 / secs
    print(f"{len(texts)} texts, {size / 1e6:.2f} MB per pass, {done / 1e6:.1f} MB in {secs:.1f} s: "
          f"{rate:.2f} MB/s ({n} statement pieces); target {TARGET_MB_S} MB/s: "
          f"{'met' if rate >= TARGET_MB_S else 'MISSED'}")
    ok = rate >= TARGET_MB_S
    for name, g in growth().items():
        print(f"{name}: a ten times longer single line takes {g:.1f} times as long "
              f"(at most {MAX_GROWTH:g}): {'linear' if g <= MAX_GROWTH else 'NOT LINEAR'}")
        ok = ok and g <= MAX_GROWTH
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
