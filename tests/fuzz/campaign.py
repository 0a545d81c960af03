"""Shared pieces of the bad-input campaign: the outcome every input must have, and its bounds.

Every input handed to a loader must end in one of two ways: a report, or a
typed error from :mod:`govfin.errors` — never another exception (a traceback
for the user), never a hang, never gigabytes.  A report that could not be
read in full must not check clean (rule GF-S004).  Run the campaign long with
``HYPOTHESIS_PROFILE=fuzz`` (10 000 examples per property).
"""

from __future__ import annotations

import contextlib
import resource
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from govfin.errors import GovfinError
from govfin.report import Report
from govfin.rules import check

HANG_SECONDS: Final = 60
"""An input that keeps a loader busy longer than this is a hang (real reports take < 2 s)."""

MEMORY_CAP: Final = 2 * 1024**3
"""The most memory (peak resident size) the test process may reach."""

ZOO: Final = Path(__file__).parent.parent / "data" / "zoo"


class Hang(Exception):
    """An input kept a loader busy past :data:`HANG_SECONDS`."""


@contextlib.contextmanager
def bounded(seconds: float = HANG_SECONDS) -> Iterator[None]:
    """Fail with :class:`Hang` when the block runs longer than *seconds* (Unix; else no bound)."""
    if not hasattr(signal, "setitimer"):  # pragma: no cover - not on Windows
        yield
        return

    def on_alarm(_signum: int, _frame: object) -> None:
        raise Hang(f"still busy after {seconds} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak *= 1 if sys.platform == "darwin" else 1024  # Linux reports kB
    assert peak < MEMORY_CAP, f"peak memory {peak:,} bytes"


def outcome(load: object, *args: object) -> Report | GovfinError:
    """Call a loader within the bounds: its report, or the typed error it raised.

    Any other exception propagates (and fails the test that called it).
    """
    assert callable(load)
    with bounded():
        try:
            result = load(*args)
        except GovfinError as exc:
            error = exc
        else:
            assert isinstance(result, Report)
            return result
    assert str(error), "an error with no message"
    return error


def assert_no_silent_pass(report: Report) -> None:
    """Checking *report* never crashes, and a report read in part never checks clean."""
    with bounded():
        result = check(report)
    crashed = [f for f in result.findings if f.note and " raised " in f.note]
    assert not crashed, crashed[0].note
    assert result.coverage is not None
    if not result.coverage.complete:
        assert not result.ok, result.coverage.describe()
        assert any(f.rule == "GF-S004" for f in result.findings), result.coverage.describe()
