"""govfin: exact, checkable Chinese government budget and final-account disclosures.

govfin reads the tables and the 情况说明 of a 部门决算 or 部门预算 disclosure,
holds every figure as an exact :class:`~decimal.Decimal` with its unit and
published precision, and checks the arithmetic, the classification rollups,
the identities between tables and the figures quoted in the prose.

The top-level package only re-exports the most used names; import the
sub-modules (:mod:`govfin.amounts`, :mod:`govfin.classification`, …) for the rest.
"""

from __future__ import annotations

from govfin.amounts import Amount, CellState, Interval, Unit, parse_cell
from govfin.errors import GovfinError

__all__ = [
    "Amount",
    "CellState",
    "GovfinError",
    "Interval",
    "Unit",
    "__version__",
    "parse_cell",
]

__version__ = "0.1.0.dev0"
"""The version of this govfin release (a :pep:`440` string)."""
