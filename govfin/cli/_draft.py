"""``govfin draft``: write the standard 情况说明 of a 决算 from its tables.

Every figure is exact, every set of shares sums to 100.00% (largest
remainder), and what needs a person (the reasons for a change, the initial
budget) is marked ``【待填写：…】``.  With ``--previous`` the changes against
last year are computed from last year's report.  With ``--check`` the drafted
text is read back and checked like a published one (exit code 1 on an error).
"""

from __future__ import annotations

import argparse
import sys

from govfin._exit import ExitCode
from govfin.cli._output import add_force, check_output, write_text
from govfin.cli._show import add_input_arguments

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``draft`` sub-command."""
    parser = subparsers.add_parser(
        "draft",
        help="draft the 情况说明 of a 决算 from its tables",
        description="Read INPUT (any readable format) and print the standard 情况说明 "
        "of a 部门决算 written from its tables, with exact figures and shares summing to "
        "100%%; places needing a person are marked 【待填写：…】.",
    )
    add_input_arguments(parser)
    parser.add_argument(
        "--example", action="store_true", help="use the bundled seed report instead of INPUT"
    )
    parser.add_argument(
        "--previous",
        metavar="LAST_YEAR_INPUT",
        help="last year's report: changes against last year are computed from it",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="read the drafted text back and check its claims (exit 1 on an error)",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    add_force(parser)
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from govfin.cli._show import load_input  # noqa: PLC0415 - keeps the CLI start fast
    from govfin.io import load  # noqa: PLC0415
    from govfin.narrative import draft  # noqa: PLC0415
    from govfin.report import Narrative, Section  # noqa: PLC0415
    from govfin.rules import Severity, assess  # noqa: PLC0415

    if args.output:
        inputs = [p for p in (*(args.input or []), args.previous) if p]
        check_output(args.output, inputs, force=args.force)
    report = load_input(args)
    previous = load(args.previous) if args.previous else None
    text = draft(report, previous)
    if args.output:
        write_text(args.output, text)
    else:
        sys.stdout.write(text)
    if not args.check:
        return ExitCode.OK
    drafted = report.evolve(narrative=Narrative((Section("", text),)))
    bad = [v for v in assess(drafted, previous) if v.severity >= Severity.WARNING and not v.is_pass]
    for v in bad:
        at = v.location
        where = f" chars {at.start}–{at.end}" if at is not None and at.start is not None else ""
        print(f"{v.rule} {v.severity.value}{where}: {v.message}", file=sys.stderr)
    return ExitCode.FINDINGS if any(v.severity is Severity.ERROR for v in bad) else ExitCode.OK
