"""``govfin code``: look up a classification code (filled in by the classification work)."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``code`` sub-command."""
    parser = subparsers.add_parser("code", help="look up a classification code")
    parser.add_argument("code")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    print(args.code)
    return 0
