"""Linear time on adversarial text: doubling the input should at most about double the time.

Usage: ``python bench/adversarial.py [--base CHARS] [--steps N] [--only NAME ...]``

For each input of ``INPUTS`` (issue 17: one huge paragraph, runs of . ! ?, many abbreviations
in one sentence, many quote marks, the same speakers named again and again, one very long
word) the script times ``metrics.article_row`` and ``quotes.article_statements`` at base,
2 x base, 4 x base ... characters and prints the time and the ratio to the previous size.
A ratio near 2 is linear; near 4 is quadratic.  It exits 1 when a ratio passes ``--limit``
(default 3.0) at a size where the time is over 0.2 s (smaller times are too noisy to judge).
Nothing is downloaded; no shared data is needed.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.corpus.readers import make_article  # noqa: E402
from analysis.measures.metrics import article_row  # noqa: E402
from analysis.quotes.engine import article_statements  # noqa: E402


def _repeat(unit: str, size: int) -> str:
    """`unit` repeated to `size` characters."""
    return (unit * (size // len(unit) + 1))[:size]


def one_paragraph(size: int) -> str:
    """One paragraph of quotes, statements and loaded terms, without a line break."""
    unit = ("The embattled chief said \u201cwe are under fire and under pressure\u201d and his "
            "beleaguered deputy told reporters the row was a \u2018witch hunt\u2019. ")
    return _repeat(unit, size)


def dot_run(size: int) -> str:
    """A run of full stops, exclamation and question marks with no space after them."""
    return "Start" + _repeat(".!?.", size) + "end"


def abbreviations(size: int) -> str:
    """One sentence of many abbreviations ("Mr. Dr. St. ...") before a capital."""
    return _repeat("Mr. Dr. St. Gen. ", size) + "Smith said so."


def quote_marks(size: int) -> str:
    """Quote marks of every kind, unbalanced, in one paragraph."""
    return _repeat("\u201ca \u2018b\u201d c' \"d \u00abe said X ", size)


def many_mentions(size: int) -> str:
    """One paragraph in which the same few people speak again and again (each speaker's
    earlier mentions were read back for every statement: quadratic until stop 25)."""
    unit = ('Councillor Ann Boyd said "no". "Yes," said Mr Tom Reed, a lawyer. Boyd told '
            'reporters that the plan failed. The union, which represents staff, said it was '
            '"a disgrace". ')
    return _repeat(unit, size)


def long_word(size: int) -> str:
    """One word of letters (what a catastrophic user regex would hang on)."""
    return "a" * size + " said the man."


#: The adversarial inputs, by name: a function of the size in characters.
INPUTS: dict[str, Callable[[int], str]] = {
    "one_paragraph": one_paragraph, "dot_run": dot_run, "abbreviations": abbreviations,
    "quote_marks": quote_marks, "many_mentions": many_mentions, "long_word": long_word,
}


def _time(func: Callable[[], object]) -> float:
    """Seconds for one call (the best of two, to damp noise)."""
    best = float("inf")
    for _ in range(2):
        t = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - t)
    return best


def main(argv: list[str] | None = None) -> int:
    """Time every input at doubling sizes; exit 1 when one looks worse than linear."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=int, default=50_000, help="first size in characters")
    ap.add_argument("--steps", type=int, default=3, help="number of sizes (each twice the last)")
    ap.add_argument("--limit", type=float, default=3.0, help="largest acceptable time ratio")
    ap.add_argument("--only", nargs="*", default=None, help="only these inputs")
    args = ap.parse_args(argv)
    worst = 0.0
    print(f"{'input':<15}{'function':<22}{'chars':>10}{'seconds':>10}{'ratio':>8}")
    for name, make in INPUTS.items():
        if args.only and name not in args.only:
            continue
        for label, func in (("article_row", article_row), ("article_statements", article_statements)):
            prev = None
            for step in range(args.steps):
                size = args.base * 2 ** step
                art = make_article(name, make(size))
                secs = _time(lambda: func(art))
                ratio = secs / prev if prev else float("nan")
                if prev and secs > 0.2:
                    worst = max(worst, ratio)
                print(f"{name:<15}{label:<22}{size:>10,}{secs:>10.3f}{ratio:>8.2f}", flush=True)
                prev = secs
    print(f"worst ratio (times over 0.2 s): {worst:.2f} (limit {args.limit})")
    return 1 if worst > args.limit else 0


if __name__ == "__main__":
    sys.exit(main())
