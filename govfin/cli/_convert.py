"""``govfin convert``: read any supported input and write it as ``.json`` or ``.xlsx``."""

from __future__ import annotations

import argparse
import sys

from govfin.cli._output import add_force, check_output
from govfin.cli._show import add_input_arguments, load_input, report_problems

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``convert`` sub-command."""
    parser = subparsers.add_parser(
        "convert",
        help="convert a report to .json (native) or .xlsx",
        description="Read INPUT (any readable format) and write it to OUTPUT, whose "
        "suffix chooses the format (.json: govfin's lossless native format; .xlsx: one "
        "sheet per table in the official layout).  Load problems are kept in the output "
        "and printed; unreadable cells make the exit code 2.",
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
    parser.add_argument("-o", "--output", required=True, metavar="OUTPUT")
    add_force(parser)
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from govfin.io import save  # noqa: PLC0415 - keeps the CLI start fast

    check_output(args.output, list(args.input or []), force=args.force)
    report = load_input(args)
    save(report, args.output)  # atomic: a failure leaves OUTPUT as it was
    print(f"wrote {args.output} ({len(report.tables)} tables)", file=sys.stderr)
    return report_problems(report, "convert")
