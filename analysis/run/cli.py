"""Command-line interface: ``python -m analysis corpus|quotes|metrics|lexicon|frames|run|new-study|report``."""
from __future__ import annotations

import argparse
import signal
import sys
from dataclasses import fields
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from .. import __version__
from ..errors import InputError
from ..corpus.readers import PARAGRAPH_FIELDS, paragraph_records
from ..model import Article, Statement
from .output import FORMATS, check_output, open_output, write_records

#: Columns of ``python -m analysis quotes`` (one row per statement piece); a stable contract:
#: the Statement fields, then who the source is (docs/sources.md).
QUOTE_FIELDS = [f.name for f in fields(Statement)] + ["source_type", "named", "gender",
                                                      "source_evidence"]
#: The program name in messages.
PROG = "python -m analysis"


def _quote_records(article: Article, knowledge: Any = None) -> list[dict[str, Any]]:
    """The quotation engine's records for one article (imported lazily)."""
    from ..knowledge.bundle import general_knowledge
    from ..quotes.engine import quote_records

    from ..measures.sources import source_fields

    know = general_knowledge() if knowledge is None else knowledge
    records = quote_records(article, know.codebook)
    for r in records:
        r.update(source_fields(r, article, know.codebook.source_types))
    return records


def _metric_records(article: Article, knowledge: Any = None) -> list[dict[str, Any]]:
    """The metrics row of one article, as a one-element list (imported lazily)."""
    from ..measures.metrics import article_row

    return [article_row(article, knowledge=knowledge)]


def _lexicon_records(article: Article, knowledge: Any = None) -> list[dict[str, Any]]:
    """One record per loaded-term hit of one article (imported lazily)."""
    from ..measures.lexicon import lexicon_records
    from ..measures.metrics import article_statements

    statements, _ = article_statements(article, knowledge)
    return lexicon_records(article, statements, knowledge.entries)


def _frame_records(article: Article, knowledge: Any = None) -> list[dict[str, Any]]:
    """The generic-frames row of one article, as a one-element list (imported lazily)."""
    from ..measures.frames import frame_row
    from ..measures.metrics import article_statements

    statements, _ = article_statements(article, knowledge)
    target = knowledge.study.target if knowledge.study is not None else None
    return [frame_row(article, statements, target)]


def output_format(explicit: str | None, output: str | None, default: str) -> str:
    """The output format: --format if given, else the -o file's extension, else the default."""
    if explicit:
        return explicit
    suffix = Path(output).suffix.lower().lstrip(".") if output not in (None, "-") else ""
    return suffix if suffix in FORMATS else default


def _add_corpus_args(p: argparse.ArgumentParser, default_format: str) -> None:
    """Options shared by every command that reads a corpus."""
    p.add_argument("inputs", nargs="*", metavar="INPUT",
                   help="a .txt file, a directory of .txt files (with an optional articles.csv "
                        "manifest), or a .csv/.jsonl file with 'id' and 'text' columns "
                        "(default: the corpus of --study)")
    p.add_argument("--study", default=None, metavar="DIR",
                   help="a study folder (study.yaml: target, codebook, events, ...); without one "
                        "only general knowledge is used and target measures are empty")
    p.add_argument("--format", choices=FORMATS, default=None,
                   help=f"output format (default: the -o file's extension, .csv or .jsonl, "
                        f"else {default_format})")
    p.set_defaults(default_format=default_format)
    p.add_argument("-o", "--output", default=None,
                   help="write to this file (atomically) instead of standard output")
    p.add_argument("--encoding", default="utf-8", help="text encoding of the inputs (default utf-8)")
    p.add_argument("--skip-bad", action="store_true",
                   help="report and skip bad items (undecodable, empty, duplicate id) instead of stopping")
    p.add_argument("--jobs", "-j", type=int, default=1,
                   help="worker processes (default 1; 0 = one per core)")
    p.add_argument("--progress", dest="progress", action="store_true", default=None,
                   help="always show a progress bar on standard error")
    p.add_argument("--no-progress", dest="progress", action="store_false",
                   help="never show a progress bar (default: shown when standard error is a terminal)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with all subcommands."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Comparative framing analysis of news: quotations, speakers, voices, stance "
                    "and loaded language, per article.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show a full traceback on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("corpus", help="list every paragraph with its role (body, headline, "
                                      "caption, duplicate) and why it was set aside")
    _add_corpus_args(p, "csv")
    p.add_argument("--set-aside", action="store_true", help="list only paragraphs kept out of the metrics")

    p = sub.add_parser("quotes", help="one record per quotation or statement: span, kind, speaker, actor")
    _add_corpus_args(p, "jsonl")

    p = sub.add_parser("metrics", help="one row of framing metrics per article")
    _add_corpus_args(p, "csv")

    p = sub.add_parser("lexicon", help="one record per loaded-term hit: offsets, term, category, "
                                       "voice (outlet or quote), paragraph, role, context")
    _add_corpus_args(p, "csv")

    p = sub.add_parser("frames", help="one row per article: generic news frames (0/1), their "
                                      "scores and the answers to their question items")
    _add_corpus_args(p, "csv")

    p = sub.add_parser("run", help="analyse a corpus once and write every table (CSV and "
                                   "Parquet) with a manifest to a results folder")
    _add_corpus_args(p, "csv")
    p.add_argument("--out", required=True, metavar="DIR",
                   help="the results folder (made beside its target, renamed onto it when done)")

    p = sub.add_parser("coding-sheet", help="validation on your corpus: write a blind stance "
                                            "coding sheet, or read filled sheets and report "
                                            "agreement")
    p.add_argument("--study", required=True, metavar="DIR", help="the study (its target and corpus)")
    p.add_argument("--sample", type=int, default=50, metavar="N",
                   help="statements to draw at random, each utterance once (default 50)")
    p.add_argument("--seed", type=int, default=0, help="random seed of the sample (default 0)")
    p.add_argument("--out", default="coding", metavar="DIR",
                   help="folder for sheet.csv (for coders) and key.csv (the program's codes)")
    p.add_argument("--import", dest="sheets", nargs="+", default=None, metavar="SHEET",
                   help="filled sheets to compare (coder name = file name); with key.csv of "
                        "--out, the program is compared too")

    p = sub.add_parser("new-study", help="write a new, commented study folder from a template")
    p.add_argument("folder", metavar="DIR", help="the study folder to create (must not exist)")
    p.add_argument("--corpus", required=True, metavar="PATH",
                   help="the corpus the study analyses (a file or folder; stored relative to DIR)")
    p.add_argument("--target", required=True, metavar="NAME",
                   help="what stance is coded toward, e.g. 'the Seattle Police Department'")
    p.add_argument("--alias", action="append", default=[], metavar="A",
                   help="a phrase that mentions the target in text (repeat for more)")
    p.add_argument("--title", default=None, help="the study's title (default: from the target)")

    p = sub.add_parser("report", help="execute every notebook and render the static HTML site")
    p.add_argument("--study", default=None, metavar="DIR",
                   help="the study to report on (default: the seed study, studies/met-police-2024)")
    p.add_argument("--corpus", default=None,
                   help="analyse this corpus instead of the seeds (writes to --out, leaves notebooks/ alone)")
    p.add_argument("--out", default=None,
                   help="output folder for a --corpus report or a report of another study "
                        "(default: report-<name>)")
    p.add_argument("--only", nargs="*", default=None, help="run only these notebooks (file names)")
    p.add_argument("--skip-bad", action="store_true",
                   help="report and skip bad articles (undecodable, empty, duplicate id)")
    p.add_argument("--jobs", "-j", type=int, default=1, help="worker processes for the analysis")
    p.add_argument("--article-pages", type=int, default=None, metavar="N",
                   help="annotated article pages to write: the first N articles (default 2000; "
                        "0: every article); the list of articles always names all")
    return parser


def study_inputs(args: argparse.Namespace) -> tuple[Any, list[str]]:
    """The knowledge of ``--study`` (general knowledge without it) and the inputs to read."""
    from ..knowledge.bundle import general_knowledge, knowledge_for

    if args.study is None:
        if not args.inputs:
            raise InputError("no INPUT given (name a corpus, or a --study whose study.yaml "
                             "names one)")
        return general_knowledge(), list(args.inputs)
    know = knowledge_for(args.study)
    inputs = list(args.inputs) or [str(c) for c in know.study.corpus]
    if not inputs:
        raise InputError(f"{args.study}: the study names no corpus; give INPUT")
    return know, inputs


def _run_table(args: argparse.Namespace, per_article: Callable[[Article], list[dict[str, Any]]],
               fields_: Sequence[str] | None) -> int:
    """Stream a corpus through a per-article function and write the records."""
    from ..corpus.readers import iter_corpus
    from .parallel import map_articles, resolve_jobs

    jobs, note = resolve_jobs(args.jobs)
    if note:
        print(f"{PROG}: note: {note}", file=sys.stderr)
    know, inputs = study_inputs(args)
    if per_article is not paragraph_records:
        per_article = partial(per_article, knowledge=know)
    articles = iter_corpus(inputs, encoding=args.encoding, skip_bad=args.skip_bad)
    batches = map_articles(per_article, articles, jobs=jobs, progress=args.progress,
                           desc=args.command)
    records: Iterable[dict[str, Any]] = (r for batch in batches for r in batch)
    if getattr(args, "set_aside", False):
        records = (r for r in records if r["role"] not in ("body", "headline"))
    if args.output not in (None, "-"):
        check_output(args.output, inputs)  # refuse before any work is done
    # Read the first record before any output is opened, so that an input error in the
    # first article leaves no header behind (and no file at all with --output).
    records = iter(records)
    first = next(records, None)
    if fields_ is None:
        fields_ = list(first or {})
    if first is not None:
        records = _chain_one(first, records)
    with open_output(args.output, inputs=inputs) as out:
        write_records(records, fields_, output_format(args.format, args.output,
                                                      args.default_format), out)
    return 0


def _run_results(args: argparse.Namespace) -> int:
    """``run``: every table of the corpus, analysed once, into a results folder."""
    from .parallel import resolve_jobs
    from .store import write_results

    jobs, note = resolve_jobs(args.jobs)
    if note:
        print(f"{PROG}: note: {note}", file=sys.stderr)
    know, inputs = study_inputs(args)
    manifest = write_results(inputs, know, args.out, jobs=jobs, progress=args.progress,
                             encoding=args.encoding, skip_bad=args.skip_bad)
    rows = ", ".join(f"{n} {t}" for t, n in manifest["rows"].items())
    print(f"results written to {args.out}: {rows}", file=sys.stderr)
    return 0


def _coding_sheet(args: argparse.Namespace) -> int:
    """``coding-sheet``: write a blind sheet and the program's key, or compare filled sheets."""
    from pathlib import Path

    from ..validation import coding_sheet as cs
    from ..corpus.readers import read_corpus
    from ..knowledge.bundle import knowledge_for
    from ..measures.metrics import article_statements
    from ..measures.target_stance import code_pieces

    out = Path(args.out)
    if args.sheets:
        codings = cs.import_sheets(args.sheets, out / "key.csv")
        for rec in cs.sheet_agreement(codings):
            print(f"{rec['a']} vs {rec['b']}: n {rec['n']}, agreement {rec['percent_agreement']:.3f}, "
                  f"alpha {rec['krippendorff_alpha']:.3f}, disagreements {len(rec['disagreements'])}")
        return 0
    know = knowledge_for(args.study)
    if know.target is None:
        raise InputError(f"{args.study}: the study names no target (study.yaml target:)")
    if (out / "sheet.csv").exists() or (out / "key.csv").exists():
        raise InputError(f"{out}: already holds a coding sheet; choose another --out")
    articles = {a.id: a for a in read_corpus([str(c) for c in know.study.corpus])}
    coded = {aid: code_pieces(article_statements(a, know)[0], a, know.target, know.stance_cues)
             for aid, a in articles.items()}
    items = cs.sample_items(coded, articles, args.sample, seed=args.seed)
    out.mkdir(parents=True, exist_ok=True)
    cs.write_sheet(out / "sheet.csv", items)
    cs.write_key(out / "key.csv", items)
    print(f"{len(items)} statements: give {out / 'sheet.csv'} to each coder (fill 'code'); "
          f"keep {out / 'key.csv'} (the program's codes) apart", file=sys.stderr)
    return 0


def _chain_one(first: dict[str, Any], rest: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    """Yield `first` and then everything in `rest`."""
    yield first
    yield from rest


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwind (removing any partial output) and exit quietly."""


def _on_signal(signum: int, frame: Any) -> None:
    """Signal handler: turn SIGTERM/SIGHUP into a Terminated exception (once: a second signal
    while cleaning up is ignored)."""
    for sig in _CAUGHT:
        signal.signal(sig, signal.SIG_IGN)
    raise Terminated(signum)


_CAUGHT = [getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n)]


def _catch_signals() -> None:
    """Route SIGTERM and SIGHUP to _on_signal (in the main thread only)."""
    for sig in _CAUGHT:
        try:
            signal.signal(sig, _on_signal)
        except ValueError:  # not the main thread: leave signals alone
            pass


def _stop_now(status: int) -> None:
    """End the process at once after a signal: kill any worker processes, skip the exit
    handlers (a worker pool whose workers died mid-task can hang while shutting down)."""
    import multiprocessing as mp
    import os

    from .parallel import end_open_pools, kill_and_reap

    end_open_pools()  # first, or a pool would fork replacements for the workers killed here
    kill_and_reap(mp.active_children(), 1.0)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; bad input ends with a one-line error and exit status 2."""
    parser = build_parser()
    args = parser.parse_args(argv)
    _catch_signals()
    try:
        if args.command == "corpus":
            return _run_table(args, paragraph_records, PARAGRAPH_FIELDS)
        if args.command == "quotes":
            return _run_table(args, _quote_records, QUOTE_FIELDS)
        if args.command == "metrics":
            return _run_table(args, _metric_records, None)  # columns: those of article_row
        if args.command == "report":
            from ..report.build import build_report

            from .parallel import resolve_jobs

            jobs, note = resolve_jobs(args.jobs)
            if note:
                print(f"{PROG}: note: {note}", file=sys.stderr)
            if args.article_pages is not None and args.article_pages < 0:
                raise InputError("--article-pages must be 0 (every article) or more")
            build_report(corpus=args.corpus, out=args.out, only=args.only, study=args.study,
                         jobs=jobs, skip_bad=args.skip_bad, article_pages=args.article_pages)
            return 0
        if args.command == "lexicon":
            from ..measures.lexicon import RECORD_FIELDS

            return _run_table(args, _lexicon_records, RECORD_FIELDS)
        if args.command == "frames":
            from ..measures.frames import FRAME_FIELDS

            return _run_table(args, _frame_records, FRAME_FIELDS)
        if args.command == "run":
            return _run_results(args)
        if args.command == "coding-sheet":
            return _coding_sheet(args)
        if args.command == "new-study":
            from ..knowledge.newstudy import new_study

            path = new_study(args.folder, corpus=args.corpus, target=args.target,
                             aliases=args.alias, title=args.title)
            print(f"study written to {path}; edit it, then run: {PROG} metrics --study "
                  f"{args.folder}", file=sys.stderr)
            return 0
    except InputError as e:
        if args.debug:
            raise
        print(f"{parser.prog}: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{parser.prog}: interrupted", file=sys.stderr)
        return 130
    except Terminated as t:  # the partial output is already removed
        print(f"{parser.prog}: stopped by {signal.Signals(t.args[0]).name}", file=sys.stderr)
        _stop_now(128 + t.args[0])
    except BrokenPipeError:
        return 0
    except Exception as e:  # an internal error: still one line unless --debug
        if args.debug:
            raise
        print(f"{parser.prog}: internal error: {type(e).__name__}: {e} (re-run with --debug "
              f"for the traceback, and please report it)", file=sys.stderr)
        return 1
    parser.error(f"unknown command {args.command!r}")
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
