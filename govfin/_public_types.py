"""The public value types and the name of the :mod:`govfin.testing` strategy for each."""

from __future__ import annotations

from typing import Final

from govfin.amounts import Amount, Interval

STRATEGIES: Final[dict[type, str]] = {
    Amount: "amounts",
    Interval: "intervals",
}
