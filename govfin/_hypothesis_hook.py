"""Hypothesis entry point: registers govfin's strategies when hypothesis loads.

Kept free of top-level hypothesis imports, as hypothesis requires of plugins.
The strategies are registered as :func:`~hypothesis.strategies.deferred`, so
that :mod:`govfin.testing` (which imports hypothesis) is only imported when a
strategy is first drawn from.
"""

from __future__ import annotations


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st  # noqa: PLC0415 - plugin hooks import lazily

    from govfin import _public_types  # noqa: PLC0415

    for cls, name in _public_types.STRATEGIES.items():
        st.register_type_strategy(cls, _deferred(name))


def _deferred(name: str):  # type: ignore[no-untyped-def]  # noqa: ANN202
    from hypothesis import strategies as st  # noqa: PLC0415

    def build():  # type: ignore[no-untyped-def]  # noqa: ANN202
        import govfin.testing  # noqa: PLC0415

        return getattr(govfin.testing, name)()

    return st.deferred(build)
