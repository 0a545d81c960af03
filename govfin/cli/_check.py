"""``govfin check``: run the rules over one or many reports and print the findings.

Exit codes: 0 when no finding reaches the fail level (``--fail-on``, default
``error``), 1 when one does, 2 when an input cannot be read or the usage is
wrong (:class:`govfin.cli.ExitCode`).  Inputs are checked through
:func:`govfin.batch.check_many` (``--jobs N``: in N processes); with several,
a progress bar shows on a terminal (stderr), and one batch summary
(:func:`govfin.render.batch.summary`) comes before the verdict line of the text
output.  ``--format jsonl`` and ``--format parquet`` are written as the
results arrive.  ``--format html`` hands the reports and their results to
``govfin.render.html.document`` (with the pass records, so that verified
claims show too); ``--annotate`` writes a copy of a PDF input with the
findings as annotations (``govfin.render.pdf_annotate.annotate_pdf``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Final, TextIO

from govfin._exit import ExitCode
from govfin.cli._output import add_force

if TYPE_CHECKING:
    from govfin.batch import FileResult
    from govfin.report import Report
    from govfin.rules import CheckResult, RuleSet, Severity

__all__ = ["EXAMPLE_SOURCE", "register"]

EXAMPLE_SOURCE: Final = "example"
"""How ``--example`` is named among the inputs."""

_FORMATS: Final = ("text", "json", "jsonl", "html", "parquet")
_STREAMED: Final = ("jsonl", "parquet")  # written as the results arrive


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
        help="output format (default text; jsonl: one line per input, streamed; "
        "parquet: one row per finding, with -o FILE)",
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
    from govfin.batch import _rules  # noqa: PLC0415 - keeps the CLI start fast

    return _rules(tuple(select), tuple(ignore))


_GROUP: Final = "\0"
"""Joins the files of one report into one source (a file name never holds a NUL)."""


def _load(source: str) -> Report:
    """Read one input; ``example`` stands for the bundled seed (runs in workers)."""
    from govfin.io import load, load_example  # noqa: PLC0415

    if source == EXAMPLE_SOURCE:
        return load_example()
    return load(source.split(_GROUP)) if _GROUP in source else load(source)


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
) -> Iterator[FileResult]:
    """Every input checked through :func:`govfin.batch.check_many`, in input order."""
    from govfin.batch import check_many  # noqa: PLC0415

    progress = _Progress(len(sources), sys.stderr)
    try:
        for item in check_many(
            sources,
            jobs=1 if len(sources) == 1 else jobs,
            select=select,
            ignore=ignore,
            previous=previous,
            catalogs=catalogs,
            keep_passes=keep_report,
            keep_reports=keep_report,
            load=_load,
        ):
            progress.step(item.source)
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
    items: list[FileResult],
    args: argparse.Namespace,
) -> str:
    """The findings in *fmt* (text, json or html); *items* are every input's brief result.

    Raises:
        ValueError: when the HTML renderer is not installed.
    """
    from govfin import render  # noqa: PLC0415
    from govfin.render import batch  # noqa: PLC0415

    failed = [(i.source, i.failure.message) for i in items if i.failure is not None]
    if fmt == "text":
        return render.to_text(
            results,
            sources=names,
            show_info=args.verbose or "info" in args.show,
            min_severity=args.min_severity,
            fail_on=args.fail_on,
            failed=[_display(s) for s, _ in failed],
            colour=_colour(args),
            summary=batch.summary(items, display=_display) if len(items) > 1 else None,
        )
    if fmt == "json":
        doc = render.json.document(
            results,
            sources=names,
            errors=[{"source": _display(s), "error": e} for s, e in failed],
        )
        return render.json.dumps(doc) + "\n"
    return _html(list(zip(reports, results, strict=True)), names)


def _stream(args: argparse.Namespace, items: Iterable[FileResult]) -> list[FileResult]:
    """Write JSON Lines (one line per input) or the Parquet findings dataset as results arrive.

    Returns the brief results (counts, no findings) for the exit code.

    Raises:
        LoadError: for Parquet without the parquet extra.
    """
    import attrs  # noqa: PLC0415

    from govfin.render import batch  # noqa: PLC0415

    seen: list[FileResult] = []

    def briefly(stream: Iterable[FileResult]) -> Iterator[FileResult]:
        for item in stream:
            if item.failure is not None:
                print(f"govfin check: error: {item.failure.message}", file=sys.stderr)
            seen.append(item.brief())
            if item.result is not None and args.min_severity != "info":
                yield attrs.evolve(item, result=_at_least(item.result, args.min_severity))
            else:
                yield item

    if args.format == "parquet":
        batch.write_parquet(briefly(items), args.output, display=_display)
        return seen
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    try:
        for item in briefly(items):
            out.write(batch.jsonl_line(item, display=_display))
            out.flush()
    finally:
        if args.output:
            out.close()
    return seen


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


def _usage_problem(
    args: argparse.Namespace, sources: Sequence[str], select: list[str], ignore: list[str]
) -> str | None:
    """What is wrong with the options, or ``None``."""
    if args.jobs < 0:
        return "--jobs must be 0 or more"
    try:
        resolve_rules(select, ignore)
    except ValueError as exc:
        return str(exc)
    if args.annotate:
        return _annotate_usage(args, sources)
    if args.format == "parquet" and not args.output:
        return "--format parquet writes a file: give -o FINDINGS.parquet"
    return None


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
    from govfin.rules import Severity  # noqa: PLC0415

    sources = _sources(args)
    if isinstance(sources, str):
        print(f"govfin check: error: {sources}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    select, ignore = _split(args.select), _split(args.ignore)
    problem = _usage_problem(args, sources, select, ignore)
    if problem:
        print(f"govfin check: error: {problem}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    if args.output:  # a WriteError (exit 2) before any work: never over an input
        inputs = [s for s in (*sources, args.previous, *args.catalog) if s]
        check_output(args.output, inputs, force=args.force)
    keep = args.format == "html" or args.annotate
    checked = _run_all(
        sources, select, ignore, args.previous, args.jobs, catalogs=args.catalog, keep_report=keep
    )
    level = Severity.parse(args.fail_on)
    if args.format in _STREAMED:
        return _exit(_stream(args, checked), level)
    names: list[str] = []
    results: list[CheckResult] = []
    reports: list[Report] = []
    items = []
    for item in checked:
        items.append(item.brief())
        if item.result is None:
            if len(sources) == 1 or args.format != "text":
                message = item.failure.message if item.failure else "not checked"
                print(f"govfin check: error: {message}", file=sys.stderr)
            continue
        names.append(_display(item.source))
        result = item.result
        results.append(result if args.format == "text" else _at_least(result, args.min_severity))
        if item.report is not None:
            reports.append(item.report)
    failed = sum(item.failure is not None for item in items)
    if failed and len(sources) > 1 and args.format == "text":
        print(
            f"govfin check: error: {failed} of {len(sources)} inputs could not be checked "
            "(listed with the reason at the end of the output)",
            file=sys.stderr,
        )
    try:
        output = _render(
            args.format, names=names, results=results, reports=reports, items=items, args=args
        )
    except ValueError as exc:
        print(f"govfin check: error: {exc}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    if args.annotate:
        sys.stdout.write(output)
        if results and reports:
            try:
                _annotate(sources[0], reports[0], results[0], args.output)
            except ValueError as exc:
                print(f"govfin check: error: {exc}", file=sys.stderr)
                return ExitCode.BAD_INPUT
    elif args.output:
        write_text(args.output, output)  # atomic: a failure leaves FILE as it was
    else:
        sys.stdout.write(output)
    return _exit(items, level)


def _exit(items: Sequence[FileResult], level: Severity) -> ExitCode:
    """The exit code of :func:`govfin.render.text.exit_code` over the files checked."""
    from govfin.render.text import exit_code  # noqa: PLC0415

    results = [item.result for item in items if item.result is not None]
    unreadable = sum(item.failure is not None for item in items)
    return ExitCode(exit_code(results, fail_on=level, unreadable=unreadable))


def _display(source: str) -> str:
    if source == EXAMPLE_SOURCE:
        from govfin.io import EXAMPLE  # noqa: PLC0415

        return f"example:{EXAMPLE}"
    return source.replace(_GROUP, " + ")
