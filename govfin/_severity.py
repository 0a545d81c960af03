"""Severity, outcome and reason of a finding: the bottom layer every layer may import.

The rule engine (:mod:`govfin.rules`) re-exports them; the rounding comparisons
and the calculators use :class:`Outcome` and :class:`Reason` without depending
on the engine.
"""

from __future__ import annotations

import enum

__all__ = ["Outcome", "Reason", "Severity"]


class Severity(enum.Enum):
    """How much a finding matters, following Chinese audit practice.

    Identities that must hold are ``error``; plausibility checks that can be
    legitimately explained are ``warning``; rounding residue (尾数误差) is ``info``.

    >>> Severity.parse("warning") >= Severity.INFO
    True
    >>> sorted([Severity.ERROR, Severity.INFO, Severity.WARNING])
    [<Severity.INFO: 'info'>, <Severity.WARNING: 'warning'>, <Severity.ERROR: 'error'>]
    """

    def __str__(self) -> str:
        return str(self.value)

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error."""
        return _RANK[self]

    @classmethod
    def parse(cls, text: str | Severity) -> Severity:
        """Read a severity from its name (``error``, ``warning``, ``info``).

        Raises:
            ValueError: for any other name.
        """
        if isinstance(text, Severity):
            return text
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise ValueError(
                f"unknown severity {text!r}; expected error, warning or info"
            ) from None

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Outcome(enum.Enum):
    """What a comparison found.

    * ``exact``: the figures agree to the last printed digit (a pass);
    * ``rounding_residue``: they agree only thanks to rounding (尾数误差);
    * ``truncation_residue``: they disagree under 四舍五入 but agree if the
      author truncated (舍去尾数) instead of rounding;
    * ``inconsistent``: they disagree beyond any rounding;
    * ``not_evaluated``: the check could not run (a table or cell missing, a
      rule that failed) and says why.

    >>> Outcome.ROUNDING_RESIDUE.value
    'rounding_residue'
    """

    def __str__(self) -> str:
        return str(self.value)

    EXACT = "exact"
    ROUNDING_RESIDUE = "rounding_residue"
    TRUNCATION_RESIDUE = "truncation_residue"
    INCONSISTENT = "inconsistent"
    NOT_EVALUATED = "not_evaluated"


class Reason(enum.Enum):
    """Why a residue is a residue, not an error; the value is the Chinese term a reviewer reads.

    * ``尾数误差``: the figures agree within the rounding of each printed figure
      (四舍五入 to the decimals printed);
    * ``舍位平衡``: after a change of unit (kept in 元, published in 万元) the
      publisher shifted a rounded figure by one unit so that its table adds up;
      two printings of one quantity in two tables may then differ by one unit;
    * ``由印出数计算``: a figure in the prose was computed from figures as
      printed (a difference, share, sum or rate of rounded figures), not from
      the exact amounts the tables are kept in;
    * ``截尾``: the figures agree only if digits were cut off (truncated), not
      rounded half-up.

    >>> Reason.BALANCING.value
    '舍位平衡'
    """

    def __str__(self) -> str:
        return str(self.value)

    ROUNDING = "尾数误差"
    BALANCING = "舍位平衡"
    FROM_PRINTED = "由印出数计算"
    TRUNCATION = "截尾"
