"""Execute the notebooks top to bottom and render them as a static HTML site.

The default run analyses the seeds: notebooks are executed in a scratch folder, their
volatile metadata (timings, papermill bookkeeping) is removed so a re-run changes no byte,
and only when every notebook succeeds are they copied back to ``notebooks/`` and rendered
to ``site/``.  With ``corpus`` the same notebooks run on another corpus through their
``parameters`` cell and everything is written under ``out`` instead.
"""
from __future__ import annotations

import html
import json
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Sequence

from .errors import InputError

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
SITE = ROOT / "site"
OUTPUTS = ROOT / "outputs"
KERNEL = "python3"
#: Script tags that load from the internet (require.js, MathJax): the pages need neither,
#: and a reader opening the site offline must not wait for them.
_REMOTE_SCRIPT = re.compile(r'<script[^>]*\ssrc="https?://[^"]*"[^>]*>\s*</script>\s*')


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


def render_site(notebooks: Sequence[Path], site: Path, subtitle: str = "") -> Path:
    """Render executed notebooks to HTML pages plus an index page; return the index path."""
    import nbformat
    from nbconvert import HTMLExporter

    site.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter(template_name="lab")
    items = []
    for path in notebooks:
        body, _ = exporter.from_notebook_node(nbformat.read(str(path), as_version=4))
        body = _REMOTE_SCRIPT.sub("", body)
        (site / f"{path.stem}.html").write_text(body, encoding="utf-8")
        items.append(f'<li><a href="{path.stem}.html">{html.escape(_title(path))}</a> '
                     f'<small>({html.escape(path.name)})</small></li>')
    index = site / "index.html"
    index.write_text(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>framing: comparative framing analysis</title>"
        "<style>body{font-family:sans-serif;max-width:46em;margin:2em auto;line-height:1.5}"
        "</style></head><body>\n<h1>How three outlets framed the 2024 rows over the Met</h1>\n"
        f"<p>{html.escape(subtitle)}</p>\n<ol>\n" + "\n".join(items) + "\n</ol>\n"
        "<p>Numbers come from the <code>analysis</code> package; methods are defined in "
        "<code>docs/methods.md</code> of the repository.</p>\n</body></html>\n",
        encoding="utf-8")
    return index


def check_report_out(out_dir: Path, shown: str) -> None:
    """Refuse an output folder whose notebooks/, outputs/ or site/ are the repository's own."""
    for name, own in (("notebooks", NOTEBOOKS), ("outputs", OUTPUTS), ("site", SITE)):
        if (out_dir / name).resolve() == own.resolve():
            raise InputError(f"--out {shown}: would overwrite the repository's own {name}/ "
                             f"(choose another folder for a --corpus report)")


def build_report(corpus: str | None = None, out: str | None = None,
                 only: Sequence[str] | None = None) -> Path:
    """Execute every notebook and render the site; return the site's index page."""
    paths = notebook_paths(NOTEBOOKS, only)
    if not paths:
        raise InputError(f"{NOTEBOOKS}: no numbered notebooks found")
    if corpus is not None:
        corpus_path = Path(corpus).resolve()
        if not corpus_path.exists():
            raise InputError(f"{corpus}: no such file or directory")
        out_dir = Path(out or f"report-{corpus_path.stem}").resolve()
        check_report_out(out_dir, shown=out or str(out_dir))
        params: dict[str, Any] | None = {"CORPUS": str(corpus_path),
                                         "OUTPUT_DIR": str(out_dir / "outputs"),
                                         "GOLD_DIR": ""}
        nb_dest, site, subtitle = out_dir / "notebooks", out_dir / "site", f"Corpus: {corpus_path}"
    else:
        params, nb_dest, site = None, NOTEBOOKS, SITE
        subtitle = ("Evening Standard (000), MailOnline (001) and PA Media (002) on the "
                    "Metropolitan Police, April and October 2024.")
    with tempfile.TemporaryDirectory(prefix="framing-report-") as tmp:
        executed = []
        for i, src in enumerate(paths, 1):
            t0 = time.perf_counter()
            print(f"[{i}/{len(paths)}] executing {src.name} ...", file=sys.stderr, flush=True)
            dst = Path(tmp) / src.name
            execute(src, dst, params, cwd=NOTEBOOKS)
            executed.append(dst)
            print(f"[{i}/{len(paths)}] {src.name} done in {time.perf_counter() - t0:.1f} s",
                  file=sys.stderr, flush=True)
        nb_dest.mkdir(parents=True, exist_ok=True)
        final = []
        for dst in executed:
            shutil.copyfile(dst, nb_dest / dst.name)
            final.append(nb_dest / dst.name)
    index = render_site(final if not only else notebook_paths(nb_dest), site, subtitle)
    print(f"site written to {index}", file=sys.stderr)
    return index
