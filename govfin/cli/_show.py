"""``govfin show``: print the tables govfin recognised in a report, as text or native JSON."""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections.abc import Sequence

from govfin._exit import ExitCode
from govfin.report import Report, Table

__all__ = ["add_input_arguments", "format_table", "load_input", "register", "report_problems"]


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    """The INPUT arguments of a command that reads one report (``show``, ``convert``, ``draft``).

    Several INPUTs are the files of one report (a narrative and its tables)
    and need ``--one-report``, so that two reports are never merged by mistake.
    """
    parser.add_argument(
        "input",
        nargs="*",
        metavar="INPUT",
        help="the report file (.pdf, .txt, .xlsx, .xls, .docx, .json); several files of one "
        "report with --one-report",
    )
    parser.add_argument(
        "--one-report",
        action="store_true",
        help="the INPUT files are one report (e.g. the narrative PDF and the tables PDF): "
        "read their tables and prose together",
    )


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``show`` sub-command."""
    parser = subparsers.add_parser(
        "show",
        help="print the tables of a report (text or native JSON)",
        description="Read INPUT (any readable format) and print its tables with their "
        "rows, or the whole report in govfin's native JSON format.",
    )
    add_input_arguments(parser)
    parser.add_argument(
        "--example", action="store_true", help="use the bundled seed report instead of INPUT"
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="stop at the first unreadable cell or missing column (exit 2)",
    )
    parser.add_argument(
        "--table",
        metavar="NAME",
        action="append",
        help="only this table: a schema id (final.summary), a number (公开01表) or a title; "
        "may be repeated",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(handler=_run)


def load_input(args: argparse.Namespace) -> Report:
    """The report named by ``INPUT`` or ``--example``.

    Raises:
        LoadError: when the input cannot be read.
        SystemExit: (code 2) when neither or both are given, or several
            INPUTs without ``--one-report``.
    """
    from govfin.io import load, load_example  # noqa: PLC0415 - keeps the CLI start fast

    inputs: list[str] = list(args.input or [])
    if args.example == bool(inputs):
        print(f"govfin {args.command}: error: give INPUT or --example", file=sys.stderr)
        raise SystemExit(2)
    if len(inputs) > 1 and not getattr(args, "one_report", False):
        print(
            f"govfin {args.command}: error: {len(inputs)} INPUTs: give one, or add "
            "--one-report to read them as the files of one report",
            file=sys.stderr,
        )
        raise SystemExit(2)
    strict = getattr(args, "strict", False)
    if args.example:
        return load_example()
    return load(inputs if len(inputs) > 1 else inputs[0], strict=strict)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, *, right: bool = False) -> str:
    fill = " " * max(width - _width(text), 0)
    return fill + text if right else text + fill


def format_table(table: Table) -> str:
    """The table as aligned text: a heading line, then one line per row.

    >>> from govfin.io import load_example
    >>> print(format_table(load_example().table("final.three_public")))  # doctest: +ELLIPSIS
    公开09表 财政拨款“三公”经费支出决算表  [final.three_public]  单位：万元
    key    label  budget_total  budget_abroad ...
    total  合计   0             0             ...
    """
    schema = table.schema or "unrecognised"
    lines = [f"{table.label}  [{schema}]  单位：{table.unit.value}"]
    heads = ["key", "行次", "label", *(c.key for c in table.columns)]
    body: list[list[str]] = [
        [
            r.key,
            r.line_no or "",
            r.label.replace("\n", " "),
            *(r.cell(c.key).text.replace("\n", " ") for c in table.columns),
        ]
        for r in table.rows
    ]
    keep = [i for i in range(len(heads)) if i != 1 or any(row[1] for row in body)]
    grid = [[row[i] for i in keep] for row in [heads, *body]]
    widths = [max(_width(row[i]) for row in grid) for i in range(len(keep))]
    numeric = [i >= 3 for i in keep]
    for row in grid:
        cells = [
            _pad(text, widths[i], right=numeric[i] and row is not grid[0])
            for i, text in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
    lines.extend(f"  {note}" for note in table.notes)
    return "\n".join(lines)


def report_problems(report: Report, command: str) -> int:
    """Print the load problems to stderr; return 2 if any is an error, else 0."""
    errors = [p for p in report.problems if p.severity == "error"]
    for p in report.problems:
        print(f"{p.severity}: {p.describe()}", file=sys.stderr)
    if errors:
        print(
            f"govfin {command}: error: {len(errors)} unreadable cell(s) or missing column(s); "
            f"first: {errors[0].describe()}",
            file=sys.stderr,
        )
        return ExitCode.BAD_INPUT
    return ExitCode.OK


def _select(report: Report, names: Sequence[str] | None) -> tuple[Table, ...]:
    if not names:
        return report.tables
    return tuple(report.table(n) for n in names)


def _run(args: argparse.Namespace) -> int:
    from govfin.io.jsonio import to_json  # noqa: PLC0415

    report = load_input(args)
    try:
        tables = _select(report, args.table)
    except KeyError as exc:
        print(f"govfin show: error: {exc.args[0]}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    if args.format == "json":
        print(to_json(report.evolve(tables=tables)))
    else:
        who = " ".join(
            str(x)
            for x in (report.department, report.year, report.kind.value, report.scope.value)
            if x is not None
        )
        print(f"{who}  ({report.source})")
        for table in tables:
            print()
            print(format_table(table))
    return report_problems(report, "show")
