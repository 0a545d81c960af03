"""The exit codes of every ``govfin`` command, in one place.

They live at the bottom of the layers so that the command line
(:mod:`govfin.cli`, their public home) and the text renderer's verdict line
(:mod:`govfin.render.text`) use the same constants.
"""

from __future__ import annotations

import enum

__all__ = ["ExitCode"]


class ExitCode(enum.IntEnum):
    """What a ``govfin`` command's exit status means.

    >>> int(ExitCode.FINDINGS), ExitCode(2).name
    (1, 'BAD_INPUT')
    """

    OK = 0
    """Nothing reached the fail level (or the command did its job)."""
    FINDINGS = 1
    """At least one finding reached the fail level (``--fail-on``)."""
    BAD_INPUT = 2
    """An input could not be read or checked, or the usage is wrong."""
