"""The reader's site around the notebook pages: navigation, hidden code with a toggle, the
landing page, the documentation pages, the downloads and the annotated reading view.

Every function that makes HTML is pure (strings in, an escaped HTML string out); the writers
at the bottom put them into a site folder.  Nothing loads from the internet.
"""
from __future__ import annotations

import html
import math
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from . import annotate

#: Documentation rendered as pages of the site: (source under docs/, page, link text).
DOCS = (("methods.md", "methods.html", "Methods"),
        ("data_dictionary.md", "data_dictionary.html", "Data dictionary"),
        ("studies.md", "studies.html", "Studies"))
#: Folders of the site below its root.
DOCS_DIR, DATA_DIR, FIGURES_DIR, ARTICLES_DIR = "docs", "data", "figures", "articles"
#: Figures shown on the landing page when they exist, in order, each with one sentence.
KEY_FIGURES = {
    "outlet_intervals": "Each outlet's headline measures: the pooled value (filled dot) with "
                        "its 95% bootstrap interval and the mean over articles (open circle).",
    "critical_defensive": "How many statements each outlet carried that were critical of, or "
                          "defensive toward, the stance target.",
    "quoted_words_by_group": "Whose words each outlet quoted: the share of quoted words by "
                             "the speakers' group.",
    "voice_strip": "The order of voices in each article: who speaks first and who has the "
                   "last word.",
    "loaded_rates": "How often each outlet used loaded terms, per 1,000 words, by category.",
    "loaded_voice": "Whether loaded terms came in the outlet's own voice or inside quotes.",
    "size_readability": "How long and how readable the articles are.",
    "quote_scores": "How well the program's quotations agree with the hand coding.",
    "frame_shares": "How often each outlet's articles carry each generic news frame, with "
                    "95% bootstrap intervals.",
}
#: At most this many key figures on the landing page.
MAX_FIGURES = 4
#: A figure taller than this many times its width (one row per article at scale) is left to
#: its notebook page rather than shown on the landing page.
MAX_ASPECT = 1.5

#: Style shared by every page the site adds (the notebook pages keep nbconvert's own).
BASE_CSS = """
body{font-family:system-ui,sans-serif;max-width:52em;margin:0 auto;padding:0 1em 3em;
line-height:1.5;color:#222}
nav.site{border-bottom:1px solid #ddd;padding:.5em 0;margin-bottom:1em;font-size:.9em}
nav.site a{margin-right:1em}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ddd;padding:.2em .5em;
text-align:left}th{background:#f3f3f3}
figure{margin:1.5em 0}figure img{max-width:100%;height:auto;border:1px solid #eee}
figcaption{font-size:.9em;color:#444}
pre.cite{white-space:pre-wrap;background:#f6f6f6;padding:.7em;border-left:3px solid #888}
code{background:#f3f3f3;padding:0 .2em}
pre{background:#f6f6f6;padding:.5em;overflow-x:auto}
"""
#: Hides code cells of a notebook page until the reader asks (shown when JavaScript is off).
CODE_TOGGLE = """<style>
body:not(.show-code) .jp-CodeCell .jp-Cell-inputWrapper,
body:not(.show-code) .jp-InputPrompt,body:not(.show-code) .jp-OutputPrompt{display:none}
#code-toggle{position:fixed;top:.5em;right:.5em;z-index:10;font-size:.85em}
nav.site{font-family:system-ui,sans-serif;max-width:60em;margin:0 auto;padding:.5em 1em;
border-bottom:1px solid #ddd;font-size:.9em}nav.site a{margin-right:1em}
</style><noscript><style>
.jp-CodeCell .jp-Cell-inputWrapper{display:block!important}#code-toggle{display:none}
</style></noscript>"""
_TOGGLE_BUTTON = ('<button id="code-toggle" type="button" onclick="var s=document.body.'
                  'classList.toggle(\'show-code\');this.textContent=s?\'Hide code\':\'Show code\';"'
                  '>Show code</button>')


@dataclass(frozen=True)
class Link:
    """A page of the site: its path from the site's root and its name."""

    href: str
    name: str


def nav_html(links: Sequence[Link], depth: int = 0) -> str:
    """The navigation bar, for a page `depth` folders below the site's root."""
    up = "../" * depth
    items = "".join(f'<a href="{html.escape(up + link.href)}">{html.escape(link.name)}</a>'
                    for link in links)
    return f'<nav class="site">{items}</nav>\n'


def base_head() -> str:
    """The style sheet of the site's own pages."""
    return f"<style>{BASE_CSS}</style>"


def page(title: str, body: str, nav: str) -> str:
    """A complete page of the site (the body is HTML, the title text)."""
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)}</title>{base_head()}</head><body>\n{nav}<main>\n"
            f"{body}\n</main></body></html>\n")


def with_code_toggle(notebook_html: str, nav: str) -> str:
    """A notebook page with its code hidden behind a button, and the site's navigation."""
    head = notebook_html.replace("</head>", CODE_TOGGLE + "</head>", 1)
    return re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + "\n" + nav + _TOGGLE_BUTTON, head,
                  count=1)


def markdown_html(text: str, pages: dict[str, str] | None = None) -> str:
    """Markdown rendered to HTML (raw HTML escaped); links to other docs' ``.md`` files go to
    their pages when `pages` names them."""
    import mistune

    md = mistune.create_markdown(escape=True, plugins=["table", "strikethrough"])
    out = md(text)
    for src, dst in (pages or {}).items():
        out = out.replace(f'href="{src}', f'href="{dst}')
    return out


def _fmt(value: Any) -> str:
    """A cell value for a table: integers plain, floats rounded, missing blank."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def corpus_table(articles: Any, outlet_label: Any) -> str:
    """Articles per outlet with their first and last dates (and events when given)."""
    rows = []
    for outlet, group in articles.groupby(articles["outlet"].fillna(""), sort=False):
        dates = sorted(str(d) for d in group["date"].dropna() if str(d)) \
            if "date" in group else []
        events = group["event_id"].dropna().nunique() if "event_id" in group else 0
        rows.append(f"<tr><td>{html.escape(outlet_label(outlet) or '(none)')}</td>"
                    f"<td>{len(group)}</td><td>{html.escape(dates[0] if dates else '')}</td>"
                    f"<td>{html.escape(dates[-1] if dates else '')}</td><td>{events}</td></tr>")
    return ("<table><thead><tr><th>Outlet</th><th>Articles</th><th>First date</th>"
            "<th>Last date</th><th>Events</th></tr></thead><tbody>\n" + "\n".join(rows)
            + "\n</tbody></table>")


def figures_html(figures: Sequence[tuple[str, str, str]]) -> str:
    """Key figures: (image path, alt text, sentence) each as a captioned figure."""
    return "\n".join(f'<figure><img src="{html.escape(src)}" alt="{html.escape(alt)}" '
                     f'loading="lazy"><figcaption>{html.escape(sentence)} '
                     f'<a href="{DOCS_DIR}/methods.html">Methods</a>.</figcaption></figure>'
                     for src, alt, sentence in figures)


def downloads_html(tables: Sequence[tuple[str, int | None, int]]) -> str:
    """The results tables to download: (file name under data/, rows, bytes)."""
    items = []
    for name, rows, size in tables:
        n = f"{rows:,} rows, " if rows is not None else ""
        items.append(f'<li><a href="{DATA_DIR}/{html.escape(name)}">{html.escape(name)}</a> '
                     f"<small>({n}{size / 1024:,.1f} KB)</small></li>")
    return ("<ul>\n" + "\n".join(items) + "\n</ul>\n<p>Columns are defined in the "
            f'<a href="{DOCS_DIR}/data_dictionary.html">data dictionary</a>.</p>')


def landing_page(title: str, question: str, about: str, links: Sequence[Link], *,
                 corpus: str = "", figures: str = "", downloads: str = "", cite: str = "",
                 nav: str = "") -> str:
    """The site's index page: title, question, corpus, key figures, pages, downloads, citation."""
    parts = [f"<h1>{html.escape(title)}</h1>"]
    if question:
        parts.append(f"<p><strong>Question.</strong> {html.escape(question)}</p>")
    if about:
        parts.append(f"<p>{html.escape(about)}</p>")
    if corpus:
        parts.append(f"<h2>The corpus</h2>\n{corpus}")
    if figures:
        parts.append(f"<h2>Key figures</h2>\n{figures}")
    pages = "\n".join(f'<li><a href="{html.escape(link.href)}">{html.escape(link.name)}</a></li>'
                      for link in links)
    parts.append(f"<h2>Pages</h2>\n<ol>\n{pages}\n</ol>")
    if downloads:
        parts.append(f"<h2>Downloads</h2>\n{downloads}")
    if cite:
        parts.append(f'<h2>How to cite</h2>\n<pre class="cite">{html.escape(cite)}</pre>')
    parts.append("<p>Numbers come from the <code>analysis</code> package (framing); the "
                 f'<a href="{DOCS_DIR}/methods.html">methods</a> define every measure.</p>')
    return page(title, "\n".join(parts), nav)


# -- writers ------------------------------------------------------------------------------

def write_docs(site: Path, docs: Path, links: Sequence[Link], site_title: str) -> list[Link]:
    """Render every documentation file (``docs/*.md``) into ``site/docs/`` (links between them
    followed); return the links of the main pages (:data:`DOCS`) that exist."""
    out = site / DOCS_DIR
    out.mkdir(parents=True, exist_ok=True)
    names = {src: name for src, _, name in DOCS}
    sources = sorted(docs.glob("*.md"))
    pages = {p.name: f"{p.stem}.html" for p in sources}
    for path in sources:
        body = markdown_html(path.read_text(encoding="utf-8"), pages)
        name = names.get(path.name) or _first_heading(path) or path.stem
        (out / f"{path.stem}.html").write_text(
            page(f"{name} | {site_title}", body, nav_html(links, 1)), encoding="utf-8")
    return doc_links(docs)


def _first_heading(path: Path) -> str:
    """The first Markdown heading of a file ('' when none)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            return line.lstrip("#").strip()
    return ""


def doc_links(docs: Path) -> list[Link]:
    """Links to the documentation pages that exist."""
    return [Link(f"{DOCS_DIR}/{dst}", name) for src, dst, name in DOCS if (docs / src).is_file()]


def copy_tables(results: Path, site: Path, rows: dict[str, int]) -> list[tuple[str, int | None, int]]:
    """Copy the results folder's CSV tables (and manifest) into ``site/data/``."""
    out = site / DATA_DIR
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for src in sorted(results.glob("*.csv")) + sorted(results.glob("manifest.json")):
        shutil.copyfile(src, out / src.name)
        made.append((src.name, rows.get(src.stem), src.stat().st_size))
    return made


def copy_figures(outputs: Path, site: Path) -> list[tuple[str, str, str]]:
    """Copy the key figures (PNG) found under the outputs folders into ``site/figures/``."""
    found = {p.stem: p for p in sorted(outputs.glob("[0-9][0-9]_*/*.png"))}
    chosen = [n for n in KEY_FIGURES if n in found and _bounded(found[n])][:MAX_FIGURES]
    made = []
    for name in chosen:
        src = found[name]
        dst = site / FIGURES_DIR / src.parent.name / src.name
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
        made.append((f"{FIGURES_DIR}/{src.parent.name}/{src.name}",
                     name.replace("_", " "), KEY_FIGURES[name]))
    return made


def png_size(path: Path) -> tuple[int, int] | None:
    """Width and height of a PNG file (None when it is not a PNG)."""
    with open(path, "rb") as fh:
        head = fh.read(24)
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def _bounded(path: Path) -> bool:
    """True for a PNG no taller than :data:`MAX_ASPECT` times its width."""
    size = png_size(path)
    return size is not None and size[0] > 0 and size[1] <= MAX_ASPECT * size[0]


def _records(frame: Any) -> list[dict[str, Any]]:
    """A table as plain records (missing values as None)."""
    return [{k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in r.items()}
            for r in frame.astype(object).where(frame.notna(), None).to_dict("records")]


#: Annotated article pages a site gets by default (the first ones in corpus order); the list
#: of articles always names every article.  ``0`` or None: a page for every article.
ARTICLE_PAGES = 2000


def _rows_of(table: Any, ids: set[str]) -> list[dict[str, Any]]:
    """The records of a table's rows whose article id is in ``ids``."""
    return _records(table[table["article_id"].astype(str).isin(ids)])


def write_articles(site: Path, tables: dict[str, Any], outlet_label: Any, links: Sequence[Link],
                   site_title: str, per_page: int = annotate.PER_PAGE,
                   max_pages: int | None = ARTICLE_PAGES) -> int:
    """Write the annotated reading view (one page for each of the first ``max_pages``
    articles, None or 0 for all; a paged index of every article); return the number of
    article pages."""
    out = site / ARTICLES_DIR
    out.mkdir(parents=True, exist_ok=True)
    table = tables["articles"]
    limit = len(table) if not max_pages else min(max_pages, len(table))
    # full rows for the articles that get a page, three columns for the others (memory)
    light = [c for c in ("article_id", "outlet", "headline") if c in table.columns]
    arts = _records(table.iloc[:limit]) + _records(table.iloc[limit:][light])
    ids = {annotate._text(a.get("article_id")) for a in arts[:limit]}
    pars = annotate.group_rows(_rows_of(tables["paragraphs"], ids))
    stmts = annotate.group_rows(_rows_of(tables["statements"], ids))
    hits = annotate.group_rows(_rows_of(tables["hits"], ids))
    heads = _headlines(tables["paragraphs"]) if limit < len(arts) else {}
    nav = nav_html(links, 1)
    head = base_head()
    entries = []
    for k, art in enumerate(arts):
        aid = annotate._text(art.get("article_id"))
        outlet = outlet_label(art.get("outlet"))
        if k >= limit:
            entries.append((aid, outlet, annotate.article_title(aid, heads.get(aid, []), art)))
            continue
        p = pars.get(aid, [])
        html_page = annotate.article_page(aid, p, stmts.get(aid, []), hits.get(aid, []), art,
                                          site_title=site_title, outlet=outlet, head=head,
                                          nav=nav)
        (out / f"{annotate.safe_name(aid)}.html").write_text(html_page, encoding="utf-8")
        entries.append((aid, outlet, annotate.article_title(aid, p, art)))
    for name, text in annotate.index_pages(entries, site_title=site_title, head=head, nav=nav,
                                           per_page=per_page, linked=limit).items():
        (out / name).write_text(text, encoding="utf-8")
    return limit


def _headlines(paragraphs: Any) -> dict[str, list[dict[str, Any]]]:
    """Article id -> its headline paragraph records (what an index entry's title needs)."""
    return annotate.group_rows(_records(paragraphs[paragraphs["role"] == "headline"]))


safe_name = annotate.safe_name
