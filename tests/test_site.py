"""The reader's site: the annotated reading view agrees with the statements and hits tables,
escapes every text, stays small and paged at 300 articles; the landing page, documentation
pages, downloads and code toggle are there; every page loads in headless Chromium (skipped,
with the reason, when Chromium is absent)."""
from __future__ import annotations

import html
import re
import shutil
import subprocess
import warnings
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from analysis.report import annotate, site as web
from analysis.report.build import DEFAULT_STUDY, OUTPUTS, RESULTS_DIR, render_site
from analysis.report.reportdata import open_report
from analysis.run.store import load_results
from conftest import ROOT

SEED_RESULTS = OUTPUTS / RESULTS_DIR


VOID = {"meta", "br", "img", "input", "link", "hr", "wbr", "source", "col", "area", "base"}


class Highlights(HTMLParser):
    """Collects the highlight elements of a page with their attributes and the text inside
    (leaving out speaker labels and badges)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[Any] = []
        self.found: list[dict[str, str]] = []  # attrs plus "inner" text
        self.paragraphs: list[dict[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        a = {k: v or "" for k, v in attrs}
        if "data-paragraph" in a:
            self.paragraphs.append(a)
        if a.get("class") in ("lab", "flag"):
            self.open.append("skip")
        elif "data-start" in a:
            a["inner"] = ""
            self.found.append(a)
            self.open.append(a)
        else:
            self.open.append(None)

    def handle_endtag(self, tag):
        if tag not in VOID and self.open:
            self.open.pop()

    def handle_data(self, data):
        if "skip" in self.open:
            return
        for a in self.open:
            if isinstance(a, dict):
                a["inner"] += data


def parse(page: str) -> Highlights:
    """The highlights of one generated page."""
    p = Highlights()
    p.feed(page)
    return p


def _records(frame):
    return web._records(frame)


@pytest.fixture(scope="module")
def seed():
    if not (SEED_RESULTS / "manifest.json").is_file():
        pytest.skip(f"{SEED_RESULTS}: no seed results folder (run 'python -m analysis report')")
    return load_results(SEED_RESULTS)


def _pieces(found, key):
    """Highlight pieces grouped by their row attribute."""
    out: dict[int, list[dict[str, str]]] = {}
    for a in found:
        if key in a:
            out.setdefault(int(a[key]), []).append(a)
    return out


def test_highlights_of_every_seed_article_equal_the_statements_and_hits_tables(seed):
    pars = annotate.group_rows(_records(seed.paragraphs))
    stmts = annotate.group_rows(_records(seed.statements))
    hits = annotate.group_rows(_records(seed.hits))
    arts = {a["article_id"]: a for a in _records(seed.articles)}
    assert stmts, "the seed results hold statements"
    for aid, art in arts.items():
        page = annotate.article_page(aid, pars[aid], stmts.get(aid, []), hits.get(aid, []), art)
        found = parse(page).found
        st_pieces = _pieces(found, "data-row")
        assert sorted(st_pieces) == list(range(len(stmts.get(aid, []))))
        for i, st in enumerate(stmts.get(aid, [])):
            pieces = st_pieces[i]
            assert {(int(p["data-start"]), int(p["data-end"])) for p in pieces} == \
                {(int(st["start"]), int(st["end"]))}
            assert {p["data-kind"] for p in pieces} == {st["kind"]}
            assert {p["data-stance"] for p in pieces} == {annotate.stance_class(st["stance"])}
            # the text inside the pieces, without the speaker labels, is the statement's text
            assert "".join(p["inner"] for p in pieces) == st["text"], (aid, i)
        hit_pieces = _pieces(found, "data-hit")
        for i, h in enumerate(hits.get(aid, [])):
            assert {(int(p["data-start"]), int(p["data-end"])) for p in hit_pieces[i]} == \
                {(int(h["start"]), int(h["end"]))}
            assert "".join(p["inner"] for p in hit_pieces[i]) == h["matched"]


def test_set_aside_paragraphs_are_greyed_with_their_reason(seed):
    pars = annotate.group_rows(_records(seed.paragraphs))
    for aid, rows in pars.items():
        page = annotate.article_page(aid, rows, [], [], None)
        for r in rows:
            if r["role"] != "body":
                assert f"set aside: {html.escape(r['reason'] or r['role'])}" in page
        shown = parse(page).paragraphs
        assert [p["data-role"] for p in shown] == [r["role"] for r in
                                                   sorted(rows, key=lambda r: r["start"])]


def test_first_voice_and_last_word_are_flagged(seed):
    pars = annotate.group_rows(_records(seed.paragraphs))
    stmts = annotate.group_rows(_records(seed.statements))
    for art in _records(seed.articles):
        rows = stmts[art["article_id"]]
        flags = annotate.prominence_rows(rows, art)
        labels = [f for fs in flags.values() for f in fs]
        assert sorted(labels) == ["first voice", "last word"]
        first = next(i for i, f in flags.items() if "first voice" in f)
        assert rows[first]["paragraph"] == art["first_voice_paragraph"]
        assert rows[first]["actor"] == art["first_voice_actor"]
        page = annotate.article_page(art["article_id"], pars[art["article_id"]], rows, [], art)
        body = page.split("<article>", 1)[1]
        assert body.count('<span class="flag">first voice</span>') == 1
        assert body.count('<span class="flag">last word</span>') == 1


def _par(i, start, text, role="body", reason=None):
    return {"article_id": "a", "paragraph": i, "start": start, "end": start + len(text),
            "role": role, "reason": reason, "duplicate_of": None, "text": text}


def test_crossing_spans_are_split_into_nested_pieces_with_the_same_offsets():
    text = "one two three four five"
    spans = [annotate.Span(0, 13, "span", (("data-start", "0"), ("data-end", "13"),
                                           ("data-row", "0"))),
             annotate.Span(8, 18, "mark", (("data-start", "8"), ("data-end", "18"),
                                           ("data-hit", "0")))]
    out = annotate.markup(text, 0, spans)
    # well nested: the parser sees every opened element closed in order
    found = parse(out).found
    assert "".join(a["inner"] for a in found if "data-row" in a) == "one two three"
    assert "".join(a["inner"] for a in found if "data-hit" in a) == "three four"
    assert re.sub(r"<[^>]+>", "", out) == text
    assert out.count("<span") == out.count("</span>") and out.count("<mark") == out.count("</mark>")


def test_every_text_is_escaped():
    evil = '<script>alert("x")</script> & "quoted"'
    st = {"article_id": "a", "statement": 0, "paragraph": 0, "start": 0, "end": 8,
          "kind": "full", "speaker": '<b onmouseover="x">', "actor": "<i>", "group": "g",
          "stance": "critical", "source_type": "<x>", "text": evil[:8], "cue": "<said>"}
    page = annotate.article_page('<id">', [_par(0, 0, evil)], [st], [], None,
                                 site_title="<T>", outlet="<O>")
    assert "<script>" not in page and "<b onmouseover" not in page and "<i>" not in page
    assert "&lt;script&gt;" in page and "&lt;T&gt;" in page


def _synthetic_tables(n: int):
    """Results-like records for `n` articles of ten long paragraphs with many statements."""
    pars, stmts, hits, arts = [], [], [], []
    sentence = "The council said the plan was a scandal and a disgrace for residents. "
    for k in range(n):
        aid = f"art{k:04d}"
        arts.append({"article_id": aid, "outlet": f"outlet{k % 3}", "date": "2025-01-01",
                     "headline": f"Headline {k}", "first_voice_paragraph": 0,
                     "first_voice_actor": "council", "last_word_paragraph": 9,
                     "last_word_actor": "council"})
        pos = 0
        for i in range(10):
            text = sentence * 8
            pars.append(_par(i, pos, text) | {"article_id": aid})
            for j in range(8):
                s = pos + j * len(sentence) + 4
                stmts.append({"article_id": aid, "paragraph": i, "start": s, "end": s + 40,
                              "kind": "indirect", "speaker": "The council", "actor": "council",
                              "group": "council", "stance": "critical", "source_type": "gov",
                              "text": text[s - pos:s - pos + 40]})
                h = pos + j * len(sentence) + 34
                hits.append({"article_id": aid, "term": "scandal", "category": "conflict",
                             "matched": "scandal", "start": h, "end": h + 7, "voice": "quote"})
            pos += len(text) + 1
    import pandas as pd

    return {"paragraphs": pd.DataFrame(pars), "statements": pd.DataFrame(stmts),
            "hits": pd.DataFrame(hits), "articles": pd.DataFrame(arts)}


def test_pages_for_300_articles_are_small_and_the_index_is_paged(tmp_path):
    tables = _synthetic_tables(300)
    links = [web.Link("index.html", "Home")]
    n = web.write_articles(tmp_path, tables, lambda o: str(o).upper(), links, "A study",
                           per_page=100)
    out = tmp_path / web.ARTICLES_DIR
    assert n == 300
    pages = sorted(out.glob("art*.html"))
    assert len(pages) == 300
    assert max(p.stat().st_size for p in pages) < 5_000_000
    index = sorted(out.glob("index*.html"))
    assert [p.name for p in index] == ["index-2.html", "index-3.html", "index.html"]
    first = (out / "index.html").read_text(encoding="utf-8")
    assert first.count('<tr><td><a href="art') == 100
    assert 'href="index-3.html"' in first and "of 300" in first
    linked = set(re.findall(r'href="(art\d+\.html)"', "".join(p.read_text(encoding="utf-8")
                                                            for p in index)))
    assert linked == {p.name for p in pages}
    one = parse(pages[0].read_text(encoding="utf-8"))
    assert len(_pieces(one.found, "data-row")) == 80


def test_article_pages_are_capped_and_the_index_still_names_every_article(tmp_path):
    tables = _synthetic_tables(250)
    links = [web.Link("index.html", "Home")]
    n = web.write_articles(tmp_path, tables, str, links, "A study", per_page=100, max_pages=120)
    out = tmp_path / web.ARTICLES_DIR
    assert n == 120
    pages = sorted(out.glob("art*.html"))
    assert len(pages) == 120
    index = "".join(p.read_text(encoding="utf-8") for p in sorted(out.glob("index*.html")))
    linked = set(re.findall(r'href="(art\d+\.html)"', index))
    assert linked == {p.name for p in pages}
    named = re.findall(r"<tr><td>(?:<a [^>]*>)?(art\d+)", index)
    assert len(named) == 250 and len(set(named)) == 250
    assert "first 120 of 250" in index and "--article-pages" in index
    assert web.write_articles(tmp_path / "all", tables, str, links, "A study", max_pages=0) == 250


def test_markdown_is_rendered_with_raw_html_escaped_and_doc_links_rewritten():
    out = web.markdown_html("# Title\n\nSee [the data](data_dictionary.md#x).\n\n<script>x</script>"
                            "\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
                            {"data_dictionary.md": "data_dictionary.html"})
    assert "<h1>Title</h1>" in out and 'href="data_dictionary.html#x"' in out
    assert "<script>" not in out and "<table>" in out


def test_notebook_page_hides_code_behind_a_toggle():
    page = web.with_code_toggle("<html><head><title>t</title></head><body class=\"jp\">"
                                "<div class=\"jp-CodeCell\"></div></body></html>",
                                web.nav_html([web.Link("index.html", "Home")]))
    assert 'id="code-toggle"' in page and "body:not(.show-code) .jp-CodeCell" in page
    assert page.index("<nav") > page.index("<body") and "<noscript>" in page


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory, seed):
    """The seed report's site rendered from the repository's executed notebooks."""
    site = tmp_path_factory.mktemp("site") / "site"
    data = open_report(DEFAULT_STUDY, SEED_RESULTS, None)
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    render_site(notebooks, site, data.describe(), title=data.title, question=data.question,
                data=data, outputs=OUTPUTS)
    return site, data


def test_landing_page_has_question_corpus_links_downloads_and_citation(seed_site):
    site, data = seed_site
    index = (site / "index.html").read_text(encoding="utf-8")
    assert f"<h1>{html.escape(data.title)}</h1>" in index
    assert html.escape(data.question) in index
    assert "How to cite" in index and html.escape(data.study.cite) in index
    for name in ("articles.csv", "statements.csv", "hits.csv", "paragraphs.csv"):
        assert f'href="data/{name}"' in index and (site / "data" / name).is_file()
    for href in re.findall(r'href="([^"#]+)"', index):
        assert (site / href).is_file(), href
    for src in re.findall(r'<img src="([^"]+)"', index):
        assert (site / src).is_file(), src
    for outlet in data.outlets:
        assert html.escape(data.outlet_label(outlet)) in index
    for doc in ("methods", "data_dictionary", "studies"):
        assert (site / "docs" / f"{doc}.html").is_file()


def test_every_page_links_the_methods_and_only_to_files_that_exist(seed_site):
    site, _ = seed_site
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "methods.html" in text, page
        for href in re.findall(r'<a href="([^"#:]+)(?:#[^"]*)?"', text):
            if href.endswith(".md") or href.startswith(("http", "mailto")):
                continue
            assert (page.parent / href).resolve().is_file(), (page, href)
        for src in re.findall(r'<img[^>]*\ssrc="([^"]+)"', text):
            assert src.startswith("data:") or (page.parent / src).resolve().is_file(), (page, src)
        assert not re.search(r'<script[^>]*src="https?:', text), page


def _chromium() -> str | None:
    """The Chromium executable, or None."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def test_every_page_loads_in_headless_chromium(seed_site):
    exe = _chromium()
    if exe is None:
        reason = ("Chromium is not installed (apt-get install -y chromium): the site was NOT "
                  "tested in a real browser")
        warnings.warn(reason)
        pytest.skip(reason)
    site, _ = seed_site
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        run = subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu",
                              "--user-data-dir=" + str(site.parent / "chromium-profile"),
                              "--enable-logging=stderr", "--v=0", "--dump-dom", page.as_uri()],
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, (page, run.stderr[-500:])
        dom = run.stdout
        console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line]
        assert not console, (page, console)
        assert "</body>" in dom and "<nav" in dom, page
        if page.parent.name == web.ARTICLES_DIR and page.name.startswith("index") is False:
            # the browser's DOM keeps every highlight the generator wrote
            assert len(parse(dom).found) == len(parse(page.read_text(encoding="utf-8")).found)
        if page.suffix == ".html" and page.parent == site and page.name != "index.html":
            # the code toggle's script ran: the button is there and code is hidden by default
            assert 'id="code-toggle"' in dom and "show-code" not in dom.split("<body", 1)[1][:200]


def test_rows_without_offsets_are_left_out_not_crashed_on():
    st = {"article_id": "a", "paragraph": 0, "start": None, "end": None, "kind": "full",
          "speaker": "x", "stance": None, "text": "one"}
    body = annotate.article_body([_par(0, 0, "one two")], [st], [], None)
    assert "data-start" not in body and "one two" in body


def _png(path: Path, width: int, height: int) -> None:
    """A file with a PNG header of the given size (enough for the size reader)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0\0\0\rIHDR" + width.to_bytes(4, "big")
                     + height.to_bytes(4, "big") + b"\0" * 8)


def test_key_figures_are_the_named_ones_that_exist_and_stay_bounded(tmp_path):
    out = tmp_path / "outputs"
    _png(out / "02_voices" / "voice_strip.png", 1000, 20000)  # one row per article: left out
    _png(out / "03_language" / "loaded_rates.png", 800, 350)
    _png(out / "04_comparison" / "critical_defensive.png", 800, 350)
    _png(out / "04_comparison" / "unnamed.png", 800, 350)
    figs = web.copy_figures(out, tmp_path / "site")
    assert [f[0] for f in figs] == ["figures/04_comparison/critical_defensive.png",
                                    "figures/03_language/loaded_rates.png"]
    assert all((tmp_path / "site" / f[0]).is_file() for f in figs)
    assert web.KEY_FIGURES["loaded_rates"] in web.figures_html(figs)
