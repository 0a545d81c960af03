"""The public value types and the name of the :mod:`govfin.testing` strategy for each.

:mod:`govfin._hypothesis_hook` registers each strategy with
:func:`hypothesis.strategies.register_type_strategy` when hypothesis loads, so
``st.from_type(Code)`` draws a well-formed code, ``st.from_type(Report)`` a
consistent report, and so on.  The strategies are called without arguments.

>>> from govfin.classification import Code
>>> STRATEGIES[Code]
'codes'
"""

from __future__ import annotations

from typing import Final

from govfin.amounts import Amount, Interval
from govfin.classification import Code
from govfin.report import Cell, Report, Table

__all__ = ["STRATEGIES"]

STRATEGIES: Final[dict[type, str]] = {
    Amount: "amounts",
    Interval: "intervals",
    Code: "codes",
    Cell: "cells",
    Table: "tables",
    Report: "reports",
}
"""Public value type → the name of its strategy in :mod:`govfin.testing`."""
