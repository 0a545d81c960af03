"""Whether govfin's compiled PDF helpers (``govfin.io._pdfium_c``) are used: decided once.

The extension is built on install wherever a C compiler is found; each of its
functions has a Python twin giving the same result (the reference, and the
fallback).  ``GOVFIN_PURE_PYTHON=1`` in the environment makes govfin use the
Python twins.
"""

from __future__ import annotations

import os
from types import ModuleType

__all__ = ["COMPILED", "compiled"]

compiled: ModuleType | None
try:
    from govfin.io import _pdfium_c as compiled
except ImportError:  # pragma: no cover - built wherever a C compiler is found
    compiled = None

COMPILED = compiled is not None and not os.environ.get("GOVFIN_PURE_PYTHON")
"""Whether the compiled helpers run (built, and not turned off by ``GOVFIN_PURE_PYTHON``)."""
