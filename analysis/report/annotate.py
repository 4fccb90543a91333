"""The annotated reading view: one HTML page per article with its statements, loaded terms,
first voice, last word and set-aside paragraphs marked in place.

Built from a results folder's ``paragraphs``, ``statements``, ``hits`` and ``articles`` tables
only (plain records: dicts of column -> value), as pure functions returning HTML strings in
which every piece of text is escaped.  Each highlight carries ``data-start`` and ``data-end``:
the character offsets of its statement (or hit) in the article, exactly as in the tables, so a
reader (or a test) can check a code against the table.  Overlapping spans are split into
nested pieces; every piece of one statement carries the same ``data-row`` and offsets.
"""
from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

Record = Mapping[str, Any]

#: Stances a statement may carry, with the reader's label; anything else is "none".
STANCES = {"critical": "critical", "defensive": "defensive", "mixed": "mixed",
           "neutral": "neutral", "none": "no stance"}
#: Quote kinds with the reader's description.
KINDS = {"full": "full quote", "partial": "partial quote", "scare": "scare quote",
         "indirect": "indirect (reported) speech"}
#: Articles listed on one page of the reading index.
PER_PAGE = 100

#: Inline style sheet of the reading pages (colour-blind-safe Okabe-Ito hues, light fills).
CSS = """
.st{border-radius:2px;padding:0 1px}
.st-critical{background:#f6d2bd}.st-defensive{background:#c6dcef}
.st-mixed{background:#ecd3e3}.st-neutral{background:#e8e8e8}.st-none{background:#fff;
outline:1px solid #bbb}
.k-full{border-bottom:2px solid #333}.k-partial{border-bottom:2px dashed #333}
.k-scare{border-bottom:2px dotted #333}.k-indirect{font-style:italic}
.hit{font-weight:bold;text-decoration:underline wavy #b8860b;background:none}
.flag{font-size:.75em;font-weight:bold;color:#fff;background:#444;border-radius:3px;
padding:0 .3em;margin-right:.3em;white-space:nowrap}
p.par{margin:.6em 0}.par-no{color:#888;font-size:.75em;margin-right:.5em}
.aside{color:#999;background:#f7f7f7;border-left:3px solid #ccc;padding-left:.5em}
.why{display:block;font-size:.8em;font-style:italic;color:#777}
.legend span{margin-right:.8em;display:inline-block}
.lab{font-size:.7em;color:#555;vertical-align:super}
"""


def _missing(value: Any) -> bool:
    """True for None, NaN and the empty string."""
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value))


def _text(value: Any) -> str:
    """A value as display text ('' for missing)."""
    if _missing(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _int(value: Any) -> int | None:
    """A value as an int (None for missing)."""
    return None if _missing(value) else int(value)


def esc(value: Any) -> str:
    """A value html-escaped for text or an attribute."""
    return html.escape(_text(value), quote=True)


def stance_class(value: Any) -> str:
    """The stance key of a statement (``none`` when it has none)."""
    key = _text(value)
    return key if key in STANCES else "none"


@dataclass(frozen=True)
class Span:
    """A highlight over article offsets [start, end): a statement or a loaded-term hit."""

    start: int
    end: int
    tag: str
    attrs: tuple[tuple[str, str], ...]
    label: str = ""  # a small label shown after the first piece (speaker)
    flags: tuple[str, ...] = ()  # badges shown before the first piece


def statement_span(row: int, st: Record, flags: Sequence[str] = ()) -> Span:
    """The highlight of one statements-table row."""
    stance = stance_class(st.get("stance"))
    kind = _text(st.get("kind"))
    who = _text(st.get("speaker")) or "unattributed"
    tip = [f"speaker: {who}", f"actor: {_text(st.get('actor')) or 'unknown'}",
           f"group: {_text(st.get('group')) or 'unknown'}",
           f"source type: {_text(st.get('source_type')) or 'unknown'}",
           f"kind: {KINDS.get(kind, kind or 'unknown')}", f"stance: {STANCES[stance]}"]
    if not _missing(st.get("cue")):
        tip.append(f"cue: {_text(st.get('cue'))}")
    attrs = (("class", f"st st-{stance} k-{kind or 'unknown'}"), ("data-row", str(row)),
             ("data-start", str(int(st["start"]))), ("data-end", str(int(st["end"]))),
             ("data-kind", kind), ("data-stance", stance),
             ("data-actor", _text(st.get("actor"))), ("title", "; ".join(tip)))
    return Span(int(st["start"]), int(st["end"]), "span", attrs, label=who, flags=tuple(flags))


def hit_span(row: int, hit: Record) -> Span:
    """The highlight of one hits-table row (a loaded term)."""
    tip = f"loaded term: {_text(hit.get('term'))} ({_text(hit.get('category'))}); " \
          f"voice: {_text(hit.get('voice'))}"
    attrs = (("class", "hit"), ("data-hit", str(row)), ("data-start", str(int(hit["start"]))),
             ("data-end", str(int(hit["end"]))), ("data-term", _text(hit.get("term"))),
             ("title", tip))
    return Span(int(hit["start"]), int(hit["end"]), "mark", attrs)


def _open(span: Span, first: bool) -> str:
    """The opening tag of one piece of a span (badges before the first piece)."""
    attrs = "".join(f' {k}="{html.escape(v, quote=True)}"' for k, v in span.attrs)
    badges = "".join(f'<span class="flag">{html.escape(f)}</span>' for f in span.flags) \
        if first else ""
    return f"{badges}<{span.tag}{attrs}>"


def _close(span: Span, last: bool) -> str:
    """The closing tag of one piece of a span (the speaker label after the last piece)."""
    label = f'<span class="lab">{html.escape(span.label)}</span>' if last and span.label else ""
    return f"</{span.tag}>{label}"


def markup(text: str, offset: int, spans: Iterable[Span]) -> str:
    """`text` (starting at article offset `offset`) escaped, with spans as nested elements;
    a span crossing another is split into pieces, spans are clipped to the text."""
    end_of_text = offset + len(text)
    inside = [s for s in spans if s.end > offset and s.start < end_of_text and s.end > s.start]
    clipped = [(max(s.start, offset), min(s.end, end_of_text), i, s) for i, s in enumerate(inside)]
    # Longer spans open first (outermost); statements before hits at equal extent.
    order = sorted(clipped, key=lambda c: (c[0], -c[1], c[3].tag != "span", c[2]))
    points = sorted({offset, end_of_text} | {c[0] for c in clipped} | {c[1] for c in clipped})
    out: list[str] = []
    stack: list[tuple[int, int, int, Span]] = []
    opened: set[int] = set()
    k = 0
    for a, b in zip(points, points[1:]):
        # close spans that end at a (and re-open those interrupted above them)
        if any(c[1] <= a for c in stack):
            keep = []
            while any(c[1] <= a for c in stack):
                c = stack.pop()
                out.append(_close(c[3], last=c[1] <= a))
                if c[1] > a:
                    keep.append(c)
            for c in reversed(keep):
                out.append(_open(c[3], first=False))
                stack.append(c)
        while k < len(order) and order[k][0] <= a:
            c = order[k]
            k += 1
            out.append(_open(c[3], first=c[2] not in opened))
            opened.add(c[2])
            stack.append(c)
        out.append(html.escape(text[a - offset:b - offset], quote=False))
    while stack:
        c = stack.pop()
        out.append(_close(c[3], last=True))
    return "".join(out)


def prominence_rows(statements: Sequence[Record], article: Record | None) -> dict[int, list[str]]:
    """Row index -> badges: the first voice and the last word of the article (its statement in
    the named paragraph by the named actor: the first one, and the last one)."""
    flags: dict[int, list[str]] = {}
    if article is None:
        return flags
    for key, label, pick in (("first_voice", "first voice", 0), ("last_word", "last word", -1)):
        par = _int(article.get(f"{key}_paragraph"))
        actor = _text(article.get(f"{key}_actor"))
        if par is None:
            continue
        rows = [i for i, s in enumerate(statements) if _int(s.get("paragraph")) == par
                and (not actor or _text(s.get("actor")) == actor)]
        if rows:
            flags.setdefault(rows[pick], []).append(label)
    return flags


def paragraph_html(par: Record, spans: Sequence[Span]) -> str:
    """One paragraph: its number, its marked-up text, greyed with the reason when set aside."""
    start = int(par["start"])
    role = _text(par.get("role")) or "body"
    body = markup(_text(par.get("text")), start, spans)
    number = f'<span class="par-no">{esc(par.get("paragraph"))}</span>'
    attrs = f'data-paragraph="{esc(par.get("paragraph"))}" data-role="{esc(role)}"'
    if role == "body":
        return f'<p class="par" {attrs}>{number}{body}</p>'
    reason = _text(par.get("reason")) or role
    dup = _int(par.get("duplicate_of"))
    if dup is not None and "repeat" not in reason:
        reason += f" (repeats paragraph {dup})"
    tag = "h2" if role == "headline" else "p"
    return (f'<{tag} class="par aside" {attrs}>{number}{body}'
            f'<span class="why">set aside: {esc(reason)}</span></{tag}>')


def legend_html() -> str:
    """The key to the colours and styles of the reading view."""
    stances = "".join(f'<span><span class="st st-{k}">{html.escape(v)}</span></span>'
                      for k, v in STANCES.items())
    kinds = "".join(f'<span><span class="k-{k}">{html.escape(v)}</span></span>'
                    for k, v in KINDS.items())
    return (f'<div class="legend"><p><strong>Stance</strong> (fill): {stances}</p>'
            f'<p><strong>Kind</strong> (style): {kinds}</p>'
            '<p><span><mark class="hit">loaded term</mark></span>'
            '<span><span class="flag">first voice</span><span class="flag">last word</span>'
            '</span><span><span class="aside">set aside (caption, repeat, headline)</span>'
            '</span> Hover over a highlight for its speaker, actor and source type.</p></div>')


def _placed(row: Record) -> bool:
    """True when a row has both offsets (rows without them cannot be shown in place)."""
    return not _missing(row.get("start")) and not _missing(row.get("end"))


def article_body(paragraphs: Sequence[Record], statements: Sequence[Record],
                 hits: Sequence[Record], article: Record | None = None) -> str:
    """The annotated text of one article: every paragraph with its highlights."""
    flags = prominence_rows(statements, article)
    spans = [statement_span(i, s, flags.get(i, ())) for i, s in enumerate(statements)
             if _placed(s)]
    spans += [hit_span(i, h) for i, h in enumerate(hits) if _placed(h)]
    pars = sorted(paragraphs, key=lambda p: int(p["start"]))
    return "\n".join(paragraph_html(p, spans) for p in pars)


def article_title(article_id: str, paragraphs: Sequence[Record], article: Record | None) -> str:
    """An article's headline (its headline column or headline paragraph), else its id."""
    if article is not None and _text(article.get("headline")):
        return _text(article.get("headline"))
    for p in paragraphs:
        if _text(p.get("role")) == "headline":
            return _text(p.get("text"))
    return f"Article {article_id}"


def article_page(article_id: str, paragraphs: Sequence[Record], statements: Sequence[Record],
                 hits: Sequence[Record], article: Record | None = None, *,
                 site_title: str = "", outlet: str = "", head: str = "", nav: str = "") -> str:
    """The full reading page of one article (``head``/``nav``: extra head and navigation)."""
    title = article_title(article_id, paragraphs, article)
    meta = [f"article {article_id}"]
    if outlet:
        meta.append(outlet)
    if article is not None:
        meta += [_text(article.get(k)) for k in ("date", "event_id") if _text(article.get(k))]
    counts = f"{len(statements)} statement piece{'s' if len(statements) != 1 else ''}, " \
             f"{len(hits)} loaded term{'s' if len(hits) != 1 else ''}"
    page_title = f"{title} | {site_title}" if site_title else title
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(page_title)}</title>{head}<style>{CSS}</style></head><body>\n"
            f"{nav}<main>\n<h1>{html.escape(title)}</h1>\n"
            f"<p>{html.escape(' · '.join(meta))} — {html.escape(counts)}</p>\n"
            f"{legend_html()}\n<article>\n"
            f"{article_body(paragraphs, statements, hits, article)}\n</article>\n"
            "</main></body></html>\n")


def index_pages(entries: Sequence[tuple[str, str, str]], *, site_title: str = "",
                head: str = "", nav: str = "", per_page: int = PER_PAGE,
                linked: int | None = None) -> dict[str, str]:
    """File name -> HTML of the reading index, ``per_page`` articles a page; entries are
    (article id, outlet label, title).  Only the first ``linked`` entries (None: all) have a
    page of their own and a link; every page then says so."""
    n_pages = max(1, math.ceil(len(entries) / per_page))
    names = ["index.html"] + [f"index-{i}.html" for i in range(2, n_pages + 1)]
    limit = len(entries) if linked is None else max(0, linked)
    note = "" if limit >= len(entries) else (
        f"<p>Annotated pages were written for the first {limit:,} of {len(entries):,} "
        "articles (the others are listed without a link); rebuild with "
        "<code>python -m analysis report --article-pages N</code> for more "
        "(<code>0</code>: every article).</p>\n")
    pages = {}
    for i, name in enumerate(names):
        chunk = entries[i * per_page:(i + 1) * per_page]
        rows = "\n".join((f'<tr><td><a href="{esc(safe_name(aid))}.html">{esc(aid)}</a></td>'
                          if i * per_page + k < limit else f"<tr><td>{esc(aid)}</td>")
                         + f"<td>{esc(outlet)}</td><td>{esc(title)}</td></tr>"
                         for k, (aid, outlet, title) in enumerate(chunk))
        pager = " ".join(f"<strong>{j + 1}</strong>" if j == i else
                         f'<a href="{names[j]}">{j + 1}</a>' for j in range(n_pages))
        first = i * per_page + 1 if chunk else 0
        title = f"Articles | {site_title}" if site_title else "Articles"
        pages[name] = (
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)}</title>{head}</head><body>\n{nav}<main>\n"
            "<h1>Articles: the annotated reading view</h1>\n"
            f"<p>Articles {first}–{first + len(chunk) - 1 if chunk else 0} of {len(entries)}. "
            "Each page shows an article's paragraphs with every statement highlighted.</p>\n"
            f"{note}"
            f'<p class="pager">Pages: {pager}</p>\n'
            "<table><thead><tr><th>Id</th><th>Outlet</th><th>Headline</th></tr></thead>"
            f"<tbody>\n{rows}\n</tbody></table>\n</main></body></html>\n")
    return pages


def group_rows(rows: Iterable[Record], key: str = "article_id") -> dict[str, list[Record]]:
    """Records grouped by article id (in order)."""
    out: dict[str, list[Record]] = {}
    for r in rows:
        out.setdefault(_text(r.get(key)), []).append(r)
    return out


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def safe_name(article_id: str) -> str:
    """An article id as a file name (characters outside [A-Za-z0-9._-] become '_')."""
    name = _UNSAFE.sub("_", str(article_id)).lstrip(".")
    return name or "_"
