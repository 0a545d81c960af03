"""The ``govfin`` command line.

Sub-commands live in their own modules (``govfin.cli._code`` …); each offers
``register(subparsers)`` that adds its parser and sets ``handler`` to a function
taking the parsed arguments and returning the exit code.  Exit codes: 0 clean,
1 findings at or above the fail level, 2 bad input or usage
(:class:`ExitCode`, used by every sub-command).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import Final

from govfin import __version__
from govfin._exit import ExitCode
from govfin.errors import GovfinError

__all__ = ["EXIT_BAD_INPUT", "EXIT_FINDINGS", "EXIT_OK", "ExitCode", "build_parser", "main"]

EXIT_OK: Final[int] = ExitCode.OK.value
"""Nothing reached the fail level (:attr:`ExitCode.OK`)."""
EXIT_FINDINGS: Final[int] = ExitCode.FINDINGS.value
"""At least one finding reached the fail level (:attr:`ExitCode.FINDINGS`)."""
EXIT_BAD_INPUT: Final[int] = ExitCode.BAD_INPUT.value
"""Bad input or usage (:attr:`ExitCode.BAD_INPUT`)."""

# Each module registers one or more sub-commands.
_COMMAND_MODULES: Final = (
    "govfin.cli._check",
    "govfin.cli._show",
    "govfin.cli._convert",
    "govfin.cli._code",
    "govfin.cli._rules",
    "govfin.cli._draft",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command registered."""
    parser = _Parser(
        prog="govfin",
        description="Check Chinese government budget and final-account disclosures exactly.",
    )
    parser.add_argument("--version", action="version", version=f"govfin {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in _COMMAND_MODULES:
        module = importlib.import_module(name)
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_BAD_INPUT
    try:
        code = handler(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (``govfin rules | head``): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except GovfinError as exc:
        print(f"govfin {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:
        print(f"govfin {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (MemoryError, RecursionError) as exc:
        print(
            f"govfin {args.command}: error: the input is too large or too deeply nested "
            f"to process ({type(exc).__name__})",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    except Exception as exc:  # a bug: one line, not a traceback (GOVFIN_DEBUG=1 shows it)
        if os.environ.get("GOVFIN_DEBUG"):
            raise
        print(
            f"govfin {args.command}: internal error: {type(exc).__name__}: {exc} "
            "(please report it; set GOVFIN_DEBUG=1 to see where)",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    return int(code)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
