"""Hypothesis entry point: registers govfin's strategies when hypothesis loads.

Kept free of top-level hypothesis imports, as hypothesis requires of plugins.
The strategies are registered as :func:`~hypothesis.strategies.deferred`, so
that :mod:`govfin.testing` (which imports hypothesis) is only imported when a
strategy is first drawn from.  The types and strategy names are listed in
:mod:`govfin._public_types`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st  # noqa: PLC0415 - plugin hooks import lazily

    from govfin import _public_types  # noqa: PLC0415

    for cls, name in _public_types.STRATEGIES.items():
        st.register_type_strategy(cls, _deferred(name))


def _deferred(name: str) -> SearchStrategy[Any]:
    """The strategy ``govfin.testing.<name>()``, built on first use."""
    from hypothesis import strategies as st  # noqa: PLC0415

    def build() -> SearchStrategy[Any]:
        import govfin.testing  # noqa: PLC0415

        strategy: SearchStrategy[Any] = getattr(govfin.testing, name)()
        return strategy

    return st.deferred(build)
