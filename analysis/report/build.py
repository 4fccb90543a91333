"""Analyse a study's corpus once, execute the notebooks on the results and render a site.

``build_report`` first writes every table of the corpus into a results folder
(:func:`analysis.run.store.write_results`), then executes the numbered notebooks with the
parameters ``STUDY`` (the study folder, ``""`` for general knowledge only), ``RESULTS`` (that
folder), ``CORPUS`` and ``OUTPUT_DIR``; the notebooks read the results folder and never re-run
the engine per table.  Notebooks run in a scratch folder with their volatile metadata
(timings, papermill bookkeeping) removed, so a re-run changes no byte, and are copied out only
when every one succeeds.  The repository's own study (:data:`DEFAULT_STUDY`) is reported into
the repository's ``notebooks/``, ``outputs/`` (results in ``outputs/results/``) and ``site/``;
any other study, or another corpus, is reported under ``out``.
"""
from __future__ import annotations

import contextlib
import html
import json
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from ..errors import InputError

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
SITE = ROOT / "site"
OUTPUTS = ROOT / "outputs"
#: The study reported when none is named: the repository's own study of its seed corpus.
DEFAULT_STUDY = ROOT / "studies" / "met-police-2024"
#: The results folder inside an outputs folder.
RESULTS_DIR = "results"
KERNEL = "python3"
#: Script tags that load from the internet (require.js, MathJax): the pages need neither,
#: and a reader opening the site offline must not wait for them.
_REMOTE_SCRIPT = re.compile(r'<script[^>]*\ssrc="https?://[^"]*"[^>]*>\s*</script>\s*')


_HTML_TITLE = re.compile(r"<title>.*?</title>", re.S)


def notebook_paths(directory: Path = NOTEBOOKS, only: Sequence[str] | None = None) -> list[Path]:
    """The numbered notebooks of a folder, in order (optionally only the named ones)."""
    if not directory.is_dir():
        raise InputError(f"{directory}: no notebooks folder (run from a clone of the repository)")
    paths = sorted(p for p in directory.glob("[0-9][0-9]_*.ipynb"))
    if only:
        wanted = {Path(n).name for n in only}
        missing = wanted - {p.name for p in paths}
        if missing:
            raise InputError(f"no such notebook(s): {sorted(missing)}")
        paths = [p for p in paths if p.name in wanted]
    return paths


def normalise(nb: Any) -> Any:
    """Drop metadata that changes from run to run (timings, papermill bookkeeping)."""
    nb.metadata.pop("papermill", None)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"  # papermill gives it a random id
    return nb


def execute(src: Path, dst: Path, parameters: dict[str, Any] | None = None,
            cwd: Path | None = None) -> None:
    """Execute one notebook in a fresh kernel into `dst`; raise InputError naming a failing cell."""
    import nbformat
    import papermill as pm

    try:
        pm.execute_notebook(str(src), str(dst), parameters=parameters or None, kernel_name=KERNEL,
                            progress_bar=False, log_output=False, cwd=str(cwd or src.parent))
    except pm.PapermillExecutionError as e:
        raise InputError(f"{src.name}: cell {e.exec_count} raised {e.ename}: {e.evalue}") from None
    nb = nbformat.read(str(dst), as_version=4)
    nbformat.write(normalise(nb), str(dst))


def _title(nb_path: Path) -> str:
    """The first Markdown heading of a notebook, or its file name."""
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            for line in "".join(cell.get("source", "")).splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return nb_path.stem


def index_page(items: Sequence[tuple[str, str, str]], title: str, question: str = "",
               about: str = "") -> str:
    """The site's index page: the study's title, question, corpus and a link per notebook."""
    from . import site as web

    links = [web.Link(href, name) for href, name, _ in items]
    return web.landing_page(title, question, about, links)


def render_site(notebooks: Sequence[Path], site: Path, subtitle: str = "",
                title: str = "Comparative framing analysis", question: str = "",
                data: Any = None, outputs: Path | None = None,
                article_pages: int | None = None) -> Path:
    """Render executed notebooks to HTML pages (code hidden, one click shows it), the
    documentation pages and a landing page; with the report's ``data`` (a ReportData) also
    the downloads, the key figures of ``outputs`` and the annotated reading view (pages for
    the first ``article_pages`` articles; None: the default cap, 0: all); return the index
    path."""
    import nbformat
    from nbconvert import HTMLExporter

    from . import site as web

    site.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter(template_name="lab")
    pages = [web.Link(f"{p.stem}.html", _title(p)) for p in notebooks]
    docs = web.doc_links(ROOT / "docs")
    articles = [web.Link(f"{web.ARTICLES_DIR}/index.html", "Articles")] if data is not None else []
    short = [web.Link(link.href, link.name.split(":")[0]) for link in pages]
    nav_links = [web.Link("index.html", "Home")] + short + articles + docs
    for path, link in zip(notebooks, pages):
        body, _ = exporter.from_notebook_node(nbformat.read(str(path), as_version=4))
        body = _REMOTE_SCRIPT.sub("", body)
        head = f"{link.name} | {title}"
        body = _HTML_TITLE.sub(lambda _: f"<title>{html.escape(head)}</title>", body, count=1)
        body = web.with_code_toggle(body, web.nav_html(nav_links))
        (site / link.href).write_text(body, encoding="utf-8")
    web.write_docs(site, ROOT / "docs", nav_links, title)
    extra: dict[str, str] = {}
    if data is not None:
        tables = data.results.tables
        web.write_articles(site, tables, data.outlet_label, nav_links, title,
                           max_pages=web.ARTICLE_PAGES if article_pages is None else article_pages)
        extra["corpus"] = web.corpus_table(tables["articles"], data.outlet_label)
        rows = data.results.manifest.get("rows", {})
        extra["downloads"] = web.downloads_html(web.copy_tables(data.results.folder, site, rows))
        extra["cite"] = data.study.cite if data.study is not None else ""
    if outputs is not None and outputs.is_dir():
        extra["figures"] = web.figures_html(web.copy_figures(outputs, site))
    index = site / "index.html"
    index.write_text(web.landing_page(title, question, subtitle, pages + articles + docs,
                                      nav=web.nav_html(nav_links), **extra), encoding="utf-8")
    return index


def check_report_out(out_dir: Path, shown: str) -> None:
    """Refuse an output folder whose notebooks/, outputs/ or site/ are the repository's own."""
    for name, own in (("notebooks", NOTEBOOKS), ("outputs", OUTPUTS), ("site", SITE)):
        if (out_dir / name).resolve() == own.resolve():
            raise InputError(f"--out {shown}: would overwrite the repository's own {name}/ "
                             f"(choose another folder for a --corpus or --study report)")


@dataclass(frozen=True)
class ReportPlan:
    """Where a report reads from and writes to, and the notebooks' parameters."""

    study: Path | None
    corpus: tuple[Path, ...]
    notebooks: Path
    outputs: Path
    site: Path
    parameters: dict[str, Any]

    @property
    def results(self) -> Path:
        """The results folder the notebooks read."""
        return self.outputs / RESULTS_DIR


def _relative(path: Path, start: Path) -> str:
    """`path` relative to `start` (so the repository's notebooks name no absolute path)."""
    return os.path.relpath(path, start)


def seed_parameters(base: Path = ROOT) -> dict[str, Any]:
    """The notebook parameters of the repository's own report, relative to ``notebooks/``."""
    nb = base / "notebooks"
    return {"STUDY": _relative(base / DEFAULT_STUDY.relative_to(ROOT), nb),
            "RESULTS": _relative(base / "outputs" / RESULTS_DIR, nb),
            "CORPUS": "", "OUTPUT_DIR": _relative(base / "outputs", nb)}


def plan_report(corpus: str | None = None, out: str | None = None,
                study: str | None = None) -> ReportPlan:
    """Decide the study, corpus, output folders and parameters of a report (nothing written)."""
    from ..knowledge.study import load_study

    study_dir = Path(study).resolve() if study else DEFAULT_STUDY
    if study and not study_dir.is_dir():
        raise InputError(f"{study}: no such study folder")
    corpus_path = None
    if corpus is not None:
        corpus_path = Path(corpus).resolve()
        if not corpus_path.exists():
            raise InputError(f"{corpus}: no such file or directory")
    own = corpus_path is None and study_dir == DEFAULT_STUDY.resolve()
    if corpus_path is not None and not study:
        study_dir = None  # another corpus with no study: general knowledge only
    if own:
        return ReportPlan(DEFAULT_STUDY, (), NOTEBOOKS, OUTPUTS, SITE, seed_parameters())
    name = corpus_path.stem if corpus_path is not None else study_dir.name  # type: ignore[union-attr]
    out_dir = Path(out or f"report-{name}").resolve()
    check_report_out(out_dir, shown=out or str(out_dir))
    if corpus_path is None:
        found = load_study(study_dir)
        if not found.corpus:
            raise InputError(f"{study}: the study names no corpus (set 'corpus:' in its "
                             f"study.yaml or give --corpus)")
        inputs: tuple[Path, ...] = ()
    else:
        inputs = (corpus_path,)
    outputs = out_dir / "outputs"
    params = {"STUDY": str(study_dir) if study_dir else "", "RESULTS": str(outputs / RESULTS_DIR),
              "CORPUS": str(corpus_path) if corpus_path else "", "OUTPUT_DIR": str(outputs)}
    return ReportPlan(study_dir, inputs, out_dir / "notebooks", outputs, out_dir / "site", params)


def write_report_results(plan: ReportPlan, jobs: int = 1,
                         skip_bad: bool = False) -> dict[str, Any]:
    """Analyse the report's corpus once into its results folder; return the manifest."""
    from ..knowledge.bundle import knowledge_for
    from ..run.store import write_results

    know = knowledge_for(plan.study)
    inputs = list(plan.corpus) or (list(know.study.corpus) if know.study else [])
    if not inputs:
        raise InputError("no corpus to report on (give --corpus or a study with a corpus)")
    # The repository's own results name their inputs relative to the repository.
    with contextlib.chdir(ROOT if plan.notebooks == NOTEBOOKS else Path.cwd()):
        return write_results(inputs, know, plan.results, jobs=jobs, progress=None,
                             skip_bad=skip_bad)


def build_report(corpus: str | None = None, out: str | None = None,
                 only: Sequence[str] | None = None, study: str | None = None,
                 jobs: int = 1, skip_bad: bool = False,
                 article_pages: int | None = None) -> Path:
    """Analyse the corpus once, execute every notebook on the results, render the site;
    return the site's index page (``skip_bad`` reports and skips bad articles;
    ``article_pages``: see :func:`render_site`)."""
    paths = notebook_paths(NOTEBOOKS, only)
    if not paths:
        raise InputError(f"{NOTEBOOKS}: no numbered notebooks found")
    plan = plan_report(corpus, out, study)
    t0 = time.perf_counter()
    print("[0] analysing the corpus into the results folder ...", file=sys.stderr, flush=True)
    manifest = write_report_results(plan, jobs=jobs, skip_bad=skip_bad)
    rows = ", ".join(f"{n} {t}" for t, n in manifest["rows"].items())
    print(f"[0] results in {time.perf_counter() - t0:.1f} s: {rows}", file=sys.stderr, flush=True)
    return report_from_results(plan, paths, only, article_pages)


def report_from_results(plan: ReportPlan, paths: Sequence[Path],
                        only: Sequence[str] | None = None,
                        article_pages: int | None = None) -> Path:
    """Execute the notebooks ``paths`` on the plan's results folder (already written) and
    render the site; return the site's index page."""
    with tempfile.TemporaryDirectory(prefix="framing-report-") as tmp:
        executed = []
        for i, src in enumerate(paths, 1):
            t0 = time.perf_counter()
            print(f"[{i}/{len(paths)}] executing {src.name} ...", file=sys.stderr, flush=True)
            dst = Path(tmp) / src.name
            execute(src, dst, plan.parameters, cwd=NOTEBOOKS)
            executed.append(dst)
            print(f"[{i}/{len(paths)}] {src.name} done in {time.perf_counter() - t0:.1f} s",
                  file=sys.stderr, flush=True)
        plan.notebooks.mkdir(parents=True, exist_ok=True)
        final = []
        for dst in executed:
            shutil.copyfile(dst, plan.notebooks / dst.name)
            final.append(plan.notebooks / dst.name)
    from .reportdata import open_report

    data = open_report(plan.parameters["STUDY"] and _resolve(plan.parameters["STUDY"]),
                       plan.results, plan.parameters["CORPUS"] or None)
    index = render_site(final if not only else notebook_paths(plan.notebooks), plan.site,
                        data.describe(), title=data.title, question=data.question, data=data,
                        outputs=plan.outputs, article_pages=article_pages)
    print(f"site written to {index}", file=sys.stderr)
    return index


def _resolve(param: str) -> Path:
    """A notebook path parameter as a path (relative ones are relative to ``notebooks/``)."""
    p = Path(param)
    return p if p.is_absolute() else (NOTEBOOKS / p).resolve()
