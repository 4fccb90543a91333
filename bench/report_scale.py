"""Report at scale: the notebooks and the site built from a synthetic results folder of N articles.

    python bench/report_scale.py                  # N = 100,000 (what `make report-bench` runs)
    python bench/report_scale.py --n 5000 --keep

The analysis is not run N times: a real results folder (the BASIL dev split of
../shared/benchmarks/, or $FRAMING_SHARED/benchmarks/, analysed under a throw-away study when present, read at run time and
never copied into the repository; else the seed study) is replicated until it holds N
articles.  Copy k of article ``a`` is ``a~k``; its event is ``<event>~<k>`` (each copy is a
new set of events, so the outlets cover N / articles-per-event events); its word count is
perturbed by up to +/-20% (and its loaded-term rate recomputed) so that outlets and events
differ.  Every table (paragraphs, statements, hits, passives, sentences, articles) is written
copy by copy, and the study's corpus is replicated the same way, since the notebooks read
the corpus back for provenance and size.  Then the report is built from that folder in a
subprocess (every notebook, then the site) and the script prints

* wall time of the build (notebooks + site) and per notebook;
* peak memory: the largest single process (the build or a notebook kernel: getrusage of the
  reaped children);
* the largest page of the site (and the site's size and number of files).

Results go to bench/out/report_scale.json.  The temporary folder (bench/out/report-scale-*)
is removed unless --keep.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from paths import SHARED  # noqa: E402  (bench/ is on sys.path when a script runs)
BASIL = SHARED / "benchmarks" / "basil_dev.jsonl"
OUT = ROOT / "bench" / "out"
TABLES = ("paragraphs", "statements", "hits", "passives", "sentences", "articles")
#: The page size every page of the site must stay under.
PAGE_LIMIT = 5_000_000


def source_study(work: Path) -> Path:
    """A study to replicate: BASIL dev under a general study (when present), else the seed."""
    if not BASIL.is_file():
        print(f"note: {BASIL} not found; replicating the seed study instead", file=sys.stderr)
        return ROOT / "studies" / "met-police-2024"
    study = work / "source-study"
    subprocess.run([sys.executable, "-m", "analysis", "new-study", str(study), "--corpus",
                    str(BASIL), "--target", "Donald Trump", "--alias", "Trump",
                    "--title", "Synthetic scale report (replicated BASIL dev)"],
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return study


def analyse(study: Path, folder: Path) -> list[Path]:
    """Analyse the study's corpus once into ``folder``; return the corpus inputs."""
    from analysis.knowledge.bundle import knowledge_for
    from analysis.run.store import write_results

    know = knowledge_for(study)
    inputs = [Path(c) for c in know.study.corpus]
    write_results([str(c) for c in inputs], know, folder, parquet=False)
    return inputs


def corpus_records(inputs: list[Path]) -> list[dict]:
    """The source corpus as JSON records (id, text and the metadata the notebooks read)."""
    from analysis.corpus.readers import read_corpus

    keys = ("id", "text", "outlet", "date", "headline", "event_id")
    if all(p.suffix == ".jsonl" for p in inputs):  # the records as given, without gold spans
        return [{k: rec[k] for k in keys if k in rec} for p in inputs
                for rec in map(json.loads, p.read_text(encoding="utf-8").splitlines()) if rec]
    out = []
    for a in read_corpus([str(p) for p in inputs]):
        rec = {"id": a.id, "text": a.text, "outlet": a.outlet or "",
               "date": str(a.meta.get("date") or ""), "headline": a.headline or "",
               "event_id": str(a.meta.get("event_id") or "")}
        out.append(rec)
    return out


def replicate(source: Path, records: list[dict], n: int, dest: Path, corpus: Path,
              seed: int = 7) -> dict[str, int]:
    """Write a results folder of ``n`` articles into ``dest`` (and the corpus to ``corpus``)
    by copying the source folder's tables; return the rows per table."""
    import pandas as pd

    from analysis.run.store import TEXT_COLUMNS

    tables = {t: pd.read_csv(source / f"{t}.csv", keep_default_na=False, na_values=[""],
                             dtype={c: "str" for c in TEXT_COLUMNS}, low_memory=False)
              for t in TABLES}
    arts = tables["articles"]
    size = len(arts)
    copies = math.ceil(n / size)
    rng = random.Random(seed)
    dest.mkdir(parents=True, exist_ok=True)
    rows = {t: 0 for t in TABLES}
    by_id = {r["id"]: r for r in records}
    with corpus.open("w", encoding="utf-8") as fh_corpus:
        for k in range(copies):
            keep = arts["article_id"].astype(str).tolist()[: n - k * size]
            ids = {a: f"{a}~{k}" for a in keep}
            for t in TABLES:
                frame = tables[t]
                frame = frame[frame["article_id"].astype(str).isin(ids)].copy()
                frame["article_id"] = frame["article_id"].astype(str).map(ids)
                if t == "articles":
                    if "event_id" in frame.columns:
                        ev = frame["event_id"].astype("string").fillna("")
                        frame["event_id"] = [f"{e}~{k}" if e else "" for e in ev]
                    if k:
                        factor = [1 + rng.uniform(-0.2, 0.2) for _ in range(len(frame))]
                        frame["words"] = (frame["words"] * factor).round().clip(lower=1).astype(int)
                        frame["loaded_per_1k"] = (1000 * frame["loaded_terms"]
                                                  / frame["words"]).round(3)
                frame.to_csv(dest / f"{t}.csv", mode="a" if k else "w", header=not k,
                             index=False, lineterminator="\n")
                rows[t] += len(frame)
            for a in keep:
                rec = dict(by_id[a], id=ids[a])
                if rec.get("event_id"):
                    rec["event_id"] = f"{rec['event_id']}~{k}"
                fh_corpus.write(json.dumps(rec, ensure_ascii=False) + "\n")
    manifest = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
    manifest.update({"rows": rows, "formats": ["csv"],
                     "inputs": [{"path": str(corpus), "sha256": "synthetic"}]})
    (dest / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return rows


def synthetic_study(source: Path, corpus: Path, dest: Path) -> Path:
    """A copy of the source study whose corpus is the synthetic one (its hand coding, of the
    source ids, left out: no copy carries those ids)."""
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns("outputs", "report*"))
    yaml = dest / "study.yaml"
    lines = [f'corpus: "{corpus}"' if line.startswith("corpus:") else line
             for line in yaml.read_text(encoding="utf-8").splitlines()
             if not line.startswith("evaluation:")]
    yaml.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dest


def build(study: Path, out: Path, article_pages: int | None) -> None:
    """Execute every notebook on out/outputs/results and render out/site (the build step)."""
    from analysis.report.build import NOTEBOOKS, notebook_paths, plan_report, report_from_results

    plan = plan_report(None, str(out), str(study))
    report_from_results(plan, notebook_paths(NOTEBOOKS), None, article_pages)


def site_sizes(site: Path) -> dict:
    """Largest page (path and bytes), total bytes and number of files of a site."""
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    big = max(pages, key=lambda p: p.stat().st_size)
    top = sorted(((p.stat().st_size, str(p.relative_to(site))) for p in pages), reverse=True)[:8]
    return {"largest_page": str(big.relative_to(site)), "largest_page_bytes": big.stat().st_size,
            "largest_pages": [{"page": name, "bytes": b} for b, name in top],
            "site_bytes": sum(p.stat().st_size for p in files), "files": len(files),
            "pages": len(pages)}


def main(argv: list[str] | None = None) -> int:
    """Make the synthetic results, build the report in a subprocess, print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100_000, help="articles in the synthetic folder")
    ap.add_argument("--article-pages", type=int, default=None,
                    help="annotated article pages (default: the site's default cap; 0: all)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    ap.add_argument("--build", nargs=2, metavar=("STUDY", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.build:  # the measured subprocess
        build(Path(args.build[0]), Path(args.build[1]), args.article_pages)
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="report-scale-", dir=OUT))
    try:
        t0 = time.perf_counter()
        src_study = source_study(work)
        inputs = analyse(src_study, work / "source-results")
        records = corpus_records(inputs)
        out = work / "report"
        corpus = work / "corpus.jsonl"
        rows = replicate(work / "source-results", records, args.n, out / "outputs" / "results",
                         corpus)
        study = synthetic_study(src_study, corpus, work / "study")
        made = time.perf_counter() - t0
        print(f"synthetic results: {rows['articles']:,} articles, "
              + ", ".join(f"{v:,} {k}" for k, v in rows.items() if k != "articles")
              + f" ({made:.0f} s to make)", flush=True)
        cmd = [sys.executable, str(Path(__file__).resolve()), "--build", str(study), str(out)]
        if args.article_pages is not None:
            cmd += ["--article-pages", str(args.article_pages)]
        t1 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.PIPE, text=True,
                                env=dict(os.environ, PYTHONPATH=str(ROOT)))
        lines = []
        for line in proc.stderr:  # progress as it comes, kept for the summary
            lines.append(line.rstrip("\n"))
            if line.startswith("["):
                print("  " + lines[-1], flush=True)
        proc.wait()
        wall = time.perf_counter() - t1
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
        steps = [line for line in lines if " done in " in line]
        if proc.returncode:
            print("\n".join(lines[-40:]), file=sys.stderr)
            print(f"report build failed (exit {proc.returncode}) after {wall:.0f} s")
            return 1
        sizes = site_sizes(out / "site")
        result = {"articles": rows["articles"], "rows": rows, "build_seconds": round(wall, 1),
                  "notebooks": steps, "peak_rss_bytes": peak, **sizes,
                  "pages_under_limit": sizes["largest_page_bytes"] < PAGE_LIMIT}
        (OUT / "report_scale.json").write_text(json.dumps(result, indent=2) + "\n",
                                               encoding="utf-8")
        print(f"report build: {wall:.0f} s (notebooks + site)")
        print(f"peak memory (largest process): {peak / 1e6:.0f} MB")
        print(f"largest page: {sizes['largest_page']} {sizes['largest_page_bytes'] / 1e6:.2f} MB"
              f" (limit {PAGE_LIMIT / 1e6:.0f} MB); site {sizes['site_bytes'] / 1e6:.0f} MB in "
              f"{sizes['files']:,} files")
        print(f"saved bench/out/report_scale.json{'; kept ' + str(work) if args.keep else ''}")
        return 0 if result["pages_under_limit"] else 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
