"""Where the commands write: never over an input, over an existing file only with ``--force``.

Every command that writes a file (``check -o``, ``check --annotate -o``,
``convert -o``, ``draft -o``, ``code harvest -o``) declares ``--force`` with
:func:`add_force`, checks its output with :func:`check_output` before doing
any work, and writes through :func:`write_text` (or ``govfin.io.save``), which
write atomically: a temporary file in the same folder, then a rename, so that
a failure never leaves a truncated file nor harms the one that was there.

The convention is that of ``cp -n``/``install``-averse tools such as
``ffmpeg -n``: an existing file is replaced only when asked (``--force``);
an input of the command is never replaced, even with ``--force``, whatever
name reaches it (a hard link, a symbolic link, ``./x``).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterable

from govfin.errors import WriteError
from govfin.io._atomic import write_text as _write_text

__all__ = ["add_force", "check_output", "write_text"]


def add_force(parser: argparse.ArgumentParser) -> None:
    """Add ``--force``: replace an existing output file (never an input)."""
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace OUTPUT if it exists (an input file is never replaced)",
    )


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_output(output: str, inputs: Iterable[str], *, force: bool) -> None:
    """Refuse *output* when it is one of *inputs* (by inode) or exists and *force* is false.

    Raises:
        WriteError: naming the output and what to do.
    """
    if not os.path.lexists(output):
        folder = os.path.dirname(os.path.abspath(output))
        if not os.path.isdir(folder):
            raise WriteError("its folder does not exist", file=output)
        return
    if os.path.isdir(output):
        raise WriteError("is a folder; give a file name", file=output)
    for source in inputs:
        if _same_file(output, source):
            raise WriteError(
                f"would overwrite the input {source} (the same file); write elsewhere",
                file=output,
            )
    if not force:
        raise WriteError("exists; give --force to replace it", file=output)


def write_text(output: str, text: str) -> None:
    """Write *text* to *output* atomically (UTF-8).

    Raises:
        WriteError: when it cannot be written; *output* is then unchanged.
    """
    _write_text(output, text)
