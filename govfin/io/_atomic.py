"""Atomic writes: a temporary file in the same folder, then a rename over the target.

Every file govfin writes (``save``, ``govfin convert -o``, ``govfin check -o``,
the annotated PDF) goes through :func:`replacing`, so that a failure while
writing (a full disk, a value a writer refuses) never leaves a truncated or
half-written file, and never harms a file that was there before.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from govfin.errors import WriteError

__all__: list[str] = []


def _mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def replacing(path: str | os.PathLike[str]) -> Iterator[str]:
    """Yield a temporary path beside *path*; on success rename it to *path*, else delete it.

    The new file gets the permissions of the file it replaces (or the usual
    ones for a new file).

    Raises:
        WriteError: when the folder cannot take the file, or the rename fails
            (any error raised inside the block passes through unchanged).
    """
    target = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(target))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{Path(target).name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise WriteError(f"cannot write here ({exc.strerror or exc})", file=target) from exc
    os.close(fd)
    try:
        yield tmp
        try:
            mode = os.stat(target).st_mode & 0o7777
        except OSError:
            mode = _mode()
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, WriteError):
            raise
        raise WriteError(f"cannot write ({exc.strerror or exc})", file=target) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write *data* to *path* atomically (see :func:`replacing`).

    Raises:
        WriteError: when the file cannot be written; *path* is then unchanged.
    """
    with replacing(path) as tmp, open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write *text* to *path* atomically as UTF-8.

    Raises:
        WriteError: when the file cannot be written or the text cannot be
            encoded (an unpaired surrogate); *path* is then unchanged.
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise WriteError(
            f"the text holds characters no file can hold ({exc.reason}, position {exc.start})",
            file=os.fspath(path),
        ) from exc
    write_bytes(path, data)
