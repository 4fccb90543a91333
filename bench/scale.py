"""Scale benchmark: a synthetic corpus of N articles through the streaming commands.

    python bench/scale.py                 # N = 100,000 (what `make bench` runs)
    python bench/scale.py --n 20000 --commands corpus quotes

Builds a JSONL corpus of N distinct articles from the seed articles and, when present, the
PolNeAR dev split (read at run time from ../shared/benchmarks/, never copied into the
repository), then runs ``python -m analysis <command>`` as a subprocess and measures

* wall time, throughput (articles/s and MB/s of input) on the full corpus with --jobs J;
* the speed-up from 1 to J processes on a subset (--speedup-n, default 5,000 articles);
* peak memory: the largest single process (``/usr/bin/time -v`` when present, else
  ``getrusage(RUSAGE_CHILDREN)``) and the peak of the whole process tree (sum of PSS over
  the command and its workers, sampled from /proc), at --flat-n articles and at N, to
  show that memory does not grow with corpus size.

Targets (2-core machine): the metric suite over 100,000 articles in under 10 minutes,
and flat memory.  Results are printed and written to bench/out/scale.json.
Articles are made distinct (different paragraph selections) so that caches inside the
analysis cannot make repeated texts look faster than real ones.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
from paths import SHARED  # noqa: E402  (bench/ is on sys.path when a script runs)
sys.path.insert(0, str(ROOT))
POLNEAR = SHARED / "benchmarks" / "polnear_dev.jsonl"
TARGET_SECONDS = 600
#: The corpus size the time target is set for; smaller runs are judged on their projection.
TARGET_ARTICLES = 100_000
FLAT_RATIO = 1.25  # peak memory at N may exceed the peak at --flat-n by at most 25%


# -- corpus ----------------------------------------------------------------------------
def source_articles() -> list[dict]:
    """Seed and PolNeAR articles as {outlet, headline, paragraphs}."""
    from analysis.corpus.readers import read_corpus

    out = []
    for art in read_corpus(ROOT / "seeds"):
        paras = [p.text for p in art.paragraphs]
        head = paras[0] if art.paragraphs and art.paragraphs[0].role == "headline" else art.headline
        body = [p.text for p in art.paragraphs if p.role != "headline"]
        out.append({"outlet": art.outlet, "headline": head, "paragraphs": body})
    if POLNEAR.is_file():
        grouped: dict[str, list[dict]] = defaultdict(list)
        with POLNEAR.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    rec = json.loads(line)
                    grouped[rec["article_id"]].append(rec)
        for aid in sorted(grouped):
            paras = sorted(grouped[aid], key=lambda r: r["para_index"])
            head = next((p["text"] for p in paras if p.get("is_title")), "")
            body = [p["text"] for p in paras if not p.get("is_title")]
            out.append({"outlet": paras[0].get("source_outlet") or "", "headline": head,
                        "paragraphs": body})
        print(f"sources: 3 seed articles + {len(grouped)} PolNeAR dev articles ({POLNEAR})")
    else:
        print(f"sources: 3 seed articles only ({POLNEAR} not found)")
    return out


def synthetic(sources: list[dict], n: int, seed: int = 2024):
    """Yield n distinct article records: a base article with some paragraphs dropped and a
    few borrowed from another article, in a stable order."""
    rng = random.Random(seed)
    for i in range(n):
        base = sources[i % len(sources)]
        other = sources[rng.randrange(len(sources))]
        body = [p for p in base["paragraphs"] if rng.random() > 0.2] or base["paragraphs"][:1]
        for p in rng.sample(other["paragraphs"], min(2, len(other["paragraphs"]))):
            body.insert(rng.randrange(len(body) + 1), p)
        text = "\n\n".join(([base["headline"]] if base["headline"] else []) + body) + "\n"
        yield {"id": f"syn{i:06d}", "text": text, "outlet": base["outlet"],
               "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"}


def write_corpus(path: Path, sources: list[dict], n: int) -> int:
    """Write the first n synthetic articles as JSONL; return the size in bytes."""
    with path.open("w", encoding="utf-8") as fh:
        for rec in synthetic(sources, n):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path.stat().st_size


# -- measurement -----------------------------------------------------------------------
def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(x) for x in fh.read().split()]
    except OSError:
        return []


def _pss_kb(pid: int) -> int:
    """Proportional set size of a process (shared pages split between sharers), in KB."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except OSError:
        return 0


class TreeSampler(threading.Thread):
    """Sample the summed PSS of a process and all its descendants until stopped."""

    def __init__(self, pid: int, interval: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak_kb = pid, interval, 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            todo, total = [self.pid], 0
            while todo:
                p = todo.pop()
                total += _pss_kb(p)
                todo.extend(_children(p))
            self.peak_kb = max(self.peak_kb, total)
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def run_command(command: str, corpus: Path, jobs: int, workdir: Path,
                progress: bool = False) -> dict:
    """Run one CLI command over the corpus; return wall time, memory and status."""
    out = workdir / f"{command}-{corpus.stem}-j{jobs}.out"
    cmd = [sys.executable, "-m", "analysis", command, str(corpus), "--jobs", str(jobs), "-o", str(out),
           "--progress" if progress else "--no-progress"]
    timer = shutil.which("time") and Path("/usr/bin/time").exists()
    report = workdir / "time.txt"
    if timer:
        cmd = ["/usr/bin/time", "-v", "-o", str(report)] + cmd
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    err = tempfile.TemporaryFile(mode="w+")
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=None if progress else err)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    rc = proc.wait()
    wall = time.perf_counter() - t0
    sampler.stop()
    err.seek(0)
    stderr = err.read() if not progress else ""
    max_rss_kb = None
    if timer and report.exists():
        for line in report.read_text().splitlines():
            if "Maximum resident set size" in line:
                max_rss_kb = int(line.split(":")[1])
    else:  # only meaningful when this run raised the high-water mark of our children
        max_rss_kb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    rows = 0
    if out.exists():
        with out.open("rb") as fh:
            rows = sum(1 for _ in fh)
        out.unlink()
    return {"command": command, "corpus": corpus.name, "jobs": jobs, "rc": rc,
            "seconds": round(wall, 2), "max_rss_mb": round((max_rss_kb or 0) / 1024, 1),
            "tree_pss_mb": round(sampler.peak_kb / 1024, 1), "output_lines": rows,
            "error": stderr.strip().splitlines()[-1] if rc and stderr.strip() else ""}


def _readability_row(article) -> dict:
    """A CPU-bound per-article proxy for the metric suite (readability of the body)."""
    from analysis.corpus.readers import analysed_text
    from analysis.measures.readability import readability

    return {"article_id": article.id, **readability(analysed_text(article, headline=False))}


def pipeline_speedup(corpus: Path, jobs: int) -> dict:
    """In-process speed-up of map_articles from 1 to `jobs` processes on a CPU-bound
    per-article function (reading and paragraph classification included, as in the CLI)."""
    from analysis.corpus.readers import iter_corpus
    from analysis.run.parallel import map_articles

    times, outputs = {}, {}
    for j in (1, jobs):
        t0 = time.perf_counter()
        outputs[j] = list(map_articles(_readability_row, iter_corpus(corpus), jobs=j, progress=False))
        times[j] = time.perf_counter() - t0
    n = len(outputs[1])
    same = json.dumps(outputs[1], default=repr) == json.dumps(outputs[jobs], default=repr)
    return {"articles": n, "seconds_1": round(times[1], 2), f"seconds_{jobs}": round(times[jobs], 2),
            "speedup": round(times[1] / times[jobs], 2), "same_output": same}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100_000, help="articles in the full corpus")
    ap.add_argument("--speedup-n", type=int, default=5_000, help="articles for the 1-vs-J speed-up")
    ap.add_argument("--flat-n", type=int, default=10_000, help="smaller corpus for the memory comparison")
    ap.add_argument("--jobs", type=int, default=0, help="worker processes (default: every core)")
    ap.add_argument("--commands", nargs="+", default=["corpus", "quotes", "metrics"])
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    ap.add_argument("--keep", action="store_true", help="keep the generated corpora")
    ap.add_argument("--progress", action="store_true",
                    help="show the command's progress bar during the full run")
    ap.add_argument("--no-proxy", action="store_true",
                    help="skip the in-process speed-up check on a CPU-bound proxy function")
    args = ap.parse_args(argv)

    from analysis.run.parallel import default_jobs

    jobs = args.jobs or default_jobs()
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="scale-", dir=args.out))
    sources = source_articles()
    sizes = sorted({min(args.speedup_n, args.n), min(args.flat_n, args.n), args.n})
    corpora: dict[int, tuple[Path, int]] = {}
    for n in sizes:
        t0 = time.perf_counter()
        path = work / f"synthetic_{n}.jsonl"
        corpora[n] = (path, write_corpus(path, sources, n))
        print(f"corpus {path.name}: {n:,} articles, {corpora[n][1] / 1e6:.1f} MB "
              f"({time.perf_counter() - t0:.1f} s to write)")
    print(f"{jobs} worker processes; /usr/bin/time: {'yes' if Path('/usr/bin/time').exists() else 'no'}\n")

    results = []

    def show(r: dict, n: int, size: int) -> None:
        rate = n / r["seconds"] if r["seconds"] else float("nan")
        r.update(articles=n, articles_per_s=round(rate, 1), mb_per_s=round(size / 1e6 / r["seconds"], 2))
        status = "ok" if r["rc"] == 0 else f"FAILED rc={r['rc']}: {r['error']}"
        print(f"  {r['command']:<8} n={n:>7,} jobs={r['jobs']}  {r['seconds']:>8.1f} s  "
              f"{rate:>8.1f} art/s  {r['mb_per_s']:>6.2f} MB/s  max RSS {r['max_rss_mb']:>7.1f} MB  "
              f"tree PSS {r['tree_pss_mb']:>7.1f} MB  {status}", flush=True)
        results.append(r)

    summary = {}
    for command in args.commands:
        print(f"== {command}")
        n_s = min(args.speedup_n, args.n)
        path, size = corpora[n_s]
        one = run_command(command, path, 1, work)
        show(one, n_s, size)
        if one["rc"] != 0:
            print(f"  {command} is not available or failed; skipping its remaining runs\n")
            summary[command] = {"available": False, "error": one["error"]}
            continue
        many = run_command(command, path, jobs, work)
        show(many, n_s, size)
        n_f = min(args.flat_n, args.n)
        small = run_command(command, corpora[n_f][0], jobs, work)
        show(small, n_f, corpora[n_f][1])
        full = run_command(command, corpora[args.n][0], jobs, work, progress=args.progress)
        show(full, args.n, corpora[args.n][1])
        speedup = one["seconds"] / many["seconds"] if many["seconds"] else float("nan")
        ratio = full["tree_pss_mb"] / small["tree_pss_mb"] if small["tree_pss_mb"] else float("nan")
        s = {"available": True, "speedup": round(speedup, 2), "jobs": jobs,
             "full_seconds": full["seconds"], "articles_per_s": full["articles_per_s"],
             "mb_per_s": full["mb_per_s"], "peak_tree_pss_mb_small": small["tree_pss_mb"],
             "peak_tree_pss_mb_full": full["tree_pss_mb"], "memory_ratio": round(ratio, 2),
             "projected_seconds_100k": round(full["seconds"] * TARGET_ARTICLES / args.n, 1),
             "under_10_min": (full["seconds"] * TARGET_ARTICLES / args.n < TARGET_SECONDS
                              and full["rc"] == 0),
             "memory_flat": ratio <= FLAT_RATIO}
        summary[command] = s
        print(f"  speed-up 1 -> {jobs} processes: x{speedup:.2f}; peak memory {n_f:,} -> {args.n:,} "
              f"articles: {small['tree_pss_mb']:.0f} -> {full['tree_pss_mb']:.0f} MB (x{ratio:.2f}, "
              f"{'flat' if s['memory_flat'] else 'NOT flat'}); {args.n:,} articles in "
              f"{full['seconds'] / 60:.1f} min, so {TARGET_ARTICLES:,} in about "
              f"{s['projected_seconds_100k'] / 60:.1f} min ({'within' if s['under_10_min'] else 'OVER'} "
              f"the 10-minute target)\n")

    if not args.no_proxy:
        n_s = min(args.speedup_n, args.n)
        print(f"== pipeline speed-up on a CPU-bound proxy (readability per article), {n_s:,} articles")
        proxy = pipeline_speedup(corpora[n_s][0], jobs)
        summary["pipeline_proxy"] = proxy
        print(f"  1 process {proxy['seconds_1']:.1f} s, {jobs} processes {proxy[f'seconds_{jobs}']:.1f} s: "
              f"speed-up x{proxy['speedup']:.2f}; identical output: {proxy['same_output']}\n")

    report = {"n": args.n, "speedup_n": args.speedup_n, "flat_n": args.flat_n, "jobs": jobs,
              "cpu_count": os.cpu_count(), "python": sys.version.split()[0],
              "corpus_mb": {n: round(s / 1e6, 1) for n, (_, s) in corpora.items()},
              "runs": results, "summary": summary}
    (args.out / "scale.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"results written to {args.out / 'scale.json'}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"corpora kept in {work}")
    ok = all(s.get("under_10_min", True) and s.get("memory_flat", True)
             for c, s in summary.items() if s.get("available") and c == "metrics")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
