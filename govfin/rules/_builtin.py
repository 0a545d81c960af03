"""Import the built-in rule modules so that they register in :data:`REGISTRY` (private)."""

from __future__ import annotations

from govfin.rules import (
    _catalogue,
    _cross,
    _narrative_amounts,
    _narrative_rates,
    _narrative_shares,
    _narrative_words,
    _regional,
    _rollup,
    _structure,
    _tables,
)

__all__ = ["MODULES"]

MODULES = (
    _structure,
    _tables,
    _rollup,
    _cross,
    _regional,
    _catalogue,
    _narrative_amounts,
    _narrative_shares,
    _narrative_rates,
    _narrative_words,
)
