"""Hypothesis strategies for well-formed classification codes (local to the tests)."""

from __future__ import annotations

from hypothesis import strategies as st

from govfin.classification import Classification

_PART = st.integers(1, 99).map(lambda n: f"{n:02d}")


@st.composite
def codes(draw: st.DrawFn, classification: Classification) -> str:
    """A well-formed code of *classification*, at any of its levels."""
    depth = draw(st.integers(1, len(classification.levels)))
    parts = [classification.prefix + draw(_PART)]
    parts += [draw(_PART) for _ in range(depth - 1)]
    return "".join(parts)
