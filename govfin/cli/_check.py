"""``govfin check``: run the rules over one or many reports and print the findings.

Exit codes: 0 when no finding reaches the fail level (``--fail-on``, default
``error``), 1 when one does, 2 when an input cannot be read or the usage is
wrong.  With several inputs, ``--jobs N`` checks them in N processes, a
progress bar shows on a terminal (stderr), and a summary table ends the text
output.  ``--format html`` hands the reports and their results to
``govfin.render.html.document`` (with the pass records, so that verified
claims show too); ``--annotate`` writes a copy of a PDF input with the
findings as annotations (``govfin.render.pdf_annotate.annotate_pdf``).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING, Final, TextIO

from govfin.cli._output import add_force

if TYPE_CHECKING:
    from govfin.report import Report
    from govfin.rules import CheckResult, RuleSet

__all__ = ["EXAMPLE_SOURCE", "register"]

EXAMPLE_SOURCE: Final = "example"
"""How ``--example`` is named among the inputs."""

_FORMATS: Final = ("text", "json", "jsonl", "html")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``check`` sub-command."""
    parser = subparsers.add_parser(
        "check",
        help="check reports: arithmetic, rollups, cross-table identities, prose",
        description="Check each INPUT (any readable format) with every rule of the "
        "registry (see `govfin rules`) and print the findings. Exit 0 when none reaches "
        "the fail level, 1 when one does, 2 for unreadable input or bad usage.",
    )
    parser.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help="report files (.pdf, .txt, .xlsx, .xls, .docx, .json), or folders of them",
    )
    parser.add_argument("--example", action="store_true", help="also check the bundled seed report")
    together = parser.add_mutually_exclusive_group()
    together.add_argument(
        "--one-report",
        action="store_true",
        help="the INPUT files are the files of one report (e.g. the narrative PDF and the "
        "tables PDF): check their tables and prose together",
    )
    together.add_argument(
        "--pair",
        action="store_true",
        help="check the files of one report together where their names pair them "
        "(X.pdf with X-tables.pdf, X表.pdf …) or a narrative's 目录 lists the tables of "
        "another file; the pairs are printed to stderr",
    )
    parser.add_argument(
        "--format",
        choices=_FORMATS,
        default="text",
        help="output format (default text; jsonl: one report per line)",
    )
    parser.add_argument(
        "--select",
        metavar="IDS",
        action="append",
        default=[],
        help="only these rules: comma-separated ids, id prefixes (GF-R), tags or table ids",
    )
    parser.add_argument(
        "--ignore",
        metavar="IDS",
        action="append",
        default=[],
        help="leave out these rules (same forms as --select)",
    )
    parser.add_argument(
        "--fail-on",
        choices=("error", "warning"),
        default="error",
        help="exit 1 when a finding of this severity or worse is found (default error)",
    )
    parser.add_argument(
        "--min-severity",
        choices=("error", "warning", "info"),
        default="info",
        help="leave out findings below this severity, in every format (default info: "
        "all; the summary still counts them)",
    )
    parser.add_argument(
        "--show",
        choices=("info",),
        action="append",
        default=[],
        help="text output: --show info prints info findings in full instead of counting "
        "them by outcome and reason",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="same as --show info",
    )
    parser.add_argument(
        "--color",
        "--colour",
        dest="colour",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the text output: auto (a terminal, unless NO_COLOR is set; "
        "FORCE_COLOR forces it), always or never",
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=1,
        metavar="N",
        help="check inputs in N processes (0: one per CPU)",
    )
    parser.add_argument(
        "--previous",
        metavar="LAST_YEAR_INPUT",
        help="last year's report, for the rules that compare with last year",
    )
    parser.add_argument(
        "--catalog",
        metavar="FILE",
        action="append",
        default=[],
        help="an official classification catalogue (.csv/.xlsx) to check codes and names "
        "against instead of the bundled partial one (repeatable)",
    )
    parser.add_argument(
        "--annotate",
        action="store_true",
        help="with one PDF INPUT and -o OUT.pdf: write a copy of the PDF with each finding "
        "as an annotation on its cell or sentence (the findings still print to stdout)",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE instead of stdout (with --annotate: the annotated PDF)",
    )
    add_force(parser)
    parser.set_defaults(handler=_run)


def _split(values: Sequence[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def resolve_rules(select: Sequence[str], ignore: Sequence[str]) -> RuleSet:
    """The rule set of the default registry after ``--select`` and ``--ignore``.

    Raises:
        ValueError: when a selector names no rule.
    """
    from govfin.rules import default_rules  # noqa: PLC0415 - keeps the CLI start fast

    rules = default_rules()
    if select:
        rules = rules.select(*select)
    if ignore:
        rules = rules.ignore(*ignore)
    return rules


_GROUP: Final = "\0"
"""Joins the files of one report into one source (a file name never holds a NUL)."""


def _load(source: str) -> Report:
    from govfin.io import load, load_example  # noqa: PLC0415

    if source == EXAMPLE_SOURCE:
        return load_example()
    return load(source.split(_GROUP)) if _GROUP in source else load(source)


def check_source(
    source: str,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    previous: str | None = None,
    *,
    catalogs: Sequence[str] = (),
    keep_report: bool = False,
) -> tuple[str, CheckResult | None, str | None, Report | None]:
    """Load and check one input: ``(source, result, error, report)``.

    Never raises for a bad input: the error text comes back instead (this
    runs in worker processes).
    """
    from govfin.classification import load_catalog  # noqa: PLC0415
    from govfin.errors import GovfinError  # noqa: PLC0415
    from govfin.rules import check  # noqa: PLC0415

    try:
        report = _load(source)
        last = _load(previous) if previous else None
        loaded = [load_catalog(path, year=report.year) for path in catalogs]
    except (GovfinError, OSError) as exc:
        return source, None, str(exc), None
    except (MemoryError, RecursionError) as exc:  # bounded inputs make these rare
        return source, None, f"{source}: too large to process ({type(exc).__name__})", None
    rules = resolve_rules(select, ignore)
    result = check(report, rules, previous=last, catalogs=loaded, keep_passes=keep_report)
    return source, result, None, report if keep_report else None


class _Progress:
    """A plain progress bar on stderr, shown only on a terminal and for several inputs."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self.enabled = total > 1 and stream.isatty()

    def step(self, name: str) -> None:
        self.done += 1
        if not self.enabled:
            return
        width = 30
        filled = width * self.done // self.total
        bar = "#" * filled + "-" * (width - filled)
        tail = name if len(name) <= 40 else "…" + name[-39:]
        self.stream.write(f"\r[{bar}] {self.done}/{self.total} {tail:<40}")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * 80 + "\r")
            self.stream.flush()


def _run_all(
    sources: Sequence[str],
    select: Sequence[str],
    ignore: Sequence[str],
    previous: str | None,
    jobs: int,
    *,
    catalogs: Sequence[str],
    keep_report: bool,
) -> Iterator[tuple[str, CheckResult | None, str | None, Report | None]]:
    progress = _Progress(len(sources), sys.stderr)
    try:
        if jobs == 1 or len(sources) == 1:
            for source in sources:
                item = check_source(
                    source, select, ignore, previous, catalogs=catalogs, keep_report=keep_report
                )
                progress.step(source)
                yield item
            return
        workers = jobs if jobs > 0 else (os.cpu_count() or 1)
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [
                pool.submit(
                    check_source,
                    s,
                    select,
                    ignore,
                    previous,
                    catalogs=catalogs,
                    keep_report=keep_report,
                )
                for s in sources
            ]
            for source, future in zip(sources, futures, strict=True):
                item = future.result()
                progress.step(source)
                yield item
    finally:
        progress.close()


def _html(items: Sequence[tuple[Report, CheckResult]], sources: Sequence[str]) -> str:
    import importlib  # noqa: PLC0415
    import importlib.util  # noqa: PLC0415

    if importlib.util.find_spec("govfin.render.html") is None:
        raise ValueError("--format html needs govfin.render.html, which is not installed")
    module = importlib.import_module("govfin.render.html")
    document: Callable[..., str] = module.document
    return document(items, sources=sources)


def _annotate_usage(args: argparse.Namespace, sources: Sequence[str]) -> str | None:
    """Why ``--annotate`` cannot run with these arguments, or ``None``."""
    if args.format == "html":
        return "--annotate writes an annotated PDF and --format html a page: give one of them"
    if len(sources) != 1 or _GROUP in sources[0]:
        return "--annotate takes exactly one PDF INPUT"
    if not sources[0].lower().endswith(".pdf"):
        return "--annotate needs a PDF INPUT (the annotations go on its pages)"
    if not args.output:
        return "--annotate needs -o OUT.pdf for the annotated copy"
    return None


def _annotate(pdf: str, report: Report, result: CheckResult, output: str) -> None:
    from govfin.render.pdf_annotate import annotate_pdf  # noqa: PLC0415 - the pdf extra

    done = annotate_pdf(pdf, report, result, output)
    print(
        f"govfin check: wrote {done.output} ({done.annotations} annotations for "
        f"{done.placed} findings; {done.unplaced} without a position, {done.skipped} skipped)",
        file=sys.stderr,
    )


def _render(
    fmt: str,
    *,
    names: list[str],
    results: list[CheckResult],
    reports: list[Report],
    failed: list[tuple[str, str]],
    args: argparse.Namespace,
) -> str:
    """The findings in *fmt* (text, json, jsonl or html).

    Raises:
        ValueError: when the HTML renderer is not installed.
    """
    from govfin import render  # noqa: PLC0415

    if fmt == "text":
        return render.to_text(
            results,
            sources=names,
            show_info=args.verbose or "info" in args.show,
            min_severity=args.min_severity,
            fail_on=args.fail_on,
            failed=[_display(s) for s, _ in failed],
            colour=_colour(args),
        )
    if fmt == "json":
        doc = render.json.document(
            results,
            sources=names,
            errors=[{"source": _display(s), "error": e} for s, e in failed],
        )
        return render.json.dumps(doc) + "\n"
    if fmt == "jsonl":
        return render.to_jsonl(results, sources=names)
    return _html(list(zip(reports, results, strict=True)), names)


def _colour(args: argparse.Namespace) -> bool:
    from govfin.render.text import use_colour  # noqa: PLC0415

    if args.colour != "auto":
        return bool(args.colour == "always")
    if args.output and not args.annotate:
        return False
    return use_colour(sys.stdout)


def _at_least(result: CheckResult, level: str) -> CheckResult:
    """*result* with only the findings of severity *level* or worse (summary unchanged)."""
    import attrs  # noqa: PLC0415

    if level == "info":
        return result
    return attrs.evolve(result, findings=result.at_least(level))


def _sources(args: argparse.Namespace) -> list[str] | str:
    """The files to check (folders expanded, the example first), or what is wrong."""
    from govfin.errors import GovfinError  # noqa: PLC0415
    from govfin.io import expand  # noqa: PLC0415

    try:
        sources = expand(args.inputs)
    except GovfinError as exc:
        return str(exc)
    if args.one_report:
        if args.example:
            return "--one-report reads the INPUT files as one report: leave out --example"
        if len(sources) < 2:
            return "--one-report needs the two or more files of one report"
        sources = [_GROUP.join(sources)]
    elif args.pair:
        sources = _paired(sources)
    if args.example:
        sources.insert(0, EXAMPLE_SOURCE)
    if not sources:
        return "give INPUT files or --example"
    return sources


def _paired(sources: list[str]) -> list[str]:
    """The files grouped by name into reports (:func:`govfin.io.combine.pair`), said on stderr."""
    from govfin.io.combine import pair  # noqa: PLC0415

    pairing = pair(sources, contents=True)
    for group, how in pairing.groups:
        if len(group) > 1:
            print(f"govfin check: one report from {' + '.join(group)} ({how})", file=sys.stderr)
    for file, why in pairing.unsure:
        print(f"govfin check: {file}: {why}", file=sys.stderr)
    return [_GROUP.join(group) for group, _ in pairing.groups]


def _run(args: argparse.Namespace) -> int:
    from govfin.cli._output import check_output, write_text  # noqa: PLC0415
    from govfin.render.text import exit_code  # noqa: PLC0415

    sources = _sources(args)
    if isinstance(sources, str):
        print(f"govfin check: error: {sources}", file=sys.stderr)
        return 2
    if args.jobs < 0:
        print("govfin check: error: --jobs must be 0 or more", file=sys.stderr)
        return 2
    select, ignore = _split(args.select), _split(args.ignore)
    try:
        resolve_rules(select, ignore)
    except ValueError as exc:
        print(f"govfin check: error: {exc}", file=sys.stderr)
        return 2
    problem = _annotate_usage(args, sources) if args.annotate else None
    if problem:
        print(f"govfin check: error: {problem}", file=sys.stderr)
        return 2
    if args.output:  # a WriteError (exit 2) before any work: never over an input
        inputs = [s for s in (*sources, args.previous, *args.catalog) if s]
        check_output(args.output, inputs, force=args.force)
    keep = args.format == "html" or args.annotate
    names: list[str] = []
    results: list[CheckResult] = []
    reports: list[Report] = []
    failed: list[tuple[str, str]] = []
    for source, result, error, report in _run_all(
        sources, select, ignore, args.previous, args.jobs, catalogs=args.catalog, keep_report=keep
    ):
        if result is None:
            failed.append((source, error or "unreadable"))
            print(f"govfin check: error: {error}", file=sys.stderr)
            continue
        names.append(_display(source))
        results.append(result if args.format == "text" else _at_least(result, args.min_severity))
        if report is not None:
            reports.append(report)
    try:
        output = _render(
            args.format,
            names=names,
            results=results,
            reports=reports,
            failed=failed,
            args=args,
        )
    except ValueError as exc:
        print(f"govfin check: error: {exc}", file=sys.stderr)
        return 2
    if args.annotate:
        sys.stdout.write(output)
        if results and reports:
            try:
                _annotate(sources[0], reports[0], results[0], args.output)
            except ValueError as exc:
                print(f"govfin check: error: {exc}", file=sys.stderr)
                return 2
    elif args.output:
        write_text(args.output, output)  # atomic: a failure leaves FILE as it was
    else:
        sys.stdout.write(output)
    return exit_code(results, fail_on=args.fail_on, unreadable=len(failed))


def _display(source: str) -> str:
    if source == EXAMPLE_SOURCE:
        from govfin.io import EXAMPLE  # noqa: PLC0415

        return f"example:{EXAMPLE}"
    return source.replace(_GROUP, " + ")
