"""``govfin draft``: registered by the work that builds it."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``draft`` sub-command (not yet available)."""
